"""The report of the fixture book (tests/fixtures.py), checked against figures computed by hand.

Period 2026-Q1, USD. Open deals: D10 10,000.00 @10%, D11 3,333.33 @50%, D12 5,000.00 @80%,
D13 1,000.00 @80%, D14 2,500.00 @50%. Each deal's weighted amount is rounded once:
1,000.00 + 1,666.67 (1,666.665 half up) + 4,000.00 + 800.00 + 1,250.00 = 8,716.67.
Closed in Q1: won D1–D6 (59,000.00), lost D7, D8 -> win rate 6/8. Cycle days of the won
deals: 40 + 36 + 92 + 69 + 31 + 10 = 278. Velocity = 5 × 6/8 × 59,000.00 ÷ 278 days
= 795.863… -> 795.86 a day.
"""

from datetime import date

import pandas as pd
import pytest

from fixtures import row
from planner.core.periods import Period
from planner.core.report import compute_report


@pytest.fixture
def report(book):
    return compute_report(book, Period.parse("2026-Q1")).to_json()


def test_pipeline(report):
    pipeline = report["pipeline"]
    assert report["currency"] == "USD" and report["period"] == "2026-Q1"
    assert pipeline["open_count"] == 5
    assert pipeline["open_value"] == "21833.33"
    assert pipeline["weighted_value"] == "8716.67"
    assert pipeline["created_count"] == 9
    assert (pipeline["won_count"], pipeline["lost_count"]) == (6, 2)
    assert pipeline["won_value"] == "59000.00"
    assert pipeline["win_rate"] == 0.75
    assert pipeline["avg_won_deal"] == "9833.33"
    assert pipeline["avg_cycle_days"] == pytest.approx(278 / 6)
    assert pipeline["velocity_per_day"] == "795.86"
    assert pipeline["stages"] == [
        {"stage": "Prospect", "probability": 0.1, "count": 1, "value": "10000.00", "weighted": "1000.00"},
        {"stage": "Proposal", "probability": 0.5, "count": 2, "value": "5833.33", "weighted": "2916.67"},
        {"stage": "Commit", "probability": 0.8, "count": 2, "value": "6000.00", "weighted": "4800.00"},
    ]


def test_attainment_credits_splits_and_reverses_cancellations(report):
    # R1: D1 7,000 + D2 5,000 (owner given by name) + 40% of D5 9,000 = 15,600 against 3 × 10,000.
    # R2: D3 20,000 + D4 16,000 against its quarter row 30,000.
    # R3: 60% of D5 = 5,400; D6 2,000 won in January is reversed in February.
    rows = {row["rep"]: row for row in report["attainment"]}
    assert rows["R1"] == {"rep": "R1", "name": "김민지", "team": "Seoul", "period": "2026-Q1",
                          "quota": "30000.00", "credited": "15600.00", "attainment": 0.52}
    assert (rows["R2"]["quota"], rows["R2"]["credited"], rows["R2"]["attainment"]) == ("30000.00", "36000.00", 1.2)
    assert (rows["R3"]["quota"], rows["R3"]["credited"], rows["R3"]["attainment"]) == ("15000.00", "5400.00", 0.36)
    teams = {row["team"]: row for row in report["team_attainment"]}
    assert (teams["Seoul"]["quota"], teams["Seoul"]["credited"]) == ("50000.00", "21000.00")  # its own row
    assert (teams["Tokyo"]["quota"], teams["Tokyo"]["credited"]) == ("30000.00", "36000.00")  # members' sum


def test_seed_example_retroactive_tier(report):
    """Seed 001: a $10,000 monthly target, 10% once it is reached: $12,000 sold -> $1,200."""
    january = next(r for r in report["commissions"] if r["rep"] == "R1" and r["period"] == "2026-01")
    assert january["credited"] == "12000.00" and january["quota"] == "10000.00"
    assert january["commission"] == "1200.00" and january["total"] == "1200.00"
    february = next(r for r in report["commissions"] if r["rep"] == "R1" and r["period"] == "2026-02")
    assert february["credited"] == "3600.00" and february["commission"] == "0.00"  # below target: 0%


def test_marginal_tiers_cap_and_bonus(report):
    # R2, quarterly plan: 15,000 @2% + 15,000 @5% + 6,000 @10% = 1,650, capped at 1,500; bonus 500 at 100%.
    lines = [(l["line"], l["base"], l["rate"], l["amount"]) for l in report["commission_lines"] if l["rep"] == "R2"]
    assert lines == [
        ("tier", "15000.00", 0.02, "300.00"), ("tier", "15000.00", 0.05, "750.00"),
        ("tier", "6000.00", 0.1, "600.00"), ("cap", "1650.00", None, "-150.00"), ("bonus", None, None, "500.00"),
    ]
    r2 = next(r for r in report["commissions"] if r["rep"] == "R2")
    assert (r2["commission"], r2["bonus"], r2["total"]) == ("1500.00", "500.00", "2000.00")
    r3 = next(r for r in report["commissions"] if r["rep"] == "R3")
    assert (r3["commission"], r3["bonus"], r3["total"]) == ("108.00", "0.00", "108.00")  # 5,400 @2%


def test_forecast(report):
    # won 59,000 + weighted D10 1,000 + D11 1,666.67 + D13 800 + D14 1,250 (D12 closes in April)
    # (historical, cycle_length and overdue: see test_four_forecasts below)
    assert report["forecast"] == {
        "won": "59000.00", "open_weighted": "4716.67", "weighted": "63716.67",
        "commit": "60000.00", "best_case": "63333.33", "pipeline": "73333.33",
        "historical": "0.00", "cycle_length": "74154.67", "overdue": "0.00",
    }


def test_split_credit_adds_up_to_the_deal_exactly(book):
    """A three-way split of 9,000.01 credits 3,000.00 + 3,000.00 + 3,000.01, not 3 × 3,000.00."""
    book.set_value("Deals", row(book, "Deals", 4), "amount", 900_001)
    book.replace_table("Splits", pd.DataFrame({"deal_id": ["D5"] * 3, "rep": ["R3", "R1", "R2"],
                                               "share": [333_333, 333_333, 333_334]}))
    from planner.core.attainment import credit_lines

    lines = credit_lines(book.snapshot())  # by row ids (issue 15: the user's keys only where shown)
    d5 = lines[(lines["deal_id"] == row(book, "Deals", 4))]
    assert d5["amount"].tolist() == [300_000, 300_000, 300_001] and d5["amount"].sum() == 900_001


def test_default_period_is_the_quarter_of_the_book_date(book):
    assert compute_report(book).period.label == "2026-Q1"
    settings = book["Settings"]
    book.delete_rows("Settings", settings.index[settings["key"] == "as_of"])
    # without the setting, today (decisions.md: a live pipeline slips as days pass), never the
    # latest date recorded in the book (D4's close, 2026-03-15)
    assert book.as_of == date.today() and book.as_of_source == "today"
    report = compute_report(book)
    assert report.period == Period.containing(date.today(), "quarter") and report.to_json()["as_of_source"] == "today"


@pytest.mark.parametrize("label", ["2026-Q2", "2027", "1990-01"])
def test_periods_without_credit_report_zero_not_fail(book, label):
    report = compute_report(book, Period.parse(label)).to_json()
    assert {row["credited"] for row in report["attainment"]} <= {"0.00"}
    assert report["forecast"]["won"] == "0.00"
    if label == "2026-Q2":  # D12 (5,000.00 at 80%) is expected to close in April
        assert report["forecast"]["open_weighted"] == "4000.00"
        assert report["pipeline"]["open_count"] == 5  # the open pipeline does not depend on the period


def test_new_pipeline_figures(report):
    """Created in Q1: D4–D8, D10, D11, D12, D14 (9), of which D4, D5, D6 are won -> conversion 1/3.
    Average open deal 21,833.33 ÷ 5 = 4,366.666… -> 4,366.67. Coverage: open value expected in
    Q1 = D10 10,000 + D11 3,333.33 + D13 1,000 + D14 2,500 = 16,833.33 (D12 closes in April);
    quota Seoul 50,000 (its own row) + Tokyo 30,000 (R2's) = 80,000, credited 15,600 + 36,000
    + 5,400 = 57,000 -> 23,000 remains; 16,833.33 ÷ 23,000 = 0.73188…"""
    pipeline = report["pipeline"]
    assert pipeline["conversion_rate"] == pytest.approx(1 / 3)
    assert pipeline["avg_open_deal"] == "4366.67"
    assert (pipeline["pipeline_expected"], pipeline["quota_remaining"]) == ("16833.33", "23000.00")
    assert pipeline["coverage"] == pytest.approx(16_833.33 / 23_000)


def test_funnel_without_stage_history(report):
    """No StageHistory: each deal has reached its current stage (won: every open stage; lost:
    the first). Q1 cohort: D7, D8 lost and D10 Prospect; D11, D14 Proposal; D12 Commit;
    D4, D5, D6 won -> Prospect 9 -> 6, Proposal 6 -> 4, Commit 4 -> 3 won."""
    assert report["pipeline"]["funnel"] == [
        {"stage": "Prospect", "reached": 9, "advanced": 6, "conversion": pytest.approx(2 / 3)},
        {"stage": "Proposal", "reached": 6, "advanced": 4, "conversion": pytest.approx(2 / 3)},
        {"stage": "Commit", "reached": 4, "advanced": 3, "conversion": 0.75},
    ]


def test_pipeline_by_rep(report):
    """By owner (splits do not matter here): R1 created D8, D10, D14; won D1 + D2 = 12,000
    (40 and 36 days), lost D8; open D10 + D14 = 12,500, weighted 1,000 + 1,250.
    R2 created D4, D7, D11; won D3 + D4 = 36,000 (92, 69 days), lost D7; open D11 + D13 =
    4,333.33, weighted 1,666.67 + 800. R3 created D5, D6, D12; won D5 + D6 = 11,000 (31, 10
    days; D6's later cancellation does not unmake the win); open D12 5,000, weighted 4,000."""
    rows = {row["rep"]: row for row in report["pipeline_by_rep"]}
    assert rows["R1"] == {"rep": "R1", "name": "김민지", "team": "Seoul", "created": 3, "won_count": 2,
                          "won_value": "12000.00", "lost_count": 1, "win_rate": pytest.approx(2 / 3),
                          "open_count": 2, "open_value": "12500.00", "weighted_value": "2250.00",
                          "avg_cycle_days": 38.0, "conversion_rate": 0.0, "avg_won_deal": "6000.00",
                          # 2 open × 2/3 × 6,000 ÷ 38 days = 48,000 ÷ 228
                          "velocity_per_day": "210.53", "pipeline_expected": "12500.00",
                          "quota_remaining": rows["R1"]["quota_remaining"], "coverage": rows["R1"]["coverage"]}
    assert rows["R1"]["coverage"] == pytest.approx(12_500 / float(rows["R1"]["quota_remaining"]))
    assert (rows["R2"]["won_value"], rows["R2"]["weighted_value"], rows["R2"]["avg_cycle_days"]) == \
        ("36000.00", "2466.67", 80.5)
    assert (rows["R3"]["won_value"], rows["R3"]["win_rate"], rows["R3"]["avg_cycle_days"]) == ("11000.00", 1.0, 20.5)


def test_health_without_stage_history(report):
    """As of 2026-03-31. No won deal has stage history, so no stage has a typical time and
    nothing is stalled. Slipped: D10 (expected 03-20), D11 (03-30), D14 (02-28) lie in the
    past; D13's 03-31 is today, D12's 04-15 is ahead."""
    assert report["as_of"] == "2026-03-31"
    assert report["health"] == {"stalled": [], "slipped": ["D10", "D11", "D14"]}


def test_four_forecasts(book):
    """Q1. Historical: nothing was won in Oct–Dec 2025 and the book has no inputs -> 0.
    Cycle length: average won cycle 278 / 6 days; open deals expected in Q1, age at 03-31:
    D10 44 days -> 10,000 × 264/278 = 9,496.40; D11 30 days -> 3,333.33 × 180/278 = 2,158.27;
    D13 101 days and D14 70 days are past the typical cycle -> 1,000 + 2,500 in full:
    59,000 + 15,154.67 = 74,154.67. Overdue: nothing expected before Q1 is open.
    Q2: historical from Jan–Mar (59,000 won) with 10% growth and one new rep × 2,000:
    59,000 × 1.1 + 2,000 = 66,900; overdue beside it: D10, D11, D14 expected before 03-31
    (10,000 + 3,333.33 + 2,500 = 15,833.33); D13's 03-31 is not past."""
    q1 = compute_report(book, Period.parse("2026-Q1")).to_json()["forecast"]
    assert (q1["historical"], q1["cycle_length"], q1["overdue"]) == ("0.00", "74154.67", "0.00")
    q2 = compute_report(book, Period.parse("2026-Q2"), forecast_inputs={
        "forecast_growth": "10%", "forecast_new_reps": 1, "forecast_new_rep_revenue": "2000"}).to_json()["forecast"]
    assert (q2["historical"], q2["overdue"]) == ("66900.00", "15833.33")


def test_as_of_parameter_overrides_the_setting(book):
    report = compute_report(book, Period.parse("2026-Q1"), as_of="2026-02-01")
    assert report.as_of.isoformat() == "2026-02-01"
    # D14 (expected 02-28) is no longer past; the book is as it stood on 02-01 (issue 19): won
    # by then D1 7,000 + D2 5,000 + D3 20,000 (won 02-01) + D6 2,000 (cancelled only on 02-05)
    # = 34,000; D4 and D5, won later, are open; D10-D12, created later, are absent
    assert report.health["slipped"] == []
    assert report.forecast["won"] == 3_400_000
    assert compute_report(book, Period.parse("2026-Q1")).forecast["won"] == 5_900_000


def test_a_period_shown_again_reuses_its_commissions_until_the_book_changes(book, monkeypatch):
    """Commissions are computed once per period and revision (issue 18: a period change)."""
    from planner.core import commissions as commissions_module

    computed = []

    def counting(snapshot, period):
        computed.append(period.label)
        return original(snapshot, period)

    original = commissions_module._commissions
    monkeypatch.setattr(commissions_module, "_commissions", counting)
    first = compute_report(book, Period.parse("2026-Q1"))
    compute_report(book, Period.parse("2026-Q2"))
    again = compute_report(book, Period.parse("2026-Q1"))
    assert computed == ["2026-Q1", "2026-Q2"]
    assert again.to_json() == first.to_json()
    deal = row(book, "Deals", 0)
    book.set_value("Deals", deal, "amount", int(book["Deals"].at[deal, "amount"]) + 100)
    compute_report(book, Period.parse("2026-Q1"))
    assert computed == ["2026-Q1", "2026-Q2", "2026-Q1"]  # a new revision: computed afresh
