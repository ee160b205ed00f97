"""``planner quotas``, run as a user runs it (a separate process) on the demo book."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pandas as pd
import pytest

from conftest import DEMO_AS_OF
from fixtures import planner


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("quotas") / "demo.planner"
    planner("demo", "--out", path, "--as-of", DEMO_AS_OF)
    return path


def plan(book, *args) -> dict:
    return json.loads(planner("quotas", book, "--year", "2027", "--json", *args).stdout)


def test_the_json_plan_adds_up_exactly_and_leaves_the_book_as_it_was(demo_file):
    before = demo_file.read_bytes()
    data = plan(demo_file, "--target", "6,000,000.01", "--over", "110%", "--weights", "won", "--seasonality",
                "history", "--basis", "2025", "--ramp", "25,50,75")
    assert demo_file.read_bytes() == before
    assert {"year", "currency", "target", "over_assign", "assigned", "basis", "reps", "teams", "capacity", "gap"} <= set(data)
    # 6,000,000.01 × 1.1 = 6,600,000.011 → 6,600,000.01 (rounded once)
    assert (data["target"], data["over_assign"], data["assigned"], data["basis"]) == (
        "6000000.01", 1.1, "6600000.01", 2025)
    assert sum(Decimal(rep["annual"]) for rep in data["reps"]) == Decimal("6600000.01")
    for rep in data["reps"]:
        assert sum(Decimal(month["amount"]) for month in rep["months"]) == Decimal(rep["annual"])
        assert all(Decimal(month["amount"]) >= 0 for month in rep["months"])
    for team in data["teams"]:
        members = [rep for rep in data["reps"] if rep["team"] == team["team"]]
        assert Decimal(team["annual"]) == sum(Decimal(rep["annual"]) for rep in members)
        assert Decimal(team["gap"]) == Decimal(team["capacity"]) - Decimal(team["annual"])
    assert Decimal(data["gap"]) == Decimal(data["capacity"]) - Decimal(data["target"])
    assert {rep["rep"] for rep in data["reps"]} >= {"S01", "T01", "G01"} and "T05" not in {r["rep"] for r in data["reps"]}


def test_apply_writes_the_year_s_rep_month_rows_and_the_report_reads_them(demo_file, tmp_path):
    book = tmp_path / "plan.planner"
    shutil.copy(demo_file, book)
    quotas_2026 = json.loads(planner("report", book, "--json", "--period", "2026").stdout)["attainment"]
    data = plan(book, "--target", "4200000", "--apply", "--yes")
    again = plan(book, "--target", "4200000", "--apply", "--yes")  # the same rows replaced, never added
    assert again["reps"] == data["reps"]
    report = json.loads(planner("report", book, "--json", "--period", "2027").stdout)
    assert {row["rep"]: row["quota"] for row in report["attainment"]} == {rep["rep"]: rep["annual"] for rep in data["reps"]}
    assert {row["team"]: row["quota"] for row in report["team_attainment"]} == {
        team["team"]: team["annual"] for team in data["teams"]}
    assert json.loads(planner("report", book, "--json", "--period", "2026").stdout)["attainment"] == quotas_2026
    assert "wrote 168 quota rows of 2027" in planner("quotas", book, "--year", "2027", "--target", "4200000",
                                                     "--apply", "--yes").stdout  # 14 reps × 12


def test_apply_without_yes_changes_nothing(demo_file):
    before = demo_file.read_bytes()
    result = planner("quotas", demo_file, "--year", "2027", "--target", "100", "--apply", check=False)
    assert result.returncode == 1 and "pass --yes with --apply" in result.stderr
    assert demo_file.read_bytes() == before


def test_a_year_with_a_closed_quarter_is_replanned_in_its_open_months(demo_file, tmp_path):
    from planner.storage import open_book

    book = tmp_path / "closed.planner"
    shutil.copy(demo_file, book)
    planner("close", book, "--period", "2026-Q1", "--yes")
    q1 = [f"2026-0{m}" for m in (1, 2, 3)]

    def rep_months(path):
        quotas = open_book(path)["Quotas"]
        return quotas[quotas["rep"].notna().to_numpy() & quotas["period"].str.fullmatch(r"2026-\d\d").to_numpy(
            dtype=bool, na_value=False)]

    before = rep_months(book)
    kept = int(before[before["period"].isin(q1)]["amount"].sum())
    data = plan(book, "--year", "2026", "--target", "4,200,000.01", "--apply", "--yes")
    assert (data["year"], data["closed"], data["kept"]) == (2026, ["2026-Q1"], f"{Decimal(kept) / 100:.2f}")
    after = rep_months(book)
    pd.testing.assert_frame_equal(after[after["period"].isin(q1)], before[before["period"].isin(q1)])
    assert sum(after["amount"]) == 420_000_001  # the year's total is the target, to the cent
    written = after[~after["period"].isin(q1)]
    keys = open_book(book).keys("Reps")
    planned = {(rep["rep"], month["period"]): int(Decimal(month["amount"]) * 100)
               for rep in data["reps"] for month in rep["months"] if not month["kept"]}
    assert {(keys[rep], period): amount for rep, period, amount in zip(written["rep"], written["period"],
                                                                        written["amount"])} == planned
    kept_months = {month["period"] for rep in data["reps"] for month in rep["months"] if month["kept"]}
    assert kept_months == set(q1)
    out = planner("quotas", book, "--year", "2026", "--target", "4,200,000.01").stdout
    assert "2026-Q1 closed: the quotas of 2026-01 – 2026-03 are kept as they are" in out
    assert "01*" in out and "* closed (2026-Q1): kept as they are" in out

    result = planner("quotas", book, "--year", "2026", "--target", "100", "--apply", "--yes", check=False)
    assert result.returncode == 1 and result.stderr.strip().splitlines()[-1].startswith(
        "planner: error: the closed months of 2026 (2026-Q1) hold quotas of ")


@pytest.mark.parametrize("target", ["$1,000", "1,000 USD", "1000"])
def test_a_target_in_the_book_s_own_currency_is_read(demo_file, target):
    assert plan(demo_file, "--target", target)["target"] == "1000.00"


def test_the_text_plan_names_reps_teams_and_the_gap(demo_file):
    out = planner("quotas", demo_file, "--year", "2027", "--target", "4,200,000").stdout
    assert "Quota plan for 2027 (USD): target 4,200,000.00 × 100% = 4,200,000.00 assigned" in out
    assert "gap" in out and "박지훈" in out and "佐藤 健一" in out and "teams:" in out


def test_weights_by_hand_from_a_file(demo_file, tmp_path):
    reps = [rep["rep"] for rep in plan(demo_file, "--target", "1")["reps"]]
    weights = tmp_path / "weights.csv"
    weights.write_text("rep,weight\n" + "".join(f"{rep},{3 if rep == 'S01' else 1}\n" for rep in reps), encoding="utf-8")
    data = plan(demo_file, "--target", "1600", "--weights", f"hand:{weights}")  # 14 reps: 3 + 13 = 16 parts
    annual = {rep["rep"]: rep["annual"] for rep in data["reps"]}
    assert annual["S01"] == "300.00" and annual["S02"] == "100.00"
    weights.write_text("rep,weight\nS01,1\n", encoding="utf-8")  # 13 reps without a weight: 10 named
    result = planner("quotas", demo_file, "--year", "2027", "--target", "1", "--weights", f"hand:{weights}", check=False)
    assert result.stderr == f"planner: error: weights by hand: no weight for {', '.join(reps[1:11])} and 3 more\n"
    weights.write_text("rep,weight\n" + "".join(f"{rep},1\n" for rep in reps[:-1]), encoding="utf-8")
    result = planner("quotas", demo_file, "--year", "2027", "--target", "1", "--weights", f"hand:{weights}", check=False)
    assert result.stderr == f"planner: error: weights by hand: no weight for {reps[-1]}\n"
    weights.write_text("rep,weight\nS01,1\nNOBODY,2\n", encoding="utf-8")
    result = planner("quotas", demo_file, "--year", "2027", "--target", "1", "--weights", f"hand:{weights}", check=False)
    assert result.stderr == f"planner: error: {weights}, row 3: 'NOBODY' is not a rep of the Reps sheet\n"
    weights.write_text("rep,weight\nS01,1\nS01,2\n", encoding="utf-8")
    result = planner("quotas", demo_file, "--year", "2027", "--target", "1", "--weights", f"hand:{weights}", check=False)
    assert result.stderr == f"planner: error: {weights}, row 3: 'S01' has a weight already, in row 2\n"


@pytest.mark.parametrize("args, message", [
    (["--year", "20x7", "--target", "1"], "--year must be a year such as 2027, not '20x7'"),
    (["--year", "2400", "--target", "1"], "the year must be from 1900 to 2199, not 2400"),
    (["--year", "2027", "--target", "-5"], "the target must be zero or more"),
    (["--year", "2027", "--target", "five"], "--target 'five' is not an amount in USD"),
    (["--year", "2027", "--target", "5", "--weights", "potential"], "unknown weights 'potential'"),
    (["--year", "2027", "--target", "5", "--over", "110"], "over-assignment must be above 0% and at most 1000%"),
    (["--year", "2027", "--target", "5", "--ramp", "25,x"], "ramp: 'x' is not a percentage"),
    (["--year", "2027", "--target", "5", "--seasonality", "history"], "2026 is not over on 2026-06-30 (use --basis 2025)"),
    (["--year", "2027", "--target", "1e30"], "the target × over-assignment must be at most"),  # was InvalidOperation
    (["--year", "2027", "--target", "5", "--over", "1e30"], "over-assignment must be above 0% and at most 1000%"),
    (["--year", "2027", "--target", "1e999999"], "--target '1e999999' is not an amount in USD"),
    (["--year", "2027", "--target", ""], "--target: type an amount in USD"),
    (["--year", "2027", "--target", "₩1,000"], "--target '₩1,000' is an amount in KRW; amounts here are in USD"),
    (["--year", "2027", "--target", "¥1,000"], "--target '¥1,000' is an amount in JPY; amounts here are in USD"),
    (["--year", "2027", "--target", "€1,000"], "--target '€1,000' is an amount in EUR; amounts here are in USD"),
    (["--year", "2027", "--target", "1,000 KRW"], "--target '1,000 KRW' is an amount in KRW; amounts here are in USD"),
    (["--year", "2027", "--target", "5", "--productivity", "Account executive=₩5"],
     "--productivity '₩5' is an amount in KRW; amounts here are in USD"),
    (["--year", "2027", "--target", "5", "--productivity", "Acount executive=5"],
     "--productivity: no rep has the role 'Acount executive'"),
])
def test_bad_input_is_one_line_without_a_traceback(demo_file, args, message):
    result = planner("quotas", demo_file, *args, check=False)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("planner: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
