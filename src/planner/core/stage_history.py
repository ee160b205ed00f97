"""What a change of deals implies for their history, added to the change when it is planned
(``Tables.planned``): a StageHistory row per deal whose stage or expected close changes, the
closed date of a deal won or lost (cleared when it is reopened), history rows moved to dates
typed after the stage, and an AmountHistory row (the amount before) per deal whose amount or
currency changes."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.changes import Batch, Change, DeleteRows, InsertRows, SetValues, atoms
from planner.core.errors import PlannerError
from planner.core.provisional import provisional_ids
from planner.core.schema import ROW_ID


def with_history(tables, change: Change, on: date | None = None) -> Change:
    """Add what a change of deals implies: a StageHistory row per deal whose stage or expected
    close changes (stage entered, expected close as of then); the closed date when a deal is
    won or lost (cleared when it is reopened). History follows the deal's own dates: a deal's
    first row is entered on its created date and a won or lost row on its closed date, also
    when those dates are typed after the stage."""
    parts = []
    for atom in atoms(change):
        columns = set(atom.values.columns) if isinstance(atom, SetValues) and atom.table == "Deals" else set()
        before = _amounts_before(tables, atom.values, record_day(tables, on)) \
            if columns & {"amount", "currency"} else ()
        if not columns & {"stage", "expected_close", "created", "closed"}:
            parts.extend((atom, *before))
            continue
        values, current = atom.values, tables._frames["Deals"].loc[atom.values.index]
        stage = values["stage"].astype("Int64") if "stage" in values else current["stage"]
        expected = values["expected_close"].astype("datetime64[ns]") if "expected_close" in values \
            else current["expected_close"]
        new_stage = _differs(stage, current["stage"])
        moved = (new_stage | _differs(expected, current["expected_close"])) & stage.notna().to_numpy()
        day = record_day(tables, on)
        kind = stage.map(tables._frames["Stages"]["kind"]).to_numpy(dtype=object, na_value=None)
        closed = values["closed"].astype("datetime64[ns]") if "closed" in values else current["closed"]
        if "stage" in values and "closed" not in values:
            closing = np.isin(kind, ["won", "lost"]) & current["closed"].isna().to_numpy()
            reopening = new_stage & (kind == "open") & current["closed"].notna().to_numpy()
            if closing.any() or reopening.any():
                closed = current["closed"].copy()
                closed[closing], closed[reopening] = day, pd.NaT
                atom = SetValues("Deals", values.assign(closed=closed), atom.unresolved)
        created = values["created"].astype("datetime64[ns]") if "created" in values else current["created"]
        parts.extend((atom, *before))
        if moved.any():
            entered = _entered(tables, values.index, kind, created, closed, day)
            parts.append(InsertRows("StageHistory", *_history_rows(
                values.index[moved], stage[moved], expected[moved], entered[moved])))
        redated = _redated(tables, created if "created" in values else None,
                           closed if "closed" in values else None, stage, kind)
        if redated is not None:
            parts.append(redated)
    return parts[0] if len(parts) == 1 else Batch(tuple(parts))


def record_day(tables, on: date | None = None) -> pd.Timestamp:
    """The day an edit is recorded on: ``on``, else the book's day (its ``as_of`` setting: an
    edit of a historical book corrects it as of that day), else today."""
    if on is not None:
        return pd.Timestamp(on)
    try:
        return pd.Timestamp(tables.as_of if tables.setting("as_of") else tables.clock())
    except PlannerError:  # an as_of that is not a date is a problem of its own
        return pd.Timestamp(tables.clock())


def _amounts_before(tables, values: pd.DataFrame, day: pd.Timestamp) -> tuple[Change, ...]:
    """What an amount or currency change of deals adds to AmountHistory on ``day``: a row keeping
    the amount and currency before, per deal changed (none for a deal that had no amount, or one
    that was a problem). A view
    sees a day's end, so only a deal's first change of a day is kept: a later one that day adds
    nothing, and one back to the amount the day began with takes that day's row out."""
    deals, history = tables._frames["Deals"], tables._frames["AmountHistory"]
    values = values[values.index.isin(deals.index)]  # rows added by the same change have no before
    current = deals.loc[values.index]
    amount = values["amount"].astype("Int64") if "amount" in values else current["amount"]
    currency = values["currency"].astype("string") if "currency" in values else current["currency"].astype("string")
    rule = schema.DEALS.column("amount")  # an amount that was a problem is no amount of then
    had_amount = current["amount"].between(rule.minimum, rule.maximum).to_numpy(dtype=bool, na_value=False)
    changed = (_differs(amount, current["amount"]) | _differs(currency, current["currency"].astype("string"))) \
        & had_amount
    today = history[(history["changed"] == day).to_numpy(dtype=bool, na_value=False)]
    today = today[today["deal_id"].notna().to_numpy() & ~today["deal_id"].duplicated().to_numpy()]
    today = today.assign(_row=today.index).set_index("deal_id")  # each deal's first row of the day
    ids = values.index[changed]
    had = ids.isin(today.index)
    back = ids[had][~_differs(amount[ids[had]], today["before"].reindex(ids[had]))
                    & ~_differs(currency[ids[had]], today["currency"].reindex(ids[had]).astype("string"))]
    parts: list[Change] = []
    if len(back):
        parts.append(DeleteRows("AmountHistory", today["_row"].reindex(back).to_numpy(dtype="int64")))
    new = ids[~had]
    if len(new):
        rows = pd.DataFrame({"deal_id": pd.array(new, dtype="Int64"),
                             "changed": np.full(len(new), day.to_datetime64(), dtype="datetime64[ns]"),
                             "before": pd.array(current["amount"][new].to_numpy(), dtype="Int64"),
                             "currency": pd.array(current["currency"][new].to_numpy(), dtype="string")})
        rows.index = pd.Index(provisional_ids(len(rows)), name=ROW_ID)
        parts.append(InsertRows("AmountHistory", rows, None))
    return tuple(parts)


def _entered(tables, deals: pd.Index, kind: np.ndarray, created: pd.Series, closed: pd.Series,
             day: pd.Timestamp) -> np.ndarray:
    """The day a new history row of each deal is entered on: a won or lost stage on the
    deal's closed date; a deal's first row on its created date (not after ``day``); else ``day``."""
    entered = np.full(len(deals), day.to_datetime64(), dtype="datetime64[ns]")
    has_history = deals.isin(tables._frames["StageHistory"]["deal_id"].dropna().to_numpy())
    first = ~has_history & created.notna().to_numpy() & (created.to_numpy() <= day.to_datetime64())
    entered[first] = created.to_numpy()[first]
    final = np.isin(kind, ["won", "lost"]) & closed.notna().to_numpy()
    entered[final] = closed.to_numpy()[final]
    return entered


def _redated(tables, created: pd.Series | None, closed: pd.Series | None, stage: pd.Series,
             kind: np.ndarray) -> SetValues | None:
    """History rows moved to dates typed after the stage: a deal's first row (an open stage)
    to its new created date, the row of its won or lost stage to its new closed date, each
    only where the rows stay in order."""
    history = tables._frames["StageHistory"]
    rows = history[history["deal_id"].isin(stage.index).to_numpy(dtype=bool, na_value=False)]
    if not len(rows):
        return None
    rows = rows.assign(_position=tables._positions["StageHistory"][history.index.isin(rows.index)])
    rows = rows.sort_values(["entered", "_position"], kind="stable")
    moves = {}
    open_stage = tables._frames["Stages"]["kind"] == "open"
    if created is not None:
        for deal, group in rows.groupby("deal_id", sort=False):
            day, first = created.get(deal), group.iloc[0]
            following = group["entered"].iloc[1] if len(group) > 1 else None
            if pd.notna(day) and open_stage.get(first["stage"], False) and first["entered"] != day \
                    and (following is None or day <= following):
                moves[int(group.index[0])] = day
    if closed is not None:
        final = pd.Series(np.isin(kind, ["won", "lost"]), index=stage.index)
        for deal, group in rows.groupby("deal_id", sort=False):
            day = closed.get(deal)
            mine = group[group["stage"] == stage.get(deal)]
            if not (final.get(deal, False) and pd.notna(day) and len(mine)):
                continue
            before = group["entered"][group.index != mine.index[-1]]
            if mine["entered"].iloc[-1] != day and (not len(before) or before.max() <= day):
                moves[int(mine.index[-1])] = day
    if not moves:
        return None
    return SetValues("StageHistory", pd.DataFrame(
        {"entered": pd.Series(list(moves.values()), dtype="datetime64[ns]").to_numpy()},
        index=pd.Index(list(moves), dtype="int64", name=ROW_ID)))


def _history_rows(deals: pd.Index, stage: pd.Series, expected: pd.Series, entered: np.ndarray) -> tuple:
    rows = pd.DataFrame({"deal_id": pd.array(deals, dtype="Int64"),
                         "stage": pd.array(stage.to_numpy(), dtype="Int64"),
                         "entered": pd.Series(entered, index=range(len(deals)), dtype="datetime64[ns]"),
                         "expected_close": expected.to_numpy(dtype="datetime64[ns]")})
    rows.index = pd.Index(provisional_ids(len(rows)), name=ROW_ID)
    return rows, None  # after the last row, as the table is when the change is applied


def _differs(new: pd.Series, old: pd.Series) -> np.ndarray:
    """Cell by cell: is ``new`` another value than ``old`` (missing equals missing)?"""
    new_missing, old_missing = new.isna().to_numpy(), old.isna().to_numpy()
    unequal = new.ne(old).fillna(False).to_numpy(dtype=bool)
    return (unequal & ~(new_missing & old_missing)) | (new_missing != old_missing)
