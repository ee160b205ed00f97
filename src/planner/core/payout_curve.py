"""What a plan pays against attainment, computed by the commission engine itself.

The curve is no second implementation of the tier rules: for each attainment ``a`` it builds a
small book (one rep on the plan with a quota ``Q`` for one plan period, one won deal of
``a × Q`` closed in it) and sums its statements (:func:`planner.core.adjustments.paid_statements`)
as :mod:`planner.core.commissions` sums a payout, so every rule the engine knows (marginal and
retroactive tiers, the cap, bonuses, and the rules added to it later) shapes the curve as it
shapes a statement. All the points are one book, one rep per point. The plan's rows are copied from every table that refers to the plan alone (its
tiers, its bonuses, rule tables added later); a deal of the curve has no product or deal type.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.attainment import quota_amounts
from planner.core.book import Book
from planner.core.adjustments import paid_statements
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import RATIO_SCALE, minor_digits, round_div
from planner.core.periods import Period
from planner.core.schema import ROW_ID
from planner.core.usable import usable

TOP = 2 * RATIO_SCALE  # the curve runs from 0% to 200% of quota
STEP = RATIO_SCALE // 50  # every 2%, plus each tier and bonus bound and the minor unit below it
DEFAULT_QUOTA_MAJOR = 10_000  # a plan no rep with a quota is on is drawn for a quota of 10,000
LEFT_OUT = QT_TRANSLATE_NOOP("errors", "Plan {plan} has a problem (see the Problems panel): it pays nothing until "
                                       "it is fixed")
_DAY = date(2001, 1, 1)  # the synthetic period's first day: any period does, the rules are by attainment


@dataclass(frozen=True)
class Curve:
    """A plan's payout per attainment point, for one period's quota ``quota`` (minor units).

    ``points`` has ``credited`` (minor units won), ``attainment`` (credited ÷ quota, a float to
    draw), ``commission`` (every line but bonuses), ``bonus`` and ``total``, in credit order."""

    plan: int
    quota: int
    currency: str
    period: str  # the plan's measurement period: month, quarter or year
    points: pd.DataFrame


def payout_curve(book, plan: int, quota: int | None = None, top: int = TOP, step: int = STEP) -> Curve:
    """The payout of plan ``plan`` (a Plans row id of ``book``, a Book or Snapshot) from 0 to
    ``top`` attainment (millionths), for a period's quota ``quota`` (default:
    :func:`typical_quota`). Rows of ``book`` with problems are left out, as in the report: a
    plan left out so (one of its tiers incomplete) raises :class:`PlannerError`."""
    source = usable(book)[0]
    if plan not in source["Plans"].index:  # a problem of the plan or of one of its rows
        raise PlannerError(LEFT_OUT, plan=book["Plans"].at[plan, "plan"] if plan in book["Plans"].index else plan)
    quota = typical_quota(source, plan) if quota is None else int(quota)
    if quota <= 0:
        raise ValueError("quota must be above zero")
    credits = curve_credits(source, plan, quota, top, step)
    kind = str(source["Plans"].at[plan, "period"])
    period = Period.containing(_DAY, kind)
    synthetic = curve_book(source, plan, credits, quota, period)
    # summed as core/commissions.py sums a payout: total = every line, bonus = the bonus lines
    lines = paid_statements(synthetic, period)[1]
    reps = synthetic["Reps"].index
    total = lines.groupby("rep")["amount"].sum().reindex(reps, fill_value=0).to_numpy(dtype="int64")
    bonuses = lines[(lines["rule"] == "bonus").to_numpy(dtype=bool)]
    bonus = bonuses.groupby("rep")["amount"].sum().reindex(reps, fill_value=0).to_numpy(dtype="int64")
    points = pd.DataFrame({"credited": credits, "attainment": credits / quota, "commission": total - bonus,
                           "bonus": bonus, "total": total})
    return Curve(plan, quota, source.currency, kind, points)


def curve_credits(book, plan: int, quota: int, top: int = TOP, step: int = STEP) -> np.ndarray:
    """The credit amounts (minor units) the curve is computed at: every ``step`` of attainment
    up to ``top``, and at each bound of the plan's tiers and bonuses both the first amount that
    reaches it and the minor unit below (so a jump shows as one), sorted and distinct."""
    bounds = []
    for table in ("PlanTiers", "PlanBonuses"):
        rows = book[table]
        rows = rows[(rows["plan"] == plan).to_numpy(dtype=bool, na_value=False)]
        for column in ("from", "to") if table == "PlanTiers" else ("from",):
            bounds += [int(v) for v in rows[column].dropna() if 0 < int(v) <= top]
    grid = [round_div(a * quota, RATIO_SCALE) for a in range(0, top + 1, step)]
    at = [-(-b * quota // RATIO_SCALE) for b in bounds]  # the first whole amount reaching the bound
    return np.unique(np.array(grid + at + [max(a - 1, 0) for a in at], dtype="int64"))


def typical_quota(book, plan: int) -> int:
    """The median quota of one measurement period of the reps on ``plan`` (as the engine reads
    quotas: a quarter from its months where it has no row of its own); 10,000 in the book's
    currency when none has one."""
    reps = book["Reps"].index[(book["Reps"]["plan"] == plan).to_numpy(dtype=bool, na_value=False)]
    quotas = quota_amounts(book, "rep")
    kind = book["Plans"].at[plan, "period"]
    if len(quotas):
        rep, period = quotas.index.get_level_values(0), quotas.index.get_level_values(1)
        mine = rep.isin(reps) & pd.Index([Period.of(str(label)).kind == kind for label in period])
        amounts = quotas[mine & (quotas > 0).to_numpy(dtype=bool)]
        if len(amounts):
            return int(np.median(amounts.astype("int64")))
    return DEFAULT_QUOTA_MAJOR * 10 ** minor_digits(book.currency)


def curve_book(source, plan: int, credits: np.ndarray, quota: int, period: Period) -> Book:
    """A book holding ``plan`` with its rows, the settings of ``source`` (currency, rounding),
    and per credit amount a rep on the plan with quota ``quota`` for ``period`` and one won
    deal of that amount closed on its first day."""
    def ided(frame: pd.DataFrame, start: int) -> pd.DataFrame:
        frame.index = pd.Index(np.arange(start, start + len(frame)), dtype="int64", name=ROW_ID)
        return frame

    # references are given as the user's keys, as a file gives them (the book resolves them)
    name_of = str(source["Plans"].at[plan, "plan"])
    frames: dict[str, pd.DataFrame] = {"Plans": source["Plans"].loc[[plan]],
                                       "Settings": source["Settings"].copy()}
    for name, spec in schema.TABLES.items():
        refs = spec.refs
        if name not in ("Plans", "Reps") and refs and all(c.ref == "Plans" for c in refs):
            rows = source[name]
            rows = rows[(rows[refs[0].name] == plan).to_numpy(dtype=bool, na_value=False)]
            frames[name] = rows.astype({c.name: object for c in refs}).assign(**{c.name: name_of for c in refs})
    first = 1 + max([0] + [int(f.index.max()) for f in frames.values() if len(f)])
    count = len(credits)
    numbers = [f"{n:04d}" for n in range(1, count + 1)]
    frames["Stages"] = ided(pd.DataFrame({"stage": ["Won"], "order": [1], "probability": [RATIO_SCALE],
                                          "kind": ["won"]}), first)
    reps = first + 1
    frames["Reps"] = ided(pd.DataFrame({
        "id": [f"R{n}" for n in numbers], "name": [f"R{n}" for n in numbers],
        "plan": [name_of] * count,
        "base_salary": pd.array([typical_salary(source, plan)] * count, dtype="Int64")}), reps)
    rep_ids = [f"R{n}" for n in numbers]
    frames["Quotas"] = ided(pd.DataFrame({"rep": rep_ids, "team": [None] * count,
                                          "period": [period.label] * count, "amount": [quota] * count}),
                            reps + count)
    day = pd.Timestamp(period.start)
    frames["Deals"] = ided(pd.DataFrame({
        "id": [f"D{n}" for n in numbers], "owner": rep_ids, "stage": ["Won"] * count, "amount": credits.astype("int64"),
        "created": [day] * count, "closed": [day] * count}), reps + 2 * count)
    return Book(frames)


def typical_salary(book, plan: int) -> int | None:
    """The median base salary of the reps on ``plan`` (None when none has one): the base a
    bonus of a percentage of base salary is computed on."""
    reps = book["Reps"]
    salaries = reps.loc[(reps["plan"] == plan).to_numpy(dtype=bool, na_value=False), "base_salary"].dropna()
    return int(np.median(salaries.astype("int64"))) if len(salaries) else None


def plan_rows(book, plan: int) -> tuple[list, list, int | None, str]:
    """The tiers ``(from, to, rate, method)`` and bonuses ``(from, amount)`` of ``plan`` (rows
    with every value a chart needs), its cap and its name: what charts/plan_curve.py draws
    beside the curve."""
    def of(table: str) -> pd.DataFrame:
        rows = book[table]
        return rows[(rows["plan"] == plan).to_numpy(dtype=bool, na_value=False)]

    tiers = of("PlanTiers").dropna(subset=["from", "rate", "method"])
    bonuses = of("PlanBonuses").dropna(subset=["from", "amount"])
    cap = book["Plans"].at[plan, "cap"]
    return ([(int(f), None if pd.isna(t) else int(t), int(r), str(m))
             for f, t, r, m in zip(tiers["from"], tiers["to"], tiers["rate"], tiers["method"])],
            [(int(f), int(a)) for f, a in zip(bonuses["from"], bonuses["amount"])],
            None if pd.isna(cap) else int(cap), str(book["Plans"].at[plan, "plan"]))
