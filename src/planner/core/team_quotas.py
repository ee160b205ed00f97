"""A team's quota for a period (decisions.md, "Team quotas"): the one home of the rule.

A team's own Quotas row wins for exactly its period. A longer period in which the team has
own rows (a year with a 2017-Q2 row) adds up its sub-periods — a year its quarters, a quarter
its months — each taken from the team's own row if there is one, else its members' sum. A
period the team has no own row in or under is its members' sum, as a period always was.

When a member's quota for the longer period is not the sum of its sub-periods (the member has
only a year row, which cannot be split by quarter) and the team's own rows do not cover every
sub-period, the team's quota for that period is not known: it is left out (no quota), never
a sum that silently drops the members' part.

Teams roll up (rep → team → parent team → company): a team's members are its reps and its
child teams (Teams.parent), a child team counting with its own quota by this same rule, however
deep; its won credit likewise (:func:`rolled_up`). A loop of parents is a problem of the book
(core/checks.py); the teams in it roll up no further.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.attainment import quota_amounts
from planner.core.periods import Period
from planner.core.teams import ancestors, parent_loops, parents

_EMPTY = pd.Series(dtype="int64", index=pd.MultiIndex.from_tuples([], names=["key", "period"]))
_PARTS = {"quarter": 3, "year": 4}  # how many sub-periods make one


def team_quota_amounts(book) -> pd.Series:
    """Quota in minor units indexed by (team row id, period label), for every month, quarter
    and year the rule determines."""
    return book.cached("team_quota_amounts", lambda: _team_quotas(book), depends={"Reps": ("team",)})


def _team_quotas(book) -> pd.Series:
    quotas = book["Quotas"].dropna(subset=["team", "period", "amount"])
    own = pd.DataFrame({"key": quotas["team"].to_numpy(dtype="int64"),
                        "period": quotas["period"].to_numpy(dtype=object),
                        "amount": quotas["amount"].to_numpy(dtype="int64")})
    own = own.groupby(["key", "period"])["amount"].sum() if len(own) else _EMPTY
    rep = quota_amounts(book, "rep")
    team_of = book["Reps"]["team"].dropna().astype("int64")
    # what cannot be split matters only where a team has own rows to split by
    members, unsplit = _by_owner(rep, team_of), _unsplit(rep, team_of) if len(own) else set()
    # a team's members are its reps and its child teams: teams are ruled leaves first, each
    # level's quotas then counting as members of the teams above (rep → team → parent team)
    teams = book["Teams"]
    chains, loops = ancestors(teams), parent_loops(teams)
    parent_of = pd.Series({team: parent for team, parent in parents(teams).items() if team not in loops}, dtype="int64")
    ruled = []
    for depth in sorted({len(chain) for chain in chains.values()}, reverse=True):
        level = [team for team, chain in chains.items() if len(chain) == depth]
        level_members = _keys(members, level)
        quota = _rule(_keys(own, level), level_members, unsplit)
        ruled.append(quota)
        if not len(parent_of):  # no team has a parent: nothing rolls up further
            continue
        members = pd.concat([members, _by_owner(quota, parent_of)]).groupby(level=[0, 1]).sum()
        unsplit |= _unsplit(quota, parent_of)
        # a child team's quota the rule leaves unknown leaves its parent's unknown too, never
        # a sum without it
        unknown = {(int(parent_of[team]), period) for team, period in _unknown(quota, level_members)
                   if team in parent_of.index}
        members = members[[key not in unknown for key in members.index]] if unknown else members
        unsplit |= unknown
    return pd.concat(ruled).astype("int64") if ruled else _EMPTY


def rolled_up(direct: pd.Series, teams: pd.DataFrame) -> pd.Series:
    """Per team row id: its own ``direct`` figure (its reps' credit) plus those of every team
    under it, however deep (a parent team's won credit is its members' and its child teams')."""
    chains = ancestors(teams)
    pairs = [(team, above) for team, chain in chains.items() for above in chain]
    if not len(direct) or not pairs:
        return direct
    # on int64 arrays throughout: a reindex with a missing team, or an add that aligns, goes
    # through floats, which are not exact above 2^53 (ten deals of schema.MAX_INTEGER)
    team, above = (np.array(side, dtype="int64") for side in zip(*pairs))
    at = direct.index.get_indexer(team)
    values = np.where(at >= 0, direct.to_numpy(dtype="int64")[at], 0)
    added = pd.Series(values, index=above).groupby(level=0).sum()
    added = added[added.index.isin(teams.index)]
    index = direct.index.union(added.index)
    out = np.zeros(len(index), dtype="int64")
    out[index.get_indexer(direct.index)] += direct.to_numpy(dtype="int64")
    out[index.get_indexer(added.index)] += added.to_numpy(dtype="int64")
    return pd.Series(out, index=index).astype(direct.dtype)


def _rule(own: pd.Series, members: pd.Series, unsplit: set) -> pd.Series:
    """Decisions.md's rule for some teams: their own rows (``own``) and their members' sums
    (``members``), both by (team, period)."""
    if not len(own):  # no own rows: each period is the members' sum
        return pd.concat([_of_kind(members, kind) for kind in ("month", "quarter", "year")]).astype("int64").rename(None)
    month, quarter, year = (_of_kind(own, kind) for kind in ("month", "quarter", "year"))
    months = month.combine_first(_of_kind(members, "month"))
    quarters = _level(quarter, months, month, month, _of_kind(members, "quarter"), unsplit, "quarter")
    below_year = pd.concat([quarter, _parents(month, "quarter")]).groupby(level=[0, 1]).sum()
    full_quarters = _parents(month, "quarter", "count")
    whole_quarters = pd.concat([quarter, full_quarters[full_quarters == 3]]).groupby(level=[0, 1]).sum()
    years = _level(year, quarters, below_year, whole_quarters, _of_kind(members, "year"), unsplit, "year")
    return pd.concat([months, quarters, years]).astype("int64")


def _unknown(quota: pd.Series, members: pd.Series) -> set:
    """(team, quarter or year) pairs the rule left without a quota although the team has
    quotas in it (its sub-periods' or its members')."""
    present, out = set(quota.index), set()
    for kind, below in (("quarter", "month"), ("year", "quarter")):
        wanted = set(_parents(_of_kind(quota, below), kind).index) | set(_of_kind(members, kind).index)
        out |= {pair for pair in wanted if pair not in present}
    return out


def _keys(values: pd.Series, keys: list[int]) -> pd.Series:
    return values[values.index.get_level_values(0).isin(keys)] if len(values) else _EMPTY


def _by_owner(values: pd.Series, owner: pd.Series) -> pd.Series:
    """(key, period)-indexed ``values`` added up by (the owner of each key, period): reps'
    quotas by team, child teams' by parent team; keys without an owner left out."""
    if not len(values) or not len(owner):
        return _EMPTY
    chosen = values[values.index.get_level_values(0).isin(owner.index)]
    if not len(chosen):
        return _EMPTY
    owners = owner.reindex(chosen.index.get_level_values(0)).to_numpy()
    return chosen.groupby([owners, chosen.index.get_level_values(1)]).sum().rename_axis(["key", "period"])


def _level(own: pd.Series, parts: pd.Series, own_below: pd.Series, own_whole: pd.Series, members: pd.Series,
           unsplit: set, kind: str) -> pd.Series:
    """A level's quotas (quarters or years): the team's own row; else, where the team has own
    rows below (``own_below``, by sub-period), the sum of ``parts`` (the sub-periods' quotas
    by the rule) — unknown when a member's quota cannot be split and ``own_whole`` (the
    sub-periods the team's own rows cover entirely) leaves one to the members; else the
    members' sum."""
    split = set(_parents(own_below, kind).index)
    covered = _parents(own_whole, kind, "count")
    whole = set(covered.index[(covered >= _PARTS[kind]).to_numpy()])
    known = split - {key for key in split if key in unsplit and key not in whole}
    summed = _parents(parts, kind)
    return own.combine_first(summed[summed.index.isin(list(known))]).combine_first(members[~members.index.isin(list(split))])


def _unsplit(rep: pd.Series, team_of: pd.Series) -> set:
    """(team, period) pairs where a member's quota for the quarter or year is not the sum of its
    quota's sub-periods (a member's year row that no quarter row splits)."""
    out = set()
    if not len(rep):
        return out
    for kind, below in (("quarter", "month"), ("year", "quarter")):
        totals = _of_kind(rep, kind)
        split = _parents(_of_kind(rep, below), kind).reindex(totals.index, fill_value=0)
        differ = totals.index[(totals != split).to_numpy()]
        members = differ.get_level_values(0)
        owned = members.isin(team_of.index)
        teams = team_of.reindex(members[owned]).to_numpy(dtype="int64").tolist()
        out |= set(zip(teams, differ.get_level_values(1)[owned]))
    return out


def _periods(values: pd.Series, attribute) -> np.ndarray:
    """``attribute(Period)`` of each entry's period label, worked out once per distinct label."""
    codes, labels = pd.factorize(values.index.get_level_values(1))
    return np.array([attribute(Period.of(label)) for label in labels], dtype=object)[codes]


def _of_kind(values: pd.Series, kind: str) -> pd.Series:
    """The entries of a (key, period)-indexed series whose period is of ``kind``."""
    if not len(values):
        return _EMPTY
    return values[_periods(values, lambda period: period.kind) == kind]


def _parents(values: pd.Series, kind: str, how: str = "sum") -> pd.Series:
    """``values`` added up by (key, the period of ``kind`` holding each period)."""
    if not len(values):
        return _EMPTY
    parents = _periods(values, lambda period: Period.containing(period.start, kind).label)
    grouped = values.groupby([values.index.get_level_values(0), parents])
    return (grouped.sum() if how == "sum" else grouped.count()).rename_axis(["key", "period"])
