"""The Backtest section of the Forecast tab: every forecast method replayed on the book as it
stood before each past period (core/backtest.py), summed up per method with the most accurate
highlighted, a chart of each method's accuracy per period, and the stage calibration
(core/calibration.py) with a button that sets the observed win rates (one undo step).

The backtest and the calibration run off the GUI thread on a snapshot taken when asked (a run
asked for later drops an earlier one still running); the chart is drawn there too, importing
matplotlib only then, so the app starts without it.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from planner.core import kinds
from planner.core.backtest import BACKTEST_METHODS, backtest, periods_between
from planner.core.calibration import CALIBRATION, calibration, calibration_change
from planner.core.errors import PlannerError
from planner.core.money import RATIO_SCALE
from planner.core.periods import Period
from planner.core.schema import Kind
from planner.core.usable import usable
from planner.qt.i18n import error_text
from planner.qt.table_model import AccuracyModel, FrameTableModel
from planner.qt.workers import JobRunner
from planner.views.chart_view import RESIZE_DELAY, ChartView, chart_image
from planner.views.table_view import BookTableView, scrolled, titled

MONTHS_BACK = 12  # the default range: the twelve months before the book's as_of
CHART_HEIGHT = 200  # pixels: lower than the other charts', so the calibration fits under it


class BacktestPanel(QWidget):
    """Inputs and Run on top; the summary and the chart side by side; the calibration below."""

    ran = Signal()         # a backtest's summary and chart are shown (or its error)
    calibrated = Signal()  # the calibration table shows the book's latest report

    def __init__(self, push: Callable, book: Callable, editable: Callable[[], bool],
                 parent: QWidget | None = None) -> None:
        """``push(change, text)`` applies a change as one undo step; ``book()`` is the live
        book (or None); ``editable()`` whether it may be changed."""
        super().__init__(parent)
        self._push, self._book, self._editable = push, book, editable
        # asks whether to apply (title, what changes) -> yes; tests answer it without a modal loop
        self.ask: Callable[[str, str], bool] = self._ask
        self.jobs = JobRunner(self)
        self._run_generation = self._draw_generation = self._calibration_generation = 0
        self._as_of = None  # the as_of the default range was set for
        self._calibration_pending = False
        self.result = None  # the backtest shown (core.backtest.Backtest)
        self._shown_book = None  # the live book of the report shown: another book clears the backtest
        self.lead_shown = 0

        self.first, self.last = QLineEdit(), QLineEdit()
        for field in (self.first, self.last):
            field.setPlaceholderText("2026-01")
            field.setMaximumWidth(110)
            field.returnPressed.connect(self.run)
        self.lead = QComboBox()
        self.lead.addItem(self.tr("Made on the period's first day"), 0)
        self.lead.addItem(self.tr("Made one period before"), 1)
        self.run_button = QPushButton(self.tr("Run backtest"))
        self.run_button.clicked.connect(self.run)
        self.note = QLabel()
        self.note.setWordWrap(True)
        inputs = QHBoxLayout()
        for label, field in ((self.tr("From"), self.first), (self.tr("To"), self.last),
                             (self.tr("Forecasts"), self.lead)):
            inputs.addWidget(QLabel(label))
            inputs.addWidget(field)
        inputs.addWidget(self.run_button)
        inputs.addWidget(self.note, 1)

        self.methods_model = AccuracyModel(BACKTEST_METHODS, lambda row: row == 0, parent=self)
        self.methods_view = BookTableView(self.methods_model)
        self.methods_view.setToolTip(self.tr("Bias above 0: the method forecast too much; below 0: too little"))
        self.methods_model.modelReset.connect(self._fit_methods)
        self.chart = ChartView()
        self.chart.setMinimumHeight(CHART_HEIGHT)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(titled(self.tr("By method, the most accurate first"), self.methods_view))
        upper.addWidget(self.chart)
        upper.setStretchFactor(0, 0)
        upper.setStretchFactor(1, 1)

        self.calibration_model = FrameTableModel(CALIBRATION, parent=self)
        self.calibration_view = BookTableView(self.calibration_model)
        self.apply_button = QPushButton(self.tr("Apply observed rates"))
        self.apply_button.setToolTip(self.tr("Set each open stage's probability to its observed win rate "
                                             "(one undo step)"))
        self.apply_button.clicked.connect(self.apply_observed)
        self.apply_note = QLabel()
        self.apply_note.setWordWrap(True)
        self.apply_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        side = QVBoxLayout()  # beside the table: the window's height goes to the rows
        side.setContentsMargins(0, 24, 0, 0)
        side.addWidget(self.apply_button)
        side.addWidget(self.apply_note, 1)
        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(titled(self.tr("Stage calibration: won ÷ decided of the deals that reached each "
                                              "stage, with its 95% interval"), self.calibration_view), 1)
        lower_layout.addLayout(side)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(upper)
        body.addWidget(lower)
        body.setSizes([205, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(inputs)
        layout.addWidget(scrolled(body), 1)  # the chart and the calibration: scrolled on a laptop's screen

        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(RESIZE_DELAY)
        self._redraw_timer.timeout.connect(self._redraw)
        self.chart.resized.connect(self._redraw_timer.start)
        self._fit_methods()
        self.show_report(None)

    def _fit_methods(self) -> None:
        """The summary keeps its columns' widths; the chart takes the rest. The group and the
        lead are the same on every row (one company, one lead): hidden."""
        view = self.methods_view
        for name in ("group", "lead"):
            view.setColumnHidden(BACKTEST_METHODS.names.index(name), True)
        view.fit_columns()
        view.setMinimumWidth(view.horizontalHeader().length() + view.verticalHeader().width()
                             + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width())

    # -- the report --------------------------------------------------------------------------
    def show_report(self, report) -> None:
        """A new report (the book changed, or another one): the default range follows its as_of,
        the calibration is computed again (now, or when the section is next shown)."""
        book = self._book()
        if book is not self._shown_book:  # another book: the backtest shown (or running) is not this one's
            self._shown_book = book
            self._clear()
        editable = report is not None and book is not None and self._editable()
        self.run_button.setEnabled(report is not None and book is not None)
        self.apply_button.setEnabled(editable)
        if report is None:
            self.calibration_model.set_frame(CALIBRATION.empty())
            return
        if report.as_of != self._as_of:
            self._as_of = report.as_of
            last = Period.containing(report.as_of, "month").shifted(-1)
            self.first.setText(last.shifted(1 - MONTHS_BACK).label)
            self.last.setText(last.label)
        self._calibration_pending = True
        if self.isVisible():
            self._calibrate()

    def _clear(self) -> None:
        self._run_generation += 1
        self._draw_generation += 1
        self.result = None
        self.methods_model.set_frame(BACKTEST_METHODS.empty())
        self.chart.set_image(QImage())
        self.note.clear()
        self.apply_note.clear()

    def _calibrate(self) -> None:
        book = self._book()
        self._calibration_pending = False
        if book is None:
            return
        snapshot = book.snapshot()  # taken here, on the GUI thread
        self._calibration_generation += 1
        generation = self._calibration_generation

        def shown(frame: pd.DataFrame) -> None:
            if generation == self._calibration_generation:
                self.calibration_model.set_frame(frame.reset_index(drop=True))
                self.calibrated.emit()

        def failed(error: Exception) -> None:
            if generation == self._calibration_generation:
                self.calibration_model.set_frame(CALIBRATION.empty())
                self.apply_note.setText(error_text(error))
                self.calibrated.emit()
        self.jobs.start(lambda: calibration(usable(snapshot)[0]), shown, failed, latest="calibration")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._calibration_pending:
            self._calibrate()
        self._redraw_timer.start()

    # -- the backtest ------------------------------------------------------------------------
    def run(self) -> None:
        """Backtest the typed range at the chosen lead, in the background."""
        book = self._book()
        if book is None:
            return
        try:
            first, last = Period.parse(self.first.text().strip()), Period.parse(self.last.text().strip())
            periods_between(first, last)  # a wrong range is said at once
        except PlannerError as error:
            self.note.setText(error_text(error))
            return
        lead = int(self.lead.currentData())
        snapshot = book.snapshot()
        self._run_generation += 1
        generation = self._run_generation
        self.note.setText(self.tr("Replaying every method at each period from %1 to %2…").replace(
            "%1", first.label).replace("%2", last.label))
        self.jobs.start(lambda: backtest(usable(snapshot)[0], first, last, (lead,)),
                        lambda result: self._done(generation, lead, result),
                        lambda error: self._failed(generation, error), latest="backtest")

    def _done(self, generation: int, lead: int, result) -> None:
        if generation != self._run_generation:  # a newer run was asked for meanwhile
            return
        self.result, self.lead_shown = result, lead
        self.methods_model.set_frame(result.methods, result.currency)
        periods = len(result.lines["period"].unique())
        self.note.setText(self.tr("%1 to %2: %3 periods, deals as they stood on each day, at that day's amounts").replace(
            "%1", result.first.label).replace("%2", result.last.label).replace("%3", str(periods))
            if len(result.methods) else self.tr("Nothing was won in these periods: no method can be judged."))
        self._redraw()
        self.ran.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._run_generation:
            self.note.setText(error_text(error))
            self.ran.emit()

    # -- the chart ---------------------------------------------------------------------------
    def chart_data(self) -> tuple[list[str], dict[str, list[float | None]], str | None]:
        """The periods, each method's accuracy per period (None: not judged) and the best method."""
        lines = self.result.lines
        periods = list(dict.fromkeys(lines["period"]))
        accuracy = {}
        for method, part in lines.groupby("method", sort=False):
            by_period = dict(zip(part["period"], part["accuracy"]))
            accuracy[method] = [None if pd.isna(by_period.get(p)) else float(by_period[p]) for p in periods]
        methods = self.result.methods
        return periods, accuracy, (str(methods["method"].iloc[0]) if len(methods) else None)

    def _redraw(self) -> None:
        """Draw the chart of the backtest shown at the chart's size, in the background."""
        if self.result is None or not self.isVisible():
            return
        periods, accuracy, best = self.chart_data()
        lead, translate, scale = self.lead_shown, QCoreApplication.translate, self.devicePixelRatioF()
        size = (self.chart.width(), self.chart.height())
        self._draw_generation += 1
        generation = self._draw_generation

        def work():
            from planner.charts.backtest import draw_backtest  # matplotlib: only once a chart is drawn
            from planner.charts.pipeline import render_rgba

            return render_rgba(lambda figure: draw_backtest(figure, periods, accuracy, lead, best, translate),
                               *size, scale)

        def drawn(rgba) -> None:
            if generation == self._draw_generation:
                if size != (self.chart.width(), self.chart.height()):
                    self._redraw_timer.start()  # laid out meanwhile: shown scaled, drawn again
                self.chart.set_image(chart_image(rgba, scale))
                self.ran.emit()

        def failed(error: Exception) -> None:
            if generation == self._draw_generation:
                self.note.setText(self.tr("The chart could not be drawn: %1").replace("%1", error_text(error)))
        self.jobs.start(work, drawn, failed)

    # -- calibration -------------------------------------------------------------------------
    def apply_observed(self) -> None:
        """Set each open stage's probability to its observed win rate, once the user has seen
        what changes (one undo step)."""
        book = self._book()
        if book is None or not self._editable():
            return
        change = calibration_change(usable(book.snapshot())[0])
        if change is None:
            self.apply_note.setText(self.tr("Every stage already has its observed win rate: nothing to change"))
            return
        names, current = book["Stages"]["stage"], book["Stages"]["probability"]
        lines = [self.tr("%1: %2 → %3").replace("%1", str(names[row])).replace(
            "%2", _percent(current[row])).replace("%3", _percent(rate))
            for row, rate in change.values["probability"].items()]
        if not self.ask(self.tr("Apply observed rates"),
                        self.tr("Set these stages' probabilities to their observed win rates?") + "\n\n"
                        + "\n".join(lines)):
            return
        try:
            self._push(change, self.tr("Set observed win rates"))
        except PlannerError as error:
            self.apply_note.setText(error_text(error))
            return
        self.apply_note.setText(self.tr("Set the probability of %1 stage(s): Undo takes them back").replace(
            "%1", str(len(lines))))

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


def _percent(millionths) -> str:
    """A probability stored in millionths, as the tables show it."""
    return kinds.text(Kind.PERCENT, int(millionths) / RATIO_SCALE)
