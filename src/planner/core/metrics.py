"""Pipeline metrics for a period, with the definitions of product.md."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from planner.core.facts import deal_arrays, deal_facts, weighted_amounts, within
from planner.core.money import round_div
from planner.core.periods import Period


def pipeline_metrics(book, period: Period) -> dict:
    """Open pipeline (a snapshot of the book) and the win/cycle figures of deals closed in ``period``.

    Money is returned in minor units (``int``); missing figures are ``None``.
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

    return {
        "open_count": pipeline["open_count"],
        "open_value": pipeline["open_value"],
        "weighted_value": pipeline["weighted_value"],
        "created_count": int(within(deals["created"], period).sum()),
        "won_count": n_won,
        "won_value": won_value,
        "lost_count": n_lost,
        "win_rate": None if win_rate is None else float(win_rate),
        "avg_won_deal": round_div(won_value, n_won, rounding) if n_won else None,
        "avg_cycle_days": cycle_days / n_won if n_won else None,
        "velocity_per_day": velocity,
        "stages": pipeline["stages"],
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
