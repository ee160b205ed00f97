"""Pipeline metrics for a period, with the definitions of product.md."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.facts import deal_arrays, deal_facts, weighted_amounts, within
from planner.core.money import round_div
from planner.core.periods import Period

# Computed tables of a report (the same column machinery as the book's own tables). Labels
# already translated are marked; the others are plain until the translations catch up.
PIPELINE_FUNNEL = schema.Table("PipelineFunnel", QT_TRANSLATE_NOOP("schema", "Stage conversion"), (
    schema.Column("stage", schema.Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Stage")),
    schema.Column("reached", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Reached")),
    schema.Column("advanced", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Advanced")),
    schema.Column("conversion", schema.Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Conversion")),
), key=("stage",))

PIPELINE_BY_REP = schema.Table("PipelineByRep", QT_TRANSLATE_NOOP("schema", "Pipeline by rep"), (
    schema.Column("rep", schema.Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Rep ID")),
    schema.Column("name", schema.Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Name")),
    schema.Column("team", schema.Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Team")),
    schema.Column("created", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Created deals")),
    schema.Column("won_count", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Won deals")),
    schema.Column("won_value", schema.Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Won value")),
    schema.Column("lost_count", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Lost deals")),
    schema.Column("win_rate", schema.Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Win rate")),
    schema.Column("open_count", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Open deals")),
    schema.Column("open_value", schema.Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Open value")),
    schema.Column("weighted_value", schema.Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Weighted value")),
    schema.Column("avg_cycle_days", schema.Kind.NUMBER, QT_TRANSLATE_NOOP("schema", "Average sales cycle (days)")),
), key=("rep",))


def pipeline_metrics(book, period: Period, reps: pd.DataFrame | None = None,
                     teams: pd.DataFrame | None = None) -> dict:
    """Open pipeline (a snapshot of the book) and the win/cycle figures of deals closed in ``period``.

    Money is returned in minor units (``int``); missing figures are ``None``. ``reps`` and
    ``teams`` are the period's attainment tables (computed when not given), for coverage.
    """
    rounding, deals = book.rounding, deal_arrays(book)
    closed_in = within(deals["closed"], period)
    won, lost, amounts = closed_in & deals["won"], closed_in & deals["lost"], deals["amount"]

    n_won, n_lost = int(won.sum()), int(lost.sum())
    won_value = int(amounts[won].sum())
    cycle_days = int(((deals["closed"][won] - deals["created"][won]) // np.timedelta64(1, "D")).sum())
    win_rate = Fraction(n_won, n_won + n_lost) if n_won + n_lost else None
    pipeline = open_pipeline(book)
    velocity = None
    if win_rate is not None and n_won and cycle_days > 0:
        # count × win rate × (won value / n_won) ÷ (cycle days / n_won), exact until one rounding
        exact = pipeline["open_count"] * win_rate * Fraction(won_value, cycle_days)
        velocity = round_div(exact.numerator, exact.denominator, rounding)

    created = within(deals["created"], period)
    n_created = int(created.sum())
    n_open = pipeline["open_count"]
    return {
        "open_count": n_open,
        "open_value": pipeline["open_value"],
        "weighted_value": pipeline["weighted_value"],
        "created_count": n_created,
        "won_count": n_won,
        "won_value": won_value,
        "lost_count": n_lost,
        "win_rate": None if win_rate is None else float(win_rate),
        "avg_won_deal": round_div(won_value, n_won, rounding) if n_won else None,
        "avg_cycle_days": cycle_days / n_won if n_won else None,
        "velocity_per_day": velocity,
        "stages": pipeline["stages"],
        # of the deals created in the period, the share won (by now)
        "conversion_rate": int((created & deals["won"]).sum()) / n_created if n_created else None,
        "avg_open_deal": round_div(pipeline["open_value"], n_open, rounding) if n_open else None,
        **coverage(book, period, reps, teams),
    }


def coverage(book, period: Period, reps: pd.DataFrame | None = None, teams: pd.DataFrame | None = None) -> dict:
    """``pipeline_expected``: the value of open deals expected to close in ``period``;
    ``quota_remaining``: the period's quota less what is credited in it so far; ``coverage``:
    the first ÷ the second (``None`` without a quota, or when nothing remains).

    The period's quota is every team's quota (its own Quotas row, else its members' sum)
    plus the quotas of reps in no team; the credit is every rep's.
    """
    if reps is None or teams is None:
        from planner.core.attainment import attainment

        reps, teams = attainment(book, period)
    deals = deal_arrays(book)
    expected = int(deals["amount"][deals["open"] & within(deals["expected_close"], period)].sum())
    quotas = pd.concat([teams["quota"], reps.loc[reps["team"].isna(), "quota"]]).dropna()
    remaining = None
    if len(quotas):
        remaining = int(quotas.astype("int64").sum()) - int(reps["credited"].fillna(0).astype("int64").sum())
    return {
        "pipeline_expected": expected,
        "quota_remaining": remaining,
        "coverage": expected / remaining if remaining is not None and remaining > 0 else None,
    }


def open_pipeline(book) -> dict:
    """The open deals as the book stands (the same for every period): count, value, weighted
    value and the table by stage, built once per revision."""
    def build() -> dict:
        facts, deals, stages = deal_facts(book), deal_arrays(book), book["Stages"]
        is_open, amounts = deals["open"], deals["amount"]
        by_stage = pd.DataFrame({"stage": facts["stage"].to_numpy(), "amount": amounts,
                                 "weighted": weighted_amounts(book)})[is_open]
        by_stage = by_stage.groupby("stage", sort=False).agg(
            count=("amount", "size"), value=("amount", "sum"), weighted=("weighted", "sum"))
        open_stages = stages[stages["kind"] == "open"].sort_values("order", kind="stable")
        table = pd.DataFrame({
            "stage": open_stages["stage"].to_numpy(),
            "probability": open_stages["probability"].to_numpy(),
        })
        for column in ("count", "value", "weighted"):
            table[column] = table["stage"].map(by_stage[column]).fillna(0).astype("int64").astype("Int64")
        return {"open_count": int(is_open.sum()), "open_value": int(amounts[is_open].sum()),
                "weighted_value": int(table["weighted"].sum()), "stages": table}
    return book.cached("open_pipeline", build)


# -- the funnel -----------------------------------------------------------------------------
def furthest_stage(book) -> tuple[pd.Series, np.ndarray]:
    """The open stages in pipeline order (their user ids, by stage row id) and, per deal (in
    Deals order), the furthest step it reached: the rank of the furthest open stage in its
    history or its current stage, ``len(open stages)`` once won. Every deal has reached the
    first open stage. Cached per revision."""
    def build() -> tuple[pd.Series, np.ndarray]:
        from planner.core.health import history

        stages, deals = book["Stages"], book["Deals"]
        open_stages = stages[stages["kind"] == "open"].sort_values("order", kind="stable")
        rank = pd.Series(np.arange(len(open_stages), dtype="int64"), index=open_stages.index)
        rank = pd.concat([rank, pd.Series(len(open_stages), index=stages.index[stages["kind"] == "won"])])
        rows = history(book)
        reached = rows["stage"].map(rank).groupby(rows["deal"]).max()
        now = deals["stage"].map(rank)
        furthest = np.fmax(now.to_numpy(dtype="float64", na_value=np.nan),
                           reached.reindex(deals.index).to_numpy(dtype="float64", na_value=np.nan))
        return open_stages["stage"], np.nan_to_num(furthest, nan=0).astype("int64").clip(min=0)
    return book.cached("furthest_stage", build)


def funnel(book, period: Period) -> pd.DataFrame:
    """Stage-to-stage conversion of the deals created in ``period``: per open stage, in order,
    ``reached`` (deals that reached it or any later stage, or were won), ``advanced`` (of those,
    the deals that reached the next open stage, or — for the last — were won) and
    ``conversion`` = advanced ÷ reached."""
    names, furthest = furthest_stage(book)
    cohort = furthest[within(deal_arrays(book)["created"], period)]
    reached = np.array([int((cohort >= step).sum()) for step in range(len(names) + 1)], dtype="int64")
    frame = pd.DataFrame({
        "stage": pd.array(names.to_numpy(), dtype="string"),
        "reached": pd.array(reached[:-1], dtype="Int64"),
        "advanced": pd.array(reached[1:], dtype="Int64"),
    })
    frame["conversion"] = (frame["advanced"].astype("Float64") / frame["reached"].astype("Float64")).where(
        frame["reached"] > 0)
    return frame


# -- per rep --------------------------------------------------------------------------------
def by_rep(book, period: Period) -> pd.DataFrame:
    """The pipeline figures per deal owner: deals created in ``period``, won (count, value)
    and lost in it, win rate, the open pipeline as the book stands (count, value, weighted)
    and the average sales cycle of the deals won in it. Reps in Reps order: those active in
    the period and any other rep with a figure."""
    from planner.core.attainment import active

    deals = deal_arrays(book)
    closed_in = within(deals["closed"], period)
    won, lost, is_open = closed_in & deals["won"], closed_in & deals["lost"], deals["open"]
    cycle = np.zeros(len(won), dtype="int64")
    cycle[won] = (deals["closed"][won] - deals["created"][won]) // np.timedelta64(1, "D")
    amounts = deals["amount"].astype("int64")  # int64 sums: exact within a rep's book
    weighted = weighted_amounts(book).astype("int64")
    frame = pd.DataFrame({
        "created": within(deals["created"], period),
        "won_count": won,
        "won_value": np.where(won, amounts, 0),
        "lost_count": lost,
        "open_count": is_open,
        "open_value": np.where(is_open, amounts, 0),
        "weighted_value": np.where(is_open, weighted, 0),
        "cycle_days": cycle,
    }).astype("int64")
    owner = book["Deals"]["owner"].to_numpy(dtype="int64", na_value=-1)  # rep row ids
    sums = frame.groupby(owner, sort=False).sum()
    reps = book.keyed("Reps")
    figures = sums.reindex(reps.index, fill_value=0)
    has_figure = (figures[["created", "won_count", "lost_count", "open_count"]] > 0).any(axis=1).to_numpy()
    shown = active(reps, period).to_numpy() | has_figure
    figures = figures[shown]
    out = pd.DataFrame({
        "rep": reps["id"][shown].astype("string").to_numpy(),
        "name": reps["name"][shown].astype("string").to_numpy(),
        "team": reps["team"][shown].astype("string").to_numpy(),
    })
    for column in ("created", "won_count", "won_value", "lost_count", "open_count", "open_value", "weighted_value"):
        out[column] = pd.array(figures[column].to_numpy(), dtype="Int64")
    closed = (out["won_count"] + out["lost_count"]).astype("Float64")
    out["win_rate"] = (out["won_count"].astype("Float64") / closed).where(closed > 0)
    cycle_days = pd.array(figures["cycle_days"].to_numpy(), dtype="Float64")
    out["avg_cycle_days"] = (cycle_days / out["won_count"].astype("Float64")).where(out["won_count"] > 0)
    return out[PIPELINE_BY_REP.names]
