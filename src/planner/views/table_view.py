"""The spreadsheet-like table view used for every sheet and result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from planner.qt.table_model import FrameTableModel

# Rows sampled when sizing columns to their contents; measuring every row of a large book
# would format millions of cells.
SIZE_SAMPLE_ROWS = 60


class BookTableView(QTableView):
    """A sortable grid with spreadsheet defaults."""

    def __init__(self, model: FrameTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        header = self.horizontalHeader()
        # no sort column before sorting is enabled, or Qt sorts by column 0 at once
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        model.modelReset.connect(self.fit_columns)
        self.fit_columns()

    def fit_columns(self) -> None:
        self.resizeColumnsToContents()
        for column in range(self.model().columnCount()):
            if self.columnWidth(column) > 320:
                self.setColumnWidth(column, 320)


def titled(title: str, view: QWidget) -> QWidget:
    """``view`` under a bold caption, for tabs that stack several tables."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    caption = QLabel(f"<b>{title}</b>")
    layout.addWidget(caption)
    layout.addWidget(view)
    return box
