"""The backtest's chart (no Qt): each forecast method's accuracy per period (core/backtest.py),
one line per method, drawn into a plain matplotlib ``Figure``."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from planner.charts.style import (BLUE, BLUE_LIGHT, GREEN, GREY, MUTED, NAVY, ORANGE, RED, Translate, chart_style,
                                  no_data, title, untranslated)
from planner.core import kinds
from planner.core.errors import QT_TRANSLATE_NOOP

COLOURS = {"weighted": BLUE, "commit": NAVY, "best_case": BLUE_LIGHT, "pipeline": GREY, "historical": ORANGE,
           "cycle_length": GREEN}
FLOOR = -1.0  # the axis stops at −100%: a forecast several times the actual would flatten the others


def draw_backtest(figure: Figure, periods: list[str], accuracy: dict[str, list[float | None]], lead: int,
                  best: str | None = None, translate: Translate = untranslated) -> None:
    """Per method (``accuracy``: method code → accuracy per period of ``periods``, ``None``
    where nothing was won or no forecast could be made), a line of its accuracy; ``best`` (the
    most accurate on average) drawn thicker. ``lead``: the periods before each forecast."""
    def t(text: str) -> str:
        return translate("charts", text)

    with chart_style(figure):
        ax = figure.add_subplot()
        positions = np.arange(len(periods))
        values = [v for series in accuracy.values() for v in series if v is not None]
        handles = []
        for method, series in accuracy.items():
            ys = [math.nan if v is None else max(v, FLOOR) for v in series]
            handles += ax.plot(positions, ys, color=COLOURS.get(method, RED), marker="o", markersize=3.5,
                               linewidth=2.6 if method == best else 1.4, zorder=3 if method == best else 2,
                               label=kinds.label(method, translate))
        ax.axhline(1.0, color=MUTED, linewidth=0.8, linestyle="--")
        low = min([0.0, *values])
        ax.set_ylim(max(FLOOR, low) - 0.05, 1.08)
        ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2.5, 5, 10]))  # fewer on a short chart
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:.0%}"))
        step = max(1, math.ceil(len(periods) / 12))  # at most twelve labels, level (room for the plot)
        ax.set_xticks(positions[::step], periods[::step])
        ax.grid(axis="y")
        if not values:
            no_data(ax, t(QT_TRANSLATE_NOOP("charts", "Nothing was won in these periods: no method can be judged")))
        if handles:
            figure.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 6))
        when = t(QT_TRANSLATE_NOOP("charts", "forecasts made on each period's first day")) if lead == 0 else \
            t(QT_TRANSLATE_NOOP("charts", "forecasts made one period before"))
        cut = t(QT_TRANSLATE_NOOP("charts", "; below −100% drawn at the edge")) if low < FLOOR else ""
        title(figure, t(QT_TRANSLATE_NOOP("charts", "Accuracy per method and period")),
              t(QT_TRANSLATE_NOOP("charts", "1 − |forecast − actual| ÷ actual, {when}{cut}")).format(when=when, cut=cut))
