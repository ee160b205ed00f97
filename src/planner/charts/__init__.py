"""Matplotlib chart builders for the dashboard and PNG exports, free of Qt.

``planner.charts.data.dashboard_data(snapshot, report)`` computes what the charts show (the
Excel export reads it too, without loading matplotlib); each builder of
``planner.charts.pipeline.CHARTS`` draws it into a plain ``matplotlib.figure.Figure``
(``fn(figure, data) -> None``), which serves both the app's embedded canvases and ``save_png``.
"""
