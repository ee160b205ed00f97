"""Books in a database: a SQLite file or a PostgreSQL database, through one SQLAlchemy Core layout.

Every table of the schema is a SQL table keyed by the rows' surrogate ids::

    row_id INTEGER PRIMARY KEY, _position REAL, _version INTEGER, <the schema's columns>,
    _extra TEXT, _unresolved TEXT

``_position`` orders the rows (the database's physical order means nothing); ``_version`` is
the book revision that last wrote the row, so a save can tell whether someone else changed a
row since this session read it. The user's own extra columns live in ``_extra`` as one JSON
object per row (their names and kinds in the metadata): the SQL layout then never changes
with the user's columns, so a change-set save needs no DDL, any header (Korean, quotes,
``"from"``) is safe, and SQLite and PostgreSQL store them alike. ``_unresolved`` keeps
references that did not resolve (JSON, column -> text).

``planner_meta`` holds the format, schema version, the book's revision, the next free row id
(sessions reserve blocks of ids from it, so two sessions never hand out the same id), the
extra columns, the last save (who, when) and the *holders*: the sessions that have the book open
for editing ("open in another Planner since 10:42 on HOST"; more than one after "Edit anyway").

Saves apply a change set (the rows inserted, changed and deleted since the last save) in one
transaction, after checking that none of those rows changed in the store since this session
saw them: a lost update is refused, never silent. Full writes (Save As, copies, migrations)
build the whole book in a new file renamed into place, or in one PostgreSQL transaction.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sqlite3
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from planner import __version__
from planner.core import schema
from planner.core.book import ID_BLOCK, Book, Tables
from planner.core.changes import ChangeSet
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.parse import NOT_DATE, NOT_INT, YEAR_RANGE, iso_days, parse_date
from planner.core.problems import Problem
from planner.core.schema import ROW_ID, Kind
from planner.storage import dialects
from planner.storage.holders import BookInUse, alive, holder_meta, holders, live_holder, record, session_holder
from planner.storage.temporary import remove_stale_saves, temporary_for, with_sidecars

SCHEMA_VERSION = 3
# Tables that books of an older format lack: reading such a book shows them empty, and opening
# it for editing creates them (an in-place upgrade, no rewrite). Format 1 is migrated whole.
ADDED_SINCE: dict[int, tuple[str, ...]] = {2: ("ForecastOverrides", "ForecastSnapshots", "Leads", "LeadRules")}
BOOK_SUFFIX = ".planner"
FORMAT = "planner-book"
META = "planner_meta"
SYSTEM = ("row_id", "_position", "_version")
CHUNK = 500  # ids per "IN (...)" query

_SQL_TYPES = {
    Kind.TEXT: sa.Text, Kind.INT: sa.BigInteger, Kind.MONEY: sa.BigInteger, Kind.RATIO: sa.BigInteger,
    Kind.REF: sa.BigInteger, Kind.DATE: sa.String(10),
}
_NOT_STORED_NUMBER = QT_TRANSLATE_NOOP("errors", "{value!r} is not a number")
_UNREADABLE_META = QT_TRANSLATE_NOOP("errors", "{path} is damaged (its Planner information is not readable)")
_NOT_OURS = QT_TRANSLATE_NOOP("errors", "{target} holds something other than a Planner book; nothing was "
                                        "written (choose another file or an empty database)")
_DAMAGED_TABLE = QT_TRANSLATE_NOOP("errors", "{path} is damaged (table {table}: {reason}); open a backup copy")
_TOO_LARGE = QT_TRANSLATE_NOOP("errors", "{value!r} is too large for Planner")


class ReadOnlyLocation(PlannerError):
    """The book lies where it cannot be written (a read-only disk or share): it opens read-only."""


class SaveConflict(PlannerError):
    """Rows this session changed were changed (or deleted) by another session since it read them."""


# -- the SQL layout -----------------------------------------------------------------------
def _tables(metadata: sa.MetaData) -> dict[str, sa.Table]:
    tables = {}
    for spec in schema.TABLES.values():
        tables[spec.name] = sa.Table(
            spec.name, metadata,
            sa.Column("row_id", dialects.ROW_ID_TYPE, primary_key=True, autoincrement=False),
            sa.Column("_position", sa.Float, nullable=False),
            sa.Column("_version", sa.BigInteger, nullable=False),
            *[sa.Column(c.name, _SQL_TYPES[c.kind]) for c in spec.columns],
            sa.Column("_extra", sa.Text),
            sa.Column("_unresolved", sa.Text),
        )
    return tables


_METADATA = sa.MetaData()
TABLES = _tables(_METADATA)
META_TABLE = sa.Table(META, _METADATA, sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text))


def _all_meta(connection: sa.Connection) -> dict[str, str]:
    return dict(connection.execute(sa.select(META_TABLE.c.key, META_TABLE.c.value)).all())


def _extra_kinds(meta: dict) -> dict[str, list[tuple[str, str]]]:
    """The user's extra columns per table, checked: ``[(name, kind), ...]``."""
    value = json.loads(meta.get("extra_columns") or "{}")
    if not isinstance(value, dict):
        raise ValueError("extra_columns")
    out = {}
    for table, columns in value.items():
        if table not in schema.TABLES or not isinstance(columns, list):
            raise ValueError(table)
        out[table] = []
        for pair in columns:
            if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
                    and pair[1] in ("text", "number", "date")):
                raise ValueError(table)
            out[table].append((pair[0], pair[1]))
    return out


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
            _check_book_file(path)
            if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
                if mode == "edit":
                    raise ReadOnlyLocation(QT_TRANSLATE_NOOP("errors", "{path} is on a read-only disk or folder: open it "
                                                                   "read-only, or copy it somewhere you can write"),
                                       path=str(path))
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
        with self._errors("read"):
            with dialects.reading(self.engine.connect()) as connection, connection.begin():
                meta = self._meta(connection, integrity=True)
        version = self._version(meta)
        if self.mode == "edit":
            with self._errors("open"):
                with self._write() as connection:
                    meta = self._meta(connection)
                    holder = live_holder(meta)
                    if holder and not take_over:
                        raise BookInUse(self.name, holder)
                    staying = [holder for holder in holders(meta) if alive(holder)]
                    if version == 1:
                        self._migrate(connection, version)
                    elif version < SCHEMA_VERSION:
                        self._upgrade(connection, version)
                    self.holder = session_holder()  # beside the others after "Edit anyway"
                    self._set_meta(connection, **holder_meta([*staying, self.holder]))
            with self.engine.connect() as connection:
                dialects.pragma(connection, "journal_mode = WAL")  # books of format 1 used a rollback journal

    def _meta(self, connection: sa.Connection, integrity: bool = False) -> dict[str, str]:
        """The book's metadata, checked; ``integrity`` also runs SQLite's quick check (once per open)."""
        if integrity and self.is_file:
            damage = dialects.integrity_problem(connection)
            if damage:
                raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged ({reason}); open a backup copy"),
                                   path=self.name, reason=damage)
        if not sa.inspect(connection).has_table(META):
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is not a Planner book"), path=self.name)
        try:
            meta = {str(k): str(v) for k, v in connection.execute(sa.select(META_TABLE.c.key, META_TABLE.c.value))}
        except sa.exc.DBAPIError:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged (its Planner information cannot be "
                                                           "read)"), path=self.name) from None
        if meta.get("format") != FORMAT:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is not a Planner book"), path=self.name)
        if sa.inspect(connection).has_table("Deals"):  # the layout must be the one its version says
            has_ids = "row_id" in {column["name"] for column in sa.inspect(connection).get_columns("Deals")}
            if has_ids != (self._version(meta) >= 2):
                raise PlannerError(_UNREADABLE_META, path=self.name)
        missing = [name for name in (schema.TABLES if self._version(meta) >= 2 else ())
                   if name not in _added_after(self._version(meta)) and not sa.inspect(connection).has_table(name)]
        if missing:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged: its table(s) {names} are missing"),
                               path=self.name, names=", ".join(missing))
        return meta

    def _version(self, meta: dict) -> int:
        try:
            version = int(meta.get("schema_version", ""))
            int(meta.get("revision", "0")), int(meta.get("next_row_id", "1"))
            if version >= 2:
                _extra_kinds(meta)
        except (ValueError, TypeError):
            raise PlannerError(_UNREADABLE_META, path=self.name) from None
        if version < 1:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is not a Planner book"), path=self.name)
        if version > SCHEMA_VERSION:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} was saved by a newer Planner (book format "
                                                           "{version}); please update Planner"),
                               path=self.name, version=version)
        return version

    def _migrate(self, connection: sa.Connection, version: int) -> None:
        """Bring an older book to this format inside the opening transaction."""
        from planner.storage.legacy import read_v1

        book = read_v1(connection, self.name)
        for name in schema.TABLES:
            connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{META}"')
        _write_all(connection, book.snapshot(), revision=1)

    def _upgrade(self, connection: sa.Connection, version: int) -> None:
        """Add the tables newer formats have to a book of format ``version`` (2 or later)."""
        for name in _added_after(version):
            TABLES[name].create(connection, checkfirst=True)
        self._set_meta(connection, schema_version=str(SCHEMA_VERSION))

    # -- transactions and errors -------------------------------------------------------------
    def _write(self):
        return _WriteTransaction(self.engine)

    def _errors(self, doing: str):
        return _Errors(self.name, doing)

    # -- loading ---------------------------------------------------------------------------
    def load(self) -> Book:
        """The whole book, with each row's id, position and version. A book opened for
        editing draws its new row ids from a block reserved in the store."""
        with self._errors("read"):
            with dialects.reading(self.engine.connect()) as connection, connection.begin():
                meta = self._meta(connection)
                if self._version(meta) == 1:
                    from planner.storage.legacy import read_v1

                    return read_v1(connection, self.name)
                book = _read_all(connection, meta, self.name)
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
            start = max(int(self._meta_value(connection, "next_row_id")), at_least, _highest_id(connection) + 1)
            self._set_meta(connection, next_row_id=str(start + count))
        return start

    def bind(self, book: Book, written: Tables, revision: int = 1) -> None:
        """Make this store ``book``'s home after ``written`` (a snapshot of it) was written here
        whole: every row written is at ``revision``, new ids come from this store."""
        book.versions = {name: pd.Series(revision, index=written._frames[name].index, dtype="int64")
                         for name in schema.TABLES}
        book.stored_as(written)
        book.use_id_block(self.reserve_ids(ID_BLOCK, at_least=book._next_id), ID_BLOCK)
        book.reserve_ids = self.reserve_ids

    # -- saving ----------------------------------------------------------------------------
    def save(self, snapshot: Tables, changes: ChangeSet, versions: dict[str, pd.Series]) -> int:
        """Write the rows of ``changes`` (as ``snapshot`` holds them) in one transaction;
        returns the store's new revision.

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
            revision = int(self._meta_value(connection, "revision")) + 1
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
                    dialects.bulk_insert(connection, table, _stored_rows(
                        name, frame, positions.to_numpy(), revision, snapshot._unresolved.get(name, {})))
            self._set_meta(connection, revision=str(revision), extra_columns=_extra_columns(snapshot),
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
            saver = record(self._meta_value(connection, "saved_by")) or {}
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

    def _meta_value(self, connection, key: str) -> str | None:
        return connection.execute(sa.select(META_TABLE.c.value).where(META_TABLE.c.key == key)).scalar()

    def _set_meta(self, connection, **values: str) -> None:
        for key, value in values.items():
            connection.execute(META_TABLE.delete().where(META_TABLE.c.key == key))
            if value is not None:
                connection.execute(META_TABLE.insert().values(key=key, value=value))

    def close(self) -> None:
        """Release the book (this session no longer holds it) and the connection."""
        if self.mode == "edit" and self.holder is not None:
            try:
                with self._write() as connection:
                    # only this session's claim: others that edit it anyway still hold the book
                    current = holders(_all_meta(connection))
                    others = [holder for holder in current if holder.get("token") != self.holder["token"]]
                    if len(others) < len(current):
                        self._set_meta(connection, **holder_meta([h for h in others if alive(h)]))
            except (sa.exc.SQLAlchemyError, sqlite3.Error, OSError, ValueError):
                pass  # the book stays marked as held; a later open on this machine sees the process is gone
            self.holder = None
            self._checkpoint()
        self.engine.dispose()


class _WriteTransaction:
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


class _Errors:
    """Turns database errors into one clear line naming the book and what happened."""

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
        if self.doing == "save":
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not save {path}: {reason}"),
                               path=self.name, reason=reason) from None
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not read {path}: {reason}"),
                           path=self.name, reason=reason) from None


def _check_book_file(path: Path) -> None:
    if path.is_dir():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is a folder, not a Planner book"), path=str(path))
    if not path.is_file():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path}: no such file"), path=str(path))
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not read {path}: {reason}"),
                           path=str(path), reason=error.strerror or str(error)) from None
    if not header.startswith(b"SQLite format 3\x00"):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is not a Planner book"), path=str(path))
    if len(header) < 100 or path.stat().st_size < 512:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged or truncated ({reason}); open a backup "
                                                       "copy"), path=str(path), reason="file too short")


def _unreadable(column: schema.Column, value) -> tuple[str, dict]:
    """What is wrong with a stored value that does not fit its column."""
    if column.kind is Kind.DATE:
        try:
            parse_date(value)
        except OverflowError:
            return YEAR_RANGE, {"value": value, "low": schema.FIRST_YEAR, "high": schema.LAST_YEAR}
        except (ValueError, TypeError):
            pass
        return NOT_DATE, {"value": value}
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return _TOO_LARGE, {"value": value}
    return (NOT_INT if column.kind in (Kind.INT, Kind.REF) else _NOT_STORED_NUMBER), {"value": value}


def _highest_id(connection: sa.Connection) -> int:
    """The highest row id in use in any table of the book (0 when it has no rows)."""
    present = set(sa.inspect(connection).get_table_names())
    parts = [sa.select(sa.func.max(table.c.row_id).label("top")) for name, table in TABLES.items() if name in present]
    if not parts:
        return 0
    return int(connection.execute(sa.select(sa.func.max(sa.union_all(*parts).subquery().c.top))).scalar() or 0)


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _row_name(book: Tables, table: str, row: int) -> str:
    key = book.keys(table).get(row) if schema.TABLES[table].key else None
    return f"{table} {key}" if key is not None and not pd.isna(key) else f"{table} #{row}"


# -- writing rows ---------------------------------------------------------------------------
def _extra_columns(book: Tables) -> str:
    return json.dumps({name: [[column, schema.extra_kind(book._frames[name][column])]
                              for column in schema.extras(spec, book._frames[name])]
                       for name, spec in schema.TABLES.items()}, ensure_ascii=False)


def _stored_rows(name: str, frame: pd.DataFrame, positions: np.ndarray, revision: int,
                 unresolved: dict[str, dict[int, str]]) -> list[tuple]:
    """Rows of ``frame`` as the tuples the SQL table stores, vectorized per column."""
    spec = schema.TABLES[name]
    columns = [frame.index.to_numpy(dtype="int64").tolist(), positions.astype(float).tolist(),
               [revision] * len(frame)]
    columns += [_stored(frame[c.name], c.kind) for c in spec.columns]
    extras = schema.extras(spec, frame)
    columns.append(_extra_json(frame, extras) if extras else [None] * len(frame))
    columns.append(_unresolved_json(frame.index, unresolved))
    return list(zip(*columns))


def _stored(values: pd.Series, kind: Kind) -> list:
    """Column values as the Python objects the database stores (None for missing)."""
    missing = values.isna().to_numpy()
    if kind is Kind.DATE:
        # a book holds a few thousand distinct days at most: format each once
        codes, days = pd.factorize(values)
        out = np.append(np.asarray(days.strftime("%Y-%m-%d"), dtype=object), None)[codes]
    elif kind in schema.INTEGER_KINDS:
        out = values.to_numpy(dtype=object, na_value=None)
        return out.tolist()
    else:
        out = values.astype("string").to_numpy(dtype=object, na_value=None)
    out[missing] = None
    return out.tolist()


def _extra_json(frame: pd.DataFrame, extras: list[str]) -> list:
    columns = {}
    for name in extras:
        values = frame[name]
        kind = schema.extra_kind(values)
        if kind == "date":
            columns[name] = _stored(values, Kind.DATE)
        elif kind == "number":
            columns[name] = [None if v is None or pd.isna(v) else int(v) if isinstance(v, (int, np.integer))
                             else float(v) for v in values.to_numpy(dtype=object, na_value=None)]
        else:
            columns[name] = _stored(values, Kind.TEXT)
    out = []
    for cells in zip(*columns.values()):
        row = {name: value for name, value in zip(columns, cells) if value is not None}
        out.append(json.dumps(row, ensure_ascii=False) if row else None)
    return out


def _unresolved_json(ids: pd.Index, unresolved: dict[str, dict[int, str]]) -> list:
    if not any(unresolved.values()):
        return [None] * len(ids)
    out = []
    for row in ids.tolist():
        cells = {column: texts[row] for column, texts in unresolved.items() if row in texts}
        out.append(json.dumps(cells, ensure_ascii=False) if cells else None)
    return out


def _write_all(connection: sa.Connection, book: Tables, revision: int) -> None:
    """Create every table and the metadata and fill them (inside the caller's transaction)."""
    _METADATA.create_all(connection)
    next_id = 1
    for name in schema.TABLES:
        frame = book._frames[name]
        dialects.bulk_insert(connection, TABLES[name], _stored_rows(
            name, frame, book._positions[name], revision, book._unresolved.get(name, {})))
        if len(frame):
            next_id = max(next_id, int(frame.index.max()) + 1)
    connection.execute(META_TABLE.insert(), [
        {"key": "format", "value": FORMAT},
        {"key": "schema_version", "value": str(SCHEMA_VERSION)},
        {"key": "revision", "value": str(revision)},
        {"key": "next_row_id", "value": str(next_id)},
        {"key": "written_by", "value": f"Planner {__version__}"},
        {"key": "extra_columns", "value": _extra_columns(book)},
    ])


# -- reading rows ---------------------------------------------------------------------------
def _read_all(connection: sa.Connection, meta: dict[str, str], name: str) -> Book:
    extra_kinds = _extra_kinds(meta)
    frames, positions, versions, unresolved, opened = {}, {}, {}, {}, {}
    absent = _added_after(int(meta["schema_version"]))
    for table_name, spec in schema.TABLES.items():
        if table_name in absent and not sa.inspect(connection).has_table(table_name):
            frames[table_name], positions[table_name] = spec.empty(), np.empty(0)
            versions[table_name], unresolved[table_name] = pd.Series(dtype="int64"), {}
            continue
        try:
            _read_table(connection, table_name, spec, extra_kinds, frames, positions, versions, unresolved, opened)
        except (ValueError, TypeError, AttributeError, KeyError) as error:
            raise PlannerError(_DAMAGED_TABLE, path=name, table=table_name,
                               reason=str(error).splitlines()[0][:120] or type(error).__name__) from None
    next_id = max([int(meta.get("next_row_id", "1"))] + [int(f.index.max()) + 1 for f in frames.values() if len(f)])
    book = Book.restored(frames, positions, unresolved, {}, versions, next_id)
    # place the stored-value problems now that rows can be located
    book._opened_problems = {key: book.problem(p.table, p.row, p.column, p.template, **p.fields)
                             for key, p in opened.items()}
    return book


def _added_after(version: int) -> set[str]:
    """The tables a book of format ``version`` may lack."""
    return {name for since, names in ADDED_SINCE.items() if since >= version for name in names}


def _read_table(connection, name, spec, extra_kinds, frames, positions, versions, unresolved, opened) -> None:
    """Read one SQL table into the book's pieces (its frame, positions, versions, ...)."""
    # the JSON columns are read only when some row uses them (most books have none)
    table = TABLES[name]
    wanted = [column.name for column in table.columns if not column.name.startswith("_extra")
              and column.name != "_unresolved"]
    wanted += [column for column in ("_extra", "_unresolved") if connection.execute(
        sa.select(sa.exists().where(table.c[column].is_not(None)))).scalar()]
    names, rows = dialects.fetch(connection, "SELECT " + ", ".join(f'"{c}"' for c in wanted) + f' FROM "{name}"')
    # one 2-D object array, then a column per slice: much faster than transposing tuples
    grid = np.array(rows, dtype=object).reshape(len(rows), len(names))
    raw = {column: grid[:, n] for n, column in enumerate(names)}
    ids = pd.Index(raw["row_id"].astype("int64"), name=ROW_ID)
    data = {}
    for column in spec.columns:
        data[column.name], bad = _column(raw[column.name], column.kind, ids)
        for row, value in bad:
            opened[(name, row, column.name)] = Problem(name, row, column.name, *_unreadable(column, value))
    frame = pd.DataFrame(data, index=ids)
    if extra_kinds.get(name):
        cells = [json.loads(text) if text else {} for text in raw.get("_extra", ())]
        cells = [cell if isinstance(cell, dict) else {} for cell in cells]
        for column, kind in extra_kinds[name]:
            frame[column] = _extra_values(cells, column, kind, ids)
    order = np.argsort(np.asarray(raw["_position"], dtype="float64"), kind="stable")
    frames[name] = frame.iloc[order]
    positions[name] = np.asarray(raw["_position"], dtype="float64")[order]
    versions[name] = pd.Series(np.asarray(raw["_version"], dtype="int64"), index=ids)
    unresolved[name] = {}
    for row, text in zip(ids.tolist(), raw.get("_unresolved", ())):
        if text:
            cells = json.loads(text)
            for column, value in (cells.items() if isinstance(cells, dict) else ()):
                if column in spec.names and spec.column(column).kind is Kind.REF:
                    unresolved[name].setdefault(column, {})[row] = str(value)


def _column(values, kind: Kind, ids: pd.Index) -> tuple[pd.Series, list]:
    """A stored column as the book holds it, and the (row id, value) cells that do not fit."""
    if kind is Kind.DATE:
        series = pd.Series(values, index=ids, dtype="object")
        days, bad = iso_days(series)
        return days, [(int(r), v) for r, v in series[bad].items()]
    if kind in schema.INTEGER_KINDS:
        if set(map(type, values)) <= {int, type(None)}:  # the usual case, checked in C
            return pd.Series(pd.array(values, dtype="Int64"), index=ids), []
        out, bad = [], []
        for row, value in zip(ids.tolist(), values):
            number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
            if value is None or (number is not None and float(number).is_integer()
                                 and abs(number) <= schema.MAX_INTEGER):
                out.append(None if value is None else int(number))
            else:
                out.append(None)
                bad.append((row, value))
        return pd.Series(pd.array(out, dtype="Int64"), index=ids), bad
    if set(map(type, values)) <= {str, type(None)}:
        return pd.Series(pd.array(values, dtype="string"), index=ids), []
    series = pd.Series(values, index=ids, dtype="object")
    return series.map(lambda v: v if v is None or isinstance(v, str) else str(v)).astype("string"), []


def _extra_values(cells: list[dict], column: str, kind: str, ids: pd.Index) -> pd.Series:
    values = [cell.get(column) for cell in cells]
    series = pd.Series(values, index=ids, dtype="object")
    if kind == "date":
        return iso_days(series)[0]
    if kind == "number":
        types = set(map(type, values))
        if types <= {int, type(None)}:  # whole numbers stay exact
            return pd.Series(values, index=ids, dtype="int64" if type(None) not in types else "Int64")
        return pd.to_numeric(series, errors="coerce")
    return series.astype("string")


# -- whole books ----------------------------------------------------------------------------
def write_book(book: Tables, target: str | os.PathLike, replace_held: bool = False,
               replace_other: bool = False) -> int:
    """Write all of ``book`` to ``target`` (Save As, a copy): a new file renamed into place,
    or one PostgreSQL transaction. Returns the revision written.

    Raises
    ------
    PlannerError
        When the target cannot be written, holds something other than a Planner book (a
        file or a database with other tables; ``replace_other`` when the user chose to replace
        it), or :class:`BookInUse` when another live Planner holds the book there
        (``replace_held`` to replace it anyway).
    """
    if isinstance(book, Book):
        book = book.snapshot()
    url = dialects.url_of(target)
    name = dialects.shown(url)
    if url.drivername == "sqlite":
        path = Path(url.database)
        _check_writable(path)
        if not replace_held:
            _refuse_held(path, replace_other)
        with _Errors(name, "save"):
            _write_file(book, path)
        return 1
    engine = dialects.make_engine(url)
    try:
        with _Errors(name, "save"), _WriteTransaction(engine) as connection:
            revision = 1
            present = set(sa.inspect(connection).get_table_names())
            if present and META not in present and not replace_other:
                raise PlannerError(_NOT_OURS, target=name)
            if META in present:
                meta = _all_meta(connection)
                holder = live_holder(meta)
                if holder and not replace_held:
                    raise BookInUse(name, holder)
                revision = int(meta.get("revision") or 0) + 1
            for table in [*TABLES.values(), META_TABLE]:
                table.drop(connection, checkfirst=True)
            _write_all(connection, book, revision)
    finally:
        engine.dispose()
    return revision


def _refuse_held(path: Path, replace_other: bool) -> None:
    if not path.exists() or (path.stat().st_size == 0 and path.is_file()):
        return
    try:
        store = Store.open(path, "read")
    except PlannerError:
        if replace_other:
            return  # the user chose to replace it
        raise PlannerError(_NOT_OURS, target=str(path)) from None
    try:
        with store.engine.connect() as connection:
            holder = live_holder(_all_meta(connection))
    except sa.exc.SQLAlchemyError:
        holder = None
    finally:
        store.engine.dispose()
    if holder:
        raise BookInUse(str(path), holder)


def _write_file(book: Tables, path: Path) -> None:
    """Build the book in a temporary file beside ``path``, then rename it into place: the
    path holds the old file or the whole new one, whatever happens."""
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
                    _write_all(connection, book, revision=1)
                dialects.pragma(connection, "journal_mode = WAL")
        finally:
            engine.dispose()
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
        for stale in with_sidecars(path)[1:]:
            stale.unlink(missing_ok=True)  # an old book's sidecars must not meet the new file
        _sync_directory(path.parent)
    finally:
        for leftover in with_sidecars(temporary):
            leftover.unlink(missing_ok=True)


def _check_writable(path: Path) -> None:
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


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "posix":
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


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


def copy_book(source: str | os.PathLike, target: str | os.PathLike) -> Book:
    """Copy a book between files and databases, losslessly (ids, order, extra columns)."""
    book = open_book(source)
    write_book(book, target)
    return book
