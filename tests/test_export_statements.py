"""The Statements sheet of an export: every statement line as a live formula that LibreOffice,
recalculating from scratch, brings to the engine's amount; and a what-if typed into the input
sheets moves the lines as the engine moves them on the same edited book."""

from __future__ import annotations


import openpyxl
import pandas as pd
import pytest

from conftest import DEMO_AS_OF
from fixtures import rebuilt, small_book
from libreoffice import convert, require_soffice
from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.statements import statement_lines
from planner.io.excel_export import AGREES, APP_SUFFIX, export_book


def records(workbook, sheet: str) -> list[dict]:
    rows = list(workbook[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:] if any(value is not None for value in row)]


def cents(value) -> int | None:
    return None if value in (None, "") else round(value * 100)


def engine_lines(book, period: str) -> dict:
    """The engine's lines by (rep id, period, line): rule, base, rate and amount."""
    snapshot = book.snapshot()
    lines = statement_lines(snapshot, Period.parse(period))
    reps, deals = snapshot["Reps"]["id"], snapshot["Deals"]["id"]
    return {(reps[row.rep], row.period, int(row.line)): {
        "deal": None if pd.isna(row.deal) else deals[int(row.deal)], "rule": row.rule,
        "base": None if pd.isna(row.base) else int(row.base), "rate": None if pd.isna(row.rate) else int(row.rate),
        "amount": int(row.amount)} for row in lines.itertuples()}


RULES = {"Tier": "tier", "Retroactive lift": "retro_lift", "Cap": "cap", "Bonus": "bonus", "Clawback": "clawback"}


def sheet_lines(workbook) -> tuple[dict, dict]:
    """The Statements sheet's lines by (rep id, period, line), and its totals by (rep id, period)."""
    lines, totals = {}, {}
    for row in records(workbook, "Statements"):
        if row["Line"] is None:
            assert row["Rule"] == "Total"
            totals[(row["Rep ID"], row["Period"])] = row
        else:
            lines[(row["Rep ID"], row["Period"], row["Line"])] = row
    return lines, totals


@pytest.mark.parametrize("variant", ["small-year", "demo"])
def test_every_statement_line_recalculates_to_the_engines_amount(tmp_path, variant):
    require_soffice()
    book, period = (small_book(), "2026") if variant == "small-year" else (demo_book(as_of=DEMO_AS_OF), "2026-Q2")
    path = tmp_path / "book.xlsx"
    export_book(book, path, period=period)
    recalculated = openpyxl.load_workbook(convert(path, tmp_path / "out", "xlsx")[0], data_only=True)
    want = engine_lines(book, period)
    got, totals = sheet_lines(recalculated)
    assert set(got) == set(want)
    assert {RULES[row["Rule"]] for row in got.values()} >= ({"tier", "retro_lift", "cap", "bonus", "clawback"}
                                                           if variant == "small-year" else {"tier", "bonus"})
    for key, line in want.items():
        row = got[key]
        assert (row["Deal ID"], RULES[row["Rule"]]) == (line["deal"], line["rule"]), key
        assert cents(row["Amount"]) == line["amount"], (key, row["Amount"])
        assert row[AGREES] is True, key
        if line["base"] is not None:
            assert cents(row["Base"]) == line["base"], key
        if line["rate"] is not None:
            assert round(row["Rate"] * 1_000_000) == line["rate"], key
    # a total per rep and period with lines: the sum of its lines, what the Commissions sheet pays
    commissions = {(row["Rep ID"], row["Period"]): row for row in records(recalculated, "Commissions")}
    paid = {}
    for (rep, part, _), line in want.items():
        paid[(rep, part)] = paid.get((rep, part), 0) + line["amount"]
    assert set(totals) == set(paid)
    for key, amount in paid.items():
        assert cents(totals[key]["Amount"]) == amount == cents(commissions[key]["Total"]), key


def test_a_deal_amount_edited_in_the_workbook_moves_its_statement_lines_as_the_engine_would(tmp_path):
    """Raise two won deals in LibreOffice: R1's D1 (a retroactive plan: its line stays at 0 %,
    the lift and D2's line follow) and R2's D4 (marginal tiers: its two slices grow at the top,
    the cap takes more back). Every line is what the engine computes on the same edited book;
    the lines that moved no longer agree with the app's values, the others still do."""
    require_soffice()
    book = small_book()
    path = tmp_path / "book.xlsx"
    export_book(book, path, period="2026-Q1")
    workbook = openpyxl.load_workbook(path)
    deals = workbook["Deals"]
    amounts = {deals[f"A{row}"].value: f"F{row}" for row in range(2, deals.max_row + 1)}
    assert deals[amounts["D1"]].value == 7_000 and deals[amounts["D4"]].value == 16_000
    deals[amounts["D1"]] = 8_000
    deals[amounts["D4"]] = 17_000
    workbook.save(tmp_path / "edited.xlsx")
    edited = openpyxl.load_workbook(convert(tmp_path / "edited.xlsx", tmp_path / "out", "xlsx")[0], data_only=True)

    def edit(frames):
        frames["Deals"].loc[frames["Deals"]["id"] == "D1", "amount"] = 800_000
        frames["Deals"].loc[frames["Deals"]["id"] == "D4", "amount"] = 1_700_000
    before, after = engine_lines(book, "2026-Q1"), engine_lines(rebuilt(book, edit), "2026-Q1")
    assert set(after) == set(before)  # the same lines, other amounts
    got, totals = sheet_lines(edited)
    moved = set()
    for key, line in after.items():
        row = got[key]
        assert cents(row["Amount"]) == line["amount"], (key, row["Amount"], line["amount"])
        assert cents(row["Amount" + APP_SUFFIX]) == before[key]["amount"], key
        if line["base"] is not None:
            assert cents(row["Base"]) == line["base"], key
        if line != before[key]:
            moved.add((key, before[key]["amount"], line["amount"]))
    # Agrees turns FALSE where a figure moved: D1's and D4's credit, D2's running credit before
    # it, the lift and the cap; R2's slices of D3 and R3's lines are untouched
    assert {key for key, row in got.items() if row[AGREES] is False} == {
        ("R1", "2026-01", 1), ("R1", "2026-01", 2), ("R1", "2026-01", 3),
        ("R2", "2026-Q1", 3), ("R2", "2026-Q1", 4), ("R2", "2026-Q1", 5)}
    assert all(row[AGREES] is True for key, row in got.items() if key[0] == "R3" or key[:2] == ("R1", "2026-02"))
    # by hand: R1's January quota is 10,000; D1 8,000 stays below it (0 % of a base of 8,000), D2 takes the
    # credit to 13,000 (10 %: 500) and lifts D1 to 10 % (800). R2's quarter (quota 30,000;
    # 0-50 % at 2 %, 50-100 % at 5 %, above at 10 %, cap 1,500): D4 fills 20,000-30,000 at 5 %
    # (500, as before) and 30,000-37,000 at 10 % (700 instead of 600); the tiers pay 1,750,
    # the cap takes 250 back
    assert moved == {(("R1", "2026-01", 1), 0, 0), (("R1", "2026-01", 3), 70_000, 80_000),
                     (("R2", "2026-Q1", 4), 60_000, 70_000),
                     (("R2", "2026-Q1", 5), -15_000, -25_000)}
    assert before[("R2", "2026-Q1", 4)]["base"] == 600_000 and after[("R2", "2026-Q1", 4)]["base"] == 700_000
    assert cents(totals[("R1", "2026-01")]["Amount"]) == 130_000
    assert cents(totals[("R2", "2026-Q1")]["Amount"]) == 200_000  # capped: 1,500 + the 500 bonus, as before


def test_the_statements_sheet_reads_in_the_users_language(tmp_path):
    """Rule words and headers come through the export's translate (the app passes Qt's)."""
    path = tmp_path / "book.xlsx"
    export_book(small_book(), path, period="2026-Q1", translate=lambda context, text: f"<{text}>")
    rows = list(openpyxl.load_workbook(path)["Statements"].iter_rows(values_only=True))
    assert rows[0][:7] == ("<Rep ID>", "<Name>", "<Period>", "<Line>", "<Deal ID>", "<Deal>", "<Rule>")
    assert {row[6] for row in rows[1:]} == {"<tier>", "<retro_lift>", "<cap>", "<bonus>", "<clawback>", "<Total>"}


def test_the_statements_of_an_export_are_those_of_its_period(tmp_path):
    path = tmp_path / "book.xlsx"
    export_book(small_book(), path, period="2026-02")
    lines, _ = sheet_lines(openpyxl.load_workbook(path))
    # February: R1's month (monthly plan) and the quarter of R2 and R3 (quarterly plans)
    assert {(rep, part) for rep, part, _ in lines} == {("R1", "2026-02"), ("R2", "2026-Q1"), ("R3", "2026-Q1")}
