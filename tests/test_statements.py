"""Commission statements: one line per credited deal and tier slice, each rule by hand, and
the engine against the Decimal reference (tests/statement_reference.py) on random books."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from statement_reference import engine_lines, reference_lines  # noqa: E402

from planner.core.book import Book  # noqa: E402
from planner.core.commissions import commissions  # noqa: E402
from planner.core.periods import Period  # noqa: E402
from planner.core.report import compute_report  # noqa: E402
from planner.core.statements import COLUMNS, statement_lines  # noqa: E402

RETRO = [(0, 1_000_000, 0, "retroactive"), (1_000_000, None, 100_000, "retroactive")]
MARGINAL = [(0, 1_000_000, 50_000, "marginal"), (1_000_000, 1_500_000, 100_000, "marginal"),
            (1_500_000, None, 150_000, "marginal")]


def book_of(tiers, deals, quotas=(("2026-01", 10_000_000),), bonuses=(), cap=None, currency="KRW", rounding="half_up"):
    """One rep R1 on plan P (monthly); ``deals`` are (amount, closed[, cancelled]) won by R1."""
    rows = [(f"D{n}", "R1", "Won", deal[0], "2025-10-01", deal[1], deal[2] if len(deal) > 2 else None)
            for n, deal in enumerate(deals, start=1)]
    return Book({
        "Settings": pd.DataFrame({"key": ["currency", "rounding"], "value": [currency, rounding]}),
        "Stages": pd.DataFrame({"stage": ["Open", "Won"], "order": [1, 2], "probability": [500_000, 1_000_000],
                                "kind": ["open", "won"]}),
        "Reps": pd.DataFrame({"id": ["R1"], "name": ["Kim"], "plan": ["P"]}),
        "Plans": pd.DataFrame({"plan": ["P"], "period": ["month"], "cap": [cap]}),
        "PlanTiers": pd.DataFrame(tiers, columns=["from", "to", "rate", "method"]).assign(plan="P"),
        "PlanBonuses": pd.DataFrame(list(bonuses), columns=["from", "amount"]).assign(plan="P"),
        "Quotas": pd.DataFrame([("R1", *q) for q in quotas], columns=["rep", "period", "amount"]),
        "Deals": pd.DataFrame(rows, columns=["id", "owner", "stage", "amount", "created", "closed", "cancelled"]),
    })


def lines_of(book, period="2026-01") -> list[tuple]:
    """(deal id, rule, rate, base, amount) of each line of R1's statement for ``period``."""
    snapshot = book.snapshot()
    lines = statement_lines(snapshot, Period.parse(period))
    lines = lines[lines["period"] == period]
    deals = snapshot["Deals"]["id"]
    return [(None if pd.isna(deal) else deals[deal], rule, None if pd.isna(rate) else int(rate),
             None if pd.isna(base) else int(base), int(amount))
            for deal, rule, rate, base, amount in lines[["deal", "rule", "rate", "base", "amount"]].itertuples(index=False)]


def total(book, period="2026-01") -> int:
    report = compute_report(book, Period.parse(period))
    return int(report.commissions["total"].iloc[0])


def test_the_seed_example_ten_percent_of_everything_once_the_target_is_reached():
    # USD 10,000 monthly target, 10% once reached, 12,000 sold -> 1,200 (cents below)
    book = book_of(RETRO, [(1_200_000, "2026-01-20")], quotas=[("2026-01", 1_000_000)], currency="USD")
    assert lines_of(book) == [("D1", "tier", 100_000, 1_200_000, 120_000)]
    assert total(book) == 120_000


def test_a_retroactive_lift_pays_the_earlier_deals_at_the_rate_reached():
    # 5,000 on the 5th: 50% of 10,000, 0%; 7,000 on the 20th: 120%, 10% -> 700;
    # the lift pays D1's 5,000 at 10% - 0% = 500: 700 + 500 = 1,200, as one deal of 12,000
    book = book_of(RETRO, [(500_000, "2026-01-05"), (700_000, "2026-01-20")], quotas=[("2026-01", 1_000_000)],
                   currency="USD")
    assert lines_of(book) == [("D1", "tier", 0, 500_000, 0), ("D2", "tier", 100_000, 700_000, 70_000),
                              ("D1", "retro_lift", 100_000, 500_000, 50_000)]
    assert total(book) == 120_000


def test_a_deal_crossing_a_marginal_bound_gets_a_line_per_slice():
    # quota 10,000,000 won: tiers 5% to 10,000,000, 10% to 15,000,000, 15% above
    # D1 8,000,000 -> 8,000,000 @ 5% = 400,000
    # D2 5,000,000 -> 2,000,000 @ 5% = 100,000 + 3,000,000 @ 10% = 300,000
    # D3 4,000,000 -> 2,000,000 @ 10% = 200,000 + 2,000,000 @ 15% = 300,000
    book = book_of(MARGINAL, [(8_000_000, "2026-01-03"), (4_000_000, "2026-01-30"), (5_000_000, "2026-01-09")])
    assert lines_of(book) == [
        ("D1", "tier", 50_000, 8_000_000, 400_000),
        ("D3", "tier", 50_000, 2_000_000, 100_000), ("D3", "tier", 100_000, 3_000_000, 300_000),
        ("D2", "tier", 100_000, 2_000_000, 200_000), ("D2", "tier", 150_000, 2_000_000, 300_000)]
    assert total(book) == 1_300_000


def test_deals_closed_the_same_day_go_in_deal_order():
    book = book_of(MARGINAL, [(12_000_000, "2026-01-09"), (1_000_000, "2026-01-09")])
    assert [line[0] for line in lines_of(book)] == ["D1", "D1", "D2"]


def test_each_line_is_rounded_once_and_the_total_is_their_sum():
    # USD, 12.5% flat: 0.05 + 0.05 -> 0.625 cent each, rounded half up to 1 cent: 2 cents
    # (a period total of 0.10 would have paid 1.25 -> 1 cent); half even: 1 cent each too;
    # down: 0 each
    flat = [(0, None, 125_000, "marginal")]
    deals = [(5, "2026-01-02"), (5, "2026-01-03")]
    assert [line[4] for line in lines_of(book_of(flat, deals, quotas=(), currency="USD"))] == [1, 1]
    assert total(book_of(flat, deals, quotas=(), currency="USD")) == 2
    assert total(book_of(flat, deals, quotas=(), currency="USD", rounding="down")) == 0
    # 0.04 @ 12.5% = 0.5 cent exactly: half up 1, half even 0
    half = [(4, "2026-01-02")]
    assert total(book_of(flat, half, quotas=(), currency="USD")) == 1
    assert total(book_of(flat, half, quotas=(), currency="USD", rounding="half_even")) == 0


def test_bonuses_are_lines_of_their_own():
    # 15,000,000 of 10,000,000 = 150%: both bonuses; tiers 500,000 + 500,000 + 0
    book = book_of(MARGINAL, [(15_000_000, "2026-01-10")], bonuses=[(1_000_000, 200_000), (1_500_000, 300_000)])
    assert lines_of(book)[-2:] == [(None, "bonus", None, None, 200_000), (None, "bonus", None, None, 300_000)]
    assert total(book) == 500_000 + 500_000 + 200_000 + 300_000


def test_the_cap_takes_back_what_tiers_pay_above_it():
    # tiers pay 500,000 + 500,000 = 1,000,000; cap 600,000 -> a cap line of -400,000 on a base of 1,000,000
    book = book_of(MARGINAL, [(15_000_000, "2026-01-10")], cap=600_000)
    assert lines_of(book)[-1] == (None, "cap", None, 1_000_000, -400_000)
    assert total(book) == 600_000


def test_a_cancelled_deal_is_clawed_back_in_the_month_it_is_cancelled():
    # January: D1 8,000,000 @ 5% = 400,000; D2 4,000,000: 2,000,000 @ 5% + 2,000,000 @ 10% = 300,000
    # February (quota 10,000,000): D3 3,000,000 @ 5% = 150,000; D2 cancelled on Feb 10th:
    # -300,000, what it was paid, not a second pass through the tiers
    book = book_of(MARGINAL, [(8_000_000, "2026-01-05"), (4_000_000, "2026-01-25", "2026-02-10"),
                              (3_000_000, "2026-02-03")],
                   quotas=[("2026-01", 10_000_000), ("2026-02", 10_000_000)])
    assert lines_of(book, "2026-02") == [("D3", "tier", 50_000, 3_000_000, 150_000),
                                         ("D2", "clawback", None, None, -300_000)]
    assert total(book, "2026-02") == -150_000
    # January's statement does not move
    assert total(book, "2026-01") == 700_000


def test_a_retroactive_deal_is_clawed_back_with_its_lift():
    # January: D1 5,000 at 0% then D2 7,000 at 10%, D1 lifted by 500: D1 was paid 0 + 500;
    # cancelled in February (nothing else won): -500
    book = book_of(RETRO, [(500_000, "2026-01-05", "2026-02-02"), (700_000, "2026-01-20")],
                   quotas=[("2026-01", 1_000_000), ("2026-02", 1_000_000)], currency="USD")
    assert lines_of(book, "2026-02") == [("D1", "clawback", None, None, -50_000)]


def test_statement_lines_have_the_interface_columns_and_dtypes():
    book = book_of(MARGINAL, [(15_000_000, "2026-01-10")], bonuses=[(1_000_000, 200_000)], cap=600_000)
    lines = statement_lines(book.snapshot(), Period.parse("2026-Q1"))
    assert list(lines.columns) == COLUMNS
    assert {c: str(lines[c].dtype) for c in COLUMNS if c not in ("period", "rule")} == {
        "rep": "int64", "line": "int64", "deal": "Int64", "tier": "Int64", "rate": "Int64", "base": "Int64",
        "amount": "int64"}
    assert all(pd.api.types.is_string_dtype(lines[c]) for c in ("period", "rule"))
    # January: 10,000,000 @ 5% and 5,000,000 @ 10%, the cap, the bonus; February and March have none
    assert lines["rule"].tolist() == ["tier", "tier", "cap", "bonus"] and lines["line"].tolist() == [1, 2, 3, 4]


# -- the engine against the Decimal reference -----------------------------------------------------

DAYS = pd.date_range("2026-01-01", "2026-06-30").strftime("%Y-%m-%d").tolist()


@st.composite
def plans(draw, name: str):
    method = draw(st.sampled_from(["marginal", "retroactive"]))
    bounds = sorted(set(draw(st.lists(st.integers(1, 30).map(lambda n: n * 100_000), max_size=3,
                                  min_size=draw(st.sampled_from([0, 1, 1, 1]))))))
    ends = [*bounds, draw(st.sampled_from([None, (bounds[-1] if bounds else 0) + 500_000]))]
    starts = [0, *bounds]
    rates = draw(st.lists(st.sampled_from([0, 10_000, 33_333, 50_000, 125_000, 100_000, 150_000, 7]),
                          min_size=len(starts), max_size=len(starts)))
    tiers = [(name, s, e, r, method) for s, e, r in zip(starts, ends, rates)]
    bonuses = [(name, t, a, p) for t, a, p in draw(st.lists(st.tuples(
        st.integers(5, 20).map(lambda n: n * 100_000), st.integers(0, 10**6),
        st.sampled_from([None, None, 0, 50_000, 333_333])), max_size=2, unique_by=lambda b: b[0]))]
    # plan rules (core/plan_rules.py): multipliers by product and deal type, SPIFFs, a clawback window
    multipliers = [(name, product, kind, m) for product, kind, m in draw(st.lists(st.tuples(
        st.sampled_from([None, "A", "b"]), st.sampled_from([None, "new", "renewal"]),
        st.sampled_from([0, 500_000, 1_200_000, 333_333, 2_000_000])), max_size=3, unique_by=lambda r: r[:2]))]
    spiffs = [(name, product, kind, start, end, amount) for product, kind, start, end, amount in draw(st.lists(st.tuples(
        st.sampled_from([None, "A", "B"]), st.sampled_from([None, "new", "upsell"]),
        st.sampled_from([None, "2026-02-01", "2026-03-15"]), st.sampled_from([None, "2026-02-28", "2026-05-31"]),
        st.integers(1, 50_000)), max_size=2))]
    return {"plan": name, "period": draw(st.sampled_from(["month", "quarter"])),
            "cap": draw(st.sampled_from([None, 5_000, 50_000, 10**6])), "tiers": tiers, "bonuses": bonuses,
            "multipliers": multipliers, "spiffs": spiffs, "clawback_days": draw(st.sampled_from([None, None, 0, 20, 60]))}


@st.composite
def books(draw):
    reps = draw(st.integers(1, 12))
    rounding = draw(st.sampled_from(["half_up", "half_even", "down", "up"]))
    rep_plans = [draw(plans(f"P{n}")) for n in range(reps)]
    deals, quotas = [], []
    for n in range(reps):
        for month in range(1, 7):
            if draw(st.integers(0, 4)):
                quotas.append((f"R{n}", f"2026-{month:02d}", draw(st.integers(0, 2_000_000))))
        if rep_plans[n]["period"] == "quarter" and draw(st.booleans()):  # a quarter's own row
            quotas = [q for q in quotas if q[0] != f"R{n}" or q[1] > "2026-03"] + [(f"R{n}", "2026-Q1", 1_500_000)]
        for _ in range(draw(st.integers(0, 16))):
            closed = draw(st.sampled_from(DAYS[:150]))
            cancelled = draw(st.one_of(st.none(), st.none(), st.none(), st.sampled_from([d for d in DAYS if d > closed])))
            deals.append((f"D{len(deals)}", f"R{n}", "Won", draw(st.integers(0, 800_000)), "2025-12-01", closed,
                          cancelled, draw(st.sampled_from([None, "A", "a ", "B"])),
                          draw(st.sampled_from([None, "new", "renewal", "upsell"]))))
    splits = []  # some deals shared with another rep (on another plan): SPIFFs split by share
    for deal in deals[:: draw(st.integers(3, 8))] if reps > 1 else ():
        other = f"R{(int(deal[1][1:]) + 1) % reps}"
        share = draw(st.sampled_from([500_000, 333_333, 700_001]))
        splits += [(deal[0], deal[1], share), (deal[0], other, 1_000_000 - share)]
    # some reps move to the next rep's plan in April (core/assignments.py), some plans have a
    # draw (core/draws.py): the rules above then follow the plan paying each line
    assignments = [row for n in range(reps) if reps > 1 and draw(st.integers(0, 3)) == 0
                   for row in ((f"R{n}", f"P{n}", "2025-01-01", draw(st.sampled_from(["2026-03-31", "2026-04-15"]))),
                               (f"R{n}", f"P{(n + 1) % reps}", "2026-04-16", None))]
    draws = [(f"P{n}", draw(st.sampled_from([1, 50_000, 300_000])), draw(st.sampled_from(["yes", "no"])))
             for n in range(reps) if draw(st.integers(0, 3)) == 0]
    frames = {
        "PlanAssignments": pd.DataFrame(assignments, columns=["rep", "plan", "from", "to"]),
        "PlanDraws": pd.DataFrame(draws, columns=["plan", "amount", "recoverable"]),
        "Settings": pd.DataFrame({"key": ["currency", "rounding"], "value": ["USD", rounding]}),
        "Stages": pd.DataFrame({"stage": ["Won"], "order": [1], "probability": [1_000_000], "kind": ["won"]}),
        "Reps": pd.DataFrame({"id": [f"R{n}" for n in range(reps)], "name": [f"Rep {n}" for n in range(reps)],
                              "plan": [f"P{n}" for n in range(reps)],
                              # base salaries (for bonuses as a share of it), some reps joining or leaving
                              "base_salary": [draw(st.sampled_from([None, 5_000_000, 7_300_001])) for _ in range(reps)],
                              "start_date": [draw(st.sampled_from([None, None, "2026-02-10"])) for _ in range(reps)],
                              "end_date": [draw(st.sampled_from([None, None, "2026-04-20"])) for _ in range(reps)]}),
        "Plans": pd.DataFrame([(p["plan"], p["period"], p["cap"], p["clawback_days"]) for p in rep_plans],
                              columns=["plan", "period", "cap", "clawback_days"]),
        "PlanMultipliers": pd.DataFrame([m for p in rep_plans for m in p["multipliers"]],
                                        columns=["plan", "product", "deal_type", "multiplier"]),
        "Spiffs": pd.DataFrame([m for p in rep_plans for m in p["spiffs"]],
                               columns=["plan", "product", "deal_type", "from", "to", "amount"]),
        "Splits": pd.DataFrame(splits, columns=["deal_id", "rep", "share"]),
        "PlanTiers": pd.DataFrame([t for p in rep_plans for t in p["tiers"]],
                                  columns=["plan", "from", "to", "rate", "method"]),
        "PlanBonuses": pd.DataFrame([b for p in rep_plans for b in p["bonuses"]],
                                    columns=["plan", "from", "amount", "percent_of_base"]),
        "Quotas": pd.DataFrame(quotas, columns=["rep", "period", "amount"]),
        "Deals": pd.DataFrame(deals, columns=["id", "owner", "stage", "amount", "created", "closed", "cancelled",
                                              "product", "deal_type"]),
    }
    return Book(frames).snapshot()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(books(), st.sampled_from(["2026", "2026-Q2", "2026-03"]))
def test_statements_agree_with_the_decimal_reference_to_the_cent(book, label):
    """About 1,300 random plans (up to 12 reps a book, each on a plan of its own: marginal or
    retroactive, 1 to 4 tiers, odd rates, caps, bonuses, rate multipliers by product and deal
    type, SPIFFs, clawback windows, draws, some reps moving plan in April), their deal sets
    month by month with cancellations and split deals, in the four rounding modes: every line
    and every payout to the cent."""
    period = Period.parse(label)
    lines = statement_lines(book, period)
    assert engine_lines(lines) == reference_lines(book, period)
    summary, _, _ = commissions(book, period)
    by_payout = lines.groupby(["rep", "period"])["amount"].sum()
    for payout in summary.itertuples():
        assert payout.total == by_payout.get((payout.rep, payout.period), 0)
        assert payout.total == payout.commission + payout.bonus
