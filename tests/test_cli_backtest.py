"""``planner backtest`` (cli_backtest.py): the JSON, the text, --apply of the observed win rates,
clear errors, and the Maven CRM data of 2017 by month."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures import planner, rebuilt, small_book
from planner.storage import open_book, save_book
from test_point_in_time import with_history

MAVEN = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "maven-crm"


@pytest.fixture
def book_file(tmp_path):
    path = tmp_path / "dated.planner"
    save_book(rebuilt(small_book(), with_history), path)
    return path


def test_the_json_of_a_backtest(book_file):
    data = json.loads(planner("backtest", book_file, "--from", "2026-02", "--to", "2026-02", "--lead", "0",
                              "--json").stdout)
    assert (data["from"], data["to"], data["leads"], data["by"], data["amounts"]) == ("2026-02", "2026-02", [0],
                                                                                     None, "recorded")
    lines = {line["method"]: line for line in data["lines"]}
    # the hand-computed figures of test_backtest.py::test_a_month_backtested_by_hand
    assert (lines["weighted"]["forecast"], lines["weighted"]["actual"], lines["weighted"]["error"]) == (
        "24550.00", "29000.00", "-4450.00")
    assert lines["cycle_length"]["best"] == 1 and lines["weighted"]["made_on"] == "2026-02-01"
    assert data["methods"][0]["method"] == "cycle_length"
    stages = {row["stage"]: row for row in data["calibration"]}
    # every deal reached Prospect: won D1-D6 (6), lost D7, D8 (2), open 5 -> 6/8
    assert (stages["Prospect"]["reached"], stages["Prospect"]["won"], stages["Prospect"]["lost"],
            stages["Prospect"]["open"]) == (13, 6, 2, 5)
    assert stages["Prospect"]["observed"] == 0.75
    assert stages["Prospect"]["low"] == pytest.approx(0.4093, abs=1e-4)  # Wilson, z = 1.96, 6 of 8
    assert stages["Prospect"]["high"] == pytest.approx(0.9285, abs=1e-4)


def test_apply_sets_the_observed_rates_in_one_change(book_file):
    refused = planner("backtest", book_file, "--from", "2026-02", "--to", "2026-02", "--apply", check=False)
    assert refused.returncode == 1 and "pass --yes" in refused.stderr  # not a terminal: never asked
    assert int(open_book(book_file)["Stages"].set_index("stage")["probability"]["Prospect"]) == 100_000
    shown = planner("backtest", book_file, "--from", "2026-02", "--to", "2026-02", "--apply", "--yes")
    assert "Stage calibration" in shown.stdout and "set the probability of" in shown.stdout
    probabilities = open_book(book_file)["Stages"].set_index("stage")["probability"]
    assert int(probabilities["Prospect"]) == 750_000  # 6 of 8 decided deals won
    again = planner("backtest", book_file, "--from", "2026-02", "--to", "2026-02", "--apply", "--yes")
    assert "nothing to change" in again.stdout


@pytest.mark.parametrize("args, message", [
    (["--from", "2026-03", "--to", "2026-01"], "--from 2026-03 comes after --to 2026-01"),
    (["--from", "2026-01", "--to", "2026-Q1"], "both months or both quarters"),
    (["--from", "2026"], "a month (2017-01) or a quarter (2017-Q1) is expected"),
    (["--from", "someday"], "someday"),
])
def test_a_wrong_range_is_one_line(book_file, args, message):
    result = planner("backtest", book_file, *args, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("planner: error:") and message in result.stderr


@pytest.mark.skipif(not MAVEN.is_dir(), reason="../shared/data is not beside the project")
def test_maven_2017_by_month_the_historical_method_wins(tmp_path):
    """The Maven deals have no expected close and no stage history: forecast at a month's start,
    every pipeline method sees only what was won that first day; the historical one wins."""
    book = tmp_path / "maven.planner"
    planner("import", MAVEN / "sales_pipeline.csv", MAVEN / "sales_teams.csv", "--out", book)
    data = json.loads(planner("backtest", book, "--from", "2017-01", "--to", "2017-12", "--json").stdout)
    lead0 = [row for row in data["methods"] if row["lead"] == 0]
    assert lead0[0]["method"] == "historical" and lead0[0]["periods"] == 10
    assert lead0[0]["accuracy"] > lead0[1]["accuracy"] + 0.5
