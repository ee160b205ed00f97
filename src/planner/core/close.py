"""Closing a period: its statement lines frozen in the book's Ledger, the close recorded.

Closing period P (decisions.md, "Period close") computes the statement lines of every plan
period inside P (a rep on a monthly plan: P's months; on a quarterly plan: P's quarters) and
writes them to the ``Ledger`` with a ``Closes`` row (who, when, the statement's revision) as
ONE change: one undo step until it is saved, one save. Both tables are only ever added to: a
period is reopened by a ``reopen`` row of ``Closes`` (the ledger lines stay, as history), and
closed again as the next revision.

Closing is refused for a period that has not ended at the book's ``as_of``, for one already
closed, and while a problem of the book touches it (every such problem listed): the only
figure that needs a book without problems (decisions.md, "Problems and figures").

While P is closed, the book refuses every change that would alter its figures
(core/close_guard.py), and later effects show as adjustment lines in the next open period
(core/adjustments.py). Qt-free: the command line, the app and the tests share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd

from planner.core.changes import Batch, Change
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.periods import Period
from planner.core.problems import BookProblems, Problem

# what a ledger line holds, besides the close, the revision and its own row id
LINE_COLUMNS = ["rep", "period", "line", "deal", "rule", "tier", "rate", "base", "amount", "adjusts", "reason"]
# what names a line of a statement across computations (its number moves when a line comes before it)
KEY = ["rep", "period", "rule", "deal", "tier", "adjusts"]

NOT_ENDED = QT_TRANSLATE_NOOP("errors", "{period} cannot be closed: it has not ended on {as_of} (the book's date)")
ALREADY_CLOSED = QT_TRANSLATE_NOOP("errors", "{period} is already closed (on {at} by {by})")
INSIDE_CLOSED = QT_TRANSLATE_NOOP("errors", "{period} is already closed as part of {closed}")
REOPEN_INSIDE = QT_TRANSLATE_NOOP("errors", "{period} is closed as part of {closed}: reopen {closed} instead")
REOPEN_UNDER = QT_TRANSLATE_NOOP("errors", "{period} lies inside {closed}, which is closed too: reopen {closed} first")
NOT_CLOSED = QT_TRANSLATE_NOOP("errors", "{period} is not closed: there is nothing to reopen")


class CloseRefused(BookProblems):
    """Problems of the book touch the period: it cannot be closed. ``str()`` is one line, then
    one line per problem (every one of them)."""

    def __init__(self, period: Period, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.template = QT_TRANSLATE_NOOP("errors", "{period} cannot be closed while {count} problem(s) touch it")
        self.fields = {"period": period.label, "count": len(problems)}
        self.args = (self.translated(lambda _context, text: text),)

    def translated(self, translate, by_key: bool = True) -> str:
        head = translate("errors", self.template).format(**self.fields)
        return "\n".join([f"{head}:"] + [f"  {problem.translated(translate, by_key)}" for problem in self.problems])

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class ClosedPeriod:
    """A period closed now: its ``Closes`` row and what it says."""

    row: int
    period: Period
    revision: int
    at: str
    by: str


@dataclass(frozen=True)
class ClosePlan:
    """What closing or reopening a period does, before it is done: the ``change`` (one undo
    step) and the statement ``lines`` it writes (a close) or the ``differences`` between the
    ledger and the figures as they would be computed once reopened (a reopen)."""

    period: Period
    change: Change
    lines: pd.DataFrame
    differences: pd.DataFrame
    revision: int
    reopen: bool = False


# -- what is closed -----------------------------------------------------------------------
def closed_periods(book) -> dict[str, ClosedPeriod]:
    """The periods closed now, by label: each period whose last ``Closes`` row is a close."""
    def build() -> dict[str, ClosedPeriod]:
        closes = book["Closes"]
        out: dict[str, ClosedPeriod] = {}
        for row, period, event, revision, at, by in zip(closes.index, closes["period"], closes["event"],
                                                        closes["revision"], closes["at"], closes["by"]):
            if pd.isna(period):
                continue
            if event == "close":
                out[str(period)] = ClosedPeriod(int(row), Period.of(str(period)), int(revision), str(at), str(by))
            else:
                out.pop(str(period), None)
        return out
    return book.cached("closed_periods", build, depends=()) if len(book._frames["Closes"]) else {}


def frozen_lines(book) -> pd.DataFrame:
    """The ledger lines of the periods closed now (the Ledger's rows of their closes), with
    ``closed``: the label of the period whose close wrote each."""
    def build() -> pd.DataFrame:
        ledger = book["Ledger"]
        by_row = {close.row: label for label, close in closed_periods(book).items()}
        lines = ledger[ledger["close"].isin(list(by_row)).to_numpy(dtype=bool, na_value=False)]
        return lines.assign(closed=lines["close"].map(by_row).astype("string"))
    return book.cached("frozen_lines", build, depends=())  # read by every statement and report of a closed book


def closed_span(book, day: date) -> ClosedPeriod | None:
    """The closed period holding ``day``, if any."""
    for close in closed_periods(book).values():
        if close.period.start <= day < close.period.end:
            return close
    return None


def covering(book, period: Period) -> ClosedPeriod | None:
    """The closed period that holds all of ``period``, if any."""
    for close in closed_periods(book).values():
        if close.period.contains(period):
            return close
    return None


# -- the statement lines a close freezes ---------------------------------------------------
def ledger_lines(book, period: Period) -> pd.DataFrame:
    """The statement lines of the plan periods inside ``period``, in ``LINE_COLUMNS`` (row
    ids for ``rep``, ``deal`` and ``tier``) with their adjustments (core/adjustments.py),
    computed on the figures' book (core/usable.py): what a statement of ``period`` shows. The
    one place the close asks the engine for statement lines."""
    from planner.core.adjustments import with_adjustments
    from planner.core.statements import statement_lines
    from planner.core.usable import usable

    figures, _left_out = usable(book)
    lines = with_adjustments(figures, period, statement_lines(figures, period))
    inside = np.array([period.contains(Period.of(label)) for label in lines["period"]], dtype=bool)
    return lines[inside][LINE_COLUMNS].reset_index(drop=True)


def problems_touching(book, period: Period) -> list[Problem]:
    """The problems of the book that touch ``period``'s statements: of a deal won or cancelled
    in it (or whose dates cannot say), a rep employed in it, a rep's quota of it, a plan, a
    stage or a setting. Each problem once, in the book's order."""
    from planner.core.usable import usable

    try:
        _figures, left = usable(book)
    except BookProblems as whole:  # a problem no row can be left out for touches every period
        return list(whole.problems)
    found: dict[int, Problem] = {}
    for table, rows in left.rows.items():
        touched = _touches(book, table, list(rows), period)
        for row, problem in rows.items():
            if touched.get(row, False):
                found.setdefault(id(problem), problem)
    return list(found.values())


_ALWAYS = {"Plans", "PlanTiers", "PlanBonuses", "PlanMultipliers", "Spiffs", "PlanDraws", "PlanAssignments", "Stages",
           "Settings", "Splits"}


def _touches(book, table: str, rows: list[int], period: Period) -> dict[int, bool]:
    frame = book._frames[table]
    ids = pd.Index(rows, dtype="int64").intersection(frame.index)
    if table in _ALWAYS:
        return dict.fromkeys(rows, True)
    if table == "Deals":
        from planner.core import deal_rules

        deals = frame.loc[ids]
        kinds = deal_rules.stage_kinds(deals, book._frames["Stages"])
        settled = kinds.isin(["open", "lost"]).to_numpy(dtype=bool, na_value=False)
        inside = (period.mask(deals["closed"]) | period.mask(deals["cancelled"])).to_numpy(dtype=bool)
        unknown = deals["closed"].isna().to_numpy()
        return dict(zip(ids.tolist(), (~settled & (inside | unknown)).tolist()))
    if table == "Reps":
        from planner.core.attainment import active

        return dict(zip(ids.tolist(), active(frame.loc[ids], period).tolist()))
    if table == "Quotas":
        quotas = frame.loc[ids]
        out = {}
        for row, rep, label in zip(ids.tolist(), quotas["rep"], quotas["period"]):
            out[row] = not pd.isna(rep) and (pd.isna(label) or _overlaps(str(label), period))
        return out
    return {}


def _overlaps(label: str, period: Period) -> bool:
    try:
        other = Period.of(label)
    except ValueError:
        return True  # no period: it could be any
    return other.start < period.end and period.start < other.end


# -- closing and reopening ---------------------------------------------------------------------
def plan_close(book, period: Period, by: str, at: datetime | None = None) -> ClosePlan:
    """The change that closes ``period`` (not applied), with the lines it writes.

    Raises
    ------
    PlannerError
        When the period has not ended at the book's ``as_of`` or is already closed;
        :class:`CloseRefused` listing every problem that touches it.
    """
    as_of = book.as_of
    if as_of < period.end:
        raise PlannerError(NOT_ENDED, period=period.label, as_of=as_of.isoformat())
    closed = closed_periods(book)
    if period.label in closed:
        close = closed[period.label]
        raise PlannerError(ALREADY_CLOSED, period=period.label, at=close.at, by=close.by)
    around = covering(book, period)
    if around is not None:
        raise PlannerError(INSIDE_CLOSED, period=period.label, closed=around.period.label)
    problems = problems_touching(book, period)
    if problems:
        raise CloseRefused(period, problems)
    lines = ledger_lines(book, period)
    # a plan period already frozen by a close of a shorter period inside this one stays as it was
    inside = [p for p in closed.values() if period.contains(p.period)]
    if inside:
        lines = lines[[not any(p.period.contains(Period.of(label)) for p in inside) for label in lines["period"]]]
    revision = _revisions(book, period) + 1
    record = book.insertion("Closes", pd.DataFrame({
        "period": [period.label], "event": ["close"], "revision": [revision], "at": [_stamp(at)], "by": [by]}))
    written = lines.reset_index(drop=True).assign(
        close=pd.array(np.repeat(record.rows.index.to_numpy(), len(lines)), dtype="Int64"), revision=revision)
    change = Batch((record, book.insertion("Ledger", written)))
    return ClosePlan(period, change, lines.reset_index(drop=True), _no_differences(), revision)


def plan_reopen(book, period: Period, by: str, at: datetime | None = None) -> ClosePlan:
    """The change that reopens ``period`` (not applied), with the lines that would differ once
    it is open: the ledger's against the statement computed from the book as it is now.

    Raises
    ------
    PlannerError
        When the period is not closed (a period closed as part of a longer one is reopened
        with it), or lies inside a longer period closed after it (that one is reopened first).
    """
    closed = closed_periods(book)
    close = closed.get(period.label)
    if close is None:
        around = covering(book, period)
        if around is not None:
            raise PlannerError(REOPEN_INSIDE, period=period.label, closed=around.period.label)
        raise PlannerError(NOT_CLOSED, period=period.label)
    # a month closed before its quarter: the quarter's close left its lines to the month's, so
    # reopening the month alone would leave them in no close (its statements would read 0.00)
    for label, longer in closed.items():
        if label != period.label and longer.period.contains(period):
            raise PlannerError(REOPEN_UNDER, period=period.label, closed=label)
    frozen = frozen_lines(book)
    frozen = frozen[frozen["close"] == close.row]
    live = ledger_lines(book, period)
    live = live[live["period"].isin(frozen["period"].unique())] if len(frozen) else live.iloc[:0]
    record = book.insertion("Closes", pd.DataFrame({
        "period": [period.label], "event": ["reopen"], "revision": [close.revision], "at": [_stamp(at)], "by": [by]}))
    return ClosePlan(period, record, frozen[LINE_COLUMNS].reset_index(drop=True), differences(frozen, live),
                     close.revision, reopen=True)


def differences(frozen: pd.DataFrame, live: pd.DataFrame) -> pd.DataFrame:
    """Lines whose amount differs between ``frozen`` (a ledger) and ``live`` (statement lines
    computed now), matched by ``KEY``: ``KEY`` columns, ``was`` and ``now`` (missing: no such
    line), ordered as the ledger, then new lines."""
    def keyed(frame: pd.DataFrame) -> pd.Series:
        keys = frame[KEY].astype(object).where(frame[KEY].notna(), None)
        return pd.Series(frame["amount"].astype("int64").to_numpy(),
                         index=pd.MultiIndex.from_frame(keys)).groupby(level=list(range(len(KEY))),
                                                                        sort=False, dropna=False).sum()
    if not len(frozen) and not len(live):
        return _no_differences()
    was, now = keyed(frozen), keyed(live)
    index = was.index.append(now.index[~now.index.isin(was.index)])
    both = pd.DataFrame({"was": was.reindex(index).astype("Int64"), "now": now.reindex(index).astype("Int64")})
    both = both[both["was"].fillna(0).ne(both["now"].fillna(0)).to_numpy(dtype=bool)
                | both["was"].isna().ne(both["now"].isna()).to_numpy(dtype=bool)]
    out = both.reset_index()
    out.columns = [*KEY, "was", "now"]
    return out.astype({"rep": "Int64", "deal": "Int64", "tier": "Int64", "period": "string", "rule": "string",
                       "adjusts": "string"})


def _no_differences() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="object") for column in [*KEY, "was", "now"]})


def _revisions(book, period: Period) -> int:
    closes = book["Closes"]
    return int(((closes["period"] == period.label) & (closes["event"] == "close")).sum())


def _stamp(at: datetime | None) -> str:
    """A moment as the close records it: UTC, ``2026-04-01T09:30:00Z`` (as the change log)."""
    moment = (at or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
