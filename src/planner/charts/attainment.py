"""The Attainment tab's charts (no Qt): attainment by rep against the 100% line (with pacing
beside it while the period is in progress), the company's quota versus won by month and the
rep quadrant scatter, drawn into a plain matplotlib ``Figure``."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter

from planner.charts.quotas import MONTHS
from planner.charts.style import (BLUE, BLUE_LIGHT, GREEN, GREY, MUTED, ORANGE, RED, Translate, chart_style, major,
                                  money_axis, no_data, title, untranslated)
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.quadrants import (FALLING_STAR, IMPROVING_LAGGARD, QUADRANT_LABELS, RISING_STAR,
                                    WORSENING_LAGGARD)

QUADRANT_COLOURS = {RISING_STAR: GREEN, FALLING_STAR: ORANGE, IMPROVING_LAGGARD: BLUE, WORSENING_LAGGARD: RED}


LABEL_SIZE = 7.5  # points
MAX_NAMES = 60  # rep names under the bars at most (each one's text costs the layout, and they would overlap)
# where a point's name may go, in points from the point, tried in turn: right above, right
# below, left above, left below, then further up and down
_PLACES = ((4, 3, "left"), (4, -10, "left"), (-4, 3, "right"), (-4, -10, "right"), (4, 12, "left"),
           (-4, 12, "right"), (4, -19, "left"), (-4, -19, "right"))


def _label_places(ax, names: list[str], x: list[float], y: list[float], size: float) -> dict[int, tuple]:
    """Each plotted point's label offset: the first of ``_PLACES`` whose box (its width
    estimated from the text: a CJK character is about a square, a Latin one about half) meets
    no point and no label placed before it. Points are placed left to right, so a cluster's
    labels fan out instead of printing over each other; a point with every place taken (a
    crowd of hundreds of reps) keeps its dot and goes unlabelled rather than blot the others."""
    to_pixels, scale = ax.transData.transform, ax.figure.dpi / 72
    shown = [i for i in range(len(names)) if not (np.isnan(x[i]) or np.isnan(y[i]))]
    marker = 4 * scale  # a point's own dot is no place for a label either
    placed, out = [(px - marker, py - marker, px + marker, py + marker)
                   for px, py in (to_pixels((x[i], y[i])) for i in shown)], {}
    for i in sorted(shown, key=lambda i: (x[i], y[i])):
        px, py = to_pixels((x[i], y[i]))
        width = sum(size * (1.0 if ord(ch) >= 0x2E80 else 0.56) for ch in names[i]) * scale
        height = size * 1.25 * scale
        boxes = []
        for dx, dy, align in _PLACES:
            left = px + dx * scale - (width if align == "right" else 0)
            boxes.append((left, py + dy * scale, left + width, py + dy * scale + height))
        free = [n for n, box in enumerate(boxes) if not any(_overlap(box, other) for other in placed)]
        if free:
            placed.append(boxes[free[0]])
            out[i] = _PLACES[free[0]]
    return out


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


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
        step = max(1, -(-len(names) // MAX_NAMES))  # hundreds of reps: every step-th name (bars of a pixel or two each)
        ax.set_xticks(x[::step], names[::step], rotation=45 if len(names) > 6 else 0,
                      ha="right" if len(names) > 6 else "center")
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
    four quadrants. A rep with credit after nothing last quarter (no change figure) sits on the right edge."""
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
        figure.draw_without_rendering()  # the layout settled: the labels are placed where the points end up
        for i, (dx, dy, align) in _label_places(ax, names, x, y, LABEL_SIZE).items():
            ax.annotate(names[i], (x[i], y[i]), xytext=(dx, dy), textcoords="offset points", fontsize=LABEL_SIZE,
                        color=MUTED, ha=align, annotation_clip=True).set_in_layout(False)  # (laid out above)


def draw_quota_versus_won(figure: Figure, quota: list, won: list, currency: str, year: int,
                          translate: Translate = untranslated) -> None:
    """Bars of the company's won (credited) per month of ``year`` with its quota per month as
    a line, in major units of ``currency``; a month without a figure (``None``: no quota, or
    a month not begun) is left out, never drawn as 0."""
    def t(text: str) -> str:
        return translate("charts", text)

    def values(minor: list) -> list[float]:
        return [np.nan if value is None else major(value, currency) for value in minor]

    with chart_style(figure):
        ax = figure.add_subplot()
        months = np.arange(12)
        handles = [ax.bar(months, values(won), width=0.66, color=GREEN,
                          label=t(QT_TRANSLATE_NOOP("charts", "Won (credited)")))]
        handles += ax.plot(months, values(quota), color=RED, marker="D", linewidth=1.8, markersize=4,
                           label=t(QT_TRANSLATE_NOOP("charts", "Quota")))
        ax.set_xticks(months, [t(month) for month in MONTHS])
        ax.set_ylim(bottom=min([value for value in values(won) if not np.isnan(value)] + [0]) * 1.1)
        money_axis(ax.yaxis, currency)
        ax.grid(axis="y")
        if all(value is None for value in quota) and not any(won):
            no_data(ax, t(QT_TRANSLATE_NOOP("charts", "No quota or credit in this year")))
        figure.legend(handles=handles, loc="outside lower center", ncols=len(handles))
        title(figure, t(QT_TRANSLATE_NOOP("charts", "Quota versus won by month")), f"{year} ({currency})")
