"""The Leads tab: the leads and the scoring rules as editable sheets, every lead's score beside
them, the threshold, and "Convert to deals" for the qualified leads selected."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSpinBox, QSplitter, QVBoxLayout, QWidget,
)

from planner.core.book import Book
from planner.core.errors import PlannerError
from planner.core.leads import LEAD_SCORES, convert_leads, score_leads, summary, threshold_change
from planner.qt.i18n import error_text
from planner.qt.table_model import FrameTableModel
from planner.views.sheet_view import SheetView
from planner.views.table_view import BookTableView, titled

THRESHOLD_RANGE = 1_000_000  # a QSpinBox holds 32-bit integers; no real threshold comes near


class LeadsPanel(QWidget):
    """Leads and rules (editable), scores best first, the threshold and the conversion."""

    status = Signal(str)  # a short message for the status bar

    def __init__(self, leads_sheet: SheetView, leads_pane: QWidget, rules_pane: QWidget,
                 push: Callable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.leads_sheet, self.push = leads_sheet, push  # push(change, text): one undo step
        self.book: Book | None = None
        # how a refusal is shown; tests answer it without a modal dialog
        self.tell: Callable[[str, str], None] = lambda title, text: QMessageBox.warning(self, title, text)
        self.scores_model = FrameTableModel(LEAD_SCORES, parent=self)
        self.scores = BookTableView(self.scores_model)
        self.scores.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.scores.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # convert what was selected last: rows of the scores, or of the Leads sheet
        self._chosen_in = self.scores
        self.scores.selectionModel().selectionChanged.connect(lambda *_: self._chose(self.scores))
        leads_sheet.selectionModel().selectionChanged.connect(lambda *_: self._chose(leads_sheet))

        self.threshold = QSpinBox()
        self.threshold.setRange(-THRESHOLD_RANGE, THRESHOLD_RANGE)
        self.threshold.setKeyboardTracking(False)  # typed digits count once, on Enter
        self.threshold.setToolTip(self.tr("Leads scoring this many points or more are sales-qualified "
                                          "(the lead_threshold setting)"))
        self.threshold.valueChanged.connect(self._threshold_changed)
        self.summary = QLabel()
        # what the last conversion made, shown until the book changes again
        self.note = QLabel()
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._note_revision: int | None = None
        self.convert_button = QPushButton(self.tr("Convert to deals"))
        self.convert_button.setToolTip(self.tr("Make an open deal of each qualified lead selected, owned by "
                                               "the lead's owner, in the first open stage"))
        self.convert_button.clicked.connect(self.convert_selected)

        line = QHBoxLayout()
        line.addWidget(QLabel(self.tr("Qualified at")))
        line.addWidget(self.threshold)
        line.addWidget(QLabel(self.tr("points or more")))
        line.addStretch(1)
        line.addWidget(self.convert_button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(line)
        column.addWidget(self.summary)
        column.addWidget(self.note)
        column.addWidget(titled(self.tr("Scores, best first"), self.scores), 1)

        sheets = QSplitter(Qt.Orientation.Vertical)
        sheets.addWidget(titled(self.tr("Leads"), leads_pane))
        sheets.addWidget(titled(self.tr("Scoring rules: points per signal"), rules_pane))
        sheets.setSizes([560, 200])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(sheets)
        splitter.addWidget(right)
        splitter.setSizes([680, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _chose(self, view) -> None:
        if view.selectionModel().hasSelection():
            self._chosen_in = view

    def refresh(self, book: Book | None, editable: bool = True) -> None:
        """Show the scores of ``book`` as it stands."""
        self.book = book
        if book is None or book.revision != self._note_revision:
            self.note.clear()
            self.note.hide()
        self.threshold.setEnabled(book is not None and editable)
        self.convert_button.setEnabled(book is not None and editable)
        if book is None:
            self.scores_model.set_frame(LEAD_SCORES.empty())
            self.summary.setText("")
            return
        snapshot = book.snapshot()
        self.scores_model.set_frame(score_leads(snapshot).sort_values("score", ascending=False, kind="stable"))
        counts = summary(snapshot)
        self.threshold.blockSignals(True)
        self.threshold.setValue(max(-THRESHOLD_RANGE, min(THRESHOLD_RANGE, counts["threshold"])))
        self.threshold.blockSignals(False)
        self.summary.setText(self.tr("%1 of %2 leads qualified · %3 converted to deals").replace(
            "%1", f"{counts['qualified']:,}").replace("%2", f"{counts['count']:,}").replace(
            "%3", f"{counts['converted']:,}"))

    def selected_leads(self) -> list[int]:
        """Row ids of the leads selected last (in the scores or on the Leads sheet)."""
        if self._chosen_in is self.leads_sheet:
            return [self.leads_sheet.sheet.row_id(row) for row in self.leads_sheet.selected_rows()]
        rows = sorted({index.row() for index in self.scores.selectionModel().selectedIndexes()})
        index = self.scores_model.frame.index
        return [int(index[self.scores_model.source_row(row)]) for row in rows]

    def convert_selected(self) -> None:
        """Turn the selected leads into deals as one undo step, or say why not."""
        leads = self.selected_leads()
        if self.book is None:
            return
        if not leads:
            self.tell(self.tr("Convert to deals"), self.tr("Select the qualified leads to convert, in the scores "
                                                           "or on the Leads sheet."))
            return
        try:
            change = convert_leads(self.book, leads)
            self.push(change, self.tr("Convert %n lead(s) to deals", "", len(leads)))
        except PlannerError as error:
            self.tell(self.tr("Not converted"), error_text(error))
            return
        message = self.tr("New deals: %1").replace("%1", ", ".join(change.changes[0].rows["id"]))
        self._note_revision = self.book.revision
        self.refresh(self.book)
        self.note.setText(message)
        self.note.show()
        self.status.emit(message)

    def _threshold_changed(self, value: int) -> None:
        if self.book is None:
            return
        try:
            self.push(threshold_change(self.book, value), self.tr("Set the lead threshold to %1").replace(
                "%1", str(value)))
        except PlannerError as error:
            self.tell(self.tr("Lead threshold"), error_text(error))
        self.refresh(self.book)
