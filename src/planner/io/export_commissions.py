"""The Commissions and Statements sheets of an export (no Qt), as formulas that mirror
:mod:`planner.core.statements`.

Statements holds, per Commissions row (a payout), every won credit line (CreditLines) of the
rep closed in the payout's period: a line per tier of the rep's plan (marginal), or the line at
the tier its running credit reached and its retroactive lift (retroactive), then the line's
clawback; after the payout's deals, its cap and bonuses. So a what-if typed in the input
sheets (an amount, a cancellation date, a share, a tier's rate) moves lines already there.
Each line finds its payout, the ``Commissions row`` whose rep and dates hold the line's close
date (a clawback: its cancellation date; 0: none), and reads:

- ``Credited before``: the rep's credit closed in the payout's period before the line (on the
  same day: the lines of an earlier ``Order``): the line's credit fills the tiers after it;
- a **marginal** tier pays ``rate ×`` the line's slice between ``from × quota`` and
  ``to × quota`` (bounds rounded to whole minor units as the book rounds);
- a **retroactive** line pays its credit at the rate of the tier its running credit reached;
  its **lift**, at the rate of the tier the payout's won credit reached less that rate;
- a deal with a rate **multiplier** (PlanMultipliers) pays the tier rates times it, rounded to
  a millionth (the multiplier is Planner's value, written in the formula);
- a **SPIFF** line pays the rep's part of a SPIFF (Planner's value) in the payout of the close;
- a **clawback** takes back what the line's tier, lift and SPIFF lines paid, in the payout of its
  cancellation, unless it came after the plan's clawback window (a line won before the
  workbook's periods: the value Planner computed);
- the **cap** takes back what the payout's tier and lift lines above it pay beyond the plan's
  cap; a **bonus** pays its amount once the payout's won credit reaches its attainment;
- a **draw** tops the payout's lines above it up to the draw due (its base, Planner's value:
  the plan's draw prorated by active days); a **draw recovery** depends on every earlier
  payout (the balance carried), so it holds Planner's value.

Commissions sums the lines by their payout. Each line is rounded once (``ROUND``,
``ROUNDDOWN``, … as the book's ``rounding`` says); attainment thresholds are compared exactly,
on whole minor units and millionths (``credited × 10⁶ ≥ from × quota``). A mixin of
:class:`planner.io.export_workbook._WorkbookWriter`.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from planner.core.money import RATIO_SCALE, apply_ratio
from planner.core.periods import Period
from planner.core.plan_rules import base_bonus, multipliers
from planner.core.statements import flat_plans, statements
from planner.io.export_common import _check_rows, _na
from planner.io.export_formulas import Cond, aggregate


def _multiplied_value(rate, multiplier: int):
    """A tier's rate (millionths) times a deal's multiplier, rounded half up to a millionth as
    Planner does; None when there is no rate."""
    rate = _na(rate)
    return rate if rate is None or multiplier == RATIO_SCALE else int(apply_ratio(int(rate), multiplier))


class _CommissionSheets:
    def _statement_layout(self) -> list[dict]:
        """Every row of the Statements sheet with the values Planner computed: ``rule``,
        ``payout`` (its Commissions row, from 1; 0: none), ``credit`` (its CreditLines row,
        from 0), ``source`` (its row in PlanTiers, Plans or PlanBonuses; ``tiers``: the rows of
        a retroactive plan), ``first`` (the first row of the credit line's lines) and figures."""
        book, credit = self.snapshot, self.credit
        rows, lines = statements(book, self.period)
        self.won_credit = rows["won"].to_numpy(dtype="int64")
        payouts = {(str(r.rep), str(r.period)): n for n, r in enumerate(self.report.commissions.itertuples(), start=1)}
        period_of = {n: period for (_, period), n in payouts.items()}
        period_of[0] = None
        tiers, bonuses, plans = self.inputs["PlanTiers"], self.inputs["PlanBonuses"], self.inputs["Plans"]
        engine = self._engine_lines(lines)
        spiffs = lines[(lines["rule"] == "spiff").to_numpy()]
        deal_keys, rep_keys = book["Deals"]["id"], book["Reps"]["id"]
        spiff_of = {}  # (rep, deal) -> the amounts of its SPIFF lines
        for rep_id, deal_id, base, amount in zip(spiffs["rep"], spiffs["deal"], spiffs["base"], spiffs["amount"]):
            spiff_of.setdefault((str(rep_keys[rep_id]), str(deal_keys[deal_id])), []).append((int(base), int(amount)))
        rate_lines = lines[lines["rule"].isin(["tier", "retro_lift"]).to_numpy() & lines["deal"].notna().to_numpy()]
        multiplier_of = dict(zip(zip(rate_lines["rep"].map(rep_keys).astype(str), rate_lines["deal"].map(deal_keys).astype(str)),
                                 multipliers(book, rate_lines["deal"].to_numpy(dtype="int64"),
                                             book["Reps"]["plan"].reindex(rate_lines["rep"]).to_numpy(dtype="int64"))))
        plan_of = credit["rep"].map(dict(zip(self.inputs["Reps"]["id"].astype(str), self.inputs["Reps"]["plan"])))
        kind = dict(zip(plans["plan"].astype(str), plans["period"]))

        def payout_of(days) -> np.ndarray:  # the Commissions row of each credit line's day (0: none)
            return np.array([0 if pd.isna(plan) or pd.isna(day) else payouts.get(
                (rep, Period.containing(pd.Timestamp(day).date(), kind[str(plan)]).label), 0)
                for rep, plan, day in zip(credit["rep"], plan_of, days)], dtype="int64")

        won_in, cancelled_in = payout_of(credit["closed"]), payout_of(credit["cancelled"])
        frame = pd.DataFrame({"payout": won_in, "closed": credit["closed"], "order": credit["order"],
                              "amount": credit["amount"].astype("int64")})
        chosen = frame[won_in > 0].sort_values(["payout", "closed", "order"], kind="stable")
        before = chosen["amount"].groupby(chosen["payout"]).cumsum() - chosen["amount"]
        own_tiers = {}
        for position, record in enumerate(tiers.to_dict("records")):
            own_tiers.setdefault(str(record["plan"]), []).append((position, record))

        layout, blocks = [], {payout: [] for payout in payouts.values()}
        for c in chosen.index:
            rep, deal, plan = str(credit.at[c, "rep"]), str(credit.at[c, "deal_id"]), str(plan_of.iat[c])
            common = {"rep": rep, "plan": plan, "deal_id": deal, "credit": c, "payout": won_in[c],
                      "before": int(before[c]), "period": period_of[won_in[c]],
                      "multiplier": int(multiplier_of.get((rep, deal), RATIO_SCALE))}
            own = sorted(own_tiers.get(plan, []), key=lambda item: int(item[1]["from"]))
            block = []
            if own and own[0][1]["method"] == "marginal":
                for source, tier in own:
                    got = engine.get((rep, deal, "tier", source), {})
                    block.append({**common, "rule": "tier", "source": source,
                                  "from": _na(tier["from"]), "to": _na(tier["to"]),
                                  "rate": got.get("rate", _multiplied_value(tier["rate"], common["multiplier"])),
                                  "base": got.get("base", 0), "amount": got.get("amount", 0)})
            else:
                got, lift = engine.get((rep, deal, "tier", None), {}), engine.get((rep, deal, "retro_lift", None), {})
                sources = [source for source, _ in own]
                block.append({**common, "rule": "tier", "tiers": sources,
                              "rate": got.get("rate", 0), "base": got.get("base", 0), "amount": got.get("amount", 0)})
                block.append({**common, "rule": "retro_lift", "tiers": sources,
                              "rate": lift.get("rate", 0), "base": got.get("base", 0), "amount": lift.get("amount", 0)})
            block += [{**common, "rule": "spiff", "base": base, "amount": amount}
                      for base, amount in spiff_of.get((rep, deal), [])]
            back = engine.get((rep, deal, "clawback", None), {})
            block.append({**common, "rule": "clawback", "payout": cancelled_in[c],
                          "period": period_of[cancelled_in[c]], "before": None, "amount": back.get("amount", 0)})
            blocks[won_in[c]].append(block)

        for summary in self.report.commissions.to_dict("records"):
            payout = payouts[(str(summary["rep"]), str(summary["period"]))]
            start = len(layout)
            for block in blocks[payout]:
                first = len(layout)
                layout += [{**row, "first": first} for row in block]
            common = {"rep": summary["rep"], "plan": summary["plan"], "payout": payout, "period": summary["period"],
                      "start": start}
            plan_row = int(np.flatnonzero((plans["plan"].astype(str) == str(summary["plan"])).to_numpy())[0])
            if _na(plans.at[plans.index[plan_row], "cap"]) is not None:
                got = engine.get((str(summary["rep"]), str(summary["period"]), "cap", None), {})
                layout.append({**common, "rule": "cap", "source": plan_row,
                               "base": got.get("base", int(sum(row["amount"] for row in layout[start:]
                                                               if row["rule"] in ("tier", "retro_lift")
                                                               and row["payout"] == payout))),
                               "amount": got.get("amount", 0)})
            for source, bonus in enumerate(bonuses.to_dict("records")):
                if str(bonus["plan"]) == str(summary["plan"]):
                    got = engine.get((str(summary["rep"]), str(summary["period"]), "bonus", source), {})
                    layout.append({**common, "rule": "bonus", "source": source, "from": _na(bonus["from"]),
                                   "amount": got.get("amount", 0),
                                   "of_base": self._of_base(summary, _na(bonus.get("percent_of_base")))})
            for rule in ("draw", "draw_recovery"):  # core/draws.py: the draw due, or the balance carried in
                got = engine.get((str(summary["rep"]), str(summary["period"]), rule, None))
                if got:
                    layout.append({**common, "rule": rule, "base": got["base"], "amount": got["amount"]})
        for c in np.flatnonzero((won_in == 0) & (cancelled_in > 0)):  # paid before these periods: Planner's value
            rep, deal = str(credit.at[c, "rep"]), str(credit.at[c, "deal_id"])
            back = engine.get((rep, deal, "clawback", None), {})
            layout.append({"rep": rep, "plan": str(plan_of.iat[c]), "deal_id": deal, "credit": int(c),
                           "rule": "clawback", "payout": cancelled_in[c], "period": period_of[cancelled_in[c]],
                           "amount": back.get("amount", 0), "fixed": True, "first": len(layout)})
        _check_rows("Statements", len(layout))
        return layout

    def _engine_lines(self, lines: pd.DataFrame) -> dict:
        """The engine's statement lines by (rep, deal, rule, tier's row in PlanTiers) for a
        marginal tier line, (rep, deal, rule, None) for other deal lines, and (rep, period,
        rule, bonus's row in PlanBonuses or None) for caps and bonuses."""
        book = self.snapshot
        deals, reps, plans = book["Deals"]["id"], book["Reps"]["id"], book["Plans"]["plan"]
        tiers, bonuses = self.inputs["PlanTiers"], self.inputs["PlanBonuses"]
        tier_at = {(str(p), int(f)): n for n, (p, f) in enumerate(zip(tiers["plan"], tiers["from"])) if not pd.isna(f)}
        bonus_at = {(str(p), int(f)): n for n, (p, f) in enumerate(zip(bonuses["plan"], bonuses["from"]))
                    if not pd.isna(f)}
        own_tiers, own_bonuses = book["PlanTiers"], book["PlanBonuses"]
        marginal = {int(i): tier_at.get((str(plans[p]), int(f)))
                    for i, p, f, m in zip(own_tiers.index, own_tiers["plan"], own_tiers["from"], own_tiers["method"])
                    if m == "marginal"}
        bonus_source = {int(i): bonus_at.get((str(plans[p]), int(f)))
                        for i, p, f in zip(own_bonuses.index, own_bonuses["plan"], own_bonuses["from"])}
        engine = {}
        for line in lines.to_dict("records"):
            rep, rule = str(reps[line["rep"]]), line["rule"]
            figures = {"period": str(line["period"]), "rate": _na(line["rate"]), "base": _na(line["base"]),
                       "amount": int(line["amount"])}
            if rule in ("cap", "bonus", "draw", "draw_recovery"):
                source = bonus_source.get(int(line["bonus"])) if rule == "bonus" else None
                engine[(rep, str(line["period"]), rule, source)] = figures
            elif not pd.isna(line["deal"]):
                tier = None if pd.isna(line["tier"]) or rule != "tier" else marginal.get(int(line["tier"]))
                engine[(rep, str(deals[line["deal"]]), rule, tier)] = figures
        return engine

    def _write_commissions(self) -> None:
        grid, lines = self.grids["Commissions"], self.grids["Statements"]
        credit = self.credit_grid
        rows = []
        for i, record in enumerate(self.report.commissions.to_dict("records")):
            part = Period.of(record["period"])
            mine = Cond(self._column(lines, "payout"), "=", str(i + 1))
            quota, got = grid.ref("quota", i), grid.ref("credited", i)
            who = Cond(self._column(credit, "rep"), "=", grid.ref("rep", i), record["rep"])
            rows.append({
                "rep": record["rep"], "name": record["name"], "plan": record["plan"], "period": record["period"],
                "from": part.start, "until": part.end - timedelta(days=1),
                "quota": (self._quota(grid.ref("rep", i), False, part), _na(record["quota"])),
                "credited": (self._credited(grid.ref("rep", i), record["rep"], grid.ref("from", i),
                                            grid.ref("until", i)), _na(record["credited"])),
                "won": (aggregate([who, *self._in(self._column(credit, "closed"), grid.ref("from", i),
                                                  grid.ref("until", i))], self._column(credit, "amount")),
                        int(self.won_credit[i])),
                "attainment": (f"IF(N({quota})>0,{got}/{quota},\"\")", _na(record["attainment"])),
                "commission": (aggregate([mine, Cond(self._column(lines, "rule"), "<>", '"bonus"', "bonus", True)],
                                         self._column(lines, "amount")), _na(record["commission"])),
                "bonus": (aggregate([mine, Cond(self._column(lines, "rule"), "=", '"bonus"', "bonus", True)],
                                    self._column(lines, "amount")), _na(record["bonus"])),
                "total": (f"{grid.ref('commission', i)}+{grid.ref('bonus', i)}", _na(record["total"])),
            })
        self._write_grid(grid, rows)

    def _write_statements(self) -> None:
        grid, payouts, credit = self.grids["Statements"], self.grids["Commissions"], self.credit_grid
        flat = {str(self.snapshot["Plans"].at[plan, "plan"]) for plan in flat_plans(self.snapshot["PlanTiers"])}

        def at(column: str, payout: str) -> str:  # a Commissions cell of the payout numbered in cell ``payout``
            return f"INDEX({payouts.range(column)},{payout})"

        rows = []
        for i, line in enumerate(self.statement_lines):
            rule, ref = line["rule"], (lambda key, i=i: grid.ref(key, i))
            record = {"rep": line["rep"], "plan": line["plan"], "deal_id": line.get("deal_id"), "rule": rule,
                      "credit_row": None if line.get("credit") is None else int(line["credit"]) + 2}
            payout = ref("payout")
            record["period"] = (f'IF({payout}=0,"",{at("period", payout)})', line.get("period"))
            if "credit" in line:
                day = credit.cell("cancelled" if rule == "clawback" else "closed", int(line["credit"]))
                record["payout"] = (
                    f"SUMPRODUCT(({payouts.range('rep')}={ref('rep')})*({payouts.range('from')}<={day})"
                    f"*({payouts.range('until')}>={day})*(ROW({payouts.range('rep')})-1))", int(line["payout"]))
            else:
                record["payout"] = (str(line["payout"]), int(line["payout"]))
            if rule in ("tier", "retro_lift"):
                record.update(self._deal_line(line, i, at, flat))
            elif rule == "clawback":
                amount = grid.letter("amount")
                paid = (f"SUM({amount}{line['first'] + 2}:{amount}{i + 1})" if i > line["first"] else "0")
                if line.get("fixed"):
                    paid = repr(-int(line["amount"]) / 10 ** self.digits)
                late = "FALSE"
                plans = self.inputs["Plans"]
                if not line.get("fixed") and "clawback_days" in plans:  # the plan's clawback window
                    window = self._source("Plans", "clawback_days", int(np.flatnonzero(
                        (plans["plan"].astype(str) == str(line["plan"])).to_numpy())[0]))
                    c = int(line["credit"])
                    cancelled, closed = credit.cell("cancelled", c), credit.cell("closed", c)
                    late = f'IF({window}="",FALSE,IF({cancelled}="",FALSE,{cancelled}-{closed}>{window}))'
                record["amount"] = (f"IF({payout}=0,0,IF({late},0,-{paid}))", line["amount"])
            elif rule == "spiff":
                record.update({"base": (repr(int(line["base"]) / 10 ** self.digits), line["base"]),
                               "amount": (f"IF({payout}=0,0,{int(line['amount']) / 10 ** self.digits!r})",
                                          line["amount"])})
            elif rule == "cap":
                block = (Cond(f"${grid.letter('payout')}${line['start'] + 2}:${grid.letter('payout')}${i + 1}", "=",
                              str(line["payout"])),)
                paid = "+".join(aggregate([*block, Cond(f"${grid.letter('rule')}${line['start'] + 2}:"
                                                       f"${grid.letter('rule')}${i + 1}", "=", f'"{kind}"', kind, True)],
                                          f"${grid.letter('amount')}${line['start'] + 2}:${grid.letter('amount')}${i + 1}")
                                for kind in ("tier", "retro_lift")) if i > line["start"] else "0"
                cap = self._source("Plans", "cap", line["source"])
                record.update({"base": (paid, line["base"]),
                               "amount": (f'IF({cap}="",0,MIN(0,{cap}-{ref("base")}))', line["amount"])})
            elif rule == "draw":  # tops the payout's lines above it up to the draw due (its base)
                above = (aggregate([Cond(f"${grid.letter('payout')}$2:${grid.letter('payout')}${i + 1}",
                                         "=", str(line["payout"]))],
                                   f"${grid.letter('amount')}$2:${grid.letter('amount')}${i + 1}") if i else "0")
                record.update({"base": (repr(int(line["base"]) / 10 ** self.digits), line["base"]),
                               "amount": (f"MAX(0,{ref('base')}-({above}))", line["amount"])})
            elif rule == "draw_recovery":  # depends on every earlier payout: Planner's value
                record.update({"base": (repr(int(line["base"]) / 10 ** self.digits), line["base"]),
                               "amount": (repr(int(line["amount"]) / 10 ** self.digits), line["amount"])})
            else:  # a bonus
                quota, won = f"N({payouts.cell('quota', line['payout'] - 1)})", payouts.cell("won", line["payout"] - 1)
                source = line["source"]
                of_base = f"+{line['of_base'] / 10 ** self.digits!r}" if line.get("of_base") else ""
                record.update({
                    "from": (self._source("PlanBonuses", "from", source), line["from"]),
                    "amount": (f"IF(AND({quota}>0,{self._reaches(won, quota, ref('from'))}),"
                               f"{self._source('PlanBonuses', 'amount', source)}{of_base},0)", line["amount"]),
                })
            rows.append(record)
        self._write_grid(grid, rows)

    def _deal_line(self, line: dict, i: int, at, flat: set) -> dict:
        """The formulas of a tier or lift line of a credit line (its block's first line holds
        the payout's and the credit before it)."""
        grid, credit = self.grids["Statements"], self.credit_grid
        c, first = int(line["credit"]), line["first"]
        payout, before = grid.ref("payout", first), grid.ref("before", first)
        amount = credit.cell("amount", c)
        quota = f"IF({payout}=0,0,N({at('quota', payout)}))"
        after = f"({before}+{amount})"
        payable = f"AND({payout}>0{'' if line['plan'] in flat else f',{quota}>0'})"
        out = {}
        if i == first:
            rep, closed, order = (self._column(credit, key) for key in ("rep", "closed", "order"))
            day = credit.cell("closed", c)
            out["before"] = (f"IF({payout}=0,0,SUMPRODUCT(({rep}={grid.ref('rep', i)})*({closed}>={at('from', payout)})"
                             f"*({closed}<{day}),{self._column(credit, 'amount')})+SUMPRODUCT(({rep}="
                             f"{grid.ref('rep', i)})*({closed}={day})*({order}<{credit.cell('order', c)}),"
                             f"{self._column(credit, 'amount')}))", line["before"])
        else:
            out["before"] = (before, line["before"])
        if "source" in line:  # a marginal tier
            source = line["source"]
            start, end = grid.ref("from", i), grid.ref("to", i)
            to = self._source("PlanTiers", "to", source)
            low, high = self._round(f"{start}*{quota}"), self._round(f"{end}*{quota}")
            above = f"MAX(0,{after}-MAX({before},{low}))"
            out.update({
                "from": (self._source("PlanTiers", "from", source), line["from"]),
                "to": (f'IF({to}="","",{to})', line["to"]),
                "rate": (self._multiplied(self._source("PlanTiers", "rate", source), line), line["rate"]),
                "base": (f'IF({payable},IF({end}="",{above},MAX(0,MIN({after},{high})-MAX({before},{low}))),0)',
                         line["base"]),
            })
        else:
            def rate_at(credit_now: str) -> str:  # the rate of the tier holding credit_now ÷ quota
                terms = []
                for source in line["tiers"]:
                    start, end = (self._source("PlanTiers", key, source) for key in ("from", "to"))
                    terms.append(f"{self._source('PlanTiers', 'rate', source)}*({credit_now}>0)"
                                 f"*({self._reaches(credit_now, quota, start)})"
                                 f"*IF({end}=\"\",1,1-({self._reaches(credit_now, quota, end)}))")
                return "+".join(terms) or "0"
            if line["rule"] == "tier":
                out.update({"rate": (f"IF({payable},{self._multiplied(rate_at(after), line)},0)", line["rate"]),
                            "base": (f"IF({payable},{amount},0)", line["base"])})
            else:
                final = rate_at(at("won", payout))
                out.update({"rate": (f"IF({payable},{self._multiplied(final, line)}-{grid.ref('rate', i - 1)},0)",
                                     line["rate"]),
                            "base": (grid.ref("base", i - 1), line["base"])})
        out["amount"] = (self._round(f"{grid.ref('base', i)}*{grid.ref('rate', i)}"), line["amount"])
        return out

    def _of_base(self, summary: dict, percent) -> int:
        """The share of the rep's base salary a bonus of ``percent`` adds to a payout (Planner's
        value: a what-if on the salary does not move it)."""
        if not percent:
            return 0
        reps = self.snapshot["Reps"]
        rep = reps.index[(reps["id"].astype(str) == str(summary["rep"])).to_numpy()][:1].to_numpy(dtype="int64")
        return int(base_bonus(self.snapshot, rep, np.array([str(summary["period"])], dtype=object),
                              np.array([int(percent)], dtype="int64"), self.snapshot.rounding)[0])

    @staticmethod
    def _multiplied(rate: str, line: dict) -> str:
        """``rate`` times the line's deal multiplier, rounded half up to a millionth as Planner
        does (on whole millionths, so no float decides it)."""
        multiplier = line.get("multiplier", RATIO_SCALE)
        if multiplier == RATIO_SCALE:
            return rate
        return f"ROUND(ROUND(({rate})*{RATIO_SCALE},0)*{multiplier}/{RATIO_SCALE},0)/{RATIO_SCALE}"

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
