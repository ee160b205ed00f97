"""The command line, run as a user runs it: a separate process, exit codes, stdout and stderr."""

import json
import subprocess
import sys

import pytest

from conftest import DEMO_AS_OF


def planner(*args, check=True):
    result = subprocess.run([sys.executable, "-m", "planner", *map(str, args)], capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.planner"
    planner("demo", "--out", path, "--as-of", DEMO_AS_OF)
    return path


def test_help_documents_every_command():
    out = planner("--help").stdout
    for text in ("planner BOOK", "planner demo --out BOOK", "planner report BOOK --json", "2026-Q1"):
        assert text in out
    assert "--period" in planner("report", "--help").stdout


def test_report_json_has_the_documented_keys(demo_file, demo):
    data = json.loads(planner("report", demo_file, "--json").stdout)
    assert data["period"] == "2026-Q2" and data["currency"] == "USD"
    assert set(data["pipeline"]) >= {"open_count", "open_value", "weighted_value", "win_rate", "avg_won_deal",
                                     "avg_cycle_days", "velocity_per_day", "stages"}
    assert set(data["pipeline"]["stages"][0]) == {"stage", "probability", "count", "value", "weighted"}
    assert set(data["attainment"][0]) >= {"rep", "period", "quota", "credited", "attainment"}
    assert set(data["commissions"][0]) >= {"rep", "period", "commission", "bonus", "total"}
    assert "weighted" in data["forecast"]
    assert isinstance(data["pipeline"]["open_value"], str) and "." in data["pipeline"]["open_value"]
    assert isinstance(data["pipeline"]["win_rate"], float)
    # the file holds what the generator made: same numbers as computing in-process
    from planner.core.report import compute_report

    assert data == json.loads(json.dumps(compute_report(demo).to_json()))


def test_report_for_a_month_and_a_year(demo_file):
    assert json.loads(planner("report", demo_file, "--json", "--period", "2026-01").stdout)["period"] == "2026-01"
    year = json.loads(planner("report", demo_file, "--json", "--period", "2025").stdout)
    assert year["period"] == "2025" and {row["period"] for row in year["attainment"]} == {"2025"}


def test_text_report(demo_file):
    out = planner("report", demo_file).stdout
    assert "Period 2026-Q2" in out and "Attainment:" in out and "박지훈" in out


@pytest.mark.parametrize("args, message", [
    (["report", "missing.planner", "--json"], "missing.planner: no such file"),
    (["report", "{demo}", "--period", "2026-13"], "Bad period '2026-13'"),
    (["report", "{here}", "--json"], "is not a Planner book"),
    (["demo", "--out", "{demo}"], "already exists (use --force to overwrite it)"),
    (["missing.planner"], "missing.planner: no such file"),
])
def test_user_mistakes_are_one_clear_line(args, message, demo_file):
    args = [a.format(demo=demo_file, here=__file__) for a in args]
    result = planner(*args, check=False)
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.startswith("planner: error: ") and message in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_the_command_line_never_loads_qt(demo_file):
    code = ("import sys, planner.cli as c; c.run(c.parse(['report', sys.argv[1], '--json']));"
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken')))))")
    result = subprocess.run([sys.executable, "-c", code, str(demo_file)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stderr == "[]"
