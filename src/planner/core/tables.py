"""The read side of a book, and what is done to one without changing it.

:class:`Tables` holds a book's frames (indexed by row id, in position order), positions,
unresolved reference texts and the problems its store found on opening. Everything here reads:
figures, problems, keyed views, and changes *planned* (``insertion``, ``deletion``,
``replacement``, ``planned``) or *applied as a what-if* (``applied``), so that a quota scenario
or an import plan is computed on a :class:`Snapshot` off the GUI thread without touching the
live book. The live book (core/book.py) is a :class:`Tables` that can also swap to a new state.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

# Snapshots share frames with the live book and with each other: only pandas' copy-on-write
# keeps a change to one from showing through another. pandas 3 always has it.
if int(pd.__version__.split(".")[0]) < 3:
    pd.options.mode.copy_on_write = True

from planner.core import schema
from planner.core.changes import Batch, Change, DeleteRows, InsertRows, ReplaceTable, SetValues, atoms
from planner.core.derived import Derived, Reads
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import DEFAULT_CURRENCY, ROUNDING_MODES, currency_of, minor_digits
from planner.core.parse import REQUIRED, check_column
from planner.core.periods import Period
from planner.core.problems import BookProblems, Problem, Refused
from planner.core.provisional import provisional_ids
from planner.core.resolve import UNKNOWN, Resolver
from planner.core.schema import ROW_ID, Kind

Unresolved = dict[str, dict[str, dict[int, str]]]  # table -> column -> row id -> text as given


class Tables:
    """The read side of a book, shared by the live :class:`~planner.core.book.Book` and its
    snapshots, and what a change is planned, checked and applied on without touching it."""

    def __init__(self, frames: dict[str, pd.DataFrame], positions: dict[str, np.ndarray],
                 unresolved: Unresolved, opened_problems: dict, revision: int, derived: Derived | None = None) -> None:
        self._frames, self._positions, self._unresolved = Reads(frames), Reads(positions), Reads(unresolved)
        # cells a store could not read (text in a number column, ...), until they are set
        self._opened_problems = opened_problems
        self.revision = revision
        # what is derived from this state; a new state gets what an edit left standing (core/derived.py)
        self._cache = derived or Derived()
        self.clock: Callable[[], date] = date.today  # the day an edit is recorded on, without an as_of setting

    # what pickling leaves out (a book sent to another process): locks, caches, callbacks
    _TRANSIENT = ("_cache", "_listeners", "_snapshot", "reserve_ids")

    def __getstate__(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if key not in self._TRANSIENT}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._cache = Derived()

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

    def cached(self, key, compute: Callable[[], object], depends=None, rowwise: bool = False):
        """``compute()`` once per state of the book (derived facts, problems). ``depends`` says
        what it reads where it is less than whole tables: ``{"Deals": ("stage",)}`` (only those
        columns of Deals, and which deals there are), ``{"Deals": ()}`` (only which deals there
        are); every other table it reads counts whole, with what the entries it uses depend on.
        With ``depends`` given, the value is carried to the next state when a change touches
        none of that (core/derived.py); without, it depends on everything. A ``rowwise`` entry
        dropped by an edit is handed to the next state (``derived_before``)."""
        return self._cache.get(key, compute, depends, rowwise)

    def derived_before(self, key):
        """``(value, deps, touched)``: ``key``'s value and dependencies in the state before this
        one and what the edit in between touched, when that edit dropped it; else None."""
        return self._cache.before(key)

    def _derived(self) -> Derived:
        return self._cache

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
        return self.cached(("keyed", table), build, depends=())  # tables read count whole

    # -- settings ------------------------------------------------------------------------
    def setting(self, key: str) -> str | None:
        """The value of a setting (keys match case-insensitively; the last row wins)."""
        def build() -> dict[str, str]:
            settings = self._frames["Settings"].dropna(subset=["key", "value"])
            return {str(k).strip().lower(): str(v).strip() for k, v in zip(settings["key"], settings["value"])}
        return self.cached("settings", build, depends=("Settings",)).get(key)

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
            from planner.core.dates import parse_date

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

    def problem(self, table: str, row: int | None, column: str | None, template: str, /, **fields) -> Problem:
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

    # -- planning (pure: the book is not touched, no row id is used up) ---------------------
    def insertion(self, table: str, rows: pd.DataFrame, at: int | None = None) -> InsertRows:
        """The change that inserts ``rows`` (the book's values; references as row ids) before
        position ``at`` (default: after the last row), with provisional ids (not applied)."""
        spec = schema.TABLES[table]
        extras = [name for name in self._frames[table].columns if name not in spec.names]
        rows = schema.conform(spec, rows.reset_index(drop=True), refs_as_ids=True)
        rows = rows[[c for c in rows.columns if c in spec.names or c in extras]]
        rows.index = pd.Index(provisional_ids(len(rows)), name=ROW_ID)
        return InsertRows(table, rows, self._new_positions(table, len(rows), at))

    def _new_positions(self, table: str, count: int, at: int | None) -> np.ndarray | None:
        """Positions for ``count`` rows inserted before position ``at`` (fractional, so that the
        rows around them keep theirs); None after the last row."""
        positions = self._positions[table]
        if at is None or at >= len(positions):
            return None
        low = positions[at - 1] if at > 0 else positions[0] - 1.0
        high = positions[at]
        steps = np.linspace(low, high, count + 2)[1:-1]
        if not (np.all(np.diff(np.concatenate([[low], steps, [high]])) > 0)):
            # no room left between the two rows: tied with the row before, which applying
            # resolves by renumbering the table (core/applying.py)
            return np.full(count, low, dtype="float64")
        return steps

    def deletion(self, table: str, ids) -> Change:
        """The change that deletes rows ``ids`` and the rows that belong to them (a deal's stage
        history and splits, a plan's tiers and bonuses); not applied."""
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

    def replacement(self, table: str, frame: pd.DataFrame) -> ReplaceTable:
        """The change that replaces a whole table (values as the book holds them, references as
        text to resolve); a row whose id the table already has keeps its row id, so references
        to it hold; new rows get provisional ids. Not applied."""
        spec = schema.TABLES[table]
        frame = schema.conform(spec, frame.reset_index(drop=True))
        ids = pd.Series(provisional_ids(len(frame)))
        key = spec.key[0] if spec.key and spec.column(spec.key[0]).kind is not Kind.REF else None
        if key:
            current = self._frames[table][key].dropna()
            current = current[~current.duplicated(keep=False)]
            kept = frame[key].map(pd.Series(current.index, index=current.to_numpy())).astype("Int64")
            kept[frame[key].duplicated(keep="first").to_numpy()] = pd.NA
            ids = kept.fillna(ids).astype("int64")
        frame.index = pd.Index(ids.to_numpy(), name=ROW_ID)
        frames = dict(self._frames)
        frames[table] = frame
        frame, unresolved = resolve_frame(table, frame, frames)
        return ReplaceTable(table, frame, np.arange(1, len(frame) + 1, dtype="float64"), unresolved)

    def planned(self, change: Change, on: date | None = None) -> Change:
        """``change`` checked (:class:`Refused` listing every value that does not fit) and
        completed with what it implies (the stage history of deals whose stage or expected
        close changes, recorded on ``on``, default: today): what ``Book.apply`` applies."""
        self.validate(change)
        if any(isinstance(atom, SetValues) and atom.table == "Deals" for atom in atoms(change)):
            from planner.core.stage_history import with_history

            change = with_history(self, change, on)
        return change

    def applied(self, change: Change) -> Snapshot:
        """The book with ``change`` applied, as a new snapshot (a what-if: a quota scenario, a
        draft plan, an import plan). Pure: this book is not touched, and the rows the change adds
        keep their provisional ids. Apply ``planned(change)`` for the checks and the history."""
        return self.applying(change).state

    def applying(self, change: Change, origin: str = "local"):
        """The new state, the inverse, the events and the rows written (core/applying.py)."""
        from planner.core.applying import applying

        return applying(self, change, origin)

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
        from planner.core.close_guard import closed_problems, record_problems
        from planner.core.currency_guard import currency_problems

        found += record_problems(self, change)
        if not found:  # what a closed period, or the amounts held, refuse (a change whose values fit)
            found += closed_problems(self, change) or currency_problems(self, change)
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
        return currency_of(self)


class Snapshot(Tables):
    """An immutable book at one revision, for work off the main thread (compute, save, export)."""


ROW_GONE = QT_TRANSLATE_NOOP("errors", "row #{row} no longer exists")
_NOT_NUMBER = QT_TRANSLATE_NOOP("errors", "{value!r} is not a number")
NOT_KIND = {"Int64": _NOT_NUMBER, "Float64": _NOT_NUMBER, "float64": _NOT_NUMBER, "int64": _NOT_NUMBER,
            "datetime64[ns]": QT_TRANSLATE_NOOP("errors", "{value!r} is not a date (expected a day such as 2026-03-05)"),
            "string": QT_TRANSLATE_NOOP("errors", "{value!r} is not text"), "object": _NOT_NUMBER}
NO_COLUMN = QT_TRANSLATE_NOOP("errors", "the table has no such column")


def resolve_frame(name: str, frame: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, dict]:
    """``frame`` with its reference columns (text) resolved to row ids; the text of what did
    not resolve, by column and row id."""
    spec = schema.TABLES[name]
    unresolved: dict[str, dict[int, str]] = {}
    frame = frame.copy()
    for column in spec.refs:
        texts = frame[column.name]
        if pd.api.types.is_integer_dtype(texts):
            continue
        ids, failures = Resolver(schema.TABLES[column.ref], frames[column.ref]).resolve(texts)
        frame[column.name] = ids
        if failures:
            unresolved[column.name] = {int(label): str(texts[label]) for label in failures}
    return frame, unresolved
