"""Write transactions, and the one clear line a database error becomes for the user."""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa

from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.storage import dialects


class WriteTransaction:
    """``with`` a connection inside a write transaction (committed on success)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def __enter__(self) -> sa.Connection:
        self.connection = dialects.writing(self.engine.connect())
        self.transaction = self.connection.begin()
        return self.connection

    def __exit__(self, kind, error, _traceback) -> None:
        try:
            if kind is None:
                self.transaction.commit()
            else:
                self.transaction.rollback()
        finally:
            self.connection.close()


class ReadOnlyLocation(PlannerError):
    """The book lies where it cannot be written (a read-only disk or share, a database its user
    may only read): it opens read-only."""


PERMISSION_DENIED = "42501"  # PostgreSQL's SQLSTATE for a privilege the user lacks


class Errors:
    """Turns database errors into one clear line naming the book and what happened
    (``doing``: ``save``, ``migrate``, else reading)."""

    def __init__(self, name: str, doing: str) -> None:
        self.name, self.doing = name, doing

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _traceback) -> bool:
        if error is None or isinstance(error, PlannerError) or not isinstance(
                error, (sa.exc.SQLAlchemyError, sqlite3.Error, OSError, UnicodeError)):
            return False
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        lowered = reason.lower()
        if "locked" in lowered or "busy" in lowered or "lock timeout" in lowered:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is locked by another program; try again in a "
                                                           "moment"), path=self.name) from None
        if "malformed" in lowered or "not a database" in lowered or "disk image" in lowered or "decode" in lowered:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged or truncated ({reason}); open a "
                                                           "backup copy"), path=self.name, reason=reason) from None
        if self.doing in ("open", "migrate") and getattr(getattr(error, "orig", None), "sqlstate", None) \
                == PERMISSION_DENIED:  # a user who may only read the book: it opens read-only
            raise ReadOnlyLocation(QT_TRANSLATE_NOOP("errors", "{path} cannot be written by this database user "
                                                               "({reason}): ask the database's owner for write "
                                                               "access"), path=self.name, reason=reason) from None
        if self.doing == "migrate":
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not bring {path} up to this Planner's book format: "
                                                           "{reason}"), path=self.name, reason=reason) from None
        if self.doing == "save":
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not save {path}: {reason}"),
                               path=self.name, reason=reason) from None
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not read {path}: {reason}"),
                           path=self.name, reason=reason) from None
