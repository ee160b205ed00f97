"""The Commissions tab closes and reopens a period: what will be closed is shown and confirmed,
the close is one undo step, and closed periods are marked (offscreen, real clicks)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from fixtures import small_book
from planner.core.close import closed_periods
from test_close import dated
from test_main_window import make_window  # noqa: F401 - a fixture


def shown(qtbot, window, period: str):
    with qtbot.waitSignals([window.book_loaded, window.report_ready], timeout=60_000):
        window.show_book(dated(small_book()))
    if window.period_box.currentText() != period:
        with qtbot.waitSignal(window.report_ready, timeout=60_000):
            window.period_box.setCurrentIndex(window.period_box.findText(period))
    window.tabs.setCurrentIndex(next(n for n in range(window.tabs.count())
                                     if window.tabs.widget(n).isAncestorOf(window.close_bar)))


def test_closing_from_the_commissions_tab_shows_confirms_marks_and_undoes(qtbot, make_window, tmp_path):
    window = make_window()
    shown(qtbot, window, "2026-Q1")
    bar = window.close_bar
    assert bar.marks.text() == "No closed period in 2026-Q1"
    assert bar.close_button.isEnabled() and not bar.reopen_button.isEnabled()
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "Co&mmissions")
    assert [a.text() for a in menu.actions()] == ["&Close period…", "&Reopen period…"]

    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    dialog = bar.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Close 2026-Q1"
    assert "13 lines, 3,308.00 in all" in dialog.message.text()
    assert [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())] == [
        "1,200.00", "0.00", "2,000.00", "108.00"]
    assert dialog.grab().save(str(tmp_path / "close_dialog.png"))
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert list(closed_periods(window.book)) == ["2026-Q1"]
    assert bar.marks.text().startswith("Closed: 2026-Q1 (revision 1, ")
    model = window.commissions_model
    assert model.rowCount() and all(model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
                                    == "Closed with 2026-Q1: these figures are the ledger's"
                                    for r in range(model.rowCount()))
    assert not bar.close_button.isEnabled() and bar.reopen_button.isEnabled()
    assert window.undo_stack.undoText() == "Close 2026-Q1"
    assert window.grab().save(str(tmp_path / "commissions_closed.png"))
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        window.undo_stack.undo()
    assert closed_periods(window.book) == {} and bar.close_button.isEnabled()


def test_a_period_that_cannot_be_closed_says_why(qtbot, make_window):
    window = make_window()
    shown(qtbot, window, "2026-Q2")
    dialog = window.close_bar.start()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.message.text() == "2026-Q2 cannot be closed: it has not ended on 2026-04-15 (the book's date)"
    assert not hasattr(dialog, "confirm")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(window.book["Closes"]) == 0


def test_reopening_shows_the_lines_first(qtbot, make_window):
    window = make_window()
    shown(qtbot, window, "2026-Q1")
    dialog = window.close_bar.start()
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    dialog = window.close_bar.start(reopen=True)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Reopen 2026-Q1" and dialog.message.text().endswith("No line would change.")
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert closed_periods(window.book) == {}
    assert window.book["Closes"]["event"].tolist() == ["close", "reopen"]


@pytest.mark.parametrize("lang", ["ko"])
def test_the_close_dialog_and_marks_in_korean(qtbot, qapp, make_window, tmp_path, lang):
    from planner.qt.i18n import install_translators

    install_translators(qapp, lang)
    try:
        window = make_window()
        shown(qtbot, window, "2026-Q1")
        dialog = window.close_bar.start()
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.windowTitle() == "2026-Q1 마감"
        assert dialog.grab().save(str(tmp_path / f"close_dialog_{lang}.png"))
        with qtbot.waitSignal(window.report_ready, timeout=60_000):
            qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
        assert window.close_bar.marks.text().startswith("마감됨: 2026-Q1")
        assert window.grab().save(str(tmp_path / f"commissions_closed_{lang}.png"))
    finally:
        install_translators(qapp, "en")
