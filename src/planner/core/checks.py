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
from planner.core.derived import rows_edited
from planner.core.parse import NOT_ALLOWED, REQUIRED, check_column
from planner.core.problems import Problem
from planner.core.resolve import DANGLING, Resolver, known_ids
from planner.core.schema import Kind


def book_problems(book) -> list[Problem]:
    """Every problem of ``book`` (a Book or a Snapshot), table by table. Each part is cached
    with what it reads, so after an edit only the parts it touches are checked again, and the
    Deals sheet's own rules only on the deals edited (:func:`_deal_sheet_problems`)."""
    found = [problem for problem in book._opened_problems.values()]
    for spec in schema.TABLES.values():
        if spec.name == "Deals":
            found += _deal_sheet_problems(book)
        else:
            found += _part(book, ("table", spec.name), lambda s=spec: _table_problems(book, s, currency_of(book)))
    for spec in schema.TABLES.values():
        if spec.refs:
            found += _part(book, ("references", spec.name), lambda s=spec: _reference_problems(book, s),
                           _reference_columns(spec))
    found += _part(book, "quotas", lambda: _quota_problems(book), {"Quotas": ("rep", "team")})
    found += _part(book, "teams", lambda: _team_problems(book))
    found += _part(book, "settings", lambda: _setting_problems(book))
    found += _part(book, "currencies", lambda: _currency_problems(book, currency_of(book)), {"Deals": ("currency",)})
    found += _part(book, "deal dates", lambda: _deal_date_problems(book),
                   {"Deals": ("stage", "created", "closed", "cancelled"), "Stages": ("kind",)}, rowwise=True)
    found += _part(book, "splits", lambda: _split_problems(book), {"Deals": ("id",)})
    found += _part(book, "tiers", lambda: _tier_problems(book), {"Plans": ("plan",)})
    found += _part(book, "overlaps", lambda: overlap_problems(book))
    found += _part(book, "leads", lambda: lead_problems(book), {"Leads": ("signals",)})
    return found


def _part(book, name, check, columns: dict | None = None, rowwise: bool = False) -> list[Problem]:
    """``check()`` cached with what it reads: every table whole, but for ``columns`` (table ->
    the columns read) with the key columns its problems name."""
    return book.cached(("problems", name), check, depends=_with_keys(columns or {}), rowwise=rowwise)


def _with_keys(columns: dict) -> dict:
    return {table: (*read, *schema.TABLES[table].key) for table, read in columns.items()}


def _reference_columns(spec: schema.Table) -> dict:
    """What a table's reference checks read: its reference columns, and of each table referred
    to which rows there are and the key and title a text is resolved by (core/resolve.py)."""
    columns = {spec.name: [column.name for column in spec.refs]}
    for column in spec.refs:
        target = schema.TABLES[column.ref]
        columns.setdefault(target.name, []).extend([*target.key, *([target.title] if target.title else [])])
    return columns


_DEALS_PART = ("problems", "table", "Deals")


def _deal_sheet_problems(book) -> list[Problem]:
    """The Deals sheet's own rules (:func:`_table_problems`). They are row-local but for
    duplicate ids, so after an edit of some deals' values only those deals are checked again:
    the problems of the others are kept, and each is put in its place of a full check's order."""
    def build() -> tuple[list[Problem], list[Problem]]:
        spec, currency = schema.TABLES["Deals"], currency_of(book)
        frame = book._frames["Deals"]
        before = book.derived_before(_DEALS_PART)
        edited = None if before is None else rows_edited(before, "Deals")
        if edited is None:
            return _column_problems(book, spec, frame, currency), _duplicate_problems(book, spec, frame)
        (by_column, duplicates), columns = before[0], before[2]["Deals"][0]
        # a cell's rules read the cell, and the deal's stage for what an open deal may lack
        again = set(columns) | (set(deal_rules.OPEN_MAY_LACK) if "stage" in columns else set())
        if not columns.isdisjoint(spec.key):  # a problem names its deal by the key
            again = set(spec.names)
        fresh = _column_problems(book, spec, frame[frame.index.isin(list(edited))], currency, again)
        order = {name: number for number, name in enumerate(spec.names)}
        kept = [problem for problem in by_column if problem.row not in edited or problem.column not in again]
        by_column = sorted(kept + fresh, key=lambda p: (order[p.column], _RANK.get(p.template, 1), p.position))
        if not columns.isdisjoint(spec.key):
            duplicates = _duplicate_problems(book, spec, frame)
        return by_column, duplicates
    by_column, duplicates = book.cached(_DEALS_PART, build, depends={"Stages": ("kind",)}, rowwise=True)
    return by_column + duplicates


# A column's problems come required first, then check_column's range rule, then its allowed values.
_RANK = {REQUIRED: 0, NOT_ALLOWED: 2}


def _table_problems(book, spec: schema.Table, currency: str) -> list[Problem]:
    frame = book._frames[spec.name]
    return _column_problems(book, spec, frame, currency) + _duplicate_problems(book, spec, frame)


def _column_problems(book, spec: schema.Table, frame, currency: str, names=None) -> list[Problem]:
    """The rules of each column (of ``names``, default: all) on the rows of ``frame`` (the
    table, or some of its rows)."""
    if not len(frame):
        return []
    unresolved = book._unresolved.get(spec.name, {})
    found = []
    kinds = _kinds(book, frame) if spec.name == "Deals" else None
    for column in spec.columns if names is None else [c for c in spec.columns if c.name in names]:
        values = frame[column.name]
        if column.required:
            unreadable = [row for table, row, name in book._opened_problems if (table, name) == (spec.name, column.name)]
            excused = list(unresolved.get(column.name, {})) + unreadable
            missing = values.isna().to_numpy()
            if excused and missing.any():
                missing = missing & ~values.index.isin(excused)
            if kinds is not None and missing.any():
                missing = missing & ~deal_rules.may_lack(kinds, column.name)
            found += [book.problem(spec.name, row, column.name, REQUIRED) for row in values.index[missing]]
        if column.kind is not Kind.REF:
            found += [book.problem(spec.name, label, column.name, template, **fields)
                      for label, _value, template, fields in check_column(values, column, currency)]
    return found


def _kinds(book, deals: pd.DataFrame) -> pd.Series:
    """deal_rules.stage_kinds of ``deals`` (the Deals sheet, or some of its rows): of the whole
    sheet once per state (deal_rules.deal_kinds)."""
    if deals is not book._frames["Deals"]:
        return deal_rules.stage_kinds(deals, book._frames["Stages"])
    return deal_rules.deal_kinds(book)


def _duplicate_problems(book, spec: schema.Table, frame) -> list[Problem]:
    if not spec.key:
        return []
    keys = frame[spec.key[0]] if len(spec.key) == 1 else frame[list(spec.key)]  # a Series is 3× faster
    if keys.ndim == 1 and len(set(keys.to_numpy(dtype=object).tolist())) == len(keys):
        return []  # every key distinct (a set of the texts is quicker to build than pandas' duplicated)
    duplicated = keys.duplicated(keep="first").to_numpy().copy()
    if duplicated.any():  # a key left empty duplicates nothing (judged on the few duplicated rows)
        duplicated[duplicated] = (keys[duplicated].notna() if keys.ndim == 1
                                  else keys[duplicated].notna().any(axis=1)).to_numpy()
    return [book.problem(spec.name, row, ", ".join(spec.key), QT_TRANSLATE_NOOP("errors", "duplicate of an earlier row"))
            for row in keys.index[duplicated]]


def _reference_problems(book, spec: schema.Table) -> list[Problem]:
    """References kept as text (unknown or ambiguous when entered) and ids of deleted rows."""
    found = []
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
        values = frame[column.name]
        present = values.notna().to_numpy()
        dangling = present & ~known_ids(values.to_numpy(dtype="int64", na_value=-1), book._frames[column.ref].index)
        found += [book.problem(spec.name, row, column.name, DANGLING, target=column.ref)
                  for row in values.index[dangling]]
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
    given = book._frames["Deals"]["currency"]
    given = given[~given.isin([currency]).to_numpy(dtype=bool)]  # the book's own code (most are) set aside at once
    codes, values = pd.factorize(given)  # each other distinct code judged once
    other = [position for position, value in enumerate(values) if value.upper() != currency]
    foreign = given[np.isin(codes, other)]
    return [book.problem("Deals", row, "currency", QT_TRANSLATE_NOOP(
        "errors", "{value} differs from the book's currency {book}; exchange rates are not supported yet"),
        value=value, book=currency) if value.upper() in MINOR_DIGITS else book.problem(
        "Deals", row, "currency", QT_TRANSLATE_NOOP(
            "errors", "Unknown currency {currency!r}: use an ISO code such as USD, KRW or JPY"), currency=value)
        for row, value in foreign.items()]


def _deal_date_problems(book) -> list[Problem]:
    """The rules of each deal's dates: row-local, so after an edit of some deals' values only
    those deals are checked again (a stage edit), the others' problems kept in their places."""
    deals = book._frames["Deals"]
    before = book.derived_before(("problems", "deal dates"))
    edited = rows_edited(before, "Deals")
    if edited is not None:
        deals = deals[deals.index.isin(list(edited))]
    found = [book.problem("Deals", row, column, template) for row, column, template in
             deal_rules.date_problems(deals, _kinds(book, deals))]
    if edited is None:
        return found
    kept = [problem for problem in before[0] if problem.row not in edited]
    return sorted(kept + found, key=lambda p: (_DATE_ORDER[p.template], p.position))


_DATE_ORDER = {template: number for number, template in enumerate(deal_rules.DATE_RULES)}


def _split_problems(book) -> list[Problem]:
    """A deal's shares must make a whole (money.shares_whole: 1/3 three times does): summed on
    each deal's code, deals in the order their first split comes (a pandas groupby costs more)."""
    splits = book._frames["Splits"]
    deal = splits["deal_id"].to_numpy(dtype="int64", na_value=0)
    of_deal = np.flatnonzero(splits["deal_id"].notna().to_numpy())  # a split of no deal belongs to none
    codes, deals = pd.factorize(deal[of_deal])  # deals numbered as they first come
    totals = np.zeros(len(deals), dtype="int64")  # exact sums: a missing share adds nothing, counts as none
    np.add.at(totals, codes, splits["share"].to_numpy(dtype="int64", na_value=0)[of_deal])
    counts = np.bincount(codes[splits["share"].notna().to_numpy()[of_deal]], minlength=len(deals))
    first = of_deal[np.unique(codes, return_index=True)[1]]  # each deal's first split
    deal_keys = book._frames["Deals"]["id"]
    return [book.problem("Splits", int(splits.index[first[at]]), "share", QT_TRANSLATE_NOOP(
                "errors", "the shares of deal {deal!r} add up to {total}, not 100%"),
                deal=str(deal_keys.get(deals[at], deals[at])), total=text(Kind.RATIO, totals[at]))
            for at in np.flatnonzero(~shares_whole(totals, counts)).tolist()]


def _tier_problems(book) -> list[Problem]:
    """Each plan's tiers must run from 0% upwards, each starting where the last ended, with
    one method per plan. On the rows as plain values: a book has a few tiers, and pandas'
    sort and groupby cost more than the rules."""
    found = []
    tiers = book._frames["PlanTiers"]
    plan_names = book._frames["Plans"]["plan"]
    columns = [tiers[name].to_numpy(dtype=object, na_value=None).tolist() for name in ("plan", "from", "to", "method")]
    rows = sorted((row for row in zip(tiers.index.tolist(), *columns) if row[1] is not None and row[2] is not None),
                  key=lambda row: row[2])  # by where each starts (stable: sheet order among equals)
    by_plan: dict = {}  # each plan's tiers, plans in the order their first tier comes
    for row in rows:
        by_plan.setdefault(row[1], []).append(row)
    for plan, rows in by_plan.items():
        name = str(plan_names.get(plan, plan))
        starts, ends = [int(row[2]) for row in rows], [None if row[3] is None else int(row[3]) for row in rows]
        contiguous = starts[0] == 0 and all(end == start for end, start in zip(ends, starts[1:]))
        if not contiguous:
            found.append(book.problem("PlanTiers", int(rows[0][0]), "from", QT_TRANSLATE_NOOP(
                "errors", "the tiers of plan {plan!r} must start at 0% and each start where the one "
                          "before ends, only the last one open-ended"), plan=name))
        for row, start, end in zip(rows, starts, ends):
            if end is not None and end <= start:
                found.append(book.problem("PlanTiers", int(row[0]), "to", QT_TRANSLATE_NOOP(
                    "errors", "the tier must end above where it starts")))
        if len({row[4] for row in rows if row[4] is not None}) > 1:
            found.append(book.problem("PlanTiers", int(rows[0][0]), "method", QT_TRANSLATE_NOOP(
                "errors", "plan {plan!r} mixes marginal and retroactive tiers; use one method per plan"), plan=name))
    return found
