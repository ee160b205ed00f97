"""Where a period stands on the book's as_of day: ended, in progress (with pacing: projected
end-of-period attainment at the current run rate) or not begun; the share of reps at quota;
and year-to-date attainment. Qt-free; money in minor units, ratios as the engine makes them
(``attainment._ratio``)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from planner.core import schema
from planner.core.attainment import _ratio, attained, credit_lines, quota_amounts
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
    lines = credit_lines(book)
    end = pd.Timestamp(min(period.end, as_of + timedelta(days=1)))
    dated = lines[((lines["date"] >= pd.Timestamp(period.start)) & (lines["date"] < end))
                  .to_numpy(dtype=bool, na_value=False)]
    if who == "team":
        team_of = book["Reps"]["team"]
        dated = dated.assign(team=team_of.reindex(dated["rep"].astype("int64")).to_numpy())
    credited = dated.groupby(who)["amount"].sum() if len(dated) else pd.Series(dtype="int64")
    if who == "team":
        from planner.core.team_quotas import rolled_up

        credited = rolled_up(credited.astype("int64"), book["Teams"])  # a parent team's: its child teams' too
    keys = rows[who].astype("Int64").to_numpy(dtype="int64", na_value=-1)
    return rows.assign(credited=pd.array(credited.reindex(keys).fillna(0).astype("int64"), dtype="Int64"))


def pacing(rows: pd.DataFrame, period: Period, as_of: date) -> pd.DataFrame:
    """For attainment rows (``quota``, ``credited``: credited so far, :func:`so_far`) of
    ``period``: ``projected`` (credited at the run rate to the period's end) and ``pacing``
    (projected end-of-period attainment, credited × period days ÷ (elapsed days × quota),
    unrounded). Only a period in progress has pacing; an ended period's rows get its
    attainment and credited, a future one's nothing."""
    out = rows.drop(columns=["quota", "credited", "attainment", "period"], errors="ignore")
    state = status(period, as_of)
    if state == ENDED:
        return out.assign(projected=rows["credited"], pacing=rows["attainment"])
    elapsed, total = days(period, as_of)
    if state == FUTURE:
        return out.assign(projected=pd.Series(pd.NA, index=rows.index, dtype="Int64"),
                          pacing=pd.Series(pd.NA, index=rows.index, dtype="Float64"))
    credited = rows["credited"].fillna(0)
    return out.assign(projected=projected(credited, elapsed, total),
                      pacing=_ratio(credited * total, rows["quota"] * elapsed))


def at_quota(rows: pd.DataFrame, threshold: int = RATIO_SCALE) -> dict:
    """Reps with a quota above zero, those whose attainment is ≥ ``threshold`` (millionths;
    100%) exactly on integers, and their share (missing without any rep with a quota)."""
    quota = rows["quota"].fillna(0).astype("int64")
    with_quota = rows[quota > 0]
    hit = attained(with_quota["credited"].fillna(0).to_numpy(dtype=object),
                   with_quota["quota"].to_numpy(dtype=object), threshold)
    count, reached = len(with_quota), int(hit.sum())
    return {"at_quota": reached, "with_quota": count, "share": reached / count if count else None}


def at_quota_by_team(rows: pd.DataFrame, teams: pd.Index) -> pd.DataFrame:
    """:func:`at_quota` per team row id (``teams`` order), reps without a team left out."""
    records = [{"team": team, **at_quota(rows[rows["team"] == team])} for team in teams]
    frame = pd.DataFrame(records, columns=["team", "at_quota", "with_quota", "share"])
    return frame.astype({"team": "Int64", "at_quota": "int64", "with_quota": "int64", "share": "Float64"})


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


def _year_to_date(book, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    from planner.core.team_quotas import rolled_up, team_quota_amounts

    months = [f"{as_of.year}-{month:02d}" for month in range(1, as_of.month + 1)]
    lines = credit_lines(book)
    start, end = pd.Timestamp(date(as_of.year, 1, 1)), pd.Timestamp(as_of + timedelta(days=1))
    in_ytd = lines[((lines["date"] >= start) & (lines["date"] < end)).to_numpy(dtype=bool, na_value=False)]
    credited = in_ytd.groupby("rep")["amount"].sum()

    def quota(series: pd.Series) -> pd.Series:
        if not len(series):
            return pd.Series(dtype="int64")
        chosen = series[series.index.get_level_values(1).isin(months)]
        return chosen.groupby(level=0).sum()

    reps = book["Reps"]
    rep_quota = quota(quota_amounts(book, "rep"))
    ids = reps.index[reps.index.isin(rep_quota.index) | reps.index.isin(credited.index)]
    rep_rows = pd.DataFrame({
        "rep": pd.array(ids, dtype="Int64"), "team": reps["team"].reindex(ids).array,
        "quota": rep_quota.reindex(ids).astype("Int64").array,
        "credited": credited.reindex(ids).fillna(0).astype("Int64").array,
    })
    rep_rows["attainment"] = _ratio(rep_rows["credited"], rep_rows["quota"])
    teams = book["Teams"].index
    team_rows = pd.DataFrame({
        "team": pd.array(teams, dtype="Int64"),
        "quota": quota(team_quota_amounts(book)).reindex(teams).astype("Int64").array,
        "credited": rolled_up(rep_rows.dropna(subset=["team"]).groupby("team")["credited"].sum().astype("int64"),
                              book["Teams"]).reindex(teams).fillna(0).astype("Int64").array,
    })
    team_rows["attainment"] = _ratio(team_rows["credited"], team_rows["quota"])
    with_quota = rep_rows[rep_rows["quota"].notna().to_numpy(dtype=bool)]  # the company: reps with a quota
    total_quota, total_credited = int(with_quota["quota"].sum()), int(with_quota["credited"].sum())
    company = {"quota": total_quota, "credited": total_credited,
               "attainment": total_credited / total_quota if total_quota > 0 else None}
    return rep_rows, team_rows, company
