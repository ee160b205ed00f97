"""An editable table model over one table of a living book.

``setData`` is a request (tabulous ``_item_model.py``): the typed text is parsed and checked
by the core, then the change goes to ``push`` (which applies it through the book's edit API
and puts it on the undo stack). A refusal returns False, leaves the cell as it was, and emits
``refused`` with the message for the view to show; the model never opens a dialog. The model
follows the book's events: changed cells are refreshed by row id, whatever the sort or filter.

A model may show the rows of one parent only (:meth:`BookTableModel.show_rows_of`: the Plans
tab shows a plan's tiers); rows added through it refer to that parent.

The Deals model also shows the deals' health from the latest report (a tint and a tooltip
per stalled or slipped deal, by row id) and filters by it. Before an edit is pushed, ``hold``
may take it: the window asks for a stage's exit criteria that way, and pushes it (or not)
once the user has answered.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QApplication, QStyle

from planner.core import schema, sheet_edits
from planner.core.book import Book
from planner.core.changes import Change, Changed, DeleteRows, SetValues, atoms
from planner.core.errors import PlannerError
from planner.core.money import currency_of
from planner.core.problems import Problem
from planner.core.schema import Kind
from planner.qt.health_marks import FILTERS, HealthMarks, HealthRole, tint
from planner.qt.i18n import error_text
from planner.qt.table_model import FrameTableModel

Push = Callable[[Change, str], object]  # apply a change as one undo step (raises Refused)
# (book, change, push it) -> True when it takes the change, to push it later or never
Hold = Callable[[Book, SetValues, Callable[[], None]], bool]


class BookTableModel(FrameTableModel):
    """One input table of a book (Deals, Reps, ...), editable cell by cell."""

    refused = Signal(str)  # a typed value did not fit: what was expected
    health_changed = Signal()  # new health marks or another health filter

    _health = HealthMarks()
    _health_filter = "all"
    owner: tuple[str, int | None] | None = None  # (reference column, parent row id): its rows only
    _blank = False

    def __init__(self, spec: schema.Table, parent=None) -> None:
        super().__init__(spec, parent=parent)
        self.book: Book | None = None
        self._push: Push | None = None
        self._unsubscribe = None
        self._problems: dict[tuple[int, str], list[str]] = {}
        self._read_only = False
        self.hold: Hold | None = None
        self.added: int | None = None  # the row the last empty row's edit added (the cursor goes there)

    def attach(self, book: Book | None, push: Push | None, read_only: bool = False) -> None:
        """Show ``book``'s table and follow its changes; edits go to ``push``."""
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None
        self.book, self._push, self._read_only = book, push, read_only
        self._problems = {}
        self._health = HealthMarks()
        self.blank_row = book is not None and push is not None and not read_only  # Excel's last empty row
        if book is None:
            self.set_frame(self.spec.empty())
            return
        self._unsubscribe = book.subscribe(self._on_changed)
        self.set_frame(book[self.spec.name], currency_of(book), book.references(self.spec.name))

    @property
    def blank_row(self) -> bool:
        """Excel's last empty row: on an editable sheet, unless it shows the rows of no parent."""
        return self._blank and (self.owner is None or self.owner[1] is not None)

    @blank_row.setter
    def blank_row(self, shown: bool) -> None:
        self._blank = shown

    def show_rows_of(self, column: str | None, parent: int | None = None) -> None:
        """Show only the rows whose reference ``column`` holds row id ``parent`` (None: no row;
        ``column`` None: every row). Rows added here (typed into the last empty row, inserted,
        pasted past the last row) refer to ``parent``."""
        self.beginResetModel()  # the row count changes, the last empty row with it (views remember
        self.owner = None if column is None else (column, parent)  # their cursor before the change)
        self._order = self._view_order()
        self.endResetModel()

    def new_row_values(self, count: int) -> dict[str, list]:
        """What rows added through this model hold before anything is typed: the parent it shows."""
        return {} if self.owner is None or self.owner[1] is None else {self.owner[0]: [self.owner[1]] * count}

    def row_id(self, view_row: int) -> int:
        return int(self._frame.index[self.source_row(view_row)])

    def column_name(self, column: int) -> str:
        return str(self._frame.columns[column])

    def column_kind(self, column: int) -> Kind:
        return self._kinds[column]

    def spec_column(self, column: int) -> schema.Column | None:
        """The schema's column shown at ``column`` (None for a user's own column)."""
        name = self.column_name(column)
        return self.spec.column(name) if name in self.spec.names else None

    # -- following the book --------------------------------------------------------------
    def _on_changed(self, event: Changed) -> None:
        name = self.spec.name
        refers = {column.ref for column in self.spec.refs}
        if event.table != name:
            if event.table in refers:  # a rep renamed, a stage added: names shown here change
                self._references = self.book.references(name)
                self._columns.clear()
                self._cells_changed(None)
            return
        if event.kind == "values":
            self._frame = self.book[name]
            changed = {list(self._frame.columns).index(c) for c in event.columns if c in self._frame.columns}
            for column in changed:
                self._columns.pop(column, None)
            if self._currency_depends_on(event.columns):
                self._columns.clear()
            if self.owner is not None and self.owner[0] in event.columns:  # a row moved to another parent
                self.set_frame(self.book[name], currency_of(self.book), self.book.references(name))
                return
            rows = self._frame.index.get_indexer(event.rows)
            self._cells_changed(self.view_rows(rows[rows >= 0]))
        else:  # rows came or went: the view keeps its sort, filters and selected records
            self.set_frame(self.book[name], currency_of(self.book), self.book.references(name))

    def _currency_depends_on(self, columns) -> bool:
        return any(c.currency_column in columns for c in self.spec.columns if c.currency_column)

    def _cells_changed(self, view_rows: np.ndarray | None) -> None:
        if not self.rowCount() or not self.columnCount():
            return
        if view_rows is None:
            first, last = 0, self.rowCount() - 1
        else:
            shown = view_rows[view_rows >= 0]
            if not len(shown):
                return
            first, last = int(shown.min()), int(shown.max())
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def set_problems(self, problems: list[Problem]) -> None:
        """Flag the cells that have problems (icon and tooltip, not colour alone)."""
        cells: dict[tuple[int, str], list[str]] = {}
        for problem in problems:
            if problem.table == self.spec.name and problem.row is not None:
                text = problem.translated(QCoreApplication.translate, by_key=False).split(": ", 1)[-1]
                for column in (problem.column or "").split(", "):
                    cells.setdefault((problem.row, column), []).append(text)
        if cells or self._problems:
            self._problems = cells
            self._cells_changed(None)

    # -- deal health -------------------------------------------------------------------------
    def set_health(self, health: pd.DataFrame | None) -> None:
        """Mark the deals ``health`` flags (a report's ``deal_health``, by row id; None: none)."""
        expected = self._frame["expected_close"] if "expected_close" in self._frame else None
        self._health = HealthMarks(health, expected)
        if self._health_filter != "all":
            self._relayout()
        else:
            self._cells_changed(None)
        self.health_changed.emit()

    @property
    def health(self) -> HealthMarks:
        return self._health

    @property
    def health_filter(self) -> str:
        return self._health_filter

    def set_health_filter(self, which: str) -> None:
        """Show all rows, or only those ``which`` flags ("attention": stalled or slipped)."""
        if which not in FILTERS:
            raise ValueError(which)
        if which != self._health_filter:
            self._health_filter = which
            self._relayout()
            self.health_changed.emit()

    @property
    def filtered(self) -> bool:
        return super().filtered or self._health_filter != "all"

    def clear_filters(self) -> None:
        changed = self._health_filter != "all"
        self._health_filter = "all"
        super().clear_filters()
        if changed:
            self.health_changed.emit()

    def _view_order(self) -> np.ndarray | None:
        order = super()._view_order()
        if self.owner is not None:
            column, parent = self.owner
            mine = (self._frame[column] == parent).to_numpy(dtype=bool, na_value=False) if parent is not None \
                else np.zeros(len(self._frame), dtype=bool)
            order = np.arange(len(self._frame)) if order is None else order
            order = order[mine[order]]
        if self._health_filter == "all":
            return order
        shown = self._frame.index.isin(self._health.rows(self._health_filter))
        order = np.arange(len(self._frame)) if order is None else order
        return order[shown[order]]

    # -- Qt model interface ----------------------------------------------------------------
    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and not self._read_only and self._push is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.is_blank(index.row()):
            return None
        if role in (Qt.ItemDataRole.BackgroundRole, HealthRole) and self._health.flags:
            flags = self._health.flags.get(self.row_id(index.row()), ())
            return flags if role == HealthRole else tint(flags)
        if role == Qt.ItemDataRole.ToolTipRole and self._health.flags:
            tip = self._health.tip(self.row_id(index.row()))
            if tip:
                other = self._tooltip(index)
                return tip if not other else f"{other}\n{tip}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index)
        if role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            row_id, name = self.row_id(index.row()), self.column_name(index.column())
            unresolved = self._unresolved(name).get(row_id)
            problems = self._problems.get((row_id, name))
            if role == Qt.ItemDataRole.DecorationRole and (problems or unresolved is not None):
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) and unresolved is not None:
                return unresolved  # kept as the user gave it, flagged until it is fixed
            if role == Qt.ItemDataRole.EditRole:
                return self._edit_text(index)
        return super().data(index, role)

    def _tooltip(self, index: QModelIndex) -> str | None:
        """A cell's problems, else the id a reference names, else a long text in full."""
        row_id, name = self.row_id(index.row()), self.column_name(index.column())
        problems = self._problems.get((row_id, name))
        if problems:
            return "\n".join(problems)
        if self._kinds[index.column()] is Kind.REF:
            native = super().data(index, Qt.ItemDataRole.EditRole)
            return None if native is None else self._ref_key(name, native)
        return super().data(index, Qt.ItemDataRole.ToolTipRole)

    def _unresolved(self, name: str) -> dict[int, str]:
        return self.book.unresolved(self.spec.name, name) if self.book is not None else {}

    def _ref_key(self, name: str, row_id: int) -> str | None:
        """The user's own id of the row a reference cell names (shown in its tooltip)."""
        target = self.spec.column(name).ref
        key = self.book.keys(target).get(row_id)
        return None if key is None or pd.isna(key) else str(key)

    def _edit_text(self, index: QModelIndex) -> str:
        """What an editor starts with: the cell as shown (money with separators, 35%, 2026-03-05)."""
        return super().data(index, Qt.ItemDataRole.DisplayRole) or ""

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._push is None or self._read_only:
            return False
        name = self.column_name(index.column())
        header = self.headerData(index.column(), Qt.Orientation.Horizontal)
        if self.is_blank(index.row()):  # typing in the last empty row adds a row: one undo step
            try:
                change = sheet_edits.new_rows(self.book, self.spec.name, {**self.new_row_values(1), name: [value]},
                                              QCoreApplication.translate)
            except PlannerError as error:
                self.refused.emit(error_text(error))
                return False
            inverse = self._push_or_refuse(change, QCoreApplication.translate("BookTableModel", "New row (%1)").replace(
                "%1", header))
            if inverse is None:
                return False
            # the row's real id (the change planned it with a provisional one): the cursor goes there
            self.added = next(int(atom.ids[0]) for atom in atoms(inverse)
                              if isinstance(atom, DeleteRows) and atom.table == self.spec.name)
            return True
        row_id = self.row_id(index.row())
        try:
            change = sheet_edits.typed(self.book, self.spec.name, {name: [value]}, [row_id], QCoreApplication.translate)
        except PlannerError as error:
            self.refused.emit(error_text(error))
            return False
        text = QCoreApplication.translate("BookTableModel", "Edit %1").replace("%1", header)
        book = self.book
        if self.hold is not None and self.hold(book, change, lambda: self.book is book and self._push_or_refuse(
                change, text)):
            return False  # pushed later, when the user confirms (if the book is still shown)
        return self._push_or_refuse(change, text) is not None

    def _push_or_refuse(self, change: Change, text: str) -> Change | None:
        """Push ``change`` as one undo step; its inverse, or None when it was refused (said so)."""
        try:
            return self._push(change, text)
        except PlannerError as error:
            self.refused.emit(error_text(error))
            return None

    def _sort_values(self, column: int) -> pd.Series:
        """Stages sort in pipeline order, not alphabetically."""
        name = self._frame.columns[column]
        if self.book is not None and name in self.spec.names and self.spec.column(name).ref == "Stages":
            order = self.book["Stages"]["order"]
            return self._frame.iloc[:, column].reset_index(drop=True).map(order).astype("Float64")
        return super()._sort_values(column)
