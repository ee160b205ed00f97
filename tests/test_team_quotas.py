"""A team's quota for a period (decisions.md, "Team quotas"): its own Quotas row wins for
exactly its period; a longer period adds up its sub-periods, each from the team's own row if
there is one, else its members' sum. Amounts below are in whole dollars; the book holds cents.
"""

from __future__ import annotations

import pandas as pd
import pytest

from planner.core.attainment import attainment
from planner.core.book import Book
from planner.core.periods import Period

MONTHS = [f"2017-{m:02d}" for m in range(1, 13)]


def team_book(quotas: list[tuple], won: list[tuple] = ()) -> Book:
    """Team Central of reps A, B and C (and team West of rep D); ``quotas`` as (rep, team,
    period, dollars); ``won`` deals as (owner, dollars, closed)."""
    def frame(columns: str, rows) -> pd.DataFrame:
        return pd.DataFrame(list(rows), columns=columns.split())

    return Book({
        "Settings": frame("key value", [("currency", "USD"), ("as_of", "2017-12-31")]),
        "Stages": frame("stage order probability kind", [("Open", 1, 500_000, "open"), ("Won", 2, 1_000_000, "won"),
                                                         ("Lost", 3, 0, "lost")]),
        "Teams": frame("name", [("Central",), ("West",)]),
        "Reps": frame("id name team", [("A", "Anna", "Central"), ("B", "Boris", "Central"),
                                       ("C", "Cecily", "Central"), ("D", "Dan", "West")]),
        "Quotas": frame("rep team period amount", [(rep, team, period, dollars * 100)
                                                   for rep, team, period, dollars in quotas]),
        "Deals": frame("id owner stage amount created closed", [
            (f"D{n}", owner, "Won", dollars * 100, "2017-01-01", closed) for n, (owner, dollars, closed) in enumerate(won)]),
    })


def team_figures(book: Book, period: str, team: str = "Central") -> tuple:
    _reps, teams = attainment(book, Period.parse(period))
    row = teams.set_index("team").loc[book["Teams"].index[book["Teams"]["name"] == team][0]]
    quota = None if pd.isna(row["quota"]) else int(row["quota"]) // 100
    return quota, None if pd.isna(row["attainment"]) else round(float(row["attainment"]), 4)


MEMBERS_MONTHLY = [(rep, None, month, 155_000) for rep in "ABC" for month in MONTHS]
WON = [("A", 1_190_000, "2017-02-10"), ("B", 1_190_000, "2017-05-10"), ("C", 1_190_000, "2017-11-10")]


def test_a_quarter_row_of_the_team_is_not_its_year():
    # The issue's case. Members' 2017 quotas: 3 reps × 12 months × 155,000 = 5,580,000; the
    # team's own row is 2017-Q2 = 1,000,000; credited 3 × 1,190,000 = 3,570,000.
    # 2017 = Q1 (members: 3 × 3 × 155,000 = 1,395,000) + Q2 (own: 1,000,000) + Q3 1,395,000
    #        + Q4 1,395,000 = 5,185,000, not 1,000,000 (357%): 3,570,000 ÷ 5,185,000 = 68.85%.
    book = team_book([*MEMBERS_MONTHLY, (None, "Central", "2017-Q2", 1_000_000)], WON)
    assert team_figures(book, "2017") == (5_185_000, round(3_570_000 / 5_185_000, 4))
    assert team_figures(book, "2017")[1] == pytest.approx(0.6885, abs=1e-4)
    assert team_figures(book, "2017-Q2") == (1_000_000, 1.19)  # its own row, exactly its period
    assert team_figures(book, "2017-Q1") == (1_395_000, round(1_190_000 / 1_395_000, 4))  # members' sum
    assert team_figures(book, "2017-05")[0] == 465_000  # no own month row: 3 × 155,000
    assert team_figures(book, "2017", "West") == (None, None)  # no quota anywhere


def test_a_month_row_of_the_team_counts_inside_its_quarter_and_year():
    # Own row 2017-04 = 200,000. Q2 = 200,000 + May 465,000 + June 465,000 = 1,130,000;
    # 2017 = 3 × 1,395,000 + 1,130,000 = 5,315,000; the year's own row, when there is one, wins.
    book = team_book([*MEMBERS_MONTHLY, (None, "Central", "2017-04", 200_000)])
    assert team_figures(book, "2017-04")[0] == 200_000
    assert team_figures(book, "2017-Q2")[0] == 1_130_000
    assert team_figures(book, "2017")[0] == 5_315_000
    book = team_book([*MEMBERS_MONTHLY, (None, "Central", "2017-04", 200_000), (None, "Central", "2017", 6_000_000)])
    assert team_figures(book, "2017")[0] == 6_000_000


def test_without_own_rows_a_team_has_its_members_sum():
    # Members' year rows only: 3 × 1,860,000 = 5,580,000 for the year; no quarter is known.
    book = team_book([(rep, None, "2017", 1_860_000) for rep in "ABC"])
    assert team_figures(book, "2017")[0] == 5_580_000
    assert team_figures(book, "2017-Q1")[0] is None


def test_a_member_year_that_cannot_be_split_leaves_the_team_year_unknown():
    # Members hold year rows only (5,580,000), the team a 2017-Q2 row: Q1, Q3 and Q4 of the
    # members are not known, so neither is the team's year — never 1,000,000 alone.
    book = team_book([*[(rep, None, "2017", 1_860_000) for rep in "ABC"], (None, "Central", "2017-Q2", 1_000_000)])
    assert team_figures(book, "2017") == (None, None)
    assert team_figures(book, "2017-Q2")[0] == 1_000_000
    # ... unless the team's own rows cover every quarter: 4 × 1,000,000 + 500,000 = 4,500,000
    quarters = [(None, "Central", f"2017-Q{q}", 1_000_000) for q in (1, 2, 3)]
    months = [(None, "Central", f"2017-{m}", amount) for m, amount in (("10", 100_000), ("11", 200_000),
                                                                         ("12", 1_200_000))]
    book = team_book([*[(rep, None, "2017", 1_860_000) for rep in "ABC"], *quarters, *months])
    assert team_figures(book, "2017")[0] == 3_000_000 + 1_500_000


def test_a_member_who_joins_mid_year_still_splits():
    # Rep C has quota rows for July to December only: its year is the sum of its quarters, so
    # the team's year is known. Q1 = (A, B) 2 × 3 × 155,000 = 930,000; Q2 = own 1,000,000;
    # Q3 = Q4 = 3 × 3 × 155,000 = 1,395,000 → 930,000 + 1,000,000 + 2 × 1,395,000 = 4,720,000.
    rows = [row for row in MEMBERS_MONTHLY if not (row[0] == "C" and row[2] < "2017-07")]
    book = team_book([*rows, (None, "Central", "2017-Q2", 1_000_000)])
    assert team_figures(book, "2017")[0] == 4_720_000
