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
from planner.core.statements import flat_plans, plan_periods

__all__ = ["commissions", "plan_periods", "flat_plans"]


NO_QUOTA = QT_TRANSLATE_NOOP("errors", "{rep} has no quota above zero for {period}: no commission computed")


def commissions(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Commission summary per (rep, plan period), its lines (``rep`` and ``plan`` as row ids:
    core/shown.py names them), and warnings for finance."""
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
    summed = keyed.groupby(["rep", "period", "line", "source"], sort=False).agg(
        first=("first", "min"), base=("base", lambda b: b.sum(min_count=1)), amount=("amount", "sum")).reset_index()
    summed = summed.sort_values(["rep", "period", "first"], kind="stable")
    order = pd.Series(np.arange(len(rows)), index=pd.MultiIndex.from_arrays([rows["rep"], rows["period"]]))
    summed = summed.iloc[np.argsort(order.reindex(pd.MultiIndex.from_arrays([summed["rep"], summed["period"]]))
                                    .to_numpy(), kind="stable")]
    is_tier, is_bonus = (summed["line"] == "tier").to_numpy(), (summed["line"] == "bonus").to_numpy()
    source = summed["source"].to_numpy(dtype="int64")

    def of(table: pd.DataFrame, column: str, chosen: np.ndarray) -> pd.arrays.IntegerArray | list:
        values = table[column].reindex(np.where(chosen, source, -1))
        return values.where(chosen).tolist()

    plan = pd.Series(rows["plan"].to_numpy(dtype="int64"), index=order.index)
    detail = pd.DataFrame({
        "rep": summed["rep"].to_numpy(), "period": summed["period"].to_numpy(),
        "plan": plan.reindex(pd.MultiIndex.from_arrays([summed["rep"], summed["period"]])).to_numpy(),
        "line": summed["line"].to_numpy(),
        "method": tiers["method"].reindex(np.where(is_tier, source, -1)).where(is_tier).tolist(),
        "from": [a if t else b for t, a, b in zip(is_tier, of(tiers, "from", is_tier), of(bonuses, "from", is_bonus))],
        "to": of(tiers, "to", is_tier), "base": summed["base"].tolist(),
        "rate": of(tiers, "rate", is_tier), "amount": summed["amount"].tolist(),
    })
    for column in ("rep", "plan", "from", "to", "base", "rate", "amount"):
        detail[column] = pd.array([None if pd.isna(v) else int(v) for v in detail[column]], dtype="Int64")
    for column in ("period", "line", "method"):
        detail[column] = detail[column].astype("string")
    return detail.reset_index(drop=True)
