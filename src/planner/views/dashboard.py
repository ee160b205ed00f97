"""The Dashboard tab: the pipeline charts of planner.charts on matplotlib canvases, redrawn
when the book or the period changes, each exportable as a PNG."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # the Qt binding matplotlib's canvas must use

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, QDir, QEvent, Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QFrame, QGridLayout, QLabel, QMessageBox,
                               QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from planner.charts.data import DashboardData, dashboard_data
from planner.charts.pipeline import CHARTS, save_png
from planner.charts.pipeline import draw_message

# Where each chart sits: (row, column, column span); money first, the 12-month trend wide.
PLACES = {
    "forecast": (0, 0, 1),
    "weighted_pipeline": (0, 1, 1),
    "funnel": (1, 0, 1),
    "time_in_stage": (1, 1, 1),
    "trends": (2, 0, 2),
}
CHART_HEIGHT = 300  # pixels: room for a title, the plot and a legend row
_UNSET = object()


class DashboardPanel(QWidget):
    """Five pipeline charts of one book revision and period."""

    exported = Signal(str)  # the path of a chart written as PNG

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: DashboardData | None = None
        # (snapshot, revision, period, as_of) the charts show, and what waits for the panel to show
        self._shown: tuple | None = None
        self._pending: tuple | None = None
        self._pending_report = None
        # asks where to save a chart: (caption, suggested path) -> path or None; tests replace it
        self.choose_path = self._ask_path
        self.export_folder = QDir.homePath()
        self.figures: dict[str, Figure] = {}
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        self.export_buttons: dict[str, QToolButton] = {}

        self.summary = QLabel()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        for name, (row, column, span) in PLACES.items():
            grid.addWidget(self._card(name), row, column, 1, span)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        self._show_message(self.tr("No report yet"))

    def _card(self, name: str) -> QFrame:
        card = QFrame()
        card.setObjectName("chartCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setStyleSheet("QFrame#chartCard { background: white; border: 1px solid palette(mid); border-radius: 4px; }")
        figure = Figure(figsize=(6, 3.6))
        canvas = FigureCanvasQTAgg(figure)
        canvas.setMinimumHeight(CHART_HEIGHT)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # the button sits in the chart's top-right corner, which every chart leaves empty
        button = QToolButton(canvas)
        button.setText(self.tr("Export PNG…"))
        button.setToolTip(self.tr("Save this chart as a PNG image"))
        button.setAutoRaise(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setEnabled(False)
        button.clicked.connect(lambda _checked=False, chart=name: self.export(chart))
        canvas.installEventFilter(self)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(canvas, 1)
        self.figures[name], self.canvases[name], self.export_buttons[name] = figure, canvas, button
        return card

    # -- showing ----------------------------------------------------------------------------
    def show(self, snapshot=_UNSET, report=_UNSET) -> bool | None:
        """``show(snapshot, report)``: chart ``report`` of ``snapshot`` (see :meth:`show_book`);
        ``show()`` without arguments is QWidget.show()."""
        if snapshot is _UNSET and report is _UNSET:
            return super().show()
        return self.show_book(None if snapshot is _UNSET else snapshot, None if report is _UNSET else report)

    def show_book(self, snapshot, report) -> bool:
        """Chart ``report`` of ``snapshot`` (a book snapshot): recompute and redraw, or — while
        the panel is hidden (another tab) — when it is next shown. Nothing happens when the
        charts already show that revision, period and day. Without a report the charts say so.
        Returns whether the charts changed."""
        if snapshot is None or report is None:
            self._shown = self._pending = self._pending_report = None
            self._show_message(self.tr("No report to chart"))
            return True
        source = (snapshot, snapshot.revision, report.period, report.as_of)
        if self._same(source, self._pending):
            return False
        if self._same(source, self._shown):  # back to what is drawn: drop what was waiting
            self._pending = self._pending_report = None
            return False
        self._pending, self._pending_report = source, report
        if self.isVisible():
            self._refresh()
        return True

    @staticmethod
    def _same(source: tuple, other: tuple | None) -> bool:
        return other is not None and other[0] is source[0] and other[1:] == source[1:]

    def _refresh(self) -> None:
        """Compute and draw what show_book left pending."""
        if self._pending is None:
            return
        source, report = self._pending, self._pending_report
        self._pending = self._pending_report = None
        self.show_data(dashboard_data(source[0], report))
        self._shown = source

    def showEvent(self, event) -> None:
        self._refresh()
        super().showEvent(event)

    def show_data(self, data: DashboardData) -> None:
        """Draw ``data`` (computed by :func:`planner.charts.dashboard_data`, e.g. off the main
        thread). The canvases paint when they are next visible."""
        self.data = data
        self.summary.setText(self.tr("Period %1 · as of %2 · amounts in %3").replace("%1", data.period.label)
                             .replace("%2", data.as_of.isoformat()).replace("%3", data.currency))
        for name, (_title, draw) in CHARTS.items():
            draw(self.figures[name], data, QCoreApplication.translate)
            self.canvases[name].draw_idle()
            self.export_buttons[name].setEnabled(True)

    def _show_message(self, text: str) -> None:
        self.data = None
        self.summary.setText("")
        for name, figure in self.figures.items():
            draw_message(figure, text)
            self.canvases[name].draw_idle()
            self.export_buttons[name].setEnabled(False)

    def eventFilter(self, watched, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched in self.canvases.values():
            for button in watched.findChildren(QToolButton):
                button.adjustSize()
                button.move(watched.width() - button.width() - 4, 4)
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.data is not None:
            self.show_data(self.data)  # the charts' texts come from the translators
        super().changeEvent(event)

    # -- exporting --------------------------------------------------------------------------
    def chart_title(self, name: str) -> str:
        return QCoreApplication.translate("charts", CHARTS[name][0])

    def save_png(self, name: str, path: str | Path) -> Path:
        """Write chart ``name`` (a key of planner.charts.CHARTS) as a PNG at 150 dpi."""
        self._refresh()
        if self.data is None:
            raise RuntimeError("the dashboard has no data to export yet")
        return save_png(name, self.data, path, QCoreApplication.translate)

    def export(self, name: str) -> Path | None:
        """Ask where to save chart ``name`` and write it there; ``None`` when cancelled."""
        self._refresh()
        if self.data is None:
            return None
        suggested = str(Path(self.export_folder) / f"{name}_{self.data.period.label}.png")
        chosen = self.choose_path(self.tr("Export “%1” as PNG").replace("%1", self.chart_title(name)), suggested)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        try:
            self.save_png(name, path)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Export PNG"), self.tr("Could not save %1: %2")
                                .replace("%1", str(path)).replace("%2", error.strerror or str(error)))
            return None
        self.export_folder = str(path.parent)
        self.exported.emit(str(path))
        return path

    def _ask_path(self, caption: str, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(self, caption, suggested, self.tr("PNG images (*.png)"))
        return path or None
