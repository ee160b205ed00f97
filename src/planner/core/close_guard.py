"""What a closed period refuses: the rule lives here, in the book's validation, never in a view.

While a period is closed (core/close.py), ``Tables.validate`` refuses every change that would
alter its figures (decisions.md, "Period close"), naming the closed period:

- a deal whose credit falls in it (won with its ``closed`` date there, or cancelled there):
  added, removed, moved in or out, re-amounted, re-owned, re-split, given another currency,
  product or deal type; a stage whose kind changes such a deal;
- a rep's quota of a period inside it;
- a plan a rep employed in it is on: the plan's measurement period or cap, its tiers, bonuses;
- a rep employed in it on a plan: the plan, start or end date, base salary; deleting the rep;
- the book's currency or rounding.

A change dated after the close passes: a cancellation dated in an open period leaves the closed
period's credit as it was (its effect is a later line, core/adjustments.py). The book's own
records are never changed or deleted (only a close or a reopen adds to them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.changes import Change, DeleteRows, InsertRows, SetValues, atoms
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.periods import Period
from planner.core.problems import Problem

CHANGES_CLOSED = QT_TRANSLATE_NOOP("errors", "this would change the figures of {period}, which is closed: reopen "
                                             "{period} first, or date the change after it")
RECORDS = QT_TRANSLATE_NOOP("errors", "closed periods and their ledger lines are never changed or deleted: reopen "
                                      "the period instead")
# what a deal's credit and its commission depend on
DEAL_INPUTS = ("owner", "stage", "amount", "currency", "closed", "cancelled", "product", "deal_type")
PLAN_INPUTS = {"Plans": ("period", "cap", "clawback_days"), "PlanTiers": ("plan", "from", "to", "rate", "method"),
               "PlanBonuses": ("plan", "from", "amount", "percent_of_base"),
               "PlanMultipliers": ("plan", "product", "deal_type", "multiplier"),
               "Spiffs": ("plan", "product", "deal_type", "from", "to", "amount"),
               "PlanDraws": ("plan", "amount", "recoverable")}
REP_INPUTS = ("plan", "start_date", "end_date", "base_salary")
SETTING_INPUTS = ("currency", "rounding")


def record_problems(tables, change: Change, stored=None) -> list[Problem]:
    """Changes to the book's own records (closes, ledger): only rows added pass. With
    ``stored`` (the book as its store holds it: an undo), only the stored rows are refused."""
    from planner.core import schema

    found = []
    for atom in atoms(change):
        spec = schema.TABLES.get(atom.table)
        if spec is None or not spec.system or isinstance(atom, InsertRows):
            continue
        rows = atom.ids if isinstance(atom, DeleteRows) else (
            atom.values.index if isinstance(atom, SetValues) else tables[atom.table].index)
        rows = pd.Index(rows)
        if stored is not None:  # (one lookup of the stored frame, not one per row: an undone close has many)
            rows = rows[rows.isin(stored[atom.table].index)]
        found += [tables.problem(atom.table, int(rows[0]), None, RECORDS)] if len(rows) else []
    return found


def closed_problems(tables, change: Change) -> list[Problem]:
    """Every row of ``change`` that would alter a closed period's figures (empty when no
    period is closed). ``change`` must already fit (its values checked)."""
    from planner.core.close import closed_periods

    closed = closed_periods(tables)
    if not closed:
        return []
    relevant = [atom for atom in atoms(change) if _may_matter(atom)]
    if not relevant:  # cells no closed figure depends on (a deal's name, a rep's team)
        return []
    after = tables.applied(change)
    spans = [(close.period, pd.Timestamp(close.period.start), pd.Timestamp(close.period.end))
             for close in sorted(closed.values(), key=lambda c: c.period.start)]
    touched: dict[str, set[int]] = {}
    for atom in relevant:
        touched.setdefault(atom.table, set()).update(_rows(tables, after, atom))
    found = _deal_problems(tables, after, spans, touched)
    found += _quota_problems(tables, after, spans, touched.get("Quotas", set()))
    found += _plan_problems(tables, after, spans, touched)
    found += _rep_problems(tables, after, spans, touched.get("Reps", set()))
    found += _setting_problems(tables, after, spans, touched.get("Settings", set()))
    found += _assignment_problems(tables, after, spans, touched.get("PlanAssignments", set()))
    return found


# what each table's closed figures depend on (None: any column of it)
_INPUTS = {"Deals": DEAL_INPUTS, "Splits": None, "Stages": ("kind",), "Quotas": ("rep", "period", "amount"),
           **PLAN_INPUTS, "Reps": REP_INPUTS, "Settings": ("key", "value"), "PlanAssignments": None}


def _may_matter(atom) -> bool:
    """Whether ``atom`` touches a table and, when it sets cells, a column closed figures use."""
    if atom.table not in _INPUTS:
        return False
    columns = _INPUTS[atom.table]
    return not isinstance(atom, SetValues) or columns is None or bool(set(atom.values.columns) & set(columns))


def _rows(before, after, atom) -> set[int]:
    if isinstance(atom, DeleteRows):
        return set(map(int, atom.ids))
    if isinstance(atom, SetValues):
        return set(map(int, atom.values.index))
    if isinstance(atom, InsertRows):
        return set(map(int, atom.rows.index))
    return set(map(int, before[atom.table].index)) | set(map(int, after[atom.table].index))


def _closed_at(dates: pd.Series, spans) -> pd.Series:
    """The label of the closed period holding each date (missing: none)."""
    out = pd.Series(pd.NA, index=dates.index, dtype="string")
    for period, start, end in spans:
        out = out.mask(((dates >= start) & (dates < end)).to_numpy(dtype=bool, na_value=False), period.label)
    return out


def _problem(before, after, table: str, row: int, column: str | None, period: str) -> Problem:
    """The refusal at ``row`` of ``table`` (a row the change adds is found in ``after``)."""
    source = before if row in before[table].index else after
    if row in source[table].index:
        return source.problem(table, int(row), column, CHANGES_CLOSED, period=period)
    return Problem(table, int(row), column, CHANGES_CLOSED, {"period": period})


def _differs(before: pd.DataFrame, after: pd.DataFrame, rows: list[int], columns) -> dict[int, str | None]:
    """The rows of ``rows`` whose ``columns`` differ between the two states (gone or new
    included), with the first column that differs (None: the whole row)."""
    out: dict[int, str | None] = {}
    for row in rows:
        if (row in before.index) != (row in after.index):
            out[row] = None
            continue
        if row not in before.index:
            continue
        for column in columns:
            old, new = before.at[row, column], after.at[row, column]
            if (pd.isna(old) != pd.isna(new)) or (not pd.isna(old) and old != new):
                out[row] = column
                break
    return out


# -- deals: their credit events inside closed periods ---------------------------------------
def _deal_problems(before, after, spans, touched: dict[str, set[int]]) -> list[Problem]:
    deals = set(touched.get("Deals", set()))
    split_rows = touched.get("Splits", set())
    for state in (before, after):
        splits = state["Splits"]
        rows = splits.index.intersection(pd.Index(list(split_rows), dtype="int64"))
        deals |= set(int(d) for d in splits.loc[rows, "deal_id"].dropna())
    stages = touched.get("Stages", set())
    if stages:
        for state in (before, after):
            on = state["Deals"]["stage"].isin(list(stages)).to_numpy(dtype=bool, na_value=False)
            deals |= set(map(int, state["Deals"].index[on]))
    if not deals:
        return []
    was, now = _credit_events(before, deals, spans), _credit_events(after, deals, spans)
    merged = was.merge(now, how="outer", indicator=True)
    changed = merged[merged["_merge"] != "both"].drop_duplicates("deal")
    by_deal: dict[int, list[int]] = {}  # each split row's deal, looked up once
    for row in sorted(split_rows):
        owner = _split_deal(before, after, row)
        if owner is not None:
            by_deal.setdefault(owner, []).append(row)
    found = []
    for deal, period in zip(changed["deal"], changed["closed_in"]):
        deal = int(deal)
        column = _deal_column(before, after, deal)
        splits = by_deal.get(deal, [])
        stage = before["Deals"]["stage"].get(deal) if deal in before["Deals"].index else None
        if column == "split" and splits:  # the deal as it was: its splits changed
            found.append(_problem(before, after, "Splits", splits[0], "share", period))
        elif column == "split" and stage is not None and not pd.isna(stage) and int(stage) in stages:
            found.append(_problem(before, after, "Stages", int(stage), "kind", period))
        else:
            found.append(_problem(before, after, "Deals", deal, None if column == "split" else column, period))
    return found


def _credit_events(state, deals: set[int], spans) -> pd.DataFrame:
    """Per deal of ``deals``: its credit events (won on its closed date, cancelled on its
    cancellation date) inside closed periods, with everything its credit depends on."""
    frame = state["Deals"]
    ids = frame.index.intersection(pd.Index(sorted(deals), dtype="int64"))
    rows = frame.loc[ids]
    kind = rows["stage"].map(state["Stages"]["kind"]).astype("string")
    won = (kind == "won").to_numpy(dtype=bool, na_value=False) & rows["closed"].notna().to_numpy()
    rows = rows[won]
    splits = state["Splits"]
    splits = splits[splits["deal_id"].isin(rows.index).to_numpy(dtype=bool, na_value=False)]
    shares = (splits.assign(pair=splits["rep"].astype("string").fillna("?") + ":" + splits["share"].astype("string")
                            .fillna("?")).sort_values("pair").groupby("deal_id")["pair"].agg(";".join))
    base = pd.DataFrame({
        "deal": rows.index.to_numpy(dtype="int64"),
        **{column: rows[column].astype("string").to_numpy() for column in ("owner", "amount", "currency",
                                                                         "product", "deal_type")},
        "splits": rows.index.map(shares).astype("string").to_numpy(),
    })
    events = []
    for event, column in (("won", "closed"), ("cancelled", "cancelled")):
        dates = rows[column].reset_index(drop=True)
        where = _closed_at(dates, spans)
        inside = where.notna().to_numpy()
        events.append(base[inside].assign(event=event, date=dates[inside].astype("string").to_numpy(),
                                          closed_in=where[inside].to_numpy()))
    return pd.concat(events, ignore_index=True).fillna("")


def _deal_column(before, after, deal: int) -> str | None:
    """The first of a deal's inputs the change alters (``split``: its splits)."""
    old, new = before["Deals"], after["Deals"]
    if deal in old.index and deal in new.index:
        for column in DEAL_INPUTS:
            a, b = old.at[deal, column], new.at[deal, column]
            if (pd.isna(a) != pd.isna(b)) or (not pd.isna(a) and a != b):
                return column
        return "split"
    return None


def _split_deal(before, after, row: int) -> int | None:
    for state in (before, after):
        splits = state["Splits"]
        if row in splits.index and not pd.isna(splits.at[row, "deal_id"]):
            return int(splits.at[row, "deal_id"])
    return None


# -- quotas, plans, reps, settings ------------------------------------------------------------
def _quota_problems(before, after, spans, rows: set[int]) -> list[Problem]:
    if not rows:
        return []
    found = []
    differing = _differs(before["Quotas"], after["Quotas"], sorted(rows), ("rep", "period", "amount"))
    for row, column in differing.items():
        for state in (before, after):
            quotas = state["Quotas"]
            if row not in quotas.index or pd.isna(quotas.at[row, "rep"]) or pd.isna(quotas.at[row, "period"]):
                continue
            period = _inside(str(quotas.at[row, "period"]), spans)
            if period is not None:
                found.append(_problem(before, after, "Quotas", row, column, period))
                break
    return found


def _assignment_problems(before, after, spans, rows: set[int]) -> list[Problem]:
    """A change to plan assignments may not change a rep's plan on a day of a closed period
    (a rep's first row takes it off Reps.plan: every day counts)."""
    if not rows:
        return []
    changed = _differs(before["PlanAssignments"], after["PlanAssignments"], sorted(rows), ("rep", "plan", "from", "to"))
    by_rep: dict[int, int] = {}
    for row in changed:
        for state in (before, after):
            frame = state["PlanAssignments"]
            if row in frame.index and not pd.isna(frame.at[row, "rep"]):
                by_rep.setdefault(int(frame.at[row, "rep"]), row)
    found = []
    for rep, row in by_rep.items():
        for closed, start, end in spans:
            days = pd.date_range(start, end - pd.Timedelta(days=1))
            if not np.array_equal(_plans_on(before, rep, days), _plans_on(after, rep, days)):
                found.append(_problem(before, after, "PlanAssignments", row, changed[row], closed.label))
                break
    return found


def _plans_on(state, rep: int, days: pd.DatetimeIndex) -> np.ndarray:
    """The plan row id of ``rep`` on each of ``days`` (-1: none), as core/assignments.py reads it."""
    rows = state["PlanAssignments"].dropna(subset=["rep", "plan", "from"])
    rows = rows[(rows["rep"] == rep).to_numpy(dtype=bool)]
    if not len(rows):
        plan = state["Reps"]["plan"].get(rep) if rep in state["Reps"].index else None
        return np.full(len(days), -1 if plan is None or pd.isna(plan) else int(plan))
    out = np.full(len(days), -1)
    for plan, first, last in zip(rows["plan"], rows["from"], rows["to"]):
        out[(days >= first) & (pd.isna(last) | (days <= last))] = int(plan)
    return out


def _inside(label: str, spans) -> str | None:
    try:
        period = Period.of(label)
    except ValueError:
        return None
    return next((closed.label for closed, _s, _e in spans if closed.contains(period)), None)


def _employed(state, spans) -> pd.DataFrame:
    """Reps on a plan employed for a day of a closed period, with the first such period."""
    reps = state["Reps"]
    reps = reps[reps["plan"].notna().to_numpy()]
    first = pd.Series(pd.NA, index=reps.index, dtype="string")
    for period, start, end in reversed(spans):
        employed = ((reps["start_date"].isna() | (reps["start_date"] < end))
                    & (reps["end_date"].isna() | (reps["end_date"] >= start))).to_numpy(dtype=bool)
        first = first.mask(employed, period.label)
    return reps.assign(closed_in=first)[first.notna().to_numpy()]


def _plan_problems(before, after, spans, touched: dict[str, set[int]]) -> list[Problem]:
    if not any(touched.get(table) for table in PLAN_INPUTS):
        return []
    used: dict[int, str] = {}
    for state in (before, after):
        for plan, period in zip(*_employed(state, spans)[["plan", "closed_in"]].T.to_numpy()):
            used.setdefault(int(plan), str(period))
    found = []
    for table, columns in PLAN_INPUTS.items():
        rows = sorted(touched.get(table, set()))
        for row, column in _differs(before[table], after[table], rows, columns).items():
            for state in (before, after):
                frame = state[table]
                plan = row if table == "Plans" else (frame.at[row, "plan"] if row in frame.index else None)
                if plan is not None and not pd.isna(plan) and int(plan) in used:
                    found.append(_problem(before, after, table, row, column, used[int(plan)]))
                    break
    return found


def _rep_problems(before, after, spans, rows: set[int]) -> list[Problem]:
    if not rows:
        return []
    found = []
    differing = _differs(before["Reps"], after["Reps"], sorted(rows), REP_INPUTS)
    employed = [_employed(state, spans)["closed_in"] for state in (before, after)]
    for row, column in differing.items():
        if row not in before["Reps"].index:
            continue  # a new rep changes no closed figure until a deal or quota of it does
        period = next((str(series[row]) for series in employed if row in series.index), None)
        if period is not None:
            found.append(_problem(before, after, "Reps", row, column, period))
    return found


def _setting_problems(before, after, spans, rows: set[int]) -> list[Problem]:
    if not rows or not any(before.setting(key) != after.setting(key) for key in SETTING_INPUTS):
        return []
    settings = after["Settings"] if len(after["Settings"]) else before["Settings"]
    keys = settings["key"].astype("string").str.strip().str.lower()
    changed = [key for key in SETTING_INPUTS if before.setting(key) != after.setting(key)]
    row = next((int(r) for r in settings.index[keys.isin(changed).to_numpy(dtype=bool, na_value=False)]
                if int(r) in rows), next(iter(sorted(rows))))
    return [_problem(before, after, "Settings", row, "value", spans[0][0].label)]
