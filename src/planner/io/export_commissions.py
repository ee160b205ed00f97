"""The Commissions and CommissionLines sheets of an export (no Qt), as formulas that mirror
:mod:`planner.core.commissions`.

CommissionLines holds every line a commission can have, for each rep on a plan and each plan
period: one per tier of the plan, its cap (when the plan has one) and one per bonus, so that a
what-if that reaches another tier or bonus shows on a line that is already there (a line the
engine did not pay has base and amount 0 beside its formula). Each line reads its tier, cap or
bonus from its row of PlanTiers, Plans or PlanBonuses, and the rep's credited and quota from the
Commissions sheet, whose credit sums the CreditLines formulas:

- a **marginal** tier pays ``rate ×`` the slice of credit between ``from × quota`` and
  ``to × quota``, the bounds first rounded to whole minor units as the book rounds;
- a **retroactive** tier pays ``rate ×`` all credit when attainment lies in ``[from, to)``;
- each line is rounded once (``ROUND``, ``ROUNDDOWN``, … as the book's ``rounding`` says); the
  **cap** line takes back what the tiers pay above the plan's cap;
- a **bonus** pays its amount once attainment reaches its ``from``.

Attainment thresholds are compared exactly, on whole minor units and millionths
(``credited × 10⁶ ≥ from × quota``), as the engine does. A mixin of
:class:`planner.io.export_workbook._WorkbookWriter`.
"""

from __future__ import annotations

from datetime import timedelta

from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from planner.core.statements import flat_plans as _flat_plans  # the engine's rule: one tier from 0, no bound
from planner.core.money import RATIO_SCALE
from planner.core.periods import Period
from planner.io.export_common import _na
from planner.io.export_formulas import Cond, aggregate


class _CommissionSheets:
    def _commission_layout(self) -> list[dict]:
        """Every line of every commission row, with the values Planner computed: ``row`` (the
        Commissions row), ``line``, ``source`` (its row in PlanTiers, Plans or PlanBonuses) and
        the line's figures."""
        def by_plan(sheet: str) -> dict[str, list[tuple[int, dict]]]:
            rows = {}
            for position, record in enumerate(self.inputs[sheet].to_dict("records")):
                rows.setdefault(record["plan"], []).append((position, record))
            return rows
        tiers, plans, bonuses = by_plan("PlanTiers"), by_plan("Plans"), by_plan("PlanBonuses")
        paid = {}
        for record in self.report.commission_lines.to_dict("records"):
            threshold = None if record["line"] == "cap" else int(record["from"])
            paid[(record["rep"], record["period"], record["plan"], record["line"], threshold)] = record
        lines = []
        for row, summary in enumerate(self.report.commissions.to_dict("records")):
            key, plan = (summary["rep"], summary["period"], summary["plan"]), summary["plan"]
            tier_total = 0
            for source, tier in tiers.get(plan, []):
                got = paid.get((*key, "tier", int(_na(tier["from"]) or 0)), {})
                tier_total += int(got.get("amount", 0))
                lines.append({"row": row, "line": "tier", "source": source, "method": _na(tier["method"]),
                              "from": _na(tier["from"]), "to": _na(tier["to"]), "rate": _na(tier["rate"]),
                              "base": int(got.get("base", 0)), "amount": int(got.get("amount", 0))})
            for source, capped in plans.get(plan, []):
                if _na(capped["cap"]) is None:
                    continue
                got = paid.get((*key, "cap", None), {})
                lines.append({"row": row, "line": "cap", "source": source,
                              "base": int(got.get("base", tier_total)), "amount": int(got.get("amount", 0))})
            for source, bonus in bonuses.get(plan, []):
                got = paid.get((*key, "bonus", _na(bonus["from"])), {})
                lines.append({"row": row, "line": "bonus", "source": source, "from": _na(bonus["from"]),
                              "amount": int(got.get("amount", 0))})
        return lines

    def _write_commissions(self) -> None:
        grid, lines = self.grids["Commissions"], self.grids["CommissionLines"]
        rows = []
        for i, record in enumerate(self.report.commissions.to_dict("records")):
            part = Period.of(record["period"])
            key = [Cond(self._column(lines, "rep"), "=", grid.ref("rep", i), record["rep"]),
                   Cond(self._column(lines, "period"), "=", grid.ref("period", i), record["period"]),
                   Cond(self._column(lines, "plan"), "=", grid.ref("plan", i), record["plan"])]
            quota, got = grid.ref("quota", i), grid.ref("credited", i)
            rows.append({
                "rep": record["rep"], "name": record["name"], "plan": record["plan"], "period": record["period"],
                "from": part.start, "until": part.end - timedelta(days=1),
                "quota": (self._quota(grid.ref("rep", i), False, part), _na(record["quota"])),
                "credited": (self._credited(grid.ref("rep", i), record["rep"], grid.ref("from", i),
                                            grid.ref("until", i)), _na(record["credited"])),
                "attainment": (f"IF(N({quota})>0,{got}/{quota},\"\")", _na(record["attainment"])),
                "commission": (aggregate([*key, Cond(self._column(lines, "line"), "<>", '"bonus"', "bonus", True)],
                                         self._column(lines, "amount")), _na(record["commission"])),
                "bonus": (aggregate([*key, Cond(self._column(lines, "line"), "=", '"bonus"', "bonus", True)],
                                    self._column(lines, "amount")), _na(record["bonus"])),
                "total": (f"{grid.ref('commission', i)}+{grid.ref('bonus', i)}", _na(record["total"])),
            })
        self._write_grid(grid, rows)

    def _write_commission_lines(self) -> None:
        grid, commissions = self.grids["CommissionLines"], self.grids["Commissions"]
        summaries = self.report.commissions.to_dict("records")
        flat = _flat_plans(self.snapshot.keyed("PlanTiers"))
        rows, first_tier = [], {}
        for i, line in enumerate(self.commission_lines):
            row, kind = line["row"], line["line"]
            summary = summaries[row]
            credited, quota = commissions.cell("credited", row), f"N({commissions.cell('quota', row)})"
            start, end, method = grid.ref("from", i), grid.ref("to", i), grid.ref("method", i)
            record = {"rep": summary["rep"], "period": summary["period"], "plan": summary["plan"], "line": kind}
            if kind == "tier":
                first_tier.setdefault(row, i)
                source = line["source"]
                low, high = self._round(f"{start}*{quota}"), self._round(f"{end}*{quota}")
                slice_ = f"MAX({credited}-{low},0)"
                marginal = f"IF({end}=\"\",{slice_},MIN({slice_},MAX({high}-{low},0)))"
                retroactive = (f"IF(AND({credited}>0,{self._reaches(credited, quota, start)}),"
                               f"IF({end}=\"\",{credited},IF({self._reaches(credited, quota, end)},0,{credited})),0)")
                base = f"IF({method}=\"marginal\",{marginal},{retroactive})"
                if summary["plan"] not in flat:  # a plan with tiers by attainment pays nothing without a quota
                    base = f"IF({quota}>0,{base},0)"
                to = self._source("PlanTiers", "to", source)
                record.update({
                    "method": (self._source("PlanTiers", "method", source), line["method"]),
                    "from": (self._source("PlanTiers", "from", source), line["from"]),
                    "to": (f"IF({to}=\"\",\"\",{to})", line["to"]),
                    "rate": (self._source("PlanTiers", "rate", source), line["rate"]),
                    "base": (base, line["base"]),
                    "amount": (self._round(f"{grid.ref('base', i)}*{grid.ref('rate', i)}"), line["amount"]),
                })
            elif kind == "cap":
                tiers = (f"SUM({grid.letter('amount')}{first_tier[row] + 2}:{grid.letter('amount')}{i + 1})"
                         if row in first_tier else "0")
                cap = self._source("Plans", "cap", line["source"])
                record.update({"base": (tiers, line["base"]),
                               "amount": (f"IF({cap}=\"\",0,MIN(0,{cap}-{grid.ref('base', i)}))", line["amount"])})
            else:
                amount = self._source("PlanBonuses", "amount", line["source"])
                record.update({
                    "from": (self._source("PlanBonuses", "from", line["source"]), line["from"]),
                    "amount": (f"IF(AND({quota}>0,{self._reaches(credited, quota, start)}),{amount},0)",
                               line["amount"]),
                })
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
        letter = xl_col_to_name(list(self.inputs[sheet].columns).index(column))
        return f"{quote_sheetname(sheet)}!${letter}${position + 2}"

