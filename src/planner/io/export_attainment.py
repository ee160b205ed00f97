"""The AttainmentCharts sheet of an export (no Qt): the Attainment tab's charts as native Excel
charts, each beside the table of the app's figures it plots (the series point at those cells):
attainment by rep against the 100% line (with pacing while the period is in progress), the
company's quota versus won by month of the period's year, and the rep quadrant scatter
(change on last quarter against attainment, a series per quadrant, each point labelled with
its rep from the table). A mixin of :class:`planner.io.export_workbook._WorkbookWriter`.
"""

from __future__ import annotations

import pandas as pd

from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.pacing import IN_PROGRESS
from planner.core.quadrants import QUADRANT_LABELS
from planner.io.export_dashboard import FONT

SHEET = "AttainmentCharts"
QUADRANT_COLOURS = {"rising_star": "#70AD47", "falling_star": "#ED7D31", "improving_laggard": "#4472C4",
                    "worsening_laggard": "#C00000"}  # as charts/attainment.py

TITLE = QT_TRANSLATE_NOOP("charts", "Attainment: {period}, as of {date}")
NOTE = QT_TRANSLATE_NOOP("charts", "The figures of the app's Attainment tab; each chart plots the table beside it.")
BY_REP = QT_TRANSLATE_NOOP("charts", "Attainment by rep, %1")  # as the Charts sheet's
ATTAINMENT = QT_TRANSLATE_NOOP("charts", "Attainment")
PROJECTED = QT_TRANSLATE_NOOP("charts", "Projected at the current run rate")
QUOTA_LINE = QT_TRANSLATE_NOOP("charts", "Quota (100%)")
BY_MONTH = QT_TRANSLATE_NOOP("charts", "Quota versus won by month, {year}")
QUOTA = QT_TRANSLATE_NOOP("charts", "Quota")
WON = QT_TRANSLATE_NOOP("charts", "Won (credited)")
QUADRANTS = QT_TRANSLATE_NOOP("charts", "Rep quadrants, {quarter}")
CHANGE = QT_TRANSLATE_NOOP("charts", "Credited vs last quarter")
H_REP = QT_TRANSLATE_NOOP("charts", "Rep")
H_MONTH = QT_TRANSLATE_NOOP("charts", "Month")
H_QUADRANT = QT_TRANSLATE_NOOP("charts", "Quadrant")


def rep_label(rep, name) -> str:
    """How a chart names a rep: the name, else the id (as the Attainment tab)."""
    return str(name) if isinstance(name, str) and name else str(rep)


def _value(value):
    return None if value is None or pd.isna(value) else value


class _AttainmentChartSheet:
    def _write_attainment_charts(self) -> None:
        report = self.report
        t = lambda text: self.translate("charts", text)  # noqa: E731 - as export_dashboard
        blocks = [self._by_rep_block(t), self._by_month_block(t)]
        if report.quadrant_quarter is not None:
            blocks.append(self._quadrant_block(t))
        self._write_blocks(SHEET, t(TITLE).format(period=self.period.label, date=report.as_of.isoformat()),
                           t(NOTE), blocks)

    def _by_rep_block(self, t) -> dict:
        report, workbook = self.report, self.workbook
        reps = report.attainment[report.attainment["quota"].notna().to_numpy(dtype=bool)]
        in_progress = report.period_status == IN_PROGRESS
        pacing = report.pacing.set_index("rep")["pacing"].reindex(reps["rep"]).tolist() if in_progress else None
        rows = []
        for number, (rep, name, ratio) in enumerate(zip(reps["rep"], reps["name"], reps["attainment"])):
            rows.append([rep_label(rep, name), _value(ratio), *([_value(pacing[number])] if in_progress else []), 1.0])
        target = 3 if in_progress else 2

        def chart(ref, name):
            if not rows:
                return None
            bars = workbook.add_chart({"type": "column"})
            bars.add_series({"name": name(1), "categories": ref(0), "values": ref(1), "fill": {"color": "#4472C4"},
                             "gap": 60})
            if in_progress:
                bars.add_series({"name": name(2), "categories": ref(0), "values": ref(2),
                                 "fill": {"color": "#9DC3E6"}})
            line = workbook.add_chart({"type": "line"})
            line.add_series({"name": name(target), "categories": ref(0), "values": ref(target),
                             "line": {"color": "#C00000", "width": 1.5, "dash_type": "dash"}, "marker": {"type": "none"}})
            bars.combine(line)
            bars.set_title({"name": t(BY_REP).replace("%1", self.period.label), "name_font": FONT})
            bars.set_x_axis({"num_font": {**FONT, "rotation": -45} if len(rows) > 6 else FONT})
            bars.set_y_axis({"num_format": "0%", "num_font": FONT, "major_gridlines": {"visible": True}})
            return bars
        return {"headers": [t(H_REP), t(ATTAINMENT), *([t(PROJECTED)] if in_progress else []), t(QUOTA_LINE)],
                "kinds": ["text", "percent", *(["percent"] if in_progress else []), "percent"], "rows": rows,
                "chart": chart, "width": min(max(640, 28 * len(rows)), 4000)}

    def _by_month_block(self, t) -> dict:
        workbook, year = self.workbook, self.period.start.year
        months = self.report.quota_by_month
        rows = [[month, _value(quota), _value(won)] for month, quota, won in
                zip(months["month"], months["quota"], months["won"])]

        def chart(ref, name):
            bars = workbook.add_chart({"type": "column"})
            bars.add_series({"name": name(2), "categories": ref(0), "values": ref(2), "fill": {"color": "#70AD47"},
                             "gap": 50})
            line = workbook.add_chart({"type": "line"})
            line.add_series({"name": name(1), "categories": ref(0), "values": ref(1),
                             "line": {"color": "#C00000", "width": 2.25}, "marker": {"type": "diamond"}})
            bars.combine(line)
            bars.set_title({"name": t(BY_MONTH).format(year=year), "name_font": FONT})
            bars.set_x_axis({"num_font": {**FONT, "rotation": -45}})
            bars.set_y_axis({"num_format": self.styles.money_axis, "num_font": FONT, "min": 0,
                             "major_gridlines": {"visible": True}})
            return bars
        return {"headers": [t(H_MONTH), t(QUOTA), t(WON)], "kinds": ["text", "money", "money"], "rows": rows,
                "chart": chart}

    def _quadrant_block(self, t) -> dict:
        """The quadrants' table sorted by quadrant, so each quadrant's reps are one range; reps
        with nothing last quarter (no change figure) come last in their quadrant and are listed,
        not plotted (a scatter point needs both figures)."""
        workbook, quads = self.workbook, self.report.quadrants
        order = list(QUADRANT_LABELS)
        rows, ranges = [], []
        for code in order:
            chosen = quads[(quads["quadrant"] == code).to_numpy(dtype=bool)]
            plotted = chosen["change"].notna().to_numpy(dtype=bool)
            start = len(rows)
            for part in (chosen[plotted], chosen[~plotted]):
                for rep, name, ratio, change in zip(part["rep"], part["name"], part["attainment"], part["change"]):
                    rows.append([rep_label(rep, name), self.translate("quadrants", QUADRANT_LABELS[code]),
                                 _value(change), _value(ratio)])
            if plotted.any():
                ranges.append((code, start, start + int(plotted.sum()) - 1))

        def chart(ref, name):
            if not ranges:
                return None
            scatter = workbook.add_chart({"type": "scatter"})
            for code, first, last in ranges:
                # the names as text, not cell references: LibreOffice shows a referenced label
                # only from a cache, which a constant-memory workbook does not write
                # (a name that starts with "=" would be read as a formula: that one is referenced)
                labels = [{"value": rows[row][0] if not rows[row][0].startswith("=")
                           else "=" + ref(0, row, row).split(":")[0]} for row in range(first, last + 1)]
                scatter.add_series({
                    "name": self.translate("quadrants", QUADRANT_LABELS[code]),
                    "categories": ref(2, first, last), "values": ref(3, first, last),
                    "marker": {"type": "circle", "size": 7, "fill": {"color": QUADRANT_COLOURS[code]},
                               "border": {"color": QUADRANT_COLOURS[code]}},
                    "data_labels": {"value": True, "custom": labels, "position": "right",
                                    "font": {**FONT, "size": 8, "color": "#595959"}},
                })
            scatter.set_title({"name": t(QUADRANTS).format(quarter=self.report.quadrant_quarter.label),
                               "name_font": FONT})
            # the axes cross at no change and at 100%: they divide the four quadrants
            scatter.set_x_axis({"num_format": "0%", "num_font": FONT, "name": t(CHANGE), "name_font": FONT,
                                "crossing": 0, "label_position": "low"})
            scatter.set_y_axis({"num_format": "0%", "num_font": FONT, "name": t(ATTAINMENT), "name_font": FONT,
                                "crossing": 1, "label_position": "low", "major_gridlines": {"visible": False}})
            return scatter
        return {"headers": [t(H_REP), t(H_QUADRANT), t(CHANGE), t(ATTAINMENT)],
                "kinds": ["text", "text", "percent", "percent"], "rows": rows, "chart": chart, "height": 420}
