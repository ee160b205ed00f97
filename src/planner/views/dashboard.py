"""The Dashboard tab: the pipeline charts of planner.charts, redrawn when the book or the
period changes, each exportable as a PNG.

The GUI thread never computes or draws a chart: the chart data and the five figures are made
in a background job (matplotlib's Agg draws without Qt) and come back as images, which the
cards only paint. Showing the tab used to freeze the window for over a second.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QFrame, QGridLayout, QLabel, QMessageBox, QToolButton, QVBoxLayout, QWidget

from planner.charts.data import DashboardData, dashboard_data
from planner.charts.pipeline import CHARTS, draw_message, render_rgba, save_png
from planner.qt.i18n import reason_text
from planner.qt.workers import JobRunner
from planner.views.chart_view import RESIZE_DELAY, ChartView, chart_image
from planner.views.table_view import scrolled

# Where each chart sits: (row, column, column span); money first, the 12-month trend wide.
PLACES = {
    "forecast": (0, 0, 1),
    "weighted_pipeline": (0, 1, 1),
    "funnel": (1, 0, 1),
    "time_in_stage": (1, 1, 1),
    "trends": (2, 0, 2),
}
_UNSET = object()


class DashboardPanel(QWidget):
    """Five pipeline charts of one book revision and period."""

    exported = Signal(str)  # the path of a chart written as PNG
    charted = Signal()  # the charts of new data are shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: DashboardData | None = None
        # (snapshot, revision, period, as_of) the charts show, and what waits for the panel to show
        self._shown: tuple | None = None
        self._pending: tuple | None = None
        self._pending_report = None
        self._shown_report = None  # the report of _shown
        # asks where to save a chart: (caption, suggested path) -> path or None; tests replace it
        self.choose_path = self._ask_path
        self.export_folder = QDir.homePath()
        self.views: dict[str, ChartView] = {}
        self.export_buttons: dict[str, QToolButton] = {}
        self.jobs = JobRunner(self)
        self._generation = 0  # the latest drawing asked for; older ones that finish are dropped
        self._message: str | None = None  # what the charts say instead of data
        self._resize_timer = QTimer(self, singleShot=True, interval=RESIZE_DELAY)
        self._resize_timer.timeout.connect(self._redraw)

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
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scrolled(grid_widget), 1)
        self._show_message(self.tr("No report yet"))

    def _card(self, name: str) -> QFrame:
        card = QFrame()
        card.setObjectName("chartCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setStyleSheet("QFrame#chartCard { background: white; border: 1px solid palette(mid); border-radius: 4px; }")
        view = ChartView()
        view.resized.connect(self._resize_timer.start)
        # the button sits in the chart's top-right corner, which every chart leaves empty
        button = QToolButton(view)
        button.setText(self.tr("Export PNG…"))
        button.setToolTip(self.tr("Save this chart as a PNG image"))
        button.setAutoRaise(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setEnabled(False)
        button.clicked.connect(lambda _checked=False, chart=name: self.export(chart))
        view.installEventFilter(self)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(view, 1)
        self.views[name], self.export_buttons[name] = view, button
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
            self._shown = self._pending = self._pending_report = self._shown_report = None
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
        """Compute and draw what show_book left pending, in the background."""
        if self._pending is None:
            return
        source, report = self._pending, self._pending_report
        self._pending = self._pending_report = None
        self._shown, self._shown_report = source, report
        self.data, self._message = None, None  # until the new charts come back
        self._draw(lambda: dashboard_data(source[0], report))

    def showEvent(self, event) -> None:
        self._refresh()
        super().showEvent(event)

    def show_data(self, data: DashboardData) -> None:
        """Draw ``data`` (computed by :func:`planner.charts.dashboard_data`) in the background;
        :attr:`charted` says when it is shown."""
        self._message = None
        self._draw(lambda: data)

    def _sizes(self) -> dict[str, tuple[int, int]]:
        return {name: (view.width(), view.height()) for name, view in self.views.items()}

    def _draw(self, make_data) -> None:
        """Make the data (``make_data()``) and draw every chart at its card's size, off the GUI thread."""
        self._generation += 1
        generation, sizes, scale = self._generation, self._sizes(), self.devicePixelRatioF()
        translate = QCoreApplication.translate  # thread-safe

        def work():
            data = make_data()
            drawn = {name: render_rgba(lambda figure, draw=draw: draw(figure, data, translate), *sizes[name], scale)
                     for name, (_title, draw) in CHARTS.items()}
            return data, drawn

        self.jobs.start(work, lambda result: self._drawn(generation, sizes, scale, *result),
                        lambda error: self._failed(generation, error))

    def _drawn(self, generation: int, sizes: dict, scale: float, data: DashboardData, drawn: dict) -> None:
        if generation != self._generation:  # something newer was asked for meanwhile
            return
        if sizes != self._sizes():  # laid out meanwhile (the first show): shown scaled, drawn again
            self._resize_timer.start()
        self.data = data
        self.summary.setText(self.tr("Period %1 · as of %2 · amounts in %3").replace("%1", data.period.label)
                             .replace("%2", data.as_of.isoformat()).replace("%3", data.currency))
        for name, rgba in drawn.items():
            self.views[name].set_image(chart_image(rgba, scale))
            self.export_buttons[name].setEnabled(True)
        self.charted.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        from planner.qt.i18n import error_text

        if generation != self._generation:
            return
        self._shown = None
        self._show_message(self.tr("The charts could not be drawn: %1").replace("%1", error_text(error)))

    def _redraw(self) -> None:
        """The cards changed size: draw again at the new sizes what they show."""
        if self._message is not None:
            self._show_message(self._message)
        elif self.data is not None:
            data = self.data
            self._draw(lambda: data)

    def _show_message(self, text: str) -> None:
        """Every chart says ``text`` (drawn here: a line of text is quick)."""
        self._generation += 1  # a drawing under way is no longer wanted
        self.data, self._message = None, text
        self.summary.setText("")
        scale = self.devicePixelRatioF()
        for name, (width, height) in self._sizes().items():
            self.views[name].set_image(chart_image(render_rgba(lambda figure: draw_message(figure, text), width, height,
                                                          scale), scale))
            self.export_buttons[name].setEnabled(False)

    def eventFilter(self, watched, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched in self.views.values():
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

    def current_data(self) -> DashboardData | None:
        """The data of the charts as they should be now: what is shown, else (the tab still
        drawing, or hidden) computed here for the latest report."""
        if self._pending is not None:
            source, report = self._pending, self._pending_report
            self._pending = self._pending_report = None
            self._shown, self._shown_report, self._message = source, report, None
            data = dashboard_data(source[0], report)
            self._draw(lambda: data)
            self.data = data
        elif self.data is None and self._shown is not None and self._message is None:
            self.data = dashboard_data(self._shown[0], self._shown_report)
        return self.data

    def save_png(self, name: str, path: str | Path) -> Path:
        """Write chart ``name`` (a key of planner.charts.CHARTS) as a PNG at 150 dpi."""
        data = self.current_data()
        if data is None:
            raise RuntimeError("the dashboard has no data to export yet")
        return save_png(name, data, path, QCoreApplication.translate)

    def export(self, name: str) -> Path | None:
        """Ask where to save chart ``name`` and write it there; ``None`` when cancelled."""
        if self.current_data() is None:
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
                                .replace("%1", str(path)).replace("%2", reason_text(error)))
            return None
        self.export_folder = str(path.parent)
        self.exported.emit(str(path))
        return path

    def _ask_path(self, caption: str, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(self, caption, suggested, self.tr("PNG images (*.png)"))
        return path or None
