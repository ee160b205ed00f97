"""Reading books of format 1, as they are and for the first step of the migrations ladder.

Format 1 (Planner 0.1): tables without row ids, kept in SQLite's physical order; references
as the text the user typed (ids or names); a team's quota with the team's name in its rep
column; the user's extra columns as TEXT columns with their kinds in ``planner_meta``. Reading one builds a book the way values enter any book:
references are resolved to ids, and what does not resolve is kept and reported.
"""

from __future__ import annotations

import json
import warnings

import pandas as pd
import sqlalchemy as sa

from planner.core import schema
from planner.core.book import Book
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.dates import iso_days
from planner.storage.dialects import fetch
from planner.storage.layout import added_after


def read_v1(connection: sa.Connection, name: str) -> Book:
    try:
        return _read_v1(connection, name)
    except (TypeError, ValueError, OverflowError, KeyError, AttributeError) as error:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged ({reason}); open a backup copy"),
                           path=name, reason=str(error).splitlines()[0][:120]) from None


def _read_v1(connection: sa.Connection, name: str) -> Book:
    meta = dict(connection.execute(sa.text("SELECT key, value FROM planner_meta")).all())
    try:
        extra_kinds = json.loads(meta.get("extra_columns", "{}"))
    except ValueError:
        extra_kinds = {}
    present = set(sa.inspect(connection).get_table_names())
    later = added_after(1)  # tables later formats added: a format-1 book has none of them
    missing = [table for table in schema.TABLES if table not in present and table not in later]
    if missing:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is damaged: its table(s) {names} are missing"),
                           path=name, names=", ".join(missing))
    frames = {}
    for table, spec in schema.TABLES.items():
        if table not in present:
            continue  # the book starts with it empty
        names, rows = fetch(connection, f'SELECT * FROM "{table}" ORDER BY rowid')
        frame = pd.DataFrame.from_records(rows, columns=names, coerce_float=False)
        kinds = extra_kinds.get(table, {})
        for column in frame.columns:
            kind = kinds.get(column)
            known = column in spec.names and spec.column(column).kind is schema.Kind.DATE
            if known or kind == "date":
                frame[column] = iso_days(frame[column])[0]
            elif kind == "number":
                frame[column] = pd.to_numeric(frame[column], errors="coerce")
        frames[table] = frame
    if "Quotas" in frames and "Reps" in frames:
        frames["Quotas"] = _team_quotas(frames["Quotas"], frames["Reps"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a damaged value is reported as such, not as a pandas warning
        return Book(frames)


def _team_quotas(quotas: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    """Format 1 kept a team's quota in the rep column (its Quotas had no team column): a rep
    cell naming a team of the Reps sheet, and no rep, is that team's quota."""
    if "rep" not in quotas or not {"id", "name", "team"} <= set(reps):
        return quotas
    texts = quotas["rep"].astype("string").str.strip()
    rep_names = set(reps["id"].dropna().astype(str)) | set(reps["name"].dropna().astype(str))
    team = texts.isin(set(reps["team"].dropna().astype(str))).fillna(False) & ~texts.isin(rep_names).fillna(False)
    if "team" in quotas:
        team &= quotas["team"].isna()
    if not team.any():
        return quotas
    return quotas.assign(team=texts.where(team), rep=texts.mask(team))
