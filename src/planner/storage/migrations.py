"""The ladder of book formats: one step per format version, each in its own transaction.

A book opened for editing climbs from its format to this Planner's a step at a time
(1 → 2 → … → 8), as Vorta does. Each step runs in a write transaction of its own that also
records the format it reached, so a step that fails (a full disk, a killed process) leaves
the book whole at the last format it reached, and the next open climbs on from there.
Reading never migrates: every format on the ladder opens read-only as it is.

A step may write through the current layout (``layout.py``) only what no later format has
changed; a format that changes a table's columns must give the earlier steps their own copy
of the layout they write.

1 → 2  rows get ids: the book (tables in SQLite's physical order, references as typed) is
       read as a new book reads values, and written again with row ids, positions, versions.
2 → 3  leads and forecasts: the Leads, LeadRules, ForecastOverrides and ForecastSnapshots tables.
3 → 4  the change log (``changelog.py``): saves record which rows they changed, who and when.
4 → 5  teams are rows: a Teams table with a row per team the reps name (in order of first
       appearance), and the team of a rep or a quota becomes a reference to it (a quota's team
       that no rep names stays as typed: a problem, as it was). Steps 1 → 2 and on write Reps
       and Quotas with their format-4 layout (``layout.is_team_text``).
5 → 6  period close: the Closes and Ledger tables (core/close.py), append-only: triggers refuse
       an UPDATE or DELETE of their rows.
6 → 7  deal-level plan rules (core/plan_rules.py): the PlanMultipliers and Spiffs tables, and
       the columns Plans ``clawback_days`` and PlanBonuses ``percent_of_base`` (``ALTER TABLE ...
       ADD COLUMN``: empty in every row).
7 → 8  amount history: the AmountHistory table (a deal's amount before each change).
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from planner.core import schema
from planner.storage import dialects
from planner.storage.layout import (COLUMNS_SINCE, META, META_TABLE, SINCE, TABLES, add_column, all_meta, create_table,
                                    layout_of, meta_value, set_meta, tables_of)
from planner.storage.legacy import read_v1
from planner.storage.rows import read_all, stored_rows, write_all
from planner.storage.transactions import WriteTransaction


def _rows_get_ids(connection: sa.Connection, name: str) -> None:
    book = read_v1(connection, name)
    for table in schema.TABLES:
        connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{table}"')
    connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{META}"')
    write_all(connection, book.snapshot(), revision=1, version=2)


def _leads_and_forecasts(connection: sa.Connection, name: str) -> None:
    _create_added(connection, 3)


def _change_log(connection: sa.Connection, name: str) -> None:
    _create_added(connection, 4)


def _create_added(connection: sa.Connection, version: int) -> None:
    """Create the tables format ``version`` added (any a newer Planner left there are kept)."""
    for table in tables_of(version):
        if SINCE.get(table.name) == version:
            create_table(connection, table, checkfirst=True)


def _teams_are_rows(connection: sa.Connection, name: str) -> None:
    book = read_all(connection, all_meta(connection), name)  # a format-4 read makes the Teams rows
    for table in ("Reps", "Quotas"):
        connection.exec_driver_sql(f'DROP TABLE "{table}"')
    layout = layout_of(5)
    for table in ("Teams", "Reps", "Quotas"):
        layout[table].create(connection, checkfirst=table == "Teams")
        versions = book.versions[table].reindex(book[table].index).to_numpy(dtype="int64").tolist()
        rows = stored_rows(table, book[table], book.positions(table), 0, book._unresolved.get(table, {}), 5)
        dialects.bulk_insert(connection, layout[table], [(*row[:2], version, *row[3:])
                                                          for row, version in zip(rows, versions)])
    set_meta(connection, next_row_id=str(max(book._next_id, int(meta_value(connection, "next_row_id") or 1))))


def _closes_and_ledger(connection: sa.Connection, name: str) -> None:
    _create_added(connection, 6)


def _add_columns(connection: sa.Connection, version: int) -> None:
    """Add the columns format ``version`` added to older tables (any already there are kept)."""
    for (table, column), since in COLUMNS_SINCE.items():
        present = {c["name"] for c in sa.inspect(connection).get_columns(table)}
        if since == version and column not in present:
            add_column(connection, TABLES[table], column)


def _plan_rules(connection: sa.Connection, name: str) -> None:
    _create_added(connection, 7)
    _add_columns(connection, 7)


def _amount_history(connection: sa.Connection, name: str) -> None:
    _create_added(connection, 8)


# (the format a step reaches, the step), in order: one step per format, none skipped
STEPS: list[tuple[int, Callable[[sa.Connection, str], None]]] = [
    (2, _rows_get_ids),
    (3, _leads_and_forecasts),
    (4, _change_log),
    (5, _teams_are_rows),
    (6, _closes_and_ledger),
    (7, _plan_rules),
    (8, _amount_history),
]


def climb(engine: sa.Engine, name: str, version: int) -> int:
    """Bring the book ``name`` from format ``version`` to this Planner's, one step per
    transaction; returns the format reached. A step another Planner took meanwhile is skipped."""
    for to, step in STEPS:
        if to <= version:
            continue
        with WriteTransaction(engine) as connection:
            dialects.lock_revision(connection, META_TABLE)
            if int(meta_value(connection, "schema_version")) < to:
                step(connection, name)
                set_meta(connection, schema_version=str(to))
        version = to
    return version
