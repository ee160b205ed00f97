"""One report of a book for one period: what ``planner report --json`` prints and the app shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from planner.core import kinds, schema
from planner.core.attainment import attainment, quota_by_month
from planner.core.book import Book, Tables
from planner.core.cancel import checkpoint
from planner.core.adjustments import paid_statements
from planner.core.commissions import NO_QUOTA, commissions
from planner.core.statements import shown_statement
from planner.core.forecast import HistoricalInputs, forecast, historical_inputs
from planner.core.forecast_accuracy import FORECAST_ACCURACY, METHOD_ACCURACY, accuracy
from planner.core.forecast_overrides import FORECAST_BY_REP, category_by_rep, with_overrides
from planner.core.health import as_day, deal_health, health_lists
from planner.core.leads import summary as lead_summary
from planner.core.metrics import (PIPELINE_BY_REP, PIPELINE_BY_TEAM, PIPELINE_FUNNEL, by_rep, by_team, funnel,
                                  pipeline_metrics)
from planner.core import pacing as paced
from planner.core.pacing import AT_QUOTA, PACING, TEAM_PACING, YEAR_TO_DATE
from planner.core.periods import Period
from planner.core.point_in_time import TODAY_AMOUNTS, as_it_stood
from planner.core.quadrants import QUADRANTS, quadrant_quarter, quadrants
from planner.core.problems import Problem
from planner.core.shown import shown
from planner.core.usable import LeftOut, usable

# Money-valued keys of the pipeline and forecast dictionaries.
_PIPELINE_MONEY = ("open_value", "weighted_value", "won_value", "avg_won_deal", "velocity_per_day",
                   "avg_open_deal", "pipeline_expected", "quota_remaining")


@dataclass
class Report:
    """Every computed figure of a book for one period; money in minor units of ``currency``."""

    currency: str
    period: Period
    as_of: date
    # where as_of came from: "--as-of" (given), "setting" (the book's as_of) or "today"
    as_of_source: str
    pipeline: dict
    stages: pd.DataFrame
    attainment: pd.DataFrame
    team_attainment: pd.DataFrame
    commissions: pd.DataFrame
    commission_lines: pd.DataFrame
    # every payout's statement lines, as people read them (rep by its id; core/statements.py)
    statements: pd.DataFrame
    forecast: dict
    warnings: list[tuple[str, dict]] = field(default_factory=list)
    # stage-to-stage conversion of the deals created in the period (metrics.PIPELINE_FUNNEL)
    funnel: pd.DataFrame = field(default_factory=PIPELINE_FUNNEL.empty)
    # the pipeline figures per rep (metrics.PIPELINE_BY_REP)
    by_rep: pd.DataFrame = field(default_factory=PIPELINE_BY_REP.empty)
    # and per team (metrics.PIPELINE_BY_TEAM)
    by_team: pd.DataFrame = field(default_factory=PIPELINE_BY_TEAM.empty)
    # open deals at as_of: time in stage, stalled, slipped (health.deal_health), by deal row id
    deal_health: pd.DataFrame = field(default_factory=pd.DataFrame)
    # {"stalled": [deal ids], "slipped": [deal ids]} in Deals order, and the same as row ids
    health: dict = field(default_factory=lambda: {"stalled": [], "slipped": []})
    health_rows: dict = field(default_factory=lambda: {"stalled": [], "slipped": []})
    # the historical forecast's inputs as used (forecast.HistoricalInputs)
    forecast_inputs: HistoricalInputs | None = None
    # the category forecast per rep with managers' overrides beside it (forecast_overrides),
    # and the team's commit and best case with those overrides
    forecast_by_rep: pd.DataFrame = field(default_factory=FORECAST_BY_REP.empty)
    forecast_with_overrides: dict = field(default_factory=dict)
    # saved forecasts judged against what was won, per period and method, and per method
    forecast_accuracy: pd.DataFrame = field(default_factory=FORECAST_ACCURACY.empty)
    forecast_method_accuracy: pd.DataFrame = field(default_factory=METHOD_ACCURACY.empty)
    # lead scoring: {"count", "qualified", "converted", "threshold"} (leads.summary)
    leads: dict = field(default_factory=dict)
    # the book's problems, and the rows they leave out of these figures (core/usable.py)
    problems: list[Problem] = field(default_factory=list)
    left_out: LeftOut = field(default_factory=LeftOut)
    # where the period stands on as_of (core/pacing.py): "ended", "in_progress" or "future";
    # its elapsed and total days, and pacing per rep and team (only in progress)
    period_status: str = paced.ENDED
    days: tuple[int, int] = (0, 0)
    pacing: pd.DataFrame = field(default_factory=PACING.empty)
    team_pacing: pd.DataFrame = field(default_factory=TEAM_PACING.empty)
    # reps at quota in the period: {"at_quota", "with_quota", "share"}, and per team
    at_quota: dict = field(default_factory=dict)
    team_at_quota: pd.DataFrame = field(default_factory=AT_QUOTA.empty)
    # year-to-date attainment as of as_of, per rep and team, and the company's
    ytd: pd.DataFrame = field(default_factory=YEAR_TO_DATE.empty)
    team_ytd: pd.DataFrame = field(default_factory=schema.TEAM_ATTAINMENT.empty)
    company_ytd: dict = field(default_factory=dict)
    # rep quadrants of quadrant_quarter (core/quadrants.py)
    quadrant_quarter: Period | None = None
    quadrants: pd.DataFrame = field(default_factory=QUADRANTS.empty)
    # per month of the period's year: the company's quota and won (attainment.quota_by_month)
    quota_by_month: pd.DataFrame = field(default_factory=pd.DataFrame)

    def money(self, minor: int | None) -> str | None:
        """Minor units as a decimal string in the book's currency (``"1234.50"``)."""
        return kinds.json_value(schema.Kind.MONEY, minor, self.currency)

    def to_json(self) -> dict:
        """The report as plain JSON types: money as decimal strings, ratios as numbers."""
        return {
            "currency": self.currency,
            "period": self.period.label,
            "as_of": self.as_of.isoformat(),
            "as_of_source": self.as_of_source,
            "pipeline": {
                **{key: self.money(value) if key in _PIPELINE_MONEY else value
                   for key, value in self.pipeline.items() if key != "stages"},
                "stages": self._records(self.stages, schema.PIPELINE_STAGES),
                "funnel": self._records(self.funnel, PIPELINE_FUNNEL),
            },
            "pipeline_by_rep": self._records(self.by_rep, PIPELINE_BY_REP),
            "pipeline_by_team": self._records(self.by_team, PIPELINE_BY_TEAM),
            "health": {flag: list(ids) for flag, ids in self.health.items()},
            "attainment": self._records(self.attainment, schema.ATTAINMENT),
            "team_attainment": self._records(self.team_attainment, schema.TEAM_ATTAINMENT),
            "commissions": self._records(self._with_draws(self.commissions), schema.COMMISSIONS),
            "commission_lines": self._records(self.commission_lines, schema.COMMISSION_LINES),
            "forecast": {key: self.money(value) for key, value in self.forecast.items()},
            "forecast_by_rep": self._records(self.forecast_by_rep, FORECAST_BY_REP),
            "forecast_with_overrides": {key: self.money(value) for key, value in self.forecast_with_overrides.items()},
            "forecast_accuracy": self._records(self.forecast_accuracy, FORECAST_ACCURACY),
            "forecast_method_accuracy": self._records(self.forecast_method_accuracy, METHOD_ACCURACY),
            "warnings": [template.format(**fields) for template, fields in self.warnings],
            "leads": dict(self.leads),
            "problems": [problem_record(problem) for problem in self.problems],
            **self._attainment_json(),
            "left_out": {
                "rows": self.left_out.count,
                "list": [{"table": table, "key": key, "row": number, "because": str(self.left_out.rows[table][row])}
                         for (table, row), (key, number) in self.left_out.places.items()],
                "sections": dict(self.left_out.sections),
                "reps": dict(self.left_out.reps),
                "teams": dict(self.left_out.teams),
            },
        }

    def _attainment_json(self) -> dict:
        """The keys added for issue 17 (where the period stands, pacing, reps at quota,
        year to date, quadrants); existing keys are left as they were."""
        elapsed, total = self.days
        in_progress = self.period_status == paced.IN_PROGRESS
        return {
            "period_status": self.period_status,
            "pacing": {"elapsed_days": elapsed, "period_days": total,
                       "reps": self._records(self.pacing, PACING),
                       "teams": self._records(self.team_pacing, TEAM_PACING)} if in_progress else None,
            "reps_at_quota": None if self.period_status == paced.FUTURE else {
                **self.at_quota, "teams": self._records(self.team_at_quota, AT_QUOTA)},
            "year_to_date": {
                "from": f"{self.as_of.year}-01-01", "to": self.as_of.isoformat(),
                "reps": self._records(self.ytd, YEAR_TO_DATE),
                "teams": self._records(self.team_ytd, schema.TEAM_ATTAINMENT),
                "company": {key: self.money(value) if key != "attainment" else value
                            for key, value in self.company_ytd.items()},
            },
            "quadrants": {
                "quarter": None if self.quadrant_quarter is None else self.quadrant_quarter.label,
                "reps": self._records(self.quadrants, QUADRANTS),
            },
        }

    @staticmethod
    def _with_draws(frame: pd.DataFrame) -> pd.DataFrame:
        """The commissions without ``draw_balance`` when no payout carries one (scripts built on
        the report before draws see the keys they knew)."""
        return frame if frame["draw_balance"].notna().any() else frame.drop(columns=["draw_balance"])

    def _records(self, frame: pd.DataFrame, spec: schema.Table) -> list[dict]:
        return json_records(frame, spec, self.currency)


def problem_record(problem: Problem) -> dict:
    """A problem as JSON: where (table, the row's own id or number, column) and what."""
    return {"table": problem.table, "key": problem.key,
            "row": None if problem.position is None else problem.position + 1,
            "column": problem.column, "message": problem.template.format(**problem.fields)}


def json_records(frame: pd.DataFrame, spec: schema.Table, currency: str) -> list[dict]:
    """The rows of a computed ``frame`` as plain JSON types by ``spec``'s column kinds: money
    as decimal strings in ``currency``, ratios as numbers, dates as ISO days."""
    of = {column.name: column.kind for column in spec.columns}
    columns = {key: kinds.json_values(of.get(key), frame[key], currency)
               for key in frame.columns}  # a column at a time: to_dict("records") boxes cell by cell
    return [dict(zip(columns, values)) for values in zip(*columns.values())]


def compute_report(book: Tables, period: Period | None = None, as_of: date | str | None = None,
                   forecast_inputs: dict | None = None) -> Report:
    """Validate ``book`` and compute every figure for ``period`` (default: the quarter of
    ``as_of``).

    ``as_of`` is the day the figures are "today" for (default: the book's ``as_of`` setting,
    else today): every figure is of the book as it stood that day (core/point_in_time.py:
    nothing recorded after it counts), and nothing that depends on it is reused for another day. ``forecast_inputs``
    overrides the historical forecast's Settings (``forecast_growth``, ``forecast_new_reps``,
    ``forecast_new_rep_revenue``; see :func:`planner.core.forecast.historical_inputs`).

    A live :class:`Book` is first frozen into its snapshot. What does not depend on the
    period (deal facts, credit lines, quotas) is built once per revision and reused. The
    engine computes on row ids; the report's tables name reps, teams and plans by the user's
    keys (core/shown.py), as the JSON, the command line, exports and views show them.
    """
    if isinstance(book, Book):
        book = book.snapshot()
    problems = book.problems()
    book, left_out = usable(book)
    checkpoint()  # a stale report stops between phases (core/cancel.py): the app asked for a newer one
    as_of, source = (book.as_of, book.as_of_source) if as_of is None else (as_day(as_of), "--as-of")
    period = period or Period.containing(as_of, "quarter")
    whole, book = book, as_it_stood(book, as_of)  # nothing recorded after as_of (core/point_in_time.py)
    reps, teams = attainment(book, period)
    checkpoint()
    pipeline = pipeline_metrics(book, period, reps, teams)
    checkpoint()
    # once per revision and period: going back to a period already shown recomputes no payout
    summary, detail, warnings = commissions(book, period)
    warnings = list(warnings)
    checkpoint()
    if book is not whole:
        warnings = [(TODAY_AMOUNTS, {"day": as_of.isoformat()}), *warnings]
    state = paced.status(period, as_of)
    if state == paced.FUTURE:  # nothing can be credited yet: "no quota" is not news (the text says "no data")
        warnings = [(template, fields) for template, fields in warnings if template != NO_QUOTA]
    at_quota = paced.at_quota(reps)
    rep_ytd, team_ytd, company_ytd = paced.shown_year_to_date(book, as_of)
    checkpoint()
    quarter = quadrant_quarter(period, as_of)
    # the same for every period: once per state of the book and as_of
    health = book.cached(("health lists", as_of), lambda: health_lists(book, as_of), depends=())
    checkpoint()
    by_rep_forecast = category_by_rep(book, period)
    judged, per_method = accuracy(book, as_of)  # any period
    return Report(
        currency=book.currency, period=period, as_of=as_of, as_of_source=source,
        pipeline=pipeline, stages=pipeline["stages"],
        attainment=shown(book, reps, schema.ATTAINMENT), team_attainment=shown(book, teams, schema.TEAM_ATTAINMENT),
        commissions=shown(book, summary, schema.COMMISSIONS),
        commission_lines=shown(book, detail, schema.COMMISSION_LINES),
        statements=shown_statement(book, paid_statements(book, period)[1]),
        forecast=forecast(book, period, as_of, forecast_inputs),
        warnings=warnings,
        funnel=funnel(book, period), by_rep=shown(book, by_rep(book, period, reps), PIPELINE_BY_REP),
        by_team=shown(book, by_team(book, period, reps, teams), PIPELINE_BY_TEAM),
        deal_health=deal_health(book, as_of),
        health={flag: list(lists["ids"]) for flag, lists in health.items()},
        health_rows={flag: list(lists["rows"]) for flag, lists in health.items()},
        forecast_inputs=historical_inputs(book, forecast_inputs),
        forecast_by_rep=shown(book, by_rep_forecast, FORECAST_BY_REP),
        forecast_with_overrides=with_overrides(by_rep_forecast),
        forecast_accuracy=judged, forecast_method_accuracy=per_method,
        leads=lead_summary(book),
        problems=problems, left_out=left_out,
        period_status=state, days=paced.days(period, as_of),
        pacing=shown(book, paced.pacing(paced.so_far(book, reps, period, as_of), period, as_of), PACING),
        team_pacing=shown(book, paced.pacing(paced.so_far(book, teams, period, as_of, "team"), period, as_of),
                          TEAM_PACING),
        at_quota=at_quota,
        team_at_quota=shown(book, paced.at_quota_by_team(reps, teams["team"], book["Teams"]), AT_QUOTA),
        ytd=rep_ytd, team_ytd=team_ytd,
        company_ytd=company_ytd,
        quadrant_quarter=quarter, quadrants=shown(book, quadrants(book, quarter, as_of), QUADRANTS),
        quota_by_month=quota_by_month(book, period.start.year, as_of),
    )
