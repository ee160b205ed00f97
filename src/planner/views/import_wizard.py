"""The import wizard: choose files, check how their sheets and headers map to the book, read
them with progress and cancel, see every problem or what will change, then apply.

Used by File → Import (as a new book, or into the open book). Nothing touches the book until
Finish: a new book opens unsaved; an import into the open book is one undo step. The mapping
the user settles on is remembered per kind of source (its sheets and headers) in the window's
settings, and can be saved as JSON for ``planner import --mapping``.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWizard, QWizardPage)

from planner.io.mapping import Mapping
from planner.qt.i18n import error_text
from planner.views.import_check_page import CheckPage
from planner.views.import_mapping_page import MappingPage

SETTINGS_GROUP = "import_mappings"  # QSettings: source signature -> the mapping last used (JSON)


class ImportWizard(QWizard):
    """One import of ``files`` as a new book (``into`` False) or into ``window``'s book."""

    def __init__(self, window, files: list[Path], into: bool) -> None:
        super().__init__(window)
        self.main = window
        self.into = into
        self.paths: list[Path] = [Path(path) for path in files]
        self.loaded: Mapping | None = None  # a mapping the user loaded from a file
        self.loaded_from: Path | None = None
        self.mapping: Mapping | None = None  # every choice, explicit (see planner.io.import_session)
        self.previews: list = []
        self.signature: str | None = None
        self.remembered = False  # the mapping came from the settings
        self.unknown_stages: list[str] = []  # every stage name a read found unknown, in order
        self.unknown_owners: list[str] = []  # into the book: every owner a read found unknown ("": none)
        self.setWindowTitle(self.tr("Import into this book") if into else self.tr("Import as a new book"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton,
                           self.tr("Import") if into else self.tr("Open the new book"))
        # how files are chosen; tests answer without dialogs
        self.choose_files = lambda: QFileDialog.getOpenFileNames(
            self, self.tr("Add files"), "", self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))[0]
        self.choose_mapping_file = lambda: QFileDialog.getOpenFileName(
            self, self.tr("Load a saved mapping"), "", self.tr("Import mappings (*.json);;All files (*)"))[0]
        self.choose_mapping_target = lambda: QFileDialog.getSaveFileName(
            self, self.tr("Save the mapping"), self.tr("mapping") + ".json", self.tr("Import mappings (*.json)"))[0]
        self.files_page = FilesPage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        for page in (self.files_page, self.mapping_page, self.check_page):
            self.addPage(page)
        self.resize(980, 660)

    # -- mappings ----------------------------------------------------------------------------
    def load_mapping(self, path: Path) -> None:
        """Use the mapping saved at ``path`` (raises PlannerError when it is not one)."""
        self.loaded, self.loaded_from = Mapping.load(path), Path(path)
        self.mapping = None  # the next preview applies it

    def remembered_mapping(self, signature: str) -> Mapping | None:
        text = self.main.settings.value(f"{SETTINGS_GROUP}/{signature}")
        if not text:
            return None
        try:
            return Mapping.from_json(json.loads(str(text)))
        except Exception:  # noqa: BLE001 - an outdated or damaged entry is just not used
            return None

    def remember_mapping(self) -> None:
        if self.signature and self.mapping is not None:
            self.main.settings.setValue(f"{SETTINGS_GROUP}/{self.signature}",
                                        json.dumps(self.mapping.to_json(), ensure_ascii=False))

    def save_mapping(self) -> str | None:
        """Ask where and write the mapping; the path written, or None."""
        if self.mapping is None:
            return None
        name = self.choose_mapping_target()
        if not name:
            return None
        path = Path(name) if Path(name).suffix else Path(name).with_suffix(".json")
        self.mapping.save(path)
        return str(path)

    # -- finishing and leaving -------------------------------------------------------------------
    def accept(self) -> None:
        if self.check_page.apply():
            self.remember_mapping()
            super().accept()

    def reject(self) -> None:
        self.check_page.stop()
        super().reject()

    def done(self, result: int) -> None:
        super().done(result)
        self.deleteLater()  # the menu opens a new wizard each time


class FilesPage(QWizardPage):
    """The files to import (add, remove) and an optional saved mapping."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Files"))
        self.setSubTitle(self.tr("Excel workbooks (.xlsx) and CSV files. Every sheet is checked on the next page."))
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        add = QPushButton(self.tr("&Add files…"))
        add.clicked.connect(self.add_files)
        self.remove = QPushButton(self.tr("&Remove"))
        self.remove.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(lambda: self.remove.setEnabled(bool(self.list.selectedItems())))
        self.remove.setEnabled(False)
        load = QPushButton(self.tr("&Load saved mapping…"))
        load.clicked.connect(self.load_mapping)
        self.mapping_label = QLabel(self.tr("Mapping: guessed from the headers"))
        self.mapping_label.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QVBoxLayout()
        for button in (add, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(buttons)
        bottom = QHBoxLayout()
        bottom.addWidget(self.mapping_label, 1)
        bottom.addWidget(load)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for path in self.wizard_.paths:
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
        self.completeChanged.emit()

    def add_files(self) -> None:
        for name in self.wizard_.choose_files() or []:
            path = Path(name)
            if path not in self.wizard_.paths:
                self.wizard_.paths.append(path)
        self.refresh()

    def remove_selected(self) -> None:
        chosen = {item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()}
        self.wizard_.paths = [path for path in self.wizard_.paths if str(path) not in chosen]
        self.refresh()

    def load_mapping(self) -> None:
        name = self.wizard_.choose_mapping_file()
        if not name:
            return
        try:
            self.wizard_.load_mapping(Path(name))
        except Exception as error:  # noqa: BLE001 - a file that is no mapping: say why, keep the old one
            self.error.setText(error_text(error))
            self.error.show()
            return
        self.error.hide()
        self.mapping_label.setText(self.tr("Mapping: %1").replace("%1", Path(name).name))

    def isComplete(self) -> bool:
        return bool(self.wizard_.paths)
