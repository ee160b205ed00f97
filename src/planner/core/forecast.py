"""Forecasts for a period, the four methods of product.md (seed 001): stage-weighted, by
forecast category, historical and by sales-cycle length; plus what is overdue beside them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

import numpy as np

from planner.core import kinds
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.facts import cycle_days, deal_arrays, weighted_amounts, within
from planner.core.money import RATIO_SCALE, parse_decimal, round_div, to_minor, to_ratio
from planner.core.parse import other_currency
from planner.core.periods import Period
from planner.core.schema import MAX_INTEGER, Kind

# Settings keys of the historical forecast's inputs; ``forecast_inputs`` overrides them by the same keys.
GROWTH, NEW_REPS, NEW_REP_REVENUE = "forecast_growth", "forecast_new_reps", "forecast_new_rep_revenue"
TRAILING_MONTHS = 3
BELOW_MINUS_100 = QT_TRANSLATE_NOOP("errors", "{where}: growth {value!r} is below -100% (the forecast would be "
                                              "negative)")
OTHER_CURRENCY = QT_TRANSLATE_NOOP("errors", "{where}: {value!r} is an amount in another currency; amounts here are "
                                             "in {currency}")
AMBIGUOUS_GROWTH = QT_TRANSLATE_NOOP("errors", "{where}: {value!r} is ambiguous: write {value}% or {fraction} (a "
                                               "number without % is a fraction: 0.05 is 5%)")
TOO_MUCH_REVENUE = QT_TRANSLATE_NOOP("errors", "{where}: {value!r} is more than {most} {currency}")
# Bounds of the inputs (the messages of historical_inputs say them in words): growth up to +1000%;
# new reps × first-month revenue stays an amount a book holds (schema.MAX_INTEGER minor units).
MAX_GROWTH = 10 * RATIO_SCALE
MAX_NEW_REPS = 10_000
MAX_NEW_REP_REVENUE = MAX_INTEGER // MAX_NEW_REPS


@dataclass(frozen=True)
class HistoricalInputs:
    """The historical forecast's inputs: growth in millionths (5% = 50_000), planned new reps
    and the expected first-month revenue of each, in minor units of the book's currency."""

    growth: int = 0
    new_reps: int = 0
    new_rep_revenue: int = 0


def historical_inputs(book, overrides: dict | None = None) -> HistoricalInputs:
    """The inputs from the book's Settings (``forecast_growth`` as ``5%`` or ``0.05``, from -100%
    to ``MAX_GROWTH``, a bare number above 1 refused as ambiguous; ``forecast_new_reps`` a whole
    number up to ``MAX_NEW_REPS``; ``forecast_new_rep_revenue`` an amount in the book's currency
    up to ``MAX_NEW_REP_REVENUE``), each overridden by the same key of ``overrides`` when given
    and not ``None``. Missing inputs are zero."""
    overrides = {key: value for key, value in (overrides or {}).items() if value is not None}
    unknown = set(overrides) - {GROWTH, NEW_REPS, NEW_REP_REVENUE}
    if unknown:
        raise ValueError(f"unknown forecast inputs: {', '.join(sorted(unknown))}")

    def read(key: str, parse, expected: str):
        value = overrides[key] if key in overrides else book.setting(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return 0
        try:
            return parse(value)
        except (ValueError, ArithmeticError, TypeError) as error:
            own = error.args and error.args[0] in (BELOW_MINUS_100, OTHER_CURRENCY, AMBIGUOUS_GROWTH, TOO_MUCH_REVENUE)
            template, fields = (error.args[0], error.args[1] if len(error.args) > 1 else {}) if own else (expected, {})
            raise PlannerError(template, where=key if key in overrides else f"Settings: {key}", value=str(value),
                               currency=book.currency, **fields) from None

    def growth(value) -> int:
        rate = to_ratio(value)
        if not str(value).strip().endswith("%") and abs(rate) > RATIO_SCALE:  # was a bare 5 meant as 5%?
            raise ValueError(AMBIGUOUS_GROWTH, {"fraction": format(parse_decimal(value) / 100, "f")})
        if rate < -RATIO_SCALE:  # below -100% the forecast would be negative revenue
            raise ValueError(BELOW_MINUS_100)
        if rate > MAX_GROWTH:
            raise ValueError(value)
        return rate

    def whole(value) -> int:
        number = to_ratio(value)
        if number % RATIO_SCALE or not 0 <= number <= MAX_NEW_REPS * RATIO_SCALE:
            raise ValueError(value)
        return number // RATIO_SCALE

    def revenue(value) -> int:
        if isinstance(value, str):  # NFKC: full-width ＄ and digits, as the editors read them
            value = unicodedata.normalize("NFKC", value)
            if other_currency(value, book.currency):
                raise ValueError(OTHER_CURRENCY)
        minor = to_minor(value, book.currency)
        if minor < 0:
            raise ValueError(value)
        if minor > MAX_NEW_REP_REVENUE:
            raise ValueError(TOO_MUCH_REVENUE, {"most": kinds.text(Kind.MONEY, MAX_NEW_REP_REVENUE, book.currency)})
        return minor

    return HistoricalInputs(
        growth=read(GROWTH, growth, QT_TRANSLATE_NOOP(
            "errors", "{where}: {value!r} is not a growth rate from -100% to 1000% (such as 5% or 0.05)")),
        new_reps=read(NEW_REPS, whole, QT_TRANSLATE_NOOP(
            "errors", "{where}: {value!r} is not a number of reps (a whole number from 0 to 10,000)")),
        new_rep_revenue=read(NEW_REP_REVENUE, revenue, QT_TRANSLATE_NOOP(
            "errors", "{where}: {value!r} is not an amount in {currency}")),
    )


def forecast(book, period: Period, as_of: date | None = None, inputs: dict | None = None) -> dict[str, int | None]:
    """Money in minor units.

    - ``won``: amount of deals won (closed with a won stage) in the period;
    - ``open_weighted`` / ``weighted``: Σ amount × stage probability of open deals expected to
      close in the period (each deal's share rounded once), and won + that;
    - ``commit``: won + open *commit* deals expected in the period;
    - ``best_case``: commit + open *best_case* deals expected in the period;
    - ``pipeline``: won + every open deal expected in the period, except *omitted* ones;
    - ``historical``: the average monthly won revenue of the three months before the period
      × (1 + growth) × the period's months, rounded once, + new reps × first-month revenue
      per new rep (:func:`historical_inputs`);
    - ``cycle_length``: won + Σ over open deals expected to close in the period of amount ×
      min(age at ``as_of`` ÷ average won sales cycle, 1), each deal rounded once; the average
      cycle is over every won deal of the book; ``None`` when the book has no won deal;
    - ``overdue``: the value of open deals whose expected close lies before ``as_of`` and
      outside the period: "overdue, not in this forecast".

    ``as_of`` defaults to the book's.
    """
    from planner.core.metrics import open_deals, period_deals

    as_of = book.as_of if as_of is None else as_of
    deals = deal_arrays(book)
    amounts, category = deals["amount"], categories(book)
    expected = period_deals(book, period)["expected"]  # open deals expected to close in the period

    def open_sum(mask: np.ndarray) -> int:
        return int(amounts[expected[mask[expected]]].sum())

    won_value = won_in(book, period)
    open_weighted = int(weighted_amounts(book)[expected].sum())
    commit = won_value + open_sum(category["commit"])
    today, open_ = np.datetime64(as_of, "ns"), open_deals(book)
    close = deals["expected_close"][open_]
    overdue = open_[~within(close, period) & (close < today)]  # NaT compares False
    return {
        "won": won_value,
        "open_weighted": open_weighted,
        "weighted": won_value + open_weighted,
        "commit": commit,
        "best_case": commit + open_sum(category["best_case"]),
        "pipeline": won_value + open_sum(~category["omitted"]),
        "historical": historical(book, period, historical_inputs(book, inputs)),
        "cycle_length": cycle_length(book, period, as_of),
        "overdue": int(amounts[overdue].sum()),
    }


def categories(book) -> dict[str, np.ndarray]:
    """Which deals are in each forecast category (commit, best_case, omitted), per deal in
    Deals order; once per revision (comparing every deal's text costs more than the sums)."""
    def build() -> dict[str, np.ndarray]:
        category = deal_arrays(book)["category"]
        return {name: (category == name).astype(bool) for name in ("commit", "best_case", "omitted")}
    return book.cached("forecast_categories", build, depends=())  # the facts


def won_in(book, period: Period) -> int:
    """The amount of deals won (closed with a won stage) in ``period``: where every forecast
    of the period starts, and the actual its accuracy is measured against."""
    from planner.core.metrics import period_won_value

    return period_won_value(book, period)


def historical(book, period: Period, inputs: HistoricalInputs) -> int:
    """Average monthly won revenue of the 3 months before ``period`` × (1 + growth) × months
    of the period (rounded once) + new reps × first-month revenue (exact)."""
    from planner.core.metrics import won_deals

    deals, won = deal_arrays(book), won_deals(book)
    first = Period(period.start, "month").shifted(-TRAILING_MONTHS)
    closed = deals["closed"][won]
    won = won[(closed >= np.datetime64(first.start, "ns")) & (closed < np.datetime64(period.start, "ns"))]
    total = int(deals["amount"][won].sum())
    grown = round_div(total * period.months * (RATIO_SCALE + inputs.growth), TRAILING_MONTHS * RATIO_SCALE,
                      book.rounding)
    return grown + inputs.new_reps * inputs.new_rep_revenue


def average_won_cycle(book) -> tuple[int, int]:
    """(total days from created to closed, number of deals) over every won deal of the book
    with both dates. Cached per revision."""
    def build() -> tuple[int, int]:
        deals = deal_arrays(book)
        days, dated = cycle_days(deals, deals["won"])
        return int(days.clip(min=0).sum()), int(dated.sum())
    return book.cached("average_won_cycle", build, depends=())


def cycle_length(book, period: Period, as_of: date) -> int | None:
    """Won in ``period`` + Σ amount × min(age ÷ average won cycle, 1) over open deals expected
    to close in it (age = days from created to ``as_of``, at least 0; a deal without a created
    date counts nothing). ``None`` when the book has no won deal to learn the cycle from."""
    from planner.core.metrics import period_deals

    total_days, n_won = average_won_cycle(book)
    if not n_won:
        return None
    deals, of_period = deal_arrays(book), period_deals(book, period)
    won, expected = of_period["won"], of_period["expected"]
    chosen = expected[~np.isnat(deals["created"][expected])]
    age = (np.datetime64(as_of, "ns") - deals["created"][chosen]) // np.timedelta64(1, "D")
    age = age.astype("int64").clip(min=0).astype(object)
    amounts = deals["amount"][chosen]
    if total_days == 0:  # deals are won the day they are created: every open deal is due
        counted = int(amounts.sum())
    else:
        # age ÷ (total_days / n_won), capped at 1: min(age × n_won, total_days) / total_days
        share = np.minimum(age * n_won, total_days)
        counted = int(round_div(amounts * share, total_days, book.rounding).sum()) if len(amounts) else 0
    return int(deals["amount"][won].sum()) + counted
