"""Commission tiers at their edges, on one rep and one month, in KRW (no minor units)."""

import pandas as pd
import pytest

from fixtures import row as row_id
from planner.core.book import Book
from planner.core.periods import Period
from planner.core.report import compute_report


def one_rep_book(tiers, won_amounts, quota=10_000_000, bonuses=(), cap=None, currency="KRW"):
    deals = [(f"D{n}", "R1", "Won", amount, "2026-01-02", "2026-01-20") for n, amount in enumerate(won_amounts)]
    return Book({
        "Settings": pd.DataFrame({"key": ["currency"], "value": [currency]}),
        "Stages": pd.DataFrame({"stage": ["Open", "Won", "Lost"], "order": [1, 2, 3],
                                "probability": [500_000, 1_000_000, 0], "kind": ["open", "won", "lost"]}),
        "Reps": pd.DataFrame({"id": ["R1"], "name": ["홍길동"], "plan": ["P"]}),
        "Plans": pd.DataFrame({"plan": ["P"], "period": ["month"], "cap": [cap]}),
        "PlanTiers": pd.DataFrame(tiers, columns=["from", "to", "rate", "method"]).assign(plan="P"),
        "PlanBonuses": pd.DataFrame(list(bonuses), columns=["from", "amount"]).assign(plan="P"),
        "Quotas": pd.DataFrame([("R1", "2026-01", quota)] if quota else [], columns=["rep", "period", "amount"]),
        "Deals": pd.DataFrame(deals, columns=["id", "owner", "stage", "amount", "created", "closed"]),
    })


def commission(book):
    report = compute_report(book, Period.parse("2026-01"))
    return report.commissions.iloc[0], report


RETRO = [(0, 1_000_000, 0, "retroactive"), (1_000_000, None, 100_000, "retroactive")]
MARGINAL = [(0, 1_000_000, 50_000, "marginal"), (1_000_000, 1_500_000, 100_000, "marginal"),
            (1_500_000, None, 150_000, "marginal")]


def test_retroactive_tier_is_reached_exactly_at_its_threshold():
    row, _ = commission(one_rep_book(RETRO, [10_000_000]))
    assert row["commission"] == 1_000_000  # 100.0% exactly: 10% of all 10,000,000 won
    row, _ = commission(one_rep_book(RETRO, [9_999_999]))
    assert row["commission"] == 0


def test_marginal_slices_each_pay_their_own_rate():
    # 20,000,000 against 10,000,000: 10,000,000 @5% + 5,000,000 @10% + 5,000,000 @15%
    row, report = commission(one_rep_book(MARGINAL, [12_000_000, 8_000_000]))
    assert row["commission"] == 500_000 + 500_000 + 750_000
    assert report.commission_lines["base"].tolist() == [10_000_000, 5_000_000, 5_000_000]


def test_each_line_is_rounded_once_half_up_and_totals_sum_the_lines():
    # 3,333,333 @ 12.5% = 416,666.625 -> 416,667 won
    row, report = commission(one_rep_book([(0, None, 125_000, "marginal")], [3_333_333]))
    assert report.commission_lines["amount"].tolist() == [416_667]
    assert row["commission"] == 416_667


def test_cancelled_credit_reduces_the_month_it_is_cancelled_in():
    book = one_rep_book(MARGINAL, [10_000_000, 4_000_000])
    book.set_value("Deals", row_id(book, "Deals", 1), "cancelled", pd.Timestamp("2026-01-25"))
    row, _ = commission(book)
    assert row["credited"] == 10_000_000 and row["commission"] == 500_000


@pytest.mark.parametrize("quota", [None, 0])
def test_a_plan_that_depends_on_attainment_needs_a_quota(quota):
    book = one_rep_book(MARGINAL, [5_000_000], quota=None)
    if quota is not None:
        book.replace_table("Quotas", pd.DataFrame({"rep": ["R1"], "period": ["2026-01"], "amount": [quota]}))
    row, report = commission(book)
    assert row["commission"] == 0
    assert report.to_json()["warnings"] == ["홍길동 (R1) has no quota above zero for 2026-01: no commission computed"]


def test_a_cancellation_claws_back_what_the_deal_was_paid_not_through_the_tiers():
    book = one_rep_book(MARGINAL, [1_000_000, 4_000_000])
    book.replace_table("Quotas", pd.DataFrame({"rep": ["R1", "R1"], "period": ["2025-12", "2026-01"],
                                               "amount": [10_000_000, 10_000_000]}))
    book.set_values("Deals", pd.DataFrame({"created": [pd.Timestamp("2025-12-01")], "closed": [pd.Timestamp("2025-12-20")],
                                           "cancelled": [pd.Timestamp("2026-01-25")]}, index=[row_id(book, "Deals", 1)]))
    row, report = commission(book)
    # December paid D1 4,000,000 @ 5% = 200,000; January: D0 1,000,000 @ 5% = 50,000, less the
    # clawback of D1's 200,000 = -150,000 (attainment shows the reversed credit, the tiers do not)
    assert row["credited"] == -3_000_000 and row["commission"] == 50_000 - 200_000
    assert report.warnings == []


def test_tier_lines_can_be_checked_by_hand():
    """Bounds are rounded to whole minor units first: bases add up to the credit, and each
    amount is its base × rate rounded once (USD, quota 33.49, credited 33.49)."""
    tiers = [(0, 500_000, 20_000, "marginal"), (500_000, 1_000_000, 60_000, "marginal"),
             (1_000_000, None, 100_000, "marginal")]
    _, report = commission(one_rep_book(tiers, [3349], quota=3349, currency="USD"))
    lines = report.commission_lines
    assert lines["base"].tolist() == [1675, 1674] and sum(lines["base"]) == 3349
    assert lines["amount"].tolist() == [34, 100]  # 16.75 × 2% = 0.335 -> 0.34; 16.74 × 6% = 1.0044 -> 1.00


def test_a_flat_plan_pays_without_a_quota():
    row, report = commission(one_rep_book([(0, None, 30_000, "marginal")], [5_000_000], quota=None))
    assert row["commission"] == 150_000 and report.warnings == []


def test_bonuses_and_cap():
    book = one_rep_book(MARGINAL, [15_000_000], bonuses=[(1_000_000, 200_000), (1_500_000, 300_000)], cap=600_000)
    row, report = commission(book)
    # tiers 500,000 + 500,000 = 1,000,000, capped at 600,000; both bonuses reached (150% exactly)
    assert (row["commission"], row["bonus"], row["total"]) == (600_000, 500_000, 1_100_000)
    assert report.commission_lines["line"].tolist() == ["tier", "tier", "cap", "bonus", "bonus"]


def test_money_is_printed_in_the_currency_minor_units():
    _, report = commission(one_rep_book(RETRO, [12_000_000]))
    assert report.to_json()["commissions"][0]["commission"] == "1200000"


@pytest.mark.parametrize("rows, expected", [
    ([("R1", "2026-01", 100), ("R1", "2026-02", 200), ("R1", "2026-03", 300)], {"2026-Q1": 600, "2026": 600}),
    ([("R1", "2026-Q1", 1000), ("R1", "2026-01", 100)], {"2026-Q1": 1000, "2026-01": 100, "2026": 1000}),
    ([("R1", "2026-Q1", 1000), ("R1", "2026-04", 50), ("R1", "2026", 5000)], {"2026-Q2": 50, "2026": 5000}),
    ([("홍길동", "2026-Q1", 70)], {"2026-Q1": 70, "2026": 70}),
])
def test_a_period_quota_is_its_own_row_or_the_sum_of_its_parts(rows, expected):
    from planner.core.attainment import quota_amounts

    book = one_rep_book(RETRO, [1])
    book.replace_table("Quotas", pd.DataFrame(rows, columns=["rep", "period", "amount"]).astype({"amount": "Int64"}))
    quotas = quota_amounts(book.snapshot())  # by the rep's row id
    rep = int(book["Reps"].index[0])
    assert {label: int(quotas[(rep, label)]) for label in expected} == expected
