"""The Backtest sheet of an export (io/export_backtest.py, issue 19): accuracy per method per month
with a native line chart whose series point at the table, the summary per method and the stage
calibration, the figures core/backtest.py and core/calibration.py compute."""

from __future__ import annotations

import re
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest

from fixtures import rebuilt, small_book
from libreoffice import convert, require, require_soffice
from planner.core.backtest import backtest
from planner.core.calibration import calibration
from planner.core.forecast_accuracy import COMPUTED_METHODS
from planner.core.periods import Period
from planner.io.excel_export import export_book
from planner.io.export_backtest import backtest_months
from test_export_attainment_charts import REFERENCE, series, sheet_charts
from test_point_in_time import with_history

SHEET = "Backtest"
LABELS = {"weighted": "Stage-weighted", "commit": "Commit", "best_case": "Best case", "pipeline": "Pipeline",
          "historical": "Historical", "cycle_length": "Sales-cycle length"}


def cells(workbook, reference: str) -> list:
    sheet, first_column, first_row, last_column, last_row = REFERENCE.match(reference).groups()
    assert sheet == SHEET and last_column in (None, first_column)
    return [workbook[sheet][f"{first_column}{row}"].value for row in range(int(first_row), int(last_row or first_row) + 1)]


def rows(path) -> list[tuple]:
    return [row for row in openpyxl.load_workbook(path)[SHEET].iter_rows(values_only=True)
            if any(value is not None for value in row)]


def table(found: list[tuple], first_header: str) -> list[tuple]:
    """The rows under the header row that starts with ``first_header``, up to the next header."""
    start = next(n for n, row in enumerate(found) if row[0] == first_header)
    out = []
    for row in found[start + 1:]:
        if row[0] in ("Period", "Method", "Stage"):
            break
        out.append(row)
    return out


@pytest.fixture(scope="module")
def dated_export(tmp_path_factory):
    book = rebuilt(small_book(), with_history).snapshot()
    path = tmp_path_factory.mktemp("export") / "dated.xlsx"
    export_book(book, path)
    return book, path


def test_the_months_are_the_last_full_ones_before_as_of_from_the_first_deal_on():
    book = small_book().snapshot()  # as of 2026-03-31, its first deal created 2025-11-01
    assert backtest_months(book) == (Period.parse("2025-12"), Period.parse("2026-02"))


def test_the_line_chart_plots_each_methods_accuracy_from_the_table(dated_export):
    book, path = dated_export
    [chart] = sheet_charts(path, SHEET)
    plotted = series(chart)
    assert [entry["kind"] for entry in plotted] == ["lineChart"] * 6
    workbook = openpyxl.load_workbook(path)
    result = backtest(book, Period.parse("2025-12"), Period.parse("2026-02"), leads=(0,))
    for method, entry in zip(COMPUTED_METHODS, plotted):
        assert cells(workbook, entry["tx"]) == [LABELS[method]]
        assert cells(workbook, entry["cat"]) == ["2025-12", "2026-01", "2026-02"]
        expected = result.lines[result.lines["method"] == method]["accuracy"]
        assert cells(workbook, entry["val"]) == pytest.approx([None if pd.isna(v) else float(v) for v in expected])
    # February by hand (test_backtest.py): actual 29,000; weighted 24,550, cycle length 28,876.41
    february = dict(zip([entry["tx"] for entry in plotted], [cells(workbook, entry["val"])[2] for entry in plotted]))
    assert february[plotted[0]["tx"]] == pytest.approx(24_550 / 29_000)
    assert february[plotted[5]["tx"]] == pytest.approx(28_876.41 / 29_000)
    # December: nothing won, no accuracy: a gap, not a zero
    assert [cells(workbook, entry["val"])[0] for entry in plotted] == [None] * 6
    found = table(rows(path), "Period")
    assert [row[7] for row in found] == [0, 14_000, 29_000]  # the actual beside them


def test_headers_over_numbers_are_right_aligned_like_them(dated_export):
    _book, path = dated_export
    sheet = openpyxl.load_workbook(path)[SHEET]
    header = next(row for row in sheet.iter_rows() if row[0].value == "Method")
    assert [cell.alignment.horizontal for cell in header[:3]] == [None, "right", "right"]


def test_the_summary_and_the_calibration_are_the_engines(dated_export):
    book, path = dated_export
    found = rows(path)
    result = backtest(book, Period.parse("2025-12"), Period.parse("2026-02"), leads=(0,))
    summary = table(found, "Method")
    assert [row[0] for row in summary] == [LABELS[m] for m in result.methods["method"]]  # most accurate first
    for row, (_, expected) in zip(summary, result.methods.iterrows()):
        assert row[1:6] == pytest.approx((expected["periods"], expected["accuracy"], expected["bias"],
                                          expected["mape"], expected["best"]))
    stages = table(found, "Stage")
    expected = calibration(book)
    assert [row[0] for row in stages] == list(expected["stage"])
    for row, (_, stage) in zip(stages, expected.iterrows()):
        assert row[1:9] == pytest.approx(tuple(None if pd.isna(stage[key]) else stage[key] for key in
                                               ("probability", "observed", "low", "high", "reached", "won", "lost",
                                                "open")))


def test_the_sheets_words_are_translated(tmp_path):
    path = tmp_path / "book.xlsx"
    export_book(rebuilt(small_book(), with_history), path, translate=lambda context, text: f"<{context}:{text}>")
    found = rows(path)
    assert found[0][0] == "<charts:Backtest: 2025-12 to 2026-02, as of 2026-03-31>"
    headers = [row for row in found if row[0] in ("<schema:Period>", "<schema:Method>", "<schema:Stage>")]
    assert headers[0][1:8] == ("<values:weighted>", "<values:commit>", "<values:best_case>", "<values:pipeline>",
                               "<values:historical>", "<values:cycle_length>", "<schema:Actual (won)>")
    assert headers[1][2] == "<schema:Average accuracy>" and headers[2][2] == "<schema:Observed win rate>"
    assert "&lt;charts:Forecast accuracy by month" in sheet_charts(path, SHEET)[0]


def without_won(frames: dict) -> None:
    deals = frames["Deals"]
    frames["Deals"] = deals[deals["stage"] != "Won"].reset_index(drop=True)
    frames["Splits"] = frames["Splits"].iloc[0:0]


def test_a_book_with_nothing_won_yet_gets_a_note_and_the_calibration(tmp_path):
    path = tmp_path / "book.xlsx"
    export_book(rebuilt(small_book(), without_won), path)
    found = rows(path)
    assert found[0][0] == "Backtest, as of 2026-03-31"
    assert found[1][0].startswith("No month before the book's date has anything won")
    assert not any(row[0] in ("Period", "Method") for row in found)
    assert [row[0] for row in table(found, "Stage")] == ["Prospect", "Proposal", "Commit"]
    with pytest.raises(Exception):  # no chart drawn on the sheet
        sheet_charts(path, SHEET)


def test_the_backtest_sheet_renders_its_chart(tmp_path):
    require_soffice()
    for tool in ("pdftotext", "pdftoppm"):
        require(shutil.which(tool), f"{tool} (poppler-utils)")
    path = tmp_path / "book.xlsx"
    export_book(rebuilt(small_book(), with_history), path)
    pdf = convert(path, tmp_path / "pdf", "pdf")[0]
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    page = next(n for n, text in enumerate(pages, 1) if "Forecast accuracy by month" in text)
    assert re.search(r"Sales-cycle\s+length", pages[page - 1]) and "2026-02" in pages[page - 1]
    assert "Times best" in pages[page - 1] and "Observed win rate" in pages[page - 1]  # one printed page
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), str(pdf),
                    str(tmp_path / "backtest")], check=True, timeout=60)
    assert next(tmp_path.glob("backtest*.png")).stat().st_size > 10_000


def test_a_book_without_deals_gets_the_note_too(tmp_path):
    def no_deals(frames):
        for table in ("Deals", "Splits", "StageHistory"):
            frames[table] = frames[table].iloc[0:0]
    book = rebuilt(small_book(), no_deals)
    assert backtest_months(book.snapshot()) is None  # no dated deal: no month to replay
    path = tmp_path / "book.xlsx"
    export_book(book, path)
    found = rows(path)
    assert found[1][0].startswith("No month before the book's date has anything won")
    assert [row[5:] for row in table(found, "Stage")] == [(0, 0, 0, 0)] * 3
