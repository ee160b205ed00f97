"""The main window: a tab per sheet of the book and per computed result."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pandas as pd

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QComboBox, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar, QSplitter,
    QTabWidget, QWidget,
)

from planner.core import schema
from planner.core.book import Book
from planner.core.errors import PlannerError
from planner.core.demo import demo_book, new_book
from planner.core.money import money_label
from planner.core.periods import Period
from planner.core.report import Report, compute_report
from planner.core.problems import BookProblems
from planner.qt.book_model import BookTableModel
from planner.qt.commands import push_change
from planner.qt.i18n import error_text
from planner.qt.table_model import FrameTableModel
from planner.qt.workers import JobRunner
from planner.storage import BOOK_SUFFIX, BookInUse, ReadOnlyLocation, Store, write_book
from planner.storage.dialects import shown, url_of
from planner.storage.recovery import Recovery
from planner.views.dashboard import DashboardPanel
from planner.views.edit_menu import EditMenu
from planner.views.excel_menu import ExcelMenu
from planner.views.forecast_panel import ForecastPanel
from planner.views.leads_panel import LeadsPanel
from planner.views.pipeline_panel import PipelinePanel
from planner.views.problems_panel import LeftOutNote, ProblemsDock
from planner.views.deal_health import HealthBar
from planner.views.sheet_view import FindBar, SheetView, sheet_pane
from planner.views.stage_checklist import ExitCriteriaCheck
from planner.views.table_view import BookTableView, titled

MAX_RECENT = 8
# Files File → Open (and `planner FILE`) hands to the import wizard, which reads or refuses them.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".tsv")
RECOMPUTE_AFTER_MS = 400  # results follow edits this long after the last one (debounced)
AUTOSAVE_EVERY_MS = 60_000  # a recovery copy of unsaved edits, at most this old after a crash
# Sheets shown as tabs, in order; the plan sheets share the Plans tab.
SHEET_TABS = ("Deals", "StageHistory", "Reps", "Teams", "Quotas", "Plans", "Splits", "Stages", "Settings")
PLAN_SHEETS = ("Plans", "PlanTiers", "PlanBonuses")


class MainWindow(QMainWindow):
    """One open book: its sheets, its results for the chosen period, and the File menu."""

    # Emitted after a book is shown (opened, generated) and after each recomputation.
    book_loaded = Signal()
    report_ready = Signal()

    def __init__(self, settings: QSettings | None = None, recovery: Recovery | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.book: Book | None = None
        self.path: Path | str | None = None  # a book file, or a postgresql:// address (no password)
        self.store: Store | None = None  # where the book is saved; None for the demo or a new book
        self.report: Report | None = None
        self.jobs = JobRunner(self)
        self._report_generation = 0
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self._unsubscribe = None
        self._unsaved = False  # a book never saved to its place (new, recovered) even with no edit
        self._recompute_timer = _single_shot(self, RECOMPUTE_AFTER_MS, self.recompute)
        self.recovery = recovery or Recovery(Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppDataLocation)) / "recovery")
        self.session = uuid.uuid4().hex  # names this window's recovery copy
        self._autosaved_revision: int | None = None
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_EVERY_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        # how the window asks the user; tests answer without modal dialogs
        self.ask_unsaved = self._ask_unsaved

        self.models: dict[str, FrameTableModel] = {name: BookTableModel(spec, parent=self)
                                                   for name, spec in schema.TABLES.items()}
        self.sheets = {name: SheetView(model, self._push) for name, model in self.models.items()}
        self.find_bars = {name: FindBar() for name in self.models}
        self.exit_check = ExitCriteriaCheck(self.settings, self)  # a deal moved forward confirms its criteria
        self.models["Deals"].hold = self.exit_check.hold
        self.attainment_model = FrameTableModel(schema.ATTAINMENT, parent=self)
        self.team_model = FrameTableModel(schema.TEAM_ATTAINMENT, parent=self)
        self.commissions_model = FrameTableModel(schema.COMMISSIONS, parent=self)
        self.lines_model = FrameTableModel(schema.COMMISSION_LINES, parent=self)
        self.pipeline = PipelinePanel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._build_tabs()
        self.setCentralWidget(self.tabs)
        self.problems = ProblemsDock(self, self.show_cell)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        for note in (*self.left_out_notes, self.pipeline.left_out_note):
            note.show_problems.connect(self.problems.reveal)

        self.period_box = QComboBox()
        self.period_box.setMinimumContentsLength(9)
        self.period_box.setToolTip(self.tr("Period of the results: month, quarter or year"))
        self.period_box.currentIndexChanged.connect(self.recompute)
        self._build_actions()
        self.edit_menu = EditMenu(self)
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
        for name in SHEET_TABS:
            if name == "Plans":
                splitter = QSplitter(Qt.Orientation.Vertical)
                for plan_sheet in PLAN_SHEETS:
                    label = translate("schema", schema.TABLES[plan_sheet].label)
                    splitter.addWidget(titled(label, sheet_pane(self.sheets[plan_sheet], self.find_bars[plan_sheet])))
                widget: QWidget = splitter
            elif name == "Deals":
                self.health_bar = HealthBar(self.sheets[name])
                widget = sheet_pane(self.sheets[name], self.find_bars[name], self.health_bar)
            else:
                widget = sheet_pane(self.sheets[name], self.find_bars[name])
            self.tabs.addTab(widget, translate("schema", schema.TABLES[name].label))
        self.leads = LeadsPanel(self.sheets["Leads"], sheet_pane(self.sheets["Leads"], self.find_bars["Leads"]),
                                sheet_pane(self.sheets["LeadRules"], self.find_bars["LeadRules"]), self._push)
        self.leads.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.tabs.addTab(self.leads, translate("schema", schema.TABLES["Leads"].label))
        self.tabs.addTab(self.pipeline, self.tr("Pipeline"))
        self.pipeline.attention.open_deal.connect(self.show_deal)
        self.dashboard = DashboardPanel()
        self.dashboard.exported.connect(lambda path: self.statusBar().showMessage(
            self.tr("Saved %1").replace("%1", str(path)), 5000))
        self.tabs.addTab(self.dashboard, self.tr("Dashboard"))
        self.forecast_panel = ForecastPanel(self._push, lambda: self.book, lambda: not self.read_only, [
            (translate("schema", schema.TABLES[name].label), sheet_pane(self.sheets[name], self.find_bars[name]))
            for name in ("ForecastSnapshots", "ForecastOverrides")])
        self.forecast_panel.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.tabs.addTab(self.forecast_panel, self.tr("Forecast"))
        self.left_out_notes = [LeftOutNote(section) for section in ("attainment", "commissions")]
        attainment = QSplitter(Qt.Orientation.Vertical)
        attainment.addWidget(self.left_out_notes[0])
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
        commissions.addWidget(self.left_out_notes[1])
        commissions.addWidget(titled(self.tr("Commission per rep and plan period"),
                                     BookTableView(self.commissions_model)))
        commissions.addWidget(titled(self.tr("Lines (tiers, caps, bonuses)"), BookTableView(self.lines_model)))
        self.tabs.addTab(commissions, self.tr("Commissions"))

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New book"), QKeySequence.StandardKey.New, self.new_book)
        self.open_action = self._action(self.tr("&Open…"), QKeySequence.StandardKey.Open, self.choose_and_open)
        self.demo_action = self._action(self.tr("Open the &demo book"), None, self.load_demo)
        self.save_action = self._action(self.tr("&Save"), QKeySequence.StandardKey.Save, self.save)
        self.save_as_action = self._action(self.tr("Save &As…"), QKeySequence.StandardKey.SaveAs, self.save_as)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.insertActions(self.recent_menu.menuAction(), [self.new_action, self.open_action])
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
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

    def _set_busy(self, message: str | None) -> None:
        self.busy_bar.setVisible(message is not None)
        if message:
            self.statusBar().showMessage(message)
        else:
            self.statusBar().clearMessage()
        for action in (self.new_action, self.open_action, self.demo_action, self.save_action, self.save_as_action):
            action.setEnabled(message is None)
        self.save_action.setEnabled(message is None and not self.read_only)

    # -- opening and saving ------------------------------------------------------------------
    def new_book(self) -> None:
        """An empty book with the standard stages, not yet saved anywhere."""
        if self.confirm_discard():
            self.show_book(new_book(), None, unsaved=True)

    def load_demo(self) -> None:
        """Show the built-in demo book (generated in the background)."""
        if not self.confirm_discard():
            return
        self._set_busy(self.tr("Preparing the demo book…"))
        self.jobs.start(demo_book, lambda book: self.show_book(book, None), self._open_failed)

    def open_path(self, path: Path, read_only: bool = False, take_over: bool = False) -> None:
        """Open the book at ``path`` in the background, for editing unless ``read_only``.

        When another Planner holds the book, ``ask_in_use`` decides: read-only, take over, or not at all.
        A spreadsheet (.xlsx, .csv) is no book: the import wizard opens on it instead.
        """
        path = _target(path)
        if isinstance(path, Path) and path.suffix.lower() in SPREADSHEET_SUFFIXES:
            self.excel.start_import([path], into=False)
            return
        if not self.confirm_discard():
            return
        self._set_busy(self.tr("Opening %1…").replace("%1", _shown(path)))

        def work() -> tuple[Store, Book]:
            store = Store.open(path, "read" if read_only else "edit", take_over=take_over)
            try:
                return store, store.load()
            except BaseException:
                store.close()
                raise

        def failed(error: Exception) -> None:
            if isinstance(error, ReadOnlyLocation):  # a read-only share: show it, saving is Save As
                self.open_path(path, read_only=True)
                return
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
        start = str(self.path.parent) if isinstance(self.path, Path) else ""
        # spreadsheets are offered too: they open in the import wizard
        both = self.tr("Books and spreadsheets to import (*%1 *.xlsx *.csv)").replace("%1", BOOK_SUFFIX)
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open book"), start, f"{both};;{self._file_filter()}")
        if name:
            self.open_path(Path(name))

    def _open_failed(self, error: Exception) -> None:
        self._set_busy(None)
        QMessageBox.critical(self, self.tr("Could not open the book"), error_text(error))

    def show_book(self, book: Book, path: Path | None, store: Store | None = None, unsaved: bool = False) -> None:
        """Show ``book`` (read from ``store`` at ``path``, or not yet saved when ``None``).

        Everything switches to the new book together; a wrong setting (currency, as_of) shows
        in the Problems panel (its row left out of the results), never as half the window on the old book.
        """
        self._set_busy(None)
        self._release_store()
        if self._unsubscribe:
            self._unsubscribe()
        self.recovery.discard(self.session)
        self.book, self.path, self.store, self._unsaved = book, path, store, unsaved
        self.report = None
        self.undo_stack.clear()
        self._autosaved_revision = book.revision
        for model in self.models.values():
            model.attach(book, self._push, read_only=self.read_only)
        for sheet in self.sheets.values():
            sheet.fit_new_book()
        self._unsubscribe = book.subscribe(self._book_changed)
        self._edited = False
        self.edit_menu.set_editable(not self.read_only)
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
        if not book.pending:  # nothing to write (edits undone back to the saved state)
            self._saved_cleanly(book)
            return
        snapshot, changes, versions = book.snapshot(), book.take_changes(), dict(book.versions)
        self._set_busy(self.tr("Saving %1…").replace("%1", _shown(self.path)))

        def saved(revision: int) -> None:
            self._set_busy(None)
            book.saved(changes, revision)
            self._saved_cleanly(book)
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", _shown(self.path)), 5000)

        def failed(error: Exception) -> None:
            self._set_busy(None)
            book.give_back(changes)
            QMessageBox.critical(self, self.tr("Could not save the book"), error_text(error))

        self.jobs.start(lambda: store.save(snapshot, changes, versions), saved, failed)

    def save_as(self) -> None:
        if self.book is None:
            return
        start = str(self.path) if isinstance(self.path, Path) else self.tr("Untitled") + BOOK_SUFFIX
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save book as"), start, self._file_filter())
        if name:
            path = Path(name)
            self.save_to(path if path.suffix else path.with_suffix(BOOK_SUFFIX))

    def save_to(self, path: Path) -> None:
        """Write the whole book to ``path`` in the background (atomically) and keep editing it there.
        Its own file is just saved (the file is not "in another Planner": this window holds it)."""
        from planner.io.excel_export import same_file

        if self.store is not None and not self.read_only and isinstance(self.path, Path) \
                and same_file(path, self.path):
            self.save()
            return
        book, snapshot = self.book, self.book.snapshot()
        changes = book.take_changes()
        self._set_busy(self.tr("Saving %1…").replace("%1", path.name))

        def work() -> Store:
            write_book(snapshot, path, replace_other=True)  # the file dialog asked before replacing
            return Store.open(path, "edit")

        def saved(store: Store) -> None:
            self._set_busy(None)
            self._release_store()
            self.store, self.path = store, path
            store.bind(book, snapshot)
            self._remember(path)
            self._saved_cleanly(book)
            self.save_action.setEnabled(True)
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(path)), 5000)

        def failed(error: Exception) -> None:
            self._set_busy(None)
            book.give_back(changes)
            QMessageBox.critical(self, self.tr("Could not save the book"), error_text(error))

        self.jobs.start(work, saved, failed)

    def _book_changed(self, _event) -> None:
        self._edited = True  # the next results show what the edit changed
        self._recompute_timer.start()

    def _push(self, change, text: str):
        """Apply ``change`` to the book as one undo step (Refused: nothing changed)."""
        return push_change(self.undo_stack, self.book, change, text)

    def _saved_cleanly(self, book: Book) -> None:
        if book is self.book and not book.pending:
            self.undo_stack.setClean()
            self._unsaved = False
            self.recovery.discard(self.session)
        self._update_title()
        if self._close_after_save:
            self._close_after_save = False
            self.close()

    _close_after_save = False

    @property
    def modified(self) -> bool:
        """Unsaved changes: edits since the last save, or a book that has no place yet."""
        return self.book is not None and (self._unsaved or not self.undo_stack.isClean() or bool(self.book.pending))

    def confirm_discard(self) -> bool:
        """May the shown book be replaced? Asks to save unsaved changes; False to stay."""
        if not self.modified:
            return True
        choice = self.ask_unsaved()
        if choice == "save":
            self._close_after_save = False
            self.save()
            return False  # the save runs in the background; the user repeats the action
        return choice == "discard"

    def _ask_unsaved(self) -> str | None:
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("%1 has changes that are not saved. Save them?").replace("%1", self._title_name()),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(answer)

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
        sheet = self.sheets[table]
        self.tabs.setCurrentWidget(next(self.tabs.widget(n) for n in range(self.tabs.count())
                                        if self.tabs.widget(n).isAncestorOf(sheet)))
        if sheet.show_row(row_id, column):
            sheet.setFocus()

    def show_find(self) -> None:
        sheet = self.current_sheet()
        if sheet is not None:
            name = next(name for name, view in self.sheets.items() if view is sheet)
            self.find_bars[name].open_for(sheet)

    def autosave(self) -> None:
        """Write a recovery copy of unsaved edits (in the background); nothing when clean."""
        if self.book is None or not self.modified or self.book.revision == self._autosaved_revision:
            return
        snapshot, source, title = self.book.snapshot(), str(self.path) if self.path else None, self._title_name()
        self._autosaved_revision = snapshot.revision
        self.jobs.start(lambda: self.recovery.write(self.session, snapshot, source, title), lambda _path: None,
                        lambda error: self.statusBar().showMessage(error_text(error), 8000))

    def offer_recovery(self, ask=None) -> bool:
        """After a crash: offer the newest unsaved edits left behind; True when one was restored."""
        entries = [entry for entry in self.recovery.pending()]
        for entry in [e for e in entries if e.broken]:
            self.recovery.discard(entry.session)
        entries = [e for e in entries if not e.broken]
        if not entries:
            return False
        entry = entries[0]
        ask = ask or self._ask_recover
        choice = ask(entry)
        if choice is None:
            return False
        if choice == "discard":
            self.recovery.discard(entry.session)
            return False
        try:
            book = self.recovery.restore(entry)
        except PlannerError as error:
            QMessageBox.critical(self, self.tr("Could not restore"), error_text(error))
            return False
        self.recovery.discard(entry.session)
        self.show_book(book, None, unsaved=True)
        self.statusBar().showMessage(self.tr("Restored unsaved changes of %1: save them with Save As").replace(
            "%1", entry.title), 15000)
        return True

    def _ask_recover(self, entry) -> str | None:
        answer = QMessageBox.question(
            self, self.tr("Restore unsaved changes?"),
            self.tr("Planner closed without saving changes to %1 (last kept %2). Restore them?").replace(
                "%1", entry.title).replace("%2", entry.written.astimezone().strftime("%Y-%m-%d %H:%M")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes)
        return {QMessageBox.StandardButton.Yes: "restore", QMessageBox.StandardButton.Discard: "discard"}.get(answer)

    def _file_filter(self) -> str:
        return self.tr("Planner books (*%1);;All files (*)").replace("%1", BOOK_SUFFIX)

    def _remember(self, path: Path | str) -> None:
        entry = str(path.resolve()) if isinstance(path, Path) else _shown(path)  # never a password
        recent = [entry] + [p for p in self.recent_files() if p != entry]
        self.settings.setValue("recent_files", recent[:MAX_RECENT])

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for number, name in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {name}")
            action.triggered.connect(lambda _checked=False, p=name: self.open_path(_target(p)))
        if not recent:
            self.recent_menu.addAction(self.tr("No recent books")).setEnabled(False)

    def _title_name(self) -> str:
        if self.path:
            return _shown(self.path)
        if self.book is None:
            return ""
        return self.tr("Untitled") if self._unsaved else self.tr("Demo book")

    def _update_title(self, *_args) -> None:
        name = self._title_name()
        if name and self.read_only:
            name = self.tr("%1 (read-only)").replace("%1", name)
        self.setWindowTitle(f"{name}[*] — Planner" if name else "Planner")
        self.setWindowModified(self.modified)

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
                self._flag_problems(book.problems())
                self.problems.show_report(book.problems(), report)
                self._refresh_leads()  # the report scored them on its snapshot: shown from its cache
                self.show_report(report)
                self.pipeline.attention.show_report(book, report)
                self.dashboard.show(book, report)

        def failed(error: Exception) -> None:
            if generation == self._report_generation:
                self._set_busy(None)
                self._flag_problems(error.problems if isinstance(error, BookProblems) else [])
                self.problems.show_report(error.problems if isinstance(error, BookProblems) else [], None)
                self._refresh_leads()
                self.show_report(None, error_text(error))
                self.pipeline.attention.show_report(None, None)
                self.dashboard.show(None, None)

        self.jobs.start(lambda: compute_report(book, period), done, failed)

    def _refresh_leads(self) -> None:
        self.leads.refresh(self.book, editable=not self.read_only)

    def _flag_problems(self, problems) -> None:
        for model in self.models.values():
            model.set_problems(problems)
        self._update_title()

    def show_report(self, report: Report | None, problem: str | None = None) -> None:
        previous, self.report = self.report, report
        self.pipeline.show_report(report)
        self.models["Deals"].set_health(report.deal_health if report is not None else None)
        self.forecast_panel.show_report(report)
        for note in self.left_out_notes:
            note.show_report(report)
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
            # after an edit (same period), the result tabs mark what it changed
            compare = self._edited and previous is not None and previous.period == report.period
            self._edited = False
            self.attainment_model.set_frame(report.attainment, report.currency, compare=compare)
            self.team_model.set_frame(report.team_attainment, report.currency, compare=compare)
            self.commissions_model.set_frame(report.commissions, report.currency, compare=compare)
            self.lines_model.set_frame(report.commission_lines, report.currency)
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
            runner.close()  # waits for a save in progress: its file must be whole
        self.recovery.discard(self.session)
        self._save_window()
        self._release_store()
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


def _target(path: Path | str) -> Path | str:
    """A book file's path, or a database address kept as text."""
    return path if isinstance(path, str) and "://" in path else Path(path)


def _shown(target: Path | str) -> str:
    """How a book's place is named on screen: a file's name, or the address without its password."""
    if isinstance(target, Path):
        return target.name
    return shown(url_of(target))


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
