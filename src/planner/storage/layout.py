"""The SQL layout of a book: its tables and columns, the metadata table, the format versions.

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
extra columns, the last save (who, when) and the *holders* (see ``holders.py``).
``planner_change_log`` records which rows each save changed (see ``changelog.py``).
``Closes`` and ``Ledger`` (format 6) are append-only: triggers refuse an UPDATE or DELETE.

A format may add tables (``SINCE``) and columns to older tables (``COLUMNS_SINCE``): a book of
an older format lacks them, reads as if they were empty, and gets them from the migrations
ladder when opened for editing (:func:`layout_of` gives each format's layout).
"""

from __future__ import annotations

import json
from functools import cache

import sqlalchemy as sa

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.schema import Kind
from planner.core.teams import TEAM_TEXT_COLUMNS
from planner.storage import dialects

SCHEMA_VERSION = 8
FORMAT = "planner-book"
META = "planner_meta"
CHANGE_LOG_NAME = "planner_change_log"
SYSTEM = ("row_id", "_position", "_version")

_SQL_TYPES = {
    Kind.TEXT: sa.Text, Kind.INT: sa.BigInteger, Kind.MONEY: sa.BigInteger, Kind.RATIO: sa.BigInteger,
    Kind.REF: sa.BigInteger, Kind.DATE: sa.String(10), Kind.PERIOD: sa.Text,
}
TEAMS_SINCE = 5  # the format where teams became rows (before it, a rep's or quota's team was text)
UNREADABLE_META = QT_TRANSLATE_NOOP("errors", "{path} is damaged (its Planner information is not readable)")
_NOT_A_BOOK = QT_TRANSLATE_NOOP("errors", "{path} is not a Planner book")


def _tables(metadata: sa.MetaData, version: int = SCHEMA_VERSION) -> dict[str, sa.Table]:
    tables = {}
    for spec in schema.TABLES.values():
        if SINCE.get(spec.name, 0) > version:
            continue
        tables[spec.name] = sa.Table(
            spec.name, metadata,
            sa.Column("row_id", dialects.ROW_ID_TYPE, primary_key=True, autoincrement=False),
            sa.Column("_position", sa.Float, nullable=False),
            sa.Column("_version", sa.BigInteger, nullable=False),
            *[sa.Column(c.name, sa.Text if is_team_text(spec.name, c.name, version) else _SQL_TYPES[c.kind])
              for c in stored_columns(spec, version)],
            sa.Column("_extra", sa.Text),
            sa.Column("_unresolved", sa.Text),
        )
    return tables


def is_team_text(table: str, column: str, version: int) -> bool:
    """Whether a book of format ``version`` holds this column as a team's name (formats 2 to 4)."""
    return version < TEAMS_SINCE and (table, column) in TEAM_TEXT_COLUMNS


def stored_columns(spec: schema.Table, version: int = SCHEMA_VERSION) -> list[schema.Column]:
    """The schema columns of ``spec`` a book of format ``version`` stores."""
    return [c for c in spec.columns if COLUMNS_SINCE.get((spec.name, c.name), 0) <= version]


# The format that added each table (the others came with format 2, when rows got ids). A book of
# an older format lacks them: reading it shows the schema's tables empty, and the migrations
# ladder creates them when the book is opened for editing.
SINCE: dict[str, int] = {"ForecastOverrides": 3, "ForecastSnapshots": 3, "Leads": 3, "LeadRules": 3,
                         CHANGE_LOG_NAME: 4, "Teams": TEAMS_SINCE, "Closes": 6, "Ledger": 6,
                         "PlanMultipliers": 7, "Spiffs": 7, "PlanDraws": 7, "PlanAssignments": 7,
                         "AmountHistory": 8}
# The format that added each column to a table older than it: a book of an older format lacks
# the column, reads it empty, and the ladder adds it (``add_column``) when opened for editing.
COLUMNS_SINCE: dict[tuple[str, str], int] = {("Plans", "clawback_days"): 7, ("PlanBonuses", "percent_of_base"): 7}

METADATA = sa.MetaData()
TABLES = _tables(METADATA)
META_TABLE = sa.Table(META, METADATA, sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text))
# one row per row a save changed; no key of its own (a save changes a row once), only the index
# a reader of "what changed since revision N" needs
CHANGE_LOG = sa.Table(
    CHANGE_LOG_NAME, METADATA,
    sa.Column("revision", sa.BigInteger, nullable=False),
    sa.Column("table_name", sa.Text, nullable=False),
    sa.Column("row_id", sa.BigInteger),  # empty for a whole table written at once
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False),  # UTC, 2026-03-01T10:42:07Z
    sa.Index("ix_planner_change_log_revision", "revision"),
)

# Tables whose rows are only ever added: the database refuses an UPDATE or DELETE of them
# (``dialects.append_only``), whoever asks, as the book does (core/close.py)
APPEND_ONLY = tuple(name for name, spec in schema.TABLES.items() if spec.system)


def added_after(version: int) -> set[str]:
    """The tables a book of format ``version`` may lack."""
    return {name for name, since in SINCE.items() if since > version}


def create_table(connection: sa.Connection, table: sa.Table, checkfirst: bool = False) -> None:
    """Create ``table`` (with its append-only triggers when it is one of ``APPEND_ONLY``);
    ``checkfirst``: leave one already there as it is."""
    if checkfirst and sa.inspect(connection).has_table(table.name):
        return
    table.create(connection)
    if table.name in APPEND_ONLY:
        dialects.append_only(connection, table.name)


def add_column(connection: sa.Connection, table: sa.Table, name: str) -> None:
    """Add the column ``name`` of ``table`` (its current layout) to the stored table, empty in
    every row (``ALTER TABLE ... ADD COLUMN``, as SQLite and PostgreSQL both spell it)."""
    ddl = sa.schema.CreateColumn(table.c[name]).compile(dialect=connection.dialect)
    quoted = connection.dialect.identifier_preparer.quote(table.name)
    connection.exec_driver_sql(f"ALTER TABLE {quoted} ADD COLUMN {ddl}")


@cache
def layout_of(version: int) -> dict[str, sa.Table]:
    """The schema's SQL tables as a book of format ``version`` (2 or later) lays them out."""
    return TABLES if version == SCHEMA_VERSION else _tables(sa.MetaData(), version)


def tables_of(version: int) -> list[sa.Table]:
    """The SQL tables a book of format ``version`` (2 or later) has, metadata included."""
    later = added_after(version)
    return [table for table in (*layout_of(version).values(), META_TABLE, CHANGE_LOG) if table.name not in later]


# -- the metadata ---------------------------------------------------------------------------
def all_meta(connection: sa.Connection) -> dict[str, str]:
    return dict(connection.execute(sa.select(META_TABLE.c.key, META_TABLE.c.value)).all())


def meta_value(connection: sa.Connection, key: str) -> str | None:
    return connection.execute(sa.select(META_TABLE.c.value).where(META_TABLE.c.key == key)).scalar()


def set_meta(connection: sa.Connection, **values: str | None) -> None:
    """Set metadata values (None removes the key)."""
    for key, value in values.items():
        connection.execute(META_TABLE.delete().where(META_TABLE.c.key == key))
        if value is not None:
            connection.execute(META_TABLE.insert().values(key=key, value=value))


def extra_kinds(meta: dict) -> dict[str, list[tuple[str, str]]]:
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


def checked_meta(connection: sa.Connection, name: str) -> dict[str, str]:
    """The metadata of the book ``name``, checked against the layout its format has."""
    inspector = sa.inspect(connection)
    if not inspector.has_table(META):
        raise PlannerError(_NOT_A_BOOK, path=name)
    try:
        meta = {str(k): str(v) for k, v in connection.execute(sa.select(META_TABLE.c.key, META_TABLE.c.value))}
    except sa.exc.DBAPIError:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged (its Planner information cannot be "
                                                       "read)"), path=name) from None
    if meta.get("format") != FORMAT:
        raise PlannerError(_NOT_A_BOOK, path=name)
    version = checked_version(meta, name)
    if inspector.has_table("Deals"):  # the layout must be the one its version says
        has_ids = "row_id" in {column["name"] for column in inspector.get_columns("Deals")}
        if has_ids != (version >= 2):
            raise PlannerError(UNREADABLE_META, path=name)
    missing = [table.name for table in (tables_of(version) if version >= 2 else ())
               if not inspector.has_table(table.name)]
    if missing:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged: its table(s) {names} are missing"),
                           path=name, names=", ".join(missing))
    return meta


def check_integrity(connection: sa.Connection, name: str) -> None:
    """Refuse the book ``name`` when SQLite's quick check finds its file damaged."""
    damage = dialects.integrity_problem(connection)
    if damage:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged ({reason}); open a backup copy"),
                           path=name, reason=damage)


def checked_version(meta: dict, name: str) -> int:
    """The format of the book ``name`` from its metadata; refused when damaged or newer."""
    try:
        version = int(meta.get("schema_version", ""))
        int(meta.get("revision", "0")), int(meta.get("next_row_id", "1"))
        if version >= 2:
            extra_kinds(meta)
    except (ValueError, TypeError):
        raise PlannerError(UNREADABLE_META, path=name) from None
    if version < 1:
        raise PlannerError(_NOT_A_BOOK, path=name)
    if version > SCHEMA_VERSION:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} was saved by a newer Planner (book format "
                                                       "{version}); please update Planner"),
                           path=name, version=version)
    return version


def highest_id(connection: sa.Connection) -> int:
    """The highest row id in use in any table of the book (0 when it has no rows)."""
    present = set(sa.inspect(connection).get_table_names())
    parts = [sa.select(sa.func.max(table.c.row_id).label("top")) for name, table in TABLES.items() if name in present]
    if not parts:
        return 0
    return int(connection.execute(sa.select(sa.func.max(sa.union_all(*parts).subquery().c.top))).scalar() or 0)
