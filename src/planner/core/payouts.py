"""The payouts of a period: one per rep on a plan and plan period overlapping it (which plan
pays it: core/assignments.py), with the rep's credit and quota there; the statements
(core/statements.py) fill them with lines."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.assignments import credit_plans, days, has_assignments, last_days, paying, segments
from planner.core.attainment import credit_lines, credited_by, quota_amounts, resummed
from planner.core.periods import MONTHS_IN, Period, period_labels
from planner.core.resolve import positions


def plan_periods(book, period: Period) -> pd.DataFrame:
    """One row per (rep on a plan, plan period overlapping ``period``): credited and quota
    (Int64: missing without one); ``rep`` and ``plan`` are row ids (the plan paying it: core/assignments.py). Reps in Reps
    order, then periods in order."""
    all_reps = book["Reps"]
    plans, seg = plan_table(book), segments(book)
    dated = has_assignments(book)
    seg_kind = plans["kind"][plan_rows(book, seg["plan"])]
    at_rep = seg["row"]  # every segment's rep is in Reps
    hired = all_reps["start_date"].to_numpy(dtype="datetime64[ns]")[at_rep]
    left = all_reps["end_date"].to_numpy(dtype="datetime64[ns]")[at_rep]
    columns, names = {"rep": [], "plan": [], "period": [], "credited": [], "quota": []}, []
    for kind in dict.fromkeys(plans["in_order"][np.isin(plans["order"], seg["plan"])]):  # in Plans order
        mine = np.flatnonzero(seg_kind == kind)
        parts = period.split(kind)
        at = np.repeat(mine, len(parts))  # every (segment, part) pair at once
        part = np.tile(np.arange(len(parts)), len(mine))
        ids, plan = seg["rep"][at], seg["plan"][at]
        codes = len(names) + part  # (into the labels of every kind: a few, made text once)
        names.extend(p.label for p in parts)
        starts = np.array([p.start for p in parts], dtype="datetime64[ns]")[part]
        ends = np.array([p.end for p in parts], dtype="datetime64[ns]")[part]
        employed = (np.isnat(hired[at]) | (hired[at] < ends)) & (np.isnat(left[at]) | (left[at] >= starts))
        if dated:  # a segment pays the parts whose last active day it covers
            employed &= paying(seg, ids, days(starts), days(ends), last_days(book, ids)) == at
            labels = np.array(names, dtype=object)[codes]
            credited = _credited_on_plan(book, kind).reindex(pd.MultiIndex.from_arrays([ids, plan, labels]))
            got = credited.fillna(0).astype("int64").to_numpy()
        else:
            got = pair_values(book, ("credited_by", kind), lambda: credited_by(book, kind), parts, ids, part)[0]
        chosen = np.flatnonzero(employed | (got != 0))
        if dated:  # (a rep's segments of one plan may pay the same part)
            keys = pd.DataFrame({"rep": ids[chosen], "plan": plan[chosen], "period": part[chosen]})
            chosen = chosen[~keys.duplicated().to_numpy()]
        columns["rep"].append(ids[chosen])
        columns["plan"].append(plan[chosen])
        columns["period"].append(codes[chosen])
        columns["credited"].append(got[chosen])
        columns["quota"].append(pair_values(book, ("quota_amounts", "rep"), lambda: quota_amounts(book, "rep"), parts,
                                            ids[chosen], part[chosen]))
    if not columns["rep"]:
        return pd.DataFrame(columns=list(columns))
    rep, label = np.concatenate(columns["rep"]), np.concatenate(columns["period"])
    # Reps in the Reps sheet's order, then periods by label (a stable sort)
    order = np.lexsort((np.unique(names, return_inverse=True)[1].reshape(-1)[label], all_reps.index.get_indexer(rep)))
    out = {name: np.concatenate(values)[order] for name, values in columns.items() if name != "quota"}
    out["period"] = pd.array(np.array(names, dtype=object), dtype="str").take(out["period"])
    quota, has_quota = (np.concatenate([pair[i] for pair in columns["quota"]])[order] for i in (0, 1))
    return pd.DataFrame({**out, "quota": pd.arrays.IntegerArray(quota, ~has_quota)})  # exact, missing where none


def plan_table(book) -> dict:
    """The Plans columns payouts and statements read, as arrays by row id (``ids``, sorted; a
    plan's position: :func:`plan_rows`), each with a last slot for none: ``kind`` (the period
    kind, None), ``months`` (its length in months, 0), ``cap`` (0) with ``has_cap`` and
    ``clawback_days`` (0) with ``has_clawback``; and the
    row ids and kinds in the sheet's order (``order``, ``in_order``). Once per revision of Plans:
    a few rows, looked up by every period's payouts (no pandas index built per lookup)."""
    def build() -> dict:
        plans = book["Plans"]
        ids, kinds = plans.index.to_numpy(dtype="int64"), plans["period"].to_numpy(dtype=object, na_value=None)
        order = np.argsort(ids, kind="stable")
        out = {"ids": ids[order], "kind": np.append(kinds[order], None),
               "months": np.array([MONTHS_IN.get(kind, 0) for kind in kinds[order]] + [0], dtype="int64"),
               "order": ids, "in_order": kinds}
        for name, column in (("cap", "cap"), ("clawback_days", "clawback_days")):
            values = plans[column]
            out[name] = np.append(values.to_numpy(dtype="int64", na_value=0)[order], 0)
            out["has_" + name.split("_")[0]] = np.append(values.notna().to_numpy()[order], False)
        return out
    return book.cached("plan_table", build, depends={"Plans": ("period", "cap", "clawback_days")})


def plan_rows(book, plans: np.ndarray) -> np.ndarray:
    """The position of each plan row id in :func:`plan_table`'s arrays; the last slot (none)
    for an id not in Plans."""
    ids = plan_table(book)["ids"]
    at = positions(np.asarray(plans, dtype="int64"), ids)
    return np.where(at >= 0, at, len(ids))


def pair_values(book, name: tuple, values, parts: list[Period], ids: np.ndarray, part: np.ndarray) -> tuple:
    """The value of each (rep ``ids``, period ``parts[part]``) pair in the (key, period
    label)-indexed series ``values()`` of integers (its pairs unique; ``name`` names it), as
    int64 values (0 for none) and which pairs have one. Each pair is one number (key × labels
    + label's code), sorted once per revision; a lookup is a searchsorted: a few hundred pairs,
    where building a pandas Index to look them up cost more than the lookup."""
    def build() -> tuple:
        series = values()  # (read here: what the lookup depends on)
        if not len(series):
            return {}, 1, np.zeros(0, "int64"), np.zeros(1, "int64")
        index = series.index
        labels = index.levels[1]
        first, second = index.codes[0].astype("int64"), index.codes[1].astype("int64")
        kept = (first >= 0) & (second >= 0) & series.notna().to_numpy()  # (a missing key, label or value: none)
        keys = index.levels[0].to_numpy(dtype="int64")[first[kept]]
        pairs = keys * max(len(labels), 1) + second[kept]
        order = np.argsort(pairs, kind="stable")
        found = np.append(series.to_numpy(dtype=object)[kept][order].astype("int64"), 0)  # the last: none
        return {label: code for code, label in enumerate(labels.tolist())}, max(len(labels), 1), pairs[order], found
    codes, width, pairs, found = book.cached(("pair lookup", name), build, depends=())
    label = np.array([codes.get(one.label, -1) for one in parts], dtype="int64")[part] if len(ids) else \
        np.zeros(0, "int64")
    wanted = np.asarray(ids, dtype="int64") * width + label
    at = np.minimum(np.searchsorted(pairs, wanted), max(len(pairs) - 1, 0))
    hit = (label >= 0) & (pairs[at] == wanted) if len(pairs) else np.zeros(len(wanted), dtype=bool)
    return found[np.where(hit, at, len(found) - 1)], hit


def _credited_on_plan(book, kind: str) -> pd.Series:
    """Credited minor units by (rep, plan paying it, period label) for plans measured per ``kind``."""
    def total(lines: pd.DataFrame) -> pd.Series:
        plan = credit_plans(book, lines["rep"].to_numpy(dtype="int64"), lines["date"].to_numpy())
        lines = lines.assign(plan=plan)
        lines = lines[(lines["plan"].map(book["Plans"]["period"]) == kind).to_numpy(dtype=bool, na_value=False)]
        return lines.assign(plan=lines["plan"].astype("int64"), period=period_labels(lines["date"], kind)) \
            .groupby(["rep", "plan", "period"])["amount"].sum()

    def build() -> pd.Series:
        lines = credit_lines(book)
        summed = resummed(book, book.derived_before(("credited_on_plan", kind)), lines, total)
        return summed if summed is not None else total(lines)
    return book.cached(("credited_on_plan", kind), build, depends=(), rowwise=True)
