"""No import or merge silently changes a figure (issue 13): percentages are read cell by cell,
a merge is validated as a new book is, unknown stages and owners need the mapping's word, and
the merge preview names rows by the user's keys. Reproduced on the demo book's own export."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import DEMO_AS_OF
from fixtures import planner
from planner.core.errors import PlannerError
from planner.io.excel_import import ImportRefused, build_book, plan_merge, read_tables
from planner.io.mapping import Mapping
from test_import import DEALS, OK_ROWS, book_of, deals_csv, write_csv


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    """The demo book as of DEMO_AS_OF and its export: (book, workbook). Read-only."""
    folder = tmp_path_factory.mktemp("trust")
    book, workbook = folder / "demo.planner", folder / "demo.xlsx"
    planner("demo", "--out", book, "--as-of", DEMO_AS_OF)
    planner("export", book, "--out", workbook)
    return book, workbook


def edited(workbook: Path, path: Path, cells: dict[tuple[str, str], object]) -> Path:
    """A copy of ``workbook`` with ``cells`` ((sheet, "C5") -> value) written by openpyxl."""
    book = openpyxl.load_workbook(workbook)
    for (sheet, ref), value in cells.items():
        book[sheet][ref] = value
    book.save(path)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def a_copy(book: Path, folder: Path) -> Path:
    target = folder / "book.planner"
    shutil.copyfile(book, target)
    return target


def weighted(book: Path) -> str:
    return json.loads(planner("report", book, "--json").stdout)["pipeline"]["weighted_value"]


def refused(result, *lines: str) -> None:
    """The command refused with exit 1, no traceback, and each of ``lines`` in its message."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stderr.startswith("planner: error: "), result.stderr
    for line in lines:
        assert line in result.stderr, result.stderr


# -- 1. percentages: never rescaled by the column --------------------------------------------
def test_a_whole_percent_typed_among_fractions_is_refused_and_60_percent_with_its_sign_reads(demo_files, tmp_path):
    book, workbook = demo_files
    out = tmp_path / "new.planner"
    bare = edited(workbook, tmp_path / "bare.xlsx", {("Stages", "C5"): 60})
    refused(planner("import", bare, "--out", out, check=False),
            "bare.xlsx, sheet Stages, row 5, column probability: '60' is a percent without its sign, but this "
            "column also holds fractions such as '0.1' (row 2): write 60% or 0.6")
    assert not out.exists()
    signed = edited(workbook, tmp_path / "signed.xlsx", {("Stages", "C5"): "60%"})
    planner("import", signed, "--out", out)
    assert planner("report", out, "--json").stdout == planner("report", book, "--json").stdout
    assert weighted(out) == "593366.35"


def test_a_whole_percent_among_fractions_merged_is_refused_and_the_book_keeps_its_bytes(demo_files, tmp_path):
    book, workbook = demo_files
    target = a_copy(book, tmp_path)
    before = sha256(target)
    bare = edited(workbook, tmp_path / "split.xlsx", {("Splits", "C2"): 50})
    refused(planner("import", bare, "--into", target, "--yes", check=False),
            "split.xlsx, sheet Splits, row 2, column share: '50' is a percent without its sign, but this column "
            "also holds fractions such as '0.5' (row 3): write 50% or 0.5")
    assert sha256(target) == before


def test_bare_numbers_are_read_cell_by_cell_and_a_column_mixing_both_kinds_is_refused(tmp_path):
    def probabilities(*cells) -> list:
        path = write_csv(tmp_path / "stages.csv", [["Stage", "Order", "Probability", "Kind"]] + [
            [f"S{n}", n, cell, "open"] for n, cell in enumerate(cells, start=1)])
        result = read_tables([path])
        if not result.ok:
            return [str(p) for p in result.problems]
        return result.frames["Stages"]["probability"].tolist()

    assert probabilities("10", "75.0", "100", "0") == [100_000, 750_000, 1_000_000, 0]  # a CRM's 0 to 100
    assert probabilities("0.1", "0.6", "1", "0") == [100_000, 600_000, 1_000_000, 0]  # fractions
    assert probabilities("1", "0") == [1_000_000, 0]  # 1 is a fraction: 100%
    assert probabilities("35%", "0.6", "1") == [350_000, 600_000, 1_000_000]  # a sign says it
    assert probabilities("35%", "60", "100%") == [350_000, 600_000, 1_000_000]
    # a 1 among whole percents could be 1% or 100%: the cells of the smaller kind are named
    assert probabilities("10", "1", "75") == [
        "stages.csv, row 3, column Probability: '1' is a fraction, but this column also holds percents without "
        "their sign such as '10' (row 2): write 100% for the fraction or 1% for the percent"]
    assert probabilities("0.2", "0.4", "60", "80") == [
        "stages.csv, row 4, column Probability: '60' is a percent without its sign, but this column also holds "
        "fractions such as '0.2' (row 2): write 60% or 0.6",
        "stages.csv, row 5, column Probability: '80' is a percent without its sign, but this column also holds "
        "fractions such as '0.2' (row 2): write 80% or 0.8"]
    # the probability written on a CRM's deals follows the same rule
    crm = write_csv(tmp_path / "crm.csv", [["Id", "Name", "StageName", "Amount", "CloseDate", "Probability"],
                                           ["1", "A", "Qualification", "10", "2026-05-01", "0.1"],
                                           ["2", "B", "Proposal", "10", "2026-05-01", "75"]])
    assert [str(p) for p in read_tables([crm]).problems] == [
        "crm.csv, row 3, column Probability: '75' is a percent without its sign, but this column also holds "
        "fractions such as '0.1' (row 2): write 75% or 0.75"]


# -- 2. a merge is validated as a new book is --------------------------------------------------
@pytest.mark.parametrize("sheet, ref, value, line", [
    ("Settings", "B3", "XYZ", "sheet Settings, row 3, column value: Unknown currency 'XYZ': use an ISO code"),
    ("Settings", "B5", "2026-02-30", "sheet Settings, row 5, column value: Settings: as_of '2026-02-30' is not a date"),
    ("Settings", "B4", "sideways", "sheet Settings, row 4, column value: Unknown rounding mode 'sideways'"),
    ("Deals", "G2", "XYZ", "sheet Deals, row 2, column currency: Unknown currency 'XYZ'"),
    ("Splits", "C2", 3, "sheet Splits, row 2, column share: '3' is a percent without its sign"),
    ("Splits", "C2", 0.3, "sheet Splits, row 2, column share: the shares of deal 'D-00096' add up to 80%, not 100%"),
])
def test_a_merge_refuses_every_cell_a_new_book_refuses_and_leaves_the_books_bytes(demo_files, tmp_path, sheet, ref,
                                                                                  value, line):
    book, workbook = demo_files
    path = edited(workbook, tmp_path / "changed.xlsx", {(sheet, ref): value})
    with pytest.raises(ImportRefused) as new_book:
        build_book(read_tables([path]))
    assert f"changed.xlsx, {line}" in str(new_book.value)
    target = a_copy(book, tmp_path)
    before = sha256(target)
    refused(planner("import", path, "--into", target, "--yes", check=False), f"changed.xlsx, {line}")
    assert sha256(target) == before
    planner("report", target)  # the book still reports


def test_a_merge_is_refused_only_for_the_problems_it_brings(tmp_path):
    # a Salesforce export has no created dates: its won deals are problems of the book already
    export = write_csv(tmp_path / "Opportunity.csv", [["Id", "Name", "Owner", "StageName", "Amount", "CloseDate"],
                                                      ["O1", "A", "Kim", "Closed Won", "100", "2026-03-01"],
                                                      ["O2", "B", "Kim", "Prospecting", "200", "2026-06-30"]])
    book = build_book(read_tables([export]))
    assert [p.column for p in book.problems()] == ["created"]
    grown = write_csv(tmp_path / "grown.csv", [["Id", "StageName", "Amount"], ["O2", "Prospecting", "250"]])
    change, summary = plan_merge(book, read_tables([grown], book=book))
    assert summary.tables["Deals"]["changed"] == 1
    book.apply(change)
    # a merge that brings one is refused, naming the row
    won = write_csv(tmp_path / "won.csv", [["Id", "StageName", "Amount", "CreatedDate", "CloseDate"],
                                           ["O2", "Closed Won", "250", "2026-07-01", "2026-06-01"]])
    with pytest.raises(ImportRefused) as refusal:
        plan_merge(book, read_tables([won], book=book))
    assert [str(p) for p in refusal.value.problems] == ["won.csv, row 2, column CloseDate: closed before it was created"]


# -- 3. unknown stages and owners in a merge need the mapping's word --------------------------
def mapping_file(path: Path, **entries) -> Path:
    path.write_text(json.dumps({"planner_mapping": 1, **entries}), encoding="utf-8")
    return path


def won_2025(book: Path) -> tuple:
    pipeline = json.loads(planner("report", book, "--json", "--period", "2025").stdout)["pipeline"]
    return pipeline["won_count"], pipeline["won_value"]


@pytest.mark.parametrize("value, line, mapping, after", [
    ("Closed Maybe", "sheet Deals, row 2, column stage: 'Closed Maybe' is not a stage of the book: map it to one of "
     "its stages, or to won, lost or open for a new stage", {"stages": {"Closed Maybe": "won"}},
     "D-00001: stage Closed Won → Closed Maybe"),
    (None, "sheet Deals, row 2, column owner: the deal has no owner: map deals without an owner",
     {"owners": {"": "S01"}}, "D-00001: owner S02 → S01"),
    ("Kim Typo", "sheet Deals, row 2, column owner: 'Kim Typo' is not a rep of the book: map it to one of its reps, "
     "or to \"new\" for a new rep", {"owners": {"Kim Typo": "new"}}, "D-00001: owner S02 → Kim Typo"),
])
def test_an_unknown_stage_or_owner_merged_is_refused_until_the_mapping_says_what_it_is(demo_files, tmp_path, value,
                                                                                      line, mapping, after):
    book, workbook = demo_files
    column = "E2" if value == "Closed Maybe" else "D2"  # D-00001, won in February 2025, owned by S02
    path = edited(workbook, tmp_path / "changed.xlsx", {("Deals", column): value})
    target = a_copy(book, tmp_path)
    before, won = sha256(target), won_2025(target)
    refused(planner("import", path, "--into", target, "--yes", check=False), f"changed.xlsx, {line}")
    assert sha256(target) == before
    # the mapping says what it is: the preview names the deal and the new value, never an internal id
    out = planner("import", path, "--into", target, "--yes", "--mapping",
                  mapping_file(tmp_path / "mapping.json", **mapping)).stdout
    assert f"    {after}\n" in out and not re.search(r"#\d", out), out
    assert won_2025(target) == won  # still won, in 2025
    # a new book keeps what decisions.md says of CRM exports: made stages, the Unassigned rep
    # (a name that is no rep of a Reps sheet with ids stays a typo there too)
    if value != "Kim Typo":
        new_book = build_book(read_tables([path]))
        made = "Closed Maybe" if value else "Unassigned"
        assert made in set(new_book["Stages"]["stage"]) | set(new_book["Reps"]["id"])


def test_the_wizard_offers_unknown_owners_for_mapping_and_refuses_until_mapped(tmp_path):
    book = book_of(write_csv(tmp_path / "reps.csv", [["Rep ID", "Name"], ["S01", "Kim"], ["S02", "Lee"]]),
                   deals_csv(tmp_path, OK_ROWS[:1]))
    path = deals_csv(tmp_path, [["D1", "Alpha", "Park", "Prospecting", "1", "2026-01-05", ""],
                                ["D2", "Beta", "", "Prospecting", "1", "2026-01-05", ""]], name="new.csv")
    result = read_tables([path], book=book)
    assert result.owners_unknown == ["", "Park"]
    with pytest.raises(ImportRefused) as refusal:
        plan_merge(book, result)
    assert [(p.row, p.column, p.value) for p in refusal.value.problems] == [(2, "Owner", "Park"), (3, "Owner", None)]
    mapped = read_tables([path], book=book, mapping=Mapping(owners={"Park": "Lee", "": "S01"}))
    assert mapped.owners_unknown == []
    change, _ = plan_merge(book, mapped)
    book.apply(change)
    assert book.keyed("Deals").set_index("id")["owner"].to_dict() == {"D1": "S02", "D2": "S01"}
    with pytest.raises(PlannerError, match="the owner 'Park' goes to 'Nobody', which is no rep"):
        read_tables([path], book=book, mapping=Mapping(owners={"Park": "Nobody"}))
    # the saved form: names to names, round trip
    assert Mapping.from_json(Mapping(owners={"": "S01"}).to_json()).owners == {"": "S01"}
    with pytest.raises(PlannerError, match="Mapping: 'owners' must map names to names"):
        Mapping.from_json({"planner_mapping": 1, "owners": ["Park"]})


# -- 4. the merge preview names rows by the user's keys ---------------------------------------
def test_the_changed_rows_of_a_merge_name_new_stages_and_reps_by_their_names(tmp_path):
    from planner.io.import_session import changed_rows

    reps = write_csv(tmp_path / "reps.csv", [["Rep ID", "Name"], ["S01", "Kim"], ["S02", "Lee"]])
    book = book_of(reps, deals_csv(tmp_path, OK_ROWS[:2]))
    path = deals_csv(tmp_path, [["D1", "Alpha", "Park", "Verbal yes", "1,000", "2026-01-05", ""],
                                ["D2", "Beta", "Lee", "Closed Won", "2,500.50", "2026-01-10", "2026-03-05"]],
                     name="update.csv", header=DEALS)
    result = read_tables([path], book=book, mapping=Mapping(stages={"Verbal yes": "open"}, owners={"Park": "new"}))
    change, _ = plan_merge(book, result)
    rows = changed_rows(book, change)
    assert [(r.table, r.key, r.cells) for r in rows] == [
        ("Stages", "Closed Won", [("order", "2", "3")]),  # after the new open stage Verbal yes
        ("Deals", "D1", [("owner", "S01", "Park"), ("stage", "Prospecting", "Verbal yes")])]
