"""File → Import and Export: Excel and CSV in and out of the window's book, and the commission
statements of the selected period as a PDF (views/statement_pdf.py), in the background.

Both imports go through the import wizard (views/import_wizard.py): files, mapping with a
preview, then a check that lists every bad cell or shows what will change. An import into
the open book is one undo step; an import as a new book opens it unsaved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from planner.qt.i18n import error_text

if TYPE_CHECKING:
    from planner.views.import_wizard import ImportWizard


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
        self.export_pdf = QAction(self.tr("Export statements as &PDF…"), window)
        self.export_pdf.triggered.connect(self.choose_pdf_export)
        for action in (self.import_new, self.import_into, self.export, self.export_pdf):
            window.addAction(action)
            menu.addAction(action)
        # how files are chosen and refusals shown; tests answer without dialogs
        self.choose_files = lambda: QFileDialog.getOpenFileNames(
            window, self.tr("Import"), "", self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))[0]
        self.choose_target = lambda start: QFileDialog.getSaveFileName(
            window, self.tr("Export to Excel"), start, self.tr("Excel workbooks (*.xlsx)"))[0]
        self.choose_pdf_target = lambda start: QFileDialog.getSaveFileName(
            window, self.tr("Export statements as PDF"), start, self.tr("PDF files (*.pdf)"))[0]
        self.show_refusal = self._refusal_box

    def choose_import(self, into: bool) -> None:
        if into and self.window.book is None:
            return
        files = self.choose_files()
        if files:
            self.start_import([Path(name) for name in files], into)

    def start_import(self, files: list[Path], into: bool) -> ImportWizard:
        """Open the import wizard on ``files`` (window-modal, not blocking); it applies on Finish."""
        from planner.views.import_wizard import ImportWizard  # loaded when first used, not at start

        wizard = ImportWizard(self.window, files, into)
        wizard.open()
        return wizard

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

            return export_book(snapshot, path, period, translate=QCoreApplication.translate)

        def done(_summary) -> None:
            window._set_busy(None)
            window.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(path)), 10000)

        def failed(error: Exception) -> None:
            window._set_busy(None)
            self.show_refusal(self.tr("Could not export"), [error_text(error)])

        window.jobs.start(work, done, failed)

    def choose_pdf_export(self) -> None:
        window = self.window
        if window.book is None or window.selected_period() is None:
            return
        label = window.selected_period().label
        start = (f"{window.path.stem} {label}.pdf" if isinstance(window.path, Path)
                 else self.tr("Statements %1").replace("%1", label) + ".pdf")
        name = self.choose_pdf_target(start)
        if name:
            self.start_pdf_export(Path(name) if Path(name).suffix else Path(name).with_suffix(".pdf"))

    def start_pdf_export(self, path: Path) -> None:
        """Write the statements of the selected period to ``path`` in the background: a page per
        rep, headed by the book's company setting, else its name."""
        window = self.window
        snapshot, period = window.book.snapshot(), window.selected_period()
        place = window.path
        name = place.stem if isinstance(place, Path) else place.rsplit("/", 1)[-1] if isinstance(place, str) else None
        window._set_busy(self.tr("Writing statements to %1…").replace("%1", path.name))

        def work():
            from planner.views.statement_pdf import export_statements_pdf

            return export_statements_pdf(snapshot, period, path, company=name)

        def done(pages: int) -> None:
            window._set_busy(None)
            window.statusBar().showMessage(self.tr("Wrote %1 (%n page(s))", "", pages).replace("%1", str(path)), 10000)

        def failed(error: Exception) -> None:
            window._set_busy(None)
            self.show_refusal(self.tr("Could not export the statements"), [error_text(error)])

        window.jobs.start(work, done, failed)

    def _refusal_box(self, title: str, lines: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, lines[0], parent=self.window)
        if len(lines) > 1:
            box.setInformativeText("\n".join(lines[1:6]))
            box.setDetailedText("\n".join(lines))
        box.open()
