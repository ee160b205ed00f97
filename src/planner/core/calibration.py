"""Stage calibration: the probability the book gives each open stage beside the win rate
actually observed from it (issue 19).

A deal was in an open stage when it reached it or a later one (core/metrics.furthest_stage, as
the funnel counts: a won deal passed every open stage); of those deals, the ones decided since
(won or lost) give the observed rate won ÷ (won + lost); deals still open are counted apart.
A won deal cancelled later still counts as won from the stage. The interval is the Wilson score
interval at 95% (z = 1.96): unlike p ± z·√(p(1−p)/n) it stays within 0-100% and is honest for
few deals. :func:`calibration_change` sets the observed rates as one change (one undo step).
"""

from __future__ import annotations

import math

import pandas as pd

from planner.core import schema
from planner.core.changes import SetValues
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.facts import deal_arrays
from planner.core.metrics import furthest_stage
from planner.core.money import RATIO_SCALE, round_div
from planner.core.schema import ROW_ID, Kind

Z_95 = 1.96

_C = schema.Column

CALIBRATION = schema.Table("StageCalibration", QT_TRANSLATE_NOOP("schema", "Stage calibration"), (
    _C("stage", Kind.TEXT, QT_TRANSLATE_NOOP("schema", "Stage")),
    _C("probability", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Probability (book)")),
    _C("reached", Kind.INT, QT_TRANSLATE_NOOP("schema", "Deals in the stage")),
    _C("won", Kind.INT, QT_TRANSLATE_NOOP("schema", "Later won")),
    _C("lost", Kind.INT, QT_TRANSLATE_NOOP("schema", "Later lost")),
    _C("open", Kind.INT, QT_TRANSLATE_NOOP("schema", "Still open")),
    _C("observed", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "Observed win rate")),
    _C("low", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "95% interval, low")),
    _C("high", Kind.PERCENT, QT_TRANSLATE_NOOP("schema", "95% interval, high")),
))


def wilson(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | tuple[None, None]:
    """The Wilson score interval of ``successes`` in ``trials`` (``(None, None)`` for none)."""
    if not trials:
        return None, None
    p, z2 = successes / trials, z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z / (1 + z2 / trials) * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


def calibration(book) -> pd.DataFrame:
    """Per open stage in pipeline order (:data:`CALIBRATION`), indexed by the stage's row id."""
    names, furthest = furthest_stage(book)
    deals = deal_arrays(book)
    probability = book["Stages"]["probability"]
    rows = []
    for rank, (stage, name) in enumerate(names.items()):
        reached = furthest >= rank
        won, lost = int((reached & deals["won"]).sum()), int((reached & deals["lost"]).sum())
        low, high = wilson(won, won + lost)
        rows.append({"stage": name, "probability": int(probability[stage]) / RATIO_SCALE,
                     "reached": int(reached.sum()), "won": won, "lost": lost,
                     "open": int((reached & deals["open"]).sum()),
                     "observed": won / (won + lost) if won + lost else None, "low": low, "high": high})
    frame = pd.DataFrame(rows, columns=CALIBRATION.names, index=pd.Index(names.index, name=ROW_ID))
    return frame.astype({c.name: schema.DTYPES[c.kind] for c in CALIBRATION.columns})


def observed_probabilities(book) -> pd.Series:
    """The observed rate of each open stage with a decided deal, in millionths (half up), where it
    differs from the book's: what :func:`calibration_change` sets."""
    names, furthest = furthest_stage(book)
    deals = deal_arrays(book)
    current = book["Stages"]["probability"]
    rates = {}
    for rank, stage in enumerate(names.index):
        reached = furthest >= rank
        won, lost = int((reached & deals["won"]).sum()), int((reached & deals["lost"]).sum())
        if won + lost:
            rate = round_div(won * RATIO_SCALE, won + lost, "half_up")
            if rate != current[stage]:
                rates[stage] = rate
    return pd.Series(rates, dtype="Int64", name="probability")


def calibration_change(book) -> SetValues | None:
    """The change (not applied) that sets each open stage's probability to its observed win rate;
    ``None`` when every stage already has it."""
    rates = observed_probabilities(book)
    if not len(rates):
        return None
    return SetValues("Stages", pd.DataFrame({"probability": rates.array},
                                            index=pd.Index(rates.index, dtype="int64", name=ROW_ID)))
