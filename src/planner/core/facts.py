"""What the engine derives from a book once per revision: deals joined with their stage's kind
and probability and their owner's row id, each deal's weighted amount, credit lines and quotas.

Every figure of a report is computed from these; they are cached on the book (or snapshot)
for its revision, so switching the report's period recomputes only what depends on it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.deal_rules import deal_kinds, of_kind
from planner.core.derived import rows_edited
from planner.core.money import times_ratio
from planner.core.resolve import row_positions


# the columns of Deals the facts are made of
_FACT_COLUMNS = ("owner", "stage", "amount", "created", "expected_close", "closed", "cancelled", "forecast_category")


def deal_facts(book) -> pd.DataFrame:
    """One row per deal (indexed by its row id): rep (the owner's row id), stage (the stage's
    row id), kind, probability (millionths), amount (minor units), dates and categories. Row
    ids all the way: the user's keys (``S02``, ``D-00005``) are joined where figures are shown.
    Assumes the book has no problems."""
    def build() -> pd.DataFrame:
        deals, stages = book["Deals"], book["Stages"]
        at = row_positions(deals["stage"], stages.index)  # -1: no stage
        return pd.DataFrame({
            "rep": deals["owner"],
            "stage": deals["stage"],
            "kind": deal_kinds(book).astype("string"),  # the kinds the checks compared, as text
            "probability": pd.Series(stages["probability"].astype("Int64").array.take(at, allow_fill=True),
                                     index=deals.index),
            "amount": deals["amount"],
            "created": deals["created"],
            "expected_close": deals["expected_close"],
            "closed": deals["closed"],
            "cancelled": deals["cancelled"],
            "forecast_category": deals["forecast_category"].fillna("pipeline"),
        }, copy=False)
    return book.cached("deal_facts", build, depends={"Deals": _FACT_COLUMNS, "Stages": ("kind", "probability")})


def weighted_amounts(book) -> np.ndarray:
    """Each deal's amount × its stage probability, rounded once per deal (object ints)."""
    def build() -> np.ndarray:
        facts = deal_facts(book)
        before = book.derived_before("weighted_amounts")
        edited = rows_edited(before, "Deals")
        if edited is None:
            return _weighed(facts, book.rounding)
        weights = before[0].copy()  # only some deals' values changed: only theirs weighed again
        at = facts.index.get_indexer(sorted(edited))
        at = at[at >= 0]  # a view of the book may leave some of them out
        weights[at] = _weighed(facts.iloc[at], book.rounding)
        return weights
    return book.cached("weighted_amounts", build, depends=(), rowwise=True)  # the facts, the rounding


def _weighed(facts: pd.DataFrame, rounding: str) -> np.ndarray:
    """Each deal's weighted amount, as Python ints (sums of them never overflow)."""
    return times_ratio(facts["amount"].to_numpy(dtype="int64", na_value=0),
                       facts["probability"].fillna(0).to_numpy(dtype="int64"), rounding).astype(object)


def carry_weights(view, book, keep: np.ndarray, changed: np.ndarray) -> None:
    """Give ``view`` (``book`` with only the deals ``keep``, their stage changed where ``changed``,
    over the kept deals: a point-in-time view) its weighted amounts from ``book``'s, computing
    only the changed deals again: a backtest makes a view a day."""
    def build() -> np.ndarray:
        weights = weighted_amounts(book)[keep].copy()
        if changed.any():
            weights[changed] = _weighed(deal_facts(view)[changed], view.rounding)
        return weights
    view.cached("weighted_amounts", build)


def deal_arrays(book) -> dict[str, np.ndarray]:
    """The deal facts as plain numpy arrays for the per-period figures: exact amounts
    (Python ints; ``amount64`` as int64), kind masks and days, built once per revision."""
    def build() -> dict[str, np.ndarray]:
        facts = deal_facts(book)
        before = book.derived_before("deal_arrays")
        edited = rows_edited(before, "Deals")
        if edited is None:
            return _arrays(facts, deal_kinds(book))
        at = facts.index.get_indexer(sorted(edited))
        at = at[at >= 0]  # a view of the book may leave some of them out
        arrays = {name: values.copy() for name, values in before[0].items()}  # the state before keeps its own
        for name, values in _arrays(facts.iloc[at]).items():
            arrays[name][at] = values
        return arrays
    return book.cached("deal_arrays", build, depends=(), rowwise=True)  # the facts


def _arrays(facts: pd.DataFrame, kinds: pd.Series | None = None) -> dict[str, np.ndarray]:
    """``kinds``: the deals' stage kinds as codes (deal_rules.deal_kinds), when ``facts`` are every
    deal's; else their ``kind`` texts are compared."""
    kind = facts["kind"] if kinds is None else kinds
    return {
        "amount": facts["amount"].to_numpy(dtype=object, na_value=0),
        "amount64": facts["amount"].to_numpy(dtype="int64", na_value=0),  # for sums within a rep's book
        "open": of_kind(kind, "open"),
        "won": of_kind(kind, "won"),
        "lost": of_kind(kind, "lost"),
        "created": facts["created"].to_numpy(dtype="datetime64[ns]"),
        "closed": facts["closed"].to_numpy(dtype="datetime64[ns]"),
        "expected_close": facts["expected_close"].to_numpy(dtype="datetime64[ns]"),
        "category": facts["forecast_category"].to_numpy(dtype=object),
    }


def within(days: np.ndarray, period) -> np.ndarray:
    """Which ``days`` fall in ``period`` (missing days do not)."""
    return (days >= np.datetime64(period.start, "ns")) & (days < np.datetime64(period.end, "ns"))


def cycle_days(deals: dict[str, np.ndarray], won: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Days from created to closed of each ``won`` deal that has both dates (0 elsewhere), and
    which deals those are: a won deal without a created date is left out of cycle figures."""
    dated = won & ~np.isnat(deals["created"]) & ~np.isnat(deals["closed"])
    days = np.zeros(len(won), dtype="int64")
    days[dated] = (deals["closed"][dated] - deals["created"][dated]) // np.timedelta64(1, "D")
    return days, dated
