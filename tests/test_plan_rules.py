"""The deal-level rules of a plan (core/plan_rules.py), each by hand: rate multipliers by product
and deal type, the clawback window and SPIFFs (the engine against the Decimal reference on
random plans with these rules: test_statements.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from statement_reference import engine_lines, reference_lines  # noqa: E402

from planner.core.attainment import attainment  # noqa: E402
from planner.core.book import Book  # noqa: E402
from planner.core.periods import Period  # noqa: E402
from planner.core.plan_rules import multipliers  # noqa: E402
from planner.core.report import compute_report  # noqa: E402
from planner.core.statements import statement_lines  # noqa: E402

FLAT = [(0, None, 100_000, "marginal")]  # 10% of everything
RETRO = [(0, 1_000_000, 0, "retroactive"), (1_000_000, None, 100_000, "retroactive")]
MARGINAL = [(0, 1_000_000, 50_000, "marginal"), (1_000_000, 1_500_000, 100_000, "marginal"),
            (1_500_000, None, 150_000, "marginal")]


def book_of(tiers, deals, quotas=(("2026-01", 10_000_000),), reps=1, splits=(), multipliers_=(), spiffs=(),
            clawback_days=None, currency="USD", bonuses=(), salary=None, joined=None, left=None) -> Book:
    """Reps R1… on plan P (monthly); ``deals`` are (amount, closed, cancelled, product,
    deal_type) won by R1; ``multipliers_`` (product, deal_type, multiplier), ``spiffs``
    (product, deal_type, from, to, amount), ``splits`` (deal, rep, share), ``bonuses`` (from,
    amount, percent_of_base); R1's base ``salary`` and the days it ``joined`` and ``left``."""
    rows = [(f"D{n}", "R1", "Won", amount, "2025-10-01", closed, cancelled, product, deal_type)
            for n, (amount, closed, cancelled, product, deal_type) in enumerate(deals, start=1)]
    return Book({
        "Settings": pd.DataFrame({"key": ["currency"], "value": [currency]}),
        "Stages": pd.DataFrame({"stage": ["Won"], "order": [1], "probability": [1_000_000], "kind": ["won"]}),
        "Reps": pd.DataFrame({"id": [f"R{n}" for n in range(1, reps + 1)], "name": [f"Rep {n}" for n in range(1, reps + 1)],
                              "plan": ["P"] * reps, "base_salary": [salary] + [None] * (reps - 1),
                              "start_date": [joined] + [None] * (reps - 1), "end_date": [left] + [None] * (reps - 1)}),
        "PlanBonuses": pd.DataFrame(list(bonuses), columns=["from", "amount", "percent_of_base"]).assign(plan="P"),
        "Plans": pd.DataFrame({"plan": ["P"], "period": ["month"], "clawback_days": [clawback_days]}),
        "PlanTiers": pd.DataFrame(tiers, columns=["from", "to", "rate", "method"]).assign(plan="P"),
        "PlanMultipliers": pd.DataFrame(list(multipliers_), columns=["product", "deal_type", "multiplier"]).assign(plan="P"),
        "Spiffs": pd.DataFrame(list(spiffs), columns=["product", "deal_type", "from", "to", "amount"]).assign(plan="P"),
        "Splits": pd.DataFrame(list(splits), columns=["deal_id", "rep", "share"]),
        "Quotas": pd.DataFrame([(f"R{n}", *q) for n in range(1, reps + 1) for q in quotas],
                               columns=["rep", "period", "amount"]),
        "Deals": pd.DataFrame(rows, columns=["id", "owner", "stage", "amount", "created", "closed", "cancelled",
                                             "product", "deal_type"]),
    })


def lines_of(book, period="2026-01", rep="R1") -> list[tuple]:
    """(deal id, rule, rate, base, amount) of each line of ``rep``'s statement for ``period``,
    checked against the Decimal reference on the way."""
    snapshot = book.snapshot()
    every = statement_lines(snapshot, Period.parse(period))
    assert engine_lines(every) == reference_lines(snapshot, Period.parse(period))
    reps = snapshot["Reps"]["id"]
    lines = every[(every["period"] == period).to_numpy() & (every["rep"].map(reps) == rep).to_numpy()]
    deals = snapshot["Deals"]["id"]
    return [(None if pd.isna(deal) else deals[deal], rule, None if pd.isna(rate) else int(rate),
             None if pd.isna(base) else int(base), int(amount))
            for deal, rule, rate, base, amount in lines[["deal", "rule", "rate", "base", "amount"]].itertuples(index=False)]


# -- rate multipliers ------------------------------------------------------------------------------

def test_a_renewal_at_half_rate_pays_half_the_rate_and_still_counts_in_full_for_attainment():
    # quota 100,000.00; tiers 5% to 100%, 10% to 150%, 15% above; renewals × 0.5
    # D1 renewal 80,000.00 on the 3rd: 80,000.00 @ 5% × 0.5 = 2.5% -> 2,000.00
    # D2 new 40,000.00 on the 9th: the renewal's full credit counts, so D2 crosses 100% at 20,000.00:
    #   20,000.00 @ 5% = 1,000.00 + 20,000.00 @ 10% = 2,000.00
    book = book_of(MARGINAL, [(8_000_000, "2026-01-03", None, "Gold", "renewal"),
                              (4_000_000, "2026-01-09", None, "Gold", "new")],
                   multipliers_=[(None, "renewal", 500_000)])
    assert lines_of(book) == [("D1", "tier", 25_000, 8_000_000, 200_000),
                              ("D2", "tier", 50_000, 2_000_000, 100_000), ("D2", "tier", 100_000, 2_000_000, 200_000)]
    reps, _ = attainment(book.snapshot(), Period.parse("2026-01"))
    assert reps["credited"].tolist() == [12_000_000]  # attainment does not change
    assert int(compute_report(book, Period.parse("2026-01")).commissions["total"].iloc[0]) == 500_000


def test_the_row_naming_both_wins_otherwise_product_and_deal_type_rows_multiply():
    rows = [("Gold", None, 1_200_000), (None, "renewal", 500_000), ("Gold", "upsell", 2_000_000)]
    deals = [(100, "2026-01-02", None, "Gold", "renewal"),   # Gold × renewal: 1.2 × 0.5 = 0.6
             (100, "2026-01-03", None, " gold ", "upsell"),  # the row naming both (case and spaces ignored): 2
             (100, "2026-01-04", None, "Silver", "renewal"),  # renewal only: 0.5
             (100, "2026-01-05", None, "Gold", None),  # Gold only: 1.2
             (100, "2026-01-06", None, None, "new")]  # none: 1
    book = book_of(FLAT, deals, multipliers_=rows).snapshot()
    plan = np.full(5, int(book["Plans"].index[0]))
    assert multipliers(book, book["Deals"].index.to_numpy(), plan).tolist() == [
        600_000, 2_000_000, 500_000, 1_200_000, 1_000_000]
    # 10% × 0.6 = 6%, × 2 = 20%, × 0.5 = 5%, × 1.2 = 12%, × 1 = 10%: of 1.00 each -> 6, 20, 5, 12, 10 cents
    assert [(line[2], line[4]) for line in lines_of(book_of(FLAT, deals, multipliers_=rows))] == [
        (60_000, 6), (200_000, 20), (50_000, 5), (120_000, 12), (100_000, 10)]


def test_a_multiplied_rate_is_rounded_half_up_to_a_millionth_and_the_line_once():
    # 3.3333% × 0.5 = 1.66665% -> 1.6667% (16,667 millionths); 1,000.00 × 1.6667% = 16.667 -> 16.67
    book = book_of([(0, None, 33_333, "marginal")], [(100_000, "2026-01-10", None, None, "renewal")],
                   multipliers_=[(None, "renewal", 500_000)])
    assert lines_of(book) == [("D1", "tier", 16_667, 100_000, 1_667)]


def test_a_retroactive_lift_pays_each_deal_at_its_own_multiplied_rate():
    # quota 10,000.00; 0% below 100%, 10% from 100% on; renewals × 0.5
    # D1 renewal 5,000.00 on the 5th: 50%, 0%; D2 new 7,000.00 on the 20th: 120%, 10% -> 700.00
    # D1's lift: 10% × 0.5 - 0% = 5% of 5,000.00 = 250.00
    book = book_of(RETRO, [(500_000, "2026-01-05", None, None, "renewal"), (700_000, "2026-01-20", None, None, "new")],
                   quotas=[("2026-01", 1_000_000)], multipliers_=[(None, "renewal", 500_000)])
    assert lines_of(book) == [("D1", "tier", 0, 500_000, 0), ("D2", "tier", 100_000, 700_000, 70_000),
                              ("D1", "retro_lift", 50_000, 500_000, 25_000)]


# -- the clawback window ---------------------------------------------------------------------------

def test_a_cancellation_after_the_window_is_not_clawed_back_but_attainment_still_reverses():
    # 10% flat, window 30 days. D1 1,000.00 closed Jan 5, cancelled Feb 10: 36 days, kept (no line);
    # D2 2,000.00 closed Jan 25, cancelled Feb 10: 16 days, clawed back: -200.00;
    # D3 500.00 closed Feb 3: 50.00. February pays 50.00 - 200.00 = -150.00
    deals = [(100_000, "2026-01-05", "2026-02-10", None, None), (200_000, "2026-01-25", "2026-02-10", None, None),
             (50_000, "2026-02-03", None, None, None)]
    book = book_of(FLAT, deals, quotas=(), clawback_days=30)
    assert lines_of(book, "2026-02") == [("D3", "tier", 100_000, 50_000, 5_000), ("D2", "clawback", None, None, -20_000)]
    reps, _ = attainment(book.snapshot(), Period.parse("2026-02"))
    assert reps["credited"].tolist() == [50_000 - 100_000 - 200_000]  # both cancellations reverse the credit
    # no window: both are clawed back (today's behaviour); a window of exactly 36 days keeps D1's too
    assert [line[4] for line in lines_of(book_of(FLAT, deals, quotas=()), "2026-02")] == [5_000, -10_000, -20_000]
    assert [line[4] for line in lines_of(book_of(FLAT, deals, quotas=(), clawback_days=36), "2026-02")] == [
        5_000, -10_000, -20_000]


# -- SPIFFs ----------------------------------------------------------------------------------------

def test_a_spiff_pays_each_qualifying_won_deal_in_the_period_it_is_won():
    # SPIFF 50.00 per Gold deal closed Jan 10 to Jan 31 (inclusive); 25.00 per new deal, any time
    # D1 Gold Jan 5 (before the range): none; D2 Gold renewal Jan 31: 50.00; D3 Silver new Jan 20: 25.00;
    # D4 Gold new Feb 1: 25.00 (the Gold SPIFF has ended), in February
    deals = [(10_000, "2026-01-05", None, "Gold", "renewal"), (10_000, "2026-01-31", None, "Gold", "renewal"),
             (10_000, "2026-01-20", None, "Silver", "new"), (10_000, "2026-02-01", None, "Gold", "new")]
    spiffs = [("Gold", None, "2026-01-10", "2026-01-31", 5_000), (None, "new", None, None, 2_500)]
    book = book_of(FLAT, deals, quotas=(), spiffs=spiffs)
    assert [line for line in lines_of(book) if line[1] == "spiff"] == [("D3", "spiff", None, 2_500, 2_500),
                                                                        ("D2", "spiff", None, 5_000, 5_000)]
    assert [line for line in lines_of(book, "2026-02") if line[1] == "spiff"] == [("D4", "spiff", None, 2_500, 2_500)]
    # January: tiers 10.00 × 3 + SPIFFs 75.00
    assert int(compute_report(book, Period.parse("2026-01")).commissions["total"].iloc[0]) == 3_000 + 7_500


def test_a_split_deal_pays_each_rep_the_spiff_times_the_share_exactly():
    # 100.00 SPIFF on a deal split in thirds (1/3 each, held as 333,333 millionths): 33.34 + 33.33 + 33.33
    book = book_of(FLAT, [(90_000, "2026-01-15", None, None, None)], quotas=(), reps=3,
                   splits=[("D1", f"R{n}", 333_333) for n in (1, 2, 3)], spiffs=[(None, None, None, None, 10_000)])
    parts = [[line[4] for line in lines_of(book, rep=rep) if line[1] == "spiff"] for rep in ("R1", "R2", "R3")]
    assert parts == [[3_334], [3_333], [3_333]] and sum(sum(part) for part in parts) == 10_000


def test_a_spiff_is_clawed_back_with_its_deal_inside_the_window_only():
    # 10% flat + SPIFF 50.00: D1 1,000.00 won Jan 20 pays 100.00 + 50.00; cancelled Feb 3 (14 days,
    # window 30): -150.00. D2 won Jan 2, cancelled Feb 3 (32 days): nothing taken back
    deals = [(100_000, "2026-01-20", "2026-02-03", None, None), (100_000, "2026-01-02", "2026-02-03", None, None)]
    book = book_of(FLAT, deals, quotas=(), spiffs=[(None, None, None, None, 5_000)], clawback_days=30)
    assert lines_of(book, "2026-02") == [("D1", "clawback", None, None, -15_000)]


# -- bonuses as a share of base salary -----------------------------------------------------------------

def test_a_bonus_of_a_share_of_base_salary_is_prorated_by_the_days_employed():
    # base salary 73,000.00 a year; bonus at 100%: 100.00 + 10% of the base for the period
    # January (31 of 365 days): 73,000.00 × 31 / 365 = 6,200.00 × 10% = 620.00 -> 720.00
    # joined on 17 January (15 days): 73,000.00 × 15 / 365 = 3,000.00 × 10% = 300.00 -> 400.00
    # left on 16 January (16 days, the last one counts): 3,200.00 × 10% = 320.00 -> 420.00
    # a quarterly look at February alone: 28 days -> 5,600.00 × 10% = 560.00 -> 660.00
    deals, bonus = [(10_000_000, "2026-01-20", None, None, None)], [(1_000_000, 10_000, 100_000)]

    def bonus_line(**rep) -> int:
        book = book_of(FLAT, deals, bonuses=bonus, salary=7_300_000, **rep)
        return [line[4] for line in lines_of(book) if line[1] == "bonus"][0]

    assert bonus_line() == 72_000
    assert bonus_line(joined="2026-01-17") == 40_000
    assert bonus_line(left="2026-01-16") == 42_000
    february = book_of(FLAT, [(10_000_000, "2026-02-20", None, None, None)], quotas=[("2026-02", 10_000_000)],
                       bonuses=bonus, salary=7_300_000)
    assert [line[4] for line in lines_of(february, "2026-02") if line[1] == "bonus"] == [66_000]


# -- a close freezes the new lines; a late cancellation adjusts them ---------------------------------

def test_a_close_freezes_spiff_lines_and_a_late_cancellation_inside_the_window_adjusts_them():
    # January: D1 1,000.00 (Jan 20) pays 10% = 100.00 and a SPIFF of 50.00; January is closed.
    # D1 cancelled on 3 February (14 days, window 30): February gets an adjustment of -150.00
    # naming January; January's ledger does not move
    from datetime import datetime, timezone

    from planner.core.adjustments import statement
    from planner.core.close import frozen_lines, plan_close

    book = book_of(FLAT, [(100_000, "2026-01-20", None, None, None)], quotas=(),
                   spiffs=[(None, None, None, None, 5_000)], clawback_days=30)
    book.insert_rows("Settings", pd.DataFrame({"key": ["as_of"], "value": ["2026-02-15"]}))
    book.apply(plan_close(book, Period.parse("2026-01"), "finance", datetime(2026, 2, 2, tzinfo=timezone.utc)).change)
    frozen = frozen_lines(book)
    assert frozen[["rule", "amount"]].values.tolist() == [["tier", 10_000], ["spiff", 5_000]]
    book.set_value("Deals", int(book["Deals"].index[0]), "cancelled", pd.Timestamp("2026-02-03"))
    february = statement(book, Period.parse("2026-02"))
    assert february[["rule", "amount", "adjusts", "reason"]].values.tolist() == [
        ["adjustment", -15_000, "2026-01", "cancelled"]]
    assert frozen_lines(book)[["rule", "amount"]].values.tolist() == [["tier", 10_000], ["spiff", 5_000]]
