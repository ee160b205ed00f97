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


def most_said(on_deals: pd.DataFrame) -> pd.Series:
    """Per stage, the probability more than half of its deals (``on_deals``: ``stage``, ``p``)
    hold, else missing: deals are often adjusted one by one."""
    def majority(values: pd.Series):
        counts = values.value_counts()
        return counts.index[0] if len(counts) and counts.iloc[0] * 2 > len(values) else pd.NA
    return on_deals.groupby("stage", sort=False)["p"].agg(majority)


def new_stage_probability(name: str, kind: str, said: pd.Series) -> int | None:
    """A new stage's probability: won 100% and lost 0% whatever a deal says; an open stage
    by its deals (``said``: :func:`most_said`), else its name (a known ladder), else None (an
    even ladder among the others, made by the caller)."""
    if kind in ("won", "lost"):
        return 1_000_000 if kind == "won" else 0
    probability = said.get(name)
    if probability is not None and not pd.isna(probability):
        return probability
    ladder = STAGE_LADDER.get(normalize(name)) if kind == "open" else None
    return None if ladder is None else ladder * 10_000


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


def probability_notes(on_deals: pd.DataFrame, made: pd.DataFrame) -> list[tuple[str, dict]]:
    """What became of a probability written on each deal (``on_deals``: ``stage`` and ``p`` in
    millionths), as import warnings (template, fields): the stages ``made`` took one each (what
    most of their deals say), and those whose deals disagree took another; none made, the
    deals' were not kept. Nothing when no deal has one."""
    from planner.core.money import format_ratio
    from planner.io.import_results import DEAL_PROBABILITIES_LEFT, DEALS_DISAGREE, STAGE_PROBABILITIES

    if not len(on_deals):
        return []
    made = made[made["kind"] == "open"]
    if not len(made):
        return [(DEAL_PROBABILITIES_LEFT, {})]
    taken = dict(zip(made["stage"], made["probability"]))
    notes = [(STAGE_PROBABILITIES, {"taken": ", ".join(f"{name} {format_ratio(int(p))}" for name, p in taken.items())})]
    for name, values in on_deals.groupby("stage", sort=False)["p"]:
        distinct = sorted(set(values.astype("int64").tolist()))
        if name in taken and len(distinct) > 1 and values.value_counts().iloc[0] * 2 <= len(values):
            notes.append((DEALS_DISAGREE, {"stages": name, "values": ", ".join(map(format_ratio, distinct)),
                                           "taken": format_ratio(int(taken[name]))}))
    return notes
