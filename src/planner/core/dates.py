"""Days as people write them (typed, pasted, imported): ISO and local year-first forms, month
names, ``20260305``, and where the source says so ``03/05/2026`` in a given order and Excel
serial numbers. One value at a time (:func:`parse_date`) or a whole column (:func:`days_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP

NOT_DATE = QT_TRANSLATE_NOOP("errors", "{value!r} is not a date (expected a day such as 2026-03-05)")
AMBIGUOUS_DATE = QT_TRANSLATE_NOOP("errors", "{value!r} could be month first or day first: write the day as "
                                             "2026-03-05, or give the order (import --date-order mdy or dmy, "
                                             "or a mapping's \"date_order\")")
YEAR_RANGE = QT_TRANSLATE_NOOP("errors", "{value} is outside the years Planner accepts ({low} to {high})")

FIRST_DAY = pd.Timestamp(schema.FIRST_YEAR, 1, 1)
END_DAY = pd.Timestamp(schema.LAST_YEAR + 1, 1, 1)
# An optional time after a day (ignored): 14:30, 14:30:00.000, 2:30 PM, 오후 2:30:00, 午後2:30, T14:30:00Z,
# T14:30:00.000+0000 (a Salesforce API date-time).
_TIME = (r"(?:(?:[ T]+|\s*(?=오전|오후|午前|午後))(?:(?:오전|오후|午前|午後|[AaPp]\.?[Mm]\.?)\s*)?\d{1,2}:\d{2}"
         r"(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?")
# 2026-03-05, 2026.3.5, 2026. 3. 5., 2026/03/05, 2026년 3월 5일, 2026年3月5日 (an optional weekday in
# brackets and an optional time are ignored)
_YMD = re.compile(r"^\s*(?P<y>\d{4})\s*(?:[-./]|년|年)\s*(?P<m>\d{1,2})\s*(?:[-./]|월|月)\s*(?P<d>\d{1,2})"
                  r"\s*(?:일|日|\.)?\s*(?:\(\w{1,3}\))?" + _TIME + r"\s*$")
# 5-Mar-2026, 05 Mar 2026, 5 March 2026, 5.Mar.2026
_DMON = re.compile(r"^\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?[-\s/.]+(?P<mon>[A-Za-z]{3,9})\.?[-\s/.,]+(?P<y>\d{4})"
                   + _TIME + r"\s*$")
# Mar 5, 2026, March 5 2026, Thu, Mar 5, 2026
_MOND = re.compile(r"^\s*(?:[A-Za-z]{3,9},?\s+)?(?P<mon>[A-Za-z]{3,9})\.?[-\s/.]+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?"
                   r"[-\s/.]+(?P<y>\d{4})" + _TIME + r"\s*$")
# 03/05/2026, 3/5/2026, 05.03.2026 (month first or day first: only with DateForms.order)
_NUMERIC = re.compile(r"^\s*(?P<a>\d{1,2})\s*[-./]\s*(?P<b>\d{1,2})\s*[-./]\s*(?P<y>\d{4})" + _TIME + r"\s*$")
# 20260305
_COMPACT = re.compile(r"^\s*(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})\s*$")
# an Excel serial day number written as text (only with DateForms.epoch)
_SERIAL = re.compile(r"^\s*(?P<serial>\d{1,6}(?:\.\d+)?)\s*$")
_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
# Day 0 of Excel's date systems (1900: serial 1 is 1900-01-01, and Excel counts a 29 February 1900
# that never was, serial 60; 1904: serial 0 is 1904-01-01, the old Mac system).
_EPOCHS = {1900: pd.Timestamp(1899, 12, 30), 1904: pd.Timestamp(1904, 1, 1)}
_LAST_SERIAL = {epoch: (END_DAY - day).days - 1 for epoch, day in _EPOCHS.items()}


@dataclass(frozen=True)
class DateForms:
    """The date forms that depend on where a value comes from, beyond those always accepted.

    Always accepted: ISO and year-first local forms (``2026-03-05``, ``2026.3.5``, ``2026/03/05``,
    ``2026년 3월 5일``, ``2026年3月5日``), month names (``5-Mar-2026``, ``Mar 5, 2026``) and
    ``20260305``; an optional time is ignored.

    Parameters
    ----------
    order : {"mdy", "dmy"} or None
        How to read ``03/05/2026``: month first (US) or day first. None refuses such dates,
        which could mean either.
    epoch : {1900, 1904} or None
        Numbers are Excel serial day numbers of that date system (a workbook's ``date1904``
        setting). None refuses numbers.
    """

    order: str | None = None
    epoch: int | None = None



def parse_date(value: object, dates: DateForms | None = None) -> pd.Timestamp:
    """A day from a date, a datetime or text such as ``2026-03-05``, ``2026년 3월 5일`` or
    ``5-Mar-2026``; with ``dates``, also ``03/05/2026`` and Excel serial numbers.

    Raises
    ------
    ValueError
        When ``value`` is not a real day (``2026-02-30``).
    OverflowError
        When it is outside the accepted years.
    """
    if isinstance(value, (pd.Timestamp, datetime, date, np.datetime64)):
        day = pd.Timestamp(value)
    elif dates is not None and dates.epoch and is_number(value):
        day = _serial_day(float(value), dates.epoch, value)
    else:
        text = str(value)
        if dates is not None and dates.epoch and _SERIAL.match(text):
            day = _serial_day(float(text), dates.epoch, value)
        else:
            year, month, day_of_month = _text_date_parts(text, dates)
            if not schema.FIRST_YEAR <= year <= schema.LAST_YEAR:
                raise OverflowError(value)
            day = pd.Timestamp(datetime(year, month, day_of_month))  # ValueError for 2026-02-30
    if pd.isna(day):
        raise ValueError(value)
    if not FIRST_DAY <= day < END_DAY:
        raise OverflowError(value)
    return day.normalize()


def is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _serial_day(serial: float, epoch: int, value: object) -> pd.Timestamp:
    """The day of an Excel serial number (its fraction, the time of day, is ignored)."""
    if not np.isfinite(serial):
        raise ValueError(value)
    whole = int(np.floor(serial))
    if 19000101 <= whole <= 21991231 and float(serial).is_integer():  # 20260305 written as a number
        return pd.Timestamp(datetime(whole // 10000, whole // 100 % 100, whole % 100))
    if epoch == 1900 and whole == 60:  # 29 February 1900, a day that never was
        raise ValueError(value)
    if whole < (1 if epoch == 1900 else 0) or whole > _LAST_SERIAL[epoch]:
        raise OverflowError(value)
    return _EPOCHS[epoch] + timedelta(days=whole + (1 if epoch == 1900 and whole < 60 else 0))


def _text_date_parts(text: str, dates: DateForms | None) -> tuple[int, int, int]:
    """(year, month, day) of a written date, by the first form that matches it."""
    for pattern in (_YMD, _COMPACT):
        match = pattern.match(text)
        if match:
            return int(match["y"]), int(match["m"]), int(match["d"])
    for pattern in (_DMON, _MOND):
        match = pattern.match(text)
        if match:
            month = _MONTHS.get(match["mon"].lower())
            if month is None:
                raise ValueError(text)
            return int(match["y"]), month, int(match["d"])
    match = _NUMERIC.match(text)
    if match and dates is not None and dates.order in ("mdy", "dmy"):
        first, second = int(match["a"]), int(match["b"])
        month, day = (first, second) if dates.order == "mdy" else (second, first)
        return int(match["y"]), month, day
    if match and int(match["a"]) <= 12 and int(match["b"]) <= 12:  # 03/05/2026, no order given: not guessed
        raise ValueError(AMBIGUOUS_DATE, {"value": text})
    raise ValueError(text)


def numeric_date_order(texts: pd.Series) -> str | None:
    """What written dates such as ``03/05/2026`` in ``texts`` say about their order: ``"dmy"``
    when a first number is above 12, ``"mdy"`` when a second one is, else (no evidence, or
    both) None."""
    parts = pd.Series(texts, dtype="object").dropna().astype(str).str.extract(_NUMERIC)[["a", "b"]].dropna()
    if parts.empty:
        return None
    first, second = parts["a"].astype(int), parts["b"].astype(int)
    day_first, month_first = bool((first > 12).any()), bool((second > 12).any())
    return "dmy" if day_first and not month_first else "mdy" if month_first and not day_first else None


def iso_days(texts: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Days of the cells that are exactly ``YYYY-MM-DD`` text (as files store days), and which
    present cells are not: another form, or not a real day in the years Planner keeps."""
    # a book holds a few thousand distinct days at most: judge each once, then take per row
    codes, texts_once = pd.factorize(texts.to_numpy(dtype=object), use_na_sentinel=True)
    texts_once = pd.Series(texts_once, dtype=object)
    # only that form: pandas' parser would also take 2026-1-5, full-width digits, "today"
    exact = texts_once.map(lambda text: isinstance(text, str) and _STORED_DAY.fullmatch(text) is not None)
    once = pd.to_datetime(texts_once.where(exact), format="%Y-%m-%d", errors="coerce")
    bad_once = (once.isna() | (once < FIRST_DAY) | (once >= END_DAY)).to_numpy()
    days = np.append(once.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    days[:-1][bad_once] = np.datetime64("NaT", "ns")
    return (pd.Series(days[codes], index=texts.index, name=texts.name),
            pd.Series(np.append(bad_once, False)[codes], index=texts.index, name=texts.name))


_STORED_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def days_of(cells: np.ndarray, blank: np.ndarray, numbers: np.ndarray, strings: np.ndarray,
            dates: DateForms | None) -> tuple[np.ndarray, np.ndarray]:
    """Days of a whole column's cells (``numbers`` and ``strings`` say which cells are which) in
    their common forms: date objects, serial numbers with an epoch, ISO and the other written
    forms; and which cells were settled."""
    n = len(cells)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    done = np.zeros(n, dtype=bool)
    moments = ~blank & ~numbers & ~strings
    if moments.any() and pd.api.types.infer_dtype(cells[moments], skipna=True) not in ("date", "datetime",
                                                                                        "datetime64"):
        moments &= np.fromiter((isinstance(v, (date, np.datetime64)) for v in cells), dtype=bool, count=n)
    if moments.any():
        try:
            days = pd.to_datetime(pd.Series(cells[moments], dtype="object"), errors="coerce").astype("datetime64[ns]")
        except (TypeError, ValueError, OverflowError):  # time zones, odd objects: one by one
            days = None
        if days is not None:
            out[moments] = days.dt.normalize().to_numpy()
            done[moments] = days.notna().to_numpy()
    if numbers.any() and dates is not None and dates.epoch:
        serials = cells[numbers].astype("float64")
        whole = np.floor(serials)
        ok = np.isfinite(whole) & (whole >= (1 if dates.epoch == 1900 else 0)) & (whole <= _LAST_SERIAL[dates.epoch])
        if dates.epoch == 1900:
            ok &= whole != 60
            whole = np.where(whole < 60, whole + 1, whole)
        offsets = np.where(ok, whole, 0).astype("int64").astype("timedelta64[D]")
        out[numbers] = np.where(ok, _EPOCHS[dates.epoch].to_datetime64().astype("datetime64[ns]") + offsets,
                                np.datetime64("NaT"))
        done[numbers] = ok
    if strings.any():
        texts = pd.Series(cells[strings], dtype="object").str.strip()
        days = pd.to_datetime(texts, format="%Y-%m-%d", errors="coerce")
        settled = days.notna().to_numpy()
        for pattern in (_YMD, _DMON, _MOND, _COMPACT, _NUMERIC):
            if settled.all():
                break
            if pattern is _NUMERIC and (dates is None or dates.order not in ("mdy", "dmy")):
                continue
            pending = texts[~settled]
            parts = pending.str.extract(pattern)
            matched = parts["y"].notna()
            if not matched.any():
                continue
            parts = parts[matched]
            if pattern is _NUMERIC:
                first, second = parts["a"], parts["b"]
                month, day = (first, second) if dates.order == "mdy" else (second, first)
            else:
                day = parts["d"]
                month = parts["mon"].str.lower().map(_MONTHS) if "mon" in parts else parts["m"]
            found = pd.to_datetime(pd.DataFrame({"year": parts["y"].astype("int64"),
                                                 "month": pd.to_numeric(month, errors="coerce"),
                                                 "day": day.astype("int64")}), errors="coerce")
            positions = np.flatnonzero(~settled)[matched.to_numpy()]
            values = days.to_numpy(dtype="datetime64[ns]").copy()
            values[positions] = found.to_numpy(dtype="datetime64[ns]")
            days = pd.Series(values, index=texts.index)
            settled = days.notna().to_numpy()
        out[strings], done[strings] = days.to_numpy(dtype="datetime64[ns]"), settled
    with np.errstate(invalid="ignore"):
        done &= (out >= np.datetime64(FIRST_DAY, "ns")) & (out < np.datetime64(END_DAY, "ns"))
    return out, done
