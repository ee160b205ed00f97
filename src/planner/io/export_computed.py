"""The computed sheets of an export (no Qt): each figure a live formula over the input sheets
beside the value Planner computed. A mixin of :class:`planner.io.export_workbook._WorkbookWriter`."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from planner.core.facts import deal_facts, weighted_amounts
from planner.core.periods import Period
from planner.io.export_common import _major, _na
from planner.io.export_formulas import Cond, _quote, aggregate


class _ComputedSheets:
    """Attainment, TeamAttainment, Forecast, PipelineStages, PipelineByRep and WonByMonth."""

    def _write_attainment(self) -> None:
        grid = self.grids["Attainment"]
        rows = []
        for i, record in enumerate(self.rep_rows.to_dict("records")):
            part = Period.of(record["period"])
            credited = self._credited(grid.ref("rep", i), record["rep"], grid.ref("from", i), grid.ref("until", i))
            quota, got = grid.ref("quota", i), grid.ref("credited", i)
            rows.append({
                "rep": record["rep"], "name": _na(record["name"]), "team": _na(record["team"]),
                "period": record["period"], "from": part.start, "until": part.end - timedelta(days=1),
                "quota": (self._quota(grid.ref("rep", i), False, part), _na(record["quota"])),
                "credited": (credited, _na(record["credited"])),
                "attainment": (f"IF(N({quota})>0,{got}/{quota},\"\")", _na(record["attainment"])),
                "target": 1.0,
            })
        self._write_grid(grid, rows, frozen_columns=2)

    def _write_team_attainment(self) -> None:
        grid, reps = self.grids["TeamAttainment"], self.grids["Attainment"]
        records = self.team_rows.to_dict("records")
        at = {(record["team"], record["period"]): i for i, record in enumerate(records)}
        quotas = self.snapshot.keyed("Quotas").dropna(subset=["team"])
        own = quotas.groupby("team")["period"].agg(set).to_dict()
        teams = self.snapshot.keyed("Teams")
        children: dict = {}  # a parent team's quota and credit add up its child teams' rows of this sheet
        for name, parent in zip(teams["name"], teams["parent"]):
            if not pd.isna(parent) and name != parent:
                children.setdefault(parent, []).append(name)
        rows = []
        for i, record in enumerate(records):
            part = Period.of(record["period"])
            members = [Cond(self._column(reps, "team"), "=", grid.ref("team", i), record["team"]),
                       Cond(self._column(reps, "period"), "=", grid.ref("period", i), record["period"])]
            team_rows, own_value = self._quota_parts(grid.ref("team", i), True, part)
            team, team_period = self._column(reps, "team"), self._column(reps, "period")
            numbers = (f"SUMPRODUCT(({team}={grid.ref('team', i)})*({team_period}={grid.ref('period', i)})"
                       f"*ISNUMBER({self._column(reps, 'quota')}))")
            member_sum = aggregate(members, self._column(reps, "quota"))
            under = [at[(child, record["period"])] for child in children.get(record["team"], [])
                     if (child, record["period"]) in at]
            child_quota = ",".join(grid.ref("quota", row) for row in under)
            child_credit = "".join(f"+{grid.ref('credited', row)}" for row in under)
            if under:
                numbers, member_sum = f"{numbers}+COUNT({child_quota})", f"{member_sum}+SUM({child_quota})"
            quota_formula = f"IF({team_rows}>0,{own_value},IF({numbers}>0,{member_sum},\"\"))"
            if under and pd.isna(record["quota"]):  # a child team's quota unknown: so is this one's (team_quotas)
                quota_formula = f"IF({team_rows}>0,{own_value},\"\")"
            labels = own.get(record["team"], set())
            below = [p.label for kind in ("quarter", "month") if part.months > Period(part.start, kind).months
                     for p in part.split(kind)]
            if record["period"] not in labels and labels & set(below):
                # the team's own rows lie inside the period (decisions.md, "Team quotas"): a year
                # adds up its quarters' rows of this sheet; a quarter would need the members'
                # months, which no sheet holds, so it (or a year the rule leaves empty) is a number
                exact_rows, exact = self._quota_rows(grid.ref("team", i), True, [part])
                quarters = ",".join(grid.ref("quota", at[(record["team"], q.label)]) for q in part.split("quarter"))
                quota_formula = (f"IF({exact_rows}>0,{exact},SUM({quarters}))"
                                 if part.kind == "year" and not pd.isna(record["quota"]) else
                                 "\"\"" if pd.isna(record["quota"]) else f"{_major(record['quota'], self.digits)!r}")
            quota, got = grid.ref("quota", i), grid.ref("credited", i)
            rows.append({
                "team": record["team"], "period": record["period"], "from": part.start,
                "until": part.end - timedelta(days=1),
                "quota": (quota_formula, _na(record["quota"])),
                "credited": (aggregate(members, self._column(reps, "credited")) + child_credit, _na(record["credited"])),
                "attainment": (f"IF(N({quota})>0,{got}/{quota},\"\")", _na(record["attainment"])),
            })
        self._write_grid(grid, rows)

    def _write_forecast(self) -> None:
        grid, reps = self.grids["Forecast"], self.grids["Attainment"]
        rows = []
        for i, (part, figures) in enumerate(zip(self.forecast_periods, self.forecasts)):
            start, end = grid.ref("from", i), grid.ref("until", i)
            expected = self._in(self.deal["expected_close"], start, end)
            won = grid.ref("won", i)
            # open deals expected in the period, of each forecast category
            category = {name: self._stage_sum(self.open_stages, [*expected, Cond(
                self.deal["forecast_category"], "=", _quote(name), name, True)], self.deal["amount"])
                for name in ("commit", "best_case", "omitted")}
            in_period = f"*({self.deal['expected_close']}>={start})*({self.deal['expected_close']}<={end})"
            rows.append({
                "period": part.label, "from": part.start, "until": part.end - timedelta(days=1),
                "quota": (aggregate([Cond(self._column(reps, "period"), "=", grid.ref("period", i), part.label)],
                                    self._column(reps, "quota")), self.forecast_quota[i]),
                "won": (self._stage_sum(self.won_stages, self._in(self.deal["closed"], start, end),
                                        self.deal["amount"]), figures["won"]),
                "open_weighted": (self._weighted(in_period), figures["open_weighted"]),
                "weighted": (f"{won}+{grid.ref('open_weighted', i)}", figures["weighted"]),
                "commit": (f"{won}+{category['commit']}", figures["commit"]),
                "best_case": (f"{grid.ref('commit', i)}+{category['best_case']}", figures["best_case"]),
                "pipeline": (f"{won}+{self._stage_sum(self.open_stages, expected, self.deal['amount'])}"
                             f"-({category['omitted']})", figures["pipeline"]),
            })
        self._write_grid(grid, rows)

    def _write_pipeline_stages(self) -> None:
        grid = self.grids["PipelineStages"]
        rows = []
        for i, record in enumerate(self.report.stages.to_dict("records")):
            stage = [Cond(self.deal["stage"], "=", grid.ref("stage", i), record["stage"])]
            rows.append({
                "stage": record["stage"],
                "probability": (aggregate([Cond(self._input("Stages", "stage"), "=", grid.ref("stage", i),
                                                record["stage"])], self._input("Stages", "probability")),
                                _na(record["probability"])),
                "count": (aggregate(stage), _na(record["count"])),
                "value": (aggregate(stage, self.deal["amount"]), _na(record["value"])),
                "weighted": (f"SUMPRODUCT(({self.deal['stage']}={grid.ref('stage', i)})*"
                             f"{self._round(self.deal['amount'] + '*' + grid.ref('probability', i))})",
                             _na(record["weighted"])),
            })
        pipeline = self.report.pipeline

        def column_sum(key):  # no stages: no rows to add (and no sum of the total's own cell)
            return f"SUM({grid.letter(key)}2:{grid.letter(key)}{len(rows) + 1})" if rows else "0"
        totals = [{"stage": "Open pipeline", "count": (column_sum("count"), pipeline["open_count"]),
                   "value": (column_sum("value"), pipeline["open_value"]),
                   "weighted": (column_sum("weighted"), pipeline["weighted_value"])}]
        self._write_grid(grid, rows, totals)

    def _write_pipeline_by_rep(self) -> None:
        grid = self.grids["PipelineByRep"]
        facts, weights = deal_facts(self.snapshot), weighted_amounts(self.snapshot)
        kind = facts["kind"].fillna("")
        closed_in = self.period.mask(facts["closed"]).fillna(False).to_numpy(dtype=bool)
        frame = pd.DataFrame({
            "rep": facts["rep"].map(self.snapshot["Reps"]["id"]).to_numpy(),  # the sheet names reps by their ids
            "open": (kind == "open").to_numpy(dtype=bool),
            "won": (kind == "won").to_numpy(dtype=bool) & closed_in,
            "lost": (kind == "lost").to_numpy(dtype=bool) & closed_in,
            "amount": facts["amount"].to_numpy(dtype=object, na_value=0),
            "weighted": weights,
        })
        frame["open_value"] = np.where(frame["open"], frame["amount"], 0)
        frame["weighted_value"] = np.where(frame["open"], frame["weighted"], 0)
        frame["won_value"] = np.where(frame["won"], frame["amount"], 0)
        by_rep = frame.groupby("rep").agg(open_count=("open", "sum"), open_value=("open_value", "sum"),
                                          weighted_value=("weighted_value", "sum"), won_count=("won", "sum"),
                                          won_value=("won_value", "sum"), lost_count=("lost", "sum"))
        empty = dict.fromkeys(by_rep.columns, 0)
        in_period = self._in(self.deal["closed"], "PeriodStart", "PeriodEnd")
        rows = []
        reps = self.inputs["Reps"]
        for i, record in enumerate(reps[["id", "name", "team"]].to_dict("records")):
            rep = record["id"]
            figures = {key: int(value) for key, value in (by_rep.loc[rep] if rep in by_rep.index else empty).items()}
            owner = Cond(self.deal["owner"], "=", grid.ref("rep", i), rep)
            open_conditions = [owner]
            won, lost = figures["won_count"], figures["lost_count"]
            rows.append({
                "rep": rep, "name": _na(record["name"]), "team": _na(record["team"]),
                "open_count": (self._stage_sum(self.open_stages, open_conditions, None), figures["open_count"]),
                "open_value": (self._stage_sum(self.open_stages, open_conditions, self.deal["amount"]),
                               figures["open_value"]),
                "weighted_value": (self._weighted(f"*({self.deal['owner']}={grid.ref('rep', i)})"),
                                   figures["weighted_value"]),
                "won_count": (self._stage_sum(self.won_stages, [owner, *in_period], None), won),
                "won_value": (self._stage_sum(self.won_stages, [owner, *in_period], self.deal["amount"]),
                              figures["won_value"]),
                "lost_count": (self._stage_sum(self.lost_stages, [owner, *in_period], None), lost),
                "win_rate": (f"IF({grid.ref('won_count', i)}+{grid.ref('lost_count', i)}>0,{grid.ref('won_count', i)}/"
                             f"({grid.ref('won_count', i)}+{grid.ref('lost_count', i)}),\"\")",
                             won / (won + lost) if won + lost else None),
            })
        self._write_grid(grid, rows)

    def _write_won_by_month(self) -> None:
        grid = self.grids["WonByMonth"]
        rows = []
        for i, (month, figures) in enumerate(zip(self.months, self.month_figures)):
            closed = self._in(self.deal["closed"], grid.ref("from", i), grid.ref("until", i))
            rows.append({
                "month": month.label, "from": month.start, "until": month.end - timedelta(days=1),
                "won_count": (self._stage_sum(self.won_stages, closed, None), figures["won_count"]),
                "won_value": (self._stage_sum(self.won_stages, closed, self.deal["amount"]), figures["won_value"]),
            })
        self._write_grid(grid, rows)
