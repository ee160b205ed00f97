"""The book: one living document holding every table of the schema.

Rows have identity: each frame's index is the rows' surrogate ids (stable across sorts,
inserts, deletes, saves) and the frame's order is the rows' explicit position. References
hold row ids. The :class:`Book` is changed only through ``apply`` (and the edit API over it:
``set_values``, ``insert_rows``, ``delete_rows``, ``replace_table``, ``change_stage``): it
checks the change, gives the rows it adds real ids, computes the new state with the pure
``Tables.applying`` (core/applying.py: the one place a change's effect is computed), swaps to
it, returns the inverse change (for undo) and emits a :class:`~planner.core.changes.Changed`
event per table touched. Workers get an immutable :class:`Snapshot` of a revision, never the
live book; a what-if is ``snapshot.applied(change)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.changes import ORIGINS, Change, Changed, ChangeSet, SetValues
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.problems import Problem, Refused
from planner.core.provisional import realized
from planner.core.resolve import Resolver
from planner.core.schema import ROW_ID
from planner.core.tables import DEFAULT_CURRENCY, Snapshot, Tables, Unresolved, resolve_frame
from planner.core.teams import with_named_teams

__all__ = ["Book", "Snapshot", "Tables", "DEFAULT_CURRENCY", "ID_BLOCK"]

ID_BLOCK = 1_000_000  # row ids a store hands out at a time to one open session


class Book(Tables):
    """The living document: tables, the edit API, events and the changes since the last save."""

    def __init__(self, tables: dict[str, pd.DataFrame] | None = None) -> None:
        """A book from frames of the book's values, references given as the user's ids or
        names (resolved here; what does not resolve is kept as text and is a Problem)."""
        tables = with_named_teams(tables or {})
        unknown = set(tables) - set(schema.TABLES)
        if unknown:
            raise PlannerError(
                QT_TRANSLATE_NOOP("errors", "Unknown table(s) {names}"), names=", ".join(sorted(unknown))
            )
        frames, next_id = {}, 1
        for name, spec in schema.TABLES.items():
            given = tables.get(name)
            frame = schema.conform(spec, given) if given is not None else spec.empty()
            if given is None or given.index.name != ROW_ID:
                frame.index = pd.Index(np.arange(next_id, next_id + len(frame)), dtype="int64", name=ROW_ID)
            if len(frame):
                next_id = max(next_id, int(frame.index.max()) + 1)
            frames[name] = frame
        unresolved: Unresolved = {}
        for name in schema.LOAD_ORDER:
            frames[name], unresolved[name] = resolve_frame(name, frames[name], frames)
        positions = {name: np.arange(1, len(frame) + 1, dtype="float64") for name, frame in frames.items()}
        self._init_live(frames, positions, unresolved, {}, next_id)

    @classmethod
    def restored(cls, frames: dict[str, pd.DataFrame], positions: dict[str, np.ndarray], unresolved: Unresolved,
                 opened_problems: dict, versions: dict[str, pd.Series], next_id: int) -> Book:
        """A book exactly as a store holds it (ids, positions, versions): no resolving."""
        book = cls.__new__(cls)
        book._init_live(frames, positions, unresolved, opened_problems, next_id)
        book.versions = versions
        return book

    def _init_live(self, frames, positions, unresolved, opened_problems, next_id: int) -> None:
        Tables.__init__(self, frames, positions, unresolved, opened_problems, revision=0)
        self._listeners: list[Callable[[Changed], None]] = []
        self._touched = ChangeSet()  # rows changed since the last save (see ``pending``)
        # the row version last seen of each stored row (storage refuses to overwrite newer ones)
        self.versions: dict[str, pd.Series] = {}
        self.stored_revision: int | None = None  # the store's revision this book was read or last saved at
        self._next_id, self._id_limit = next_id, None
        # a store bound for editing hands out blocks of ids, so that two sessions never clash
        self.reserve_ids: Callable[[int], int] | None = None
        self._snapshot: Snapshot | None = None
        self._stored: Tables = self._frozen()  # the book as its store holds it (as made, until saved)

    def __setstate__(self, state: dict) -> None:
        super().__setstate__(state)
        self._listeners, self._snapshot, self.reserve_ids = [], None, None

    # -- events ----------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[Changed], None]) -> Callable[[], None]:
        """Call ``listener(event)`` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # -- snapshots -------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The book as it stands, frozen (cheap: frames are shared copy-on-write). The same
        object while the revision does not change, so derived facts are built once."""
        if self._snapshot is None or self._snapshot.revision != self.revision:
            self._snapshot = self._frozen()
        return self._snapshot

    def cached(self, key, compute, depends=None, rowwise: bool = False):
        """As ``Tables.cached``, on the book's snapshot: the live book and its snapshot share
        what is derived from them, and an edit carries it to the next."""
        return self.snapshot().cached(key, compute, depends, rowwise)

    def derived_before(self, key):
        return self.snapshot().derived_before(key)

    def _derived(self):
        return self.snapshot()._cache

    def copy(self) -> Book:
        """The same rows, ids and positions in a book of its own (frames shared copy-on-write;
        no store, listeners or pending). A what-if needs none: ``snapshot().applied(change)``."""
        frozen = self._frozen()
        book = Book.restored(frozen._frames, frozen._positions, frozen._unresolved, frozen._opened_problems,
                             dict(self.versions), self._next_id)
        book.clock = self.clock
        return book

    def _frozen(self) -> Snapshot:
        frames = {name: frame.copy(deep=False) for name, frame in self._frames.items()}
        positions = {name: array.copy() for name, array in self._positions.items()}
        unresolved = {t: {c: dict(rows) for c, rows in columns.items()} for t, columns in self._unresolved.items()}
        snapshot = Snapshot(frames, positions, unresolved, dict(self._opened_problems), self.revision)
        snapshot.clock = self.clock
        return snapshot

    # -- ids -------------------------------------------------------------------------------
    def new_ids(self, count: int) -> np.ndarray:
        """``count`` fresh row ids (from the store's block when the book is bound to one); only
        applying a change uses them up (planning gives provisional ids)."""
        if self._id_limit is not None and self._next_id + count > self._id_limit:
            start = self.reserve_ids(max(count, ID_BLOCK))
            self._next_id, self._id_limit = start, start + max(count, ID_BLOCK)
        ids = np.arange(self._next_id, self._next_id + count, dtype="int64")
        self._next_id += count
        return ids

    def use_id_block(self, start: int, size: int) -> None:
        self._next_id, self._id_limit = start, start + size

    # -- the edit API ----------------------------------------------------------------------
    def set_values(self, table: str, values: pd.DataFrame) -> Change:
        """Set cells: ``values`` is indexed by row id with a column per column to set. Returns
        the inverse change. Raises :class:`Refused` (nothing changed) for a value that does not fit."""
        return self.apply(SetValues(table, values))

    def set_value(self, table: str, row: int, column: str, value) -> Change:
        return self.set_values(table, pd.DataFrame({column: [value]}, index=pd.Index([row], name=ROW_ID)))

    def insert_rows(self, table: str, rows: pd.DataFrame, at: int | None = None) -> Change:
        """Insert ``rows`` (the book's values; references as row ids) before position ``at``
        (default: after the last row). The inverse change's ``ids`` are the new rows' ids."""
        return self.apply(self.insertion(table, rows, at))

    def delete_rows(self, table: str, ids) -> Change:
        """Delete rows by id, with the rows that belong to them (a deal's stage history and
        splits, a plan's tiers and bonuses)."""
        return self.apply(self.deletion(table, ids))

    def replace_table(self, table: str, frame: pd.DataFrame) -> Change:
        """Replace a whole table (values as the book holds them, references as text to resolve)."""
        return self.apply(self.replacement(table, frame))

    def change_stage(self, deal: int, stage: int, on: date | None = None) -> Change:
        """Move deal ``deal`` (row id) to ``stage`` (a Stages row id), recorded in StageHistory
        on ``on`` (default: today)."""
        return self.apply(SetValues("Deals", pd.DataFrame(
            {"stage": pd.array([stage], dtype="Int64")}, index=pd.Index([deal], name=ROW_ID))), on=on)

    def apply(self, change: Change, check: bool = True, on: date | None = None, origin: str = "local") -> Change:
        """Apply any change; returns its inverse. ``check=False`` only for inverses this book
        returned (undo restores what was there, even a value that is now a problem). Stage and
        expected-close changes are recorded in StageHistory on ``on`` (default: today). Rows the
        change adds with provisional ids get fresh ids here. Its events carry ``origin``
        (``"local"``, ``"undo"``, ``"redo"`` or ``"other"``: another writer's rows merged in)."""
        if origin not in ORIGINS:
            raise ValueError(f"origin {origin!r} is not one of {', '.join(ORIGINS)}")
        if check:
            change = self.planned(change, on)
        else:  # an undo never takes back a close once it is saved: the period is reopened instead
            from planner.core.close_guard import record_problems

            found = record_problems(self, change, stored=self._stored)
            if found:
                raise Refused(found)
        change = realized(change, self.new_ids, lambda table: self._frames[table].index)
        result = self.applying(change, origin)
        self._swap(result.state)
        self._touched.absorb(result.written)
        for event in result.events:
            for listener in list(self._listeners):
                listener(event)
        return result.inverse

    def _swap(self, state: Snapshot) -> None:
        """Make ``state`` (a new revision computed by ``applying``) the book's own. The book
        never changes its containers in place, so ``state`` is its snapshot as well."""
        self._frames, self._positions = state._frames, state._positions
        self._unresolved, self._opened_problems = state._unresolved, state._opened_problems
        self.revision = state.revision
        self._snapshot = state

    # -- typed input -----------------------------------------------------------------------
    def parse_input(self, table: str, typed: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
        """Typed values (text, numbers, dates as people write them; references as ids or names)
        as the book's values, with every cell that does not fit as a Problem. ``typed`` is
        indexed by row id (or by anything, for new rows)."""
        spec = schema.TABLES[table]
        from planner.core.parse import parse_frame

        parsed, bad = parse_frame(spec, typed, self._currency_or_default(), self._frames[table])
        problems = [self._at(table, label, column, template, fields) for label, column, _v, template, fields in bad]
        for column in spec.refs:
            if column.name in parsed:
                ids, failures = Resolver(schema.TABLES[column.ref], self._frames[column.ref]).resolve(parsed[column.name])
                parsed[column.name] = ids
                problems += [self._at(table, label, column.name, template, fields)
                             for label, (template, fields) in failures.items()]
        return parsed, problems

    def set_typed(self, table: str, typed: pd.DataFrame) -> Change:
        """``parse_input`` then ``set_values``; every bad cell refuses the whole change."""
        values, problems = self.parse_input(table, typed)
        if problems:
            raise Refused(problems)
        return self.set_values(table, values)

    # -- saving ----------------------------------------------------------------------------
    @property
    def pending(self) -> ChangeSet:
        """What the next save writes: the rows changed since the last save, less those whose
        values are back to what the store holds (an edit and its undo change nothing)."""
        return self._touched.net(self._stored, self)

    def take_changes(self) -> ChangeSet:
        """The changes since the last save, handed to a save; later edits start a new set."""
        taken = self.pending
        taken.source, self._touched = self.snapshot(), ChangeSet()
        return taken

    def give_back(self, changes: ChangeSet) -> None:
        """A save failed: its changes are pending again, before any made since."""
        self._touched = changes.merged(self._touched)

    @property
    def stored(self) -> Tables:
        """The book as its store holds it (as made, until it is saved)."""
        return self._stored

    def stored_as(self, written: Tables) -> None:
        """The store now holds the book as ``written`` (a snapshot of it): what changes net against."""
        self._stored = written

    def saved(self, changes: ChangeSet, revision: int) -> None:
        """A save wrote ``changes`` (from :meth:`take_changes`) as store revision ``revision``:
        remember the rows' versions, and that the store holds the book as it was taken."""
        self.stored_revision = revision
        if changes.source is not None:
            self._stored = changes.source
        for name, table_changes in changes.tables.items():
            known = self.versions.get(name, pd.Series(dtype="int64"))
            written = pd.Series(revision, index=pd.Index(sorted(table_changes.inserted | table_changes.updated)),
                                dtype="int64")
            known = known.drop(list(table_changes.deleted), errors="ignore")
            self.versions[name] = pd.concat([known[~known.index.isin(written.index)], written])
