"""The Statements sheet of an export (no Qt): every commission statement line, as formulas that
mirror :mod:`planner.core.statements`.

One row per statement line of every rep on a plan and plan period of the export, in the
engine's order, then a **Total** row per rep and period summing its lines. Each line reads its
deal's credit from its CreditLines row, its tier from PlanTiers, the cap from Plans, a bonus
from PlanBonuses and the quota from the Commissions sheet:

- a deal's credit fills the tiers in close-date order: *Credited before* is the credit of the
  deals above it in the statement (a chain down the sheet), so a **marginal** slice's base is
  the part of ``[before, before + credit]`` inside ``[from × quota, to × quota]`` (bounds
  rounded to whole minor units as the book rounds);
- a **retroactive** tier line pays the deal's credit at the rate of the tier its running credit
  reached; a **retroactive lift** pays it the difference up to the tier the period's won credit
  reached (compared exactly, as Commissions does);
- the **cap** line takes back what tier and lift lines pay above the plan's cap; a **bonus**
  pays once the period's won credit reaches its attainment; a **clawback** takes back what its
  deal's tier and lift lines paid (the app's figure when the period the deal was won in is not
  on the sheet);
- every line with a rate is ``base × rate`` rounded once as the book rounds.

A what-if that changes a deal's amount, a split share, a tier's bounds or rate, a quota or a cap
moves the lines as the engine would; lines the engine would add or drop (a deal reaching a tier
it did not touch) are not made up: such a line shows 0, or the next recalculation in Planner
adds it. Beside each formula is the value Planner computed, and an ``Agrees`` check. A mixin of
:class:`planner.io.export_workbook._WorkbookWriter`.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from planner.core.statements import flat_plans
from planner.io.export_common import EXCEL_MAX_FORMULA, EXCEL_MAX_TEXT, FORMULA_TOO_LONG, _check_rows, _na
from planner.io.export_formulas import _Col, _Grid
from planner.io.export_labels import HEADERS
from planner.io.statement_text import rule_words, statement_table

# the sheet's formula columns, in order, with their kind
_FIGURES = (("from", "ratio"), ("to", "ratio"), ("credit", "money"), ("before", "money"), ("rate", "ratio"),
            ("base", "money"), ("amount", "money"))


class _StatementSheet:
    def _prepare_statements(self) -> None:
        """The statement lines with the engine's values, and the sheet's layout."""
        self.statement_payouts, self.statement_lines = statement_table(self.snapshot, self.period)
        paid = self.statement_lines.groupby(["rep", "period"], sort=False).size()
        rows = len(self.statement_lines) + len(paid)  # a total row per payout with lines
        _check_rows("Statements", rows)
        self.statement_grid = _Grid("Statements", [
            _Col("rep", "text"), _Col("name", "text"), _Col("period", "text"), _Col("line", "int"),
            _Col("deal_id", "text"), _Col("deal", "text"), _Col("rule", "text"),
            _Col("from", "ratio", True, "from_attainment"), _Col("to", "ratio", True, "to_attainment"),
            _Col("credit", "money", True), _Col("before", "money", True), _Col("rate", "ratio", True),
            _Col("base", "money", True), _Col("amount", "money", True),
        ], rows)

    def _write_statements(self) -> None:
        grid, styles = self.statement_grid, self.styles
        rows = _StatementRows(self)
        for payout in self.statement_payouts.itertuples(index=False):
            rows.add_payout(payout)
        frame = pd.DataFrame({
            "rep": rows.text["rep"], "name": rows.text["name"], "period": rows.text["period"],
            "line": pd.array(rows.line, dtype="Int64"), "deal_id": rows.text["deal_id"],
            "deal": rows.text["deal"], "rule": rows.text["rule"],
            **{column: pd.array(values, dtype="Int64") for key, _ in _FIGURES
               for column, values in ((key, [None] * len(rows.line)), (key + "_app", rows.app[key]))},
            "agrees": pd.array([None] * len(rows.line), dtype="Int64"),
        }).astype({key: "string" for key in ("rep", "name", "period", "deal_id", "deal", "rule")})
        formulas = {key: self._fitting(np.array(rows.formula[key], dtype=object), key) for key, _ in _FIGURES}
        formulas["agrees"] = np.array(rows.agrees, dtype=object)
        kinds = ["text", "text", "text", "int", "text", "text", "text"]
        for _, kind in _FIGURES:
            kinds += [kind, kind]
        kinds.append("int")
        own = {"ratio": styles.ratio, "money": styles.money}
        app = {"ratio": styles.app_ratio, "money": styles.app_money}
        self.tables.write("Statements", frame, kinds, frozen_columns=2, formulas=formulas, headers=self._headers(grid),
                          styles={**{key: own[kind] for key, kind in _FIGURES},
                                  **{key + "_app": app[kind] for key, kind in _FIGURES}, "agrees": styles.check})
        self.summary.sheets["Statements"] = len(frame)
        self.summary.formulas += sum(int(pd.notna(values).sum()) for values in formulas.values())

    def _fitting(self, formulas: np.ndarray, key: str) -> np.ndarray:
        """``formulas`` with those longer than Excel allows left out (the app's value stays beside)."""
        for i in np.flatnonzero([formula is not None and len(formula) + 1 > EXCEL_MAX_FORMULA for formula in formulas]):
            self.summary.warnings.append(self.translate("errors", FORMULA_TOO_LONG).format(
                sheet="Statements", cell=self.statement_grid.ref(key, int(i))))
            formulas[i] = None
        return formulas


class _StatementRows:
    """The Statements sheet's rows as they are built: values, formulas, the app's figures."""

    def __init__(self, writer) -> None:
        self.w = writer
        self.grid = writer.statement_grid
        snapshot = writer.snapshot
        self.text = {key: [] for key in ("rep", "name", "period", "deal_id", "deal", "rule")}
        self.line, self.agrees = [], []
        self.app = {key: [] for key, _ in _FIGURES}
        self.formula = {key: [] for key, _ in _FIGURES}
        lines, credit = writer.statement_lines, writer.credit
        # each line's deal and rep: its row on CreditLines (-1 on lines of no deal)
        where = pd.MultiIndex.from_arrays([credit["deal_id"].astype(object), credit["rep"].astype(object)])
        self.lines = lines.assign(credit_row=where.get_indexer(pd.MultiIndex.from_arrays(
            [lines["deal_key"].astype(object), lines["rep_key"].astype(object)]))).to_dict("records")
        self.by_payout = {key: list(group)
                          for key, group in lines.groupby(["rep", "period"], sort=False).indices.items()}
        self.credited = credit["amount"].tolist()
        commissions = writer.report.commissions
        self.commission_row = {key: n for n, key in enumerate(zip(commissions["rep"], commissions["period"]))}
        self.position = {name: pd.Series(np.arange(len(snapshot[name])), index=snapshot[name].index)
                         for name in ("PlanTiers", "Plans", "PlanBonuses")}
        tiers = snapshot["PlanTiers"].dropna(subset=["plan", "from", "rate"]).sort_values(["plan", "from"],
                                                                                          kind="stable")
        retro = tiers[(tiers["method"] != "marginal").to_numpy(dtype=bool)]
        self.retro_tiers = {plan: list(group.index) for plan, group in retro.groupby("plan")}
        self.flat = flat_plans(snapshot["PlanTiers"])
        self.deal_rows = {}  # (rep, deal) -> the sheet rows of its tier and lift lines

    # -- cells --------------------------------------------------------------------------------
    def ref(self, key: str, row: int) -> str:
        return self.grid.ref(key, row)

    def source(self, sheet: str, column: str, row_id: int) -> str:
        return self.w._source(sheet, column, int(self.position[sheet][row_id]))

    def bound(self, row_id: int, column: str) -> str:
        """A tier's ``from`` or ``to`` cell; an empty ``to`` stays empty (no upper bound)."""
        cell = self.source("PlanTiers", column, row_id)
        return cell if column != "to" else f'IF({cell}="","",{cell})'

    def reached(self, credit: str, quota: str, tier: int) -> str:
        """Whether ``credit`` lies in the retroactive tier's attainment range, compared exactly."""
        start, end = self.source("PlanTiers", "from", tier), self.source("PlanTiers", "to", tier)
        return (f"AND({credit}>0,{self.w._reaches(credit, quota, start)},"
                f'OR({end}="",NOT({self.w._reaches(credit, quota, end)})))')

    def pick(self, credit: str, quota: str, plan: int, value, default: str) -> str:
        """``value(tier)`` of the plan's retroactive tier ``credit`` reached, else ``default``."""
        out = default
        for tier in reversed(self.retro_tiers.get(plan, [])):
            out = f"IF({self.reached(credit, quota, tier)},{value(tier)},{out})"
        return out

    # -- rows ---------------------------------------------------------------------------------
    def add_payout(self, payout) -> None:
        positions = self.by_payout.get((payout.rep, payout.period))
        if not positions:
            return
        crow = self.commission_row.get((payout.rep_key, payout.period))
        quota = (f"N({self.w.grids['Commissions'].cell('quota', crow)})" if crow is not None
                 else str(_major_or_zero(payout.quota, self.w.digits)))
        plan = int(payout.plan_id)
        flat = plan in self.flat  # pays without a quota
        first = len(self.line)
        last_deal = None  # the row of the payout's last deal line: its running credit is the period's
        previous_deal = None
        for position in positions:
            line = self.lines[position]
            row = len(self.line)
            rule = line["rule"]
            values, formulas = {}, {}
            deal = _na(line["deal"])
            if rule == "tier":
                credit_row = line["credit_row"]
                values["credit"] = _na(self.credited[credit_row])
                formulas["credit"] = self.w.credit_grid.cell("amount", credit_row)
                if last_deal is None:
                    values["before"], formulas["before"] = 0, "0"
                elif previous_deal == deal:  # another slice of the same deal
                    values["before"], formulas["before"] = self.app["before"][last_deal], self.ref("before", last_deal)
                else:
                    values["before"] = self.app["before"][last_deal] + self.app["credit"][last_deal]
                    formulas["before"] = f"{self.ref('before', last_deal)}+{self.ref('credit', last_deal)}"
                self._tier(line, row, plan, quota, flat, formulas)
                self.deal_rows.setdefault((payout.rep, deal), []).append(row)
                last_deal, previous_deal = row, deal
            elif rule == "retro_lift":
                own = self.deal_rows[(payout.rep, deal)][0]
                values["credit"], formulas["credit"] = self.app["credit"][own], self.ref("credit", own)
                total = self.ref("before", last_deal) + "+" + self.ref("credit", last_deal)
                formulas["rate"] = self.pick(f"({total})", quota, plan, lambda t: self.source("PlanTiers", "rate", t),
                                             "0") + "-" + self.ref("rate", own)
                formulas["from"] = self.pick(f"({total})", quota, plan, lambda t: self.bound(t, "from"), '""')
                formulas["to"] = self.pick(f"({total})", quota, plan, lambda t: self.bound(t, "to"), '""')
                formulas["base"] = self.ref("credit", row)
                self.deal_rows[(payout.rep, deal)].append(row)
            elif rule == "cap":
                formulas["base"] = f"SUM({self.grid.letter('amount')}{first + 2}:{self.grid.letter('amount')}{row + 1})"
                cap = self.source("Plans", "cap", plan)
                formulas["amount"] = f'IF({cap}="",0,MIN(0,{cap}-{self.ref("base", row)}))'
            elif rule == "bonus":
                bonus = int(line["bonus"])
                start = self.source("PlanBonuses", "from", bonus)
                total = ("(" + self.ref("before", last_deal) + "+" + self.ref("credit", last_deal) + ")"
                         if last_deal is not None else "0")
                formulas["from"] = start
                formulas["amount"] = (f"IF(AND({quota}>0,{self.w._reaches(total, quota, start)}),"
                                      f"{self.source('PlanBonuses', 'amount', bonus)},0)")
            elif rule == "clawback":
                paid = self.deal_rows.get((payout.rep, deal))  # its lines in the period it was won
                # won in a period not on the sheet: what the app paid then, as a number
                formulas["amount"] = ("-(" + "+".join(self.ref("amount", r) for r in paid) + ")" if paid
                                      else str(Decimal(int(line["amount"])).scaleb(-self.w.digits)))
            if line["rate"] is not pd.NA and "amount" not in formulas:
                formulas["amount"] = self.w._round(f"{self.ref('base', row)}*{self.ref('rate', row)}")
            for key in ("from", "to", "rate", "base", "amount"):
                values.setdefault(key, _na(line[key]))
            name = _na(line["deal_name"])
            if name is not None and len(name) > EXCEL_MAX_TEXT:  # the Deals sheet refuses it, naming its row
                name = name[:EXCEL_MAX_TEXT - 1] + "…"
            self._append(payout, line["line"], line["deal_key"], name,
                         rule_words(rule, self.w.translate), values, formulas)
        amounts = f"{self.grid.letter('amount')}{first + 2}:{self.grid.letter('amount')}{len(self.line) + 1}"
        self._append(payout, None, None, None, self.w.translate("schema", HEADERS["total"]),
                     {"amount": int(payout.total)},
                     {"amount": f"SUM({amounts})"})

    def _tier(self, line, row: int, plan: int, quota: str, flat: bool, formulas: dict) -> None:
        """The formulas of a deal's tier line: a marginal slice, a retroactive tier, or a line no
        tier pays (a marginal plan's deal above its last tier, or credited nothing)."""
        credit, before = self.ref("credit", row), self.ref("before", row)
        after = f"({before}+{credit})"
        tier = _na(line["tier"])
        if tier is not None and line["method"] == "marginal":
            formulas["from"], formulas["to"] = self.bound(tier, "from"), self.bound(tier, "to")
            formulas["rate"] = self.source("PlanTiers", "rate", tier)
            start, end = self.ref("from", row), self.ref("to", row)
            low, high = self.w._round(f"{start}*{quota}"), self.w._round(f"{end}*{quota}")
            base = f'MAX(MIN({after},IF({end}="",{after},{high}))-MAX({before},{low}),0)'
        elif plan in self.retro_tiers:
            formulas["rate"] = self.pick(after, quota, plan, lambda t: self.source("PlanTiers", "rate", t), "0")
            formulas["from"] = self.pick(after, quota, plan, lambda t: self.bound(t, "from"), '""')
            formulas["to"] = self.pick(after, quota, plan, lambda t: self.bound(t, "to"), '""')
            base = credit
        else:
            formulas["rate"] = "0"
            base = credit
        formulas["base"] = base if flat else f"IF({quota}>0,{base},0)"

    def _append(self, payout, line, deal_key, deal_name, rule: str, values: dict, formulas: dict) -> None:
        row = len(self.line)
        for key, value in (("rep", payout.rep_key), ("name", payout.name), ("period", payout.period),
                           ("deal_id", deal_key), ("deal", deal_name), ("rule", rule)):
            self.text[key].append(value)
        self.line.append(None if line is None else int(line))
        checks = []
        for key, kind in _FIGURES:
            value, formula = values.get(key), formulas.get(key)
            self.app[key].append(None if value is None else int(value))
            self.formula[key].append(formula)
            if formula is not None:
                checks.append(self.w._check(kind, self.ref(key, row), f"{self.grid.app_letter(key)}{row + 2}"))
        self.agrees.append("AND(" + ",".join(checks) + ")" if checks else None)


def _major_or_zero(minor, digits: int) -> float:
    return 0 if _na(minor) is None else int(minor) / 10**digits
