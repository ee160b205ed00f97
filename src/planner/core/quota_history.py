"""What a quota plan takes from last year's results: each rep's run rate, each role's
productivity and the company's seasonality, all from the credit ``planner report`` computes
(core/attainment.py) on the part of the book its problems leave (core/usable.py).

A rep's **run rate** is its credited amount in the basis year at a full year's rate: credited
× days of the year ÷ days the rep was employed in it (up to the book's as_of while the year is
not over), rounded once to the minor unit; a rep employed the whole year keeps its credited
amount exactly. Reps employed less than ``HISTORY_DAYS`` of the basis year have no run rate of
their own (a few weeks say little about a year).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from planner.core.attainment import credited_by
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import round_div
from planner.core.periods import Period

HISTORY_DAYS = 90  # about a quarter: the least employment in the basis year that gives a run rate

# Each rule's message in two wordings: the command line's names its flag, the app's its field
# (APP_WORDING, for the Quota planner tab: an app never tells its user to type --basis).
BASIS_NOT_OVER = QT_TRANSLATE_NOOP("errors", "seasonality from history needs a basis year that is over: {basis} is "
                                             "not over on {as_of} (use --basis {before})")
NO_WINS = QT_TRANSLATE_NOOP("errors", "no deal was won in {basis}: weights by won revenue and seasonality from "
                                      "history need a basis year with wins (use --basis, or equal weights and flat "
                                      "seasonality)")
BASIS_NOT_OVER_APP = QT_TRANSLATE_NOOP("errors", "seasonality from history needs a basis year that is over: {basis} is "
                                                 "not over on {as_of} (choose {before} or earlier as the Basis year)")
NO_WINS_APP = QT_TRANSLATE_NOOP("errors", "no deal was won in {basis}: weights by won revenue and seasonality from "
                                          "history need a basis year with wins (choose another Basis year, or Equal "
                                          "weights and Flat seasonality)")
APP_WORDING = {BASIS_NOT_OVER: BASIS_NOT_OVER_APP, NO_WINS: NO_WINS_APP}


def in_the_app(error: PlannerError) -> PlannerError:
    """``error`` as the app words it: the same fields, its field named instead of a flag."""
    wording = APP_WORDING.get(error.template)
    return error if wording is None else PlannerError(wording, **error.fields)


def employed_days(reps: pd.DataFrame, start: date, end: date) -> np.ndarray:
    """Days each rep was employed in ``[start, end)``: from its start date to its end date,
    both included (no start date: employed from the first; no end date: still employed)."""
    first = reps["start_date"].fillna(pd.Timestamp(start)).clip(lower=pd.Timestamp(start))
    last = (reps["end_date"] + pd.Timedelta(days=1)).fillna(pd.Timestamp(end)).clip(upper=pd.Timestamp(end))
    return np.maximum((last - first).dt.days.to_numpy(dtype="int64", na_value=0), 0)


def run_rates(book, basis: int, as_of: date) -> pd.Series:
    """Each rep's run rate in the basis year (minor units, by rep row id), for the reps
    employed at least ``HISTORY_DAYS`` of it up to ``as_of``; credit below zero counts as none."""
    def build() -> pd.Series:
        year = Period.parse(str(basis))
        until = min(year.end, as_of + timedelta(days=1))
        if until <= year.start:
            return pd.Series(dtype="int64")
        reps = book["Reps"]
        days = pd.Series(employed_days(reps, year.start, until), index=reps.index)
        days = days[days >= HISTORY_DAYS]
        credited = credited_by(book, "year")
        credited = credited[credited.index.get_level_values(1) == year.label].droplevel(1) if len(credited) else \
            pd.Series(dtype="int64")
        won = credited.reindex(days.index).fillna(0).clip(lower=0).astype("int64")
        length = (year.end - year.start).days
        rates = round_div(won.to_numpy(dtype=object) * length, days.to_numpy(dtype=object), book.rounding)
        return pd.Series(np.asarray(rates, dtype="int64"), index=days.index)
    return book.cached(("run_rates", basis, as_of), build, depends=())


def role_productivity(book, basis: int, as_of: date) -> dict[str, int]:
    """The mean run rate of each role's reps (``""``: reps without a role) and, under None,
    of every rep with a run rate; roles without one are left out."""
    rates = run_rates(book, basis, as_of)
    if not len(rates):
        return {}
    roles = book["Reps"]["role"].reindex(rates.index).fillna("").astype(str).str.strip()
    out = {role: int(round_div(int(group.sum()), len(group), book.rounding))
           for role, group in rates.groupby(roles.to_numpy())}
    out[None] = int(round_div(int(rates.sum()), len(rates), book.rounding))
    return out


def won_per_month(book, year: int) -> list[int]:
    """The company's credited amount in each month of ``year`` (below zero: none)."""
    credited = credited_by(book, "month")
    if not len(credited):
        return [0] * 12
    totals = credited.groupby(level=1).sum()
    return [max(int(totals.get(Period(date(year, month, 1), "month").label, 0)), 0) for month in range(1, 13)]


def won_by_month(book, basis: int, as_of: date) -> list[int]:
    """The company's credited amount in each month of the basis year, as seasonality weights.
    Raises :class:`PlannerError` when the year is not over on ``as_of`` (its last months would
    count as nothing) or nothing was won in it."""
    if Period.parse(str(basis)).end > as_of + timedelta(days=1):
        raise PlannerError(BASIS_NOT_OVER, basis=basis, as_of=as_of.isoformat(), before=basis - 1)
    months = won_per_month(book, basis)
    if not any(months):
        raise PlannerError(NO_WINS, basis=basis)
    return months
