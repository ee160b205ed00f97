"""What the report for another period reads from per-revision caches (the plans' clawback
windows and rate multipliers as arrays, how a warning names a rep, a table's row positions) is
never read after an edit of what it is made from: each report equals a fresh book's."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.report import compute_report

from test_period_switch import edited, same_as_fresh, won_deal


@pytest.fixture(scope="module")
def start():
    return demo_book(as_of=date(2026, 6, 30))


def _lines(book, period: str, rule: str) -> list:
    return [line for line in compute_report(book, Period.parse(period)).to_json()["commission_lines"]
            if line["line"] == rule]


def test_an_edit_of_a_clawback_window_shows_in_the_next_report_for_another_period(start):
    book = start.copy()
    compute_report(book), compute_report(book, Period.parse("2026-Q1"))
    before = _lines(book, "2025-Q3", "clawback")
    assert before  # cancellations clawed back there
    for plan in book["Plans"].index:
        edited(book, "Plans", int(plan), clawback_days=0)  # none is cancelled on the day it was won
    for period in ("2025-Q3", "2025", "2026-Q2"):
        same_as_fresh(book, Period.parse(period))
    assert _lines(book, "2025-Q3", "clawback") != before


def test_an_edit_of_a_rate_multiplier_shows_in_the_next_report_for_another_period(start):
    book = start.copy()
    plans = book["Plans"]
    plan = int(plans.index[(plans["plan"] == "ENT-Q").to_numpy(dtype=bool)][0])
    compute_report(book)
    book.insert_rows("PlanMultipliers", pd.DataFrame({"plan": [plan], "multiplier": [1_500_000]}))
    compute_report(book, Period.parse("2026-Q1"))
    before = _lines(book, "2025-Q4", "tier")
    row = int(book["PlanMultipliers"].index[0])
    edited(book, "PlanMultipliers", row, multiplier=2_500_000)
    for period in ("2025-Q4", "2025-Q3", "2026-02"):
        same_as_fresh(book, Period.parse(period))
    assert _lines(book, "2025-Q4", "tier") != before


def test_a_renamed_rep_is_named_anew_in_the_warnings_of_another_period(start):
    book = start.copy()
    warned = compute_report(book, Period.parse("2024-Q4")).to_json()["warnings"]
    assert any("(S05)" in text for text in warned)  # no quota for 2024-12
    reps = book["Reps"]
    edited(book, "Reps", int(reps.index[(reps["id"] == "S05").to_numpy(dtype=bool)][0]), name="Renamed Rep")
    warned = compute_report(book, Period.parse("2024")).to_json()["warnings"]
    assert any(text.startswith("Renamed Rep (S05)") for text in warned)
    same_as_fresh(book, Period.parse("2024"))


def test_a_plan_inserted_first_leaves_every_plan_named_right_for_another_period(start):
    """The reports name a plan through a table of row positions kept per revision of which rows
    Plans has: a row inserted before the others moves every position."""
    book = start.copy()
    compute_report(book), compute_report(book, Period.parse("2026-Q1"))
    book.insert_rows("Plans", pd.DataFrame({"plan": ["AAA-NEW"], "period": ["quarter"]}), at=0)
    for period in ("2025-Q4", "2026-Q1"):
        same_as_fresh(book, Period.parse(period))
    shown = {line["plan"] for line in compute_report(book, Period.parse("2025-Q4")).to_json()["commissions"]}
    assert "AAA-NEW" not in shown and shown <= set(book["Plans"]["plan"])


def test_a_deal_no_longer_won_leaves_the_historical_forecast_of_another_period(start):
    """The won deals' positions are kept once per revision: the historical forecast of a
    quarter sums those closed in the three months before it."""
    book = start.copy()
    quarter = Period.parse("2025-Q4")
    compute_report(book), compute_report(book, Period.parse("2026-Q1"))
    before = compute_report(book, quarter).to_json()["forecast"]["historical"]
    stages = book["Stages"]
    lost = int(stages.index[(stages["kind"] == "lost").to_numpy(dtype=bool)][0])
    edited(book, "Deals", won_deal(book, 2025, 9), stage=lost)
    for period in (quarter, Period.parse("2025-10")):
        same_as_fresh(book, period)
    assert compute_report(book, quarter).to_json()["forecast"]["historical"] != before


def test_a_rep_who_left_is_not_shown_in_the_next_report_for_another_period(start):
    """Which reps are employed in a period is kept once per revision of their dates: a quarter
    after the book's quotas shows every rep employed in it, and no other."""
    book = start.copy()
    later = Period.parse("2027-Q1")
    compute_report(book)

    def shown(report: str) -> set:
        return {row["rep"] for row in compute_report(book, later).to_json()[report]}
    assert "S01" in shown("attainment") and "S01" in shown("pipeline_by_rep")
    reps = book["Reps"]
    edited(book, "Reps", int(reps.index[(reps["id"] == "S01").to_numpy(dtype=bool)][0]),
           end_date=pd.Timestamp("2026-12-31"))
    same_as_fresh(book, later)
    assert "S01" not in shown("attainment") | shown("forecast_by_rep")  # (its open deals keep it in the pipeline)


def test_a_lead_unconverted_shows_in_the_leads_of_another_period(start):
    """The leads' summary is kept once per revision: every period's report shows the same."""
    book = start.copy()
    compute_report(book), compute_report(book, Period.parse("2026-Q1"))
    before = compute_report(book, Period.parse("2025-Q4")).to_json()["leads"]
    leads = book["Leads"]
    edited(book, "Leads", int(leads.index[leads["deal"].notna().to_numpy()][0]), deal=pd.NA)
    after = compute_report(book, Period.parse("2025-Q3")).to_json()["leads"]
    assert after == {**before, "converted": before["converted"] - 1}
    same_as_fresh(book, Period.parse("2025-Q3"))


def test_a_won_amount_edited_shows_in_the_pipeline_and_forecast_of_its_period(start):
    """A period's won value is kept once per state and period, read by the pipeline and the forecast."""
    book = start.copy()
    quarter = Period.parse("2025-Q4")
    before = compute_report(book, quarter).to_json()
    deal = won_deal(book, 2025, 11)
    edited(book, "Deals", deal, amount=int(book["Deals"].at[deal, "amount"]) + 12_345)
    after = compute_report(book, quarter).to_json()
    assert after["pipeline"]["won_value"] != before["pipeline"]["won_value"]
    assert after["forecast"] != before["forecast"]
    for period in (quarter, Period.parse("2025-11"), Period.parse("2025")):
        same_as_fresh(book, period)
