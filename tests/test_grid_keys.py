"""Excel habits on first touch, driven by real key events through the window: the row
shortcuts do what the menu says on US, Korean and Japanese keyboards."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from windows import open_window

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
    window.tabs.setCurrentIndex(next(n for n in range(window.tabs.count()) if window.tabs.widget(n).isAncestorOf(view)))
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


# -- 4. row shortcuts on every keyboard ---------------------------------------------------------------
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


