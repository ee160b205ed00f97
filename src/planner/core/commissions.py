"""Commissions and attainment bonuses per rep and plan period, summed from their statements.

The statement lines (:mod:`planner.core.statements`: one per credited deal and tier slice,
retroactive lifts, the cap, bonuses and clawbacks, each rounded once) are the one home of
every figure here: a payout's ``commission`` is the sum of its lines other than bonuses, its
``bonus`` the sum of its bonus lines, its ``total`` the sum of all of them. The commission
lines of the report are the statement summed per tier (and per rule for the other lines).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.periods import Period
from planner.core.adjustments import paid_statements
from planner.core.close import closed_periods
from planner.core.derived import same_inputs_or
from planner.core.statements import flat_plans, plan_periods, statements

__all__ = ["commissions", "plan_periods", "flat_plans"]


NO_QUOTA = QT_TRANSLATE_NOOP("errors", "{rep} has no quota above zero for {period}: no commission computed")


def commissions(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Commission summary per (rep, plan period), its lines (``rep`` and ``plan`` as row ids:
    core/shown.py names them), and warnings for finance. Once per state of the book and period;
    after an edit of deals that leaves the period's statements standing, the same as before."""
    # a closed period's recomputed adjustments read other periods' statements: not kept then
    return same_inputs_or(book, ("commissions", period),
                          lambda: None if closed_periods(book) else statements(book, period),
                          lambda: _commissions(book, period))


def _commissions(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    rows, lines = paid_statements(book, period)
    rows = rows.drop(columns=["won"])
    if "draw_balance" not in rows:  # a book without draws: nothing carried
        rows = rows.assign(draw_balance=pd.array([pd.NA] * len(rows), dtype="Int64"))
    reps = book["Reps"]
    warnings = []
    no_quota = ~(rows["quota"].fillna(0) > 0) & ~rows["plan"].isin(flat_plans(book["PlanTiers"]))
    who = rows["rep"].map(reps["name"]).astype(str) + " (" + rows["rep"].map(reps["id"]).astype(str) + ")"
    for rep, label in zip(who[no_quota], rows.loc[no_quota, "period"]):
        warnings.append((NO_QUOTA, {"rep": rep, "period": label}))

    payout = pd.MultiIndex.from_arrays([rows["rep"].to_numpy(dtype="int64"), rows["period"].to_numpy(dtype=object)])
    by = [lines["rep"], lines["period"]]
    bonus = (lines["rule"] == "bonus").to_numpy(dtype=bool)
    every = lines.groupby(by)["amount"].sum().reindex(payout, fill_value=0).to_numpy(dtype="int64")
    bonuses = lines[bonus].groupby([lines["rep"][bonus], lines["period"][bonus]])["amount"].sum() \
        .reindex(payout, fill_value=0).to_numpy(dtype="int64")
    summary = rows.assign(
        attainment=(rows["credited"].astype("Float64") / rows["quota"].astype("Float64")).where(rows["quota"] > 0),
        commission=every - bonuses, bonus=bonuses, total=every,
    )
    summary = summary.astype({"quota": "Int64", "credited": "Int64", "commission": "Int64", "draw_balance": "Int64",
                              "bonus": "Int64", "total": "Int64"})
    return summary.astype({"rep": "Int64", "plan": "Int64"}), _by_tier(book, rows, lines), warnings


def _by_tier(book, rows: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """The statement lines summed per tier, and per rule for the others: ``line`` (the rule),
    ``method``, ``from`` and ``to`` of the tier (a bonus's ``from`` is its attainment), the
    summed ``base`` and ``amount``; a tier's ``rate``."""
    tiers, bonuses = book["PlanTiers"], book["PlanBonuses"]
    lines = lines[~((lines["rule"] == "tier") & lines["tier"].isna()).to_numpy(dtype=bool)]  # a deal no tier paid
    tier = lines["tier"].where(lines["rule"] == "tier").fillna(-1).to_numpy(dtype="int64")
    source = np.where(lines["rule"] == "bonus", lines["bonus"].fillna(-1).to_numpy(dtype="int64"), tier)
    keyed = pd.DataFrame({"rep": lines["rep"], "period": lines["period"], "line": lines["rule"], "source": source,
                          "first": lines["line"], "base": lines["base"], "amount": lines["amount"]})
    grouped = keyed.groupby(["rep", "period", "line", "source"], sort=False)
    summed = pd.DataFrame({"first": grouped["first"].min(), "base": grouped["base"].sum(min_count=1),
                           "amount": grouped["amount"].sum()}).reset_index()
    summed = summed.sort_values(["rep", "period", "first"], kind="stable")
    order = pd.Series(np.arange(len(rows)), index=pd.MultiIndex.from_arrays([rows["rep"], rows["period"]]))
    payout = pd.MultiIndex.from_arrays([summed["rep"], summed["period"]])
    summed = summed.iloc[np.argsort(order.reindex(payout).to_numpy(), kind="stable")]
    is_tier, is_bonus = (summed["line"] == "tier").to_numpy(), (summed["line"] == "bonus").to_numpy()
    source = summed["source"].to_numpy(dtype="int64")

    def of(table: pd.DataFrame, column: str, chosen: np.ndarray) -> pd.api.extensions.ExtensionArray:
        return table[column].reindex(np.where(chosen, source, -1)).where(chosen).array

    plan = pd.Series(rows["plan"].to_numpy(dtype="int64"), index=order.index)
    tier_from, bonus_from = of(tiers, "from", is_tier), of(bonuses, "from", is_bonus)
    return pd.DataFrame({
        "rep": pd.array(summed["rep"].to_numpy(), dtype="Int64"),
        "period": pd.array(summed["period"].to_numpy(), dtype="string"),
        "plan": pd.array(plan.reindex(pd.MultiIndex.from_arrays([summed["rep"], summed["period"]])).to_numpy(),
                         dtype="Int64"),
        "line": pd.array(summed["line"].to_numpy(), dtype="string"),
        "method": pd.array(of(tiers, "method", is_tier), dtype="string"),
        "from": pd.array(np.where(is_tier, tier_from, bonus_from), dtype="Int64"),
        "to": pd.array(of(tiers, "to", is_tier), dtype="Int64"),
        "base": pd.array(summed["base"].array, dtype="Int64"),
        "rate": pd.array(of(tiers, "rate", is_tier), dtype="Int64"),
        "amount": pd.array(summed["amount"].to_numpy(), dtype="Int64"),
    })
