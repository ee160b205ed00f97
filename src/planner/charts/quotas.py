"""The quota planner's chart (no Qt): a scenario's quota per month against what was won in
the same months of the basis year, drawn into a plain matplotlib ``Figure``."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from planner.charts.style import (BLUE, GREY, ORANGE, Translate, chart_style, major, money_axis, no_data, title,
                                  untranslated)
from planner.core.errors import QT_TRANSLATE_NOOP

MONTHS = (QT_TRANSLATE_NOOP("charts", "Jan"), QT_TRANSLATE_NOOP("charts", "Feb"), QT_TRANSLATE_NOOP("charts", "Mar"),
          QT_TRANSLATE_NOOP("charts", "Apr"), QT_TRANSLATE_NOOP("charts", "May"), QT_TRANSLATE_NOOP("charts", "Jun"),
          QT_TRANSLATE_NOOP("charts", "Jul"), QT_TRANSLATE_NOOP("charts", "Aug"), QT_TRANSLATE_NOOP("charts", "Sep"),
          QT_TRANSLATE_NOOP("charts", "Oct"), QT_TRANSLATE_NOOP("charts", "Nov"), QT_TRANSLATE_NOOP("charts", "Dec"))


def draw_quota_vs_won(figure: Figure, quota: list[int] | None, won: list[int], currency: str, year: int, basis: int,
                      name: str = "", translate: Translate = untranslated, kept: list[bool] | None = None) -> None:
    """Bars of the scenario's quota per month of ``year`` (``None``: no scenario yet) and a
    line of the amount won per month of ``basis``, in major units of ``currency``. The months
    ``kept`` marks (closed periods: their quotas kept as they were) are grey, hatched bars."""
    def t(text: str) -> str:
        return translate("charts", text)

    with chart_style(figure):
        ax = figure.add_subplot()
        months = np.arange(12)
        handles = []
        if quota is not None:
            closed = np.asarray(kept if kept is not None else [False] * 12, dtype=bool)
            values = np.array([major(v, currency) for v in quota], dtype=float)
            handles.append(ax.bar(months[~closed], values[~closed], width=0.66, color=BLUE,
                                  label=t(QT_TRANSLATE_NOOP("charts", "Quota {year}")).format(year=year)))
            if closed.any():
                handles.append(ax.bar(months[closed], values[closed], width=0.66, color=GREY, hatch="//",
                                      edgecolor="white", linewidth=0,
                                      label=t(QT_TRANSLATE_NOOP("charts", "Closed: kept as it was"))))
        handles += ax.plot(months, [major(v, currency) for v in won], color=ORANGE, marker="o", linewidth=2,
                           markersize=4, label=t(QT_TRANSLATE_NOOP("charts", "Won {year}")).format(year=basis))
        ax.set_xticks(months, [t(month) for month in MONTHS])
        ax.set_ylim(bottom=0)
        money_axis(ax.yaxis, currency)
        ax.grid(axis="y")
        if quota is None:
            ax.set_ylim(top=ax.get_ylim()[1] * 1.2)  # headroom for the note above last year's line
            no_data(ax, t(QT_TRANSLATE_NOOP("charts", "Add a scenario to see its quota by month")), y=0.94)
        figure.legend(handles=handles, loc="outside lower center", ncols=len(handles))
        title(figure, t(QT_TRANSLATE_NOOP("charts", "Quota versus last year's won, by month")),
              t(QT_TRANSLATE_NOOP("charts", "{name} ({currency})")).format(name=name or year, currency=currency))
