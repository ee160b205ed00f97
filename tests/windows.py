"""A main window on a given book, for the tests that drive the app."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from planner.core.book import Book
from planner.storage import save_book
from planner.storage.recovery import Recovery
from planner.views.main_window import MainWindow

WAIT = 60_000  # ms for the first report (a loaded CI machine is slow)


def open_window(qtbot, tmp_path, book: Book, saved: bool = True) -> MainWindow:
    """A main window on ``book`` with its first report shown: opened from a file it was saved
    to, or shown unsaved (``saved=False``). Its settings and recovery copies live in
    ``tmp_path``; a refusal is recorded in ``window.refusals`` instead of shown; qtbot closes it."""
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                        Recovery(tmp_path / "recovery"))
    window.ask_unsaved = lambda: "discard"  # tests that care answer otherwise
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignals([window.book_loaded, window.report_ready], timeout=WAIT):
        if saved:
            path = tmp_path / "book.planner"
            save_book(book, path)
            window.open_path(path)
        else:
            window.show_book(book, None)
    window.refusals = []
    for sheet in window.sheets.values():
        sheet.show_refusal = lambda title, lines: window.refusals.append((title, lines))
    return window
