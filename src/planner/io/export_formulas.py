"""Building the formulas of the computed sheets (no Qt): conditional sums that match exactly
what they name, rounding as the book rounds, and where each cell of a computed sheet is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from planner.io.export_labels import HEADERS


def _quote(text: str) -> str:
    """A string literal for a formula."""
    return '"' + str(text).replace('"', '""') + '"'


_LEADING = set("<>=+-.(#$€£¥₩@'")


def criterion_safe(text: str | None) -> bool:
    """Whether ``text`` can be a SUMIFS/COUNTIFS criterion that matches exactly itself.

    Criteria read ``* ? ~`` as patterns, a leading ``< > =`` as a comparison, and text that
    looks like a number, a date or TRUE/FALSE as that value; such text is compared with
    ``=`` inside SUMPRODUCT instead.
    """
    if text is None:
        return True
    if not text or text != text.strip() or text[0] in _LEADING or text[0].isdigit():
        return False
    if any(char in text for char in "*?~") or text.upper() in ("TRUE", "FALSE"):
        return False
    if any(char.isdigit() for char in text) and any(char in text for char in " /-:,."):
        return False  # "Jan 5", "5-3": a date to a criterion
    return True


@dataclass(frozen=True)
class Cond:
    """One condition of a conditional sum: ``range op value``; ``text`` is the text an ``=``
    compares with (to judge whether a SUMIFS criterion can hold it)."""

    range: str
    op: str
    value: str
    text: str | None = None
    literal: bool = False  # value is a string literal (already quoted)


def aggregate(conditions: Sequence[Cond], values: str | None = None) -> str:
    """``SUMIFS``/``COUNTIFS`` over ``conditions``, or ``SUMPRODUCT`` when a criterion could be
    misread (see :func:`criterion_safe`) or compares periods (labels such as ``2026-01``)."""
    if all(criterion_safe(condition.text) for condition in conditions):
        arguments = []
        for condition in conditions:
            if condition.op == "=":
                criterion = condition.value
            elif condition.literal:
                criterion = _quote(condition.op + condition.value[1:-1].replace('""', '"'))
            else:
                criterion = f'"{condition.op}"&{condition.value}'
            arguments += [condition.range, criterion]
        if values is None:
            return f"COUNTIFS({','.join(arguments)})"
        return f"SUMIFS({values},{','.join(arguments)})"
    terms = "*".join(f"({c.range}{c.op}{c.value})" for c in conditions)
    if len(conditions) == 1:
        terms = "--" + terms
    return f"SUMPRODUCT({terms})" if values is None else f"SUMPRODUCT({terms},{values})"


def rounded(expression: str, digits: int, mode: str) -> str:
    """``expression`` rounded to ``digits`` decimals as the book rounds (array-safe)."""
    if mode == "half_up":
        return f"ROUND({expression},{digits})"
    if mode == "down":
        return f"ROUNDDOWN({expression},{digits})"
    if mode == "up":
        return f"ROUNDUP({expression},{digits})"
    # half to even: ROUND, less one unit where the value sits exactly half-way above an even unit
    scale = f"10^{digits}"
    return (f"(ROUND({expression},{digits})-(ABS(MOD(ABS({expression})*{scale},2)-0.5)<1E-6)"
            f"*SIGN({expression})/{scale})")


def _sum(terms: Sequence[str]) -> str:
    return "+".join(terms) if terms else "0"


@dataclass
class _Col:
    key: str
    kind: str  # text, money, percent, ratio, int, date, number
    formula: bool = False  # a formula beside the app's value
    label: str | None = None  # the key of its header in HEADERS (default: ``key``)

    @property
    def header(self) -> str:
        """The English header (translated when written)."""
        return HEADERS[self.label or self.key]


class _Grid:
    """A computed sheet: its columns (each formula column followed by its app column, then one
    Agrees column), where each cell is, and how to write its rows."""

    def __init__(self, name: str, columns: Sequence[_Col], rows: int) -> None:
        self.name, self.columns, self.rows = name, list(columns), rows
        self.position: dict[str, int] = {}
        self.app_position: dict[str, int] = {}
        position = 0
        for column in self.columns:
            self.position[column.key] = position
            position += 1
            if column.formula:
                self.app_position[column.key] = position
                position += 1
        self.agrees = position if self.app_position else None
        self.width = position + (1 if self.agrees is not None else 0)

    def letter(self, key: str) -> str:
        return xl_col_to_name(self.position[key])

    def app_letter(self, key: str) -> str:
        return xl_col_to_name(self.app_position[key])

    def ref(self, key: str, row: int) -> str:
        """A same-sheet reference to ``key`` on data row ``row`` (``H5``)."""
        return f"{self.letter(key)}{row + 2}"

    def cell(self, key: str, row: int) -> str:
        """An absolute reference from another sheet (``Commissions!$H$5``)."""
        return f"{quote_sheetname(self.name)}!${self.letter(key)}${row + 2}"

    def range(self, key: str, first: int = 0, last: int | None = None) -> str:
        """The absolute range of ``key`` over data rows (at least one row, so formulas stay valid)."""
        last = self.rows - 1 if last is None else last
        last = max(last, first)
        letter = self.letter(key)
        return f"{quote_sheetname(self.name)}!${letter}${first + 2}:${letter}${last + 2}"

    def agrees_range(self) -> str | None:
        if self.agrees is None:
            return None
        letter = xl_col_to_name(self.agrees)
        return f"{quote_sheetname(self.name)}!${letter}$2:${letter}${max(self.rows, 1) + 1}"


def _input_range(frame: pd.DataFrame, sheet: str, column: str) -> str:
    letter = xl_col_to_name(list(frame.columns).index(column))
    return f"{quote_sheetname(sheet)}!${letter}$2:${letter}${max(len(frame), 1) + 1}"
