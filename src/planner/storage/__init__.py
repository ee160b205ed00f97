"""Books on disk or on a server: SQLite files and PostgreSQL databases, through SQLAlchemy Core.

The names below are imported from their modules when first used (PEP 562): a start on the demo
book never opens a store, and SQLAlchemy alone takes about 0.1 s to import.
"""

from __future__ import annotations

import importlib

BOOK_SUFFIX = ".planner"

_HOMES = {"SCHEMA_VERSION": "layout", "BookInUse": "holders", "ReadOnlyLocation": "store", "SaveConflict": "store",
          "Store": "store", "copy_book": "store", "database_holds_book": "store", "open_book": "store", "save_book": "store", "write_book": "store"}

__all__ = ["BOOK_SUFFIX", "SCHEMA_VERSION", "BookInUse", "ReadOnlyLocation", "SaveConflict", "Store", "copy_book",
           "database_holds_book", "open_book", "save_book", "write_book"]


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
