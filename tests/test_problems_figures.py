"""A problem never blanks every figure (issue 14 item 2, decisions.md "Problems and figures").

The rows a problem is in are left out of the figures, with the rows that cannot stand without
them; everything else is exactly what the book without those rows reports, and the report
says what was left out. Compared here with the same book with the rows deleted by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from fixtures import planner, rebuilt, small_book
from planner.core.periods import Period
from planner.core.report import compute_report
from planner.storage import save_book

Q1 = Period.parse("2026-Q1")
FIGURES = ("pipeline", "attainment", "team_attainment", "commissions", "commission_lines", "forecast",
           "pipeline_by_rep", "health")


def figures(book) -> dict:
    report = compute_report(book, Q1).to_json()
    return {key: report[key] for key in FIGURES}


def without(book, table: str, keep) -> dict:
    """The figures of ``book`` with the rows of ``table`` that ``keep`` rejects deleted by hand."""
    def edit(frames):
        frames[table] = frames[table][keep(frames[table])].reset_index(drop=True)
    return figures(rebuilt(book, edit))


def test_a_quota_without_a_rep_leaves_only_that_row_out(book):
    # the case: one Quotas row without a rep emptied Attainment and Commissions
    bad = rebuilt(book, lambda f: f["Quotas"].loc.__setitem__((0, "rep"), None))
    report = compute_report(bad, Q1)
    assert [p.template for p in report.problems] == ["a quota needs a rep or a team"]
    assert report.left_out.count == 1 and list(report.left_out.rows) == ["Quotas"]
    assert len(report.attainment) == 3 and len(report.commissions) > 0
    expected = without(book, "Quotas", lambda q: q.index != 0)
    assert figures(bad) == expected
    # R1 lost its January quota: its month shows no quota, its quarter is the two months left
    r1 = next(r for r in compute_report(bad, Q1).to_json()["attainment"] if r["rep"] == "R1")
    assert r1["quota"] == "20000.00"


def test_a_deal_in_another_currency_is_left_out_and_its_reps_are_marked(book):
    bad = rebuilt(book, lambda f: f["Deals"].loc.__setitem__((f["Deals"]["id"] == "D5", "currency"), "EUR"))
    report = compute_report(bad, Q1)
    assert report.left_out.rows["Deals"] and len(report.left_out.rows["Deals"]) == 1
    assert report.left_out.owned == {"Splits": 2}  # D5's split rows go with it, unlisted
    # D5 was split 60/40 between R3 and R1: both reps' figures leave it out, and their teams'
    assert report.left_out.reps == {"R3": 1, "R1": 1}
    assert report.left_out.teams == {"Seoul": 2}
    assert figures(bad) == without(book, "Deals", lambda d: d["id"] != "D5")
    r1 = next(r for r in report.to_json()["attainment"] if r["rep"] == "R1")
    assert r1["credited"] == "12000.00"  # 15,600 less R1's 40% of D5 (3,600)


def test_a_wrong_split_leaves_the_deal_out_never_credits_it_wholly_to_its_owner(book):
    bad = rebuilt(book, lambda f: f["Splits"].loc.__setitem__((0, "share"), 500_000))  # 50% + 40%
    report = compute_report(bad, Q1)
    assert [p.table for p in report.problems] == ["Splits"]
    assert list(report.left_out.rows) == ["Deals"]
    assert figures(bad) == without(book, "Deals", lambda d: d["id"] != "D5")


def test_a_wrong_tier_leaves_its_plan_out_and_its_reps_keep_their_attainment(book):
    # MARG's tiers no longer meet: 0-50%, then 60%-100%
    bad = rebuilt(book, lambda f: f["PlanTiers"].loc.__setitem__((3, "from"), 600_000))
    report = compute_report(bad, Q1)
    assert list(report.left_out.rows) == ["Plans"] and report.left_out.owned == {"PlanTiers": 3, "PlanBonuses": 1}
    assert set(report.left_out.reps) == {"R2", "R3"}  # the reps on MARG
    assert set(report.commissions["rep"]) == {"R1"}  # R1 is on RETRO, paid as before
    before = compute_report(book, Q1)
    assert report.to_json()["attainment"] == before.to_json()["attainment"]  # attainment does not need the plan
    r1_lines = [line for line in before.to_json()["commission_lines"] if line["rep"] == "R1"]
    assert report.to_json()["commission_lines"] == r1_lines and r1_lines


def test_a_stage_with_a_problem_leaves_its_deals_out_with_the_reason(book):
    bad = rebuilt(book, lambda f: f["Stages"].loc.__setitem__((f["Stages"]["stage"] == "Commit", "probability"),
                                                                 None))
    report = compute_report(bad, Q1)
    deals = report.left_out.rows["Deals"]
    assert sorted(report.left_out.places[("Deals", row)][0] for row in deals) == ["D12", "D13"]
    assert {p.table for p in deals.values()} == {"Stages"}  # left out because of the stage's problem
    def edit(frames):
        frames["Deals"] = frames["Deals"][~frames["Deals"]["id"].isin(["D12", "D13"])].reset_index(drop=True)
        frames["Stages"] = frames["Stages"][frames["Stages"]["stage"] != "Commit"].reset_index(drop=True)
    assert figures(bad) == figures(rebuilt(book, edit))
    assert [s["stage"] for s in report.to_json()["pipeline"]["stages"]] == ["Prospect", "Proposal"]


def test_a_bad_setting_falls_back_to_its_default_and_marks_every_section(book):
    bad = rebuilt(book, lambda f: f["Settings"].loc.__setitem__((f["Settings"]["key"] == "as_of", "value"),
                                                                   "2026-02-30"))
    report = compute_report(bad, Q1)
    assert list(report.left_out.rows) == ["Settings"]
    assert set(report.left_out.sections) >= {"pipeline", "attainment", "commissions", "forecast"}
    assert report.to_json()["attainment"] == compute_report(book, Q1).to_json()["attainment"]


def test_a_won_deal_without_a_created_date_still_counts_its_won_value(book):
    """decisions.md: it is left out of cycle and cohort figures only."""
    bad = rebuilt(book, lambda f: f["Deals"].loc.__setitem__((f["Deals"]["id"] == "D3", "created"), None))
    report = compute_report(bad, Q1)
    assert len(report.problems) == 1 and report.left_out.count == 0 and len(report.left_out.kept) == 1
    pipeline = report.to_json()["pipeline"]
    assert (pipeline["won_count"], pipeline["won_value"]) == (6, "59000.00")
    # the five other won deals' cycles: 40 + 36 + 69 + 31 + 10 = 186 days (D3's 92 left out)
    assert pipeline["avg_cycle_days"] == pytest.approx(186 / 5)
    # velocity = 5 open × 6/8 × (59,000.00 ÷ 6) ÷ (186 ÷ 5) = 991.26… a day
    assert pipeline["velocity_per_day"] == "991.26"
    r2 = next(r for r in report.to_json()["pipeline_by_rep"] if r["rep"] == "R2")
    assert r2["avg_cycle_days"] == pytest.approx(69.0)  # D4 only


def test_a_book_without_problems_reports_none(book):
    report = compute_report(book, Q1)
    assert report.problems == [] and not report.left_out
    assert report.to_json()["left_out"] == {"rows": 0, "list": [], "sections": {}, "reps": {}, "teams": {}}


def test_the_command_line_prints_figures_and_problems_and_exits_0_unless_strict(tmp_path: Path):
    bad = rebuilt(small_book(), lambda f: f["Quotas"].loc.__setitem__((0, "rep"), None))
    path = tmp_path / "bad.planner"
    save_book(bad, path)
    text = planner("report", path, "--period", "2026-Q1")
    assert "Attainment:" in text.stdout and "R1" in text.stdout
    assert "Problems (1):" in text.stdout and "Quotas row 1, column rep: a quota needs a rep or a team" in text.stdout
    assert "Left out of the figures: 1 row(s)" in text.stdout
    strict = planner("report", path, "--period", "2026-Q1", "--strict", check=False)
    assert strict.returncode == 1 and "Problems (1):" in strict.stdout
    data = json.loads(planner("report", path, "--period", "2026-Q1", "--json").stdout)
    assert data["problems"] == [{"table": "Quotas", "key": None, "row": 1, "column": "rep",
                                 "message": "a quota needs a rep or a team"}]
    assert data["left_out"]["rows"] == 1 and len(data["attainment"]) == 3


SALESFORCE = Path(__file__).parents[2] / "shared" / "data" / "external" / "salesforce-opportunity-prodly" / \
    "Opportunity.csv"


@pytest.mark.skipif(not SALESFORCE.exists(), reason="the shared data folder is not beside the project")
def test_the_salesforce_export_reports_its_figures(tmp_path: Path):
    """Its deals have no created date: 308 won and lost deals are problems, yet every figure that
    does not need a created date is computed, and equals pandas on the raw file."""
    book = tmp_path / "sf.planner"
    planner("import", SALESFORCE, "--out", book)
    data = json.loads(planner("report", book, "--period", "2023", "--json").stdout)
    raw = pd.read_csv(SALESFORCE)
    closed = pd.to_datetime(raw["CloseDate"])
    in_2023 = closed.dt.year == 2023
    won = in_2023 & (raw["StageName"] == "Closed Won")
    lost = in_2023 & (raw["StageName"] == "Closed Lost")
    pipeline = data["pipeline"]
    assert pipeline["won_count"] == int(won.sum()) == 180
    assert pipeline["won_value"] == f"{raw.loc[won, 'Amount'].sum():.2f}" == "5847790.00"
    assert pipeline["lost_count"] == int(lost.sum())
    assert pipeline["avg_cycle_days"] is None  # no created dates: no cycle, never a made-up 0
    assert len(data["problems"]) == 308 and data["left_out"]["rows"] == 0
    is_open = ~raw["StageName"].isin(["Closed Won", "Closed Lost"])
    assert pipeline["open_count"] == int(is_open.sum())
    assert pipeline["open_value"] == f"{raw.loc[is_open, 'Amount'].sum():.2f}"
