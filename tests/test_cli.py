"""The command line, run as a user runs it: a separate process, exit codes, stdout and stderr."""

import json
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from conftest import DEMO_AS_OF
from fixtures import planner
from planner.storage import open_book


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


@pytest.mark.parametrize("data", [
    {"이름": "서울 상사 · 東京", "n": [1, -2**63, 2**64 - 1], "x": 0.1, "big": 1e16, "e": {},
     "l": [], "none": None, "t": True, "nested": [{"a": [1.5, "\"q\"\n"]}]},
    {"beyond 64 bits": 2**70},  # orjson refuses it: the json module writes it
])
def test_json_output_is_the_json_modules_text(data, capsys):
    """The fast writer writes what json.dumps(indent=2) would, Korean and Japanese as themselves."""
    from planner.cli_text import print_json

    print_json(data)
    assert capsys.readouterr().out == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_json_output_keeps_the_value_of_tiny_numbers(capsys):
    """Written in another form than json.dumps's (0.00005 and 1e-7 for 5e-05 and 1e-07)."""
    from planner.cli_text import print_json

    print_json({"rate": 5e-05, "tiny": 1e-07, "least": 5e-324})
    assert json.loads(capsys.readouterr().out) == {"rate": 5e-05, "tiny": 1e-07, "least": 5e-324}


@pytest.mark.parametrize("args, torn_down", [
    (["report", "{book}", "--json"], False), (["report", "{book}", "--period", "2026-13"], False),
    (["demo", "--out", "{out}"], True), (["copy", "{book}", "{out}"], True)])
def test_only_a_command_that_only_prints_leaves_without_tearing_down(demo_file, tmp_path, args, torn_down):
    """``planner report`` skips Python's teardown (the system frees its memory at once), its
    output whole; a command that writes files ends as usual, everything closed."""
    code = ("import atexit, sys; atexit.register(lambda: sys.stderr.write('torn down')); "
            "from planner.__main__ import command; command()")
    out = tmp_path / "out.planner"
    argv = [a.format(book=demo_file, out=out) for a in args]
    result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120)
    assert ("torn down" in result.stderr) == torn_down, result.stderr
    if args[-1] == "--json":
        assert result.returncode == 0 and json.loads(result.stdout)["period"] == "2026-Q2"
    elif not torn_down:
        assert result.returncode == 1 and result.stderr.startswith("planner: error: Bad period '2026-13'")
    else:
        assert result.returncode == 0 and len(open_book(out)["Deals"]) > 0


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


def damaged(demo_file, tmp_path, sql=None, truncate=None, data=None):
    path = tmp_path / "damaged.planner"
    if data is not None:
        path.write_bytes(data)
        return path
    shutil.copy(demo_file, path)
    if sql:
        with sqlite3.connect(path) as db:
            db.executescript(sql)
    if truncate:
        path.write_bytes(path.read_bytes()[:truncate])
    return path


@pytest.mark.parametrize("case, message", [
    (dict(sql="UPDATE Deals SET amount = 'abc' WHERE id = 'D-00005'"),
     "Deals D-00005, column amount: 'abc' is not a number"),
    (dict(sql="UPDATE Deals SET created = '2026-02-30' WHERE id = 'D-00005'"),
     "Deals D-00005, column created: '2026-02-30' is not a date (expected a day such as 2026-03-05)"),
    (dict(sql="UPDATE Deals SET amount = 1e20 WHERE id = 'D-00005'"),
     "Deals D-00005, column amount: 1e+20 is too large for Planner"),
    (dict(sql="UPDATE Deals SET amount = -500 WHERE id = 'D-00005'"),
     "Deals D-00005, column amount: -5.00 is out of range (expected 0.00 to"),
    (dict(sql="UPDATE Stages SET probability = 1500000 WHERE stage = 'Qualification'"),
     "Stages Qualification, column probability: 150% is out of range (expected 0% to 100%)"),
    (dict(sql="UPDATE Deals SET created = '1066-10-14' WHERE id = 'D-00005'"),
     "Deals D-00005, column created: 1066-10-14 is outside the years Planner accepts (1900 to 2199)"),
    (dict(sql="UPDATE Deals SET created = '1800-01-01' WHERE id = 'D-00005'"),
     "Deals D-00005, column created: 1800-01-01 is outside the years Planner accepts (1900 to 2199)"),
])
def test_bad_values_are_problems_named_beside_the_figures(demo_file, tmp_path, case, message):
    """A bad value is a problem of its row, listed after the figures it is left out of; the
    report exits 0 unless --strict (issue 14 item 2)."""
    path = damaged(demo_file, tmp_path, **case)
    result = planner("report", path, check=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "Attainment:" in result.stdout and "Problems (1):\n  " + message in result.stdout
    strict = planner("report", path, "--strict", "--json", check=False)
    assert strict.returncode == 1 and json.loads(strict.stdout)["left_out"]["rows"] >= 1


@pytest.mark.parametrize("case, message", [
    (dict(sql="UPDATE planner_meta SET value = '{oops' WHERE key = 'extra_columns'"),
     "damaged.planner is damaged (its Planner information is not readable)"),
    (dict(sql="UPDATE planner_meta SET value = 'x' WHERE key = 'schema_version'"),
     "damaged.planner is damaged (its Planner information is not readable)"),
    (dict(sql="DROP TABLE Deals; DROP TABLE Reps; DROP TABLE Quotas; DROP TABLE Splits"),
     "damaged.planner is damaged: its table(s) Deals, Reps, Quotas, Splits are missing"),
    (dict(truncate=60_000), "damaged.planner is damaged or truncated"),
    (dict(sql="UPDATE planner_meta SET value = '[1,2]' WHERE key = 'extra_columns'"),
     "damaged.planner is damaged (its Planner information is not readable)"),
    (dict(sql="UPDATE planner_meta SET value = '1' WHERE key = 'schema_version'"),
     "damaged.planner is damaged (its Planner information is not readable)"),
    (dict(sql="UPDATE Deals SET _position = 'abc' WHERE row_id = (SELECT min(row_id) FROM Deals)"),
     "damaged.planner is damaged (table Deals: "),
    (dict(sql="UPDATE Deals SET _unresolved = '{bad' WHERE row_id = (SELECT min(row_id) FROM Deals)"),
     "damaged.planner is damaged (table Deals: "),
    (dict(data=b"\x89PNG\r\n\x1a\n" + bytes(2000)), "damaged.planner is not a Planner book"),
    (dict(data=b""), "damaged.planner is not a Planner book"),
])
def test_bad_books_are_one_clear_line(demo_file, tmp_path, case, message):
    result = planner("report", damaged(demo_file, tmp_path, **case), "--json", check=False)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("planner: error: ") and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_randomly_damaged_books_never_print_a_traceback(demo_file, tmp_path):
    import random

    data, rng = demo_file.read_bytes(), random.Random(6)
    for n in range(8):
        copy = bytearray(data)
        for _ in range(rng.choice([1, 8, 64])):
            copy[rng.randrange(len(copy) // 8, len(copy))] = rng.randrange(256)
        path = tmp_path / f"fuzzed-{n}.planner"
        path.write_bytes(bytes(copy))
        result = planner("report", path, check=False)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0 or result.stderr.count("\n") == 1


@pytest.mark.parametrize("period", ["0000", "9999-Q4", "2026-13"])
def test_periods_outside_the_calendar_are_refused(demo_file, period):
    result = planner("report", demo_file, "--period", period, check=False)
    assert result.returncode == 1 and f"Bad period '{period}'" in result.stderr and "Traceback" not in result.stderr


def test_report_works_while_another_process_holds_a_write_transaction(demo_file, tmp_path):
    path = tmp_path / "busy.planner"
    shutil.copy(demo_file, path)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "db.execute('BEGIN IMMEDIATE'); db.execute(\"UPDATE Deals SET amount = 1 WHERE id = 'D-00001'\"); "
        "print('holding', flush=True); time.sleep(60)"), str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.perf_counter()
        result = planner("report", path, "--json")
        assert json.loads(result.stdout)["period"] == "2026-Q2"
        assert time.perf_counter() - started < 30  # it did not wait for the writer
    finally:
        holder.kill()
        holder.wait()


def test_copy_round_trip_file_to_postgresql_to_file(demo_file, tmp_path, pg_url):
    back = tmp_path / "back.planner"
    out = planner("copy", demo_file, pg_url).stdout
    assert out.startswith("copied ") and "rows)" in out
    from_server = planner("report", pg_url, "--json").stdout
    planner("copy", pg_url, back)
    original = planner("report", demo_file, "--json").stdout
    assert json.loads(from_server) == json.loads(original)
    assert planner("report", back, "--json").stdout == original


def test_a_book_in_a_database_is_replaced_only_with_force(demo_file, tmp_path, pg_url):
    """A team's shared book is guarded as a file is: copy, demo and import --out refuse to
    replace it without --force (they replaced it silently); an address's password is never
    printed; a database holding other tables is never written, --force or not."""
    import sqlalchemy as sa

    csv = tmp_path / "deals.csv"
    csv.write_text("id,name,amount,stage,closed\nD1,Acme,100,Won,2026-03-02\n", encoding="utf-8")
    planner("copy", demo_file, pg_url)
    shared = planner("report", pg_url, "--json").stdout
    for command in (["copy", demo_file, pg_url], ["demo", "--out", pg_url, "--deals", "30"],
                    ["import", csv, "--out", pg_url]):
        result = planner(*command, check=False)
        assert result.returncode == 1 and result.stderr.startswith("planner: error: ") \
            and result.stderr.strip().endswith("already holds a Planner book (use --force to replace it)"), result.stderr
        assert planner("report", pg_url, "--json").stdout == shared
    with_password = pg_url.replace("://postgres@", "://postgres:s3cret@")
    assert with_password != pg_url
    out = planner("demo", "--out", with_password, "--deals", "30", "--force").stdout
    assert out.startswith("wrote postgresql://postgres:***@") and "s3cret" not in out
    assert planner("report", pg_url, "--json").stdout != shared
    out = planner("import", csv, "--out", with_password, "--force").stdout
    assert out.startswith("imported 1 Deals") and "s3cret" not in out
    engine = sa.create_engine(pg_url)
    with engine.begin() as connection:
        for table in sa.inspect(connection).get_table_names():
            connection.execute(sa.text(f'DROP TABLE "{table}"'))
        connection.execute(sa.text("CREATE TABLE customers (name text)"))
    engine.dispose()
    result = planner("copy", demo_file, pg_url, "--force", check=False)
    assert result.returncode == 1 and "holds something other than a Planner book" in result.stderr


def test_a_damaged_holder_record_does_not_stop_a_copy_or_a_report(demo_file, tmp_path):
    path = damaged(demo_file, tmp_path, sql="INSERT INTO planner_meta VALUES ('holder', '{bad')")
    assert planner("report", path, "--json").returncode == 0
    assert planner("copy", path, tmp_path / "copy.planner").returncode == 0


def test_copy_never_replaces_something_that_is_not_a_book(demo_file, tmp_path):
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
    result = planner("copy", demo_file, other, check=False)
    assert result.returncode == 1 and "app.db already exists (use --force to overwrite it)" in result.stderr
    with sqlite3.connect(other) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("customers",)]


def test_copy_and_demo_replace_an_existing_file_only_with_force(demo_file, tmp_path):
    """As every command that writes a file (the README: none replaces one without --force);
    with it, whatever is there goes: a book, a damaged book, another program's file."""
    book = tmp_path / "kept.planner"
    planner("demo", "--out", book, "--deals", "30")
    before = book.read_bytes()
    for command in (["copy", demo_file, book], ["demo", "--out", book]):
        result = planner(*command, check=False)
        assert result.returncode == 1 and "kept.planner already exists (use --force to overwrite it)" in result.stderr
        assert book.read_bytes() == before
    planner("copy", demo_file, book, "--force")
    assert planner("report", book, "--json").stdout == planner("report", demo_file, "--json").stdout
    with open(book, "r+b") as handle:  # a damaged book (its first table page), then a PNG
        handle.seek(4096)
        handle.write(b"\xff")
    for command in (["demo", "--out", book, "--force"], ["copy", demo_file, book, "--force"]):
        planner(*command)
        assert planner("report", book, check=False).returncode == 0
        book.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))


def test_a_closed_standard_output_is_one_error_line(demo_file, tmp_path):
    for args in (["report", str(demo_file)], ["report", str(demo_file), "--json"], ["demo", "--out", "x.planner"]):
        command = " ".join([shlex.quote(sys.executable), "-m", "planner", *map(shlex.quote, args)]) + " >&-"
        result = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith("planner: error: the output could not be written: ") \
            and result.stderr.count("\n") == 1, result.stderr


def test_report_as_of_outside_the_years_says_so_and_growth_help_shows_the_negative_form(demo_file):
    result = planner("report", demo_file, "--as-of", "1800-01-01", check=False)
    assert result.returncode == 1 and result.stderr.strip() == \
        "planner: error: --as-of 1800-01-01 is outside the years Planner accepts (1900 to 2199)"
    assert "--growth -10%" in " ".join(planner("report", "--help").stdout.split())
    result = planner("report", demo_file, "--growth=-200%", check=False)
    assert result.returncode == 1 and "below -100%" in result.stderr and "Traceback" not in result.stderr


def test_import_date_order_reads_ambiguous_days(tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text("Deal ID,Deal Name,Owner,Stage,Amount,Created\nD1,A,Kim,Prospecting,100,03/05/2026\n",
                    encoding="utf-8")
    result = planner("import", path, "--out", tmp_path / "x.planner", check=False)
    assert result.returncode == 1 and "could be month first or day first" in result.stderr
    planner("import", path, "--out", tmp_path / "x.planner", "--date-order", "dmy")
    assert open_book(tmp_path / "x.planner")["Deals"]["created"].iloc[0] == pd.Timestamp("2026-05-03")


def test_demo_dates_outside_the_calendar_are_refused(tmp_path):
    result = planner("demo", "--out", tmp_path / "x.planner", "--as-of", "1850-01-01", check=False)
    assert result.returncode == 1 and "--as-of must lie between 1902 and 2198" in result.stderr


MAVEN = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "maven-crm"


def test_export_then_import_gives_the_same_book(demo_file, tmp_path):
    workbook, back = tmp_path / "demo.xlsx", tmp_path / "back.planner"
    assert "live formulas" in planner("export", demo_file, "--out", workbook).stdout
    assert planner("import", workbook, "--out", back).stdout.startswith("imported 1,500 Deals")
    assert planner("report", back, "--json").stdout == planner("report", demo_file, "--json").stdout


@pytest.mark.skipif(not MAVEN.is_dir(), reason="../shared/data is not beside the project")
def test_import_a_crm_export_and_merge_it_again(tmp_path):
    book = tmp_path / "maven.planner"
    files = [MAVEN / "sales_pipeline.csv", MAVEN / "sales_teams.csv"]
    out = planner("import", *files, "--out", book).stdout
    assert out.startswith("imported 8,800 Deals")
    data = json.loads(planner("report", book, "--json", "--period", "2017").stdout)
    assert data["pipeline"]["won_count"] > 0
    merged = planner("import", files[0], "--into", book, "--yes").stdout
    assert merged.startswith(f"merging {files[0]} into {book}:")
    assert "Deals: 0 to add, 0 to change, 8,800 unchanged" in merged and "nothing to change" in merged


BOOK_CSV = """Deal ID,Deal Name,Owner,Stage,Amount,Created,Expected close,Closed
D-1,Alpha,Kim,Prospecting,1000,2026-01-05,2026-06-30,
D-2,Beta,Lee,Negotiation,2500,2026-02-01,2026-05-31,
D-3,Gamma,Kim,Closed Won,4000,2026-01-10,,2026-03-02
"""
# D-2 moves stage and grows, D-4 is new, D-1 and D-3 are as they were
CHANGES_CSV = BOOK_CSV.replace("D-2,Beta,Lee,Negotiation,2500", "D-2,Beta,Lee,Closed Won,2600").replace(
    "2026-05-31,\n", "2026-05-31,2026-04-01\n") + "D-4,Delta,Lee,Prospecting,700,2026-03-01,2026-07-31,\n"


@pytest.fixture
def merge_files(tmp_path):
    """A small book and a file that changes it: (book, file)."""
    (tmp_path / "book.csv").write_text(BOOK_CSV, encoding="utf-8")
    (tmp_path / "changes.csv").write_text(CHANGES_CSV, encoding="utf-8")
    planner("import", tmp_path / "book.csv", "--out", tmp_path / "book.planner")
    return tmp_path / "book.planner", tmp_path / "changes.csv"


def deals(book: Path) -> dict[str, tuple]:
    """Each deal of ``book``: id -> (stage, amount in minor units)."""
    from planner.storage import open_book

    frame = open_book(book).snapshot().keyed("Deals")
    return {str(i): (str(s), int(a)) for i, s, a in zip(frame["id"], frame["stage"], frame["amount"])}


def test_import_into_with_dry_run_shows_the_plan_and_leaves_the_book_as_it_was(merge_files):
    book, changes = merge_files
    before = book.read_bytes()
    out = planner("import", changes, "--into", book, "--dry-run").stdout
    assert f"merging {changes} into {book}:" in out
    assert "Deals: 1 to add, 1 to change, 2 unchanged" in out
    assert "D-2: stage Negotiation → Closed Won" in out  # the changed row, with the cells that change
    assert f"dry run: {book} was not changed" in out and "merged into" not in out
    assert book.read_bytes() == before


def test_import_into_without_a_terminal_or_yes_refuses_and_changes_nothing(merge_files):
    book, changes = merge_files
    before = book.read_bytes()
    result = planner("import", changes, "--into", book, check=False)  # stdin is not a terminal here
    assert result.returncode == 1
    assert "Deals: 1 to add, 1 to change" in result.stdout  # the plan is shown all the same
    assert result.stderr.strip() == (f"planner: error: {book} was not changed: pass --yes to apply these changes, "
                                     "or --dry-run to only show them")
    assert book.read_bytes() == before


def test_import_into_with_yes_applies_the_plan(merge_files):
    book, changes = merge_files
    assert deals(book)["D-2"] == ("Negotiation", 250_000)
    out = planner("import", changes, "--into", book, "--yes").stdout
    assert out.index("1 to add, 1 to change") < out.index(f"merged into {book}")  # the plan first
    after = deals(book)
    assert after["D-2"] == ("Closed Won", 260_000) and after["D-4"] == ("Prospecting", 70_000) and len(after) == 4
    again = planner("import", changes, "--into", book, "--yes").stdout
    assert "Deals: 0 to add, 0 to change, 4 unchanged" in again and "nothing to change" in again


@pytest.mark.parametrize("answer, applied", [("n", False), ("", False), ("yes", True)])
def test_import_into_at_a_terminal_asks_before_applying(merge_files, monkeypatch, capsys, answer, applied):
    from planner import cli

    book, changes = merge_files
    before = deals(book)
    prompts = []
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or answer)
    code = cli.run(cli.parse(["import", str(changes), "--into", str(book)]))
    assert prompts == [f"Apply these changes to {book}? [y/N] "]
    out = capsys.readouterr().out
    assert "Deals: 1 to add, 1 to change, 2 unchanged" in out
    if applied:
        assert code == 0 and f"merged into {book}" in out and deals(book)["D-2"] == ("Closed Won", 260_000)
    else:  # the session held the book while asking; its deals are as they were
        assert code == 1 and f"not applied: {book} was not changed" in out and deals(book) == before


def test_a_file_that_is_not_a_workbook_is_refused_in_one_line(tmp_path):
    fake = tmp_path / "deals.xlsx"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    result = planner("import", fake, "--out", tmp_path / "x.planner", check=False)
    assert result.returncode == 1 and result.stderr.startswith("planner: error: ") and "Traceback" not in result.stderr
    assert not (tmp_path / "x.planner").exists()


# -- export and import never replace what they must not, and fail in one line ----------------------------------
def one_line_error(result, message: str) -> None:
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("planner: error: ") and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_export_never_replaces_the_book_nor_a_file_that_is_not_a_workbook(demo_file, tmp_path):
    book = tmp_path / "demo.planner"
    shutil.copyfile(demo_file, book)
    (tmp_path / "link.planner").symlink_to(book)
    (tmp_path / "deals.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    before = book.read_bytes()
    for out, message in [(book, "is the book being exported"),
                         (tmp_path / "link.planner", "is the book being exported"),
                         (tmp_path / "." / "demo.planner", "is the book being exported"),
                         (tmp_path / "deals.csv", "exists and is not an Excel workbook")]:
        one_line_error(planner("export", book, "--out", out, "--force", check=False), message)
    assert book.read_bytes() == before and (tmp_path / "deals.csv").read_text(encoding="utf-8") == "a,b\n1,2\n"
    # an existing workbook is replaced only with --force, as demo and import --out do
    workbook = tmp_path / "demo.xlsx"
    workbook.write_bytes(b"PK\x03\x04 an older export")
    one_line_error(planner("export", book, "--out", workbook, check=False), "already exists (use --force")
    assert workbook.read_bytes() == b"PK\x03\x04 an older export"
    planner("export", book, "--out", workbook, "--force")
    assert workbook.stat().st_size > 10_000


@pytest.mark.parametrize("out, message", [
    ("{tmp}/missing/x.xlsx", "the folder {tmp}/missing does not exist"),
    ("{tmp}/folder", "is a folder"),
])
def test_export_to_a_place_that_cannot_be_written_is_one_line(demo_file, tmp_path, out, message):
    (tmp_path / "folder").mkdir()
    result = planner("export", demo_file, "--out", out.format(tmp=tmp_path), check=False)
    one_line_error(result, message.format(tmp=tmp_path))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["folder"]  # nothing half-written
    assert list((tmp_path / "folder").iterdir()) == []


def test_export_counts_every_sheet_it_writes(demo_file, tmp_path):
    from python_calamine import CalamineWorkbook

    out = planner("export", demo_file, "--out", tmp_path / "demo.xlsx").stdout
    sheets = CalamineWorkbook.from_path(str(tmp_path / "demo.xlsx")).sheet_names
    assert "Charts" in sheets and f": {len(sheets)} sheets," in out


def test_import_out_lists_every_table_it_filled(demo_file, tmp_path):
    planner("export", demo_file, "--out", tmp_path / "demo.xlsx")
    out = planner("import", tmp_path / "demo.xlsx", "--out", tmp_path / "back.planner").stdout
    for table in ("1,500 Deals", "StageHistory", "15 Reps", "Quotas", "Plans", "Splits", "Leads", "ForecastSnapshots"):
        assert table in out
    assert "ForecastAccuracy" not in out  # empty tables are left out


def test_import_out_is_never_one_of_the_inputs_nor_a_workbook_name(merge_files):
    book, changes = merge_files
    folder = book.parent
    (folder / "changes.planner").symlink_to(changes)
    text = changes.read_text(encoding="utf-8")
    one_line_error(planner("import", changes, "--out", folder / "changes.planner", "--force", check=False),
                   "is one of the files being imported")
    for name in ("changes.csv", "new.xlsx"):
        one_line_error(planner("import", changes, "--out", folder / name, "--force", check=False),
                       "use planner export for a workbook")
    assert changes.read_text(encoding="utf-8") == text and not (folder / "new.xlsx").exists()


@pytest.mark.parametrize("name, message", [("folder", "is a folder"), ("missing/m.json", "does not exist")])
def test_a_mapping_that_cannot_be_saved_is_refused_before_the_book_is_written(merge_files, name, message):
    book, changes = merge_files
    (book.parent / "folder").mkdir()
    result = planner("import", changes, "--out", book.parent / "new.planner", "--save-mapping", book.parent / name,
                     check=False)
    one_line_error(result, message)
    assert not (book.parent / "new.planner").exists()
    before = book.read_bytes()
    one_line_error(planner("import", changes, "--into", book, "--yes", "--save-mapping", book.parent / name,
                           check=False), message)
    assert book.read_bytes() == before


def test_import_into_shows_old_and_new_values_as_the_book_shows_them(merge_files):
    book, changes = merge_files
    out = planner("import", changes, "--into", book, "--dry-run").stdout
    assert "D-2: stage Negotiation → Closed Won, amount 2,500.00 → 2,600.00, closed (empty) → 2026-04-01" in out


@pytest.mark.parametrize("answer", ["n", EOFError, KeyboardInterrupt])
def test_import_into_not_applied_leaves_the_file_byte_for_byte(merge_files, monkeypatch, capsys, answer):
    from planner import cli

    book, changes = merge_files
    before = book.read_bytes()

    def ask(prompt):
        if isinstance(answer, str):
            return answer
        raise answer

    monkeypatch.setattr(cli, "_interactive", lambda: True)
    monkeypatch.setattr("builtins.input", ask)
    try:
        code = cli.run(cli.parse(["import", str(changes), "--into", str(book)]))
    except (EOFError, KeyboardInterrupt) as error:
        pytest.fail(f"{error!r} escaped the prompt")
    assert code == 1
    assert f"not applied: {book} was not changed" in capsys.readouterr().out
    assert book.read_bytes() == before


def test_import_into_with_nothing_to_change_leaves_the_file_byte_for_byte(merge_files):
    book, _ = merge_files
    before = book.read_bytes()
    for _ in range(2):
        assert "nothing to change" in planner("import", book.parent / "book.csv", "--into", book, "--yes").stdout
    assert book.read_bytes() == before


def test_forecast_snapshot_out_of_the_calendar_is_one_line(demo_file, tmp_path):
    book = tmp_path / "demo.planner"
    shutil.copyfile(demo_file, book)
    before = book.read_bytes()
    one_line_error(planner("forecast", "snapshot", book, "--as-of", "1850-01-01", check=False),
                   "--as-of 1850-01-01 is outside the years Planner accepts (1900 to 2199)")
    assert book.read_bytes() == before


@pytest.fixture(scope="module")
def november_file(tmp_path_factory):
    """The demo as of 2026-11-15 (issue 17's example)."""
    path = tmp_path_factory.mktemp("cli") / "november.planner"
    planner("demo", "--out", path, "--as-of", "2026-11-15")
    return path


@pytest.mark.parametrize("period", ["2030", "2026-12"])
def test_report_of_a_period_not_begun_says_there_is_no_data(november_file, period):
    out = planner("report", november_file, "--period", period).stdout
    assert f"No data for period {period}: it begins after the as-of date 2026-11-15" in out
    assert "no quota" not in out and "0.0%" not in out
    data = json.loads(planner("report", november_file, "--period", period, "--json").stdout)
    assert data["period_status"] == "future" and data["pacing"] is None
    assert not [warning for warning in data["warnings"] if "no quota" in warning]


def test_report_of_a_period_in_progress_shows_pacing(november_file):
    """As of 15 November, 15 of November's 30 days have elapsed: the demo's deals all close by
    as_of, so each rep's projection is exactly twice its credit, and its pacing twice its
    attainment."""
    data = json.loads(planner("report", november_file, "--period", "2026-11", "--json").stdout)
    assert data["period_status"] == "in_progress"
    assert (data["pacing"]["elapsed_days"], data["pacing"]["period_days"]) == (15, 30)
    credited = {row["rep"]: (Decimal(row["credited"]), row["attainment"]) for row in data["attainment"]}
    assert any(amount for amount, _ in credited.values())
    for row in data["pacing"]["reps"]:
        amount, attained = credited[row["rep"]]
        assert Decimal(row["projected"]) == 2 * amount
        assert row["pacing"] == pytest.approx(2 * attained)
    out = planner("report", november_file, "--period", "2026-11").stdout
    assert "in progress: day 15 of 30" in out and "Reps at quota:" in out and "Year to date (2026-01-01 to 2026-11-15)" in out
