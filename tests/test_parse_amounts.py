"""Amounts are read one way everywhere (typed, pasted, imported, overrides, the command line):
thousands separators only where they group three digits, a decimal point, no more decimals than
the currency has. Anything else is refused with what to write, never read as another amount."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.money import to_minor, to_ratio
from planner.core.dates import DateForms, parse_date
from planner.core.parse import parse_cells, parse_value
from planner.core.schema import Column, Kind
from planner.io.excel_import import read_tables

AMOUNT = Column("amount", Kind.MONEY, "Amount")
SHARE = Column("share", Kind.RATIO, "Share")

# text, what to write instead (None: the grouping message)
EUROPEAN = [("1.234,56 €", "1234.56"), ("€ 2.000,00", "2000.00"), ("2,5", "2.5"), ("3.000,00", "3000.00"),
            ("1,23", "1.23"), ("12,3456", "12.3456"), ("1 234,50", "1234.50"), ("-1.234.567,8", "-1234567.8"),
            ("1,2,3", None), ("1,234,56", None), ("12,34,567", None), ("1234,567", None), ("1,234 567", None)]


@pytest.mark.parametrize("text, number", EUROPEAN)
def test_a_decimal_comma_or_bad_grouping_is_refused_with_what_to_write(text, number):
    with pytest.raises(ValueError) as refused:
        parse_value(text, AMOUNT, "EUR" if "€" in text else "USD")
    template, fields = refused.value.args
    if number is None:
        assert "thousands separators group three digits" in template
    else:
        assert "the decimal separator is a point" in template and fields["number"] == number
    assert fields["value"] == text


@pytest.mark.parametrize("text, minor", [
    ("1,234.50", 123_450), ("$1,234.50", 123_450), ("1 234 567.5", 123_456_750), ("1\u00a0234.50", 123_450),
    ("1\u202f234", 123_400), ("1'234.50", 123_450), ("1_234", 123_400), ("1,234", 123_400), ("-1,234", -123_400),
    ("(1,234.50)", -123_450), ("USD 1,234.50", 123_450), ("1234.5", 123_450), (".5", 50), ("12.340", 1234),
])
def test_amounts_written_the_usual_ways_are_read_exactly(text, minor):
    assert parse_value(text, AMOUNT, "USD") == minor
    assert to_minor(text, "USD") == minor


def test_more_decimals_than_the_currency_has_are_refused_not_rounded():
    for value, currency in [("12.345", "USD"), (12.345, "USD"), ("₩1,200.5", "KRW"), ("1.0001", "BHD")]:
        with pytest.raises(ValueError) as refused:
            parse_value(value, AMOUNT, currency)
        template, fields = refused.value.args
        assert "more decimals" in template and fields["currency"] == currency


def test_imported_cells_read_as_typed_ones_whichever_path_settles_them():
    """The vectorized import path refuses what parse_value refuses, with the same message."""
    texts = [text for text, _ in EUROPEAN] + ["12.345", "1,234.50", "$ 1,234.50", "1,234", "32395.00000002"]
    currency = "USD"
    cells = pd.Series([text.replace("€", "$") for text in texts] * 3 + [12.345, 1234.5, 0.1 + 0.2], dtype="object")
    parsed, bad = parse_cells(cells, AMOUNT, currency)
    refused = {label: (template, fields) for label, _value, template, fields in bad}
    for label, value in cells.items():
        try:
            expected = parse_value(value, AMOUNT, currency)
        except ValueError as error:
            assert refused[label] == error.args, value
            assert pd.isna(parsed[label])
        else:
            assert label not in refused and parsed[label] == expected, value
    assert list(parsed.dropna()) == [123_450, 123_450, 123_400, 3_239_500] * 3 + [123_450, 30]


def test_percentages_with_a_decimal_comma_are_refused():
    for text in ("12,5%", "0,35"):
        with pytest.raises(ValueError):
            parse_value(text, SHARE, "USD")
        _, bad = parse_cells(pd.Series([text, "12.5%"], dtype="object"), SHARE, "USD")
        assert [label for label, *_ in bad] == [0]
    assert to_ratio("1,250%") == 12_500_000


def test_a_european_csv_is_refused_cell_by_cell_not_imported_as_other_amounts(tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text("Deal ID;Deal Name;Owner;Stage;Amount;Created\n"
                    "D1;A;Kim;Prospecting;1.234,56 €;2026-03-05\n"
                    "D2;B;Kim;Prospecting;€ 2.000,00;2026-03-05\n"
                    "D3;C;Kim;Prospecting;2,5;2026-03-05\n"
                    "D4;D;Kim;Prospecting;100;2026-03-05\n", encoding="utf-8")
    result = read_tables([path])
    assert [(p.row, p.value) for p in result.problems] == [(2, "1.234,56 €"), (3, "€ 2.000,00"), (4, "2,5")]
    assert "write 1234.56 (the decimal separator is a point)" in str(result.problems[0])


def test_an_ambiguous_day_month_says_how_to_choose_the_order():
    with pytest.raises(ValueError) as refused:
        parse_value("03/05/2026", Column("d", Kind.DATE, "D"), "USD")
    template, fields = refused.value.args
    assert "month first or day first" in template and "date_order" in template and fields == {"value": "03/05/2026"}
    # a day above 12 is not ambiguous, only unreadable without an order
    with pytest.raises(ValueError, match="is not a date"):
        parse_value("13/05/2026", Column("d", Kind.DATE, "D"), "USD")
    assert parse_date("03/05/2026", DateForms(order="dmy")) == pd.Timestamp(2026, 5, 3)


def test_grouped_amounts_stay_on_the_vectorized_path(monkeypatch):
    """Import speed: amounts written the usual ways never go one by one through parse_value
    (only the cells to refuse do)."""
    import planner.core.parse as parse

    calls = []
    monkeypatch.setattr(parse, "parse_value", lambda value, *args: calls.append(value) or 0)
    rng = np.random.default_rng(1)
    texts = [f"{v:,.2f}" for v in rng.uniform(-1e6, 1e6, 2_000)] + ["$1 234.5", "1'234", "32395.00000002", "7"]
    parsed, bad = parse.parse_cells(pd.Series(texts + ["1,2,3", "2,5"], dtype="object"), AMOUNT, "USD")
    assert calls == ["1,2,3", "2,5"] and bad == [] and parsed.notna().all()


def test_whole_numbers_follow_the_same_grouping_rule():
    whole = Column("n", Kind.INT, "N")
    cells = pd.Series(["1,234", "1 234", "1,2,3", "2,5", "7"], dtype="object")
    parsed, bad = parse_cells(cells, whole, "USD")
    assert list(parsed) == [1234, 1234, pd.NA, pd.NA, 7] and [label for label, *_ in bad] == [2, 3]
    assert all("not a whole number" in template for _, _, template, _ in bad)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789,.' $-€", min_size=1, max_size=12), min_size=1, max_size=20),
       st.sampled_from(["USD", "KRW", "BHD"]))
def test_any_text_reads_the_same_on_both_paths(texts, currency):
    """Whatever is written, the vectorized import path and parse_value agree: same amount, or
    the same refusal."""
    cells = pd.Series(texts, dtype="object")
    parsed, bad = parse_cells(cells, AMOUNT, currency)
    refused = {label: (template, fields) for label, _value, template, fields in bad}
    for label, value in cells.items():
        try:
            expected = parse_value(value, AMOUNT, currency)
        except ValueError as error:
            assert refused[label] == error.args, value
        else:
            assert label not in refused, value
            assert (pd.isna(parsed[label]) and expected is None) or parsed[label] == expected, value
