"""Qt adapters over the core: table models, background jobs, translations."""
