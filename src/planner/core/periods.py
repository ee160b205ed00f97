"""Calendar periods: months (``2026-01``), quarters (``2026-Q1``) and years (``2026``).

A period is one value however it is written (``2026-Q1``, ``2026Q1``, ``2026 Q1``): the
book's period columns (``Kind.PERIOD``) hold its canonical label, parsed once where a value
enters the book (typed, pasted, imported, opened) by :func:`parse_periods`, and compared as
labels ever after. :meth:`Period.of` turns a canonical label back into a period.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError

PeriodKind = Literal["month", "quarter", "year"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("month", "quarter", "year")
MONTHS_IN = {"month": 1, "quarter": 3, "year": 12}  # the months of a period of each kind
# 2026-01, 202601, 2026 01, 2026-Q1, 2026Q1, 2026 Q1, 2026/Q1 and 2026
_PATTERN = re.compile(r"^\s*(\d{4})(?:(?:-|/|\s*)(?:(0?[1-9]|1[0-2])|[Qq]([1-4])))?\s*$")
# Korean and Japanese: 2026년 1분기, 2026년 1/4분기, 2026년 3월, 2026년; 2026年第2四半期, 2026年Q2, 2026年3月, 2026年
_CJK_PATTERN = re.compile(r"^\s*(\d{4})\s*[년年]\s*(?:(0?[1-9]|1[0-2])\s*[월月]|(?:第\s*)?([1-4])\s*(?:/\s*4\s*)?"
                          r"(?:분기|四半期)|[Qq]([1-4]))?\s*$")
NOT_PERIOD = QT_TRANSLATE_NOOP("errors", "Bad period {text!r}: expected a month (2026-01), a quarter (2026-Q1) or a "
                                         "year (2026)")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, quarter or year; ``end`` is exclusive."""

    start: date
    kind: PeriodKind

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a month ``2026-01`` (``2026년 3월``, ``2026年3月``), a quarter ``2026-Q1`` (or
        ``2026Q1``, ``2026 Q1``, ``2026년 1분기``, ``2026年第1四半期``) or a year ``2026``
        (``2026년``, ``2026年``): where a period enters (the command line, a typed or imported
        cell); see :func:`parse_periods`."""
        written = unicodedata.normalize("NFKC", str(text))  # full-width digits, Ｑ
        match = _PATTERN.match(written) or _CJK_PATTERN.match(written)
        if not match:
            raise PlannerError(NOT_PERIOD, text=text)
        year, month, quarter, other_quarter = (*match.groups(), None)[:4]
        quarter = quarter or other_quarter
        from planner.core.schema import FIRST_YEAR, LAST_YEAR

        if not FIRST_YEAR <= int(year) <= LAST_YEAR:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "Bad period {text!r}: Planner keeps the years {low} to {high}"),
                               text=text, low=FIRST_YEAR, high=LAST_YEAR)
        if month:
            return cls(date(int(year), int(month), 1), "month")
        if quarter:
            return cls(date(int(year), 3 * int(quarter) - 2, 1), "quarter")
        return cls(date(int(year), 1, 1), "year")

    @classmethod
    def of(cls, label: str) -> Period:
        """The period of a canonical label as the book holds it (``2026-Q1``; cached)."""
        return _of_label(label)

    @classmethod
    def containing(cls, day: date, kind: PeriodKind) -> Period:
        """The period of ``kind`` that holds ``day``."""
        first_month = (day.month - 1) // MONTHS_IN[kind] * MONTHS_IN[kind] + 1
        return cls(date(day.year, first_month, 1), kind)

    @property
    def months(self) -> int:
        return MONTHS_IN[self.kind]

    @property
    def end(self) -> date:
        month_index = self.start.year * 12 + self.start.month - 1 + self.months
        return date(month_index // 12, month_index % 12 + 1, 1)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def __str__(self) -> str:
        return self.label

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods later (earlier when negative)."""
        month_index = self.start.year * 12 + self.start.month - 1 + steps * self.months
        return Period(date(month_index // 12, month_index % 12 + 1, 1), self.kind)

    def split(self, kind: PeriodKind) -> list[Period]:
        """The periods of ``kind`` overlapping this one (its parts, or the one containing it)."""
        if MONTHS_IN[kind] >= self.months:
            return [Period.containing(self.start, kind)]
        first = Period(self.start, kind)
        return [first.shifted(i) for i in range(self.months // MONTHS_IN[kind])]

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def mask(self, dates: pd.Series) -> pd.Series:
        """Boolean mask of ``dates`` that fall in this period (missing dates are outside)."""
        return (dates >= pd.Timestamp(self.start)) & (dates < pd.Timestamp(self.end))


def period_labels(dates: pd.Series, kind: PeriodKind) -> pd.Series:
    """Vectorized labels of the periods of ``kind`` holding ``dates`` (missing stays missing)."""
    step = MONTHS_IN[kind]
    starts = ((dates.dt.year * 12 + dates.dt.month - 1) // step * step).astype("Int64")
    labels = {code: Period(date(code // 12, code % 12 + 1, 1), kind).label for code in starts.dropna().unique().tolist()}
    return starts.map(labels).astype("string")


@lru_cache(maxsize=4096)
def _of_label(label: str) -> Period:
    period = Period.parse(label)
    if period.label != label:
        raise ValueError(f"{label!r} is not a canonical period label")
    return period


def parse_periods(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Period cells (``2026Q1``, ``2026-Q1``, ``2026 Q1``, blanks) as canonical labels, once
    per distinct text, and which present cells are not a period (kept as given, for the
    caller to report). The one home of "is this text a period", for every way in."""
    texts = values.astype("string").str.strip()
    texts = texts.mask(texts == "")
    labels: dict[str, str | None] = {}
    for text in texts.dropna().unique():
        try:
            labels[text] = Period.parse(text).label
        except PlannerError:
            labels[text] = None
    canonical = texts.map(labels).astype("string")
    bad = texts.notna() & canonical.isna()
    return canonical.where(~bad, texts), bad


def period_kinds(labels: pd.Series) -> pd.Series:
    """The kind (month, quarter, year) of each canonical label, missing stays missing."""
    return labels.map({label: Period.of(label).kind for label in labels.dropna().unique()}).astype("string")


def period_cells(values: pd.Series) -> tuple[pd.Series, list[tuple]]:
    """Typed or imported period cells as canonical labels (bad cells missing), and each bad
    cell as ``(index label, value, template, fields)`` (core/parse.py's form)."""
    labels, bad = parse_periods(values)
    return labels.mask(bad), [(label, values[label], NOT_PERIOD, {"text": str(values[label]).strip()})
                              for label in labels.index[bad.to_numpy(dtype=bool)]]


def not_canonical(values: pd.Series) -> list[tuple]:
    """Cells of a period column of the book that hold no canonical label (text that is no
    period, kept as given), in core/parse.py's form."""
    present = values.dropna()
    codes, distinct = pd.factorize(present.to_numpy(dtype=object))  # each distinct text judged once
    wrong = np.array([not _canonical(text) for text in distinct], dtype=bool)
    return [(label, present[label], NOT_PERIOD, {"text": str(present[label])})
            for label in present.index[wrong[codes]]] if wrong.any() else []


@lru_cache(maxsize=4096)
def _canonical(text) -> bool:
    """Is ``text`` a period's canonical label (as :func:`parse_periods` would write it)?"""
    try:
        return Period.parse(str(text)).label == str(text)
    except PlannerError:
        return False
