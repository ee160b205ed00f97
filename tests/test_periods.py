from datetime import date

import pandas as pd
import pytest

from planner.core.errors import PlannerError
from planner.core.periods import Period, period_labels


@pytest.mark.parametrize("text, label, start, end", [
    ("2026-01", "2026-01", date(2026, 1, 1), date(2026, 2, 1)),
    ("2026-Q1", "2026-Q1", date(2026, 1, 1), date(2026, 4, 1)),
    ("2026q4", "2026-Q4", date(2026, 10, 1), date(2027, 1, 1)),
    ("2026", "2026", date(2026, 1, 1), date(2027, 1, 1)),
    ("2026-12", "2026-12", date(2026, 12, 1), date(2027, 1, 1)),
])
def test_parse(text, label, start, end):
    period = Period.parse(text)
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize("text, label", [
    ("2026년 1분기", "2026-Q1"), ("2026년 3/4분기", "2026-Q3"), ("2026년 3월", "2026-03"), ("2026년", "2026"),
    ("2026年第2四半期", "2026-Q2"), ("2026年 第４四半期", "2026-Q4"), ("2026年Q1", "2026-Q1"), ("2026年12月", "2026-12"),
    ("２０２６年", "2026"),
])
def test_korean_and_japanese_periods(text, label):
    assert Period.parse(text).label == label


@pytest.mark.parametrize("bad", ["2026-13", "2026-Q5", "26", "Q1", "", "2026-01-05", "2026년 5분기", "2026年13月",
                                 "2026年3月5日", "2026년 3월 5일"])
def test_parse_refuses_bad_periods(bad):
    with pytest.raises(PlannerError, match="Bad period"):
        Period.parse(bad)


def test_split_and_containing():
    quarter = Period.parse("2026-Q2")
    assert [p.label for p in quarter.split("month")] == ["2026-04", "2026-05", "2026-06"]
    assert [p.label for p in quarter.split("year")] == ["2026"]
    assert [p.label for p in Period.parse("2026-05").split("quarter")] == ["2026-Q2"]
    assert Period.containing(date(2026, 11, 23), "quarter").label == "2026-Q4"
    assert Period.parse("2026-01").shifted(-1).label == "2025-12"


def test_period_labels_are_vectorized_and_keep_missing():
    dates = pd.Series(pd.to_datetime(["2026-01-31", None, "2025-12-01"]))
    assert period_labels(dates, "quarter").tolist() == ["2026-Q1", pd.NA, "2025-Q4"]
    assert period_labels(dates, "month").tolist()[0] == "2026-01"
