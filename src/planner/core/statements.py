"""Commission statements: every line behind a payout, one per credited deal and tier slice.

For each rep on a plan and each of the plan's measurement periods (month, quarter or year),
the rep's won credit of the period (:func:`planner.core.attainment.credit_lines`: one line per
deal and credited rep) is taken in close-date order, then by deal, and fills the plan's tiers
in turn. With ``Q`` the rep's quota for the period, a tier ``[from, to)`` covers the credit
between ``from × Q`` and ``to × Q`` (in whole minor units, rounded as the book rounds). Every
line names the rule (``rule``) that produced it:

- ``tier``: *marginal* tiers pay each deal's slice of every tier it crosses at that tier's
  rate (a deal crossing a tier bound gets a line per slice); *retroactive* tiers pay the whole
  deal at the rate of the tier the rep's credit reached with it;
- ``retro_lift``: retroactive tiers pay all the period's credit at the rate of the tier finally
  reached: a deal paid at another rate gets a line at the difference;
- ``cap``: a negative line taking back what tier and lift lines pay above the plan's cap;
- ``bonus``: each of the plan's bonuses whose attainment the period's won credit reached;
- ``clawback``: a won deal cancelled in this period takes back what its tier and lift lines
  paid in the period it was won (decisions.md, "Cancelled deals": never a second reduction
  through the tiers). Plans have no clawback window yet: every cancellation is clawed back.

A line with a rate is ``base × rate`` rounded once by the book's rounding; the payout of a rep
and period is the sum of its lines. A plan whose tiers depend on attainment pays no tier line
without a quota above zero (the report warns); one flat rate from 0% pays without one.
Everything is exact integer arithmetic (minor units, rates in millionths), vectorized.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.attainment import attained, credit_lines, credited_by, quota_amounts
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.money import RATIO_SCALE, exact_product, times_ratio
from planner.core.periods import Period

S = RATIO_SCALE
COLUMNS = ["rep", "period", "line", "deal", "rule", "tier", "rate", "base", "amount"]
# the rules in the order their lines come in a statement, with the words the user reads
RULES = {
    "tier": QT_TRANSLATE_NOOP("values", "Tier"),
    "retro_lift": QT_TRANSLATE_NOOP("values", "Retroactive lift"),
    "cap": QT_TRANSLATE_NOOP("values", "Cap"),
    "bonus": QT_TRANSLATE_NOOP("values", "Bonus"),
    "clawback": QT_TRANSLATE_NOOP("values", "Clawback"),
}
_ORDER = {rule: n for n, rule in enumerate(RULES)}
_STEP = {"month": 1, "quarter": 3, "year": 12}
# a (rep, period) pair as one integer: rep row id × _KEY + the period's number (months since
# year 0, divided by the period's length in months)
_KEY = 100_000
_NO_BOUND = np.iinfo(np.int64).max


def statement_lines(book, period: Period) -> pd.DataFrame:
    """One row per statement line of every rep on a plan and every plan period overlapping
    ``period`` (the rows of :func:`plan_periods`), in statement order: ``rep`` (Reps row id),
    ``period`` (the plan period's label), ``line`` (1, 2, … within the rep and period),
    ``deal`` (Deals row id; NA on lines of no deal), ``rule`` (see the module), ``tier``
    (PlanTiers row id or NA), ``rate`` (millionths, NA where none applies), ``base`` (minor
    units the rate applied to) and ``amount`` (minor units). A payout's total is the sum of its
    lines' amounts."""
    return statements(book, period)[1][COLUMNS].copy()


def statements(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The payout rows (:func:`plan_periods`, plus ``won``: the period's won credit, before
    cancellations) and their lines (:data:`COLUMNS` plus ``bonus``: the PlanBonuses row id of a
    bonus line); cached per revision of the book."""
    return book.cached(("statements", period), lambda: _statements(book, period))


def flat_plans(tiers: pd.DataFrame) -> set:
    """Plans paying one rate on everything: their tiers do not depend on attainment."""
    bounded = tiers["from"].fillna(0).ne(0) | tiers["to"].notna()
    counts = tiers.groupby("plan").size()
    return set(counts[counts == 1].index) - set(tiers.loc[bounded, "plan"])


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


def _statements(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = plan_periods(book, period)
    kind_of_rep = book["Reps"]["plan"].map(book["Plans"]["period"])
    row_keys = rows["rep"].to_numpy(dtype="int64") * _KEY + np.array(
        [_number(Period.of(label)) for label in rows["period"]], dtype="int64")
    won, cancelled = _keyed_credit(book)

    # cancellations in these periods, paired with the won line whose payment they take back
    claw = cancelled[np.isin(cancelled["key"].to_numpy(), row_keys)].merge(
        won[["deal", "rep", "key"]].rename(columns={"key": "won_key"}).reset_index(names="won"), on=["deal", "rep"])
    needed = np.union1d(row_keys, claw["won_key"].to_numpy(dtype="int64"))

    # the won lines of those periods, in close-date order, then by deal
    w = won[np.isin(won["key"].to_numpy(), needed)]
    w = w.iloc[np.lexsort((w["deal"].to_numpy(), w["date"].to_numpy(), w["key"].to_numpy()))]
    keys, amount = w["key"].to_numpy(dtype="int64"), w["amount"].to_numpy(dtype="int64")
    after = _running_sum(keys, amount)
    total = _group_total(keys, after)
    quota = _quotas(book, needed, kind_of_rep).reindex(keys).to_numpy(dtype="int64")
    plan = w["plan"].to_numpy(dtype="int64")
    payable = (quota > 0) | np.isin(plan, list(flat_plans(book["PlanTiers"])))
    deal_lines = _deal_lines(book["PlanTiers"], plan, quota, after - amount, after, amount, total, payable,
                             book.rounding)
    deal_lines["key"] = keys[deal_lines["w"].to_numpy()]
    deal_lines["deal"] = w["deal"].to_numpy(dtype="int64")[deal_lines["w"].to_numpy()]

    # what each won line was paid (its tier and lift lines): the amount a cancellation takes back
    paid = pd.Series(_sum_by(deal_lines["w"].to_numpy(), deal_lines["amount"].to_numpy(dtype="int64"), len(w)),
                     index=w.index)
    clawbacks = _frame(key=claw["key"], deal=claw["deal"], rule="clawback",
                       amount=-paid.reindex(claw["won"].to_numpy()).fillna(0).to_numpy(dtype="int64"),
                       order=claw["date"].to_numpy(dtype="datetime64[ns]").astype("int64"), sub=claw["deal"])

    mine = deal_lines[np.isin(deal_lines["key"].to_numpy(), row_keys)]
    payouts = pd.DataFrame({"key": row_keys, "plan": rows["plan"].to_numpy(dtype="int64"),
                            "quota": rows["quota"].fillna(0).to_numpy(dtype="int64")})
    by_key = pd.Series(total, index=keys).groupby(level=0).first()
    payouts["won"] = by_key.reindex(row_keys).fillna(0).to_numpy(dtype="int64")
    payouts["paid"] = mine.groupby("key")["amount"].sum().reindex(row_keys).fillna(0).to_numpy(dtype="int64")
    lines = pd.concat([mine.assign(order=mine["w"]), _cap_lines(payouts, book["Plans"]["cap"]),
                       _bonus_lines(payouts, book["PlanBonuses"]), clawbacks], ignore_index=True)
    return rows.assign(won=payouts["won"].to_numpy()), _finish(rows, row_keys, lines)


def _number(period: Period) -> int:
    """A period's number: months since year 0 divided by its length in months."""
    return (period.start.year * 12 + period.start.month - 1) // _STEP[period.kind]


def _keyed_credit(book) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The credit lines of reps on a plan, won and cancelled apart, each with the (rep, plan
    period) key of its date (cached per revision: it does not depend on the period asked)."""
    def build():
        credit = credit_lines(book)
        plan = book["Reps"]["plan"].reindex(credit["rep"].to_numpy()).to_numpy(dtype="float64", na_value=np.nan)
        on_plan = ~np.isnan(plan)
        credit, plan = credit[on_plan], plan[on_plan].astype("int64")
        step = book["Plans"]["period"].map(_STEP).reindex(plan).to_numpy(dtype="int64")
        months = credit["date"].to_numpy(dtype="datetime64[M]").astype("int64") + 1970 * 12
        frame = pd.DataFrame({
            "key": credit["rep"].to_numpy(dtype="int64") * _KEY + months // step, "plan": plan,
            "deal": credit["deal_id"].to_numpy(dtype="int64"), "rep": credit["rep"].to_numpy(dtype="int64"),
            "date": credit["date"].to_numpy(dtype="datetime64[ns]"), "amount": credit["amount"].to_numpy(dtype="int64"),
        })
        won = (credit["reason"] == "won").to_numpy(dtype=bool)
        return frame[won].reset_index(drop=True), frame[~won].reset_index(drop=True)
    return book.cached("keyed_credit", build)


def _running_sum(keys: np.ndarray, amounts: np.ndarray) -> np.ndarray:
    """The cumulative sum of ``amounts`` within each run of equal ``keys`` (sorted by key)."""
    total = np.cumsum(amounts)
    if not len(keys):
        return total
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return total - np.repeat(total[starts] - amounts[starts], np.diff(np.append(starts, len(keys))))


def _group_total(keys: np.ndarray, running: np.ndarray) -> np.ndarray:
    """Each line's run total: the running sum at the last line of its run of equal keys."""
    if not len(keys):
        return running
    ends = np.flatnonzero(np.r_[keys[1:] != keys[:-1], True])
    return np.repeat(running[ends], np.diff(np.r_[-1, ends]))


def _sum_by(index: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros(size, dtype="int64")
    np.add.at(out, index, values)
    return out


def _quotas(book, keys: np.ndarray, kind_of_rep: pd.Series) -> pd.Series:
    """The quota of each (rep, period) key, 0 where there is none."""
    quotas = quota_amounts(book, "rep")
    pairs = []
    for key in keys.tolist():
        rep, number = divmod(key, _KEY)
        kind = kind_of_rep.get(rep)
        months = number * _STEP[kind]
        pairs.append((rep, Period(Period.parse(f"{months // 12:04d}-{months % 12 + 1:02d}").start, kind).label))
    got = quotas.reindex(pd.MultiIndex.from_tuples(pairs)) if pairs else pd.Series(dtype="object")
    return pd.Series(got.fillna(0).to_numpy(dtype=object).astype("int64"), index=keys)


def _deal_lines(tiers: pd.DataFrame, plan, quota, before, after, amount, total, payable, rounding) -> pd.DataFrame:
    """The tier and lift lines of each won line ``w`` (arrays by line: its plan, the quota of
    its period, the running credit before and after it, its amount and the period's total)."""
    tiers = tiers.dropna(subset=["plan", "from", "rate"]).sort_values(["plan", "from"], kind="stable")
    t_plan = tiers["plan"].to_numpy(dtype="int64")
    plans, first, count = np.unique(t_plan, return_index=True, return_counts=True)
    at = np.minimum(np.searchsorted(plans, plan), max(len(plans) - 1, 0))
    n = np.where(payable & (plans[at] == plan) if len(plans) else np.zeros(len(plan), bool), count[at] if len(plans)
                 else 0, 0)
    w = np.repeat(np.arange(len(plan)), n)  # a row per (won line, tier of its plan)
    t = first[at[w]] + np.arange(len(w)) - np.repeat(np.cumsum(n) - n, n) if len(w) else w
    start = tiers["from"].to_numpy(dtype="int64")[t]
    unbounded = tiers["to"].isna().to_numpy()[t]
    end = tiers["to"].fillna(0).to_numpy(dtype="int64")[t]
    rate = tiers["rate"].to_numpy(dtype="int64")[t]
    tier_id = tiers.index.to_numpy(dtype="int64")[t]
    marginal = (tiers["method"] == "marginal").to_numpy(dtype=bool)[t]
    q, low_credit, high_credit = quota[w], before[w], after[w]

    # marginal: the line's slice of each tier, between bounds rounded to whole minor units
    low, high = times_ratio(start, q, rounding), np.where(unbounded, _NO_BOUND, times_ratio(end, q, rounding))
    piece = np.maximum(np.minimum(high_credit, high) - np.maximum(low_credit, low), 0)
    slices = marginal & (piece > 0)
    frames = [_frame(w=w[slices], rule="tier", tier=tier_id[slices], rate=rate[slices], base=piece[slices],
                     amount=times_ratio(piece[slices], rate[slices], rounding), sub=start[slices])]

    # retroactive: the tier the running credit reached with the line, and the one the period's credit reached
    retro = ~marginal
    floor, ceiling = exact_product(start, q), exact_product(end, q)

    def reached(credit: np.ndarray) -> np.ndarray:
        scaled = exact_product(credit, S)
        return retro & (credit > 0) & (scaled >= floor) & (unbounded | (scaled < ceiling))

    lines = np.zeros(len(plan), dtype=bool)
    lines[w[retro]] = True
    running_rate, final_rate = np.zeros(len(plan), "int64"), np.zeros(len(plan), "int64")
    running_tier, final_tier = np.full(len(plan), -1, "int64"), np.full(len(plan), -1, "int64")
    hit = reached(after[w])
    running_rate[w[hit]], running_tier[w[hit]] = rate[hit], tier_id[hit]
    hit = reached(total[w])
    final_rate[w[hit]], final_tier[w[hit]] = rate[hit], tier_id[hit]
    own = np.flatnonzero(lines)
    frames.append(_frame(w=own, rule="tier", tier=running_tier[own], rate=running_rate[own], base=amount[own],
                         amount=times_ratio(amount[own], running_rate[own], rounding)))
    lift = own[final_rate[own] != running_rate[own]]
    difference = final_rate[lift] - running_rate[lift]
    frames.append(_frame(w=lift, rule="retro_lift", tier=final_tier[lift], rate=difference, base=amount[lift],
                         amount=times_ratio(amount[lift], difference, rounding)))

    # a payable line no tier covers (nothing credited, or above a last tier with an end) pays 0
    covered = np.zeros(len(plan), dtype=bool)
    covered[w[slices]] = True
    covered |= lines
    bare = np.flatnonzero(payable & ~covered)
    frames.append(_frame(w=bare, rule="tier", rate=np.zeros(len(bare), "int64"), base=amount[bare],
                         amount=np.zeros(len(bare), "int64")))
    return pd.concat(frames, ignore_index=True)


def _cap_lines(payouts: pd.DataFrame, caps: pd.Series) -> pd.DataFrame:
    """A negative line bringing tier and lift lines above the plan's cap back down to the cap."""
    cap = caps.reindex(payouts["plan"].to_numpy())
    over = (cap.notna() & (payouts["paid"].to_numpy() > cap.fillna(0).to_numpy(dtype="int64"))).to_numpy(dtype=bool)
    paid = payouts["paid"].to_numpy(dtype="int64")[over]
    return _frame(key=payouts["key"].to_numpy()[over], rule="cap", base=paid,
                  amount=cap.fillna(0).to_numpy(dtype="int64")[over] - paid)


def _bonus_lines(payouts: pd.DataFrame, bonuses: pd.DataFrame) -> pd.DataFrame:
    """A line per bonus whose attainment the period's won credit reached."""
    bonuses = bonuses.dropna(subset=["plan", "from", "amount"])
    paid = payouts.merge(pd.DataFrame({"plan": bonuses["plan"].to_numpy(dtype="int64"),
                                       "threshold": bonuses["from"].to_numpy(dtype="int64"),
                                       "bonus_amount": bonuses["amount"].to_numpy(dtype="int64"),
                                       "bonus": bonuses.index.to_numpy(dtype="int64")}), on="plan")
    quota = paid["quota"].to_numpy(dtype=object)
    reached = (quota > 0) & attained(paid["won"].to_numpy(dtype=object), quota, paid["threshold"].to_numpy(dtype=object))
    paid = paid[reached.astype(bool)]
    return _frame(key=paid["key"], rule="bonus", bonus=paid["bonus"], amount=paid["bonus_amount"],
                  order=paid["threshold"])


# a line while statements are built: ``w`` (its won line) or ``key`` (its payout), the output
# columns, and ``order``/``sub`` sorting lines of one rule; -1 stands for "none" in id columns
_FIELDS = {"w": -1, "key": -1, "deal": -1, "tier": -1, "bonus": -1, "rate": None, "base": None, "amount": 0,
           "order": 0, "sub": 0}


def _frame(rule: str, **columns) -> pd.DataFrame:
    """Lines of one rule: integer columns as int64 (ids -1 where none), ``rate`` and ``base``
    as Int64 (NA where none)."""
    size = len(next(iter(columns.values())))
    out = {"rule": np.full(size, rule, dtype=object)}
    for name, missing in _FIELDS.items():
        values = columns.get(name)
        if missing is None:
            out[name] = pd.array(np.asarray(values, dtype="int64") if values is not None else [None] * size,
                                 dtype="Int64")
        else:
            out[name] = np.asarray(values, dtype="int64") if values is not None else np.full(size, missing, "int64")
    return pd.DataFrame(out)


def _finish(rows: pd.DataFrame, row_keys: np.ndarray, lines: pd.DataFrame) -> pd.DataFrame:
    """The lines in statement order (payouts in ``rows`` order, then rule, then their own
    order), numbered within each payout, in the interface's columns and dtypes."""
    position = pd.Index(row_keys).get_indexer(lines["key"].to_numpy(dtype="int64"))
    rule = lines["rule"].map(_ORDER).to_numpy(dtype="int64")
    order = np.lexsort((lines["sub"].to_numpy(), lines["order"].to_numpy(), rule, position))
    lines, position = lines.iloc[order].reset_index(drop=True), position[order]
    starts = np.flatnonzero(np.r_[True, position[1:] != position[:-1]]) if len(position) else np.zeros(0, "int64")
    number = np.arange(len(lines)) - np.repeat(starts, np.diff(np.r_[starts, len(lines)])) + 1

    def ids(name: str) -> pd.arrays.IntegerArray:
        values = lines[name].to_numpy(dtype="int64")
        return pd.arrays.IntegerArray(values, values < 0)

    return pd.DataFrame({
        "rep": rows["rep"].to_numpy(dtype="int64")[position],
        "period": rows["period"].to_numpy(dtype=object)[position],
        "line": number.astype("int64"),
        "deal": ids("deal"), "rule": lines["rule"].to_numpy(dtype=object), "tier": ids("tier"),
        "rate": lines["rate"].array, "base": lines["base"].array,
        "amount": lines["amount"].to_numpy(dtype="int64"),
        "bonus": ids("bonus"),
    })
