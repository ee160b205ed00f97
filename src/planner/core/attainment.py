"""Credited amounts, quotas and attainment per rep (and team) per period."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.book import Book
from planner.core.facts import rep_ids
from planner.core.money import RATIO_SCALE, apply_ratio
from planner.core.periods import Period, PeriodKind, period_labels


def credit_lines(book: Book, facts: pd.DataFrame, rounding: str) -> pd.DataFrame:
    """One line per (won deal, credited rep), dated when the deal closed, plus a reversing
    line dated when a won deal was cancelled.

    A deal listed in Splits is credited to its split reps by their shares (each line
    rounded once); any other won deal is credited wholly to its owner.
    """
    won = facts[(facts["kind"] == "won") & facts["closed"].notna()]
    splits = book["Splits"]
    split = pd.DataFrame({
        "deal_id": splits["deal_id"],
        "rep": splits["rep"].map(rep_ids(book["Reps"])).astype("string"),
        "share": splits["share"],
    })
    split = split[split["deal_id"].isin(won["id"])]
    whole = won.loc[~won["id"].isin(split["deal_id"]), ["id", "rep"]].rename(columns={"id": "deal_id"})
    whole["share"] = RATIO_SCALE
    shares = pd.concat([whole, split], ignore_index=True).merge(
        won[["id", "amount", "closed", "cancelled"]], left_on="deal_id", right_on="id")
    credited = apply_ratio(shares["amount"].to_numpy(dtype=object), shares["share"].to_numpy(dtype=object), rounding)
    lines = pd.DataFrame({
        "deal_id": shares["deal_id"], "rep": shares["rep"], "share": shares["share"],
        "date": shares["closed"], "amount": credited, "reason": "won",
    })
    cancelled = shares["cancelled"].notna().to_numpy()
    reversals = pd.DataFrame({
        "deal_id": shares["deal_id"][cancelled], "rep": shares["rep"][cancelled],
        "share": shares["share"][cancelled], "date": shares["cancelled"][cancelled],
        "amount": -credited[cancelled], "reason": "cancelled",
    })
    return pd.concat([lines, reversals], ignore_index=True)


def credited_by(lines: pd.DataFrame, kind: PeriodKind) -> pd.Series:
    """Credited minor units indexed by (rep, period label) for periods of ``kind``."""
    labels = period_labels(lines["date"], kind)
    return lines.assign(period=labels).groupby(["rep", "period"])["amount"].sum()


def quota_amounts(book: Book) -> pd.Series:
    """Quota in minor units indexed by (rep id or team, period label), for every month,
    quarter and year the Quotas sheet determines.

    A period's quota is its own row when the sheet has one; otherwise the sum of its parts
    (a quarter from its months, a year from its quarters), so month, quarter and year rows
    can be mixed without counting anything twice.
    """
    quotas = book["Quotas"].dropna(subset=["rep", "period", "amount"])
    names = rep_ids(book["Reps"])
    parsed = {text: Period.parse(text) for text in quotas["period"].unique()}
    periods = [parsed[text] for text in quotas["period"]]
    frame = pd.DataFrame({
        "key": [names.get(rep, rep) for rep in quotas["rep"]],
        "kind": [p.kind for p in periods],
        "period": [p.label for p in periods],
        "parent_quarter": [Period.containing(p.start, "quarter").label for p in periods],
        "parent_year": [Period.containing(p.start, "year").label for p in periods],
        "amount": quotas["amount"].astype("int64").to_numpy(),
    })

    def level(kind: str) -> pd.Series:
        rows = frame[frame["kind"] == kind]
        return rows.groupby(["key", "period"])["amount"].sum()

    months = level("month")
    month_parents = frame[frame["kind"] == "month"].groupby(["key", "parent_quarter"])["amount"].sum()
    quarters = level("quarter").combine_first(month_parents.rename_axis(["key", "period"]))
    quarter_years = quarters.rename(lambda label: label[:4], level="period").groupby(level=[0, 1]).sum()
    years = level("year").combine_first(quarter_years)
    return pd.concat([months, quarters, years]).astype("int64")


def _ratio(credited: pd.Series, quota: pd.Series) -> pd.Series:
    quota = quota.astype("Float64")
    return (credited.astype("Float64") / quota).where(quota > 0)


def attainment(book: Book, lines: pd.DataFrame, quotas: pd.Series, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per rep and per team: quota, credited and attainment (credited ÷ quota) for ``period``.

    Reps are listed when active in the period, or when they have a quota or credit in it.
    A team's quota is its own Quotas row if any, else the sum of its members' quotas.
    """
    reps = book["Reps"]
    credited = credited_by(lines, period.kind).xs(period.label, level="period", drop_level=True) \
        if len(lines) else pd.Series(dtype="int64")
    quota = quotas.xs(period.label, level="period") if period.label in quotas.index.get_level_values("period") \
        else pd.Series(dtype="int64")
    active = _active(reps, period)
    shown = reps[active | reps["id"].isin(credited.index) | reps["id"].isin(quota.index)]
    rep_rows = pd.DataFrame({
        "rep": shown["id"], "name": shown["name"], "team": shown["team"], "period": period.label,
        "quota": shown["id"].map(quota).astype("Int64"),
        "credited": shown["id"].map(credited).fillna(0).astype("Int64"),
    }).reset_index(drop=True)
    rep_rows["attainment"] = _ratio(rep_rows["credited"], rep_rows["quota"])

    member_quota = rep_rows.groupby("team")["quota"].sum(min_count=1)
    teams = pd.DataFrame({"rep": reps["team"].dropna().unique()})
    team_quota = teams["rep"].map(quota).astype("Int64").fillna(teams["rep"].map(member_quota).astype("Int64"))
    team_rows = pd.DataFrame({
        "rep": teams["rep"], "name": teams["rep"], "team": teams["rep"], "period": period.label,
        "quota": team_quota.astype("Int64"),
        "credited": teams["rep"].map(rep_rows.groupby("team")["credited"].sum()).fillna(0).astype("Int64"),
    })
    team_rows["attainment"] = _ratio(team_rows["credited"], team_rows["quota"])
    return rep_rows.astype({"rep": "string", "name": "string", "team": "string", "period": "string"}), \
        team_rows.astype({"rep": "string", "name": "string", "team": "string", "period": "string"})


def _active(reps: pd.DataFrame, period: Period) -> pd.Series:
    """Reps employed for at least a day of ``period``."""
    started = reps["start_date"].isna() | (reps["start_date"] < pd.Timestamp(period.end))
    not_left = reps["end_date"].isna() | (reps["end_date"] >= pd.Timestamp(period.start))
    return (started & not_left).astype(bool)


def attained(credited: np.ndarray, quota: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """Exact test ``credited ÷ quota ≥ threshold`` (threshold in millionths), on integers."""
    return credited * RATIO_SCALE >= threshold * quota
