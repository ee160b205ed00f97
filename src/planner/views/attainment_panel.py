"""The Attainment tab: where the period stands on as_of, attainment per rep and team (with
pacing beside it while the period is in progress), reps at quota, year to date, the rep
quadrants, and three charts: attainment by rep against the 100% line, the company's quota versus
won by month and the quadrant scatter, drawn off the GUI thread (qt/workers.py) so a big book
does not hold the tab. Figures come from the report (core/report.py, core/pacing.py,
core/quadrants.py)."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from planner.charts.attainment import draw_attainment_by_rep, draw_quadrants, draw_quota_versus_won
from planner.charts.pipeline import render_rgba
from planner.core import kinds
from planner.core.pacing import FUTURE, IN_PROGRESS, PACING
from planner.core.quadrants import QUADRANT_LABELS, QUADRANTS
from planner.core.schema import Kind
from planner.qt.table_model import FrameTableModel
from planner.qt.workers import JobRunner
from planner.views.chart_view import RESIZE_DELAY, ChartView, chart_image
from planner.views.table_view import BookTableView, scrolled, titled


class AttainmentPanel(QWidget):
    """Tables on the left, charts on the right; :meth:`show_report` fills both."""

    charted = Signal()  # the charts of the report shown are drawn

    def __init__(self, note: QWidget, reps_model: FrameTableModel, teams_model: FrameTableModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = None
        self.jobs = JobRunner(self)
        self._generation = 0  # the latest drawing asked for; older ones that finish are dropped
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.pacing_model = FrameTableModel(PACING, parent=self)
        self.quadrant_model = FrameTableModel(QUADRANTS, parent=self)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(note)
        tables.addWidget(titled(self.tr("Reps"), BookTableView(reps_model)))
        self.pacing_box = titled(self.tr("Pacing: projected end-of-period attainment at the current run rate"),
                                 BookTableView(self.pacing_model))
        tables.addWidget(self.pacing_box)
        tables.addWidget(titled(self.tr("Teams"), BookTableView(teams_model)))
        self.quadrant_title = QLabel()
        quadrant_box = QWidget()
        quadrant_layout = QVBoxLayout(quadrant_box)
        quadrant_layout.setContentsMargins(0, 4, 0, 0)
        quadrant_layout.addWidget(self.quadrant_title)
        quadrant_layout.addWidget(BookTableView(self.quadrant_model))
        tables.addWidget(quadrant_box)
        self.by_rep_chart, self.month_chart, self.quadrant_chart = ChartView(), ChartView(), ChartView()
        charts = QSplitter(Qt.Orientation.Vertical)
        for chart in self.charts():
            charts.addWidget(chart)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(tables)
        body.addWidget(scrolled(charts))  # three charts are taller than a laptop's screen
        body.setSizes([640, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(body, 1)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(RESIZE_DELAY)
        self._redraw_timer.timeout.connect(self._redraw)
        for chart in self.charts():
            chart.resized.connect(self._redraw_timer.start)
        self.show_report(None)

    def show_report(self, report) -> None:
        self.report = report
        if report is None:
            self.status.setText("")
            self.pacing_model.set_frame(PACING.empty())
            self.quadrant_model.set_frame(QUADRANTS.empty())
            self.quadrant_title.setText("<b>" + self.tr("Rep quadrants") + "</b>")
        else:
            self.status.setText(self.status_text(report))
            self.pacing_model.set_frame(report.pacing, report.currency)
            shown = report.quadrants.copy()
            shown["quadrant"] = shown["quadrant"].map(
                lambda code: QCoreApplication.translate("quadrants", QUADRANT_LABELS.get(code, code)))
            self.quadrant_model.set_frame(shown, report.currency)
            self.quadrant_title.setText("<b>" + self.tr("Rep quadrants, %1 (rising star: at quota and up on last "
                                                        "quarter)").replace("%1", str(report.quadrant_quarter)) + "</b>")
        self.pacing_box.setVisible(report is not None and report.period_status == IN_PROGRESS)
        self._redraw_timer.start()

    def status_text(self, report) -> str:
        """One or two lines: where the period stands, reps at quota and year to date."""
        def share(ratio) -> str:
            return kinds.text(Kind.PERCENT, ratio) or "–"

        if report.period_status == FUTURE:
            return self.tr("No data for %1 yet: it begins after %2 (as of).").replace(
                "%1", str(report.period)).replace("%2", report.as_of.isoformat())
        elapsed, total = report.days
        lines = [self.tr("%1 in progress: day %2 of %3 as of %4. Pacing is the attainment projected to the period's "
                         "end at the current run rate.").replace("%1", str(report.period)).replace(
            "%2", str(elapsed)).replace("%3", str(total)).replace("%4", report.as_of.isoformat())
                 if report.period_status == IN_PROGRESS else
                 self.tr("%1 has ended (as of %2).").replace("%1", str(report.period)).replace(
                     "%2", report.as_of.isoformat())]
        hit, ytd = report.at_quota, report.company_ytd
        figures = []
        if hit.get("with_quota"):
            figures.append(self.tr("Reps at quota: %1 of %2 (%3)").replace("%1", str(hit["at_quota"])).replace(
                "%2", str(hit["with_quota"])).replace("%3", share(hit["share"])))
        if ytd.get("quota"):
            figures.append(self.tr("Year to date: %1 of quota %2 (%3)").replace(
                "%1", kinds.text(Kind.MONEY, ytd["credited"], report.currency)).replace(
                "%2", kinds.text(Kind.MONEY, ytd["quota"], report.currency)).replace("%3", share(ytd["attainment"])))
        return "\n".join(lines + (["   ·   ".join(figures)] if figures else []))

    def charts(self) -> list[ChartView]:
        return [self.by_rep_chart, self.month_chart, self.quadrant_chart]

    def _sizes(self) -> list[tuple[int, int]]:
        return [(chart.width(), chart.height()) for chart in self.charts()]

    def _redraw(self) -> None:
        """Draw the three charts of the report at their sizes, in the background (the figures
        are picked here: plain lists, so the drawing touches no widget)."""
        report = self.report
        if report is None or not self.isVisible():
            return
        reps = report.attainment[report.attainment["quota"].notna().to_numpy(dtype=bool)]
        names = [str(name) if isinstance(name, str) and name else str(rep) for rep, name in zip(reps["rep"], reps["name"])]
        attained = _floats(reps["attainment"])
        pacing = None
        if report.period_status == IN_PROGRESS:
            pacing = _floats(report.pacing.set_index("rep")["pacing"].reindex(reps["rep"]))
        quads = report.quadrants
        quad_names = [str(name) if isinstance(name, str) and name else str(rep)
                      for rep, name in zip(quads["rep"], quads["name"])]
        months = report.quota_by_month
        quota = [None if pd.isna(value) else int(value) for value in months.get("quota", [])]
        won = [None if pd.isna(value) else int(value) for value in months.get("won", [])]
        period, quarter, currency, year = str(report.period), str(report.quadrant_quarter), report.currency, \
            report.period.start.year
        quadrant_args = (quad_names, _floats(quads["attainment"]), _floats(quads["change"]), quads["quadrant"].tolist())
        translate, scale, sizes = QCoreApplication.translate, self.devicePixelRatioF(), self._sizes()
        draws = (lambda figure: draw_attainment_by_rep(figure, names, attained, pacing, period, translate),
                 lambda figure: draw_quota_versus_won(figure, quota or [None] * 12, won or [None] * 12, currency, year,
                                                      translate),
                 lambda figure: draw_quadrants(figure, *quadrant_args, quarter, translate=translate))
        self._generation += 1
        generation = self._generation

        def work():
            return [render_rgba(draw, width, height, scale) for draw, (width, height) in zip(draws, sizes)]
        self.jobs.start(work, lambda drawn: self._drawn(generation, sizes, scale, drawn),
                        lambda error: self._failed(generation, error))

    def _drawn(self, generation: int, sizes: list, scale: float, drawn: list) -> None:
        if generation != self._generation:  # a newer report or size was asked for meanwhile
            return
        if sizes != self._sizes():  # laid out meanwhile: shown scaled, drawn again
            self._redraw_timer.start()
        for chart, rgba in zip(self.charts(), drawn):
            chart.set_image(chart_image(rgba, scale))
        self.charted.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        from planner.qt.i18n import error_text

        if generation == self._generation:
            self.status.setText(self.tr("The charts could not be drawn: %1").replace("%1", error_text(error)))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._redraw_timer.start()


def _floats(values: pd.Series) -> list:
    return [None if pd.isna(value) else float(value) for value in values.tolist()]
