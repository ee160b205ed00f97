"""References: the one place where a typed, pasted, imported or opened name becomes a row id.

A reference (a deal's owner, a split's rep, a rep's plan, a deal's stage) is resolved once,
when it enters the book: the user's own id of a row first (``S02``), else its exact name
(``김서연``). An unknown value, or a name two rows share, is a Problem; the engine never
guesses again.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP

UNKNOWN = {
    "Reps": QT_TRANSLATE_NOOP("errors", "{value!r} is not a rep of the Reps sheet"),
    "Stages": QT_TRANSLATE_NOOP("errors", "{value!r} is not a stage of the Stages sheet"),
    "Plans": QT_TRANSLATE_NOOP("errors", "{value!r} is not a plan of the Plans sheet"),
    "Deals": QT_TRANSLATE_NOOP("errors", "{value!r} is not a deal of the Deals sheet"),
    "Teams": QT_TRANSLATE_NOOP("errors", "{value!r} is not a team of the Teams sheet"),
}
AMBIGUOUS = QT_TRANSLATE_NOOP("errors", "{value!r} could be any of {candidates}: use the id")
DANGLING = QT_TRANSLATE_NOOP("errors", "refers to a row of {target} that was deleted")


def known_ids(ids: np.ndarray, index: pd.Index) -> np.ndarray:
    """Which of ``ids`` (int64 row ids) are rows of ``index`` (a table's row ids): through a table
    of flags over the rows' span when the ids are small numbers (a book's are), else hashed.
    Referring rows often outnumber the rows referred to (400,000 stage-history rows of 100,000 deals)."""
    if not len(ids) or not len(index):
        return np.zeros(len(ids), dtype=bool)
    span = _span(index, len(ids))
    if span is None:
        return pd.Index(ids).isin(index)
    rows, low, high = span
    flags = np.zeros(high - low + 2, dtype=bool)
    flags[rows - low] = True
    return flags[np.clip(ids - low, -1, high - low + 1)]  # outside the span: the last flag, never set


def row_positions(refs: pd.Series, index: pd.Index) -> np.ndarray:
    """Where the row each of ``refs`` (a reference column: row ids, missing where it names none)
    names is in ``index`` (a table's row ids), -1 where it is not or none is named. Missing is
    masked, never a number: a what-if's new rows have provisional ids below 0
    (core/provisional.py), -1 among them."""
    at = positions(refs.to_numpy(dtype="int64", na_value=0), index)
    missing = refs.isna().to_numpy()
    if missing.any():
        at[missing] = -1
    return at


def positions(ids: np.ndarray, index: pd.Index | np.ndarray) -> np.ndarray:
    """Where each of ``ids`` (int64 row ids, none missing) is in ``index`` (distinct row ids), -1
    where it is not, as ``index.get_indexer`` says: through a table of positions over the rows'
    span when the ids are small numbers (a book's are), else hashed."""
    if not len(ids) or not len(index):
        return np.full(len(ids), -1, dtype=np.intp)
    table = _position_table(index, len(ids))
    if table is None:
        return (index if isinstance(index, pd.Index) else pd.Index(index)).get_indexer(ids)
    return _through(table, ids)


def book_row_positions(book, table: str, refs: pd.Series) -> np.ndarray:
    """:func:`row_positions` of ``refs`` in the rows of ``table``, through a table of positions
    kept once per revision of which rows it has (reports look up reps, teams, plans and deals
    a dozen times each)."""
    positions_table = book.cached(("row table", table), lambda: _position_table(book[table].index, 128),
                                  depends={table: ()})
    if positions_table is None:
        return row_positions(refs, book[table].index)
    low = positions_table[0]
    return _through(positions_table, refs.array.to_numpy(dtype="int64", na_value=low - 1))  # missing: below


def _position_table(index: pd.Index | np.ndarray, looked_up: int) -> tuple[int, np.ndarray] | None:
    """The lowest of ``index``'s row ids, and each id's position at its place above it, when
    such a table costs no more than hashing ``looked_up`` ids (a table's ids are near each other:
    rows are numbered as they are added); None otherwise."""
    span = _span(index, looked_up) if len(index) else None
    if span is None:
        return None
    rows, low, high = span
    table = np.full(high - low + 2, -1, dtype=np.intp)
    table[rows - low] = np.arange(len(rows))
    return low, table


def _span(index: pd.Index | np.ndarray, looked_up: int) -> tuple[np.ndarray, int, int] | None:
    """``index``'s row ids, lowest and highest, when a table over them costs no more than hashing
    (a table's ids are near each other: rows are numbered as they are added); None otherwise."""
    rows = np.asarray(index, dtype="int64")
    low, high = int(rows.min()), int(rows.max())
    return None if low < 0 or high - low > 8 * (len(rows) + looked_up) else (rows, low, high)


def _through(positions_table: tuple[int, np.ndarray], ids: np.ndarray) -> np.ndarray:
    low, table = positions_table
    return table[np.clip(ids - low, -1, len(table) - 1)]  # outside the span: the last place, never a row's


class Resolver:
    """Looks values up in one table by the user's id, then by name (vectorized)."""

    def __init__(self, spec: schema.Table, frame: pd.DataFrame) -> None:
        self.spec = spec
        key, title = spec.key[0], spec.title
        self._keys = frame[key]
        self._columns = [frame[key]] + ([frame[title]] if title and title != key else [])

    def resolve(self, texts: pd.Series) -> tuple[pd.Series, dict]:
        """Row ids for ``texts`` (missing where blank or unresolved) and, for each unresolved
        value's index label, ``(template, fields)`` saying why."""
        texts = texts.astype("string").str.strip()
        ids = pd.Series(pd.NA, index=texts.index, dtype="Int64")
        ambiguous = pd.Series(False, index=texts.index)
        for values in self._columns:
            pending = ids.isna() & ~ambiguous & texts.notna()
            if not pending.any():
                break
            values = values.dropna().astype("string").str.strip()
            counts = values.value_counts()
            unique = values[values.map(counts) == 1]
            lookup = pd.Series(unique.index.to_numpy(dtype="int64"), index=unique.to_numpy())
            ids = ids.fillna(texts.where(pending).map(lookup).astype("Int64"))
            ambiguous |= pending & texts.isin(counts.index[counts > 1]).fillna(False).to_numpy()
        failures = {}
        for label in texts.index[(ids.isna() & texts.notna()).to_numpy()]:
            text = texts[label]
            if ambiguous[label]:
                rows = [row for values in self._columns for row in values.index[values.astype("string").str.strip() == text]]
                candidates = ", ".join(f"{self._keys.get(row)}" for row in dict.fromkeys(rows))
                failures[label] = (AMBIGUOUS, {"value": text, "candidates": candidates})
            else:
                failures[label] = (UNKNOWN[self.spec.name], {"value": text})
        return ids, failures
