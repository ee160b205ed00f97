"""Teams roll up: rep → team → parent team → company. A parent team's quota is its own row for
exactly its period, else the sum of its child teams (each by the same rule) and its direct
members; its won credit likewise. Amounts in whole dollars; the book holds cents.

The fixture: APAC (no parent) over Seoul (reps A, B) and Tokyo (rep C), with rep D directly in
APAC. Month quotas for 2017-Q1: A 100, B 200, C 50, D 1,000 a month; Tokyo has its own row of
500 for 2017-02. Won: A 400 (January), C 100 (February), D 2,000 (March).
"""

from __future__ import annotations

import pandas as pd

from planner.core.attainment import attainment
from planner.core.book import Book
from planner.core.pacing import year_to_date
from planner.core.periods import Period
from planner.core.report import compute_report

Q1 = ("2017-01", "2017-02", "2017-03")
MONTHLY = [(rep, None, month, dollars) for rep, dollars in (("A", 100), ("B", 200), ("C", 50), ("D", 1_000))
           for month in Q1]
TOKYO_FEB = [(None, "Tokyo", "2017-02", 500)]


WON = [("A", 40_000, "2017-01-10"), ("C", 10_000, "2017-02-10"), ("D", 200_000, "2017-03-10")]  # cents


def rollup_book(quotas: list[tuple], teams=(("APAC", None), ("Seoul", "APAC"), ("Tokyo", "APAC")), won=WON) -> Book:
    def frame(columns: str, rows) -> pd.DataFrame:
        return pd.DataFrame(list(rows), columns=columns.split())

    return Book({
        "Settings": frame("key value", [("currency", "USD"), ("as_of", "2017-12-31")]),
        "Stages": frame("stage order probability kind", [("Open", 1, 500_000, "open"), ("Won", 2, 1_000_000, "won"),
                                                         ("Lost", 3, 0, "lost")]),
        "Teams": frame("name parent", teams),
        "Reps": frame("id name team", [("A", "Anna", "Seoul"), ("B", "Boris", "Seoul"), ("C", "Chie", "Tokyo"),
                                       ("D", "Dan", "APAC")]),
        "Quotas": frame("rep team period amount", [(rep, team, period, dollars * 100)
                                                   for rep, team, period, dollars in quotas]),
        "Deals": frame("id owner stage amount created closed", [
            (f"D{n}", owner, "Won", cents, "2017-01-01", closed) for n, (owner, cents, closed) in enumerate(won)]),
    })


def figures(book: Book, period: str) -> dict[str, tuple]:
    """Per team name: (quota, credited) in dollars (quota None when unknown)."""
    _reps, teams = attainment(book, Period.parse(period))
    names = book["Teams"]["name"]
    return {str(names[int(team)]): (None if pd.isna(quota) else int(quota) // 100, int(credited) // 100)
            for team, quota, credited in zip(teams["team"], teams["quota"], teams["credited"])}


def test_a_parent_team_adds_up_its_child_teams_and_its_direct_members():
    book = rollup_book([*MONTHLY, *TOKYO_FEB])
    # Seoul: (100 + 200) × 3 = 900; Tokyo: 50 + 500 (its own February row) + 50 = 600;
    # APAC: Seoul 900 + Tokyo 600 + Dan 3 × 1,000 = 4,500; credit 400 + 100 + 2,000
    assert figures(book, "2017-Q1") == {"APAC": (4_500, 2_500), "Seoul": (900, 400), "Tokyo": (600, 100)}
    assert figures(book, "2017") == {"APAC": (4_500, 2_500), "Seoul": (900, 400), "Tokyo": (600, 100)}
    # February: Seoul 300, Tokyo's own 500, Dan 1,000
    assert figures(book, "2017-02") == {"APAC": (1_800, 100), "Seoul": (300, 0), "Tokyo": (500, 100)}


def test_a_parent_teams_own_row_wins_for_exactly_its_period():
    book = rollup_book([*MONTHLY, *TOKYO_FEB, (None, "APAC", "2017-03", 10_000)])
    assert figures(book, "2017-03")["APAC"] == (10_000, 2_000)
    assert figures(book, "2017-01")["APAC"] == (1_350, 400)  # 300 + 50 + 1,000
    # the quarter adds up its months: 1,350 + (300 + 500 + 1,000) + 10,000 (its own)
    assert figures(book, "2017-Q1")["APAC"] == (13_150, 2_500)
    assert figures(book, "2017-Q1")["Seoul"] == (900, 400)  # a parent's row changes no child


def test_a_child_teams_own_row_counts_in_its_parent():
    book = rollup_book([*MONTHLY, (None, "Seoul", "2017-Q1", 5_000)])
    # Seoul's own quarter row (5,000, not its members' 900) + Tokyo 150 + Dan 3,000
    assert figures(book, "2017-Q1") == {"APAC": (8_150, 2_500), "Seoul": (5_000, 400), "Tokyo": (150, 100)}


def test_pacing_and_year_to_date_roll_up_the_credit_too():
    book = rollup_book([*MONTHLY, *TOKYO_FEB])
    report = compute_report(book, Period.parse("2017-Q1"), as_of="2017-02-14")
    pacing = report.team_pacing.set_index("team")
    # credited so far (through 14 February): A 400 + C 100; APAC has both under it
    elapsed, total = report.days
    assert (elapsed, total) == (45, 90)
    assert int(pacing.loc["APAC", "projected"]) == 500 * 100 * total // elapsed
    _reps, teams, _company = year_to_date(book.snapshot(), pd.Timestamp("2017-03-31").date())
    names = book["Teams"]["name"]
    ytd = {str(names[int(t)]): (int(q) // 100, int(c) // 100) for t, q, c in zip(teams["team"], teams["quota"],
                                                                                  teams["credited"])}
    assert ytd == {"APAC": (4_500, 2_500), "Seoul": (900, 400), "Tokyo": (600, 100)}


def test_reps_at_quota_roll_up_as_the_credit_does():
    """A parent team's reps at quota are its direct members' and its child teams' (APAC was
    counted on Dan alone). 2017-Q1: Anna 400 of 300 (at quota), Boris 0 of 600, Chie 100 of
    150, Dan 2,000 of 3,000; Busan has no one (no share)."""
    teams = (("APAC", None), ("Seoul", "APAC"), ("Tokyo", "APAC"), ("Busan", "APAC"))
    report = compute_report(rollup_book(MONTHLY, teams=teams), Period.parse("2017-Q1"), as_of="2017-04-01").to_json()
    hit = report["reps_at_quota"]
    assert (hit["at_quota"], hit["with_quota"]) == (1, 4)
    assert {row["team"]: (row["at_quota"], row["with_quota"], row["share"]) for row in hit["teams"]} == {
        "APAC": (1, 4, 0.25), "Seoul": (1, 2, 0.5), "Tokyo": (0, 1, 0.0), "Busan": (0, 0, None)}


def test_team_credit_adds_up_exactly_beyond_a_floats_53_bits():
    """Credit stays an exact integer however it rolls up: a deal may be 10^15 cents
    (schema.MAX_INTEGER), and APAC's credit here, 10,999,999,999,999,989 cents, is odd and above
    2^53, so a float would make it ...988 or ...990."""
    top = 10**15 - 1
    won = [(rep, top, f"2017-02-{day:02}") for rep, deals in (("A", 4), ("C", 4), ("D", 3)) for day in range(1, deals + 1)]
    teams = (("APAC", None), ("Seoul", "APAC"), ("Tokyo", "APAC"), ("Busan", "APAC"))  # Busan: no one yet
    book = rollup_book(MONTHLY, teams=teams, won=won)
    expected = {"APAC": 11 * top, "Seoul": 4 * top, "Tokyo": 4 * top, "Busan": 0}
    names = book["Teams"]["name"]
    _reps, teams = attainment(book, Period.parse("2017-Q1"))
    assert {str(names[int(t)]): int(c) for t, c in zip(teams["team"], teams["credited"])} == expected
    _reps, teams, _company = year_to_date(book.snapshot(), pd.Timestamp("2017-03-31").date())
    assert {str(names[int(t)]): int(c) for t, c in zip(teams["team"], teams["credited"])} == expected
    report = compute_report(book, Period.parse("2017-Q1"), as_of="2017-03-31")
    assert dict(zip(report.team_pacing["team"], map(int, report.team_pacing["projected"]))) == expected  # (names shown)


def test_a_loop_of_parent_teams_is_a_problem_and_the_figures_leave_it_out():
    book = rollup_book(MONTHLY, teams=(("APAC", "Tokyo"), ("Seoul", "APAC"), ("Tokyo", "APAC")))
    problems = [(p.table, p.column, p.template.format(**p.fields)) for p in book.problems()]
    assert ("Teams", "parent", "the parent teams loop back to this team (APAC → Tokyo → APAC)") in problems
    assert ("Teams", "parent", "the parent teams loop back to this team (Tokyo → APAC → Tokyo)") in problems
    assert len(problems) == 2  # Seoul only hangs under the loop: no loop of its own
    report = compute_report(book, Period.parse("2017-Q1"))  # no hang, no traceback: the loop is left out
    assert report.left_out.count >= 2


def test_a_child_teams_unknown_quota_leaves_its_parents_unknown():
    # Seoul's own 2017-Q1 row beside Anna's year row (which no quarter splits): the rule leaves
    # Seoul's 2017 unknown, so APAC's 2017 is unknown too, not Tokyo's and Dan's alone
    quotas = [(rep, team, period, dollars) for rep, team, period, dollars in MONTHLY if rep != "A"]
    book = rollup_book([*quotas, ("A", None, "2017", 1_200), (None, "Seoul", "2017-Q1", 5_000)])
    year = figures(book, "2017")
    assert year["Seoul"][0] is None and year["APAC"][0] is None
    assert year["Tokyo"] == (150, 100)
    # the quarter is known all the way up: Seoul's own row + Tokyo 150 + Dan 3,000
    assert figures(book, "2017-Q1")["APAC"] == (8_150, 2_500)
