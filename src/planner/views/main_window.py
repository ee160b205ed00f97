"""The main window: a tab per sheet of the book and per computed result."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QComboBox, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar, QSplitter,
    QTabWidget, QWidget,
)

from planner.core import schema
from planner.core.book import Book
from planner.core.errors import PlannerError
from planner.core.demo import demo_book
from planner.core.money import format_money
from planner.core.periods import Period
from planner.core.report import Report, compute_report
from planner.qt.i18n import error_text
from planner.qt.table_model import FrameTableModel
from planner.qt.workers import JobRunner
from planner.storage import BOOK_SUFFIX, BookInUse, Store, write_book
from planner.views.pipeline_panel import PipelinePanel
from planner.views.table_view import BookTableView, titled

MAX_RECENT = 8
# Sheets shown as tabs, in order; the plan sheets share the Plans tab.
SHEET_TABS = ("Deals", "StageHistory", "Reps", "Quotas", "Plans", "Splits", "Stages", "Settings")
PLAN_SHEETS = ("Plans", "PlanTiers", "PlanBonuses")


class MainWindow(QMainWindow):
    """One open book: its sheets, its results for the chosen period, and the File menu."""

    # Emitted after a book is shown (opened, generated) and after each recomputation.
    book_loaded = Signal()
    report_ready = Signal()

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.book: Book | None = None
        self.path: Path | None = None
        self.store: Store | None = None  # where the book is saved; None for the demo or a new book
        self.report: Report | None = None
        self.jobs = JobRunner(self)
        self._report_generation = 0

        self.models = {name: FrameTableModel(spec, parent=self) for name, spec in schema.TABLES.items()}
        self.attainment_model = FrameTableModel(schema.ATTAINMENT, parent=self)
        self.team_model = FrameTableModel(schema.TEAM_ATTAINMENT, parent=self)
        self.commissions_model = FrameTableModel(schema.COMMISSIONS, parent=self)
        self.lines_model = FrameTableModel(schema.COMMISSION_LINES, parent=self)
        self.pipeline = PipelinePanel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._build_tabs()
        self.setCentralWidget(self.tabs)

        self.period_box = QComboBox()
        self.period_box.setMinimumContentsLength(9)
        self.period_box.setToolTip(self.tr("Period of the results: month, quarter or year"))
        self.period_box.currentIndexChanged.connect(self.recompute)
        self._build_actions()
        self._build_status_bar()
        self.resize(1280, 800)
        self._update_title()

    # -- layout --------------------------------------------------------------------------
    def _build_tabs(self) -> None:
        translate = QApplication.translate
        for name in SHEET_TABS:
            if name == "Plans":
                splitter = QSplitter(Qt.Orientation.Vertical)
                for plan_sheet in PLAN_SHEETS:
                    label = translate("schema", schema.TABLES[plan_sheet].label)
                    splitter.addWidget(titled(label, BookTableView(self.models[plan_sheet])))
                widget: QWidget = splitter
            else:
                widget = BookTableView(self.models[name])
            self.tabs.addTab(widget, translate("schema", schema.TABLES[name].label))
        self.tabs.addTab(self.pipeline, self.tr("Pipeline"))
        attainment = QSplitter(Qt.Orientation.Vertical)
        attainment.addWidget(titled(self.tr("Reps"), BookTableView(self.attainment_model)))
        attainment.addWidget(titled(self.tr("Teams"), BookTableView(self.team_model)))
        attainment.setSizes([500, 200])
        self.tabs.addTab(attainment, self.tr("Attainment"))
        commissions = QSplitter(Qt.Orientation.Vertical)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #a15c00")
        self.warnings_label.hide()
        commissions.addWidget(self.warnings_label)
        commissions.addWidget(titled(self.tr("Commission per rep and plan period"),
                                     BookTableView(self.commissions_model)))
        commissions.addWidget(titled(self.tr("Lines (tiers, caps, bonuses)"), BookTableView(self.lines_model)))
        self.tabs.addTab(commissions, self.tr("Commissions"))

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = self._action(self.tr("&Open…"), QKeySequence.StandardKey.Open, self.choose_and_open)
        self.demo_action = self._action(self.tr("Open the &demo book"), None, self.load_demo)
        self.save_action = self._action(self.tr("&Save"), QKeySequence.StandardKey.Save, self.save)
        self.save_as_action = self._action(self.tr("Save &As…"), QKeySequence.StandardKey.SaveAs, self.save_as)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
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
        self.statusBar().addPermanentWidget(self.busy_bar)

    def _set_busy(self, message: str | None) -> None:
        self.busy_bar.setVisible(message is not None)
        if message:
            self.statusBar().showMessage(message)
        else:
            self.statusBar().clearMessage()
        for action in (self.open_action, self.demo_action, self.save_action, self.save_as_action):
            action.setEnabled(message is None)
        self.save_action.setEnabled(message is None and not self.read_only)

    # -- opening and saving ------------------------------------------------------------------
    def load_demo(self) -> None:
        """Show the built-in demo book (generated in the background)."""
        self._set_busy(self.tr("Preparing the demo book…"))
        self.jobs.start(demo_book, lambda book: self.show_book(book, None), self._open_failed)

    def open_path(self, path: Path, read_only: bool = False, take_over: bool = False) -> None:
        """Open the book at ``path`` in the background, for editing unless ``read_only``.

        When another Planner holds the book, ``ask_in_use`` decides: read-only, take over, or not at all.
        """
        path = Path(path)
        self._set_busy(self.tr("Opening %1…").replace("%1", path.name))

        def work() -> tuple[Store, Book]:
            store = Store.open(path, "read" if read_only else "edit", take_over=take_over)
            try:
                return store, store.load()
            except BaseException:
                store.close()
                raise

        def failed(error: Exception) -> None:
            if isinstance(error, BookInUse):
                self._set_busy(None)
                choice = self.ask_in_use(error)
                if choice is not None:
                    self.open_path(path, read_only=choice == "read", take_over=choice == "edit")
                return
            self._open_failed(error)

        self.jobs.start(work, lambda opened: self.show_book(opened[1], path, opened[0]), failed)

    def ask_in_use(self, error: BookInUse) -> str | None:
        """Another Planner holds the book: ``"read"`` (open read-only), ``"edit"`` (edit anyway;
        saves still refuse to overwrite the other's changes) or None (do not open)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Book in use"), error_text(error), parent=self)
        box.setInformativeText(self.tr("Open it read-only, or edit it anyway? If you both change the same "
                                       "rows, the later save is refused and nothing is lost."))
        read = box.addButton(self.tr("Open &read-only"), QMessageBox.ButtonRole.AcceptRole)
        edit = box.addButton(self.tr("&Edit anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read)
        box.exec()
        return {read: "read", edit: "edit"}.get(box.clickedButton())

    def choose_and_open(self) -> None:
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open book"), start, self._file_filter())
        if name:
            self.open_path(Path(name))

    def _open_failed(self, error: Exception) -> None:
        self._set_busy(None)
        QMessageBox.critical(self, self.tr("Could not open the book"), error_text(error))

    def show_book(self, book: Book, path: Path | None, store: Store | None = None) -> None:
        """Show ``book`` (read from ``store`` at ``path``, or not yet saved when ``None``).

        Everything switches to the new book together; a wrong setting (currency, as_of) shows
        as a problem instead of results, never as half the window on the old book.
        """
        self._set_busy(None)
        self._release_store()
        self.book, self.path, self.store = book, path, store
        currency = book.currency if not _raises(lambda: book.currency) else "USD"
        for name, model in self.models.items():
            model.set_frame(book[name], currency, book.references(name))
        if path is not None:
            self._remember(path)
        self._update_title()
        self._fill_periods()
        self.save_action.setEnabled(not self.read_only)
        self.book_loaded.emit()
        self.recompute()

    @property
    def read_only(self) -> bool:
        return self.store is not None and self.store.mode != "edit"

    def _release_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def save(self) -> None:
        if self.book is None:
            return
        if self.store is None or self.read_only:
            self.save_as()
            return
        book, store = self.book, self.store
        snapshot, changes, versions = book.snapshot(), book.take_changes(), dict(book.versions)
        self._set_busy(self.tr("Saving %1…").replace("%1", self.path.name))

        def saved(revision: int) -> None:
            self._set_busy(None)
            book.saved(changes, revision)
            self._update_title()
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(self.path)), 5000)

        def failed(error: Exception) -> None:
            self._set_busy(None)
            book.give_back(changes)
            QMessageBox.critical(self, self.tr("Could not save the book"), error_text(error))

        self.jobs.start(lambda: store.save(snapshot, changes, versions), saved, failed)

    def save_as(self) -> None:
        if self.book is None:
            return
        start = str(self.path) if self.path else self.tr("Untitled") + BOOK_SUFFIX
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save book as"), start, self._file_filter())
        if name:
            path = Path(name)
            self.save_to(path if path.suffix else path.with_suffix(BOOK_SUFFIX))

    def save_to(self, path: Path) -> None:
        """Write the whole book to ``path`` in the background (atomically) and keep editing it there."""
        book, snapshot = self.book, self.book.snapshot()
        changes = book.take_changes()
        self._set_busy(self.tr("Saving %1…").replace("%1", path.name))

        def work() -> Store:
            write_book(snapshot, path)
            return Store.open(path, "edit")

        def saved(store: Store) -> None:
            self._set_busy(None)
            self._release_store()
            self.store, self.path = store, path
            store.bind(book, snapshot)
            self._remember(path)
            self._update_title()
            self.save_action.setEnabled(True)
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(path)), 5000)

        def failed(error: Exception) -> None:
            self._set_busy(None)
            book.give_back(changes)
            QMessageBox.critical(self, self.tr("Could not save the book"), error_text(error))

        self.jobs.start(work, saved, failed)

    def _file_filter(self) -> str:
        return self.tr("Planner books (*%1);;All files (*)").replace("%1", BOOK_SUFFIX)

    def _remember(self, path: Path) -> None:
        recent = [str(path.resolve())] + [p for p in self.recent_files() if p != str(path.resolve())]
        self.settings.setValue("recent_files", recent[:MAX_RECENT])

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for number, name in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {name}")
            action.triggered.connect(lambda _checked=False, p=name: self.open_path(Path(p)))
        if not recent:
            self.recent_menu.addAction(self.tr("No recent books")).setEnabled(False)

    def _update_title(self) -> None:
        name = self.path.name if self.path else self.tr("Demo book") if self.book is not None else ""
        if name and self.read_only:
            name = self.tr("%1 (read-only)").replace("%1", name)
        self.setWindowTitle(f"{name} — Planner" if name else "Planner")

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
        """Compute the report of the selected period in the background; stale results are dropped."""
        if self.book is None:
            return
        self._report_generation += 1
        # the worker gets a frozen snapshot, taken here on the main thread, never the live book
        generation, book, period = self._report_generation, self.book.snapshot(), self.selected_period()
        self._set_busy(self.tr("Computing…"))

        def done(report: Report) -> None:
            if generation == self._report_generation:
                self._set_busy(None)
                self.show_report(report)

        def failed(error: Exception) -> None:
            if generation == self._report_generation:
                self._set_busy(None)
                self.show_report(None, error_text(error))

        self.jobs.start(lambda: compute_report(book, period), done, failed)

    def show_report(self, report: Report | None, problem: str | None = None) -> None:
        self.report = report
        self.pipeline.show_report(report)
        warnings = [QApplication.translate("errors", template).format(**fields)
                    for template, fields in (report.warnings if report else [])]
        self.warnings_label.setText("\n".join("⚠ " + text for text in warnings))
        self.warnings_label.setVisible(bool(warnings))
        if report is None:
            for model, spec in ((self.attainment_model, schema.ATTAINMENT), (self.team_model, schema.TEAM_ATTAINMENT),
                                (self.commissions_model, schema.COMMISSIONS),
                                (self.lines_model, schema.COMMISSION_LINES)):
                model.set_frame(spec.empty())
            self.totals_label.setText(problem or "")
            self.totals_label.setToolTip(problem or "")
        else:
            self.attainment_model.set_frame(report.attainment, report.currency)
            self.team_model.set_frame(report.team_attainment, report.currency)
            self.commissions_model.set_frame(report.commissions, report.currency)
            self.lines_model.set_frame(report.commission_lines, report.currency)
            self.totals_label.setText(self._totals(report))
            self.totals_label.setToolTip("")
        self.report_ready.emit()

    def _totals(self, report: Report) -> str:
        p, currency = report.pipeline, report.currency

        def money(minor: int) -> str:
            return f"{format_money(minor, currency)} {currency}"

        commissions = int(report.commissions["total"].sum()) if len(report.commissions) else 0
        return self.tr("%1 deals · %2 open worth %3 (weighted %4) · %5: won %6, commissions %7").replace(
            "%1", f"{len(self.book['Deals']):,}").replace("%2", f"{p['open_count']:,}").replace(
            "%3", money(p["open_value"])).replace("%4", money(p["weighted_value"])).replace(
            "%5", report.period.label).replace("%6", money(p["won_value"])).replace("%7", money(commissions))

    # -- closing -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.jobs.wait()  # let a save in progress finish: its file must be whole
        self._release_store()
        super().closeEvent(event)


def _raises(action) -> bool:
    try:
        action()
    except PlannerError:
        return True
    return False
