"""What a stage's name says: won or lost (``Closed Won``, ``受注``, ``실주``), and the typical
probability of a common open stage, for stages an import creates."""

from __future__ import annotations

import re

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
