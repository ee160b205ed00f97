"""The Charts sheet of an export (no Qt): native Excel charts over the computed sheets, so
they follow the formulas. A mixin of :class:`planner.io.export_workbook._WorkbookWriter`."""

from __future__ import annotations

from planner.core.errors import QT_TRANSLATE_NOOP

# The Charts sheet's words, translated by the export's ``translate`` (the app's language).
_N = {key: text for key, text in (
    ("open_value", QT_TRANSLATE_NOOP("charts", "Open value")),
    ("weighted_value", QT_TRANSLATE_NOOP("charts", "Weighted value")),
    ("by_stage", QT_TRANSLATE_NOOP("charts", "Open pipeline by stage")),
    ("attainment", QT_TRANSLATE_NOOP("charts", "Attainment %1")),
    ("quota_line", QT_TRANSLATE_NOOP("charts", "Quota (100%)")),
    ("by_rep", QT_TRANSLATE_NOOP("charts", "Attainment by rep, %1")),
    ("won", QT_TRANSLATE_NOOP("charts", "Won")),
    ("weighted", QT_TRANSLATE_NOOP("charts", "Stage-weighted forecast")),
    ("commit", QT_TRANSLATE_NOOP("charts", "Commit")),
    ("quota", QT_TRANSLATE_NOOP("charts", "Quota")),
    ("versus", QT_TRANSLATE_NOOP("charts", "Forecast versus quota, %1")),
    ("won_revenue", QT_TRANSLATE_NOOP("charts", "Won revenue")),
    ("by_month", QT_TRANSLATE_NOOP("charts", "Won revenue by month")),
    ("heading", QT_TRANSLATE_NOOP("charts", "Charts: %1 (live: they follow the formulas of the sheets they plot)")),
)}


class _ChartSheet:
    def _write_charts(self) -> None:
        worksheet = self.workbook.add_worksheet("Charts")
        workbook, styles = self.workbook, self.styles

        def t(key: str, value: object = "") -> str:
            return self.translate("charts", _N[key]).replace("%1", str(value))
        font = {"name": "Noto Sans CJK KR"}
        charts = []

        stages = self.grids["PipelineStages"]
        if len(self.open_stages):
            chart = workbook.add_chart({"type": "bar"})
            for key, name, color in (("value", t("open_value"), "#4472C4"), ("weighted", t("weighted_value"), "#ED7D31")):
                chart.add_series({"name": name, "categories": stages.range("stage"), "values": stages.range(key),
                                  "fill": {"color": color}, "gap": 60})
            chart.set_title({"name": t("by_stage"), "name_font": font})
            chart.set_y_axis({"reverse": True, "num_font": font})
            chart.set_x_axis({"num_format": styles.money_axis, "num_font": font, "major_gridlines": {"visible": True}})
            charts.append((chart, 720, 360, True))

        reps = self.grids["Attainment"]
        if self.rep_block:
            last = self.rep_block - 1
            chart = workbook.add_chart({"type": "column"})
            chart.add_series({"name": t("attainment", self.period.label), "categories": reps.range("name", 0, last),
                              "values": reps.range("attainment", 0, last), "fill": {"color": "#4472C4"}})
            target = workbook.add_chart({"type": "line"})
            target.add_series({"name": t("quota_line"), "categories": reps.range("name", 0, last),
                               "values": reps.range("target", 0, last), "line": {"color": "#C00000", "width": 2},
                               "marker": {"type": "none"}})
            chart.combine(target)
            chart.set_title({"name": t("by_rep", self.period.label), "name_font": font})
            chart.set_y_axis({"num_format": "0%", "num_font": font, "min": 0})
            chart.set_x_axis({"num_font": {**font, "rotation": -45}})
            charts.append((chart, min(max(720, 28 * self.rep_block), 4000), 400, True))

        forecast_grid = self.grids["Forecast"]
        quarters = [i for i, p in enumerate(self.forecast_periods) if p.kind == "quarter"]
        if quarters:
            first, last = quarters[0], quarters[-1]
            chart = workbook.add_chart({"type": "column"})
            for key, name, color in (("won", t("won"), "#70AD47"), ("weighted", t("weighted"), "#4472C4"),
                                     ("commit", t("commit"), "#A5A5A5")):
                chart.add_series({"name": name, "categories": forecast_grid.range("period", first, last),
                                  "values": forecast_grid.range(key, first, last), "fill": {"color": color}})
            quota = workbook.add_chart({"type": "line"})
            quota.add_series({"name": t("quota"), "categories": forecast_grid.range("period", first, last),
                              "values": forecast_grid.range("quota", first, last),
                              "line": {"color": "#C00000", "width": 2.25}, "marker": {"type": "diamond"}})
            chart.combine(quota)
            chart.set_title({"name": t("versus", self.period.start.year), "name_font": font})
            chart.set_y_axis({"num_format": styles.money_axis, "num_font": font})
            chart.set_x_axis({"num_font": font})
            charts.append((chart, 720, 360, True))

        months = self.grids["WonByMonth"]
        if self.months:
            chart = workbook.add_chart({"type": "column"})
            chart.add_series({"name": t("won_revenue"), "categories": months.range("month"),
                              "values": months.range("won_value"), "fill": {"color": "#70AD47"}, "gap": 50})
            chart.set_title({"name": t("by_month"), "name_font": font})
            chart.set_y_axis({"num_format": styles.money_axis, "num_font": font})
            chart.set_x_axis({"num_font": {**font, "rotation": -45}})
            charts.append((chart, 720, 360, False))

        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)  # printed one page wide, as many pages down as it takes
        row = 1
        worksheet.write_string(0, 0, t("heading", self.period.label), styles.bold)
        breaks = []
        for chart, width, height, legend in charts:
            chart.set_size({"width": width, "height": height})
            chart.set_legend({"position": "bottom", "font": font} if legend else {"none": True})
            worksheet.insert_chart(row, 1, chart)
            row += int(height / 20) + 2
            breaks.append(row)
        worksheet.set_h_pagebreaks(breaks[:-1])  # one chart a page
        self.summary.charts = len(charts)
