"""The command line's promise for what it is given and what it prints: one line for every
mistake (a bad address, a full disk, absurd sizes), nothing replaced unasked, hostile text
printed harmless, and tables that line up in Korean and Japanese."""

import json
import os
import re
import subprocess
import sys
import unicodedata

import pytest

from conftest import DEMO_AS_OF
from fixtures import planner, small_book

DEALS_CSV = """Deal ID,Deal Name,Owner,Stage,Amount,Created,Expected close,Closed
D-1,Alpha,Kim,Prospecting,1000,2026-01-05,2026-06-30,
D-3,Gamma,Kim,Closed Won,4000,2026-01-10,,2026-03-02
"""


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-input") / "demo.planner"
    planner("demo", "--out", path, "--as-of", DEMO_AS_OF)
    return path


def one_line_error(result, message: str) -> None:
    assert result.returncode == 1 and result.stdout == "", result.stdout
    assert result.stderr.startswith("planner: error: ") and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr


# -- 13.4: --save-mapping replaces nothing unasked, and never writes through a link ---------------------------
def test_save_mapping_refuses_an_existing_file_unless_forced(tmp_path):
    deals, mapping = tmp_path / "deals.csv", tmp_path / "mapping.json"
    deals.write_text(DEALS_CSV, encoding="utf-8")
    mapping.write_text("my notes", encoding="utf-8")
    one_line_error(planner("import", deals, "--out", tmp_path / "new.planner", "--save-mapping", mapping,
                           check=False), f"{mapping} already exists (use --force to overwrite it)")
    assert mapping.read_text(encoding="utf-8") == "my notes" and not (tmp_path / "new.planner").exists()
    planner("import", deals, "--out", tmp_path / "new.planner", "--save-mapping", mapping, "--force")
    assert "tables" in json.loads(mapping.read_text(encoding="utf-8"))


@pytest.mark.parametrize("dangling", [False, True])
def test_save_mapping_never_writes_through_a_link(tmp_path, dangling):
    deals, victim, link = tmp_path / "deals.csv", tmp_path / "victim.txt", tmp_path / "mapping.json"
    deals.write_text(DEALS_CSV, encoding="utf-8")
    if not dangling:
        victim.write_text("precious", encoding="utf-8")
    link.symlink_to(victim)
    one_line_error(planner("import", deals, "--out", tmp_path / "a.planner", "--save-mapping", link, check=False),
                   "already exists (use --force")
    planner("import", deals, "--out", tmp_path / "b.planner", "--save-mapping", link, "--force")
    # the link itself was replaced by the mapping; what it pointed to is as it was
    assert not link.is_symlink() and "tables" in json.loads(link.read_text(encoding="utf-8"))
    assert victim.read_text(encoding="utf-8") == "precious" if not dangling else not victim.exists()


def test_import_out_refuses_a_link_even_one_to_nothing_unless_forced(tmp_path):
    deals, link = tmp_path / "deals.csv", tmp_path / "book.planner"
    deals.write_text(DEALS_CSV, encoding="utf-8")
    link.symlink_to(tmp_path / "nowhere.planner")
    one_line_error(planner("import", deals, "--out", link, check=False), "already exists (use --force")
    assert link.is_symlink() and not (tmp_path / "nowhere.planner").exists()


# -- 13.8: one line, whatever goes wrong ----------------------------------------------------------------------
@pytest.mark.parametrize("address, message", [
    ("postgresql://u:secret@h:notaport/x", "the port must be a number from 1 to 65535"),
    ("postgresql://u:secret@h:70000/x", "the port must be a number from 1 to 65535"),
    ("postgresql://u:secret@[::1/x", "is not a database address"),
])
def test_a_malformed_database_address_is_one_line_without_its_password(address, message):
    result = planner("report", address, check=False)
    one_line_error(result, message)
    assert "secret" not in result.stderr


@pytest.mark.parametrize("json_output", [False, True])
def test_a_failed_write_of_the_output_is_one_line(demo_file, json_output):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "planner", "report", str(demo_file),
                                 *(["--json"] if json_output else [])],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr == "planner: error: the output could not be written: the disk is full\n"


@pytest.mark.parametrize("args, message", [
    (["--deals", "99999999999"], "--deals must be a whole number from 1 to 1,000,000"),
    (["--deals", "0"], "--deals must be a whole number from 1 to 1,000,000"),
    (["--reps", "1000000"], "--reps must be a whole number from 1 to 10,000"),
])
def test_demo_sizes_are_bounded(tmp_path, args, message):
    one_line_error(planner("demo", "--out", tmp_path / "x.planner", *args, check=False), message)
    assert not (tmp_path / "x.planner").exists()


def test_a_csv_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    from planner.io import safety

    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:  # text first, then a hole: no disk space, no time to write
        handle.write(DEALS_CSV.encode() * 200)
        handle.truncate(safety.MAX_CSV_BYTES + 1)
    one_line_error(planner("import", path, "--out", tmp_path / "x.planner", check=False),
                   f"huge.csv was refused: it is larger than {safety.MAX_CSV_BYTES >> 20} MB")


def test_a_csv_of_too_many_cells_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from planner.core.errors import PlannerError
    from planner.io import safety

    path = tmp_path / "cells.csv"
    path.write_text("a;b;c;d\n" + "1;2;3;4\n" * 300, encoding="utf-8")  # 1,204 cells
    monkeypatch.setattr(safety, "MAX_CELLS", 1_300)
    safety.check_csv(path)
    monkeypatch.setattr(safety, "MAX_CELLS", 1_000)
    with pytest.raises(PlannerError, match="cells.csv was refused: it holds more than 1,000 cells"):
        safety.check_csv(path)


def hostile_book(tmp_path):
    """A book whose rep names carry terminal escapes: retitle, clear, and a C1 CSI."""
    from planner.storage import save_book

    book = small_book()
    reps = book["Reps"].index
    book.set_value("Reps", int(reps[0]), "name", "\x1b]0;pwned\x07Evil\x1b[2J")
    book.set_value("Reps", int(reps[1]), "name", "Bad\x9b31mRed\r")
    path = tmp_path / "hostile.planner"
    save_book(book, path)
    return path


def test_control_characters_from_the_book_are_printed_escaped(tmp_path):
    path = hostile_book(tmp_path)
    out = planner("report", path, "--period", "2026-Q1").stdout
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", out)
    assert r"\u001b]0;pwned\u0007Evil\u001b[2J" in out and r"Bad\u009b31mRed\u000d" in out
    # JSON: the same escapes, so the names read back exactly
    text = planner("report", path, "--period", "2026-Q1", "--json").stdout
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)
    names = {row["name"] for row in json.loads(text)["attainment"]}
    assert {"\x1b]0;pwned\x07Evil\x1b[2J", "Bad\x9b31mRed\r"} <= names


def test_control_characters_in_an_error_line_are_printed_escaped(tmp_path):
    result = planner("report", tmp_path / "\x1b[2Jgone.planner", check=False)
    one_line_error(result, r"\u001b[2Jgone.planner: no such file")


def test_a_refusal_of_several_cells_prints_a_line_each(tmp_path):
    deals = tmp_path / "deals.csv"
    deals.write_text("Deal ID,Owner,Stage,Amount,Created\nD1,Kim,Prospecting,abc,2026-01-01\n"
                     "D2,Kim,Prospecting,12.345,2026-13-01\n", encoding="utf-8")
    result = planner("import", deals, "--out", tmp_path / "x.planner", check=False)
    assert result.returncode == 1 and "\\u000a" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "planner: error: Nothing was imported: 3 problem(s) in deals.csv",
        "  deals.csv, row 2, column Amount: 'abc' is not an amount (expected a number such as 1,234.50)",
        "  deals.csv, row 3, column Amount: '12.345' has more decimals than amounts in USD have (2)",
        "  deals.csv, row 3, column Created: '2026-13-01' is not a date (expected a day such as 2026-03-05)"]


@pytest.mark.parametrize("flag, value, message", [
    ("--new-reps", "1e20", "forecast_new_reps: '1e20' is not a number of reps (a whole number from 0 to 10,000)"),
    ("--new-reps", "10001", "is not a number of reps (a whole number from 0 to 10,000)"),
    ("--growth", "5000%", "forecast_growth: '5000%' is not a growth rate from -100% to 1000%"),
    ("--new-rep-revenue", "1e20", "forecast_new_rep_revenue: '1e20' is more than 1,000,000,000.00 USD"),
])
def test_forecast_flags_are_bounded(demo_file, flag, value, message):
    one_line_error(planner("report", demo_file, flag, value, check=False), message)


@pytest.mark.parametrize("key, value, message", [
    ("forecast_new_reps", "1e20", "Settings: forecast_new_reps: '1e20' is not a number of reps"),
    ("forecast_growth", "5", "Settings: forecast_growth: '5' is ambiguous: write 5% or 0.05"),
    ("forecast_growth", "-1.5", "Settings: forecast_growth: '-1.5' is ambiguous: write -1.5% or -0.015"),
])
def test_forecast_settings_are_bounded_as_the_flags_are(key, value, message):
    import pandas as pd

    from planner.core.book import Book
    from planner.core.errors import PlannerError
    from planner.core.forecast import historical_inputs

    book = Book({"Settings": pd.DataFrame([("currency", "USD"), (key, value)], columns=["key", "value"])})
    with pytest.raises(PlannerError, match=re.escape(message)):
        historical_inputs(book.snapshot())


# -- 14.7: small ones -----------------------------------------------------------------------------------------
def historical(demo_file, *args) -> str:
    return json.loads(planner("report", demo_file, "--json", *args).stdout)["forecast"]["historical"]


def test_growth_is_a_percent_or_a_fraction_and_may_be_negative_without_equals(demo_file):
    one_line_error(planner("report", demo_file, "--growth", "5", check=False),
                   "forecast_growth: '5' is ambiguous: write 5% or 0.05")
    assert historical(demo_file, "--growth", "5%") == historical(demo_file, "--growth", "0.05")
    assert historical(demo_file, "--growth", "-10%") == historical(demo_file, "--growth=-0.1") \
        != historical(demo_file)


def test_export_refuses_a_name_that_is_not_a_workbook(demo_file, tmp_path):
    one_line_error(planner("export", demo_file, "--out", tmp_path / "out.csv", check=False),
                   f"{tmp_path / 'out.csv'}: export writes an Excel workbook; give it a name ending in .xlsx "
                   f"({tmp_path / 'out.xlsx'})")
    assert list(tmp_path.iterdir()) == []


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def test_attainment_prints_a_name_once_and_lines_up_korean_and_japanese(tmp_path):
    deals = tmp_path / "cjk.csv"
    deals.write_text("Deal ID,Deal Name,Owner,Stage,Amount,Created,Closed\n"
                     "D-1,A,김서연,Closed Won,1000,2026-01-05,2026-03-02\n"
                     "D-2,B,Lee,Closed Won,2500,2026-02-01,2026-03-05\n"
                     "D-3,C,佐藤 健,Closed Won,4000,2026-01-10,2026-03-02\n", encoding="utf-8")
    planner("import", deals, "--out", tmp_path / "cjk.planner")
    out = planner("report", tmp_path / "cjk.planner", "--period", "2026-Q1").stdout
    lines = out[out.index("Attainment:"):].splitlines()[1:4]
    assert [line.count(name) for line, name in zip(lines, ["김서연", "Lee", "佐藤 健"])] == [1, 1, 1], lines
    # every column starts at the same terminal column
    for word in ("quota", "credited"):
        assert len({width(line[:line.index(word)]) for line in lines}) == 1, lines
    assert len({width(line) for line in lines}) == 1, lines


def test_every_table_of_the_text_report_lines_up(tmp_path):
    from planner.storage import save_book

    book = small_book()
    book.set_value("Reps", int(book["Reps"].index[2]), "name", "アレックス・キム・ジュニア")  # wider than 20 columns
    save_book(book, tmp_path / "b.planner")
    out = planner("report", tmp_path / "b.planner", "--period", "2026-Q1").stdout
    for title in ("Attainment:", "Commissions:"):
        lines = out[out.index(title):].split("\n\n")[0].splitlines()[1:]
        assert len(lines) >= 3 and len({width(line) for line in lines}) == 1, lines
