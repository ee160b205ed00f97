"""Forecast snapshots and their accuracy: which forecasting method the team can trust.

A snapshot saves the forecast of one period by every method on one day, as rows of the
ForecastSnapshots table (taken, period, method, amount). Once the period has ended, each
method's accuracy is 1 − |forecast − actual| ÷ actual (product.md), where *actual* is the
won revenue closed in the period: the same "won" every forecast of the period starts from.

Which snapshot is judged: per period and method, the **last one taken before the period
ended** (taken < the period's end) — the team's final call for it. Snapshots taken after the
end are no forecasts and are left out; the day the judged one was taken is shown beside it,
so an early call can be told from a late one. A snapshot is dated by the book's "today"
(``as_of``) it was computed for, so a book kept at a fixed as_of (the demo, a test, a
``--as-of`` run) is judged on its own calendar.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pandas as pd

from planner.core import schema
from planner.core.changes import Batch, Change, DeleteRows
from planner.core.derived import same_inputs_or
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.forecast import forecast, won_in
from planner.core.forecast_overrides import category_by_rep, has_overrides, with_overrides
from planner.core.periods import Period
from planner.core.schema import Kind
from planner.core.usable import usable

# Methods a snapshot holds, in the order they are shown; the overridden totals only when a
# manager overrode a rep's number for the period.
COMPUTED_METHODS = ("weighted", "commit", "best_case", "pipeline", "historical", "cycle_length")
NO_ACTUAL = QT_TRANSLATE_NOOP("values", "nothing was won in the period: accuracy is undefined")
HINDSIGHT = QT_TRANSLATE_NOOP("errors", "This book already records what happened after {day} (up to {latest}): "
                                        "a snapshot dated {day} would use hindsight. Take it dated {latest} or later")

_C = schema.Column
FORECAST_ACCURACY = schema.Table("ForecastAccuracy", QT_TRANSLATE_NOOP("schema", "Forecast accuracy"), (
    _C("period", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Period")),
    _C("method", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Method"), allowed=schema.SNAPSHOT_METHODS),
    _C("taken", Kind.DATE, QT_TRANSLATE_NOOP("schema", "Taken on")),
    _C("forecast", Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Forecast")),
    _C("actual", Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Actual (won)")),
    _C("accuracy", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Accuracy")),
    _C("rank", Kind.INT, QT_TRANSLATE_NOOP("schema", "Rank")),
    _C("note", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Note"), allowed=(NO_ACTUAL,)),
), key=("period", "method"))

METHOD_ACCURACY = schema.Table("ForecastMethodAccuracy", QT_TRANSLATE_NOOP("schema", "Accuracy by method"), (
    _C("method", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Method"), allowed=schema.SNAPSHOT_METHODS),
    _C("periods", Kind.INT, QT_TRANSLATE_NOOP("schema", "Closed periods")),
    _C("average", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Average accuracy")),
    _C("best", Kind.INT, QT_TRANSLATE_NOOP("schema", "Times best")),
), key=("method",))


def snapshot_amounts(book, period: Period, as_of: date | None = None, inputs: dict | None = None) -> dict[str, int]:
    """The forecast of ``period`` by each method (minor units), as a snapshot saves it: the
    cycle-length forecast only when it can be computed, the team's commit and best case with
    overrides only when a rep's number was overridden for the period."""
    figures = forecast(book, period, as_of, inputs)
    amounts = {method: figures[method] for method in COMPUTED_METHODS if figures[method] is not None}
    by_rep = category_by_rep(book, period)
    if has_overrides(by_rep):
        totals = with_overrides(by_rep)
        amounts["commit_override"], amounts["best_case_override"] = totals["commit"], totals["best_case"]
    return amounts


def snapshot_change(book, period: Period, as_of: date | None = None, inputs: dict | None = None) -> Change:
    """The change (not applied; one undo step) that saves the forecast of ``period`` by every
    method, dated ``as_of`` (default: the book's). A snapshot of the same period taken the same
    day is replaced. ``book`` is the live book; the figures come from its snapshot, rows with
    problems left out (core/usable.py). A snapshot dated
    before the book's latest recorded activity is refused (:class:`PlannerError`): its figures
    would already hold what happened later, so it would look perfectly accurate."""
    frozen, _left_out = usable(book)  # rows with problems are left out, as in every figure
    as_of = frozen.as_of if as_of is None else as_of
    latest = latest_activity(frozen)
    if latest is not None and latest > as_of:
        raise PlannerError(HINDSIGHT, day=as_of.isoformat(), latest=latest.isoformat())
    day = pd.Timestamp(as_of)
    amounts = snapshot_amounts(frozen, period, as_of, inputs)
    rows = pd.DataFrame({
        "taken": pd.Series([day] * len(amounts), dtype="datetime64[ns]"),
        "period": period.label, "method": list(amounts), "amount": pd.array(list(amounts.values()), dtype="Int64"),
    })
    insert = book.insertion("ForecastSnapshots", rows)
    frame = book["ForecastSnapshots"]
    same = (frame["period"] == period.label).to_numpy(dtype=bool, na_value=False) \
        & (frame["taken"] == day).to_numpy(dtype=bool)
    return Batch((DeleteRows("ForecastSnapshots", frame.index[same].to_numpy()), insert)) if same.any() else insert


def latest_activity(book) -> date | None:
    """The last day the book records something happening: a deal created or closed, or a deal
    entering a stage. ``None`` for a book with no such day."""
    days = [book["Deals"]["created"].max(), book["Deals"]["closed"].max(), book["StageHistory"]["entered"].max()]
    days = [day for day in days if not pd.isna(day)]
    return max(days).date() if days else None


def accuracy_of(forecast: int, actual: int) -> Fraction | None:
    """1 − |forecast − actual| ÷ actual (product.md), exactly; ``None`` when nothing was won."""
    return Fraction(actual - abs(forecast - actual), actual) if actual else None


def accuracy(book, as_of: date | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Accuracy per period and method (:data:`FORECAST_ACCURACY`), and per method over every
    period (:data:`METHOD_ACCURACY`), for the periods of the snapshots that have ended at
    ``as_of`` (default: the book's). Accuracy is computed exactly and given as a float
    fraction (0.9 = 90%; it is negative when the forecast missed by more than the actual);
    it is blank, with a note, when nothing was won in the period. Rank 1 is the period's most
    accurate method (ties share it). Recent periods first. Once per state of the book and
    as_of; after an edit of deals that changes no period's actual, the same as before."""
    as_of = book.as_of if as_of is None else as_of
    seen: dict = {}  # the snapshots and each ended period's actual, worked out once for both below

    def actuals() -> tuple[int, ...]:
        seen["snaps"] = snaps = _snapshots(book)
        seen["won"] = {label: won_in(book, Period.of(label)) for label in _ended(snaps, as_of)}
        return tuple(seen["won"].values())
    return same_inputs_or(book, ("forecast_accuracy", as_of), actuals, lambda: _accuracy(book, as_of, **seen))


def _snapshots(book) -> pd.DataFrame:
    return book["ForecastSnapshots"].dropna(subset=["taken", "period", "method", "amount"])


def _ended(snaps: pd.DataFrame, as_of: date) -> list[str]:
    """The periods of ``snaps`` ended at ``as_of`` (a period still running has nothing to judge yet)."""
    return [label for label in snaps["period"].unique() if as_of >= Period.of(label).end]


def _accuracy(book, as_of: date, snaps: pd.DataFrame | None = None,
              won: dict[str, int] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """On the snapshots as plain rows (a book holds a few per period and method): per ended
    period, each method's last snapshot taken before the end, in the order methods first come
    in the snapshots sorted by the day taken. The tables are made once, from plain columns:
    pandas' frame building, sorting and conversions cost more than the rows."""
    snaps = _snapshots(book) if snaps is None else snaps
    won, records = won or {}, []
    rows = list(zip(snaps["period"].tolist(), snaps["method"].tolist(), snaps["taken"].tolist(),
                    snaps["amount"].tolist()))
    for label in _ended(snaps, as_of):  # canonical labels (Kind.PERIOD)
        period = Period.of(label)
        end = pd.Timestamp(period.end)
        actual = won[label] if label in won else won_in(book, period)
        last: dict = {}  # method -> its last row by day taken (sheet order among a day's)
        for row in sorted((row for row in rows if row[0] == label and row[2] < end), key=lambda row: row[2]):
            last[row[1]] = row
        for method, (_label, _method, taken, amount) in last.items():
            records.append({"period": label, "method": method, "taken": taken, "forecast": int(amount),
                            "actual": actual, "note": None if actual else NO_ACTUAL, "_end": period.end,
                            "_months": period.months, "_exact": accuracy_of(int(amount), actual)})
    for record in records:
        ratio = record["_exact"]
        record["accuracy"] = None if ratio is None else float(ratio)
        record["rank"] = None if ratio is None else 1 + sum(
            1 for other in records if other["period"] == record["period"]
            and other["_exact"] is not None and other["_exact"] > ratio)
    order = {method: n for n, method in enumerate(schema.SNAPSHOT_METHODS)}
    # recent periods first, then shorter ones, then by method (one not known last)
    records.sort(key=lambda record: (-record["_end"].toordinal(), record["_months"],
                                     (0, order[record["method"]]) if record["method"] in order else (1, 0)))
    return _table(FORECAST_ACCURACY, records), _by_method(records)


def _by_method(records: list[dict]) -> pd.DataFrame:
    judged: dict = {}  # method -> (ratios, ranks), methods in the order they first come
    for record in records:
        if record["_exact"] is not None:
            ratios, ranks = judged.setdefault(record["method"], ([], []))
            ratios.append(record["_exact"])
            ranks.append(record["rank"])
    rows = [{"method": method, "periods": len(ratios), "average": float(sum(ratios) / len(ratios)),
             "best": sum(1 for rank in ranks if rank == 1), "_exact": sum(ratios) / len(ratios)}
            for method, (ratios, ranks) in judged.items()]
    rows.sort(key=lambda row: row["_exact"], reverse=True)  # (stable: equals keep their order)
    return _table(METHOD_ACCURACY, rows)


def _table(spec: schema.Table, rows: list[dict]) -> pd.DataFrame:
    """``rows`` as a table of ``spec``'s columns, each made once in its kind's dtype."""
    return pd.DataFrame({c.name: pd.array([row[c.name] for row in rows], dtype=schema.DTYPES[c.kind])
                         for c in spec.columns})
