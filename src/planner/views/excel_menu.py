"""File → Import and Export: Excel and CSV in and out of the window's book, in the background.

An import into the open book is one undo step (the merge is one change of the book); an
import as a new book opens it unsaved. A refused import lists every bad cell and changes
nothing. The mapping wizard is not here yet: headers, sheets and stages are guessed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from planner.qt.i18n import error_text


class ExcelMenu(QObject):
    """Import and export actions for ``window``'s File menu."""

    def __init__(self, window: QMainWindow, menu) -> None:
        super().__init__(window)
        self.window = window
        self.import_new = QAction(self.tr("&Import Excel or CSV as a new book…"), window)
        self.import_new.triggered.connect(lambda: self.choose_import(into=False))
        self.import_into = QAction(self.tr("Import Excel or CSV &into this book…"), window)
        self.import_into.triggered.connect(lambda: self.choose_import(into=True))
        self.export = QAction(self.tr("&Export to Excel…"), window)
        self.export.setShortcut("Ctrl+E")
        self.export.triggered.connect(self.choose_export)
        for action in (self.import_new, self.import_into, self.export):
            window.addAction(action)
            menu.addAction(action)
        # how files are chosen and refusals shown; tests answer without dialogs
        self.choose_files = lambda: QFileDialog.getOpenFileNames(
            window, self.tr("Import"), "", self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))[0]
        self.choose_target = lambda start: QFileDialog.getSaveFileName(
            window, self.tr("Export to Excel"), start, self.tr("Excel workbooks (*.xlsx)"))[0]
        self.show_refusal = self._refusal_box

    def choose_import(self, into: bool) -> None:
        files = self.choose_files()
        if files:
            self.start_import([Path(name) for name in files], into)

    def start_import(self, files: list[Path], into: bool) -> None:
        window = self.window
        book = window.book if into else None
        if not into and not window.confirm_discard():
            return
        currency = book.currency if book is not None and not _raises(lambda: book.currency) else None
        snapshot = book.snapshot() if book is not None else None  # the worker reads a frozen copy
        window._set_busy(self.tr("Importing %1…").replace("%1", ", ".join(path.name for path in files)))

        def work():
            from planner.io.excel_import import build_book, read_tables

            result = read_tables(files, None, currency=currency, book=snapshot)
            result.refuse_if_problems()
            return result, build_book(result) if book is None else None

        def done(outcome) -> None:
            from planner.io.excel_import import plan_merge

            window._set_busy(None)
            result, made = outcome
            if made is not None:
                window.show_book(made, None, unsaved=True)
                window.statusBar().showMessage(self.tr("Imported %1 deals: save the new book with Save As").replace(
                    "%1", f"{len(made['Deals']):,}"), 10000)
                return
            try:  # planned here, on the window's thread: the merge takes new row ids from the book
                change, summary = plan_merge(book, result)
                window._push(change, self.tr("Import %1").replace("%1", ", ".join(path.name for path in files)))
            except Exception as error:  # noqa: BLE001 - a refusal: nothing changed, say why
                self.show_refusal(self.tr("Nothing was imported"), [error_text(error)])
                return
            window.statusBar().showMessage(self.tr("Imported: %1").replace("%1", str(summary)), 10000)

        def failed(error: Exception) -> None:
            window._set_busy(None)
            lines = [str(problem) for problem in getattr(error, "problems", [])] or [error_text(error)]
            self.show_refusal(self.tr("Nothing was imported"), lines)

        window.jobs.start(work, done, failed)

    def choose_export(self) -> None:
        window = self.window
        if window.book is None:
            return
        start = (Path(window.path).with_suffix(".xlsx").name if isinstance(window.path, Path)
                 else self.tr("Planner export") + ".xlsx")
        name = self.choose_target(start)
        if name:
            self.start_export(Path(name) if Path(name).suffix else Path(name).with_suffix(".xlsx"))

    def start_export(self, path: Path) -> None:
        window = self.window
        snapshot, period = window.book.snapshot(), window.selected_period()
        window._set_busy(self.tr("Exporting %1…").replace("%1", path.name))

        def work():
            from planner.io.excel_export import export_book

            return export_book(snapshot, path, period)

        def done(_summary) -> None:
            window._set_busy(None)
            window.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(path)), 10000)

        def failed(error: Exception) -> None:
            window._set_busy(None)
            self.show_refusal(self.tr("Could not export"), [error_text(error)])

        window.jobs.start(work, done, failed)

    def _refusal_box(self, title: str, lines: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, lines[0], parent=self.window)
        if len(lines) > 1:
            box.setInformativeText("\n".join(lines[1:6]))
            box.setDetailedText("\n".join(lines))
        box.open()


def _raises(action) -> bool:
    try:
        action()
    except Exception:  # noqa: BLE001 - a bad setting: the import reads amounts in its own default
        return True
    return False
