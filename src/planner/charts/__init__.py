"""Matplotlib chart builders for the dashboard and PNG exports, free of Qt.

``dashboard_data(snapshot, report)`` computes what the charts show; each builder of
``CHARTS`` draws it into a plain ``matplotlib.figure.Figure`` (``fn(figure, data) -> None``),
which serves both the app's embedded canvases and :func:`save_png`.
"""

from planner.charts.data import DashboardData, dashboard_data
from planner.charts.pipeline import (CHARTS, draw_forecast_vs_quota, draw_funnel, draw_time_in_stage, draw_trends,
                                     draw_weighted_pipeline, save_png)

__all__ = ["CHARTS", "DashboardData", "dashboard_data", "draw_forecast_vs_quota", "draw_funnel",
           "draw_time_in_stage", "draw_trends", "draw_weighted_pipeline", "save_png"]
