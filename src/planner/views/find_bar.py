"""Finding in a sheet: the find bar above it, and which cells match what is looked for."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from planner.core.schema import Kind

if TYPE_CHECKING:
    from planner.qt.book_model import BookTableModel
    from planner.views.sheet_view import SheetView


def matching_cells(model: BookTableModel, columns: list[int], text: str,
                   shown: Callable[[int, int], str]) -> np.ndarray:
    """Which cells of ``columns`` (view rows × those columns) show ``text`` (case-folded),
    ``shown(row, column)`` being a cell's text; plain text columns are searched as stored."""
    order = np.arange(len(model.frame)) if model._order is None else model._order
    hits = np.zeros((model.shown_rows(), len(columns)), dtype=bool)
    for n, column in enumerate(columns):
        spec_column = model.spec_column(column)
        if spec_column is not None and spec_column.kind is Kind.TEXT and not spec_column.allowed:
            cells = model.frame.iloc[order, column].reset_index(drop=True)  # plain text: as stored
        else:
            cells = pd.Series([shown(row, column) for row in range(model.shown_rows())], dtype="string")
        hits[:, n] = cells.astype("string").str.casefold().str.contains(text, regex=False).fillna(
            False).to_numpy(dtype=bool)
    return hits


class FindBar(QWidget):
    """Find in the current sheet: Enter for the next match, Shift+Enter for the one before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: SheetView | None = None
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Find in this sheet"))
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(lambda: self.find(True))
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(self.tr("Find:")))
        layout.addWidget(self.field, 1)
        for text, forward in ((self.tr("Next"), True), (self.tr("Previous"), False)):
            button = QToolButton()
            button.setText(text)
            button.clicked.connect(lambda _checked=False, f=forward: self.find(f))
            layout.addWidget(button)
        layout.addWidget(close)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.hide)
        self.addAction(escape)
        self.hide()

    def open_for(self, view: SheetView) -> None:
        self.view = view
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def find(self, forward: bool) -> None:
        modifiers = QApplication.keyboardModifiers()
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            forward = not forward
        if self.view is not None:
            self.view.find(self.field.text(), forward)

    def hideEvent(self, event) -> None:
        if self.view is not None:
            self.view.setFocus()
        super().hideEvent(event)


def sheet_pane(view: SheetView, find_bar: FindBar, *above: QWidget) -> QWidget:
    """A sheet with the find bar (and any bars given) above it."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for bar in above:
        layout.addWidget(bar)
    layout.addWidget(find_bar)
    layout.addWidget(view)
    return pane
