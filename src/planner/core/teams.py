"""Teams: rows of the Teams table (name, manager, parent team), which reps and team quotas
refer to by id. A workbook or a frame that gives a rep's team as text still makes a book
(decisions.md, "Teams"): the team of that name is matched, or created when the Teams table
has none. This is the one home of that rule (new books, imports, merges, old formats).
"""

from __future__ import annotations

import pandas as pd

from planner.core.schema import ROW_ID


def missing_teams(named: pd.Series, known: pd.Series | None) -> list[str]:
    """The team names ``named`` (reps' team cells as text) that no team of ``known`` (Teams
    names) has, each once, in order of first appearance."""
    names = named.dropna().astype("string").str.strip()
    names = names[names != ""]
    have = set() if known is None else set(known.dropna().astype("string").str.strip())
    return [name for name in dict.fromkeys(names.tolist()) if name not in have]


def with_named_teams(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``tables`` (frames of a new book, references as text) with a Teams row for each team a
    rep names that the Teams frame lacks. Frames a store restored (row ids) are left alone."""
    reps, teams = tables.get("Reps"), tables.get("Teams")
    if reps is None or "team" not in reps or pd.api.types.is_integer_dtype(reps["team"]):
        return tables
    if teams is not None and teams.index.name == ROW_ID:
        return tables
    names = missing_teams(reps["team"], None if teams is None or "name" not in teams else teams["name"])
    if not names:
        return tables
    added = pd.DataFrame({"name": names})
    return {**tables, "Teams": added if teams is None else pd.concat([teams, added], ignore_index=True)}


# Columns that named a team by its text before teams were rows (book formats 1 to 4).
TEAM_TEXT_COLUMNS = (("Reps", "team"), ("Quotas", "team"))


def teams_from_text(frames: dict[str, pd.DataFrame], unresolved: dict, next_id: int) -> int:
    """Frames whose team columns hold team names as text (a book of format 4 or older, in a
    store's row ids) given the Teams rows they imply: one per team a rep names, in order of
    first appearance, with ids from ``next_id``; the team columns then hold row ids, and a
    quota's team that no rep names is kept as text in ``unresolved`` (a problem, as it was).
    Changes ``frames`` and ``unresolved`` in place; returns the next free row id."""
    from planner.core import schema
    from planner.core.resolve import Resolver

    names = missing_teams(frames["Reps"]["team"], None)
    teams = schema.conform(schema.TEAMS, pd.DataFrame({"name": names}))
    teams.index = pd.Index(range(next_id, next_id + len(names)), dtype="int64", name=ROW_ID)
    frames["Teams"] = teams
    for table, column in TEAM_TEXT_COLUMNS:
        texts = frames[table][column].astype("string").str.strip()
        ids, failures = Resolver(schema.TEAMS, teams).resolve(texts.mask(texts == ""))
        frames[table] = frames[table].assign(**{column: ids})
        if failures:
            unresolved.setdefault(table, {})[column] = {int(row): str(texts[row]) for row in failures}
    return next_id + len(names)


def parents(teams: pd.DataFrame) -> dict[int, int]:
    """Each team's parent team (row ids), for teams whose parent is a row of ``teams``."""
    if "parent" not in teams or not len(teams):
        return {}
    chosen = teams["parent"].dropna()
    return {int(team): int(parent) for team, parent in chosen.items() if int(parent) in teams.index}


def ancestors(teams: pd.DataFrame) -> dict[int, list[int]]:
    """Each team's parent, the parent's parent and so on up to a top team (no parent), the
    nearest first: the teams a team's figures roll up into (rep → team → parent team →
    company). A team whose chain of parents loops (a problem, :func:`parent_loops`) rolls up
    into the teams before the loop closes."""
    parent_of, out = parents(teams), {}
    for team in teams.index:
        chain, node = [], parent_of.get(int(team))
        while node is not None and node != int(team) and node not in chain:
            chain.append(node)
            node = parent_of.get(node)
        out[int(team)] = chain
    return out


def parent_loops(teams: pd.DataFrame) -> dict[int, str]:
    """The teams whose chain of parents comes back to them, each with the loop as its names
    (``Seoul → APAC → Seoul``): a roll-up that never reaches the top."""
    parent_of, names, out = parents(teams), teams["name"] if "name" in teams else None, {}
    for team in teams.index:
        chain, node = [int(team)], parent_of.get(int(team))
        while node is not None and node not in chain:
            chain.append(node)
            node = parent_of.get(node)
        if node == int(team):
            label = [str(names[n]) if names is not None and not pd.isna(names[n]) else str(n) for n in chain]
            out[int(team)] = " → ".join(label + label[:1])
    return out
