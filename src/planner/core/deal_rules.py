"""The rules a deal keeps (decisions.md, "Importing what real exports hold"), one home for the
book's checks, an import and a merge (no Qt).

By its stage's kind: an open deal may lack an amount or a created date (it counts as 0 and
stays out of cohort and cycle figures); a won or lost deal needs its amount, created date and
closed date, though one without a created date stays in every figure but cycle and cohort ones.
By its dates: closed after created, cancelled only when won and after it was closed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.resolve import row_positions

# Columns an open deal may leave empty (CRM exports: no amount or created date yet).
OPEN_MAY_LACK = ("amount", "created")
# Columns a won or lost deal needs beyond the always required ones.
CLOSED_NEEDS = ("closed",)
# Columns a won or lost deal may lack and still count in every figure but cycle and cohort ones.
KEPT_WITHOUT = ("created",)

NEEDS_CLOSED = QT_TRANSLATE_NOOP("errors", "a won or lost deal needs its closed date")
CLOSED_BEFORE_CREATED = QT_TRANSLATE_NOOP("errors", "closed before it was created")
ONLY_WON_CANCELLED = QT_TRANSLATE_NOOP("errors", "only a won deal can be cancelled")
CANCELLED_BEFORE_CLOSED = QT_TRANSLATE_NOOP("errors", "cancelled before it was closed")
# The rules of a deal's dates, in the order their problems are listed (each deal's in Deals order).
DATE_RULES = (NEEDS_CLOSED, CLOSED_BEFORE_CREATED, ONLY_WON_CANCELLED, CANCELLED_BEFORE_CLOSED)


def stage_kinds(deals: pd.DataFrame, stages: pd.DataFrame) -> pd.Series:
    """Each deal's stage kind (``open``, ``won``, ``lost``; missing when its stage is), as a
    categorical: the few stages' kinds looked up by each deal's stage id, compared as codes after."""
    kinds = pd.Categorical(stages["kind"].to_numpy(dtype=object, na_value=None))
    at = row_positions(deals["stage"], stages.index)
    codes = np.append(kinds.codes, -1)[at]  # no such stage (-1): no kind
    return pd.Series(pd.Categorical.from_codes(codes, dtype=kinds.dtype), index=deals.index)


def deal_kinds(book) -> pd.Series:
    """:func:`stage_kinds` of the book's whole Deals sheet, once per state of the book (its
    checks, its deal facts and credit lines compare them)."""
    return book.cached("deal kinds", lambda: stage_kinds(book._frames["Deals"], book._frames["Stages"]),
                       depends={"Deals": ("stage",), "Stages": ("kind",)})


def of_kind(kinds: pd.Series, *wanted: str) -> np.ndarray:
    """Which deals' kinds (:func:`stage_kinds`, or the kinds as text) are one of ``wanted``: of
    the categorical, its few codes compared, no text per deal."""
    if isinstance(kinds.dtype, pd.CategoricalDtype):
        codes, found = kinds.array.codes, np.zeros(len(kinds), dtype=bool)
        for code, kind in enumerate(kinds.array.categories):
            if kind in wanted:  # a missing kind's code (-1) is never one of them
                found |= codes == code
        return found
    return kinds.isin(list(wanted)).to_numpy(dtype=bool, na_value=False)


def may_lack(kinds: pd.Series, column: str) -> np.ndarray:
    """Which deals (by their stage kinds) may leave ``column`` empty though it is required."""
    if column not in OPEN_MAY_LACK:
        return np.zeros(len(kinds), dtype=bool)
    return of_kind(kinds, "open")


def closed_kind(kinds: pd.Series) -> np.ndarray:
    """Which deals are won or lost: they need their amount, created and closed dates."""
    return of_kind(kinds, "won", "lost")


def needs(kinds: pd.Series, column: str) -> np.ndarray:
    """Which deals need a value in ``column`` by their stage kind (a won or lost deal its
    amount, created and closed dates); a column no kind asks for: none."""
    if column in OPEN_MAY_LACK or column in CLOSED_NEEDS:
        return closed_kind(kinds)
    return np.zeros(len(kinds), dtype=bool)


def date_problems(deals: pd.DataFrame, kinds: pd.Series) -> list[tuple[int, str, str]]:
    """Every deal breaking a rule of its dates, as ``(row id, column, template)``: a won or lost
    deal without its closed date, one closed before it was created, a cancelled deal that is not
    won (of a known kind) or was cancelled before it closed."""
    created, closed, cancelled = (deals[name].to_numpy(dtype="datetime64[ns]")
                                  for name in ("created", "closed", "cancelled"))
    won = of_kind(kinds, "won")
    checks = [
        (closed_kind(kinds) & np.isnat(closed), "closed"),
        (closed < created, "closed"),  # a missing day is never before another
        (~np.isnat(cancelled) & kinds.notna().to_numpy() & ~won, "cancelled"),
        (cancelled < closed, "cancelled"),
    ]
    rows = deals.index.to_numpy()
    return [(int(row), column, template) for (mask, column), template in zip(checks, DATE_RULES)
            for row in rows[mask]]
