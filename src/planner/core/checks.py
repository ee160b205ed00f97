"""The rules a book must keep for its figures to mean anything, as a list of Problems."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.assignments import overlap_problems
from planner.core.leads import lead_problems
from planner.core import deal_rules
from planner.core.kinds import text
from planner.core.money import MINOR_DIGITS, currency_of, shares_whole
from planner.core.parse import REQUIRED, check_column
from planner.core.problems import Problem
from planner.core.resolve import DANGLING, Resolver
from planner.core.schema import Kind


def book_problems(book) -> list[Problem]:
    """Every problem of ``book`` (a Book or a Snapshot), table by table."""
    currency = currency_of(book)
    found = [problem for problem in book._opened_problems.values()]
    for spec in schema.TABLES.values():
        found += _table_problems(book, spec, currency)
    found += _reference_problems(book)
    found += _quota_problems(book)
    found += _team_problems(book)
    found += _setting_problems(book)
    found += _currency_problems(book, currency)
    found += _deal_date_problems(book) + _split_problems(book) + _tier_problems(book) + overlap_problems(book)
    found += lead_problems(book)
    return found


def _table_problems(book, spec: schema.Table, currency: str) -> list[Problem]:
    frame = book._frames[spec.name]
    unresolved = book._unresolved.get(spec.name, {})
    found = []
    kinds = deal_rules.stage_kinds(frame, book._frames["Stages"]) if spec.name == "Deals" else None
    for column in spec.columns:
        values = frame[column.name]
        if column.required:
            unreadable = [row for table, row, name in book._opened_problems if (table, name) == (spec.name, column.name)]
            excused = list(unresolved.get(column.name, {})) + unreadable
            missing = values.isna()
            if excused:
                missing &= ~values.index.isin(excused)
            if kinds is not None:
                missing &= ~deal_rules.may_lack(kinds, column.name)
            found += [book.problem(spec.name, row, column.name, REQUIRED) for row in values.index[missing]]
        if column.kind is not Kind.REF:
            found += [book.problem(spec.name, label, column.name, template, **fields)
                      for label, _value, template, fields in check_column(values, column, currency)]
    if spec.key:
        keys = frame[spec.key[0]] if len(spec.key) == 1 else frame[list(spec.key)]  # a Series is 3× faster
        duplicated = (keys.notna() if keys.ndim == 1 else keys.notna().any(axis=1)) & keys.duplicated(keep="first")
        found += [book.problem(spec.name, row, ", ".join(spec.key),
                               QT_TRANSLATE_NOOP("errors", "duplicate of an earlier row"))
                  for row in keys.index[duplicated]]
    return found


def _reference_problems(book) -> list[Problem]:
    """References kept as text (unknown or ambiguous when entered) and ids of deleted rows."""
    found = []
    for spec in schema.TABLES.values():
        frame = book._frames[spec.name]
        for column in spec.refs:
            target = schema.TABLES[column.ref]
            texts = book._unresolved.get(spec.name, {}).get(column.name, {})
            if texts:
                series = pd.Series(texts, dtype="string")
                ids, failures = Resolver(target, book._frames[column.ref]).resolve(series)
                for row, typed in texts.items():
                    template, fields = failures.get(row, (QT_TRANSLATE_NOOP(
                        "errors", "{value!r} was not found when it was entered; choose it again"), {"value": typed}))
                    found.append(book.problem(spec.name, row, column.name, template, **fields))
            values = frame[column.name].dropna()
            dangling = values[~values.isin(book._frames[column.ref].index)]
            found += [book.problem(spec.name, row, column.name, DANGLING, target=column.ref)
                      for row in dangling.index]
    return found


def _quota_problems(book) -> list[Problem]:
    quotas, found = book._frames["Quotas"], []
    typed = book._unresolved.get("Quotas", {})
    has_rep = quotas["rep"].notna() | quotas.index.isin(list(typed.get("rep", {})))
    has_team = quotas["team"].notna() | quotas.index.isin(list(typed.get("team", {})))
    both = has_rep & has_team
    neither = ~has_rep & ~has_team
    found += [book.problem("Quotas", row, "team", QT_TRANSLATE_NOOP(
        "errors", "a quota is for a rep or for a team, not both")) for row in quotas.index[both]]
    found += [book.problem("Quotas", row, "rep", QT_TRANSLATE_NOOP(
        "errors", "a quota needs a rep or a team")) for row in quotas.index[neither]]
    return found


def _team_problems(book) -> list[Problem]:
    """A team whose parents loop back to it: its figures could never roll up to the company."""
    from planner.core.teams import parent_loops

    return [book.problem("Teams", row, "parent", QT_TRANSLATE_NOOP(
        "errors", "the parent teams loop back to this team ({path})"), path=path)
        for row, path in parent_loops(book._frames["Teams"]).items()]


def _setting_problems(book) -> list[Problem]:
    settings, found = book._frames["Settings"], []
    for check in ("currency", "rounding", "as_of"):
        try:
            getattr(book, check)
        except PlannerError as error:
            rows = settings.index[settings["key"].str.lower() == check]
            row = int(rows[-1]) if len(rows) else None
            found.append(book.problem("Settings", row, "value", error.template, **error.fields))
    return found


def _currency_problems(book, currency: str) -> list[Problem]:
    codes, values = pd.factorize(book._frames["Deals"]["currency"])  # each distinct code judged once
    other = [position for position, value in enumerate(values) if value.upper() != currency]
    foreign = book._frames["Deals"]["currency"][np.isin(codes, other)]
    return [book.problem("Deals", row, "currency", QT_TRANSLATE_NOOP(
        "errors", "{value} differs from the book's currency {book}; exchange rates are not supported yet"),
        value=value, book=currency) if value.upper() in MINOR_DIGITS else book.problem(
        "Deals", row, "currency", QT_TRANSLATE_NOOP(
            "errors", "Unknown currency {currency!r}: use an ISO code such as USD, KRW or JPY"), currency=value)
        for row, value in foreign.items()]


def _deal_date_problems(book) -> list[Problem]:
    deals = book._frames["Deals"]
    kinds = deal_rules.stage_kinds(deals, book._frames["Stages"])
    return [book.problem("Deals", row, column, template) for row, column, template in
            deal_rules.date_problems(deals, kinds)]


def _split_problems(book) -> list[Problem]:
    """A deal's shares must make a whole (money.shares_whole: 1/3 three times does)."""
    splits = book._frames["Splits"].dropna(subset=["deal_id"])
    by_deal = splits.groupby("deal_id", sort=False)["share"]
    totals, counts = by_deal.sum(), by_deal.count()
    deal_keys = book._frames["Deals"]["id"]
    return [book.problem("Splits", int(splits.index[splits["deal_id"] == deal][0]), "share", QT_TRANSLATE_NOOP(
                "errors", "the shares of deal {deal!r} add up to {total}, not 100%"),
                deal=str(deal_keys.get(deal, deal)), total=text(Kind.RATIO, total))
            for deal, total in totals[~shares_whole(totals.to_numpy(), counts.to_numpy())].items()]


def _tier_problems(book) -> list[Problem]:
    """Each plan's tiers must run from 0% upwards, each starting where the last ended, with
    one method per plan."""
    found = []
    tiers = book._frames["PlanTiers"].dropna(subset=["plan", "from"])
    plan_names = book._frames["Plans"]["plan"]
    for plan, rows in tiers.sort_values("from", kind="stable").groupby("plan", sort=False):
        name = str(plan_names.get(plan, plan))
        ends = [None if pd.isna(end) else int(end) for end in rows["to"]]
        starts = [int(start) for start in rows["from"]]
        contiguous = starts[0] == 0 and all(end == start for end, start in zip(ends, starts[1:]))
        if not contiguous:
            found.append(book.problem("PlanTiers", int(rows.index[0]), "from", QT_TRANSLATE_NOOP(
                "errors", "the tiers of plan {plan!r} must start at 0% and each start where the one "
                          "before ends, only the last one open-ended"), plan=name))
        for row in rows.index[rows["to"].notna() & (rows["to"] <= rows["from"])]:
            found.append(book.problem("PlanTiers", int(row), "to", QT_TRANSLATE_NOOP(
                "errors", "the tier must end above where it starts")))
        if rows["method"].nunique() > 1:
            found.append(book.problem("PlanTiers", int(rows.index[0]), "method", QT_TRANSLATE_NOOP(
                "errors", "plan {plan!r} mixes marginal and retroactive tiers; use one method per plan"), plan=name))
    return found
