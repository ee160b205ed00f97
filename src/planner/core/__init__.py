"""The calculation core: plain Python and pandas, no Qt (enforced by import-linter)."""
