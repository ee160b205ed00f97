"""The book as it stood on a past day: what a report "as of" that day and a backtest see.

At day d (issue 19):
- deals created after d are absent (with their stage history and splits); a deal without a
  created date is kept (an open deal may lack one: nothing dates it after d);
- a deal's stage and expected close are those of its last StageHistory row entered on or before
  d (ties: the later row in sheet order), so a deal won or lost after d is open at d in the stage
  it was in. A won or lost row keeps the deal's closed date, or the row's day when the deal was
  closed after d. A deal without such a row keeps what it is when it was closed on or before d,
  or when it has no stage history at all and is open (nothing dates its stage); otherwise (closed
  after d, or history only after d) it is open at d in the first open stage with no expected
  close: nothing recorded says more;
- a cancellation after d has not happened; stage history entered, forecast overrides set,
  snapshots taken and leads created after d are absent (a lead's converted deal too when that
  deal is);
- a deal's amount and currency are those before its first AmountHistory change after d (the
  edit API records one per change, core/stage_history.py); a deal changed only on or before d
  keeps what it has. A change made before the book recorded amounts is not known: a report
  says so (:data:`TODAY_AMOUNTS`);
- splits, quotas, stages, plans and settings are as recorded.

A book on or after its last record (:func:`last_record`) is itself: the view never changes a
report whose day is the book's own. Nothing in the view at d depends on anything dated after d.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.facts import carry_weights
from planner.core.health import history
from planner.core.tables import Snapshot, Tables

TODAY_AMOUNTS = QT_TRANSLATE_NOOP("errors", "Figures as of {day}: deals as they stood that day, with amounts as the "
                                            "Amount history records them (an amount changed before the book "
                                            "recorded amounts counts as today's)")
# dated columns of the tables whose rows did not exist before their day
_DATED = {"StageHistory": "entered", "AmountHistory": "changed", "ForecastOverrides": "set_on",
          "ForecastSnapshots": "taken", "Leads": "created"}
# the tables whose rows belong to a deal: absent with it
DEAL_ROWS = ("StageHistory", "AmountHistory", "Splits")


def last_record(book: Tables) -> date | None:
    """The last day anything of the view is dated: a deal created, closed or cancelled, a
    stage entered, an override set, a snapshot taken, a lead created. ``None`` when none is."""
    def build() -> date | None:
        deals = book._frames["Deals"]
        days = [deals[column].max() for column in ("created", "closed", "cancelled")]
        days += [book._frames[table][column].max() for table, column in _DATED.items()]
        days = [day for day in days if not pd.isna(day)]
        return max(days).date() if days else None
    return book.cached("last_record", build)


def as_it_stood(book: Tables, day: date) -> Tables:
    """``book`` (a snapshot, rows with problems already left out) as it stood at the end of
    ``day``; the book itself when nothing in it is dated after ``day``. Cached per revision and day."""
    last = last_record(book)
    if last is None or last <= day:
        return book
    return book.cached(("as_it_stood", day), lambda: _view(book, day))


def _base(book: Tables) -> dict[str, np.ndarray]:
    """What every day's view of ``book`` starts from, as arrays (built once per revision): the
    deals' columns, and the stage history sorted by deal, then entered, then sheet order."""
    def build() -> dict[str, np.ndarray]:
        deals, stages = book._frames["Deals"], book._frames["Stages"]
        kind_of = stages["kind"]
        rows = history(book)
        open_stages = stages[stages["kind"] == "open"].sort_values("order", kind="stable")
        row_deal = rows["deal"].to_numpy()
        amounts = book._frames["AmountHistory"].assign(_position=book._positions["AmountHistory"])
        amounts = amounts[amounts["deal_id"].isin(deals.index).to_numpy(dtype=bool, na_value=False)]
        amounts = amounts.sort_values(["deal_id", "changed", "_position"], kind="stable")
        amount_deal = deals.index.get_indexer(amounts["deal_id"].to_numpy(dtype="int64"))
        return {
            "created": deals["created"].to_numpy(dtype="datetime64[ns]"),
            "final": deals["stage"].map(kind_of).isin(["won", "lost"]).to_numpy(dtype=bool),
            "closed": deals["closed"].to_numpy(dtype="datetime64[ns]"),
            "stage": deals["stage"].to_numpy(dtype="float64", na_value=np.nan),
            "expected": deals["expected_close"].to_numpy(dtype="datetime64[ns]"),
            "cancelled": deals["cancelled"].to_numpy(dtype="datetime64[ns]"),
            "undated": deals["stage"].map(kind_of).eq("open").to_numpy(dtype=bool, na_value=False)
            & ~deals.index.isin(row_deal),
            "row_deal": deals.index.get_indexer(row_deal),
            "row_entered": rows["entered"].to_numpy(dtype="datetime64[ns]"),
            "row_stage": rows["stage"].to_numpy(dtype="float64"),
            "row_expected": rows["expected_close"].to_numpy(dtype="datetime64[ns]"),
            "row_final": rows["stage"].map(kind_of).isin(["won", "lost"]).to_numpy(dtype=bool),
            "row_same_next": np.append(row_deal[1:] == row_deal[:-1], False),
            "first_open": open_stages.index[:1].to_numpy(dtype="float64"),
            "amount": deals["amount"].to_numpy(dtype=object, na_value=None),  # exact: Python ints
            "currency": deals["currency"].to_numpy(dtype=object, na_value=None),
            "amount_deal": amount_deal,
            "amount_changed": amounts["changed"].to_numpy(dtype="datetime64[ns]"),
            "amount_before": amounts["before"].to_numpy(dtype=object, na_value=None),
            "amount_currency": amounts["currency"].to_numpy(dtype=object, na_value=None),
            "amount_same_previous": np.insert(amount_deal[1:] == amount_deal[:-1], 0, False),
            **{f"{table}_deal": deals.index.get_indexer(book._frames[table][column].to_numpy(dtype="float64",
                                                                                           na_value=np.nan))
               for table, column in (*((table, "deal_id") for table in DEAL_ROWS), ("Leads", "deal"))},
        }
    return book.cached("as_it_stood_base", build)


def _view(book: Tables, day: date) -> Snapshot:
    d, nat = np.datetime64(day, "ns"), np.datetime64("NaT")
    base = _base(book)
    keep = ~(base["created"] > d)  # NaT compares False: kept
    closed = base["closed"].copy()
    stage, expected = base["stage"].copy(), base["expected"].copy()

    # each kept deal's last history row on or before d: rows on or before d are a prefix of
    # each deal's rows (sorted by entered), so the last is one whose next row is not
    known = (base["row_entered"] <= d) & keep[base["row_deal"]]
    last = known & ~(np.append(known[1:], False) & base["row_same_next"])
    position = base["row_deal"][last]
    closed_by_d = base["final"] & (closed <= d)
    with_row = np.zeros(len(stage), dtype=bool)
    with_row[position] = True
    unknown = ~with_row & ~closed_by_d & ~base["undated"]  # open at d in a stage nothing records
    if len(base["first_open"]):
        stage[unknown], expected[unknown], closed[unknown] = base["first_open"][0], nat, nat

    stage[position], expected[position] = base["row_stage"][last], base["row_expected"][last]
    row_closed = np.where(closed[position] <= d, closed[position], base["row_entered"][last])
    closed[position] = np.where(base["row_final"][last], row_closed, nat)
    cancelled = base["cancelled"].copy()
    cancelled[cancelled > d] = nat
    amount, currency, amount_moved = _amounts_at(base, d)

    frames, kept = dict(book._frames), {}
    kept["Deals"] = keep
    frames["Deals"] = frames["Deals"][keep].assign(
        stage=pd.array(stage[keep], dtype="Int64"), expected_close=expected[keep], closed=closed[keep],
        cancelled=cancelled[keep], amount=pd.array(amount[keep], dtype="Int64"),
        currency=pd.array(currency[keep], dtype="string"))
    for table, column in _DATED.items():
        kept[table] = ~(frames[table][column].to_numpy(dtype="datetime64[ns]") > d)
    for table in DEAL_ROWS:
        owner = base[f"{table}_deal"]
        kept[table] = kept.get(table, True) & np.where(owner >= 0, keep[owner], False)
    for table in kept:
        if table != "Deals":
            frames[table] = frames[table][kept[table]]
    owner = base["Leads_deal"][kept["Leads"]]
    gone = (owner >= 0) & ~keep[np.maximum(owner, 0)]
    if gone.any():  # converted after d: not converted at d
        frames["Leads"] = frames["Leads"].assign(deal=frames["Leads"]["deal"].mask(gone))
    view = Snapshot(frames, *kept_state(book, kept), book.revision)
    view.clock = book.clock
    before = base["stage"][keep]
    moved = ((stage[keep] != before) & ~(np.isnan(before) & np.isnan(stage[keep]))) | amount_moved[keep]
    carry_weights(view, book, keep, moved)
    return view


def _amounts_at(base: dict[str, np.ndarray], d: np.datetime64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each deal's amount and currency at ``d``, and which differ from today's: the "before" of
    its first AmountHistory row changed after ``d`` (rows after d are a suffix of each deal's
    rows, sorted by changed, so the first is one whose previous row is not after d)."""
    amount, currency = base["amount"].copy(), base["currency"].copy()
    after = base["amount_changed"] > d
    first = after & ~(np.insert(after[:-1], 0, False) & base["amount_same_previous"])
    deal = base["amount_deal"][first]
    amount[deal], currency[deal] = base["amount_before"][first], base["amount_currency"][first]
    moved = np.zeros(len(amount), dtype=bool)
    moved[deal] = True
    return amount, currency, moved


def kept_state(book: Tables, kept: dict[str, np.ndarray]) -> tuple:
    """Positions, unresolved texts and unreadable cells of the rows ``kept`` (by table, a mask)."""
    positions = {table: array[kept[table]] if table in kept else array for table, array in book._positions.items()}
    unresolved, opened = {}, {}
    for table, columns in book._unresolved.items():
        ids = book._frames[table].index[kept[table]] if table in kept else None
        unresolved[table] = {column: {row: text for row, text in cells.items() if ids is None or row in ids}
                             for column, cells in columns.items()}
    for key, value in book._opened_problems.items():
        if key[0] not in kept or key[1] in book._frames[key[0]].index[kept[key[0]]]:
            opened[key] = value
    return positions, unresolved, opened
