"""Spreadsheet editing through the real window: keys, editors, clipboard, undo, rows, recovery."""

import pandas as pd
import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from windows import open_window
from planner.storage import open_book
from planner.views.main_window import MainWindow

EXCEL_PAYLOAD = (  # as Excel puts three rows of (name, account, owner, stage, amount) on the clipboard
    '서울 신규 계약\t"주식회사 한빛\tB동"\t김민지\tProposal\t"1,234"\r\n'
    'Tokyo renewal\t"株式会社山田\n製作所"\tR2\tCommit\t2,500.50\r\n'
    '"He said ""hi"""\tAcme\tAlex Kim\tProspect\t999\r\n'
)


@pytest.fixture
def window(qtbot, tmp_path, book):
    window = open_window(qtbot, tmp_path, book)
    yield window
    window.jobs.wait()


def sheet(window, name="Deals"):
    view = window.sheets[name]
    window.tabs.setCurrentIndex(list(window.sheets).index(name) if name in ("Deals", "StageHistory", "Reps",
                                                                            "Quotas") else window.tabs.currentIndex())
    view.setFocus()
    return view


def column(view, name):
    return list(view.sheet.frame.columns).index(name)


def go(view, row, name):
    view.setCurrentIndex(view.model().index(row, column(view, name)))


def shown(view, row, name):
    return view.model().data(view.model().index(row, column(view, name)))


def open_editor(qtbot, view):
    """F2 on the current cell; the editor it opened (offscreen windows never get focus)."""
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combos = [w for w in view.findChildren(QComboBox) if w.isVisible()]
    if combos:
        return combos[0]
    return next(w for w in view.findChildren(QLineEdit) if w.isVisible())


def type_into(qtbot, view, row, name, text):
    """F2, select all, type, Enter: as a user edits a cell."""
    go(view, row, name)
    editor = open_editor(qtbot, view)
    line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    line.selectAll()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:  # Korean and Japanese arrive through an input method, as committed text
        line.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not _alive(editor))  # Qt commits (and drops the editor) on the next turn


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget) and widget.isVisible()


@pytest.mark.parametrize("name, typed, expected", [
    ("amount", "$1,234.5", "1,234.50"),  # money: separators and a currency sign
    ("amount", "2500", "2,500.00"),
    ("created", "2025.12.3", "2025-12-03"),  # dates as people write them
    ("created", "2025년 12월 4일", "2025-12-04"),
    ("name", "새 거래", "새 거래"),
    ("owner", "佐藤 健", "佐藤 健"),  # a reference: the name shown, the rep's row id stored
    ("deal_type", "upsell", "Upsell"),  # a code is typed as its code or its label; the label is shown
    ("deal_type", "Renewal", "Renewal"),
    ("forecast_category", "best case", "Best case"),
    ("id", "D-NEW", "D-NEW"),  # the frozen id column edits too
])
def test_typing_into_cells_of_each_editor_kind(qtbot, window, name, typed, expected):
    view = sheet(window)
    type_into(qtbot, view, 0, name, typed)
    assert shown(view, 0, name) == expected and window.refusals == []
    assert view.currentIndex().row() == 1  # Enter moved down, as in Excel
    assert window.undo_stack.count() == 1 and title_modified(window)


def title_modified(window) -> bool:
    return window.isWindowModified()


def test_a_percent_is_typed_as_35_or_0_35(qtbot, window):
    view = sheet(window, "Stages")
    window.tabs.setCurrentIndex(next(n for n in range(window.tabs.count())  # the tab holding it
                                     if window.tabs.widget(n).isAncestorOf(view)))
    type_into(qtbot, view, 0, "probability", "35%")
    assert shown(view, 0, "probability") == "35%"
    type_into(qtbot, view, 1, "probability", "0.45")
    assert shown(view, 1, "probability") == "45%"


def test_a_split_share_is_typed_as_a_fraction_and_shown_to_the_millionth(qtbot, window):
    """1/3 typed into a Splits share cell shows 33.3333%; three thirds (99.9999%) make D5 whole;
    4/3 is refused saying what to write."""
    view = sheet(window, "Splits")
    window.show_cell("Splits", int(window.book["Splits"].index[0]), "share")
    for row in (0, 1):
        type_into(qtbot, view, row, "share", "1/3")
    assert [shown(view, r, "share") for r in (0, 1)] == ["33.3333%", "33.3333%"]
    type_into(qtbot, view, 2, "deal_id", "D5")  # the blank row at the bottom: a new split
    type_into(qtbot, view, 2, "rep", "R2")
    type_into(qtbot, view, 2, "share", "1/3")
    assert shown(view, 2, "share") == "33.3333%"
    assert window.book["Splits"]["share"].tolist() == [333_333] * 3 and window.book.problems() == []
    type_into(qtbot, view, 1, "share", "4/3")
    assert shown(view, 1, "share") == "33.3333%" and window.undo_stack.count() == 5
    assert "4/3 is out of range (expected 0% to 100%)" in window.refusals[-1][1][0]


def test_a_value_that_does_not_fit_is_refused_and_the_cell_kept(qtbot, window):
    view = sheet(window)
    before = shown(view, 0, "amount")
    type_into(qtbot, view, 0, "amount", "abc")
    assert shown(view, 0, "amount") == before and window.undo_stack.count() == 0
    assert window.refusals and "'abc' is not an amount" in window.refusals[0][1][0]


def test_an_amount_with_a_decimal_comma_or_extra_decimals_is_refused_not_read_as_another(qtbot, window):
    view = sheet(window)
    before = shown(view, 0, "amount")
    for text, message in [("1.234,56", "'1.234,56' is not an amount: write 1234.56 (the decimal separator is a point)"),
                          ("1,2,3", "thousands separators group three digits"),
                          ("12.345", "'12.345' has more decimals than amounts in USD have (2)")]:
        type_into(qtbot, view, 0, "amount", text)
        assert shown(view, 0, "amount") == before and window.undo_stack.count() == 0
        assert message in window.refusals[-1][1][0]
    type_into(qtbot, view, 0, "amount", "1 234.50")
    assert shown(view, 0, "amount") == "1,234.50"


def test_a_stage_change_through_its_combo_box_adds_a_history_row(qtbot, window):
    view = sheet(window)
    history = len(window.book["StageHistory"])
    d10 = list(window.book["Deals"]["id"]).index("D10")
    go(view, d10, "stage")
    combo = open_editor(qtbot, view)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Prospect", "Proposal", "Commit", "Won", "Lost"]
    combo.setCurrentIndex(combo.findText("Proposal"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert shown(view, d10, "stage") == "Proposal"
    added = window.book.keyed("StageHistory").iloc[-1]
    assert len(window.book["StageHistory"]) == history + 1 and added["deal_id"] == "D10"
    window.undo_stack.undo()  # one step: the stage and its history row
    assert shown(view, d10, "stage") == "Prospect" and len(window.book["StageHistory"]) == history


def test_pasting_an_excel_block_grows_rows_and_undoes_as_one_step(qtbot, window):
    view = sheet(window)
    rows = view.model().shown_rows()
    go(view, rows - 2, "name")  # two rows fit, the third grows the table
    assert view.paste(EXCEL_PAYLOAD), window.refusals
    assert view.model().shown_rows() == rows + 1
    assert [shown(view, rows - 2 + n, "name") for n in range(3)] == ["서울 신규 계약", "Tokyo renewal", 'He said "hi"']
    assert shown(view, rows - 2, "account") == "주식회사 한빛\tB동"
    assert shown(view, rows - 1, "account") == "株式会社山田\n製作所"
    assert [shown(view, rows - 2 + n, "amount") for n in range(3)] == ["1,234.00", "2,500.50", "999.00"]
    assert [shown(view, rows - 2 + n, "owner") for n in range(3)] == ["김민지", "佐藤 健", "Alex Kim"]
    assert window.undo_stack.count() == 1
    window.edit_menu.undo.trigger()
    assert view.model().shown_rows() == rows and shown(view, rows - 2, "name") is not None
    assert shown(view, rows - 2, "name") != "서울 신규 계약"
    window.edit_menu.redo.trigger()
    assert view.model().shown_rows() == rows + 1 and shown(view, rows, "name") == 'He said "hi"'


def test_an_invalid_paste_is_refused_listing_every_bad_cell(qtbot, window):
    view = sheet(window)
    before = window.book["Deals"]
    go(view, 0, "amount")
    assert not view.paste("12\r\nabc\r\n-5\r\n")
    title, lines = window.refusals[-1]
    assert title == "Nothing was pasted"
    assert lines == ["Row 2, Amount: 'abc' is not an amount (expected a number such as 1,234.50)",
                     "Row 3, Amount: -5.00 is out of range (expected 0.00 to 10,000,000,000,000.00)"]
    pd.testing.assert_frame_equal(window.book["Deals"], before)
    assert window.undo_stack.count() == 0


def test_allowed_values_are_shown_as_labels_and_copied_and_pasted_as_codes(qtbot, window):
    view = sheet(window)
    type_into(qtbot, view, 0, "forecast_category", "Best case")
    assert window.book["Deals"]["forecast_category"].iloc[0] == "best_case" and window.refusals == []
    assert shown(view, 0, "forecast_category") == "Best case"
    go(view, 0, "forecast_category")
    view.selectionModel().select(view.currentIndex(), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.edit_menu.copy.trigger()
    assert QApplication.clipboard().mimeData().text().strip() == "best_case"  # as files hold it
    go(view, 1, "forecast_category")
    assert view.paste("Commit\r\nomitted\r\n"), window.refusals
    assert list(window.book["Deals"]["forecast_category"].iloc[1:3]) == ["commit", "omitted"]


def test_copy_a_block_as_tsv_and_html(qtbot, window):
    view = sheet(window)
    model = view.model()
    view.selectionModel().select(QItemSelection(model.index(0, 0), model.index(2, 2)),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.edit_menu.copy.trigger()
    data = QApplication.clipboard().mimeData()
    assert data.text().split("\r\n")[0] == "D1\t\t"
    assert data.text().count("\r\n") == 3 and "<table>" in data.html()


def test_rows_insert_duplicate_delete_and_fill_down(qtbot, window):
    view = sheet(window)
    rows = view.model().shown_rows()
    go(view, 1, "id")
    window.edit_menu.insert_above.trigger()
    assert view.model().shown_rows() == rows + 1 and shown(view, 1, "id") == ""
    window.edit_menu.delete_rows.trigger()
    assert view.model().shown_rows() == rows and shown(view, 1, "id") == "D2"
    assert view.currentIndex().row() == 1  # the cursor stays where the deleted row was
    window.edit_menu.duplicate.trigger()
    assert shown(view, 2, "id") == "D2" and view.model().shown_rows() == rows + 1
    model = view.model()
    view.selectionModel().select(QItemSelection(model.index(0, column(view, "product")),
                                                model.index(3, column(view, "product"))),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.book.set_value("Deals", window.book["Deals"].index[0], "product", "CRM Suite")
    window.edit_menu.fill_down.trigger()
    assert [shown(view, r, "product") for r in range(4)] == ["CRM Suite"] * 4
    assert window.undo_stack.count() == 4  # insert, delete, duplicate, fill down


def test_delete_clears_cells_and_a_required_cell_refuses(qtbot, window):
    view = sheet(window)
    go(view, 0, "product")
    window.book.set_value("Deals", window.book["Deals"].index[0], "product", "X")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert shown(view, 0, "product") == ""
    go(view, 0, "amount")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert shown(view, 0, "amount") != "" and "a value is required" in window.refusals[-1][1][0]


def test_find_and_filter(qtbot, window):
    view = sheet(window)
    go(view, 0, "id")
    assert view.find("d13")
    assert shown(view, view.currentIndex().row(), "id") == "D13"
    go(view, 0, "owner")
    view.filter_by_current()  # 김민지's deals only
    assert {shown(view, r, "owner") for r in range(view.model().shown_rows())} == {"김민지"}
    view.clear_filters()
    assert view.model().shown_rows() == 13


def test_references_show_names_and_ids_in_tooltips(qtbot, window):
    view = sheet(window)
    index = view.model().index(0, column(view, "owner"))
    assert view.model().data(index) == "김민지"
    assert view.model().data(index, Qt.ItemDataRole.ToolTipRole) == "R1"


def test_stage_column_sorts_in_pipeline_order(qtbot, window):
    view = sheet(window)
    view.sortByColumn(column(view, "stage"), Qt.SortOrder.AscendingOrder)
    stages = [shown(view, r, "stage") for r in range(view.model().shown_rows())]
    order = ["Prospect", "Proposal", "Commit", "Won", "Lost"]
    assert stages == sorted(stages, key=order.index)


def test_saving_writes_the_change_set_and_clears_the_modified_mark(qtbot, window, tmp_path):
    view = sheet(window)
    type_into(qtbot, view, 0, "amount", "4321")
    assert window.isWindowModified()
    window.save()
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=30_000)
    assert open_book(tmp_path / "book.planner")["Deals"]["amount"].iloc[0] == 432_100


def test_closing_with_unsaved_changes_asks(qtbot, window):
    view = sheet(window)
    type_into(qtbot, view, 0, "amount", "1")
    asked = []
    window.ask_unsaved = lambda: asked.append(True) or None  # Cancel
    window.close()
    assert asked and window.isVisible()
    window.ask_unsaved = lambda: "discard"
    window.close()
    assert not window.isVisible()


def test_results_follow_edits(qtbot, window):
    view = sheet(window)
    before = window.report.pipeline["open_value"]
    d10 = list(window.book["Deals"]["id"]).index("D10")
    with qtbot.waitSignal(window.report_ready, timeout=30_000):
        type_into(qtbot, view, d10, "amount", "20000")
    assert window.report.pipeline["open_value"] == before + 1_000_000


def test_result_tabs_mark_what_an_edit_changed(qtbot, window):
    view = sheet(window)
    d1 = list(window.book["Deals"]["id"]).index("D1")  # won by R1 in January
    with qtbot.waitSignal(window.report_ready, timeout=30_000):
        type_into(qtbot, view, d1, "amount", "8000")
    model = window.attainment_model
    r1 = list(model.frame["rep"]).index("R1")
    credited = model.index(r1, list(model.frame.columns).index("credited"))
    assert model.data(credited) == "16,600.00" and model.data(credited, Qt.ItemDataRole.FontRole).bold()
    assert model.data(credited, Qt.ItemDataRole.ToolTipRole) == "Before the last change: 15,600.00"
    untouched = model.index(list(model.frame["rep"]).index("R2"), list(model.frame.columns).index("credited"))
    assert model.data(untouched, Qt.ItemDataRole.FontRole) is None


def test_unsaved_edits_are_restored_after_a_crash(qtbot, window, tmp_path):
    view = sheet(window)
    type_into(qtbot, view, 0, "name", "복구할 이름")
    window.autosave()
    window.jobs.wait()
    # the process "crashes": its recovery copy stays, marked with a pid that no longer runs
    sidecar = window.recovery.sidecar_path(window.session.id)
    import json

    info = json.loads(sidecar.read_text())
    info["pid"] = 2**22 + 12345
    sidecar.write_text(json.dumps(info))
    later = MainWindow(QSettings(str(tmp_path / "settings2.ini"), QSettings.Format.IniFormat), window.recovery)
    qtbot.addWidget(later)
    later.ask_unsaved = lambda: "discard"
    assert later.offer_recovery(ask=lambda entry: "restore")
    assert later.book["Deals"]["name"].iloc[0] == "복구할 이름" and later.isWindowModified()
    assert later.recovery.pending() == []
    later.jobs.wait()


def test_editable_models_pass_qt_model_checks(qtmodeltester, window):
    for name in ("Deals", "Reps", "Quotas"):
        qtmodeltester.check(window.models[name])


def test_export_and_import_into_the_book_as_one_undo_step(qtbot, window, tmp_path):
    workbook = tmp_path / "book.xlsx"
    window.excel.start_export(workbook)
    qtbot.waitUntil(lambda: not window.jobs.busy and workbook.exists(), timeout=60_000)
    csv = tmp_path / "new deals.csv"
    csv.write_text("거래 ID,거래명,담당자,단계,금액,생성일\nD-100,새 거래,김민지,Proposal,\"1,500\",2026.3.5\n",
                   encoding="utf-8-sig")
    rows = len(window.book["Deals"])
    finish_import(qtbot, window.excel.start_import([csv], into=True))
    assert len(window.book["Deals"]) == rows + 1
    added = window.book.keyed("Deals").iloc[-1]
    assert (added["id"], added["owner"], added["amount"]) == ("D-100", "R1", 150_000)
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert len(window.book["Deals"]) == rows


def test_a_refused_import_changes_nothing_and_lists_the_cells(qtbot, window, tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("id,owner,stage,amount,created\nD-1,R1,Won,abc,2026-01-02\nD-2,R1,Won,5,2026-02-30\n")
    before = window.book.revision
    wizard = window.excel.start_import([csv], into=True)
    finish_import(qtbot, wizard)
    problems = wizard.check_page.problems
    listed = [[problems.item(r, c).text() for c in range(4)] for r in range(problems.rowCount())]
    assert ["bad.csv", "", "2", "amount"] in listed and len(listed) >= 2
    assert window.book.revision == before


def finish_import(qtbot, wizard):
    """Next through the import wizard (each page once its work is done), then Finish."""
    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=60_000)
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.check_page.reading, timeout=60_000)
    wizard.accept()
