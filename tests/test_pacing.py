"""Where a period stands on as_of (ended, in progress with pacing, not begun), reps at quota,
year to date and rep quadrants, on the hand-computed fixture book (tests/fixtures.py).

Q1 2026 has 31 + 28 + 31 = 90 days. As of 2026-02-10, 31 + 10 = 41 days have elapsed (the
first day and as_of both counted). Credited from 1 January through 10 February:
R1 D1 7,000 + D2 5,000 + 40% of D5 3,600 (10 February, included) = 15,600;
R2 D3 20,000 (D4, 15 March, is not "so far"); R3 60% of D5 5,400 (D6 2,000 reversed on 5 February).
"""

from datetime import date

import pandas as pd
import pytest

from fixtures import rebuilt
from planner.core.pacing import days, status
from planner.core.periods import Period
from planner.core.quadrants import quadrants
from planner.core.report import compute_report

Q1 = Period.parse("2026-Q1")


def test_status_and_days_count_the_first_day_and_as_of():
    assert status(Q1, date(2025, 12, 31)) == "future" and days(Q1, date(2025, 12, 31)) == (0, 90)
    assert status(Q1, date(2026, 1, 1)) == "in_progress" and days(Q1, date(2026, 1, 1)) == (1, 90)
    assert status(Q1, date(2026, 3, 31)) == "in_progress" and days(Q1, date(2026, 3, 31)) == (90, 90)
    assert status(Q1, date(2026, 4, 1)) == "ended" and days(Q1, date(2026, 4, 1)) == (90, 90)


def test_pacing_of_a_period_in_progress(book):
    """Projected = so far × 90 ÷ 41, in cents half up: R1 1,560,000 × 90 ÷ 41 = 3,424,390.24 ->
    34,243.90, pacing 140,400,000 ÷ (41 × 3,000,000) = 1.14146…; R2 2,000,000 × 90 ÷ 41 =
    4,390,243.9 -> 43,902.44 against 30,000 (its quarter row); R3 540,000 × 90 ÷ 41 =
    1,185,365.85 -> 11,853.66 against 15,000. Seoul (R1 + R3) 2,100,000 × 90 ÷ 41 = 4,609,756.1 ->
    46,097.56 against its own 50,000 row."""
    report = compute_report(book, Q1, as_of="2026-02-10").to_json()
    assert report["period_status"] == "in_progress"
    pacing = report["pacing"]
    assert (pacing["elapsed_days"], pacing["period_days"]) == (41, 90)
    reps = {row["rep"]: row for row in pacing["reps"]}
    assert reps["R1"]["projected"] == "34243.90" and reps["R1"]["pacing"] == pytest.approx(140_400_000 / 123_000_000)
    assert reps["R2"]["projected"] == "43902.44" and reps["R2"]["pacing"] == pytest.approx(180_000_000 / 123_000_000)
    assert reps["R3"]["projected"] == "11853.66" and reps["R3"]["pacing"] == pytest.approx(48_600_000 / 61_500_000)
    teams = {row["team"]: row for row in pacing["teams"]}
    assert teams["Seoul"]["projected"] == "46097.56"
    assert teams["Seoul"]["pacing"] == pytest.approx(189_000_000 / 205_000_000)
    # attainment is the period's credited as the book stood on 02-10 (issue 19): R2's D3 20,000,
    # not D4 (won 03-15); as of the book's own day, 20,000 + 16,000 = 36,000
    assert {row["rep"]: row["credited"] for row in report["attainment"]}["R2"] == "20000.00"
    later = compute_report(book, Q1).to_json()
    assert {row["rep"]: row["credited"] for row in later["attainment"]}["R2"] == "36000.00"


def test_ended_and_future_periods(book):
    """Q1 as of 1 April has ended: no pacing; reps at quota R2 only (120%; R1 52%, R3 36%).
    Q2 as of 31 March has not begun: no pacing, no share at quota, no "no quota" warnings."""
    ended = compute_report(book, Q1, as_of="2026-04-01").to_json()
    assert ended["period_status"] == "ended" and ended["pacing"] is None
    hit = ended["reps_at_quota"]
    assert (hit["at_quota"], hit["with_quota"], hit["share"]) == (1, 3, pytest.approx(1 / 3))
    assert {row["team"]: (row["at_quota"], row["with_quota"]) for row in hit["teams"]} == {
        "Seoul": (0, 2), "Tokyo": (1, 1)}
    future = compute_report(book, Period.parse("2026-Q2"), as_of="2026-03-31").to_json()
    assert future["period_status"] == "future" and future["pacing"] is None and future["reps_at_quota"] is None
    assert not [w for w in future["warnings"] if "no quota" in w]
    assert [w for w in compute_report(book, Period.parse("2026-Q2"), as_of="2026-07-01").to_json()["warnings"]
            if "no quota" in w]  # the same period once ended still warns


def test_year_to_date(book):
    """As of 10 February: quota of January and February. R1 10,000 + 10,000 = 20,000, credited
    15,600 -> 78%; R3 5,000 + 5,000, credited 5,400 -> 54%; R2 has only a quarter row: no month
    quota (missing), credited 20,000. The company: the reps with a quota, 21,000 of 30,000 = 70%."""
    ytd = compute_report(book, Q1, as_of="2026-02-10").to_json()["year_to_date"]
    assert (ytd["from"], ytd["to"]) == ("2026-01-01", "2026-02-10")
    reps = {row["rep"]: row for row in ytd["reps"]}
    assert (reps["R1"]["quota"], reps["R1"]["credited"], reps["R1"]["attainment"]) == ("20000.00", "15600.00", 0.78)
    assert (reps["R3"]["quota"], reps["R3"]["credited"], reps["R3"]["attainment"]) == ("10000.00", "5400.00", 0.54)
    assert (reps["R2"]["quota"], reps["R2"]["credited"], reps["R2"]["attainment"]) == (None, "20000.00", None)
    assert ytd["company"] == {"quota": "30000.00", "credited": "21000.00", "attainment": pytest.approx(0.7)}


@pytest.fixture
def history(book):
    """The fixture book with 2025-Q4 credit: R1 10,000, R2 50,000, R3 6,000."""
    def edit(frames):
        deals = frames["Deals"]
        extra = pd.DataFrame([{"id": f"D2{n}", "owner": rep, "stage": "Won", "amount": amount,
                               "created": pd.Timestamp("2025-09-01"), "closed": pd.Timestamp(closed)}
                              for n, (rep, amount, closed) in enumerate([
                                  ("R1", 1_000_000, "2025-11-01"), ("R2", 5_000_000, "2025-12-01"),
                                  ("R3", 600_000, "2025-10-05")])])
        frames["Deals"] = pd.concat([deals, extra], ignore_index=True)
    return rebuilt(book, edit)


def test_quadrants_of_an_ended_quarter(history):
    """Q1 as of 15 April: R1 52% (low), 15,600 vs 10,000 (up) -> improving laggard; R2 120%
    (high), 36,000 vs 50,000 (down, −28%) -> falling star; R3 36% (low), 5,400 vs 6,000 (down)
    -> worsening laggard. With the threshold at 50%, R1 is high and up: a rising star."""
    table = quadrants(history, Q1, date(2026, 4, 15)).set_index("rep")
    ids = {rep: int(i) for i, rep in history["Reps"]["id"].items()}
    assert table.loc[ids["R1"], "quadrant"] == "improving_laggard"
    assert table.loc[ids["R2"], "quadrant"] == "falling_star"
    assert table.loc[ids["R2"], "change"] == pytest.approx(-0.28)
    assert table.loc[ids["R3"], "quadrant"] == "worsening_laggard"
    assert quadrants(history, Q1, date(2026, 4, 15), threshold=500_000).set_index("rep").loc[
        ids["R1"], "quadrant"] == "rising_star"


def test_a_rep_with_nothing_in_either_quarter_has_no_change(book):
    """R4 (a quota, no deal) credited nothing in 2025-Q4 and 2026-Q1: no change (it sat on the
    chart's right edge, as if it had grown from nothing, as R1, with 15,600 after nothing, does)."""
    def edit(frames):
        frames["Reps"] = pd.concat([frames["Reps"], pd.DataFrame([{"id": "R4", "name": "Dana", "team": "Seoul"}])],
                                   ignore_index=True)
        frames["Quotas"] = pd.concat([frames["Quotas"], pd.DataFrame([{"rep": "R4", "period": "2026-Q1",
                                                                        "amount": 1_000_000}])], ignore_index=True)
    changed = rebuilt(book, edit)
    table = quadrants(changed, Q1, date(2026, 4, 15)).set_index("rep")
    ids = {rep: int(i) for i, rep in changed["Reps"]["id"].items()}
    assert table.loc[ids["R4"], "change"] == 0 and table.loc[ids["R4"], "quadrant"] == "improving_laggard"
    assert pd.isna(table.loc[ids["R1"], "change"])


def test_quadrants_of_a_quarter_in_progress_use_the_run_rate(history):
    """As of 10 February (41 of 90 days) R3 has 5,400 so far: projected 11,853.66 is above last
    quarter's 6,000 (up) and 79% of its quota (low) -> improving laggard, not "down" for being
    half-way; R2 projected 43,902.44 (146%, high) vs 50,000 (down) -> falling star."""
    table = quadrants(history, Q1, date(2026, 2, 10)).set_index("rep")
    ids = {rep: int(i) for i, rep in history["Reps"]["id"].items()}
    assert table.loc[ids["R3"], "quadrant"] == "improving_laggard"
    assert table.loc[ids["R3"], "credited"] == 1_185_366
    assert table.loc[ids["R2"], "quadrant"] == "falling_star"
    assert quadrants(history, Period.parse("2026-Q2"), date(2026, 2, 10)).empty
