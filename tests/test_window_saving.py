"""The window and the book's file: unsaved changes that net out, Save As onto its own file,
"Edit anyway", and closing while work is due (issue 13, items 7 and 8)."""

import sqlite3
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QLineEdit, QMessageBox

from planner.qt.workers import JobRunner
from planner.storage import open_book, save_book
from planner.storage.recovery import Recovery
from planner.views import main_window
from planner.views.main_window import RECOMPUTE_AFTER_MS, MainWindow
from windows import WAIT, open_window


def type_amount(qtbot, window, text):
    """F2 on the first deal's amount, type ``text``, Enter: as a user edits a cell."""
    view = window.sheets["Deals"]
    window.tabs.setCurrentIndex(0)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, list(view.sheet.frame.columns).index("amount")))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = next(w for w in view.findChildren(QLineEdit) if w.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not (shiboken6.isValid(editor) and editor.isVisible()))


def stored(path):
    with sqlite3.connect(path) as db:
        return (dict(db.execute("SELECT key, value FROM planner_meta"))["revision"],
                dict(db.execute("SELECT row_id, _version FROM Deals")))


def test_an_edit_and_its_undo_leave_the_window_clean_and_a_save_writes_nothing(qtbot, tmp_path, book):
    window = open_window(qtbot, tmp_path, book)
    path = tmp_path / "book.planner"
    before = stored(path)
    type_amount(qtbot, window, "4321")
    assert window.isWindowModified() and window.book.pending
    window.edit_menu.undo.trigger()
    assert not window.isWindowModified() and not window.book.pending
    window.save()
    window.jobs.wait()
    assert stored(path) == before  # no row rewritten with a new version: nothing for a conflict
    window.edit_menu.redo.trigger()
    assert window.isWindowModified()


def test_save_as_onto_its_own_file_saves_it(qtbot, tmp_path, book, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    window = open_window(qtbot, tmp_path, book)
    type_amount(qtbot, window, "4321")
    window.save_to(tmp_path / "." / "book.planner")  # the same file, however it is written
    qtbot.waitUntil(lambda: not window.isWindowModified() and not window.jobs.busy, timeout=30_000)
    assert shown == [] and window.store.mode == "edit"
    assert open_book(tmp_path / "book.planner")["Deals"]["amount"].iloc[0] == 432_100


def window_on(qtbot, tmp_path, path, in_use):
    """A window that opened ``path``; ``in_use`` answers when another Planner holds it."""
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                        Recovery(tmp_path / "recovery"))
    window.ask_unsaved, window.ask_in_use = (lambda: "discard"), in_use
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignals([window.book_loaded, window.report_ready], timeout=WAIT):
        window.open_path(path)
    return window


def test_an_edit_anyway_window_that_closes_leaves_the_book_held_by_the_first(qtbot, tmp_path, book):
    path = tmp_path / "shared.planner"
    save_book(book, path)
    window_on(qtbot, tmp_path, path, None)
    anyway = window_on(qtbot, tmp_path, path, lambda error: "edit")
    anyway.close()
    asked = []
    third = window_on(qtbot, tmp_path, path, lambda error: asked.append(str(error)) or "read")
    assert asked and third.store.mode == "read"


def test_closing_around_the_recompute_after_an_edit_leaves_no_work_running(qtbot, tmp_path, book, monkeypatch):
    """The app quits when its window closes: work still running then (a recompute due 0.2 s after
    the edit, the charts of its result) emits from objects deleted on quit ("Signal source has
    been deleted"). Closing at every moment around the recompute starts nothing after the close."""
    started = []
    start = JobRunner.start
    monkeypatch.setattr(JobRunner, "start",
                        lambda runner, *args, **kwargs: started.append(runner) or start(runner, *args, **kwargs))
    for n, delay in enumerate(range(RECOMPUTE_AFTER_MS - 60, RECOMPUTE_AFTER_MS + 100, 10)):
        folder = tmp_path / str(n)
        folder.mkdir()
        window = open_window(qtbot, folder, book)
        type_amount(qtbot, window, str(1000 + n))
        closed = []
        QTimer.singleShot(delay, lambda: closed.append(window.close()))
        qtbot.waitUntil(lambda: bool(closed), timeout=10_000)
        assert closed == [True] and QThreadPool.globalInstance().activeThreadCount() == 0
        count, later = len(started), []
        QTimer.singleShot(RECOMPUTE_AFTER_MS * 2, lambda: later.append(True))  # past any recompute due
        qtbot.waitUntil(lambda: bool(later), timeout=10_000)
        assert len(started) == count, f"closed {delay} ms after an edit: work started after the close"


def test_ctrl_s_during_a_slow_recompute_saves_at_once(qtbot, tmp_path, book, monkeypatch):
    """Issue 15: saving is never refused, nor queued, because results are being computed. The
    recompute after an edit is held (and takes every thread of the shared pool) while Ctrl+S
    is pressed: the edit is on disk before the recompute ends."""
    window = open_window(qtbot, tmp_path, book)
    before = window.report
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    compute = main_window.compute_report

    def held(*args, **kwargs):
        started.set()
        release.wait(120)
        try:
            return compute(*args, **kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(main_window, "compute_report", held)
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    pool.setMaxThreadCount(1)  # the recompute holds the shared pool's only thread
    try:
        type_amount(qtbot, window, "4321")
        qtbot.waitUntil(started.is_set, timeout=10_000)  # the recompute due after the edit runs
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: open_book(tmp_path / "book.planner")["Deals"]["amount"].iloc[0] == 432_100,
                        timeout=20_000)
        assert not finished.is_set()
    finally:
        release.set()
        window.jobs.wait()
        pool.setMaxThreadCount(threads)
    qtbot.waitUntil(lambda: not window.isWindowModified() and not window.jobs.busy, timeout=30_000)
    assert window.report is not before and window.report is not None  # the results caught up


def test_quitting_while_a_save_runs_waits_for_it(qtbot, tmp_path, book, monkeypatch):
    """The save's outcome is taken before the window decides whether it has unsaved changes:
    no question is asked, and the file holds the edit once the window is closed."""
    window = open_window(qtbot, tmp_path, book)
    asked = []
    window.ask_unsaved = lambda: asked.append(True) or None
    type_amount(qtbot, window, "4321")
    window.save()
    assert window.close() and asked == []
    assert open_book(tmp_path / "book.planner")["Deals"]["amount"].iloc[0] == 432_100
