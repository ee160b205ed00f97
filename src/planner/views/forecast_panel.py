"""The Forecast tab: the period's forecast by every method, the category forecast per rep with
managers' overrides beside it, saving forecast snapshots, how accurate each method was, and the
backtest of every method on the book's past with the stage calibration (views/backtest_panel.py).

Overrides and snapshots are rows of the book: an override typed here and a saved snapshot are
each one change through the edit API (one undo step); the figures follow when the report of
the change arrives.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable

import pandas as pd
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from planner.core.errors import PlannerError
from planner.core.forecast_accuracy import FORECAST_ACCURACY, METHOD_ACCURACY, snapshot_change
from planner.core.forecast_overrides import FORECAST_BY_REP, override_change, parse_amount
from planner.core.money import money_label
from planner.core.report import Report
from planner.qt.i18n import error_text
from planner.qt.table_model import AccuracyModel, FrameTableModel
from planner.views.backtest_panel import BacktestPanel
from planner.views.table_view import BookTableView, titled

OVERRIDDEN = QColor(255, 244, 196)
BY_REP_WITH_BACKTEST = 110  # pixels: the table by rep's caption, header and a row or two


class OverrideModel(FrameTableModel):
    """The category forecast per rep; the override columns are typed into (blank clears one)."""

    OVERRIDES = {"commit_override": "commit", "best_case_override": "best_case"}

    def __init__(self, edit: Callable[[int, str, str], bool], parent=None) -> None:
        super().__init__(FORECAST_BY_REP, parent=parent)
        self._edit = edit
        self.editable = False

    def _category(self, index: QModelIndex) -> str | None:
        return self.OVERRIDES.get(str(self._frame.columns[index.column()])) if index.isValid() else None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and self._category(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        category = self._category(index)
        if category and role == Qt.ItemDataRole.EditRole:  # the editor starts with the amount as shown
            return super().data(index, Qt.ItemDataRole.DisplayRole) or ""
        if category and role == Qt.ItemDataRole.BackgroundRole and super().data(index):
            return OVERRIDDEN
        if category and role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("ForecastPanel", "Type the manager's number; the computed one stays "
                                                               "beside it. Clear the cell to remove the override.")
        return super().data(index, role)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        category = self._category(index)
        if not category or role != Qt.ItemDataRole.EditRole or not self.editable:
            return False
        return self._edit(int(self._frame.index[self.source_row(index.row())]), category, str(value))


class ForecastPanel(QWidget):
    """Forecasts of the selected period, overrides, snapshots and accuracy."""

    status = Signal(str)  # what happened (saved, refused), for the status bar

    def __init__(self, push: Callable, book: Callable, editable: Callable[[], bool],
                 sheets: list[tuple[str, QWidget]] = (), parent: QWidget | None = None) -> None:
        """``push(change, text)`` applies a change as one undo step; ``book()`` is the live
        book (or None); ``editable()`` whether it may be changed; ``sheets`` (title, widget)
        shows the stored overrides and snapshots."""
        super().__init__(parent)
        self._push, self._book, self._editable = push, book, editable
        self.report: Report | None = None
        self._after_report: str | None = None  # said once the change's figures are shown (computing clears it)
        self.by_rep_model = OverrideModel(self._edit_override, parent=self)
        self.accuracy_model = AccuracyModel(FORECAST_ACCURACY, self._best_in_period, parent=self)
        self.methods_model = AccuracyModel(METHOD_ACCURACY, lambda row: row == 0, parent=self)
        self._values: dict[str, QLabel] = {}

        self.figures = QGroupBox(self.tr("Forecast for the period"))
        grid = QGridLayout(self.figures)
        rows = [("weighted", self.tr("Stage-weighted")), ("commit", self.tr("Commit")),
                ("best_case", self.tr("Best case")), ("pipeline", self.tr("Won + all open deals expected")),
                ("historical", self.tr("Historical")), ("cycle_length", self.tr("Sales-cycle length")),
                ("commit_override", self.tr("Commit with overrides")),
                ("best_case_override", self.tr("Best case with overrides")),
                ("overdue", self.tr("Overdue, not in this forecast"))]
        for line, (key, label) in enumerate(rows):
            value = QLabel("–")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setFrameShape(QFrame.Shape.NoFrame)
            caption = QLabel(label)
            caption.setContentsMargins(24 if line >= 5 else 0, 0, 0, 0)
            grid.addWidget(caption, line % 5, 2 * (line // 5))
            grid.addWidget(value, line % 5, 2 * (line // 5) + 1)
            self._values[key] = value
        grid.setColumnMinimumWidth(1, 160)
        grid.setColumnMinimumWidth(3, 160)
        grid.setColumnStretch(4, 1)  # the figures stay beside their labels on a wide window
        self.snapshot_button = QPushButton(self.tr("Save forecast snapshot"))
        self.snapshot_button.setToolTip(self.tr("Save today's forecast of the period by every method, to see "
                                                "later which method was right"))
        self.snapshot_button.clicked.connect(self.save_snapshot)
        self.snapshot_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.figures, 1)
        side = QVBoxLayout()
        side.addWidget(self.snapshot_button)
        side.addStretch(1)
        top.addLayout(side)

        self.by_rep_view = BookTableView(self.by_rep_model)
        accuracy = self._accuracy_split = QSplitter(Qt.Orientation.Horizontal)
        self.accuracy_view = BookTableView(self.accuracy_model)
        accuracy.addWidget(titled(self.tr("Accuracy per closed period and method (1 − |forecast − actual| ÷ actual; "
                                          "the best method of each period is highlighted)"), self.accuracy_view))
        self.methods_view = BookTableView(self.methods_model)
        accuracy.addWidget(titled(self.tr("By method, on average"), self.methods_view))
        accuracy.setStretchFactor(0, 1)
        accuracy.setStretchFactor(1, 0)
        accuracy.setCollapsible(1, False)
        self.methods_model.modelReset.connect(self._fit_methods)
        self._fit_methods()
        self.lower = QTabWidget()
        self.lower.addTab(accuracy, self.tr("Accuracy"))
        self.backtest = BacktestPanel(push, book, editable)
        self.lower.addTab(self.backtest, self.tr("Backtest"))
        for title, widget in sheets:
            self.lower.addTab(widget, title)
        splitter = self._splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(titled(self.tr("Category forecast by rep: type a manager's override beside the "
                                          "computed number"), self.by_rep_view))
        splitter.addWidget(self.lower)
        splitter.setSizes([300, 400])
        self._sizes_before: list[int] | None = None  # the split the Backtest section took room from
        self.lower.currentChanged.connect(self._make_room)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def _make_room(self) -> None:
        """The Backtest section (a chart beside a table, and the calibration under them) takes
        room from the table by rep while it is shown; the split comes back when it is left."""
        sizes = self._splitter.sizes()
        if self.lower.currentWidget() is self.backtest:
            if sizes[0] > BY_REP_WITH_BACKTEST:
                self._sizes_before = sizes
                self._splitter.setSizes([BY_REP_WITH_BACKTEST, sum(sizes) - BY_REP_WITH_BACKTEST])
        elif self._sizes_before is not None:
            self._splitter.setSizes(self._sizes_before)
            self._sizes_before = None

    def _fit_methods(self) -> None:
        """The summary is narrow: it keeps the width of its columns (none clipped), the
        per-period table takes the rest."""
        view = self.methods_view
        view.fit_columns()
        width = view.horizontalHeader().length() + view.verticalHeader().width() + 2 * view.frameWidth() \
            + view.verticalScrollBar().sizeHint().width()
        view.setMinimumWidth(width)
        total = sum(self._accuracy_split.sizes()) or 1060
        self._accuracy_split.setSizes([max(total - width, 0), width])

    def _best_in_period(self, row: int) -> bool:
        rank = self.accuracy_model.frame["rank"].iloc[row]
        return not pd.isna(rank) and rank == 1

    # -- showing -----------------------------------------------------------------------------
    def show_report(self, report: Report | None) -> None:
        """Fill the tab from ``report``; dashes and empty tables when there is none."""
        self.report = report
        self.backtest.show_report(report)
        if self._after_report:
            self.status.emit(self._after_report)
            self._after_report = None
        editable = report is not None and self._book() is not None and self._editable()
        self.snapshot_button.setEnabled(editable)
        self.by_rep_model.editable = editable
        if report is None:
            self.figures.setTitle(self.tr("Forecast for the period"))
            for label in self._values.values():
                label.setText("–")
            for model, spec in ((self.by_rep_model, FORECAST_BY_REP), (self.accuracy_model, FORECAST_ACCURACY),
                                (self.methods_model, METHOD_ACCURACY)):
                model.set_frame(spec.empty())
            return
        self.figures.setTitle(self.tr("Forecast for %1 (as of %2)").replace("%1", report.period.label).replace(
            "%2", report.as_of.isoformat()))
        figures = {**report.forecast, **{f"{key}_override": value
                                         for key, value in report.forecast_with_overrides.items()}}
        for key, label in self._values.items():
            value = figures.get(key)
            label.setText(money_label(value, report.currency))
        self.by_rep_model.set_frame(report.forecast_by_rep, report.currency)
        self.accuracy_model.set_frame(report.forecast_accuracy, report.currency)
        self.methods_model.set_frame(report.forecast_method_accuracy, report.currency)

    # -- changing the book -----------------------------------------------------------------------
    def _edit_override(self, rep: int, category: str, text: str) -> bool:
        book, report = self._book(), self.report
        if book is None or report is None:
            return False
        try:
            change = override_change(book, report.period, rep, category, parse_amount(book, text), report.as_of,
                                     _user())
            if change is not None:
                self._push(change, self.tr("Override a forecast"))
        except PlannerError as error:
            self.status.emit(error_text(error))
            return False
        return True

    def save_snapshot(self) -> None:
        """Save the forecast of the shown period by every method (one undo step)."""
        book, report = self._book(), self.report
        if book is None or report is None:
            return
        try:
            self._push(snapshot_change(book, report.period, report.as_of), self.tr("Save forecast snapshot"))
        except PlannerError as error:
            self.status.emit(error_text(error))
            return
        self._after_report = self.tr("Saved the forecast of %1 as of %2: it is judged once the period has ended").replace(
            "%1", report.period.label).replace("%2", report.as_of.isoformat())


def _user() -> str | None:
    """Who sets an override: the computer's user name, when there is one."""
    try:
        return getpass.getuser() or None
    except (KeyError, OSError):
        return None
