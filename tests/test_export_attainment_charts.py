"""The AttainmentCharts sheet of an export: native charts (attainment by rep against 100%,
quota versus won by month, the rep quadrant scatter) whose series point at cells of the sheet,
and those cells hold the app's figures."""

from __future__ import annotations

import posixpath
import re
import zipfile
from datetime import date

import openpyxl
import pandas as pd
import pytest

from fixtures import small_book
from planner.core.attainment import quota_by_month
from planner.core.demo import demo_book
from planner.core.money import minor_digits
from planner.core.periods import Period
from planner.core.quadrants import QUADRANT_LABELS
from planner.core.report import compute_report
from planner.io.excel_export import export_book

SHEET = "AttainmentCharts"
REFERENCE = re.compile(r"^'?([^'!]+)'?!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$")


def sheet_charts(path, sheet: str) -> list[str]:
    """The chart XML of the charts drawn on ``sheet``, in the order they were inserted."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        names = re.findall(r'<sheet name="([^"]+)"', workbook)
        part = f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"
        rels = archive.read(f"xl/worksheets/_rels/{posixpath.basename(part)}.rels").decode()
        drawing = posixpath.normpath(posixpath.join("xl/worksheets", re.search(r'Target="([^"]*drawing[^"]*)"',
                                                                               rels).group(1)))
        drawing_rels = archive.read(posixpath.join(posixpath.dirname(drawing), "_rels",
                                                   posixpath.basename(drawing) + ".rels")).decode()
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', drawing_rels))
        order = re.findall(r'<c:chart [^>]*r:id="(rId\d+)"', archive.read(drawing).decode())
        return [archive.read(posixpath.normpath(posixpath.join(posixpath.dirname(drawing), targets[rid]))).decode()
                for rid in order]


def series(chart: str) -> list[dict]:
    """Each series of a chart: its kind (the chart element holding it) and its formulas."""
    out = []
    for kind, body in re.findall(r"<c:(barChart|lineChart|scatterChart)>(.*?)</c:\1>", chart, re.S):
        for ser in re.findall(r"<c:ser>(.*?)</c:ser>", body, re.S):
            refs = {}
            for tag in ("tx", "cat", "val", "xVal", "yVal"):
                found = re.search(rf"<c:{tag}>.*?<c:f>([^<]+)</c:f>", re.sub(r"<c:dLbls>.*?</c:dLbls>", "", ser,
                                                                           flags=re.S), re.S)
                if found:
                    refs[tag] = found.group(1)
            name = re.search(r"<c:tx><c:v>([^<]*)</c:v></c:tx>", ser)
            out.append({"kind": kind, "name": name.group(1) if name else None, **refs})
    return out


def cells(workbook, reference: str) -> list:
    sheet, first_column, first_row, last_column, last_row = REFERENCE.match(reference).groups()
    assert sheet == SHEET  # every series points at the sheet's own tables
    assert last_column in (None, first_column)
    return [workbook[sheet][f"{first_column}{row}"].value for row in range(int(first_row), int(last_row or first_row) + 1)]


def major(values, digits: int) -> list:
    return [None if pd.isna(value) else int(value) / 10 ** digits for value in values]


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory):
    book = demo_book(as_of=date(2026, 11, 15)).snapshot()
    path = tmp_path_factory.mktemp("export") / "demo.xlsx"
    export_book(book, path, period="2026-Q4")
    return book, path, compute_report(book, Period.of("2026-Q4"))


def test_attainment_by_rep_is_bars_against_the_100_percent_line_of_the_apps_figures(demo_export):
    book, path, report = demo_export
    by_rep = sheet_charts(path, SHEET)[0]
    assert '<c:barDir val="col"/>' in by_rep and "<c:lineChart>" in by_rep
    attained, projected, line = series(by_rep)
    assert (attained["kind"], projected["kind"], line["kind"]) == ("barChart", "barChart", "lineChart")
    workbook = openpyxl.load_workbook(path)
    shown = report.attainment[report.attainment["quota"].notna().to_numpy(dtype=bool)]
    assert len(shown) > 5
    names = [name if isinstance(name, str) and name else rep for rep, name in zip(shown["rep"], shown["name"])]
    assert cells(workbook, attained["cat"]) == names
    assert cells(workbook, attained["val"]) == pytest.approx([float(v) for v in shown["attainment"]])
    # the period is in progress on as_of: pacing beside attainment, as the tab shows it
    assert report.period_status == "in_progress"
    pacing = report.pacing.set_index("rep")["pacing"].reindex(shown["rep"])
    assert cells(workbook, projected["val"]) == pytest.approx([float(v) for v in pacing])
    assert cells(workbook, line["val"]) == [1] * len(shown)  # the 100% line
    assert cells(workbook, line["tx"]) == ["Quota (100%)"]


def test_quota_versus_won_by_month_are_the_companys_figures(demo_export):
    book, path, report = demo_export
    by_month = sheet_charts(path, SHEET)[1]
    won, quota = series(by_month)
    assert (won["kind"], quota["kind"]) == ("barChart", "lineChart")
    workbook = openpyxl.load_workbook(path)
    months = cells(workbook, won["cat"])
    assert months == [f"2026-{month:02d}" for month in range(1, 13)] == cells(workbook, quota["cat"])
    digits = minor_digits(book.currency)
    got_won, got_quota = cells(workbook, won["val"]), cells(workbook, quota["val"])
    # a quarter's months add up to the quarter's attainment figures (its reps' credit; its
    # quota as the forecast counts it: teams plus reps in no team)
    for quarter in ("2026-Q1", "2026-Q2", "2026-Q3"):
        figures = compute_report(book, Period.of(quarter))
        first = (int(quarter[-1]) - 1) * 3
        assert sum(got_won[first:first + 3]) == pytest.approx(int(figures.attainment["credited"].sum()) / 10 ** digits)
        teams = figures.team_attainment["quota"].dropna().astype("int64").sum()
        alone = figures.attainment.loc[figures.attainment["team"].isna(), "quota"].dropna().astype("int64").sum()
        assert sum(got_quota[first:first + 3]) == pytest.approx((teams + alone) / 10 ** digits)
    assert got_won[11] is None and got_won[10] is not None  # December has not begun on 2026-11-15: no figure
    expected = quota_by_month(book, 2026, date(2026, 11, 15))
    assert got_quota == pytest.approx(major(expected["quota"], digits))


def test_the_quadrant_scatter_plots_each_quadrants_reps_from_the_table(demo_export):
    book, path, report = demo_export
    scatter = sheet_charts(path, SHEET)[2]
    assert "<c:scatterChart>" in scatter
    plotted = series(scatter)
    workbook = openpyxl.load_workbook(path)
    quads = report.quadrants
    seen = 0
    for entry in plotted:
        code = next(code for code, label in QUADRANT_LABELS.items() if label == entry["name"])
        expected = quads[(quads["quadrant"] == code).to_numpy(dtype=bool) & quads["change"].notna().to_numpy(dtype=bool)]
        x, y = cells(workbook, entry["xVal"]), cells(workbook, entry["yVal"])
        assert x == pytest.approx([float(v) for v in expected["change"]])
        assert y == pytest.approx([float(v) for v in expected["attainment"]])
        first_row = int(REFERENCE.match(entry["xVal"]).group(3))
        names = [workbook[SHEET][f"A{row}"].value for row in range(first_row, first_row + len(x))]
        assert names == [n if isinstance(n, str) and n else r for r, n in zip(expected["rep"], expected["name"])]
        labels = re.findall(r"<c:dLbl>.*?<a:t>([^<]*)</a:t>", scatter.split(f"<c:v>{entry['name']}</c:v>")[1]
                            .split("</c:ser>")[0], re.S)
        assert labels == names  # each point labelled with its rep
        seen += len(x)
    assert len(plotted) >= 3 and seen == int(quads["change"].notna().sum())
    # the axes cross at no change and at 100%: the four quadrants
    assert '<c:crossesAt val="1"/>' in scatter and '<c:crossesAt val="0"/>' in scatter


def test_a_book_without_last_quarter_lists_the_quadrants_but_draws_no_scatter(tmp_path):
    path = tmp_path / "small.xlsx"
    export_book(small_book(), path)
    assert len(sheet_charts(path, SHEET)) == 2  # by rep, by month: no rep has a change figure
    rows = list(openpyxl.load_workbook(path)[SHEET].iter_rows(values_only=True))
    start = next(n for n, row in enumerate(rows) if row[:2] == ("Rep", "Quadrant"))
    listed = [row[:4] for row in rows[start + 1:start + 4]]
    assert listed == [("佐藤 健", "Rising star", None, 1.2), ("김민지", "Improving laggard", None, pytest.approx(0.52)),
                      ("Alex Kim", "Improving laggard", None, pytest.approx(0.36))]
