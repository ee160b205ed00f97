"""Deal health at the book's "today" (``as_of``): time in stage, stalled and slipped deals.

Definitions (product.md):

- **time in stage**: days from the day a deal entered its current stage to ``as_of``. The day
  it entered is the latest StageHistory row of the deal that *enters* its current stage; a
  deal without such a row counts from its ``created`` date. A history row that repeats the
  stage of the row before it (same deal) records a change of the expected close, not a stage
  entry (the app appends one whenever expected_close changes).
- **stalled**: an open deal whose time in stage exceeds 1.5 × the average time won deals
  spent in that same stage. A won deal's time in stage k is the day it entered the next stage
  minus the day it entered k (its ``closed`` date when history stops at an open stage), summed
  when it visited k more than once; the average is over the won deals that have such a time.
  A stage no won deal has a time for stalls nothing.
- **slipped**: an open deal whose expected close was moved later at least twice, or lies
  before ``as_of``. Moves are counted between consecutive StageHistory rows of the deal (by
  ``entered``, then sheet order; rows without an expected close are skipped) and between the
  last such row and the deal's current expected close.

What depends on the history alone is cached per revision; what depends on ``as_of`` is
cached under a key holding ``as_of``, so a report for another day never reuses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from planner.core.derived import touched_only

STALL_FACTOR = (3, 2)  # 1.5 as an exact fraction: stalled when days × 2 > 3 × average
SLIPS = 2  # moves of expected_close later that make a deal slipped


def history(book) -> pd.DataFrame:
    """StageHistory sorted by deal, then entered, then sheet order, with ``entry``: whether the
    row enters a stage (the deal's first row, or a stage other than the row before). Columns
    ``deal`` and ``stage`` hold row ids. Cached per revision."""
    return _history(book).frame


@dataclass(frozen=True)
class _Sorted:
    frame: pd.DataFrame  # history()
    source: pd.DataFrame  # the StageHistory it was sorted from
    changed: frozenset | None  # the deals whose rows differ from the state before's; None: not known


def _history(book) -> _Sorted:
    """After an edit that only appended rows to StageHistory (a stage change appends one), the
    rows before sorted again for those rows' deals alone (issue 18: a stage edit)."""
    def build() -> _Sorted:
        rows = book["StageHistory"]
        before = book.derived_before("health_history")
        if before is not None and touched_only(before, "StageHistory") and _grew(before[0].source, rows):
            old = before[0]
            added = rows["deal_id"].iloc[len(old.source):].dropna()
            deals = frozenset(added.astype("int64").tolist())
            at = np.concatenate([old.frame["order"].to_numpy()[_blocks(old.frame, deals)],
                                 np.arange(len(old.source), len(rows))])
            return _Sorted(_spliced(old.frame, _sorted(book, rows, at), deals), rows, deals)
        return _Sorted(_sorted(book, rows), rows, None)
    return book.cached("health_history", build, depends={"Deals": ()}, rowwise=True)  # which deals there are


def _sorted(book, rows: pd.DataFrame, at: np.ndarray | None = None) -> pd.DataFrame:
    """The rows of ``rows`` (those at positions ``at``: a few deals') that date a stage of a deal
    of the book, sorted."""
    part, at = (rows, np.arange(len(rows))) if at is None else (rows.iloc[at], at)
    deal = part["deal_id"].to_numpy(dtype="float64", na_value=np.nan)
    stage = part["stage"].to_numpy(dtype="float64", na_value=np.nan)
    entered = part["entered"].to_numpy(dtype="datetime64[ns]")
    kept = np.flatnonzero(~np.isnan(deal) & ~np.isnan(stage) & ~np.isnat(entered))
    kept = kept[pd.Index(deal[kept].astype("int64")).isin(book["Deals"].index)]
    # by deal, then entered, then sheet order
    kept = kept[np.lexsort((at[kept], entered[kept].view("int64"), deal[kept]))]
    frame = pd.DataFrame({
        "deal": deal[kept].astype("int64"), "stage": stage[kept].astype("int64"), "entered": entered[kept],
        "expected_close": part["expected_close"].to_numpy(dtype="datetime64[ns]")[kept], "order": at[kept],
    }, copy=False)  # columns of their own: stacking 400,000 rows into one block costs more than the rest
    same_deal = frame["deal"].eq(frame["deal"].shift())
    frame["entry"] = ~(same_deal & frame["stage"].eq(frame["stage"].shift()))
    return frame


def _grew(old: pd.DataFrame, new: pd.DataFrame) -> bool:
    """Is ``new`` the rows of ``old`` as they were, with rows after them?"""
    n = len(old)
    return len(new) >= n and new.index[:n].equals(old.index) and all(
        new[column].iloc[:n].array.equals(old[column].array) for column in _READ)


_READ = ("deal_id", "stage", "entered", "expected_close")


def _blocks(rows: pd.DataFrame, deals) -> np.ndarray:
    """Which of ``rows`` (sorted by deal) are rows of ``deals``."""
    deal = rows["deal"].to_numpy()
    wanted = np.sort(np.fromiter(deals, dtype="int64", count=len(deals)))
    chosen = np.zeros(len(rows), dtype=bool)
    for low, high in zip(np.searchsorted(deal, wanted, "left"), np.searchsorted(deal, wanted, "right")):
        chosen[low:high] = True
    return chosen


def _spliced(old: pd.DataFrame, rows: pd.DataFrame, deals) -> pd.DataFrame:
    """``old`` (sorted by deal) with the rows of ``deals`` replaced by ``rows`` (sorted, theirs):
    each column copied once, in slices."""
    wanted = np.sort(np.fromiter(deals, dtype="int64", count=len(deals)))
    mine, theirs = old["deal"].to_numpy(), rows["deal"].to_numpy()
    slices, start = [], 0  # old's rows before a deal, the deal's new rows, ..., old's rows after the last
    for deal in wanted:
        slices += [(old, start, np.searchsorted(mine, deal, "left")),
                   (rows, np.searchsorted(theirs, deal, "left"), np.searchsorted(theirs, deal, "right"))]
        start = np.searchsorted(mine, deal, "right")
    slices.append((old, start, len(old)))
    return pd.DataFrame({column: np.concatenate([frame[column].to_numpy()[low:high] for frame, low, high in slices])
                         for column in old.columns}, copy=False)


def deals_changed(book, key) -> frozenset | None:
    """The deals the edit that made this state changed (values in Deals, rows appended to their
    stage history), when the value ``key`` had in the state before (a ``rowwise`` entry) can be
    redone for those deals alone: the edit touched nothing else the value reads. None otherwise."""
    before = book.derived_before(key)
    if before is None or not touched_only(before, "Deals", "StageHistory"):
        return None
    touched = before[2]
    if "Deals" in touched and touched["Deals"] is None:  # deals inserted, deleted or moved
        return None
    edited = touched["Deals"][1] if "Deals" in touched else frozenset()
    if "StageHistory" not in touched:
        return edited
    grown = _history(book).changed
    return None if grown is None else edited | grown


def of_deals(rows: pd.DataFrame, deals) -> pd.DataFrame:
    """The rows of :func:`history` (or any frame sorted by ``deal``) of ``deals``."""
    return rows[_blocks(rows, deals)]


def redone(book, key, deals: pd.DataFrame, compute):
    """``compute(deals, rows)`` (per deal, in Deals order: a Series or an array), of every deal and
    its :func:`history` rows; or, after an edit of some deals (:func:`deals_changed`), the value
    ``key`` had before with theirs computed again (``key``: a ``rowwise`` entry)."""
    rows = history(book)
    changed = deals_changed(book, key)
    if changed is None:
        return compute(deals, rows)
    value = book.derived_before(key)[0].copy()
    mine = deals.index.intersection(pd.Index(sorted(changed), dtype="int64"))
    if len(mine):
        values = np.asarray(compute(deals.loc[mine], of_deals(rows, mine)))
        if isinstance(value, pd.Series):
            value.loc[mine] = values
        else:
            value[deals.index.get_indexer(mine)] = values
    return value


def stage_entered(book) -> pd.Series:
    """The day each deal entered its current stage (by deal row id, in Deals order): its
    latest stage-entry history row for that stage, else its ``created`` date. Cached per revision."""
    def compute(deals: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
        entries = rows[rows["entry"]]
        current = deals["stage"].reindex(entries["deal"]).to_numpy(dtype="float64", na_value=np.nan)
        latest = entries[entries["stage"].to_numpy() == current].groupby("deal")["entered"].max()
        return latest.reindex(deals.index).fillna(deals["created"]).astype("datetime64[ns]")
    return book.cached("stage_entered", lambda: redone(book, "stage_entered", book["Deals"], compute),
                       depends={"Deals": ("stage", "created")}, rowwise=True)


def won_stage_days(book) -> pd.DataFrame:
    """Per stage (row id): ``days``, the total days won deals spent in it, and ``deals``, how
    many won deals that total is over. Cached per revision."""
    def build() -> pd.DataFrame:
        per_deal = _won_stints(book)
        by_stage = per_deal.groupby(level="stage").agg(["sum", "size"])
        return pd.DataFrame({"days": by_stage["sum"].astype("int64"), "deals": by_stage["size"].astype("int64")},
                            index=by_stage.index.rename("stage"))
    return book.cached("won_stage_days", build, depends={"Deals": ("stage", "closed")})


def _won_stints(book) -> pd.Series:
    """Per (stage, deal) of the won deals: the days the deal spent in the stage."""
    def compute(deals: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
        stages = book["Stages"]
        won = deals.index[_of_kind(deals["stage"], stages, "won")]
        entries = rows[rows["entry"] & rows["deal"].isin(won)].reset_index(drop=True)
        following = entries.groupby("deal")["entered"].shift(-1)
        last_open = following.isna() & _of_kind(entries["stage"], stages, "open")
        closed = deals["closed"].reindex(entries["deal"]).to_numpy(dtype="datetime64[ns]")
        left = following.to_numpy(dtype="datetime64[ns]")
        left = np.where(last_open.to_numpy(dtype=bool), closed, left)
        ended = ~np.isnat(left)
        stints = pd.DataFrame({"deal": entries["deal"][ended], "stage": entries["stage"][ended],
                               "days": (left[ended] - entries["entered"].to_numpy()[ended]) // np.timedelta64(1, "D")})
        return stints.groupby(["stage", "deal"])["days"].sum().clip(lower=0)

    def build() -> pd.Series:
        deals, rows = book["Deals"], history(book)
        changed = deals_changed(book, "won_stints")
        if changed is None:
            return compute(deals, rows)
        old = book.derived_before("won_stints")[0]
        mine = deals.index.intersection(pd.Index(sorted(changed), dtype="int64"))
        kept = old[~old.index.get_level_values("deal").isin(list(changed))]
        return pd.concat([kept, compute(deals.loc[mine], of_deals(rows, mine))])  # summed by stage: any order
    return book.cached("won_stints", build, depends={"Deals": ("stage", "closed")}, rowwise=True)


def slip_counts(book) -> pd.Series:
    """How many times each deal's expected close was moved later (by deal row id, in Deals
    order), from its history rows and its current expected close. Cached per revision."""
    def compute(deals: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
        sequence = pd.concat([
            pd.DataFrame({"deal": rows["deal"], "expected_close": rows["expected_close"]}),
            pd.DataFrame({"deal": deals.index.to_numpy(dtype="int64"),
                          "expected_close": deals["expected_close"].to_numpy(dtype="datetime64[ns]")}),
        ], ignore_index=True)
        # stable sort by deal keeps each deal's rows in history order, its current value last
        sequence = sequence.dropna(subset=["expected_close"]).sort_values("deal", kind="stable")
        later = sequence["expected_close"] > sequence.groupby("deal")["expected_close"].shift()
        return later.groupby(sequence["deal"]).sum().reindex(deals.index, fill_value=0).astype("int64")
    return book.cached("slip_counts", lambda: redone(book, "slip_counts", book["Deals"], compute),
                       depends={"Deals": ("expected_close",)}, rowwise=True)


def _of_kind(stage: pd.Series, stages: pd.DataFrame, kind: str) -> np.ndarray:
    """Which of ``stage`` (stage row ids) are stages of ``kind``: the few stages judged, not
    each deal's kind compared as text."""
    chosen = stages.index[(stages["kind"] == kind).to_numpy(dtype=bool, na_value=False)]
    return stage.isin(chosen).to_numpy(dtype=bool, na_value=False)


def as_day(as_of) -> date:
    """``as_of`` (a date, datetime, Timestamp or ISO text) as a day."""
    from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
    from planner.core.dates import parse_date

    try:
        return parse_date(as_of).date()
    except (ValueError, OverflowError, TypeError):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "as_of {text!r} is not a date (expected 2026-06-30)"),
                           text=str(as_of)) from None


def deal_health(book, as_of) -> pd.DataFrame:
    """The open deals at ``as_of`` (indexed by row id, in Deals order): ``id``, ``stage`` (the
    user's stage id), ``entered_stage``, ``days_in_stage``, ``won_avg_days`` (the average days
    won deals spent in that stage; missing when none did), ``stalled``, ``slips``, ``overdue``
    (expected close before ``as_of``) and ``slipped``.

    Cached under ``("deal_health", as_of)``: never reused for another day.
    """
    day = as_day(as_of)
    return book.cached(("deal_health", day), lambda: _deal_health(book, day),
                       depends={"Deals": ("stage", "expected_close", "id")})


def _deal_health(book, day: date) -> pd.DataFrame:
    deals, stages = book["Deals"], book["Stages"]
    is_open = _of_kind(deals["stage"], stages, "open")
    today = np.datetime64(day, "ns")
    entered = stage_entered(book)[is_open]
    delta = today - entered.to_numpy(dtype="datetime64[ns]")
    dated = ~np.isnat(delta)  # an open deal without a created date has no time in stage
    days = np.where(dated, delta, np.timedelta64(0, "ns")) // np.timedelta64(1, "D")
    days = days.astype("int64").clip(min=0)
    stage = deals["stage"][is_open]
    baseline = won_stage_days(book).reindex(stage.to_numpy())
    total = baseline["days"].to_numpy(dtype="float64", na_value=np.nan)
    count = baseline["deals"].to_numpy(dtype="float64", na_value=np.nan)
    known = ~np.isnan(count) & (count > 0)
    judged = known & dated
    numerator, denominator = STALL_FACTOR
    # days > 1.5 × total / count, on integers: days × count × 2 > 3 × total
    stalled = np.zeros(len(days), dtype=bool)
    stalled[judged] = (days[judged].astype(object) * count[judged].astype("int64").astype(object) * denominator
                       > numerator * total[judged].astype("int64").astype(object)).astype(bool)
    expected = deals["expected_close"][is_open].to_numpy(dtype="datetime64[ns]")
    overdue = ~np.isnat(expected) & (expected < today)
    slips = slip_counts(book)[is_open].to_numpy()
    frame = pd.DataFrame({
        "id": deals["id"][is_open].astype("string"),  # the user's keys, for the views and lists that name them
        "stage": stage.map(stages["stage"]).astype("string"),
        "entered_stage": entered,
        "days_in_stage": pd.array(np.where(dated, days, 0), dtype="Int64"),
        "won_avg_days": pd.array(np.where(known, total / np.where(known, count, 1), np.nan), dtype="Float64"),
        "stalled": stalled,
        "slips": slips.astype("int64"),
        "overdue": overdue,
        "slipped": (slips >= SLIPS) | overdue,
    }, index=deals.index[is_open])
    frame.loc[~known, "won_avg_days"] = pd.NA
    frame.loc[~dated, "days_in_stage"] = pd.NA
    return frame


def health_lists(book, as_of) -> dict[str, dict[str, list]]:
    """``{"stalled": {"rows": [row ids], "ids": [deal ids]}, "slipped": {...}}`` in Deals order."""
    frame = deal_health(book, as_of)
    return {flag: {"rows": frame.index[frame[flag]].tolist(), "ids": frame["id"][frame[flag]].tolist()}
            for flag in ("stalled", "slipped")}
