"""Rep quadrants (product.md): high/low = attainment this quarter ≥/< the threshold (100%,
editable); up/down = credited this quarter vs last quarter. Rising star (high, up), falling
star (high, down), improving laggard (low, up), worsening laggard (low, down). Qt-free."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.attainment import _in_period, attained, attainment, credited_by, values_at
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.money import RATIO_SCALE
from planner.core.pacing import IN_PROGRESS, days, pacing, so_far, status
from planner.core.periods import Period

RISING_STAR, FALLING_STAR = "rising_star", "falling_star"
IMPROVING_LAGGARD, WORSENING_LAGGARD = "improving_laggard", "worsening_laggard"
QUADRANT_LABELS = {
    RISING_STAR: QT_TRANSLATE_NOOP("quadrants", "Rising star"),
    FALLING_STAR: QT_TRANSLATE_NOOP("quadrants", "Falling star"),
    IMPROVING_LAGGARD: QT_TRANSLATE_NOOP("quadrants", "Improving laggard"),
    WORSENING_LAGGARD: QT_TRANSLATE_NOOP("quadrants", "Worsening laggard"),
}

_M, _P, _T = schema.Kind.MONEY, schema.Kind.PERCENT, schema.Kind.TEXT
QUADRANTS = schema.Table("Quadrants", QT_TRANSLATE_NOOP("schema", "Rep quadrants"), (
    schema.Column("rep", _T, QT_TRANSLATE_NOOP("schema", "Rep ID")),
    schema.Column("name", _T, QT_TRANSLATE_NOOP("schema", "Name")),
    schema.Column("team", _T, QT_TRANSLATE_NOOP("schema", "Team")),
    schema.Column("attainment", _P, QT_TRANSLATE_NOOP("schema", "Attainment")),
    schema.Column("credited", _M, QT_TRANSLATE_NOOP("schema", "Credited")),
    schema.Column("previous", _M, QT_TRANSLATE_NOOP("schema", "Last quarter")),
    schema.Column("change", _P, QT_TRANSLATE_NOOP("schema", "Change")),
    schema.Column("quadrant", _T, QT_TRANSLATE_NOOP("schema", "Quadrant")),
), key=("rep",))


def quadrant_quarter(period: Period, as_of: date) -> Period:
    """The quarter the quadrants are drawn for: the report's quarter, else the quarter of the
    report's period that holds as_of (its last quarter once it has ended, its first before)."""
    if period.kind == "quarter":
        return period
    last_day = period.end - timedelta(days=1)
    return Period.containing(min(max(as_of, period.start), last_day), "quarter")


def quadrants(book, quarter: Period, as_of: date, threshold: int = RATIO_SCALE) -> pd.DataFrame:
    """One row per rep with a quota above zero in ``quarter``: ``attainment``, ``credited``
    this quarter, ``previous`` (credited last quarter), ``change`` (credited ÷ previous − 1,
    missing when last quarter is 0 and this one is not; 0 when both are) and ``quadrant``.
    ``threshold`` is in millionths (100% = 1,000,000), compared exactly on integers.

    A quarter in progress on as_of is judged at its run rate (core/pacing.py): its projected
    credited and pacing stand for this quarter, so a rep is not a "laggard, down" for being
    half-way through. Equal credited counts as up (not worse). A quarter not yet begun has no
    quadrants (no rows). Once per state of the book, quarter, as_of and threshold: the
    report of every period of the quarter draws the same."""
    return book.cached(("quadrants", quarter, as_of, threshold), lambda: _quadrants(book, quarter, as_of, threshold),
                       depends=())


def _quadrants(book, quarter: Period, as_of: date, threshold: int) -> pd.DataFrame:
    # on the attainment rows' arrays: a few hundred reps, where each pandas step cost more
    reps, _ = attainment(book, quarter)
    quota = reps["quota"].to_numpy(dtype="int64", na_value=0)
    kept = np.flatnonzero(quota > 0)
    state = status(quarter, as_of)
    if state == "future" or not len(kept):
        return pd.DataFrame({name: pd.Series(dtype="object") for name in QUADRANTS.names if name != "name"})
    previous = _in_period(credited_by(book, "quarter"), quarter.shifted(-1))
    quota, rep = quota[kept], reps["rep"].array[kept]
    credited, ratio = reps["credited"].to_numpy(dtype="int64", na_value=0)[kept], reps["attainment"].array[kept]
    # exact test credited ÷ quota ≥ threshold; in progress: credited × total ÷ (elapsed × quota)
    if state == IN_PROGRESS:
        elapsed, total = days(quarter, as_of)
        now = so_far(book, reps.take(kept).reset_index(drop=True), quarter, as_of)
        paced = pacing(now, quarter, as_of)
        credited, ratio = paced["projected"].to_numpy(dtype="int64"), paced["pacing"].array
        high = attained((now["credited"].astype("int64") * total).to_numpy(dtype=object),
                        (quota * elapsed).astype(object), threshold)
    else:
        high = attained(credited.astype(object), quota.astype(object), threshold)
    last = values_at(previous, rep.to_numpy(dtype="int64"), 0).astype("int64")
    up = credited >= last
    names = [RISING_STAR if h and u else FALLING_STAR if h else IMPROVING_LAGGARD if u else WORSENING_LAGGARD
             for h, u in zip(high, up)]
    # nothing either quarter is no change (it sat at the chart's right edge, as growth from nothing)
    change = pd.Series([c / p - 1 if p > 0 else None if c else 0.0 for c, p in zip(credited, last)], dtype="Float64")
    return pd.DataFrame({
        "rep": rep, "team": reps["team"].array[kept], "attainment": ratio.astype("Float64"),
        "credited": pd.array(credited, dtype="Int64"), "previous": pd.array(last, dtype="Int64"),
        "change": change.array, "quadrant": names,
    })
