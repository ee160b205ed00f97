"""The main window: a tab per sheet of the book and per computed result.

The open book is a Qt-free :class:`~planner.session.Session`; the window shows it and wires
it: edits go to ``session.apply`` (the undo stack mirrors its history), the session's "results
are stale" notice becomes a recompute after ``RECOMPUTE_AFTER_MS`` of quiet, and the File menu
(views/book_files.py) runs its opening and saving.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMainWindow, QProgressBar, QTabWidget, QWidget

from planner.core import schema
from planner.core.book import Book
from planner.core.errors import PlannerError
from planner.core.money import money_label
from planner.core.periods import Period
from planner.core.problems import BookProblems
from planner.core.report import Report, compute_report
from planner.qt.book_model import BookTableModel
from planner.qt.commands import HistoryMirror
from planner.qt.i18n import error_text
from planner.qt.table_model import FrameTableModel
from planner.qt.workers import JobRunner
from planner.session import STALE_AFTER_MS, Session
from planner.storage.recovery import Recovery
from planner.views.book_files import BookFiles
from planner.views.close_period import ClosePeriodBar
from planner.views.commissions_panel import CommissionsPanel
from planner.views.deal_health import HealthBar
from planner.views.edit_menu import EditMenu
from planner.views.excel_menu import ExcelMenu
from planner.views.lazy_pages import LazyPages
from planner.views.leads_panel import LeadsPanel
from planner.views.history_pane import HistoryPane
from planner.views.plans_panel import PlansPanel
from planner.views.problems_panel import ProblemsDock
from planner.views.result_tabs import ResultTabs
from planner.views.sheet_view import FindBar, SheetView, sheet_pane
from planner.views.stage_checklist import ExitCriteriaCheck

if TYPE_CHECKING:
    from planner.storage import Store

RECOMPUTE_AFTER_MS = STALE_AFTER_MS  # results follow edits this long after the last one (debounced)
AUTOSAVE_EVERY_MS = 60_000  # a recovery copy of unsaved edits, at most this old after a crash
# Sheets shown as tabs, in order; the plan sheets share the Plans tab (views/plans_panel.py).
SHEET_TABS = ("Deals", "StageHistory", "Reps", "Teams", "Quotas", "Plans", "Splits", "Stages", "Settings")


class MainWindow(BookFiles, ResultTabs, QMainWindow):
    """One open book: its sheets, its results for the chosen period, and the File menu."""

    # Emitted after a book is shown (opened, generated) and after each recomputation.
    book_loaded = Signal()
    report_ready = Signal()

    def __init__(self, settings: QSettings | None = None, recovery: Recovery | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.session: Session | None = None  # the open book
        self.report: Report | None = None
        self.jobs = JobRunner(self)
        self._busy: dict[str, str] = {}  # what runs in the background -> its status message
        self._report_generation = 0
        self._edited = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._update_title)
        self.undo_mirror = HistoryMirror(self.undo_stack)
        self._recompute_timer = _single_shot(self, RECOMPUTE_AFTER_MS, self.recompute)
        self.recovery = recovery or Recovery(Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppDataLocation)) / "recovery")
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_EVERY_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        # how the window asks the user; tests answer without modal dialogs
        self.ask_unsaved = self._ask_unsaved

        self.models: dict[str, FrameTableModel] = {name: BookTableModel(schema.TABLES[name], parent=self)
                                                   for name in schema.SHEETS}
        self.sheets = {name: SheetView(model, self._push) for name, model in self.models.items()}
        self.find_bars = {name: FindBar() for name in self.models}
        self.exit_check = ExitCriteriaCheck(self.settings, self)  # a deal moved forward confirms its criteria
        self.models["Deals"].hold = self.exit_check.hold
        self.attainment_model = FrameTableModel(schema.ATTAINMENT, parent=self)
        self.team_model = FrameTableModel(schema.TEAM_ATTAINMENT, parent=self)
        self.commissions = CommissionsPanel()
        self.commissions_model = self.commissions.payouts
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._build_tabs()
        self.setCentralWidget(self.tabs)
        self.problems = ProblemsDock(self, self.show_cell)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.commissions.left_out.show_problems.connect(self.problems.reveal)

        self.period_box = QComboBox()
        self.period_box.setMinimumContentsLength(9)
        self.period_box.setToolTip(self.tr("Period of the results: month, quarter or year"))
        self.period_box.currentIndexChanged.connect(self.recompute)
        self._build_actions()
        self.edit_menu = EditMenu(self)
        self.close_bar.add_menu()
        self.edit_menu.view_menu.addAction(self.problems.toggleViewAction())
        for name, sheet in self.sheets.items():
            sheet.context_actions = self.edit_menu.sheet_actions
            sheet.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
            sheet.restore_layout(self.settings, name)
        self._build_status_bar()
        self.resize(1280, 800)
        self._restore_window()
        self._update_title()

    # -- layout --------------------------------------------------------------------------
    def _build_tabs(self) -> None:
        translate = QApplication.translate
        # tabs not on the first screen are built when first shown (the charts' matplotlib with them)
        self.pages = LazyPages(self.tabs)
        self._charted = None  # the snapshot and report shown so far (None: none computed yet)
        for name in SHEET_TABS:
            if name == "Plans":
                self.plans = PlansPanel(self.sheets, self.find_bars, lambda: self.book)
                self.book_loaded.connect(self.plans.book_changed)
                widget: QWidget = self.plans
            elif name == "Deals":
                self.health_bar = HealthBar(self.sheets[name])
                widget = sheet_pane(self.sheets[name], self.find_bars[name], self.health_bar)
            elif name == "StageHistory":
                widget = HistoryPane(self.sheets, self.find_bars)
            else:
                widget = sheet_pane(self.sheets[name], self.find_bars[name])
            self.tabs.addTab(widget, translate("schema", schema.TABLES[name].label))
        self.leads = LeadsPanel(self.sheets["Leads"], sheet_pane(self.sheets["Leads"], self.find_bars["Leads"]),
                                sheet_pane(self.sheets["LeadRules"], self.find_bars["LeadRules"]), self._push)
        self.leads.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.tabs.addTab(self.leads, translate("schema", schema.TABLES["Leads"].label))
        self.pages.add("pipeline", self.tr("Pipeline"), self._build_pipeline, self._refresh_pipeline)
        self.pages.add("dashboard", self.tr("Dashboard"), self._build_dashboard,
                       lambda panel: self._charted is not None and panel.show(*self._charted))
        self.pages.add("forecast", self.tr("Forecast"), self._build_forecast, lambda panel: panel.show_report(self.report))
        self.pages.add("attainment", self.tr("Attainment"), self._build_attainment, self._refresh_attainment)
        self.close_bar = ClosePeriodBar(self)
        self.commissions.add_above(self.close_bar)
        self.tabs.addTab(self.commissions, self.tr("Commissions"))
        self.pages.add("quota_planner", self.tr("Quota planner"), self._build_quota_planner)

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._build_file_menu(file_menu)
        self.excel = ExcelMenu(self, file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.open_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr("Period:") + " "))
        toolbar.addWidget(self.period_box)

    def _action(self, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        self.totals_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate: the work reports no steps yet
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.hide()
        self.statusBar().addWidget(self.totals_label, 1)
        self.statusBar().addPermanentWidget(self.problems.button)
        self.statusBar().addPermanentWidget(self.busy_bar)

    def _set_busy(self, message: str | None, what: str = "work") -> None:
        """Show ``message`` while ``what`` (``open``, ``save``, ``compute``, ...) runs; None when it
        ended. Only opening a book holds back New and Open: nothing waits for a computation."""
        ended = self._busy.pop(what, None)
        if message:
            self._busy[what] = message
            self.statusBar().showMessage(message)
        elif ended is not None and self.statusBar().currentMessage() == ended:
            remaining = list(self._busy.values())
            if remaining:
                self.statusBar().showMessage(remaining[-1])
            else:
                self.statusBar().clearMessage()
        self.busy_bar.setVisible(bool(self._busy))
        for action in (self.new_action, self.open_action, self.demo_action):
            action.setEnabled("open" not in self._busy)

    # -- the open book -------------------------------------------------------------------------
    @property
    def book(self) -> Book | None:
        return self.session.book if self.session is not None else None

    @property
    def path(self) -> Path | str | None:
        """A book file, or a postgresql:// address; None for the demo or a new book."""
        return self.session.place if self.session is not None else None

    @property
    def store(self) -> Store | None:
        return self.session.store if self.session is not None else None

    @property
    def read_only(self) -> bool:
        return self.session is not None and self.session.read_only

    def show_book(self, book: Book, path: Path | str | None = None, store: Store | None = None,
                  unsaved: bool = False) -> None:
        """Show ``book`` (read from ``store`` at ``path``; or with no place yet, ``unsaved`` when it
        counts as unsaved even with no edit: a new or imported book)."""
        self.show_session(Session(book, store, path, unplaced=unsaved, recovery=self.recovery))

    def show_session(self, session: Session) -> None:
        """Show the book of ``session``, closing the one shown (its store released).

        Everything switches to the new book together; a wrong setting (currency, as_of) shows
        in the Problems panel (its row left out of the results), never as half the window on the old book.
        """
        self._set_busy(None, "open")
        self.jobs.finish_io()  # a save of the book shown ends before its store is released
        if self.session is not None:
            self.session.close()
        self.session, self.report, self._edited = session, None, False
        session.on_stale = self._results_stale
        self.undo_mirror.follow(session)
        book = session.book
        for model in self.models.values():
            model.attach(book, self._push, read_only=self.read_only)
        for sheet in self.sheets.values():
            sheet.fit_new_book()
        self.edit_menu.set_editable(not self.read_only)
        if self.path is not None:
            self._remember(self.path)
        self._update_title()
        self._fill_periods()
        self.save_action.setEnabled(not self.read_only)
        self.book_loaded.emit()
        self.recompute()

    def _push(self, change, text: str):
        """Apply ``change`` to the book as one undo step (Refused: nothing changed)."""
        return self.session.apply(change, text)

    def _results_stale(self) -> None:
        self._edited = True  # the next results show what the edit changed
        self._recompute_timer.start()  # (again: the results follow the last of quick edits)

    def current_sheet(self) -> SheetView | None:
        focus = QApplication.focusWidget()
        for sheet in self.sheets.values():
            if focus is sheet or (focus is not None and sheet.isAncestorOf(focus)):
                return sheet
        page = self.tabs.currentWidget()
        for sheet in self.sheets.values():
            if page is not None and page.isAncestorOf(sheet):
                return sheet
        return None

    def show_deal(self, row_id: int) -> None:
        """Open the Deals tab on the deal with ``row_id``, selected."""
        self.show_cell("Deals", row_id, "")

    def show_cell(self, table: str, row_id: int, column: str) -> None:
        """Open the sheet of ``table`` on the row with ``row_id`` (at ``column``, if given)."""
        sheet = self.sheets.get(table)
        if sheet is None:  # the book's own records (closes, ledger) have no sheet
            return
        self.tabs.setCurrentWidget(self.sheet_tab(table))
        if sheet.show_row(row_id, column):
            sheet.setFocus()

    def show_find(self) -> None:
        sheet = self.current_sheet()
        if sheet is not None:
            name = next(name for name, view in self.sheets.items() if view is sheet)
            self.find_bars[name].open_for(sheet)

    # -- results -----------------------------------------------------------------------------
    def _fill_periods(self) -> None:
        """Offer the years, quarters and months from the book's first deal to the end of its as-of year."""
        as_of = self.book.as_of if not _raises(lambda: self.book.as_of) else date.today()
        first_created = self.book["Deals"]["created"].min()
        first = as_of if pd.isna(first_created) else first_created.date()
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for kind in ("year", "quarter", "month"):
            period = Period.containing(date(as_of.year, 12, 1), kind)
            while period.end > first:
                self.period_box.addItem(period.label, period)
                period = period.shifted(-1)
            self.period_box.insertSeparator(self.period_box.count())
        self.period_box.setCurrentIndex(self.period_box.findText(Period.containing(as_of, "quarter").label))
        self.period_box.blockSignals(False)

    def selected_period(self) -> Period | None:
        return self.period_box.currentData()

    def recompute(self) -> None:
        """Compute the report of the selected period in the background. The computation asked for
        before is stale: it stops at its next checkpoint (core/cancel.py), its result never shown."""
        if self.book is None:
            return
        self._report_generation += 1
        # the worker gets a frozen snapshot, taken here on the main thread, never the live book
        generation, book, period = self._report_generation, self.book.snapshot(), self.selected_period()
        self._set_busy(self.tr("Computing…"), "compute")

        def done(report: Report) -> None:
            if generation == self._report_generation:
                self._set_busy(None, "compute")
                self._flag_problems(book.problems())
                self.problems.show_report(book.problems(), report)
                self._refresh_leads()  # the report scored them on its snapshot: shown from its cache
                self._charted = (book, report)
                self.show_report(report)
                self.pages.refresh("dashboard")

        def failed(error: Exception) -> None:
            if generation == self._report_generation:
                self._set_busy(None, "compute")
                self._flag_problems(error.problems if isinstance(error, BookProblems) else [])
                self.problems.show_report(error.problems if isinstance(error, BookProblems) else [], None)
                self._refresh_leads()
                self._charted = (None, None)
                self.show_report(None, error_text(error))
                self.pages.refresh("dashboard")

        self.jobs.start(lambda: compute_report(book, period), done, failed, latest="report")

    def _refresh_leads(self) -> None:
        self.leads.refresh(self.book, editable=not self.read_only)

    def _flag_problems(self, problems) -> None:
        for model in self.models.values():
            model.set_problems(problems)
        self._update_title()

    def show_report(self, report: Report | None, problem: str | None = None) -> None:
        previous, self.report = self.report, report
        self.models["Deals"].set_health(report.deal_health if report is not None else None)
        self.pages.refresh("pipeline", "forecast", "attainment")
        warnings = [QApplication.translate("errors", template).format(**fields)
                    for template, fields in (report.warnings if report else [])]
        # after an edit (same period), the result tabs mark what it changed
        compare = self._edited and previous is not None and report is not None and previous.period == report.period
        self.commissions.show_report(report, warnings, compare)
        if report is None:
            for model, spec in ((self.attainment_model, schema.ATTAINMENT), (self.team_model, schema.TEAM_ATTAINMENT)):
                model.set_frame(spec.empty())
            self.totals_label.setText(problem or "")
            self.totals_label.setToolTip(problem or "")
        else:
            self._edited = False
            self.attainment_model.set_frame(report.attainment, report.currency, compare=compare)
            self.team_model.set_frame(report.team_attainment, report.currency, compare=compare)
            self.totals_label.setText(self._totals(report))
            self.totals_label.setToolTip("")
        self.report_ready.emit()

    def _totals(self, report: Report) -> str:
        p = report.pipeline

        def money(minor: int) -> str:
            return money_label(minor, report.currency)

        commissions = int(report.commissions["total"].sum()) if len(report.commissions) else 0
        return self.tr("%1 deals · %2 open worth %3 (weighted %4) · %5: won %6, commissions %7").replace(
            "%1", f"{len(self.book['Deals']):,}").replace("%2", f"{p['open_count']:,}").replace(
            "%3", money(p["open_value"])).replace("%4", money(p["weighted_value"])).replace(
            "%5", report.period.label).replace("%6", money(p["won_value"])).replace("%7", money(commissions))

    # -- closing -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.jobs.finish_io()  # quitting while a save runs waits for it: its file must be whole
        if self.modified:
            choice = self.ask_unsaved()
            if choice != "discard":
                event.ignore()
                if choice == "save":
                    self._close_after_save = True
                    self.save()
                return
        # nothing starts once the window closes (a recompute due 0.4 s after an edit, a chart):
        # work left running would report to objects deleted on quit
        self._recompute_timer.stop()
        self._autosave_timer.stop()
        for runner in self.findChildren(JobRunner):
            runner.close()
        if self.session is not None:
            self.session.close()  # the store released, the recovery copy removed
        self._save_window()
        super().closeEvent(event)

    def _save_window(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        for name, sheet in self.sheets.items():
            sheet.save_layout(self.settings, name)

    def _restore_window(self) -> None:
        geometry, state = self.settings.value("window/geometry"), self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        tab = self.settings.value("window/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))


def _single_shot(parent, msecs: int, slot) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msecs)
    timer.timeout.connect(slot)
    return timer


def _raises(action) -> bool:
    try:
        action()
    except PlannerError:
        return True
    return False
