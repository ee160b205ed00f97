"""Where the engine's row ids meet the user's keys.

The engine computes on row ids end to end (deal facts, credit lines, attainment, commission
lines, the figures per rep and team): a rep, a team or a plan is the row id of its row. What a
person reads names them as the book does (decisions.md, "References"): a rep by its own id
(``S02``) with its name beside it, a team and a plan by their names. :func:`shown` is that
join, made once per computed table for the report's JSON, the command line, exports and views.
"""

from __future__ import annotations

import pandas as pd

from planner.core import schema

# computed columns holding row ids -> (the table referred to, the column that names the row)
_NAMED_BY = {"rep": ("Reps", "id"), "team": ("Teams", "name"), "plan": ("Plans", "plan")}


def shown(book, frame: pd.DataFrame, spec: schema.Table) -> pd.DataFrame:
    """``frame`` (a computed table whose ``rep``, ``team`` and ``plan`` hold row ids) in
    ``spec``'s columns as the user reads it: each of those by the user's key of its row, and a
    rep's ``name`` beside its id. The index (row ids, or positions) is kept."""
    out = {}
    for column in spec.names:
        if column in _NAMED_BY and column in frame:
            table, title = _NAMED_BY[column]
            out[column] = _named(frame[column], book[table][title])
        elif column == "name" and column not in frame:  # a rep's name beside its id
            out[column] = _named(frame["rep"], book["Reps"]["name"])
        else:
            out[column] = frame[column]
    return pd.DataFrame(out, index=frame.index, copy=False)


def _named(ids: pd.Series, names: pd.Series) -> pd.Series:
    """The name of each row id (missing for a missing or unknown id), as text."""
    positions = names.index.get_indexer(pd.array(ids, dtype="Int64").to_numpy(dtype="int64", na_value=-1))
    return pd.Series(names.astype("string").array.take(positions, allow_fill=True), index=ids.index)
