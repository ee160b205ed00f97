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

from planner.core.deal_rules import deal_kinds, of_kind
from planner.core.derived import touched_only
from planner.core.resolve import known_ids

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
    whole = at is None
    part, at = (rows, np.arange(len(rows))) if whole else (rows.iloc[at], at)
    deal = part["deal_id"].to_numpy(dtype="int64", na_value=-1)
    entered = part["entered"].to_numpy(dtype="datetime64[ns]")
    # (a missing deal is no number: a what-if's new deals have ids below 0, -1 among them)
    usable = part["deal_id"].notna().to_numpy() & part["stage"].notna().to_numpy() & ~np.isnat(entered) \
        & known_ids(deal, book["Deals"].index)
    every = bool(usable.all())  # as a book's history is: no copies of the columns to select them
    kept = None if every else np.flatnonzero(usable)
    # by deal, then entered, then sheet order
    order, deal, entered = _order(*((deal, entered.view("int64"), at) if every
                                    else (deal[kept], entered[kept].view("int64"), at[kept])))
    kept = order if every else kept[order]
    stage = part["stage"].to_numpy(dtype="int64", na_value=-1)[kept]
    frame = pd.DataFrame({
        "deal": deal, "stage": stage, "entered": entered.view("datetime64[ns]"),
        "expected_close": part["expected_close"].to_numpy(dtype="datetime64[ns]")[kept],
        "order": kept if whole else at[kept],
    }, copy=False)  # columns of their own: stacking 400,000 rows into one block costs more than the rest
    entry = np.ones(len(kept), dtype=bool)
    entry[1:] = (deal[1:] != deal[:-1]) | (stage[1:] != stage[:-1])
    frame["entry"] = entry
    return frame


_DAY = 86_400 * 10**9  # nanoseconds


def _order(deal: np.ndarray, entered: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The positions that sort rows by ``deal``, then ``entered`` (int64 nanoseconds), then ``at``
    (sheet order), with ``deal`` and ``entered`` sorted. When ``at`` rises (a whole table), the
    days are whole and the deal, the day and the position fit one int64 side by side (a book's
    always do), the packed numbers are sorted as plain values and unpacked: several times faster
    than ``np.lexsort``, kept for anything else."""
    n = len(deal)
    if n >= 2 and (at[1:] > at[:-1]).all() and int(deal.min()) >= 0:
        first, last = int(entered.min()), int(entered.max())
        offset = entered - first if last - first < 2**62 else None
        bits = (int(deal.max()).bit_length(), ((last - first) // _DAY).bit_length(), (n - 1).bit_length())
        days = None if offset is None else offset // _DAY
        if days is not None and sum(bits) <= 63 and (days * _DAY == offset).all():  # (quicker than %)
            packed = (deal << (bits[1] + bits[2])) | (days << bits[2]) | np.arange(n)
            packed.sort()
            days = (packed >> bits[2]) & ((1 << bits[1]) - 1)
            return packed & ((1 << bits[2]) - 1), packed >> (bits[1] + bits[2]), days * _DAY + first
    order = np.lexsort((at, entered, deal))
    return order, deal[order], entered[order]


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


def groups(deal: np.ndarray, deals: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Of history rows' ``deal`` (row ids, sorted: :func:`history`, or some of its rows): where
    each deal's rows start (and, last, where they end), and each such deal's position in
    ``deals`` (-1: not there)."""
    starts = np.flatnonzero(np.r_[True, deal[1:] != deal[:-1]]) if len(deal) else np.zeros(0, dtype="int64")
    return np.r_[starts, len(deal)], deals.index.get_indexer(deal[starts])


def _grouped(book, deals: pd.DataFrame, rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`groups` of ``rows`` (:func:`history`, or some deals' rows of it) and ``deals``, with
    each row's group number; of the whole history and Deals sheet once per revision (the time
    in stage and the won deals' stints both read them)."""
    def build(deals: pd.DataFrame, rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        bounds, position = groups(rows["deal"].to_numpy(), deals)
        return bounds, position, np.repeat(np.arange(len(position)), np.diff(bounds))
    if rows is not history(book):
        return build(deals, rows)
    def whole() -> tuple:  # (the history taken within: the entry depends on what it depends on)
        return book["Deals"].index, *build(book["Deals"], history(book))
    index, *found = book.cached("history_groups", whole, depends={"Deals": ()})  # which deals, in which order
    return tuple(found) if index.equals(deals.index) else build(deals, rows)


def _last_of_each(group: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """The positions of the last ``chosen`` row of each group (``group``: each row's group
    number, rising), one per group that has one."""
    at = np.flatnonzero(chosen)
    mine = group[at]
    return at[np.r_[mine[1:] != mine[:-1], True]] if len(at) else at


def stage_entered(book) -> pd.Series:
    """The day each deal entered its current stage (by deal row id, in Deals order): its
    latest stage-entry history row for that stage, else its ``created`` date. Cached per revision."""
    def compute(deals: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
        bounds, position, group = _grouped(book, deals, rows)
        stage = deals["stage"]
        current = stage.to_numpy(dtype="int64", na_value=0)[position][group]
        entered_current = rows["entry"].to_numpy() & (rows["stage"].to_numpy() == current)
        if stage.hasnans:  # a deal without a stage entered none (-1 would be a what-if's new stage)
            entered_current &= stage.notna().to_numpy()[position][group]
        if not (position >= 0).all():  # (the history holds only the book's deals: each is there)
            entered_current &= position[group] >= 0
        latest = _last_of_each(group, entered_current)  # sorted by entered within a deal: the latest
        entered = deals["created"].to_numpy(dtype="datetime64[ns]").copy()
        entered[position[group[latest]]] = rows["entered"].to_numpy()[latest]
        return pd.Series(entered, index=deals.index, name="entered")
    return book.cached("stage_entered", lambda: redone(book, "stage_entered", book["Deals"], compute),
                       depends={"Deals": ("stage", "created")}, rowwise=True)


def won_stage_days(book) -> pd.DataFrame:
    """Per stage (row id): ``days``, the total days won deals spent in it, and ``deals``, how
    many won deals that total is over. Cached per revision."""
    def build() -> pd.DataFrame:
        # summed on the stage level's codes: a pandas groupby of the (stage, deal) index costs
        # several times more for a book's few stages
        per_deal = _won_stints(book)
        codes, stages = per_deal.index.codes[0], per_deal.index.levels[0]
        days = np.zeros(len(stages), dtype="int64")
        np.add.at(days, codes, per_deal.to_numpy(dtype="int64"))
        deals = np.bincount(codes, minlength=len(stages))
        shown = np.argsort(stages.to_numpy(), kind="stable")
        shown = shown[deals[shown] > 0]  # levels no row uses (after an edit) are no stage's
        return pd.DataFrame({"days": days[shown], "deals": deals[shown].astype("int64")},
                            index=stages[shown].rename("stage"))
    return book.cached("won_stage_days", build, depends={"Deals": ("stage", "closed")})


def _won_stints(book) -> pd.Series:
    """Per (stage, deal) of the won deals, sorted so: the days the deal spent in the stage, from
    entering it to entering the next stage (to its closed day after its last stage when that is
    an open one), summed over its visits and not below 0."""
    def compute(deals: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
        stages = book["Stages"]
        bounds, position, group = _grouped(book, deals, rows)
        here = position >= 0
        won = np.zeros(len(position), dtype=bool)  # per deal of ``rows``
        won[here] = _of_kind(deals["stage"], stages, "won")[position[here]]
        entries = np.flatnonzero(rows["entry"].to_numpy() & won[group])
        mine, stage = group[entries], rows["stage"].to_numpy()[entries]
        entered = rows["entered"].to_numpy()[entries]
        last = np.r_[mine[1:] != mine[:-1], len(mine) > 0][:len(mine)]  # each deal's last entry
        left = np.empty(len(entries), dtype="datetime64[ns]")
        left[:-1] = entered[1:]
        closed = deals["closed"].to_numpy(dtype="datetime64[ns]")[position[mine[last]]]
        left[last] = np.where(_of_kind(stage[last], stages, "open"), closed, np.datetime64("NaT"))
        ended = ~np.isnat(left)
        days = (left[ended] - entered[ended]) // np.timedelta64(1, "D")
        return _summed(stage[ended], mine[ended], rows["deal"].to_numpy()[bounds[:-1]], days)

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


def _summed(stage: np.ndarray, group: np.ndarray, deal: np.ndarray, days: np.ndarray) -> pd.Series:
    """``days`` summed per (stage, deal), sorted by stage then deal, clipped at 0; ``group``: each
    value's deal as a position in ``deal`` (the deals' row ids, rising), rising itself."""
    stages = np.sort(pd.unique(stage))
    if len(stages) <= 64:  # a book's few stages: each one's values in place, their deals still rising
        at = [np.flatnonzero(stage == one) for one in stages]
        order = np.concatenate(at) if at else np.zeros(0, dtype="int64")
        code = np.repeat(np.arange(len(stages)), [len(part) for part in at])
    else:
        order = np.lexsort((group, stage))
        code = np.searchsorted(stages, stage[order])
    group, days = group[order], days[order].astype("int64")
    starts = np.flatnonzero(np.r_[True, (code[1:] != code[:-1]) | (group[1:] != group[:-1])]) \
        if len(order) else np.zeros(0, dtype="int64")
    totals = np.add.reduceat(days, starts) if len(starts) else np.zeros(0, dtype="int64")
    index = pd.MultiIndex(levels=[stages, deal], codes=[code[starts], group[starts]], names=["stage", "deal"],
                          verify_integrity=False)
    return pd.Series(totals.clip(min=0), index=index, name="days")


def slip_counts(book) -> pd.Series:
    """How many times each deal's expected close was moved later (by deal row id, in Deals
    order), from its history rows and its current expected close. Cached per revision."""
    def compute(deals: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
        expected = rows["expected_close"].to_numpy()
        dated = ~np.isnat(expected)  # rows without one are skipped
        if dated.all():  # as the app records them: the rows' groups as the other facts use them
            bounds, position, group = _grouped(book, deals, rows)
        else:
            expected = expected[dated]
            bounds, position = groups(rows["deal"].to_numpy()[dated], deals)
            group = np.repeat(np.arange(len(position)), np.diff(bounds))
        later = np.zeros(len(group), dtype="int64")  # moved later since the deal's row before
        later[1:] = (group[1:] == group[:-1]) & (expected[1:] > expected[:-1])
        counts = np.zeros(len(deals), dtype="int64")
        here = position >= 0
        counts[position[here]] = np.add.reduceat(later, bounds[:-1])[here] if len(group) else 0
        # and from the last history row to the current expected close (later than none: no move)
        now = deals["expected_close"].to_numpy(dtype="datetime64[ns]")
        last = expected[bounds[1:][here] - 1]
        counts[position[here]] += now[position[here]] > last
        return pd.Series(counts, index=deals.index, name="expected_close")
    return book.cached("slip_counts", lambda: redone(book, "slip_counts", book["Deals"], compute),
                       depends={"Deals": ("expected_close",)}, rowwise=True)


def _of_kind(stage: pd.Series | np.ndarray, stages: pd.DataFrame, kind: str) -> np.ndarray:
    """Which of ``stage`` (stage row ids: a reference column, missing where none, or the
    history's, never missing) are stages of ``kind``: the few stages judged, then looked up by
    id (resolve.known_ids), not each deal's kind compared as text."""
    chosen = stages.index[(stages["kind"] == kind).to_numpy(dtype=bool, na_value=False)]
    if isinstance(stage, pd.Series):  # missing is no number: a what-if's new stages have ids below 0
        return known_ids(stage.to_numpy(dtype="int64", na_value=0), chosen) & stage.notna().to_numpy()
    return known_ids(stage, chosen)


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
    is_open = of_kind(deal_kinds(book), "open")
    today = np.datetime64(day, "ns")
    entered = stage_entered(book).to_numpy(dtype="datetime64[ns]")[is_open]
    delta = today - entered
    dated = ~np.isnat(delta)  # an open deal without a created date has no time in stage
    days = np.where(dated, delta, np.timedelta64(0, "ns")) // np.timedelta64(1, "D")
    days = days.astype("int64").clip(min=0)
    stage = deals["stage"].to_numpy(dtype="float64", na_value=np.nan)[is_open]
    # the won deals' days in each open deal's stage: the few stages looked up (no reindex)
    baseline = won_stage_days(book)
    at = baseline.index.get_indexer(stage)  # -1 (no won deal's days): the NaN put last
    total, count = (np.append(baseline[name].to_numpy(dtype="float64"), np.nan)[at] for name in ("days", "deals"))
    known = ~np.isnan(count) & (count > 0)
    judged = known & dated
    numerator, denominator = STALL_FACTOR
    # days > 1.5 × total / count, on integers: days × count × 2 > 3 × total
    stalled = np.zeros(len(days), dtype=bool)
    left, right = days[judged], count[judged].astype("int64")
    totals = total[judged].astype("int64")
    if len(left) and (int(left.max()) * max(int(right.max()), 1) * denominator >= 2**62
                      or numerator * int(totals.max()) >= 2**62):
        left, right, totals = left.astype(object), right.astype(object), totals.astype(object)
    stalled[judged] = (left * right * denominator > numerator * totals).astype(bool)  # on int64 where exact
    expected = deals["expected_close"].to_numpy(dtype="datetime64[ns]")[is_open]
    overdue = ~np.isnat(expected) & (expected < today)
    slips = slip_counts(book).to_numpy()[is_open]
    names = stages.index.get_indexer(stage)
    return pd.DataFrame({  # arrays in place (missing under their masks): no alignment, no setting after
        "id": deals["id"].array[is_open].astype("string"),  # the user's keys, for the views and lists that name them
        "stage": stages["stage"].array.astype("string").take(names, allow_fill=True),
        "entered_stage": entered,
        "days_in_stage": pd.arrays.IntegerArray(np.where(dated, days, 0), ~dated),
        "won_avg_days": pd.arrays.FloatingArray(np.where(known, total / np.where(known, count, 1), 0.0), ~known),
        "stalled": stalled,
        "slips": slips.astype("int64"),
        "overdue": overdue,
        "slipped": (slips >= SLIPS) | overdue,
    }, index=deals.index[is_open])


def health_lists(book, as_of) -> dict[str, dict[str, list]]:
    """``{"stalled": {"rows": [row ids], "ids": [deal ids]}, "slipped": {...}}`` in Deals order."""
    frame = deal_health(book, as_of)
    return {flag: {"rows": frame.index[frame[flag]].tolist(), "ids": frame["id"][frame[flag]].tolist()}
            for flag in ("stalled", "slipped")}
