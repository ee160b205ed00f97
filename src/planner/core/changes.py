"""Changes to a book, as values: what the edit API applies, returns as inverses, and emits.

Every change is a plain immutable value naming rows by their ids, so undo stacks, storage
change sets and Qt models all speak of the same rows whatever the sort order on screen. A
change has one JSON text (``change.to_json()`` / :func:`change_from_json`, core/change_json.py)
that reads back to the same change, cell for cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd


class _Serializable:
    def to_json(self) -> str:
        """The change as one JSON text (stable: the same change always gives the same text)."""
        from planner.core.change_json import change_to_json

        return change_to_json(self)


@dataclass(frozen=True)
class SetValues(_Serializable):
    """New values for some cells: ``values`` is indexed by row id, one column per column set.
    ``unresolved`` holds reference cells kept as the text that could not be resolved."""

    table: str
    values: pd.DataFrame
    unresolved: dict[str, dict[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class InsertRows(_Serializable):
    """New rows (``rows`` indexed by their new ids) at ``positions`` (None: after the last row,
    as it is when the change is applied). Rows planned but not applied have provisional
    (negative) ids, which applying replaces (core/provisional.py)."""

    table: str
    rows: pd.DataFrame
    positions: np.ndarray | None = None
    unresolved: dict[str, dict[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class DeleteRows(_Serializable):
    table: str
    ids: np.ndarray


@dataclass(frozen=True)
class ReplaceTable(_Serializable):
    """A whole new table (new rows, maybe other extra columns), as an import or a paste of a sheet."""

    table: str
    frame: pd.DataFrame
    positions: np.ndarray | None = None
    unresolved: dict[str, dict[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Batch(_Serializable):
    """Several changes applied as one: one undo step, one revision."""

    changes: tuple


Change = SetValues | InsertRows | DeleteRows | ReplaceTable | Batch

# Where a change comes from, as its events say: an edit, an undo or a redo of one, or another
# writer's rows merged into the open book.
ORIGINS = ("local", "undo", "redo", "other")


def change_from_json(text: str) -> Change:
    """The change ``text`` (from ``change.to_json()``) holds; :class:`PlannerError` when it
    holds none."""
    from planner.core.change_json import change_from_json as read

    return read(text)


def atoms(change: Change) -> list:
    """The non-batch changes of ``change``, in order."""
    if isinstance(change, Batch):
        return [atom for part in change.changes for atom in atoms(part)]
    return [change]


@dataclass(frozen=True)
class Changed:
    """The event a book emits after a change: which rows of which table, at which revision.

    ``kind`` is ``values`` (cells of ``columns`` changed), ``insert``, ``delete`` or ``reset``
    (the whole table was replaced). ``origin`` (one of :data:`ORIGINS`) says where the change
    came from, so that a listener can tell an edit from an undo or another writer's rows.
    """

    table: str
    kind: Literal["values", "insert", "delete", "reset"]
    rows: np.ndarray
    columns: tuple[str, ...]
    revision: int
    origin: str = "local"


@dataclass
class TableChanges:
    """Rows of one table touched since the last save, as storage must write them."""

    inserted: set[int] = field(default_factory=set)
    updated: set[int] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.inserted or self.updated or self.deleted)

    def insert(self, ids) -> None:
        for row in map(int, ids):
            if row in self.deleted:  # a stored row back again (an undone delete): rewrite it
                self.deleted.discard(row)
                self.updated.add(row)
            else:
                self.inserted.add(row)

    def update(self, ids) -> None:
        self.updated.update(int(i) for i in ids if int(i) not in self.inserted)

    def delete(self, ids) -> None:
        for row in map(int, ids):
            if row in self.inserted:
                self.inserted.discard(row)  # never stored: nothing to delete
            else:
                self.updated.discard(row)
                self.deleted.add(row)


@dataclass
class ChangeSet:
    """Every table's rows touched since the last save (a save writes these and nothing else)."""

    tables: dict[str, TableChanges] = field(default_factory=dict)
    settings_changed: bool = False  # extra columns added or removed: the store's metadata changes
    # the book as it stood when a save took these changes: what the store holds once it saved them
    source: object = field(default=None, repr=False, compare=False)

    def __bool__(self) -> bool:
        return self.settings_changed or any(self.tables.values())

    def of(self, table: str) -> TableChanges:
        return self.tables.setdefault(table, TableChanges())

    def merged(self, later: ChangeSet) -> ChangeSet:
        """This change set followed by ``later`` (to give a failed save's changes back)."""
        out = ChangeSet()
        out.absorb(self)
        out.absorb(later)
        return out

    def absorb(self, later: ChangeSet) -> None:
        """Add ``later``'s rows (what one change wrote) to this set, in place."""
        self.settings_changed |= later.settings_changed
        for name, changes in later.tables.items():
            target = self.of(name)
            target.insert(changes.inserted)
            target.update(changes.updated)
            target.delete(changes.deleted)

    def net(self, stored, current) -> ChangeSet:
        """These changes less what is back to how ``stored`` (the book as its store holds it)
        has it, compared with ``current`` (the book now): an edit and its undo, or a delete and
        its undo, leave nothing to write (an insert and its undo never reach the set)."""
        out = ChangeSet()
        for name, changes in self.tables.items():
            columns_differ = list(stored[name].columns) != list(current[name].columns)
            out.settings_changed |= self.settings_changed and columns_differ
            same = set() if columns_differ else _unchanged(name, sorted(changes.updated), stored, current)
            out.tables[name] = TableChanges(set(changes.inserted), changes.updated - same, set(changes.deleted))
        return out


def _unchanged(name: str, rows: list[int], stored, current) -> set[int]:
    """Those of ``rows`` whose values, position and unresolved texts are the same in ``current``
    as in ``stored``."""
    from planner.core import schema

    before, after = stored[name], current[name]
    ids = pd.Index(rows, dtype="int64")
    ids = ids[ids.isin(before.index) & ids.isin(after.index)]
    if not len(ids):
        return set()
    old, new = before.loc[ids], after.loc[ids]
    same = np.ones(len(ids), dtype=bool)
    for column in new.columns:
        same &= _equal(new[column], old[column])
    same &= (pd.Series(stored.positions(name), index=before.index).loc[ids].to_numpy()
             == pd.Series(current.positions(name), index=after.index).loc[ids].to_numpy())
    for column in schema.TABLES[name].refs:
        was, now = stored.unresolved(name, column.name), current.unresolved(name, column.name)
        if was or now:
            same &= np.array([was.get(row) == now.get(row) for row in ids.tolist()], dtype=bool)
    return set(ids[same].tolist())


def _equal(new: pd.Series, old: pd.Series) -> np.ndarray:
    """Cell by cell: does ``new`` hold the same value as ``old`` (missing equals missing)?"""
    if new.dtype != old.dtype:
        return np.zeros(len(new), dtype=bool)
    new_missing, old_missing = new.isna().to_numpy(), old.isna().to_numpy()
    try:
        equal = new.eq(old).to_numpy(dtype=bool, na_value=False)
    except TypeError:  # values that cannot be compared: not the same
        equal = np.zeros(len(new), dtype=bool)
    return (equal & ~new_missing & ~old_missing) | (new_missing & old_missing)
