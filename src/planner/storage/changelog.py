"""The change log: who changed which row of which table, how, at which revision and when.

Every change-set save adds, in its own transaction, one row per row it wrote: the table, the
row id, the kind (``insert``, ``update``, ``delete``), the store revision the save made, who
(``user@host`` of the session that holds the book) and when (UTC). A full write (Save As, a
copy, a new book) adds one ``write`` row per table, with no row id: the whole table was
written at that revision. It is the audit trail of a book; it also says which rows others
changed since a revision (a window does not follow them yet: it shows them when reopened).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import sqlalchemy as sa

from planner.core import schema
from planner.core.changes import ChangeSet
from planner.storage import dialects
from planner.storage.layout import CHANGE_LOG

KINDS = ("insert", "update", "delete", "write")
COLUMNS = [column.name for column in CHANGE_LOG.columns]


def now() -> str:
    """This moment in UTC, as the log records it."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_changes(connection: sa.Connection, changes: ChangeSet, revision: int, who: str) -> None:
    """Log the rows of ``changes`` as written at ``revision`` (inside the save's transaction)."""
    at = now()
    rows = []
    for name, table in changes.tables.items():
        for kind, ids in (("insert", table.inserted), ("update", table.updated), ("delete", table.deleted)):
            rows += [(revision, name, row, kind, who, at) for row in sorted(ids)]
    dialects.bulk_insert(connection, CHANGE_LOG, rows)


def record_write(connection: sa.Connection, revision: int, who: str) -> None:
    """Log a full write of every table at ``revision`` (inside the write's transaction)."""
    at = now()
    dialects.bulk_insert(connection, CHANGE_LOG, [(revision, name, None, "write", who, at) for name in schema.TABLES])


def read(connection: sa.Connection, since_revision: int | None = None) -> pd.DataFrame:
    """The log (after ``since_revision`` when given), oldest first: ``revision``, ``table_name``,
    ``row_id`` (empty for a ``write``), ``kind``, ``who`` and ``at`` (UTC)."""
    query = sa.select(CHANGE_LOG)
    if since_revision is not None:
        query = query.where(CHANGE_LOG.c.revision > since_revision)
    rows = connection.execute(query).all() if sa.inspect(connection).has_table(CHANGE_LOG.name) else []
    # sorted here, not by the database: PostgreSQL's collation would order table names its own way
    return _frame(rows).sort_values(["revision", "table_name", "row_id"], kind="stable", ignore_index=True)


def _frame(rows: list) -> pd.DataFrame:
    """Log rows as the DataFrame :func:`read` returns."""
    raw = pd.DataFrame.from_records(rows, columns=COLUMNS)
    return pd.DataFrame({
        "revision": raw["revision"].astype("int64"),
        "table_name": raw["table_name"].astype("string"),
        "row_id": pd.array(raw["row_id"].tolist(), dtype="Int64"),
        "kind": raw["kind"].astype("string"),
        "who": raw["who"].astype("string"),
        "at": pd.to_datetime(raw["at"], utc=True, format="%Y-%m-%dT%H:%M:%SZ"),
    })
