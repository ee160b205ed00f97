"""Commissions and attainment bonuses for compensation plans with attainment tiers.

For each rep on a plan and each of the plan's measurement periods overlapping the report
period, with ``C`` the credited amount and ``Q`` the quota (minor units), a tier
``[from, to)`` at ``rate`` pays:

- **marginal**: ``rate × (the part of C between from×Q and to×Q)``, each slice at its own rate;
- **retroactive**: ``rate × C`` for the one tier whose range holds the attainment ``C ÷ Q``.

Each tier line is rounded once; a commission is the sum of its rounded lines, then capped by
the plan's ``cap``. Bonuses pay their fixed amount once attainment reaches their ``from``.
Everything is computed on Python integers: attainment is compared as ``C × 10⁶ ≥ from × Q``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core import kinds
from planner.core.attainment import attained, credited_by, quota_amounts
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.money import RATIO_SCALE, apply_ratio, round_div
from planner.core.periods import Period
from planner.core.schema import Kind

S = RATIO_SCALE


def plan_periods(book, period: Period) -> pd.DataFrame:
    """One row per (rep on a plan, plan period overlapping ``period``): credited and quota;
    ``rep`` and ``plan`` are row ids. Reps in Reps order, then periods in order."""
    all_reps, quotas = book["Reps"], quota_amounts(book, "rep")
    reps = all_reps.dropna(subset=["plan"])
    plans = book["Plans"]
    rows = []
    for kind in plans.loc[plans.index.isin(reps["plan"]), "period"].unique():
        on_plan = reps[(reps["plan"].map(plans["period"]) == kind).to_numpy(dtype=bool, na_value=False)]
        parts = period.split(kind)
        # every (rep, part) pair at once: a year of monthly plans is 12 parts per rep
        grid = on_plan.loc[on_plan.index.repeat(len(parts))]
        labels = np.tile([part.label for part in parts], len(on_plan))
        starts = np.tile([pd.Timestamp(part.start) for part in parts], len(on_plan)).astype("datetime64[ns]")
        ends = np.tile([pd.Timestamp(part.end) for part in parts], len(on_plan)).astype("datetime64[ns]")
        employed = ((grid["start_date"].isna().to_numpy() | (grid["start_date"].to_numpy() < ends))
                    & (grid["end_date"].isna().to_numpy() | (grid["end_date"].to_numpy() >= starts)))
        ids = grid.index.to_numpy(dtype="int64")
        keys = pd.MultiIndex.from_arrays([ids, labels])
        got = credited_by(book, kind).reindex(keys).fillna(0).astype("int64").to_numpy()
        chosen = employed | (got != 0)
        rows.append(pd.DataFrame({
            "rep": ids[chosen], "plan": grid["plan"].to_numpy(dtype="int64")[chosen], "period": labels[chosen],
            "credited": got[chosen],
            "quota": quotas.reindex(keys[chosen]).astype("Int64").to_numpy(),
        }))
    columns = ["rep", "plan", "period", "credited", "quota"]
    if not rows:
        return pd.DataFrame(columns=columns)
    position = pd.Series(np.arange(len(all_reps)), index=all_reps.index)  # the Reps sheet's order
    return pd.concat(rows, ignore_index=True).sort_values(
        ["rep", "period"], key=lambda c: c.map(position) if c.name == "rep" else c, kind="stable", ignore_index=True)


def _flat_plans(tiers: pd.DataFrame) -> set[str]:
    """Plans paying one rate on everything: their tiers do not depend on attainment."""
    bounded = tiers["from"].fillna(0).ne(0) | tiers["to"].notna()
    counts = tiers.groupby("plan").size()
    return set(counts[counts == 1].index) - set(tiers.loc[bounded, "plan"])


def tier_lines(rows: pd.DataFrame, tiers: pd.DataFrame, rounding: str) -> pd.DataFrame:
    """Commission lines of every tier that pays, for every (rep, period) row."""
    paid = rows.reset_index(names="row").merge(tiers[["plan", "from", "to", "rate", "method"]], on="plan")
    flat = paid["plan"].isin(_flat_plans(tiers)).to_numpy()
    quota = paid["quota"].fillna(0).to_numpy(dtype=object)
    usable = flat | (quota > 0)
    paid, quota = paid[usable], quota[usable]
    credited = paid["credited"].to_numpy(dtype=object)
    threshold_from = paid["from"].fillna(0).to_numpy(dtype=object) * quota  # minor units × 10⁶, exact
    threshold_to = paid["to"].fillna(0).to_numpy(dtype=object) * quota
    unbounded = paid["to"].isna().to_numpy()
    rate = paid["rate"].to_numpy(dtype=object)

    # marginal: tier bounds in whole minor units, so a line reads "base × rate = amount" and
    # the bases of the slices add up to the credit exactly
    low, high = round_div(threshold_from, S, rounding), round_div(threshold_to, S, rounding)
    above = np.maximum(credited - low, 0)
    marginal_base = np.where(unbounded, above, np.minimum(above, np.maximum(high - low, 0)))
    # retroactive: the one tier whose range holds credited ÷ quota, compared exactly
    scaled = credited * S
    reached = (scaled >= threshold_from) & (unbounded | (scaled < threshold_to)) & (credited > 0)
    marginal = (paid["method"] == "marginal").to_numpy()
    base = np.where(marginal, marginal_base, np.where(reached, credited, 0)).astype(object)
    amount = apply_ratio(base, rate, rounding)
    lines = pd.DataFrame({
        "row": paid["row"].to_numpy(), "line": "tier", "method": paid["method"].to_numpy(),
        "from": paid["from"].to_numpy(), "to": paid["to"].to_numpy(),
        "base": base, "rate": paid["rate"].to_numpy(), "amount": amount,
    })
    return lines[(lines["base"] != 0).to_numpy()]


def bonus_lines(rows: pd.DataFrame, bonuses: pd.DataFrame) -> pd.DataFrame:
    """A line per bonus whose attainment threshold the (rep, period) reached."""
    paid = rows.reset_index(names="row").merge(
        bonuses[["plan", "from", "amount"]].rename(columns={"from": "threshold", "amount": "bonus"}), on="plan")
    quota = paid["quota"].fillna(0).to_numpy(dtype=object)
    threshold = paid["threshold"].to_numpy(dtype=object)
    paid = paid[(quota > 0) & attained(paid["credited"].to_numpy(dtype=object), quota, threshold)]
    return pd.DataFrame({
        "row": paid["row"].to_numpy(), "line": "bonus", "method": None, "from": paid["threshold"].to_numpy(),
        "to": None, "base": None, "rate": None, "amount": paid["bonus"].to_numpy(dtype=object),
    })


def cap_lines(rows: pd.DataFrame, commission: pd.Series, caps: pd.Series) -> pd.DataFrame:
    """A negative line bringing a commission above its plan's cap back down to the cap."""
    cap = rows["plan"].map(caps)
    over = cap.notna() & (commission > cap.fillna(0))
    return pd.DataFrame({
        "row": rows.index[over], "line": "cap", "method": None, "from": None, "to": None,
        "base": commission[over].to_numpy(dtype=object), "rate": None,
        "amount": (cap[over].astype("int64") - commission[over]).to_numpy(dtype=object),
    })


NO_QUOTA = QT_TRANSLATE_NOOP("errors", "{rep} has no quota above zero for {period}: no commission computed")


def commissions(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Commission summary per (rep, plan period), its lines (``rep`` and ``plan`` as row ids:
    core/shown.py names them), and warnings for finance."""
    rounding = book.rounding
    rows = plan_periods(book, period)
    tiers, plans, reps = book["PlanTiers"], book["Plans"], book["Reps"]
    warnings = []
    no_quota = ~(rows["quota"].fillna(0) > 0) & ~rows["plan"].isin(_flat_plans(tiers))
    who = rows["rep"].map(reps["name"]).astype(str) + " (" + rows["rep"].map(reps["id"]).astype(str) + ")"
    for rep, label in zip(who[no_quota], rows.loc[no_quota, "period"]):
        warnings.append((NO_QUOTA, {"rep": rep, "period": label}))
    negative = rows["credited"] < 0
    for rep, label, credited in zip(who[negative], rows.loc[negative, "period"], rows.loc[negative, "credited"]):
        warnings.append((QT_TRANSLATE_NOOP("errors", "{rep}'s credit for {period} is {amount} after cancellations: "
                                                     "clawback of commission already paid is not computed yet"),
                         {"rep": rep, "period": label, "amount": kinds.text(Kind.MONEY, credited, book.currency)}))

    tier = tier_lines(rows, tiers, rounding)
    commission = tier.groupby("row")["amount"].sum().reindex(rows.index, fill_value=0).astype("int64")
    cap = cap_lines(rows, commission, plans["cap"].dropna())
    bonus = bonus_lines(rows, book["PlanBonuses"])
    all_lines = pd.concat([frame for frame in (tier, cap, bonus) if len(frame)], ignore_index=True) \
        if len(tier) + len(cap) + len(bonus) else pd.DataFrame(columns=list(tier.columns))
    by_kind = all_lines.groupby(["row", "line"])["amount"].sum().unstack(fill_value=0) \
        if len(all_lines) else pd.DataFrame()

    def total(kind: str) -> pd.Series:
        if kind not in by_kind:
            return pd.Series(0, index=rows.index, dtype="int64")
        return by_kind[kind].reindex(rows.index, fill_value=0).astype("int64")

    summary = rows.assign(
        attainment=(rows["credited"].astype("Float64") / rows["quota"].astype("Float64")).where(rows["quota"] > 0),
        commission=total("tier") + total("cap"),
        bonus=total("bonus"),
    )
    summary["total"] = summary["commission"] + summary["bonus"]
    summary = summary.astype({"quota": "Int64", "credited": "Int64", "commission": "Int64",
                              "bonus": "Int64", "total": "Int64"})

    keyed = all_lines.merge(rows[["rep", "period", "plan"]], left_on="row", right_index=True)
    order = {"tier": 0, "cap": 1, "bonus": 2}
    keyed = keyed.assign(_order=keyed["line"].map(order)).sort_values(["row", "_order"], kind="stable")
    detail = pd.DataFrame({
        "rep": keyed["rep"], "period": keyed["period"], "plan": keyed["plan"], "line": keyed["line"],
        "method": keyed["method"], "from": keyed["from"], "to": keyed["to"],
        "base": keyed["base"], "rate": keyed["rate"], "amount": keyed["amount"],
    }).reset_index(drop=True)
    for column in ("rep", "plan", "from", "to", "base", "rate", "amount"):
        detail[column] = pd.array(detail[column].tolist(), dtype="Int64")
    for column in ("period", "line", "method"):
        detail[column] = detail[column].astype("string")
    return summary.astype({"rep": "Int64", "plan": "Int64"}), detail, warnings
