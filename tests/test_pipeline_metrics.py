"""Pipeline metrics, deal health and the four forecasts, checked against figures computed by hand.

The book below (USD, as of 2026-06-30; amounts in dollars, the book holds cents):

Stages  Lead 10% · Demo 40% · Proposal 60% (open, in that order) · Won · Lost
Reps    A Ann (East), B Bo (East), C Cy (West); Q2 quotas A 20,000, B 10,000, C 10,000

deal rep stage     amount  created  expected  closed  category   history (stage entered, expected close)
W1   A   Won       10,000  01-01    –         03-02   –          Lead 01-01, Demo 01-11, Proposal 01-31, Won 03-02
W2   B   Won        5,000  02-01    –         05-02   –          Lead 02-01, Demo 02-21, Proposal 03-23 (no Won row)
W3   C   Won        3,000  04-10    –         06-09   –          –
L1   C   Lost       2,000  04-01    –         05-31   –          Lead 04-01, Demo 04-20, Lost 05-31
O1   A   Lead       4,000  06-01    08-15     –       pipeline   –
O2   B   Demo       6,000  05-01    06-30     –       commit     Lead 05-01 (06-30), Demo 06-10 (06-30)
O3   A   Proposal  10,000  03-01    07-31     –       pipeline   Lead 03-01 (05-31), Proposal 04-01 (05-31),
                                                                 Proposal 05-15 (06-30)  <- a move of the expected close
O4   C   Demo       5,000  04-15    07-15     –       pipeline   Lead 04-15 (07-31), Demo 06-01 (06-15)
O5   B   Lead       2,500  01-10    03-15     –       pipeline   –
O6   C   Proposal   1,000  05-20    06-20     –       best_case  Proposal 05-20 (06-20)

Time won deals spent in each stage (next entry − this entry; W2's Proposal ends when it closed):
Lead W1 10, W2 20 -> average 15, stalled beyond 22.5 days; Demo 20, 30 -> 25, beyond 37.5;
Proposal 30 (01-31..03-02), 40 (03-23..05-02) -> 35, beyond 52.5.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from planner.core.book import Book
from planner.core.forecast import forecast, historical_inputs
from planner.core.health import deal_health, slip_counts, stage_entered, won_stage_days
from planner.core.shown import shown
from planner.core.metrics import (PIPELINE_BY_REP, PIPELINE_BY_TEAM, PIPELINE_FUNNEL, by_rep, by_team, funnel,
                                  pipeline_metrics)
from planner.core.periods import Period
from planner.core.report import compute_report

Q2 = Period.parse("2026-Q2")
LATER = date(2026, 7, 16)


def frame(columns: str, rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns.split())


STAGES = frame("stage order probability kind", [
    ("Lead", 1, 100_000, "open"), ("Demo", 2, 400_000, "open"), ("Proposal", 3, 600_000, "open"),
    ("Won", 4, 1_000_000, "won"), ("Lost", 5, 0, "lost"),
])


def pipe_book(settings: list[tuple] = ()) -> Book:
    return Book({
        "Settings": frame("key value", [("currency", "USD"), ("as_of", "2026-06-30"), *settings]),
        "Stages": STAGES,
        "Reps": frame("id name team", [("A", "Ann", "East"), ("B", "Bo", "East"), ("C", "Cy", "West")]),
        "Quotas": frame("rep period amount", [("A", "2026-Q2", 2_000_000), ("B", "2026-Q2", 1_000_000),
                                              ("C", "2026-Q2", 1_000_000)]),
        "Deals": frame("id owner stage amount created expected_close closed forecast_category", [
            ("W1", "A", "Won", 1_000_000, "2026-01-01", None, "2026-03-02", None),
            ("W2", "B", "Won", 500_000, "2026-02-01", None, "2026-05-02", None),
            ("W3", "C", "Won", 300_000, "2026-04-10", None, "2026-06-09", None),
            ("L1", "C", "Lost", 200_000, "2026-04-01", None, "2026-05-31", None),
            ("O1", "A", "Lead", 400_000, "2026-06-01", "2026-08-15", None, "pipeline"),
            ("O2", "B", "Demo", 600_000, "2026-05-01", "2026-06-30", None, "commit"),
            ("O3", "A", "Proposal", 1_000_000, "2026-03-01", "2026-07-31", None, "pipeline"),
            ("O4", "C", "Demo", 500_000, "2026-04-15", "2026-07-15", None, "pipeline"),
            ("O5", "B", "Lead", 250_000, "2026-01-10", "2026-03-15", None, "pipeline"),
            ("O6", "C", "Proposal", 100_000, "2026-05-20", "2026-06-20", None, "best_case"),
        ]),
        "StageHistory": frame("deal_id stage entered expected_close", [
            # deliberately out of date order: the engine sorts each deal's rows by entered
            ("W1", "Demo", "2026-01-11", None), ("W1", "Lead", "2026-01-01", None),
            ("W1", "Proposal", "2026-01-31", None), ("W1", "Won", "2026-03-02", None),
            ("W2", "Lead", "2026-02-01", None), ("W2", "Demo", "2026-02-21", None),
            ("W2", "Proposal", "2026-03-23", None),
            ("L1", "Lead", "2026-04-01", None), ("L1", "Demo", "2026-04-20", None), ("L1", "Lost", "2026-05-31", None),
            ("O2", "Lead", "2026-05-01", "2026-06-30"), ("O2", "Demo", "2026-06-10", "2026-06-30"),
            ("O3", "Lead", "2026-03-01", "2026-05-31"), ("O3", "Proposal", "2026-04-01", "2026-05-31"),
            ("O3", "Proposal", "2026-05-15", "2026-06-30"),
            ("O4", "Lead", "2026-04-15", "2026-07-31"), ("O4", "Demo", "2026-06-01", "2026-06-15"),
            ("O6", "Proposal", "2026-05-20", "2026-06-20"),
        ]),
    })


@pytest.fixture
def book():
    return pipe_book()


def by_id(book, series: pd.Series) -> dict:
    return dict(zip(book["Deals"]["id"].reindex(series.index), series.tolist()))


# -- pipeline metrics -------------------------------------------------------------------------
def test_pipeline_metrics_for_the_quarter(book):
    """Closed in Q2: W2 (5,000, 90 days), W3 (3,000, 60 days) won, L1 lost -> win rate 2/3, won
    8,000, average won deal 4,000, average cycle 75 days. Created in Q2: W3, L1, O1, O2, O4, O6
    (6), of which W3 is won -> conversion 1/6. Open: 4,000 + 6,000 + 10,000 + 5,000 + 2,500 +
    1,000 = 28,500 over 6 deals -> average open deal 4,750; weighted 400 + 2,400 + 6,000 +
    2,000 + 250 + 600 = 11,650. Velocity = 6 × 2/3 × 8,000 ÷ 150 days = 213.333… -> 213.33.
    Coverage: open value expected in Q2 = O2 6,000 + O6 1,000 = 7,000; quota 20,000 + 10,000
    (East, its members' sum) + 10,000 (West) = 40,000, credited W2 5,000 + W3 3,000 -> 32,000
    remains; 7,000 ÷ 32,000 = 0.21875."""
    p = pipeline_metrics(book.snapshot(), Q2)
    assert (p["won_count"], p["lost_count"], p["won_value"]) == (2, 1, 800_000)
    assert p["win_rate"] == pytest.approx(2 / 3)
    assert p["avg_won_deal"] == 400_000 and p["avg_cycle_days"] == 75
    assert p["created_count"] == 6 and p["conversion_rate"] == pytest.approx(1 / 6)
    assert (p["open_count"], p["open_value"], p["avg_open_deal"]) == (6, 2_850_000, 475_000)
    assert p["weighted_value"] == 1_165_000
    assert p["velocity_per_day"] == 21_333
    assert (p["pipeline_expected"], p["quota_remaining"], p["coverage"]) == (700_000, 3_200_000, 0.21875)


def test_coverage_is_none_when_nothing_remains(book):
    """Quotas of 2,000 each for Q2: 6,000 against 8,000 credited -> nothing remains."""
    book.replace_table("Quotas", frame("rep period amount", [(r, "2026-Q2", 200_000) for r in "ABC"]))
    p = pipeline_metrics(book.snapshot(), Q2)
    assert (p["quota_remaining"], p["coverage"]) == (-200_000, None)
    assert pipeline_metrics(book.snapshot(), Period.parse("2027"))["quota_remaining"] is None  # no quota


def test_funnel_from_stage_history(book):
    """Furthest step reached (a later stage implies the earlier ones; won passes every open
    stage; a deal without history has reached its current stage, a lost one the first):
    W1, W2, W3 won; L1 Demo (history); O1 Lead; O2 Demo; O3 Proposal (skipped Demo);
    O4 Demo; O5 Lead; O6 Proposal.
    Q2 cohort (created in Q2): W3, L1, O1, O2, O4, O6 -> Lead 6, Demo 5 (W3 L1 O2 O4 O6),
    Proposal 2 (W3 O6), won 1. Year 2026 (every deal): Lead 10, Demo 8, Proposal 5, won 3."""
    snapshot = book.snapshot()
    quarter = funnel(snapshot, Q2)
    assert list(quarter.columns) == PIPELINE_FUNNEL.names
    assert quarter[["stage", "reached", "advanced"]].values.tolist() == [
        ["Lead", 6, 5], ["Demo", 5, 2], ["Proposal", 2, 1]]
    assert quarter["conversion"].tolist() == pytest.approx([5 / 6, 0.4, 0.5])
    year = funnel(snapshot, Period.parse("2026"))
    assert year[["reached", "advanced"]].values.tolist() == [[10, 8], [8, 5], [5, 3]]
    empty = funnel(snapshot, Period.parse("2025"))
    assert empty["reached"].tolist() == [0, 0, 0] and empty["conversion"].isna().all()


def test_pipeline_by_rep(book):
    """Q2 per owner.
    A: created O1 (not won: conversion 0); nothing closed; open O1 4,000 + O3 10,000 = 14,000,
       weighted 400 + 6,000; nothing expected in Q2 (O1 08-15, O3 07-31); quota 20,000, no
       credit -> 20,000 remains, coverage 0.
    B: created O2 (conversion 0); won W2 5,000 (90 days); open O2 6,000 + O5 2,500, weighted
       2,400 + 250; velocity 2 open × 1/1 × 5,000 ÷ 90 = 111.11; expected O2 6,000 of 10,000 −
       5,000 remaining -> coverage 1.2.
    C: created W3, L1, O4, O6, of which W3 won -> conversion 1/4; won W3 3,000 (60 days), lost
       L1 -> 50%; open O4 5,000 + O6 1,000, weighted 2,000 + 600; velocity 2 × 1/2 × 3,000 ÷ 60
       = 50; expected O6 1,000 of 10,000 − 3,000 -> 1/7."""
    table = shown(book, by_rep(book.snapshot(), Q2), PIPELINE_BY_REP)  # row ids, named for the user
    assert list(table.columns) == PIPELINE_BY_REP.names
    rows = table.astype(object).where(table.notna(), None).to_dict("records")
    assert rows == [
        {"rep": "A", "name": "Ann", "team": "East", "created": 1, "won_count": 0, "won_value": 0, "lost_count": 0,
         "win_rate": None, "open_count": 2, "open_value": 1_400_000, "weighted_value": 640_000, "avg_cycle_days": None,
         "conversion_rate": 0.0, "avg_won_deal": None, "velocity_per_day": None, "pipeline_expected": 0,
         "quota_remaining": 2_000_000, "coverage": 0.0},
        {"rep": "B", "name": "Bo", "team": "East", "created": 1, "won_count": 1, "won_value": 500_000, "lost_count": 0,
         "win_rate": 1.0, "open_count": 2, "open_value": 850_000, "weighted_value": 265_000, "avg_cycle_days": 90.0,
         "conversion_rate": 0.0, "avg_won_deal": 500_000, "velocity_per_day": 11_111, "pipeline_expected": 600_000,
         "quota_remaining": 500_000, "coverage": 1.2},
        {"rep": "C", "name": "Cy", "team": "West", "created": 4, "won_count": 1, "won_value": 300_000, "lost_count": 1,
         "win_rate": 0.5, "open_count": 2, "open_value": 600_000, "weighted_value": 260_000, "avg_cycle_days": 60.0,
         "conversion_rate": 0.25, "avg_won_deal": 300_000, "velocity_per_day": 5_000, "pipeline_expected": 100_000,
         "quota_remaining": 700_000, "coverage": pytest.approx(1 / 7)},
    ]
    # the table adds up to the book's figures
    p = pipeline_metrics(book.snapshot(), Q2)
    assert table["created"].sum() == p["created_count"] and table["won_value"].sum() == p["won_value"]
    assert table["weighted_value"].sum() == p["weighted_value"]


def test_pipeline_by_team(book):
    """East = A + B: created O1, O2 (none won); won W2 5,000 in 90 days, nothing lost; open
    O1, O3, O2, O5 = 22,500, weighted 6,400 + 2,650 = 9,050; velocity 4 × 1 × 5,000 ÷ 90 =
    222.22; expected O2 6,000 against East's quota (its members' 30,000) less 5,000 credited
    -> 0.24. West = C alone: its figures above."""
    table = shown(book, by_team(book.snapshot(), Q2), PIPELINE_BY_TEAM)
    assert list(table.columns) == PIPELINE_BY_TEAM.names
    rows = table.astype(object).where(table.notna(), None).to_dict("records")
    assert rows[0] == {
        "team": "East", "reps": 2, "created": 2, "won_count": 1, "won_value": 500_000, "lost_count": 0,
        "win_rate": 1.0, "open_count": 4, "open_value": 2_250_000, "weighted_value": 905_000, "avg_cycle_days": 90.0,
        "conversion_rate": 0.0, "avg_won_deal": 500_000, "velocity_per_day": 22_222, "pipeline_expected": 600_000,
        "quota_remaining": 2_500_000, "coverage": 0.24}
    west = by_rep(book.snapshot(), Q2).iloc[2]
    assert rows[1]["team"] == "West" and rows[1]["reps"] == 1
    assert {key: rows[1][key] for key in PIPELINE_BY_TEAM.names[2:]} == \
        {key: (None if pd.isna(west[key]) else west[key]) for key in PIPELINE_BY_TEAM.names[2:]}
    # a team with its own quota row is measured against it
    teamed = pipe_book()
    east = teamed["Teams"].index[0]  # a team is a row (issue 15): a quota refers to it by id
    teamed.insert_rows("Quotas", pd.DataFrame({"team": pd.array([east], dtype="Int64"), "period": ["2026-Q2"],
                                               "amount": [4_000_000]}))
    assert by_team(teamed.snapshot(), Q2).iloc[0]["quota_remaining"] == 3_500_000


# -- health -----------------------------------------------------------------------------------
def test_time_in_stage(book):
    """The day each open deal entered its current stage: O1 and O5 have no history (created);
    O3's 05-15 row repeats Proposal (a move of its expected close), so it entered on 04-01.
    At 06-30: O1 29, O2 20, O3 90, O4 29, O5 171, O6 41 days."""
    snapshot = book.snapshot()
    entered = by_id(snapshot, stage_entered(snapshot).dt.strftime("%m-%d"))
    assert {k: entered[k] for k in ("O1", "O2", "O3", "O4", "O5", "O6")} == {
        "O1": "06-01", "O2": "06-10", "O3": "04-01", "O4": "06-01", "O5": "01-10", "O6": "05-20"}
    health = deal_health(snapshot, date(2026, 6, 30))
    assert dict(zip(health["id"], health["days_in_stage"])) == {
        "O1": 29, "O2": 20, "O3": 90, "O4": 29, "O5": 171, "O6": 41}
    baseline = won_stage_days(snapshot)
    stage_ids = dict(zip(snapshot["Stages"].index, snapshot["Stages"]["stage"]))
    assert {stage_ids[s]: (r.days, r.deals) for s, r in baseline.iterrows()} == {
        "Lead": (30, 2), "Demo": (50, 2), "Proposal": (70, 2)}
    assert dict(zip(health["id"], health["won_avg_days"])) == {
        "O1": 15, "O2": 25, "O3": 35, "O4": 25, "O5": 15, "O6": 35}


def test_stalled_and_slipped(book):
    """At 06-30: stalled O1 (29 > 22.5), O3 (90 > 52.5), O5 (171 > 22.5); not O2 (20 ≤ 37.5),
    O4 (29 ≤ 37.5), O6 (41 ≤ 52.5).
    Moves of the expected close later: O3 05-31 -> 05-31 -> 06-30 (1) -> current 07-31 (2);
    O4 07-31 -> 06-15 (earlier) -> current 07-15 (1); the others none.
    Slipped: O3 (moved twice), O5 (03-15) and O6 (06-20) lie in the past; O2's 06-30 is today."""
    snapshot = book.snapshot()
    slips = by_id(snapshot, slip_counts(snapshot))
    assert slips == {"W1": 0, "W2": 0, "W3": 0, "L1": 0, "O1": 0, "O2": 0, "O3": 2, "O4": 1, "O5": 0, "O6": 0}
    report = compute_report(book, Q2)
    assert report.health == {"stalled": ["O1", "O3", "O5"], "slipped": ["O3", "O5", "O6"]}
    assert report.to_json()["health"] == report.health
    rows = report.health_rows["stalled"]
    assert snapshot["Deals"].loc[rows, "id"].tolist() == ["O1", "O3", "O5"]


def test_as_of_changes_health_and_cycle_forecast_not_won_figures(book):
    """At 07-16: O1 45, O2 36 (≤ 37.5), O3 106, O4 45 (> 37.5), O5 187, O6 57 (> 52.5) days ->
    stalled O1, O3, O4, O5, O6; slipped adds O2 (06-30) and O4 (07-15), now in the past.
    Cycle forecast: average won cycle (60 + 90 + 60) / 3 = 70 days; open deals expected in Q2:
    O2 (created 05-01), O6 (05-20). At 06-30: O2 6,000 × 60/70 = 5,142.857 -> 5,142.86,
    O6 1,000 × 41/70 = 585.714 -> 585.71 => 8,000 + 5,728.57 = 13,728.57.
    At 07-16: O2 76 days -> 100% 6,000, O6 1,000 × 57/70 = 814.29 => 14,814.29.
    Overdue beside Q2 (open, expected before as_of, not in Q2): O5 2,500; at 07-16 also O4 5,000."""
    now, later = compute_report(book, Q2).to_json(), compute_report(book, Q2, as_of=LATER).to_json()
    assert now["as_of"] == "2026-06-30" and later["as_of"] == "2026-07-16"
    assert later["health"] == {"stalled": ["O1", "O3", "O4", "O5", "O6"], "slipped": ["O2", "O3", "O4", "O5", "O6"]}
    assert (now["forecast"]["cycle_length"], later["forecast"]["cycle_length"]) == ("13728.57", "14814.29")
    assert (now["forecast"]["overdue"], later["forecast"]["overdue"]) == ("2500.00", "7500.00")
    for key in ("won", "weighted", "commit", "best_case", "pipeline", "historical"):
        assert now["forecast"][key] == later["forecast"][key]
    assert now["pipeline"] == later["pipeline"] and now["attainment"] == later["attainment"]
    assert now["pipeline_by_rep"] == later["pipeline_by_rep"]


def test_default_period_follows_the_given_as_of(book):
    assert compute_report(book).period.label == "2026-Q2"
    assert compute_report(book, as_of="2026-07-16").period.label == "2026-Q3"
    assert compute_report(book, as_of=date(2026, 7, 16)).as_of == LATER


def test_facts_of_one_as_of_are_not_reused_for_another(book):
    """The health of one day is cached under that day: asking for another day computes it
    afresh, and asking again for the first gives the first's (cached) answer."""
    snapshot = book.snapshot()
    first = deal_health(snapshot, date(2026, 6, 30))
    second = deal_health(snapshot, LATER)
    assert first is not second
    assert first["stalled"].sum() == 3 and second["stalled"].sum() == 5
    assert deal_health(snapshot, date(2026, 6, 30)) is first  # cached for its own day only
    assert {key for key in snapshot._cache.as_dict() if isinstance(key, tuple) and key[0] == "deal_health"} == {
        ("deal_health", date(2026, 6, 30)), ("deal_health", LATER)}
    # reports in either order give what a fresh book gives
    assert compute_report(snapshot, Q2, as_of=LATER).to_json() == compute_report(pipe_book(), Q2, as_of=LATER).to_json()
    assert compute_report(snapshot, Q2).to_json() == compute_report(pipe_book(), Q2).to_json()


def test_edits_through_the_app_make_a_deal_slipped(book):
    """Moving O2's expected close later twice in the app appends two history rows: slipped. A
    live book (no as_of setting): edits are recorded on the day they are made."""
    book.replace_table("Settings", frame("key value", [("currency", "USD")]))
    o2 = int(book["Deals"].index[book["Deals"]["id"] == "O2"][0])
    book.clock = lambda: date(2026, 6, 20)
    book.set_value("Deals", o2, "expected_close", pd.Timestamp("2026-07-31"))
    assert "O2" not in compute_report(book, Q2, as_of=date(2026, 6, 30)).health["slipped"]
    book.set_value("Deals", o2, "expected_close", pd.Timestamp("2026-08-31"))
    assert "O2" in compute_report(book, Q2, as_of=date(2026, 6, 30)).health["slipped"]
    # a stage change restarts the time in stage
    book.clock = lambda: date(2026, 6, 25)
    book.set_value("Deals", o2, "stage", int(book["Stages"].index[book["Stages"]["stage"] == "Proposal"][0]))
    health = deal_health(book.snapshot(), date(2026, 6, 30))
    assert health.loc[o2, "days_in_stage"] == 5


def test_a_stage_change_in_a_historical_book_counts_on_its_day(book):
    """A book with an as_of setting (a demo saved last week) records a stage change on that
    day, as it does an amount change: a deal won today was dated today, after the book's day,
    and no figure moved."""
    book.clock = lambda: date(2026, 12, 7)  # days after the book's as_of, 2026-06-30
    o2 = int(book["Deals"].index[book["Deals"]["id"] == "O2"][0])
    before = compute_report(book, Q2).to_json()["pipeline"]
    book.set_value("Deals", o2, "stage", int(book["Stages"].index[book["Stages"]["stage"] == "Won"][0]))
    assert book["Deals"].at[o2, "closed"] == pd.Timestamp("2026-06-30")
    assert book["StageHistory"]["entered"].iloc[-1] == pd.Timestamp("2026-06-30")
    after = compute_report(book, Q2).to_json()["pipeline"]
    assert (after["won_count"], after["open_count"]) == (before["won_count"] + 1, before["open_count"] - 1)
    assert Decimal(after["won_value"]) - Decimal(before["won_value"]) == Decimal("6000.00")


# -- the four forecasts ---------------------------------------------------------------------
def test_stage_weighted_and_category_forecasts(book):
    """Q2: won 8,000; open expected in Q2: O2 6,000 @40% = 2,400 (commit), O6 1,000 @60% = 600
    (best case) -> weighted 11,000, commit 14,000, best case 15,000, pipeline 15,000."""
    f = forecast(book.snapshot(), Q2)
    assert (f["won"], f["open_weighted"], f["weighted"]) == (800_000, 300_000, 1_100_000)
    assert (f["commit"], f["best_case"], f["pipeline"]) == (1_400_000, 1_500_000, 1_500_000)


def test_historical_forecast_from_settings_and_overrides(book):
    """Trailing Jan–Mar 2026: W1 10,000 won. Settings 5%, 2 new reps × 1,500:
    Q2 = 10,000 / 3 × 1.05 × 3 = 10,500 + 3,000 = 13,500.
    April with 4% (an override) and no new reps: 10,000 / 3 × 1.04 = 3,466.666… -> 3,466.67,
    rounded once (the average rounded first, 3,333.33 × 1.04, would give 3,466.66)."""
    book = pipe_book([("forecast_growth", "5%"), ("forecast_new_reps", "2"), ("forecast_new_rep_revenue", "1,500")])
    snapshot = book.snapshot()
    assert historical_inputs(snapshot).new_rep_revenue == 150_000
    assert forecast(snapshot, Q2)["historical"] == 1_350_000
    april = forecast(snapshot, Period.parse("2026-04"), inputs={"forecast_growth": "4%", "forecast_new_reps": 0})
    assert april["historical"] == 346_667
    report = compute_report(book, Q2, forecast_inputs={"forecast_new_rep_revenue": "2000"})
    assert report.to_json()["forecast"]["historical"] == "14500.00"  # 10,500 + 2 × 2,000
    assert forecast(pipe_book().snapshot(), Q2)["historical"] == 1_000_000  # no inputs: 10,000 × 3 / 3
    # -100% is the lowest growth (nothing), and the book's own currency sign is fine
    assert forecast(snapshot, Q2, inputs={"forecast_growth": "-100%", "forecast_new_rep_revenue": "$1,000"}
                    )["historical"] == 200_000


@pytest.mark.parametrize("key, value, message", [
    ("forecast_growth", "fast", "Settings: forecast_growth: 'fast' is not a growth rate"),
    ("forecast_new_reps", "2.5", "Settings: forecast_new_reps: '2.5' is not a number of reps"),
    ("forecast_new_rep_revenue", "lots", "Settings: forecast_new_rep_revenue: 'lots' is not an amount in USD"),
    ("forecast_growth", "-200%", "Settings: forecast_growth: growth '-200%' is below -100%"),
    ("forecast_new_rep_revenue", "₩5000", "Settings: forecast_new_rep_revenue: '₩5000' is an amount in another "
                                         "currency; amounts here are in USD"),
    ("forecast_new_rep_revenue", "EUR 5000", "is an amount in another currency"),
    ("forecast_new_rep_revenue", "5.000,00", "'5.000,00' is not an amount in USD"),
])
def test_bad_forecast_settings_are_one_clear_error(key, value, message):
    from planner.core.errors import PlannerError

    with pytest.raises(PlannerError, match=message):
        compute_report(pipe_book([(key, value)]), Q2)


def seed_book(deals: list[tuple], as_of: str, settings: list[tuple] = ()) -> Book:
    return Book({
        "Settings": frame("key value", [("currency", "USD"), ("as_of", as_of), *settings]),
        "Stages": STAGES,
        "Reps": frame("id name", [("A", "Ann")]),
        "Deals": frame("id owner stage amount created expected_close closed", deals),
    })


def test_seed_historical_forecast():
    """Seed 001: 1,000,000 a month over the trailing 3 months, 5% growth, 5 new reps × 5,000:
    1,000,000 + 50,000 + 25,000 = 1,075,000 for one month."""
    book = seed_book([(f"W{m}", "A", "Won", 100_000_000, f"2026-0{m}-01", None, f"2026-0{m}-15") for m in (1, 2, 3)],
                     "2026-03-31", [("forecast_growth", "5%"), ("forecast_new_reps", "5"),
                                    ("forecast_new_rep_revenue", "5000")])
    assert compute_report(book, Period.parse("2026-04")).to_json()["forecast"]["historical"] == "1075000.00"


def test_seed_cycle_length_forecast():
    """Seed 001: deals typically close in 4 months (120 days); a $1,000 deal open 2 months
    (60 days) counts 50% -> $500."""
    book = seed_book([
        ("W", "A", "Won", 500_000, "2025-09-01", None, "2025-12-30"),  # 120 days
        ("O", "A", "Proposal", 100_000, "2026-03-01", "2026-06-15", None),  # 60 days old on 2026-04-30
    ], "2026-04-30")
    assert compute_report(book, Q2).to_json()["forecast"]["cycle_length"] == "500.00"
    # a deal older than the typical cycle counts in full, not more
    assert compute_report(book, Q2, as_of="2026-08-01").forecast["cycle_length"] == 100_000


def test_seed_stage_weighted_forecast():
    """Seed 001: a $1,000 deal at a 60% stage counts $600."""
    book = seed_book([("O", "A", "Proposal", 100_000, "2026-04-01", "2026-05-15", None)], "2026-04-30")
    forecast_json = compute_report(book, Q2).to_json()["forecast"]
    assert (forecast_json["open_weighted"], forecast_json["weighted"]) == ("600.00", "600.00")
    assert forecast_json["cycle_length"] is None  # no won deal to learn the cycle from


def test_report_json_has_the_new_keys(book):
    data = compute_report(book, Q2).to_json()
    assert {"conversion_rate", "coverage", "avg_open_deal", "funnel"} <= set(data["pipeline"])
    assert data["pipeline"]["avg_open_deal"] == "4750.00" and data["pipeline"]["coverage"] == 0.21875
    assert data["pipeline"]["funnel"][0] == {"stage": "Lead", "reached": 6, "advanced": 5, "conversion": 5 / 6}
    assert data["pipeline_by_rep"][1] == {
        "rep": "B", "name": "Bo", "team": "East", "created": 1, "won_count": 1, "won_value": "5000.00",
        "lost_count": 0, "win_rate": 1.0, "open_count": 2, "open_value": "8500.00", "weighted_value": "2650.00",
        "avg_cycle_days": 90.0, "conversion_rate": 0.0, "avg_won_deal": "5000.00", "velocity_per_day": "111.11",
        "pipeline_expected": "6000.00", "quota_remaining": "5000.00", "coverage": 1.2}
    assert data["pipeline_by_team"][1]["team"] == "West" and data["pipeline_by_team"][1]["coverage"] == 1 / 7
    assert set(data["forecast"]) == {"won", "open_weighted", "weighted", "commit", "best_case", "pipeline",
                                     "historical", "cycle_length", "overdue"}
    assert all(isinstance(value, str) for value in data["forecast"].values())
    assert data["health"] == {"stalled": ["O1", "O3", "O5"], "slipped": ["O3", "O5", "O6"]}


# -- the Maven "CRM Sales Opportunities" data ----------------------------------------------------
MAVEN = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "maven-crm"


@pytest.fixture(scope="module")
def maven():
    """The raw CSVs and a book made from them. Deals: id = opportunity_id, owner = sales_agent,
    stage = deal_stage (Prospecting, Engaging open; Won; Lost), amount = close_value in cents
    (open deals have none: 0), created = engage_date, closed = close_date. The 500 Prospecting
    deals have no engage_date: they get the earliest engage_date of the file (2016-10-20), so
    they stay in the open pipeline but fall outside every 2017 cohort, as in the raw data.
    Reps from sales_teams (team = regional_office; managers are not reps, so not kept)."""
    if not (MAVEN / "sales_pipeline.csv").exists():
        pytest.skip("the Maven CRM data is not here")
    raw = pd.read_csv(MAVEN / "sales_pipeline.csv", parse_dates=["engage_date", "close_date"])
    teams = pd.read_csv(MAVEN / "sales_teams.csv")
    deals = pd.DataFrame({
        "id": raw["opportunity_id"], "owner": raw["sales_agent"], "stage": raw["deal_stage"],
        "amount": (raw["close_value"].fillna(0) * 100).round().astype("int64"),
        "created": raw["engage_date"].fillna(raw["engage_date"].min()), "closed": raw["close_date"],
        "product": raw["product"], "account": raw["account"],
    })
    book = Book({
        "Settings": frame("key value", [("currency", "USD")]),
        "Stages": frame("stage order probability kind", [
            ("Prospecting", 1, 100_000, "open"), ("Engaging", 2, 500_000, "open"),
            ("Won", 3, 1_000_000, "won"), ("Lost", 4, 0, "lost")]),
        "Reps": pd.DataFrame({"id": teams["sales_agent"], "name": teams["sales_agent"],
                              "team": teams["regional_office"]}),
        "Deals": deals,
    })
    assert book.problems() == []
    return raw, book


@pytest.mark.parametrize("label", ["2017", "2017-Q2"])
def test_maven_figures_match_pandas_on_the_raw_csv(maven, label):
    raw, book = maven
    period = Period.parse(label)
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    closed = raw[(raw["close_date"] >= start) & (raw["close_date"] < end)]
    won, lost = closed[closed["deal_stage"] == "Won"], closed[closed["deal_stage"] == "Lost"]
    created = raw[(raw["engage_date"] >= start) & (raw["engage_date"] < end)]

    report = compute_report(book, period, as_of=date(2017, 12, 31))  # a historical book: given its day
    p = report.to_json()["pipeline"]
    assert report.as_of_source == "--as-of"
    assert p["won_count"] == len(won) and p["lost_count"] == len(lost)
    assert p["won_value"] == f"{int(won['close_value'].sum())}.00"
    assert p["win_rate"] == pytest.approx(len(won) / (len(won) + len(lost)))
    assert p["avg_cycle_days"] == pytest.approx((won["close_date"] - won["engage_date"]).dt.days.mean())
    assert p["created_count"] == len(created)
    assert p["conversion_rate"] == pytest.approx((created["deal_stage"] == "Won").mean())
    assert p["open_count"] == int(raw["deal_stage"].isin(["Prospecting", "Engaging"]).sum())
    # per agent, the same figures add up
    rows = pd.DataFrame(report.to_json()["pipeline_by_rep"]).set_index("rep")
    expected_won = won.groupby("sales_agent").size()
    assert rows.loc[expected_won.index, "won_count"].tolist() == expected_won.tolist()
    assert rows["created"].sum() == len(created)
    assert (rows.loc[rows["won_count"] == 0, "won_value"] == "0.00").all()


def test_maven_figures_per_team_match_pandas(maven):
    """Per regional office in 2017: won count and value, win rate, cohort conversion and average
    cycle, from pandas on the raw CSV joined to sales_teams."""
    raw, book = maven
    period = Period.parse("2017")
    offices = pd.read_csv(MAVEN / "sales_teams.csv").set_index("sales_agent")["regional_office"]
    raw = raw.assign(office=raw["sales_agent"].map(offices))
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    closed = raw[(raw["close_date"] >= start) & (raw["close_date"] < end)]
    created = raw[(raw["engage_date"] >= start) & (raw["engage_date"] < end)]
    rows = pd.DataFrame(compute_report(book, period).to_json()["pipeline_by_team"]).set_index("team")
    assert sorted(rows.index) == sorted(offices.unique())
    for office, group in closed.groupby("office"):
        won, lost = group[group["deal_stage"] == "Won"], group[group["deal_stage"] == "Lost"]
        row = rows.loc[office]
        assert (row["won_count"], row["lost_count"]) == (len(won), len(lost))
        assert row["won_value"] == f"{int(won['close_value'].sum())}.00"
        assert row["win_rate"] == pytest.approx(len(won) / (len(won) + len(lost)))
        assert row["avg_cycle_days"] == pytest.approx((won["close_date"] - won["engage_date"]).dt.days.mean())
        cohort = created[created["office"] == office]
        assert row["conversion_rate"] == pytest.approx((cohort["deal_stage"] == "Won").mean())
        assert row["reps"] == int((offices == office).sum())
