"""forecast_accuracy._accuracy on plain rows against the pandas form it replaced, on random
snapshots: several a day, taken after the period's end, periods nothing was won in, ties."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core import schema
from planner.core.backtest import _conformed
from planner.core.forecast_accuracy import (FORECAST_ACCURACY, METHOD_ACCURACY, NO_ACTUAL, _accuracy, _ended, _snapshots,
                                            accuracy_of)
from planner.core.periods import Period


def reference(book, as_of: date, won: dict) -> pd.DataFrame:
    snaps, records, exact = _snapshots(book), [], []
    for label in _ended(snaps, as_of):
        period = Period.of(label)
        rows = snaps[(snaps["period"] == label) & (snaps["taken"] < pd.Timestamp(period.end))]
        actual = won[label]
        for method, group in rows.sort_values("taken", kind="stable").groupby("method", sort=False):
            last = group.iloc[-1]
            amount = int(last["amount"])
            records.append({"period": label, "method": method, "taken": last["taken"], "forecast": amount,
                            "actual": actual, "note": None if actual else NO_ACTUAL,
                            "_end": period.end, "_months": period.months})
            exact.append(accuracy_of(amount, actual))
    frame = pd.DataFrame(records, columns=[*FORECAST_ACCURACY.names, "_end", "_months"])
    frame["_exact"] = pd.Series(exact, index=frame.index, dtype=object)
    frame["accuracy"] = [None if ratio is None else float(ratio) for ratio in exact]
    frame["rank"] = [None if ratio is None else 1 + sum(1 for other in frame["_exact"][frame["period"] == period]
                                                         if other is not None and other > ratio)
                     for period, ratio in zip(frame["period"], exact)]
    order = {method: n for n, method in enumerate(schema.SNAPSHOT_METHODS)}
    frame = frame.assign(_method=frame["method"].map(order)).sort_values(
        ["_end", "_months", "_method"], ascending=[False, True, True], kind="stable")
    rows = []
    for method, group in frame[frame["_exact"].notna()].groupby("method", sort=False):
        ratios = list(group["_exact"])
        rows.append({"method": method, "periods": len(ratios), "average": float(sum(ratios) / len(ratios)),
                     "best": int((group["rank"] == 1).sum()), "_exact": sum(ratios) / len(ratios)})
    summary = pd.DataFrame(rows, columns=[*METHOD_ACCURACY.names, "_exact"])
    if len(summary):
        summary = summary.sort_values("_exact", ascending=False, kind="stable")
    return _conformed(FORECAST_ACCURACY, frame), _conformed(METHOD_ACCURACY, summary)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_accuracy_equals_the_pandas_form(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 30))
    labels = ["2026-01", "2026-02", "2026-Q1", "2026-Q2", "2026"]
    snaps = pd.DataFrame({
        "taken": (pd.Timestamp("2025-12-20") + pd.to_timedelta(rng.integers(0, 120, n), unit="D")).astype("datetime64[ns]"),
        "period": pd.array(rng.choice(labels, n), dtype="string"),
        "method": pd.array(rng.choice(["weighted", "commit", "pipeline", "historical", "other"], n), dtype="string"),
        "amount": pd.array(rng.integers(0, 5, n) * 1000, dtype="Int64"),
    })
    book = {"ForecastSnapshots": snaps}
    won = {label: int(rng.choice([0, 1000, 2000, 3000])) for label in labels}
    as_of = date(2027, 1, 1) if seed % 2 else date(2026, 4, 15)
    frame, by_method = _accuracy(book, as_of, won=won)
    expected, expected_by_method = reference(book, as_of, won)
    pd.testing.assert_frame_equal(frame, expected)
    pd.testing.assert_frame_equal(by_method, expected_by_method)
