"""The dashboard's five charts, each drawn into a plain matplotlib ``Figure`` (no Qt).

Every builder is ``draw_x(figure, data, translate=untranslated) -> None``: it clears
``figure`` and draws :class:`~planner.charts.data.DashboardData` into it, so the same code
serves the app's embedded canvases and PNG snapshots (:func:`save_png`). English texts are
marked with ``QT_TRANSLATE_NOOP("charts", ...)`` and passed through ``translate(context, text)``;
the app hands in ``QCoreApplication.translate``.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from planner.charts.data import LATER, OVERDUE, DashboardData
from planner.charts.style import (BLUE, BLUE_LIGHT, GREEN, GREY, INK, MUTED, NAVY, ORANGE, RED, Translate,
                                  chart_style, compact_money, major, money_axis, no_data, title, untranslated)
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.health import STALL_FACTOR

# The size PNG snapshots are drawn at (inches; × 150 dpi = 1200 × 720 pixels).
PNG_SIZE, PNG_DPI = (8.0, 4.8), 150


def _t(translate: Translate) -> Callable[[str], str]:
    return lambda text: translate("charts", text)


def stage_colours(count: int) -> list:
    """Blues from light (the first open stage) to dark (the last), one per stage."""
    if count <= 0:
        return []
    return [colormaps["Blues"](value) for value in np.linspace(0.35, 0.85, count)]


def _text_inches(text: str, points: float = 7.5) -> float:
    """About how wide ``text`` is at ``points``: CJK characters a full em, others about half."""
    ems = sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.56 for char in text)
    return ems * points / 72


def _legend_below(figure, handles: list) -> None:
    """A legend under the chart, in the order the series were drawn: one row when the labels
    fit the figure's width (roughly measured), else as many columns as do."""
    widths = [_text_inches(handle.get_label()) + 0.55 for handle in handles]
    room, columns = figure.get_figwidth() * 0.96, len(handles)
    if sum(widths) > room:  # several rows: columns as wide as the widest entry
        while columns > 1 and max(widths) * columns > room:
            columns -= 1
    figure.legend(handles=handles, loc="outside lower center", ncols=max(1, columns))


# -- 1. funnel ------------------------------------------------------------------------------
def draw_funnel(figure: Figure, data: DashboardData, translate: Translate = untranslated) -> None:
    """The period's funnel: of the deals created in it, how many reached each open stage
    (and were won), the conversion from each stage to the next, and the open deals now."""
    t, frame, currency = _t(translate), data.funnel, data.currency
    with chart_style(figure):
        ax = figure.add_subplot()
        names = [*frame["stage"], t(QT_TRANSLATE_NOOP("charts", "Won"))]
        reached = [*frame["reached"].tolist(), int(frame["advanced"].iloc[-1]) if len(frame) else 0]
        rows = np.arange(len(names))
        widest = max(max(reached), 1)
        ax.barh(rows, reached, left=[-value / 2 for value in reached], height=0.72,
                color=[*stage_colours(len(frame)), GREEN])
        for row, value in zip(rows, reached):
            if not sum(reached):
                break  # no cohort: the note below says so, without a column of zeros
            inside = value > widest * 0.16
            ax.text(0 if inside else value / 2 + widest * 0.02, row, f"{value:,}", va="center",
                    ha="center" if inside else "left", color="white" if inside else INK, fontweight="bold")
        for row, rate in enumerate(frame["conversion"]):
            if not np.isnan(rate):
                ax.text(widest * 0.52, row + 0.5, f"↓ {rate:.0%}", va="center", ha="left", color=MUTED, fontsize=8)
        # a column of the open deals as they stand, beside the funnel
        column = widest * 0.86
        ax.text(column, -0.85, t(QT_TRANSLATE_NOOP("charts", "Open now")), ha="left", va="center",
                color=MUTED, fontsize=8, fontweight="bold")
        for row, (count, value) in enumerate(zip(frame["open_count"], frame["open_value"])):
            ax.text(column, row, f"{count:,} · {compact_money(major(value, currency), currency)}",
                    ha="left", va="center", fontsize=8)
        ax.set_xlim(-widest * 0.52, widest * 1.5)
        ax.set_ylim(len(names) - 0.5, -1.3)
        ax.set_yticks(rows, names)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_visible(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        if not sum(reached):  # centred on the funnel, left of the open column
            ax.text(0, (len(names) - 1) / 2, t(QT_TRANSLATE_NOOP("charts", "No deals were created in {period}")).format(
                period=data.period.label), ha="center", va="center", color=MUTED, fontsize=9, wrap=True)
        title(figure, t(QT_TRANSLATE_NOOP("charts", "Pipeline funnel")),
              t(QT_TRANSLATE_NOOP("charts", "Deals created in {period} by the furthest stage reached; "
                                            "open deals ({currency}) at right")).format(
                  period=data.period.label, currency=currency))


# -- 2. weighted pipeline by expected close month -------------------------------------------
def draw_weighted_pipeline(figure: Figure, data: DashboardData, translate: Translate = untranslated) -> None:
    """The open deals' weighted value by expected-close month, stacked by stage, with what is
    overdue first and what is later (or undated) last."""
    t, table, currency = _t(translate), data.weighted_by_month, data.currency
    labels = {OVERDUE: t(QT_TRANSLATE_NOOP("charts", "Overdue")), LATER: t(QT_TRANSLATE_NOOP("charts", "Later"))}
    with chart_style(figure):
        ax = figure.add_subplot()
        positions = np.arange(len(table.index))
        bottom, handles = np.zeros(len(positions)), []
        for stage, colour in zip(table.columns, stage_colours(len(table.columns))):
            values = np.array([major(value, currency) for value in table[stage]])
            handles.append(ax.bar(positions, values, bottom=bottom, width=0.66, color=colour, label=str(stage),
                                  edgecolor="white", linewidth=0.5))
            bottom += values
        top = bottom.max() if len(bottom) else 0
        for x, total in zip(positions, bottom):
            if total > 0:
                ax.text(x, total + top * 0.015, compact_money(total, currency), ha="center", va="bottom",
                        fontsize=7.5, color=INK)
        ax.set_xticks(positions, [labels.get(bucket, bucket) for bucket in table.index])
        for tick, bucket in zip(ax.get_xticklabels(), table.index):
            if bucket == OVERDUE:
                tick.set_color(RED)
        ax.set_ylim(0, top * 1.12 if top > 0 else 1)
        money_axis(ax.yaxis, currency)
        ax.yaxis.grid(True)
        ax.set_ylabel(t(QT_TRANSLATE_NOOP("charts", "Weighted value ({currency})")).format(currency=currency))
        if top <= 0:
            no_data(ax, _no_weighted_value(data, t))
        title(figure, t(QT_TRANSLATE_NOOP("charts", "Weighted pipeline by expected close")),
              t(QT_TRANSLATE_NOOP("charts", "Open deals × stage probability, as of {date}")).format(
                  date=data.as_of.isoformat()))
        if handles:
            _legend_below(figure, handles)


def _no_weighted_value(data: DashboardData, t) -> str:
    """Why the weighted pipeline is empty: no open deals, or open deals worth nothing yet."""
    count = int(data.funnel["open_count"].sum()) if len(data.funnel) else 0
    if count == 0:
        return t(QT_TRANSLATE_NOOP("charts", "No open deals"))
    if int(data.funnel["open_value"].sum()) == 0:
        return t(QT_TRANSLATE_NOOP("charts", "{count} open deals, none with an amount")).format(count=f"{count:,}")
    return t(QT_TRANSLATE_NOOP("charts", "{count} open deals, none in a stage with a probability")).format(
        count=f"{count:,}")


# -- 3. forecast versus quota ---------------------------------------------------------------
FORECAST_SERIES = (
    ("won", QT_TRANSLATE_NOOP("charts", "Won"), NAVY),
    ("weighted", QT_TRANSLATE_NOOP("charts", "Stage-weighted"), BLUE),
    ("commit", QT_TRANSLATE_NOOP("charts", "Commit"), BLUE_LIGHT),
)


def draw_forecast_vs_quota(figure: Figure, data: DashboardData, translate: Translate = untranslated) -> None:
    """Per quarter of the report's year: won, the stage-weighted and commit forecasts, and the
    quota as a dashed line with the stage-weighted forecast's share of it."""
    t, frame, currency = _t(translate), data.forecast, data.currency
    with chart_style(figure):
        ax = figure.add_subplot()
        positions = np.arange(len(frame))
        width = 0.26
        handles, tallest = [], np.zeros(len(frame))
        for step, (key, label, colour) in enumerate(FORECAST_SERIES):
            values = np.array([major(value, currency) for value in frame[key]])
            handles.append(ax.bar(positions + (step - 1) * width, values, width=width * 0.94, color=colour,
                                  label=t(label)))
            tallest = np.fmax(tallest, values)
        quota = np.array([np.nan if value is pd.NA else major(value, currency) for value in frame["quota"]], dtype=float)
        has_quota = ~np.isnan(quota)
        handles.append(ax.hlines(quota[has_quota], positions[has_quota] - 0.46, positions[has_quota] + 0.46,
                                 colors=INK, linestyles=(0, (4, 2)), linewidth=1.4,
                                 label=t(QT_TRANSLATE_NOOP("charts", "Quota"))))
        tallest = np.fmax(tallest, quota)  # fmax: a missing quota leaves the bars
        top = float(tallest.max(initial=0))
        for x, goal, forecast, height in zip(positions, quota, frame["weighted"], tallest):
            if goal > 0:  # NaN compares False
                share = major(forecast, currency) / goal
                ax.text(x, height + top * 0.03, f"{share:.0%}", ha="center", va="bottom", fontsize=8,
                        color=GREEN if share >= 1 else MUTED, fontweight="bold")
        ax.set_xticks(positions, frame["period"].tolist())
        for tick, label in zip(ax.get_xticklabels(), frame["period"]):
            if label == data.period.label:
                tick.set_fontweight("bold")
        ax.set_ylim(0, top * 1.16 if top > 0 else 1)
        if top <= 0:
            no_data(ax, t(QT_TRANSLATE_NOOP("charts", "Nothing won, forecast or planned in {year}")).format(
                year=data.period.start.year))
        money_axis(ax.yaxis, currency)
        ax.yaxis.grid(True)
        ax.set_ylabel(t(QT_TRANSLATE_NOOP("charts", "Amount ({currency})")).format(currency=currency))
        title(figure, t(QT_TRANSLATE_NOOP("charts", "Forecast versus quota")),
              t(QT_TRANSLATE_NOOP("charts", "Quarters of {year}; % = stage-weighted forecast ÷ quota")).format(
                  year=data.period.start.year))
        _legend_below(figure, handles)


# -- 4. win rate and sales cycle ------------------------------------------------------------
def draw_trends(figure: Figure, data: DashboardData, translate: Translate = untranslated) -> None:
    """Win rate (left axis) and average sales cycle in days (right axis) per month of the
    trailing year; months without closed (or won) deals leave a gap."""
    t, frame = _t(translate), data.trends
    with chart_style(figure):
        ax = figure.add_subplot()
        positions = np.arange(len(frame))
        rate = frame["win_rate"].to_numpy(dtype="float64") * 100
        cycle = frame["avg_cycle_days"].to_numpy(dtype="float64")
        ax.plot(positions, rate, color=BLUE, marker="o", markersize=4, linewidth=2,
                label=t(QT_TRANSLATE_NOOP("charts", "Win rate")))
        ax.set_ylim(0, 105)
        ax.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
        ax.yaxis.grid(True)
        ax.set_ylabel(t(QT_TRANSLATE_NOOP("charts", "Win rate")), color=BLUE)
        cycles = ax.twinx()
        cycles.spines["right"].set_visible(True)
        cycles.plot(positions, cycle, color=ORANGE, marker="s", markersize=4, linewidth=1.6, linestyle=(0, (4, 2)),
                    label=t(QT_TRANSLATE_NOOP("charts", "Average sales cycle (days)")))
        longest = np.nanmax(cycle, initial=0) if (~np.isnan(cycle)).any() else 0
        cycles.set_ylim(0, longest * 1.2 if longest > 0 else 1)
        cycles.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        cycles.set_ylabel(t(QT_TRANSLATE_NOOP("charts", "Days")), color=ORANGE)
        ax.set_xticks(positions, frame["month"].tolist(), rotation=45, ha="right", rotation_mode="anchor")
        ax.set_xlim(-0.5, len(frame) - 0.5)
        if np.isnan(rate).all():
            no_data(ax, t(QT_TRANSLATE_NOOP("charts", "No deals closed in these months")))
        title(figure, t(QT_TRANSLATE_NOOP("charts", "Win rate and sales cycle")),
              t(QT_TRANSLATE_NOOP("charts", "Deals closed per month, the last {months} months")).format(
                  months=len(frame)))
        handles = ax.get_legend_handles_labels()[0] + cycles.get_legend_handles_labels()[0]
        _legend_below(figure, handles)


# -- 5. time in stage -----------------------------------------------------------------------
def draw_time_in_stage(figure: Figure, data: DashboardData, translate: Translate = untranslated) -> None:
    """Per open stage: the average days won deals spent there against the average days open
    deals have sat there so far, the stall line (1.5 × the won average) and stalled counts."""
    t, frame = _t(translate), data.time_in_stage
    numerator, denominator = STALL_FACTOR
    with chart_style(figure):
        ax = figure.add_subplot()
        rows = np.arange(len(frame))
        height = 0.38
        won = frame["won_avg_days"].to_numpy(dtype="float64")
        current = frame["open_avg_days"].to_numpy(dtype="float64")
        handles = [
            ax.barh(rows - height / 2, np.nan_to_num(won), height=height * 0.95, color=GREY,
                    label=t(QT_TRANSLATE_NOOP("charts", "Won deals (average)"))),
            ax.barh(rows + height / 2, np.nan_to_num(current), height=height * 0.95, color=ORANGE,
                    label=t(QT_TRANSLATE_NOOP("charts", "Open deals (average so far)"))),
        ]
        stall = won * numerator / denominator
        handles += ax.plot(stall, rows + height / 2, linestyle="none", marker="|", markersize=11, markeredgewidth=2,
                color=RED, label=t(QT_TRANSLATE_NOOP("charts", "Stalled beyond (1.5 × won)")))
        longest = np.nanmax(np.concatenate([won, current, stall, [0.0]]))
        for row, (days_won, days_open) in enumerate(zip(won, current)):
            for offset, days in ((-height / 2, days_won), (height / 2, days_open)):
                if not np.isnan(days):
                    ax.text(days + longest * 0.01, row + offset, f"{days:,.0f}", va="center", ha="left",
                            fontsize=7, color=MUTED)
        for row, stalled in enumerate(frame["stalled"]):
            if stalled:
                ax.text(longest * 1.2, row, t(QT_TRANSLATE_NOOP("charts", "{count} stalled")).format(count=int(stalled)),
                        va="center", ha="left", fontsize=7.5, color=RED, fontweight="bold")
        ax.set_xlim(0, longest * 1.45 if longest > 0 else 1)
        ax.set_yticks(rows, frame["stage"].tolist())
        ax.tick_params(axis="y", length=0)
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, steps=[1, 2, 5, 10]))
        ax.xaxis.grid(True)
        ax.set_xlabel(t(QT_TRANSLATE_NOOP("charts", "Days")))
        if not len(frame) or longest <= 0:
            no_data(ax, t(QT_TRANSLATE_NOOP("charts", "No stage times yet")))
        title(figure, t(QT_TRANSLATE_NOOP("charts", "Time in stage")),
              t(QT_TRANSLATE_NOOP("charts", "Open deals as of {date} against won deals")).format(
                  date=data.as_of.isoformat()))
        _legend_below(figure, handles)


def draw_message(figure: Figure, text: str) -> None:
    """An empty chart saying ``text`` (before there is a report, or when it failed)."""
    with chart_style(figure):
        ax = figure.add_subplot()
        ax.set_axis_off()
        no_data(ax, text)


# -- all of them ----------------------------------------------------------------------------
# name -> (title for menus and file names, builder), in the dashboard's order
CHARTS: dict[str, tuple[str, Callable[..., None]]] = {
    "funnel": (QT_TRANSLATE_NOOP("charts", "Pipeline funnel"), draw_funnel),
    "weighted_pipeline": (QT_TRANSLATE_NOOP("charts", "Weighted pipeline by expected close"), draw_weighted_pipeline),
    "forecast": (QT_TRANSLATE_NOOP("charts", "Forecast versus quota"), draw_forecast_vs_quota),
    "trends": (QT_TRANSLATE_NOOP("charts", "Win rate and sales cycle"), draw_trends),
    "time_in_stage": (QT_TRANSLATE_NOOP("charts", "Time in stage"), draw_time_in_stage),
}


# Charts are drawn under matplotlib.rc_context, which changes matplotlib's global settings:
# one chart at a time, whichever thread draws it (the dashboard draws off the GUI thread).
DRAW_LOCK = threading.RLock()


def save_png(name: str, data: DashboardData, path: str | Path, translate: Translate = untranslated,
             size: tuple[float, float] = PNG_SIZE, dpi: int = PNG_DPI) -> Path:
    """Draw chart ``name`` of CHARTS into a new figure of ``size`` inches and write it as PNG."""
    with DRAW_LOCK:
        figure = Figure(figsize=size, dpi=dpi)
        CHARTS[name][1](figure, data, translate)
        figure.savefig(path, format="png", dpi=dpi)
    return Path(path)


def render_rgba(draw: Callable[[Figure], None], width: int, height: int, scale: float = 1.0) -> tuple[bytes, int, int]:
    """``draw(figure)`` on a figure of ``width`` × ``height`` pixels (logical; ``scale`` device
    pixels each) rendered with Agg: the RGBA bytes and their pixel size. Needs no Qt, so it may
    run on any thread."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with DRAW_LOCK:
        figure = Figure(figsize=(max(width, 1) / 100, max(height, 1) / 100), dpi=100 * scale)
        canvas = FigureCanvasAgg(figure)
        draw(figure)
        canvas.draw()
        buffer = canvas.buffer_rgba()
        return bytes(buffer), buffer.shape[1], buffer.shape[0]
