"""What a stage's name says: won or lost (``Closed Won``, ``受注``, ``실주``), the typical
probability of a common open stage, and where the stages an import creates go."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from planner.io.import_aliases import LOST_NAMES, STAGE_LADDER_NAMES, WON_NAMES
from planner.io.mapping import normalize

_WON = {normalize(name) for name in WON_NAMES}
_LOST = {normalize(name) for name in LOST_NAMES}
# Typical probabilities of common open stage names: a starting ladder the user can change.
STAGE_LADDER = {normalize(name): probability for name, probability in STAGE_LADDER_NAMES}


def kind_of_stage(name: str) -> str | None:
    """``"won"`` or ``"lost"`` when a stage's name says so (``Closed Won``, ``受注``, ``실주``), else None."""
    key = normalize(name)
    if key in _WON or re.search(r"(?:^|closed|close)won$", key):
        return "won"
    if key in _LOST or re.search(r"(?:^|closed|close)lost$", key):
        return "lost"
    return None


def place_new_stages(stages: pd.DataFrame, new_kinds: pd.Series) -> tuple[np.ndarray, int, int]:
    """Where new stages go among ``stages`` (``order`` and ``kind`` of those there already):
    open ones right after the last open stage, won and lost ones after every stage.

    Returns
    -------
    (orders, last_open, shift)
        The new stages' orders (``new_kinds`` lists the open ones first); the stages ordered
        after ``last_open`` move down by ``shift`` to make room (0 when there is room already).
    """
    stages = stages[stages["order"].notna()]
    opening = int((new_kinds == "open").sum())
    is_open = stages["kind"].astype("string").fillna("").eq("open").to_numpy(dtype=bool)
    last_open = int(stages.loc[is_open, "order"].max()) if is_open.any() else 0
    later = stages.loc[stages["order"] > last_open, "order"]
    shift = max(0, opening - (int(later.min()) - last_open - 1)) if len(later) and opening else 0
    top = max(int(stages["order"].max()) + shift if len(stages) else 0, last_open + opening)
    return (np.concatenate([np.arange(last_open + 1, last_open + 1 + opening),
                            np.arange(top + 1, top + 1 + len(new_kinds) - opening)]), last_open, shift)
