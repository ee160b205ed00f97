"""Exit criteria as a checklist: which stage moves ask for them, and their items.

A stage's ``exit_criteria`` is free text: the objective evidence a deal needs before it
leaves the stage (seed 004). Moving a deal *forward* (from an open stage to an open stage
of higher order, or to a won stage) shows the criteria of the stage it leaves and of every
open stage it skips (their evidence is needed all the same), one item per line, ``;`` part or
bullet, grouped by stage. Moving backward, to a lost stage, or out of a closed stage asks
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
    """What to confirm before deal ``deal`` (row id) moves from ``leaving`` to ``entering``:
    ``groups`` holds (stage name, its items) for the stage left and each open stage skipped
    that has criteria, in pipeline order."""

    deal: int
    deal_id: str
    deal_name: str
    leaving: str  # stage names as the user wrote them
    entering: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(item for _stage, items in self.groups for item in items)


def passed_stages(stages: pd.DataFrame, leaving: int, entering: int) -> list[int]:
    """The stages (row ids, in pipeline order) a forward move passes through: the one left
    and every open stage between it and the one entered (all later open ones for a won stage)."""
    order = stages["order"]
    start = order.loc[leaving]
    between = (stages["kind"] == "open") & (order > start)
    if stages.at[entering, "kind"] == "open":
        between &= order < order.loc[entering]
    skipped = stages.index[between.to_numpy(dtype=bool, na_value=False)]
    return [leaving, *order.loc[skipped].sort_values(kind="stable").index.map(int)]


def checklist(book, deal: int, stage: int) -> Checklist | None:
    """The checklist for moving deal ``deal`` to stage ``stage`` (row ids), or None when the
    move asks nothing: not forward, or neither the stage it leaves nor one it skips has criteria."""
    deals, stages = book["Deals"], book["Stages"]
    if deal not in deals.index:
        return None
    current = deals.at[deal, "stage"]
    if pd.isna(current) or not is_forward(stages, int(current), int(stage)):
        return None
    groups = []
    for passed in passed_stages(stages, int(current), int(stage)):
        items = criteria_items(stages.at[passed, "exit_criteria"])
        if items:
            groups.append((str(stages.at[passed, "stage"]), tuple(items)))
    if not groups:
        return None
    name = deals.at[deal, "name"]
    return Checklist(deal=deal, deal_id=str(deals.at[deal, "id"]), deal_name="" if pd.isna(name) else str(name),
                     leaving=str(stages.at[int(current), "stage"]), entering=str(stages.at[int(stage), "stage"]),
                     groups=tuple(groups))
