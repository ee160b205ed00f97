"""Adjustments: what happens to a closed period's deals after the close, shown in a later period.

A closed period's statement never moves: its lines are the ledger's (core/close.py). What a
later edit does to what it paid shows as ``adjustment`` lines of a later, open period, each
naming the deal (where there is one), the closed plan period it adjusts (``adjusts``) and why
(``reason``):

- ``cancelled``: a deal paid in a closed period and cancelled after it (a cancellation dated in
  an open period: the one change to a closed period's deal the book lets through) gives back
  what it was paid, in the period of the cancellation. It is the statement's clawback line of
  that deal (core/statements.py), named for the closed period it reaches back to.
- ``recomputed``: a closed period whose lines the book as it is now would compute otherwise (a
  change taken without the book's checks: another writer's rows, a book closed by another
  version of Planner) gets the difference per deal (and for its lines of no deal), in the
  rep's first open plan period after the close: once, since a close that freezes an adjustment
  counts it as paid.

:func:`statement` is what a statement shows (the ledger's lines for a closed period, the
engine's with :func:`with_adjustments` for an open one); a book with no close gets the engine's
lines as they are (with ``adjusts`` and ``reason`` empty).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.close import closed_periods, covering, frozen_lines
from planner.core.periods import Period
from planner.core.statements import COLUMNS as STATEMENT_COLUMNS, statement_lines, statements

ADJUSTMENT = "adjustment"
COLUMNS = [*STATEMENT_COLUMNS, "adjusts", "reason"]
_GROUP = ["rep", "period", "deal"]


def with_adjustments(book, period: Period, lines: pd.DataFrame) -> pd.DataFrame:
    """``lines`` (:func:`~planner.core.statements.statement_lines` of ``period``) with the
    adjustments that fall in them: clawbacks of deals paid in a closed period as ``cancelled``
    adjustments, and the ``recomputed`` adjustments of closed periods landing in the plan
    periods of ``period``, after each payout's own lines; ``line`` numbered again."""
    out = lines[STATEMENT_COLUMNS].assign(adjusts=no_text(len(lines)), reason=no_text(len(lines)))
    if not closed_periods(book):
        return out
    frozen = frozen_lines(book)
    paid_in = _paid_in(frozen)
    keys = pd.MultiIndex.from_arrays([out["rep"].astype("int64"), out["deal"].fillna(-1).astype("int64")])
    claw = (out["rule"] == "clawback").to_numpy() & keys.isin(paid_in.index)
    if claw.any():  # (a deal won and cancelled inside one closed period is that period's own clawback)
        claw &= (paid_in.reindex(keys).to_numpy() != out["period"].to_numpy())
        out.loc[claw, "adjusts"] = paid_in.reindex(keys[claw]).to_numpy()
        out.loc[claw, "reason"] = "cancelled"
        out.loc[claw, "rule"] = ADJUSTMENT
    later = recomputed(book)
    if len(later):
        labels = {part.label for kind in ("month", "quarter", "year") for part in period.split(kind)}
        later = later[later["period"].isin(labels).to_numpy()]
    if not len(later):
        return out
    both = pd.concat([out.assign(_extra=0), later.assign(_extra=1)], ignore_index=True)
    position = pd.Series(np.arange(len(book["Reps"])), index=book["Reps"].index)
    both = both.assign(_rep=both["rep"].map(position).fillna(len(position)), _at=np.arange(len(both)))
    both = both.sort_values(["_rep", "rep", "period", "_extra", "_at"], kind="stable", ignore_index=True)
    both["line"] = both.groupby(["rep", "period"], sort=False).cumcount().to_numpy(dtype="int64") + 1
    return both[COLUMNS]


def statement(book, period: Period) -> pd.DataFrame:
    """What the statements of ``period`` show, in :data:`COLUMNS`: for a plan period a close
    froze, the ledger's lines as written (they never move); for the others, the engine's lines
    with their adjustments. A book with no close: the engine's lines as they are."""
    lines = with_adjustments(book, period, statement_lines(book, period))
    frozen = frozen_lines(book)
    if not len(frozen):
        return lines
    frozen = frozen[frozen["period"].isin(lines["period"].unique()).to_numpy(dtype=bool, na_value=False)]
    closed = {label for label in lines["period"].unique() if covering(book, Period.of(label)) is not None}
    keep = ~lines["period"].isin(closed).to_numpy()
    written = frozen[frozen["period"].isin(closed).to_numpy(dtype=bool, na_value=False)]
    ledger = pd.DataFrame({column: written[column] for column in COLUMNS}).astype(
        {"rep": "int64", "line": "int64", "amount": "int64", "period": object, "rule": object})
    both = pd.concat([lines[keep], ledger], ignore_index=True)
    position = pd.Series(np.arange(len(book["Reps"])), index=book["Reps"].index)
    both = both.assign(_rep=both["rep"].map(position).fillna(len(position)))
    return both.sort_values(["_rep", "rep", "period", "line"], kind="stable", ignore_index=True)[COLUMNS]


def paid_statements(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`~planner.core.statements.statements` as finance pays them, for every place a
    statement or a payout is shown: the payout rows are the engine's, the lines
    :func:`statement`'s (a closed plan period's from the ledger, adjustments in the open ones),
    with ``adjusts``, ``reason`` and the engine's ``bonus`` id. A book with no close: the
    engine's lines as they are."""
    def build() -> pd.DataFrame:
        lines = statements(book, period)[1]  # read here: what this entry depends on
        if not closed_periods(book):
            return lines.assign(adjusts=no_text(len(lines)), reason=no_text(len(lines)))
        return _with_bonus_ids(statement(book, period), lines)
    # once per state and period: the commissions and the statements of a report read them both
    return statements(book, period)[0], book.cached(("paid statements", period), build, depends=())


_NO_TEXT = pd.array([pd.NA], dtype="string")


def no_text(count: int) -> pd.arrays.StringArray:
    """``count`` missing texts (a column of lines that no adjustment fills)."""
    return _NO_TEXT.take(np.full(count, -1), allow_fill=True)


def _with_bonus_ids(shown: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """``shown`` with the engine's PlanBonuses id of each bonus line and Spiffs id of each SPIFF
    line (an adjustment renumbers no line of the engine's: it comes after them; the plan rows of
    a closed period cannot change)."""
    key = ["rep", "period", "line"]
    engine = lines.loc[lines["rule"].isin(["bonus", "spiff"]).to_numpy(dtype=bool), key + ["bonus", "spiff"]]
    engine = engine.astype({"rep": "int64", "line": "int64", "period": object})
    out = shown.astype({"period": object}).merge(engine, on=key, how="left")
    for rule in ("bonus", "spiff"):
        out[rule] = out[rule].astype("Int64").where((out["rule"] == rule).to_numpy(dtype=bool))
    return out


def _paid_in(frozen: pd.DataFrame) -> pd.Series:
    """The closed plan period each (rep, deal) was paid in (its tier, lift and SPIFF lines)."""
    paid = frozen[frozen["rule"].isin(["tier", "retro_lift", "spiff"]).to_numpy(dtype=bool, na_value=False)
                  & frozen["deal"].notna().to_numpy()]
    index = pd.MultiIndex.from_arrays([paid["rep"].astype("int64"), paid["deal"].astype("int64")])
    return pd.Series(paid["period"].astype("string").to_numpy(), index=index).groupby(level=[0, 1]).last()


def recomputed(book) -> pd.DataFrame:
    """Every ``recomputed`` adjustment owed now, in :data:`COLUMNS` (``period``: the plan
    period it lands in): per rep, closed plan period and deal, what the statement computed now
    pays less what the ledger and the adjustments frozen since have paid."""
    return book.cached("recomputed_adjustments", lambda: _recomputed(book), depends=())


def _recomputed(book) -> pd.DataFrame:
    closed = closed_periods(book)
    frozen = frozen_lines(book)
    later = (frozen["reason"] == "recomputed").to_numpy(dtype=bool, na_value=False)
    paid = pd.concat([frozen[~later][_GROUP + ["amount"]],
                      frozen[later].assign(period=lambda f: f["adjusts"])[_GROUP + ["amount"]]])
    # nested closes (a month, then its quarter) compute some plan periods twice: the same lines
    now = pd.concat([_closed_lines(book, close.period)[_GROUP + ["line", "amount"]] for close in closed.values()])
    now = now.drop_duplicates(subset=["rep", "period", "line"])
    differences = _totals(now).sub(_totals(paid), fill_value=0)
    differences = differences[differences != 0]
    if not len(differences):
        return _empty()
    kinds = book["Reps"]["plan"].map(book["Plans"]["period"])
    rows = []
    for (rep, label, deal), amount in differences.items():
        kind = kinds.get(rep)
        landing = _next_open(book, Period.of(label), kind if isinstance(kind, str) else Period.of(label).kind)
        rows.append((rep, landing.label, None if deal < 0 else deal, int(amount), label))
    frame = pd.DataFrame(rows, columns=["rep", "period", "deal", "amount", "adjusts"])
    return pd.DataFrame({
        "rep": frame["rep"].astype("int64"), "period": frame["period"].astype(object), "line": np.int64(0),
        "deal": pd.array(frame["deal"].tolist(), dtype="Int64"), "rule": ADJUSTMENT,
        "tier": pd.array([pd.NA] * len(frame), dtype="Int64"), "rate": pd.array([pd.NA] * len(frame), dtype="Int64"),
        "base": pd.array([pd.NA] * len(frame), dtype="Int64"), "amount": frame["amount"].astype("int64"),
        "adjusts": frame["adjusts"].astype("string"), "reason": pd.array(["recomputed"] * len(frame), dtype="string"),
    })[COLUMNS]


def _closed_lines(book, period: Period) -> pd.DataFrame:
    """The statement lines of the plan periods inside ``period`` as computed now."""
    lines = statement_lines(book, period)
    return lines[np.array([period.contains(Period.of(label)) for label in lines["period"]], dtype=bool)]


def _totals(lines: pd.DataFrame) -> pd.Series:
    keyed = pd.DataFrame({"rep": lines["rep"].astype("int64"), "period": lines["period"].astype(str),
                          "deal": pd.array(lines["deal"], dtype="Int64").fillna(-1).astype("int64"),
                          "amount": lines["amount"].astype("int64")})
    return keyed.groupby(_GROUP)["amount"].sum()


def _next_open(book, closed: Period, kind: str) -> Period:
    """The first plan period of ``kind`` after ``closed`` that no close holds."""
    landing = Period.containing(closed.end, kind)
    while covering(book, landing) is not None:
        landing = landing.shifted(1)
    return landing


def _empty() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="object") for column in COLUMNS})
