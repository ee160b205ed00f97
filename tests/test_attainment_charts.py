"""The Attainment tab's matplotlib charts (no Qt): the quadrant scatter's rep names do not
print over each other, and quota versus won by month leaves a month without a figure out."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from planner.charts.attainment import draw_quadrants, draw_quota_versus_won


def test_the_names_of_a_cluster_of_reps_do_not_overlap():
    # the demo book's cluster: two reps on the same point and three close by, Korean,
    # Japanese and Latin names
    names = ["최하은", "David Chen", "박지훈", "이도윤", "高橋 翔", "鈴木 美咲"]
    attainment = [0.0, 0.0, 0.193, 0.429, 0.325, 0.88]
    change = [-1.0, -1.0, -0.921, -0.76, -0.789, -0.659]
    codes = ["worsening_laggard"] * len(names)
    figure = Figure(figsize=(7, 3.2), dpi=100, layout="constrained")
    draw_quadrants(figure, names, attainment, change, codes, "2026-Q4")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    labels = [artist for artist in figure.axes[0].texts if isinstance(artist, Annotation)]
    assert sorted(label.get_text() for label in labels) == sorted(names)
    boxes = [label.get_window_extent(renderer) for label in labels]
    for first in range(len(boxes)):
        for second in range(first + 1, len(boxes)):
            assert not boxes[first].overlaps(boxes[second]), (labels[first].get_text(), labels[second].get_text())


def test_quota_versus_won_leaves_a_month_without_a_figure_out():
    figure = Figure(figsize=(6, 3), dpi=80, layout="constrained")
    quota = [45_600_000] * 11 + [None]
    won = [47_359_032] * 10 + [23_225_884, None]  # December not begun
    draw_quota_versus_won(figure, quota, won, "USD", 2026)
    ax = figure.axes[0]
    heights = [patch.get_height() for patch in ax.patches]
    assert heights[:11] == [473_590.32] * 10 + [232_258.84] and np.isnan(heights[11])  # no 0 bar for December
    line = ax.lines[0].get_ydata()
    assert list(line[:11]) == [456_000.0] * 11 and np.isnan(line[11])
