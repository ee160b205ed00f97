"""Backtest: every forecast method replayed on the book as it stood before each past period
(core/point_in_time.py), judged against what was actually won in the period (issue 19).

For each period P from ``first`` to ``last`` (months or quarters) and each lead time L, the
forecast of P is made on the book as of the first day of the period L periods before P (lead 0:
P's own first day; lead 1: one period earlier), by each method of core/forecast.py, and judged
against the value won in P in the book as it stands. Per line: accuracy as product.md defines it
(1 − |forecast − actual| ÷ actual, core/forecast_accuracy.py), and the error forecast − actual.
Per method (and lead, and rep or team): the average accuracy, the bias Σ(forecast − actual) ÷
Σ actual (above 0: the method forecasts too much), the mean absolute percentage error
mean(|forecast − actual| ÷ actual), both over periods where something was won, and how often the
method was the most accurate of the period (ties count for each).

By rep or team, a deal counts for its owner (splits do not move forecasts); the forecast of a
group is made on its deals alone (the cycle-length method learns the group's own cycle), and the
historical method's planned new reps count for the company only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.cancel import checkpoint
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.forecast import NEW_REPS, forecast, won_in
from planner.core.forecast_accuracy import COMPUTED_METHODS, accuracy_of
from planner.core.periods import Period
from planner.core.point_in_time import DEAL_ROWS, as_it_stood, kept_state
from planner.core.schema import Kind
from planner.core.tables import Snapshot, Tables

GROUPINGS = ("team", "rep")
LEADS = (0, 1)
NOT_A_RANGE = QT_TRANSLATE_NOOP("errors", "--from {first} comes after --to {last}")
MIXED_KINDS = QT_TRANSLATE_NOOP("errors", "--from {first} and --to {last}: both months or both quarters are expected")
NOT_MONTH_OR_QUARTER = QT_TRANSLATE_NOOP("errors", "{value}: a month (2017-01) or a quarter (2017-Q1) is expected")
NO_DEALS = QT_TRANSLATE_NOOP("errors", "the book has no deal with a created or closed date to backtest")

_C = schema.Column
BACKTEST_LINES = schema.Table("BacktestLines", QT_TRANSLATE_NOOP("schema", "Backtest"), (
    _C("group", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Rep or team")),
    _C("period", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Period")),
    _C("lead", Kind.INT, QT_TRANSLATE_NOOP("schema", "Lead (periods)")),
    _C("made_on", Kind.DATE, QT_TRANSLATE_NOOP("schema", "Made on")),
    _C("method", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Method"), allowed=schema.SNAPSHOT_METHODS),
    _C("forecast", Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Forecast")),
    _C("actual", Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Actual (won)")),
    _C("error", Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Forecast − actual")),
    _C("accuracy", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Accuracy")),
    _C("best", Kind.INT, QT_TRANSLATE_NOOP("schema", "Best (1: most accurate of the period)")),
))
BACKTEST_METHODS = schema.Table("BacktestMethods", QT_TRANSLATE_NOOP("schema", "Backtest by method"), (
    _C("group", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Rep or team")),
    _C("lead", Kind.INT, QT_TRANSLATE_NOOP("schema", "Lead (periods)")),
    _C("method", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Method"), allowed=schema.SNAPSHOT_METHODS),
    _C("periods", Kind.INT, QT_TRANSLATE_NOOP("schema", "Periods judged")),
    _C("accuracy", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Average accuracy")),
    _C("bias", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Bias")),
    _C("mape", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Mean absolute % error")),
    _C("best", Kind.INT, QT_TRANSLATE_NOOP("schema", "Times best")),
))


@dataclass
class Backtest:
    """A backtest's lines (:data:`BACKTEST_LINES`) and its summary per group, lead and method
    (:data:`BACKTEST_METHODS`, most accurate first); money in minor units of ``currency``."""

    currency: str
    first: Period
    last: Period
    by: str | None
    lines: pd.DataFrame
    methods: pd.DataFrame


def periods_between(first: Period, last: Period) -> list[Period]:
    """The months or quarters from ``first`` to ``last``, both included."""
    for period in (first, last):
        if period.kind not in ("month", "quarter"):
            raise PlannerError(NOT_MONTH_OR_QUARTER, value=period.label)
    if first.kind != last.kind:
        raise PlannerError(MIXED_KINDS, first=first.label, last=last.label)
    if first.start > last.start:
        raise PlannerError(NOT_A_RANGE, first=first.label, last=last.label)
    periods = [first]
    while periods[-1].start < last.start:
        periods.append(periods[-1].shifted(1))
    return periods


def default_range(book: Tables, kind: str = "month") -> tuple[Period, Period]:
    """The periods of the book's own history: from the one after its first deal was created to
    the last that has ended by its as_of (or the one holding its last closed deal, if earlier)."""
    deals = book["Deals"]
    first_day, last_day = deals["created"].min(), deals["closed"].max()
    if pd.isna(first_day) or pd.isna(last_day):
        raise PlannerError(NO_DEALS)
    first = Period.containing(first_day.date(), kind).shifted(1)
    last = min(Period.containing(last_day.date(), kind), Period.containing(book.as_of, kind).shifted(-1),
               key=lambda period: period.start)
    return first, max(first, last, key=lambda period: period.start)


def backtest(book: Tables, first: Period, last: Period, leads=LEADS, by: str | None = None,
             inputs: dict | None = None) -> Backtest:
    """Backtest every method on ``book`` (rows with problems already left out: core/usable.py)
    for the periods from ``first`` to ``last`` at each lead time of ``leads``, for the company
    or per ``by`` (``"team"`` or ``"rep"``). ``inputs`` overrides the historical forecast's
    settings as in :func:`planner.core.forecast.forecast`."""
    if by not in (None, *GROUPINGS):
        raise ValueError(f"by must be one of {GROUPINGS}, not {by!r}")
    periods = periods_between(first, last)
    groups = _groups(book, by)
    group_inputs = {**(inputs or {}), NEW_REPS: 0} if by else inputs
    records = []
    for period in periods:
        actual = {name: won_in(_only(book, owners), period) for name, owners in groups.items()}
        for lead in leads:
            checkpoint()  # a backtest run again in the app stops here (core/cancel.py)
            day = made_on(period, lead)
            view = as_it_stood(book, day)
            for name, owners in groups.items():
                figures = forecast(_only(view, owners), period, day, group_inputs)
                records += [{"group": name, "period": period.label, "lead": lead, "made_on": pd.Timestamp(day),
                             "method": method, "forecast": figures[method], "actual": actual[name]}
                            for method in COMPUTED_METHODS]
    # exact ints (a missing forecast stays None, never a float NaN)
    forecasts, actuals = [r.pop("forecast") for r in records], [r.pop("actual") for r in records]
    exact = [None if f is None else accuracy_of(f, a) for f, a in zip(forecasts, actuals)]
    lines = pd.DataFrame(records, columns=["group", "period", "lead", "made_on", "method"])
    lines["forecast"] = pd.Series(forecasts, index=lines.index, dtype=object)
    lines["actual"] = pd.Series(actuals, index=lines.index, dtype=object)
    lines["_exact"] = pd.Series(exact, index=lines.index, dtype=object)
    lines["error"] = pd.Series([None if f is None else f - a for f, a in zip(forecasts, actuals)], index=lines.index,
                               dtype=object)
    lines["accuracy"] = [None if ratio is None else float(ratio) for ratio in exact]
    keys = list(zip(lines["group"], lines["period"], lines["lead"]))
    top: dict = {}
    for key, ratio in zip(keys, exact):
        if ratio is not None and (top.get(key) is None or ratio > top[key]):
            top[key] = ratio
    lines["best"] = [int(ratio is not None and ratio == top[key]) for key, ratio in zip(keys, exact)]
    return Backtest(book.currency, periods[0], periods[-1], by, _conformed(BACKTEST_LINES, lines),
                    _summary(lines))


def _summary(lines: pd.DataFrame) -> pd.DataFrame:
    rows = []
    judged = lines[lines["_exact"].notna()]
    for (_group, lead, method), part in judged.groupby([judged["group"].fillna("\0"), "lead", "method"],
                                                        sort=False):
        group = part["group"].iloc[0]
        ratios, forecasts, actuals = list(part["_exact"]), list(part["forecast"]), list(part["actual"])
        average = sum(ratios, Fraction(0)) / len(ratios)
        rows.append({"group": group, "lead": lead, "method": method, "periods": len(ratios),
                     "accuracy": float(average), "bias": float(Fraction(sum(forecasts) - sum(actuals), sum(actuals))),
                     "mape": float(1 - average),  # mean |f − a| ÷ a = 1 − mean accuracy, exactly
                     "best": int(part["best"].sum()), "_exact": average})
    frame = pd.DataFrame(rows, columns=[*BACKTEST_METHODS.names, "_exact"])
    if len(frame):
        frame = frame.assign(_group=frame["group"].fillna("")).sort_values(
            ["_group", "lead", "_exact"], ascending=[True, True, False], kind="stable")
    return _conformed(BACKTEST_METHODS, frame)


def _groups(book: Tables, by: str | None) -> dict[str | None, np.ndarray | None]:
    """Per group, the row ids of the reps whose deals it holds (``None``: every deal)."""
    if by is None:
        return {None: None}
    if by == "rep":
        return {str(key): np.array([row]) for row, key in book.keys("Reps").items()}
    team = book["Reps"]["team"].map(book.keys("Teams")).astype("string")
    groups = {str(name): team.index[(team == name).to_numpy(dtype=bool, na_value=False)].to_numpy()
              for name in sorted(team.dropna().unique())}
    if team.isna().any():  # reps without a team: one group of their own, named null
        groups[None] = team.index[team.isna().to_numpy()].to_numpy()
    return groups


def _only(book: Tables, owners: np.ndarray | None) -> Tables:
    """``book`` with only the deals of ``owners`` (and their history and splits)."""
    if owners is None:
        return book
    def build() -> Snapshot:
        frames = dict(book._frames)
        kept = {"Deals": frames["Deals"]["owner"].isin(owners).to_numpy(dtype=bool, na_value=False)}
        deals = frames["Deals"].index[kept["Deals"]]
        for table in DEAL_ROWS:
            kept[table] = frames[table]["deal_id"].isin(deals).to_numpy(dtype=bool, na_value=False)
        for table, mask in kept.items():
            frames[table] = frames[table][mask]
        return Snapshot(frames, *kept_state(book, kept), book.revision)
    return book.cached(("only", tuple(owners.tolist())), build)


def _conformed(spec: schema.Table, frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({c.name: frame[c.name].astype(schema.DTYPES[c.kind]) if len(frame) else
                         pd.Series(dtype=schema.DTYPES[c.kind]) for c in spec.columns}).reset_index(drop=True)


def made_on(period: Period, lead: int) -> date:
    """The day the forecast of ``period`` is made at lead time ``lead``."""
    return period.shifted(-lead).start
