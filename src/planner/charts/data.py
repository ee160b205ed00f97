"""What the dashboard charts show, computed from a book snapshot and its report (no Qt).

Money stays in integer minor units of the book's currency, as everywhere in the engine; the
chart builders convert to major units only to place bars on an axis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from planner.core.attainment import attainment, period_quota
from planner.core.facts import cycle_days, deal_arrays, deal_facts, weighted_amounts
from planner.core.forecast import forecast
from planner.core.health import as_day, deal_health, won_stage_days
from planner.core.periods import Period

# How many expected-close months the weighted pipeline shows, starting with as_of's month.
PIPELINE_MONTHS = 6
# How many months the win-rate and sales-cycle trends look back over, as_of's month last.
TREND_MONTHS = 12
# The buckets around the months of the weighted pipeline.
OVERDUE, LATER = "overdue", "later"


@dataclass(frozen=True)
class DashboardData:
    """Everything the five dashboard charts draw, for one book revision, period and day.

    - ``funnel``: per open stage in pipeline order: ``stage``, ``open_count`` and
      ``open_value`` (open deals now), ``reached``, ``advanced`` and ``conversion`` (the deals
      created in ``period``, metrics.funnel); the last stage's ``advanced`` are the won ones.
    - ``weighted_by_month``: the open deals' weighted value (minor units) by expected-close
      bucket (rows: ``"overdue"`` — expected before ``as_of`` —, the month labels from
      as_of's month on, ``"later"`` — after them or undated) and open stage (columns).
    - ``forecast``: per quarter of ``period``'s year: ``period``, ``won``, ``weighted``,
      ``commit``, ``best_case`` and ``quota`` (minor units; quota missing without one).
    - ``trends``: per month of the trailing year: ``month``, ``won_count``, ``lost_count``,
      ``win_rate`` (NaN when nothing closed) and ``avg_cycle_days`` (NaN when nothing was won).
    - ``time_in_stage``: per open stage: ``won_avg_days`` (what won deals spent there),
      ``open_avg_days`` (how long open deals have sat there so far), ``open_count`` and
      ``stalled``.
    """

    currency: str
    period: Period
    as_of: date
    funnel: pd.DataFrame
    weighted_by_month: pd.DataFrame
    forecast: pd.DataFrame
    trends: pd.DataFrame
    time_in_stage: pd.DataFrame


def dashboard_data(book, report, as_of: date | None = None) -> DashboardData:
    """The dashboard's figures for ``book`` (a snapshot), as of ``as_of`` (default: the
    report's), beside ``report`` (its period's funnel, stages and deal health are reused): the
    book as it stood that day, as the report sees it (core/point_in_time.py)."""
    from planner.core.point_in_time import as_it_stood

    as_of = report.as_of if as_of is None else as_day(as_of)
    book = as_it_stood(book, as_of)
    return DashboardData(
        currency=report.currency,
        period=report.period,
        as_of=as_of,
        funnel=funnel_by_stage(report),
        weighted_by_month=weighted_by_month(book, as_of),
        forecast=forecast_by_quarter(book, report.period.start.year, as_of),
        trends=monthly_trends(book, as_of),
        time_in_stage=time_in_stage(book, as_of),
    )


def funnel_by_stage(report) -> pd.DataFrame:
    """Open deals per stage beside the period's stage conversion (both in pipeline order)."""
    stages = report.stages
    conversion = report.funnel.set_index("stage")
    names = stages["stage"].astype("string")
    return pd.DataFrame({
        "stage": names.to_numpy(dtype=object),
        "open_count": stages["count"].to_numpy(dtype="int64", na_value=0),
        "open_value": stages["value"].to_numpy(dtype="int64", na_value=0),
        "reached": conversion["reached"].reindex(names).to_numpy(dtype="int64", na_value=0),
        "advanced": conversion["advanced"].reindex(names).to_numpy(dtype="int64", na_value=0),
        "conversion": conversion["conversion"].reindex(names).to_numpy(dtype="float64", na_value=np.nan),
    })


def open_stages(book) -> pd.Series:
    """The open stages' names in pipeline order, by row id."""
    stages = book["Stages"]
    return stages.loc[stages["kind"] == "open"].sort_values("order", kind="stable")["stage"]


def open_stage_names(book) -> list[str]:
    """The open stages' names in pipeline order."""
    return open_stages(book).astype(str).tolist()


def weighted_by_month(book, as_of: date, months: int = PIPELINE_MONTHS) -> pd.DataFrame:
    """Σ amount × stage probability of the open deals (each deal rounded once, as the
    engine's weighted pipeline) by expected-close bucket and stage; the buckets add up to
    the report's ``weighted_value``."""
    facts, deals = deal_facts(book), deal_arrays(book)
    is_open = deals["open"]
    expected = deals["expected_close"][is_open]
    today = np.datetime64(as_of, "ns")
    first = Period.containing(as_of, "month")
    labels = [first.shifted(step).label for step in range(months)]
    bucket = np.full(len(expected), LATER, dtype=object)
    for step, label in enumerate(labels):
        month = first.shifted(step)
        bucket[(expected >= np.datetime64(month.start, "ns")) & (expected < np.datetime64(month.end, "ns"))] = label
    bucket[expected < today] = OVERDUE  # NaT compares False: undated deals stay "later"
    frame = pd.DataFrame({"bucket": bucket, "stage": facts["stage"].to_numpy(dtype="int64", na_value=-1)[is_open],
                          "weighted": weighted_amounts(book)[is_open].astype("int64")})
    table = frame.pivot_table(index="bucket", columns="stage", values="weighted", aggfunc="sum", fill_value=0)
    stages = open_stages(book)  # by row id, named for the chart
    table = table.reindex(index=[OVERDUE, *labels, LATER], columns=stages.index, fill_value=0)
    table.columns = stages.astype(str).to_numpy()
    table.index.name, table.columns.name = "bucket", "stage"
    return table.astype("int64")


def forecast_by_quarter(book, year: int, as_of: date) -> pd.DataFrame:
    """Won, stage-weighted, commit and best-case forecasts and the quota of each quarter of ``year``."""
    rows = []
    for quarter in Period(date(year, 1, 1), "year").split("quarter"):
        figures = forecast(book, quarter, as_of)
        rows.append({"period": quarter.label, **{key: figures[key] for key in ("won", "weighted", "commit", "best_case")},
                     "quota": period_quota(*attainment(book, quarter))})
    frame = pd.DataFrame(rows)
    frame["quota"] = frame["quota"].astype("Int64")
    return frame


def monthly_trends(book, as_of: date, months: int = TREND_MONTHS) -> pd.DataFrame:
    """Win rate (won ÷ won + lost, over deals closed in the month) and average sales cycle
    (days from created to closed over deals won in the month) for the ``months`` months up
    to as_of's month, oldest first."""
    deals = deal_arrays(book)
    last = Period.containing(as_of, "month")
    periods = [last.shifted(step - months + 1) for step in range(months)]
    code = deals["closed"].astype("datetime64[M]").astype("int64")  # months since 1970 (NaT: far past)
    first_code = (periods[0].start.year - 1970) * 12 + periods[0].start.month - 1
    slot = code - first_code
    inside = ~np.isnat(deals["closed"]) & (slot >= 0) & (slot < months)
    won, lost = deals["won"] & inside, deals["lost"] & inside
    cycle, dated = cycle_days(deals, won)
    won_count = np.bincount(slot[won], minlength=months)
    lost_count = np.bincount(slot[lost], minlength=months)
    cycle_count = np.bincount(slot[dated], minlength=months)
    total_days = np.bincount(slot[dated], weights=cycle[dated].astype("float64"), minlength=months)
    closed = won_count + lost_count
    with np.errstate(invalid="ignore", divide="ignore"):
        return pd.DataFrame({
            "month": [period.label for period in periods],
            "won_count": won_count.astype("int64"),
            "lost_count": lost_count.astype("int64"),
            "win_rate": np.where(closed > 0, won_count / closed, np.nan),
            "avg_cycle_days": np.where(cycle_count > 0, total_days / np.maximum(cycle_count, 1), np.nan),
        })


def time_in_stage(book, as_of: date) -> pd.DataFrame:
    """Per open stage: the average days won deals spent in it against the average days the
    open deals have been in it at ``as_of`` (health.deal_health), with how many are stalled."""
    names = open_stage_names(book)
    won = won_stage_days(book)
    stage_names = book["Stages"]["stage"].astype(str)
    won_avg = pd.Series((won["days"] / won["deals"]).to_numpy(dtype="float64"),
                        index=stage_names.reindex(won.index).to_numpy())
    health = deal_health(book, as_of)
    if len(health):
        groups = pd.DataFrame({
            "stage": health["stage"].astype(str).to_numpy(),
            "days": health["days_in_stage"].to_numpy(dtype="float64", na_value=np.nan),
            "stalled": health["stalled"].to_numpy(dtype=bool),
        }).groupby("stage")
        open_avg, open_count, stalled = groups["days"].mean(), groups["days"].size(), groups["stalled"].sum()
    else:
        open_avg = open_count = stalled = pd.Series(dtype="float64")
    return pd.DataFrame({
        "stage": names,
        "won_avg_days": won_avg.reindex(names).to_numpy(dtype="float64"),
        "open_avg_days": open_avg.reindex(names).to_numpy(dtype="float64"),
        "open_count": open_count.reindex(names).fillna(0).to_numpy(dtype="int64"),
        "stalled": stalled.reindex(names).fillna(0).to_numpy(dtype="int64"),
    })
