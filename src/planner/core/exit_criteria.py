"""Exit criteria as a checklist: which stage moves ask for them, and their items.

A stage's ``exit_criteria`` is free text: the objective evidence a deal needs before it
leaves the stage (seed 004). Moving a deal *forward* (from an open stage to an open stage
of higher order, or to a won stage) shows the criteria of the stage it leaves, one item per
line, ``;`` part or bullet. Moving backward, to a lost stage, or out of a closed stage asks
nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

# Item breaks: new lines, semicolons (ASCII and full-width), and bullets. A "・" is a bullet
# only at the start of a line or after a space: inside a word it joins names (ジョン・スミス).
_BREAKS = re.compile(r"[\r\n;；•]+|(?:^|\s)・")
# Bullet and numbering marks left at the start of an item: "・", "- ", "* ", "1. ", "2) ", "①".
_MARKS = re.compile(r"^(?:[・•]\s*|[-*–—]\s+|\d{1,2}[.)]\s+|[①-⑳]\s*)")


def criteria_items(text: str | None) -> list[str]:
    """The items of an exit-criteria text, in order, without bullets; [] for none."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    items = []
    for part in _BREAKS.split(str(text)):
        item = _MARKS.sub("", part.strip()).strip()
        if item:
            items.append(item)
    return items


def is_forward(stages: pd.DataFrame, leaving: int, entering: int) -> bool:
    """Whether moving from stage ``leaving`` to stage ``entering`` (Stages row ids) is a move
    forward: from an open stage to an open stage of higher order, or to a won stage."""
    if leaving == entering or leaving not in stages.index or entering not in stages.index:
        return False
    before, after = stages.loc[leaving], stages.loc[entering]
    if before["kind"] != "open":
        return False
    if after["kind"] == "won":
        return True
    return after["kind"] == "open" and not pd.isna(before["order"]) and not pd.isna(after["order"]) \
        and after["order"] > before["order"]


@dataclass(frozen=True)
class Checklist:
    """What to confirm before deal ``deal`` (row id) moves from ``leaving`` to ``entering``."""

    deal: int
    deal_id: str
    deal_name: str
    leaving: str  # stage names as the user wrote them
    entering: str
    items: tuple[str, ...]


def checklist(book, deal: int, stage: int) -> Checklist | None:
    """The checklist for moving deal ``deal`` to stage ``stage`` (row ids), or None when the
    move asks nothing: not forward, or the stage it leaves has no criteria."""
    deals, stages = book["Deals"], book["Stages"]
    if deal not in deals.index:
        return None
    current = deals.at[deal, "stage"]
    if pd.isna(current) or not is_forward(stages, int(current), int(stage)):
        return None
    items = criteria_items(stages.at[int(current), "exit_criteria"])
    if not items:
        return None
    name = deals.at[deal, "name"]
    return Checklist(deal=deal, deal_id=str(deals.at[deal, "id"]), deal_name="" if pd.isna(name) else str(name),
                     leaving=str(stages.at[int(current), "stage"]), entering=str(stages.at[int(stage), "stage"]),
                     items=tuple(items))
