"""The spreadsheet-like table view used for every sheet and result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QFrame, QHeaderView, QLabel, QScrollArea,
                               QTableView, QVBoxLayout, QWidget)

from planner.qt.table_model import FrameTableModel

# Rows sampled when sizing columns to their contents; measuring every row of a large book
# would format millions of cells.
SIZE_SAMPLE_ROWS = 60
# Editors closed with these move to the next or previous cell (sheets move themselves)
_MOVES = (QAbstractItemDelegate.EndEditHint.EditNextItem, QAbstractItemDelegate.EndEditHint.EditPreviousItem)


class BookTableView(QTableView):
    """A sortable grid with spreadsheet defaults."""

    def __init__(self, model: FrameTableModel, parent: QWidget | None = None, fit_on_reset: bool = True) -> None:
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
        if fit_on_reset:  # results: sized to each new result (sheets keep the user's widths)
            model.modelReset.connect(self.fit_when_shown)
        self.fit_when_shown()

    def after_edit(self, hint) -> None:
        """An editor closed with ``hint`` (sheets move on: Enter down, Tab right)."""

    def released(self, editor) -> bool:
        """Whether a model reset let ``editor`` go (sheets: its value is in already)."""
        return False

    def fit_columns(self) -> None:
        self.resizeColumnsToContents()
        for column in range(self.model().columnCount()):
            if self.columnWidth(column) > 320:
                self.setColumnWidth(column, 320)

    _fit_pending = False  # columns to size to their contents when next shown

    def fit_when_shown(self) -> None:
        """Size columns to the rows shown: now when the view is on screen, else when it is
        next shown (the tables of the other tabs are not measured while the grid or the
        results wait)."""
        self._fit_pending = True
        if self.isVisible():
            self._fit()

    def _fit(self) -> None:
        self._fit_pending = False
        self.fit_columns()

    def showEvent(self, event) -> None:
        if self._fit_pending:
            self._fit()
        super().showEvent(event)


class FrozenColumn(QTableView):
    """The first column of ``view`` kept in place while the rest scrolls sideways (Qt's
    frozen-column example): a second view over the same model and selection, laid over it."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.setModel(view.model())
        self.setSelectionModel(view.selectionModel())
        # its own delegate: one shared by two views would commit each edit twice
        self.setItemDelegate(type(view.itemDelegate())(self))
        self.setEditTriggers(view.editTriggers())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(view.verticalScrollMode())
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setStyleSheet("QTableView { border: none; border-right: 1px solid palette(mid); }")
        self.verticalHeader().setDefaultSectionSize(view.verticalHeader().defaultSectionSize())
        view.viewport().stackUnder(self)
        view.horizontalHeader().sectionResized.connect(self._resized)
        view.verticalHeader().sectionResized.connect(lambda row, _old, size: self.setRowHeight(row, size))
        self.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        view.model().modelReset.connect(self._columns_changed)
        view.model().layoutChanged.connect(self._columns_changed)
        self._columns_changed()
        self.show()

    def closeEditor(self, editor, hint) -> None:
        """Enter and Tab move as in the rest of the sheet (this view shows one column only), and
        the keyboard goes back to the sheet (Qt would leave it nowhere, this view taking no focus)."""
        if not self.view.released(editor):
            had_focus = editor.hasFocus()
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if hint in _MOVES else hint)
            if had_focus:
                self.view.setFocus()
        self.view.after_edit(hint)

    def commitData(self, editor) -> None:
        if not self.view.released(editor):
            super().commitData(editor)

    def _columns_changed(self) -> None:
        for column in range(1, self.model().columnCount()):
            self.setColumnHidden(column, True)
        self.setColumnWidth(0, self.view.columnWidth(0))
        self.place()

    def _resized(self, column: int, _old: int, size: int) -> None:
        if column == 0:
            self.setColumnWidth(0, size)
            self.place()

    def place(self) -> None:
        view = self.view
        self.setGeometry(view.verticalHeader().width() + view.frameWidth(), view.frameWidth(),
                         view.columnWidth(0), view.viewport().height() + view.horizontalHeader().height())


def titled(title: str, view: QWidget) -> QWidget:
    """``view`` under a bold caption, for tabs that stack several tables."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    caption = QLabel(f"<b>{title}</b>")
    caption.setWordWrap(True)  # a long caption wraps rather than widen its table or run into the next
    layout.addWidget(caption)
    layout.addWidget(view)
    return box


def scrolled(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area: as tall as the space it is given, scrolled when
    the window is smaller than its minimum (a tab must never make the window taller than a
    laptop's screen)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area
