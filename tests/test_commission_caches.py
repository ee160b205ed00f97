"""What payouts and commissions keep once per revision of a plan sheet (the Plans columns as
arrays, the tiers' and bonuses' columns a commission line shows) is never read after an edit
of that sheet, nor for another period: each report equals a fresh book's."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.report import compute_report

from test_period_switch import edited, same_as_fresh


@pytest.fixture(scope="module")
def start():
    return demo_book(as_of=date(2026, 6, 30), deals=400)


def row(book, table: str, column: str, value) -> int:
    frame = book[table]
    return int(frame.index[(frame[column] == value).to_numpy(dtype=bool, na_value=False)][0])


@pytest.mark.parametrize("table, change", [
    ("Plans", lambda book: ("Plans", row(book, "Plans", "plan", "ENT-Q"), {"cap": 100})),  # a cap that bites
    ("Plans", lambda book: ("Plans", row(book, "Plans", "plan", "JR-M"), {"period": "quarter"})),
    ("PlanTiers", lambda book: ("PlanTiers", int(book["PlanTiers"].index[1]), {"rate": 77_777})),
    ("PlanBonuses", lambda book: ("PlanBonuses", int(book["PlanBonuses"].index[0]), {"from": 10_000})),
])
def test_an_edit_of_a_plan_sheet_shows_in_the_next_report(start, table, change):
    book = start.copy()
    quarter, month = Period.parse("2026-Q1"), Period.parse("2026-02")
    before = {period: compute_report(book, period).to_json() for period in (quarter, month)}
    sheet, at, values = change(book)
    edited(book, sheet, at, **values)
    for period in (month, quarter, Period.parse("2025")):
        same_as_fresh(book, period)
    after = compute_report(book, quarter).to_json()
    assert (after["commissions"], after["commission_lines"]) != (before[quarter]["commissions"],
                                                                 before[quarter]["commission_lines"])


def test_an_edit_of_the_stages_order_shows_in_the_pipeline_and_funnel(start):
    """The open stages in order and each stage's step are kept once per revision of Stages."""
    book = start.copy()
    quarter = Period.parse("2026-Q1")
    before = compute_report(book, quarter).to_json()["pipeline"]
    stages = book["Stages"]
    first = int(stages.index[(stages["kind"] == "open").to_numpy(dtype=bool)][0])
    edited(book, "Stages", first, order=int(stages["order"].max()) + 1)  # the first open stage comes last
    for period in (quarter, Period.parse("2026-02")):
        same_as_fresh(book, period)
    after = compute_report(book, quarter).to_json()["pipeline"]
    assert after["stages"] != before["stages"] and after["funnel"] != before["funnel"]
