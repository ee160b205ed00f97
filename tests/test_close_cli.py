"""``planner close``: close, a late edit through ``import --into``, the adjustment it makes in
the next period, the closed statement unchanged; and the one-line refusals."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.core.adjustments import statement
from planner.core.close import closed_periods
from planner.core.periods import Period
from planner.storage import open_book, write_book
from fixtures import planner, small_book
from test_close import dated

Q1, Q2 = Period.parse("2026-Q1"), Period.parse("2026-Q2")
DEAL_HEADER = "id,owner,stage,amount,created,closed,cancelled\n"


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "book.planner"
    write_book(dated(small_book()), path)
    return path


def merged(tmp_path, path, row: str, check=True):
    csv = tmp_path / "late.csv"
    csv.write_text(DEAL_HEADER + row + "\n", encoding="utf-8")
    return planner("import", csv, "--into", path, "--yes", check=check)


def test_close_then_a_late_cancellation_is_an_adjustment_in_the_next_period_and_the_closed_statement_stays(
        path, tmp_path):
    shown = planner("close", path, "--period", "2026-Q1", "--dry-run").stdout
    # R1 (monthly, 10% retroactive from 100%): January 12,000.00 → 1,200.00, February below quota → 0;
    # R2 (quarterly, marginal 2%/5%/10%, cap 1,500.00): 300 + 250 + 500 + 600 = 1,650.00 capped to 1,500.00,
    # plus the 500.00 bonus; R3: 40.00 (D6) + 108.00 (its 60% of D5) − 40.00 (D6 cancelled in February)
    assert shown.splitlines()[0] == (f"closing 2026-Q1 in {path} (statement revision 1): 13 line(s), "
                                     f"total 3,308.00 (USD)")
    assert shown.splitlines()[1:-1] == ["  R1 김민지, 2026-01: 3 line(s), 1,200.00", "  R1 김민지, 2026-02: 1 line(s), 0.00",
                                      "  R2 佐藤 健, 2026-Q1: 6 line(s), 2,000.00",
                                      "  R3 Alex Kim, 2026-Q1: 3 line(s), 108.00"]
    assert len(open_book(path)["Closes"]) == 0  # a dry run changes nothing
    done = planner("close", path, "--period", "2026-Q1", "--yes")
    assert done.stdout.splitlines()[-1] == f"closed 2026-Q1 in {path} (statement revision 1)"
    before = statement(open_book(path), Q1)

    # a late edit inside the closed quarter is refused, naming the file's row and the period
    refused = merged(tmp_path, path, "D4,R2,Won,16000,2026-01-05,2026-03-15,2026-03-25", check=False)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip() == ("planner: error: Nothing was imported: late.csv, row 2, column cancelled: this "
                                      "would change the figures of 2026-Q1, which is closed: reopen 2026-Q1 first, "
                                      "or date the change after it")
    # dated after the close, it is taken
    merged(tmp_path, path, "D4,R2,Won,16000,2026-01-05,2026-03-15,2026-05-20")
    book = open_book(path)
    pd.testing.assert_frame_equal(statement(book, Q1), before)
    q2 = statement(book, Q2)
    adjustment = q2[q2["rule"] == "adjustment"]
    deal = int(book["Deals"].index[book["Deals"]["id"] == "D4"][0])
    assert adjustment[["deal", "amount", "adjusts", "reason"]].values.tolist() == [[deal, -110_000, "2026-Q1",
                                                                                    "cancelled"]]


def test_reopen_shows_what_changes_and_is_recorded(path):
    planner("close", path, "--period", "2026-Q1", "--yes")
    shown = planner("close", path, "--period", "2026-Q1", "--reopen", "--dry-run").stdout
    assert shown.splitlines() == [f"reopening 2026-Q1 in {path} (statement revision 1): no line would change",
                                  f"dry run: {path} was not changed"]
    planner("close", path, "--period", "2026-Q1", "--reopen", "--yes")
    book = open_book(path)
    assert closed_periods(book) == {} and book["Closes"]["event"].tolist() == ["close", "reopen"]
    planner("close", path, "--period", "2026-Q1", "--yes")
    assert open_book(path)["Closes"]["revision"].tolist() == [1, 1, 2]


@pytest.mark.parametrize("args, message", [
    (["--period", "2026-Q5"], "planner: error: Bad period '2026-Q5': expected a month (2026-01), a quarter (2026-Q1) "
                              "or a year (2026)"),
    (["--period", "2026-Q2", "--yes"], "planner: error: 2026-Q2 cannot be closed: it has not ended on 2026-04-15 "
                                       "(the book's date)"),
    (["--period", "2026-Q1", "--reopen", "--yes"], "planner: error: 2026-Q1 is not closed: there is nothing to "
                                                   "reopen"),
    (["--period", "2026-Q1"], "planner: error: {path} was not changed: pass --yes to close 2026-Q1, or --dry-run to "
                              "only show what it does"),
])
def test_mistakes_are_one_line(path, args, message):
    result = planner("close", path, *args, check=False)
    assert result.returncode == 1 and result.stderr.strip() == message.format(path=path)
    assert len(open_book(path)["Closes"]) == 0


def test_a_problem_touching_the_period_is_listed_and_nothing_is_closed(tmp_path):
    def edit(frames):
        deals = frames["Deals"]
        deals.loc[deals["id"] == "D3", "currency"] = "EUR"

    from fixtures import rebuilt

    path = tmp_path / "book.planner"
    write_book(rebuilt(dated(small_book()), edit), path)
    result = planner("close", path, "--period", "2026-Q1", "--yes", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "planner: error: 2026-Q1 cannot be closed while 1 problem(s) touch it:",
        "  Deals D3, column currency: EUR differs from the book's currency USD; exchange rates are not supported yet"]
    assert len(open_book(path)["Closes"]) == 0


@pytest.mark.parametrize("name, text, column", [
    ("Deals.csv", DEAL_HEADER + "D3,R2,Won,21000,2025-11-01,2026-02-01,\n", "amount"),
    ("Deals.csv", DEAL_HEADER + "D12,R3,Won,5000,2026-03-10,2026-03-28,\n", "stage"),
    ("Splits.csv", "deal_id,rep,share\nD5,R3,50%\nD5,R1,50%\n", "share"),
    ("Quotas.csv", "rep,team,period,amount\nR1,,2026-02,9000\n", "amount"),
    ("PlanTiers.csv", "plan,from,to,rate,method\nMARG,0.5,1,6%,marginal\n", "rate"),
    ("Reps.csv", "id,name,team,plan\nR1,김민지,Seoul,MARG\n", "plan"),
])
def test_import_into_a_closed_period_is_refused_for_each_kind_of_change(path, tmp_path, name, text, column):
    planner("close", path, "--period", "2026-Q1", "--yes")
    before = path.read_bytes()
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    result = planner("import", source, "--into", path, "--yes", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"row 2, column {column}: this would change the figures of 2026-Q1, which is closed" in result.stderr
    assert path.read_bytes() == before


def test_what_people_read_after_a_close_is_the_ledger_and_its_adjustments(path, tmp_path):
    import json
    import sqlite3

    planner("close", path, "--period", "2026-Q1", "--yes")
    merged(tmp_path, path, "D4,R2,Won,16000,2026-01-05,2026-03-15,2026-05-20")  # cancelled after the close
    # another writer (no checks of this Planner) doubles a closed January deal of R1's
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE Deals SET amount = amount * 2 WHERE id = 'D1'")
    connection.close()
    january = json.loads(planner("statement", path, "--rep", "R1", "--period", "2026-01", "--json").stdout)
    # January stays what was paid: 12,000.00 × 10% (the ledger), not the doubled deal's 2,400.00
    assert january["statements"][0]["total"] == "1200.00"
    report = json.loads(planner("report", path, "--period", "2026-01", "--json").stdout)
    assert [c["total"] for c in report["commissions"] if c["rep"] == "R1"] == ["1200.00"]
    # R2's cancellation after the close is an adjustment of the closed quarter, in May's quarter
    q2 = json.loads(planner("statement", path, "--rep", "R2", "--period", "2026-Q2", "--json").stdout)
    lines = [line for one in q2["statements"] for line in one["lines"] if line["rule"] == "adjustment"]
    assert [(line["deal"], line["amount"], line["adjusts"], line["reason"]) for line in lines] == [
        ("D4", "-1100.00", "2026-Q1", "cancelled")]
    text = planner("statement", path, "--rep", "R2", "--period", "2026-Q2").stdout
    assert "-1,100.00  adjusts 2026-Q1, cancelled" in text
