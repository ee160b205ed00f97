"""The main window's File menu: new, open, save, Save As, recent books, autosave and recovery.

Mixed into :class:`~planner.views.main_window.MainWindow`. What happens to the book is the
Qt-free session's (``planner.session``); here are only the dialogs and the threads: opening and
autosave run on the shared thread pool, saves on the window's I/O thread, so that a save starts
at once even while results are being computed (the results catch up afterwards).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.core.errors import PlannerError
from planner.qt.i18n import error_text
from planner.session import Opening, Operation, Session, offer_recovery
from planner.storage import BOOK_SUFFIX
from planner.storage.holders import BookInUse

MAX_RECENT = 8
# Files File → Open (and `planner FILE`) hands to the import wizard, which reads or refuses them.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".tsv")


class BookFiles:
    """The File menu's actions and what they do, for the main window."""

    _close_after_save = False

    def _build_file_menu(self, file_menu) -> None:
        """The book's actions in ``file_menu``: new, open, recent, demo, save, Save As."""
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

    # -- opening -----------------------------------------------------------------------------
    def new_book(self) -> None:
        """An empty book with the standard stages, not yet saved anywhere."""
        if self.confirm_discard():
            self.show_session(Session.new(self.recovery))

    def load_demo(self) -> None:
        """Show the built-in demo book (generated in the background)."""
        if not self.confirm_discard():
            return
        self._set_busy(self.tr("Preparing the demo book…"), "open")
        recovery = self.recovery
        self.jobs.start(lambda: Session.demo(recovery), self.show_session, self._open_failed)

    def open_path(self, path: Path | str, read_only: bool = False, take_over: bool = False) -> None:
        """Open the book at ``path`` in the background, for editing unless ``read_only``.

        When another Planner holds the book, ``ask_in_use`` decides: read-only, take over, or not at all.
        A spreadsheet (.xlsx, .csv) is no book: the import wizard opens on it instead.
        """
        from planner.storage.dialects import target_of  # (SQLAlchemy: first needed to open a book)

        path = target_of(path)
        if isinstance(path, Path) and path.suffix.lower() in SPREADSHEET_SUFFIXES:
            self.excel.start_import([path], into=False)
            return
        if self.confirm_discard():
            self._open(Opening(path, read_only, take_over, self.recovery))

    def _open(self, opening: Opening, why: str | None = None) -> None:
        """``why``: the reason a book that cannot be written here opens read-only, told once it shows."""
        self._set_busy(self.tr("Opening %1…").replace("%1", _shown(opening.target)), "open")

        def opened(session: Session) -> None:
            self.show_session(session)
            if why:  # after show_session: the computation it starts does not clear it
                self.statusBar().showMessage(self.tr("Opened read-only: %1").replace("%1", why), 30_000)

        def failed(error: Exception) -> None:
            self._set_busy(None, "open")
            try:
                following = opening.after(error, self.ask_in_use)  # may ask the user
            except Exception:  # noqa: BLE001 - nothing more to try: say why
                self._open_failed(error)
                return
            if following is not None:
                from planner.storage import ReadOnlyLocation  # (SQLAlchemy: loaded by the opening already)

                self._open(following, error_text(error) if isinstance(error, ReadOnlyLocation) else why)

        self.jobs.start(opening.run, opened, failed)

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
        self._set_busy(None, "open")
        QMessageBox.critical(self, self.tr("Could not open the book"), error_text(error))

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> None:
        """Save the changes on the I/O thread, at once (a book with no place yet: Save As)."""
        if self.session is None:
            return
        if self.session.needs_place:
            self.save_as()
            return
        self._run_save(self.session.saving(), _shown(self.path), _shown(self.path))

    def save_as(self) -> None:
        if self.session is None:
            return
        start = str(self.path) if isinstance(self.path, Path) else self.tr("Untitled") + BOOK_SUFFIX
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save book as"), start, self._file_filter())
        if name:
            path = Path(name)
            self.save_to(path if path.suffix else path.with_suffix(BOOK_SUFFIX))

    def save_to(self, path: Path) -> None:
        """Write the whole book to ``path`` in the background (atomically) and keep editing it there.
        Its own file is just saved (the file is not "in another Planner": this window holds it)."""
        # the file dialog asked before replacing another file
        self._run_save(self.session.saving_as(path, replace_other=True), path.name, str(path))

    def _run_save(self, operation: Operation | None, name: str, saved_as: str) -> None:
        if operation is None:  # a save of this book runs: the edits made since follow when it ends
            return
        session, place = self.session, self.session.place
        self._set_busy(self.tr("Saving %1…").replace("%1", name), "save")

        def done(result) -> None:
            operation.finish(result)
            self._set_busy(None, "save")
            if session is not self.session:
                return
            if session.place != place:  # saved as another book
                self._remember(session.place)
            self.save_action.setEnabled(not self.read_only)
            self._update_title()
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", saved_as), 5000)
            if session.save_waiting:
                self.save()
            elif self._close_after_save:
                self._close_after_save = False
                self.close()

        def failed(error: Exception) -> None:
            operation.fail(error)
            self._set_busy(None, "save")
            self._update_title()
            QMessageBox.critical(self, self.tr("Could not save the book"), error_text(error))

        self.jobs.start(operation.work, done, failed, io=True)

    @property
    def modified(self) -> bool:
        """Unsaved changes: edits since the last save, a book that has no place yet, a save running."""
        return self.session is not None and self.session.modified

    def confirm_discard(self) -> bool:
        """May the shown book be replaced? Asks to save unsaved changes; False to stay."""
        self.jobs.finish_io()  # a save running ends first: its changes are then saved, or not
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

    # -- autosave and recovery ---------------------------------------------------------------
    def autosave(self) -> None:
        """Write a recovery copy of unsaved edits (in the background); nothing when clean. And
        renew the hold on a book shared in a database (a failed renewal says nothing: the
        next save tells what is wrong)."""
        renewal = self.session.renewing_hold() if self.session is not None else None
        if renewal is not None:
            self.jobs.start(renewal.work, lambda _done: None, lambda _error: None, io=True)
        operation = self.session.autosaving(self._title_name()) if self.session is not None else None
        if operation is not None:
            self.jobs.start(operation.work, operation.finish, lambda error: (
                operation.fail(error), self.statusBar().showMessage(error_text(error), 8000)))

    def offer_recovery(self, ask=None) -> bool:
        """After a crash: offer the newest unsaved edits left behind; True when one was restored."""
        try:
            found = offer_recovery(self.recovery, ask or self._ask_recover)
        except PlannerError as error:
            QMessageBox.critical(self, self.tr("Could not restore"), error_text(error))
            return False
        if found is None:
            return False
        session, entry, kept = found
        self.show_session(session)
        message = self.tr("Restored unsaved changes of %1: save them with Save As").replace("%1", entry.title)
        if kept:  # a window shows one book: the others wait for the next start
            message += " " + self.tr("(%n more copy(ies) of unsaved changes kept for the next start)", "", kept)
        self.statusBar().showMessage(message, 15000)
        return True

    def _ask_recover(self, entry) -> str | None:
        answer = QMessageBox.question(
            self, self.tr("Restore unsaved changes?"),
            self.tr("Planner closed without saving changes to %1 (last kept %2). Restore them?").replace(
                "%1", entry.title).replace("%2", entry.written.astimezone().strftime("%Y-%m-%d %H:%M")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes)
        return {QMessageBox.StandardButton.Yes: "restore", QMessageBox.StandardButton.Discard: "discard"}.get(answer)

    # -- recent books and the title ----------------------------------------------------------
    def _file_filter(self) -> str:
        return self.tr("Planner books (*%1);;All files (*)").replace("%1", BOOK_SUFFIX)

    def _remember(self, path: Path | str) -> None:
        from planner.storage.dialects import without_password

        # never a password, nor its mask (reopening would send *** as the password)
        entry = str(path.resolve()) if isinstance(path, Path) else without_password(path)
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
            action.triggered.connect(lambda _checked=False, p=name: self.open_path(p))
        if not recent:
            self.recent_menu.addAction(self.tr("No recent books")).setEnabled(False)

    def _title_name(self) -> str:
        if self.path:
            return _shown(self.path)
        if self.session is None:
            return ""
        return self.tr("Untitled") if self.session.unplaced else self.tr("Demo book")

    def _update_title(self, *_args) -> None:
        name = self._title_name()
        if name and self.read_only:
            name = self.tr("%1 (read-only)").replace("%1", name)
        self.setWindowTitle(f"{name}[*] — Planner" if name else "Planner")
        self.setWindowModified(self.modified)


def _shown(target: Path | str) -> str:
    """How a book's place is named on screen: a file's name, or the address without its password."""
    if isinstance(target, Path):
        return target.name
    from planner.storage.dialects import shown, url_of

    return shown(url_of(target))
