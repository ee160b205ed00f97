"""The backtest's chart (charts/backtest.py), drawn without Qt: one line per method, the best
one thicker, gaps where nothing was judged, the axis cut at −100%, CJK text with every glyph."""

from __future__ import annotations

import math
import warnings

from matplotlib.figure import Figure
from matplotlib.text import Text

from planner.charts.backtest import FLOOR, draw_backtest


def drawn(accuracy, translate=None, lead=0):
    figure = Figure(figsize=(8, 3.4), dpi=80)
    extra = {"translate": translate} if translate else {}
    draw_backtest(figure, ["2026-01", "2026-02", "2026-03"], accuracy, lead, "cycle_length", **extra)
    figure.canvas.draw()
    return figure


def texts(figure) -> str:
    return "\n".join(text.get_text() for text in figure.findobj(Text))


def test_one_line_per_method_the_best_thicker_and_gaps_where_not_judged():
    figure = drawn({"weighted": [0.8, None, 0.5], "cycle_length": [0.9, 0.95, -4.0]})
    ax = figure.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}
    assert set(lines) == {"Stage-weighted", "Sales-cycle length"}
    assert lines["Sales-cycle length"].get_linewidth() > lines["Stage-weighted"].get_linewidth()
    assert math.isnan(lines["Stage-weighted"].get_ydata()[1])  # nothing judged: a gap, not a zero
    assert lines["Sales-cycle length"].get_ydata()[2] == FLOOR  # −400% drawn at the edge
    assert ax.get_ylim()[0] < FLOOR and "below −100%" in texts(figure)
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["2026-01", "2026-02", "2026-03"]


def test_nothing_judged_says_so():
    figure = drawn({"weighted": [None, None, None]}, lead=1)
    assert "no method can be judged" in texts(figure) and "one period before" in texts(figure)
    assert "below −100%" not in texts(figure)


def test_japanese_and_korean_labels_have_every_glyph():
    translations = {"Accuracy per method and period": "方式・期間別の精度", "historical": "과거 실적"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of each glyph a font lacks
        figure = drawn({"weighted": [0.8, 0.7, 0.5], "historical": [0.5, 0.6, 0.4]},
                       translate=lambda context, text: translations.get(text, text))
    assert "方式・期間別の精度" in figure._suptitle.get_text()
    assert "과거 실적" in [text.get_text() for legend in figure.legends for text in legend.get_texts()]
