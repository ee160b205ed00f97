"""Where a period stands on the book's as_of day: ended, in progress (with pacing: projected
end-of-period attainment at the current run rate) or not begun; the share of reps at quota;
and year-to-date attainment. Qt-free; money in minor units, ratios as the engine makes them
(``attainment.ratio``)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.attainment import attained, credit_arrays, quota_amounts, ratio, values_at
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.money import RATIO_SCALE, round_div
from planner.core.periods import Period

ENDED, IN_PROGRESS, FUTURE = "ended", "in_progress", "future"

_M, _P, _T, _I = schema.Kind.MONEY, schema.Kind.PERCENT, schema.Kind.TEXT, schema.Kind.INT
PACING = schema.Table("Pacing", QT_TRANSLATE_NOOP("schema", "Pacing"), (
    schema.Column("rep", _T, QT_TRANSLATE_NOOP("schema", "Rep ID")),
    schema.Column("name", _T, QT_TRANSLATE_NOOP("schema", "Name")),
    schema.Column("team", _T, QT_TRANSLATE_NOOP("schema", "Team")),
    schema.Column("projected", _M, QT_TRANSLATE_NOOP("schema", "Projected")),
    schema.Column("pacing", _P, QT_TRANSLATE_NOOP("schema", "Pacing")),
), key=("rep",))
TEAM_PACING = schema.Table("TeamPacing", QT_TRANSLATE_NOOP("schema", "Team pacing"), (
    schema.Column("team", _T, QT_TRANSLATE_NOOP("schema", "Team")),
    schema.Column("projected", _M, QT_TRANSLATE_NOOP("schema", "Projected")),
    schema.Column("pacing", _P, QT_TRANSLATE_NOOP("schema", "Pacing")),
), key=("team",))
AT_QUOTA = schema.Table("AtQuota", QT_TRANSLATE_NOOP("schema", "Reps at quota"), (
    schema.Column("team", _T, QT_TRANSLATE_NOOP("schema", "Team")),
    schema.Column("at_quota", _I, QT_TRANSLATE_NOOP("schema", "At quota")),
    schema.Column("with_quota", _I, QT_TRANSLATE_NOOP("schema", "With a quota")),
    schema.Column("share", _P, QT_TRANSLATE_NOOP("schema", "% at quota")),
), key=("team",))
YEAR_TO_DATE = schema.Table("YearToDate", QT_TRANSLATE_NOOP("schema", "Year to date"), (
    schema.Column("rep", _T, QT_TRANSLATE_NOOP("schema", "Rep ID")),
    schema.Column("name", _T, QT_TRANSLATE_NOOP("schema", "Name")),
    schema.Column("team", _T, QT_TRANSLATE_NOOP("schema", "Team")),
    schema.Column("quota", _M, QT_TRANSLATE_NOOP("schema", "Quota")),
    schema.Column("credited", _M, QT_TRANSLATE_NOOP("schema", "Credited")),
    schema.Column("attainment", _P, QT_TRANSLATE_NOOP("schema", "Attainment")),
), key=("rep",))


def status(period: Period, as_of: date) -> str:
    """``"ended"`` when as_of is past the period's last day, ``"future"`` when before its first
    day, else ``"in_progress"`` (as_of inside the period, its last day included)."""
    if as_of >= period.end:
        return ENDED
    return FUTURE if as_of < period.start else IN_PROGRESS


def days(period: Period, as_of: date) -> tuple[int, int]:
    """(elapsed days, days in the period) on ``as_of``: elapsed days count from the period's
    first day through as_of, both included (as_of is "today" and its deals are in), so the
    first day of a month is 1 elapsed day and its last day all of them; 0 before the period."""
    total = (period.end - period.start).days
    return max(0, min(total, (as_of - period.start).days + 1)), total


def projected(credited: pd.Series, elapsed: int, total: int) -> pd.Series:
    """Credited so far ÷ elapsed days × period days, in whole minor units rounded half away
    from zero (exact integers); missing when no day has elapsed."""
    if elapsed <= 0:
        return pd.Series(pd.NA, index=credited.index, dtype="Int64")
    return pd.Series(round_div(credited.to_numpy(dtype=object) * total, elapsed), index=credited.index,
                     dtype="Int64")


def so_far(book, rows: pd.DataFrame, period: Period, as_of: date, who: str = "rep") -> pd.DataFrame:
    """Attainment ``rows`` (per rep, or per team with ``who="team"``) with ``credited`` the
    credit lines dated from the period's first day through as_of (a historical book may hold
    deals closed after its as_of: they are not "so far")."""
    if as_of >= period.end:  # the whole period is past: its credit is the attainment's (lines dated in it)
        return rows
    credited = _credited_so_far(book, period, as_of, who)
    keys = rows[who].astype("Int64").to_numpy(dtype="int64", na_value=-1)
    return rows.assign(credited=pd.array(values_at(credited, keys, 0), dtype="Int64"))  # exact: no float between


def _credited_so_far(book, period: Period, as_of: date, who: str) -> pd.Series:
    """The credit dated from the period's first day through as_of, by rep (or team) row id;
    once per state of the book, period and as_of (the report and its quadrants ask alike)."""
    def build() -> pd.Series:
        if who == "rep":
            return credit_between(book, period.start, min(period.end, as_of + timedelta(days=1)))
        from planner.core.team_quotas import rolled_up

        # the reps' sums by team: exact integers add up alike
        reps = _credited_so_far(book, period, as_of, "rep")
        owners, amounts = book["Reps"]["team"].reindex(reps.index).to_numpy(dtype="int64", na_value=-1), \
            reps.to_numpy(dtype=object)
        credited = pd.Series(amounts, index=owners).groupby(level=0).sum() if len(amounts) \
            else pd.Series(dtype="int64")
        credited = credited[credited.index >= 0]  # a rep in no team: none
        return rolled_up(credited.astype("int64"), book["Teams"])  # a parent team's: its child teams' too
    return book.cached(("credited_so_far", period, as_of, who), build, depends=())


def credit_between(book, start: date, end: date) -> pd.Series:
    """The credit of the lines dated from ``start`` up to (not including) ``end``, summed by rep
    row id (exact integers; lines of no rep left out), by rep sorted: on the credit lines'
    arrays (attainment.credit_arrays), for the year to date and the period so far."""
    arrays = credit_arrays(book)
    dates = arrays["date"]
    chosen = np.flatnonzero(arrays["kept"] & (dates >= np.datetime64(start, "ns")) & (dates < np.datetime64(end, "ns")))
    amount = arrays["amount"]
    exact = amount is not None and (not len(chosen) or len(chosen) * int(np.abs(amount[chosen]).max()) < 2**63)
    sums = _sums_by(arrays["rep"][chosen], amount[chosen] if exact else arrays["amounts"][chosen])  # (int64: exact)
    return pd.Series(sums.to_numpy().astype(object), index=sums.index, name="amount", dtype=object)


def pacing(rows: pd.DataFrame, period: Period, as_of: date) -> pd.DataFrame:
    """For attainment rows (``quota``, ``credited``: credited so far, :func:`so_far`) of
    ``period``: ``projected`` (credited at the run rate to the period's end) and ``pacing``
    (projected end-of-period attainment, credited × period days ÷ (elapsed days × quota),
    unrounded). Only a period in progress has pacing; an ended period's rows get its
    attainment and credited, a future one's nothing."""
    # one table made of the rows' columns (a drop and an assign made two, for a few hundred rows)
    out = {name: rows[name].array for name in rows.columns if name not in ("quota", "credited", "attainment", "period")}
    state = status(period, as_of)
    if state == ENDED:
        return pd.DataFrame({**out, "projected": rows["credited"].array, "pacing": rows["attainment"].array},
                            index=rows.index)
    elapsed, total = days(period, as_of)
    if state == FUTURE:
        return pd.DataFrame({**out, "projected": pd.array([pd.NA] * len(rows), dtype="Int64"),
                             "pacing": pd.array([pd.NA] * len(rows), dtype="Float64")}, index=rows.index)
    credited = rows["credited"].fillna(0)
    return pd.DataFrame({**out, "projected": projected(credited, elapsed, total).array,
                         "pacing": ratio(credited * total, rows["quota"] * elapsed)}, index=rows.index)


def at_quota(rows: pd.DataFrame, threshold: int = RATIO_SCALE) -> dict:
    """Reps with a quota above zero, those whose attainment is ≥ ``threshold`` (millionths;
    100%) exactly on integers, and their share (missing without any rep with a quota)."""
    with_quota, hit = _at_quota(rows, threshold)
    return _share(int(hit.sum()), int(with_quota.sum()))


def _at_quota(rows: pd.DataFrame, threshold: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row: has a quota above zero; and of those, has reached ``threshold`` (exact)."""
    quota = rows["quota"].to_numpy(dtype=object, na_value=0)
    with_quota = (quota > 0).astype(bool)
    credited = rows["credited"].to_numpy(dtype=object, na_value=0)
    hit = np.zeros(len(rows), dtype=bool)
    hit[with_quota] = attained(credited[with_quota], quota[with_quota], threshold).astype(bool)
    return with_quota, hit


def _share(reached: int, count: int) -> dict:
    return {"at_quota": reached, "with_quota": count, "share": reached / count if count else None}


def at_quota_by_team(rows: pd.DataFrame, teams: pd.Series, table: pd.DataFrame,
                     threshold: int = RATIO_SCALE) -> pd.DataFrame:
    """:func:`at_quota` per team row id (``teams`` order): the reps of the team and of every
    team under it (of the Teams ``table``), as its credit and quota roll up; reps without a
    team left out."""
    from planner.core.team_quotas import rolled_up

    with_quota, hit = _at_quota(rows, threshold)
    team = rows["team"].to_numpy(dtype="int64", na_value=-1)  # -1: in no team
    ids = teams.to_numpy(dtype="int64", na_value=-1)

    def counted(reps: np.ndarray) -> np.ndarray:
        direct = pd.Series(reps.astype("int64"), index=team).groupby(level=0).sum()
        return rolled_up(direct, table).reindex(ids, fill_value=0).to_numpy(dtype="int64")

    counts, reached = counted(with_quota), counted(hit)
    return pd.DataFrame({
        "team": pd.array(teams, dtype="Int64"),
        "at_quota": reached, "with_quota": counts,
        "share": pd.array([r / c if c else None for r, c in zip(reached.tolist(), counts.tolist())], dtype="Float64"),
    })


def year_to_date(book, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Attainment from 1 January of as_of's year through as_of (included): credited by the
    credit lines dated in it, against the quota of the months elapsed: January through as_of's
    month, the current month counted whole (a quota is set per month; prorating it would
    invent a daily quota). A rep's quota is the sum of its month quotas (quarter or year rows
    without months give no month figure: missing); a team's by decisions.md's rule
    (core/team_quotas.py). Returns rep rows, team rows and the company's figures (the reps
    with a year-to-date quota). Once per state of the book and as_of: every period's report
    shows the same."""
    return book.cached(("year_to_date", as_of), lambda: _year_to_date(book, as_of), depends=())


def shown_year_to_date(book, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """:func:`year_to_date` as the report shows it (core/shown.py: reps and teams by the
    user's keys); once per state of the book and as_of."""
    from planner.core.shown import shown

    def build() -> tuple[pd.DataFrame, pd.DataFrame, dict]:
        reps, teams, company = year_to_date(book, as_of)
        return (shown(book, reps.assign(period=None), YEAR_TO_DATE),
                shown(book, teams.assign(period=str(as_of.year)), schema.TEAM_ATTAINMENT), company)
    reps, teams, company = book.cached(("shown year_to_date", as_of), build, depends=())
    return reps.copy(deep=False), teams.copy(deep=False), dict(company)  # a caller's change stays its own


def _year_to_date(book, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    from planner.core.team_quotas import rolled_up, team_quota_amounts

    months = [f"{as_of.year}-{month:02d}" for month in range(1, as_of.month + 1)]
    credited = credit_between(book, date(as_of.year, 1, 1), as_of + timedelta(days=1))

    def quota(series: pd.Series) -> pd.Series:
        """The quotas of ``months`` summed by key, on the index's codes (no label made per entry)."""
        if not len(series):
            return pd.Series(dtype="int64")
        index = series.index
        wanted = index.levels[1].get_indexer(months)
        chosen = np.isin(index.codes[1], wanted[wanted >= 0])
        return _sums_by(index.levels[0].to_numpy(dtype="int64")[index.codes[0][chosen]], series.to_numpy()[chosen])

    reps = book["Reps"]
    rep_quota = quota(quota_amounts(book, "rep"))
    ids = reps.index[reps.index.isin(rep_quota.index) | reps.index.isin(credited.index)]
    rep_rows = pd.DataFrame({
        "rep": pd.array(ids, dtype="Int64"), "team": reps["team"].reindex(ids).array,
        "quota": pd.array(values_at(rep_quota, ids), dtype="Int64"),
        "credited": pd.array(values_at(credited, ids, 0), dtype="Int64"),
    })
    rep_rows["attainment"] = ratio(rep_rows["credited"], rep_rows["quota"])
    teams = book["Teams"].index
    in_team, rep_credited = rep_rows["team"].notna().to_numpy(), rep_rows["credited"].to_numpy(dtype="int64")
    team_rows = pd.DataFrame({
        "team": pd.array(teams, dtype="Int64"),
        "quota": pd.array(values_at(quota(team_quota_amounts(book)), teams), dtype="Int64"),
        "credited": pd.array(values_at(rolled_up(_sums_by(rep_rows["team"].to_numpy(dtype="int64", na_value=0)[in_team],
                                                          rep_credited[in_team]), book["Teams"]), teams, 0),
                             dtype="Int64"),
    })
    team_rows["attainment"] = ratio(team_rows["credited"], team_rows["quota"])
    with_quota = rep_rows["quota"].notna().to_numpy(dtype=bool)  # the company: reps with a quota
    total_quota = int(rep_rows["quota"].to_numpy(dtype="int64", na_value=0).sum())
    total_credited = int(rep_credited[with_quota].sum())
    company = {"quota": total_quota, "credited": total_credited,
               "attainment": total_credited / total_quota if total_quota > 0 else None}
    return rep_rows, team_rows, company


def _sums_by(keys: np.ndarray, values: np.ndarray) -> pd.Series:
    """``values`` (int64, or Python integers as objects) summed by their ``keys`` (int64), sorted
    by key: a groupby on numpy."""
    values = values if values.dtype == object else values.astype("int64")
    present, at = np.unique(keys, return_inverse=True)
    sums = np.zeros(len(present), dtype=values.dtype)
    np.add.at(sums, at.reshape(-1), values)
    return pd.Series(sums, index=present)
