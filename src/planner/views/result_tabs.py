"""The main window's tabs built when first shown (views/lazy_pages.py): Pipeline, Dashboard,
Forecast, Attainment and the Quota planner, and what each shows of the results so far.

Mixed into :class:`~planner.views.main_window.MainWindow`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from planner.core import schema
from planner.views.problems_panel import LeftOutNote
from planner.views.sheet_view import sheet_pane

FORECAST_SHEETS = ("ForecastSnapshots", "ForecastOverrides")  # shown on the Forecast tab


def _page(name: str) -> property:
    """The page of the tab ``name``, built when first asked for (as when first shown)."""
    return property(lambda self: self.pages.page(name))


class ResultTabs:
    """The result tabs' pages (built on first use) for the main window."""

    pipeline, forecast_panel, dashboard = _page("pipeline"), _page("forecast"), _page("dashboard")
    attainment_panel, quota_planner = _page("attainment"), _page("quota_planner")

    def _build_pipeline(self) -> QWidget:
        from planner.views.pipeline_panel import PipelinePanel

        panel = PipelinePanel()
        panel.left_out_note.show_problems.connect(self.problems.reveal)
        panel.attention.open_deal.connect(self.show_deal)
        return panel

    def _refresh_pipeline(self, panel) -> None:
        panel.show_report(self.report)
        panel.attention.show_report(*(self._charted or (None, None)))

    def _build_forecast(self) -> QWidget:
        from planner.views.forecast_panel import ForecastPanel

        translate = QApplication.translate
        panel = ForecastPanel(self._push, lambda: self.book, lambda: not self.read_only, [
            (translate("schema", schema.TABLES[name].label), sheet_pane(self.sheets[name], self.find_bars[name]))
            for name in FORECAST_SHEETS])
        panel.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return panel

    def _build_dashboard(self) -> QWidget:
        from planner.views.dashboard import DashboardPanel

        panel = DashboardPanel()
        panel.exported.connect(lambda path: self.statusBar().showMessage(
            self.tr("Saved %1").replace("%1", str(path)), 5000))
        return panel

    def _build_attainment(self) -> QWidget:
        from planner.views.attainment_panel import AttainmentPanel

        self._attainment_note = LeftOutNote("attainment")
        self._attainment_note.show_problems.connect(self.problems.reveal)
        return AttainmentPanel(self._attainment_note, self.attainment_model, self.team_model)

    def _refresh_attainment(self, panel) -> None:
        panel.show_report(self.report)
        self._attainment_note.show_report(self.report)

    def _build_quota_planner(self) -> QWidget:
        from planner.views.quota_planner import QuotaPlanner

        planner = QuotaPlanner(self._push, lambda: self.book, lambda: not self.read_only)
        planner.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.book_loaded.connect(planner.book_changed)
        if self.book is not None:
            planner.book_changed()
        return planner

    @property
    def left_out_notes(self) -> list:
        """The notes of rows left out of the results, on the Attainment and Commissions tabs."""
        self.pages.page("attainment")
        return [self._attainment_note, self.commissions.left_out]

    def sheet_tab(self, table: str) -> QWidget:
        """The tab page that holds the sheet of ``table`` (the Forecast tab is built for its sheets)."""
        if table in FORECAST_SHEETS:
            self.pages.page("forecast")
        sheet = self.sheets[table]
        return next(self.tabs.widget(n) for n in range(self.tabs.count()) if self.tabs.widget(n).isAncestorOf(sheet))
