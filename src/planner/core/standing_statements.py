"""Which statements an edit of some deals' values leaves standing (issue 18): the statements of
a period are computed again after an edit only when the edited deals can change them.

The statements read a deal through its credit lines alone (its multiplier and SPIFFs are
looked up for credited deals only), and a period's statements read only the credit dated in
its plan periods, besides the cancellations there, which take back what their won lines were
paid. A draw's balance runs on from period to period, so a book with draws has none kept.
"""

from __future__ import annotations

import pandas as pd

from planner.core.attainment import credit_lines
from planner.core.derived import reads_as, rows_edited
from planner.core.draws import has_draws
from planner.core.periods import MONTHS_IN, Period


def standing_or(book, key, compute, period: Period | None = None):
    """``compute()``; or the value ``key`` had before the edit that made this state, when that edit
    changed only the values of some deals and this value cannot tell. The statements read a deal
    through its credit lines alone (its multiplier and SPIFFs are looked up for credited deals
    only): they stand when none of those deals is credited, before or after the edit. Those of
    ``period`` stand too when those deals' lines, before and after, are dated outside its plan
    periods and their reps have no cancellation inside them (a clawback takes back what the won
    line was paid, reading its period's running credit), in a book without draws (a draw's
    balance runs on from period to period)."""
    before = book.derived_before(key)
    edited, old = rows_edited(before, "Deals"), book.derived_before("credit_lines")
    if edited is None or old is None:
        return compute()
    lines, ids = credit_lines(book), list(edited)
    mine = pd.concat([frame[frame["deal_id"].isin(ids).to_numpy(dtype=bool, na_value=False)] for frame in (old[0], lines)])
    if len(mine) and (period is None or has_draws(book) or not _outside(book, period, mine, lines)):
        return compute()
    reads_as(before)
    return before[0]


def _outside(book, period: Period, mine: pd.DataFrame, lines: pd.DataFrame) -> bool:
    """Are the credit lines ``mine`` dated outside every plan period overlapping ``period`` (of
    any plan's length), and so are the cancellations of their reps among ``lines``?"""
    kinds = set(book["Plans"]["period"].dropna())
    if not kinds <= set(MONTHS_IN):
        return False
    cancelled = lines[(lines["reason"] == "cancelled").to_numpy(dtype=bool)
                      & lines["rep"].isin(mine["rep"].dropna()).to_numpy(dtype=bool, na_value=False)]
    dates = pd.concat([mine["date"], cancelled["date"]])
    for kind in kinds:
        parts = period.split(kind)
        start, end = pd.Timestamp(min(p.start for p in parts)), pd.Timestamp(max(p.end for p in parts))
        if ((dates >= start) & (dates < end)).any():
            return False
    return True
