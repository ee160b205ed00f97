"""`planner statement BOOK --rep R --period P [--json]`: one rep's statements from the command line."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from fixtures import planner, small_book
from planner.storage import save_book
from test_statements import MARGINAL, RETRO, book_of


def adjusted_book():
    """The fixture book on 2026-04-15 with 2026-Q1 closed, then D4 (paid R2 1,100.00 in Q1)
    cancelled on 2026-05-20: R2's Q2 has an adjustment line of -1,100.00 that adjusts 2026-Q1."""
    from test_close import Q1, closed, dated, one, row_of

    book = dated(small_book())
    closed(book, Q1)
    book.apply(one("Deals", row_of(book, "Deals", "D4"), cancelled=pd.Timestamp("2026-05-20")))
    return book


@pytest.fixture
def path(tmp_path):
    # January (quota 10,000,000 won): D1 8,000,000 @ 5% = 400,000; D2 4,000,000 = 2,000,000 @ 5%
    # + 2,000,000 @ 10% = 300,000. February: D2 cancelled on the 10th, D3 3,000,000 @ 5% = 150,000
    book = book_of(MARGINAL, [(8_000_000, "2026-01-05"), (4_000_000, "2026-01-25", "2026-02-10"),
                              (3_000_000, "2026-02-03")], quotas=[("2026-01", 10_000_000), ("2026-02", 10_000_000)])
    book.set_value("Deals", book["Deals"].index[0], "name", "서울은행 갱신")
    save_book(book, tmp_path / "book.planner")
    return tmp_path / "book.planner"


def test_the_text_statement_lists_each_line_aligned_with_its_total(path):
    printed = planner("statement", path, "--rep", "R1", "--period", "2026-01").stdout
    lines = printed.splitlines()
    assert lines[0] == ("Statement of R1 Kim, plan P, 2026-01 (amounts in KRW): quota 10,000,000, won 12,000,000, "
                        "credited after cancellations 12,000,000")
    table = lines[2:7]
    assert table == [
        "  #  deal  name           rule   tier       rate       base   amount",
        "  1  D1    서울은행 갱신  Tier   0%–100%      5%  8,000,000  400,000",
        "  2  D2                   Tier   0%–100%      5%  2,000,000  100,000",
        "  3  D2                   Tier   100%–150%   10%  2,000,000  200,000",
        "                          Total                              700,000",
    ]
    assert lines[7] == "  commission 700,000, bonus 0, total 700,000"


def test_what_an_adjustment_adjusts_is_a_column_of_its_own_and_the_amounts_stay_in_line(tmp_path):
    save_book(adjusted_book(), tmp_path / "book.planner")
    lines = planner("statement", tmp_path / "book.planner", "--rep", "R2", "--period", "2026-Q2").stdout.splitlines()
    assert lines[2:5] == [
        "  #  deal  name  rule        tier  rate  base     amount",
        "  1  D4          Adjustment                    -1,100.00  adjusts 2026-Q1, cancelled",
        "                 Total                         -1,100.00",
    ]


def test_a_quarter_lists_each_monthly_statement_and_json_keeps_the_numbers(path):
    data = json.loads(planner("statement", path, "--rep", "R1", "--period", "2026-Q1", "--json").stdout)
    assert (data["rep"], data["name"], data["plan"], data["currency"]) == ("R1", "Kim", "P", "KRW")
    assert [s["period"] for s in data["statements"]] == ["2026-01", "2026-02", "2026-03"]
    february = data["statements"][1]
    assert february["lines"] == [
        {"line": 1, "deal": "D3", "deal_name": None, "rule": "tier", "tier": "0%–100%", "rate": 0.05,
         "base": "3000000", "amount": "150000", "adjusts": None, "reason": None},
        {"line": 2, "deal": "D2", "deal_name": None, "rule": "clawback", "tier": None, "rate": None, "base": None,
         "amount": "-300000", "adjusts": None, "reason": None}]  # adjustment lines name a closed period
    assert (february["credited"], february["won"], february["total"]) == ("-1000000", "3000000", "-150000")


@pytest.mark.parametrize("args, message", [
    (["--rep", "R9", "--period", "2026-01"], "has no rep with the id or name 'R9'"),
    (["--rep", "R1", "--period", "2026-13"], "Bad period '2026-13'"),
])
def test_an_unknown_rep_or_period_is_one_clear_line(path, args, message):
    result = planner("statement", path, *args, check=False)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("planner: error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_rep_is_named_by_its_id_or_by_a_name_only_it_has(tmp_path):
    book = small_book()
    save_book(book, tmp_path / "book.planner")
    by_id = planner("statement", tmp_path / "book.planner", "--rep", "R2", "--period", "2026-Q1", "--json").stdout
    by_name = planner("statement", tmp_path / "book.planner", "--rep", "佐藤 健", "--period", "2026-Q1", "--json").stdout
    assert by_name == by_id and json.loads(by_name)["rep"] == "R2"  # the JSON names the rep by its id
    text = planner("statement", tmp_path / "book.planner", "--rep", "김민지", "--period", "2026-01").stdout
    assert text.startswith("Statement of R1 김민지, plan ")
    reps = book["Reps"]
    book.set_value("Reps", reps.index[reps["id"] == "R3"][0], "name", "김민지")  # two reps of one name
    save_book(book, tmp_path / "two.planner")
    result = planner("statement", tmp_path / "two.planner", "--rep", "김민지", "--period", "2026-01", check=False)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "planner: error: '김민지' could be any of R1, R3: use the id\n"


def test_a_rep_on_no_plan_has_no_statement(tmp_path):
    book = book_of(RETRO, [(500_000, "2026-01-05")], currency="USD")
    reps = book["Reps"]
    book.set_value("Reps", reps.index[0], "plan", None)
    save_book(book, tmp_path / "book.planner")
    result = planner("statement", tmp_path / "book.planner", "--rep", "R1", "--period", "2026-01", check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == ("planner: error: R1 has no commission statement for 2026-01: not on a plan, or "
                                     "not employed then")


def test_a_deal_with_a_problem_is_said_to_be_left_out_never_dropped_quietly(path):
    import sqlite3

    with sqlite3.connect(path) as connection:  # a currency the book does not keep: a problem row
        connection.execute("UPDATE Deals SET currency = 'EUR' WHERE id = 'D3'")
    connection.close()
    text = planner("statement", path, "--rep", "R1", "--period", "2026-02").stdout
    assert text.splitlines()[-1] == "Left out of these statements: 1 row(s) with problems (planner report lists them)"
    data = json.loads(planner("statement", path, "--rep", "R1", "--period", "2026-02", "--json").stdout)
    assert data["left_out"] == 1 and "D3" not in [line["deal"] for s in data["statements"] for line in s["lines"]]


def test_a_statement_shows_draw_lines_the_balance_carried_and_base_and_ote_as_information(tmp_path):
    # draw 2,000.00 a month, recoverable, target incentive 24,000.00 a year; base 60,000.00 a year.
    # January earns 5,000.00 x 10% = 500.00: a draw line of 1,500.00, 1,500.00 carried.
    # Base for January: 60,000.00 x 31 / 365 = 5,095.89; target incentive 24,000.00 x 31 / 365
    # = 2,038.356... -> 2,038.36; OTE 5,095.89 + 2,038.36 = 7,134.25
    from test_draws import book_of as draw_book

    book = draw_book([(500_000, "2026-01-10")], draws=[("A", 200_000, "yes")], rep={"base_salary": [6_000_000]},
                     as_of="2026-02-15")
    book.set_value("PlanDraws", int(book["PlanDraws"].index[0]), "target_incentive", 2_400_000)
    save_book(book, tmp_path / "draws.planner")
    got = json.loads(planner("statement", tmp_path / "draws.planner", "--rep", "R1", "--period", "2026-01",
                             "--json").stdout)
    one = got["statements"][0]
    assert [(line["rule"], line["amount"]) for line in one["lines"]] == [("tier", "500.00"), ("draw", "1500.00")]
    assert (one["total"], one["draw_balance"]) == ("2000.00", "1500.00")
    assert (one["base_salary"], one["target_incentive"], one["ote"]) == ("5095.89", "2038.36", "7134.25")
    printed = planner("statement", tmp_path / "draws.planner", "--rep", "R1", "--period", "2026-01").stdout
    assert ("  for information: base salary 5,095.89, target incentive 2,038.36, OTE 7,134.25, "
            "draw balance carried 1,500.00") in printed.splitlines()


def test_the_json_statement_shows_multiplied_rates_spiffs_and_the_clawback_window(tmp_path):
    # 10% flat; renewals × 0.5, SPIFF "Q1 launch" 50.00 per Gold deal; window 30 days.
    # D1 Gold renewal 1,000.00 (Jan 10): 1,000.00 @ 5% = 50.00 + SPIFF 50.00
    # D2 new 2,000.00 (Jan 2), cancelled Feb 10 (39 days: kept, no clawback); D1 cancelled Feb 5 (26 days): -100.00
    from test_plan_rules import FLAT, book_of as rules_book

    book = rules_book(FLAT, [(100_000, "2026-01-10", "2026-02-05", "Gold", "renewal"),
                             (200_000, "2026-01-02", "2026-02-10", None, "new")], quotas=(),
                      multipliers_=[(None, "renewal", 500_000)], spiffs=[("Gold", None, None, None, 5_000)],
                      clawback_days=30)
    book.set_value("Spiffs", book["Spiffs"].index[0], "description", "Q1 launch")
    save_book(book, tmp_path / "rules.planner")
    data = json.loads(planner("statement", tmp_path / "rules.planner", "--rep", "R1", "--period", "2026-Q1",
                              "--json").stdout)
    january, february = data["statements"][:2]
    assert [(line["deal"], line["rule"], line["tier"], line["rate"], line["amount"]) for line in january["lines"]] == [
        ("D2", "tier", "≥ 0%", 0.1, "200.00"), ("D1", "tier", "≥ 0%", 0.05, "50.00"),
        ("D1", "spiff", "Q1 launch", None, "50.00")]
    assert (january["commission"], january["bonus"], january["total"]) == ("300.00", "0.00", "300.00")
    assert [(line["deal"], line["rule"], line["amount"]) for line in february["lines"]] == [
        ("D1", "clawback", "-100.00")]
