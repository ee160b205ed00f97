"""One home per rule (issue 15): a column's kind reads and shows its values the same way for typed
input, paste, import and the user's own columns; the deal rules are one module's; a database
address is told from a file in one place. Qt-free."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures import row, small_book
from planner.core import deal_rules, kinds, schema, sheet_edits
from planner.core.money import BAD_GROUPING, DEFAULT_CURRENCY, currency_of
from planner.core.parse import REQUIRED, parse_cells, parse_value
from planner.core.problems import Refused
from planner.core.schema import Kind
from planner.io.excel_import import ImportRefused, build_book, plan_merge, read_tables
from planner.storage.dialects import is_url, target_of


def write_csv(path: Path, rows: list[list]) -> Path:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


def with_own_columns(book):
    """``book`` with the user's own columns: a number (Score) and a day (Met on) on Deals."""
    deals = book["Deals"]
    frame = deals.assign(Score=pd.Series(np.arange(len(deals), dtype="float64"), index=deals.index),
                         **{"Met on": pd.Series(pd.NaT, index=deals.index, dtype="datetime64[ns]")})
    book.apply(book.replacement("Deals", frame))
    return book


# -- the user's own columns: read and shown by the schema's rules ------------------------------
def test_typed_text_in_a_users_own_columns_reads_as_amounts_and_dates_do():
    book = with_own_columns(small_book())
    d1 = row(book, "Deals", 0)
    book.set_typed("Deals", pd.DataFrame({"Score": ["1,234.5"], "Met on": ["2026년 3월 5일"]}, index=[d1]))
    assert book["Deals"].at[d1, "Score"] == 1234.5
    assert book["Deals"].at[d1, "Met on"] == pd.Timestamp("2026-03-05")
    with pytest.raises(Refused) as refused:  # never read as 123, as an amount never is
        book.set_typed("Deals", pd.DataFrame({"Score": ["1,2,3"]}, index=[d1]))
    assert refused.value.problems[0].template == BAD_GROUPING
    with pytest.raises(Refused, match="'SKU-1' is not a number"):
        book.set_typed("Deals", pd.DataFrame({"Score": ["SKU-1"]}, index=[d1]))
    assert book["Deals"].at[d1, "Score"] == 1234.5


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False, width=64)))
def test_a_users_number_reads_back_as_the_same_number_from_the_text_shown(number):
    shown = kinds.text(None, float(number))
    parsed, bad = kinds.extra_values(pd.Series([shown], dtype="object"), "number")
    assert bad == [] and parsed.iloc[0] == float(number), shown


_NUMBER_TEXTS = st.one_of(st.from_regex(r"\A[ ]?[-+]?[0-9]{0,4}([, '_\u00a0][0-9]{1,4}){0,2}(\.[0-9]{0,6})?[ ]?\Z"),
                          st.from_regex(r"\A[-+]?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]*)?\Z"),
                          st.sampled_from(["1e5", "１，２３４", "١٢", "-0", "+.", ".", "1.", "NaN", "inf"]),
                          st.text(max_size=5), st.none())


@settings(max_examples=300, deadline=None)
@given(st.lists(_NUMBER_TEXTS, max_size=8))
def test_a_users_numbers_read_alike_a_column_at_a_time_and_one_by_one(texts):
    from planner.core.parse import is_blank

    parsed, bad = kinds.extra_values(pd.Series(texts, dtype="object"), "number")
    bad_labels = {label for label, *_ in bad}
    for index, text in enumerate(texts):
        if is_blank(text):
            assert pd.isna(parsed[index]) and index not in bad_labels
            continue
        try:
            expected = kinds._number(text)  # the one-by-one path
        except (ValueError, ArithmeticError):
            assert index in bad_labels and pd.isna(parsed[index]), text
            continue
        assert index not in bad_labels and parsed[index] == expected, (text, parsed[index], expected)


def test_an_imported_own_column_of_grouped_numbers_is_numbers_and_codes_stay_text(tmp_path):
    path = write_csv(tmp_path / "deals.csv", [
        ["Deal ID", "Owner", "Stage", "Amount", "Created", "Seats", "Code", "Mixed"],
        ["D1", "Kim", "Prospecting", "1,000", "2026-01-05", "1,200", "007", "1,2,3"],
        ["D2", "Kim", "Prospecting", "2,000", "2026-01-06", "35.5", "010", "4"]])
    deals = build_book(read_tables([path]))["Deals"]
    assert deals["Seats"].tolist() == [1200.0, 35.5]
    assert deals["Code"].tolist() == ["007", "010"] and deals["Mixed"].tolist() == ["1,2,3", "4"]


# -- allowed values: the code, its label or a synonym, on every path --------------------------
@pytest.mark.parametrize("typed, code", [("신규", "new"), ("New Business", "new"), ("Renewal", "renewal"),
                                         ("  UPSELL ", "upsell"), ("クロスセル", "upsell")])
def test_an_allowed_value_is_named_by_its_label_or_a_synonym_wherever_it_is_typed(tmp_path, typed, code):
    book = small_book()
    d1 = row(book, "Deals", 0)
    book.set_typed("Deals", pd.DataFrame({"deal_type": [typed]}, index=[d1]))  # typed in the grid, or pasted
    assert book["Deals"].at[d1, "deal_type"] == code
    path = write_csv(tmp_path / "deals.csv", [["Deal ID", "Owner", "Stage", "Amount", "Created", "Deal type"],
                                              ["D1", "Kim", "Prospecting", "1", "2026-01-05", typed]])
    assert build_book(read_tables([path]))["Deals"]["deal_type"].tolist() == [code]  # imported


def test_a_translated_label_names_its_code_when_a_translation_is_given():
    column = schema.DEALS.column("forecast_category")
    korean = {"best_case": "최선의 경우"}.get
    assert kinds.code_of("최선의 경우", column, lambda context, code: korean(code, code)) == "best_case"
    assert kinds.code_of("최선의 경우", column) == "최선의 경우"  # without it: refused by the parse, as typed


def test_every_rule_a_statement_line_can_have_reads_as_words_in_english():
    from planner.core.statements import RULES
    codes = {*RULES, *schema.STATEMENT.column("rule").allowed, *schema.STATEMENT.column("reason").allowed,
             *schema.COMMISSION_LINES.column("line").allowed}
    raw = {code for code in codes if kinds.label(code) == code}
    assert not raw, f"shown as raw codes: {sorted(raw)}"
    assert [kinds.label(code) for code in ("spiff", "draw", "draw_recovery")] == ["SPIFF", "Draw", "Draw recovery"]


_WORDS = st.one_of(st.sampled_from([w for table in kinds.SYNONYMS.values() for words in table.values() for w in words]),
                   st.sampled_from(list(kinds.VALUE_LABELS.values())), st.text(max_size=6), st.none(), st.just(""))


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=8), st.sampled_from([schema.DEALS.column("deal_type"),
                                                      schema.DEALS.column("forecast_category"),
                                                      schema.STAGES.column("kind"), schema.PLANS.column("period")]))
def test_parse_cells_reads_allowed_values_as_parse_value_does(values, column):
    parsed, bad = parse_cells(pd.Series(values, dtype="object"), column, "USD")
    bad_labels = {label for label, *_ in bad}
    for index, value in enumerate(values):
        try:
            expected = parse_value(value, column, "USD")
        except ValueError:
            assert index in bad_labels and pd.isna(parsed[index])
            continue
        assert index not in bad_labels
        assert (pd.isna(parsed[index]) if expected is None else parsed[index] == expected), (value, parsed[index])


# -- value -> text: one function ---------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.sampled_from([(schema.DEALS.column("amount"), st.integers(0, 10**15)),
                        (schema.STAGES.column("probability"), st.integers(0, 10**6)),
                        (schema.STAGES.column("order"), st.integers(-10**15, 10**15)),
                        (schema.DEALS.column("created"), st.dates(date(1900, 1, 1), date(2199, 12, 31)))]).flatmap(
    lambda pair: st.tuples(st.just(pair[0]), pair[1])), st.sampled_from(["USD", "KRW", "KWD"]))
def test_what_a_value_shows_reads_back_as_that_value(pair, currency):
    column, value = pair
    value = pd.Timestamp(value) if column.kind is Kind.DATE else value
    assert parse_value(kinds.text(column.kind, value, currency), column, currency) == value


def test_a_money_cell_in_an_unknown_currency_shows_its_number():
    assert kinds.text(Kind.MONEY, 123_450, "XYZ") == "123,450"
    assert kinds.text(Kind.MONEY, 123_450, "USD") == "1,234.50" and kinds.text(Kind.MONEY, None) == ""
    assert kinds.json_value(Kind.MONEY, 123_450, "USD") == "1234.50" and kinds.json_value(Kind.DATE, pd.NaT) is None


def test_a_book_with_an_unknown_currency_falls_back_to_the_default_in_one_place():
    book = small_book()
    book.set_value("Settings", row(book, "Settings", 0), "value", "ZZZ")
    assert currency_of(book) == DEFAULT_CURRENCY == book._currency_or_default()
    assert currency_of(small_book()) == "USD"


# -- the grid's edits, built in the core ------------------------------------------------------
def test_a_paste_sets_the_rows_it_covers_and_adds_the_rest_as_one_change():
    book = small_book()
    deals = book["Deals"]
    last_two = [int(i) for i in deals.index[-2:]]
    block = [["New A", "1,234"], ["New B", "2,500.50"], ["New C", "999"]]
    pasted = sheet_edits.paste(book, "Deals", last_two, ["name", "amount"], block)
    assert len(pasted.added) == 1 and sorted(pasted.added.values()) == [1]
    book.apply(pasted.change)
    assert len(book["Deals"]) == len(deals) + 1
    assert book["Deals"]["name"].iloc[-3:].tolist() == ["New A", "New B", "New C"]
    assert book["Deals"]["amount"].iloc[-3:].tolist() == [123_400, 250_050, 99_900]


def test_a_refused_paste_names_every_bad_cell_including_rows_it_would_add():
    book = small_book()
    last = [int(book["Deals"].index[-1])]
    with pytest.raises(sheet_edits.PasteRefused) as refused:
        sheet_edits.paste(book, "Deals", last, ["amount", "deal_type"], [["abc", "new"], ["5", "nope"], ["-1", ""]])
    problems = refused.value.problems
    assert [(p.row == last[0], refused.value.added.get(p.row), p.column) for p in problems] == [
        (True, None, "amount"), (False, 2, "amount"), (False, 1, "deal_type")]
    assert len(book["Deals"]) == 13  # nothing changed


def test_clear_and_fill_down_are_changes_of_the_book():
    book = small_book()
    ids = [int(i) for i in book["Deals"].index[:3]]
    book.apply(sheet_edits.filled_down(book, "Deals", {"forecast_category": ids, "product": ids[:1]}))
    assert book["Deals"].loc[ids, "forecast_category"].isna().all()
    book.set_value("Deals", ids[0], "product", "CRM")
    book.apply(sheet_edits.filled_down(book, "Deals", {"product": ids}))
    assert book["Deals"].loc[ids, "product"].tolist() == ["CRM"] * 3
    book.apply(sheet_edits.cleared(book, "Deals", {"product": ids[1:]}))
    assert book["Deals"].loc[ids, "product"].isna().tolist() == [False, True, True]
    with pytest.raises(Refused, match="a value is required"):
        book.apply(sheet_edits.cleared(book, "Deals", {"amount": ids[:1]}))
    assert sheet_edits.cleared(book, "Deals", {}) is None and sheet_edits.filled_down(book, "Deals", {"x": ids[:1]}) is None


def test_a_reference_is_typed_by_name_or_picked_as_a_row_id():
    book = small_book()
    d1, r2 = row(book, "Deals", 0), row(book, "Reps", 1)
    assert sheet_edits.typed_values(book, "Deals", {"owner": [r2]}, [d1])["owner"].tolist() == [r2]
    assert sheet_edits.typed_values(book, "Deals", {"owner": ["佐藤 健"]}, [d1])["owner"].tolist() == [r2]
    change = sheet_edits.new_rows(book, "Deals", {"id": ["D-NEW"]})
    assert change.rows["id"].tolist() == ["D-NEW"] and (change.rows.index < 0).all()  # provisional, not applied


# -- deal rules: one module, the same answer from the checks, an import and a merge ------------
@pytest.mark.parametrize("stage, missing, allowed", [
    ("Prospecting", "Amount", True), ("Prospecting", "Created", True),
    ("Closed Won", "Amount", False), ("Closed Won", "Closed", False), ("Closed Lost", "Amount", False)])
def test_what_a_deal_may_lack_is_one_rule_for_checks_import_and_merge(tmp_path, stage, missing, allowed):
    header = ["Deal ID", "Owner", "Stage", "Amount", "Created", "Closed"]
    rows = [["D1", "Kim", "Closed Won", "1", "2026-01-05", "2026-02-01"],
            ["D2", "Kim", "Prospecting", "2", "2026-01-06", ""],
            ["D3", "Kim", "Closed Lost", "3", "2026-01-06", "2026-02-02"]]
    base = build_book(read_tables([write_csv(tmp_path / "base.csv", [header, *rows])]))
    row_ = ["D9", "Kim", stage, "5", "2026-01-07", "" if stage == "Prospecting" else "2026-03-01"]
    row_[header.index(missing)] = ""
    path = write_csv(tmp_path / "new.csv", [header, *rows, row_])
    if allowed:
        new = build_book(read_tables([path]))
        assert not [p for p in new.problems() if p.table == "Deals"]  # the checks agree
        plan_merge(base, read_tables([path], book=base))
    else:
        with pytest.raises(ImportRefused):
            build_book(read_tables([path]))
        with pytest.raises(ImportRefused):
            plan_merge(base, read_tables([path], book=base))


def test_the_deal_rules_by_stage_kind():
    kinds_ = pd.Series(["open", "won", "lost", None], dtype="object")
    assert deal_rules.may_lack(kinds_, "amount").tolist() == [True, False, False, False]
    assert deal_rules.may_lack(kinds_, "closed").tolist() == [False] * 4
    assert deal_rules.needs(kinds_, "closed").tolist() == [False, True, True, False]
    deals = pd.DataFrame({"created": pd.to_datetime(["2026-02-01", "2026-01-01", None, None]),
                          "closed": pd.to_datetime([None, "2025-12-01", None, None]),
                          "cancelled": pd.to_datetime(["2026-03-01", "2025-11-01", None, None])})
    assert deal_rules.date_problems(deals, kinds_) == [
        (2, "closed", deal_rules.NEEDS_CLOSED), (1, "closed", deal_rules.CLOSED_BEFORE_CREATED),
        (0, "cancelled", deal_rules.ONLY_WON_CANCELLED), (1, "cancelled", deal_rules.CANCELLED_BEFORE_CLOSED)]
    assert REQUIRED  # the template an import may leave for what a deal may lack


def test_a_deal_status_is_read_in_the_words_that_name_a_stage_kind(tmp_path):
    path = write_csv(tmp_path / "deals.csv", [
        ["Deal ID", "Owner", "Stage", "Status", "Amount", "Created", "Won time"],
        ["D1", "Kim", "Negotiation", "win", "1", "2026-01-05", "2026-02-01"],
        ["D2", "Kim", "Negotiation", "진행", "2", "2026-01-05", ""]])
    book = build_book(read_tables([path]))
    assert book.keyed("Deals")["stage"].map(book.keyed("Stages").set_index("stage")["kind"]).tolist() == ["won", "open"]


# -- a database address --------------------------------------------------------------------
def test_a_database_address_is_told_from_a_file_in_one_place(tmp_path):
    assert is_url("postgresql://me@host/db") and not is_url(Path("postgresql://me@host/db"))
    assert target_of("postgresql://me@host/db") == "postgresql://me@host/db"
    assert target_of(str(tmp_path / "a.planner")) == tmp_path / "a.planner"


@pytest.mark.parametrize("kind", [Kind.MONEY, Kind.RATIO, Kind.PERCENT, Kind.NUMBER, Kind.INT, Kind.DATE, Kind.TEXT,
                                  Kind.REF, None])
def test_a_columns_json_values_are_each_values_json_value(kind):
    """json_values (a whole column, as the report's JSON is written) gives what json_value gives
    cell by cell, missing values of every form included."""
    rng = np.random.default_rng(7)
    numbers = rng.integers(-10**12, 10**12, 40)
    column = {
        Kind.MONEY: pd.array(numbers, dtype="Int64"), Kind.RATIO: pd.array(numbers // 10**6, dtype="Int64"),
        Kind.PERCENT: numbers / 7.0, Kind.NUMBER: numbers / 3.0, Kind.INT: pd.array(numbers, dtype="Int64"),
        Kind.DATE: pd.to_datetime(rng.integers(0, 40_000, 40), unit="D"),
        Kind.TEXT: pd.array([f"서울 {n}" for n in numbers], dtype="string"),
        Kind.REF: pd.array(numbers % 1000, dtype="Int64"), None: pd.array(numbers, dtype="object"),
    }[kind]
    values = pd.Series(column)
    values[rng.random(40) < 0.3] = None  # NA, NaN or NaT, as the column holds it
    if kind is None:
        values[[1, 2, 3]] = [np.nan, pd.NaT, pd.NA]
    assert values.isna().any()
    for currency in ("USD", "KRW", "JPY"):
        assert kinds.json_values(kind, values, currency) == [kinds.json_value(kind, v, currency) for v in values]
