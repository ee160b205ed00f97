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
- splits, quotas, stages, plans and settings are as recorded. Amounts have no history: today's
  amount is used (:data:`TODAY_AMOUNTS` says so in a report).

A book on or after its last record (:func:`last_record`) is itself: the view never changes a
report whose day is the book's own. Nothing in the view at d depends on anything dated after d.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.health import history
from planner.core.tables import Snapshot, Tables

TODAY_AMOUNTS = QT_TRANSLATE_NOOP("errors", "Figures as of {day}: deals as they stood that day, with today's amounts "
                                            "(the book keeps no history of amounts)")
# dated columns of the tables whose rows did not exist before their day
_DATED = {"StageHistory": "entered", "ForecastOverrides": "set_on", "ForecastSnapshots": "taken", "Leads": "created"}


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


def _view(book: Tables, day: date) -> Snapshot:
    d = np.datetime64(day, "ns")
    frames = dict(book._frames)
    deals = frames["Deals"]
    deals = deals[~(deals["created"].to_numpy(dtype="datetime64[ns]") > d)]  # NaT compares False: kept
    kind = deals["stage"].map(frames["Stages"]["kind"]).to_numpy(dtype=object, na_value=None)
    closed = deals["closed"].to_numpy(dtype="datetime64[ns]", copy=True)
    stage = deals["stage"].to_numpy(dtype="float64", na_value=np.nan, copy=True)
    expected = deals["expected_close"].to_numpy(dtype="datetime64[ns]", copy=True)

    rows = history(book)
    rows = rows[rows["deal"].isin(deals.index).to_numpy() & (rows["entered"].to_numpy() <= d)]
    last = rows[~rows["deal"].eq(rows["deal"].shift(-1)).to_numpy()].set_index("deal")  # sorted by deal, entered
    position = deals.index.get_indexer(last.index)
    row_stage = last["stage"].to_numpy(dtype="float64")
    row_kind = pd.Series(row_stage).map(frames["Stages"]["kind"]).to_numpy(dtype=object, na_value=None)
    row_final = np.isin(row_kind, ["won", "lost"])

    closed_by_d = np.isin(kind, ["won", "lost"]) & (closed <= d)
    with_row = np.zeros(len(deals), dtype=bool)
    with_row[position] = True
    undated_open = (kind == "open") & ~deals.index.isin(history(book)["deal"].to_numpy())
    unknown = ~with_row & ~closed_by_d & ~undated_open  # open at d in a stage nothing records
    stages = frames["Stages"]
    open_stages = stages[stages["kind"] == "open"].sort_values("order", kind="stable")
    if len(open_stages):
        stage[unknown] = open_stages.index[0]
    else:
        unknown[:] = False
    expected[unknown] = np.datetime64("NaT")

    stage[position] = row_stage
    expected[position] = last["expected_close"].to_numpy(dtype="datetime64[ns]")
    row_closed = np.where(closed[position] <= d, closed[position], last["entered"].to_numpy(dtype="datetime64[ns]"))
    closed[position] = np.where(row_final, row_closed, np.datetime64("NaT"))
    closed[unknown] = np.datetime64("NaT")
    cancelled = deals["cancelled"].to_numpy(dtype="datetime64[ns]", copy=True)
    cancelled[cancelled > d] = np.datetime64("NaT")
    frames["Deals"] = deals.assign(stage=pd.array(stage, dtype="Int64"), expected_close=expected, closed=closed,
                                   cancelled=cancelled)

    for table, column in _DATED.items():
        frame = frames[table]
        frames[table] = frame[~(frame[column].to_numpy(dtype="datetime64[ns]") > d)]
    frames["StageHistory"] = frames["StageHistory"][frames["StageHistory"]["deal_id"].isin(deals.index)
                                                    .to_numpy(dtype=bool, na_value=False)]
    splits = frames["Splits"]
    frames["Splits"] = splits[splits["deal_id"].isin(deals.index).to_numpy(dtype=bool, na_value=False)]
    leads = frames["Leads"]
    gone = ~leads["deal"].isin(deals.index).to_numpy(dtype=bool, na_value=False) & leads["deal"].notna().to_numpy()
    if gone.any():
        frames["Leads"] = leads.assign(deal=leads["deal"].mask(gone))

    from planner.core.usable import _kept_state  # the positions and texts of the rows kept

    view = Snapshot(frames, *_kept_state(book, frames), book.revision)
    view.clock = book.clock
    return view
