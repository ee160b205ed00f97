"""The Summary sheet of an export (no Qt): the book, the period, the key figures as formulas
beside the app's values, how many checks disagree, notes and warnings. A mixin of
:class:`planner.io.export_workbook._WorkbookWriter`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from planner.io.export_common import AGREES, APP_SUFFIX, _na, excel_serial
from planner.io.export_formulas import _quote, _sum, aggregate


class _SummarySheet:
    def _write_summary(self) -> None:
        worksheet = self.workbook.add_worksheet("Summary")
        worksheet.activate()
        styles, snapshot, report, period = self.styles, self.snapshot, self.report, self.period
        company = snapshot.setting("company") or ""
        worksheet.write_string(0, 0, f"Planner export: {company}".rstrip(": ") if company else "Planner export",
                               styles.title)
        facts = [("Currency", snapshot.currency), ("Period", period.label), ("From", period.start),
                 ("Until", period.end - timedelta(days=1)), ("As of", snapshot.as_of),
                 ("Exported", datetime.now().strftime("%Y-%m-%d %H:%M")), ("Rounding", self.rounding)]
        for row, (label, value) in enumerate(facts, start=2):
            worksheet.write_string(row, 0, label, styles.bold)
            if isinstance(value, date):
                worksheet.write_number(row, 1, excel_serial(value), styles.date)
            else:
                worksheet.write_string(row, 1, str(value))
        self.workbook.define_name("PeriodStart", "=Summary!$B$5")
        self.workbook.define_name("PeriodEnd", "=Summary!$B$6")

        row = 10
        for position, header in enumerate(("figure", "value", "value" + APP_SUFFIX, AGREES)):
            worksheet.write_string(row, position, header, styles.header)
        pipeline, stages, forecast_grid = report.pipeline, self.grids["PipelineStages"], self.grids["Forecast"]
        total_row = len(self.open_stages)  # the "Open pipeline" row under the stages
        here = {}
        in_period = self._in(self.deal["closed"], "PeriodStart", "PeriodEnd")
        created = aggregate(self._in(self.deal["created"], "PeriodStart", "PeriodEnd"))
        cycle = _sum([f"SUMPRODUCT(({self.deal['stage']}={_quote(stage)})*({self.deal['closed']}>=PeriodStart)"
                      f"*({self.deal['closed']}<=PeriodEnd)*({self.deal['closed']}-{self.deal['created']}))"
                      for stage in self.won_stages])
        p = self.forecast_periods.index(period) if period in self.forecast_periods else None
        figures = [
            ("open_count", "int", lambda: stages.cell("count", total_row), pipeline["open_count"]),
            ("open_value", "money", lambda: stages.cell("value", total_row), pipeline["open_value"]),
            ("weighted_value", "money", lambda: stages.cell("weighted", total_row), pipeline["weighted_value"]),
            ("created_count", "int", lambda: created, pipeline["created_count"]),
            ("won_count", "int", lambda: self._stage_sum(self.won_stages, in_period, None), pipeline["won_count"]),
            ("won_value", "money", lambda: self._stage_sum(self.won_stages, in_period, self.deal["amount"]),
             pipeline["won_value"]),
            ("lost_count", "int", lambda: self._stage_sum(self.lost_stages, in_period, None), pipeline["lost_count"]),
            ("win_rate", "percent", lambda: f"IF({here['won_count']}+{here['lost_count']}>0,{here['won_count']}/"
                                            f"({here['won_count']}+{here['lost_count']}),\"\")", pipeline["win_rate"]),
            ("avg_won_deal", "money", lambda: f"IF({here['won_count']}>0,"
                                              f"{self._round(here['won_value'] + '/' + here['won_count'])},\"\")",
             pipeline["avg_won_deal"]),
            ("avg_cycle_days", "number", lambda: f"IF({here['won_count']}>0,({cycle})/{here['won_count']},\"\")",
             pipeline["avg_cycle_days"]),
            ("velocity_per_day", "money",
             lambda: f"IF(AND(ISNUMBER({here['win_rate']}),N({here['avg_cycle_days']})>0),"
                     + self._round(f"{here['open_count']}*{here['win_rate']}*{here['avg_won_deal_exact']}"
                                   f"/{here['avg_cycle_days']}") + ",\"\")",
             pipeline["velocity_per_day"]),
        ]
        if p is not None:
            for key in ("won", "open_weighted", "weighted", "commit", "best_case", "pipeline"):
                figures.append((f"forecast_{key}", "money", lambda key=key: forecast_grid.cell(key, p),
                                report.forecast[key]))
        checks = []
        for key, kind, formula, app in figures:
            row += 1
            here[key] = f"B{row + 1}"
            if key == "won_value":
                here["avg_won_deal_exact"] = f"({here['won_value']}/{here['won_count']})"
            worksheet.write_string(row, 0, key)
            worksheet.write_formula(row, 1, "=" + formula(), styles.for_kind(kind), "")
            self.summary.formulas += 1
            self._write_value(worksheet, row, 2, kind, _na(app), app=True)
            check = self._check(kind, f"B{row + 1}", f"C{row + 1}")
            worksheet.write_formula(row, 3, f"={check}", styles.check, "")
            checks.append(f"D{row + 1}")

        row += 2
        worksheet.write_string(row, 0, "Formula checks that disagree", styles.bold)
        ranges = [grid.agrees_range() for grid in self.grids.values() if grid.agrees is not None]
        counts = "+".join(f"COUNTIF({r},FALSE)" for r in ranges)
        first, last = checks[0], checks[-1]
        worksheet.write_formula(row, 1, f"={counts}+COUNTIF({first}:{last},FALSE)", styles.int, "")
        worksheet.write_number(row, 2, 0, styles.app_int)
        worksheet.write_formula(row, 3, f"=B{row + 1}=C{row + 1}", styles.check, "")
        self.summary.formulas += 2
        row += 2
        notes = [
            "Each computed sheet holds live formulas over the input sheets (Deals, Quotas, …)",
            "and CreditLines, Planner's value beside each formula (the \"(app)\" columns), and an",
            "Agrees column: TRUE when every formula of the row equals Planner's value to the",
            f"minor unit. Money is in {snapshot.currency}; formulas round as the book does ({self.rounding}).",
            "CreditLines are Planner's credit lines: a won deal credited to its owner or split",
            "between reps, and its reversal when cancelled; attainment and commissions sum them.",
            "CommissionLines list the tier slices, caps and bonuses Planner paid.",
        ]
        for note in notes:
            worksheet.write_string(row, 0, note, styles.note)
            row += 1
        if report.warnings:
            row += 1
            worksheet.write_string(row, 0, "Warnings", styles.bold)
            for template, fields in report.warnings:
                row += 1
                text = template.format(**fields)
                worksheet.write_string(row, 0, text)
                self.summary.warnings.append(text)
        worksheet.set_column(0, 0, 30)
        worksheet.set_column(1, 2, 20)
        worksheet.set_column(3, 3, 9)
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)
        self.summary.sheets["Summary"] = len(figures)
