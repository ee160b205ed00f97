"""Starting the app (issue 18, a fast start): what the first grid waits for, and what it does not."""

import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import QSettings

from fixtures import row
from planner.storage import save_book
from planner.storage.recovery import Recovery
from planner.views.app import start_app


@pytest.fixture
def started(qtbot, tmp_path):
    """``start(path)``: the app started as ``planner open`` starts it, with its own settings and
    recovery folder, its window closed after the test."""
    windows = []

    def start(path):
        _app, window = start_app(path, settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                                 recovery=Recovery(tmp_path / "recovery"))
        window.ask_unsaved = lambda: "discard"
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.jobs.wait()


def run_python(script: str) -> str:
    """The last line ``script`` prints, run in a new Python (as the app starts: nothing imported)."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_app_imports_its_qt_free_modules_before_pyside6():
    """Modules imported after PySide6 go through its import hook, slower: pandas, SQLAlchemy,
    the engine and the storage come first, in the order ``python -m planner open BOOK`` imports."""
    assert run_python("""
import sys
import planner.cli
import planner.storage.store
import planner.views.app
order = list(sys.modules)
qt = order.index("PySide6")
print(sorted(name for name in order[qt:] if name.split(".")[0] in ("pandas", "numpy", "sqlalchemy")
             or name.startswith(("planner.storage", "planner.session", "planner.core.report"))))
""") == "[]"


@pytest.mark.parametrize("book", [True, False])
def test_planner_open_imports_the_store_before_the_app_only_for_a_book(book, tmp_path):
    """``planner open BOOK`` imports the store (SQLAlchemy, the book's layout) before Qt;
    ``planner open`` (the demo book) not at all."""
    path = tmp_path / "book.planner"
    path.touch()
    assert run_python(f"""
import sys, types
app = types.ModuleType("planner.views.app")  # the app itself stands aside: only what comes before it
app.run_app = lambda *args, **options: print("planner.storage.store" in sys.modules, "sqlalchemy" in sys.modules,
                                            "PySide6" in sys.modules) or 0
sys.modules["planner.views.app"] = app
from planner.__main__ import main
main(["open"] + {[str(path)] if book else []!r})
""") == f"{book} {book} False"


def test_the_demo_book_shows_its_results_without_sqlalchemy_or_the_tabs_not_shown(tmp_path):
    """No store is opened: SQLAlchemy (0.1 s to import) is not imported. Like the charts, the
    Pipeline and Forecast tabs (and their modules) wait until shown: the first grid and results
    do not wait for them."""
    assert run_python(f"""
import sys
import planner.cli
from planner.views.app import start_app
from PySide6.QtCore import QSettings
from planner.storage.recovery import Recovery
folder = {str(tmp_path)!r}
app, window = start_app(None, settings=QSettings(folder + "/settings.ini", QSettings.Format.IniFormat),
                        recovery=Recovery(folder + "/recovery"))
window.report_ready.connect(app.quit)
app.exec()
print(window.report is not None and window.book is not None, "sqlalchemy" in sys.modules,
      sorted(name for name in sys.modules if name.startswith("planner.views.")
             and name.endswith(("pipeline_panel", "forecast_panel", "backtest_panel"))))
window.ask_unsaved = lambda: "discard"
window.close()
""") == "True False []"


def test_a_tab_built_when_shown_shows_the_results_so_far(qtbot, started):
    """Shown after the results, the Pipeline and Forecast tabs show them (the deals needing
    attention too); a problem in a forecast sheet opens the Forecast tab on its row."""
    window = started(None)  # the demo book
    with qtbot.waitSignals([window.book_loaded, window.report_ready], timeout=60_000):
        pass
    labels = [window.tabs.tabText(n) for n in range(window.tabs.count())]
    window.tabs.setCurrentIndex(labels.index("Pipeline"))
    pipeline, report = window.tabs.currentWidget(), window.report
    assert pipeline is window.pipeline and pipeline.isVisible()
    assert pipeline.rep_model.rowCount() == report.by_rep.shape[0] > 0
    assert pipeline.attention.title.text() == f"<b>Needs attention ({pipeline.attention.model.rowCount()})</b>"
    # not shown yet: a row of its sheets (a problem clicked) opens the tab
    window.show_cell("ForecastSnapshots", int(window.book["ForecastSnapshots"].index[0]), "")
    forecast = window.tabs.currentWidget()
    assert window.tabs.currentIndex() == labels.index("Forecast") and forecast is window.forecast_panel
    assert report.period.label in forecast.figures.title()
    for name in ("ForecastSnapshots", "ForecastOverrides"):  # each on its own tab under the figures
        window.show_cell(name, int(window.book[name].index[0]), "")
        assert window.sheets[name].isVisible()


def test_a_new_book_is_laid_out_at_once_and_its_grid_painted_once(qtbot, started, monkeypatch):
    """The grid of a new book gets its scroll bars, row numbers and column widths before it is
    first painted: Qt's own deferred layout would paint all its cells a second time (0.05 s of
    the demo book's start, beside the results computing)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    from planner.views import main_window

    class Paints(QObject):
        count, settled = 0, []

        def restart(self):
            self.count, self.settled = 0, []

        def eventFilter(self, _watched, event):
            if event.type() == QEvent.Type.Paint:
                self.count += 1
                # once Qt's zero timers started before the paint have run, and what they posted
                QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: self.settled.append(self.count)))
            return False

    gate, real = threading.Event(), main_window.compute_report  # no results (nor their repaint) meanwhile
    monkeypatch.setattr(main_window, "compute_report", lambda book, period: gate.wait(60) and real(book, period))
    window = started(None)  # the demo book, read in the background as `planner open` does
    viewport, paints, laid_out = window.sheets["Deals"].viewport(), Paints(), []
    viewport.installEventFilter(paints)
    # the grid as show_session leaves it, and its paints from then on
    window.book_loaded.connect(lambda: laid_out.append(viewport.geometry()) or paints.restart())
    try:
        with qtbot.waitSignal(window.book_loaded, timeout=60_000):
            pass
        qtbot.waitUntil(lambda: bool(paints.settled))
        assert laid_out == [viewport.geometry()] and paints.count == 1
    finally:
        gate.set()


def test_tables_on_other_tabs_are_sized_to_their_contents_when_shown(qtbot, started, book, tmp_path):
    """The sheets and results of the other tabs are not measured while the first grid and the
    results wait; shown, a table's columns fit what it holds."""
    name = "Bartholomew Featherstonehaugh"
    book.set_value("Reps", row(book, "Reps", 0), "name", name)
    save_book(book, tmp_path / "wide.planner")
    window = started(tmp_path / "wide.planner")
    with qtbot.waitSignals([window.book_loaded, window.report_ready], timeout=60_000):
        pass
    reps = window.sheets["Reps"]
    column = [reps.model().column_name(c) for c in range(reps.model().columnCount())].index("name")
    wide = reps.fontMetrics().horizontalAdvance(name)
    assert window.tabs.currentWidget().isAncestorOf(window.sheets["Deals"])
    assert reps.columnWidth(column) < wide  # not measured yet: Qt's default width
    window.tabs.setCurrentIndex(next(n for n in range(window.tabs.count())
                                     if window.tabs.widget(n).isAncestorOf(reps)))
    assert reps.isVisible() and reps.columnWidth(column) >= wide
    # a table of results on another tab: sized to each new result when it is shown
    payouts = window.commissions.payouts_view
    assert name in set(payouts.model().frame["name"])
    column = list(payouts.model().frame.columns).index("name")
    assert not payouts.isVisible() and payouts.columnWidth(column) < wide
    window.tabs.setCurrentWidget(window.commissions)
    assert payouts.isVisible() and payouts.columnWidth(column) >= wide


def test_column_widths_the_user_set_are_kept_at_the_next_start(qtbot, started, book, tmp_path):
    """Sizing when shown never overrides the widths restored from the settings."""
    save_book(book, tmp_path / "book.planner")
    window = started(tmp_path / "book.planner")
    with qtbot.waitSignals([window.book_loaded, window.report_ready], timeout=60_000):
        pass
    for name in ("Deals", "Reps"):
        window.sheets[name].setColumnWidth(2, 251)
    window.close()
    window = started(tmp_path / "book.planner")
    with qtbot.waitSignals([window.book_loaded, window.report_ready], timeout=60_000):
        pass
    reps = window.sheets["Reps"]
    window.tabs.setCurrentIndex(next(n for n in range(window.tabs.count())
                                     if window.tabs.widget(n).isAncestorOf(reps)))
    assert reps.isVisible() and window.sheets["Deals"].columnWidth(2) == reps.columnWidth(2) == 251
