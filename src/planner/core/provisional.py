"""Planning never consumes row ids: rows a plan adds get provisional ids until it is applied.

A change planned but not (or not yet) applied — a draft, a what-if, an import shown before it
is confirmed, a plan made again and again — must not use up the ids a store hands out. Its new
rows carry provisional ids: negative, unique in the process, never stored. ``Book.apply`` gives
them real ids (:func:`realized`), and references to them inside the same change (a new deal
owned by a new rep, a lead pointing at the deal made from it, values pasted into new rows)
follow. A what-if snapshot keeps the provisional ids: it is never saved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.changes import Batch, Change, DeleteRows, InsertRows, ReplaceTable, SetValues, atoms

_lock = threading.Lock()
_handed_out = 0


def provisional_ids(count: int) -> np.ndarray:
    """``count`` provisional ids, ascending (as fresh ids are), never handed out before."""
    global _handed_out
    with _lock:
        first = _handed_out + count
        _handed_out = first
    return np.arange(-first, -first + count, dtype="int64")


def realized(change: Change, new_ids: Callable[[int], np.ndarray], existing: Callable[[str], pd.Index]) -> Change:
    """``change`` with the provisional ids of the rows it adds replaced by ``new_ids(n)``, in
    order, wherever the change names those rows: their index, cells set on them, references to
    them, rows deleted again. ``existing(table)`` is the table's row ids (kept as they are)."""
    fresh: dict[str, list[np.ndarray]] = {}
    for atom in atoms(change):
        if isinstance(atom, (InsertRows, ReplaceTable)):
            rows = (atom.rows if isinstance(atom, InsertRows) else atom.frame).index.to_numpy()
            planned = rows[rows < 0]
            if len(planned):
                planned = planned[~np.isin(planned, existing(atom.table))]
                fresh.setdefault(atom.table, []).append(planned)
    if not fresh:
        return change
    planned = {table: np.concatenate(parts) for table, parts in fresh.items()}
    real = new_ids(sum(len(ids) for ids in planned.values()))
    mapping, start = {}, 0
    for table, ids in planned.items():
        mapping[table] = pd.Series(real[start:start + len(ids)], index=ids)
        start += len(ids)
    return _rewritten(change, mapping)


def _rewritten(change: Change, mapping: dict[str, pd.Series]) -> Change:
    if isinstance(change, Batch):
        return Batch(tuple(_rewritten(part, mapping) for part in change.changes))
    own = mapping.get(change.table)
    if isinstance(change, DeleteRows):
        return DeleteRows(change.table, _mapped(np.asarray(change.ids, dtype="int64"), own))
    frame = change.values if isinstance(change, SetValues) else change.rows if isinstance(change, InsertRows) \
        else change.frame
    frame = _with_real_references(change.table, frame, mapping)
    unresolved = change.unresolved
    if own is not None:
        frame = frame.set_axis(pd.Index(_mapped(frame.index.to_numpy(), own), dtype="int64", name=frame.index.name))
        unresolved = {column: {int(_mapped(np.asarray([row]), own)[0]): text for row, text in cells.items()}
                      for column, cells in unresolved.items()}
    if isinstance(change, SetValues):
        return SetValues(change.table, frame, unresolved)
    return type(change)(change.table, frame, change.positions, unresolved)


def _with_real_references(table: str, frame: pd.DataFrame, mapping: dict[str, pd.Series]) -> pd.DataFrame:
    out = frame
    for column in schema.TABLES[table].refs:
        target = mapping.get(column.ref)
        if target is None or column.name not in frame or not pd.api.types.is_integer_dtype(frame[column.name]):
            continue
        values = frame[column.name]
        present = values.notna().to_numpy()
        raw = values.to_numpy(dtype="int64", na_value=0)
        mapped = _mapped(raw, target)
        if (mapped != raw).any():
            if out is frame:
                out = frame.copy(deep=False)
            real = pd.Series(mapped, index=frame.index).astype(values.dtype)
            out[column.name] = real if present.all() else real.where(present)
    return out


def _mapped(ids: np.ndarray, mapping: pd.Series | None) -> np.ndarray:
    """``ids`` with those ``mapping`` knows replaced by their real ids."""
    if mapping is None or not len(ids):
        return ids
    where = mapping.index.get_indexer(ids)
    found = where >= 0
    if not found.any():
        return ids
    out = ids.copy()
    out[found] = mapping.to_numpy()[where[found]]
    return out
