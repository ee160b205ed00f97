"""After any sequence of edits (of deals and of every sheet the per-revision caches of another
period's report read), undos and redos, the report for periods not shown before equals a fresh
book's, holding the same rows with nothing cached."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core import schema
from planner.core.book import Book
from planner.core.changes import SetValues
from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.problems import Refused
from planner.core.report import compute_report

from test_incremental import AS_OF, a_value

# the sheets edited beside Deals: what the statements, the names shown and the rep lists read
SHEETS = ("Reps", "Teams", "Quotas", "Splits", "Plans", "PlanTiers", "PlanBonuses", "PlanMultipliers", "Spiffs",
          "ForecastOverrides", "Stages")
PERIODS = ("2025-Q4", "2025-Q3", "2025-Q1", "2024-Q4", "2025-11", "2026-02", "2025", "2026-Q3")


@pytest.fixture(scope="module")
def start() -> Book:
    book = demo_book(as_of=AS_OF)
    plans = book["Plans"]
    book.insert_rows("PlanMultipliers", pd.DataFrame({"plan": [int(plans.index[0])], "multiplier": [1_250_000]}))
    return book


def a_new_value(data, table: str, frame: pd.DataFrame, column: str):
    """A value another row holds (test_incremental.a_value), or for a number or a day now and
    then one no row holds: a cap, a window, a rate or a rep's last day the book had not seen."""
    dtype = frame[column].dtype
    if data.draw(st.booleans(), label="new"):
        if pd.api.types.is_integer_dtype(dtype) and column not in {c.name for c in schema.TABLES[table].refs}:
            return data.draw(st.integers(0, 3_000_000), label="number")
        if pd.api.types.is_datetime64_any_dtype(dtype):
            return pd.Timestamp("2024-01-01") + pd.Timedelta(days=data.draw(st.integers(0, 1000), label="day"))
    return a_value(data, frame, column)


def _json(book, period: Period) -> dict:
    return compute_report(book, period).to_json()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_another_period_after_edits_undos_and_redos_equals_a_full_recompute(start, data):
    book = start.copy()
    book.clock = lambda: AS_OF
    compute_report(book), compute_report(book, Period.parse("2026-Q1"))
    undo, redo = [], []
    for _step in range(data.draw(st.integers(1, 5), label="steps")):
        action = data.draw(st.sampled_from(["deal", "sheet", "sheet", "undo", "redo"]), label="action")
        if action == "undo" and undo:
            redo.append(book.apply(undo.pop(), check=False, origin="undo"))
        elif action == "redo" and redo:
            undo.append(book.apply(redo.pop(), check=False, origin="redo"))
        elif action in ("deal", "sheet"):
            table = "Deals" if action == "deal" else data.draw(st.sampled_from(SHEETS), label="table")
            frame = book[table]
            if not len(frame):
                continue
            row = int(frame.index[data.draw(st.integers(0, len(frame) - 1), label="row")])
            column = data.draw(st.sampled_from(schema.TABLES[table].names), label="column")
            value = a_new_value(data, table, frame, column)
            values = pd.DataFrame({column: pd.array([value], dtype=frame[column].dtype)},
                                  index=pd.Index([row], name=schema.ROW_ID))
            try:
                undo.append(book.apply(SetValues(table, values)))
            except Refused:
                continue  # a value this book does not take: nothing changed
            redo.clear()
        period = Period.parse(data.draw(st.sampled_from(PERIODS), label="period"))
        assert _json(book, period) == _json(book.copy(), period)
