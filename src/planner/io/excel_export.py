"""Export a book to one auditable Excel workbook (XlsxWriter; no Qt).

The workbook holds, in this order:

- **Summary**: the book, the period, the key pipeline and forecast figures, how many formula
  checks disagree, and the engine's warnings; **Charts**: native Excel charts (pipeline by
  stage, attainment by rep against 100 %, forecast against quota per quarter, won revenue by
  month);
- the **computed sheets**: Commissions, CommissionLines (the statement lines), Attainment and
  TeamAttainment (the report period first, then the other quarters and the year), Forecast,
  PipelineStages, PipelineByRep and WonByMonth;
- the **input sheets**, one per table of the schema in schema order, headed by the schema's
  column names and followed by the user's own columns: re-importing them gives the same book;
- **CreditLines**: the engine's credit lines (a won deal's amount credited to its owner or
  split between reps, and the reversal of a cancelled one), which attainment sums.

A book with problems is exported as its input sheets and a **Problems** sheet. Reading an
export back: :func:`export_mapping` tells the importer which sheets are tables.

Auditable: wherever a formula can say how a figure is computed, the computed sheets hold a
live formula over the exported sheets (``SUMIFS``/``COUNTIFS``, or ``SUMPRODUCT`` where a
criterion could be misread as a pattern, a number or a date), the value Planner computed
beside it in a column headed ``… (app)``, and an ``Agrees`` column that is TRUE when every
formula of the row equals the app's value to the minor unit. Formulas name the data ranges
they read (``SUMIFS(CreditLines_amount,CreditLines_rep,A2,…)``; ``PeriodStart``/``PeriodEnd``
are the report period's first and last days on the Summary). Formulas are written without
cached values; Excel and LibreOffice compute them on opening. Money is in major units of the
book's currency, rounded in formulas as the book rounds (``ROUND``, ``ROUNDDOWN``, …), and each
weighted amount is rounded per deal, exactly as the engine does, so sums agree to the cent.

User text is always written as text (a value starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return stays text), never as a formula.

The large input sheets are written in XlsxWriter's ``constant_memory`` mode, their rows
built as XML text a column at a time with numpy (:class:`_FastRows`); where that fast path is
unavailable the same cells go through XlsxWriter's ``write_*`` calls.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import secrets
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from planner.core import schema
from planner.core.attainment import attainment, credit_lines
from planner.core.book import Book, Tables
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.facts import deal_facts, weighted_amounts
from planner.core.forecast import forecast
from planner.core.metrics import pipeline_metrics
from planner.core.money import RATIO_SCALE, minor_digits
from planner.core.periods import Period
from planner.core.problems import BookProblems
from planner.core.report import Report, compute_report
from planner.core.schema import Kind

# An Excel sheet has 1,048,576 rows; the header takes one.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_TEXT = 32_767
EXCEL_MAX_FORMULA = 8_192
INPUT_SHEETS = tuple(schema.TABLES)
COMPUTED_SHEETS = ("Summary", "Charts", "Commissions", "CommissionLines", "Attainment", "TeamAttainment",
                   "Forecast", "PipelineStages", "PipelineByRep", "WonByMonth", "CreditLines", "Problems")
APP_SUFFIX = " (app)"
AGREES = "Agrees"

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


def export_book(book: Tables, path: str | os.PathLike, period: Period | str | None = None,
                progress: Progress | None = None) -> ExportSummary:
    """Write ``book`` (a :class:`Book` or a snapshot) to the workbook ``path``.

    ``period`` (default: the quarter of the book's date) is the period of the computed
    sheets. A book with problems is exported too, input sheets only, with a Problems sheet
    listing them. ``progress(fraction, step)`` is called as the work advances (raise from it
    to cancel). The file is written beside ``path`` and renamed into place, so a failed or
    cancelled export never leaves half a workbook.

    Raises
    ------
    PlannerError
        When a setting the figures need is wrong (currency, as_of, rounding), when a sheet
        would exceed Excel's row limit, or when a text is longer than an Excel cell holds.
    """
    started = time.perf_counter()
    if progress:
        progress(0.0, "Computing")
    snapshot = book.snapshot() if isinstance(book, Book) else book
    snapshot.check_settings()
    if isinstance(period, str):
        period = Period.parse(period)
    period = period or snapshot.current_period()
    path = Path(path)
    report = None
    with contextlib.suppress(BookProblems):  # exported without figures, with its problems listed
        report = compute_report(snapshot, period)
    inputs = _input_frames(snapshot)
    for name, frame in inputs.items():
        _check_rows(name, len(frame))

    temporary = path.resolve().parent / f".{path.stem}-{secrets.token_hex(6)}.xlsx"
    try:
        writer = _WorkbookWriter(snapshot, report, period, inputs, str(temporary), progress)
        summary = writer.write()
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    summary.path = path
    summary.seconds = time.perf_counter() - started
    return summary


def export_mapping():
    """The import mapping that reads an exported workbook back into a book: each input sheet
    as its table, every computed sheet left out (their headers look like tables' headers)."""
    from planner.io.mapping import Mapping

    return Mapping(tables={**{name: name for name in INPUT_SHEETS}, **dict.fromkeys(COMPUTED_SHEETS)})


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


# -- the input sheets ---------------------------------------------------------------------------------

def _input_frames(snapshot: Tables) -> dict[str, pd.DataFrame]:
    """Each table as the user wrote it: references as the user's ids (or the text that did
    not resolve), periods of Quotas as their canonical labels (``2026-Q1``)."""
    frames = {}
    for name, spec in schema.TABLES.items():
        frame = snapshot.keyed(name).copy(deep=False)
        for column in spec.refs:
            typed = snapshot.unresolved(name, column.name)
            if typed:
                frame[column.name] = frame[column.name].fillna(pd.Series(typed, dtype="string"))
        if name == "Quotas" and len(frame):
            frame["period"] = frame["period"].map(_canonical_period).astype("string")
        frames[name] = frame.reset_index(drop=True)
    return frames


def _canonical_period(text):
    if text is None or text is pd.NA:
        return text
    try:
        return Period.parse(text).label
    except PlannerError:
        return text


def _column_kinds(name: str, frame: pd.DataFrame) -> list[str]:
    """How each column of an input table is written: money, ratio, int, date, number or text."""
    spec = schema.TABLES[name]
    kinds = []
    for column in frame.columns:
        if column in spec.names:
            kind = spec.column(column).kind
            kinds.append({Kind.MONEY: "money", Kind.RATIO: "ratio", Kind.INT: "int",
                          Kind.DATE: "date"}.get(kind, "text"))
        else:
            kinds.append(schema.extra_kind(frame[column]))
    return kinds


def _check_rows(sheet: str, rows: int) -> None:
    if rows + 1 > EXCEL_MAX_ROWS:
        raise PlannerError(TOO_MANY_ROWS, sheet=sheet, rows=rows, limit=EXCEL_MAX_ROWS - 1)


class _Styles:
    """The workbook's cell formats, money in the book's currency."""

    def __init__(self, workbook: xlsxwriter.Workbook, currency: str) -> None:
        self.digits = minor_digits(currency)
        decimals = "." + "0" * self.digits if self.digits else ""
        self.money_code = f"[${currency}] #,##0{decimals}"
        self.money_axis = f"[${currency}] #,##0"  # chart axes: whole units
        add = workbook.add_format
        self.header = add({"bold": True, "bg_color": "#DDE4EE", "bottom": 1, "valign": "top"})
        self.app_header = add({"bold": True, "bg_color": "#EEEEEE", "bottom": 1, "font_color": "#555555",
                               "valign": "top"})
        self.money = add({"num_format": self.money_code})
        self.app_money = add({"num_format": self.money_code, "font_color": "#555555"})
        self.date = add({"num_format": "yyyy-mm-dd"})
        self.int = add({"num_format": "#,##0"})
        self.app_int = add({"num_format": "#,##0", "font_color": "#555555"})
        self.number = add({"num_format": "#,##0.0"})
        self.app_number = add({"num_format": "#,##0.0", "font_color": "#555555"})
        self.percent = add({"num_format": "0.0%"})
        self.app_percent = add({"num_format": "0.0%", "font_color": "#555555"})
        self.ratio_whole = add({"num_format": "0%"})
        self.ratio = add({"num_format": "0.0##%"})
        self.app_ratio = add({"num_format": "0.0##%", "font_color": "#555555"})
        self.bold = add({"bold": True})
        self.title = add({"bold": True, "font_size": 14})
        self.note = add({"italic": True, "font_color": "#555555"})
        self.total_label = add({"bold": True, "top": 1})
        self.total_money = add({"bold": True, "top": 1, "num_format": self.money_code})
        self.total_int = add({"bold": True, "top": 1, "num_format": "#,##0"})
        self.check = add({"align": "center"})

    def for_kind(self, kind: str, app: bool = False):
        name = {"money": "money", "percent": "percent", "ratio": "ratio", "int": "int", "date": "date",
                "number": "number"}.get(kind)
        if name is None:
            return None
        if app and name != "date":
            return getattr(self, f"app_{name}")
        return getattr(self, name)


class _TableWriter:
    """Writes a table of values (an input sheet or CreditLines): header, cells, frozen header,
    filter and column widths."""

    CHUNK = 20_000

    def __init__(self, workbook: xlsxwriter.Workbook, styles: _Styles) -> None:
        self.workbook, self.styles = workbook, styles

    def write(self, sheet: str, frame: pd.DataFrame, kinds: Sequence[str], frozen_columns: int = 0,
              progress: Callable[[float], None] | None = None):
        _check_rows(sheet, len(frame))
        worksheet = self.workbook.add_worksheet(sheet)
        columns = [self._column(sheet, frame, name, kind) for name, kind in zip(frame.columns, kinds)]
        for position, name in enumerate(frame.columns):
            worksheet.write_string(0, position, str(name), self.styles.header)
        rows = len(frame)
        if rows:
            if _FastRows.supported(worksheet):
                _FastRows(worksheet, self.styles.digits).write(columns, rows, self.CHUNK, progress)
            else:
                self._write_cells(worksheet, columns, rows, progress)
        for position, column in enumerate(columns):
            worksheet.set_column(position, position, column.width)
        worksheet.freeze_panes(1, frozen_columns)
        worksheet.autofilter(0, 0, max(rows, 1), max(len(columns) - 1, 0))
        worksheet.set_landscape()
        worksheet.repeat_rows(0)  # the header on every printed page
        return worksheet

    def _column(self, sheet: str, frame: pd.DataFrame, name: str, kind: str) -> _Column:
        values = frame[name]
        missing = values.isna().to_numpy(dtype=bool)
        sample = values.iloc[:500]
        header_width = _display_width(str(name)) + 3  # room for the filter button
        if kind == "money":
            minor = values.astype("Int64").to_numpy(dtype="int64", na_value=0)
            widest = int(np.abs(minor).max()) if len(minor) else 0
            width = len(f"{widest / 10 ** self.styles.digits:,.{self.styles.digits}f}") + 6
            return _Column(kind, self.styles.money, minor, missing, max(width, header_width))
        if kind == "ratio":
            ppm = values.astype("Int64").to_numpy(dtype="int64", na_value=0)
            whole = bool((ppm % 10_000 == 0).all())
            style = self.styles.ratio_whole if whole else self.styles.ratio
            return _Column(kind, style, ppm, missing, max(9, header_width))
        if kind == "int":
            numbers = values.astype("Int64").to_numpy(dtype="int64", na_value=0)
            width = len(f"{int(np.abs(numbers).max()):,}") + 2 if len(numbers) else 6
            return _Column(kind, self.styles.int, numbers, missing, max(width, header_width))
        if kind == "date":
            return _Column(kind, self.styles.date, excel_serials(values), missing, max(11, header_width))
        if kind == "number":
            numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
            missing = ~np.isfinite(numbers)
            return _Column(kind, None, numbers, missing, max(12, header_width))
        texts = values.astype("string")
        lengths = texts.str.len().fillna(0).to_numpy(dtype="int64")
        if len(lengths) and lengths.max() > EXCEL_MAX_TEXT:
            row = int(np.argmax(lengths > EXCEL_MAX_TEXT))
            raise PlannerError(TEXT_TOO_LONG, sheet=sheet, row=row + 2, column=name, length=int(lengths[row]),
                               limit=EXCEL_MAX_TEXT)
        widths = [_display_width(text) for text in sample.dropna().astype(str)]
        width = min(max([8, header_width, *(w + 2 for w in widths)]), 60)
        return _Column("text", None, texts.to_numpy(dtype=object, na_value=None), missing, width)

    def _write_cells(self, worksheet, columns: list[_Column], rows: int, progress) -> None:
        """The plain path: one XlsxWriter call per cell."""
        digits = self.styles.digits
        python = [column.python_values(digits) for column in columns]
        for start in range(0, rows, self.CHUNK):
            for row in range(start, min(start + self.CHUNK, rows)):
                for position, column in enumerate(columns):
                    value = python[position][row]
                    if value is None:
                        continue
                    if column.kind == "text":
                        worksheet.write_string(row + 1, position, value)
                    else:
                        worksheet.write_number(row + 1, position, value, column.style)
            if progress:
                progress(min(start + self.CHUNK, rows) / rows)


@dataclass
class _Column:
    kind: str  # money (minor units), ratio (millionths), int, date (serials), number, text
    style: object
    values: np.ndarray
    missing: np.ndarray
    width: float
    _cells: tuple | None = None  # text: (codes, the XML after t="inlineStr of each distinct text)

    def python_values(self, digits: int) -> list:
        if self.kind == "text":
            out = list(self.values)
        elif self.kind == "money":
            out = [_major(value, digits) for value in self.values.tolist()]
        elif self.kind == "ratio":
            out = [value / RATIO_SCALE for value in self.values.tolist()]
        else:
            out = self.values.tolist()
        for position in np.flatnonzero(self.missing):
            out[position] = None
        return out

    def xml_values(self, digits: int, first: int, last: int) -> np.ndarray:
        """The cells' values as OOXML text, rows first:last: numbers as exact decimals; text as
        the rest of an inline string cell after its ``t="inlineStr`` (escaped, with
        ``xml:space="preserve"`` where it starts or ends with a space)."""
        values = self.values[first:last]
        if self.kind == "text":
            if self._cells is None:  # each distinct text is escaped once
                codes, uniques = pd.factorize(pd.Series(self.values, dtype=object))
                cells = np.array([('"><is><t xml:space="preserve">' if text[:1].isspace() or text[-1:].isspace()
                                   else '"><is><t>') + _xml_text(text) for text in uniques] + [""], dtype=object)
                self._cells = (codes, cells)  # missing texts have code -1: the "" at the end
            codes, cells = self._cells
            return cells[codes[first:last]]
        if self.kind == "money":
            return _decimal_text(values, digits)
        if self.kind == "ratio":
            return _decimal_text(values, 6)
        if self.kind == "number":
            return np.where(np.isfinite(values), values, 0).astype(str).astype(object)
        return values.astype(str).astype(object)


def _decimal_text(units: np.ndarray, digits: int) -> np.ndarray:
    """Integers of 10^-digits as exact decimal text (``123450, 2 -> "1234.50"``)."""
    if digits == 0:
        return units.astype(str).astype(object)
    magnitude = np.abs(units)
    whole = (magnitude // 10**digits).astype(str)
    fraction = np.char.zfill((magnitude % 10**digits).astype(str), digits)
    text = np.char.add(np.char.add(whole, "."), fraction)
    return np.where(units < 0, np.char.add("-", text), text).astype(object)


class _FastRows:
    """Rows of a ``constant_memory`` worksheet written as XML built a column at a time.

    XlsxWriter writes a constant-memory sheet's rows to a temporary file as it goes and
    assembles the sheet from it on close. This writes the same ``<row>``/``<c>`` elements
    XlsxWriter would (numbers with their format's index, text as escaped inline strings)
    straight to that file, then leaves the sheet's bookkeeping (used range, last row) as if
    XlsxWriter had written them. It relies on XlsxWriter internals, so :meth:`supported`
    checks they are there; tests compare its output with the plain path's.
    """

    def __init__(self, worksheet, digits: int) -> None:
        self.worksheet, self.digits = worksheet, digits

    @staticmethod
    def supported(worksheet) -> bool:
        return (getattr(worksheet, "constant_memory", False) and hasattr(worksheet, "_write_single_row")
                and hasattr(worksheet, "_check_dimensions") and hasattr(worksheet, "previous_row")
                and hasattr(worksheet, "fh"))

    def write(self, columns: list[_Column], rows: int, chunk: int, progress) -> None:
        sheet = self.worksheet
        sheet._write_single_row(1)  # flush the header row; rows from 1 on are ours
        if sheet._check_dimensions(rows, len(columns) - 1):
            raise RuntimeError("row out of range")  # _check_rows refused this already
        styles = [column.style._get_xf_index() if column.style is not None else None for column in columns]
        letters = [xl_col_to_name(position) for position in range(len(columns))]
        for first in range(0, rows, chunk):
            last = min(first + chunk, rows)
            numbers = (np.arange(first, last) + 2).astype(str).astype(object)
            line = '<row r="' + numbers + '">'
            for position, column in enumerate(columns):
                text = column.xml_values(self.digits, first, last)
                if column.kind == "text":
                    cell = f'<c r="{letters[position]}' + numbers + '" t="inlineStr' + text + "</t></is></c>"
                else:
                    style = f' s="{styles[position]}"' if styles[position] is not None else ""
                    cell = f'<c r="{letters[position]}' + numbers + f'"{style}><v>' + text + "</v></c>"
                cell[column.missing[first:last]] = ""
                line = line + cell
            sheet.fh.write("".join((line + "</row>").tolist()))
            if progress:
                progress(last / rows)
        sheet.previous_row = rows


# -- formulas --------------------------------------------------------------------------------------------

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
    header: str
    kind: str  # text, money, percent, ratio, int, date, number
    formula: bool = False


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


# -- the workbook ------------------------------------------------------------------------------------

class _WorkbookWriter:
    """Lays out and writes every sheet of one export."""

    def __init__(self, snapshot: Tables, report: Report | None, period: Period, inputs: dict[str, pd.DataFrame],
                 path: str, progress: Progress | None) -> None:
        self.snapshot, self.report, self.period, self.inputs = snapshot, report, period, inputs
        self.progress = progress or (lambda fraction, step: None)
        self.workbook = xlsxwriter.Workbook(path, {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False, "default_date_format": "yyyy-mm-dd",
        })
        self.styles = _Styles(self.workbook, snapshot.currency)
        self.digits = self.styles.digits
        self.rounding = snapshot.rounding
        self.tables = _TableWriter(self.workbook, self.styles)
        self.summary = ExportSummary(Path(path), period.label if report is not None else None)
        self.grids: dict[str, _Grid] = {}
        self.names: dict[str, str] = {}

    # -- orchestration --------------------------------------------------------------------------
    def write(self) -> ExportSummary:
        try:
            if self.report is None:
                self._write_problems()
                self._write_inputs(0.05, 0.95)
            else:
                self._prepare()
                self.progress(0.1, "Summary")
                self._write_summary()
                self._write_charts()
                computed = (("Commissions", self._write_commissions),
                            ("CommissionLines", self._write_commission_lines),
                            ("Attainment", self._write_attainment),
                            ("TeamAttainment", self._write_team_attainment),
                            ("Forecast", self._write_forecast),
                            ("PipelineStages", self._write_pipeline_stages),
                            ("PipelineByRep", self._write_pipeline_by_rep),
                            ("WonByMonth", self._write_won_by_month))
                for number, (name, writer) in enumerate(computed):
                    self.progress(0.1 + 0.2 * number / len(computed), name)
                    writer()
                self._write_inputs(0.3, 0.85)
                self.progress(0.85, "CreditLines")
                self.tables.write("CreditLines", self.credit, ["text", "text", "ratio", "date", "money", "text"],
                                  frozen_columns=1)
                self.summary.sheets["CreditLines"] = len(self.credit)
            self.progress(0.9, "Saving")
            self.workbook.close()
        except BaseException:
            with contextlib.suppress(Exception):  # the first error is the one to report
                self.workbook.close()
            raise
        self.progress(1.0, "Done")
        return self.summary

    def _write_inputs(self, start: float, end: float) -> None:
        total = sum(len(frame) for frame in self.inputs.values()) or 1
        done = 0
        for name, frame in self.inputs.items():
            share = len(frame) / total

            def advance(fraction, name=name, done=done, share=share):
                self.progress(start + (end - start) * (done + share * fraction * total) / total, name)
            advance(0.0)
            frozen = 1 if schema.TABLES[name].key[:1] == ("id",) else 0
            self.tables.write(name, frame, _column_kinds(name, frame), frozen_columns=frozen, progress=advance)
            self.summary.sheets[name] = len(frame)
            done += len(frame)

    def _write_problems(self) -> None:
        problems = self.snapshot.problems()
        self.summary.problems = len(problems)
        frame = pd.DataFrame({
            "table": [p.table for p in problems],
            "row": [None if p.position is None else p.position + 2 for p in problems],  # as the sheet numbers it
            "id": [p.key for p in problems],
            "column": [p.column for p in problems],
            "problem": [str(p) for p in problems],
        }).astype({"table": "string", "id": "string", "column": "string", "problem": "string"})
        frame["row"] = frame["row"].astype("Int64")
        self.tables.write("Problems", frame, ["text", "int", "text", "text", "text"])
        self.summary.sheets["Problems"] = len(frame)

    # -- what the computed sheets need ------------------------------------------------------
    def _prepare(self) -> None:
        snapshot, period = self.snapshot, self.period
        deals = self.inputs["Deals"]
        self.deal = {column: self._name("Deals", column, _input_range(deals, "Deals", column))
                     for column in schema.DEALS.names}
        quotas = self.inputs["Quotas"]
        self.quota = {column: self._name("Quotas", column, _input_range(quotas, "Quotas", column))
                      for column in ("rep", "team", "period", "amount")}
        stages = snapshot["Stages"]
        self.won_stages = [str(s) for s in stages.loc[stages["kind"] == "won", "stage"]]
        self.lost_stages = [str(s) for s in stages.loc[stages["kind"] == "lost", "stage"]]
        self.open_stages = [str(s) for s in self.report.stages["stage"]]

        lines = credit_lines(snapshot)
        self.credit = pd.DataFrame({
            "deal_id": lines["deal_id"].astype("string"), "rep": lines["rep"].astype("string"),
            "share": lines["share"].astype("Int64"), "date": lines["date"],
            "amount": pd.array(lines["amount"].tolist(), dtype="Int64"), "reason": lines["reason"].astype("string"),
        })
        _check_rows("CreditLines", len(self.credit))
        self.credit_range = {column: self._name("CreditLines", column, _input_range(self.credit, "CreditLines", column))
                             for column in self.credit.columns}

        year = Period(date(period.start.year, 1, 1), "year")
        quarters = year.split("quarter")
        others = [p for p in [*quarters, year] if p != period]
        self.attainment_periods = [period, *others]
        blocks = [attainment(snapshot, p) if p != period else (self.report.attainment, self.report.team_attainment)
                  for p in self.attainment_periods]
        self.rep_rows = pd.concat([b[0] for b in blocks], ignore_index=True)
        self.team_rows = pd.concat([b[1] for b in blocks], ignore_index=True)
        self.rep_block = len(blocks[0][0])  # the report period's rows come first
        forecast_periods = ([period] if period.kind == "month" else []) + quarters + [year]
        self.forecast_periods = forecast_periods
        self.forecasts = [forecast(snapshot, p) for p in forecast_periods]
        self.forecast_quota = []
        for p in forecast_periods:
            rows = self.rep_rows[self.rep_rows["period"] == p.label]
            self.forecast_quota.append(int(rows["quota"].dropna().astype("int64").sum()))
        self.months = self._months()
        self.month_figures = [pipeline_metrics(snapshot, month) for month in self.months]

        # every grid is laid out before any is written: formulas point across sheets
        self.grids = {grid.name: grid for grid in (
            _Grid("Commissions", [
                _Col("rep", "rep", "text"), _Col("name", "name", "text"), _Col("plan", "plan", "text"),
                _Col("period", "period", "text"), _Col("from", "from", "date"), _Col("until", "until", "date"),
                _Col("quota", "quota", "money", True), _Col("credited", "credited", "money", True),
                _Col("attainment", "attainment", "percent", True), _Col("commission", "commission", "money", True),
                _Col("bonus", "bonus", "money", True), _Col("total", "total", "money", True),
            ], len(self.report.commissions)),
            _Grid("CommissionLines", [
                _Col("rep", "rep", "text"), _Col("period", "period", "text"), _Col("plan", "plan", "text"),
                _Col("line", "line", "text"), _Col("method", "method", "text"), _Col("from", "from", "ratio"),
                _Col("to", "to", "ratio"), _Col("base", "base", "money", True), _Col("rate", "rate", "ratio"),
                _Col("amount", "amount", "money", True),
            ], len(self.report.commission_lines)),
            _Grid("Attainment", [
                _Col("rep", "rep", "text"), _Col("name", "name", "text"), _Col("team", "team", "text"),
                _Col("period", "period", "text"), _Col("from", "from", "date"), _Col("until", "until", "date"),
                _Col("quota", "quota", "money", True), _Col("credited", "credited", "money", True),
                _Col("attainment", "attainment", "percent", True), _Col("target", "target", "percent"),
            ], len(self.rep_rows)),
            _Grid("TeamAttainment", [
                _Col("team", "team", "text"), _Col("period", "period", "text"), _Col("from", "from", "date"),
                _Col("until", "until", "date"), _Col("quota", "quota", "money", True),
                _Col("credited", "credited", "money", True), _Col("attainment", "attainment", "percent", True),
            ], len(self.team_rows)),
            _Grid("Forecast", [
                _Col("period", "period", "text"), _Col("from", "from", "date"), _Col("until", "until", "date"),
                _Col("quota", "quota (reps)", "money", True), _Col("won", "won", "money", True),
                _Col("open_weighted", "open_weighted", "money", True), _Col("weighted", "weighted", "money", True),
                _Col("commit", "commit", "money", True), _Col("best_case", "best_case", "money", True),
                _Col("pipeline", "pipeline", "money", True),
            ], len(forecast_periods)),
            _Grid("PipelineStages", [
                _Col("stage", "stage", "text"), _Col("probability", "probability", "ratio", True),
                _Col("count", "count", "int", True), _Col("value", "value", "money", True),
                _Col("weighted", "weighted", "money", True),
            ], len(self.report.stages)),
            _Grid("PipelineByRep", [
                _Col("rep", "rep", "text"), _Col("name", "name", "text"), _Col("team", "team", "text"),
                _Col("open_count", "open_count", "int", True), _Col("open_value", "open_value", "money", True),
                _Col("weighted_value", "weighted_value", "money", True), _Col("won_count", "won_count", "int", True),
                _Col("won_value", "won_value", "money", True), _Col("lost_count", "lost_count", "int", True),
                _Col("win_rate", "win_rate", "percent", True),
            ], len(self.inputs["Reps"])),
            _Grid("WonByMonth", [
                _Col("month", "month", "text"), _Col("from", "from", "date"), _Col("until", "until", "date"),
                _Col("won_count", "won_count", "int", True), _Col("won_value", "won_value", "money", True),
            ], len(self.months)),
        )}

    def _months(self) -> list[Period]:
        last_day = max(self.snapshot.as_of, self.period.end - timedelta(days=1))
        end = Period.containing(last_day, "month")
        start = end.shifted(-23)
        facts = deal_facts(self.snapshot)
        closed = facts.loc[(facts["kind"] == "won").fillna(False).to_numpy(dtype=bool), "closed"].dropna()
        if len(closed):
            first = Period.containing(closed.min().date(), "month")
            if start < first <= end:
                start = first
        months, month = [], start
        while month <= end:
            months.append(month)
            month = month.shifted(1)
        return months

    # -- formula pieces -----------------------------------------------------------------------
    def _name(self, sheet: str, column: str, reference: str) -> str:
        """A workbook name for a column's data range (``Deals_amount``): formulas read as what
        they sum, and stay short."""
        name = f"{sheet}_{re.sub(r'[^A-Za-z0-9_]', '_', column)}"
        if name not in self.names:
            self.workbook.define_name(name, "=" + reference)
            self.names[name] = reference
        return name

    def _input(self, sheet: str, column: str) -> str:
        return self._name(sheet, column, _input_range(self.inputs[sheet], sheet, column))

    def _column(self, grid: _Grid, key: str) -> str:
        return self._name(grid.name, key, grid.range(key))

    def _round(self, expression: str) -> str:
        return rounded(expression, self.digits, self.rounding)

    def _in(self, date_range: str, start: str, end: str) -> list[Cond]:
        return [Cond(date_range, ">=", start), Cond(date_range, "<=", end)]

    def _stage_sum(self, stages: Sequence[str], extra: Sequence[Cond], values: str | None) -> str:
        """Σ over ``stages`` of a conditional sum (or count) of deals."""
        return _sum([aggregate([Cond(self.deal["stage"], "=", _quote(stage), stage, True), *extra], values)
                     for stage in stages])

    def _weighted(self, extra: str = "") -> str:
        """Σ over open stages of each deal's amount × its stage's probability, rounded per deal;
        ``extra`` multiplies in more conditions (``*(owner=A2)``)."""
        stages = self.grids["PipelineStages"]
        return _sum([f"SUMPRODUCT(({self.deal['stage']}={stages.cell('stage', i)}){extra}"
                     f"*{self._round(self.deal['amount'] + '*' + stages.cell('probability', i))})"
                     for i in range(len(self.open_stages))])

    def _quota(self, key: str, team: bool, period: Period) -> str:
        """The quota of the rep (or team) in cell ``key`` for ``period``: its own Quotas row,
        else the sum of its parts (a quarter from its months, a year from its quarters); empty
        when the Quotas sheet says nothing about the period."""
        rows, value = self._quota_parts(key, team, period)
        return f"IF({rows}=0,\"\",{value})"

    def _quota_parts(self, key: str, team: bool, period: Period) -> tuple[str, str]:
        """How many Quotas rows speak of ``period`` (its own or its parts'), and its quota."""
        q = self.quota
        who = f"({q['rep']}=\"\")*({q['team']}={key})" if team else f"({q['rep']}={key})"

        def labels(periods: Sequence[Period]) -> str:
            terms = "+".join(f"({q['period']}={_quote(p.label)})" for p in periods)
            return f"({terms})" if len(periods) > 1 else terms

        def count(periods):
            return f"SUMPRODUCT({who}*{labels(periods)})"

        def total(periods):
            return f"SUMPRODUCT({who}*{labels(periods)},{q['amount']})"

        def value(p: Period) -> str:
            if p.kind == "month":
                return total([p])
            if p.kind == "quarter":
                return f"IF({count([p])}>0,{total([p])},{total(p.split('month'))})"
            return f"IF({count([p])}>0,{total([p])},{_sum([value(part) for part in p.split('quarter')])})"

        everything = [period]
        if period.kind == "year":
            everything += period.split("quarter")
        if period.kind != "month":
            everything += period.split("month")
        return count(everything), value(period)

    # -- writing a grid --------------------------------------------------------------------------
    def _write_grid(self, grid: _Grid, rows: list[dict], totals: list[dict] | None = None,
                    frozen_columns: int = 1) -> None:
        worksheet = self.workbook.add_worksheet(grid.name)
        styles = self.styles
        widths = {}
        for column in grid.columns:
            worksheet.write_string(0, grid.position[column.key], column.header, styles.header)
            widths[grid.position[column.key]] = max(_display_width(column.header) + 3, 12)
            if column.formula:
                worksheet.write_string(0, grid.app_position[column.key], column.header + APP_SUFFIX, styles.app_header)
                widths[grid.app_position[column.key]] = widths[grid.position[column.key]] + 4
        if grid.agrees is not None:
            worksheet.write_string(0, grid.agrees, AGREES, styles.header)
            widths[grid.agrees] = 9
        for number, row in enumerate([*rows, *(totals or [])]):
            total = number >= len(rows)
            checks = []
            for column in grid.columns:
                value = row.get(column.key)
                position = grid.position[column.key]
                if column.kind in ("text",) and isinstance(value, str) and not column.formula:
                    widths[position] = min(max(widths[position], _display_width(value) + 2), 50)
                if column.formula:
                    formula, app = value if value is not None else (None, None)
                    if formula is not None and len(formula) + 1 > EXCEL_MAX_FORMULA:
                        self.summary.warnings.append(FORMULA_TOO_LONG.format(
                            sheet=grid.name, cell=grid.ref(column.key, number)))
                        formula = None
                    style = styles.for_kind(column.kind)
                    if total and column.kind == "money":
                        style = styles.total_money
                    elif total and column.kind == "int":
                        style = styles.total_int
                    if formula is not None:
                        worksheet.write_formula(number + 1, position, "=" + formula, style, "")
                        self.summary.formulas += 1
                    self._write_value(worksheet, number + 1, grid.app_position[column.key], column.kind, app, app=True)
                    if formula is not None:
                        checks.append(self._check(column.kind, grid.ref(column.key, number),
                                                  f"{xl_col_to_name(grid.app_position[column.key])}{number + 2}"))
                else:
                    self._write_value(worksheet, number + 1, position, column.kind, value,
                                      style=styles.total_label if total else None)
            if grid.agrees is not None and checks:
                worksheet.write_formula(number + 1, grid.agrees, "=AND(" + ",".join(checks) + ")", styles.check, "")
                self.summary.formulas += 1
        for position, width in widths.items():
            worksheet.set_column(position, position, width)
        worksheet.freeze_panes(1, frozen_columns)
        worksheet.autofilter(0, 0, max(len(rows), 1), grid.width - 1)
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)  # printed one page wide
        worksheet.repeat_rows(0)
        self.summary.sheets[grid.name] = len(rows)

    def _check(self, kind: str, formula: str, app: str) -> str:
        if kind == "money":
            test = f"ROUND({formula},{self.digits})=ROUND({app},{self.digits})"
        elif kind in ("percent", "ratio", "number"):
            test = f"ABS({formula}-{app})<=1E-9*MAX(1,ABS({app}))"
        else:
            test = f"{formula}={app}"
        return f"IFERROR(IF({app}=\"\",{formula}=\"\",{test}),FALSE)"

    def _write_value(self, worksheet, row: int, column: int, kind: str, value, app: bool = False,
                     style=None) -> None:
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return
        chosen = style if style is not None else self.styles.for_kind(kind, app)
        if kind == "text" or isinstance(value, str):
            worksheet.write_string(row, column, str(value), chosen)
        elif kind == "money":
            worksheet.write_number(row, column, _major(value, self.digits), chosen)
        elif kind == "ratio":
            worksheet.write_number(row, column, int(value) / RATIO_SCALE, chosen)
        elif kind == "date":
            worksheet.write_number(row, column, excel_serial(value), chosen)
        else:
            worksheet.write_number(row, column, float(value), chosen)

    # -- the computed sheets ------------------------------------------------------------------
    def _write_commissions(self) -> None:
        grid, lines = self.grids["Commissions"], self.grids["CommissionLines"]
        rows = []
        for i, record in enumerate(self.report.commissions.to_dict("records")):
            part = Period.parse(record["period"])
            key = [Cond(self._column(lines, "rep"), "=", grid.ref("rep", i), record["rep"]),
                   Cond(self._column(lines, "period"), "=", grid.ref("period", i), record["period"]),
                   Cond(self._column(lines, "plan"), "=", grid.ref("plan", i), record["plan"])]
            credited = aggregate([Cond(self.credit_range["rep"], "=", grid.ref("rep", i), record["rep"]),
                                  *self._in(self.credit_range["date"], grid.ref("from", i), grid.ref("until", i))],
                                 self.credit_range["amount"])
            quota, got = grid.ref("quota", i), grid.ref("credited", i)
            rows.append({
                "rep": record["rep"], "name": record["name"], "plan": record["plan"], "period": record["period"],
                "from": part.start, "until": part.end - timedelta(days=1),
                "quota": (self._quota(grid.ref("rep", i), False, part), _na(record["quota"])),
                "credited": (credited, _na(record["credited"])),
                "attainment": (f"IF(N({quota})>0,{got}/{quota},\"\")", _na(record["attainment"])),
                "commission": (aggregate([*key, Cond(self._column(lines, "line"), "<>", '"bonus"', "bonus", True)],
                                         self._column(lines, "amount")), _na(record["commission"])),
                "bonus": (aggregate([*key, Cond(self._column(lines, "line"), "=", '"bonus"', "bonus", True)],
                                    self._column(lines, "amount")), _na(record["bonus"])),
                "total": (f"{grid.ref('commission', i)}+{grid.ref('bonus', i)}", _na(record["total"])),
            })
        self._write_grid(grid, rows)

    def _write_commission_lines(self) -> None:
        grid, commissions = self.grids["CommissionLines"], self.grids["Commissions"]
        where = {(r, p, pl): i for i, (r, p, pl) in enumerate(zip(
            self.report.commissions["rep"], self.report.commissions["period"], self.report.commissions["plan"]))}
        flat = self._flat_plans()
        rows, first_tier = [], {}
        for i, record in enumerate(self.report.commission_lines.to_dict("records")):
            row = where[(record["rep"], record["period"], record["plan"])]
            credited, quota = commissions.cell("credited", row), f"N({commissions.cell('quota', row)})"
            start, end = grid.ref("from", i), grid.ref("to", i)
            bounded = record["to"] is not None and record["to"] is not pd.NA
            line = record["line"]
            base = amount = None
            if line == "tier":
                first_tier.setdefault(row, i)
                if record["method"] == "marginal":
                    low = self._round(f"{start}*{quota}")
                    base = f"MAX({credited}-{low},0)"
                    if bounded:
                        base = f"MIN({base},MAX({self._round(f'{end}*{quota}')}-{low},0))"
                else:
                    test = [f"{credited}>0", f"{credited}>={start}*{quota}"]
                    if bounded:
                        test.append(f"{credited}<{end}*{quota}")
                    base = f"IF(AND({','.join(test)}),{credited},0)"
                if record["plan"] not in flat:
                    base = f"IF({quota}>0,{base},0)"
                amount = self._round(f"{grid.ref('base', i)}*{grid.ref('rate', i)}")
            elif line == "cap":
                base = f"SUM({grid.letter('amount')}{first_tier[row] + 2}:{grid.letter('amount')}{i + 1})"
                cap = aggregate([Cond(self._input("Plans", "plan"), "=", grid.ref("plan", i), record["plan"])],
                                self._input("Plans", "cap"))
                amount = f"MIN(0,{cap}-{grid.ref('base', i)})"
            elif line == "bonus":
                paid = aggregate([
                    Cond(self._input("PlanBonuses", "plan"), "=", grid.ref("plan", i), record["plan"]),
                    Cond(self._input("PlanBonuses", "from"), "=", start)],
                    self._input("PlanBonuses", "amount"))
                amount = f"IF(AND({quota}>0,{credited}>={start}*{quota}),{paid},0)"
            rows.append({
                "rep": record["rep"], "period": record["period"], "plan": record["plan"], "line": line,
                "method": _na(record["method"]), "from": _na(record["from"]), "to": _na(record["to"]),
                "base": (base, _na(record["base"])), "rate": _na(record["rate"]),
                "amount": (amount, _na(record["amount"])),
            })
        self._write_grid(grid, rows)

    def _flat_plans(self) -> set[str]:
        tiers = self.snapshot.keyed("PlanTiers")
        bounded = tiers["from"].fillna(0).ne(0) | tiers["to"].notna()
        counts = tiers.groupby("plan").size()
        return set(counts[counts == 1].index) - set(tiers.loc[bounded, "plan"])

    def _write_attainment(self) -> None:
        grid = self.grids["Attainment"]
        rows = []
        for i, record in enumerate(self.rep_rows.to_dict("records")):
            part = Period.parse(record["period"])
            credited = aggregate([Cond(self.credit_range["rep"], "=", grid.ref("rep", i), record["rep"]),
                                  *self._in(self.credit_range["date"], grid.ref("from", i), grid.ref("until", i))],
                                 self.credit_range["amount"])
            quota, got = grid.ref("quota", i), grid.ref("credited", i)
            rows.append({
                "rep": record["rep"], "name": _na(record["name"]), "team": _na(record["team"]),
                "period": record["period"], "from": part.start, "until": part.end - timedelta(days=1),
                "quota": (self._quota(grid.ref("rep", i), False, part), _na(record["quota"])),
                "credited": (credited, _na(record["credited"])),
                "attainment": (f"IF(N({quota})>0,{got}/{quota},\"\")", _na(record["attainment"])),
                "target": 1.0,
            })
        self._write_grid(grid, rows, frozen_columns=2)

    def _write_team_attainment(self) -> None:
        grid, reps = self.grids["TeamAttainment"], self.grids["Attainment"]
        rows = []
        for i, record in enumerate(self.team_rows.to_dict("records")):
            part = Period.parse(record["period"])
            members = [Cond(self._column(reps, "team"), "=", grid.ref("team", i), record["team"]),
                       Cond(self._column(reps, "period"), "=", grid.ref("period", i), record["period"])]
            team_rows, own = self._quota_parts(grid.ref("team", i), True, part)
            team, team_period = self._column(reps, "team"), self._column(reps, "period")
            numbers = (f"SUMPRODUCT(({team}={grid.ref('team', i)})*({team_period}={grid.ref('period', i)})"
                       f"*ISNUMBER({self._column(reps, 'quota')}))")
            member_sum = aggregate(members, self._column(reps, "quota"))
            quota_formula = f"IF({team_rows}>0,{own},IF({numbers}>0,{member_sum},\"\"))"
            quota, got = grid.ref("quota", i), grid.ref("credited", i)
            rows.append({
                "team": record["team"], "period": record["period"], "from": part.start,
                "until": part.end - timedelta(days=1),
                "quota": (quota_formula, _na(record["quota"])),
                "credited": (aggregate(members, self._column(reps, "credited")), _na(record["credited"])),
                "attainment": (f"IF(N({quota})>0,{got}/{quota},\"\")", _na(record["attainment"])),
            })
        self._write_grid(grid, rows)

    def _write_forecast(self) -> None:
        grid, reps = self.grids["Forecast"], self.grids["Attainment"]
        rows = []
        for i, (part, figures) in enumerate(zip(self.forecast_periods, self.forecasts)):
            start, end = grid.ref("from", i), grid.ref("until", i)
            expected = self._in(self.deal["expected_close"], start, end)
            won = grid.ref("won", i)
            # open deals expected in the period, of each forecast category
            category = {name: self._stage_sum(self.open_stages, [*expected, Cond(
                self.deal["forecast_category"], "=", _quote(name), name, True)], self.deal["amount"])
                for name in ("commit", "best_case", "omitted")}
            in_period = f"*({self.deal['expected_close']}>={start})*({self.deal['expected_close']}<={end})"
            rows.append({
                "period": part.label, "from": part.start, "until": part.end - timedelta(days=1),
                "quota": (aggregate([Cond(self._column(reps, "period"), "=", grid.ref("period", i), part.label)],
                                    self._column(reps, "quota")), self.forecast_quota[i]),
                "won": (self._stage_sum(self.won_stages, self._in(self.deal["closed"], start, end),
                                        self.deal["amount"]), figures["won"]),
                "open_weighted": (self._weighted(in_period), figures["open_weighted"]),
                "weighted": (f"{won}+{grid.ref('open_weighted', i)}", figures["weighted"]),
                "commit": (f"{won}+{category['commit']}", figures["commit"]),
                "best_case": (f"{grid.ref('commit', i)}+{category['best_case']}", figures["best_case"]),
                "pipeline": (f"{won}+{self._stage_sum(self.open_stages, expected, self.deal['amount'])}"
                             f"-({category['omitted']})", figures["pipeline"]),
            })
        self._write_grid(grid, rows)

    def _write_pipeline_stages(self) -> None:
        grid = self.grids["PipelineStages"]
        rows = []
        for i, record in enumerate(self.report.stages.to_dict("records")):
            stage = [Cond(self.deal["stage"], "=", grid.ref("stage", i), record["stage"])]
            rows.append({
                "stage": record["stage"],
                "probability": (aggregate([Cond(self._input("Stages", "stage"), "=", grid.ref("stage", i),
                                                record["stage"])], self._input("Stages", "probability")),
                                _na(record["probability"])),
                "count": (aggregate(stage), _na(record["count"])),
                "value": (aggregate(stage, self.deal["amount"]), _na(record["value"])),
                "weighted": (f"SUMPRODUCT(({self.deal['stage']}={grid.ref('stage', i)})*"
                             f"{self._round(self.deal['amount'] + '*' + grid.ref('probability', i))})",
                             _na(record["weighted"])),
            })
        pipeline = self.report.pipeline

        def column_sum(key):  # no stages: no rows to add (and no sum of the total's own cell)
            return f"SUM({grid.letter(key)}2:{grid.letter(key)}{len(rows) + 1})" if rows else "0"
        totals = [{"stage": "Open pipeline", "count": (column_sum("count"), pipeline["open_count"]),
                   "value": (column_sum("value"), pipeline["open_value"]),
                   "weighted": (column_sum("weighted"), pipeline["weighted_value"])}]
        self._write_grid(grid, rows, totals)

    def _write_pipeline_by_rep(self) -> None:
        grid = self.grids["PipelineByRep"]
        facts, weights = deal_facts(self.snapshot), weighted_amounts(self.snapshot)
        kind = facts["kind"].fillna("")
        closed_in = self.period.mask(facts["closed"]).fillna(False).to_numpy(dtype=bool)
        frame = pd.DataFrame({
            "rep": facts["rep"].to_numpy(),
            "open": (kind == "open").to_numpy(dtype=bool),
            "won": (kind == "won").to_numpy(dtype=bool) & closed_in,
            "lost": (kind == "lost").to_numpy(dtype=bool) & closed_in,
            "amount": facts["amount"].to_numpy(dtype=object, na_value=0),
            "weighted": weights,
        })
        frame["open_value"] = np.where(frame["open"], frame["amount"], 0)
        frame["weighted_value"] = np.where(frame["open"], frame["weighted"], 0)
        frame["won_value"] = np.where(frame["won"], frame["amount"], 0)
        by_rep = frame.groupby("rep").agg(open_count=("open", "sum"), open_value=("open_value", "sum"),
                                          weighted_value=("weighted_value", "sum"), won_count=("won", "sum"),
                                          won_value=("won_value", "sum"), lost_count=("lost", "sum"))
        empty = dict.fromkeys(by_rep.columns, 0)
        in_period = self._in(self.deal["closed"], "PeriodStart", "PeriodEnd")
        rows = []
        reps = self.inputs["Reps"]
        for i, record in enumerate(reps[["id", "name", "team"]].to_dict("records")):
            rep = record["id"]
            figures = {key: int(value) for key, value in (by_rep.loc[rep] if rep in by_rep.index else empty).items()}
            owner = Cond(self.deal["owner"], "=", grid.ref("rep", i), rep)
            open_conditions = [owner]
            won, lost = figures["won_count"], figures["lost_count"]
            rows.append({
                "rep": rep, "name": _na(record["name"]), "team": _na(record["team"]),
                "open_count": (self._stage_sum(self.open_stages, open_conditions, None), figures["open_count"]),
                "open_value": (self._stage_sum(self.open_stages, open_conditions, self.deal["amount"]),
                               figures["open_value"]),
                "weighted_value": (self._weighted(f"*({self.deal['owner']}={grid.ref('rep', i)})"),
                                   figures["weighted_value"]),
                "won_count": (self._stage_sum(self.won_stages, [owner, *in_period], None), won),
                "won_value": (self._stage_sum(self.won_stages, [owner, *in_period], self.deal["amount"]),
                              figures["won_value"]),
                "lost_count": (self._stage_sum(self.lost_stages, [owner, *in_period], None), lost),
                "win_rate": (f"IF({grid.ref('won_count', i)}+{grid.ref('lost_count', i)}>0,{grid.ref('won_count', i)}/"
                             f"({grid.ref('won_count', i)}+{grid.ref('lost_count', i)}),\"\")",
                             won / (won + lost) if won + lost else None),
            })
        self._write_grid(grid, rows)

    def _write_won_by_month(self) -> None:
        grid = self.grids["WonByMonth"]
        rows = []
        for i, (month, figures) in enumerate(zip(self.months, self.month_figures)):
            closed = self._in(self.deal["closed"], grid.ref("from", i), grid.ref("until", i))
            rows.append({
                "month": month.label, "from": month.start, "until": month.end - timedelta(days=1),
                "won_count": (self._stage_sum(self.won_stages, closed, None), figures["won_count"]),
                "won_value": (self._stage_sum(self.won_stages, closed, self.deal["amount"]), figures["won_value"]),
            })
        self._write_grid(grid, rows)

    # -- summary and charts ------------------------------------------------------------------
    def _write_summary(self) -> None:
        worksheet = self.workbook.add_worksheet("Summary")
        worksheet.activate()
        styles, snapshot, report, period = self.styles, self.snapshot, self.report, self.period
        company = snapshot.setting("company") or ""
        worksheet.write_string(0, 0, f"Planner export: {company}".rstrip(": ") if company else "Planner export",
                               styles.title)
        facts = [("Currency", snapshot.currency), ("Period", period.label), ("From", period.start),
                 ("Until", period.end - timedelta(days=1)), ("As of", snapshot.as_of),
                 ("Exported", datetime.now().strftime("%Y-%m-%d %H:%M")), ("Rounding", self.rounding)]
        for row, (label, value) in enumerate(facts, start=2):
            worksheet.write_string(row, 0, label, styles.bold)
            if isinstance(value, date):
                worksheet.write_number(row, 1, excel_serial(value), styles.date)
            else:
                worksheet.write_string(row, 1, str(value))
        self.workbook.define_name("PeriodStart", "=Summary!$B$5")
        self.workbook.define_name("PeriodEnd", "=Summary!$B$6")

        row = 10
        for position, header in enumerate(("figure", "value", "value" + APP_SUFFIX, AGREES)):
            worksheet.write_string(row, position, header, styles.header)
        pipeline, stages, forecast_grid = report.pipeline, self.grids["PipelineStages"], self.grids["Forecast"]
        total_row = len(self.open_stages)  # the "Open pipeline" row under the stages
        here = {}
        in_period = self._in(self.deal["closed"], "PeriodStart", "PeriodEnd")
        created = aggregate(self._in(self.deal["created"], "PeriodStart", "PeriodEnd"))
        cycle = _sum([f"SUMPRODUCT(({self.deal['stage']}={_quote(stage)})*({self.deal['closed']}>=PeriodStart)"
                      f"*({self.deal['closed']}<=PeriodEnd)*({self.deal['closed']}-{self.deal['created']}))"
                      for stage in self.won_stages])
        p = self.forecast_periods.index(period) if period in self.forecast_periods else None
        figures = [
            ("open_count", "int", lambda: stages.cell("count", total_row), pipeline["open_count"]),
            ("open_value", "money", lambda: stages.cell("value", total_row), pipeline["open_value"]),
            ("weighted_value", "money", lambda: stages.cell("weighted", total_row), pipeline["weighted_value"]),
            ("created_count", "int", lambda: created, pipeline["created_count"]),
            ("won_count", "int", lambda: self._stage_sum(self.won_stages, in_period, None), pipeline["won_count"]),
            ("won_value", "money", lambda: self._stage_sum(self.won_stages, in_period, self.deal["amount"]),
             pipeline["won_value"]),
            ("lost_count", "int", lambda: self._stage_sum(self.lost_stages, in_period, None), pipeline["lost_count"]),
            ("win_rate", "percent", lambda: f"IF({here['won_count']}+{here['lost_count']}>0,{here['won_count']}/"
                                            f"({here['won_count']}+{here['lost_count']}),\"\")", pipeline["win_rate"]),
            ("avg_won_deal", "money", lambda: f"IF({here['won_count']}>0,"
                                              f"{self._round(here['won_value'] + '/' + here['won_count'])},\"\")",
             pipeline["avg_won_deal"]),
            ("avg_cycle_days", "number", lambda: f"IF({here['won_count']}>0,({cycle})/{here['won_count']},\"\")",
             pipeline["avg_cycle_days"]),
            ("velocity_per_day", "money",
             lambda: f"IF(AND(ISNUMBER({here['win_rate']}),N({here['avg_cycle_days']})>0),"
                     + self._round(f"{here['open_count']}*{here['win_rate']}*{here['avg_won_deal_exact']}"
                                   f"/{here['avg_cycle_days']}") + ",\"\")",
             pipeline["velocity_per_day"]),
        ]
        if p is not None:
            for key in ("won", "open_weighted", "weighted", "commit", "best_case", "pipeline"):
                figures.append((f"forecast_{key}", "money", lambda key=key: forecast_grid.cell(key, p),
                                report.forecast[key]))
        checks = []
        for key, kind, formula, app in figures:
            row += 1
            here[key] = f"B{row + 1}"
            if key == "won_value":
                here["avg_won_deal_exact"] = f"({here['won_value']}/{here['won_count']})"
            worksheet.write_string(row, 0, key)
            worksheet.write_formula(row, 1, "=" + formula(), styles.for_kind(kind), "")
            self.summary.formulas += 1
            self._write_value(worksheet, row, 2, kind, _na(app), app=True)
            check = self._check(kind, f"B{row + 1}", f"C{row + 1}")
            worksheet.write_formula(row, 3, f"={check}", styles.check, "")
            checks.append(f"D{row + 1}")

        row += 2
        worksheet.write_string(row, 0, "Formula checks that disagree", styles.bold)
        ranges = [grid.agrees_range() for grid in self.grids.values() if grid.agrees is not None]
        counts = "+".join(f"COUNTIF({r},FALSE)" for r in ranges)
        first, last = checks[0], checks[-1]
        worksheet.write_formula(row, 1, f"={counts}+COUNTIF({first}:{last},FALSE)", styles.int, "")
        worksheet.write_number(row, 2, 0, styles.app_int)
        worksheet.write_formula(row, 3, f"=B{row + 1}=C{row + 1}", styles.check, "")
        self.summary.formulas += 2
        row += 2
        notes = [
            "Each computed sheet holds live formulas over the input sheets (Deals, Quotas, …)",
            "and CreditLines, Planner's value beside each formula (the \"(app)\" columns), and an",
            "Agrees column: TRUE when every formula of the row equals Planner's value to the",
            f"minor unit. Money is in {snapshot.currency}; formulas round as the book does ({self.rounding}).",
            "CreditLines are Planner's credit lines: a won deal credited to its owner or split",
            "between reps, and its reversal when cancelled; attainment and commissions sum them.",
            "CommissionLines list the tier slices, caps and bonuses Planner paid.",
        ]
        for note in notes:
            worksheet.write_string(row, 0, note, styles.note)
            row += 1
        if report.warnings:
            row += 1
            worksheet.write_string(row, 0, "Warnings", styles.bold)
            for template, fields in report.warnings:
                row += 1
                text = template.format(**fields)
                worksheet.write_string(row, 0, text)
                self.summary.warnings.append(text)
        worksheet.set_column(0, 0, 30)
        worksheet.set_column(1, 2, 20)
        worksheet.set_column(3, 3, 9)
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)
        self.summary.sheets["Summary"] = len(figures)

    def _write_charts(self) -> None:
        worksheet = self.workbook.add_worksheet("Charts")
        workbook, styles = self.workbook, self.styles
        font = {"name": "Noto Sans CJK KR"}
        charts = []

        stages = self.grids["PipelineStages"]
        if len(self.open_stages):
            chart = workbook.add_chart({"type": "bar"})
            for key, name, color in (("value", "Open value", "#4472C4"), ("weighted", "Weighted value", "#ED7D31")):
                chart.add_series({"name": name, "categories": stages.range("stage"), "values": stages.range(key),
                                  "fill": {"color": color}, "gap": 60})
            chart.set_title({"name": "Open pipeline by stage", "name_font": font})
            chart.set_y_axis({"reverse": True, "num_font": font})
            chart.set_x_axis({"num_format": styles.money_axis, "num_font": font, "major_gridlines": {"visible": True}})
            charts.append((chart, 720, 360, True))

        reps = self.grids["Attainment"]
        if self.rep_block:
            last = self.rep_block - 1
            chart = workbook.add_chart({"type": "column"})
            chart.add_series({"name": f"Attainment {self.period.label}", "categories": reps.range("name", 0, last),
                              "values": reps.range("attainment", 0, last), "fill": {"color": "#4472C4"}})
            target = workbook.add_chart({"type": "line"})
            target.add_series({"name": "Quota (100%)", "categories": reps.range("name", 0, last),
                               "values": reps.range("target", 0, last), "line": {"color": "#C00000", "width": 2},
                               "marker": {"type": "none"}})
            chart.combine(target)
            chart.set_title({"name": f"Attainment by rep, {self.period.label}", "name_font": font})
            chart.set_y_axis({"num_format": "0%", "num_font": font, "min": 0})
            chart.set_x_axis({"num_font": {**font, "rotation": -45}})
            charts.append((chart, min(max(720, 28 * self.rep_block), 4000), 400, True))

        forecast_grid = self.grids["Forecast"]
        quarters = [i for i, p in enumerate(self.forecast_periods) if p.kind == "quarter"]
        if quarters:
            first, last = quarters[0], quarters[-1]
            chart = workbook.add_chart({"type": "column"})
            for key, name, color in (("won", "Won", "#70AD47"), ("weighted", "Stage-weighted forecast", "#4472C4"),
                                     ("commit", "Commit", "#A5A5A5")):
                chart.add_series({"name": name, "categories": forecast_grid.range("period", first, last),
                                  "values": forecast_grid.range(key, first, last), "fill": {"color": color}})
            quota = workbook.add_chart({"type": "line"})
            quota.add_series({"name": "Quota", "categories": forecast_grid.range("period", first, last),
                              "values": forecast_grid.range("quota", first, last),
                              "line": {"color": "#C00000", "width": 2.25}, "marker": {"type": "diamond"}})
            chart.combine(quota)
            chart.set_title({"name": f"Forecast versus quota, {self.period.start.year}", "name_font": font})
            chart.set_y_axis({"num_format": styles.money_axis, "num_font": font})
            chart.set_x_axis({"num_font": font})
            charts.append((chart, 720, 360, True))

        months = self.grids["WonByMonth"]
        if self.months:
            chart = workbook.add_chart({"type": "column"})
            chart.add_series({"name": "Won revenue", "categories": months.range("month"),
                              "values": months.range("won_value"), "fill": {"color": "#70AD47"}, "gap": 50})
            chart.set_title({"name": "Won revenue by month", "name_font": font})
            chart.set_y_axis({"num_format": styles.money_axis, "num_font": font})
            chart.set_x_axis({"num_font": {**font, "rotation": -45}})
            charts.append((chart, 720, 360, False))

        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)  # printed one page wide, as many pages down as it takes
        row = 1
        worksheet.write_string(0, 0, f"Charts: {self.period.label} (live: they follow the formulas of the sheets "
                                     "they plot)", styles.bold)
        breaks = []
        for chart, width, height, legend in charts:
            chart.set_size({"width": width, "height": height})
            chart.set_legend({"position": "bottom", "font": font} if legend else {"none": True})
            worksheet.insert_chart(row, 1, chart)
            row += int(height / 20) + 2
            breaks.append(row)
        worksheet.set_h_pagebreaks(breaks[:-1])  # one chart a page
        self.summary.charts = len(charts)


def _na(value):
    """``None`` for a missing value (pd.NA, NaN), else the value."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


__all__ = [
    "AGREES",
    "APP_SUFFIX",
    "COMPUTED_SHEETS",
    "EXCEL_MAX_ROWS",
    "export_mapping",
    "INPUT_SHEETS",
    "ExportSummary",
    "aggregate",
    "criterion_safe",
    "excel_serials",
    "export_book",
    "rounded",
]
