"""What is derived from one state of a book (facts, problems), and what of it an edit leaves
standing, so that editing one deal's amount does not recompute the stage history's facts.

Each entry is computed once per state (``Tables.cached``) and remembers what it depends on:
the tables it read (``Reads`` notes every frame a computation takes, and the entries it used
add theirs), narrowed to some columns of a table only where the call site declares so.
Applying a change (core/applying.py) carries to the next state every entry none of whose
dependencies the change touched; an entry that declares nothing depends on everything and is
never carried. Nothing is carried across midnight: a book without an ``as_of`` setting is
"today" for as long as the day lasts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

# table -> the columns read (a frozenset; empty: only which rows there are, in which order),
# or None: the whole table. None for the whole mapping: everything (never carried).
Depends = dict[str, frozenset | None] | None
# table -> (columns set, row ids set) for a change of values, or None: rows inserted, deleted,
# reordered or the table replaced
Touched = dict[str, tuple[frozenset, frozenset] | None]

_local = threading.local()


def _note(table: str | None) -> None:
    stack = getattr(_local, "stack", None)
    if stack:
        stack[-1].read(table)


class Reads(dict):
    """A state's frames by table name; taking one notes it as read by what is being computed."""

    __slots__ = ()

    def __getitem__(self, name):
        _note(name)
        return dict.__getitem__(self, name)

    def get(self, name, default=None):
        _note(name)
        return dict.get(self, name, default)

    def items(self):
        _note(None)
        return dict.items(self)

    def values(self):
        _note(None)
        return dict.values(self)

    def __reduce__(self):  # pickled as a plain dict of frames
        return (Reads, (dict(self),))


class _Computing:
    """The dependencies of one entry while it is computed: what its call site declares, every
    other table it reads (whole), and the dependencies of the entries it uses."""

    def __init__(self, declared: Depends) -> None:
        self.deps: Depends = None if declared is None else dict(declared)
        self.declared = frozenset(declared or ())

    def read(self, table: str | None) -> None:
        if self.deps is None:
            return
        if table is None:  # every table at once
            self.deps = None
        elif table not in self.declared:
            self.deps[table] = None

    def merge(self, deps: Depends) -> None:
        if self.deps is None:
            return
        if deps is None:
            self.deps = None
            return
        for table, columns in deps.items():
            mine = self.deps.get(table, columns)
            self.deps[table] = None if mine is None or columns is None else mine | columns


def depends_on(declared) -> Depends:
    """``declared`` (table names, or a mapping of table -> columns or None) as dependencies."""
    if declared is None:
        return None
    if isinstance(declared, Mapping):
        return {table: None if columns is None else frozenset(columns) for table, columns in declared.items()}
    return {table: None for table in declared}


def stands(deps: Depends, touched: Touched) -> bool:
    """Does an entry depending on ``deps`` hold after a change that touched ``touched``?"""
    if deps is None:
        return False
    for table, change in touched.items():
        if table not in deps:
            continue
        columns = deps[table]
        if change is None or columns is None or not columns.isdisjoint(change[0]):
            return False
    return True


@dataclass
class _Entry:
    value: object
    deps: Depends
    rowwise: bool = False  # handed to the next state when an edit drops it (Derived.before)


@dataclass
class Edit:
    """What made a state from the one before: the tables touched, and the row-wise entries of
    the state before that it dropped (for a computation that redoes only the rows touched)."""

    touched: Touched
    dropped: dict = field(default_factory=dict)


class Derived:
    """The entries derived from one state of a book, computed once each."""

    def __init__(self, entries: dict | None = None, day: date | None = None, edit: Edit | None = None) -> None:
        self._entries: dict = entries or {}
        self._lock = threading.Lock()
        self._day = day or date.today()
        self.edit = edit

    def get(self, key, compute: Callable[[], object], depends=None, rowwise: bool = False):
        stack = getattr(_local, "stack", None)
        if stack is None:
            stack = _local.stack = []
        with self._lock:
            entry = self._entries.get(key)
        if entry is None:
            computing = _Computing(depends_on(depends))
            stack.append(computing)
            try:
                value = compute()
            finally:
                stack.pop()
            with self._lock:
                entry = self._entries.setdefault(key, _Entry(value, computing.deps, rowwise))
        if stack:
            stack[-1].merge(entry.deps)
        return entry.value

    def as_dict(self) -> dict:
        """The entries' values by key, as they stand."""
        with self._lock:
            return {key: entry.value for key, entry in self._entries.items()}

    def before(self, key):
        """``(value, deps, touched)``: the value and dependencies ``key`` had in the state before,
        when the edit that made this state dropped it (a row-wise entry), and what that edit
        touched; None otherwise."""
        if self.edit is None or key not in self.edit.dropped:
            return None
        return (*self.edit.dropped[key], self.edit.touched)

    def carried(self, touched: Touched) -> Derived:
        """The entries that still hold after a change touching ``touched``, for the next state."""
        today = date.today()
        if today != self._day:
            return Derived(day=today)
        with self._lock:
            entries = dict(self._entries)
        kept, dropped = {}, {}
        for key, entry in entries.items():
            if stands(entry.deps, touched):
                kept[key] = entry
            elif entry.rowwise:
                dropped[key] = (entry.value, entry.deps)
        return Derived(kept, today, Edit(touched, dropped))

    def joined(self, other: Derived) -> Derived:
        """These entries with ``other``'s (of the same state) added; ``other``'s win."""
        with other._lock:
            entries = dict(other._entries)
        with self._lock:
            self._entries.update(entries)
        return self


def rows_edited(before, table: str) -> frozenset | None:
    """The rows of ``table`` whose values the edit described by ``before`` (from
    ``Derived.before``) changed, when that is all it changed of what the entry read; else None."""
    if before is None:
        return None
    change = before[2].get(table)
    if change is None or not touched_only(before, table):
        return None
    return change[1]


def touched_only(before, *tables: str) -> bool:
    """Did the edit described by ``before`` (from ``Derived.before``) touch, of what the entry
    read, nothing but ``tables``?"""
    _value, deps, touched = before
    return deps is not None and stands({t: c for t, c in deps.items() if t not in tables},
                                       {t: c for t, c in touched.items() if t not in tables})


def reads_as(before) -> None:
    """Note that what is being computed reads what the entry of ``before`` (from
    ``Derived.before``) read: a computation that redoes only some rows of its value from the
    value before may skip a table it would read in full, and must depend on it all the same."""
    stack = getattr(_local, "stack", None)
    if stack:
        stack[-1].merge(before[1])


def touched_by(atoms: Iterable) -> Touched:
    """What the changes ``atoms`` touch, table by table."""
    from planner.core.changes import SetValues

    touched: Touched = {}
    for atom in atoms:
        if not isinstance(atom, SetValues):
            touched[atom.table] = None
        elif atom.table not in touched or touched[atom.table] is not None:
            columns, rows = touched.get(atom.table) or (frozenset(), frozenset())
            touched[atom.table] = (columns | frozenset(atom.values.columns) | frozenset(atom.unresolved),
                                   rows | frozenset(map(int, atom.values.index)))
    return touched


def same_inputs_or(book, key, inputs: Callable[[], object], compute: Callable[[], object], table: str = "Deals"):
    """``compute()``, once per state of ``book`` under ``key``; or the value ``key`` had in the
    state before, when the edit in between changed only some rows' values of ``table`` and
    ``inputs()`` (all the value reads of ``table``: the entries it is computed from, or figures
    taken from them) are what they were then: the very objects, or equal numbers and texts.
    ``inputs()`` None: the value cannot tell (computed again). A payout summed from statements an
    edit left standing is then not summed again."""
    def build():
        before, now = book.derived_before(key), inputs()
        if now is not None and rows_edited(before, table) is not None and _same(before[0][0], now):
            reads_as(before)
            return before[0]
        return now, compute()
    return book.cached(key, build, depends=(), rowwise=True)[1]


def _same(old, new) -> bool:
    if old is new:
        return True
    if isinstance(old, tuple) and isinstance(new, tuple):
        return len(old) == len(new) and all(map(_same, old, new))
    plain = (int, str, Fraction)
    return isinstance(old, plain) and isinstance(new, plain) and type(old) is type(new) and old == new
