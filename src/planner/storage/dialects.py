"""What differs between SQLite files and PostgreSQL servers; everything else is shared Core code.

- **SQLite**: one file per book, WAL mode (readers never wait for a save) with
  ``synchronous=FULL``; a save takes the write lock at once (``BEGIN IMMEDIATE``), a read
  takes none (``BEGIN``). A full write goes to a temporary file renamed into place.
- **PostgreSQL**: one database per book; a save locks the metadata's revision row
  (``SELECT … FOR UPDATE``), a read sees one consistent snapshot (``REPEATABLE READ``); bulk
  rows go through ``COPY``. The password comes from the environment (``PGPASSWORD``) or
  ``~/.pgpass``, never from a file Planner writes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError

BUSY_TIMEOUT_MS = 5000  # how long a SQLite reader or writer waits for a lock before saying so
ROW_ID_TYPE = sa.Integer().with_variant(sa.BigInteger(), "postgresql")  # SQLite: a rowid alias


def is_url(target: str | os.PathLike) -> bool:
    """Whether ``target`` is a database address (``postgresql://…``) rather than a book file:
    the one test of it (a path is never one, whatever its text)."""
    return isinstance(target, str) and "://" in target


def target_of(text: str | os.PathLike) -> str | Path:
    """A book's place as given (the command line, the recent files): a database address kept
    as text, else a file's path."""
    return text if is_url(text) else Path(text)


# the password of an address as typed (user:password@), hidden in messages about an address
# that cannot be parsed (a parsed one is shown by ``shown``): up to the last "@", since a
# password typed unescaped may itself hold "@", ":" or "/" (hiding too much is harmless)
_TYPED_PASSWORD = re.compile(r"(://[^/@:]*):.*@")
NOT_AN_ADDRESS = QT_TRANSLATE_NOOP("errors", "{target} is not a database address (expected "
                                             "postgresql://user@host/database)")
UNESCAPED = QT_TRANSLATE_NOOP("errors", "{target} is not a database address: write @, : and / in a user name or "
                                        "password as %40, %3A and %2F (or leave the password out and set PGPASSWORD)")
NO_DATABASE = QT_TRANSLATE_NOOP("errors", "{target} names no database: write postgresql://user@host/database")
BAD_PORT = QT_TRANSLATE_NOOP("errors", "{target} is not a database address: the port must be a number from 1 to "
                                       "65535 (postgresql://user@host:5432/database)")


def url_of(target: str | os.PathLike) -> sa.URL:
    """A SQLAlchemy URL for a book path or a database URL (``postgresql://`` uses psycopg).

    Raises
    ------
    PlannerError
        When ``target`` is not an address Planner can use (never naming its password).
    """
    if not is_url(target):
        return sa.URL.create("sqlite", database=str(Path(target)))
    typed = _TYPED_PASSWORD.sub(r"\1:***@", str(target))
    try:
        url = sa.make_url(str(target))
    except (sa.exc.ArgumentError, ValueError) as error:  # ValueError: SQLAlchemy reads the port with int()
        if str(target).count("@") > 1:  # user:p@ss@host: the password's own "@" unescaped
            raise PlannerError(UNESCAPED, target=typed) from None
        raise PlannerError(BAD_PORT if isinstance(error, ValueError) else NOT_AN_ADDRESS, target=typed) from None
    if "@" in (url.host or ""):  # SQLAlchemy takes the password to the first "@", the rest as the host
        raise PlannerError(UNESCAPED, target=typed)
    if url.port is not None and not 1 <= url.port <= 65535:
        raise PlannerError(BAD_PORT, target=typed)
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        if not url.database:  # the server would pick one (the user's, or its maintenance database)
            raise PlannerError(NO_DATABASE, target=typed)
        return url.set(drivername="postgresql+psycopg")
    if url.drivername == "sqlite":
        return url
    raise PlannerError(QT_TRANSLATE_NOOP("errors", "Unsupported database {scheme}: use a book file or postgresql://…"),
                       scheme=url.drivername)


def without_password(source: str | os.PathLike | None) -> str | None:
    """``source`` to keep (a recovery copy's sidecar, the recent books): a path as is, a
    database address without its password (the password comes from PGPASSWORD or ~/.pgpass)."""
    if source is None:
        return None
    source = os.fspath(source)
    if not is_url(source):
        return source
    try:
        url = sa.make_url(source)
    except sa.exc.ArgumentError:  # not parseable: drop whatever sits between user: and the last @
        return re.sub(r"^([^:/]+://[^:/@]*):.*@", r"\1@", source)
    # (URL.set ignores None, so the URL is rebuilt without the password)
    url = sa.URL.create(url.drivername, url.username, None, url.host, url.port, url.database, url.query)
    return url.difference_update_query(["password"]).render_as_string(hide_password=False)


def shown(target: sa.URL | str | os.PathLike) -> str:
    """A book's place (a URL, or a path or address as typed) for messages, the one way every
    message names it: a file's path, or the address as the user writes it, never with its
    password (nor one given as ``?password=``)."""
    url = target if isinstance(target, sa.URL) else url_of(target)
    if url.drivername == "sqlite":
        return url.database
    text = sa.URL.create(url.drivername.split("+")[0], url.username, url.password, url.host,
                         url.port).render_as_string(hide_password=True)
    if url.database:  # as typed (팀), not percent-encoded as SQLAlchemy renders it (%ED%8C%80)
        text += f"/{url.database}"
    query = url.difference_update_query(["password"]).query
    return f"{text}?{urlencode(query, doseq=True)}" if query else text


def read_only_file_url(path: Path) -> sa.URL:
    """A book on a read-only disk or share: opened as an immutable file (WAL could not make
    its shared-memory file there)."""
    return sa.URL.create("sqlite", database=f"file:{path}?mode=ro&immutable=1", query={"uri": "true"})


def make_engine(url: sa.URL) -> sa.Engine:
    if url.drivername != "sqlite":
        # waits for another session's locks end with a clear "locked" message, as on SQLite
        return sa.create_engine(url, poolclass=NullPool, connect_args={
            "connect_timeout": 10, "options": f"-c lock_timeout={BUSY_TIMEOUT_MS}"})
    engine = sa.create_engine(url, poolclass=NullPool)

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # transactions are begun below, DDL included
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA synchronous = FULL")

    @sa.event.listens_for(engine, "begin")
    def _begin(connection):
        write = connection.get_execution_options().get("planner_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def writing(connection: sa.Connection) -> sa.Connection:
    """Mark ``connection`` for a write transaction (SQLite takes the write lock at BEGIN)."""
    return connection.execution_options(planner_write=True)


def reading(connection: sa.Connection) -> sa.Connection:
    if connection.dialect.name == "postgresql":
        return connection.execution_options(isolation_level="REPEATABLE READ")
    return connection


def lock_revision(connection: sa.Connection, meta: sa.Table) -> None:
    """Hold the book's revision for this transaction: concurrent saves queue behind it."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.select(meta.c.value).where(meta.c.key == "revision").with_for_update())


def pragma(connection: sa.Connection, statement: str) -> None:
    """A SQLite PRAGMA outside any transaction (journal modes cannot change inside one)."""
    if connection.dialect.name == "sqlite":
        connection.connection.dbapi_connection.execute(f"PRAGMA {statement}").fetchall()


def checkpoint(connection: sa.Connection) -> None:
    """Copy every committed page of SQLite's WAL into the database file (waiting, within the
    busy timeout, for readers of older snapshots); nothing to do on PostgreSQL."""
    if connection.dialect.name == "sqlite":
        connection.connection.dbapi_connection.execute("PRAGMA wal_checkpoint(FULL)").fetchall()


def integrity_problem(connection: sa.Connection) -> str | None:
    """SQLite's quick check of the file; None when it is whole."""
    if connection.dialect.name != "sqlite":
        return None
    rows = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check(3)").fetchall()]
    return None if rows == ["ok"] else " ".join(" ".join(rows).split())[:200]


def bulk_insert(connection: sa.Connection, table: sa.Table, rows: list[tuple]) -> None:
    """Insert many rows (tuples in the table's column order) straight through the driver:
    SQLAlchemy's per-row parameter handling costs ten times the insert on large books."""
    if not rows:
        return
    names = ", ".join(f'"{column.name}"' for column in table.columns)
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.cursor()
        with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in table.columns)
    connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)


REFUSED_CHANGE = "planner: rows of {table} are only ever added, never changed or deleted"


def append_only(connection: sa.Connection, table: str) -> None:
    """Make the database itself refuse an UPDATE or DELETE of ``table``'s rows (a ledger):
    triggers on SQLite; a trigger function on PostgreSQL, which refuses TRUNCATE too. Dropping
    the whole table (a migration, a full write over a book) stays possible."""
    message = REFUSED_CHANGE.format(table=table)
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION planner_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION USING MESSAGE = 'planner: rows of ' || TG_TABLE_NAME "
            "|| ' are only ever added, never changed or deleted'; END $$")
        connection.exec_driver_sql(f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
                                   f"FOR EACH ROW EXECUTE FUNCTION planner_append_only()")
        connection.exec_driver_sql(f'CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}" '
                                   f"FOR EACH STATEMENT EXECUTE FUNCTION planner_append_only()")
        return
    for action in ("UPDATE", "DELETE"):
        connection.exec_driver_sql(f'CREATE TRIGGER "{table}_no_{action.lower()}" BEFORE {action} ON "{table}" '
                                   f"BEGIN SELECT RAISE(ABORT, '{message}'); END")


def joined(connection: sa.Connection, expression: str) -> str:
    """SQL joining a column's values (an SQL expression) into one text, separated by commas."""
    if connection.dialect.name == "postgresql":
        return f"string_agg(CAST({expression} AS TEXT), ',')"
    return f"group_concat({expression}, ',')"


def holds(connection: sa.Connection, column: str, kind: str) -> str:
    """SQL saying whether a cell of ``column`` holds a value of ``kind`` (``integer``,
    ``text``): any cell can on SQLite, only the column's own type on PostgreSQL."""
    return "TRUE" if connection.dialect.name == "postgresql" else f"typeof({column}) = '{kind}'"


def fetch(connection: sa.Connection, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and every row of a query, straight from the driver's cursor (fast reads)."""
    chunks = list(fetch_chunks(connection, sql))
    return chunks[0][0], [row for _names, rows in chunks for row in rows]


def fetch_chunks(connection: sa.Connection, sql: str, chunk: int = 250_000) -> Iterator[tuple[list[str], list[tuple]]]:
    """Column names and rows of a query, ``chunk`` rows at a time (always one chunk, maybe
    empty), straight from the driver's cursor: fast reads, and a million rows never held as
    Python tuples at once."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchmany(chunk)
        yield names, rows
        while len(rows) == chunk:
            rows = cursor.fetchmany(chunk)
            if rows:
                yield names, rows
    finally:
        cursor.close()
