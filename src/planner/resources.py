"""Where the shipped resources (demo book source, translations, icons) live.

In a source checkout they are the top-level ``resources/`` folder; an installed wheel carries
them as ``planner/_resources``; a PyInstaller bundle unpacks them to ``resources/`` beside
the executable's modules.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resource_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [here / "_resources", here.parents[1] / "resources"]
    if hasattr(sys, "_MEIPASS"):
        candidates.insert(0, Path(sys._MEIPASS) / "resources")
    for candidate in candidates:
        if (candidate / "demo").is_dir():
            return candidate
    raise FileNotFoundError("Planner's resources folder is missing; reinstall Planner")


def resource(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource("demo", "reps.csv")``."""
    return resource_dir().joinpath(*parts)
