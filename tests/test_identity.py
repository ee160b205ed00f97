"""Identity through the engine (issue 15): periods are a column kind of their own, parsed once
on entry; teams are rows of the Teams table that reps and quotas refer to by id; the engine
computes on row ids and names reps, teams and plans only where figures are shown."""

from __future__ import annotations

import pandas as pd
import pytest

from fixtures import planner, row
from planner.core import schema
from planner.core.attainment import attainment, credit_lines
from planner.core.periods import Period, parse_periods
from planner.core.problems import Refused
from planner.core.report import compute_report
from planner.io.excel_import import build_book, plan_merge, read_tables
from planner.storage import open_book, save_book
from test_import import write_csv

Q1 = Period.parse("2026-Q1")


# -- periods ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["2026Q1", "2026-Q1", "2026 Q1", "2026 q1", " 2026/Q1 "])
def test_a_quarter_is_one_period_however_it_is_written(text):
    assert Period.parse(text).label == "2026-Q1"
    labels, bad = parse_periods(pd.Series([text, "spring", None]))
    assert labels.tolist() == ["2026-Q1", "spring", pd.NA] and bad.tolist() == [False, True, False]


def test_periods_are_held_as_canonical_labels_whichever_way_they_enter(book):
    quota = row(book, "Quotas", 3)  # R2's 2026-Q1
    book.set_typed("Quotas", pd.DataFrame({"period": ["2026 Q1"]}, index=[quota]))
    book.insert_rows("Quotas", pd.DataFrame({"rep": pd.array([row(book, "Reps", 1)], dtype="Int64"),
                                             "period": ["2026q2"], "amount": [10]}))
    assert book["Quotas"]["period"].iloc[[3, -1]].tolist() == ["2026-Q1", "2026-Q2"]
    with pytest.raises(Refused, match="Bad period 'spring'"):
        book.set_typed("Quotas", pd.DataFrame({"period": ["spring"]}, index=[quota]))
    with pytest.raises(Refused, match="Bad period '2026Q3'"):  # the book holds canonical labels only
        book.set_value("Quotas", quota, "period", "2026Q3")
    assert schema.QUOTAS.column("period").kind is schema.Kind.PERIOD


def test_a_merge_keyed_on_period_matches_however_the_file_writes_it(book, tmp_path):
    """The book holds R2's quota for 2026-Q1; a file that writes it 2026Q1 changes that row."""
    path = write_csv(tmp_path / "quotas.csv", [["rep", "period", "amount"], ["R2", "2026Q1", "31000"],
                                               ["R2", "2026 Q2", "5000"]])
    change, summary = plan_merge(book, read_tables([path], book=book))
    assert summary.tables["Quotas"] == {"added": 1, "changed": 1, "unchanged": 0}
    book.apply(change)
    quotas = book.keyed("Quotas")
    assert quotas[quotas["rep"] == "R2"][["period", "amount"]].values.tolist() == [
        ["2026-Q1", 3_100_000], ["2026-Q2", 500_000]]


def test_an_older_book_s_period_written_another_way_opens_as_the_same_period(book, tmp_path):
    path = tmp_path / "book.planner"
    save_book(book, path)
    import sqlite3

    with sqlite3.connect(path) as db:  # an older Planner kept the text as typed
        db.execute("UPDATE Quotas SET period = '2026Q1' WHERE period = '2026-Q1'")
    opened = open_book(path)
    assert "2026Q1" not in set(opened["Quotas"]["period"]) and opened.problems() == []
    assert compute_report(opened, Q1).to_json() == compute_report(book, Q1).to_json()


# -- teams --------------------------------------------------------------------------------------
def test_teams_are_rows_that_reps_and_quotas_refer_to_by_id(book):
    teams = book["Teams"]
    assert teams["name"].tolist() == ["Seoul", "Tokyo"]  # made from the reps' team names, in order
    assert book["Reps"]["team"].tolist() == [teams.index[0], teams.index[1], teams.index[0]]
    seoul_quota = book["Quotas"].iloc[-1]
    assert pd.isna(seoul_quota["rep"]) and seoul_quota["team"] == teams.index[0]
    # renaming a team renames it everywhere: the figures follow the row, not the text
    book.set_typed("Teams", pd.DataFrame({"name": ["Seoul East"]}, index=[teams.index[0]]))
    report = compute_report(book, Q1).to_json()
    assert [row["team"] for row in report["team_attainment"]] == ["Seoul East", "Tokyo"]
    assert report["team_attainment"][0]["quota"] == "50000.00"  # its own Quotas row still
    assert {row["rep"]: row["team"] for row in report["attainment"]} == {"R1": "Seoul East", "R2": "Tokyo",
                                                                        "R3": "Seoul East"}


def test_a_quota_s_rep_naming_a_team_is_no_longer_read_as_the_team(book):
    """The special case is gone: a team's quota says so in its team column."""
    with pytest.raises(Refused, match="'Seoul' is not a rep of the Reps sheet"):
        book.set_typed("Quotas", pd.DataFrame({"rep": ["Seoul"]}, index=[row(book, "Quotas", 0)]))
    with pytest.raises(Refused, match="'Busan' is not a team of the Teams sheet"):
        book.set_typed("Quotas", pd.DataFrame({"team": ["Busan"]}, index=[row(book, "Quotas", 7)]))


def test_a_team_with_a_manager_and_a_parent_and_a_team_deleted(book):
    seoul, tokyo = book["Teams"].index
    book.set_typed("Teams", pd.DataFrame({"manager": ["김민지"], "parent": ["Tokyo"]}, index=[seoul]))
    assert book.keyed("Teams").loc[seoul, ["manager", "parent"]].tolist() == ["R1", "Tokyo"]
    book.delete_rows("Teams", [tokyo])  # R2 and the Seoul team's parent now point at nothing
    report = compute_report(book, Q1)
    assert [str(p) for p in report.problems] == [
        "Reps R2, column team: refers to a row of Teams that was deleted",
        "Teams Seoul, column parent: refers to a row of Teams that was deleted"]
    assert report.left_out.reps["R2"] and report.left_out.sections["attainment"]  # problems leave their rows out


def test_a_workbook_with_a_team_text_column_imports_and_merges_its_teams_by_name(book, tmp_path):
    reps = write_csv(tmp_path / "reps.csv", [["id", "name", "team"], ["R4", "Kim", "Busan"], ["R5", "Lee", "Seoul"]])
    change, summary = plan_merge(book, read_tables([reps], book=book))
    assert summary.tables["Teams"]["added"] == 1 and summary.tables["Reps"]["added"] == 2
    book.apply(change)
    assert book["Teams"]["name"].tolist() == ["Seoul", "Tokyo", "Busan"]  # Seoul matched, Busan made
    keyed = book.keyed("Reps").set_index("id")
    assert keyed.loc[["R4", "R5"], "team"].tolist() == ["Busan", "Seoul"]
    new = build_book(read_tables([reps]))
    assert new["Teams"]["name"].tolist() == ["Busan", "Seoul"] and new.problems() == []


def test_export_writes_a_teams_sheet_that_imports_back(book, tmp_path):
    import openpyxl

    source, workbook = tmp_path / "source.planner", tmp_path / "book.xlsx"
    seoul = book["Teams"].index[0]
    book.set_typed("Teams", pd.DataFrame({"manager": ["R1"]}, index=[seoul]))
    save_book(book, source)
    planner("export", source, "--out", workbook)
    sheet = openpyxl.load_workbook(workbook)["Teams"]
    assert [[cell.value for cell in line] for line in sheet.iter_rows(max_col=3)] == [
        ["name", "manager", "parent"], ["Seoul", "R1", None], ["Tokyo", None, None]]
    assert openpyxl.load_workbook(workbook)["Reps"]["C2"].value == "Seoul"  # a rep's team by its name
    copy = tmp_path / "copy.planner"
    planner("import", workbook, "--out", copy)
    back = open_book(copy)
    assert back.keyed("Teams")[["name", "manager"]].values.tolist() == [["Seoul", "R1"], ["Tokyo", pd.NA]]
    assert compute_report(back, Q1).to_json()["team_attainment"] == compute_report(book, Q1).to_json()[
        "team_attainment"]


# -- row ids through the engine -------------------------------------------------------------------
def test_the_engine_computes_on_row_ids_and_the_report_names_them(book):
    snapshot = book.snapshot()
    lines = credit_lines(snapshot)
    assert set(lines["rep"]) <= set(book["Reps"].index) and set(lines["deal_id"]) <= set(book["Deals"].index)
    reps, teams = attainment(snapshot, Q1)
    assert reps["rep"].tolist() == book["Reps"].index.tolist() and teams["team"].tolist() == \
        book["Teams"].index.tolist()
    shown = compute_report(book, Q1)
    assert shown.attainment[["rep", "name", "team"]].values.tolist() == [
        ["R1", "김민지", "Seoul"], ["R2", "佐藤 健", "Tokyo"], ["R3", "Alex Kim", "Seoul"]]
    assert set(shown.commission_lines["plan"]) == {"RETRO", "MARG"}
    # renaming a rep's own id changes no figure, only how the report names it
    book.set_value("Reps", row(book, "Reps", 0), "id", "R1-new")
    renamed = compute_report(book, Q1)
    assert renamed.attainment["rep"].tolist()[0] == "R1-new"
    assert renamed.attainment["credited"].tolist() == shown.attainment["credited"].tolist()
