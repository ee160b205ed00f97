"""Pipeline metrics for a period, with the definitions of product.md."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from planner.core.money import apply_ratio, round_div
from planner.core.periods import Period


def weighted_amounts(facts: pd.DataFrame, rounding: str) -> np.ndarray:
    """Each deal's amount × its stage probability, rounded once per deal (object ints)."""
    return apply_ratio(facts["amount"].to_numpy(dtype=object), facts["probability"].fillna(0).to_numpy(dtype=object), rounding)


def pipeline_metrics(facts: pd.DataFrame, stages: pd.DataFrame, period: Period, rounding: str) -> dict:
    """Open pipeline (a snapshot of the book) and the win/cycle figures of deals closed in ``period``.

    Money is returned in minor units (``int``); missing figures are ``None``.
    """
    is_open = (facts["kind"] == "open").to_numpy(dtype=bool, na_value=False)
    amounts = facts["amount"].to_numpy(dtype=object, na_value=0)
    weighted = weighted_amounts(facts, rounding)
    closed_in = period.mask(facts["closed"]).to_numpy(dtype=bool, na_value=False)
    won = closed_in & (facts["kind"] == "won").to_numpy(dtype=bool, na_value=False)
    lost = closed_in & (facts["kind"] == "lost").to_numpy(dtype=bool, na_value=False)

    n_won, n_lost, n_open = int(won.sum()), int(lost.sum()), int(is_open.sum())
    won_value = int(amounts[won].sum())
    cycle_days = int((facts["closed"][won] - facts["created"][won]).dt.days.sum())
    win_rate = Fraction(n_won, n_won + n_lost) if n_won + n_lost else None
    velocity = None
    if win_rate is not None and n_won and cycle_days > 0:
        # count × win rate × (won value / n_won) ÷ (cycle days / n_won), exact until one rounding
        exact = n_open * win_rate * Fraction(won_value, cycle_days)
        velocity = round_div(exact.numerator, exact.denominator, rounding)

    by_stage = pd.DataFrame({"stage": facts["stage"], "open": is_open, "amount": amounts, "weighted": weighted})
    by_stage = by_stage[by_stage["open"]].groupby("stage", sort=False).agg(
        count=("open", "size"), value=("amount", "sum"), weighted=("weighted", "sum"))
    open_stages = stages[stages["kind"] == "open"].sort_values("order", kind="stable")
    table = pd.DataFrame({
        "stage": open_stages["stage"].to_numpy(),
        "probability": open_stages["probability"].to_numpy(),
    })
    for column in ("count", "value", "weighted"):
        table[column] = table["stage"].map(by_stage[column]).fillna(0).astype("int64").astype("Int64")

    return {
        "open_count": n_open,
        "open_value": int(amounts[is_open].sum()),
        "weighted_value": int(table["weighted"].sum()),
        "created_count": int(period.mask(facts["created"]).sum()),
        "won_count": n_won,
        "won_value": won_value,
        "lost_count": n_lost,
        "win_rate": None if win_rate is None else float(win_rate),
        "avg_won_deal": round_div(won_value, n_won, rounding) if n_won else None,
        "avg_cycle_days": cycle_days / n_won if n_won else None,
        "velocity_per_day": velocity,
        "stages": table,
    }
