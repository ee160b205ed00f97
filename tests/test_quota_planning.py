"""The quota planning engine (core/quota_planning.py), on small books computed by hand.

Amounts are in cents (USD). Rounding is largest remainder: every share rounded down, the cents
left over to the largest remainders, the earlier rep or month first on a tie.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.attainment import attainment
from planner.core.book import Book
from planner.core.errors import PlannerError
from planner.core.periods import Period
from planner.core.quota_planning import QuotaInputs, compare, largest_remainder, plan_quotas
from planner.session import Session


def quota_book(reps: list[tuple], won: list[tuple] = (), quotas: list[tuple] = (), as_of: str = "2027-01-15",
               teams: list[tuple] = (("North", None), ("South", None))) -> Book:
    """Reps as (id, role, start, end, team); won deals as (owner, cents, closed); Quotas rows as
    (rep, team, period, cents); teams as (name, parent)."""
    def frame(columns: str, rows) -> pd.DataFrame:
        return pd.DataFrame(list(rows), columns=columns.split())

    return Book({
        "Settings": frame("key value", [("currency", "USD"), ("as_of", as_of)]),
        "Stages": frame("stage order probability kind", [("Open", 1, 500_000, "open"), ("Won", 2, 1_000_000, "won"),
                                                         ("Lost", 3, 0, "lost")]),
        "Teams": frame("name parent", teams),
        "Reps": frame("id name role start_date end_date team", [(rep, f"Rep {rep}", *rest) for rep, *rest in reps]),
        "Deals": frame("id owner stage amount created closed", [
            (f"D{n}", owner, "Won", cents, "2026-01-01", closed) for n, (owner, cents, closed) in enumerate(won)]),
        "Quotas": frame("rep team period amount", list(quotas)),
    })


def ids(book: Book, *keys: str) -> list[int]:
    reps = book["Reps"]
    return [int(reps.index[reps["id"] == key][0]) for key in keys]


def months_of(scenario, book: Book, key: str) -> list[int]:
    position = scenario.reps["rep"].tolist().index(ids(book, key)[0])
    return scenario.months[position].tolist()


def annual_of(scenario, book: Book) -> dict[str, int]:
    keys = book.keys("Reps")
    return {keys[rep]: int(amount) for rep, amount in zip(scenario.reps["rep"], scenario.reps["annual"])}


THREE = [("A", "Lead", None, None, "North"), ("B", "AE", None, None, "North"), ("C", "AE", None, None, "South")]


def test_equal_weights_with_over_assignment():
    # 1,000.00 × 110% = 1,100.00 = 110,000 cents; ÷ 3 = 36,666.67: 36,666 each, the 2 cents
    # left to A and B (remainders tie: the earlier first). A's year by 12 equal months:
    # 36,667 ÷ 12 = 3,055.58: 3,055 × 12 = 36,660, the 7 cents left to January–July.
    book = quota_book(THREE)
    scenario = plan_quotas(book, QuotaInputs(2027, 100_000, over=1_100_000))
    assert scenario.assigned == 110_000
    assert annual_of(scenario, book) == {"A": 36_667, "B": 36_667, "C": 36_666}
    assert months_of(scenario, book, "A") == [3_056] * 7 + [3_055] * 5
    teams = scenario.teams().set_index("team")["annual"]
    north, south = book["Teams"].index
    assert (teams[north], teams[south]) == (73_334, 36_666)


def test_assigned_is_rounded_once_by_the_book_rounding():
    # 0.01 × 150% = 1.5 cents: half up, 2 cents, both to A (the larger share is A's, then B's)
    book = quota_book(THREE[:2])
    scenario = plan_quotas(book, QuotaInputs(2027, 1, over=1_500_000))
    assert scenario.assigned == 2 and annual_of(scenario, book) == {"A": 1, "B": 1}
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    assert largest_remainder(10, [0, 2, 1]) == [0, 7, 3]  # 6.67 → 7 (remainder .67), 3.33 → 3


def test_weights_by_won_revenue_and_a_new_hire_at_its_role_mean():
    # 2026: A (Lead) won 3,000,000, B (AE) 1,000,000, both all year; C (AE) joined 2026-12-01
    # (31 days, less than a quarter): weighted at the AE mean, 1,000,000. Weights 3 : 1 : 1 of
    # 1,000,000 → A 600,000, B 200,000, C 200,000. B's months: 200,000 ÷ 12 = 16,666.67:
    # 16,666 × 12 = 199,992, the 8 cents left to January–August.
    book = quota_book([("A", "Lead", None, None, "North"), ("B", "AE", None, None, "North"),
                       ("C", "AE", "2026-12-01", None, "South")],
                      won=[("A", 2_000_000, "2026-03-01"), ("A", 1_000_000, "2026-09-01"), ("B", 1_000_000, "2026-05-01"),
                           ("C", 900_000, "2026-12-20")])
    scenario = plan_quotas(book, QuotaInputs(2027, 1_000_000, weights="won"))
    assert annual_of(scenario, book) == {"A": 600_000, "B": 200_000, "C": 200_000}
    assert months_of(scenario, book, "B") == [16_667] * 8 + [16_666] * 4
    assert scenario.reps["weight"].tolist() == pytest.approx([0.6, 0.2, 0.2])
    assert any("C" in fields["reps"] for _template, fields in scenario.notes)


def test_a_part_year_rep_is_weighted_at_its_full_year_rate():
    # B worked 2026-07-01 to the end (184 days) and won 500,000: 500,000 × 365 ÷ 184 =
    # 991,847.83 → 991,848; A won 991,848 all year: equal weights, equal quotas.
    book = quota_book([("A", "AE", None, None, "North"), ("B", "AE", "2026-07-01", None, "North")],
                      won=[("A", 991_848, "2026-02-01"), ("B", 500_000, "2026-08-01")])
    scenario = plan_quotas(book, QuotaInputs(2027, 200_000, weights="won"))
    assert annual_of(scenario, book) == {"A": 100_000, "B": 100_000}


def test_ramp_for_a_new_hire_renormalised_so_the_total_holds():
    # N starts 2027-01-01 with a ramp of 25%, 50%, 75%, then 100%: 0.25 + 0.5 + 0.75 + 9 = 10.5
    # months of work against A's 12; 120,000 × 12 ÷ 22.5 = 64,000 for A, 56,000 for N.
    # N's months: 1,333.33, 2,666.67, 4,000, then 5,333.33 × 9 = 55,996 rounded down; the 4
    # cents left go to February (.67), then January, April and May (.33, the earlier first).
    book = quota_book([("A", "AE", None, None, "North"), ("N", "AE", "2027-01-01", None, "North")])
    scenario = plan_quotas(book, QuotaInputs(2027, 120_000, ramp=(250_000, 500_000, 750_000)))
    assert annual_of(scenario, book) == {"A": 64_000, "N": 56_000}
    assert months_of(scenario, book, "N") == [1_334, 2_667, 4_000, 5_334, 5_334] + [5_333] * 7
    assert months_of(scenario, book, "A") == [5_334] * 4 + [5_333] * 8
    assert scenario.reps.set_index("rep")["planned"].tolist() == [False, False]  # started by as_of


def test_a_ramp_counts_from_the_start_month_even_in_the_year_before():
    # N started 2026-11-10: November is its 25% month, December 50%, January 2027 75%; then 100%.
    # 11.75 months against 12: 23,750 × 11.75 ÷ 23.75 = 11,750 for N; January 750, then 1,000.
    book = quota_book([("A", "AE", None, None, "North"), ("N", "AE", "2026-11-10", None, "North")])
    scenario = plan_quotas(book, QuotaInputs(2027, 23_750, ramp=(250_000, 500_000, 750_000)))
    assert months_of(scenario, book, "N") == [750] + [1_000] * 11


def test_a_leaver_is_prorated_by_days_and_gets_rows_only_while_employed():
    # L leaves 2027-06-15: January–May whole, June 15 of 30 days = 5.5 months against A's 12;
    # 175,000 × 12 ÷ 17.5 = 120,000 for A, 55,000 for L: 10,000 a month, June 5,000.
    book = quota_book([("A", "AE", None, None, "North"), ("L", "AE", None, "2027-06-15", "North")])
    scenario = plan_quotas(book, QuotaInputs(2027, 175_000))
    assert months_of(scenario, book, "L") == [10_000] * 5 + [5_000] + [0] * 6
    rows = scenario.rows()
    assert rows[rows["rep"] == ids(book, "L")[0]]["period"].tolist() == [f"2027-0{m}" for m in range(1, 7)]
    assert len(rows) == 12 + 6


def test_a_rep_who_left_before_the_year_or_starts_after_it_is_not_planned():
    book = quota_book([("A", "AE", None, None, "North"), ("X", "AE", None, "2026-12-31", "North"),
                       ("Y", "AE", "2028-01-01", None, "North")])
    assert annual_of(plan_quotas(book, QuotaInputs(2027, 1_000)), book) == {"A": 1_000}


def test_hand_weights_and_hand_seasonality():
    # Weights A 1, B 2 of 15,000: A 5,000, B 10,000. Seasons 1 × 9 then 2 × 3 (15 units).
    # A: 333.33 × 9 and 666.67 × 3 = 4,995 rounded down; 5 cents to October–December (.67), then
    # January, February (.33). B: 666.67 × 9 and 1,333.33 × 3 = 9,993; 7 cents to January–July.
    book = quota_book(THREE[:2])
    a, b = ids(book, "A", "B")
    scenario = plan_quotas(book, QuotaInputs(2027, 15_000, weights="hand", hand_weights={a: 1, b: 2},
                                             seasonality="hand", hand_seasonality=(1,) * 9 + (2,) * 3))
    assert months_of(scenario, book, "A") == [334, 334] + [333] * 7 + [667] * 3
    assert months_of(scenario, book, "B") == [667] * 7 + [666] * 2 + [1_333] * 3
    with pytest.raises(PlannerError, match="no weight for B"):
        plan_quotas(book, QuotaInputs(2027, 15_000, weights="hand", hand_weights={a: 1}))


def test_seasonality_from_the_company_history():
    # 2026: 100.00 won in January, 300.00 in July, nothing else: 1,000.00 goes 250.00 / 750.00.
    book = quota_book([("A", "AE", None, None, "North")], won=[("A", 10_000, "2026-01-20"), ("A", 30_000, "2026-07-03")])
    scenario = plan_quotas(book, QuotaInputs(2027, 100_000, seasonality="history"))
    assert months_of(scenario, book, "A") == [25_000, 0, 0, 0, 0, 0, 75_000, 0, 0, 0, 0, 0]
    # the ten empty months are said, not left to be found in the Quotas table
    assert [template.format(**fields) for template, fields in scenario.notes] == [
        "nothing was won in 2026-02, 2026-03, 2026-04, 2026-05, 2026-06, 2026-08, 2026-09, 2026-10, 2026-11, "
        "2026-12 of 2026: seasonality from history gives those months no quota (choose flat or by hand to give "
        "them one)"]
    assert plan_quotas(book, QuotaInputs(2027, 100_000, seasonality="flat")).notes == ()
    with pytest.raises(PlannerError, match="2027 is not over on 2027-01-15"):
        plan_quotas(book, QuotaInputs(2028, 100_000, seasonality="history"))


def test_capacity_from_headcount_productivity_and_ramp_with_the_gap():
    # Run rates 2026: A (Lead) 3,000,000, B (AE) 1,000,000. C (AE) is planned: starts
    # 2027-04-01 at 50% then 100%: 0.5 + 8 = 8.5 months × 1,000,000 ÷ 12 = 708,333.33 → 708,333.
    # Capacity 3,000,000 + 1,000,000 + 708,333 = 4,708,333 against 5,000,000: gap −291,667.
    book = quota_book([("A", "Lead", None, None, "North"), ("B", "AE", None, None, "North"),
                       ("C", "AE", "2027-04-01", None, "South")],
                      won=[("A", 3_000_000, "2026-03-01"), ("B", 1_000_000, "2026-05-01")])
    scenario = plan_quotas(book, QuotaInputs(2027, 5_000_000, ramp=(500_000,)))
    assert scenario.reps["capacity"].tolist() == [3_000_000, 1_000_000, 708_333]
    assert (scenario.capacity, scenario.gap) == (4_708_333, -291_667)
    assert scenario.reps["planned"].tolist() == [False, False, True]
    # productivity by hand for a role: AE 1,200,000 → B 1,200,000, C 8.5 × 100,000 = 850,000
    scenario = plan_quotas(book, QuotaInputs(2027, 5_000_000, ramp=(500_000,), productivity={"AE": 1_200_000}))
    assert scenario.reps["capacity"].tolist() == [3_000_000, 1_200_000, 850_000]


@pytest.mark.parametrize("inputs, message", [
    (QuotaInputs(1800, 1), "the year must be from 1900 to 2199, not 1800"),
    (QuotaInputs(2027, -1), "the target must be zero or more"),
    (QuotaInputs(2027, 10**15, over=2_000_000), "at most 10,000,000,000,000.00 USD"),  # not "minor units"
    (QuotaInputs(2027, 1, over=0), "over-assignment must be above 0%"),
    (QuotaInputs(2027, 1, weights="potential"), "unknown weights 'potential'"),
    (QuotaInputs(2027, 1, seasonality="weekly"), "unknown seasonality 'weekly'"),
    (QuotaInputs(2027, 1, seasonality="hand", hand_seasonality=(1,) * 11), "12 numbers"),
    (QuotaInputs(2027, 1, ramp=(1_500_000,)), "each from 0% to 100%"),
    (QuotaInputs(2027, 1, weights="won"), "no deal was won in 2026"),
])
def test_inputs_that_make_no_plan_are_refused_with_one_line(inputs, message):
    with pytest.raises(PlannerError, match=message.replace("(", r"\(")):
        plan_quotas(quota_book(THREE), inputs)


def test_teams_roll_up_into_their_parent_team_as_attainment_rolls_them_up():
    # North (A, B) and South (C) are parts of Company, which has no rep of its own; D is in no
    # team. 120,000 by equal weights: 30,000 each; North 60,000, South 30,000, Company 90,000;
    # capacity rolls up alike. Company, added last to Teams, is listed above its teams.
    teams = [("North", "Company"), ("South", "Company"), ("Company", None)]
    book = quota_book(THREE + [("D", "AE", None, None, None)],
                      won=[("B", 100_000, "2026-03-01"), ("C", 300_000, "2026-05-01")], teams=teams)
    scenario = plan_quotas(book, QuotaInputs(2027, 120_000))
    north, south, company = book["Teams"].index
    rolled = scenario.teams()
    assert rolled["team"].tolist()[:3] == [company, north, south] and pd.isna(rolled["team"].iloc[3])
    assert rolled["annual"].tolist() == [90_000, 60_000, 30_000, 30_000]
    assert rolled["depth"].tolist() == [0, 1, 1, 0]
    a, b, c, d = scenario.reps["capacity"].tolist()
    assert rolled["capacity"].tolist() == [a + b + c, a + b, c, d]
    assert (rolled["gap"] == rolled["capacity"] - rolled["annual"]).all()
    assert (rolled[scenario.periods].sum(axis=1) == rolled["annual"]).all()
    # the report reads the applied plan's team quotas as the plan shows them
    _reps, attained = attainment(book.applied(scenario.change(book)), Period.parse("2027"))
    assert attained.set_index("team")["quota"].to_dict() == {company: 90_000, north: 60_000, south: 30_000}


def test_several_scenarios_side_by_side():
    book = quota_book(THREE)
    flat = plan_quotas(book, QuotaInputs(2027, 90_000, name="flat"))
    over = plan_quotas(book, QuotaInputs(2027, 90_000, over=1_100_000, name="110%"))
    table = compare([flat, over]).set_index("rep")
    assert table["flat"].tolist() == [30_000] * 3 and table["110%"].tolist() == [33_000] * 3


# -- applying: one change, one undo step; a what-if never touches the book ----------------------

def planned_book() -> Book:
    """A book with quotas already: A's months of 2026 and 2027, A's own 2027-Q4 row, a North
    team row for 2027 and B's months of 2027."""
    quotas = [("A", None, f"2026-{m:02d}", 1_000) for m in range(1, 13)]
    quotas += [("A", None, f"2027-{m:02d}", 2_000) for m in range(1, 13)]
    quotas += [("B", None, "2027-03", 5_000), ("A", None, "2027-Q4", 9_999), (None, "North", "2027", 77_777)]
    return quota_book(THREE, quotas=quotas)


def quota_state(book: Book):
    return book["Quotas"].copy(), book.positions("Quotas")


def test_applying_replaces_only_the_year_s_rep_month_rows_as_one_undo_step():
    book = planned_book()
    session = Session(book)
    before, positions = quota_state(book)
    scenario = plan_quotas(book, QuotaInputs(2027, 120_000))
    session.apply(scenario.change(book), "Plan quotas for 2027")
    assert len(session.history.steps) == 1
    quotas = book.keyed("Quotas")
    kept = quotas[~quotas["period"].str.fullmatch(r"2027-\d\d")]
    assert sorted(kept["period"]) == sorted([f"2026-{m:02d}" for m in range(1, 13)] + ["2027", "2027-Q4"])
    new = quotas[quotas["period"].str.fullmatch(r"2027-\d\d")]
    assert len(new) == 36 and new["amount"].sum() == 120_000
    assert (book["Quotas"].index > 0).all()  # provisional ids were made real
    assert [template for template, _ in scenario.notes] and "A" in scenario.notes[0][1]["reps"]
    session.undo()
    after, after_positions = quota_state(book)
    pd.testing.assert_frame_equal(after, before)
    np.testing.assert_array_equal(after_positions, positions)
    session.redo()
    assert book.keyed("Quotas")["period"].str.fullmatch(r"2027-\d\d").sum() == 36


def test_a_scenario_on_a_snapshot_never_touches_the_live_book():
    book = planned_book()
    events = []
    book.subscribe(events.append)
    revision, (before, positions) = book.revision, quota_state(book)
    scenario = plan_quotas(book, QuotaInputs(2027, 120_000, over=1_200_000))
    what_if = book.applied(scenario.change(book))
    assert (book.revision, events) == (revision, [])
    pd.testing.assert_frame_equal(book["Quotas"], before)
    np.testing.assert_array_equal(book.positions("Quotas"), positions)
    reps, _teams = attainment(what_if, Period.parse("2027-05"))
    assert reps["quota"].tolist() == [4_000] * 3  # 144,000 ÷ 3 ÷ 12 on the what-if
    assert (what_if["Quotas"].index < 0).sum() == 36  # rows planned keep provisional ids


# -- the rule holds for any input (hypothesis) -----------------------------------------------------

DAYS = st.dates(min_value=date(2025, 6, 1), max_value=date(2028, 6, 1))


@st.composite
def plans(draw):
    count = draw(st.integers(1, 6))
    reps = []
    for number in range(count):
        start = draw(st.none() | DAYS)
        end = draw(st.none() | DAYS)
        if start and end and end < start:
            start, end = end, start
        reps.append((f"R{number}", "AE", start and start.isoformat(), end and end.isoformat(), "North"))
    ramp = tuple(draw(st.lists(st.integers(0, 1_000_000), max_size=4)))
    seasons = tuple(draw(st.lists(st.integers(0, 50), min_size=12, max_size=12)))
    weights = draw(st.lists(st.integers(0, 10**9), min_size=count, max_size=count))
    target = draw(st.integers(0, 10**13))
    over = draw(st.integers(1, 3_000_000))
    return reps, ramp, seasons, weights, target, over


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_plan_adds_up_exactly_and_ramped_months_never_exceed_unramped(plan):
    reps, ramp, seasons, weights, target, over = plan
    book = quota_book(reps)
    hand = dict(zip(book["Reps"].index, weights))
    season = "hand" if any(seasons) else "flat"
    inputs = QuotaInputs(2027, target, over=over, weights="hand", hand_weights=hand, seasonality=season,
                         hand_seasonality=seasons if any(seasons) else (), ramp=ramp)
    try:
        scenario = plan_quotas(book, inputs)
    except PlannerError as error:
        assert "nothing to spread the target over" in str(error)
        return
    assigned = (target * over * 2 + 1_000_000) // 2_000_000  # half up, once
    assert scenario.assigned == assigned
    assert int(scenario.reps["annual"].sum()) == assigned
    assert (scenario.months.sum(axis=1) == scenario.reps["annual"].to_numpy()).all()
    assert (scenario.months >= 0).all() and (scenario.months[~scenario.employed] == 0).all()
    # a month the ramp cuts is never above one of the same rep at full rate, in equal seasons
    unramped = plan_quotas(book, QuotaInputs(2027, target, over=over, weights="hand", hand_weights=hand,
                                             seasonality=inputs.seasonality, hand_seasonality=inputs.hand_seasonality))
    for row, rep in enumerate(scenario.reps["rep"]):
        start = book["Reps"].loc[rep, "start_date"]
        full = [m for m in range(12) if _ramp_of(start, m, ramp) == 1_000_000 and _whole(book, rep, m)]
        cut = [m for m in range(12) if _ramp_of(start, m, ramp) < 1_000_000 and _whole(book, rep, m)]
        for m in cut:
            same_season = [f for f in full if inputs.hand_seasonality[f:f + 1] == inputs.hand_seasonality[m:m + 1]]
            assert all(scenario.months[row, m] <= scenario.months[row, f] for f in same_season)
    assert int(unramped.reps["annual"].sum()) == assigned



def closed_q1_book() -> Book:
    """A and B (AE, all year) with 2026's months planned already (A 100.00 a month, B 70.01) and
    2026-Q1 closed on an as_of of 2026-06-30."""
    from planner.core.close import plan_close

    quotas = [(rep, None, f"2026-{m:02d}", cents) for rep, cents in (("A", 10_000), ("B", 7_001)) for m in range(1, 13)]
    book = quota_book([("A", "AE", None, None, "North"), ("B", "AE", None, None, "North")],
                      [("A", 500_000, "2026-02-10")], quotas, as_of="2026-06-30")
    book.apply(plan_close(book, Period.parse("2026-Q1"), "finance@office").change)
    return book


def test_a_plan_keeps_the_closed_months_and_spreads_the_rest_of_the_target_over_the_open_ones():
    # Q1 is closed: A's 3 × 100.00 and B's 3 × 70.01 = 510.03 are kept; the rest of 12,000.00,
    # 11,489.97, goes to the open months by the same weights: 574,498.5 cents each, the odd cent
    # to A (the earlier on a tie). A's 9 months: 574,499 ÷ 9 = 63,833.22: 63,833 × 9 = 574,497,
    # the 2 cents left to April and May; B's 574,498: 1 cent left, to April.
    book = closed_q1_book()
    session = Session(book)
    before, positions = quota_state(book)
    q1 = [f"2026-0{m}" for m in (1, 2, 3)]
    kept_before = book["Quotas"][book["Quotas"]["period"].isin(q1).to_numpy(dtype=bool)].copy()
    scenario = plan_quotas(book, QuotaInputs(2026, 1_200_000))
    assert scenario.kept.tolist() == [True] * 3 + [False] * 9 and scenario.kept_amount == 51_003
    assert months_of(scenario, book, "A") == [10_000] * 3 + [63_834] * 2 + [63_833] * 7
    assert months_of(scenario, book, "B") == [7_001] * 3 + [63_834] + [63_833] * 8  # 574,498: 1 cent left
    assert annual_of(scenario, book) == {"A": 604_499, "B": 595_501}
    assert int(scenario.months.sum()) == 1_200_000 == scenario.assigned
    assert set(scenario.rows()["period"]) == {f"2026-{m:02d}" for m in range(4, 13)}
    assert any("2026-Q1" in str(fields.get("periods")) for _template, fields in scenario.notes)

    session.apply(scenario.change(book), "Plan quotas for 2026")  # the close guard passes it
    quotas = book["Quotas"]
    pd.testing.assert_frame_equal(quotas[quotas["period"].isin(q1).to_numpy(dtype=bool)], kept_before)
    planned = book.keyed("Quotas")
    assert int(planned[planned["period"].str.startswith("2026")]["amount"].sum()) == 1_200_000
    open_rows = planned[~planned["period"].isin(q1)]
    assert open_rows.groupby("rep")["amount"].sum().to_dict() == {"A": 574_499, "B": 574_498}
    session.undo()
    after, after_positions = quota_state(book)
    pd.testing.assert_frame_equal(after, before)
    np.testing.assert_array_equal(after_positions, positions)


def test_closed_months_holding_more_than_the_target_are_said_and_nothing_is_planned():
    book = closed_q1_book()
    with pytest.raises(PlannerError) as refused:
        plan_quotas(book, QuotaInputs(2026, 50_000))  # 500.00 against the 510.03 kept in 2026-Q1
    assert str(refused.value) == (
        "the closed months of 2026 (2026-Q1) hold quotas of 510.03 already, more than the 500.00 to assign "
        "(target × over-assignment): raise the target, or reopen 2026-Q1")
    exact = plan_quotas(book, QuotaInputs(2026, 51_003))  # exactly what is kept: the open months get nothing
    assert int(exact.months[:, 3:].sum()) == 0 and int(exact.months.sum()) == 51_003


def test_a_stale_plan_over_a_month_closed_since_is_refused_by_the_close_guard():
    from planner.core.close import plan_close
    from planner.core.problems import BookProblems

    book = quota_book([("A", "AE", None, None, "North")], [("A", 500_000, "2026-02-10")],
                      [("A", None, f"2026-{m:02d}", 1_000) for m in range(1, 13)], as_of="2026-06-30")
    stale = plan_quotas(book, QuotaInputs(2026, 120_000))  # planned while 2026-Q1 was open
    book.apply(plan_close(book, Period.parse("2026-Q1"), "finance@office").change)
    quotas = book["Quotas"].copy()
    with pytest.raises(BookProblems, match="2026-Q1, which is closed"):
        Session(book).apply(stale.change(book), "Plan quotas for 2026")
    pd.testing.assert_frame_equal(book["Quotas"], quotas)
    assert len(plan_quotas(book, QuotaInputs(2027, 120_000)).change(book).rows) == 12  # a later year is written


def _ramp_of(start, month: int, ramp: tuple) -> int:
    """The ramp step of ``month`` (0 = January 2027) for a rep who started on ``start``."""
    if pd.isna(start):
        return 1_000_000
    tenure = 2027 * 12 + month - (start.year * 12 + start.month - 1)
    return ramp[tenure] if 0 <= tenure < len(ramp) else 1_000_000


def _whole(book: Book, rep: int, month: int) -> bool:
    row = book["Reps"].loc[rep]
    first, last = pd.Timestamp(2027, month + 1, 1), pd.Timestamp(2027, month + 1, 1) + pd.offsets.MonthEnd(0)
    return (pd.isna(row["start_date"]) or row["start_date"] <= first) and (pd.isna(row["end_date"]) or
                                                                           row["end_date"] >= last)


@st.composite
def closed_plans(draw):
    count = draw(st.integers(1, 4))
    reps = [(f"R{n}", "AE", None, None, "North") for n in range(count)]
    quotas = [(f"R{n}", None, f"2026-{m:02d}", draw(st.integers(0, 10**6)))
              for n in range(count) for m in range(1, 13) if draw(st.booleans())]
    closed = draw(st.sampled_from(["2026-01", "2026-Q1", "2026-Q2", "2026-06", "2026-Q3"]))
    return reps, quotas, closed, draw(st.integers(0, 10**7)), draw(st.integers(500_000, 2_000_000))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(closed_plans())
def test_any_plan_over_a_closed_period_keeps_its_rows_and_adds_up_to_assigned(plan):
    from planner.core.close import plan_close

    reps, quotas, closed, target, over = plan
    book = quota_book(reps, [("R0", 100, "2025-12-01")], quotas, as_of="2026-12-31")
    book.apply(plan_close(book, Period.parse(closed), "finance@office").change)
    span = Period.parse(closed)
    inside = book["Quotas"]["period"].map(lambda label: span.contains(Period.of(label))).to_numpy(dtype=bool)
    kept_before = book["Quotas"][inside].copy()
    try:
        scenario = plan_quotas(book, QuotaInputs(2026, target, over=over))
    except PlannerError as error:
        assigned = (target * over * 2 + 1_000_000) // 2_000_000  # half up, once
        assert "hold quotas of" in str(error) and int(kept_before["amount"].sum()) > assigned
        return
    assert int(scenario.months.sum()) == scenario.assigned == int(scenario.reps["annual"].sum())
    assert scenario.kept_amount == int(kept_before["amount"].sum())
    Session(book).apply(scenario.change(book), "Plan quotas for 2026")  # the close guard passes it
    after = book["Quotas"]
    pd.testing.assert_frame_equal(after[after.index.isin(kept_before.index)], kept_before)
    year = after[after["period"].str.startswith("2026").to_numpy(dtype=bool)]
    assert int(year["amount"].sum()) == scenario.assigned
