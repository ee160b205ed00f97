"""The report of another period, and back (issue 18): what one period's report left cached
(per period, per as_of, per year) never shows in another's, and an edit in between drops what
it changed. Each report equals a fresh book's, holding the same rows with nothing cached."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from planner.core import schema
from planner.core.changes import SetValues
from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.report import compute_report

AS_OF = date(2026, 6, 30)
# a quarter and a month of the same year as AS_OF, the year before, a year, a future quarter
PERIODS = ("2026-Q1", "2026-02", "2025-Q4", "2025", "2026-Q3")


@pytest.fixture(scope="module")
def start():
    return demo_book(as_of=AS_OF, deals=400)


def same_as_fresh(book, period: Period | None, as_of: str | None = None) -> None:
    mine = compute_report(book, period, as_of=as_of)
    theirs = compute_report(book.copy(), period, as_of=as_of)
    assert mine.to_json() == theirs.to_json()
    for name in ("commissions", "commission_lines", "statements", "by_rep", "by_team", "forecast_by_rep",
                 "attainment", "team_attainment", "ytd", "team_ytd", "quota_by_month", "pacing", "quadrants"):
        pd.testing.assert_frame_equal(getattr(mine, name), getattr(theirs, name), check_exact=True)


def edited(book, table: str, row: int, **values) -> None:
    frame = book[table]
    book.apply(SetValues(table, pd.DataFrame({column: pd.array([value], dtype=frame[column].dtype)
                                              for column, value in values.items()},
                                             index=pd.Index([row], name=schema.ROW_ID))), check=False)


def won_deal(book, year: int, month: int | None = None) -> int:
    deals = book["Deals"]
    won = deals["stage"].map(book["Stages"]["kind"]).eq("won").to_numpy(dtype=bool, na_value=False)
    closed = deals["closed"].dt.year.eq(year).to_numpy(dtype=bool, na_value=False)
    if month is not None:
        closed = closed & deals["closed"].dt.month.eq(month).to_numpy(dtype=bool, na_value=False)
    return int(deals.index[won & closed][0])


def test_periods_there_and_back_equal_a_fresh_books(start):
    book = start.copy()
    for label in (None, *PERIODS, None):
        same_as_fresh(book, Period.parse(label) if label else None)


def test_an_edit_between_two_periods_shows_in_both(start):
    """A deal won this year doubled, then another period, then the first again: the year to date,
    the months' won, attainment and commissions of both follow the edit."""
    book = start.copy()
    first, other = Period.parse("2026-Q1"), Period.parse("2026-02")
    shown = compute_report(book, first).to_json()
    compute_report(book, other)
    deal = won_deal(book, 2026)
    edited(book, "Deals", deal, amount=int(book["Deals"].at[deal, "amount"]) * 2)
    same_as_fresh(book, other)
    now = compute_report(book, first).to_json()
    assert now["year_to_date"] != shown["year_to_date"] and now["commissions"] != shown["commissions"]
    same_as_fresh(book, first)
    quota = int(book["Quotas"].index[0])
    edited(book, "Quotas", quota, amount=int(book["Quotas"].at[quota, "amount"]) + 123_400)
    same_as_fresh(book, first)
    same_as_fresh(book, None)


def test_another_as_of_is_never_answered_from_the_first(start):
    """The year to date and the months' won depend on as_of: a report for another day of the
    same period and year computes them again (days after the book's last record too, where
    the book as it stood is the book itself)."""
    book = start.copy()
    for as_of in ("2026-06-30", "2026-05-12", "2026-02-01", "2026-08-15", "2026-12-31", "2026-06-30"):
        same_as_fresh(book, Period.parse("2026-Q1"), as_of)
    before = compute_report(book, Period.parse("2026-Q1"), as_of="2026-02-01")
    after = compute_report(book, Period.parse("2026-Q1"), as_of="2026-06-30")
    assert before.to_json()["year_to_date"] != after.to_json()["year_to_date"]


# what the per-revision lookups behind another period's report read (names, owners, tiers,
# bonuses, categories, overrides, quotas), each edited between two periods' reports
EDITS = [("Reps", "id"), ("Reps", "name"), ("Reps", "team"), ("Deals", "owner"), ("Deals", "id"),
         ("Deals", "name"), ("Deals", "forecast_category"), ("PlanTiers", "rate"), ("PlanTiers", "from"),
         ("PlanBonuses", "amount"), ("PlanBonuses", "from"), ("Quotas", "amount"), ("ForecastOverrides", "amount")]


@pytest.mark.parametrize(("table", "column"), EDITS)
def test_an_edit_of_what_the_lookups_read_shows_in_the_next_period(start, table, column):
    book = start.copy()
    for label in ("2026-Q1", "2026-02"):
        compute_report(book, Period.parse(label))
    frame = book[table]
    if table == "Deals":  # a deal won in February (its statement line names it)
        row = won_deal(book, 2026, month=2)
    else:
        row = int(frame.index[len(frame) // 2])
    value = frame.at[row, column]
    others = frame[column].dropna()
    others = others[others.astype(str) != str(value)]
    new = others.iloc[len(others) // 2] if column not in ("id", "name", "rate", "amount", "from") \
        else f"{value}-X" if isinstance(value, str) else int(value) + 1_000
    edited(book, table, row, **{column: new})
    same_as_fresh(book, Period.parse("2026-03"))
    same_as_fresh(book, Period.parse("2026-02"))
    same_as_fresh(book, Period.parse("2026-Q1"))
