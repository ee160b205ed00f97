"""How a deal's health shows: a tint per flag and the reasons, in the user's language.

Tints are translucent, so they blend with the palette's base colour and read on light and
dark themes alike; the reasons go into tooltips and the attention list, so the flags never
rest on colour alone.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor

from planner.core import kinds
from planner.core.schema import Kind

# Role giving a Deals row's health flags, e.g. ("stalled", "slipped"); () for a healthy row.
HealthRole = Qt.ItemDataRole.UserRole + 2

# Health filters of the Deals view, in the order they are offered.
FILTERS = ("all", "attention", "stalled", "slipped")

_TINTS = {
    ("stalled",): QColor(255, 170, 0, 60),  # amber
    ("slipped",): QColor(225, 45, 95, 52),  # rose
    ("stalled", "slipped"): QColor(150, 80, 255, 60),  # violet: both
}


# The legend's entries: the flags of each tint and its name (translated in "DealHealth").
LEGEND = ((("stalled",), QT_TRANSLATE_NOOP("DealHealth", "Stalled")),
          (("slipped",), QT_TRANSLATE_NOOP("DealHealth", "Slipped")),
          (("stalled", "slipped"), QT_TRANSLATE_NOOP("DealHealth", "Both")))


def tint(flags: tuple[str, ...]) -> QColor | None:
    return _TINTS.get(flags)


def flags_of(record) -> tuple[str, ...]:
    """The flags of one row of ``deal_health`` (a mapping or Series)."""
    return tuple(flag for flag in ("stalled", "slipped") if bool(record[flag]))


def _days(value) -> str:
    """Days in a stage: a whole number."""
    return kinds.text(Kind.INT, value)


def _average(value) -> str:
    """An average of days, always with one decimal, so that every row reads alike (20.0, 12.4)."""
    return kinds.text(Kind.NUMBER, float(value))


def reasons(record) -> list[str]:
    """Why a deal (a row of ``deal_health`` or ``needs_attention``) is flagged, one line per reason."""
    translate = QCoreApplication.translate
    lines = []
    if bool(record["stalled"]):
        lines.append(translate("DealHealth", "Stalled: %1 days in %2 (won deals average %3)").replace(
            "%1", _days(record["days_in_stage"])).replace("%2", str(record["stage"])).replace(
            "%3", _average(record["won_avg_days"])))
    if bool(record["slipped"]):
        if int(record["slips"]) >= 2:
            lines.append(translate("DealHealth", "Slipped: expected close moved later %1 times").replace(
                "%1", str(int(record["slips"]))))
        if bool(record["overdue"]):
            expected = record.get("expected_close")
            if expected is None or pd.isna(expected):
                lines.append(translate("DealHealth", "Overdue: expected close is past"))
            else:
                lines.append(translate("DealHealth", "Overdue: expected close %1 is past").replace(
                    "%1", kinds.text(Kind.DATE, expected)))
    return lines


class HealthMarks:
    """Deals' health by row id: flags, and the tooltip saying why (only flagged deals; worked
    out when a deal's tooltip is first asked for, not for each of thousands at every result)."""

    def __init__(self, health: pd.DataFrame | None = None, expected_close: pd.Series | None = None) -> None:
        self.flags: dict[int, tuple[str, ...]] = {}
        self._tips: dict[int, str] = {}
        if health is None or not len(health):
            return
        flagged = health[health["stalled"].to_numpy(dtype=bool) | health["slipped"].to_numpy(dtype=bool)]
        if expected_close is not None:
            flagged = flagged.assign(expected_close=expected_close.reindex(flagged.index))
        self._flagged = flagged
        self.flags = {row: flags_of({"stalled": stalled, "slipped": slipped}) for row, stalled, slipped in zip(
            flagged.index.tolist(), flagged["stalled"].tolist(), flagged["slipped"].tolist())}

    def tip(self, row: int) -> str | None:
        """Why the deal with id ``row`` is flagged, one line per reason (None: it is not)."""
        if row not in self.flags:
            return None
        if row not in self._tips:
            self._tips[row] = "\n".join(reasons(self._flagged.loc[row]))
        return self._tips[row]

    def rows(self, which: str) -> list[int]:
        """Row ids shown by health filter ``which`` ("attention", "stalled", "slipped")."""
        if which == "attention":
            return list(self.flags)
        return [row for row, flags in self.flags.items() if which in flags]

    def count(self, which: str) -> int:
        return len(self.rows(which))
