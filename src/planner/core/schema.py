"""The one definition of the book's tables: every layer (engine, storage, Excel, Qt) reads it.

Each table is a sheet of the Excel template and a table of the SQLite file. Columns carry
their kind (how values are held), whether they are required, the values they allow, and the
English label shown to the user (marked for translation). Columns a user adds beyond these
are *extras*: kept in order, stored and shown, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pandas as pd

from planner.core.errors import QT_TRANSLATE_NOOP


class Kind(str, Enum):
    """How a column's values are held in memory and in the file."""

    TEXT = "text"  # pandas "string"
    INT = "int"  # nullable Int64
    MONEY = "money"  # nullable Int64, minor units of the row's or the book's currency
    RATIO = "ratio"  # nullable Int64, millionths (0.6 -> 600_000)
    DATE = "date"  # datetime64, day precision
    PERCENT = "percent"  # float fraction, computed results only (attainment)
    NUMBER = "number"  # float, computed results only (days)
    REF = "ref"  # nullable Int64: the row id of a row of another table (a deal's owner, stage, ...)
    PERIOD = "period"  # pandas "string": a period's canonical label (2026-01, 2026-Q1, 2026; core/periods.py)


DTYPES = {
    Kind.TEXT: "string",
    Kind.INT: "Int64",
    Kind.MONEY: "Int64",
    Kind.RATIO: "Int64",
    Kind.DATE: "datetime64[ns]",
    Kind.PERCENT: "Float64",
    Kind.NUMBER: "Float64",
    Kind.REF: "Int64",
    Kind.PERIOD: "string",
}

# Integer kinds and the range every value must stay in (int64 minor units leave headroom
# for sums: a single amount may not exceed a trillion trillion minor units / 1e3).
INTEGER_KINDS = (Kind.INT, Kind.MONEY, Kind.RATIO, Kind.REF)
MAX_INTEGER = 10**15  # 10 trillion dollars in cents; sums of 9,000 such rows still fit in int64
# The calendar Planner accepts: sales books live in these years, and pandas' nanosecond dates
# cannot hold years outside 1677-2262.
FIRST_YEAR, LAST_YEAR = 1900, 2199


@dataclass(frozen=True)
class Column:
    """One column: its name in the file, kind, rules and display label."""

    name: str
    kind: Kind
    label: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    # For money held in another column's currency (a deal's own currency).
    currency_column: str | None = None
    # REF columns: the table whose row ids they hold; ``owned`` rows go when their parent does.
    ref: str | None = None
    owned: bool = False
    # Inclusive bounds in internal units (minor units, millionths); None: no bound.
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Table:
    """One sheet of the book: its columns and the columns that identify a row."""

    name: str
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    # The column naming a row to the user where another table refers to it (a rep's name).
    title: str | None = None
    # A record the book keeps for itself (a close, its ledger): no sheet, never imported or
    # exported as input, never edited, only added to (core/close.py)
    system: bool = False

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    def empty(self) -> pd.DataFrame:
        frame = pd.DataFrame({c.name: pd.Series(dtype=DTYPES[c.kind]) for c in self.columns})
        frame.index = pd.Index([], dtype="int64", name=ROW_ID)
        return frame

    @property
    def refs(self) -> list[Column]:
        return [column for column in self.columns if column.kind is Kind.REF]


# The name of every frame's index: the row's surrogate id, stable for the row's life.
ROW_ID = "row_id"


def _c(name, kind, label, **rules) -> Column:
    return Column(name, kind, label, **rules)


T, I, M, R, D = Kind.TEXT, Kind.INT, Kind.MONEY, Kind.RATIO, Kind.DATE
# Allowed values are codes (what files hold and users type); the app shows them translated
# in the "values" context.
STAGE_KINDS = (QT_TRANSLATE_NOOP("values", "open"), QT_TRANSLATE_NOOP("values", "won"),
               QT_TRANSLATE_NOOP("values", "lost"))
DEAL_TYPES = (QT_TRANSLATE_NOOP("values", "new"), QT_TRANSLATE_NOOP("values", "renewal"),
              QT_TRANSLATE_NOOP("values", "upsell"))
FORECAST_CATEGORIES = (QT_TRANSLATE_NOOP("values", "pipeline"), QT_TRANSLATE_NOOP("values", "best_case"),
                       QT_TRANSLATE_NOOP("values", "commit"), QT_TRANSLATE_NOOP("values", "omitted"))
PLAN_PERIODS = (QT_TRANSLATE_NOOP("values", "month"), QT_TRANSLATE_NOOP("values", "quarter"),
                QT_TRANSLATE_NOOP("values", "year"))
TIER_METHODS = (QT_TRANSLATE_NOOP("values", "marginal"), QT_TRANSLATE_NOOP("values", "retroactive"))
YES_NO = (QT_TRANSLATE_NOOP("values", "yes"), QT_TRANSLATE_NOOP("values", "no"))
# the rules of statement lines (core/statements.py), in the order their lines come
LINE_KINDS = (QT_TRANSLATE_NOOP("values", "tier"), QT_TRANSLATE_NOOP("values", "retro_lift"),
              QT_TRANSLATE_NOOP("values", "cap"), QT_TRANSLATE_NOOP("values", "bonus"),
              QT_TRANSLATE_NOOP("values", "spiff"), QT_TRANSLATE_NOOP("values", "clawback"),
              QT_TRANSLATE_NOOP("values", "draw"), QT_TRANSLATE_NOOP("values", "draw_recovery"),
              QT_TRANSLATE_NOOP("values", "adjustment"))

POSITIVE = {"minimum": 0, "maximum": MAX_INTEGER}
FRACTION = {"minimum": 0, "maximum": 1_000_000}
RATE = {"minimum": 0, "maximum": 100_000_000}  # up to 10,000% (a tier's rate or an attainment bound)

SETTINGS = Table("Settings", QT_TRANSLATE_NOOP("schema", "Settings"), (
    _c("key", T, QT_TRANSLATE_NOOP("schema", "Setting"), required=True),
    _c("value", T, QT_TRANSLATE_NOOP("schema", "Value")),
), key=("key",), title="key")

STAGES = Table("Stages", QT_TRANSLATE_NOOP("schema", "Stages"), (
    _c("stage", T, QT_TRANSLATE_NOOP("schema", "Stage"), required=True),
    _c("order", I, QT_TRANSLATE_NOOP("schema", "Order"), required=True, minimum=-MAX_INTEGER, maximum=MAX_INTEGER),
    _c("probability", R, QT_TRANSLATE_NOOP("schema", "Probability"), required=True, **FRACTION),
    _c("kind", T, QT_TRANSLATE_NOOP("schema", "Kind"), required=True, allowed=STAGE_KINDS),
    _c("exit_criteria", T, QT_TRANSLATE_NOOP("schema", "Exit criteria")),
), key=("stage",), title="stage")

PLANS = Table("Plans", QT_TRANSLATE_NOOP("schema", "Plans"), (
    _c("plan", T, QT_TRANSLATE_NOOP("schema", "Plan"), required=True),
    _c("period", T, QT_TRANSLATE_NOOP("schema", "Measured per"), required=True, allowed=PLAN_PERIODS),
    _c("cap", M, QT_TRANSLATE_NOOP("schema", "Commission cap"), **POSITIVE),
    _c("description", T, QT_TRANSLATE_NOOP("schema", "Description")),
    # empty: every cancellation is clawed back; N: only one at most N days after the deal closed
    _c("clawback_days", I, QT_TRANSLATE_NOOP("schema", "Clawback window (days)"), minimum=0, maximum=100_000),
), key=("plan",), title="plan")

REPS = Table("Reps", QT_TRANSLATE_NOOP("schema", "Reps"), (
    _c("id", T, QT_TRANSLATE_NOOP("schema", "Rep ID"), required=True),
    _c("name", T, QT_TRANSLATE_NOOP("schema", "Name"), required=True),
    _c("team", Kind.REF, QT_TRANSLATE_NOOP("schema", "Team"), ref="Teams"),
    _c("manager", Kind.REF, QT_TRANSLATE_NOOP("schema", "Manager"), ref="Reps"),
    _c("role", T, QT_TRANSLATE_NOOP("schema", "Role")),
    _c("start_date", D, QT_TRANSLATE_NOOP("schema", "Start date")),
    _c("end_date", D, QT_TRANSLATE_NOOP("schema", "End date")),
    _c("plan", Kind.REF, QT_TRANSLATE_NOOP("schema", "Plan"), ref="Plans"),
    _c("base_salary", M, QT_TRANSLATE_NOOP("schema", "Base salary (year)"), **POSITIVE),
), key=("id",), title="name")

# A team is named by its name (its own id); its manager is a rep, its parent the team it rolls up into.
TEAMS = Table("Teams", QT_TRANSLATE_NOOP("schema", "Teams"), (
    _c("name", T, QT_TRANSLATE_NOOP("schema", "Team"), required=True),
    _c("manager", Kind.REF, QT_TRANSLATE_NOOP("schema", "Manager"), ref="Reps"),
    _c("parent", Kind.REF, QT_TRANSLATE_NOOP("schema", "Parent team"), ref="Teams"),
), key=("name",), title="name")

DEALS = Table("Deals", QT_TRANSLATE_NOOP("schema", "Deals"), (
    _c("id", T, QT_TRANSLATE_NOOP("schema", "Deal ID"), required=True),
    _c("name", T, QT_TRANSLATE_NOOP("schema", "Deal")),
    _c("account", T, QT_TRANSLATE_NOOP("schema", "Account")),
    _c("owner", Kind.REF, QT_TRANSLATE_NOOP("schema", "Owner"), required=True, ref="Reps"),
    _c("stage", Kind.REF, QT_TRANSLATE_NOOP("schema", "Stage"), required=True, ref="Stages"),
    _c("amount", M, QT_TRANSLATE_NOOP("schema", "Amount"), required=True, currency_column="currency", **POSITIVE),
    _c("currency", T, QT_TRANSLATE_NOOP("schema", "Currency")),
    _c("created", D, QT_TRANSLATE_NOOP("schema", "Created"), required=True),
    _c("expected_close", D, QT_TRANSLATE_NOOP("schema", "Expected close")),
    _c("closed", D, QT_TRANSLATE_NOOP("schema", "Closed")),
    _c("product", T, QT_TRANSLATE_NOOP("schema", "Product")),
    _c("deal_type", T, QT_TRANSLATE_NOOP("schema", "Deal type"), allowed=DEAL_TYPES),
    _c("forecast_category", T, QT_TRANSLATE_NOOP("schema", "Forecast category"), allowed=FORECAST_CATEGORIES),
    _c("cancelled", D, QT_TRANSLATE_NOOP("schema", "Cancelled")),
), key=("id",), title="id")

STAGE_HISTORY = Table("StageHistory", QT_TRANSLATE_NOOP("schema", "Stage history"), (
    _c("deal_id", Kind.REF, QT_TRANSLATE_NOOP("schema", "Deal ID"), required=True, ref="Deals", owned=True),
    _c("stage", Kind.REF, QT_TRANSLATE_NOOP("schema", "Stage"), required=True, ref="Stages"),
    _c("entered", D, QT_TRANSLATE_NOOP("schema", "Entered"), required=True),
    _c("expected_close", D, QT_TRANSLATE_NOOP("schema", "Expected close")),
))

# A deal's amount (and currency) before each change made through the edit API, for the book as
# it stood on a past day (core/point_in_time.py). Not StageHistory rows: an amount change would
# restart the deal's days in its stage.
AMOUNT_HISTORY = Table("AmountHistory", QT_TRANSLATE_NOOP("schema", "Amount history"), (
    _c("deal_id", Kind.REF, QT_TRANSLATE_NOOP("schema", "Deal ID"), required=True, ref="Deals", owned=True),
    _c("changed", D, QT_TRANSLATE_NOOP("schema", "Changed on"), required=True),
    _c("before", M, QT_TRANSLATE_NOOP("schema", "Amount before"), required=True, currency_column="currency",
       **POSITIVE),
    _c("currency", T, QT_TRANSLATE_NOOP("schema", "Currency before")),
))

QUOTAS = Table("Quotas", QT_TRANSLATE_NOOP("schema", "Quotas"), (
    _c("rep", Kind.REF, QT_TRANSLATE_NOOP("schema", "Rep"), ref="Reps"),
    _c("team", Kind.REF, QT_TRANSLATE_NOOP("schema", "Team"), ref="Teams"),
    _c("period", Kind.PERIOD, QT_TRANSLATE_NOOP("schema", "Period"), required=True),
    _c("amount", M, QT_TRANSLATE_NOOP("schema", "Quota"), required=True, **POSITIVE),
), key=("rep", "team", "period"))

PLAN_TIERS = Table("PlanTiers", QT_TRANSLATE_NOOP("schema", "Plan tiers"), (
    _c("plan", Kind.REF, QT_TRANSLATE_NOOP("schema", "Plan"), required=True, ref="Plans", owned=True),
    _c("from", R, QT_TRANSLATE_NOOP("schema", "From attainment"), required=True, **RATE),
    _c("to", R, QT_TRANSLATE_NOOP("schema", "To attainment"), **RATE),
    _c("rate", R, QT_TRANSLATE_NOOP("schema", "Rate"), required=True, **RATE),
    _c("method", T, QT_TRANSLATE_NOOP("schema", "Method"), required=True, allowed=TIER_METHODS),
), key=("plan", "from"))

PLAN_BONUSES = Table("PlanBonuses", QT_TRANSLATE_NOOP("schema", "Plan bonuses"), (
    _c("plan", Kind.REF, QT_TRANSLATE_NOOP("schema", "Plan"), required=True, ref="Plans", owned=True),
    _c("from", R, QT_TRANSLATE_NOOP("schema", "At attainment"), required=True, **RATE),
    _c("amount", M, QT_TRANSLATE_NOOP("schema", "Bonus"), required=True, **POSITIVE),
    _c("description", T, QT_TRANSLATE_NOOP("schema", "Description")),
    # added to the amount: this share of the rep's base salary for the period (core/plan_rules.py)
    _c("percent_of_base", R, QT_TRANSLATE_NOOP("schema", "% of base salary"), **RATE),
), key=("plan", "from"))

# Rate multipliers (core/plan_rules.py): a deal of the product and deal type a row names (empty:
# any) is paid its tiers' rates times the multiplier; attainment does not change.
PLAN_MULTIPLIERS = Table("PlanMultipliers", QT_TRANSLATE_NOOP("schema", "Plan multipliers"), (
    _c("plan", Kind.REF, QT_TRANSLATE_NOOP("schema", "Plan"), required=True, ref="Plans", owned=True),
    _c("product", T, QT_TRANSLATE_NOOP("schema", "Product")),
    _c("deal_type", T, QT_TRANSLATE_NOOP("schema", "Deal type"), allowed=DEAL_TYPES),
    _c("multiplier", R, QT_TRANSLATE_NOOP("schema", "Multiplier"), required=True, **RATE),
    _c("description", T, QT_TRANSLATE_NOOP("schema", "Description")),
), key=("plan", "product", "deal_type"))

# SPIFFs (core/plan_rules.py): a fixed amount per won deal of the product and deal type a row
# names (empty: any) closed between ``from`` and ``to`` (inclusive; empty: open)
SPIFFS = Table("Spiffs", QT_TRANSLATE_NOOP("schema", "SPIFFs"), (
    _c("plan", Kind.REF, QT_TRANSLATE_NOOP("schema", "Plan"), required=True, ref="Plans", owned=True),
    _c("product", T, QT_TRANSLATE_NOOP("schema", "Product")),
    _c("deal_type", T, QT_TRANSLATE_NOOP("schema", "Deal type"), allowed=DEAL_TYPES),
    _c("from", D, QT_TRANSLATE_NOOP("schema", "From")),
    _c("to", D, QT_TRANSLATE_NOOP("schema", "To")),
    _c("amount", M, QT_TRANSLATE_NOOP("schema", "SPIFF"), required=True, **POSITIVE),
    _c("description", T, QT_TRANSLATE_NOOP("schema", "Description")),
))

SPLITS = Table("Splits", QT_TRANSLATE_NOOP("schema", "Splits"), (
    _c("deal_id", Kind.REF, QT_TRANSLATE_NOOP("schema", "Deal ID"), required=True, ref="Deals", owned=True),
    _c("rep", Kind.REF, QT_TRANSLATE_NOOP("schema", "Rep"), required=True, ref="Reps"),
    _c("share", R, QT_TRANSLATE_NOOP("schema", "Share"), required=True, **FRACTION),
), key=("deal_id", "rep"))

# Effective-dated plans (core/assignments.py): a rep with rows here is on the plan of the row
# covering a day (``to`` inclusive, empty: open); a rep without rows keeps Reps.plan.
PLAN_ASSIGNMENTS = Table("PlanAssignments", QT_TRANSLATE_NOOP("schema", "Plan assignments"), (
    _c("rep", Kind.REF, QT_TRANSLATE_NOOP("schema", "Rep"), required=True, ref="Reps", owned=True),
    _c("plan", Kind.REF, QT_TRANSLATE_NOOP("schema", "Plan"), required=True, ref="Plans"),
    _c("from", D, QT_TRANSLATE_NOOP("schema", "From"), required=True),
    _c("to", D, QT_TRANSLATE_NOOP("schema", "To (inclusive)")),
), key=("rep", "from"))

# A plan's draw (core/draws.py): the least a rep is paid per measurement period, an advance
# recovered from later earnings when ``recoverable``; ``target_incentive`` (per year) gives the OTE.
PLAN_DRAWS = Table("PlanDraws", QT_TRANSLATE_NOOP("schema", "Plan draws"), (
    _c("plan", Kind.REF, QT_TRANSLATE_NOOP("schema", "Plan"), required=True, ref="Plans", owned=True),
    _c("amount", M, QT_TRANSLATE_NOOP("schema", "Draw per period"), required=True, **POSITIVE),
    _c("recoverable", T, QT_TRANSLATE_NOOP("schema", "Recoverable"), required=True, allowed=YES_NO),
    _c("target_incentive", M, QT_TRANSLATE_NOOP("schema", "Target incentive (year)"), **POSITIVE),
    _c("description", T, QT_TRANSLATE_NOOP("schema", "Description")),
), key=("plan",))

# Every table of a book, in sheet order.
TABLES: dict[str, Table] = {t.name: t for t in (
    DEALS, STAGE_HISTORY, AMOUNT_HISTORY, REPS, TEAMS, QUOTAS, PLANS, PLAN_TIERS, PLAN_BONUSES, PLAN_MULTIPLIERS,
    SPIFFS, PLAN_DRAWS, PLAN_ASSIGNMENTS, SPLITS, STAGES, SETTINGS,
)}
# Tables in an order where each comes after the tables it refers to (Reps refer to Reps).
LOAD_ORDER = ("Settings", "Stages", "Plans", "Teams", "Reps", "Deals", "StageHistory", "AmountHistory", "Quotas",
              "PlanTiers", "PlanBonuses", "PlanMultipliers", "Spiffs", "PlanDraws", "PlanAssignments", "Splits")

# -- forecast overrides and snapshots (issue 9) ------------------------------------------------
# A manager's number for a rep's category forecast, kept beside the computed one; and forecasts
# saved with their day, to learn afterwards which method was right (core/forecast_accuracy.py).
OVERRIDE_CATEGORIES = ("commit", "best_case")  # codes of FORECAST_CATEGORIES, translated there
SNAPSHOT_METHODS = (QT_TRANSLATE_NOOP("values", "weighted"), "commit", "best_case", "pipeline",
                    QT_TRANSLATE_NOOP("values", "historical"), QT_TRANSLATE_NOOP("values", "cycle_length"),
                    QT_TRANSLATE_NOOP("values", "commit_override"), QT_TRANSLATE_NOOP("values", "best_case_override"))
FORECAST_OVERRIDES = Table("ForecastOverrides", QT_TRANSLATE_NOOP("schema", "Forecast overrides"), (
    _c("period", Kind.PERIOD, QT_TRANSLATE_NOOP("schema", "Period"), required=True),
    _c("rep", Kind.REF, QT_TRANSLATE_NOOP("schema", "Rep"), required=True, ref="Reps", owned=True),
    _c("category", T, QT_TRANSLATE_NOOP("schema", "Forecast category"), required=True, allowed=OVERRIDE_CATEGORIES),
    _c("amount", M, QT_TRANSLATE_NOOP("schema", "Override"), required=True, **POSITIVE),
    _c("note", T, QT_TRANSLATE_NOOP("schema", "Note")),
    _c("set_on", D, QT_TRANSLATE_NOOP("schema", "Set on")),
    _c("by", T, QT_TRANSLATE_NOOP("schema", "Set by")),
), key=("rep", "period", "category"))  # the reference first: the importer takes a text first key for an id
FORECAST_SNAPSHOTS = Table("ForecastSnapshots", QT_TRANSLATE_NOOP("schema", "Forecast snapshots"), (
    _c("taken", D, QT_TRANSLATE_NOOP("schema", "Taken on"), required=True),
    _c("period", Kind.PERIOD, QT_TRANSLATE_NOOP("schema", "Period"), required=True),
    _c("method", T, QT_TRANSLATE_NOOP("schema", "Method"), required=True, allowed=SNAPSHOT_METHODS),
    _c("amount", M, QT_TRANSLATE_NOOP("schema", "Forecast"), required=True, **POSITIVE),
))  # no key: snapshot_change replaces the rows of a period taken the same day
TABLES.update({t.name: t for t in (FORECAST_OVERRIDES, FORECAST_SNAPSHOTS)})
LOAD_ORDER += ("ForecastOverrides", "ForecastSnapshots")

# -- Lead scoring (seed 001; core/leads.py): the points each signal is worth, and the leads
# with the signals they showed ("pricing page visit; email open ×3"); a converted lead names its deal.
LEAD_RULES = Table("LeadRules", QT_TRANSLATE_NOOP("schema", "Lead scoring rules"), (
    _c("signal", T, QT_TRANSLATE_NOOP("schema", "Signal"), required=True),
    _c("points", I, QT_TRANSLATE_NOOP("schema", "Points"), required=True, minimum=-1_000_000, maximum=1_000_000),
    _c("description", T, QT_TRANSLATE_NOOP("schema", "Description")),
), key=("signal",), title="signal")
LEADS = Table("Leads", QT_TRANSLATE_NOOP("schema", "Leads"), (
    _c("id", T, QT_TRANSLATE_NOOP("schema", "Lead ID"), required=True),
    _c("name", T, QT_TRANSLATE_NOOP("schema", "Name")),
    _c("company", T, QT_TRANSLATE_NOOP("schema", "Company")),
    _c("email", T, QT_TRANSLATE_NOOP("schema", "Email")),
    _c("owner", Kind.REF, QT_TRANSLATE_NOOP("schema", "Owner"), ref="Reps"),
    _c("created", D, QT_TRANSLATE_NOOP("schema", "Created")),
    _c("signals", T, QT_TRANSLATE_NOOP("schema", "Signals")),
    _c("deal", Kind.REF, QT_TRANSLATE_NOOP("schema", "Converted deal"), ref="Deals"),
), key=("id",), title="id")
TABLES.update({t.name: t for t in (LEADS, LEAD_RULES)})
LOAD_ORDER += ("LeadRules", "Leads")

# -- Period close (core/close.py): each close or reopen of a period is a row of Closes, and a
# close writes the period's statement lines to the Ledger. Both are only ever added to (the
# book refuses to change or delete their rows, and the database's triggers too); ``rep`` and
# ``deal`` hold row ids as they were when the line was written, kept even if that row goes later.
CLOSE_EVENTS = (QT_TRANSLATE_NOOP("values", "close"), QT_TRANSLATE_NOOP("values", "reopen"))
ANY_AMOUNT = {"minimum": -MAX_INTEGER, "maximum": MAX_INTEGER}
ADJUSTMENT_REASONS = (QT_TRANSLATE_NOOP("values", "cancelled"), QT_TRANSLATE_NOOP("values", "recomputed"))
CLOSES = Table("Closes", QT_TRANSLATE_NOOP("schema", "Closed periods"), (
    _c("period", Kind.PERIOD, QT_TRANSLATE_NOOP("schema", "Period"), required=True),
    _c("event", T, QT_TRANSLATE_NOOP("schema", "Event"), required=True, allowed=CLOSE_EVENTS),
    _c("revision", I, QT_TRANSLATE_NOOP("schema", "Revision"), required=True, minimum=1, maximum=MAX_INTEGER),
    _c("at", T, QT_TRANSLATE_NOOP("schema", "When (UTC)"), required=True),
    _c("by", T, QT_TRANSLATE_NOOP("schema", "By"), required=True),
), key=("period", "event", "revision"), title="period", system=True)
LEDGER = Table("Ledger", QT_TRANSLATE_NOOP("schema", "Ledger"), (
    _c("close", Kind.REF, QT_TRANSLATE_NOOP("schema", "Close"), required=True, ref="Closes"),
    _c("rep", I, QT_TRANSLATE_NOOP("schema", "Rep"), required=True, **POSITIVE),
    _c("period", Kind.PERIOD, QT_TRANSLATE_NOOP("schema", "Period"), required=True),
    _c("line", I, QT_TRANSLATE_NOOP("schema", "Line"), required=True, **POSITIVE),
    _c("deal", I, QT_TRANSLATE_NOOP("schema", "Deal"), **POSITIVE),
    _c("rule", T, QT_TRANSLATE_NOOP("schema", "Rule"), required=True),
    _c("tier", I, QT_TRANSLATE_NOOP("schema", "Tier"), **ANY_AMOUNT),
    _c("rate", R, QT_TRANSLATE_NOOP("schema", "Rate"), **ANY_AMOUNT),
    _c("base", M, QT_TRANSLATE_NOOP("schema", "Base"), **ANY_AMOUNT),
    _c("amount", M, QT_TRANSLATE_NOOP("schema", "Amount"), required=True, **ANY_AMOUNT),
    # an adjustment line (core/adjustments.py): the closed period it adjusts, and why
    _c("adjusts", Kind.PERIOD, QT_TRANSLATE_NOOP("schema", "Adjusts")),
    _c("reason", T, QT_TRANSLATE_NOOP("schema", "Reason"), allowed=ADJUSTMENT_REASONS),
    _c("revision", I, QT_TRANSLATE_NOOP("schema", "Revision"), required=True, minimum=1, maximum=MAX_INTEGER),
), system=True)
TABLES.update({t.name: t for t in (CLOSES, LEDGER)})
LOAD_ORDER += ("Closes", "Ledger")
# The tables a user sees as sheets, edits, imports and exports (the book's own records left out).
SHEETS = tuple(name for name, table in TABLES.items() if not table.system)

# Computed results share the same column machinery, so the Qt models and the Excel export
# format them like the inputs.
PIPELINE_STAGES = Table("PipelineStages", QT_TRANSLATE_NOOP("schema", "Pipeline by stage"), (
    _c("stage", T, QT_TRANSLATE_NOOP("schema", "Stage")),
    _c("probability", R, QT_TRANSLATE_NOOP("schema", "Probability")),
    _c("count", I, QT_TRANSLATE_NOOP("schema", "Open deals")),
    _c("value", M, QT_TRANSLATE_NOOP("schema", "Open value")),
    _c("weighted", M, QT_TRANSLATE_NOOP("schema", "Weighted value")),
), key=("stage",))

TEAM_ATTAINMENT = Table("TeamAttainment", QT_TRANSLATE_NOOP("schema", "Team attainment"), (
    _c("team", T, QT_TRANSLATE_NOOP("schema", "Team")),
    _c("period", T, QT_TRANSLATE_NOOP("schema", "Period")),
    _c("quota", M, QT_TRANSLATE_NOOP("schema", "Quota")),
    _c("credited", M, QT_TRANSLATE_NOOP("schema", "Credited")),
    _c("attainment", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Attainment")),
), key=("team", "period"))

ATTAINMENT = Table("Attainment", QT_TRANSLATE_NOOP("schema", "Attainment"), (
    _c("rep", T, QT_TRANSLATE_NOOP("schema", "Rep ID")),
    _c("name", T, QT_TRANSLATE_NOOP("schema", "Name")),
    _c("team", T, QT_TRANSLATE_NOOP("schema", "Team")),
    _c("period", T, QT_TRANSLATE_NOOP("schema", "Period")),
    _c("quota", M, QT_TRANSLATE_NOOP("schema", "Quota")),
    _c("credited", M, QT_TRANSLATE_NOOP("schema", "Credited")),
    _c("attainment", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Attainment")),
), key=("rep", "period"))

COMMISSIONS = Table("Commissions", QT_TRANSLATE_NOOP("schema", "Commissions"), (
    _c("rep", T, QT_TRANSLATE_NOOP("schema", "Rep ID")),
    _c("name", T, QT_TRANSLATE_NOOP("schema", "Name")),
    _c("plan", T, QT_TRANSLATE_NOOP("schema", "Plan")),
    _c("period", T, QT_TRANSLATE_NOOP("schema", "Period")),
    _c("quota", M, QT_TRANSLATE_NOOP("schema", "Quota")),
    _c("credited", M, QT_TRANSLATE_NOOP("schema", "Credited")),
    _c("attainment", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Attainment")),
    _c("commission", M, QT_TRANSLATE_NOOP("schema", "Commission")),
    _c("bonus", M, QT_TRANSLATE_NOOP("schema", "Bonus")),
    _c("total", M, QT_TRANSLATE_NOOP("schema", "Total")),
    # the recoverable draw still owed after the payout (core/draws.py); empty without one
    _c("draw_balance", M, QT_TRANSLATE_NOOP("schema", "Draw balance")),
), key=("rep", "plan", "period"))

COMMISSION_LINES = Table("CommissionLines", QT_TRANSLATE_NOOP("schema", "Commission lines"), (
    _c("rep", T, QT_TRANSLATE_NOOP("schema", "Rep ID")),
    _c("period", T, QT_TRANSLATE_NOOP("schema", "Period")),
    _c("plan", T, QT_TRANSLATE_NOOP("schema", "Plan")),
    _c("line", T, QT_TRANSLATE_NOOP("schema", "Line"), allowed=LINE_KINDS),
    _c("method", T, QT_TRANSLATE_NOOP("schema", "Method"), allowed=TIER_METHODS),
    _c("from", R, QT_TRANSLATE_NOOP("schema", "From attainment")),
    _c("to", R, QT_TRANSLATE_NOOP("schema", "To attainment")),
    _c("base", M, QT_TRANSLATE_NOOP("schema", "Base")),
    _c("rate", R, QT_TRANSLATE_NOOP("schema", "Rate")),
    _c("amount", M, QT_TRANSLATE_NOOP("schema", "Amount")),
))

# One payout's statement as people read it (core/statements.py, shown_statement): a line per
# credited deal and tier slice, retroactive lift, cap, bonus, SPIFF and clawback.
STATEMENT = Table("Statement", QT_TRANSLATE_NOOP("schema", "Statement"), (
    _c("line", I, QT_TRANSLATE_NOOP("schema", "Line")),
    _c("deal", T, QT_TRANSLATE_NOOP("schema", "Deal ID")),
    _c("deal_name", T, QT_TRANSLATE_NOOP("schema", "Deal")),
    _c("rule", T, QT_TRANSLATE_NOOP("schema", "Rule"), allowed=LINE_KINDS),
    _c("tier", T, QT_TRANSLATE_NOOP("schema", "Tier (attainment)")),
    _c("rate", R, QT_TRANSLATE_NOOP("schema", "Rate")),
    _c("base", M, QT_TRANSLATE_NOOP("schema", "Base")),
    _c("amount", M, QT_TRANSLATE_NOOP("schema", "Amount")),
    # an adjustment line (core/adjustments.py): the closed period it adjusts, and why
    _c("adjusts", Kind.PERIOD, QT_TRANSLATE_NOOP("schema", "Adjusts")),
    _c("reason", T, QT_TRANSLATE_NOOP("schema", "Reason"), allowed=ADJUSTMENT_REASONS),
))


def conform(table: Table, frame: pd.DataFrame, refs_as_ids: bool = False) -> pd.DataFrame:
    """Return ``frame`` with the table's columns (missing ones added empty) in the table's
    dtypes, followed by the user's extra columns in their original order.

    Values must already be what the book holds (minor units, millionths, days), except in
    reference columns, which hold the text the user gave (ids or names) for the book to
    resolve (``refs_as_ids``: row ids already). Headers match the schema's names case- and space-insensitively. Extra columns
    whose names collide with each other (ignoring case) get a ``(2)`` suffix, since SQLite
    and Excel treat them as one. The index is kept when it holds row ids.
    """
    by_key = {name.strip().lower(): name for name in table.names}
    renamed, seen = {}, set()
    for header in frame.columns:
        text = str(header).strip()
        name = by_key.get(text.lower(), text)
        candidate, n = name, 2
        while candidate.lower() in seen:
            candidate, n = f"{name} ({n})", n + 1
        seen.add(candidate.lower())
        renamed[header] = candidate
    frame = frame.rename(columns=renamed)
    out = {}
    for column in table.columns:
        values = frame[column.name] if column.name in frame.columns else pd.Series(index=frame.index, dtype="object")
        kind = Kind.INT if refs_as_ids and column.kind is Kind.REF else column.kind
        out[column.name] = _as_kind(values, kind)
    for extra in frame.columns:
        if extra not in table.names:
            values = frame[extra].reset_index(drop=True)
            kind = extra_kind(values)
            out[extra] = values.astype({"text": "string", "date": "datetime64[ns]"}[kind]) if kind != "number" \
                else values
    index = frame.index if frame.index.name == ROW_ID else pd.RangeIndex(len(frame))
    conformed = pd.DataFrame(out, index=pd.RangeIndex(len(frame)))
    conformed.index = pd.Index(index, dtype="int64", name=ROW_ID)
    return conformed


def _as_kind(values: pd.Series, kind: Kind) -> pd.Series:
    values = values.reset_index(drop=True)
    if kind is Kind.DATE:
        return pd.to_datetime(values, errors="raise").astype(DTYPES[kind]).dt.normalize()
    if kind is Kind.REF:  # names or ids as typed, resolved by the book
        return values.astype("string").str.strip()
    if kind is Kind.PERIOD:  # parsed once, here: a text that is no period stays as given (a problem)
        from planner.core.periods import parse_periods

        return parse_periods(values)[0]
    return values.astype(DTYPES[kind])


def extras(table: Table, frame: pd.DataFrame) -> list[str]:
    """The user's own columns of ``frame``, in order."""
    return [name for name in frame.columns if name not in table.names]


def extra_kind(values: pd.Series) -> str:
    """How a user's own column is kept: ``date``, ``number`` or ``text``."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return "number"
    return "text"
