"""The Dashboard sheet of an export (no Qt): the app's dashboard charts as native Excel charts.

The figures are the dashboard's own (:mod:`planner.charts.data`, the same functions the app's
matplotlib charts draw), written as tables on the sheet with a chart beside each that plots
them: the funnel of the period's deals by stage with the conversion to the next stage, the
weighted pipeline by expected-close month stacked by stage, the win rate and the average
sales cycle by month (the cycle on a secondary axis), and the days open deals have spent in
each stage against won deals. Titles and labels are the dashboard's texts, passed through
``translate(context, text)``. A mixin of :class:`planner.io.export_workbook._WorkbookWriter`.
"""

from __future__ import annotations

import math

import pandas as pd
from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from planner.charts.data import LATER, OVERDUE, funnel_by_stage, monthly_trends, time_in_stage, weighted_by_month
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.io.export_common import _display_width

SHEET = "Dashboard"
CHART_WIDTH, CHART_HEIGHT = 640, 340  # pixels; a row is 20 pixels high
FONT = {"name": "Noto Sans CJK KR"}  # Latin, Korean and Japanese glyphs alike

# The dashboard's texts (planner.charts.pipeline marks the same ones), and the sheet's own.
TITLE = QT_TRANSLATE_NOOP("charts", "Dashboard: {period}, as of {date}")
NOTE = QT_TRANSLATE_NOOP("charts", "The figures of the app's dashboard; each chart plots the table beside it.")
FUNNEL = QT_TRANSLATE_NOOP("charts", "Pipeline funnel")
FUNNEL_REACHED = QT_TRANSLATE_NOOP("charts", "Deals created in {period} that reached the stage")
FUNNEL_CONVERSION = QT_TRANSLATE_NOOP("charts", "Conversion to the next stage")
WON = QT_TRANSLATE_NOOP("charts", "Won")
WEIGHTED = QT_TRANSLATE_NOOP("charts", "Weighted pipeline by expected close")
OVERDUE_TEXT = QT_TRANSLATE_NOOP("charts", "Overdue")
LATER_TEXT = QT_TRANSLATE_NOOP("charts", "Later")
WEIGHTED_AXIS = QT_TRANSLATE_NOOP("charts", "Weighted value ({currency})")
TRENDS = QT_TRANSLATE_NOOP("charts", "Win rate and sales cycle")
WIN_RATE = QT_TRANSLATE_NOOP("charts", "Win rate")
CYCLE = QT_TRANSLATE_NOOP("charts", "Average sales cycle (days)")
TIME_IN_STAGE = QT_TRANSLATE_NOOP("charts", "Time in stage")
WON_DAYS = QT_TRANSLATE_NOOP("charts", "Won deals (average)")
OPEN_DAYS = QT_TRANSLATE_NOOP("charts", "Open deals (average so far)")
DAYS = QT_TRANSLATE_NOOP("charts", "Days")
# the tables' headers
H_STAGE = QT_TRANSLATE_NOOP("charts", "Stage")
H_REACHED = QT_TRANSLATE_NOOP("charts", "Reached")
H_OPEN_COUNT = QT_TRANSLATE_NOOP("charts", "Open deals")
H_OPEN_VALUE = QT_TRANSLATE_NOOP("charts", "Open value")
H_EXPECTED = QT_TRANSLATE_NOOP("charts", "Expected close")
H_MONTH = QT_TRANSLATE_NOOP("charts", "Month")
H_WON = QT_TRANSLATE_NOOP("charts", "Won deals")
H_LOST = QT_TRANSLATE_NOOP("charts", "Lost deals")
H_STALLED = QT_TRANSLATE_NOOP("charts", "Stalled")


def untranslated(context: str, text: str) -> str:
    return text


class _DashboardSheet:
    """Writes the Dashboard sheet: a table per chart down column A, its chart to the right."""

    def _write_dashboard(self) -> None:
        report, book = self.report, self.snapshot
        t = lambda text: self.translate("charts", text)  # noqa: E731 - one short alias, as charts/pipeline.py
        blocks = self._dashboard_blocks(t, funnel_by_stage(report), weighted_by_month(book, report.as_of),
                                        monthly_trends(book, report.as_of), time_in_stage(book, report.as_of))
        self._write_blocks(SHEET, t(TITLE).format(period=self.period.label, date=report.as_of.isoformat()),
                           t(NOTE), blocks)

    def _write_blocks(self, sheet: str, heading: str, note: str, blocks: list[dict]) -> None:
        """A sheet of tables down column A, each with its chart to the right. A block's
        ``chart(ref, name)`` gets ``ref(position, first=0, last=None)``: the absolute range of
        the table's column ``position`` (its rows ``first`` to ``last``, 0-based, the last one
        by default), and ``name(position)``: the column's header cell. A page break follows each
        block but the last, unless it says ``"break": False``."""
        worksheet = self.workbook.add_worksheet(sheet)
        styles = self.styles
        worksheet.write_string(0, 0, heading, styles.title)
        worksheet.write_string(1, 0, note, styles.note)
        chart_column = max((len(block["headers"]) for block in blocks), default=1) + 1
        widths: dict[int, float] = {}
        row, breaks, charts = 3, [], 0
        for block in blocks:
            first = row + 1  # the first data row (0-based)
            for position, (header, kind) in enumerate(zip(block["headers"], block["kinds"])):
                worksheet.write_string(row, position, header, styles.header if kind == "text" else styles.number_header)
                least = {"money": 17, "percent": 11}.get(kind, 10)
                widths[position] = max(widths.get(position, least), least, min(_display_width(header) + 2, 24))
            for offset, values in enumerate(block["rows"]):
                for position, (value, kind) in enumerate(zip(values, block["kinds"])):
                    self._write_value(worksheet, first + offset, position, kind, value)
                    if kind == "text" and isinstance(value, str):
                        widths[position] = max(widths[position], min(_display_width(value) + 2, 30))
            count = max(len(block["rows"]), 1)

            def ref(position: int, start: int = 0, end: int | None = None, first=first, count=count) -> str:
                letter = xl_col_to_name(position)
                top, bottom = first + start, first + (count - 1 if end is None else end)
                return f"{quote_sheetname(sheet)}!${letter}${top + 1}:${letter}${bottom + 1}"

            def name(position: int, header_row=row) -> str:
                return f"{quote_sheetname(sheet)}!${xl_col_to_name(position)}${header_row + 1}"
            chart = block["chart"](ref, name)
            height = block.get("height", CHART_HEIGHT)
            if chart is not None:
                chart.set_size({"width": block.get("width", CHART_WIDTH), "height": height})
                chart.set_legend({"position": "bottom", "font": FONT})
                chart.show_blanks_as("gap")
                worksheet.insert_chart(row, chart_column, chart)
                charts += 1
            row += max(len(block["rows"]) + 1, height // 20 + 1) + 2
            if block.get("break", True) and block is not blocks[-1]:
                breaks.append(row - 1)
        for position, width in widths.items():
            worksheet.set_column(position, position, width)
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)  # one page wide
        worksheet.set_h_pagebreaks(breaks)  # a chart and its table a page
        self.summary.charts += charts
        self.summary.sheets[sheet] = sum(len(block["rows"]) for block in blocks)

    def _dashboard_blocks(self, t, funnel: pd.DataFrame, weighted: pd.DataFrame, trends: pd.DataFrame,
                          stages: pd.DataFrame) -> list[dict]:
        """Each chart's table (headers, kinds, rows in the book's values) and how to draw it."""
        workbook, money_axis, currency = self.workbook, self.styles.money_axis, self.snapshot.currency
        blocks = []
        if len(funnel):
            won = int(funnel["advanced"].iloc[-1])
            rows = [[stage, int(reached), _ratio(conversion), int(count), int(value)] for stage, reached, conversion,
                    count, value in zip(funnel["stage"], funnel["reached"], funnel["conversion"],
                                        funnel["open_count"], funnel["open_value"])]
            rows.append([t(WON), won, None, None, None])

            def funnel_chart(ref, name):
                chart = workbook.add_chart({"type": "column"})
                chart.add_series({"name": t(FUNNEL_REACHED).format(period=self.period.label), "categories": ref(0),
                                  "values": ref(1), "fill": {"color": "#4472C4"}, "gap": 60,
                                  "data_labels": {"value": True, "num_format": "#,##0", "position": "inside_end",
                                                  "font": {**FONT, "color": "#FFFFFF", "bold": True}}})
                line = workbook.add_chart({"type": "line"})
                line.add_series({"name": t(FUNNEL_CONVERSION), "categories": ref(0), "values": ref(2),
                                 "y2_axis": True, "line": {"color": "#ED7D31", "width": 2.25},
                                 "marker": {"type": "circle", "size": 6, "fill": {"color": "#ED7D31"},
                                            "border": {"color": "#ED7D31"}}})
                chart.combine(line)
                chart.set_title({"name": t(FUNNEL), "name_font": FONT})
                chart.set_x_axis({"num_font": FONT})
                chart.set_y_axis({"num_format": "#,##0", "num_font": FONT, "min": 0})
                line.set_y2_axis({"num_format": "0%", "num_font": FONT, "min": 0, "max": 1})
                return chart
            blocks.append({"headers": [t(H_STAGE), t(H_REACHED), t(FUNNEL_CONVERSION), t(H_OPEN_COUNT), t(H_OPEN_VALUE)],
                           "kinds": ["text", "int", "percent", "int", "money"], "rows": rows,
                           "chart": funnel_chart})
        if len(weighted.columns):
            labels = {OVERDUE: t(OVERDUE_TEXT), LATER: t(LATER_TEXT)}
            rows = [[labels.get(bucket, bucket), *(int(v) for v in values)]
                    for bucket, values in zip(weighted.index, weighted.to_numpy())]
            colours = _blues(len(weighted.columns))

            def weighted_chart(ref, name):
                chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
                for position, colour in enumerate(colours, start=1):
                    chart.add_series({"name": name(position), "categories": ref(0), "values": ref(position),
                                      "fill": {"color": colour}, "border": {"color": "#FFFFFF"}, "gap": 50})
                chart.set_title({"name": t(WEIGHTED), "name_font": FONT})
                chart.set_x_axis({"num_font": FONT})
                chart.set_y_axis({"num_format": money_axis, "num_font": FONT, "min": 0,
                                  "name": t(WEIGHTED_AXIS).format(currency=currency), "name_font": FONT})
                return chart
            blocks.append({"headers": [t(H_EXPECTED), *map(str, weighted.columns)],
                           "kinds": ["text", *["money"] * len(weighted.columns)], "rows": rows,
                           "chart": weighted_chart})
        rows = [[month, int(won), int(lost), _ratio(rate), _number(days)] for month, won, lost, rate, days in zip(
            trends["month"], trends["won_count"], trends["lost_count"], trends["win_rate"], trends["avg_cycle_days"])]

        def trends_chart(ref, name):
            chart = workbook.add_chart({"type": "line"})
            chart.add_series({"name": t(WIN_RATE), "categories": ref(0), "values": ref(3),
                              "line": {"color": "#4472C4", "width": 2.25}, "marker": {"type": "circle", "size": 5}})
            cycle = workbook.add_chart({"type": "line"})
            cycle.add_series({"name": t(CYCLE), "categories": ref(0), "values": ref(4), "y2_axis": True,
                              "line": {"color": "#ED7D31", "width": 2.25, "dash_type": "dash"},
                              "marker": {"type": "square", "size": 5}})
            chart.combine(cycle)
            chart.set_title({"name": t(TRENDS), "name_font": FONT})
            chart.set_x_axis({"num_font": {**FONT, "rotation": -45}})
            chart.set_y_axis({"num_format": "0%", "num_font": FONT, "min": 0, "max": 1,
                              "name": t(WIN_RATE), "name_font": FONT})
            cycle.set_y2_axis({"num_format": "#,##0", "num_font": FONT, "min": 0, "name": t(DAYS), "name_font": FONT})
            return chart
        blocks.append({"headers": [t(H_MONTH), t(H_WON), t(H_LOST), t(WIN_RATE), t(CYCLE)],
                       "kinds": ["text", "int", "int", "percent", "number"], "rows": rows,
                       "chart": trends_chart})
        if len(stages):
            rows = [[stage, _number(won), _number(current), int(count), int(stalled)] for stage, won, current, count,
                    stalled in zip(stages["stage"], stages["won_avg_days"], stages["open_avg_days"],
                                   stages["open_count"], stages["stalled"])]

            def stages_chart(ref, name):
                chart = workbook.add_chart({"type": "bar"})
                for position, text, colour in ((1, WON_DAYS, "#A5A5A5"), (2, OPEN_DAYS, "#ED7D31")):
                    chart.add_series({"name": t(text), "categories": ref(0), "values": ref(position),
                                      "fill": {"color": colour}, "gap": 60})
                chart.set_title({"name": t(TIME_IN_STAGE), "name_font": FONT})
                chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": FONT})  # days along the bottom
                chart.set_x_axis({"num_format": "#,##0", "num_font": FONT, "min": 0, "name": t(DAYS),
                                  "name_font": FONT, "major_gridlines": {"visible": True}})
                return chart
            blocks.append({"headers": [t(H_STAGE), t(WON_DAYS), t(OPEN_DAYS), t(H_OPEN_COUNT), t(H_STALLED)],
                           "kinds": ["text", "number", "number", "int", "int"], "rows": rows, "chart": stages_chart})
        return blocks


def _ratio(value) -> float | None:
    """A fraction (0.25 for 25 %) or None when missing."""
    return None if value is None or pd.isna(value) else float(value)


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) or math.isinf(value) else float(value)


def _blues(count: int) -> list[str]:
    """Blues from light (the first open stage) to dark (the last), as the app's dashboard."""
    light, dark = (189, 215, 238), (31, 78, 121)
    out = []
    for index in range(count):
        share = index / (count - 1) if count > 1 else 0.5
        out.append("#" + "".join(f"{round(a + (b - a) * share):02X}" for a, b in zip(light, dark)))
    return out

