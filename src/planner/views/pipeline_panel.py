"""The Pipeline tab: key figures of the period, the forecast, open deals by stage, and the
deals that need attention."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from planner.core import kinds, schema
from planner.core.metrics import PIPELINE_BY_REP, PIPELINE_BY_TEAM, PIPELINE_FUNNEL
from planner.core.money import money_label
from planner.core.schema import Kind
from planner.core.report import Report
from planner.qt.table_model import FrameTableModel
from planner.views.attention import AttentionPanel
from planner.views.problems_panel import LeftOutNote
from planner.views.table_view import BookTableView


class PipelinePanel(QWidget):
    """Pipeline metrics and forecast for the selected period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stages_model = FrameTableModel(schema.PIPELINE_STAGES, parent=self)
        self.funnel_model = FrameTableModel(PIPELINE_FUNNEL, parent=self)
        self.rep_model = FrameTableModel(PIPELINE_BY_REP, parent=self)
        self.team_model = FrameTableModel(PIPELINE_BY_TEAM, parent=self)
        self._values: dict[str, QLabel] = {}
        figures = QHBoxLayout()
        self.snapshot_group = self._group(self.tr("Pipeline"), [
            ("open_count", self.tr("Open deals")),
            ("open_value", self.tr("Open pipeline value")),
            ("weighted_value", self.tr("Weighted pipeline")),
        ])
        figures.addWidget(self.snapshot_group)
        figures.addWidget(self._group(self.tr("In the period"), [
            ("created_count", self.tr("Deals created")),
            ("won", self.tr("Won")),
            ("lost_count", self.tr("Lost")),
            ("win_rate", self.tr("Win rate")),
            ("avg_won_deal", self.tr("Average won deal")),
            ("avg_cycle_days", self.tr("Average sales cycle")),
            ("velocity_per_day", self.tr("Pipeline velocity (per day)")),
            ("conversion_rate", self.tr("Conversion of deals created")),
            ("coverage", self.tr("Coverage of quota remaining")),
        ]))
        figures.addWidget(self._group(self.tr("Forecast for the period"), [
            ("f_won", self.tr("Won so far")),
            ("f_weighted", self.tr("Stage-weighted")),
            ("f_commit", self.tr("Commit")),
            ("f_best_case", self.tr("Best case")),
            ("f_pipeline", self.tr("Won + all open deals expected")),
        ]))
        layout = QVBoxLayout(self)
        self.left_out_note = LeftOutNote("pipeline")
        layout.addWidget(self.left_out_note)
        layout.addLayout(figures)
        self.attention = AttentionPanel()
        tables = QSplitter(Qt.Orientation.Vertical)
        # the period's figures broken down: open deals by stage, stage conversion, by rep, by team
        self.breakdown = QTabWidget()
        for model, title in ((self.stages_model, self.tr("Open deals by stage")),
                             (self.funnel_model, self.tr("Stage conversion")),
                             (self.rep_model, self.tr("By rep")), (self.team_model, self.tr("By team"))):
            self.breakdown.addTab(BookTableView(model), title)
        tables.addWidget(self.breakdown)
        tables.addWidget(self.attention)
        tables.setSizes([240, 360])
        layout.addWidget(tables, 1)

    def _group(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        group = QGroupBox(title)
        grid = QGridLayout(group)
        for line, (key, label) in enumerate(rows):
            value = QLabel("–")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setFrameShape(QFrame.Shape.NoFrame)
            grid.addWidget(QLabel(label), line, 0)
            grid.addWidget(value, line, 1)
            self._values[key] = value
        grid.setRowStretch(len(rows), 1)
        return group

    def show_report(self, report: Report | None) -> None:
        """Fill the figures from ``report``; dashes when there is none."""
        # open deals are the book as it stands, whatever the period: say so
        self.left_out_note.show_report(report)
        self.snapshot_group.setTitle(self.tr("Pipeline") if report is None else
                                     self.tr("Pipeline as of %1").replace("%1", report.as_of.isoformat()))
        if report is None:
            for label in self._values.values():
                label.setText("–")
            for model in (self.stages_model, self.funnel_model, self.rep_model, self.team_model):
                model.set_frame(model.spec.empty())
            return

        def money(minor) -> str:
            return money_label(minor, report.currency)

        p, f = report.pipeline, report.forecast
        texts = {
            "open_count": f"{p['open_count']:,}",
            "open_value": money(p["open_value"]),
            "weighted_value": money(p["weighted_value"]),
            "velocity_per_day": money(p["velocity_per_day"]),
            "created_count": f"{p['created_count']:,}",
            "won": f"{p['won_count']:,} · {money(p['won_value'])}",
            "lost_count": f"{p['lost_count']:,}",
            "win_rate": kinds.text(Kind.PERCENT, p["win_rate"]) or "–",
            "avg_won_deal": money(p["avg_won_deal"]),
            "avg_cycle_days": "–" if p["avg_cycle_days"] is None else self.tr("%1 days").replace(
                "%1", f"{p['avg_cycle_days']:.1f}"),
            "conversion_rate": kinds.text(Kind.PERCENT, p["conversion_rate"]) or "–",
            "coverage": "–" if p["coverage"] is None else f"{p['coverage']:.2f}×",
            **{f"f_{key}": money(value) for key, value in f.items()},
        }
        for key, label in self._values.items():
            label.setText(texts[key])
        self.stages_model.set_frame(report.stages, report.currency)
        self.funnel_model.set_frame(report.funnel, report.currency)
        self.rep_model.set_frame(report.by_rep, report.currency)
        self.team_model.set_frame(report.by_team, report.currency)
