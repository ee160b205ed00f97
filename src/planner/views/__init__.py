"""The desktop app's widgets."""
