"""Books on disk or on a server: SQLite files and PostgreSQL databases, through SQLAlchemy Core."""

from planner.storage.layout import BOOK_SUFFIX, SCHEMA_VERSION
from planner.storage.store import (
    BookInUse, ReadOnlyLocation, SaveConflict, Store, copy_book, open_book, save_book, write_book,
)

__all__ = ["BOOK_SUFFIX", "SCHEMA_VERSION", "BookInUse", "ReadOnlyLocation", "SaveConflict", "Store", "copy_book",
           "open_book", "save_book", "write_book"]
