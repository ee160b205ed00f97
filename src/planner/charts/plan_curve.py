"""The Plans tab's chart (no Qt): what a plan pays against attainment, from 0% to 200% of
quota, drawn from a :class:`~planner.core.payout_curve.Curve` (the engine's own payouts).

Each tier is a band behind the curve, marginal and retroactive apart (colour and hatching), its
rate written at its top; the 100% line, the cap as a dotted line and each bonus as a marked
step. The total payout is the thick line; where the plan has bonuses, the commission without
them is a thinner one below it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from planner.charts.style import (BLUE, BLUE_LIGHT, GREY, MUTED, NAVY, ORANGE, RED, Translate, chart_style,
                                  compact_money, major, money_axis, money_text, no_data, title, untranslated)
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.kinds import label
from planner.core.money import RATIO_SCALE

MARGINAL_COLOUR, RETROACTIVE_COLOUR = BLUE_LIGHT, "#f6c9a3"


def draw_payout_curve(figure: Figure, curve, tiers: list[tuple], bonuses: list[tuple], cap: int | None,
                      plan: str, translate: Translate = untranslated) -> None:
    """The payout of ``curve`` (None: no curve, e.g. no plan chosen) by attainment, with the
    plan's ``tiers`` as ``(from, to or None, rate, method)`` and ``bonuses`` as ``(from,
    amount)`` (attainment and rates in millionths, money in minor units) and its ``cap``."""
    def t(text: str) -> str:
        return translate("charts", text)

    with chart_style(figure):
        ax = figure.add_subplot()
        heading = t(QT_TRANSLATE_NOOP("charts", "Payout against attainment"))
        if curve is None:
            ax.set_axis_off()
            no_data(ax, t(QT_TRANSLATE_NOOP("charts", "Choose a plan to see what it pays")))
            title(figure, heading)
            return
        currency, points = curve.currency, curve.points
        x = 100 * points["attainment"].to_numpy(dtype=float)
        total = [major(v, currency) for v in points["total"]]
        right = max(float(x.max()), 100.0)
        handles = []
        # tier bands, their rate at the top
        for method, colour, hatch in (("marginal", MARGINAL_COLOUR, None), ("retroactive", RETROACTIVE_COLOUR, "//")):
            drawn = False
            for start, end, rate, kind in tiers:
                if kind != method or start is None or 100 * start / RATIO_SCALE >= right:
                    continue
                low, high = 100 * start / RATIO_SCALE, right if end is None else min(100 * end / RATIO_SCALE, right)
                ax.axvspan(low, high, facecolor=colour, alpha=0.45, hatch=hatch, edgecolor="white", linewidth=0)
                if low > 0:  # two tiers of one method stay apart
                    ax.axvline(low, color="white", linewidth=1.5)
                ax.text((low + high) / 2, 0.985, f"{rate / 10_000:g}%", transform=ax.get_xaxis_transform(),
                        ha="center", va="top", fontsize=7.5, color=MUTED)
                drawn = True
            if drawn:
                handles.append(Patch(facecolor=colour, alpha=0.45, hatch=hatch, edgecolor="white",
                                     label=label(method, translate)))
        handles += ax.plot(x, total, color=NAVY, linewidth=2, label=t(QT_TRANSLATE_NOOP("charts", "Total payout")))
        if bonuses:
            handles += ax.plot(x, [major(v, currency) for v in points["commission"]], color=BLUE, linewidth=1,
                               linestyle="--", label=t(QT_TRANSLATE_NOOP("charts", "Commission without bonuses")))
            for start, amount in bonuses:
                at = 100 * start / RATIO_SCALE
                if at > right:
                    continue
                reached = np.flatnonzero(x >= at)
                if len(reached):
                    y = total[reached[0]]
                    ax.plot([at], [y], marker="o", color=ORANGE, markersize=5, zorder=4)
                    ax.annotate(f"+{compact_money(major(amount, currency), currency)}", (at, y), xytext=(-4, 4),
                                textcoords="offset points", ha="right", fontsize=7.5, color=ORANGE)
            handles.append(Line2D([], [], marker="o", linestyle="", color=ORANGE,
                                  label=t(QT_TRANSLATE_NOOP("charts", "Bonus"))))
        # a cap far above what the plan pays by 200% would flatten the curve: named, not drawn
        cap_shown = cap is not None and major(cap, currency) <= 1.25 * max(total + [0])
        if cap_shown:
            handles.append(ax.axhline(major(cap, currency), color=RED, linestyle=":", linewidth=1.2,
                                      label=t(QT_TRANSLATE_NOOP("charts", "Cap"))))
        elif cap is not None:
            handles.append(Line2D([], [], color=RED, linestyle=":", linewidth=1.2, label=t(QT_TRANSLATE_NOOP(
                "charts", "Cap of {cap}: above the chart")).format(cap=money_text(major(cap, currency), currency))))
        handles.append(ax.axvline(100, color=GREY, linestyle="--", linewidth=1.2,
                                  label=t(QT_TRANSLATE_NOOP("charts", "Quota (100%)"))))
        ax.set_xlim(0, right)
        top = max(total + [major(cap, currency) if cap_shown else 0, 0])
        ax.set_ylim(min(total + [0]) * 1.1, top * 1.15 if top > 0 else 1)
        ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
        money_axis(ax.yaxis, currency)
        ax.grid(axis="y")
        ax.set_xlabel(t(QT_TRANSLATE_NOOP("charts", "Attainment")))
        if not tiers:
            no_data(ax, t(QT_TRANSLATE_NOOP("charts", "This plan has no tiers yet: add one below")), y=0.6)
        figure.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 4))
        title(figure, heading, t(QT_TRANSLATE_NOOP("charts", "{plan}: a quota of {quota} {currency} per {period}"))
              .format(plan=plan, quota=money_text(major(curve.quota, currency), currency), currency=currency,
                      period=label(curve.period, translate).lower()))
