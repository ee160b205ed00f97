"""The input sheets of an export and how a table of values is written (no Qt): cell formats
in the book's currency, column kinds and widths, and the fast path that writes the rows of a
``constant_memory`` sheet as XML built a column at a time with numpy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from planner.core import schema
from planner.core.book import Tables
from planner.core.errors import PlannerError
from planner.core.money import RATIO_SCALE, minor_digits
from planner.core.schema import Kind
from planner.io.export_common import (EXCEL_MAX_TEXT, TEXT_TOO_LONG, _check_rows, _display_width, _major, _xml_text,
                                      excel_serials)


def _input_frames(snapshot: Tables) -> dict[str, pd.DataFrame]:
    """Each table as the user wrote it: references as the user's ids (or the text that did
    not resolve); periods as the book holds them, canonical labels (``2026-Q1``)."""
    frames = {}
    for name, spec in ((name, schema.TABLES[name]) for name in schema.SHEETS):
        frame = snapshot.keyed(name).copy(deep=False)
        for column in spec.refs:
            typed = snapshot.unresolved(name, column.name)
            if typed:
                frame[column.name] = frame[column.name].fillna(pd.Series(typed, dtype="string"))
        frames[name] = frame.reset_index(drop=True)
    return frames


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


class _Styles:
    """The workbook's cell formats, money in the book's currency."""

    def __init__(self, workbook: xlsxwriter.Workbook, currency: str) -> None:
        self.digits = minor_digits(currency)
        decimals = "." + "0" * self.digits if self.digits else ""
        self.money_code = f"[${currency}] #,##0{decimals}"
        self.money_axis = f"[${currency}] #,##0"  # chart axes: whole units
        add = workbook.add_format
        self.header = add({"bold": True, "bg_color": "#DDE4EE", "bottom": 1, "valign": "top"})
        # over a column of numbers: right-aligned like them, so each reads under its own header
        self.number_header = add({"bold": True, "bg_color": "#DDE4EE", "bottom": 1, "valign": "top", "align": "right"})
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
        # every digit a millionth has (a third is 33.3333%, as the app shows it)
        self.ratio = add({"num_format": "0.0###%"})
        self.app_ratio = add({"num_format": "0.0###%", "font_color": "#555555"})
        self.bold = add({"bold": True})
        self.title = add({"bold": True, "font_size": 14})
        self.note = add({"italic": True, "font_color": "#555555"})
        self.note_wrap = add({"italic": True, "font_color": "#555555", "text_wrap": True, "valign": "top"})
        self.wrap = add({"text_wrap": True, "valign": "top"})
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
              progress: Callable[[float], None] | None = None, formulas: dict[str, np.ndarray] | None = None,
              headers: Sequence[str] | None = None, styles: dict[str, object] | None = None,
              label: Callable[[str], str] | None = None):
        """Write ``frame`` as the sheet ``sheet``. ``formulas`` gives some columns a formula per row
        (``None`` where the cell holds the frame's value), ``headers`` the header texts (default:
        the column names), ``styles`` a column's cell format in place of its kind's, ``label`` the
        name of a column in messages (default: the column name)."""
        _check_rows(sheet, len(frame))
        worksheet = self.workbook.add_worksheet(sheet)
        formulas, styles = formulas or {}, styles or {}
        columns = [self._column(sheet, frame, name, kind, label) for name, kind in zip(frame.columns, kinds)]
        for position, name in enumerate(frame.columns):
            column = columns[position]
            if name in styles:
                column.style = styles[name]
            if name in formulas:
                column.formulas = np.asarray(formulas[name], dtype=object)
                column.missing = column.missing & pd.isna(column.formulas)
        for position, name in enumerate(headers if headers is not None else frame.columns):
            worksheet.write_string(0, position, str(name), self.styles.header)
            columns[position].width = max(columns[position].width, _display_width(str(name)) + 3)
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

    def _column(self, sheet: str, frame: pd.DataFrame, name: str, kind: str, label=None) -> _Column:
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
            raise PlannerError(TEXT_TOO_LONG, sheet=sheet, row=row + 2, column=label(name) if label else name,
                               length=int(lengths[row]), limit=EXCEL_MAX_TEXT)
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
                    formula = column.formulas[row] if column.formulas is not None else None
                    if formula is not None:
                        worksheet.write_formula(row + 1, position, "=" + formula, column.style, "")
                        continue
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
    formulas: np.ndarray | None = None  # a formula per row (without "="), None where the cell holds its value
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


def _xml_formula(formulas: np.ndarray) -> np.ndarray:
    """Formulas as the content of an OOXML ``<f>`` element (as XlsxWriter escapes them)."""
    return np.array([text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for text in formulas],
                    dtype=object)


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
                if column.formulas is not None:
                    formulas = column.formulas[first:last]
                    present = pd.notna(formulas)
                    if present.any():
                        style = f' s="{styles[position]}"' if styles[position] is not None else ""
                        cell[present] = (f'<c r="{letters[position]}' + numbers[present] + f'"{style}><f>'
                                         + _xml_formula(formulas[present]) + "</f><v></v></c>")
                cell[column.missing[first:last]] = ""
                line = line + cell
            sheet.fh.write("".join((line + "</row>").tolist()))
            if progress:
                progress(last / rows)
        sheet.previous_row = rows
