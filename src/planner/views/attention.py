"""The "Needs attention" list: stalled and slipped deals, most severe first.

Double-click a deal (or press Enter on it) to open it in the Deals sheet.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from planner.core.attention import needs_attention
from planner.core.report import Report
from planner.qt.health_marks import flags_of, reasons, tint
from planner.views.table_view import SIZE_SAMPLE_ROWS

RowIdRole = Qt.ItemDataRole.UserRole + 3  # the deal's row id in the book


class AttentionModel(QAbstractTableModel):
    """The rows of :func:`planner.core.attention.needs_attention`, read-only."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.frame = needs_attention(None, None, None)
        self._columns: dict[str, list] = {}  # the frame's columns, read per cell without pandas
        self._ids: list[int] = []
        self._reasons: dict[int, str] = {}  # worded when a row is first shown, not for thousands
        self._headers = [self.tr("Deal"), self.tr("Owner"), self.tr("Stage"), self.tr("Days in stage"),
                         self.tr("Why")]

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame
        self._columns = {name: frame[name].tolist() for name in frame.columns}
        self._ids, self._reasons = frame.index.tolist(), {}
        self.endResetModel()

    def _record(self, row: int) -> dict:
        return {name: values[row] for name, values in self._columns.items()}

    def _why(self, row: int) -> str:
        if row not in self._reasons:
            self._reasons[row] = "; ".join(reasons(self._record(row)))
        return self._reasons[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record, column = self._record(index.row()), index.column()
        if role == RowIdRole:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                name = record["name"]
                return record["id"] if pd.isna(name) or not name else f"{record['id']} · {name}"
            if column == 1:
                return "" if pd.isna(record["owner"]) else str(record["owner"])
            if column == 2:
                return str(record["stage"])
            if column == 3:
                days = record["days_in_stage"]
                return "" if pd.isna(days) else f"{int(days):,}"
            return self._why(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._why(index.row()).replace("; ", "\n")
        if role == Qt.ItemDataRole.BackgroundRole:
            return tint(flags_of(record))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AttentionPanel(QWidget):
    """The list with its count in the title; ``open_deal`` gives the row id of the deal to show."""

    open_deal = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AttentionModel(self)
        self.title = QLabel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)  # thousands of deals: sample
        self.view.setToolTip(self.tr("Double-click a deal (or press Enter) to open it in Deals"))
        self.view.activated.connect(self._open)  # a double-click (or a click, where the style says so) or Enter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        self.show_report(None, None)

    def show_report(self, book, report: Report | None) -> None:
        """List the flagged deals of ``report``, named from ``book`` (the snapshot it was computed on)."""
        frame = needs_attention(book, report.deal_health, report.as_of) if report is not None and book is not None \
            else needs_attention(None, None, None)
        self.model.set_frame(frame)
        self.title.setText("<b>%s</b>" % self.tr("Needs attention (%1)").replace("%1", f"{len(frame):,}"))
        if len(frame):
            self.view.resizeColumnsToContents()
            for column in range(self.model.columnCount() - 1):
                self.view.setColumnWidth(column, min(self.view.columnWidth(column), 280))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_deal.emit(int(self.model.data(index, RowIdRole)))
