"""The desktop app, offscreen: it starts on the demo book, shows results, opens and saves."""

from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontDatabase, QImage
from PySide6.QtWidgets import QMessageBox

from fixtures import rebuilt, row
from planner.storage import Store, open_book, save_book
from planner.storage.recovery import Recovery
from planner.views.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, tmp_path):
    """Open main windows with their own settings file; each is closed after the test."""
    windows = []

    def make() -> MainWindow:
        window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                            Recovery(tmp_path / "recovery"))
        window.ask_unsaved = lambda: "discard"  # tests that care answer otherwise
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.jobs.wait()


def title(window) -> str:
    """The title as the window shows it ("*" after the name while there are unsaved changes)."""
    return window.windowTitle().replace("[*]", "*" if window.isWindowModified() else "")


def load(qtbot, window, action):
    with qtbot.waitSignals([window.book_loaded, window.report_ready], timeout=60_000):
        action()


def test_starts_on_the_demo_book_and_renders(qtbot, make_window, tmp_path):
    window = make_window()
    load(qtbot, window, window.load_demo)
    assert title(window) == "Demo book — Planner"
    assert window.models["Deals"].shown_rows() == 1500
    assert window.period_box.currentText() == window.book.current_period().label
    assert window.attainment_model.rowCount() >= 14 and window.commissions_model.rowCount() > 14
    # the Pipeline tab breaks the period down by stage, stage conversion, rep and team
    teams = window.book["Reps"]["team"].dropna().unique()
    assert window.pipeline.team_model.rowCount() == len(teams) == 3
    assert window.pipeline.rep_model.rowCount() == window.report.by_rep.shape[0] >= 14
    assert window.pipeline.funnel_model.rowCount() == len(window.report.funnel) > 0
    assert "1,500 deals" in window.totals_label.text()
    png = tmp_path / "main_window.png"
    assert window.grab().save(str(png))
    image = QImage(str(png))
    assert image.width() >= 1200 and image.height() >= 700
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20  # a real picture, not a blank window


def test_fonts_for_korean_and_japanese_are_available(qapp):
    """Without them the demo's names render as boxes (`.ci/run` installs fonts-noto-cjk)."""
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Korean)
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)


def test_changing_the_period_recomputes(qtbot, make_window):
    window = make_window()
    load(qtbot, window, window.load_demo)
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        window.period_box.setCurrentIndex(window.period_box.findText("2025"))
    assert window.report.period.label == "2025"
    assert set(window.attainment_model.frame["period"]) == {"2025"}


def test_open_save_and_recent_files(qtbot, make_window, tmp_path, book):
    path = tmp_path / "fixture.planner"
    save_book(book, path)
    window = make_window()
    load(qtbot, window, lambda: window.open_path(path))
    assert title(window) == "fixture.planner — Planner"
    assert window.report.to_json()["pipeline"]["weighted_value"] == "8716.67"
    copy = tmp_path / "copy.planner"
    window.save_to(copy)
    qtbot.waitUntil(lambda: window.path == copy, timeout=30_000)
    assert open_book(copy)["Deals"]["id"].tolist() == book["Deals"]["id"].tolist()
    assert window.recent_files()[:2] == [str(copy.resolve()), str(path.resolve())]


def test_a_bad_file_is_reported_and_the_shown_book_kept(qtbot, make_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    window = make_window()
    load(qtbot, window, window.load_demo)
    bad = tmp_path / "notes.planner"
    bad.write_text("not a book")
    window.open_path(bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert shown == [("Could not open the book", f"{bad} is not a Planner book")]
    assert window.models["Deals"].shown_rows() == 1500 and window.path is None


def test_problems_leave_their_rows_out_and_are_listed_to_click_through(qtbot, make_window, tmp_path, book):
    """Issue 14 item 2: one problem row never blanks the results."""
    book = rebuilt(book, lambda frames: frames["Deals"].__setitem__("stage", ["Signed"] + list(frames["Deals"]["stage"][1:])))
    path = tmp_path / "broken.planner"
    save_book(book, path)
    window = make_window()
    load(qtbot, window, lambda: window.open_path(path))
    # D1 (R1's won 7,000.00) is left out; everything else is computed
    assert window.report is not None and window.attainment_model.rowCount() == 3
    assert window.commissions_model.rowCount() > 0
    assert [note.isHidden() for note in window.left_out_notes] == [False, False]  # on their tabs
    assert "1 row(s) with problems are left out" in window.left_out_notes[0].text()
    # the Problems panel lists it; Enter on it opens the cell
    assert window.problems.isVisible() and window.problems.list.topLevelItemCount() == 1
    item = window.problems.list.topLevelItem(0)
    assert [item.text(n) for n in range(5)] == ["Deals", "1", "Stage", "'Signed' is not a stage of the Stages sheet",
                                               "this row"]
    window.problems.list.setCurrentItem(item)
    window.problems.list.setFocus()
    qtbot.keyClick(window.problems.list, Qt.Key.Key_Return)
    sheet = window.sheets["Deals"]
    assert window.tabs.currentWidget().isAncestorOf(sheet)
    current = sheet.currentIndex()
    assert (current.row(), window.models["Deals"].frame.columns[current.column()]) == (0, "stage")
    assert window.models["Deals"].shown_rows() == 13  # the sheets show every row, to be fixed
    # fixing it recomputes with nothing left out, and the panel goes
    window.book.set_typed("Deals", pd.DataFrame({"stage": ["Won"]}, index=window.book["Deals"].index[:1]))
    qtbot.waitUntil(lambda: window.problems.list.topLevelItemCount() == 0, timeout=30_000)
    qtbot.waitUntil(lambda: not window.problems.isVisible(), timeout=30_000)
    assert all(note.isHidden() for note in window.left_out_notes)


def test_recent_files_survive_a_restart(qtbot, make_window, tmp_path, book):
    path = tmp_path / "fixture.planner"
    save_book(book, path)
    first = make_window()
    load(qtbot, first, lambda: first.open_path(path))
    second = make_window()
    second.recent_menu.aboutToShow.emit()
    assert any(Path(str(path.resolve())).name in a.text() for a in second.recent_menu.actions())


def test_a_book_open_in_another_planner_opens_read_only_when_asked(qtbot, make_window, tmp_path, book):
    path = tmp_path / "shared.planner"
    save_book(book, path)
    other = Store.open(path, "edit")  # another Planner holds it
    try:
        window = make_window()
        asked = []
        window.ask_in_use = lambda error: asked.append(str(error)) or "read"
        load(qtbot, window, lambda: window.open_path(path))
        assert "is open in another Planner (" in asked[0] and ") since 20" in asked[0]
        assert title(window) == "shared.planner (read-only) — Planner"
        assert not window.save_action.isEnabled() and window.store.mode == "read"
    finally:
        other.close()


def test_save_writes_the_changes_and_a_second_window_sees_them(qtbot, make_window, tmp_path, book):
    path = tmp_path / "fixture.planner"
    save_book(book, path)
    window = make_window()
    load(qtbot, window, lambda: window.open_path(path))
    d1 = row(window.book, "Deals", 0)
    window.book.set_value("Deals", d1, "amount", 4_321)
    window.save()
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=30_000)
    assert not window.book.pending and open_book(path)["Deals"].loc[d1, "amount"] == 4_321


def test_a_bad_setting_leaves_the_window_on_the_new_book(qtbot, make_window, tmp_path, book):
    book.set_value("Settings", row(book, "Settings", 0), "value", "XYZ")  # currency
    path = tmp_path / "bad.planner"
    save_book(book, path)
    window = make_window()
    load(qtbot, window, window.load_demo)
    load(qtbot, window, lambda: window.open_path(path))
    assert title(window) == "bad.planner — Planner"
    assert window.models["Deals"].shown_rows() == 13
    # the setting is left out (the default currency is used) and every result says so
    assert window.report is not None and window.report.currency == "USD"
    problems = window.problems.list
    assert problems.topLevelItemCount() == 1 and "Unknown currency 'XYZ'" in problems.topLevelItem(0).text(3)
    assert not any(note.isHidden() for note in (*window.left_out_notes, window.pipeline.left_out_note))


def test_a_book_on_a_postgresql_server_opens_and_saves(qtbot, make_window, book, pg_url):
    save_book(book, pg_url)
    window = make_window()
    load(qtbot, window, lambda: window.open_path(pg_url))
    assert title(window).startswith("postgresql://postgres@127.0.0.1:") and window.store.mode == "edit"
    d1 = row(window.book, "Deals", 0)
    window.book.set_value("Deals", d1, "amount", 777)
    window.save()
    qtbot.waitUntil(lambda: not window.jobs.busy and not window.book.pending, timeout=30_000)
    assert open_book(pg_url)["Deals"].loc[d1, "amount"] == 777
    assert window.recent_files()[0] == pg_url  # as typed: reopening it from the list works
    # a password is never kept, nor its mask (reopening would have sent "***" as the password)
    window._remember(pg_url.replace("://postgres@", "://postgres:s3cret@"))
    assert window.recent_files()[0] == pg_url


def test_the_app_starts_without_the_charts_and_the_import_wizard(tmp_path):
    """matplotlib and the import wizard are loaded when first needed, not while the app starts
    and shows its first results (issue 18: a fast start)."""
    import subprocess
    import sys

    script = f"""
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from planner.storage.recovery import Recovery
from planner.views.main_window import MainWindow
app = QApplication([])
folder = {str(tmp_path)!r}
window = MainWindow(QSettings(folder + "/settings.ini", QSettings.Format.IniFormat), Recovery(folder + "/rec"))
window.report_ready.connect(app.quit)
window.show()
window.load_demo()
app.exec()
assert window.report is not None
print(sorted(name for name in ("matplotlib", "planner.views.import_wizard", "planner.views.dashboard",
                               "planner.views.attainment_panel") if name in sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_chart_tab_shown_after_the_results_shows_them(qtbot, make_window):
    """A tab built when first shown gets the results computed before it existed."""
    window = make_window()
    load(qtbot, window, window.load_demo)
    labels = [window.tabs.tabText(n) for n in range(window.tabs.count())]
    placeholder = window.tabs.widget(labels.index("Attainment"))
    window.tabs.setCurrentIndex(labels.index("Attainment"))  # as a click on the tab does
    panel = window.tabs.currentWidget()
    assert panel is not placeholder and panel is window.attainment_panel
    assert [window.tabs.tabText(n) for n in range(window.tabs.count())] == labels
    assert window.report.period.label in panel.status.text()
    qtbot.waitUntil(lambda: not panel.by_rep_chart.image.isNull(), timeout=20_000)
    dashboard = window.dashboard  # built on demand (as tools/screenshot.py asks), charted once shown
    with qtbot.waitSignal(dashboard.charted, timeout=30_000):
        window.tabs.setCurrentIndex(labels.index("Dashboard"))
    assert window.tabs.currentWidget() is dashboard and dashboard.data is not None
