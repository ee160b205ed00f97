"""Lays out and writes every sheet of one export (no Qt): the orchestration, the figures the
computed sheets need, the formula pieces they share and how a computed sheet is written. The
sheets themselves are in :mod:`~planner.io.export_computed`, :mod:`~planner.io.export_summary`
and :mod:`~planner.io.export_charts`."""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import xlsxwriter
import xlsxwriter.worksheet
from xlsxwriter.utility import xl_col_to_name

from planner.core import schema
from planner.core.attainment import attainment
from planner.core.book import Tables
from planner.core.facts import deal_facts
from planner.core.forecast import forecast
from planner.core.metrics import pipeline_metrics
from planner.core.money import RATIO_SCALE
from planner.core.periods import Period
from planner.core.report import Report
from planner.core.shown import shown
from planner.io.export_attainment import _AttainmentChartSheet
from planner.io.export_backtest import _BacktestSheet
from planner.io.export_charts import _ChartSheet
from planner.io.export_common import (EXCEL_MAX_FORMULA, FORMULA_TOO_LONG, ExportSummary, Progress,
                                      _display_width, _major, excel_serial)
from planner.io.export_commissions import _CommissionSheets
from planner.io.export_computed import _ComputedSheets
from planner.io.export_credit import _CreditSheet
from planner.io.export_dashboard import _DashboardSheet, untranslated
from planner.io.export_formulas import Cond, _Col, _Grid, _input_range, _quote, _sum, aggregate, rounded
from planner.io.export_labels import AGREES, APP, HEADERS, column_label, table_label
from planner.io.export_summary import _SummarySheet
from planner.io.export_tables import _column_kinds, _Styles, _TableWriter


class _Worksheet(xlsxwriter.worksheet.Worksheet):
    """A worksheet whose formulas are written as given: XlsxWriter otherwise runs some thirty
    regular expressions over each formula to prefix the functions newer Excels added, and the
    export's formulas use none of them (SUMIFS, SUMPRODUCT, INDEX, MATCH, ROUND, …)."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        return formula[1:] if formula.startswith("=") else formula


class _WorkbookWriter(_ComputedSheets, _CommissionSheets, _CreditSheet, _SummarySheet, _ChartSheet, _DashboardSheet,
                      _AttainmentChartSheet, _BacktestSheet):
    """Lays out and writes every sheet of one export."""

    def __init__(self, snapshot: Tables, report: Report | None, period: Period, inputs: dict[str, pd.DataFrame],
                 path: str, progress: Progress | None, translate=None) -> None:
        self.snapshot, self.report, self.period, self.inputs = snapshot, report, period, inputs
        self.translate = translate or untranslated  # translate(context, text), as QCoreApplication.translate
        self.progress = progress or (lambda fraction, step: None)
        self.workbook = xlsxwriter.Workbook(path, {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False, "default_date_format": "yyyy-mm-dd",
        })
        self.workbook.worksheet_class = _Worksheet
        self.styles = _Styles(self.workbook, snapshot.currency)
        self.digits = self.styles.digits
        self.rounding = snapshot.rounding
        self.tables = _TableWriter(self.workbook, self.styles)
        self.summary = ExportSummary(Path(path), period.label if report is not None else None)
        self.grids: dict[str, _Grid] = {}
        self.names: dict[str, str] = {}

    # -- orchestration --------------------------------------------------------------------------
    def write(self) -> ExportSummary:
        try:
            if self.report is None:
                self._write_problems()
                self._write_inputs(0.05, 0.95)
            else:
                self._prepare()
                self.progress(0.1, "Summary")
                self._write_summary()
                self._write_charts()
                self._write_dashboard()
                self._write_attainment_charts()
                self.progress(0.1, "Backtest")
                self._write_backtest()
                computed = (("Commissions", self._write_commissions),
                            ("Statements", self._write_statements),
                            ("Attainment", self._write_attainment),
                            ("TeamAttainment", self._write_team_attainment),
                            ("Forecast", self._write_forecast),
                            ("PipelineStages", self._write_pipeline_stages),
                            ("PipelineByRep", self._write_pipeline_by_rep),
                            ("WonByMonth", self._write_won_by_month))
                for number, (name, writer) in enumerate(computed):
                    self.progress(0.1 + 0.2 * number / len(computed), name)
                    writer()
                self._write_inputs(0.3, 0.85)
                self.progress(0.85, "CreditLines")
                self._write_credit_lines()
            # every sheet written, in the workbook's order (Charts holds no data rows)
            self.summary.sheets = {sheet.name: self.summary.sheets.get(sheet.name, 0)
                                   for sheet in self.workbook.worksheets()}
            self.progress(0.9, "Saving")
            self.workbook.close()
        except BaseException:
            with contextlib.suppress(Exception):  # the first error is the one to report
                self.workbook.close()
            raise
        self.progress(1.0, "Done")
        return self.summary

    def _write_inputs(self, start: float, end: float) -> None:
        total = sum(len(frame) for frame in self.inputs.values()) or 1
        done = 0
        for name, frame in self.inputs.items():
            share = len(frame) / total

            def advance(fraction, name=name, done=done, share=share):
                self.progress(start + (end - start) * (done + share * fraction * total) / total, name)
            advance(0.0)
            frozen = 1 if schema.TABLES[name].key[:1] == ("id",) else 0
            self.tables.write(name, frame, _column_kinds(name, frame), frozen_columns=frozen, progress=advance,
                              label=lambda column, name=name: column_label(name, column, self.translate))
            self.summary.sheets[name] = len(frame)
            done += len(frame)

    def _write_problems(self) -> None:
        problems = self.snapshot.problems()
        self.summary.problems = len(problems)
        t = self.translate
        frame = pd.DataFrame({
            "table": [table_label(p.table, t) for p in problems],
            "row": [None if p.position is None else p.position + 2 for p in problems],  # as the sheet numbers it
            "id": [p.key for p in problems],
            "column": [self._problem_column(p.table, p.column) for p in problems],
            "problem": [t("errors", p.template).format(**p.fields) for p in problems],
        }).astype({"table": "string", "id": "string", "column": "string", "problem": "string"})
        frame["row"] = frame["row"].astype("Int64")
        self.tables.write("Problems", frame, ["text", "int", "text", "text", "text"],
                          headers=[t("schema", HEADERS[key]) for key in frame.columns])
        self.summary.sheets["Problems"] = len(frame)

    def _problem_column(self, table: str, column: str | None) -> str | None:
        """A problem's column by its label, with the header it has on this workbook's input sheet
        when that differs (``Expected close (expected_close)``)."""
        if column is None:
            return None
        label = column_label(table, column, self.translate)
        return label if label.casefold() == column.casefold() else f"{label} ({column})"

    # -- what the computed sheets need ------------------------------------------------------
    def _prepare(self) -> None:
        snapshot, period = self.snapshot, self.period
        deals = self.inputs["Deals"]
        self.deal = {column: self._name("Deals", column, _input_range(deals, "Deals", column))
                     for column in schema.DEALS.names}
        quotas = self.inputs["Quotas"]
        self.quota = {column: self._name("Quotas", column, _input_range(quotas, "Quotas", column))
                      for column in ("rep", "team", "period", "amount")}
        stages = snapshot["Stages"]
        self.won_stages = [str(s) for s in stages.loc[stages["kind"] == "won", "stage"]]
        self.lost_stages = [str(s) for s in stages.loc[stages["kind"] == "lost", "stage"]]
        self.open_stages = [str(s) for s in self.report.stages["stage"]]

        self._prepare_credit()
        self.statement_lines = self._statement_layout()

        year = Period(date(period.start.year, 1, 1), "year")
        quarters = year.split("quarter")
        others = [p for p in [*quarters, year] if p != period]
        self.attainment_periods = [period, *others]
        blocks = [_shown_attainment(snapshot, p) if p != period else (self.report.attainment,
                                                                        self.report.team_attainment)
                  for p in self.attainment_periods]
        self.rep_rows = pd.concat([b[0] for b in blocks], ignore_index=True)
        self.team_rows = pd.concat([b[1] for b in blocks], ignore_index=True)
        self.rep_block = len(blocks[0][0])  # the report period's rows come first
        forecast_periods = ([period] if period.kind == "month" else []) + quarters + [year]
        self.forecast_periods = forecast_periods
        self.forecasts = [forecast(snapshot, p) for p in forecast_periods]
        self.forecast_quota = []
        for p in forecast_periods:
            rows = self.rep_rows[self.rep_rows["period"] == p.label]
            self.forecast_quota.append(int(rows["quota"].dropna().astype("int64").sum()))
        self.months = self._months()
        self.month_figures = [pipeline_metrics(snapshot, month) for month in self.months]

        # every grid is laid out before any is written: formulas point across sheets
        self.grids = {grid.name: grid for grid in (
            _Grid("Commissions", [
                _Col("rep", "text"), _Col("name", "text"), _Col("plan", "text"),
                _Col("period", "text"), _Col("from", "date"), _Col("until", "date"),
                _Col("quota", "money", True), _Col("credited", "money", True), _Col("won", "money", True),
                _Col("attainment", "percent", True), _Col("commission", "money", True),
                _Col("bonus", "money", True), _Col("total", "money", True),
            ], len(self.report.commissions)),
            _Grid("Statements", [
                _Col("rep", "text"), _Col("period", "text", True), _Col("plan", "text"),
                _Col("deal_id", "text"), _Col("rule", "text"),
                _Col("from", "ratio", True, "from_attainment"), _Col("to", "ratio", True, "to_attainment"),
                _Col("rate", "ratio", True), _Col("base", "money", True), _Col("amount", "money", True),
                _Col("credit_row", "int"), _Col("payout", "int", True), _Col("before", "money", True),
            ], len(self.statement_lines)),
            _Grid("Attainment", [
                _Col("rep", "text"), _Col("name", "text"), _Col("team", "text"),
                _Col("period", "text"), _Col("from", "date"), _Col("until", "date"),
                _Col("quota", "money", True), _Col("credited", "money", True),
                _Col("attainment", "percent", True), _Col("target", "percent"),
            ], len(self.rep_rows)),
            _Grid("TeamAttainment", [
                _Col("team", "text"), _Col("period", "text"), _Col("from", "date"),
                _Col("until", "date"), _Col("quota", "money", True),
                _Col("credited", "money", True), _Col("attainment", "percent", True),
            ], len(self.team_rows)),
            _Grid("Forecast", [
                _Col("period", "text"), _Col("from", "date"), _Col("until", "date"),
                _Col("quota", "money", True, "quota_reps"), _Col("won", "money", True),
                _Col("open_weighted", "money", True), _Col("weighted", "money", True),
                _Col("commit", "money", True), _Col("best_case", "money", True),
                _Col("pipeline", "money", True),
            ], len(forecast_periods)),
            _Grid("PipelineStages", [
                _Col("stage", "text"), _Col("probability", "ratio", True),
                _Col("count", "int", True), _Col("value", "money", True),
                _Col("weighted", "money", True, "weighted_value"),
            ], len(self.report.stages)),
            _Grid("PipelineByRep", [
                _Col("rep", "text"), _Col("name", "text"), _Col("team", "text"),
                _Col("open_count", "int", True), _Col("open_value", "money", True),
                _Col("weighted_value", "money", True), _Col("won_count", "int", True),
                _Col("won_value", "money", True), _Col("lost_count", "int", True),
                _Col("win_rate", "percent", True),
            ], len(self.inputs["Reps"])),
            _Grid("WonByMonth", [
                _Col("month", "text"), _Col("from", "date"), _Col("until", "date"),
                _Col("won_count", "int", True), _Col("won_value", "money", True),
            ], len(self.months)),
            self.credit_grid,
        )}

    def _months(self) -> list[Period]:
        last_day = max(self.snapshot.as_of, self.period.end - timedelta(days=1))
        end = Period.containing(last_day, "month")
        start = end.shifted(-23)
        facts = deal_facts(self.snapshot)
        closed = facts.loc[(facts["kind"] == "won").fillna(False).to_numpy(dtype=bool), "closed"].dropna()
        if len(closed):
            first = Period.containing(closed.min().date(), "month")
            if start < first <= end:
                start = first
        months, month = [], start
        while month <= end:
            months.append(month)
            month = month.shifted(1)
        return months

    # -- formula pieces -----------------------------------------------------------------------
    def _name(self, sheet: str, column: str, reference: str) -> str:
        """A workbook name for a column's data range (``Deals_amount``): formulas read as what
        they sum, and stay short."""
        name = f"{sheet}_{re.sub(r'[^A-Za-z0-9_]', '_', column)}"
        if name not in self.names:
            self.workbook.define_name(name, "=" + reference)
            self.names[name] = reference
        return name

    def _input(self, sheet: str, column: str) -> str:
        return self._name(sheet, column, _input_range(self.inputs[sheet], sheet, column))

    def _column(self, grid: _Grid, key: str) -> str:
        return self._name(grid.name, key, grid.range(key))

    def _round(self, expression: str) -> str:
        return rounded(expression, self.digits, self.rounding)

    def _in(self, date_range: str, start: str, end: str) -> list[Cond]:
        return [Cond(date_range, ">=", start), Cond(date_range, "<=", end)]

    def _stage_sum(self, stages: Sequence[str], extra: Sequence[Cond], values: str | None) -> str:
        """Σ over ``stages`` of a conditional sum (or count) of deals."""
        return _sum([aggregate([Cond(self.deal["stage"], "=", _quote(stage), stage, True), *extra], values)
                     for stage in stages])

    def _weighted(self, extra: str = "") -> str:
        """Σ over open stages of each deal's amount × its stage's probability, rounded per deal;
        ``extra`` multiplies in more conditions (``*(owner=A2)``)."""
        stages = self.grids["PipelineStages"]
        return _sum([f"SUMPRODUCT(({self.deal['stage']}={stages.cell('stage', i)}){extra}"
                     f"*{self._round(self.deal['amount'] + '*' + stages.cell('probability', i))})"
                     for i in range(len(self.open_stages))])

    def _quota(self, key: str, team: bool, period: Period) -> str:
        """The quota of the rep (or team) in cell ``key`` for ``period``: its own Quotas row,
        else the sum of its parts (a quarter from its months, a year from its quarters); empty
        when the Quotas sheet says nothing about the period."""
        rows, value = self._quota_parts(key, team, period)
        return f"IF({rows}=0,\"\",{value})"

    def _quota_rows(self, key: str, team: bool, periods: Sequence[Period]) -> tuple[str, str]:
        """How many Quotas rows of the rep (or team) in cell ``key`` are of ``periods``, and their sum."""
        q = self.quota
        who = f"({q['rep']}=\"\")*({q['team']}={key})" if team else f"({q['rep']}={key})"
        terms = "+".join(f"({q['period']}={_quote(p.label)})" for p in periods)
        labels = f"({terms})" if len(periods) > 1 else terms
        return f"SUMPRODUCT({who}*{labels})", f"SUMPRODUCT({who}*{labels},{q['amount']})"

    def _quota_parts(self, key: str, team: bool, period: Period) -> tuple[str, str]:
        """How many Quotas rows speak of ``period`` (its own or its parts'), and its quota."""
        def count(periods):
            return self._quota_rows(key, team, periods)[0]

        def total(periods):
            return self._quota_rows(key, team, periods)[1]

        def value(p: Period) -> str:
            if p.kind == "month":
                return total([p])
            if p.kind == "quarter":
                return f"IF({count([p])}>0,{total([p])},{total(p.split('month'))})"
            return f"IF({count([p])}>0,{total([p])},{_sum([value(part) for part in p.split('quarter')])})"

        everything = [period]
        if period.kind == "year":
            everything += period.split("quarter")
        if period.kind != "month":
            everything += period.split("month")
        return count(everything), value(period)

    # -- writing a grid --------------------------------------------------------------------------
    def _write_grid(self, grid: _Grid, rows: list[dict], totals: list[dict] | None = None,
                    frozen_columns: int = 1) -> None:
        worksheet = self.workbook.add_worksheet(grid.name)
        styles = self.styles
        widths = {}
        for position, header in enumerate(self._headers(grid)):
            app = position in grid.app_position.values()
            worksheet.write_string(0, position, header, styles.app_header if app else styles.header)
            widths[position] = 9 if position == grid.agrees else max(_display_width(header) + 3, 12)
        for number, row in enumerate([*rows, *(totals or [])]):
            total = number >= len(rows)
            checks = []
            for column in grid.columns:
                value = row.get(column.key)
                position = grid.position[column.key]
                if column.kind in ("text",) and isinstance(value, str) and not column.formula:
                    widths[position] = min(max(widths[position], _display_width(value) + 2), 50)
                if column.formula:
                    formula, app = value if value is not None else (None, None)
                    if formula is not None and len(formula) + 1 > EXCEL_MAX_FORMULA:
                        self.summary.warnings.append(self.translate("errors", FORMULA_TOO_LONG).format(
                            sheet=grid.name, cell=grid.ref(column.key, number)))
                        formula = None
                    style = styles.for_kind(column.kind)
                    if total and column.kind == "money":
                        style = styles.total_money
                    elif total and column.kind == "int":
                        style = styles.total_int
                    if formula is not None:
                        worksheet.write_formula(number + 1, position, "=" + formula, style, "")
                        self.summary.formulas += 1
                    self._write_value(worksheet, number + 1, grid.app_position[column.key], column.kind, app, app=True)
                    if formula is not None:
                        checks.append(self._check(column.kind, grid.ref(column.key, number),
                                                  f"{xl_col_to_name(grid.app_position[column.key])}{number + 2}"))
                else:
                    self._write_value(worksheet, number + 1, position, column.kind, value,
                                      style=styles.total_label if total else None)
            if grid.agrees is not None and checks:
                worksheet.write_formula(number + 1, grid.agrees, "=AND(" + ",".join(checks) + ")", styles.check, "")
                self.summary.formulas += 1
        for position, width in widths.items():
            worksheet.set_column(position, position, width)
        worksheet.freeze_panes(1, frozen_columns)
        worksheet.autofilter(0, 0, max(len(rows), 1), grid.width - 1)
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)  # printed one page wide
        worksheet.repeat_rows(0)
        self.summary.sheets[grid.name] = len(rows)

    def _headers(self, grid: _Grid) -> list[str]:
        """The grid's headers in the user's language: each column, its app column, Agrees."""
        headers = [""] * grid.width
        for column in grid.columns:
            label = self.translate("schema", column.header)
            headers[grid.position[column.key]] = label
            if column.formula:
                headers[grid.app_position[column.key]] = self.translate("export", APP).format(label=label)
        if grid.agrees is not None:
            headers[grid.agrees] = self.translate("export", AGREES)
        return headers

    def _check(self, kind: str, formula: str, app: str) -> str:
        if kind == "money":
            test = f"ROUND({formula},{self.digits})=ROUND({app},{self.digits})"
        elif kind in ("percent", "ratio", "number"):
            test = f"ABS({formula}-{app})<=1E-9*MAX(1,ABS({app}))"
        else:
            test = f"{formula}={app}"
        return f"IFERROR(IF({app}=\"\",{formula}=\"\",{test}),FALSE)"

    def _write_value(self, worksheet, row: int, column: int, kind: str, value, app: bool = False,
                     style=None) -> None:
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return
        chosen = style if style is not None else self.styles.for_kind(kind, app)
        if kind == "text" or isinstance(value, str):
            worksheet.write_string(row, column, str(value), chosen)
        elif kind == "money":
            worksheet.write_number(row, column, _major(value, self.digits), chosen)
        elif kind == "ratio":
            worksheet.write_number(row, column, int(value) / RATIO_SCALE, chosen)
        elif kind == "date":
            worksheet.write_number(row, column, excel_serial(value), chosen)
        else:
            worksheet.write_number(row, column, float(value), chosen)


def _shown_attainment(snapshot, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The attainment of ``period`` per rep and per team as the report shows it (the user's keys)."""
    reps, teams = attainment(snapshot, period)
    return shown(snapshot, reps, schema.ATTAINMENT), shown(snapshot, teams, schema.TEAM_ATTAINMENT)
