"""The import wizard's mapping page: per sheet (or CSV file) the table it goes to, per header
the book column it fills, and a preview of the first rows under the chosen columns.

The files are read once, in the background (:func:`planner.io.excel_import.preview`); every
choice after that only changes the wizard's mapping and redraws from the headers.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
                               QWizardPage)

from planner.core import schema
from planner.core.money import DEFAULT_CURRENCY, MINOR_DIGITS
from planner.io import import_session as session
from planner.io.import_results import PIVOT_ONLY, Expected
from planner.io.mapping import EXTRA, SKIP
from planner.qt.i18n import error_text

# Labels of the source columns that feed Deals without being one of its columns (mapping.DERIVED).
DERIVED_LABELS = {
    "close_date": QT_TRANSLATE_NOOP("MappingPage", "Close date (expected while open, actual once closed)"),
    "probability": QT_TRANSLATE_NOOP("MappingPage", "Stage probability"),
    "status": QT_TRANSLATE_NOOP("MappingPage", "Status (open, won or lost)"),
    "is_won": QT_TRANSLATE_NOOP("MappingPage", "Won? (TRUE or FALSE)"),
    "is_closed": QT_TRANSLATE_NOOP("MappingPage", "Closed? (TRUE or FALSE)"),
    "won_time": QT_TRANSLATE_NOOP("MappingPage", "Won on"),
    "lost_time": QT_TRANSLATE_NOOP("MappingPage", "Lost on"),
    "order_status": QT_TRANSLATE_NOOP("MappingPage", "Order status (cancelled, returned or disputed: not won)"),
    "returned": QT_TRANSLATE_NOOP("MappingPage", "Returned? (TRUE or Yes: not won)"),
    "region": QT_TRANSLATE_NOOP("MappingPage", "Region (the order's rep: the rep of that team)"),
}
DATE_ORDERS = (("auto", QT_TRANSLATE_NOOP("MappingPage", "Tell from the file")),
               ("mdy", QT_TRANSLATE_NOOP("MappingPage", "Month first (03/05 is 5 March)")),
               ("dmy", QT_TRANSLATE_NOOP("MappingPage", "Day first (03/05 is 3 May)")))
LEFT_OUT = QColor("#9a9a9a")


def target_label(table: str, target) -> str:
    """How a header's target (a column, or a tuple of the columns it fills) is named to the user."""
    translate = QCoreApplication.translate
    if isinstance(target, tuple):
        return " + ".join(target_label(table, one) for one in target)
    if target is EXTRA:
        return translate("MappingPage", "Keep as my own column")
    if target == SKIP:
        return translate("MappingPage", "Leave out")
    if target in DERIVED_LABELS:
        return translate("MappingPage", DERIVED_LABELS[target])
    spec = schema.TABLES[table]
    return translate("schema", spec.column(target).label) if target in spec.names else target


class MappingPage(QWizardPage):
    """Which table each sheet goes to and which column each header fills, with a preview."""

    def __init__(self, wizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self._previewed: tuple | None = None  # (paths, loaded mapping) the previews are of
        self._generation = 0
        self.busy = False
        self.setTitle(self.tr("Sheets and columns"))
        self.setSubTitle(self.tr("Check where each sheet goes and which column each header fills. "
                                 "The preview shows the first rows as they will be read."))
        self.source_box = QComboBox()
        self.source_box.currentIndexChanged.connect(self._show_source)
        self.table_box = QComboBox()
        for table, spec in ((name, schema.TABLES[name]) for name in schema.SHEETS):
            self.table_box.addItem(QCoreApplication.translate("schema", spec.label), table)
        self.table_box.addItem(self.tr("Skip: do not import this sheet"), None)
        self.table_box.activated.connect(self._table_chosen)
        self.info = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("&Sheet:"), self.source_box)
        form.addRow(self.tr("&Goes to:"), self.table_box)
        form.addRow("", self.info)

        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels([self.tr("Header in the file"), self.tr("Book column"),
                                                self.tr("and also")])
        self.columns.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.columns.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.columns.setColumnWidth(2, 100)  # mostly "—": the book column takes the room
        self.columns.verticalHeader().hide()
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.columns)
        splitter.addWidget(self.grid)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 480])

        self.date_box = QComboBox()
        for code, label in DATE_ORDERS:
            self.date_box.addItem(QCoreApplication.translate("MappingPage", label), code)
        self.date_box.activated.connect(self._date_order_chosen)
        self.save_button = QPushButton(self.tr("Sa&ve mapping…"))
        self.save_button.clicked.connect(self._save)
        self.note = QLabel()
        self.note.setWordWrap(True)
        # a new book's currency (a merge reads amounts in the book's)
        self.currency_box = QComboBox()
        for code in sorted(MINOR_DIGITS):
            self.currency_box.addItem(code, code)
        self.currency_box.activated.connect(self._currency_chosen)
        self.currency_label = QLabel(self.tr("C&urrency:"))
        self.currency_label.setBuddy(self.currency_box)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Dates such as 03/05/2026:")))
        bottom.addWidget(self.date_box)
        bottom.addWidget(self.currency_label)
        bottom.addWidget(self.currency_box)
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.save_button)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form)
        body.addWidget(splitter, 1)
        body.addLayout(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.body, 1)

    # -- reading the files' headers ----------------------------------------------------------------
    def initializePage(self) -> None:
        wizard = self.wizard_
        key = (tuple(wizard.paths), id(wizard.loaded))
        if key == self._previewed and wizard.mapping is not None:
            self._fill()
            return
        self._previewed = key
        self._generation += 1
        # the choices so far (files were added or removed), else a loaded mapping
        generation, paths, loaded = self._generation, list(wizard.paths), wizard.mapping or wizard.loaded
        self.busy = True
        self.body.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading the headers of %1…").replace("%1", ", ".join(p.name for p in paths)))
        self.status.show()
        self.completeChanged.emit()

        def work():
            from planner.io.excel_import import preview

            return preview(paths, loaded)

        wizard.main.jobs.start(work, lambda previews: self._previewed_files(generation, previews),
                               lambda error: self._preview_failed(generation, error))

    def _previewed_files(self, generation: int, previews: list) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        wizard = self.wizard_
        wizard.previews = previews
        wizard.signature = session.signature(previews)
        given = wizard.mapping or wizard.loaded
        if wizard.mapping is None:
            wizard.remembered = False
            if given is None:
                given = wizard.remembered_mapping(wizard.signature)
                wizard.remembered = given is not None
            wizard.unknown_stages = []
        wizard.mapping = session.explicit(previews, given)
        if not wizard.into and wizard.mapping.currency is None:  # shown, so chosen: what the files say, or USD
            wizard.mapping.currency = next((p.currency for p in previews if p.currency), DEFAULT_CURRENCY)
        self.busy = False
        self.body.setEnabled(True)
        self.status.hide()
        self._fill()
        self._explain()
        self.completeChanged.emit()

    def _preview_failed(self, generation: int, error: Exception) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.busy = False
        self._previewed = None  # go back, fix the files, come again
        self.status.setStyleSheet("color: #b00020")
        self.status.setText(error_text(error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        mapping = self.wizard_.mapping
        return not self.busy and mapping is not None and any(table is not None for table in mapping.tables.values())

    # -- showing the choices -------------------------------------------------------------------
    def _fill(self) -> None:
        wizard = self.wizard_
        current = self.source_box.currentIndex()
        self.source_box.blockSignals(True)
        self.source_box.clear()
        for source in wizard.previews:
            name = f"{source.file} — {source.sheet}" if source.sheet else source.file
            self.source_box.addItem(self.tr("%1 (%2 rows)").replace("%1", name).replace("%2", f"{source.row_count:,}"))
        self.source_box.setCurrentIndex(min(max(current, 0), len(wizard.previews) - 1))
        self.source_box.blockSignals(False)
        self.date_box.setCurrentIndex(max(0, self.date_box.findData(wizard.mapping.date_order)))
        for widget in (self.currency_label, self.currency_box):
            widget.setVisible(not wizard.into)
        self.currency_box.setCurrentIndex(max(0, self.currency_box.findData(str(wizard.mapping.currency).upper())))
        if wizard.loaded_from is not None:
            self.note.setText(self.tr("Using the mapping %1").replace("%1", wizard.loaded_from.name))
        elif wizard.remembered:
            self.note.setText(self.tr("Using the mapping you chose last time for these files"))
        else:
            self.note.setText("")
        self._show_source()

    def source(self):
        index = self.source_box.currentIndex()
        return self.wizard_.previews[index] if 0 <= index < len(self.wizard_.previews) else None

    def _show_source(self) -> None:
        source = self.source()
        if source is None:
            return
        table = self.wizard_.mapping.tables.get(source.source)
        self.table_box.setCurrentIndex(self.table_box.findData(table) if table else self.table_box.count() - 1)
        self._show_source_info(source)
        self._fill_columns(source, table)
        self._fill_grid(source, table)

    def _show_source_info(self, source) -> None:
        text = self.tr("Headers in row %1; %2 rows of data").replace("%1", str(source.header_row)).replace(
            "%2", f"{source.row_count:,}")
        if source.encoding:
            text += " · " + source.encoding
        if source.hidden:
            text += " · " + self.tr("a sheet Excel hides: left out unless you choose a table for it")
        if session.order_log(self.wizard_.mapping, source):
            text += "\n" + self.tr("Read as an order log: each order is a won deal, created and closed on its "
                                    "date (the rows of one order are one deal)")
        self.info.setText(text)

    def _fill_columns(self, source, table: str | None) -> None:
        self.columns.setRowCount(len(source.headers))
        for row, header in enumerate(source.headers):
            item = QTableWidgetItem(str(header))
            item.setToolTip(str(header))
            self.columns.setItem(row, 0, item)
            if table is None:
                self.columns.removeCellWidget(row, 1)
                self.columns.removeCellWidget(row, 2)
                self.columns.setItem(row, 1, QTableWidgetItem(self.tr("(sheet skipped)")))
                self.columns.setItem(row, 2, None)
                continue
            self.columns.setItem(row, 1, None)
            # the column a header fills, and a second one it may fill too (an order's date: created and closed)
            box, also = QComboBox(), QComboBox()
            choices, seconds = [*session.targets(table), EXTRA, SKIP], [None, *session.targets(table)]
            for target in choices:
                box.addItem(target_label(table, target))
            also.addItem(self.tr("—"))
            for target in seconds[1:]:
                also.addItem(target_label(table, target))
            box.activated.connect(lambda index, header=header, choices=choices: self._column_chosen(
                header, choices[index]))
            also.activated.connect(lambda index, header=header, seconds=seconds: self._also_chosen(
                header, seconds[index]))
            self.columns.setCellWidget(row, 1, box)
            self.columns.setCellWidget(row, 2, also)
        self._show_columns(source, table)
        self.columns.resizeRowsToContents()

    def _show_columns(self, source, table: str) -> None:
        """Each header's boxes as the mapping says (another header may have given a column up)."""
        if table is None:
            return
        choices, seconds = [*session.targets(table), EXTRA, SKIP], [None, *session.targets(table)]
        for row, header in enumerate(source.headers):
            box, also = self.columns.cellWidget(row, 1), self.columns.cellWidget(row, 2)
            if box is None:
                continue
            target = session.column_of(self.wizard_.mapping, table, header)
            first, second = (target[0], target[1]) if isinstance(target, tuple) else (target, None)
            for widget, index in ((box, choices.index(first)), (also, seconds.index(second))):
                widget.blockSignals(True)
                widget.setCurrentIndex(index)
                widget.blockSignals(False)
            also.setEnabled(first not in (EXTRA, SKIP))

    def _fill_grid(self, source, table: str | None) -> None:
        grid = self.grid
        grid.clear()
        grid.setColumnCount(len(source.headers))
        grid.setRowCount(len(source.rows))
        mapping = self.wizard_.mapping
        for position, header in enumerate(source.headers):
            target = session.column_of(mapping, table, header)
            label = str(header) if table is None else f"{header}\n→ {target_label(table, target)}"
            item = QTableWidgetItem(label)
            if target == SKIP:
                item.setForeground(QBrush(LEFT_OUT))
            grid.setHorizontalHeaderItem(position, item)
        for row, values in enumerate(source.rows):
            for position, value in enumerate(values[:len(source.headers)]):
                item = QTableWidgetItem(value)
                if session.column_of(mapping, table, source.headers[position]) == SKIP:
                    item.setForeground(QBrush(LEFT_OUT))
                grid.setItem(row, position, item)
        grid.resizeColumnsToContents()
        for position in range(grid.columnCount()):
            grid.setColumnWidth(position, min(grid.columnWidth(position), 260))

    # -- the user's choices -------------------------------------------------------------------------
    def _table_chosen(self, index: int) -> None:
        source = self.source()
        if source is None:
            return
        session.set_table(self.wizard_.mapping, source, self.table_box.itemData(index))
        self._show_source()
        self._explain()
        self.completeChanged.emit()

    def _explain(self) -> None:
        """Say why Next is disabled when no sheet goes to a table: the files hold no rows, or
        every sheet is skipped."""
        wizard = self.wizard_
        if self.busy or wizard.mapping is None:
            return
        empty = [f"{source.file} — {source.sheet}" if source.sheet else source.file
                 for source in wizard.previews if not source.row_count]
        if wizard.previews and len(empty) == len(wizard.previews):  # said even when a sheet has a table
            text = self.tr("No rows of data in %1: there is nothing to import. Go back and choose a file "
                           "with rows under its headers.").replace("%1", ", ".join(empty))
        elif self.isComplete():
            self.status.hide()
            return
        elif any(source.data_model for source in wizard.previews) and not any(p.table for p in wizard.previews):
            files = ", ".join(dict.fromkeys(source.file for source in wizard.previews if source.data_model))
            text = QCoreApplication.translate("errors", PIVOT_ONLY).format(files=files)
            text = text[:1].upper() + text[1:]  # a sentence of its own here
        elif not any(source.table for source in wizard.previews):  # nothing recognised: what would be
            files = ", ".join(dict.fromkeys(source.file for source in wizard.previews))
            text = self.tr("No sheet of %1 has the headers of a table of the book, such as %2. Choose a table in "
                           "“Goes to” and, below, the book column each header fills (Save mapping keeps the "
                           "choice for next time, and for planner import --mapping).").replace("%1", files).replace(
                "%2", Expected().translated(QCoreApplication.translate))
        else:
            text = self.tr("Every sheet is skipped: choose a table in “Goes to” for at least one.")
        self.status.setStyleSheet("color: #b00020")
        self.status.setText(text)
        self.status.show()

    def choose_table(self, table: str | None) -> None:
        """Send the shown sheet to ``table`` (None: skip it), as picking it in the box does."""
        index = self.table_box.findData(table) if table else self.table_box.count() - 1
        self.table_box.setCurrentIndex(index)
        self._table_chosen(index)

    def _column_chosen(self, header: str, target: str | None) -> None:
        """The first column of ``header`` chosen: the second one it filled stays, unless it is this one."""
        source = self.source()
        table = self.wizard_.mapping.tables.get(source.source)
        before = session.column_of(self.wizard_.mapping, table, header)
        second = before[1] if isinstance(before, tuple) else None
        if target not in (EXTRA, SKIP) and second not in (None, target):
            target = (target, second)
        self._set(source, table, header, target)

    def _also_chosen(self, header: str, second: str | None) -> None:
        """The second column ``header`` fills (None: none)."""
        source = self.source()
        table = self.wizard_.mapping.tables.get(source.source)
        before = session.column_of(self.wizard_.mapping, table, header)
        first = before[0] if isinstance(before, tuple) else before
        self._set(source, table, header, first if second in (None, first) else (first, second))

    def _set(self, source, table: str, header: str, target) -> None:
        session.set_column(self.wizard_.mapping, source, header, target)
        self._show_columns(source, table)
        self._show_source_info(source)
        self._fill_grid(source, table)

    def choose_column(self, header: str, target) -> None:
        """Map ``header`` of the shown sheet to ``target`` (a column, or two as a tuple), as picking
        them in its boxes does."""
        source = self.source()
        table = self.wizard_.mapping.tables.get(source.source)
        row = list(source.headers).index(header)
        first, second = (target[0], target[1]) if isinstance(target, tuple) else (target, None)
        box, also = self.columns.cellWidget(row, 1), self.columns.cellWidget(row, 2)
        index = [*session.targets(table), EXTRA, SKIP].index(first)
        box.setCurrentIndex(index)
        box.activated.emit(index)
        index = [None, *session.targets(table)].index(second)
        also.setCurrentIndex(index)
        also.activated.emit(index)

    def _date_order_chosen(self, index: int) -> None:
        self.wizard_.mapping.date_order = self.date_box.itemData(index)

    def _currency_chosen(self, index: int) -> None:
        self.wizard_.mapping.currency = self.currency_box.itemData(index)

    def _save(self) -> None:
        try:
            path = self.wizard_.save_mapping()
        except Exception as error:  # noqa: BLE001 - an unwritable place: say why
            self.note.setText(error_text(error))
            return
        if path:
            self.note.setText(self.tr("Mapping saved to %1").replace("%1", path))
