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
from planner.core.attainment import ratio
from planner.core.close import closed_periods
from planner.core.derived import same_inputs_or
from planner.core.resolve import positions
from planner.core.sorting import lexsort
from planner.core.statements import flat_plans, flat_plans_of, plan_periods, statements

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
    # plain numpy over the payouts and their lines: a few hundred rows, where every pandas
    # groupby or reindex would cost more than the sums themselves
    rows, lines = paid_statements(book, period)
    quota = rows["quota"].to_numpy(dtype="float64", na_value=np.nan)  # NaN: no quota
    flat = np.isin(rows["plan"].to_numpy(dtype="int64", na_value=-1),
                   np.array(sorted(flat_plans_of(book)), dtype="int64"))
    no_quota = np.flatnonzero(~(np.nan_to_num(quota) > 0) & ~flat)
    warnings = []
    if len(no_quota):
        index, names = _rep_names(book)
        at = positions(rows["rep"].to_numpy(dtype="int64")[no_quota], index)
        labels = rows["period"].to_numpy(dtype=object)[no_quota]
        warnings = [(NO_QUOTA, {"rep": names[row] if row >= 0 else "nan (nan)", "period": label})
                    for row, label in zip(at.tolist(), labels)]

    at = _payout_of(rows, lines)
    amount = lines["amount"].to_numpy(dtype="int64")
    rules = pd.factorize(lines["rule"].to_numpy(dtype=object))  # each line's rule as a code, and the rules
    bonus = _is(rules, "bonus")
    every, bonuses = np.zeros(len(rows) + 1, dtype="int64"), np.zeros(len(rows) + 1, dtype="int64")
    np.add.at(every, at, amount)  # lines of no payout land in the last slot, left out
    np.add.at(bonuses, at[bonus], amount[bonus])
    every, bonuses = every[:-1], bonuses[:-1]
    out = {name: _ints(rows[name]) for name in ("rep", "plan")}
    out["period"] = rows["period"].array
    out.update(credited=_ints(rows["credited"]), quota=_ints(rows["quota"]),
               draw_balance=_ints(rows["draw_balance"]) if "draw_balance" in rows  # a book without draws: none
               else pd.arrays.IntegerArray(np.zeros(len(rows), "int64"), np.ones(len(rows), bool)))
    out["attainment"] = ratio(rows["credited"], rows["quota"])
    for name, values in (("commission", every - bonuses), ("bonus", bonuses), ("total", every)):
        out[name] = pd.arrays.IntegerArray(values, np.zeros(len(values), dtype=bool))
    return pd.DataFrame(out, index=rows.index), _by_tier(book, rows, lines, at, rules), warnings


def _rep_names(book) -> tuple[pd.Index, list[str]]:
    """Each rep's row id and how a warning names it (``Ann Lee (S02)``), once per revision of those."""
    def build() -> tuple[pd.Index, list[str]]:
        reps = book["Reps"]
        return reps.index, [f"{name} ({key})" for name, key in zip(reps["name"].astype(str), reps["id"].astype(str))]
    return book.cached("rep warning names", build, depends={"Reps": ("name", "id")})


def _is(rules: tuple[np.ndarray, np.ndarray], rule: str) -> np.ndarray:
    """Which lines (their rules factorized: codes, names) are of ``rule``."""
    codes, names = rules
    return codes == (list(names).index(rule) if rule in names else -2)


def _ints(column: pd.Series) -> pd.arrays.IntegerArray:
    """A column as a nullable int64 array (an int64 one wrapped as it is: pd.array's checks
    cost more than the few hundred values)."""
    if column.dtype == np.dtype("int64"):
        values = column.to_numpy()
        return pd.arrays.IntegerArray(values, np.zeros(len(values), dtype=bool))
    return pd.array(column, dtype="Int64")


def _payout_of(rows: pd.DataFrame, lines: pd.DataFrame) -> np.ndarray:
    """Each line's payout: the position in ``rows`` of the first row of its (rep, period);
    ``len(rows)`` for none."""
    periods = np.concatenate([rows["period"].to_numpy(dtype=object), lines["period"].to_numpy(dtype=object)])
    codes, labels = pd.factorize(periods)
    keys = np.concatenate([rows["rep"].to_numpy(dtype="int64"), lines["rep"].to_numpy(dtype="int64")]) \
        * max(len(labels), 1) + codes
    row_keys, line_keys = keys[:len(rows)], keys[len(rows):]
    if not len(rows):
        return np.zeros(len(lines), dtype="int64")
    order = np.argsort(row_keys, kind="stable")
    at = np.minimum(np.searchsorted(row_keys[order], line_keys), len(rows) - 1)
    return np.where(row_keys[order][at] == line_keys, order[at], len(rows))


def _by_tier(book, rows: pd.DataFrame, lines: pd.DataFrame, at: np.ndarray, rules: tuple) -> pd.DataFrame:
    """The statement lines summed per tier, and per rule for the others: ``line`` (the rule),
    ``method``, ``from`` and ``to`` of the tier (a bonus's ``from`` is its attainment), the
    summed ``base`` and ``amount``; a tier's ``rate``. ``at``: each line's payout
    (:func:`_payout_of`), ``rules`` their rules (factorized). Payouts in ``rows`` order (lines of
    none last, by rep and period), each one's sums in the order of their first line."""
    tier = lines["tier"].to_numpy(dtype="int64", na_value=-1)
    is_tier, is_bonus = _is(rules, "tier"), _is(rules, "bonus")
    kept = np.flatnonzero(~(is_tier & (tier < 0)))  # a deal no tier paid
    rule_code, at = rules[0][kept], at[kept]
    source = np.where(is_bonus[kept], lines["bonus"].to_numpy(dtype="int64", na_value=-1)[kept],
                      np.where(is_tier[kept], tier[kept], -1))
    matched = (at < len(rows)).all()  # (then a payout is one rep and period: the group's are its)
    if not matched:  # lines of none are told apart by their rep and period
        rep = lines["rep"].to_numpy(dtype="int64")[kept]
        period = lines["period"].to_numpy(dtype=object)[kept]
        codes, labels = pd.factorize(period)
        period_rank = np.argsort(np.argsort(labels.astype(str), kind="stable"))[codes]  # labels sort as text
    first = lines["line"].to_numpy(dtype="int64")[kept]
    has_base = ~lines["base"].isna().to_numpy()[kept]
    base = lines["base"].to_numpy(dtype="int64", na_value=0)[kept]
    amount = lines["amount"].to_numpy(dtype="int64")[kept]

    # one group per (payout, rule, tier or bonus): sorted by them, then by line number
    keys = (at, rule_code, source) if matched else (at, rep, period_rank, rule_code, source)
    order = lexsort((first, *keys[::-1]))
    starts = np.flatnonzero(np.r_[True, np.any([np.diff(key[order]) != 0 for key in keys], axis=0)]) \
        if len(order) > 1 else np.arange(len(order))
    sums = [np.add.reduceat(values[order], starts) if len(starts) else values[:0]
            for values in (base, has_base.astype("int64"), amount)]
    heads = order[starts]  # each group's first line (the smallest number)
    shown = lexsort((first[heads], at[heads]) if matched else
                    (first[heads], period_rank[heads], rep[heads], at[heads]))
    heads, (group_base, bases, group_amount) = heads[shown], [values[shown] for values in sums]
    group_source = source[heads]
    is_tier, is_bonus = is_tier[kept][heads], is_bonus[kept][heads]

    plan = np.append(rows["plan"].to_numpy(dtype="int64", na_value=-1), -1)[at[heads]]  # row ids: positive
    shows = _source_columns(book, group_source, is_tier, is_bonus)
    if matched:
        rep = rows["rep"].to_numpy(dtype="int64")[at[heads]]
        period = pd.array(rows["period"], dtype="string").take(at[heads])
    else:
        rep, period = rep[heads], pd.array(period[heads], dtype="string")
    return pd.DataFrame({
        "rep": pd.arrays.IntegerArray(rep, np.zeros(len(heads), dtype=bool)),
        "period": period,
        "plan": pd.arrays.IntegerArray(plan, plan < 0),
        "line": pd.array(np.asarray(rules[1], dtype=object), dtype="string").take(rule_code[heads]),
        "method": shows["method"], "from": shows["from"], "to": shows["to"],
        "base": pd.arrays.IntegerArray(group_base, bases == 0),
        "rate": shows["rate"],
        "amount": pd.arrays.IntegerArray(group_amount, np.zeros(len(group_amount), dtype=bool)),
    })


def _source_columns(book, source: np.ndarray, is_tier: np.ndarray, is_bonus: np.ndarray) -> dict:
    """What each line group shows of its ``source`` (a PlanTiers row id where ``is_tier``, a
    PlanBonuses one where ``is_bonus``): the tier's ``method``, ``from``, ``to`` and ``rate``, a
    bonus's ``from`` (its threshold); missing where it has none (or no such row)."""
    tiers, bonuses = _sources(book)
    in_tiers = np.where(is_tier, tiers["ids"].get_indexer(source), -1)  # each group's row, found once
    in_bonuses = np.where(is_bonus, bonuses["ids"].get_indexer(source), -1)

    def nullable(table: dict, column: str, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        values, present = table[column]  # (their last slot: none)
        return values[where], present[where]

    (tier_from, has_tier_from), (bonus_from, has_bonus_from) = nullable(tiers, "from", in_tiers), \
        nullable(bonuses, "from", in_bonuses)
    starts, present = np.where(is_tier, tier_from, bonus_from), np.where(is_tier, has_tier_from, has_bonus_from)
    out = {"method": tiers["method"].take(in_tiers, allow_fill=True),
           "from": pd.arrays.IntegerArray(np.where(present, starts, 0), ~present)}
    for column in ("to", "rate"):
        values, present = nullable(tiers, column, in_tiers)
        out[column] = pd.arrays.IntegerArray(np.where(present, values, 0), ~present)
    return out


def _sources(book) -> tuple[dict, dict]:
    """What a commission line shows of its tier and bonus: their row ids (``ids``) and columns,
    an integer one as (values, which there are), each with a last slot for none; once per
    revision of PlanTiers and PlanBonuses (a few rows, read by every period's commissions)."""
    def build() -> tuple[dict, dict]:
        def table(frame: pd.DataFrame, columns: tuple) -> dict:
            out = {"ids": pd.Index(frame.index.to_numpy(dtype="int64"))}
            for column in columns:
                out[column] = (np.append(frame[column].to_numpy(dtype="int64", na_value=0), 0),
                               np.append(~frame[column].isna().to_numpy(), False))
            return out
        tiers = table(book["PlanTiers"], ("from", "to", "rate"))
        tiers["method"] = pd.array(book["PlanTiers"]["method"].array, dtype="string")
        return tiers, table(book["PlanBonuses"], ("from",))
    return book.cached("commission_sources", build, depends=("PlanTiers", "PlanBonuses"))
