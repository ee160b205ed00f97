"""The book: one document holding every table of the schema, plus its settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import RATIO_SCALE, ROUNDING_MODES, format_ratio, minor_digits
from planner.core.periods import Period

DEFAULT_CURRENCY = "USD"


@dataclass(frozen=True)
class Problem:
    """Something wrong in one cell (or row) of the book, said so that a user can find it."""

    table: str
    row: int | None  # 0-based row of the table, None for the whole table
    column: str | None
    template: str
    fields: dict

    def __str__(self) -> str:
        return self.translated(lambda _context, text: text)

    def translated(self, translate) -> str:
        """The problem in words, with templates passed through ``translate(context, text)``."""
        message = translate("errors", self.template).format(**self.fields)
        if self.row is None:
            where = translate("errors", "{table}, column {column}") if self.column else "{table}"
        elif self.column:
            where = translate("errors", "{table} row {row}, column {column}")
        else:
            where = translate("errors", "{table} row {row}")
        return where.format(table=self.table, row=self.row if self.row is None else self.row + 1,
                            column=self.column) + ": " + message


# lupdate finds the row/column phrasing here; Problem.translated looks them up at run time.
_WHERE = (QT_TRANSLATE_NOOP("errors", "{table}, column {column}"),
          QT_TRANSLATE_NOOP("errors", "{table} row {row}, column {column}"),
          QT_TRANSLATE_NOOP("errors", "{table} row {row}"))


class BookProblems(PlannerError):
    """The book breaks rules the engine relies on; ``problems`` lists them all."""

    SHOWN = 5

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = len(problems) - self.SHOWN
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "The book has problems: {problems}{more}"),
            problems="; ".join(str(p) for p in problems[: self.SHOWN]),
            more=QT_TRANSLATE_NOOP("errors", " (and {count} more)").format(count=more) if more > 0 else "",
        )

    def translated(self, translate) -> str:
        more = len(self.problems) - self.SHOWN
        return translate("errors", self.template).format(
            problems="; ".join(p.translated(translate) for p in self.problems[: self.SHOWN]),
            more=translate("errors", " (and {count} more)").format(count=more) if more > 0 else "",
        )


class Book:
    """Every table of the schema as a pandas frame, conformed to the schema's dtypes."""

    def __init__(self, tables: dict[str, pd.DataFrame] | None = None) -> None:
        tables = tables or {}
        unknown = set(tables) - set(schema.TABLES)
        if unknown:
            raise PlannerError(
                QT_TRANSLATE_NOOP("errors", "Unknown table(s) {names}"), names=", ".join(sorted(unknown))
            )
        self.tables: dict[str, pd.DataFrame] = {
            name: schema.conform(spec, tables[name]) if name in tables else spec.empty()
            for name, spec in schema.TABLES.items()
        }

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    # -- settings ------------------------------------------------------------------------
    def setting(self, key: str) -> str | None:
        settings = self.tables["Settings"]
        hit = settings.loc[settings["key"].str.lower() == key, "value"].dropna()
        return str(hit.iloc[-1]).strip() if len(hit) else None

    @property
    def currency(self) -> str:
        """The book's currency (ISO code): quotas, salaries and every total are in it."""
        currency = (self.setting("currency") or DEFAULT_CURRENCY).upper()
        minor_digits(currency)  # raises a clear error for an unknown code
        return currency

    @property
    def rounding(self) -> str:
        mode = (self.setting("rounding") or "half_up").lower()
        if mode not in ROUNDING_MODES:
            raise PlannerError(
                QT_TRANSLATE_NOOP("errors", "Unknown rounding mode {mode!r}: use half_up, half_even, down or up"),
                mode=mode,
            )
        return mode

    @property
    def as_of(self) -> date:
        """The book's "today": the ``as_of`` setting, else its latest recorded activity."""
        text = self.setting("as_of")
        if text:
            try:
                return pd.Timestamp(text).date()
            except ValueError:
                raise PlannerError(
                    QT_TRANSLATE_NOOP("errors", "Settings: as_of {text!r} is not a date (expected 2026-06-30)"),
                    text=text,
                ) from None
        deals, history = self.tables["Deals"], self.tables["StageHistory"]
        latest = pd.concat([deals["created"], deals["closed"], deals["cancelled"], history["entered"]]).max()
        return date.today() if pd.isna(latest) else latest.date()

    def current_period(self, kind: str = "quarter") -> Period:
        return Period.containing(self.as_of, kind)

    # -- checks --------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """Every rule of the schema and every cross-reference that the data breaks."""
        found: list[Problem] = []
        for spec in schema.TABLES.values():
            found += _table_problems(spec, self.tables[spec.name])
        found += self._reference_problems()
        return found

    def _reference_problems(self) -> list[Problem]:
        deals, reps, quotas = self["Deals"], self["Reps"], self["Quotas"]
        # known values as arrays: isin() on arrays stays vectorized, on Python sets it iterates
        stages = self["Stages"]["stage"].dropna().unique()
        plans = self["Plans"]["plan"].dropna().unique()
        rep_keys = pd.concat([reps["id"], reps["name"]]).dropna().unique()
        teams = reps["team"].dropna().unique()
        not_a_rep = QT_TRANSLATE_NOOP("errors", "{value!r} is not a rep of the Reps sheet")
        not_a_plan = QT_TRANSLATE_NOOP("errors", "{value!r} is not a plan of the Plans sheet")
        found = []
        found += _missing_refs("Deals", deals, "stage", stages,
                               QT_TRANSLATE_NOOP("errors", "{value!r} is not a stage of the Stages sheet"))
        found += _missing_refs("Deals", deals, "owner", rep_keys, not_a_rep)
        found += _missing_refs("Quotas", quotas, "rep", np.concatenate([rep_keys, teams]),
                               QT_TRANSLATE_NOOP("errors", "{value!r} is neither a rep nor a team of the Reps sheet"))
        found += _missing_refs("Reps", reps, "plan", plans, not_a_plan)
        found += _missing_refs("PlanTiers", self["PlanTiers"], "plan", plans, not_a_plan)
        found += _missing_refs("PlanBonuses", self["PlanBonuses"], "plan", plans, not_a_plan)
        found += _missing_refs("Splits", self["Splits"], "deal_id", deals["id"].dropna().unique(),
                               QT_TRANSLATE_NOOP("errors", "{value!r} is not a deal of the Deals sheet"))
        found += _missing_refs("Splits", self["Splits"], "rep", rep_keys, not_a_rep)
        for text in quotas["period"].dropna().unique():
            try:
                Period.parse(text)
            except PlannerError as error:
                for row in quotas.index[quotas["period"] == text]:
                    found.append(Problem("Quotas", row, "period", error.template, error.fields))
        currency = self.currency
        foreign = [code for code in deals["currency"].dropna().unique() if code.upper() != currency]
        for row, value in deals.loc[deals["currency"].isin(foreign), "currency"].items():
            found.append(Problem("Deals", row, "currency", QT_TRANSLATE_NOOP(
                "errors", "{value} differs from the book's currency {book}; exchange rates are not supported yet"),
                {"value": value, "book": currency}))
        found += self._deal_date_problems() + self._split_problems() + self._tier_problems()
        methods = self["PlanTiers"].groupby("plan")["method"].nunique()
        for plan in methods[methods > 1].index:
            found.append(Problem("PlanTiers", None, "method", QT_TRANSLATE_NOOP(
                "errors", "plan {plan!r} mixes marginal and retroactive tiers; use one method per plan"),
                {"plan": plan}))
        return found

    def _deal_date_problems(self) -> list[Problem]:
        deals, stages = self["Deals"], self["Stages"]
        kind = deals["stage"].map(dict(zip(stages["stage"], stages["kind"])))
        checks = [
            (kind.isin(["won", "lost"]) & deals["closed"].isna(), "closed",
             QT_TRANSLATE_NOOP("errors", "a won or lost deal needs its closed date")),
            (deals["closed"] < deals["created"], "closed",
             QT_TRANSLATE_NOOP("errors", "closed before it was created")),
            (deals["cancelled"].notna() & (kind != "won"), "cancelled",
             QT_TRANSLATE_NOOP("errors", "only a won deal can be cancelled")),
            (deals["cancelled"] < deals["closed"], "cancelled",
             QT_TRANSLATE_NOOP("errors", "cancelled before it was closed")),
        ]
        return [Problem("Deals", row, column, template, {})
                for mask, column, template in checks for row in deals.index[mask.fillna(False).to_numpy(bool)]]

    def _split_problems(self) -> list[Problem]:
        splits = self["Splits"].dropna(subset=["deal_id"])
        totals = splits.groupby("deal_id", sort=False)["share"].sum()
        return [Problem("Splits", int(splits.index[splits["deal_id"] == deal][0]), "share", QT_TRANSLATE_NOOP(
                    "errors", "the shares of deal {deal!r} add up to {total}, not 100%"),
                    {"deal": deal, "total": format_ratio(int(total))})
                for deal, total in totals[totals != RATIO_SCALE].items()]

    def _tier_problems(self) -> list[Problem]:
        """Each plan's tiers must run from 0% upwards, each starting where the last ended."""
        found = []
        tiers = self["PlanTiers"].dropna(subset=["plan", "from"])
        for plan, rows in tiers.sort_values("from", kind="stable").groupby("plan", sort=False):
            ends = [None if pd.isna(end) else int(end) for end in rows["to"]]
            starts = [int(start) for start in rows["from"]]
            contiguous = starts[0] == 0 and all(end == start for end, start in zip(ends, starts[1:]))
            if not contiguous:
                found.append(Problem("PlanTiers", int(rows.index[0]), "from", QT_TRANSLATE_NOOP(
                    "errors", "the tiers of plan {plan!r} must start at 0% and each start where the one "
                              "before ends, only the last one open-ended"), {"plan": plan}))
            for row in rows.index[rows["to"].notna() & (rows["to"] <= rows["from"])]:
                found.append(Problem("PlanTiers", int(row), "to", QT_TRANSLATE_NOOP(
                    "errors", "the tier must end above where it starts"), {}))
        return found

    def require_valid(self) -> None:
        """Raise ``BookProblems`` listing the first problems, if there are any."""
        found = self.problems()
        if found:
            raise BookProblems(found)


def _table_problems(spec: schema.Table, frame: pd.DataFrame) -> list[Problem]:
    found = []
    for column in spec.columns:
        values = frame[column.name]
        if column.required:
            for row in values.index[values.isna()]:
                found.append(Problem(spec.name, row, column.name,
                                     QT_TRANSLATE_NOOP("errors", "a value is required"), {}))
        if column.allowed:
            bad = values.notna() & ~values.isin(column.allowed)
            for row, value in values[bad].items():
                found.append(Problem(spec.name, row, column.name,
                                     QT_TRANSLATE_NOOP("errors", "{value!r} is not one of {allowed}"),
                                     {"value": value, "allowed": ", ".join(column.allowed)}))
    if spec.key:
        keys = frame[list(spec.key)]
        for row in keys.index[keys.notna().all(axis=1) & keys.duplicated(keep="first")]:
            found.append(Problem(spec.name, row, ", ".join(spec.key),
                                 QT_TRANSLATE_NOOP("errors", "duplicate of an earlier row"), {}))
    return found


def _missing_refs(table: str, frame: pd.DataFrame, column: str, known, template: str) -> list[Problem]:
    values = frame[column]
    bad = values.notna() & ~values.isin(known)
    return [Problem(table, row, column, template, {"value": value}) for row, value in values[bad].items()]
