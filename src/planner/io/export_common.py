"""What every part of an export shares (no Qt): Excel's limits, the sheet names, the summary
of what was written, and values as Excel holds them (serial days, escaped text)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.io.export_labels import AGREES, APP  # noqa: F401 (AGREES: named here for excel_export)

# An Excel sheet has 1,048,576 rows; the header takes one.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_TEXT = 32_767
EXCEL_MAX_FORMULA = 8_192
INPUT_SHEETS = schema.SHEETS
COMPUTED_SHEETS = ("Summary", "Charts", "Dashboard", "AttainmentCharts", "Backtest", "Commissions", "Statements", "Attainment",
                   "TeamAttainment", "Forecast", "PipelineStages", "PipelineByRep", "WonByMonth", "CreditLines", "Problems")
APP_SUFFIX = APP.format(label="")  # the English headers (translated when written)

# Error messages, marked for translation (tools/translations.py update).
TOO_MANY_ROWS = QT_TRANSLATE_NOOP("errors", "{sheet} has {rows:,} rows: an Excel sheet holds at most {limit:,} rows under its header")
FORMULA_TOO_LONG = QT_TRANSLATE_NOOP("errors", "{sheet} {cell}: the formula would be longer than Excel allows; only the app's value is given")
TEXT_TOO_LONG = (QT_TRANSLATE_NOOP("errors", "{sheet} row {row}, column {column}: text of {length:,} characters is longer than an "
                 "Excel cell holds ({limit:,})"))

Progress = Callable[[float, str], None]


@dataclass
class ExportSummary:
    """What :func:`export_book` wrote."""

    path: Path
    period: str | None  # None when the book has problems and no figures were computed
    sheets: dict[str, int] = field(default_factory=dict)  # data rows per sheet
    formulas: int = 0
    charts: int = 0
    problems: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _check_rows(sheet: str, rows: int) -> None:
    if rows + 1 > EXCEL_MAX_ROWS:
        raise PlannerError(TOO_MANY_ROWS, sheet=sheet, rows=rows, limit=EXCEL_MAX_ROWS - 1)



# -- values as Excel holds them -----------------------------------------------------------------

_EXCEL_EPOCH_DAYS = 25_569  # 1970-01-01 as an Excel serial day


def excel_serials(days: pd.Series) -> np.ndarray:
    """Excel serial day numbers (1900 date system) of ``days`` (missing days give 0)."""
    values = days.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    serials = values.astype("int64") + _EXCEL_EPOCH_DAYS
    serials[np.isnat(values)] = 0
    # Excel counts a 1900-02-29 that never was: days before 1900-03-01 are one lower
    return np.where(serials <= 60, serials - 1, serials)


_EXCEL_EPOCH = date(1899, 12, 30)


def excel_serial(day: date) -> int:
    """The Excel serial number of one day (1900 date system)."""
    day = day.date() if isinstance(day, datetime) else day
    serial = (day - _EXCEL_EPOCH).days
    return serial - 1 if serial <= 60 else serial


def _major(minor, digits: int) -> float:
    return int(minor) / 10**digits


_ESCAPE_MARK = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")


def _xml_text(text: str) -> str:
    """Text as the content of an OOXML ``<t>`` element (as XlsxWriter escapes it)."""
    if not _SPECIAL.search(text):
        return text
    text = _ESCAPE_MARK.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)



def _na(value):
    """``None`` for a missing value (pd.NA, NaN), else the value."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value

