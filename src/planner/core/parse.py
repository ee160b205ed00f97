"""Turning what people type (or files hold) into the book's values, and checking values.

One place for every input path (typed, pasted, imported, opened, the command line): money
in major units with separators and currency signs, ratios as ``35%`` or ``0.35``, dates in
the formats people write. Parsing never stops at the first bad cell: it returns every one
as ``(index, value, template, fields)`` for the caller to turn into Problems.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.money import MINOR_DIGITS, format_money, format_ratio, to_minor, to_ratio
from planner.core.schema import Column, Kind

Bad = tuple[object, object, str, dict]  # (index label, value, template, fields)

OTHER_CURRENCY = QT_TRANSLATE_NOOP("errors", "{value!r} is an amount in {other}; amounts here are in {currency}")
# what a currency sign typed before or after an amount says about its currency
_SIGNS = {"₩": ("KRW",), "원": ("KRW",), "円": ("JPY",), "¥": ("JPY", "CNY"), "￥": ("JPY", "CNY"),
          "€": ("EUR",), "£": ("GBP",), "$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN")}
_ISO_CODE = re.compile(r"\b([A-Za-z]{3})\b")
NOT_MONEY = QT_TRANSLATE_NOOP("errors", "{value!r} is not an amount (expected a number such as 1,234.50)")
NOT_INT = QT_TRANSLATE_NOOP("errors", "{value!r} is not a whole number")
NOT_RATIO = QT_TRANSLATE_NOOP("errors", "{value!r} is not a percentage (expected 35% or 0.35)")
NOT_DATE = QT_TRANSLATE_NOOP("errors", "{value!r} is not a date (expected a day such as 2026-03-05)")
OUT_OF_RANGE = QT_TRANSLATE_NOOP("errors", "{value} is out of range (expected {low} to {high})")
YEAR_RANGE = QT_TRANSLATE_NOOP("errors", "{value} is outside the years Planner accepts ({low} to {high})")
NOT_ALLOWED = QT_TRANSLATE_NOOP("errors", "{value!r} is not one of {allowed}")
REQUIRED = QT_TRANSLATE_NOOP("errors", "a value is required")

_FIRST_DAY = pd.Timestamp(schema.FIRST_YEAR, 1, 1)
_END_DAY = pd.Timestamp(schema.LAST_YEAR + 1, 1, 1)
# 2026-03-05, 2026.3.5, 2026/03/05, 2026년 3월 5일, 2026年3月5日 (an optional time is ignored)
_YMD = re.compile(r"^\s*(\d{4})\s*(?:[-./]|년|年)\s*(\d{1,2})\s*(?:[-./]|월|月)\s*(\d{1,2})\s*(?:일|日)?"
                  r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$")


def is_blank(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def parse_date(value: object) -> pd.Timestamp:
    """A day from a date, a datetime or text such as ``2026-03-05`` or ``2026년 3월 5일``.

    Raises
    ------
    ValueError
        When ``value`` is not a real day (``2026-02-30``) or is outside the accepted years.
    """
    if isinstance(value, (pd.Timestamp, datetime, date, np.datetime64)):
        day = pd.Timestamp(value)
    else:
        match = _YMD.match(str(value))
        if not match:
            raise ValueError(value)
        year, month, day_of_month = (int(part) for part in match.groups())
        if not schema.FIRST_YEAR <= year <= schema.LAST_YEAR:
            raise OverflowError(value)
        day = pd.Timestamp(datetime(year, month, day_of_month))  # ValueError for 2026-02-30
    if pd.isna(day):
        raise ValueError(value)
    if not _FIRST_DAY <= day < _END_DAY:
        raise OverflowError(value)
    return day.normalize()


def iso_days(texts: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``YYYY-MM-DD`` texts (as files store days) as days, and which present texts are not a
    real day in the years Planner keeps (vectorized)."""
    days = pd.to_datetime(texts, format="%Y-%m-%d", errors="coerce")
    bad = texts.notna() & (days.isna() | (days < _FIRST_DAY) | (days >= _END_DAY))
    return days.where(~bad).astype("datetime64[ns]"), bad


def parse_value(value: object, column: Column, currency: str):
    """One typed value as the book holds it (missing for a blank).

    Raises
    ------
    ValueError
        With ``args = (template, fields)`` saying what was expected.
    """
    if is_blank(value):
        return None
    kind = column.kind
    try:
        if kind is Kind.MONEY:
            _same_currency(value, currency)
            return _checked(to_minor(value, currency), column, currency)
        if kind is Kind.RATIO:
            return _checked(to_ratio(value), column, currency)
        if kind is Kind.INT:
            number = float(value) if not isinstance(value, str) else float(value.replace(",", "").strip())
            if not number.is_integer():
                raise ValueError
            return _checked(int(number), column, currency)
        if kind is Kind.DATE:
            return parse_date(value)
    except OverflowError:
        raise ValueError(YEAR_RANGE, {"value": value, "low": schema.FIRST_YEAR, "high": schema.LAST_YEAR}) from None
    except (ValueError, ArithmeticError, TypeError) as error:
        if len(error.args) == 2 and isinstance(error.args[1], dict):
            raise
        template = {Kind.MONEY: NOT_MONEY, Kind.RATIO: NOT_RATIO, Kind.INT: NOT_INT, Kind.DATE: NOT_DATE}[kind]
        raise ValueError(template, {"value": value}) from None
    text = str(value).strip()
    if column.allowed and text not in column.allowed:
        raise ValueError(NOT_ALLOWED, {"value": text, "allowed": ", ".join(column.allowed)})
    return text


def _same_currency(value: object, currency: str) -> None:
    """Refuse an amount typed with another currency's sign or code (no exchange rates yet)."""
    if not isinstance(value, str):
        return
    for sign, codes in _SIGNS.items():
        if sign in value and currency.upper() not in codes:
            raise ValueError(OTHER_CURRENCY, {"value": value, "other": codes[0], "currency": currency})
    for code in _ISO_CODE.findall(value):
        if code.upper() in MINOR_DIGITS and code.upper() != currency.upper():
            raise ValueError(OTHER_CURRENCY, {"value": value, "other": code.upper(), "currency": currency})


def _checked(number: int, column: Column, currency: str) -> int:
    low, high = bounds(column)
    if not low <= number <= high:
        raise ValueError(OUT_OF_RANGE, {"value": shown(number, column, currency), "low": shown(low, column, currency),
                                        "high": shown(high, column, currency)})
    return number


def bounds(column: Column) -> tuple[int, int]:
    low = -schema.MAX_INTEGER if column.minimum is None else column.minimum
    high = schema.MAX_INTEGER if column.maximum is None else column.maximum
    return low, high


def shown(number: int, column: Column, currency: str) -> str:
    """An internal number as the user would write it."""
    if column.kind is Kind.MONEY:
        return format_money(number, currency)
    if column.kind is Kind.RATIO:
        return format_ratio(number)
    return f"{number:,}"


def parse_column(values: pd.Series, column: Column, currency: str) -> tuple[pd.Series, list[Bad]]:
    """Typed values of one column as the book holds them, and every cell that does not fit.

    Bad cells come back missing in the series. Reference columns stay text (the book
    resolves them to row ids).
    """
    dtype = "string" if column.kind is Kind.REF else schema.DTYPES[column.kind]
    if column.kind in (Kind.TEXT, Kind.REF) and not column.allowed:
        text = values.astype("string").str.strip()
        return text.mask(text == ""), []
    out, bad = [], []
    for label, value in values.items():
        try:
            out.append(parse_value(value, column, currency))
        except ValueError as error:
            template, fields = error.args
            bad.append((label, value, template, fields))
            out.append(None)
    return pd.Series(out, index=values.index, dtype="object").astype(dtype), bad


def check_column(values: pd.Series, column: Column, currency: str) -> list[Bad]:
    """Cells of a column of book values that break the column's bounds or allowed values."""
    bad = []
    present = values.dropna()
    if column.kind in (Kind.INT, Kind.MONEY, Kind.RATIO) and len(present):
        low, high = bounds(column)
        numbers = present.astype("int64")
        for label, number in numbers[(numbers < low) | (numbers > high)].items():
            bad.append((label, number, OUT_OF_RANGE, {"value": shown(int(number), column, currency),
                                                      "low": shown(low, column, currency),
                                                      "high": shown(high, column, currency)}))
    elif column.kind is Kind.DATE and len(present):
        for label, day in present[(present < _FIRST_DAY) | (present >= _END_DAY)].items():
            bad.append((label, day.date().isoformat(), YEAR_RANGE,
                        {"value": day.date().isoformat(), "low": schema.FIRST_YEAR, "high": schema.LAST_YEAR}))
    if column.allowed and len(present):
        for label, value in present[~present.isin(column.allowed)].items():
            bad.append((label, value, NOT_ALLOWED, {"value": value, "allowed": ", ".join(column.allowed)}))
    return bad


def parse_frame(spec: schema.Table, frame: pd.DataFrame, currency: str) -> tuple[pd.DataFrame, list[Bad]]:
    """Every schema column of ``frame`` parsed from typed values; bad cells are returned with
    their column as ``(index, column, value, template, fields)``."""
    out, bad = frame.copy(), []
    for column in spec.columns:
        if column.name in out:
            out[column.name], found = parse_column(out[column.name], column, currency)
            bad += [(label, column.name, value, template, fields) for label, value, template, fields in found]
    return out, bad
