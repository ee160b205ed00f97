"""A table's integer and day columns read whole: the database joins each column's cells into
one text ("3,17,42"), which numpy parses in C.

A driver hands over every row as a tuple of Python objects; for a book of 100,000 deals and
400,000 history rows, building and then taking apart those tuples was most of an open. Only a
table whose integer and day cells are all exactly in the stored form is read this way (an
integer stored as an integer, a day as ``YYYY-MM-DD`` text in the years Planner keeps); any
other cell makes ``read`` give None, and the caller reads the table row by row, where each
such cell is reported. Text and JSON columns are always read row by row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from planner.core.dates import iso_days
from planner.storage import dialects

MISSING = -2**63  # an empty integer cell in the joined text (no stored value can be it: see ODD)
ODD = MISSING + 1  # an integer cell in another form: text, a real, or one of these two numbers
NO_DAY = "----------"  # an empty day cell: ten characters wide, as every stored day is
ODD_DAY = "!"  # a day cell in another form (or the text NO_DAY): breaks the fixed width
# a whole-number position, else MISSING (fetched exactly below); never a cast that could fail
_WHOLE_POSITION = (f"CASE WHEN _position IS NULL OR abs(_position) >= 1e15 OR _position <> round(_position) "
                   f"THEN {MISSING} ELSE CAST(_position AS BIGINT) END")


@dataclass
class Columns:
    """One table's row ids, versions, positions, integer and day columns, in the order read,
    and how many cells of each other column are filled."""

    integers: dict[str, pd.arrays.IntegerArray]  # row_id and _version among them
    days: dict[str, np.ndarray]  # datetime64[ns], NaT where empty
    positions: np.ndarray
    filled: dict[str, int]


def read(connection: sa.Connection, table: str, integers: list[str], days: list[str],
         others: list[str]) -> Columns | None:
    """``table``'s ``integers`` and ``days`` columns, in one scan of it; None when a cell is not
    in its stored form."""
    parts = (["count(*)", dialects.joined(connection, _WHOLE_POSITION)]
             + [dialects.joined(connection, _integer_cell(connection, column)) for column in integers]
             + [dialects.joined(connection, _day_cell(connection, column)) for column in days]
             + [f'count("{column}")' for column in others])
    texts = dialects.fetch(connection, f'SELECT {", ".join(parts)} FROM "{table}"')[1][0]
    rows, position_text, texts = texts[0], texts[1], texts[2:]
    numbers = [_numbers(text, rows) for text in texts[:len(integers)]]
    dated = [_days(text, rows) for text in texts[len(integers):len(integers) + len(days)]]
    positions = _numbers(position_text, rows)
    if any(values is None for values in numbers + dated) or positions is None:
        return None
    ids = numbers[integers.index("row_id")]
    positions = _exact_positions(connection, table, ids, positions)
    if positions is None:
        return None
    return Columns({column: pd.arrays.IntegerArray(np.where(values == MISSING, 0, values), values == MISSING)
                    for column, values in zip(integers, numbers)},
                   dict(zip(days, dated)), positions, dict(zip(others, texts[len(integers) + len(days):])))


def _integer_cell(connection: sa.Connection, column: str) -> str:
    quoted = f'"{column}"'
    return (f"CASE WHEN {quoted} IS NULL THEN {MISSING} "
            f"WHEN {dialects.holds(connection, quoted, 'integer')} AND {quoted} > {ODD} THEN {quoted} ELSE {ODD} END")


def _day_cell(connection: sa.Connection, column: str) -> str:
    quoted = f'"{column}"'
    return (f"CASE WHEN {quoted} IS NULL THEN '{NO_DAY}' "
            f"WHEN {dialects.holds(connection, quoted, 'text')} AND {quoted} <> '{NO_DAY}' THEN {quoted} "
            f"ELSE '{ODD_DAY}' END")


def _numbers(text: str | None, rows: int) -> np.ndarray | None:
    """The integers of a joined column, or None when one is odd."""
    if not rows:
        return np.empty(0, dtype="int64")
    try:
        values = np.fromstring(text, dtype="int64", sep=",")
    except ValueError:  # unmatched text: not an integer
        return None
    return values if len(values) == rows and not (values == ODD).any() else None


def _days(text: str | None, rows: int) -> np.ndarray | None:
    """The days of a joined column (NaT where empty), or None when a cell is not a stored day
    (``iso_days`` judges: exactly ``YYYY-MM-DD``, a real day in the years Planner keeps)."""
    if not rows:
        return np.empty(0, dtype="datetime64[ns]")
    try:
        raw = text.encode("ascii") + b","
    except UnicodeEncodeError:
        return None
    cells = np.frombuffer(raw, dtype=np.uint8)
    if len(raw) != 11 * rows or (cells[10::11] != ord(",")).any():  # every cell ten characters wide
        return None
    # each distinct cell judged once: its ten bytes as two numbers, the pair as one code
    heads, head_values = pd.factorize(np.ndarray((rows,), "<u8", cells, 0, (11,)))
    tails, tail_values = pd.factorize(np.ndarray((rows,), "<u2", cells, 8, (11,)))
    codes, _pairs = pd.factorize(heads * len(tail_values) + tails)
    where = np.empty(len(_pairs), dtype="int64")
    where[codes] = np.arange(rows)  # a row holding each distinct cell
    texts = [raw[11 * at:11 * at + 10].decode("ascii") for at in where.tolist()]
    days, bad = iso_days(pd.Series([None if text == NO_DAY else text for text in texts], dtype=object))
    return None if bad.any() else days.to_numpy()[codes]


def _exact_positions(connection: sa.Connection, table: str, ids: np.ndarray, positions: np.ndarray) -> np.ndarray | None:
    """Positions as floats; the few that are not whole numbers (rows put between others)
    fetched as they are."""
    out = positions.astype("float64")
    apart = positions == MISSING
    if apart.any():
        found = dialects.fetch(connection, f'SELECT row_id, _position FROM "{table}" '
                                           f"WHERE {_WHOLE_POSITION} = {MISSING}")[1]
        at = pd.Index(ids).get_indexer([row for row, _ in found])
        try:
            values = np.array([position for _, position in found], dtype="float64")
        except (TypeError, ValueError):  # not a number: read row by row, which says so
            return None
        if (at < 0).any() or len(found) != apart.sum():
            return None
        out[at] = values
    return out
