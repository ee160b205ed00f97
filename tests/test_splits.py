"""Split shares are exact (decisions.md, "Split shares"): ``1/3`` or ``33.3333%`` three times is
a whole deal, typed, pasted, imported or merged alike, and a deal's credit lines add up to its
amount exactly, by the largest remainder and the tie rule of ``attainment.allocate``."""

from __future__ import annotations

import math
from datetime import datetime
from fractions import Fraction

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures import rebuilt, row
from planner.core import schema
from planner.core.attainment import allocate, credit_lines
from planner.core.money import RATIO_SCALE, shares_whole, to_ratio
from planner.core.parse import parse_cells, parse_value
from planner.core.problems import Refused
from planner.core.report import compute_report
from planner.core.sheet_edits import paste, typed
from planner.io.excel_export import export_book, export_mapping
from planner.io.excel_import import build_book, read_tables

SHARE = schema.TABLES["Splits"].column("share")


# -- reading a share: one rule for every way in --------------------------------------------------
READ = [("1/3", 333_333), ("2/3", 666_667), (" 2 / 7 ", 285_714), ("１／３", 333_333), ("1/1", RATIO_SCALE),
        ("0/5", 0), ("33.3333%", 333_333), ("0.333333", 333_333), ("33.33%", 333_300), ("14.2857%", 142_857),
        ("50%", 500_000), ("0.5", 500_000), (1 / 3, 333_333), (0.25, 250_000)]


@pytest.mark.parametrize("value, ppm", READ)
def test_a_share_is_read_as_a_fraction_a_percent_or_a_decimal(value, ppm):
    assert parse_value(value, SHARE, "USD") == ppm


def test_imported_cells_read_as_typed_ones():
    """The vectorized import path settles what it can and leaves fractions to parse_value."""
    values = pd.Series([value for value, _ in READ] + ["1/0", "abc", "4/3", "-1/3", None], dtype="object")
    parsed, bad = parse_cells(values, SHARE, "USD")
    assert parsed.iloc[:len(READ)].tolist() == [ppm for _, ppm in READ]
    assert [(label, value) for label, value, _template, _fields in bad] == [
        (len(READ), "1/0"), (len(READ) + 1, "abc"), (len(READ) + 2, "4/3"), (len(READ) + 3, "-1/3")]
    assert parsed.iloc[len(READ):].isna().all()


@pytest.mark.parametrize("value, line", [
    ("1/0", "'1/0' is not a percentage (expected 35%, 0.35 or 1/3)"),
    ("abc", "'abc' is not a percentage (expected 35%, 0.35 or 1/3)"),
    ("-1/3", "-1/3 is out of range (expected 0% to 100%)"),
    ("4/3", "4/3 is out of range (expected 0% to 100%)"),
    ("1/3/2026", "'1/3/2026' is not a percentage (expected 35%, 0.35 or 1/3)"),
])
def test_a_share_that_is_no_part_of_a_deal_is_refused_saying_what_to_write(book, value, line):
    splits = book["Splits"]
    with pytest.raises(Refused) as refused:
        typed(book, "Splits", {"share": [value]}, [int(splits.index[0])])
    assert [str(p) for p in refused.value.problems] == [f"Splits row 1, column share: {line}"]


# -- a deal's shares make a whole within what rounding each to a millionth moves -------------------
def split_d5(book, shares: list[str]):
    """``book`` with deal D5 split into ``shares`` (as typed: read by to_ratio, the parse's
    rule), one rep a share (reps X0, X1, … added beyond the three)."""
    def edit(frames):
        reps = frames["Reps"]
        extra = [f"X{n}" for n in range(max(0, len(shares) - len(reps)))]
        frames["Reps"] = pd.concat([reps, pd.DataFrame({"id": extra, "name": extra})], ignore_index=True)
        frames["Splits"] = pd.DataFrame({"deal_id": ["D5"] * len(shares),
                                         "rep": (["R3", "R1", "R2"] + extra)[:len(shares)],
                                         "share": [to_ratio(share) for share in shares]})
    return rebuilt(book, edit)


@pytest.mark.parametrize("shares", [["1/3"] * 3, ["33.3333%"] * 3, ["0.333333"] * 3, ["1/3", "33.3333%", "0.333333"],
                                    ["33.33%", "33.33%", "33.34%"], ["1/7"] * 7, ["1/6"] * 6, ["2/7", "2/7", "3/7"],
                                    ["1/3", "2/3"], ["100%"], ["1/2", "0.25", "25%"]])
def test_shares_that_make_a_whole_are_accepted(book, shares):
    assert split_d5(book, shares).problems() == []


@pytest.mark.parametrize("shares, total", [(["50%", "40%"], "90%"), (["0.6", "0.5"], "110%"),
                                           (["33.33%"] * 3, "99.99%"), (["0.33333"] * 3, "99.999%"),
                                           (["1/3", "1/3"], "66.6666%"), (["0%"], "0%")])
def test_shares_that_do_not_make_a_whole_are_refused_naming_the_deal_and_the_sum(book, shares, total):
    """Thirds written to fewer than a millionth are no whole: 33.33% is 33⅓ hundredths of a percent off."""
    assert [str(p) for p in split_d5(book, shares).problems()] == [
        f"Splits row 1, column share: the shares of deal 'D5' add up to {total}, not 100%"]


def test_the_tolerance_is_what_rounding_each_share_can_move_the_sum():
    # n shares each rounded half up to a millionth are within n half-millionths of their exact sum
    assert shares_whole(999_999, 3) and shares_whole(1_000_001, 2) and shares_whole(1_000_003, 7)
    assert not shares_whole(999_999, 1) and not shares_whole(999_998, 3) and not shares_whole(1_000_004, 7)
    assert shares_whole(np.array([1_000_000, 999_999, 999_900]), np.array([1, 3, 3])).tolist() == [True, True, False]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 7).flatmap(lambda n: st.tuples(
    st.integers(n, 10_000), st.lists(st.integers(1, 10_000), min_size=n, max_size=n))))
def test_any_exact_fractions_adding_up_to_one_make_a_whole_once_read(case):
    """Shares a/d (any d) adding up to exactly 1, each read to the millionth, are accepted."""
    denominator, weights = case
    parts = [denominator * w // sum(weights) for w in weights]  # n parts of ``denominator``
    parts[0] += denominator - sum(parts)
    shares = [to_ratio(f"{part}/{denominator}") for part in parts]
    assert shares_whole(sum(shares), len(shares))


# -- allocation: a deal's lines add up to its amount exactly ---------------------------------------
def lines_of(shares: list[str], amount: int) -> list[int]:
    ppm = [to_ratio(share) for share in shares]
    return allocate(pd.Series([1] * len(ppm)), pd.Series([amount] * len(ppm)), pd.Series(ppm)).tolist()


@pytest.mark.parametrize("shares, amount, credited", [
    # 100.00 in thirds: 333,333 each, S = 999,999; 10,000 × 333,333 / 999,999 = 3,333⅓ each: floors
    # 3,333 × 3 = 9,999, one cent short; the remainders and shares tie: the first line gets it
    (["1/3"] * 3, 10_000, [3_334, 3_333, 3_333]),
    (["33.3333%"] * 3, 10_000, [3_334, 3_333, 3_333]),
    # 33.3333% + 33.3333% + 33.3334% (S = 1,000,000): 3,333.33, 3,333.33, 3,333.34: floors 9,999,
    # the cent to the largest remainder (0.34), the largest share
    (["33.3333%", "33.3333%", "33.3334%"], 10_000, [3_333, 3_333, 3_334]),
    # 2 cents at 25% / 75%: 0.5 and 1.5, floors 0 + 1, one short; the remainders tie (0.5):
    # the larger share gets it, though it comes second
    (["25%", "75%"], 2, [0, 2]),
    # 2 cents at 25% / 50% / 25%: 0.5, 1, 0.5: floors 0 + 1 + 0; 0.5 and 0.5 tie, so do their
    # shares: the earlier line
    (["25%", "50%", "25%"], 2, [1, 1, 0]),
    # 3 cents at 50% / 25% / 25%: 1.5, 0.75, 0.75: floors 1 + 0 + 0, two short: the two largest
    # remainders (0.75), not the largest share
    (["50%", "25%", "25%"], 3, [1, 1, 1]),
    # 1.00 in sevenths: 142,857 each, S = 999,999: 100 / 7 = 14 2/7 each: floors 98, two short
    (["1/7"] * 7, 100, [15, 15, 14, 14, 14, 14, 14]),
    # 9,000.01 in 1/6 × 6 (166,667 each, S = 1,000,002): 150,000 1/6 each: floors 900,000, one short
    (["1/6"] * 6, 900_001, [150_001] + [150_000] * 5),
    # the seed split (60/40) of 9,333.33: 5,599.998 and 3,733.332: floors 5,599.99 + 3,733.33,
    # one short: the larger remainder (0.8 of a cent)
    (["60%", "40%"], 933_333, [560_000, 373_333]),
])
def test_hand_computed_allocations(shares, amount, credited):
    assert lines_of(shares, amount) == credited and sum(credited) == amount


def reference(amount: int, shares: list[int]) -> list[int]:
    """Largest remainder on exact fractions, written the obvious way."""
    whole = sum(shares)
    exact = [Fraction(amount * share, whole) for share in shares]
    credit = [math.floor(part) for part in exact]
    ranked = sorted(range(len(shares)), key=lambda i: (-(exact[i] - credit[i]), -shares[i], i))
    for i in ranked[:amount - sum(credit)]:
        credit[i] += 1
    return credit


def _typed_shares(n: int):
    """n shares as people write them: thirds, sevenths and other fractions, 33.3333% × 3,
    percents to the millionth; read by to_ratio."""
    def fractions(denominator):
        return st.lists(st.integers(0, denominator), min_size=n - 1, max_size=n - 1).map(
            lambda cuts: [f"{b - a}/{denominator}" for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), denominator])])
    percents = st.lists(st.integers(0, RATIO_SCALE), min_size=n - 1, max_size=n - 1).map(
        lambda cuts: [f"{(b - a) / 10_000:f}%" for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), RATIO_SCALE])])
    return st.one_of(st.just([f"1/{n}"] * n), st.sampled_from([3, 6, 7, 9, 12, 9_999]).flatmap(fractions),
                     st.integers(n, 1_000).flatmap(fractions), percents,
                     st.just(["33.3333%"] * 3) if n == 3 else st.just([f"{100 / n:.4f}%"] * n))


deal_cases = st.lists(st.tuples(st.integers(0, schema.MAX_INTEGER) | st.integers(0, 10_000),
                                st.integers(1, 7).flatmap(_typed_shares)), min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(deal_cases, st.randoms(use_true_random=False))
def test_allocation_agrees_with_the_fraction_reference_and_adds_up_exactly(deals, random):
    """Several deals at once, their lines interleaved (each deal's in its own order)."""
    deals = [(amount, [to_ratio(share) for share in shares]) for amount, shares in deals]
    assert all(shares_whole(sum(shares), len(shares)) for _amount, shares in deals)  # the check accepts them
    slots = [d for d, (_amount, shares) in enumerate(deals) for _share in shares]
    random.shuffle(slots)
    seen = [0] * len(deals)
    rows = []
    for d in slots:
        rows.append((d, deals[d][0], deals[d][1][seen[d]], seen[d]))
        seen[d] += 1
    frame = pd.DataFrame(rows, columns=["deal", "amount", "share", "line"])
    got = allocate(frame["deal"], frame["amount"], frame["share"])
    for d, (amount, shares) in enumerate(deals):
        mine = got[(frame["deal"] == d).to_numpy()].tolist()
        assert mine == reference(amount, shares) and sum(mine) == amount


# -- through the book: typed, pasted, imported, merged, exported ---------------------------------------
def test_three_thirds_typed_credit_a_deal_of_100_exactly(book):
    d5 = row(book, "Deals", 4)
    book.set_value("Deals", d5, "amount", 10_000)
    splits = book["Splits"]
    reps = book["Reps"].index
    book.apply(typed(book, "Splits", {"share": ["1/3", "1/3"]}, list(splits.index)))
    book.apply(paste(book, "Splits", [], ["deal_id", "rep", "share"], [["D5", "R2", "1/3"]]).change)
    assert book["Splits"]["share"].tolist() == [333_333] * 3 and book.problems() == []
    lines = credit_lines(book.snapshot())
    mine = lines[lines["deal_id"] == d5]
    assert dict(zip(mine["rep"], mine["amount"])) == {reps[2]: 3_334, reps[0]: 3_333, reps[1]: 3_333}
    # Q1's credit: D1 7,000 + D2 5,000 + D3 20,000 + D4 16,000 + D5 100 (D6 cancelled in Q1), to the cent
    credited = compute_report(book).to_json()["attainment"]
    assert sum(int(r["credited"].replace(".", "")) for r in credited) == 4_810_000


def write_csv(path, rows) -> str:
    path.write_text("\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_csv_imports_thirds_written_every_way_and_refuses_what_no_share_is(tmp_path):
    path = write_csv(tmp_path / "splits.csv", [["deal_id", "rep", "share"], ["D1", "R1", "1/3"],
                                               ["D1", "R2", "33.3333%"], ["D1", "R3", "0.333333"]])
    result = read_tables([path])
    assert result.frames["Splits"]["share"].tolist() == [333_333] * 3
    bad = write_csv(tmp_path / "bad.csv", [["deal_id", "rep", "share"], ["D1", "R1", "1/0"], ["D1", "R2", "4/3"],
                                           ["D1", "R3", "-1/3"], ["D1", "R4", "abc"]])
    assert [str(p) for p in read_tables([bad]).problems] == [
        "bad.csv, row 2, column share: '1/0' is not a percentage (expected 35%, 0.35 or 1/3)",
        "bad.csv, row 3, column share: 4/3 is out of range (expected 0% to 100%)",
        "bad.csv, row 4, column share: -1/3 is out of range (expected 0% to 100%)",
        "bad.csv, row 5, column share: 'abc' is not a percentage (expected 35%, 0.35 or 1/3)"]


def test_a_workbook_imports_a_third_as_text_or_as_a_fraction_formatted_number(tmp_path):
    """Excel's fraction format (# ?/?) keeps 1/3 as the number 0.333…; a text cell keeps '1/3'."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Splits"
    sheet.append(["deal_id", "rep", "share"])
    for rep, share in (("R1", "1/3"), ("R2", 1 / 3), ("R3", "33.3333%")):
        sheet.append(["D1", rep, share])
    sheet["C3"].number_format = "# ?/?"
    workbook.save(tmp_path / "splits.xlsx")
    result = read_tables([tmp_path / "splits.xlsx"])
    assert result.problems == [] and result.frames["Splits"]["share"].tolist() == [333_333] * 3


def test_a_merge_takes_thirds_and_refuses_a_split_that_is_no_whole(book, tmp_path):
    from planner.io.import_merge import plan_merge
    from planner.io.import_results import ImportRefused

    deals = write_csv(tmp_path / "deals.csv", [["id", "owner", "stage", "amount", "created", "closed"],
                                               ["D20", "R1", "Won", "100", "2026-01-01", "2026-02-01"]])
    splits = write_csv(tmp_path / "splits.csv", [["deal_id", "rep", "share"], ["D20", "R1", "1/3"],
                                                 ["D20", "R2", "33.3333%"], ["D20", "R3", "0.333333"]])
    book.apply(plan_merge(book, read_tables([deals, splits], book=book))[0])
    d20 = int(book["Deals"].index[book["Deals"]["id"] == "D20"][0])
    lines = credit_lines(book.snapshot())
    assert lines[lines["deal_id"] == d20]["amount"].tolist() == [3_334, 3_333, 3_333]
    uneven = write_csv(tmp_path / "uneven.csv", [["deal_id", "rep", "share"], ["D5", "R2", "33.33%"],
                                                 ["D5", "R1", "33.33%"], ["D5", "R3", "33.33%"]])
    with pytest.raises(ImportRefused) as refused:
        plan_merge(book, read_tables([uneven], book=book))
    assert [str(p) for p in refused.value.problems] == [  # named at D5's first split row, R3's
        "uneven.csv, row 4, column share: the shares of deal 'D5' add up to 99.99%, not 100%"]


def test_exported_shares_are_numbers_that_import_as_the_same_shares(book, tmp_path):
    book = split_d5(book, ["1/3", "1/3", "1/3"])
    path = tmp_path / "book.xlsx"
    export_book(book, path)
    cells = [row[2] for row in openpyxl.load_workbook(path)["Splits"].iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [0.333333] * 3 and all(cell.data_type == "n" for cell in cells)
    assert {cell.number_format for cell in cells} == {"0.0###%"}  # shown as 33.3333%, as in the app
    result = read_tables([path], mapping=export_mapping())
    assert result.problems == []
    imported = build_book(result)
    assert imported["Splits"]["share"].tolist() == [333_333] * 3 and imported.problems() == []
    assert credit_lines(imported.snapshot())["amount"].tolist() == credit_lines(book.snapshot())["amount"].tolist()


def test_a_third_typed_into_excel_is_a_date_and_is_refused_saying_what_to_write(tmp_path):
    """Excel turns 1/3 typed into a cell into 3 January: the import says so, not 'datetime(…)'."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Splits"
    sheet.append(["deal_id", "rep", "share"])
    sheet.append(["D1", "R1", datetime(2026, 1, 3)])
    sheet["C2"].number_format = "d-mmm"
    workbook.save(tmp_path / "splits.xlsx")
    assert [str(p) for p in read_tables([tmp_path / "splits.xlsx"]).problems] == [
        "splits.xlsx, sheet Splits, row 2, column share: 2026-01-03 is a date, not a percentage (a spreadsheet "
        "turns 1/3 typed into a cell into a date): write 33.3333%, or '1/3 to keep it as text"]


def test_a_saved_book_of_thirds_opens_whole_with_the_same_credit(book, tmp_path):
    """The stored form is unchanged (millionths): a book of thirds saves and opens as it was."""
    from planner.storage import open_book, write_book

    book = split_d5(book, ["1/3"] * 3)
    write_book(book, tmp_path / "thirds.planner")
    opened = open_book(tmp_path / "thirds.planner")
    assert opened["Splits"]["share"].tolist() == [333_333] * 3 and opened.problems() == []
    assert credit_lines(opened.snapshot())["amount"].tolist() == credit_lines(book.snapshot())["amount"].tolist()
