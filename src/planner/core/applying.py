"""What a change does to a book: the one place its effect is computed, as a pure function.

``applying(tables, change)`` returns the book's next state (a new :class:`Snapshot`; the tables
it was given are not touched: frames are shared copy-on-write), the inverse change, the events
and the rows a save must write. ``Tables.applied`` (a what-if) keeps only the state;
``Book.apply`` swaps to it and emits the events.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.derived import touched_by
from planner.core.changes import (
    Batch, Change, Changed, ChangeSet, DeleteRows, InsertRows, ReplaceTable, SetValues, atoms,
)


@dataclass(frozen=True)
class Applied:
    state: object  # the Snapshot of the book with the change
    inverse: Change
    events: tuple[Changed, ...]
    written: ChangeSet  # the rows the change inserted, updated (values or positions) and deleted


def applying(tables, change: Change, origin: str = "local") -> Applied:
    from planner.core.tables import Snapshot

    draft = _Draft(tables)
    revision = tables.revision + 1
    inverses, events = [], []
    for atom in atoms(change):
        inverse, (table, kind, rows, columns) = _EFFECTS[type(atom)](draft, atom)
        inverses.append(inverse)
        events.append(Changed(table, kind, rows, columns, revision, origin))
    derived = tables._derived().carried(touched_by(atoms(change)))  # what the change leaves standing
    state = Snapshot(draft.frames, draft.positions, draft.unresolved, draft.opened, revision, derived)
    state.clock = tables.clock
    inverse = inverses[0] if len(inverses) == 1 else Batch(tuple(reversed(inverses)))
    return Applied(state, inverse, tuple(events), draft.written)


class _Draft:
    """The next state while a change's atoms are applied: the containers are new, the frames
    shared with the old state until an atom replaces one (never written in place)."""

    def __init__(self, tables) -> None:
        self.frames = dict(tables._frames)
        self.positions = dict(tables._positions)
        self.unresolved = dict(tables._unresolved)
        self.opened = tables._opened_problems
        self.written = ChangeSet()
        self._owned: set[str] = set()

    def unresolved_to_change(self, table: str) -> dict[str, dict[int, str]]:
        """The table's unresolved cells, as a copy of this draft's own."""
        if table not in self._owned:
            self.unresolved[table] = {c: dict(cells) for c, cells in self.unresolved.get(table, {}).items()}
            self._owned.add(table)
        return self.unresolved[table]

    def forget_opened(self, keep) -> None:
        """Drop the problems a store found on opening for which ``keep(key)`` is false."""
        if self.opened and not all(keep(key) for key in self.opened):
            self.opened = {key: problem for key, problem in self.opened.items() if keep(key)}


def _set_values(draft: _Draft, atom: SetValues):
    name, frame = atom.table, draft.frames[atom.table]
    ids, columns = atom.values.index, list(atom.values.columns)
    old = frame.loc[ids, columns]
    cells = draft.unresolved.get(name, {})
    old_unresolved = {c: {int(r): cells[c][r] for r in ids if r in cells[c]} for c in columns if cells.get(c)}
    new = frame.copy(deep=False)
    for column in columns:
        new.loc[ids, column] = atom.values[column].astype(frame[column].dtype).to_numpy()
    if old_unresolved or atom.unresolved:
        mine = draft.unresolved_to_change(name)
        for column in old_unresolved:
            for row in old_unresolved[column]:
                mine[column].pop(row, None)
        for column, given in atom.unresolved.items():
            mine.setdefault(column, {}).update(given)
    rows, touched = set(map(int, ids)), set(columns)
    draft.forget_opened(lambda key: not (key[0] == name and key[1] in rows and key[2] in touched))
    draft.frames[name] = new
    draft.written.of(name).update(ids)
    return SetValues(name, old, old_unresolved), (name, "values", ids.to_numpy(), tuple(columns))


def _insert_rows(draft: _Draft, atom: InsertRows):
    name, frame, positions = atom.table, draft.frames[atom.table], draft.positions[atom.table]
    rows = atom.rows.reindex(columns=frame.columns)
    for column in frame.columns:
        rows[column] = rows[column].astype(frame[column].dtype)
    new_positions = (positions[-1] if len(positions) else 0.0) + np.arange(1, len(rows) + 1, dtype="float64") \
        if atom.positions is None else np.asarray(atom.positions, dtype="float64")
    merged = pd.concat([frame, rows])
    merged_positions = np.concatenate([positions, new_positions])
    tied = _tied(positions, new_positions)
    if len(positions) and len(rows) and (new_positions.min() < positions[-1] or tied
                                         or (np.diff(new_positions) < 0).any()):
        order = np.argsort(merged_positions, kind="stable")  # a tie: the rows already there first
        merged, merged_positions = merged.iloc[order], merged_positions[order]
    if tied:  # no room was left between two rows: renumber the table (every position is rewritten)
        merged_positions = np.arange(1, len(merged) + 1, dtype="float64")
        draft.written.of(name).update(frame.index)
    draft.frames[name], draft.positions[name] = merged, merged_positions
    if atom.unresolved:
        mine = draft.unresolved_to_change(name)
        for column, cells in atom.unresolved.items():
            mine.setdefault(column, {}).update(cells)
    draft.written.of(name).insert(rows.index)
    return DeleteRows(name, rows.index.to_numpy()), (name, "insert", rows.index.to_numpy(), ())


def _tied(positions: np.ndarray, new: np.ndarray) -> bool:
    """Does a new position equal another new one or one already taken (``positions``, sorted)?"""
    if not len(new):
        return False
    if len(np.unique(new)) < len(new):
        return True
    at = np.searchsorted(positions, new)
    inside = at < len(positions)
    return bool((positions[at[inside]] == new[inside]).any())


def _delete_rows(draft: _Draft, atom: DeleteRows):
    name, frame, positions = atom.table, draft.frames[atom.table], draft.positions[atom.table]
    gone = frame.index.isin(atom.ids)
    ids = set(map(int, atom.ids))
    old_unresolved = {c: {r: t for r, t in cells.items() if r in ids} for c, cells in draft.unresolved.get(name, {}).items()}
    old_unresolved = {c: cells for c, cells in old_unresolved.items() if cells}
    if old_unresolved:
        mine = draft.unresolved_to_change(name)
        for column, cells in old_unresolved.items():
            for row in cells:
                mine[column].pop(row, None)
    draft.frames[name], draft.positions[name] = frame[~gone], positions[~gone]
    draft.written.of(name).delete(atom.ids)
    return (InsertRows(name, frame[gone], positions[gone], old_unresolved),
            (name, "delete", np.asarray(atom.ids), ()))


def _replace_table(draft: _Draft, atom: ReplaceTable):
    name, frame, positions = atom.table, draft.frames[atom.table], draft.positions[atom.table]
    old_unresolved = {c: dict(cells) for c, cells in draft.unresolved.get(name, {}).items()}
    written = draft.written.of(name)
    written.delete(frame.index)
    written.insert(atom.frame.index)
    draft.written.settings_changed |= list(frame.columns) != list(atom.frame.columns)
    draft.frames[name] = atom.frame.copy(deep=False)  # not the caller's object: it may change it
    draft.positions[name] = np.asarray(atom.positions if atom.positions is not None else
                                       np.arange(1, len(atom.frame) + 1), dtype="float64")
    draft.unresolved_to_change(name)
    draft.unresolved[name] = {c: dict(cells) for c, cells in atom.unresolved.items()}
    draft.forget_opened(lambda key: key[0] != name)
    return (ReplaceTable(name, frame, positions, old_unresolved),
            (name, "reset", atom.frame.index.to_numpy(), ()))


_EFFECTS = {SetValues: _set_values, InsertRows: _insert_rows, DeleteRows: _delete_rows, ReplaceTable: _replace_table}
