"""Books in a database: a SQLite file or a PostgreSQL database, through one SQLAlchemy Core layout.

:class:`Store` is one open book. Opening it for editing records this session among the book's
holders and brings an older book up to this Planner's format (the migrations ladder); loading
reads the whole book with its row ids, positions and versions. Saves apply a change set (the
rows inserted, changed and deleted since the last save) in one transaction, after checking that
none of those rows changed in the store since this session saw them (a lost update is refused,
never silent), and log those rows in the same transaction. Full writes (Save As, copies) build
the whole book in a new file renamed into place, or in one PostgreSQL transaction.

The parts: ``layout`` (tables, metadata, formats), ``rows`` (values as stored), ``holders``,
``changelog``, ``migrations`` and ``legacy`` (older formats), ``files`` and ``temporary``
(whole-file writes), ``transactions`` (write transactions, errors), ``dialects``.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from planner.core import schema
from planner.core.book import ID_BLOCK, Book, Tables
from planner.core.changes import ChangeSet
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.storage import BOOK_SUFFIX, changelog, dialects, migrations
from planner.storage.files import check_book_file, check_writable, write_file
from planner.storage.holders import (BookInUse, alive, holder_meta, holders, live_holder, record, renewed,
                                     session_holder, who)
from planner.storage.layout import (
    CHANGE_LOG, META, META_TABLE, SCHEMA_VERSION, TABLES, all_meta, check_integrity, checked_meta, checked_version,
    highest_id, meta_value, set_meta,
)
from planner.storage.legacy import read_v1
from planner.storage.rows import extra_columns, read_all, stored_rows, write_all
from planner.storage.temporary import remove_stale_saves
from planner.storage.transactions import Errors, ReadOnlyLocation, WriteTransaction

__all__ = ["BOOK_SUFFIX", "SCHEMA_VERSION", "BookInUse", "ReadOnlyLocation", "SaveConflict", "Store", "copy_book",
           "database_holds_book", "open_book", "save_book", "write_book"]

CHUNK = 500  # ids per "IN (...)" query
_READ_ONLY_PLACE = QT_TRANSLATE_NOOP("errors", "{path} is on a read-only disk or folder: open it read-only, or "
                                               "copy it somewhere you can write")
_MOVED_ON = QT_TRANSLATE_NOOP("errors", "Not saved: {path} was saved again ({by}) after the work recovered "
                                       "here was last kept, and saving over it would undo that save. Save the "
                                       "recovered work as another file, then copy what you need across")
_NOT_OURS = QT_TRANSLATE_NOOP("errors", "{target} holds something other than a Planner book; nothing was "
                                        "written (choose another file or an empty database)")


class SaveConflict(PlannerError):
    """Rows this session changed were changed (or deleted) by another session since it read them."""


class Store:
    """One book in a SQLite file or a PostgreSQL database.

    Open it with :meth:`open`; ``mode="edit"`` registers this session as the book's holder
    (refused with :class:`BookInUse` while another live session holds it, unless
    ``take_over``) and reserves a block of row ids; ``mode="read"`` takes no lock at all.
    """

    def __init__(self, target: str | os.PathLike, url: sa.URL, mode: str) -> None:
        self.target = str(target)
        self.url = url
        self.mode = mode
        self.engine = dialects.make_engine(url)
        self.holder: dict | None = None
        self._integrity: Future | None = None  # a file's quick check, running beside its read

    @property
    def is_file(self) -> bool:
        return self.url.drivername == "sqlite"

    @property
    def name(self) -> str:
        return dialects.shown(dialects.url_of(self.target))

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, target: str | os.PathLike, mode: str = "read", take_over: bool = False) -> Store:
        """Open the book at ``target`` (a path or a database URL).

        Raises
        ------
        PlannerError
            Naming the target and what is wrong: missing, not a book, damaged or truncated,
            locked, written by a newer Planner; :class:`BookInUse` when another Planner holds it.
        """
        url = dialects.url_of(target)
        if url.drivername == "sqlite":
            path = Path(url.database)
            check_book_file(path)
            if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
                if mode == "edit":
                    raise ReadOnlyLocation(_READ_ONLY_PLACE, path=str(path))
                url = dialects.read_only_file_url(path)
        store = cls(target, url, mode)
        try:
            store._check(take_over)
        except BaseException:
            store.engine.dispose()
            raise
        if store.is_file and mode == "edit":
            remove_stale_saves(Path(url.database))
        return store

    def _check(self, take_over: bool) -> None:
        with self._errors("read"), self._damage_first():
            if self.mode == "read" and self.is_file:
                # checked beside the read, which waits for it (``load``): SQLite checks without
                # Python's lock, so on two cores the check costs a report no time
                self._integrity = _in_background(self._check_integrity)
            with dialects.reading(self.engine.connect()) as connection, connection.begin():
                if self._integrity is None:  # before anything is written to the file
                    check_integrity(connection, self.name)
                version = checked_version(checked_meta(connection, self.name), self.name)
        if self.mode != "edit":
            return
        if version < SCHEMA_VERSION:
            with self._errors("open"), self._write() as connection:
                self._refuse_held(all_meta(connection), take_over)  # never migrate under another Planner
            with self._errors("migrate"):
                migrations.climb(self.engine, self.name, version)
        with self._errors("open"), self._write() as connection:
            meta = checked_meta(connection, self.name)
            self._refuse_held(meta, take_over)
            staying = [holder for holder in holders(meta) if alive(holder)]
            self.holder = session_holder()  # beside the others after "Edit anyway"
            set_meta(connection, **holder_meta([*staying, self.holder]))
        with self.engine.connect() as connection:
            dialects.pragma(connection, "journal_mode = WAL")  # books of format 1 used a rollback journal

    def _check_integrity(self) -> None:
        with self.engine.connect() as connection:
            check_integrity(connection, self.name)

    def await_integrity(self) -> None:
        """Wait for the file's integrity check begun by :meth:`open`, if one runs; raise what it
        found (a damaged file)."""
        check, self._integrity = self._integrity, None
        if check is not None:
            check.result()

    @contextmanager
    def _damage_first(self, wait: bool = False):
        """Whatever else fails, a file the integrity check finds damaged is refused as damaged;
        ``wait``: wait for the check when nothing failed too."""
        try:
            yield
        except Exception:
            self.await_integrity()
            raise
        if wait:
            self.await_integrity()

    def _refuse_held(self, meta: dict, take_over: bool) -> None:
        holder = live_holder(meta)
        if holder and not take_over:
            raise BookInUse(self.name, holder)

    # -- transactions and errors -------------------------------------------------------------
    def _write(self):
        return WriteTransaction(self.engine)

    def _errors(self, doing: str):
        return Errors(self.name, doing)

    def _reading(self):
        """A connection inside one read transaction (a consistent snapshot, no lock)."""
        return dialects.reading(self.engine.connect())

    # -- loading ---------------------------------------------------------------------------
    def load(self) -> Book:
        """The whole book, with each row's id, position and version. A book opened for
        editing draws its new row ids from a block reserved in the store. A file opened to
        read is handed over only once its integrity check, run beside the read, passed."""
        with self._errors("read"), self._damage_first(wait=True):
            with self._reading() as connection, connection.begin():
                meta = checked_meta(connection, self.name)
                if checked_version(meta, self.name) == 1:
                    return read_v1(connection, self.name)
                book = read_all(connection, meta, self.name)
        if self.mode == "edit":
            book.use_id_block(self.reserve_ids(ID_BLOCK), ID_BLOCK)
            book.reserve_ids = self.reserve_ids
        return book

    def reserve_ids(self, count: int, at_least: int = 1) -> int:
        """Reserve ``count`` row ids for this session (none below ``at_least``); returns the first.

        Never an id a row already has: a ``next_row_id`` below the ids in use (a damaged or
        hand-edited book) is repaired here, when the book is opened for editing."""
        with self._errors("save"), self._write() as connection:
            dialects.lock_revision(connection, META_TABLE)
            start = max(int(meta_value(connection, "next_row_id")), at_least, highest_id(connection) + 1)
            set_meta(connection, next_row_id=str(start + count))
        return start

    def bind(self, book: Book, written: Tables, revision: int = 1) -> None:
        """Make this store ``book``'s home after ``written`` (a snapshot of it) was written here
        whole: every row written is at ``revision``, new ids come from this store."""
        book.versions = {name: pd.Series(revision, index=written._frames[name].index, dtype="int64")
                         for name in schema.TABLES}
        book.stored_as(written)
        book.stored_revision = revision
        book.use_id_block(self.reserve_ids(ID_BLOCK, at_least=book._next_id), ID_BLOCK)
        book.reserve_ids = self.reserve_ids

    def change_log(self, since_revision: int | None = None) -> pd.DataFrame:
        """Which rows the saves changed, oldest first (only those after ``since_revision``
        when given): ``revision``, ``table_name``, ``row_id``, ``kind`` (``insert``,
        ``update``, ``delete``; ``write`` for a whole table written at once, without a row
        id), ``who`` (``user@host``) and ``at`` (UTC). Empty for a book of a format before
        the log."""
        with self._errors("read"), self._reading() as connection, connection.begin():
            return changelog.read(connection, since_revision)

    # -- saving ----------------------------------------------------------------------------
    def save(self, snapshot: Tables, changes: ChangeSet, versions: dict[str, pd.Series]) -> int:
        """Write the rows of ``changes`` (as ``snapshot`` holds them) and their lines of the
        change log in one transaction; returns the store's new revision.

        Raises
        ------
        SaveConflict
            When another session changed or deleted one of those rows since this session
            read it (``versions``: the row versions this session saw); nothing is written.
        """
        if self.mode != "edit":
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is open read-only: save a copy with Save As"),
                               path=self.name)
        with self._errors("save"), self._write() as connection:
            dialects.lock_revision(connection, META_TABLE)
            revision = int(meta_value(connection, "revision")) + 1
            self._check_conflicts(connection, snapshot, changes, versions)
            for name, table_changes in changes.tables.items():
                table = TABLES[name]
                gone = sorted(table_changes.deleted | table_changes.updated)
                for chunk in _chunks(gone):
                    connection.execute(table.delete().where(table.c.row_id.in_(chunk)))
                rows = sorted(table_changes.inserted | table_changes.updated)
                if rows:
                    frame = snapshot._frames[name].loc[rows]
                    positions = pd.Series(snapshot._positions[name], index=snapshot._frames[name].index)[rows]
                    dialects.bulk_insert(connection, table, stored_rows(
                        name, frame, positions.to_numpy(), revision, snapshot._unresolved.get(name, {})))
            changelog.record_changes(connection, changes, revision, who(self.holder))
            set_meta(connection, revision=str(revision), extra_columns=extra_columns(snapshot),
                     saved_by=json.dumps(self._saver()))
        self._checkpoint()
        return revision

    def _checkpoint(self) -> None:
        """Copy what the WAL holds into the book file, so that the file alone (a backup, a synced
        or mailed copy) is the saved book. The save is already committed: a checkpoint another
        program keeps waiting (a long read) is done by a later save or the close instead."""
        if self.is_file:
            try:
                with self.engine.connect() as connection:
                    dialects.checkpoint(connection)
            except (sa.exc.SQLAlchemyError, sqlite3.Error, OSError):
                pass

    def _check_conflicts(self, connection, snapshot: Tables, changes: ChangeSet, versions) -> None:
        clashes: list[tuple[str, int]] = []
        for name, table_changes in changes.tables.items():
            table = TABLES[name]
            seen = versions.get(name, pd.Series(dtype="int64"))
            touched = sorted(table_changes.updated | table_changes.deleted)
            stored = {}
            for chunk in _chunks(touched):
                stored.update(connection.execute(sa.select(table.c.row_id, table.c._version)
                                                 .where(table.c.row_id.in_(chunk))).all())
            clashes += [(name, row) for row in touched if stored.get(row) != seen.get(row)]
            for chunk in _chunks(sorted(table_changes.inserted)):
                taken = connection.execute(sa.select(table.c.row_id).where(table.c.row_id.in_(chunk))).scalars()
                clashes += [(name, row) for row in taken]
        if clashes:
            saver = record(meta_value(connection, "saved_by")) or {}
            where = ", ".join(_row_name(snapshot, name, row) for name, row in clashes[:5])
            more = f" (+{len(clashes) - 5})" if len(clashes) > 5 else ""
            raise SaveConflict(QT_TRANSLATE_NOOP(
                "errors", "Not saved: another Planner ({host}, {at}) changed the same rows since you opened the "
                          "book: {rows}. Your changes are kept here: save them as a copy with Save As, or reopen "
                          "the book and make them again"),
                host=saver.get("host", "?"), at=saver.get("at", "?")[:16].replace("T", " "), rows=where + more)

    def _saver(self) -> dict:
        return {"host": socket.gethostname(), "user": getpass.getuser(),
                "at": datetime.now().isoformat(timespec="seconds")}

    def renew_hold(self) -> None:
        """Renew this session's hold on a book in a database (each minute while it is open):
        a hold not renewed for a while is taken for a Planner that ended on another machine
        (holders.alive). A file is held by a process another Planner can look at instead."""
        if self.mode != "edit" or self.holder is None or self.is_file:
            return
        with self._errors("save"), self._write() as connection:
            dialects.lock_revision(connection, META_TABLE)  # one writer of the metadata at a time, as a save
            current = holders(all_meta(connection))
            if any(holder.get("token") == self.holder["token"] for holder in current):
                set_meta(connection, **holder_meta(renewed(current, self.holder["token"])))

    def close(self) -> None:
        """Release the book (this session no longer holds it) and the connection."""
        if self._integrity is not None:
            self._integrity.exception()  # a check still running ends before the file is let go
        if self.mode == "edit" and self.holder is not None:
            try:
                with self._write() as connection:
                    # only this session's claim: others that edit it anyway still hold the book
                    current = holders(all_meta(connection))
                    others = [holder for holder in current if holder.get("token") != self.holder["token"]]
                    if len(others) < len(current):
                        set_meta(connection, **holder_meta([h for h in others if alive(h)]))
            except (sa.exc.SQLAlchemyError, sqlite3.Error, OSError, ValueError):
                pass  # the book stays marked as held; a later open on this machine sees the process is gone
            self.holder = None
            self._checkpoint()
        self.engine.dispose()


def _in_background(work: Callable[[], None]) -> Future:
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planner-check")
    try:
        return pool.submit(work)
    finally:
        pool.shutdown(wait=False)  # its one thread ends with the work


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _row_name(book: Tables, table: str, row: int) -> str:
    key = book.keys(table).get(row) if schema.TABLES[table].key else None
    return f"{table} {key}" if key is not None and not pd.isna(key) else f"{table} #{row}"


# -- whole books ----------------------------------------------------------------------------
def database_holds_book(target: str) -> bool:
    """Whether the database at ``target`` holds a Planner book (a write would replace it)."""
    url = dialects.url_of(target)
    engine = dialects.make_engine(url)
    try:
        with Errors(dialects.shown(url), "read"), engine.connect() as connection:
            return META in sa.inspect(connection).get_table_names()
    finally:
        engine.dispose()


def refuse_moved_on(target: str | os.PathLike, base: int | None) -> None:
    """Refuse to write recovered edits over the book at ``target`` when it was saved again
    after the store revision ``base`` they lie on (unknown: refused too): a whole write would
    undo those saves without a word. Nothing there, or something else than a book: no refusal
    (write_book judges it)."""
    if not dialects.is_url(os.fspath(target)) and not os.path.lexists(target):
        return
    try:
        store = Store.open(target, "read")
    except PlannerError:
        return
    try:
        with store._errors("read"), store._reading() as connection, connection.begin():
            revision = int(meta_value(connection, "revision") or 0)
            saver = record(meta_value(connection, "saved_by")) or {}
    finally:
        store.close()
    if base is None or revision != base:
        by = f"{who(saver)}, {saver['at'].replace('T', ' ')}" if saver.get("at") else f"revision {revision}"
        raise PlannerError(_MOVED_ON, path=store.name, by=by)


def write_book(book: Tables, target: str | os.PathLike, replace_held: bool = False,
               replace_other: bool = False) -> int:
    """Write all of ``book`` to ``target`` (Save As, a copy): a new file renamed into place,
    or one PostgreSQL transaction. Returns the revision written. The book's change log starts
    there with the whole book written (see ``changelog.py``).

    Raises
    ------
    PlannerError
        When the target cannot be written, holds something other than a Planner book (a
        database with other tables; a file, unless ``replace_other``: the user chose to replace
        it), or :class:`BookInUse` when another live Planner holds the book there
        (``replace_held`` to replace it anyway).
    """
    if isinstance(book, Book):
        book = book.snapshot()
    url = dialects.url_of(target)
    name = dialects.shown(url)
    if url.drivername == "sqlite":
        path = Path(url.database)
        check_writable(path)
        if not replace_held:
            _refuse_held(path, replace_other)
        with Errors(name, "save"):
            write_file(path, lambda connection: _write_whole(connection, book, revision=1))
        return 1
    engine = dialects.make_engine(url)
    try:
        with Errors(name, "save"), WriteTransaction(engine) as connection:
            revision = 1
            present = set(sa.inspect(connection).get_table_names())
            if present and META not in present:  # never mixed into another program's database
                raise PlannerError(_NOT_OURS, target=name)
            if META in present:
                meta = all_meta(connection)
                holder = live_holder(meta)
                if holder and not replace_held:
                    raise BookInUse(name, holder)
                revision = int(meta.get("revision") or 0) + 1
            for table in [*TABLES.values(), META_TABLE, CHANGE_LOG]:
                table.drop(connection, checkfirst=True)
            _write_whole(connection, book, revision)
    finally:
        engine.dispose()
    return revision


def _write_whole(connection: sa.Connection, book: Tables, revision: int) -> None:
    write_all(connection, book, revision)
    changelog.record_write(connection, revision, who())


def _refuse_held(path: Path, replace_other: bool) -> None:
    if not path.exists() or (path.stat().st_size == 0 and path.is_file()):
        return
    try:
        store = Store.open(path, "read")
        store.await_integrity()
    except PlannerError:
        if replace_other:
            return  # the user chose to replace it
        raise PlannerError(_NOT_OURS, target=str(path)) from None
    try:
        with store.engine.connect() as connection:
            holder = live_holder(all_meta(connection))
    except sa.exc.SQLAlchemyError:
        holder = None
    finally:
        store.engine.dispose()
    if holder:
        raise BookInUse(str(path), holder)


def open_book(target: str | os.PathLike) -> Book:
    """Read the book at ``target`` without taking any lock (reports, copies)."""
    store = Store.open(target, "read")
    try:
        return store.load()
    finally:
        store.close()


def save_book(book: Tables, target: str | os.PathLike) -> None:
    """Write all of ``book`` to ``target`` (see :func:`write_book`)."""
    write_book(book, target)


def copy_book(source: str | os.PathLike, target: str | os.PathLike, replace_other: bool = False) -> Book:
    """Copy a book between files and databases, losslessly (ids, order, extra columns);
    ``replace_other`` as :func:`write_book` takes it."""
    book = open_book(source)
    write_book(book, target, replace_other=replace_other)
    return book
