"""Books on disk: one SQLite file per book, written through SQLAlchemy Core."""

from planner.storage.sqlite import BOOK_SUFFIX, SCHEMA_VERSION, open_book, save_book

__all__ = ["BOOK_SUFFIX", "SCHEMA_VERSION", "open_book", "save_book"]
