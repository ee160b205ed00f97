"""Changes to a book, as values: what the edit API applies, returns as inverses, and emits.

Every change is a plain immutable value naming rows by their ids, so undo stacks, storage
change sets and Qt models all speak of the same rows whatever the sort order on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class SetValues:
    """New values for some cells: ``values`` is indexed by row id, one column per column set.
    ``unresolved`` holds reference cells kept as the text that could not be resolved."""

    table: str
    values: pd.DataFrame
    unresolved: dict[str, dict[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class InsertRows:
    """New rows (``rows`` indexed by their new ids) at ``positions`` (None: after the last row)."""

    table: str
    rows: pd.DataFrame
    positions: np.ndarray | None = None
    unresolved: dict[str, dict[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class DeleteRows:
    table: str
    ids: np.ndarray


@dataclass(frozen=True)
class ReplaceTable:
    """A whole new table (new rows, maybe other extra columns), as an import or a paste of a sheet."""

    table: str
    frame: pd.DataFrame
    positions: np.ndarray | None = None
    unresolved: dict[str, dict[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Batch:
    """Several changes applied as one: one undo step, one revision."""

    changes: tuple


Change = SetValues | InsertRows | DeleteRows | ReplaceTable | Batch


def atoms(change: Change) -> list:
    """The non-batch changes of ``change``, in order."""
    if isinstance(change, Batch):
        return [atom for part in change.changes for atom in atoms(part)]
    return [change]


@dataclass(frozen=True)
class Changed:
    """The event a book emits after a change: which rows of which table, at which revision.

    ``kind`` is ``values`` (cells of ``columns`` changed), ``insert``, ``delete`` or ``reset``
    (the whole table was replaced).
    """

    table: str
    kind: Literal["values", "insert", "delete", "reset"]
    rows: np.ndarray
    columns: tuple[str, ...]
    revision: int


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

    def __bool__(self) -> bool:
        return self.settings_changed or any(self.tables.values())

    def of(self, table: str) -> TableChanges:
        return self.tables.setdefault(table, TableChanges())

    def record(self, event: Changed) -> None:
        changes = self.of(event.table)
        if event.kind == "insert":
            changes.insert(event.rows)
        elif event.kind == "values":
            changes.update(event.rows)
        elif event.kind == "delete":
            changes.delete(event.rows)

    def merged(self, later: ChangeSet) -> ChangeSet:
        """This change set followed by ``later`` (to give a failed save's changes back)."""
        out = ChangeSet(settings_changed=self.settings_changed or later.settings_changed)
        for source in (self, later):
            for name, changes in source.tables.items():
                target = out.of(name)
                target.insert(changes.inserted)
                target.update(changes.updated)
                target.delete(changes.deleted)
        return out
