"""The Summary sheet of an export (no Qt): the book, the period, the key figures as formulas
beside the app's values, how many checks disagree, notes and warnings. A mixin of
:class:`planner.io.export_workbook._WorkbookWriter`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from planner.core.errors import QT_TRANSLATE_NOOP
from planner.io.export_common import _display_width, _na, excel_serial
from planner.io.export_formulas import _quote, _sum, aggregate
from planner.io.export_labels import AGREES, APP, FIGURES

# The Summary's words (the figures' names are in export_labels.FIGURES).
TITLE = QT_TRANSLATE_NOOP("export", "Planner export")
TITLE_COMPANY = QT_TRANSLATE_NOOP("export", "Planner export: {company}")
FACTS = (QT_TRANSLATE_NOOP("export", "Currency"), QT_TRANSLATE_NOOP("export", "Period"),
         QT_TRANSLATE_NOOP("export", "From"), QT_TRANSLATE_NOOP("export", "Until"),
         QT_TRANSLATE_NOOP("export", "As of"), QT_TRANSLATE_NOOP("export", "Exported"),
         QT_TRANSLATE_NOOP("export", "Rounding"))
FIGURE = QT_TRANSLATE_NOOP("export", "Figure")
VALUE = QT_TRANSLATE_NOOP("export", "Value")
DISAGREE = QT_TRANSLATE_NOOP("export", "Formula checks that disagree")
WARNINGS = QT_TRANSLATE_NOOP("export", "Warnings")
NOTES = (
    QT_TRANSLATE_NOOP("export", "Each computed sheet holds live formulas over the input sheets (Deals, Splits, Quotas, "
                                "Stages, Plans, PlanTiers, PlanBonuses), Planner's value beside each formula (the "
                                "\"(app)\" columns) and an Agrees column: TRUE when every formula of the row equals "
                                "Planner's value to the minor unit."),
    QT_TRANSLATE_NOOP("export", "Money is in {currency}; formulas round as the book does ({rounding})."),
    QT_TRANSLATE_NOOP("export", "CreditLines credit each won deal to its owner, or to the reps of its Splits rows by "
                                "their shares, in the period it closed, and reverse it in the period it was cancelled; "
                                "attainment and commissions sum them."),
    QT_TRANSLATE_NOOP("export", "Statements hold every commission statement line (a line per credited deal and tier "
                                "slice, retroactive lifts, caps, bonuses, clawbacks); Commissions and CommissionLines "
                                "sum them. Change an amount, a date, a share, a quota or a rate on the input sheets and "
                                "the credit, attainment, statement lines and commissions follow (Agrees turns FALSE "
                                "where they leave Planner's values); a line the change would add is not made up."),
)


class _SummarySheet:
    def _write_summary(self) -> None:
        worksheet = self.workbook.add_worksheet("Summary")
        worksheet.activate()
        styles, snapshot, report, period = self.styles, self.snapshot, self.report, self.period
        t = self.translate
        company = snapshot.setting("company") or ""
        worksheet.write_string(0, 0, t("export", TITLE_COMPANY).format(company=company) if company
                               else t("export", TITLE), styles.title)
        values = (snapshot.currency, period.label, period.start, period.end - timedelta(days=1), snapshot.as_of,
                  datetime.now().strftime("%Y-%m-%d %H:%M"), self.rounding)
        for row, (label, value) in enumerate(zip(FACTS, values), start=2):
            worksheet.write_string(row, 0, t("export", label), styles.bold)
            if isinstance(value, date):
                worksheet.write_number(row, 1, excel_serial(value), styles.date)
            else:
                worksheet.write_string(row, 1, str(value))
        self.workbook.define_name("PeriodStart", "=Summary!$B$5")
        self.workbook.define_name("PeriodEnd", "=Summary!$B$6")

        row = 10
        value = t("export", VALUE)
        for position, header in enumerate((t("export", FIGURE), value, t("export", APP).format(label=value),
                                           t("export", AGREES))):
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
        checks, width = [], 30
        for key, kind, formula, app in figures:
            row += 1
            here[key] = f"B{row + 1}"
            if key == "won_value":
                here["avg_won_deal_exact"] = f"({here['won_value']}/{here['won_count']})"
            label = t("schema", FIGURES[key])
            worksheet.write_string(row, 0, label)
            width = max(width, _display_width(label) + 2)
            worksheet.write_formula(row, 1, "=" + formula(), styles.for_kind(kind), "")
            self.summary.formulas += 1
            self._write_value(worksheet, row, 2, kind, _na(app), app=True)
            check = self._check(kind, f"B{row + 1}", f"C{row + 1}")
            worksheet.write_formula(row, 3, f"={check}", styles.check, "")
            checks.append(f"D{row + 1}")

        row += 2
        worksheet.write_string(row, 0, t("export", DISAGREE), styles.bold)
        ranges = [grid.agrees_range() for grid in self.grids.values() if grid.agrees is not None]
        counts = "+".join(f"COUNTIF({r},FALSE)" for r in ranges)
        first, last = checks[0], checks[-1]
        worksheet.write_formula(row, 1, f"={counts}+COUNTIF({first}:{last},FALSE)", styles.int, "")
        worksheet.write_number(row, 2, 0, styles.app_int)
        worksheet.write_formula(row, 3, f"=B{row + 1}=C{row + 1}", styles.check, "")
        self.summary.formulas += 2
        row += 2
        span = width + 2 * 20 + 9  # the four columns' widths, in characters

        def paragraph(text: str, style) -> None:  # wrapped across the four columns, as tall as it needs
            worksheet.merge_range(row, 0, row, 3, text, style)
            worksheet.set_row(row, 15 * (_display_width(text) // span + 1))
        for note in NOTES:
            paragraph(t("export", note).format(currency=snapshot.currency, rounding=self.rounding), styles.note_wrap)
            row += 1
        if report.warnings:
            row += 1
            worksheet.write_string(row, 0, t("export", WARNINGS), styles.bold)
            for template, fields in report.warnings:
                row += 1
                text = t("errors", template).format(**fields)
                paragraph(text, styles.wrap)
                self.summary.warnings.append(text)
        worksheet.set_column(0, 0, width)
        worksheet.set_column(1, 2, 20)
        worksheet.set_column(3, 3, 9)
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)
        self.summary.sheets["Summary"] = len(figures)
