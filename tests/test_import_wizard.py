"""The import wizard driven as a user would: files, mapping with preview, check, Finish — and
the choices that are not Qt (planner.io.import_session)."""

from __future__ import annotations

import csv
import io
import json
import threading

import openpyxl
import pandas as pd
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWizard

from windows import open_window
from planner.core import schema
from planner.core.changes import SetValues
from planner.io import excel_import
from planner.io import import_session as session
from planner.io.excel_import import preview
from planner.io.mapping import EXTRA, Mapping

KOREAN = ["거래 ID", "거래명", "담당자", "단계", "금액", "생성일", "메모"]
KOREAN_ROWS = [["K-1", "서울 신규 계약", "김민지", "Proposal", "1,500", "2026.3.5", "첫 미팅"],
               ["K-2", "부산 갱신", "김민지", "Commit", "2,000", "2026.1.5", ""]]
WAIT = 60_000


def write_csv(path, rows, encoding="utf-8-sig"):
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def write_xlsx(path, sheets: dict):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def window(qtbot, tmp_path, book):
    window = open_window(qtbot, tmp_path, book)
    yield window
    window.jobs.wait()


def to_mapping(qtbot, wizard):
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=WAIT)
    return wizard.mapping_page


def to_check(qtbot, wizard):
    if wizard.currentPage() is wizard.files_page:
        to_mapping(qtbot, wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.check_page
    qtbot.waitUntil(lambda: not wizard.check_page.reading, timeout=WAIT)
    return wizard.check_page


def combo_text(page, header):
    row = list(page.source().headers).index(header)
    return page.columns.cellWidget(row, 1).currentText()


def cells(table):
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


# -- the mapping page --------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_guessed_mapping_of_korean_headers_is_shown_with_a_preview(qtbot, window, tmp_path, kind):
    rows = [KOREAN, *KOREAN_ROWS]
    path = write_csv(tmp_path / "거래.csv", rows) if kind == "csv" else write_xlsx(tmp_path / "영업.xlsx",
                                                                                 {"거래": rows})
    wizard = window.excel.start_import([path], into=False)
    page = to_mapping(qtbot, wizard)
    assert page.table_box.currentData() == "Deals"
    assert combo_text(page, "금액") == "Amount" and combo_text(page, "담당자") == "Owner"
    assert combo_text(page, "거래명") == "Deal" and combo_text(page, "메모") == "Keep as my own column"
    headers = [page.grid.horizontalHeaderItem(c).text() for c in range(page.grid.columnCount())]
    assert headers[4] == "금액\n→ Amount" and headers[6] == "메모\n→ Keep as my own column"
    assert cells(page.grid)[0][:2] == ["K-1", "서울 신규 계약"]
    wizard.reject()


def test_japanese_headers_of_a_shift_jis_csv_are_shown(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "案件.csv", [["案件ID", "案件名", "担当者", "フェーズ", "金額", "作成日", "受注予定日"],
                                            ["J-1", "東京 更新", "佐藤 健", "提案", "￥1,500", "2026年3月5日", "2026/4/1"]],
                     encoding="cp932")
    wizard = window.excel.start_import([path], into=True)
    page = to_mapping(qtbot, wizard)
    assert page.info.text().endswith("cp932")
    assert [combo_text(page, h) for h in ("案件名", "フェーズ", "金額", "受注予定日")] == \
        ["Deal", "Stage", "Amount", "Expected close"]
    assert page.grid.horizontalHeaderItem(3).text() == "フェーズ\n→ Stage"
    assert cells(page.grid)[0][1:4] == ["東京 更新", "佐藤 健", "提案"]
    wizard.reject()


def test_changing_a_column_changes_what_is_imported_and_opens_an_unsaved_book(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "deals.csv", [KOREAN, *KOREAN_ROWS])
    wizard = window.excel.start_import([path], into=False)
    page = to_mapping(qtbot, wizard)
    page.choose_column("메모", "product")  # the notes are the product
    page.choose_column("거래명", "account")  # and the names are accounts
    assert combo_text(page, "메모") == "Product"
    assert page.grid.horizontalHeaderItem(1).text() == "거래명\n→ Account"
    check = to_check(qtbot, wizard)
    assert check.isComplete(), cells(check.problems)
    assert ["Deals", "2", ""] in cells(check.counts)
    old = window.book
    wizard.accept()
    assert window.book is not old and window.path is None and window.modified
    deals = window.book["Deals"].set_index("id")
    assert deals.loc["K-1", "product"] == "첫 미팅" and deals.loc["K-1", "account"] == "서울 신규 계약"
    assert pd.isna(deals.loc["K-1", "name"])


def test_the_menu_opens_the_wizard_and_a_new_book_asks_before_replacing_unsaved_edits(qtbot, window, tmp_path):
    from planner.views.import_wizard import ImportWizard

    path = write_csv(tmp_path / "deals.csv", [KOREAN, *KOREAN_ROWS])
    window.excel.choose_files = lambda: [str(path)]
    window.excel.import_new.trigger()
    wizard = window.findChildren(ImportWizard)[-1]
    assert wizard.isVisible() and wizard.paths == [path] and not wizard.into
    first = window.book["Deals"].index[:1]
    window._push(SetValues("Deals", pd.DataFrame({"name": ["편집됨"]}, index=first)), "edit")  # unsaved
    asked = []
    window.ask_unsaved = lambda: asked.append(True)  # the user cancels
    book = window.book
    to_check(qtbot, wizard)
    wizard.accept()
    assert asked and window.book is book and wizard.isVisible()
    window.ask_unsaved = lambda: "discard"
    wizard.accept()
    assert window.book is not book and not wizard.isVisible()


def test_adding_a_file_keeps_the_choices_made(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "deals.csv", [KOREAN, *KOREAN_ROWS])
    wizard = window.excel.start_import([path], into=False)
    page = to_mapping(qtbot, wizard)
    page.choose_column("메모", "product")
    wizard.back()
    reps = write_csv(tmp_path / "reps.csv", [["사번", "이름", "팀"], ["R9", "박서준", "부산"]])
    wizard.choose_files = lambda: [str(reps)]
    wizard.files_page.add_files()
    assert wizard.paths == [path, reps]
    wizard.files_page.list.item(0).setSelected(True)
    assert wizard.files_page.remove.isEnabled()
    page = to_mapping(qtbot, wizard)
    assert page.source_box.count() == 2 and combo_text(page, "메모") == "Product"
    page.source_box.setCurrentIndex(1)
    assert page.table_box.currentData() == "Reps" and combo_text(page, "이름") == "Name"
    wizard.reject()


def test_skipping_a_sheet_leaves_it_out(qtbot, window, tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", {"Deals": [KOREAN, *KOREAN_ROWS],
                                               "Reps": [["Rep ID", "Name", "Team"], ["R9", "박서준", "Busan"]]})
    wizard = window.excel.start_import([path], into=False)
    page = to_mapping(qtbot, wizard)
    page.source_box.setCurrentIndex(1)
    assert page.table_box.currentData() == "Reps"
    page.choose_table(None)
    assert wizard.mapping.tables["Reps"] is None
    to_check(qtbot, wizard)
    wizard.accept()
    assert "박서준" not in set(window.book["Reps"]["name"])


def test_a_saved_mapping_comes_back_and_the_last_one_is_remembered(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "deals.csv", [KOREAN, *KOREAN_ROWS])
    wizard = window.excel.start_import([path], into=False)
    page = to_mapping(qtbot, wizard)
    page.choose_column("메모", "product")
    page.date_box.setCurrentIndex(page.date_box.findData("dmy"))
    page.date_box.activated.emit(page.date_box.currentIndex())
    saved = tmp_path / "my mapping"
    wizard.choose_mapping_target = lambda: str(saved)
    page.save_button.click()
    written = json.loads(saved.with_suffix(".json").read_text(encoding="utf-8"))
    assert written["planner_mapping"] == 1 and written["columns"]["Deals"]["메모"] == "product"
    assert written["date_order"] == "dmy"
    wizard.reject()
    # the command line reads it (planner import --mapping)
    read = excel_import.read_tables([path], Mapping.load(saved.with_suffix(".json")))
    assert read.frames["Deals"]["product"].iloc[0] == "첫 미팅"

    # a new wizard with the saved mapping loaded shows the same choices
    again = window.excel.start_import([path], into=False)
    again.choose_mapping_file = lambda: str(saved.with_suffix(".json"))
    again.files_page.findChildren(type(page.save_button))[-1].click()  # Load saved mapping…
    assert again.loaded is not None
    page = to_mapping(qtbot, again)
    assert combo_text(page, "메모") == "Product" and page.date_box.currentData() == "dmy"
    assert "my mapping.json" in page.note.text()
    page.choose_column("메모", "deal_type")
    to_check(qtbot, again)
    assert not again.check_page.isComplete()  # 첫 미팅 is no deal type: the problem is listed
    page_back = again.back
    page_back()
    page.choose_column("메모", "product")
    to_check(qtbot, again)
    again.accept()

    # the mapping used last time for files like these is offered again, without loading it
    third = window.excel.start_import([write_csv(tmp_path / "later.csv", [KOREAN, *KOREAN_ROWS])], into=False)
    page = to_mapping(qtbot, third)
    assert combo_text(page, "메모") == "Product" and third.remembered
    assert page.note.text() == "Using the mapping you chose last time for these files"
    third.reject()


def test_a_mapping_file_that_is_not_one_is_refused_on_the_files_page(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "deals.csv", [KOREAN, *KOREAN_ROWS])
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    wizard = window.excel.start_import([path], into=False)
    wizard.choose_mapping_file = lambda: str(bad)
    wizard.files_page.load_mapping()
    assert wizard.loaded is None and "not a Planner import mapping" in wizard.files_page.error.text()
    wizard.reject()


# -- the check page ----------------------------------------------------------------------------
def test_bad_cells_are_listed_and_nothing_is_imported(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "bad.csv", [["id", "owner", "stage", "amount", "created"],
                                            ["D-1", "R1", "Won", "abc", "2026-01-02"],
                                            ["D-2", "R1", "Won", "5", "2026-02-30"]])
    before = window.book.revision
    wizard = window.excel.start_import([path], into=True)
    check = to_check(qtbot, wizard)
    assert check.problems.isVisible() and not check.counts.isVisible() and not check.isComplete()
    listed = cells(check.problems)
    assert ["bad.csv", "", "2", "amount", "abc"] in [row[:5] for row in listed]
    assert ["bad.csv", "", "3", "created", "2026-02-30"] in [row[:5] for row in listed]
    assert all(row[5] for row in listed)
    assert "Nothing will be imported" in check.status.text()
    wizard.accept()  # Finish is disabled; even forced, nothing is applied
    assert window.book.revision == before and window.undo_stack.count() == 0
    wizard.reject()


def test_stopping_the_read_stops_the_worker_and_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "deals.csv", [KOREAN, *KOREAN_ROWS])
    real, seen = excel_import.read_tables, threading.Event()

    def slow_read(paths, mapping=None, currency=None, progress=None, cancelled=None, book=None):
        progress(1, 6)
        for _ in range(1000):  # a big file: the worker is busy until the user stops it (at most 10 s)
            if cancelled():
                seen.set()
                break
            threading.Event().wait(0.01)
        return real(paths, mapping, currency, progress, cancelled, book)  # gives up at its first check

    monkeypatch.setattr(excel_import, "read_tables", slow_read)
    before = window.book.revision
    wizard = window.excel.start_import([path], into=True)
    to_mapping(qtbot, wizard)
    wizard.next()
    check = wizard.check_page
    assert check.reading and check.stop_button.isVisible()
    qtbot.waitUntil(lambda: check.bar.maximum() == 6, timeout=WAIT)
    check.stop_button.click()
    qtbot.waitUntil(lambda: not check.reading, timeout=WAIT)
    assert seen.is_set()
    assert check.status.text() == "Reading stopped: nothing was imported."
    assert not check.isComplete() and check.again_button.isVisible()
    wizard.accept()
    assert window.book.revision == before and window.undo_stack.count() == 0
    wizard.reject()


def test_escape_while_reading_cancels_the_worker(qtbot, window, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "deals.csv", [KOREAN, *KOREAN_ROWS])
    stopped = threading.Event()

    def waiting_read(paths, mapping=None, currency=None, progress=None, cancelled=None, book=None):
        for _ in range(2000):  # busy until cancelled (at most 20 s: a broken cancel fails, never hangs)
            if cancelled():
                stopped.set()
                raise excel_import.ImportCancelled()
            threading.Event().wait(0.01)
        raise excel_import.ImportCancelled()

    monkeypatch.setattr(excel_import, "read_tables", waiting_read)
    wizard = window.excel.start_import([path], into=True)
    to_mapping(qtbot, wizard)
    wizard.next()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.result() == QWizard.DialogCode.Rejected
    window.jobs.wait()
    assert stopped.is_set()
    assert window.undo_stack.count() == 0


def test_into_the_book_shows_what_changes_then_applies_as_one_undo_step(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "update.csv", [["거래 ID", "담당자", "단계", "금액", "생성일"],
                                               ["D10", "R1", "Prospect", "12,345", "2026-02-15"],  # amount changed
                                               ["D11", "R2", "Proposal", "3,333.33", "2026-03-01"],  # unchanged
                                               ["D-100", "김민지", "Proposal", "1,500", "2026.3.5"]])  # new
    before = {name: window.book[name].copy() for name in ("Deals", "Reps", "Stages")}
    revision = window.book.revision
    wizard = window.excel.start_import([path], into=True)
    check = to_check(qtbot, wizard)
    assert check.isComplete(), cells(check.problems)
    assert ["Deals", "1", "1", "1"] in cells(check.counts)
    assert ["Deals", "D10", "Amount", "10,000.00", "12,345.00"] in cells(check.cells)
    assert "1 row(s) will be added and 1 changed" in check.status.text()  # %n: one row in Korean and Japanese
    assert window.book.revision == revision  # shown, not applied
    qtbot.keyClick(wizard, Qt.Key.Key_Return)  # Enter is Finish
    assert wizard.result() == QWizard.DialogCode.Accepted
    deals = window.book.keyed("Deals").set_index("id")
    assert deals.loc["D10", "amount"] == 1_234_500 and deals.loc["D-100", "owner"] == "R1"
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    for name, frame in before.items():
        pd.testing.assert_frame_equal(window.book[name], frame)


def test_unknown_stage_names_must_be_mapped_to_a_stage_of_the_book_or_a_kind(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "new.csv", [["Deal ID", "Owner", "Stage", "Amount", "Created"],
                                            ["D-200", "R1", "Verbal yes", "100", "2026-03-01"],
                                            ["D-201", "R2", "Prospect", "200", "2026-03-02"]])
    wizard = window.excel.start_import([path], into=True)
    check = to_check(qtbot, wizard)
    assert wizard.unknown_stages == ["Verbal yes"] and check.stages_box.isVisible()
    # into the book, an unknown stage is refused until the user says what it is
    assert not check.isComplete() and check.problems.isVisible()
    assert [row[:5] for row in cells(check.problems)] == [["new.csv", "", "2", "Stage", "Verbal yes"]]
    box = check.stages.cellWidget(0, 1)
    assert box.currentText() == "Choose…"
    commit = [box.itemText(i) for i in range(box.count())].index("The stage Commit")
    box.setFocus()
    for _ in range(commit):  # the keyboard, as a user would: each step reads again
        qtbot.keyClick(check.stages.cellWidget(0, 1), Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: not check.reading, timeout=WAIT)
    assert check.isComplete() and check.stages_box.isVisible()  # still offered, now as Commit
    assert check.stages.cellWidget(0, 1).currentText() == "The stage Commit"
    assert "Stages" not in [row[0] for row in cells(check.counts)]
    saved = tmp_path / "stages.json"
    wizard.choose_mapping_target = lambda: str(saved)
    check.save_button.click()
    assert Mapping.load(saved).stages["Verbal yes"] == "Commit"
    wizard.accept()
    assert window.book.keyed("Deals").set_index("id").loc["D-200", "stage"] == "Commit"


def test_owners_that_are_no_rep_are_offered_and_refused_until_mapped(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "new.csv", [["Deal ID", "Owner", "Stage", "Amount", "Created"],
                                            ["D-300", "Park", "Prospect", "100", "2026-03-01"],
                                            ["D-301", "", "Prospect", "200", "2026-03-02"]])
    wizard = window.excel.start_import([path], into=True)
    check = to_check(qtbot, wizard)
    assert not check.isComplete() and check.owners_box.isVisible()
    assert [row[:5] for row in cells(check.problems)] == [["new.csv", "", "2", "Owner", "Park"],
                                                         ["new.csv", "", "3", "Owner", ""]]
    assert [check.owners.item(row, 0).text() for row in range(2)] == ["(no owner)", "Park"]
    blank, park = (check.owners.cellWidget(row, 1) for row in range(2))
    assert [blank.itemText(i) for i in range(blank.count())] == [
        "Choose…", "A new rep Unassigned", "The rep R1 · 김민지", "The rep R2 · 佐藤 健", "The rep R3 · Alex Kim"]
    assert park.currentText() == "Choose…" and park.itemText(1) == "A new rep Park"
    park.setFocus()
    qtbot.keyClick(park, Qt.Key.Key_Down)  # A new rep Park
    qtbot.waitUntil(lambda: not check.reading, timeout=WAIT)
    assert not check.isComplete()  # the deal without an owner still needs its word
    blank = check.owners.cellWidget(0, 1)
    blank.setFocus()
    for _ in range(3):  # R2
        qtbot.keyClick(check.owners.cellWidget(0, 1), Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: not check.reading, timeout=WAIT)
    assert check.isComplete(), cells(check.problems)
    assert check.owners.cellWidget(0, 1).currentText() == "The rep R2 · 佐藤 健"
    assert ["Reps", "1", "0", "0"] in cells(check.counts)
    wizard.accept()
    assert window.book.keyed("Deals").set_index("id").loc[["D-300", "D-301"], "owner"].tolist() == ["Park", "R2"]


def test_two_new_stage_names_can_be_mapped_onto_each_other(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "new.csv", [["Deal ID", "Owner", "Stage", "Amount", "Created"],
                                            ["N-1", "Kim", "Verbal yes", "100", "2026-03-01"],
                                            ["N-2", "Kim", "Verbal OK", "200", "2026-03-02"]])
    wizard = window.excel.start_import([path], into=False)
    check = to_check(qtbot, wizard)
    assert wizard.unknown_stages == ["Verbal yes", "Verbal OK"]
    box = check.stages.cellWidget(1, 1)
    texts = [box.itemText(i) for i in range(box.count())]
    assert "The new stage Verbal yes" in texts and "The new stage Verbal OK" not in texts
    target = texts.index("The new stage Verbal yes")
    box.setCurrentIndex(target)
    box.activated.emit(target)
    qtbot.waitUntil(lambda: not check.reading, timeout=WAIT)
    assert check.isComplete(), cells(check.problems)
    assert check.stages.cellWidget(1, 1).currentText() == "The new stage Verbal yes"
    first = check.stages.cellWidget(0, 1)  # Verbal OK now goes to Verbal yes: not offered back
    assert "The new stage Verbal OK" not in [first.itemText(i) for i in range(first.count())]
    assert ["Stages", "1"] == cells(check.counts)[[row[0] for row in cells(check.counts)].index("Stages")][:2]
    wizard.accept()
    shown = window.book
    assert set(shown.keyed("Deals")["stage"]) == {"Verbal yes"} and list(shown["Stages"]["stage"]) == ["Verbal yes"]


@pytest.mark.parametrize("content, said", [(b"", "empty.csv is empty"),
                                           (b"Deal ID,Amount\r\n", "No rows of data in empty.csv")])
def test_an_empty_csv_says_why_next_is_disabled(qtbot, window, tmp_path, content, said):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    wizard = window.excel.start_import([path], into=False)
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert content or not page.isComplete()  # headers alone may still go to Deals: said all the same
    assert page.status.isVisibleTo(wizard) and said in page.status.text()
    wizard.reject()


def test_skipping_every_sheet_says_why_next_is_disabled(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "deals.csv", [KOREAN, *KOREAN_ROWS])
    wizard = window.excel.start_import([path], into=False)
    page = to_mapping(qtbot, wizard)
    assert not page.status.isVisibleTo(wizard)
    page.choose_table(None)
    assert not page.isComplete() and page.status.isVisibleTo(wizard)
    assert page.status.text().startswith("Every sheet is skipped")
    page.choose_table("Deals")
    assert page.isComplete() and not page.status.isVisibleTo(wizard)
    wizard.reject()


def test_enter_is_next(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "deals.csv", [KOREAN, *KOREAN_ROWS])
    wizard = window.excel.start_import([path], into=False)
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.mapping_page
    wizard.reject()


# -- the choices without Qt ----------------------------------------------------------------------
def test_explicit_choices_agree_with_the_previews_guess(tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", {"Deals": [KOREAN, *KOREAN_ROWS],
                                               "Notes": [["Anything"], ["at all"]]})
    previews = preview([path])
    mapping = session.explicit(previews)
    assert mapping.tables == {"Deals": "Deals", "Notes": None}
    again = preview([path], mapping)
    assert [(p.table, p.columns) for p in again] == [(p.table, p.columns) for p in previews]
    # a column takes one header: the header that had it becomes the user's own
    deals = previews[0]
    session.set_column(mapping, deals, "메모", "name")
    assert session.column_of(mapping, "Deals", "메모") == "name"
    assert session.column_of(mapping, "Deals", "거래명") is EXTRA
    assert Mapping.from_json(mapping.to_json()) == mapping
    assert session.signature(previews) == session.signature(preview([write_xlsx(tmp_path / "other name.xlsx", {
        "Deals": [KOREAN, KOREAN_ROWS[0]], "Notes": [["Anything"]]})]))


def test_changed_rows_name_the_cells_a_merge_sets(tmp_path, book):
    path = write_csv(tmp_path / "update.csv", [["Deal ID", "Owner", "Stage", "Amount", "Created"],
                                               ["D10", "R2", "Prospect", "10,000", "2026-02-15"]])
    change, summary = excel_import.plan_merge(book, excel_import.read_tables([path], book=book, currency="USD"))
    assert summary.tables["Deals"]["changed"] == 1
    rows = session.changed_rows(book, change)
    assert [(r.table, r.key, r.cells) for r in rows] == [("Deals", "D10", [("owner", "R1", "R2")])]


def test_table_and_column_labels_are_translated(qapp):
    from planner.views.import_mapping_page import target_label

    assert target_label("Deals", "amount") == QCoreApplication.translate("schema", schema.DEALS.column("amount").label)
    assert target_label("Deals", None) == "Keep as my own column"


# -- order logs, and a header filling two columns ------------------------------------------------
ORDERS = [["Order ID", "Order Date", "Customer Name", "Region", "Sales", "Status"],
          ["A-1", "2024-03-05", "Acme", "West", "100", "Shipped"],
          ["A-1", "2024-03-05", "Acme", "West", "20", "Shipped"],
          ["B-2", "2024-03-06", "Beta", "East", "50", "Cancelled"]]


def also_text(page, header):
    row = list(page.source().headers).index(header)
    return page.columns.cellWidget(row, 2).currentText()


def test_an_order_log_is_shown_as_one_and_opens_as_won_deals(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "orders.csv", ORDERS)
    wizard = window.excel.start_import([path], into=False)
    page = to_mapping(qtbot, wizard)
    assert combo_text(page, "Order Date") == "Created" and also_text(page, "Order Date") == "Closed"
    assert combo_text(page, "Status") == "Order status (cancelled, returned or disputed: not won)"
    assert "Read as an order log: each order is a won deal" in page.info.text()
    headers = [page.grid.horizontalHeaderItem(c).text() for c in range(page.grid.columnCount())]
    assert headers[1] == "Order Date\n→ Created + Closed"
    check = to_check(qtbot, wizard)
    assert check.isComplete(), cells(check.problems)
    assert any("read as an order log: 2 order(s) from 3 row(s) as won deals, 1 cancelled" in row[1]
               for row in cells(check.warnings))
    wizard.accept()
    deals = window.book.keyed("Deals").set_index("id")
    assert deals["amount"].to_dict() == {"A-1": 12_000, "B-2": 5_000} and set(deals["stage"]) == {"Won"}
    assert deals.loc["B-2", "cancelled"] == deals.loc["B-2", "closed"] == pd.Timestamp(2024, 3, 6)


def test_headers_nothing_matches_are_mapped_on_the_page_one_to_two_columns(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "ventas.csv", [["Fecha", "Cliente", "Importe", "Vendedor"],
                                               ["2024-05-01", "Acme", "120", "Kim"],
                                               ["2024-05-02", "Beta", "80", "Lee"]])
    wizard = window.excel.start_import([path], into=False)
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert not page.isComplete() and page.status.isVisibleTo(wizard)
    assert page.status.text().startswith("No sheet of ventas.csv has the headers of a table of the book, such as "
                                         "Deals (Deal ID, Owner, Stage, Amount, Created)")
    page.choose_table("Deals")
    assert page.isComplete() and not page.status.isVisibleTo(wizard)
    page.choose_column("Cliente", "account")
    page.choose_column("Importe", "amount")
    page.choose_column("Vendedor", "owner")
    page.choose_column("Fecha", "created")
    row = list(page.source().headers).index("Fecha")
    also = page.columns.cellWidget(row, 2)
    assert also.isEnabled() and also_text(page, "Fecha") == "—"
    also.setFocus()
    qtbot.keyClicks(also, "Closed")  # typed on the box, as a user picks from it
    assert also_text(page, "Fecha") == "Closed"
    assert session.column_of(wizard.mapping, "Deals", "Fecha") == ("created", "closed")
    assert "Read as an order log" in page.info.text()
    # a column takes one header: another header choosing Closed takes it from Fecha
    page.choose_column("Cliente", "closed")
    assert session.column_of(wizard.mapping, "Deals", "Fecha") == "created" and also_text(page, "Fecha") == "—"
    page.choose_column("Cliente", "account")
    page.choose_column("Fecha", ("created", "closed"))
    check = to_check(qtbot, wizard)
    assert check.isComplete(), cells(check.problems)
    wizard.accept()
    deals = window.book.keyed("Deals")
    assert deals["created"].tolist() == deals["closed"].tolist() == [pd.Timestamp(2024, 5, 1), pd.Timestamp(2024, 5, 2)]
    assert deals["owner"].tolist() == ["Kim", "Lee"] and deals["amount"].tolist() == [12_000, 8_000]
    saved = wizard.mapping.to_json()["columns"]["Deals"]
    assert saved["Fecha"] == ["created", "closed"]


def test_a_pivot_over_a_power_pivot_model_says_where_its_data_is(qtbot, window, tmp_path):
    import zipfile

    path = write_xlsx(tmp_path / "pivot.xlsx", {"Sheet1": [["Row Labels", "Revenue"], ["Opportunity #1", 10]]})
    with zipfile.ZipFile(path, "a") as archive:  # a Power Pivot model, as Excel stores one
        archive.writestr("xl/model/item.data", b"\x00" * 64)
    wizard = window.excel.start_import([path], into=False)
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert not page.isComplete()
    assert page.status.text().startswith("The data of pivot.xlsx lives only in its Power Pivot data model")
    assert "Export the table itself to a CSV or .xlsx file" in page.status.text()
    wizard.reject()


def test_a_new_books_currency_is_chosen_on_the_mapping_page(qtbot, window, tmp_path):
    plain = write_csv(tmp_path / "plain.csv", [KOREAN, *KOREAN_ROWS])
    wizard = window.excel.start_import([plain], into=False)
    page = to_mapping(qtbot, wizard)
    assert page.currency_box.isVisibleTo(page) and page.currency_box.currentText() == "USD"  # the files say nothing
    page.currency_box.setFocus()
    qtbot.keyClicks(page.currency_box, "JPY")
    assert page.currency_box.currentText() == "JPY"
    check = to_check(qtbot, wizard)
    assert check.isComplete(), cells(check.problems)
    wizard.accept()
    assert window.book.currency == "JPY" and window.book["Deals"]["amount"].tolist() == [1500, 2000]

    # files of another shape (the choice is remembered for this one's) whose amounts carry ₩
    won = write_csv(tmp_path / "won.csv", [KOREAN[:6], *[[*row[:4], f"₩{row[4]}", row[5]] for row in KOREAN_ROWS]])
    wizard = window.excel.start_import([won], into=False)
    assert to_mapping(qtbot, wizard).currency_box.currentText() == "KRW"  # as the files say
    wizard.reject()
    wizard = window.excel.start_import([plain], into=True)  # a merge reads amounts in the book's currency
    assert not to_mapping(qtbot, wizard).currency_box.isVisibleTo(wizard.mapping_page)
    wizard.reject()


def test_a_hidden_sheet_is_shown_skipped_and_imported_when_given_a_table(qtbot, window, tmp_path):
    from test_import_messy import hidden_workbook

    wizard = window.excel.start_import([hidden_workbook(tmp_path / "book.xlsx")], into=False)
    page = to_mapping(qtbot, wizard)
    page.source_box.setCurrentIndex(1)
    assert page.table_box.currentData() is None and "a sheet Excel hides" in page.info.text()
    page.choose_table("Deals")
    check = to_check(qtbot, wizard)
    assert check.isComplete(), cells(check.problems)
    wizard.accept()
    assert window.book["Deals"]["id"].tolist() == ["J-1", "J-9"]
