"""The deals that need attention: stalled or slipped open deals, most severe first.

Severity, in order: deals both stalled and slipped come first; then the deal most days late
(past its stall threshold of 1.5 × the won average, or past its expected close, whichever
is more); then the most slips; then the longest in its stage; then the deal id.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from planner.core.health import STALL_FACTOR

COLUMNS = ("id", "name", "owner", "stage", "days_in_stage", "won_avg_days", "stalled", "slipped", "slips",
           "overdue", "expected_close", "overdue_days", "days_late")


def needs_attention(book, health: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The stalled or slipped rows of ``health`` (:func:`planner.core.health.deal_health` of
    ``book`` at ``as_of``), indexed by deal row id, most severe first, with the deal's name,
    owner's name and expected close from ``book``; ``overdue_days`` counts the days past the
    expected close and ``days_late`` is the larger of that and the days past the stall
    threshold."""
    if health is None or not len(health):
        return pd.DataFrame(columns=list(COLUMNS), index=pd.Index([], name=None))
    flagged = health[health["stalled"].to_numpy(dtype=bool) | health["slipped"].to_numpy(dtype=bool)]
    deals = book["Deals"].reindex(flagged.index)
    owners = deals["owner"].map(book.titles("Reps")).astype("string")
    expected = deals["expected_close"].to_numpy(dtype="datetime64[ns]")
    today = np.datetime64(as_of, "ns")
    overdue_days = np.where(flagged["overdue"].to_numpy(dtype=bool), (today - expected) // np.timedelta64(1, "D"), 0)
    days = flagged["days_in_stage"].to_numpy(dtype="float64", na_value=np.nan)
    numerator, denominator = STALL_FACTOR
    threshold = flagged["won_avg_days"].to_numpy(dtype="float64", na_value=np.nan) * numerator / denominator
    past_threshold = np.where(flagged["stalled"].to_numpy(dtype=bool), np.nan_to_num(days - threshold), 0.0)
    frame = pd.DataFrame({
        "id": flagged["id"],
        "name": deals["name"].astype("string"),
        "owner": owners,
        "stage": flagged["stage"],
        "days_in_stage": flagged["days_in_stage"],
        "won_avg_days": flagged["won_avg_days"],
        "stalled": flagged["stalled"].astype(bool),
        "slipped": flagged["slipped"].astype(bool),
        "slips": flagged["slips"].astype("int64"),
        "overdue": flagged["overdue"].astype(bool),
        "expected_close": deals["expected_close"],
        "overdue_days": overdue_days.astype("int64"),
        "days_late": np.maximum(past_threshold, overdue_days).round(1),
    }, index=flagged.index)
    flags = frame["stalled"].astype(int) + frame["slipped"].astype(int)
    order = pd.DataFrame({"flags": flags, "late": frame["days_late"], "slips": frame["slips"],
                          "days": frame["days_in_stage"].fillna(0).astype("int64"), "id": frame["id"]})
    order = order.sort_values(["flags", "late", "slips", "days", "id"], ascending=[False, False, False, False, True],
                              kind="stable")
    return frame.loc[order.index]
