"""The part of a book its figures are computed from (decisions.md, "Problems and figures").

A problem never blanks every figure. Each row a problem is in is left out of the figures,
with the rows that cannot stand without it: a deal whose stage, owner or split is wrong, a
plan whose tiers are wrong, the rows of a rep who is left out. Everything else is computed,
and the figures say what was left out (:class:`LeftOut`: the rows, and the reps and sections
whose figures they would change). Only closing a period needs a book with no problem at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planner.core import deal_rules, schema
from planner.core.book import Book, Snapshot, Tables
from planner.core.parse import REQUIRED
from planner.core.problems import BookProblems, Problem

# Rows that define their parent's figures: a problem in one leaves the parent out (a deal with
# a wrong split, a plan with a wrong tier), since leaving only the row out would change the
# parent's figures silently (the deal credited wholly to its owner, the plan paying less).
DEFINES_PARENT = {"Splits": "deal_id", "PlanTiers": "plan", "PlanBonuses": "plan", "PlanMultipliers": "plan",
                  "Spiffs": "plan", "PlanDraws": "plan"}
# References whose row stays when the row referred to is left out: the reference is cleared
# (a rep keeps attainment without the plan left out; a lead stays without its owner).
CLEARED = {("Reps", "manager"), ("Reps", "plan"), ("Reps", "team"), ("Teams", "manager"), ("Teams", "parent"),
           ("Leads", "owner"), ("Leads", "deal")}
# A won or lost deal without a created date stays in every figure but cycle and cohort ones,
# which leave it out by themselves (decisions.md, "Importing what real exports hold").
KEPT = {("Deals", column) for column in deal_rules.KEPT_WITHOUT}

# What each table's rows feed, for saying which figures leave something out.
SECTIONS = ("pipeline", "forecast", "health", "attainment", "commissions", "leads")
_FEEDS = {
    "Deals": ("pipeline", "forecast", "health", "attainment", "commissions"),
    "StageHistory": ("pipeline", "health", "forecast"),
    "AmountHistory": ("pipeline", "forecast"),
    "Stages": ("pipeline", "forecast", "health", "attainment", "commissions"),
    "Reps": ("pipeline", "forecast", "attainment", "commissions"),
    "Teams": ("pipeline", "attainment"),
    "Quotas": ("pipeline", "attainment", "commissions"),
    "Splits": ("attainment", "commissions"),
    "Plans": ("commissions",), "PlanTiers": ("commissions",), "PlanBonuses": ("commissions",),
    "PlanMultipliers": ("commissions",), "Spiffs": ("commissions",),
    "PlanDraws": ("commissions",), "PlanAssignments": ("commissions",),
    "ForecastOverrides": ("forecast",), "ForecastSnapshots": ("forecast",),
    "Leads": ("leads",), "LeadRules": ("leads",),
    "Settings": SECTIONS,
}
_ROUNDS = 8  # leaving rows out can make others problems (a quota of a rep left out); it settles fast


@dataclass
class LeftOut:
    """What the figures leave out: per table, the row ids and the problem that left each out
    (a row left out because a row it needs was: that row's problem; rows a left-out row owns
    are only counted, in ``owned``); the rep ids (the user's
    ``S02``) and team names whose figures it changes, with how many rows; per section, how many."""

    rows: dict[str, dict[int, Problem]] = field(default_factory=dict)
    reps: dict[str, int] = field(default_factory=dict)
    teams: dict[str, int] = field(default_factory=dict)
    sections: dict[str, int] = field(default_factory=dict)
    # problems that leave no row out (a won deal without a created date: out of cycle figures)
    kept: list[Problem] = field(default_factory=list)
    # rows that went with a parent left out (a deal's stage history and splits), per table
    owned: dict[str, int] = field(default_factory=dict)
    # how the user finds each row left out: (table, row id) -> (its own id or None, row number)
    places: dict[tuple[str, int], tuple[str | None, int | None]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def __bool__(self) -> bool:
        return bool(self.count or self.kept)


def usable(book: Tables) -> tuple[Tables, LeftOut]:
    """``book`` (a Book or Snapshot) without the rows its problems touch, and what was left out.
    The book's snapshot itself when it has no problem. Raises :class:`BookProblems` only for a
    problem that no row can be left out for (a whole table or column)."""
    if isinstance(book, Book):
        book = book.snapshot()
    return book.cached("usable", lambda: _carried(book, *_usable(book)), rowwise=True)


def _carried(book: Tables, view: Tables, left: LeftOut) -> tuple[Tables, LeftOut]:
    """``view`` given what the state before's view derived that the edit in between leaves
    standing, when the two views hold the same rows of every table the edit did not insert into,
    delete from or replace: they then differ only as the two states do (core/derived.py)."""
    before = book.derived_before("usable")
    if view is book or before is None:
        return view, left
    (old, _left), _deps, touched = before
    if old is view or any(not view._frames[table].index.equals(old._frames[table].index)
                          for table in schema.TABLES if touched.get(table, ()) is not None):
        return view, left
    view._cache = old._cache.carried(touched).joined(view._cache)
    return view, left


def _usable(book: Tables) -> tuple[Tables, LeftOut]:
    left = LeftOut()
    because: dict[tuple[str, int], Problem] = {}  # rows whose reference was cleared, and why
    current = book
    for _round in range(_ROUNDS):
        found = current.problems()
        out: dict[str, dict[int, Problem]] = {}
        for problem in found:
            if (problem.table, problem.column) in KEPT and problem.template == REQUIRED:
                if current is book:
                    left.kept.append(problem)
                continue
            if problem.row is None:
                raise BookProblems([problem])
            table, row = _left_out_for(current, problem)
            out.setdefault(table, {}).setdefault(row, because.get((problem.table, problem.row), problem))
        if not out:
            break
        frames, owned = dict(current._frames), {}
        _leave_out(frames, out, because, owned)
        for table, rows in out.items():
            left.rows.setdefault(table, {}).update(rows)
        for table, rows in owned.items():
            left.owned[table] = left.owned.get(table, 0) + len(rows)
        current = Snapshot(frames, *_kept_state(current, frames), book.revision)
    else:
        raise BookProblems(current.problems())
    if current is not book:
        _mark(book, left)
    return current, left


def _kept_state(book, frames: dict[str, pd.DataFrame]) -> tuple:
    """Positions, unresolved texts and unreadable cells of the rows ``frames`` keep."""
    positions, unresolved = {}, {}
    for table, frame in frames.items():
        kept = book._frames[table].index.isin(frame.index)
        positions[table] = book._positions[table][kept]
        unresolved[table] = {column: {row: text for row, text in cells.items() if row in frame.index}
                             for column, cells in book._unresolved.get(table, {}).items()}
    opened = {key: value for key, value in book._opened_problems.items() if key[1] in frames[key[0]].index}
    return positions, unresolved, opened


def _left_out_for(book, problem: Problem) -> tuple[str, int]:
    """The row a problem leaves out: its own, or the parent it defines."""
    parent_column = DEFINES_PARENT.get(problem.table)
    if parent_column is not None:
        frame = book._frames[problem.table]
        if problem.row in frame.index:
            parent = frame.at[problem.row, parent_column]
            target = schema.TABLES[problem.table].column(parent_column).ref
            if not pd.isna(parent) and int(parent) in book._frames[target].index:
                return target, int(parent)
    return problem.table, int(problem.row)


def _leave_out(frames: dict[str, pd.DataFrame], out: dict[str, dict[int, Problem]],
               because: dict[tuple[str, int], Problem], owned: dict[str, dict[int, Problem]]) -> None:
    """Drop the rows ``out`` names from ``frames``, then the rows that refer to them (added to
    ``out`` with the same problem; rows owned by a dropped row to ``owned``), or clear the
    reference for the ``CLEARED`` columns."""
    pending = {table: dict(rows) for table, rows in out.items()}
    while pending:
        following: dict[str, dict[int, Problem]] = {}
        for table, rows in pending.items():
            gone = frames[table].index.intersection(pd.Index(list(rows), dtype="int64"))
            if not len(gone):
                continue
            frames[table] = frames[table].drop(index=gone)
            for child, spec in schema.TABLES.items():
                for column in (c for c in spec.refs if c.ref == table):
                    refs = frames[child][column.name]
                    hits = refs[refs.isin(gone).to_numpy(dtype=bool, na_value=False)]
                    if not len(hits):
                        continue
                    if (child, column.name) in CLEARED:
                        frames[child] = frames[child].copy()
                        frames[child].loc[hits.index, column.name] = pd.NA
                        for hit, parent in hits.items():
                            because.setdefault((child, int(hit)), rows[int(parent)])
                        continue
                    into = owned if column.owned else out  # owned rows go with their parent, unlisted
                    for hit, parent in hits.items():
                        problem = into.setdefault(child, {}).setdefault(int(hit), rows[int(parent)])
                        following.setdefault(child, {})[int(hit)] = problem
        pending = following


def _mark(book, left: LeftOut) -> None:
    """Which reps', teams' and sections' figures the rows left out would change."""
    touched: list = []  # the user's rep ids, once per row left out that changes their figures
    deals, splits = book["Deals"], book["Splits"]
    rep_ids, team_names = book["Reps"]["id"], book["Teams"]["name"]
    for table, rows in left.rows.items():
        for row in rows:
            place = book.problem(table, row, None, "")
            left.places[(table, row)] = (place.key, None if place.position is None else place.position + 1)
        for section in _FEEDS.get(table, ()):
            left.sections[section] = left.sections.get(section, 0) + len(rows)
        ids = pd.Index(list(rows), dtype="int64")
        if table == "Deals":
            for deal in ids.intersection(deals.index):
                owners = {deals.at[deal, "owner"], *splits.loc[splits["deal_id"] == deal, "rep"]}
                touched += [rep for rep in owners if not pd.isna(rep)]
        elif table == "Reps":
            touched += list(ids.intersection(rep_ids.index))
        elif table == "Quotas":
            quotas = book["Quotas"].loc[ids.intersection(book["Quotas"].index)]
            touched += list(quotas["rep"].dropna())
            for team in quotas["team"].dropna():
                name = str(team_names.get(int(team), team))
                left.teams[name] = left.teams.get(name, 0) + 1
        elif table == "Plans":
            touched += list(rep_ids.index[book["Reps"]["plan"].isin(ids).to_numpy(dtype=bool, na_value=False)])
    teams = book["Reps"]["team"]
    for rep in touched:
        if int(rep) not in rep_ids.index:
            continue
        key = str(rep_ids[int(rep)])
        left.reps[key] = left.reps.get(key, 0) + 1
        team = teams[int(rep)]
        if not pd.isna(team):
            name = str(team_names.get(int(team), team))
            left.teams[name] = left.teams.get(name, 0) + 1
    if left.kept:
        left.sections["pipeline"] = left.sections.get("pipeline", 0) + len(left.kept)
