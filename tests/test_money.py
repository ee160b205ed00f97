from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.errors import PlannerError
from planner.core.money import (
    apply_ratio, format_money, format_ratio, minor_digits, parse_decimal, round_div, to_minor, to_ratio,
)


def test_minor_digits_follow_iso_4217():
    assert (minor_digits("USD"), minor_digits("krw"), minor_digits("JPY"), minor_digits("BHD")) == (2, 0, 0, 3)
    with pytest.raises(PlannerError, match="Unknown currency 'XYZ'"):
        minor_digits("XYZ")


@pytest.mark.parametrize("text, expected", [
    ("1,234.50", Decimal("1234.50")), ("₩1,200", Decimal("1200")), ("12,000円", Decimal("12000")),
    ("(300)", Decimal("-300")), (0.1, Decimal("0.1")), (7, Decimal(7)), ("USD 5", Decimal(5)),
])
def test_parse_decimal_reads_what_people_type(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize("bad", ["", "abc", "1.2.3", float("nan"), True])
def test_parse_decimal_refuses_non_numbers(bad):
    with pytest.raises(ValueError):
        parse_decimal(bad)


def test_to_minor_refuses_more_decimals_than_the_currency_has():
    for value, currency in [("12.345", "USD"), ("-12.345", "USD"), ("1200.5", "KRW"), (12.345, "USD")]:
        with pytest.raises(ValueError) as refused:
            to_minor(value, currency)
        assert refused.value.args[1]["currency"] == currency
    assert to_minor("12.340", "USD") == 1234 and to_minor("1.5", "BHD") == 1500
    assert to_minor(0.1 + 0.2, "USD") == 30  # binary noise, not a decimal anyone wrote
    assert to_minor("32395.00000002", "USD") == 3_239_500 and to_minor("4.99999999", "USD") == 500


def test_format_money_uses_the_currency_digits():
    assert format_money(123450, "USD") == "1,234.50"
    assert format_money(-5, "USD") == "-0.05"
    assert format_money(1200, "KRW") == "1,200"
    assert format_money(123450, "USD", grouping=False) == "1234.50"


def test_ratios_are_millionths():
    assert to_ratio("60%") == 600_000
    assert to_ratio(0.125) == 125_000
    assert to_ratio("0.1") == 100_000
    assert format_ratio(125_000) == "12.5%"
    assert format_ratio(1_000_000) == "100%"


@pytest.mark.parametrize("mode, results", [
    ("half_up", [1, -1, 2, -2, 1]),
    ("half_even", [0, 0, 2, -2, 1]),
    ("down", [0, 0, 1, -1, 0]),
    ("up", [1, -1, 2, -2, 1]),
])
def test_round_div_modes(mode, results):
    assert list(round_div(np.array([5, -5, 15, -15, 7]), 10, mode)) == results


def test_round_div_is_exact_beyond_int64():
    huge = 10**30 + 5
    assert round_div(huge, 10) == 10**29 + 1


@given(st.integers(-10**15, 10**15), st.integers(0, 2_000_000))
def test_apply_ratio_matches_decimal_half_up(minor, ppm):
    expected = (Decimal(minor) * Decimal(ppm) / Decimal(1_000_000)).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    assert apply_ratio(minor, ppm) == int(expected)


@pytest.mark.parametrize("text", ["1e30", "1e308", "-1e400", "1e30%"])
def test_huge_numbers_are_whole_numbers_for_the_callers_bounds_to_refuse(text):
    # Decimal's 28 digits made quantize raise InvalidOperation (a traceback in planner quotas)
    exponent = int(text.strip("%").split("e")[1])
    assert abs(to_minor(text.strip("%"), "USD")) == 10 ** (exponent + 2)
    assert abs(to_ratio(text)) == 10 ** (exponent + 6 - (2 if text.endswith("%") else 0))


@pytest.mark.parametrize("text", ["1e401", "1e999999", "-1e999999%"])
def test_numbers_beyond_any_amount_are_refused_as_values(text):
    with pytest.raises(ValueError):
        to_minor(text.strip("%"), "USD")
    with pytest.raises(ValueError):
        to_ratio(text)
