"""The changes a grid's edits make (no Qt): typed cells, a pasted block, cleared cells, fill down.

Each is built here, on the book, as one change (one undo step once applied) or refused with
:class:`~planner.core.problems.Refused` listing every cell that does not fit, so nothing changes.
Typed text is read by the columns' kinds (:mod:`planner.core.parse`, :mod:`planner.core.kinds`):
an allowed value may be written as its code, its label (translated by ``translate``, as the
app shows it) or a synonym; a reference as the id or name of its row, or a row id picked from a
list (an int); a user's own column by the kind it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planner.core import kinds, schema
from planner.core.changes import Batch, Change, InsertRows, SetValues
from planner.core.problems import Refused
from planner.core.schema import ROW_ID, Kind

Cells = dict[str, list[int]]  # column -> row ids


def typed_values(book, table: str, columns: dict[str, list], row_ids: list[int],
                 translate: kinds.Translate | None = None) -> pd.DataFrame:
    """Typed values (a list per column, one per row of ``row_ids``) as the book's values.

    Raises
    ------
    Refused
        Listing every cell that does not fit.
    """
    spec = schema.TABLES[table]
    typed = pd.DataFrame(columns, index=pd.Index(row_ids, name=ROW_ID), dtype="object")
    picked = {}  # reference cells holding a row id picked from a list
    for name in typed.columns:
        column = spec.column(name) if name in spec.names else None
        if column is not None and column.allowed:
            typed[name] = kinds.codes(typed[name], column, translate)
        elif column is not None and column.kind is Kind.REF:
            ids = typed[name].map(lambda value: isinstance(value, (int, np.integer)) and not isinstance(value, bool))
            if ids.any():
                picked[name] = typed[name][ids.to_numpy(dtype=bool)]
                typed[name] = typed[name].mask(ids, None)
    values, problems = book.parse_input(table, typed)
    for name, ids in picked.items():
        values[name] = values[name].astype("Int64")
        values.loc[ids.index, name] = ids.astype("int64").to_numpy()
    if problems:
        raise Refused(problems)
    return values


def typed(book, table: str, columns: dict[str, list], row_ids: list[int],
          translate: kinds.Translate | None = None) -> SetValues:
    """The change setting typed values (a list per column, one per row of ``row_ids``): a cell
    typed into, a block pasted over rows. Raises :class:`Refused` listing every cell that does not fit."""
    return SetValues(table, typed_values(book, table, columns, row_ids, translate))


def filled(book, insert: InsertRows, columns: dict[str, list], translate: kinds.Translate | None = None) -> InsertRows:
    """``insert``'s empty rows holding the typed ``columns`` (a list each, one per new row; the
    other cells empty). Raises :class:`Refused` listing every cell that does not fit."""
    values = typed_values(book, insert.table, columns, list(insert.rows.index), translate)
    rows = insert.rows.copy()
    for name in values.columns:
        rows[name] = values[name].astype(rows[name].dtype) if name in rows else values[name]
    return InsertRows(insert.table, rows, insert.positions)


def new_rows(book, table: str, columns: dict[str, list], translate: kinds.Translate | None = None) -> InsertRows:
    """The change adding rows after the last one, holding the typed ``columns`` (Excel's last
    empty row typed into). Raises :class:`Refused`."""
    count = len(next(iter(columns.values())))
    return filled(book, book.insertion(table, pd.DataFrame(index=range(count))), columns, translate)


@dataclass
class Pasted:
    """A paste's change, and the rows it adds after the last one: provisional row id → the
    new row's number among them (1, 2, ...), to name the cells of a refused paste."""

    change: Change
    added: dict[int, int] = field(default_factory=dict)


class PasteRefused(Refused):
    """A refused paste: every cell that does not fit, and the rows it would have added
    (provisional row id → the new row's number among them), to name their cells."""

    def __init__(self, problems: list, added: dict[int, int]) -> None:
        super().__init__(problems)
        self.added = added


def paste(book, table: str, row_ids: list[int], names: list[str], block: list[list[str]],
          translate: kinds.Translate | None = None, added_hold: dict[str, list] | None = None) -> Pasted:
    """A block of typed text pasted into ``names`` from the first of ``row_ids`` (the rows the
    block covers, in the order shown): their cells get the block's rows, and rows the block
    runs past the last of them are added after the table's last row, holding ``added_hold``
    (column -> a one-value list: a plan's tiers pasted on the Plans tab refer to the plan) where
    the block leaves a column out. All or nothing.

    Raises
    ------
    PasteRefused
        Listing every cell of the block that does not fit.
    """
    existing = min(len(block), len(row_ids))
    columns = {name: [row[n] for row in block] for n, name in enumerate(names)}
    parts: list[Change] = []
    problems = []
    if existing:
        try:
            parts.append(typed(book, table, {name: values[:existing] for name, values in columns.items()},
                               row_ids[:existing], translate))
        except Refused as refused:
            problems += refused.problems
    added: dict[int, int] = {}
    if len(block) > existing:
        insert = book.insertion(table, pd.DataFrame(index=range(len(block) - existing)))
        added = {int(row): n + 1 for n, row in enumerate(insert.rows.index)}
        try:
            extra = len(block) - existing
            held = {name: values * extra for name, values in (added_hold or {}).items() if name not in columns}
            parts.insert(0, filled(book, insert, {**held, **{name: values[existing:] for name, values in
                                                             columns.items()}}, translate))
        except Refused as refused:
            problems += refused.problems
    if problems:
        raise PasteRefused(problems, added)
    return Pasted(parts[0] if len(parts) == 1 else Batch(tuple(parts)), added)


def cleared(book, table: str, cells: Cells) -> Change | None:
    """The change emptying ``cells`` (column → row ids); None when there are none. A required
    cell is refused when the change is applied."""
    frame = book[table]
    parts = [SetValues(table, pd.DataFrame({name: pd.Series([None] * len(ids), index=ids, dtype=frame[name].dtype)},
                                           index=pd.Index(ids, name=ROW_ID)))
             for name, ids in cells.items() if ids]
    return _one(parts)


def filled_down(book, table: str, cells: Cells) -> Change | None:
    """The change copying the first cell of each column of ``cells`` (row ids in the order
    shown) into the others; None when no column has two cells."""
    frame = book[table]
    parts = []
    for name, ids in cells.items():
        if len(ids) < 2:
            continue
        value = frame.at[ids[0], name]
        parts.append(SetValues(table, pd.DataFrame(
            {name: pd.Series([value] * (len(ids) - 1), index=ids[1:], dtype=frame[name].dtype)},
            index=pd.Index(ids[1:], name=ROW_ID))))
    return _one(parts)


def _one(parts: list[Change]) -> Change | None:
    return None if not parts else parts[0] if len(parts) == 1 else Batch(tuple(parts))
