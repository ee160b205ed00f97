"""The book: one living document holding every table of the schema.

Rows have identity: each frame's index is the rows' surrogate ids (stable across sorts,
inserts, deletes, saves) and the frame's order is the rows' explicit position. References
hold row ids. The :class:`Book` is changed only through its edit API (``set_values``,
``insert_rows``, ``delete_rows``, ``replace_table``, ``change_stage``, or ``apply`` of a
change): each call validates, applies, bumps the revision, returns the inverse change (for
undo) and emits a :class:`~planner.core.changes.Changed` event per table touched. Workers get
an immutable :class:`Snapshot` of a revision, never the live book.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.changes import (
    Batch, Change, Changed, ChangeSet, DeleteRows, InsertRows, ReplaceTable, SetValues, atoms,
)
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import ROUNDING_MODES, minor_digits
from planner.core.parse import REQUIRED, check_column, parse_column
from planner.core.periods import Period
from planner.core.problems import BookProblems, Problem, Refused
from planner.core.resolve import UNKNOWN, Resolver
from planner.core.schema import ROW_ID, Kind

DEFAULT_CURRENCY = "USD"
ID_BLOCK = 1_000_000  # row ids a store hands out at a time to one open session

Unresolved = dict[str, dict[str, dict[int, str]]]  # table -> column -> row id -> text as given


class Tables:
    """The read side of a book, shared by the live :class:`Book` and its snapshots."""

    def __init__(self, frames: dict[str, pd.DataFrame], positions: dict[str, np.ndarray],
                 unresolved: Unresolved, opened_problems: dict, revision: int) -> None:
        self._frames = frames
        self._positions = positions
        self._unresolved = unresolved
        # cells a store could not read (text in a number column, ...), until they are set
        self._opened_problems = opened_problems
        self.revision = revision
        self._cache: dict = {}
        self._cache_revision = revision
        self._cache_lock = threading.Lock()

    # what pickling leaves out (a book sent to another process): locks, caches, callbacks
    _TRANSIENT = ("_cache", "_cache_lock", "_listeners", "_snapshot", "reserve_ids")

    def __getstate__(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if key not in self._TRANSIENT}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._cache, self._cache_lock = {}, threading.Lock()
        if isinstance(self, Book):
            self._listeners, self._snapshot, self.reserve_ids = [], None, None

    # -- reading --------------------------------------------------------------------------
    def __getitem__(self, name: str) -> pd.DataFrame:
        """The table ``name`` (indexed by row id, in position order). A copy-on-write view:
        changing it never changes the book."""
        return self._frames[name].copy(deep=False)

    def positions(self, name: str) -> np.ndarray:
        return self._positions[name].copy()

    def unresolved(self, table: str, column: str) -> dict[int, str]:
        """Reference cells of ``column`` kept as the text that did not resolve, by row id."""
        return dict(self._unresolved.get(table, {}).get(column, {}))

    def cached(self, key, compute: Callable[[], object]):
        """``compute()`` once per revision of the book (derived facts, problems)."""
        with self._cache_lock:
            if self._cache_revision != self.revision:
                self._cache, self._cache_revision = {}, self.revision
            if key in self._cache:
                return self._cache[key]
        value = compute()
        with self._cache_lock:
            if self._cache_revision == self.revision:
                self._cache[key] = value
        return value

    def keys(self, table: str) -> pd.Series:
        """The user's own id of each row (the table's first key column), by row id."""
        spec = schema.TABLES[table]
        return self._frames[table][spec.key[0]] if spec.key else pd.Series(dtype="string")

    def titles(self, table: str) -> pd.Series:
        """What names each row where another table refers to it (a rep's name), by row id."""
        spec = schema.TABLES[table]
        return self._frames[table][spec.title or spec.key[0]].astype("string")

    def references(self, table: str) -> dict[str, pd.Series]:
        """For each reference column of ``table``: the names of the rows it may refer to."""
        return {column.name: self.titles(column.ref) for column in schema.TABLES[table].refs}

    def keyed(self, table: str) -> pd.DataFrame:
        """The table with each reference replaced by the user's id of the row it names
        (``S02``, ``Won``): what the engine, the command line and exports speak."""
        def build() -> pd.DataFrame:
            frame = self[table]
            for column in schema.TABLES[table].refs:
                target = schema.TABLES[column.ref]
                names = self._frames[column.ref][target.key[0]]
                frame[column.name] = frame[column.name].map(names).astype("string")
            return frame
        return self.cached(("keyed", table), build)

    # -- settings ------------------------------------------------------------------------
    def setting(self, key: str) -> str | None:
        """The value of a setting (keys match case-insensitively; the last row wins)."""
        def build() -> dict[str, str]:
            settings = self._frames["Settings"].dropna(subset=["key", "value"])
            return {str(k).strip().lower(): str(v).strip() for k, v in zip(settings["key"], settings["value"])}
        return self.cached("settings", build).get(key)

    @property
    def currency(self) -> str:
        """The book's currency (ISO code): quotas, salaries and every total are in it."""
        currency = (self.setting("currency") or DEFAULT_CURRENCY).upper()
        minor_digits(currency)  # raises a clear error for an unknown code
        return currency

    @property
    def rounding(self) -> str:
        mode = (self.setting("rounding") or "half_up").lower()
        if mode not in ROUNDING_MODES:
            raise PlannerError(
                QT_TRANSLATE_NOOP("errors", "Unknown rounding mode {mode!r}: use half_up, half_even, down or up"),
                mode=mode,
            )
        return mode

    @property
    def as_of(self) -> date:
        """The book's "today": the ``as_of`` setting, else today (decisions.md: a live pipeline
        slips as days pass; a historical book sets ``as_of``)."""
        text = self.setting("as_of")
        if text:
            from planner.core.parse import parse_date

            try:
                return parse_date(text).date()
            except (ValueError, OverflowError):
                raise PlannerError(
                    QT_TRANSLATE_NOOP("errors", "Settings: as_of {text!r} is not a date (expected 2026-06-30)"),
                    text=text,
                ) from None
        return date.today()

    @property
    def as_of_source(self) -> str:
        """Where :attr:`as_of` comes from: ``"setting"`` or ``"today"``."""
        return "setting" if self.setting("as_of") else "today"

    def current_period(self, kind: str = "quarter") -> Period:
        return Period.containing(self.as_of, kind)

    def check_settings(self) -> None:
        """Raise a clear error when a setting the engine needs is wrong (currency, as_of, rounding)."""
        self.currency, self.as_of, self.rounding  # noqa: B018 - each raises its own message

    # -- problems ------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """Every rule of the schema and every reference that the data breaks."""
        from planner.core.checks import book_problems

        return self.cached("problems", lambda: book_problems(self))

    def require_valid(self) -> None:
        """Raise ``BookProblems`` listing the first problems, if there are any."""
        found = self.problems()
        if found:
            raise BookProblems(found)

    def problem(self, table: str, row: int | None, column: str | None, template: str, **fields) -> Problem:
        """A problem at row id ``row`` of ``table``, located for the user (row number and id)."""
        if row is None:
            return Problem(table, None, column, template, fields)
        frame = self._frames[table]
        try:
            position = int(frame.index.get_loc(row))
        except KeyError:
            return Problem(table, int(row), column, template, fields)
        spec = schema.TABLES[table]
        key = frame[spec.key[0]].iloc[position] if spec.key and spec.key[0] in frame else None
        if key is not None and (pd.isna(key) or schema.TABLES[table].column(spec.key[0]).kind is Kind.REF):
            key = None
        return Problem(table, int(row), column, template, fields, position, None if key is None else str(key))


class Snapshot(Tables):
    """An immutable book at one revision, for work off the main thread (compute, save, export)."""


class Book(Tables):
    """The living document: tables, the edit API, events and the changes since the last save."""

    def __init__(self, tables: dict[str, pd.DataFrame] | None = None) -> None:
        """A book from frames of the book's values, references given as the user's ids or
        names (resolved here; what does not resolve is kept as text and is a Problem)."""
        tables = tables or {}
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
            frames[name], unresolved[name] = _resolve_frame(name, frames[name], frames)
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
        self._next_id, self._id_limit = next_id, None
        # a store bound for editing hands out blocks of ids, so that two sessions never clash
        self.reserve_ids: Callable[[int], int] | None = None
        self._snapshot: Snapshot | None = None
        self._stored: Tables = self._frozen()  # the book as its store holds it (as made, until saved)
        self.clock: Callable[[], date] = date.today  # the day a stage change is recorded on

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

    def copy(self) -> Book:
        """The same rows, ids and positions in a book of its own, to try a change on (a merge
        is checked on one): frames are shared copy-on-write; no store, listeners or pending."""
        frozen = self._frozen()
        book = Book.restored(frozen._frames, frozen._positions, frozen._unresolved, frozen._opened_problems,
                             dict(self.versions), self._next_id)
        book.clock = self.clock
        return book

    def _frozen(self) -> Snapshot:
        frames = {name: frame.copy(deep=False) for name, frame in self._frames.items()}
        positions = {name: array.copy() for name, array in self._positions.items()}
        unresolved = {t: {c: dict(rows) for c, rows in columns.items()} for t, columns in self._unresolved.items()}
        return Snapshot(frames, positions, unresolved, dict(self._opened_problems), self.revision)

    # -- ids -------------------------------------------------------------------------------
    def new_ids(self, count: int) -> np.ndarray:
        """``count`` fresh row ids (from the store's block when the book is bound to one)."""
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

    def insertion(self, table: str, rows: pd.DataFrame, at: int | None = None) -> InsertRows:
        """The change that inserts ``rows`` before position ``at``, with fresh ids (not applied)."""
        spec = schema.TABLES[table]
        extras = [name for name in self._frames[table].columns if name not in spec.names]
        rows = schema.conform(spec, rows.reset_index(drop=True), refs_as_ids=True)
        rows = rows[[c for c in rows.columns if c in spec.names or c in extras]]
        rows.index = pd.Index(self.new_ids(len(rows)), name=ROW_ID)
        return InsertRows(table, rows, self._new_positions(table, len(rows), at))

    def delete_rows(self, table: str, ids) -> Change:
        """Delete rows by id, with the rows that belong to them (a deal's stage history and
        splits, a plan's tiers and bonuses)."""
        return self.apply(self.deletion(table, ids))

    def deletion(self, table: str, ids) -> Change:
        """The change that deletes rows ``ids`` and the rows that belong to them (not applied)."""
        ids = np.asarray(list(ids), dtype="int64")
        parts = [DeleteRows(table, ids)]
        for child, spec in schema.TABLES.items():
            for column in spec.columns:
                if column.owned and column.ref == table:
                    frame = self._frames[child]
                    owned = frame.index[frame[column.name].isin(ids).to_numpy(dtype=bool, na_value=False)]
                    if len(owned):
                        parts.insert(0, DeleteRows(child, owned.to_numpy()))
        return parts[0] if len(parts) == 1 else Batch(tuple(parts))

    def replace_table(self, table: str, frame: pd.DataFrame) -> Change:
        """Replace a whole table (values as the book holds them, references as text to resolve)."""
        spec = schema.TABLES[table]
        frame = schema.conform(spec, frame.reset_index(drop=True))
        ids = pd.Series(self.new_ids(len(frame)))
        key = spec.key[0] if spec.key and spec.column(spec.key[0]).kind is not Kind.REF else None
        if key:  # a row whose id the table already has keeps its row id: references to it hold
            current = self._frames[table][key].dropna()
            current = current[~current.duplicated(keep=False)]
            kept = frame[key].map(pd.Series(current.index, index=current.to_numpy())).astype("Int64")
            kept[frame[key].duplicated(keep="first").to_numpy()] = pd.NA
            ids = kept.fillna(ids).astype("int64")
        frame.index = pd.Index(ids.to_numpy(), name=ROW_ID)
        frames = dict(self._frames)
        frames[table] = frame
        frame, unresolved = _resolve_frame(table, frame, frames)
        return self.apply(ReplaceTable(table, frame, np.arange(1, len(frame) + 1, dtype="float64"), unresolved))

    def change_stage(self, deal: int, stage: int, on: date | None = None) -> Change:
        """Move deal ``deal`` (row id) to ``stage`` (a Stages row id), recorded in StageHistory
        on ``on`` (default: today)."""
        return self.apply(SetValues("Deals", pd.DataFrame(
            {"stage": pd.array([stage], dtype="Int64")}, index=pd.Index([deal], name=ROW_ID))), on=on)

    def apply(self, change: Change, check: bool = True, on: date | None = None) -> Change:
        """Apply any change; returns its inverse. ``check=False`` only for inverses this book
        returned (undo restores what was there, even a value that is now a problem). Stage and
        expected-close changes are recorded in StageHistory on ``on`` (default: today)."""
        if check:
            self.validate(change)
            if any(isinstance(atom, SetValues) and atom.table == "Deals" for atom in atoms(change)):
                change = self._with_history(change, on)
        inverses, events = [], []
        self.revision += 1
        for atom in atoms(change):
            inverse, event = self._apply_atom(atom)
            inverses.append(inverse)
            events.append(event)
        for event in events:
            for listener in list(self._listeners):
                listener(event)
        return inverses[0] if len(inverses) == 1 else Batch(tuple(reversed(inverses)))

    # -- validation ------------------------------------------------------------------------
    def validate(self, change: Change) -> None:
        """Raise :class:`Refused` listing every value of ``change`` that does not fit."""
        found = []
        incoming: dict[str, list] = {}  # rows the change itself adds may be referred to
        for atom in atoms(change):
            if isinstance(atom, (InsertRows, ReplaceTable)):
                incoming.setdefault(atom.table, []).extend((atom.rows if isinstance(atom, InsertRows)
                                                            else atom.frame).index)
        for atom in atoms(change):
            spec = schema.TABLES.get(atom.table)
            if spec is None:
                raise PlannerError(QT_TRANSLATE_NOOP("errors", "Unknown table(s) {names}"), names=atom.table)
            frame = self._frames[atom.table]
            if isinstance(atom, DeleteRows):
                missing = pd.Index(atom.ids).difference(frame.index)
                found += [self.problem(atom.table, int(row), None, ROW_GONE, row=int(row)) for row in missing]
                continue
            values = atom.values if isinstance(atom, SetValues) else atom.rows if isinstance(atom, InsertRows) \
                else atom.frame
            if isinstance(atom, SetValues):
                missing = values.index.difference(frame.index)
                found += [self.problem(atom.table, int(row), None, ROW_GONE, row=int(row)) for row in missing]
                unknown = [c for c in values.columns if c not in frame.columns]
                found += [Problem(atom.table, None, str(c), NO_COLUMN, {}) for c in unknown]
                if missing.size or unknown:
                    continue
            found += self._value_problems(spec, atom.table, values, isinstance(atom, SetValues), incoming,
                                          replacing=isinstance(atom, ReplaceTable))
        if found:
            raise Refused(found)

    def _value_problems(self, spec: schema.Table, table: str, values: pd.DataFrame, required: bool,
                        incoming: dict[str, list], replacing: bool = False) -> list[Problem]:
        found = []
        currency = self._currency_or_default()
        frame = self._frames[table]
        for name in values.columns:
            column = spec.column(name) if name in spec.names else None
            if column is None and (replacing or name not in frame):
                continue  # a user's own column, new with this table: any values
            dtype = frame[name].dtype if column is None else schema.DTYPES[
                Kind.INT if column.kind is Kind.REF else column.kind]
            series = values[name]
            try:
                series = series.astype(dtype)
            except (TypeError, ValueError, OverflowError):
                for label, value in series.items():
                    try:
                        pd.Series([value]).astype(dtype)
                    except (TypeError, ValueError, OverflowError):
                        found.append(self._at(table, label, name, NOT_KIND.get(str(dtype), _NOT_NUMBER), {"value": value}))
                continue
            if column is None:
                continue
            found += [self._at(table, label, name, template, fields)
                      for label, _value, template, fields in check_column(series, column, currency)]
            if required and column.required:
                found += [self._at(table, label, name, REQUIRED, {}) for label in series.index[series.isna()]]
            if column.kind is Kind.REF:
                known = self._frames[column.ref].index.append(pd.Index(incoming.get(column.ref, []), dtype="int64"))
                present = series.dropna()
                for label, row in present[~present.isin(known)].items():
                    found.append(self._at(table, label, name, UNKNOWN[column.ref], {"value": f"#{row}"}))
        return found

    def _at(self, table: str, label, column: str, template: str, fields: dict) -> Problem:
        row = int(label) if label in self._frames[table].index else None
        problem = self.problem(table, row, column, template, **fields)
        return problem if row is not None else Problem(table, int(label), column, template, fields)

    def _currency_or_default(self) -> str:
        try:
            return self.currency
        except PlannerError:
            return DEFAULT_CURRENCY

    # -- applying --------------------------------------------------------------------------
    def _apply_atom(self, atom) -> tuple[Change, Changed]:
        name = atom.table
        frame, positions = self._frames[name], self._positions[name]
        table_unresolved = self._unresolved.setdefault(name, {})
        if isinstance(atom, SetValues):
            ids, columns = atom.values.index, list(atom.values.columns)
            old = frame.loc[ids, columns].copy()
            old_unresolved = {c: {r: table_unresolved[c][r] for r in ids if r in table_unresolved.get(c, {})}
                              for c in columns if table_unresolved.get(c)}
            frame = frame.copy(deep=False)
            for column in columns:
                frame.loc[ids, column] = atom.values[column].astype(frame[column].dtype).to_numpy()
                cells = table_unresolved.get(column)
                if cells:
                    for row in ids:
                        cells.pop(int(row), None)
                for row in ids:
                    self._opened_problems.pop((name, int(row), column), None)
            for column, cells in atom.unresolved.items():
                table_unresolved.setdefault(column, {}).update(cells)
            self._frames[name] = frame
            self._touched.of(name).update(ids)
            return SetValues(name, old, old_unresolved), Changed(name, "values", ids.to_numpy(), tuple(columns),
                                                                 self.revision)
        if isinstance(atom, InsertRows):
            rows = atom.rows.reindex(columns=frame.columns)
            for column in frame.columns:
                rows[column] = rows[column].astype(frame[column].dtype)
            new_positions = atom.positions if atom.positions is not None else \
                (positions[-1] if len(positions) else 0) + np.arange(1, len(rows) + 1, dtype="float64")
            merged = pd.concat([frame, rows])
            merged_positions = np.concatenate([positions, np.asarray(new_positions, dtype="float64")])
            if len(positions) and len(rows) and new_positions[0] < positions[-1]:
                order = np.argsort(merged_positions, kind="stable")
                merged, merged_positions = merged.iloc[order], merged_positions[order]
            self._frames[name], self._positions[name] = merged, merged_positions
            for column, cells in atom.unresolved.items():
                table_unresolved.setdefault(column, {}).update(cells)
            self._touched.of(name).insert(rows.index)
            return DeleteRows(name, rows.index.to_numpy()), Changed(name, "insert", rows.index.to_numpy(), (),
                                                                    self.revision)
        if isinstance(atom, DeleteRows):
            gone = frame.index.isin(atom.ids)
            old_rows, old_positions = frame[gone], positions[gone]
            old_unresolved = {c: {r: t for r, t in cells.items() if r in set(atom.ids.tolist())}
                              for c, cells in table_unresolved.items()}
            for cells in table_unresolved.values():
                for row in atom.ids.tolist():
                    cells.pop(row, None)
            self._frames[name], self._positions[name] = frame[~gone], positions[~gone]
            self._touched.of(name).delete(atom.ids)
            return (InsertRows(name, old_rows, old_positions, {c: r for c, r in old_unresolved.items() if r}),
                    Changed(name, "delete", np.asarray(atom.ids), (), self.revision))
        if isinstance(atom, ReplaceTable):
            old_unresolved = {c: dict(cells) for c, cells in table_unresolved.items()}
            changed_columns = list(frame.columns) != list(atom.frame.columns)
            self._touched.of(name).delete(frame.index)
            self._touched.of(name).insert(atom.frame.index)
            self._touched.settings_changed |= changed_columns
            self._frames[name] = atom.frame
            self._positions[name] = np.asarray(atom.positions if atom.positions is not None else
                                               np.arange(1, len(atom.frame) + 1), dtype="float64")
            self._unresolved[name] = {c: dict(cells) for c, cells in atom.unresolved.items()}
            self._opened_problems = {k: v for k, v in self._opened_problems.items() if k[0] != name}
            return (ReplaceTable(name, frame, positions, old_unresolved),
                    Changed(name, "reset", atom.frame.index.to_numpy(), (), self.revision))
        raise TypeError(atom)

    def _new_positions(self, table: str, count: int, at: int | None) -> np.ndarray:
        """Positions for ``count`` rows inserted before position ``at`` (fractional, so that the
        rows around them keep theirs; renumbered only when the gap is exhausted)."""
        positions = self._positions[table]
        if at is None or at >= len(positions):
            last = positions[-1] if len(positions) else 0.0
            return last + np.arange(1, count + 1, dtype="float64")
        low = positions[at - 1] if at > 0 else positions[0] - 1.0
        high = positions[at]
        steps = np.linspace(low, high, count + 2)[1:-1]
        if not (np.all(np.diff(np.concatenate([[low], steps, [high]])) > 0)):
            # no room left between two rows: renumber the table (every row's position is rewritten)
            self._positions[table] = np.arange(1, len(positions) + 1, dtype="float64") * 2.0
            self._touched.of(table).update(self._frames[table].index)
            return self._new_positions(table, count, at)
        return steps

    def _with_history(self, change: Change, on: date | None = None) -> Change:
        """Add what a change of deals implies: a StageHistory row per deal whose stage or expected
        close changes (stage entered, expected close as of then); the closed date when a deal is
        won or lost (cleared when it is reopened). History follows the deal's own dates: a deal's
        first row is entered on its created date and a won or lost row on its closed date, also
        when those dates are typed after the stage."""
        parts = []
        for atom in atoms(change):
            columns = set(atom.values.columns) if isinstance(atom, SetValues) and atom.table == "Deals" else set()
            if not columns & {"stage", "expected_close", "created", "closed"}:
                parts.append(atom)
                continue
            values, current = atom.values, self._frames["Deals"].loc[atom.values.index]
            stage = values["stage"].astype("Int64") if "stage" in values else current["stage"]
            expected = values["expected_close"].astype("datetime64[ns]") if "expected_close" in values \
                else current["expected_close"]
            new_stage = _differs(stage, current["stage"])
            moved = (new_stage | _differs(expected, current["expected_close"])) & stage.notna().to_numpy()
            day = pd.Timestamp(on or self.clock())
            kind = stage.map(self._frames["Stages"]["kind"]).to_numpy(dtype=object, na_value=None)
            closed = values["closed"].astype("datetime64[ns]") if "closed" in values else current["closed"]
            if "stage" in values and "closed" not in values:
                closing = np.isin(kind, ["won", "lost"]) & current["closed"].isna().to_numpy()
                reopening = new_stage & (kind == "open") & current["closed"].notna().to_numpy()
                if closing.any() or reopening.any():
                    closed = current["closed"].copy()
                    closed[closing], closed[reopening] = day, pd.NaT
                    atom = SetValues("Deals", values.assign(closed=closed), atom.unresolved)
            created = values["created"].astype("datetime64[ns]") if "created" in values else current["created"]
            parts.append(atom)
            if moved.any():
                entered = self._entered(values.index, kind, created, closed, day)
                parts.append(InsertRows("StageHistory", *self._history_rows(
                    values.index[moved], stage[moved], expected[moved], entered[moved])))
            redated = self._redated(created if "created" in values else None,
                                    closed if "closed" in values else None, stage, kind)
            if redated is not None:
                parts.append(redated)
        return parts[0] if len(parts) == 1 else Batch(tuple(parts))

    def _entered(self, deals: pd.Index, kind: np.ndarray, created: pd.Series, closed: pd.Series,
                 day: pd.Timestamp) -> np.ndarray:
        """The day a new history row of each deal is entered on: a won or lost stage on the
        deal's closed date; a deal's first row on its created date (not after ``day``); else ``day``."""
        entered = np.full(len(deals), day.to_datetime64(), dtype="datetime64[ns]")
        has_history = deals.isin(self._frames["StageHistory"]["deal_id"].dropna().to_numpy())
        first = ~has_history & created.notna().to_numpy() & (created.to_numpy() <= day.to_datetime64())
        entered[first] = created.to_numpy()[first]
        final = np.isin(kind, ["won", "lost"]) & closed.notna().to_numpy()
        entered[final] = closed.to_numpy()[final]
        return entered

    def _redated(self, created: pd.Series | None, closed: pd.Series | None, stage: pd.Series,
                 kind: np.ndarray) -> SetValues | None:
        """History rows moved to dates typed after the stage: a deal's first row (an open stage)
        to its new created date, the row of its won or lost stage to its new closed date, each
        only where the rows stay in order."""
        history = self._frames["StageHistory"]
        rows = history[history["deal_id"].isin(stage.index).to_numpy(dtype=bool, na_value=False)]
        if not len(rows):
            return None
        rows = rows.assign(_position=self._positions["StageHistory"][history.index.isin(rows.index)])
        rows = rows.sort_values(["entered", "_position"], kind="stable")
        moves = {}
        open_stage = self._frames["Stages"]["kind"] == "open"
        if created is not None:
            for deal, group in rows.groupby("deal_id", sort=False):
                day, first = created.get(deal), group.iloc[0]
                following = group["entered"].iloc[1] if len(group) > 1 else None
                if pd.notna(day) and open_stage.get(first["stage"], False) and first["entered"] != day \
                        and (following is None or day <= following):
                    moves[int(group.index[0])] = day
        if closed is not None:
            final = pd.Series(np.isin(kind, ["won", "lost"]), index=stage.index)
            for deal, group in rows.groupby("deal_id", sort=False):
                day = closed.get(deal)
                mine = group[group["stage"] == stage.get(deal)]
                if not (final.get(deal, False) and pd.notna(day) and len(mine)):
                    continue
                before = group["entered"][group.index != mine.index[-1]]
                if mine["entered"].iloc[-1] != day and (not len(before) or before.max() <= day):
                    moves[int(mine.index[-1])] = day
        if not moves:
            return None
        return SetValues("StageHistory", pd.DataFrame(
            {"entered": pd.Series(list(moves.values()), dtype="datetime64[ns]").to_numpy()},
            index=pd.Index(list(moves), dtype="int64", name=ROW_ID)))

    def _history_rows(self, deals: pd.Index, stage: pd.Series, expected: pd.Series, entered: np.ndarray) -> tuple:
        rows = pd.DataFrame({"deal_id": pd.array(deals, dtype="Int64"),
                             "stage": pd.array(stage.to_numpy(), dtype="Int64"),
                             "entered": pd.Series(entered, index=range(len(deals)), dtype="datetime64[ns]"),
                             "expected_close": expected.to_numpy(dtype="datetime64[ns]")})
        rows.index = pd.Index(self.new_ids(len(rows)), name=ROW_ID)
        return rows, self._new_positions("StageHistory", len(rows), None)

    # -- typed input -----------------------------------------------------------------------
    def parse_input(self, table: str, typed: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
        """Typed values (text, numbers, dates as people write them; references as ids or names)
        as the book's values, with every cell that does not fit as a Problem. ``typed`` is
        indexed by row id (or by anything, for new rows)."""
        spec = schema.TABLES[table]
        from planner.core.parse import parse_frame

        parsed, bad = parse_frame(spec, typed, self._currency_or_default())
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

    def stored_as(self, written: Tables) -> None:
        """The store now holds the book as ``written`` (a snapshot of it): what changes net against."""
        self._stored = written

    def saved(self, changes: ChangeSet, revision: int) -> None:
        """A save wrote ``changes`` (from :meth:`take_changes`) as store revision ``revision``:
        remember the rows' versions, and that the store holds the book as it was taken."""
        if changes.source is not None:
            self._stored = changes.source
        for name, table_changes in changes.tables.items():
            known = self.versions.get(name, pd.Series(dtype="int64"))
            written = pd.Series(revision, index=pd.Index(sorted(table_changes.inserted | table_changes.updated)),
                                dtype="int64")
            known = known.drop(list(table_changes.deleted), errors="ignore")
            self.versions[name] = pd.concat([known[~known.index.isin(written.index)], written])


def _differs(new: pd.Series, old: pd.Series) -> np.ndarray:
    """Cell by cell: is ``new`` another value than ``old`` (missing equals missing)?"""
    new_missing, old_missing = new.isna().to_numpy(), old.isna().to_numpy()
    unequal = new.ne(old).fillna(False).to_numpy(dtype=bool)
    return (unequal & ~(new_missing & old_missing)) | (new_missing != old_missing)


ROW_GONE = QT_TRANSLATE_NOOP("errors", "row #{row} no longer exists")
_NOT_NUMBER = QT_TRANSLATE_NOOP("errors", "{value!r} is not a number")
NOT_KIND = {"Int64": _NOT_NUMBER, "Float64": _NOT_NUMBER, "float64": _NOT_NUMBER, "int64": _NOT_NUMBER,
            "datetime64[ns]": QT_TRANSLATE_NOOP("errors", "{value!r} is not a date (expected a day such as 2026-03-05)"),
            "string": QT_TRANSLATE_NOOP("errors", "{value!r} is not text"), "object": _NOT_NUMBER}
NO_COLUMN = QT_TRANSLATE_NOOP("errors", "the table has no such column")


def _resolve_frame(name: str, frame: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, dict]:
    """``frame`` with its reference columns (text) resolved to row ids; the text of what did
    not resolve, by column and row id."""
    spec = schema.TABLES[name]
    unresolved: dict[str, dict[int, str]] = {}
    frame = frame.copy()
    if name == "Quotas":  # a quota's "rep" may name a team (the Quotas sheet's rep-or-team column)
        teams = set(frames["Reps"]["team"].dropna())
        reps = set(frames["Reps"]["id"].dropna()) | set(frames["Reps"]["name"].dropna())
        is_team = frame["rep"].isin(teams).fillna(False) & ~frame["rep"].isin(reps).fillna(False) \
            & frame["team"].isna()
        frame.loc[is_team, "team"] = frame.loc[is_team, "rep"]
        frame.loc[is_team, "rep"] = pd.NA
    for column in spec.refs:
        texts = frame[column.name]
        if pd.api.types.is_integer_dtype(texts):
            continue
        ids, failures = Resolver(schema.TABLES[column.ref], frames[column.ref]).resolve(texts)
        frame[column.name] = ids
        if failures:
            unresolved[column.name] = {int(label): str(texts[label]) for label in failures}
    return frame, unresolved
