"""Book files on disk: what a path must be to be read or written, and whole-file writes.

A full write (Save As, a copy) builds the book in a temporary file beside its target (named
by ``temporary.py``), makes it durable (fsync), renames it into place and syncs the folder:
the path holds the old file or the whole new one, whatever happens.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError, os_reason
from planner.storage import dialects
from planner.storage.temporary import remove_stale_saves, temporary_for, with_sidecars


def check_book_file(path: Path) -> None:
    """Refuse, in the user's words, a path that cannot hold a book: missing, a folder, not a
    SQLite file, truncated."""
    if path.is_dir():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is a folder, not a Planner book"), path=str(path))
    if not path.is_file():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path}: no such file"), path=str(path))
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not read {path}: {reason}"),
                           path=str(path), reason=os_reason(error)) from None
    if not header.startswith(b"SQLite format 3\x00"):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is not a Planner book"), path=str(path))
    if len(header) < 100 or path.stat().st_size < 512:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged or truncated ({reason}); open a backup "
                                                       "copy"), path=str(path), reason="file too short")


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name the same file (also through a link or another spelling)."""
    try:
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except OSError:
        return one.resolve() == other.resolve()


def check_writable(path: Path) -> None:
    """Refuse, in the user's words, the targets a save cannot write."""
    if path.is_dir():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is a folder; choose a file name"), path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Cannot save {path}: the folder {folder} does not exist"),
                           path=str(path), folder=str(folder))
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Cannot save {path}: no permission to write there"),
                           path=str(path))


def write_file(path: Path, fill: Callable[[sa.Connection], None]) -> None:
    """Build a new database file with ``fill`` (called inside its one transaction) in a
    temporary file beside ``path``, then rename it into place."""
    temporary = temporary_for(path)
    remove_stale_saves(path)  # what killed saves left here
    try:
        for leftover in with_sidecars(temporary):
            leftover.unlink(missing_ok=True)
        engine = dialects.make_engine(sa.URL.create("sqlite", database=str(temporary)))
        try:
            with engine.connect() as connection:
                # no rollback journal for a file nobody else sees yet: the rename is the commit
                dialects.pragma(connection, "journal_mode = OFF")
                with connection.begin():
                    fill(connection)
                dialects.pragma(connection, "journal_mode = WAL")
        finally:
            engine.dispose()
        _sync(temporary)
        os.replace(temporary, path)
        for stale in with_sidecars(path)[1:]:
            stale.unlink(missing_ok=True)  # an old book's sidecars must not meet the new file
        if os.name == "posix":  # make the rename itself durable; Windows has no directory handles to sync
            _sync(path.parent)
    finally:
        for leftover in with_sidecars(temporary):
            leftover.unlink(missing_ok=True)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
