"""Period close: the ledger and the close record as one change, the refusals, what a closed
period refuses (core/close_guard.py), adjustments, reopening, and the database's own guard.

The fixture book (test_report.py's, its hand-computed figures) with its date moved to
2026-04-15, so that 2026-Q1 has ended: R1 is on a monthly retroactive plan (RETRO), R2 and R3
on a quarterly marginal plan (MARG) with a cap and a bonus.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import pandas as pd
import pytest
import sqlalchemy as sa

from planner.core.adjustments import recomputed, statement
from planner.core.changes import SetValues
from planner.core.close import CloseRefused, closed_periods, frozen_lines, plan_close, plan_reopen
from planner.core.errors import PlannerError
from planner.core.periods import Period
from planner.core.problems import Refused
from planner.core.schema import ROW_ID
from planner.core.statements import statement_lines
from planner.session import Session
from planner.storage import SCHEMA_VERSION, Store, open_book, write_book
from fixtures import small_book
from stores import engine_of, target  # noqa: F401 - target is a fixture

Q1, Q2 = Period.parse("2026-Q1"), Period.parse("2026-Q2")
AT = datetime(2026, 4, 16, 9, 30, tzinfo=timezone.utc)


def dated(book, day: str = "2026-04-15"):
    settings = book["Settings"]
    book.set_value("Settings", int(settings.index[settings["key"] == "as_of"][0]), "value", day)
    return book


@pytest.fixture
def april():
    return dated(small_book())


def row_of(book, table: str, key: str) -> int:
    frame = book[table]
    column = "id" if "id" in frame else frame.columns[0]
    return int(frame.index[frame[column] == key][0])


def closed(book, period: Period = Q1):
    """``book`` with ``period`` closed (the change applied), and the plan."""
    plan = plan_close(book, period, "finance@office", AT)
    book.apply(plan.change)
    return plan


def one(table: str, row: int, **values) -> SetValues:
    return SetValues(table, pd.DataFrame({k: [v] for k, v in values.items()}, index=pd.Index([row], name=ROW_ID)))


# -- closing ------------------------------------------------------------------------------------
def test_closing_writes_the_statement_lines_and_the_close_as_one_undo_step(april):
    with Session(april) as session:
        plan = plan_close(april, Q1, "finance@office", AT)
        session.apply(plan.change, "Close 2026-Q1")
        assert session.history.undo_text == "Close 2026-Q1" and len(session.history.steps) == 1
        closes, ledger = april["Closes"], april["Ledger"]
        assert closes[["period", "event", "revision", "at", "by"]].values.tolist() == [
            ["2026-Q1", "close", 1, "2026-04-16T09:30:00Z", "finance@office"]]
        # every statement line of the plan periods inside Q1: R1's months, R2's and R3's quarter
        expected = statement_lines(april, Q1)
        assert len(ledger) == len(expected) == 13
        assert ledger["amount"].tolist() == expected["amount"].tolist()
        assert ledger["rule"].tolist() == expected["rule"].tolist()
        assert set(ledger["close"]) == {int(closes.index[0])} and set(ledger["revision"]) == {1}
        # R1's January: 1,200.00 credited at 10% retroactive = 500.00 + a lift of 700.00 on D1
        january = ledger[(ledger["period"] == "2026-01")]
        assert january["amount"].tolist() == [0, 50_000, 70_000]
        session.undo()
        assert len(april["Closes"]) == 0 and len(april["Ledger"]) == 0 and closed_periods(april) == {}
        session.redo()
        assert list(closed_periods(april)) == ["2026-Q1"]


def test_closing_is_refused_before_the_period_ends_and_when_closed_already(april):
    with pytest.raises(PlannerError, match=r"2026-Q2 cannot be closed: it has not ended on 2026-04-15"):
        plan_close(april, Q2, "me")
    march = dated(small_book(), "2026-03-31")  # the last day of March is still March
    with pytest.raises(PlannerError, match="has not ended on 2026-03-31"):
        plan_close(march, Period.parse("2026-03"), "me")
    closed(april)
    with pytest.raises(PlannerError, match=r"2026-Q1 is already closed \(on 2026-04-16T09:30:00Z by finance@office\)"):
        plan_close(april, Q1, "me")
    with pytest.raises(PlannerError, match="2026-02 is already closed as part of 2026-Q1"):
        plan_close(april, Period.parse("2026-02"), "me")
    with pytest.raises(PlannerError, match="2026-02 is closed as part of 2026-Q1: reopen 2026-Q1 instead"):
        plan_reopen(april, Period.parse("2026-02"), "me")


def test_a_problem_touching_the_period_refuses_the_close_listing_every_one(april):
    deals = april["Deals"]
    # D3 (won in February) and D4 (won in March) in a currency the book does not hold; D12 (open,
    # a problem of no closed figure) too
    for key in ("D3", "D4", "D12"):
        april.set_value("Deals", row_of(april, "Deals", key), "currency", "EUR")
    with pytest.raises(CloseRefused) as refused:
        plan_close(april, Q1, "me")
    text = str(refused.value).splitlines()
    assert text[0] == "2026-Q1 cannot be closed while 2 problem(s) touch it:"
    assert [line.split(":")[0].strip() for line in text[1:]] == ["Deals D3, column currency", "Deals D4, column currency"]
    assert len(deals) == len(april["Deals"]) and len(april["Closes"]) == 0
    # a problem in another period does not touch Q1: a deal won in April
    april.set_value("Deals", row_of(april, "Deals", "D3"), "currency", "USD")
    april.set_value("Deals", row_of(april, "Deals", "D4"), "currency", "USD")
    april.apply(one("Deals", row_of(april, "Deals", "D12"), stage=int(april["Stages"].index[3]),
                    closed=pd.Timestamp("2026-04-02")))
    assert any(p.table == "Deals" for p in april.problems())
    closed(april)  # closes


# -- what a closed period refuses ------------------------------------------------------------------
def _refusals(book):
    """(what, the change) of every kind of change that alters 2026-Q1's figures."""
    deal = lambda key: row_of(book, "Deals", key)  # noqa: E731
    won, prospect = int(book["Stages"].index[3]), int(book["Stages"].index[0])
    r1, r2 = row_of(book, "Reps", "R1"), row_of(book, "Reps", "R2")
    split = int(book["Splits"].index[0])
    marg = int(book["Plans"].index[book["Plans"]["plan"] == "MARG"][0])
    tier = int(book["PlanTiers"].index[2])
    bonus = int(book["PlanBonuses"].index[0])
    quota = int(book["Quotas"].index[0])
    currency = int(book["Settings"].index[book["Settings"]["key"] == "currency"][0])
    return [
        ("a deal won inside it", one("Deals", deal("D12"), stage=won, closed=pd.Timestamp("2026-03-20"))),
        ("a deal closed inside it (moved in)", one("Deals", deal("D4"), closed=pd.Timestamp("2026-04-03"))),
        ("a deal re-amounted", one("Deals", deal("D3"), amount=2_100_000)),
        ("a won deal set back to open", one("Deals", deal("D1"), stage=prospect)),
        ("a deal re-owned", one("Deals", deal("D1"), owner=r2)),
        ("a deal cancelled inside it", one("Deals", deal("D4"), cancelled=pd.Timestamp("2026-03-25"))),
        ("a deal deleted", book.deletion("Deals", [deal("D2")])),
        ("a split changed", one("Splits", split, share=500_000)),
        ("a split added", book.insertion("Splits", pd.DataFrame({"deal_id": [deal("D3")], "rep": [r1],
                                                                  "share": [1_000_000]}))),
        ("its quota", one("Quotas", quota, amount=900_000)),
        ("a quota added", book.insertion("Quotas", pd.DataFrame({"rep": [r2], "period": ["2026-02"],
                                                                  "amount": [10]}))),
        ("a plan's tier", one("PlanTiers", tier, rate=60_000)),
        ("a plan's bonus", one("PlanBonuses", bonus, amount=60_000)),
        ("a plan's cap", one("Plans", marg, cap=200_000)),
        ("a rep's plan", one("Reps", r1, plan=marg)),
        ("a rep's start", one("Reps", r2, start_date=pd.Timestamp("2026-02-01"))),
        ("a stage's kind", one("Stages", won, kind="open")),
        ("the book's currency", one("Settings", currency, value="KRW")),
    ]


@pytest.mark.parametrize("what", [what for what, _change in _refusals(small_book())])
def test_a_change_that_alters_a_closed_period_is_refused_naming_it(april, what):
    closed(april)
    change = dict(_refusals(april))[what]
    before = {name: april[name] for name in ("Deals", "Splits", "Quotas", "PlanTiers", "Reps", "Settings")}
    with pytest.raises(Refused) as refused:
        april.apply(change)
    assert "this would change the figures of 2026-Q1, which is closed: reopen 2026-Q1 first" in str(refused.value)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(april[name], frame)


def test_changes_dated_after_the_close_or_of_no_figure_pass(april):
    closed(april)
    won = int(april["Stages"].index[3])
    april.apply(one("Deals", row_of(april, "Deals", "D4"), cancelled=pd.Timestamp("2026-04-20")))  # after Q1
    april.apply(one("Deals", row_of(april, "Deals", "D12"), stage=won, closed=pd.Timestamp("2026-04-10")))
    april.apply(one("Deals", row_of(april, "Deals", "D1"), name="renamed", account="ACME"))
    april.apply(one("Deals", row_of(april, "Deals", "D10"), amount=5))  # an open deal
    april.apply(april.insertion("Quotas", pd.DataFrame({"rep": [row_of(april, "Reps", "R1")],
                                                        "period": ["2026-04"], "amount": [1_000_000]})))
    april.apply(one("Reps", row_of(april, "Reps", "R3"), name="Alexandra Kim"))
    assert april["Deals"].loc[row_of(april, "Deals", "D4"), "cancelled"] == pd.Timestamp("2026-04-20")


def test_the_books_own_records_are_never_changed_and_a_saved_close_is_not_undone(april, tmp_path):
    closed(april)
    line = int(april["Ledger"].index[0])
    for change in (one("Ledger", line, amount=1), april.deletion("Ledger", [line]),
                   april.deletion("Closes", list(april["Closes"].index))):
        with pytest.raises(Refused, match="closed periods and their ledger lines are never changed or deleted"):
            april.apply(change)
    path = tmp_path / "book.planner"
    write_book(small_book(), path)
    with Session.open(path) as session:
        dated(session.book)
        plan = plan_close(session.book, Q1, "me")
        session.apply(plan.change, "Close 2026-Q1")
        inverse = session.history.steps[-1].inverse
        session.save()
        assert not session.can_undo  # the saved close left the history: it is reopened, never undone
        with pytest.raises(Refused):
            session.book.apply(inverse, check=False, origin="undo")
        assert len(session.book["Ledger"]) == 13


# -- adjustments -----------------------------------------------------------------------------------
def test_a_cancellation_after_the_close_is_an_adjustment_in_its_period_and_the_closed_statement_stays(april):
    closed(april)
    frozen = statement(april, Q1)
    d4 = row_of(april, "Deals", "D4")
    april.apply(one("Deals", d4, cancelled=pd.Timestamp("2026-05-20")))
    pd.testing.assert_frame_equal(statement(april, Q1), frozen)
    lines = statement(april, Q2)
    adjustment = lines[lines["rule"] == "adjustment"]
    # D4 paid R2 500.00 (tier 50%-100%, 5% of 10,000.00) + 600.00 (tier 100%+, 10% of 6,000.00) in Q1
    assert adjustment[["rep", "period", "deal", "amount", "adjusts", "reason"]].values.tolist() == [
        [row_of(april, "Reps", "R2"), "2026-Q2", d4, -110_000, "2026-Q1", "cancelled"]]
    assert recomputed(april).empty


def test_a_change_taken_without_the_checks_is_adjusted_once_in_the_next_open_period(april):
    closed(april)
    ledger = april["Ledger"]
    d3 = row_of(april, "Deals", "D3")
    # another writer's row: merged as it is, without the checks (Book.apply(check=False))
    april.apply(one("Deals", d3, amount=2_100_000), check=False, origin="other")
    pd.testing.assert_frame_equal(april["Ledger"], ledger)
    r2 = row_of(april, "Reps", "R2")
    # R2's Q1 (quota 30,000.00; tiers 2% to 15,000.00, 5% to 30,000.00, 10% above) recomputed:
    # D3 at 21,000.00 pays 6,000.00 × 5% = 300.00 in the middle tier (50.00 more); D4 then pays
    # 9,000.00 × 5% + 7,000.00 × 10% = 1,150.00 (50.00 more); the cap at 1,500.00 takes 100.00 more
    owed = recomputed(april)
    assert owed[["rep", "period", "deal", "amount", "adjusts"]].values.tolist() == [
        [r2, "2026-Q2", pd.NA, -10_000, "2026-Q1"], [r2, "2026-Q2", d3, 5_000, "2026-Q1"],
        [r2, "2026-Q2", row_of(april, "Deals", "D4"), 5_000, "2026-Q1"]]
    q2 = statement(april, Q2)
    assert q2.loc[q2["reason"] == "recomputed", "amount"].sum() == 0  # capped: nothing more to pay in all
    # once Q2 is closed with them, they are paid: the Q3 statement owes nothing more
    dated(april, "2026-07-01")
    closed(april, Q2)
    assert recomputed(april).empty
    assert (frozen_lines(april)["reason"] == "recomputed").sum() == 3


# -- reopening ---------------------------------------------------------------------------------------
def test_reopening_shows_what_changes_is_recorded_and_a_new_close_is_the_next_revision(april):
    first = closed(april)
    april.apply(one("Deals", row_of(april, "Deals", "D3"), amount=2_100_000), check=False, origin="other")
    plan = plan_reopen(april, Q1, "boss@office", AT)
    assert plan.differences[["rule", "was", "now"]].values.tolist() == [
        ["tier", 25_000, 30_000], ["tier", 50_000, 45_000], ["tier", 60_000, 70_000], ["cap", -15_000, -25_000]]
    april.apply(plan.change)
    assert closed_periods(april) == {}
    assert april["Closes"][["event", "revision", "by"]].values.tolist() == [["close", 1, "finance@office"],
                                                                             ["reopen", 1, "boss@office"]]
    assert len(april["Ledger"]) == len(first.lines)  # the first close's lines stay, as history
    again = closed(april)
    assert again.revision == 2 and len(april["Ledger"]) == 2 * len(first.lines)
    assert frozen_lines(april)["revision"].eq(2).all()
    with pytest.raises(PlannerError, match="2026-Q2 is not closed: there is nothing to reopen"):
        plan_reopen(april, Q2, "me")


# -- the database refuses too ---------------------------------------------------------------------------
def test_the_database_refuses_to_update_or_delete_ledger_lines(april, target):
    closed(april)
    write_book(april, target)
    book = open_book(target)
    assert book["Ledger"]["amount"].tolist() == april["Ledger"]["amount"].tolist()
    assert book["Closes"]["at"].tolist() == ["2026-04-16T09:30:00Z"]
    statements = ['UPDATE "Ledger" SET amount = 0', 'DELETE FROM "Ledger"', 'DELETE FROM "Closes"',
                  'UPDATE "Closes" SET "by" = \'nobody\'']
    if isinstance(target, str):
        statements.append('TRUNCATE "Ledger"')
        engine = engine_of(target)
        for statement_text in statements:
            with pytest.raises(sa.exc.DBAPIError, match="only ever added, never changed or deleted"):
                with engine.begin() as connection:
                    connection.exec_driver_sql(statement_text)
        engine.dispose()
    else:
        connection = sqlite3.connect(target)
        for statement_text in statements:
            with pytest.raises(sqlite3.DatabaseError, match="rows of (Ledger|Closes) are only ever added"):
                connection.execute(statement_text)
        connection.close()
    assert len(open_book(target)["Ledger"]) == 13


def test_a_book_of_format_5_climbs_to_the_ledger_and_closes_there(target):
    from test_book_formats import book_of_format, looked_at

    book = dated(small_book())
    book_of_format(book, target, 5)
    assert "Ledger" not in looked_at(target)[1] and len(open_book(target)["Closes"]) == 0
    with Session.open(target) as session:
        plan = plan_close(session.book, Q1, "me")
        session.apply(plan.change, "Close 2026-Q1")
        session.save()
    version, tables, _ = looked_at(target)
    assert version == str(SCHEMA_VERSION) and {"Closes", "Ledger"} <= tables  # and on, to this format
    assert list(closed_periods(open_book(target))) == ["2026-Q1"]
    store = Store.open(target, "read")
    try:
        log = store.change_log()
    finally:
        store.close()
    assert set(log.loc[log["kind"] == "insert", "table_name"]) == {"Closes", "Ledger"}


def test_a_month_closed_first_stays_as_it_was_when_its_quarter_closes(april):
    january = closed(april, Period.parse("2026-01"))
    # inside January only R1's monthly plan period: R2's and R3's quarter is not part of it
    assert set(january.lines["period"]) == {"2026-01"} and len(january.lines) == 3
    quarter = closed(april, Q1)
    assert "2026-01" not in set(quarter.lines["period"]) and len(quarter.lines) == 13 - 3
    assert frozen_lines(april).groupby("closed").size().to_dict() == {"2026-01": 3, "2026-Q1": 10}
    assert recomputed(april).empty
    # reopening January alone would leave its lines in no close (its statements read 0.00):
    # refused while its quarter is closed; once the quarter is reopened, January can be
    def january() -> list:  # the lines as paid (a ledger's and the engine's dtypes differ)
        return statement(april, Period.parse("2026-01")).astype("string").fillna("").values.tolist()

    paid = january()
    assert [line[1] for line in paid].count("2026-01") == 3  # R1's month (R2's and R3's quarter too)
    with pytest.raises(PlannerError, match="2026-01 lies inside 2026-Q1, which is closed too: reopen 2026-Q1 first"):
        plan_reopen(april, Period.parse("2026-01"), "me")
    april.apply(plan_reopen(april, Q1, "me").change)
    assert january() == paid
    april.apply(plan_reopen(april, Period.parse("2026-01"), "me").change)
    assert closed_periods(april) == {} and january() == paid
