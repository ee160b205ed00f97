"""An editable sheet: spreadsheet keys, clipboard, rows, fill down, find and filters.

Every change a user makes here becomes one change of the book, applied through its edit API
and pushed as one undo step (``push``): a paste of a block, with the rows it grows, is one
step; a refused paste changes nothing and lists every cell that did not fit.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import shiboken6
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QMimeData, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QApplication, QMenu, QMessageBox, QTabWidget, QWidget,
)

from planner.core import sheet_edits
from planner.core.changes import Batch
from planner.core.errors import PlannerError
from planner.core.problems import Refused
from planner.qt.book_model import BookTableModel
from planner.qt.clipboard import fit_block, format_html, format_tsv, parse_html, parse_tsv
from planner.qt.delegates import CellDelegate
from planner.qt.i18n import error_text
from planner.qt.table_model import NativeRole
from planner.views.column_widths import SheetWidths
from planner.views.find_bar import FindBar, matching_cells, sheet_pane
from planner.views.refusals import MAX_LISTED, refused_cells
from planner.views.table_view import BookTableView, FrozenColumn

__all__ = ["FindBar", "SheetView", "release_clipboard", "sheet_pane"]  # FindBar and sheet_pane: moved, still here

_MOVES = (QAbstractItemDelegate.EndEditHint.EditNextItem, QAbstractItemDelegate.EndEditHint.EditPreviousItem)


_COPIED = False  # whether this process put mime data of its own on the clipboard


def release_clipboard() -> None:
    """Hand the clipboard back as plain text while Python still runs.

    Mime data made in Python is deleted by Qt's own exit code after the interpreter has gone,
    which crashes; replaced here, it is deleted now, and the copied text stays pasteable.
    """
    clipboard = QApplication.clipboard()
    data = clipboard.mimeData()
    if _COPIED and data is not None and data.hasText():
        clipboard.setText(data.text())


class SheetView(SheetWidths, BookTableView):
    """A grid over one table of the book that edits like a spreadsheet."""

    status = Signal(str)  # a short message for the status bar

    def __init__(self, model: BookTableModel, push: Callable, parent: QWidget | None = None) -> None:
        super().__init__(model, parent, fit_on_reset=False)
        self.push = push  # (change, text) -> inverse; raises Refused when a value does not fit
        self.setItemDelegate(CellDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.frozen = FrozenColumn(self)  # the id column stays in view while the rest scrolls
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._cell_menu)
        header = self.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        model.refused.connect(self.refuse)
        # rows coming and going reset the model: keep the cursor and selection on their records
        model.modelAboutToBeReset.connect(self._remember_cursor)
        model.modelAboutToBeReset.connect(self._release_editor)
        self._released: set[int] = set()  # editors let go by a reset, by address, until deleted
        self._refocus = False
        model.modelReset.connect(self._restore_cursor)
        self._cursor: tuple | None = None
        self.context_actions: list[QAction | None] = []  # the window's Edit actions, for the menu
        self.before_show: Callable[[int], None] | None = None  # (row id) before show_row shows it: its parent
        # how a refusal is shown; tests answer it without a modal dialog
        self.show_refusal: Callable[[str, list[str]], None] = self._refusal_box

    @property
    def sheet(self) -> BookTableModel:
        return self.model()

    def _remember_cursor(self) -> None:
        current = self.currentIndex()
        if not current.isValid():
            self._cursor = None
            return
        rows = self.selected_rows()
        current_id = None if self.sheet.is_blank(current.row()) else self.sheet.row_id(current.row())
        self._cursor = (current_id, current.row(), current.column(),
                        [self.sheet.row_id(row) for row in rows if row < self.sheet.shown_rows()])

    def _restore_cursor(self) -> None:
        if self._refocus:
            self._refocus = False
            self.setFocus()
        if self._cursor is None or not self.model().rowCount():
            return
        current_id, row, column, selected = self._cursor
        self._cursor = None
        frame_rows = self.sheet.frame.index.get_indexer([-1 if current_id is None else current_id])
        view = self.sheet.view_rows(frame_rows[frame_rows >= 0]) if (frame_rows >= 0).any() else []
        # the same record if it is still there, else the row that took its place
        if len(view) and view[0] >= 0:
            target = int(view[0])
        elif current_id is None and self.sheet.blank_row:  # it stays on the last empty row
            target = self.sheet.shown_rows()
        else:  # the row that took its place
            target = min(row, self.model().rowCount() - 1)
        self.setCurrentIndex(self.model().index(target, column))

    # -- keys ------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key = event.key()
        if self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_cells()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter moves down, as in Excel
                self._move(1 if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier else -1)
                return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:
        if not self.released(editor):  # (a reset closed it already)
            # Tab moves on without opening the next cell's editor (Qt would), as in Excel
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if hint in _MOVES else hint)
        self.after_edit(hint)

    def after_edit(self, hint) -> None:
        """Move on from the cell edited (the row it added, when it was the last empty row): Enter
        one row down, Tab and Shift+Tab to the next and previous cell."""
        added, self.sheet.added = self.sheet.added, None
        current = self.currentIndex()
        if added is not None:
            rows = self.sheet.view_rows(self.sheet.frame.index.get_indexer([added]))
            if rows[0] >= 0:
                current = self.model().index(int(rows[0]), current.column())
                self.setCurrentIndex(current)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._move(1)
        elif hint in _MOVES:
            action = QAbstractItemView.CursorAction.MoveNext if hint == _MOVES[0] else \
                QAbstractItemView.CursorAction.MovePrevious
            target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
            if target.isValid():
                self.setCurrentIndex(target)

    def commitData(self, editor) -> None:
        if not self.released(editor):
            super().commitData(editor)

    def released(self, editor) -> bool:
        return shiboken6.getCppPointer(editor)[0] in self._released

    def _release_editor(self) -> None:
        """A reset while an editor is open (adding a row from the last empty row resets the model as
        its editor commits) lets the editor go, and Qt commits and closes it once more as it is
        deleted, to a view that no longer knows it: those are ignored (the value is in already)."""
        for view in (self, self.frozen):
            editor = view.itemDelegate().editor
            if view.state() == QAbstractItemView.State.EditingState and editor is not None \
                    and shiboken6.isValid(editor):
                address = shiboken6.getCppPointer(editor)[0]
                self._released.add(address)
                self._refocus = self._refocus or editor.hasFocus()  # the keyboard comes back here
                editor.destroyed.connect(lambda _object=None, address=address: self._released.discard(address))

    def _move(self, rows: int) -> None:
        current = self.currentIndex()
        if current.isValid():
            target = self.model().index(min(max(current.row() + rows, 0), self.model().rowCount() - 1),
                                        current.column())
            self.setCurrentIndex(target)

    # -- selection -------------------------------------------------------------------------
    def selected_cells(self) -> dict[int, list[int]]:
        """Selected view rows per column (the current cell when nothing is selected); the last
        empty row is no row to copy, clear, fill or delete."""
        cells: dict[int, list[int]] = {}
        indexes = self.selectionModel().selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid()
                                                              else [])
        for index in indexes:
            if not self.sheet.is_blank(index.row()):
                cells.setdefault(index.column(), []).append(index.row())
        return {column: sorted(rows) for column, rows in sorted(cells.items())}

    def selected_rows(self) -> list[int]:
        return sorted({row for rows in self.selected_cells().values() for row in rows})

    def _visible_columns(self) -> list[int]:
        return [c for c in range(self.model().columnCount()) if not self.isColumnHidden(c)]

    # -- clipboard -------------------------------------------------------------------------
    def copy(self) -> None:
        cells = self.selected_cells()
        if not cells:
            return
        rows = self.selected_rows()
        columns = [c for c in self._visible_columns() if c in cells]
        grid = [[self._text(row, column) if row in cells[column] else "" for column in columns] for row in rows]
        data = QMimeData()
        data.setText(format_tsv(grid))
        data.setHtml(format_html(grid))
        QApplication.clipboard().setMimeData(data)
        global _COPIED
        if not _COPIED:
            _COPIED = True
            QApplication.instance().aboutToQuit.connect(release_clipboard)
        self.status.emit(self.tr("Copied %1 cells").replace("%1", f"{sum(len(r) for r in cells.values()):,}"))

    def _text(self, row: int, column: int) -> str:
        model, index = self.model(), self.model().index(row, column)
        spec = model.spec_column(column) if hasattr(model, "spec_column") else None
        if spec is not None and spec.allowed:  # the code, as files hold it, not its label
            code = model.data(index, NativeRole)
            return "" if code is None else str(code)
        return model.data(index, Qt.ItemDataRole.DisplayRole) or ""

    def cut(self) -> None:
        self.copy()
        self.clear_cells(self.tr("Cut"))

    def paste(self, text: str | None = None) -> bool:
        """Paste a block (from Excel, LibreOffice or this grid) at the current cell; rows are added
        below the last one when the block runs past it. All or nothing, one undo step."""
        if text is None:
            data = QApplication.clipboard().mimeData()
            block = parse_tsv(data.text()) if data.hasText() else parse_html(data.html()) if data.hasHtml() else []
        else:
            block = parse_tsv(text)
        start = self.currentIndex()
        if not block or not start.isValid():
            return False
        cells = self.selected_cells()
        rows, columns = self.selected_rows(), list(cells)
        if len(rows) > 1 or len(columns) > 1:  # a value or a row/column into a larger selection
            block = fit_block(block, len(rows), len(columns))
            start = self.model().index(rows[0], columns[0])
        visible = [c for c in self._visible_columns() if c >= start.column()]
        width = len(block[0])
        if width > len(visible):
            self.show_refusal(self.tr("Nothing was pasted"), [self.tr(
                "The block has %1 columns; only %2 fit from the selected cell.").replace("%1", str(width)).replace(
                "%2", str(len(visible)))])
            return False
        names = [self.sheet.column_name(c) for c in visible[:width]]
        model = self.sheet
        covered = [model.row_id(row) for row in range(start.row(), min(start.row() + len(block), model.shown_rows()))]
        added: dict[int, int] = {}  # rows the paste adds (provisional id → number), to name their cells
        try:
            pasted = sheet_edits.paste(model.book, model.spec.name, covered, names, block, QApplication.translate,
                                       model.new_row_values(1))
            added = pasted.added
            self.push(pasted.change, self.tr("Paste %1 × %2").replace("%1", str(len(block))).replace("%2", str(width)))
        except Refused as refused:  # a cell that does not fit, or a row that is incomplete when applied
            added = refused.added if isinstance(refused, sheet_edits.PasteRefused) else added
            self.show_refusal(self.tr("Nothing was pasted"), refused_cells(model, refused.problems, start.row(), added))
            return False
        except PlannerError as error:
            self.show_refusal(self.tr("Nothing was pasted"), [error_text(error)])
            return False
        last = self.model().index(min(start.row() + len(block) - 1, self.sheet.shown_rows() - 1), visible[width - 1])
        self.selectionModel().select(QItemSelection(start, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.status.emit(self.tr("Pasted %1 rows (%2 new)").replace("%1", f"{len(block):,}").replace(
            "%2", f"{len(pasted.added):,}"))
        return True

    # -- cells and rows ----------------------------------------------------------------------
    def clear_cells(self, text: str | None = None) -> None:
        """Empty the selected cells (a required cell refuses, with nothing changed)."""
        change = sheet_edits.cleared(self.sheet.book, self.sheet.spec.name, self._selected_ids())
        self._push_parts([change] if change else [], text or self.tr("Clear cells"))

    def fill_down(self) -> None:
        """Copy the top cell of each selected column into the selected cells below it."""
        change = sheet_edits.filled_down(self.sheet.book, self.sheet.spec.name, self._selected_ids())
        self._push_parts([change] if change else [], self.tr("Fill down"))

    def _selected_ids(self) -> dict[str, list[int]]:
        """The selected cells as column → row ids, in the order shown."""
        return {self.sheet.column_name(column): [self.sheet.row_id(row) for row in rows]
                for column, rows in self.selected_cells().items()}

    def _push_parts(self, parts: list, text: str):
        """Apply ``parts`` as one undo step; the inverse (None when refused or empty)."""
        if not parts:
            return None
        try:
            return self.push(parts[0] if len(parts) == 1 else Batch(tuple(parts)), text)
        except PlannerError as error:
            self.refuse(error_text(error))
            return None

    def insert_rows(self, below: bool = False) -> None:
        """Insert as many empty rows as are selected, above (or below) the selection."""
        rows = self.selected_rows()
        count = max(len(rows), 1)
        model = self.sheet
        if rows:
            anchor = model.source_row(rows[-1]) + 1 if below else model.source_row(rows[0])
        else:
            anchor = len(model.frame)
        change = model.book.insertion(model.spec.name, pd.DataFrame(model.new_row_values(count), index=range(count)),
                                      at=anchor)
        inverse = self._push_parts([change], self.tr("Insert %n row(s)", "", count))
        if inverse is not None:  # the rows' real ids (the plan had provisional ones)
            self._select_ids(list(inverse.ids))

    def duplicate_rows(self) -> None:
        """Insert copies of the selected rows after the last of them."""
        rows = self.selected_rows()
        if not rows:
            return
        model = self.sheet
        ids = [model.row_id(row) for row in rows]
        copies = model.book[model.spec.name].loc[ids]
        change = model.book.insertion(model.spec.name, copies, at=max(model.source_row(r) for r in rows) + 1)
        inverse = self._push_parts([change], self.tr("Duplicate %n row(s)", "", len(ids)))
        if inverse is not None:
            self._select_ids(list(inverse.ids))

    def delete_rows(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        model = self.sheet
        ids = [model.row_id(row) for row in rows]
        self._push_parts([model.book.deletion(model.spec.name, ids)], self.tr("Delete %n row(s)", "", len(ids)))

    def _select_ids(self, ids: list[int]) -> None:
        model = self.sheet
        frame_rows = model.frame.index.get_indexer(ids)
        view_rows = model.view_rows(frame_rows[frame_rows >= 0])
        view_rows = view_rows[view_rows >= 0]
        if len(view_rows):
            self.setCurrentIndex(model.index(int(view_rows.min()), max(self.currentIndex().column(), 0)))

    def show_row(self, row_id: int, column: str = "") -> bool:
        """Make the row with ``row_id`` current and visible (at ``column``, when the sheet has it),
        clearing the filters if they hide it."""
        model = self.sheet
        frame_rows = model.frame.index.get_indexer([row_id])
        if frame_rows[0] < 0:
            return False
        if self.before_show is not None:
            self.before_show(row_id)
        if model.view_rows(frame_rows)[0] < 0:
            self.clear_filters()
        if model.view_rows(frame_rows)[0] < 0:  # the row of another parent than the one shown
            return False
        row = int(model.view_rows(frame_rows)[0])
        self._reveal()
        named = list(model.frame.columns).index(column) if column in model.frame.columns else -1
        index = model.index(row, named if named >= 0 else max(self.currentIndex().column(), 0))
        self.setCurrentIndex(index)
        if named < 0:  # a row: select it whole (a cell stays selected alone)
            self.selectRow(row)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _reveal(self) -> None:
        """Make current the tab holding this sheet in each tab widget it lies in (the Plans
        tab's tiers, bonuses and multipliers; the Forecast tab's sheets)."""
        parent = self.parentWidget()
        while parent is not None:
            if isinstance(parent, QTabWidget):
                parent.setCurrentIndex(next(n for n in range(parent.count()) if parent.widget(n).isAncestorOf(self)))
            parent = parent.parentWidget()

    # -- find and filter -----------------------------------------------------------------------
    def find(self, text: str, forward: bool = True) -> bool:
        """Select the next cell (from the current one) whose shown text contains ``text``."""
        text = text.strip().casefold()
        if not text or not self.sheet.shown_rows():
            return False
        columns = self._visible_columns()
        flat = np.flatnonzero(matching_cells(self.sheet, columns, text, self._text).ravel())
        if not len(flat):
            self.status.emit(self.tr("Not found: %1").replace("%1", text))
            return False
        current = self.currentIndex()
        here = (current.row() * len(columns) + columns.index(current.column())) if current.isValid() \
            and current.column() in columns else -1
        later = flat[flat > here] if forward else flat[flat < here][::-1]
        chosen = int((later if len(later) else (flat if forward else flat[::-1]))[0])
        self.setCurrentIndex(self.sheet.index(chosen // len(columns), columns[chosen % len(columns)]))
        return True

    def filter_by_current(self) -> None:
        current = self.currentIndex()
        if current.isValid():
            self.sheet.set_filter(self.sheet.column_name(current.column()), {self._text(current.row(),
                                                                                       current.column())})
            self.report_filter()

    def clear_filters(self) -> None:
        self.sheet.clear_filters()
        self.report_filter()

    def report_filter(self) -> None:
        model = self.sheet
        if model.filtered:
            self.status.emit(self.tr("Showing %1 of %2 rows").replace("%1", f"{model.shown_rows():,}").replace(
                "%2", f"{len(model.frame):,}"))
        else:
            self.status.emit(self.tr("All %1 rows shown").replace("%1", f"{len(model.frame):,}"))

    # -- menus ---------------------------------------------------------------------------------
    def _cell_menu(self, position) -> None:
        menu = QMenu(self)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("Filter by this value"), self.filter_by_current)
        menu.addAction(self.tr("Clear filters"), self.clear_filters).setEnabled(self.sheet.filtered)
        menu.popup(self.viewport().mapToGlobal(position))

    def _header_menu(self, position) -> None:
        column = self.horizontalHeader().logicalIndexAt(position)
        menu = QMenu(self)
        if column >= 0:
            name = self.sheet.column_name(column)
            menu.addAction(self.tr("Hide column"), lambda: self.setColumnHidden(column, True))
            menu.addAction(self.tr("Clear filter on this column"),
                           lambda: (self.sheet.set_filter(name, None), self.report_filter()))
        menu.addAction(self.tr("Show all columns"), self.show_all_columns)
        menu.addAction(self.tr("Clear filters"), self.clear_filters).setEnabled(self.sheet.filtered)
        menu.popup(self.horizontalHeader().mapToGlobal(position))

    def show_all_columns(self) -> None:
        for column in range(self.model().columnCount()):
            self.setColumnHidden(column, False)

    # -- refusals and remembered layout ------------------------------------------------------
    def refuse(self, message: str) -> None:
        """A value did not fit: say why (the cell keeps its value)."""
        self.status.emit(message)
        self.show_refusal(self.tr("Not changed"), [message])

    def _refusal_box(self, title: str, lines: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, lines[0] if len(lines) == 1 else self.tr(
            "%n cell(s) do not fit; nothing was changed.", "", len(lines)), parent=self)
        if len(lines) > 1:
            shown = lines[:MAX_LISTED] + ([self.tr("(and %1 more)").replace("%1", str(len(lines) - MAX_LISTED))]
                                          if len(lines) > MAX_LISTED else [])
            box.setDetailedText("\n".join(shown))
            box.setInformativeText("\n".join(lines[:5]))
        box.open()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.frozen.place()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self.frozen.place()

    def moveCursor(self, action, modifiers):
        """Keep the cell moved to clear of the frozen column when scrolling left."""
        current = super().moveCursor(action, modifiers)
        if action == QAbstractItemView.CursorAction.MoveLeft and current.column() > 0 and \
                self.visualRect(current).topLeft().x() < self.frozen.columnWidth(0):
            offset = self.visualRect(current).topLeft().x() - self.frozen.columnWidth(0)
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + offset)
        return current

    def edit(self, index, *args):
        """Open an editor: typing replaces the cell (a key or an input method's composition, as in
        Excel), F2 and a double-click edit it in place. Cells of the frozen column are edited
        in the frozen view, which lies over them."""
        if not args:
            return super().edit(index)
        frozen = index.isValid() and index.column() == 0 and getattr(self, "frozen", None) is not None
        delegate = (self.frozen if frozen else self).itemDelegate()
        delegate.typing = args[0] == QAbstractItemView.EditTrigger.AnyKeyPressed
        try:
            opened = self.frozen.edit(index, *args) if frozen else super().edit(index, *args)
        finally:
            delegate.typing = False
        if opened and args[0] in (QAbstractItemView.EditTrigger.EditKeyPressed,
                                  QAbstractItemView.EditTrigger.DoubleClicked):
            delegate.place_cursor()
        return opened
