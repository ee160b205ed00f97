"""The payouts of a period: one per rep on a plan and plan period overlapping it (which plan
pays it: core/assignments.py), with the rep's credit and quota there; the statements
(core/statements.py) fill them with lines."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.assignments import credit_plans, days, has_assignments, last_days, paying, segments
from planner.core.attainment import credit_lines, credited_by, quota_amounts, resummed
from planner.core.periods import Period, period_labels


def plan_periods(book, period: Period) -> pd.DataFrame:
    """One row per (rep on a plan, plan period overlapping ``period``): credited and quota
    (Int64: missing without one); ``rep`` and ``plan`` are row ids (the plan paying it: core/assignments.py). Reps in Reps
    order, then periods in order."""
    all_reps = book["Reps"]
    plans, seg = book["Plans"], segments(book)
    dated = has_assignments(book)
    seg_kind = plans["period"].reindex(seg["plan"]).to_numpy(dtype=object)
    at_rep = all_reps.index.get_indexer(seg["rep"])  # every segment's rep is in Reps
    hired = all_reps["start_date"].to_numpy(dtype="datetime64[ns]")[at_rep]
    left = all_reps["end_date"].to_numpy(dtype="datetime64[ns]")[at_rep]
    columns = {"rep": [], "plan": [], "period": [], "credited": [], "quota": []}
    for kind in plans.loc[plans.index.isin(seg["plan"]), "period"].unique():
        mine = np.flatnonzero(seg_kind == kind)
        parts = period.split(kind)
        at = np.repeat(mine, len(parts))  # every (segment, part) pair at once
        part = np.tile(np.arange(len(parts)), len(mine))
        ids, plan = seg["rep"][at], seg["plan"][at]
        labels = np.array([p.label for p in parts])[part]
        starts = np.array([p.start for p in parts], dtype="datetime64[ns]")[part]
        ends = np.array([p.end for p in parts], dtype="datetime64[ns]")[part]
        employed = (np.isnat(hired[at]) | (hired[at] < ends)) & (np.isnat(left[at]) | (left[at] >= starts))
        if dated:  # a segment pays the parts whose last active day it covers
            employed &= paying(seg, ids, days(starts), days(ends), last_days(book, ids)) == at
            credited = _credited_on_plan(book, kind).reindex(pd.MultiIndex.from_arrays([ids, plan, labels]))
            got = credited.fillna(0).astype("int64").to_numpy()
        else:
            found = pair_values(book, ("credited_by", kind), lambda: credited_by(book, kind), parts, ids, part)
            got = np.where(pd.isna(found), 0, found).astype("int64")
        chosen = np.flatnonzero(employed | (got != 0))
        if dated:  # (a rep's segments of one plan may pay the same part)
            keys = pd.DataFrame({"rep": ids[chosen], "plan": plan[chosen], "period": part[chosen]})
            chosen = chosen[~keys.duplicated().to_numpy()]
        columns["rep"].append(ids[chosen])
        columns["plan"].append(plan[chosen])
        columns["period"].append(labels[chosen])
        columns["credited"].append(got[chosen])
        columns["quota"].append(pair_values(book, ("quota_amounts", "rep"), lambda: quota_amounts(book, "rep"), parts,
                                          ids[chosen], part[chosen]))
    if not columns["rep"]:
        return pd.DataFrame(columns=list(columns))
    rep, label = np.concatenate(columns["rep"]), np.concatenate(columns["period"])
    # Reps in the Reps sheet's order, then periods by label (a stable sort)
    order = np.lexsort((np.unique(label, return_inverse=True)[1].reshape(-1), all_reps.index.get_indexer(rep)))
    out = {name: np.concatenate(values)[order] for name, values in columns.items()}
    return pd.DataFrame({**out, "quota": pd.array(out["quota"], dtype="Int64")})  # exact, missing where none


def pair_values(book, name: tuple, values, parts: list[Period], ids: np.ndarray, part: np.ndarray) -> np.ndarray:
    """The value of each (rep ``ids``, period ``parts[part]``) pair in the (key, period
    label)-indexed series ``values()`` (its pairs unique; ``name`` names it), as an object array
    (None: none). Looked up on the index's codes, made into one number per pair once per revision."""
    def build() -> tuple:
        series = values()  # (read here: what the lookup depends on)
        index = series.index
        width = max(len(index.levels[1]), 1) if len(series) else 1
        first = index.codes[0].astype("int64") if len(series) else np.zeros(0, "int64")
        second = index.codes[1].astype("int64") if len(series) else np.zeros(0, "int64")
        pairs = np.where((first >= 0) & (second >= 0), first * width + second, -1 - np.arange(len(series)))  # -: NaN
        levels = (index.levels[0], index.levels[1]) if len(series) else (pd.Index([]), pd.Index([]))
        return levels, width, pd.Index(pairs), np.append(series.to_numpy(dtype=object), None)
    (keys, labels), width, pairs, found = book.cached(("pair lookup", name), build, depends=())
    label = labels.get_indexer([one.label for one in parts])[part] if len(ids) else np.zeros(0, "int64")
    key = keys.get_indexer(ids)
    at = pairs.get_indexer(key * width + label)
    at[(label < 0) | (key < 0)] = -1
    return found[at]  # -1: the None added


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
