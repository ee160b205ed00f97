"""Excel habits on first touch, driven by real key and input-method events through the window:
typing over a cell replaces it (lists complete names and ids), blank rows never break an
editor, the row shortcuts do what the menu says on US, Korean and Japanese keyboards, the last
empty row takes typing, and File → Open of a spreadsheet opens the import wizard."""

import pandas as pd
import pytest
import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from windows import WAIT, open_window
from planner.core.demo import new_book
from planner.storage import open_book
from planner.views.import_wizard import ImportWizard

CTRL, SHIFT, KEYPAD = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                       Qt.KeyboardModifier.KeypadModifier)


@pytest.fixture
def window(qtbot, tmp_path, book):
    window = open_window(qtbot, tmp_path, book)
    window.activateWindow()  # keys go where a user's would: to the focused widget, or an open list
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    window.jobs.wait()


def sheet(window, name="Deals"):
    view = window.sheets[name]
    window.tabs.setCurrentWidget(window.sheet_tab(name))
    view.setFocus()
    return view


def go(view, row, name):
    view.setCurrentIndex(view.model().index(row, list(view.sheet.frame.columns).index(name)))


def shown(view, row, name):
    return view.model().data(view.model().index(row, list(view.sheet.frame.columns).index(name)))


def row_of(window, deal_id):
    return list(window.book["Deals"]["id"]).index(deal_id)


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier):
    """A key as the keyboard sends it: to the window, which hands it to the focused widget (or
    to an open completion list), shortcuts first; then the modifier keys are let go."""
    qtbot.keyClick(window.windowHandle(), key, modifiers)
    for modifier, modifier_key in ((CTRL, Qt.Key.Key_Control), (SHIFT, Qt.Key.Key_Shift)):
        if modifiers & modifier:  # else Qt still holds them down, and the next click extends a selection
            qtbot.keyRelease(window.windowHandle(), modifier_key)


def types(qtbot, window, text):
    for char in text:
        press(qtbot, window, char)


def compose(syllables):
    """Korean or Japanese through an input method: each piece composed (pre-edit), then committed,
    sent where the platform sends them (the focus object)."""
    for preedits, commit in syllables:
        for preedit in preedits:
            QApplication.sendEvent(QApplication.focusObject(), QInputMethodEvent(preedit, []))
        event = QInputMethodEvent("", [])
        event.setCommitString(commit)
        QApplication.sendEvent(QApplication.focusObject(), event)


def editing(view) -> bool:
    """Whether a cell of ``view`` is being edited (the id column's in its frozen view)."""
    return view.State.EditingState in (view.state(), view.frozen.state())


def enter(qtbot, window, view):
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editing(view))  # Qt commits on the next turn


# -- 1. typing over a cell replaces it ------------------------------------------------------------
@pytest.mark.parametrize("name, typed, expected", [
    ("stage", "Proposal", "Proposal"),  # was 'ProspectProposal' is not a stage
    ("stage", "prop", "Proposal"),  # the list completes: the first name containing it, any case
    ("owner", "Alex Kim", "Alex Kim"),  # was '김민지Alex Kim'
    ("owner", "r3", "Alex Kim"),  # a rep's id, in any case
    ("owner", "kim", "Alex Kim"),  # 김민지 is no match for kim: Alex Kim is
    ("deal_type", "ups", "Upsell"),  # a fixed choice, by its label
    ("forecast_category", "best", "Best case"),
    ("amount", "12", "12.00"),  # money, dates and text replaced too
    ("created", "2026.1.5", "2026-01-05"),
    ("name", "Renewal", "Renewal"),
    ("id", "D-10", "D-10"),  # the frozen id column
])
def test_typing_over_a_selected_cell_replaces_it(qtbot, window, name, typed, expected):
    view = sheet(window)
    d10 = row_of(window, "D10")  # Prospect, 김민지, pipeline
    for column, value in (("deal_type", "new"), ("name", "Old name")):
        window.book.set_value("Deals", window.book["Deals"].index[d10], column, value)
    go(view, d10, name)
    types(qtbot, window, typed)
    enter(qtbot, window, view)
    assert window.refusals == [] and shown(view, d10, name) == expected
    assert view.currentIndex().row() == d10 + 1  # Enter moved down, as in Excel
    assert window.undo_stack.count() == 1


def test_a_ratio_typed_over_replaces_it(qtbot, window):
    view = sheet(window, "Stages")
    go(view, 0, "probability")  # 10%
    types(qtbot, window, "35%")
    enter(qtbot, window, view)
    assert shown(view, 0, "probability") == "35%" and window.refusals == []


@pytest.mark.parametrize("deal, name, syllables, expected", [
    ("D11", "owner", [(["ㄱ", "기", "김"], "김"), (["ㅁ", "미", "민"], "민")], "김민지"),  # was '佐藤 健김민'
    ("D14", "owner", [(["さ", "さと", "さとう"], "佐藤")], "佐藤 健"),  # completes from the first characters
    ("D14", "name", [(["ㅅ", "서", "설"], "서"), (["우", "울"], "울")], "서울"),
    ("D14", "name", [(["とう", "とうきょう"], "東京")], "東京"),
])
def test_an_input_method_composition_replaces_the_cell(qtbot, window, deal, name, syllables, expected):
    view = sheet(window)
    row = row_of(window, deal)
    window.book.set_value("Deals", window.book["Deals"].index[row], "name", "Old name")
    go(view, row, name)
    before = shown(view, row, name)
    compose(syllables)
    assert editing(view)
    if name == "owner":  # the list shows what completes the name, from the first composition on
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        assert QApplication.activePopupWidget().currentIndex().data() == expected
    enter(qtbot, window, view)
    assert window.refusals == [] and shown(view, row, name) == expected != before


def test_f2_edits_the_cell_in_place(qtbot, window):
    view = sheet(window)
    window.book.set_value("Deals", window.book["Deals"].index[0], "name", "Renewal")
    go(view, 0, "name")
    press(qtbot, window, Qt.Key.Key_F2)
    types(qtbot, window, " 2")
    enter(qtbot, window, view)
    assert shown(view, 0, "name") == "Renewal 2"


def test_enter_on_a_highlighted_completion_takes_it(qtbot, window):
    view = sheet(window)
    d10 = row_of(window, "D10")
    go(view, d10, "stage")
    types(qtbot, window, "o")  # Prospect, Proposal, Commit, Won, Lost all contain o
    popup = QApplication.activePopupWidget()
    assert popup is not None and popup.model().rowCount() == 5
    assert popup.currentIndex().row() == 0  # the list marks what Enter would take: Prospect
    press(qtbot, window, Qt.Key.Key_Down)  # the next one: Proposal
    enter(qtbot, window, view)
    assert shown(view, d10, "stage") == "Proposal" and window.undo_stack.count() == 1


def test_a_name_that_matches_nothing_is_refused_as_typed(qtbot, window):
    view = sheet(window)
    go(view, 0, "owner")
    types(qtbot, window, "Nobody")
    enter(qtbot, window, view)
    assert "'Nobody' is not a rep" in window.refusals[-1][1][0] and shown(view, 0, "owner") == "김민지"


# -- 3. blank and half-filled rows are problems, never crashes ----------------------------------------
def test_a_blank_plan_row_leaves_the_plan_list_working(qtbot, window):
    plans = sheet(window, "Plans")
    go(plans, 0, "plan")
    press(qtbot, window, Qt.Key.Key_Equal, CTRL)  # Insert rows below, left blank
    assert len(window.book["Plans"]) == 3
    tiers = sheet(window, "PlanTiers")  # the Plans tab shows the blank plan's tiers: none yet
    assert window.plans.plan == int(window.book["Plans"].index[1]) and tiers.model().rowCount() == 1
    go(tiers, 0, "rate")
    types(qtbot, window, "5%")  # a tier of the blank plan
    enter(qtbot, window, tiers)
    assert shown(tiers, 0, "rate") == "5%" and window.refusals == []
    assert window.book["PlanTiers"]["plan"].iloc[-1] == window.book["Plans"].index[1]
    with qtbot.waitSignal(window.report_ready, timeout=WAIT):
        pass
    blank = plans.model().index(1, 0)  # flagged: a plan needs a name
    assert plans.model().data(blank, Qt.ItemDataRole.DecorationRole) is not None
    assert "a value is required" in plans.model().data(blank, Qt.ItemDataRole.ToolTipRole)


def test_every_editor_opens_on_blank_and_half_filled_rows_of_every_sheet(qtbot, window):
    """A blank row in each sheet, a half-filled one referring to it; then an editor opened by typing
    on every cell of both, and every tab drawn: an exception anywhere fails the test."""
    for name, view in window.sheets.items():
        view = sheet(window, name)
        go(view, 0, view.sheet.column_name(0))
        window.edit_menu.insert_below.trigger()
    with qtbot.waitSignal(window.report_ready, timeout=WAIT):
        pass
    for name, view in window.sheets.items():
        view = sheet(window, name)
        rows = view.model().rowCount()
        for row in sorted({0, 1, rows - 1} & set(range(rows))):  # (a sheet empty before has one row)
            for column in range(view.model().columnCount()):
                if view.isColumnHidden(column):  # a plan's tiers and bonuses: their plan, on the left
                    continue
                view.setCurrentIndex(view.model().index(row, column))
                press(qtbot, window, "x")
                assert editing(view), (name, row, column)
                listed = QApplication.activePopupWidget() is not None  # completions shown: Esc closes them first
                press(qtbot, window, Qt.Key.Key_Escape)
                if listed:
                    press(qtbot, window, Qt.Key.Key_Escape)
                qtbot.waitUntil(lambda v=view: not editing(v))
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        assert not window.grab().isNull()
    assert window.refusals == []


# -- 4. row shortcuts on every keyboard; the last empty row ---------------------------------------------
# What Qt delivers for each key press (key, modifiers), per layout, and what it must do.
LAYOUT_KEYS = [
    ("US/Korean Ctrl+Shift+= (Ctrl++)", Qt.Key.Key_Plus, CTRL | SHIFT, "above"),
    ("US/Korean Ctrl+=", Qt.Key.Key_Equal, CTRL, "below"),
    ("US/Korean Ctrl+-", Qt.Key.Key_Minus, CTRL, "delete"),
    ("US/Korean Ctrl+Shift+- (Ctrl+_)", Qt.Key.Key_Underscore, CTRL | SHIFT, None),
    ("keypad Ctrl++", Qt.Key.Key_Plus, CTRL | KEYPAD, "above"),
    ("keypad Ctrl+-", Qt.Key.Key_Minus, CTRL | KEYPAD, "delete"),
    ("Japanese Ctrl+Shift+; (Ctrl++)", Qt.Key.Key_Plus, CTRL | SHIFT, "above"),
    ("Japanese Ctrl+Shift+- (Ctrl+=)", Qt.Key.Key_Equal, CTRL | SHIFT, "below"),
    ("Japanese Ctrl+-", Qt.Key.Key_Minus, CTRL, "delete"),
    ("Japanese Ctrl+; (Excel: today's date)", Qt.Key.Key_Semicolon, CTRL, None),
]


@pytest.mark.parametrize("keys, key, modifiers, does", LAYOUT_KEYS, ids=[k[0] for k in LAYOUT_KEYS])
def test_row_shortcuts_do_what_the_menu_says_on_each_layout(qtbot, window, keys, key, modifiers, does):
    view = sheet(window)
    go(view, 1, "id")  # D2
    press(qtbot, window, key, modifiers)
    ids = [shown(view, row, "id") for row in range(len(window.book["Deals"]))]
    expected = {"above": ["D1", "", "D2"], "below": ["D1", "D2", ""], "delete": ["D1", "D3"], None: ["D1", "D2", "D3"]}
    assert ids[:len(expected[does])] == expected[does]
    assert window.undo_stack.count() == (0 if does is None else 1)


def test_the_menu_shows_the_keys_that_work(window):
    menu = window.edit_menu  # a menu shows an action's first shortcut
    assert [action.shortcut().toString() for action in (menu.insert_above, menu.insert_below, menu.delete_rows)] == [
        "Ctrl++", "Ctrl+=", "Ctrl+-"]


@pytest.fixture
def new_window(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, new_book(), saved=False)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    window.jobs.wait()


def test_a_new_book_takes_typing_in_its_last_empty_row(qtbot, new_window, tmp_path):
    window = new_window
    view = sheet(window, "Reps")
    assert view.sheet.shown_rows() == 0 and view.model().rowCount() == 1  # the last empty row
    assert view.model().headerData(0, Qt.Orientation.Vertical) == "1"
    go(view, 0, "id")
    types(qtbot, window, "R1")
    press(qtbot, window, Qt.Key.Key_Tab)  # Tab: on along the new row, as in Excel
    qtbot.waitUntil(lambda: not editing(view))
    assert len(window.book["Reps"]) == 1 and window.undo_stack.count() == 1 and window.refusals == []
    assert (view.currentIndex().row(), view.sheet.column_name(view.currentIndex().column())) == (0, "name")
    compose([(["ㄱ", "기", "김"], "김"), (["ㅅ", "서"], "서"), (["여", "연"], "연")])
    enter(qtbot, window, view)
    assert window.book.keyed("Reps")[["id", "name"]].values.tolist() == [["R1", "김서연"]]
    assert view.currentIndex().row() == 1 and view.sheet.is_blank(1)  # Enter: down to the new last empty row
    deals = sheet(window, "Deals")
    go(deals, 0, "owner")
    compose([(["ㄱ", "기", "김"], "김")])
    enter(qtbot, window, deals)
    assert window.book.keyed("Deals")["owner"].tolist() == ["R1"]
    window.undo_stack.undo()  # one step: the row and its value
    assert len(window.book["Deals"]) == 0 and deals.model().rowCount() == 1
    window.undo_stack.redo()
    with qtbot.waitSignal(window.report_ready, timeout=WAIT):
        pass
    # the new deal lacks stage, amount, created: flagged; the last empty row never is
    model = deals.model()
    assert any(model.data(model.index(0, c), Qt.ItemDataRole.DecorationRole) is not None
               for c in range(model.columnCount()))
    assert all(model.data(model.index(1, c), role) is None for c in range(model.columnCount())
               for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole))
    # never saved, never counted
    deals.report_filter()
    assert window.statusBar().currentMessage() == "All 1 rows shown"
    window.save_to(tmp_path / "typed.planner")
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=WAIT)
    saved = open_book(tmp_path / "typed.planner")
    assert (len(saved["Reps"]), len(saved["Deals"])) == (1, 1)


def test_the_last_empty_row_stays_last_and_takes_a_paste(qtbot, window):
    view = sheet(window)
    records = view.sheet.shown_rows()
    assert view.model().rowCount() == records + 1 and view.sheet.is_blank(records)
    view.sortByColumn(list(view.sheet.frame.columns).index("amount"), Qt.SortOrder.DescendingOrder)
    assert view.sheet.is_blank(view.model().rowCount() - 1) and shown(view, records, "amount") is None
    go(view, records, "name")
    view.selectionModel().select(view.currentIndex(), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert view.paste("Pasted one\tAcme\r\nPasted two\tAcme\r\n"), window.refusals
    assert view.sheet.shown_rows() == records + 2 and window.undo_stack.count() == 1
    # copy, clear, delete and fill down never take the last empty row for a row
    go(view, view.model().rowCount() - 1, "name")
    view.selectionModel().select(view.currentIndex(), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.edit_menu.delete_rows.trigger()
    window.edit_menu.clear.trigger()
    assert view.sheet.shown_rows() == records + 2 and window.undo_stack.count() == 1


def test_a_read_only_book_has_no_last_empty_row(qtbot, tmp_path, book):
    window = open_window(qtbot, tmp_path, book)
    path = window.path
    with qtbot.waitSignals([window.book_loaded, window.report_ready], timeout=WAIT):
        window.open_path(path, read_only=True)
    assert window.read_only and window.models["Deals"].rowCount() == len(window.book["Deals"])
    window.jobs.wait()


# -- 5. File → Open of a spreadsheet -----------------------------------------------------------------
@pytest.mark.parametrize("name", ["deals.csv", "Deals.XLSX"])
def test_opening_a_spreadsheet_opens_the_import_wizard_on_it(qtbot, window, tmp_path, name):
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("id,owner,stage,amount,created\nD-1,R1,Won,5,2026-01-02\n", encoding="utf-8")
    else:
        pd.DataFrame({"id": ["D-1"], "owner": ["R1"], "stage": ["Won"], "amount": [5], "created": ["2026-01-02"]}
                     ).to_excel(path, index=False)
    before = window.book
    window.open_path(path)
    wizards = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    assert len(wizards) == 1 and wizards[0].paths == [path] and not wizards[0].into
    assert window.book is before  # nothing replaced until the wizard finishes
    wizards[0].reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(wizards[0]) or not wizards[0].isVisible())

