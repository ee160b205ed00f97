"""Effective-dated plan assignment: which plan pays a rep's plan period and a credit line.

A rep with rows in ``PlanAssignments`` is on the plan of the row covering a day (``from`` to
``to`` inclusive, an empty ``to`` open-ended) and on no plan on a day no row covers; a rep
without rows is on ``Reps.plan`` every day (so books without the table pay as before).

A plan changing inside a measurement period: **the plan in force on the period's last active
day pays the whole period** (the last day of the period the rep is employed and has a row). A
credit line dated ``d`` is measured in the period (of the plan in force on ``d``) holding
``d``, and paid by the plan paying that period when that plan measures the same kind of
period; when it measures another kind (a monthly plan followed by a quarterly one inside a
quarter), the plan in force on ``d`` pays it. Example: a rep on ``AE-M`` to 15 March and on
``SR-M`` from 16 March (both monthly) is paid all of March by ``SR-M``, at March's quota.

Overlapping rows of one rep are a problem of the later row naming the earlier
(:func:`overlap_problems`); the figures leave that row out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.periods import MONTHS_IN
from planner.core.resolve import positions

_SHIFT = 1 << 21  # days since 1970 moved to 1 … 2²² (years 0 to 9999 fit)
_SPAN = 1 << 23  # a (rep, day) pair as one integer: rep × _SPAN + shifted day
_OPEN_START, _OPEN_END = 0, _SPAN - 1


def has_assignments(book) -> bool:
    """Are plans given by date (PlanAssignments rows)? Once per revision of that sheet."""
    return book.cached("has_assignments", lambda: bool(len(book["PlanAssignments"].dropna(
        subset=["rep", "plan", "from"]))), depends=("PlanAssignments",))


def segments(book) -> dict:
    """Every (rep, plan, first day, last day) a rep is on a plan, sorted by rep and first day,
    as int64 arrays (days shifted; open ends at the extremes) with ``key``: rep × _SPAN + first."""
    def build() -> dict:
        reps, rows = book["Reps"], book["PlanAssignments"].dropna(subset=["rep", "plan", "from"])
        rows = rows[rows["rep"].isin(reps.index).to_numpy(dtype=bool)]
        plain = reps[reps["plan"].notna().to_numpy(dtype=bool) & ~reps.index.isin(rows["rep"])]
        rep = np.r_[plain.index.to_numpy(dtype="int64"), rows["rep"].to_numpy(dtype="int64")]
        plan = np.r_[plain["plan"].to_numpy(dtype="int64"), rows["plan"].to_numpy(dtype="int64")]
        first = np.r_[np.full(len(plain), _OPEN_START, "int64"), days(rows["from"])]
        last = np.r_[np.full(len(plain), _OPEN_END, "int64"),
                     np.where(rows["to"].isna().to_numpy(), _OPEN_END, days(rows["to"].fillna(rows["from"])))]
        order = np.lexsort((first, rep))
        out = {"rep": rep[order], "plan": plan[order], "first": first[order], "last": last[order]}
        out["key"] = out["rep"] * _SPAN + out["first"]
        # each rep's segments: the first one's position and how many (see _latest)
        out["reps"], out["first_of"], out["count_of"] = np.unique(out["rep"], return_index=True, return_counts=True)
        out["row"] = reps.index.get_indexer(out["rep"])  # each segment's rep's position in Reps
        return out
    return book.cached("plan_segments", build, depends=())  # Reps, PlanAssignments


def days(dates) -> np.ndarray:
    """Dates as shifted day numbers (int64)."""
    return np.asarray(dates, dtype="datetime64[D]").astype("int64") + _SHIFT


def _latest(seg: dict, rep: np.ndarray, day: np.ndarray) -> np.ndarray:
    """The segment of each rep starting last on or before ``day`` (-1: none). A rep with one
    segment (every rep without dated rows) is looked up by its id in a table: a search among
    all segments per credit line costs ten times more (the lines come in no order)."""
    if not len(seg["key"]):  # no rep is on a plan
        return np.full(len(rep), -1)
    mine = positions(rep, seg["reps"])
    first, count = seg["first_of"][mine], seg["count_of"][mine]
    found = np.where((mine >= 0) & (count == 1) & (seg["first"][first] <= day), first, -1)
    many = np.flatnonzero((mine >= 0) & (count > 1))
    if len(many):
        at = np.searchsorted(seg["key"], rep[many] * _SPAN + day[many], "right") - 1
        found[many] = np.where((at >= 0) & (seg["rep"][np.maximum(at, 0)] == rep[many]), at, -1)
    return found


def in_force(seg: dict, rep: np.ndarray, day: np.ndarray) -> np.ndarray:
    """The segment covering each (rep, day) (-1: none)."""
    at = _latest(seg, rep, day)
    return np.where((at >= 0) & (seg["last"][np.maximum(at, 0)] >= day), at, -1) if len(seg["key"]) else at


def paying(seg: dict, rep: np.ndarray, start: np.ndarray, end: np.ndarray, left: np.ndarray) -> np.ndarray:
    """The segment paying each rep's period ``[start, end)`` (shifted days; ``left``: the rep's
    last day, _OPEN_END if none): the one covering its last active day (-1: none)."""
    at = _latest(seg, rep, np.minimum(end - 1, left))
    return np.where((at >= 0) & (seg["last"][np.maximum(at, 0)] >= start), at, -1) if len(seg["key"]) else at


def credit_plans(book, rep: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """The plan (row id) paying each credit line of ``rep`` dated ``dates``; NaN: none."""
    seg, kinds = segments(book), book["Plans"]["period"]
    day = days(dates)
    now = in_force(seg, rep, day)
    plan = np.where(now >= 0, seg["plan"][np.maximum(now, 0)], -1) if len(seg["key"]) else now
    if not has_assignments(book):
        return np.where(plan >= 0, plan, np.nan)
    kinds = kinds.astype("string").fillna("")
    kind = kinds.reindex(plan).fillna("").to_numpy(dtype=object)
    # the period (of the plan in force) holding each day, as its first and next-after days
    step = pd.Series(kind).map(MONTHS_IN).fillna(1).to_numpy(dtype="int64")
    months = np.asarray(dates, dtype="datetime64[M]").astype("int64")
    first = months // step * step
    start = days(first.astype("datetime64[M]"))
    end = days((first + step).astype("datetime64[M]"))
    left = last_days(book, rep)
    pays = paying(seg, rep, start, end, left)
    other = np.where(pays >= 0, seg["plan"][np.maximum(pays, 0)], -1) if len(seg["key"]) else pays
    same = (pays >= 0) & (kinds.reindex(other).fillna("").to_numpy(dtype=object) == kind) & (kind != "")
    plan = np.where(same, other, plan)
    return np.where(plan >= 0, plan, np.nan)


def last_days(book, rep: np.ndarray) -> np.ndarray:
    ends = book["Reps"]["end_date"].reindex(rep)
    return np.where(ends.isna().to_numpy(), _OPEN_END, days(ends.fillna(pd.Timestamp(0)))).astype("int64")


def overlap_problems(book) -> list:
    """A rep's assignment rows must not overlap: the later of two overlapping rows is a problem
    naming the earlier."""
    rows = book._frames["PlanAssignments"].dropna(subset=["rep", "from"])
    if not len(rows):
        return []
    found = []
    ordered = rows.sort_values(["rep", "from"], kind="stable")
    for _rep, own in ordered.groupby("rep", sort=False):
        reach, holder = None, None
        for row, start, end in zip(own.index, own["from"], own["to"]):
            if reach is not None and (pd.isna(reach) or start <= reach):
                found.append(book.problem("PlanAssignments", int(row), "from", QT_TRANSLATE_NOOP(
                    "errors", "this plan assignment overlaps the rep's assignment from {other}: a rep is on one "
                              "plan a day"), other=str(holder[1].date())))
                continue
            reach, holder = end, (row, start)
    return found
