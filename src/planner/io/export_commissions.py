"""The Commissions and CommissionLines sheets of an export (no Qt), as formulas over the
Statements sheet (:mod:`~planner.io.export_statements`), where every statement line is a formula
that mirrors :mod:`planner.core.statements`.

- **Commissions**: one row per rep on a plan and plan period; its credit sums the CreditLines
  formulas (won less cancelled in the period), its quota the Quotas sheet, its commission the
  rep's statement lines of the period other than bonuses, its bonus the bonus lines;
- **CommissionLines**: the statement lines summed per tier (tier lines by the tier's ``from``,
  so a retroactive line that a what-if moves to another tier moves to that tier's row), and per
  rule for retroactive lifts, the cap, each bonus and clawbacks, as the app lists them; a tier's
  method, bounds and rate read its PlanTiers row.

A mixin of :class:`planner.io.export_workbook._WorkbookWriter`.
"""

from __future__ import annotations

from datetime import timedelta

from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from planner.core.money import RATIO_SCALE
from planner.core.periods import Period
from planner.io.export_common import _na
from planner.io.export_formulas import Cond, _quote, aggregate
from planner.io.statement_text import rule_words


class _CommissionSheets:
    _letters: dict  # (sheet, column) -> "PlanTiers!$D$" (set by the writer)

    def _commission_layout(self) -> list[dict]:
        """The app's commission lines with the row of Commissions each belongs to (``row``) and
        its ``source``: its row in PlanTiers (a tier line), Plans (the cap) or PlanBonuses."""
        def by_plan(sheet: str) -> dict[tuple, int]:
            return {(record["plan"], _na(record.get("from"))): position
                    for position, record in enumerate(self.inputs[sheet].to_dict("records"))}
        tiers, plans, bonuses = by_plan("PlanTiers"), by_plan("Plans"), by_plan("PlanBonuses")
        rows = {(record["rep"], record["period"]): row
                for row, record in enumerate(self.report.commissions.to_dict("records"))}
        lines = []
        for record in self.report.commission_lines.to_dict("records"):
            line = {key: _na(record[key]) for key in ("line", "method", "from", "to", "base", "rate", "amount")}
            kind, plan = line["line"], record["plan"]
            source = (tiers.get((plan, line["from"])) if kind == "tier" else plans.get((plan, None))
                      if kind == "cap" else bonuses.get((plan, line["from"])) if kind == "bonus" else None)
            lines.append({**line, "row": rows[(record["rep"], record["period"])], "source": source})
        return lines

    def _write_commissions(self) -> None:
        grid, statements = self.grids["Commissions"], self.statement_grid
        bonus = rule_words("bonus", self.translate)
        rows = []
        for i, record in enumerate(self.report.commissions.to_dict("records")):
            part = Period.of(record["period"])
            key = [*self._statement_key(grid, i, record),
                   Cond(self._column(statements, "line"), ">", "0")]  # not the Total rows
            quota, got = grid.ref("quota", i), grid.ref("credited", i)
            amounts = self._column(statements, "amount")
            rule = self._column(statements, "rule")
            rows.append({
                "rep": record["rep"], "name": record["name"], "plan": record["plan"], "period": record["period"],
                "from": part.start, "until": part.end - timedelta(days=1),
                "quota": (self._quota(grid.ref("rep", i), False, part), _na(record["quota"])),
                "credited": (self._credited(grid.ref("rep", i), record["rep"], grid.ref("from", i),
                                            grid.ref("until", i)), _na(record["credited"])),
                "attainment": (f"IF(N({quota})>0,{got}/{quota},\"\")", _na(record["attainment"])),
                "commission": (aggregate([*key, Cond(rule, "<>", _quote(bonus), bonus, True)], amounts),
                               _na(record["commission"])),
                "bonus": (aggregate([*key, Cond(rule, "=", _quote(bonus), bonus, True)], amounts),
                          _na(record["bonus"])),
                "total": (f"{grid.ref('commission', i)}+{grid.ref('bonus', i)}", _na(record["total"])),
            })
        self._write_grid(grid, rows)

    def _statement_key(self, grid, i: int, record: dict) -> list[Cond]:
        """The conditions picking the Statements lines of the rep and period on ``grid``'s row ``i``."""
        statements = self.statement_grid
        return [Cond(self._column(statements, "rep"), "=", grid.ref("rep", i), record["rep"]),
                Cond(self._column(statements, "period"), "=", grid.ref("period", i), record["period"])]

    def _write_commission_lines(self) -> None:
        grid, statements = self.grids["CommissionLines"], self.statement_grid
        summaries = self.report.commissions.to_dict("records")
        rows = []
        for i, line in enumerate(self.commission_lines):
            summary, kind = summaries[line["row"]], line["line"]
            record = {"rep": summary["rep"], "period": summary["period"], "plan": summary["plan"], "line": kind}
            key = [*self._statement_key(grid, i, record),
                   Cond(self._column(statements, "rule"), "=", _quote(rule_words(kind, self.translate)),
                        rule_words(kind, self.translate), True)]
            if kind in ("tier", "bonus") and line["source"] is not None:  # the tier's or the bonus's own lines
                sheet = "PlanTiers" if kind == "tier" else "PlanBonuses"
                record["from"] = (self._source(sheet, "from", line["source"]), line["from"])
                key.append(Cond(self._column(statements, "from"), "=", grid.ref("from", i)))
            if kind == "tier" and line["source"] is not None:
                to = self._source("PlanTiers", "to", line["source"])
                record.update({
                    "method": (self._source("PlanTiers", "method", line["source"]), line["method"]),
                    "to": (f"IF({to}=\"\",\"\",{to})", line["to"]),
                    "rate": (self._source("PlanTiers", "rate", line["source"]), line["rate"]),
                })
            if kind not in ("bonus", "clawback"):  # lines with no base
                record["base"] = (aggregate(key, self._column(statements, "base")), line["base"])
            record["amount"] = (aggregate(key, self._column(statements, "amount")), line["amount"])
            rows.append(record)
        self._write_grid(grid, rows)

    def _reaches(self, credited: str, quota: str, threshold: str) -> str:
        """Whether ``credited ÷ quota ≥ threshold``, compared exactly as the engine does: on whole
        minor units and millionths (``credited × 10⁶ ≥ threshold × quota``)."""
        scale = 10 ** self.digits
        return (f"ROUND({credited}*{scale},0)*{RATIO_SCALE}>="
                f"ROUND({threshold}*{RATIO_SCALE},0)*ROUND({quota}*{scale},0)")

    def _source(self, sheet: str, column: str, position: int) -> str:
        """The cell of ``column`` on the input sheet's row at ``position`` (``PlanTiers!$D$3``)."""
        if (sheet, column) not in self._letters:
            self._letters[(sheet, column)] = (f"{quote_sheetname(sheet)}!$"
                                              f"{xl_col_to_name(list(self.inputs[sheet].columns).index(column))}$")
        return f"{self._letters[(sheet, column)]}{position + 2}"

