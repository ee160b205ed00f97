"""Save and open books as SQLite files through SQLAlchemy Core.

Atomicity: a save is a single SQLite transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``) that
drops, recreates and fills every table, so a crash at any moment leaves the old book or the
new one; SQLite rolls an interrupted transaction back from its journal the next time the
file is opened. A book saved to a new path is written to a temporary file beside it and
renamed into place, so the path never holds half a book either.

Values are stored as the schema holds them: text as TEXT, money and ratios as INTEGER
(minor units, millionths), dates as ISO ``YYYY-MM-DD`` TEXT. The user's extra columns are
stored as TEXT; their original kind (text, number or date) is kept in ``planner_meta``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from planner import __version__
from planner.core import schema
from planner.core.book import Book
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError

SCHEMA_VERSION = 1
BOOK_SUFFIX = ".planner"
FORMAT = "planner-book"
META = "planner_meta"

# Upgrades from an older schema version, each run inside the opening transaction.
MIGRATIONS: dict[int, callable] = {}

_SQL_TYPES = {
    schema.Kind.TEXT: sa.Text, schema.Kind.INT: sa.BigInteger, schema.Kind.MONEY: sa.BigInteger,
    schema.Kind.RATIO: sa.BigInteger, schema.Kind.DATE: sa.String(10),
}


def _engine(path: Path) -> sa.Engine:
    """An engine whose transactions really begin, DDL included (pysqlite would autocommit it)."""
    engine = sa.create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA synchronous = FULL")

    @sa.event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _table(metadata: sa.MetaData, spec: schema.Table, extras: list[str]) -> sa.Table:
    columns = [sa.Column(c.name, _SQL_TYPES[c.kind]) for c in spec.columns]
    columns += [sa.Column(name, sa.Text) for name in extras]
    return sa.Table(spec.name, metadata, *columns)


def _extra_kind(values: pd.Series) -> str:
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return "number"
    return "text"


def _stored(values: pd.Series, kind: str) -> list:
    """Column values as the Python objects the database stores (None for missing), vectorized."""
    missing = values.isna().to_numpy()
    if kind == "date":
        # a book holds a few thousand distinct days at most: format each once
        codes, days = pd.factorize(values)
        out = np.append(np.asarray(days.strftime("%Y-%m-%d"), dtype=object), None)[codes]  # NaT: code -1
    elif kind == "text" and not pd.api.types.is_string_dtype(values):
        out = values.astype("string").to_numpy(dtype=object, copy=True)  # an extra column of mixed values
    else:
        out = values.to_numpy(dtype=object, copy=True)  # a copy: the book's own arrays stay untouched
    out[missing] = None
    return out.tolist()


def _write(connection: sa.Connection, book: Book) -> None:
    metadata = sa.MetaData()
    extra_kinds = {}
    for spec in schema.TABLES.values():
        frame = book[spec.name]
        extras = schema.extras(spec, frame)
        extra_kinds[spec.name] = {name: _extra_kind(frame[name]) for name in extras}
        table = _table(metadata, spec, extras)
        table.drop(connection, checkfirst=True)
        table.create(connection)
        if len(frame):
            kinds = {c.name: c.kind.value for c in spec.columns} | extra_kinds[spec.name]
            columns = [_stored(frame[name], kinds[name]) for name in frame.columns]
            # Bulk rows go straight to the driver: SQLAlchemy's per-row parameter handling
            # costs ten times the insert itself on large books.
            insert = str(table.insert().compile(dialect=connection.dialect))
            connection.exec_driver_sql(insert, list(zip(*columns)))
    meta = sa.Table(META, metadata, sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text))
    meta.drop(connection, checkfirst=True)
    meta.create(connection)
    connection.execute(meta.insert(), [
        {"key": "format", "value": FORMAT},
        {"key": "schema_version", "value": str(SCHEMA_VERSION)},
        {"key": "written_by", "value": f"Planner {__version__}"},
        {"key": "extra_columns", "value": json.dumps(extra_kinds, ensure_ascii=False)},
    ])


def _is_book(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return False
        engine = _engine(path)
        try:
            with engine.connect() as connection:
                return sa.inspect(connection).has_table(META)
        finally:
            engine.dispose()
    except (OSError, sa.exc.DBAPIError):
        return False


def save_book(book: Book, path: str | os.PathLike) -> None:
    """Write ``book`` to ``path`` atomically: afterwards the file holds the old book or the new one.

    Raises
    ------
    PlannerError
        Naming ``path`` and what is wrong with it (a folder, a missing folder, no permission, ...).
    """
    path = Path(path)
    _check_writable(path)
    try:
        if path.exists() and _is_book(path):
            _save_into(book, path)
            return
        # One fixed name, so that what a crashed save left behind is cleared by the next one.
        temporary = path.with_name(f".{path.name}.saving")
        journal = temporary.with_name(temporary.name + "-journal")
        try:
            journal.unlink(missing_ok=True)
            temporary.unlink(missing_ok=True)
            _save_into(book, temporary)
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
            journal.unlink(missing_ok=True)
        _sync_directory(path.parent)
    except (OSError, sa.exc.DBAPIError) as error:
        reason = error.orig if isinstance(error, sa.exc.DBAPIError) else (error.strerror or error)
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not save {path}: {reason}"),
                           path=str(path), reason=str(reason)) from None


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


def _save_into(book: Book, path: Path) -> None:
    engine = _engine(path)
    try:
        with engine.begin() as connection:
            _write(connection, book)
    finally:
        engine.dispose()


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "posix":
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def open_book(path: str | os.PathLike) -> Book:
    """Read the book at ``path``.

    Raises
    ------
    PlannerError
        When the file is missing, is not a Planner book, or was written by a newer Planner.
    """
    path = Path(path)
    if path.is_dir():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is a folder, not a Planner book"), path=str(path))
    if not path.is_file():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path}: no such file"), path=str(path))
    if not _is_book(path):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is not a Planner book"), path=str(path))
    engine = _engine(path)
    try:
        with engine.begin() as connection:
            meta = dict(connection.execute(sa.text(f"SELECT key, value FROM {META}")).all())
            version = int(meta.get("schema_version", 0))
            if meta.get("format") != FORMAT or version < 1:
                raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is not a Planner book"), path=str(path))
            if version > SCHEMA_VERSION:
                raise PlannerError(
                    QT_TRANSLATE_NOOP("errors", "{path} was saved by a newer Planner (book format {version}); please update Planner"),
                    path=str(path), version=version)
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](connection)
            extra_kinds = json.loads(meta.get("extra_columns", "{}"))
            present = set(sa.inspect(connection).get_table_names())
            tables = {name: _read(connection, spec, extra_kinds.get(name, {}))
                      for name, spec in schema.TABLES.items() if name in present}
    except (sa.exc.DBAPIError, sqlite3.Error) as error:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not read {path}: {reason}"),
                           path=str(path), reason=str(getattr(error, "orig", error))) from None
    finally:
        engine.dispose()
    return Book(tables)


def _read(connection: sa.Connection, spec: schema.Table, extra_kinds: dict[str, str]) -> pd.DataFrame:
    # Straight from the driver's cursor, as for writing: SQLAlchemy rows cost more than the read.
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f'SELECT * FROM "{spec.name}" ORDER BY rowid')
        names = [description[0] for description in cursor.description]
        frame = pd.DataFrame.from_records(cursor.fetchall(), columns=names, coerce_float=False)
    finally:
        cursor.close()
    dates = [c.name for c in spec.columns if c.kind is schema.Kind.DATE]
    for name in frame.columns:
        kind = extra_kinds.get(name)
        if name in dates or kind == "date":
            frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d")
        elif kind == "number":
            frame[name] = pd.to_numeric(frame[name])
    return frame
