"""The category forecast per rep, and a manager's overrides kept beside the computed numbers.

product.md (seed 001): commit = won + commit deals; best case = commit + best_case deals; a
manager may override a rep's number. An override never replaces the computed number: both are
shown side by side, and only the team's total *with overrides* takes a rep's override where
there is one. Overrides are rows of the ForecastOverrides table (period, rep, category, amount),
changed through the book's edit API like any other row.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.changes import Change, DeleteRows, SetValues
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.facts import deal_arrays
from planner.core.money import money_label
from planner.core.periods import Period
from planner.core.problems import Refused
from planner.core.schema import ROW_ID, Kind

_C = schema.Column
FORECAST_BY_REP = schema.Table("ForecastByRep", QT_TRANSLATE_NOOP("schema", "Category forecast by rep"), (
    _C("rep", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Rep ID")),
    _C("name", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Name")),
    _C("team", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Team")),
    _C("won", Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Won")),
    _C("commit", Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Commit")),
    _C("commit_override", Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Commit override")),
    _C("best_case", Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Best case")),
    _C("best_case_override", Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Best case override")),
    _C("note", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Note")),
), key=("rep",))

BELOW_WON = QT_TRANSLATE_NOOP("errors", "Not changed: {rep} has already won {won} in {period}; an override of "
                                       "{amount} would forecast less than what is already won")


def overrides_of(book, period: Period) -> pd.DataFrame:
    """The overrides for ``period`` (rep row id, category, amount, note), the last row of a
    rep and category winning, indexed by row id."""
    def build() -> tuple[pd.DataFrame, np.ndarray]:
        frame = book["ForecastOverrides"].dropna(subset=["rep", "category", "amount"])
        return frame, frame["period"].to_numpy(dtype=object, na_value=None)
    frame, labels = book.cached("forecast_overrides", build, depends=("ForecastOverrides",))
    frame = frame[labels == period.label]
    return frame[~frame.duplicated(["rep", "category"], keep="last")] if len(frame) > 1 else frame


def category_by_rep(book, period: Period) -> pd.DataFrame:
    """One row per rep (indexed by the rep's row id, in Reps order; ``rep`` and ``team`` are
    row ids, core/shown.py names them): the rep's won amount in
    ``period`` and category forecast, computed as :func:`planner.core.forecast.forecast` does
    for the whole book, with the rep's overrides beside them. Reps shown are those employed in
    the period and any rep with a figure or an override in it. The deal's owner is its rep."""
    from planner.core.adjustments import no_text
    from planner.core.attainment import active_in
    from planner.core.forecast import categories
    from planner.core.metrics import owner_positions, period_deals

    deals, reps, of_period = deal_arrays(book), book["Reps"], period_deals(book, period)
    owner = owner_positions(book)  # positions in Reps; len(Reps): no rep
    expected = of_period["expected"]  # open deals expected to close in the period

    def per_rep(at: np.ndarray) -> np.ndarray:
        """The amounts of the deals at positions ``at`` summed per rep, exactly (int64 where no sum
        can overflow)."""
        amounts = deals["amount64"][at]
        sums = np.zeros(len(reps) + 1, dtype="int64")
        if not len(amounts) or int(np.abs(amounts).max()) * len(amounts) < 2**63:
            np.add.at(sums, owner[at], amounts)
            return sums[:-1].astype(object)
        exact = np.zeros(len(reps) + 1, dtype=object)  # beyond int64: on Python integers
        np.add.at(exact, owner[at], deals["amount"][at])
        return exact[:-1]

    category = categories(book)
    won = per_rep(of_period["won"])
    commit = won + per_rep(expected[category["commit"][expected]])
    best_case = commit + per_rep(expected[category["best_case"][expected]])
    overrides = overrides_of(book, period)

    def override(kind: str) -> pd.arrays.IntegerArray:
        if not len(overrides):  # (most periods: none, every rep's missing)
            return pd.arrays.IntegerArray(np.zeros(len(reps), dtype="int64"), np.ones(len(reps), dtype=bool))
        values = np.full(len(reps), None, dtype=object)
        chosen = overrides[(overrides["category"] == kind).to_numpy(dtype=bool, na_value=False)]
        at = reps.index.get_indexer(chosen["rep"].to_numpy(dtype="int64"))
        values[at[at >= 0]] = chosen["amount"].to_numpy(dtype=object)[at >= 0]
        return pd.array(values, dtype="Int64")

    notes = overrides.dropna(subset=["note"]) if len(overrides) else overrides
    note = notes.groupby("rep")["note"].agg(" · ".join).reindex(reps.index).astype("string").array if len(notes) \
        else no_text(len(reps))
    commit_override, best_case_override = override("commit"), override("best_case")
    shown = (active_in(book, period) | (best_case > 0).astype(bool) | ~commit_override.isna()
             | ~best_case_override.isna())
    frame = pd.DataFrame({
        "rep": pd.array(reps.index, dtype="Int64"), "team": reps["team"].array,
        "won": pd.array(won, dtype="Int64"), "commit": pd.array(commit, dtype="Int64"),
        "commit_override": commit_override,
        "best_case": pd.array(best_case, dtype="Int64"), "best_case_override": best_case_override,
        "note": note,
    }, index=reps.index)
    return frame[shown]


def with_overrides(by_rep: pd.DataFrame) -> dict[str, int]:
    """The team's commit and best case with each rep's override where there is one."""
    def total(kind: str) -> int:  # (on the arrays: a pandas fillna and sum cost more than the sum)
        override, forecast = by_rep[f"{kind}_override"].array, by_rep[kind].array
        return int(np.where(override.isna(), forecast.to_numpy(dtype="int64", na_value=0),
                            override.to_numpy(dtype="int64", na_value=0)).sum())
    return {kind: total(kind) for kind in schema.OVERRIDE_CATEGORIES}


def has_overrides(by_rep: pd.DataFrame) -> bool:
    return bool(by_rep[[f"{kind}_override" for kind in schema.OVERRIDE_CATEGORIES]].notna().any(axis=None))


def parse_amount(book, text) -> int | None:
    """A typed override (``12,500``, ``$12,500.00``) in minor units; ``None`` for blank text
    (no override). Raises :class:`Refused` for text that is not an amount."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    values, problems = book.parse_input("ForecastOverrides", pd.DataFrame(
        {"amount": [text]}, index=pd.Index([0], name=ROW_ID), dtype="object"))
    if problems:
        raise Refused(problems)
    return int(values["amount"].iloc[0])


def override_change(book, period: Period, rep: int, category: str, amount: int | None, on: date,
                    by: str | None = None) -> Change | None:
    """The change (not applied) that sets rep ``rep``'s (row id) ``category`` override for
    ``period`` to ``amount`` (minor units), recording the day ``on`` and who set it; ``None``
    clears it. ``None`` when there is nothing to change. An override below what the rep has
    already won in the period is refused (:class:`PlannerError`): both categories start from it."""
    if category not in schema.OVERRIDE_CATEGORIES:
        raise ValueError(category)
    if amount is not None:
        _check_not_below_won(book, period, rep, amount)
    frame = book["ForecastOverrides"]
    mine = frame[(frame["period"] == period.label).to_numpy(dtype=bool, na_value=False)
                 & (frame["rep"] == rep).to_numpy(dtype=bool, na_value=False)
                 & (frame["category"] == category).to_numpy(dtype=bool, na_value=False)]
    if amount is None:
        return DeleteRows("ForecastOverrides", mine.index.to_numpy()) if len(mine) else None
    day = pd.Timestamp(on)
    if len(mine):  # the last row is the one in force; earlier duplicates are the user's to tidy
        row = mine.index[-1:]
        current = mine["amount"].iloc[-1]
        if not pd.isna(current) and int(current) == amount:
            return None
        return SetValues("ForecastOverrides", pd.DataFrame({
            "amount": pd.array([amount], dtype="Int64"), "set_on": pd.Series([day], dtype="datetime64[ns]").to_numpy(),
            "by": pd.array([by], dtype="string")}, index=pd.Index(row, name=ROW_ID)))
    return book.insertion("ForecastOverrides", pd.DataFrame({
        "period": [period.label], "rep": pd.array([rep], dtype="Int64"), "category": [category],
        "amount": pd.array([amount], dtype="Int64"), "set_on": [day], "by": [by]}))


def _check_not_below_won(book, period: Period, rep: int, amount: int) -> None:
    by_rep = category_by_rep(book.snapshot(), period)
    if rep not in by_rep.index:
        return
    won = int(by_rep.at[rep, "won"])
    if amount < won:
        currency = book.currency
        raise PlannerError(BELOW_WON, rep=str(book.keys("Reps")[rep]), period=period.label,
                           won=money_label(won, currency), amount=money_label(amount, currency))
