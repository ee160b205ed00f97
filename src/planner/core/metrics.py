"""Pipeline metrics for a period, with the definitions of product.md."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.attainment import ratio
from planner.core.facts import cycle_days, deal_arrays, deal_facts, weighted_amounts, within
from planner.core.money import round_div
from planner.core.periods import Period
from planner.core.resolve import row_positions

# Computed tables of a report (the same column machinery as the book's own tables). Labels
# already translated are marked; the others are plain until the translations catch up.
PIPELINE_FUNNEL = schema.Table("PipelineFunnel", QT_TRANSLATE_NOOP("schema", "Stage conversion"), (
    schema.Column("stage", schema.Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Stage")),
    schema.Column("reached", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Reached")),
    schema.Column("advanced", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Advanced")),
    schema.Column("conversion", schema.Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Conversion")),
), key=("stage",))

# The figures per rep and per team (after the rep's or team's own columns).
_GROUP_FIGURES = (
    schema.Column("created", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Created deals")),
    schema.Column("won_count", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Won deals")),
    schema.Column("won_value", schema.Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Won value")),
    schema.Column("lost_count", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Lost deals")),
    schema.Column("win_rate", schema.Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Win rate")),
    schema.Column("open_count", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Open deals")),
    schema.Column("open_value", schema.Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Open value")),
    schema.Column("weighted_value", schema.Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Weighted value")),
    schema.Column("avg_cycle_days", schema.Kind.NUMBER, QT_TRANSLATE_NOOP("schema", "Average sales cycle (days)")),
    schema.Column("conversion_rate", schema.Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Conversion (cohort)")),
    schema.Column("avg_won_deal", schema.Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Average won deal")),
    schema.Column("velocity_per_day", schema.Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Velocity per day")),
    schema.Column("pipeline_expected", schema.Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Open value expected in period")),
    schema.Column("quota_remaining", schema.Kind.MONEY, QT_TRANSLATE_NOOP("schema", "Quota remaining")),
    schema.Column("coverage", schema.Kind.NUMBER, QT_TRANSLATE_NOOP("schema", "Coverage")),
)

PIPELINE_BY_REP = schema.Table("PipelineByRep", QT_TRANSLATE_NOOP("schema", "Pipeline by rep"), (
    schema.Column("rep", schema.Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Rep ID")),
    schema.Column("name", schema.Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Name")),
    schema.Column("team", schema.Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Team")),
    *_GROUP_FIGURES,
), key=("rep",))

PIPELINE_BY_TEAM = schema.Table("PipelineByTeam", QT_TRANSLATE_NOOP("schema", "Pipeline by team"), (
    schema.Column("team", schema.Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Team")),
    schema.Column("reps", schema.Kind.INT, QT_TRANSLATE_NOOP("schema", "Reps")),
    *_GROUP_FIGURES,
), key=("team",))


def open_deals(book) -> np.ndarray:
    """The open deals' positions (in Deals order), once per revision."""
    return book.cached("open_deals", lambda: np.flatnonzero(deal_arrays(book)["open"]), depends=())  # the facts


def period_won_value(book, period: Period) -> int:
    """The amount of the deals won in ``period`` (exact), once per state and period: the
    pipeline, the forecast and its accuracy start from it."""
    return book.cached(("won value", period),
                       lambda: int(deal_arrays(book)["amount"][period_deals(book, period)["won"]].sum()), depends=())


def won_deals(book) -> np.ndarray:
    """The won deals' positions (in Deals order), once per revision."""
    return book.cached("won_deals", lambda: np.flatnonzero(deal_arrays(book)["won"]), depends=())  # the facts


def period_deals(book, period: Period) -> dict[str, np.ndarray]:
    """The deals of ``period`` as positions in Deals order (ascending): ``closed`` in it, the
    ``won`` and ``lost`` of those, ``created`` in it, and the open deals ``expected`` to close
    in it; once per state and period (every per-period figure starts from these)."""
    def build() -> dict[str, np.ndarray]:
        deals, open_ = deal_arrays(book), open_deals(book)
        closed = np.flatnonzero(within(deals["closed"], period))
        return {"closed": closed, "won": closed[deals["won"][closed]], "lost": closed[deals["lost"][closed]],
                "created": np.flatnonzero(within(deals["created"], period)),
                "expected": open_[within(deals["expected_close"][open_], period)]}
    return book.cached(("period_deals", period), build, depends=())  # the facts


def won_cycles(deals: dict[str, np.ndarray], won: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`~planner.core.facts.cycle_days` of the deals at positions ``won``, for those alone."""
    return cycle_days({"created": deals["created"][won], "closed": deals["closed"][won]}, np.ones(len(won), bool))


def pipeline_metrics(book, period: Period, reps: pd.DataFrame | None = None,
                     teams: pd.DataFrame | None = None) -> dict:
    """Open pipeline (a snapshot of the book) and the win/cycle figures of deals closed in ``period``.

    Money is returned in minor units (``int``); missing figures are ``None``. ``reps`` and
    ``teams`` are the period's attainment tables (computed when not given), for coverage.
    """
    rounding, deals, chosen = book.rounding, deal_arrays(book), period_deals(book, period)
    won = chosen["won"]

    n_won, n_lost = len(won), len(chosen["lost"])
    won_value = period_won_value(book, period)
    days, dated = won_cycles(deals, won)
    cycle_total, n_cycle = int(days.sum()), int(dated.sum())
    win_rate = Fraction(n_won, n_won + n_lost) if n_won + n_lost else None
    pipeline = open_pipeline(book)
    velocity = None
    if win_rate is not None and n_won and cycle_total > 0:
        # count × win rate × average won deal ÷ average cycle, exact until one rounding
        exact = pipeline["open_count"] * win_rate * Fraction(won_value, n_won) / Fraction(cycle_total, n_cycle)
        velocity = round_div(exact.numerator, exact.denominator, rounding)

    created = chosen["created"]
    n_created = len(created)
    n_open = pipeline["open_count"]
    return {
        "open_count": n_open,
        "open_value": pipeline["open_value"],
        "weighted_value": pipeline["weighted_value"],
        "created_count": n_created,
        "won_count": n_won,
        "won_value": won_value,
        "lost_count": n_lost,
        "win_rate": None if win_rate is None else float(win_rate),
        "avg_won_deal": round_div(won_value, n_won, rounding) if n_won else None,
        "avg_cycle_days": cycle_total / n_cycle if n_cycle else None,
        "velocity_per_day": velocity,
        "stages": pipeline["stages"],
        # of the deals created in the period, the share won (by now)
        "conversion_rate": int(deals["won"][created].sum()) / n_created if n_created else None,
        "avg_open_deal": round_div(pipeline["open_value"], n_open, rounding) if n_open else None,
        **coverage(book, period, reps, teams),
    }


def coverage(book, period: Period, reps: pd.DataFrame | None = None, teams: pd.DataFrame | None = None) -> dict:
    """``pipeline_expected``: the value of open deals expected to close in ``period``;
    ``quota_remaining``: the period's quota less what is credited in it so far; ``coverage``:
    the first ÷ the second (``None`` without a quota, or when nothing remains).

    The period's quota is every team's quota (its own Quotas row, else its members' sum)
    plus the quotas of reps in no team; the credit is every rep's.
    """
    if reps is None or teams is None:
        from planner.core.attainment import attainment

        reps, teams = attainment(book, period)
    expected = int(deal_arrays(book)["amount"][period_deals(book, period)["expected"]].sum())
    alone = reps["team"].isna().to_numpy()
    quotas = [int(q) for q in (*teams["quota"].to_numpy(dtype=object, na_value=None),
                               *reps["quota"].to_numpy(dtype=object, na_value=None)[alone]) if q is not None]
    remaining = None
    if quotas:
        remaining = sum(quotas) - sum(int(c) for c in reps["credited"].to_numpy(dtype=object, na_value=0))
    return {
        "pipeline_expected": expected,
        "quota_remaining": remaining,
        "coverage": expected / remaining if remaining is not None and remaining > 0 else None,
    }


def open_pipeline(book) -> dict:
    """The open deals as the book stands (the same for every period): count, value, weighted
    value and the table by stage, built once per revision."""
    def build() -> dict:
        facts, deals, open_stages = deal_facts(book), deal_arrays(book), _ranks(book)[0]
        is_open, amounts = deals["open"], deals["amount"]
        # each open deal's stage as its position among the open stages: counts and exact sums
        # by position (numpy over 100k deals; a pandas groupby cost more than the sums)
        at = row_positions(facts["stage"], open_stages.index)[is_open]
        known = at >= 0
        sums = {column: np.zeros(len(open_stages), dtype="int64") for column in ("count", "value", "weighted")}
        np.add.at(sums["count"], at[known], 1)
        for column, values in (("value", amounts), ("weighted", weighted_amounts(book))):  # exact ints
            np.add.at(sums[column], at[known], values[is_open][known].astype("int64"))
        table = pd.DataFrame({
            "stage": open_stages["stage"].to_numpy(),
            "probability": open_stages["probability"].to_numpy(),
            **{column: pd.arrays.IntegerArray(values, np.zeros(len(values), dtype=bool))
               for column, values in sums.items()},  # by the stages' row ids, named for the user
        })
        return {"open_count": int(is_open.sum()), "open_value": int(amounts[is_open].sum()),
                "weighted_value": int(table["weighted"].sum()), "stages": table}
    return book.cached("open_pipeline", build, depends=())


# -- the funnel -----------------------------------------------------------------------------
def furthest_stage(book) -> tuple[pd.Series, np.ndarray]:
    """The open stages in pipeline order (their user ids, by stage row id) and, per deal (in
    Deals order), the furthest step it reached: the rank of the furthest open stage in its
    history or its current stage, ``len(open stages)`` once won. Every deal has reached the
    first open stage. Cached per revision."""
    return book.cached("furthest_stage", lambda: (_ranks(book)[0]["stage"], _steps(book)),
                       depends={"Deals": ("stage",)})


def _ranks(book) -> tuple[pd.DataFrame, pd.Series]:
    """The open stages in pipeline order, and the step of each open or won stage (by row id);
    once per revision of Stages (the funnel, the furthest steps and the open pipeline read them)."""
    def build() -> tuple[pd.DataFrame, pd.Series]:
        stages = book["Stages"]
        open_stages = stages[stages["kind"] == "open"].sort_values("order", kind="stable")
        rank = pd.Series(np.arange(len(open_stages), dtype="int64"), index=open_stages.index)
        return open_stages, pd.concat([rank, pd.Series(len(open_stages), index=stages.index[stages["kind"] == "won"])])
    return book.cached("stage_ranks", build, depends=("Stages",))


def _steps(book) -> np.ndarray:
    """The furthest step of each deal (:func:`furthest_stage`), redone for the deals an edit changed."""
    from planner.core.health import groups, redone

    def build() -> np.ndarray:
        rank = _ranks(book)[1]

        def step(stages: pd.Series) -> np.ndarray:  # -1: no step (a lost stage, none)
            return np.append(rank.to_numpy(dtype="int64"), -1)[row_positions(stages, rank.index)]

        def compute(deals: pd.DataFrame, rows: pd.DataFrame) -> np.ndarray:
            furthest = step(deals["stage"])
            if len(rows):  # the furthest of each deal's history rows (sorted by deal)
                bounds, position = groups(rows["deal"].to_numpy(), deals)
                reached, known = np.maximum.reduceat(step(rows["stage"]), bounds[:-1]), position >= 0
                furthest[position[known]] = np.maximum(furthest[position[known]], reached[known])
            return furthest.clip(min=0)
        return redone(book, "furthest_steps", book["Deals"], compute)
    return book.cached("furthest_steps", build, depends={"Deals": ("stage",)}, rowwise=True)


def funnel(book, period: Period) -> pd.DataFrame:
    """Stage-to-stage conversion of the deals created in ``period``: per open stage, in order,
    ``reached`` (deals that reached it or any later stage, or were won), ``advanced`` (of those,
    the deals that reached the next open stage, or — for the last — were won) and
    ``conversion`` = advanced ÷ reached."""
    names, furthest = furthest_stage(book)
    cohort = furthest[period_deals(book, period)["created"]]
    reached = np.array([int((cohort >= step).sum()) for step in range(len(names) + 1)], dtype="int64")
    frame = pd.DataFrame({
        "stage": pd.array(names.to_numpy(), dtype="string"),
        "reached": pd.array(reached[:-1], dtype="Int64"),
        "advanced": pd.array(reached[1:], dtype="Int64"),
    })
    frame["conversion"] = ratio(reached[1:], reached[:-1])
    return frame


# -- per rep and per team --------------------------------------------------------------------
# The integer figures summed per owner, in the order the rates are made from them
_SUMS = ("created", "created_won", "won_count", "won_value", "lost_count", "open_count", "open_value",
         "weighted_value", "pipeline_expected", "cycle_days", "cycle_count")


def by_rep(book, period: Period, reps: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pipeline figures per deal owner (PIPELINE_BY_REP, ``rep`` and ``team`` as row ids:
    core/shown.py names them): deals created in ``period``
    and the share of them won (conversion), won (count, value, average) and lost in it, win
    rate, the open pipeline as the book stands (count, value, weighted), the average sales
    cycle of the deals won in it, velocity, and coverage (open value expected to close in the
    period ÷ the rep's quota remaining). ``reps`` is the period's rep attainment (computed when
    not given). Reps in Reps order: those active in the period and any other rep with a figure."""
    from planner.core.attainment import active_in, attainment

    if reps is None:
        reps = attainment(book, period)[0]
    sums = _owner_sums(book, period)
    people = book["Reps"]
    has_figure = (sums["created"] > 0) | (sums["won_count"] > 0) | (sums["lost_count"] > 0) | (sums["open_count"] > 0)
    shown = active_in(book, period) | has_figure
    ids = people.index[shown]
    out = {"rep": pd.array(ids, dtype="Int64"), "team": people["team"].array[shown]}
    quota = _quota_of(reps, "rep", ids)
    return _with_rates(out, {name: values[shown] for name, values in sums.items()}, quota, book.rounding)


def by_team(book, period: Period, reps: pd.DataFrame | None = None,
            teams: pd.DataFrame | None = None) -> pd.DataFrame:
    """The figures of :func:`by_rep` per team (PIPELINE_BY_TEAM, ``team`` as row ids), over
    the deals of the team's reps (each deal counts for its owner's team); coverage against the
    team's quota (its own Quotas row, else its members' sum) less its members' credit.
    ``reps``, ``teams``: the period's attainment (computed when not given). Teams in Teams order."""
    if reps is None or teams is None:
        from planner.core.attainment import attainment

        reps, teams = attainment(book, period)
    ids = book["Teams"].index
    team_of = ids.get_indexer(book["Reps"]["team"].to_numpy(dtype="int64", na_value=-1))  # -1: in no team
    in_team = team_of >= 0
    sums = {}
    for name, values in _owner_sums(book, period).items():
        sums[name] = np.zeros(len(ids), dtype="int64")
        np.add.at(sums[name], team_of[in_team], values[in_team])
    out = {"team": pd.array(ids, dtype="Int64"),
           "reps": pd.array(np.bincount(team_of[in_team], minlength=len(ids)), dtype="Int64")}
    return _with_rates(out, sums, _quota_of(teams, "team", ids), book.rounding)


def _quota_of(rows: pd.DataFrame, who: str, ids: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """The ``quota`` and ``credited`` of attainment ``rows`` for ``ids`` (reps or teams), as
    object arrays (None: missing)."""
    at = pd.Index(rows[who].to_numpy(dtype="int64", na_value=-1)).get_indexer(ids)
    def column(name: str) -> np.ndarray:
        return np.append(rows[name].to_numpy(dtype=object, na_value=None), None)[at]  # -1: the None added
    return column("quota"), column("credited")


def _owner_sums(book, period: Period) -> dict[str, np.ndarray]:
    """Per rep (by position in Reps) as deal owner: the integer figures the rates are made from
    (once per period and revision: the rep and team tables share them)."""
    return book.cached(("owner_sums", period), lambda: _sum_by_owner(book, period), depends=())


def owner_positions(book) -> np.ndarray:
    """Each deal's owner as a position in Reps (``len(Reps)`` for none), once per revision."""
    def build() -> np.ndarray:
        reps = book["Reps"].index
        at = reps.get_indexer(book["Deals"]["owner"].to_numpy(dtype="int64", na_value=-1))
        return np.where(at >= 0, at, len(reps))
    return book.cached("deal_owners", build, depends={"Deals": ("owner",), "Reps": ()})


def _sum_by_owner(book, period: Period) -> dict[str, np.ndarray]:
    deals, chosen = deal_arrays(book), period_deals(book, period)
    won, created, expected = chosen["won"], chosen["created"], chosen["expected"]
    cycle, dated = won_cycles(deals, won)
    amounts = deals["amount64"]  # int64 sums: exact within a rep's book
    owner = owner_positions(book)
    size = len(book["Reps"]) + 1  # the last: deals of no rep, left out
    counts = {"created": created, "created_won": created[deals["won"][created]], "won_count": won,
              "lost_count": chosen["lost"], "cycle_count": won[dated]}
    values = {"won_value": (won, amounts[won]), "pipeline_expected": (expected, amounts[expected]),
              "cycle_days": (won[dated], cycle[dated])}
    sums = {name: np.bincount(owner[at], minlength=size).astype("int64") for name, at in counts.items()}
    for name, (at, value) in values.items():
        sums[name] = np.zeros(size, dtype="int64")
        np.add.at(sums[name], owner[at], value)
    sums.update(_open_by_owner(book))  # the open pipeline as the book stands: the same for every period
    return {name: sums[name][:-1] for name in _SUMS}


def _open_by_owner(book) -> dict[str, np.ndarray]:
    """Per rep position (the last: no rep): the open deals' count, value and weighted value,
    once per revision."""
    def build() -> dict[str, np.ndarray]:
        deals, at, owner = deal_arrays(book), open_deals(book), owner_positions(book)
        size = len(book["Reps"]) + 1
        sums = {"open_count": np.bincount(owner[at], minlength=size).astype("int64")}
        for name, value in (("open_value", deals["amount64"][at]),
                            ("weighted_value", weighted_amounts(book)[at].astype("int64"))):
            sums[name] = np.zeros(size, dtype="int64")
            np.add.at(sums[name], owner[at], value)
        return sums
    return book.cached("open_by_owner", build, depends=())


def _with_rates(out: dict, figures: dict[str, np.ndarray], quota: tuple[np.ndarray, np.ndarray],
                rounding: str) -> pd.DataFrame:
    """``out`` (the columns before the figures) with the summed ``figures`` (int64 arrays
    aligned by position) and the rates made from them, as a table; ``quota``: the quota and
    credited of each row (object arrays, None for missing)."""
    def ints(values: np.ndarray) -> pd.arrays.IntegerArray:
        return pd.arrays.IntegerArray(values.astype("int64"), np.zeros(len(values), dtype=bool))

    f = figures
    n_won, n_closed = f["won_count"], f["won_count"] + f["lost_count"]
    won_value, n_open, cycle_days, n_cycle = f["won_value"], f["open_count"], f["cycle_days"], f["cycle_count"]
    average, velocity = np.full(len(n_won), None, dtype=object), np.full(len(n_won), None, dtype=object)
    has_won, has_cycle = n_won > 0, (n_won > 0) & (cycle_days > 0)
    if has_won.any():
        average[has_won] = round_div(won_value[has_won], n_won[has_won], rounding)
    if has_cycle.any():  # open × win rate × average won deal ÷ average cycle, rounded once
        velocity[has_cycle] = round_div(
            n_open[has_cycle].astype(object) * won_value[has_cycle].astype(object) * n_cycle[has_cycle],
            n_closed[has_cycle].astype(object) * cycle_days[has_cycle].astype(object), rounding)
    left = [None if q is None else int(q) - int(c or 0) for q, c in zip(*quota)]
    expected = f["pipeline_expected"].tolist()
    out = {
        **out,
        **{name: ints(f[name]) for name in ("created", "won_count", "won_value", "lost_count", "open_count",
                                            "open_value", "weighted_value", "pipeline_expected")},
        "win_rate": ratio(n_won, n_closed),
        "conversion_rate": ratio(f["created_won"], f["created"]),
        "avg_cycle_days": ratio(cycle_days, n_cycle),
        "avg_won_deal": pd.arrays.IntegerArray(np.where(has_won, average, 0).astype("int64"), ~has_won),
        "velocity_per_day": pd.arrays.IntegerArray(np.where(has_cycle, velocity, 0).astype("int64"), ~has_cycle),
        "quota_remaining": pd.array(left, dtype="Int64"),
        # exact: Python's int ÷ int rounds once
        "coverage": pd.array([e / r if r is not None and r > 0 else None for e, r in zip(expected, left)],
                             dtype="Float64"),
    }
    return pd.DataFrame(out)
