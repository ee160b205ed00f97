"""The Attainment tab's charts (no Qt): attainment by rep against the 100% line (with pacing
beside it while the period is in progress) and the rep quadrant scatter, drawn into a plain
matplotlib ``Figure``."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter

from planner.charts.style import (BLUE, BLUE_LIGHT, GREEN, GREY, MUTED, ORANGE, RED, Translate, chart_style, no_data,
                                  title, untranslated)
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.quadrants import (FALLING_STAR, IMPROVING_LAGGARD, QUADRANT_LABELS, RISING_STAR,
                                    WORSENING_LAGGARD)

QUADRANT_COLOURS = {RISING_STAR: GREEN, FALLING_STAR: ORANGE, IMPROVING_LAGGARD: BLUE, WORSENING_LAGGARD: RED}


def _percent(values) -> list[float]:
    return [np.nan if value is None else 100 * float(value) for value in values]


def draw_attainment_by_rep(figure: Figure, names: list[str], attainment: list, pacing: list | None, period: str,
                           translate: Translate = untranslated) -> None:
    """Bars of each rep's attainment (``None``: no quota) with the 100% line; with ``pacing``
    (a period in progress), a second, lighter bar of each rep's projected attainment."""
    def t(text: str) -> str:
        return translate("charts", text)

    with chart_style(figure):
        ax = figure.add_subplot()
        x = np.arange(len(names))
        width = 0.4 if pacing is not None else 0.66
        handles = [ax.bar(x - (width / 2 if pacing is not None else 0), _percent(attainment), width=width,
                          color=BLUE, label=t(QT_TRANSLATE_NOOP("charts", "Attainment")))]
        if pacing is not None:
            handles.append(ax.bar(x + width / 2, _percent(pacing), width=width, color=BLUE_LIGHT,
                                  label=t(QT_TRANSLATE_NOOP("charts", "Projected at the current run rate"))))
        handles.append(ax.axhline(100, color=RED, linestyle="--", linewidth=1.2,
                                  label=t(QT_TRANSLATE_NOOP("charts", "Quota (100%)"))))
        ax.set_xticks(x, names, rotation=45 if len(names) > 6 else 0, ha="right" if len(names) > 6 else "center")
        lowest = min([value for value in _percent(attainment) if not np.isnan(value)] + [0])
        ax.set_ylim(bottom=lowest * 1.1)  # a rep below zero (cancellations) stays in view
        ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
        ax.grid(axis="y")
        if not names:
            no_data(ax, t(QT_TRANSLATE_NOOP("charts", "No rep has a quota in this period")))
        figure.legend(handles=handles, loc="outside lower center", ncols=len(handles))
        title(figure, t(QT_TRANSLATE_NOOP("charts", "Attainment by rep")), period)


def draw_quadrants(figure: Figure, names: list[str], attainment: list, change: list, quadrant: list[str],
                   quarter: str, threshold: float = 1.0, translate: Translate = untranslated) -> None:
    """Each rep as a point: credited this quarter against last quarter (change, x) by
    attainment (y), coloured by quadrant, with the threshold and no-change lines dividing the
    four quadrants. A rep with nothing last quarter (no change figure) sits on the right edge."""
    def t(text: str) -> str:
        return translate("charts", text)

    with chart_style(figure):
        ax = figure.add_subplot()
        y = _percent(attainment)
        known = [100 * float(value) for value in change if value is not None]
        right = max([abs(value) for value in known] + [50]) * 1.15
        x = [right if value is None else 100 * float(value) for value in change]
        for name in QUADRANT_LABELS:
            chosen = [i for i, q in enumerate(quadrant) if q == name]
            ax.scatter([x[i] for i in chosen], [y[i] for i in chosen], s=40, color=QUADRANT_COLOURS[name],
                       zorder=3)
        for i, name in enumerate(names):
            ax.annotate(name, (x[i], y[i]), xytext=(4, 3), textcoords="offset points", fontsize=7.5, color=MUTED)
        ax.axhline(100 * threshold, color=GREY, linewidth=1)
        ax.axvline(0, color=GREY, linewidth=1)
        ax.set_xlim(min(known + [-50]) * 1.15, right * 1.1)
        shown = [value for value in y if not np.isnan(value)]
        ax.set_ylim(bottom=min(shown + [0]) * 1.15, top=max(shown + [100 * threshold]) * 1.15)
        ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
        ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
        ax.set_xlabel(t(QT_TRANSLATE_NOOP("charts", "Credited vs last quarter")))
        ax.set_ylabel(t(QT_TRANSLATE_NOOP("charts", "Attainment")))
        if not names:
            no_data(ax, t(QT_TRANSLATE_NOOP("charts", "No rep has a quota in this quarter")))
        handles = [Line2D([], [], marker="o", linestyle="", color=QUADRANT_COLOURS[name],
                          label=translate("quadrants", label)) for name, label in QUADRANT_LABELS.items()]
        figure.legend(handles=handles, loc="outside lower center", ncols=len(handles))
        title(figure, t(QT_TRANSLATE_NOOP("charts", "Rep quadrants")), quarter)
