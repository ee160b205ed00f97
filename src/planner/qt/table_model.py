"""A table model over one pandas frame, formatted by the schema's column kinds.

Qt asks only for visible cells, so building the model touches no rows: each column's
values are turned into numpy arrays on first use, and cells are formatted on demand.
Sorting computes a stable permutation with pandas over the native values (integer minor
units, dates) and shows rows through it; the frame itself is never reordered.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from planner.core import kinds, schema
from planner.core.money import DEFAULT_CURRENCY
from planner.qt.i18n import value_label

# Role giving a cell's native value (int minor units, Timestamp, str), for sorting and tests.
NativeRole = Qt.ItemDataRole.UserRole + 1

TOOLTIP_AFTER = 30  # characters
_NUMERIC = {schema.Kind.INT, schema.Kind.MONEY, schema.Kind.RATIO, schema.Kind.PERCENT, schema.Kind.NUMBER}


class _Column:
    """One column's values as numpy arrays, built on first use, and its cell formatter."""

    def __init__(self, values: pd.Series, kind: schema.Kind | None, currencies: Callable[[], np.ndarray],
                 labels: dict | None = None) -> None:
        self.kind = kind  # None: a user's own column of numbers
        # code -> translated label for columns of allowed values; row id -> name for references
        self.labels = labels or {}
        # text is checked cell by cell: a whole-column isna() of a million strings costs ~30 ms
        self.missing = None if kind is schema.Kind.TEXT else values.isna().to_numpy()
        if kind in (schema.Kind.INT, schema.Kind.MONEY, schema.Kind.RATIO, schema.Kind.REF):
            self.values = values.to_numpy(dtype="int64", na_value=0)
        elif kind in (schema.Kind.PERCENT, schema.Kind.NUMBER):
            self.values = values.to_numpy(dtype="float64", na_value=np.nan)
        elif kind is schema.Kind.DATE:
            self.values = values.to_numpy(dtype="datetime64[D]")
        else:
            self.values = values.to_numpy(dtype=object)
        self.currencies = currencies() if kind is schema.Kind.MONEY else None

    def is_missing(self, row: int) -> bool:
        if self.missing is None:
            value = self.values[row]
            return value is None or value is pd.NA or value != value  # NaN in a user's column
        return bool(self.missing[row])

    def display(self, row: int) -> str:
        if self.is_missing(row):
            return ""
        currency = self.currencies[row] if self.currencies is not None else DEFAULT_CURRENCY
        return kinds.text(self.kind, self.values[row], currency, self.labels)

    def native(self, row: int):
        if self.is_missing(row):
            return None
        value = self.values[row]
        if self.kind is schema.Kind.DATE:
            return pd.Timestamp(value)
        return value.item() if hasattr(value, "item") else value


def _casefold_ranks(values: pd.Series) -> pd.Series:
    """Each text's rank in case-insensitive order (missing stays missing).

    Only the distinct texts are compared as strings, so sorting a million rows that hold a
    few thousand accounts costs little more than sorting integers.
    """
    codes, uniques = pd.factorize(values.astype("string"))
    folded = pd.Series(uniques, dtype="string").str.casefold()
    rank = np.zeros(len(uniques) + 1, dtype="int64")  # the extra slot serves code -1 (missing)
    rank[folded.argsort(kind="stable").to_numpy()] = np.arange(len(uniques))
    return pd.Series(rank[codes], dtype="Int64").mask(codes < 0)


class FrameTableModel(QAbstractTableModel):
    """Shows one book table or computed result; read-only until editing arrives.

    An editable sheet shows Excel's last empty row after its rows (``blank_row``): it is no
    row of the frame, shows nothing, and typing there adds a row.
    """

    blank_row = False

    def __init__(self, spec: schema.Table, frame: pd.DataFrame | None = None, currency: str = DEFAULT_CURRENCY,
                 parent=None, references: dict[str, pd.Series] | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._frame = spec.empty() if frame is None else frame
        self._currency = currency
        # reference column -> the names of the rows it may refer to, by row id
        self._references = references or {}
        self._order: np.ndarray | None = None  # view row -> frame row, None while unsorted and unfiltered
        self._sorted_by: tuple[str, Qt.SortOrder] | None = None  # kept when the frame is replaced
        self._filters: dict[str, set[str]] = {}  # column -> the shown texts a row must have to be shown
        self._columns: dict[int, _Column] = {}
        self._kinds = self._column_kinds()
        # cells that differ from the frame shown before (a recomputed result): frame row,
        # column -> the text shown before
        self._changed: dict[tuple[int, int], str] = {}
        # frame rows shown apart (a closed period's payouts), with what their tooltip says
        self._marks: dict[int, str] = {}

    # -- content -------------------------------------------------------------------------
    @property
    def frame(self) -> pd.DataFrame:
        return self._frame

    def set_frame(self, frame: pd.DataFrame, currency: str | None = None,
                  references: dict[str, pd.Series] | None = None, compare: bool = False) -> None:
        """Show another frame (a reloaded book or a recomputed result); ``references`` gives,
        per reference column, the names of the rows it refers to by row id. With ``compare``
        the cells that differ from the frame shown before are marked (a recomputed result
        after an edit shows what the edit changed)."""
        changed = self._differences(frame) if compare else {}
        self.beginResetModel()
        self._changed = changed
        self._marks = {}
        self._frame = frame
        self._currency = currency or self._currency
        self._references = references or {}
        self._columns.clear()
        self._kinds = self._column_kinds()
        self._order = self._view_order()  # a recomputed result stays sorted and filtered
        self.endResetModel()

    def set_row_marks(self, marks: dict[int, str]) -> None:
        """Tint the frame rows ``marks`` names, their tooltip saying why (a closed period)."""
        self._marks = dict(marks)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

    def _differences(self, frame: pd.DataFrame) -> dict[tuple[int, int], str]:
        """Cells of ``frame`` whose value differs from the same row (by the table's key) and
        column of the frame shown now, with the text shown now."""
        old, key = self._frame, list(self.spec.key)
        if not key or not len(old) or list(old.columns) != list(frame.columns) or not set(key) <= set(frame.columns):
            return {}
        before, after = old.reset_index(drop=True), frame.reset_index(drop=True)
        if before[key].equals(after[key]):  # the same rows in the same order (the usual edit): no join
            new_rows = old_rows = pd.Series(range(len(after)))
        else:
            pairs = after.assign(_new_row=range(len(after))).merge(
                before.assign(_old_row=range(len(before))), on=key, how="inner", suffixes=("", "_old"))
            new_rows, old_rows = pairs["_new_row"], pairs["_old_row"]
            after = pairs[list(frame.columns)]
            before = pairs[[name if name in key else f"{name}_old" for name in frame.columns]].set_axis(
                frame.columns, axis=1)
        changed = {}
        for column, name in enumerate(frame.columns):
            if name in key:
                continue
            new, was = after[name], before[name]
            differs = (new.ne(was).fillna(True) & ~(new.isna() & was.isna())) | (new.isna() != was.isna())
            for new_row, old_row in zip(new_rows[differs.to_numpy()], old_rows[differs.to_numpy()]):
                changed[(int(new_row), column)] = self._column(column).display(int(old_row))
        return changed

    def _column_kinds(self) -> list[schema.Kind | None]:
        """Each column's kind; a user's own column by what it holds: days, text, or numbers (None)."""
        own = {"date": schema.Kind.DATE, "text": schema.Kind.TEXT, "number": None}
        of_spec = {c.name: c.kind for c in self.spec.columns}
        return [of_spec[name] if name in of_spec else own[kinds.extra_kind(self._frame[name])]
                for name in self._frame.columns]

    def _column(self, column: int) -> _Column:
        if column not in self._columns:
            name = self._frame.columns[column]
            allowed = self.spec.column(name).allowed if name in self.spec.names else ()
            labels = {code: value_label(code) for code in allowed}
            if name in self._references:
                names = self._references[name]  # Series.to_dict boxes each of 100,000 names: zip is ~20× faster
                labels = dict(zip(names.index.tolist(), names.tolist()))
            self._columns[column] = _Column(self._frame[name], self._kinds[column],
                                            lambda: self._currencies(name), labels)
        return self._columns[column]

    def _currencies(self, name: str) -> np.ndarray:
        spec_column = next((c for c in self.spec.columns if c.name == name), None)
        own = spec_column.currency_column if spec_column else None
        if own and own in self._frame:
            codes, codes_of = pd.factorize(self._frame[own])  # a handful of distinct currencies
            names = [str(code).upper() for code in codes_of] + [self._currency]  # -1: the book's
            return np.asarray(names, dtype=object)[codes]
        return np.full(len(self._frame), self._currency, dtype=object)

    def source_row(self, row: int) -> int:
        """The frame row shown at view row ``row``."""
        return int(row if self._order is None else self._order[row])

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return self.shown_rows() + self.blank_row

    def shown_rows(self) -> int:
        """The frame's rows shown (after the filters), the last empty row not counted."""
        return len(self._frame) if self._order is None else len(self._order)

    def is_blank(self, row: int) -> bool:
        """Whether view row ``row`` is the last empty row."""
        return self.blank_row and row == self.shown_rows()

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._frame.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.is_blank(index.row()):
            return None
        row, column = self.source_row(index.row()), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._column(column).display(row)
        if (row, column) in self._changed:  # changed by the last edit: bold, tinted, the old value in a tooltip
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(255, 244, 196)
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("FrameTableModel", "Before the last change: %1").replace(
                    "%1", self._changed[(row, column)] or "—")
        if row in self._marks and role == Qt.ItemDataRole.BackgroundRole:
            return QColor(226, 232, 240)
        if row in self._marks and role == Qt.ItemDataRole.ToolTipRole:
            return self._marks[row]
        if role in (Qt.ItemDataRole.EditRole, NativeRole):
            return self._column(column).native(row)
        if role == Qt.ItemDataRole.ToolTipRole and self._kinds[column] is schema.Kind.TEXT:
            text = self._column(column).display(row)
            return text if len(text) > TOOLTIP_AFTER else None  # long texts are cut in the cell
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self._kinds[column] in _NUMERIC or self._kinds[column] is None:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:  # the last empty row: the number a new row takes
            return str(len(self._frame) + 1 if self.is_blank(section) else self.source_row(section) + 1)
        name = self._frame.columns[section]
        if name in self.spec.names:
            return QCoreApplication.translate("schema", self.spec.column(name).label)
        return str(name)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Stable sort on native values, missing values last, through a permutation."""
        if not 0 <= column < self.columnCount():
            return
        self._sorted_by = (self._frame.columns[column], order)
        self._relayout()

    def set_filter(self, name: str, texts: set[str] | None) -> None:
        """Show only rows whose ``name`` cell shows one of ``texts`` (None: no filter on it)."""
        if texts is None:
            self._filters.pop(name, None)
        else:
            self._filters[name] = set(texts)
        self._relayout()

    def clear_filters(self) -> None:
        self._filters.clear()
        self._relayout()

    @property
    def filtered(self) -> bool:
        return bool(self._filters)

    def _relayout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old_order, self._order = self._order, self._view_order()
        self._remap_persistent(old_order, self._order)
        self.layoutChanged.emit()

    def _view_order(self) -> np.ndarray | None:
        """View row -> frame row after the sort and the filters (None: the frame's own order)."""
        order = None
        if self._sorted_by and self._sorted_by[0] in self._frame.columns:
            order = self._sorted_order(list(self._frame.columns).index(self._sorted_by[0]), self._sorted_by[1])
        filters = {name: texts for name, texts in self._filters.items() if name in self._frame.columns}
        if filters:
            shown = np.ones(len(self._frame), dtype=bool)
            for name, texts in filters.items():
                cells = self._column(list(self._frame.columns).index(name))
                shown &= np.fromiter((cells.display(row) in texts for row in range(len(self._frame))), bool,
                                     len(self._frame))
            order = (np.arange(len(self._frame)) if order is None else order)
            order = order[shown[order]]
        return order

    def _sort_values(self, column: int) -> pd.Series:
        """What rows sort by in ``column``: native values, texts by case-insensitive rank."""
        values = self._frame.iloc[:, column].reset_index(drop=True)
        name = self._frame.columns[column]
        if self._kinds[column] is schema.Kind.REF and name in self._references:  # by the names shown
            return _casefold_ranks(values.map(self._references[name]))
        if self._kinds[column] is schema.Kind.TEXT:
            return _casefold_ranks(values)
        return values

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> np.ndarray:
        ascending = order == Qt.SortOrder.AscendingOrder
        values = self._sort_values(column)
        return values.sort_values(ascending=ascending, kind="stable", na_position="last").index.to_numpy()

    def view_rows(self, frame_rows: np.ndarray) -> np.ndarray:
        """The view rows showing ``frame_rows`` (-1 for rows the filters hide)."""
        if self._order is None:
            return np.asarray(frame_rows)
        position = np.full(len(self._frame), -1)
        position[self._order] = np.arange(len(self._order))
        return position[np.asarray(frame_rows)]

    def _remap_persistent(self, old_order: np.ndarray | None, new_order: np.ndarray | None) -> None:
        """Keep selections and the current cell on the same records across a sort or filter."""
        persistent = self.persistentIndexList()
        if not persistent:
            return
        position = np.arange(len(self._frame)) if new_order is None else np.full(len(self._frame), -1)
        if new_order is not None:
            position[new_order] = np.arange(len(new_order))
        old_shown = len(self._frame) if old_order is None else len(old_order)
        moved = []
        for index in persistent:
            if index.row() >= old_shown:  # the last empty row stays last
                moved.append(self.index(self.shown_rows(), index.column()))
                continue
            source = index.row() if old_order is None else old_order[index.row()]
            target = int(position[source]) if 0 <= source < len(position) else -1
            moved.append(self.index(target, index.column()) if target >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, moved)


BEST = QColor(214, 240, 214)  # the most accurate method: tinted and bold


class AccuracyModel(FrameTableModel):
    """Accuracy rows; those ``best(row)`` marks (the most accurate method) are tinted and bold."""

    def __init__(self, spec, best: Callable[[int], bool], parent=None) -> None:
        super().__init__(spec, parent=parent)
        self._best = best

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole) \
                and self._best(self.source_row(index.row())):
            if role == Qt.ItemDataRole.BackgroundRole:
                return BEST
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)
