"""Commission statements as a PDF (Qt's PDF writer): a page per rep, names readable as text in
Korean and Japanese (a CJK font embedded), paper by locale, one clear refusal for a bad target;
and File → Export statements as PDF… in the app."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from conftest import DEMO_AS_OF
from fixtures import rebuilt, small_book
from test_cli_statement import adjusted_book
from libreoffice import require
from planner.core.demo import demo_book
from planner.core.errors import PlannerError
from planner.core.periods import Period
from planner.core.statements import statements
from planner.io import statement_text
from planner.qt.i18n import install_translators
from planner.storage import save_book
from planner.views.statement_pdf import export_statements_pdf, statements_pdf
from windows import open_window


def poppler(tool: str) -> str:
    return require(shutil.which(tool), f"{tool} (poppler-utils)")


def pages_of(path: Path) -> int:
    info = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def page_texts(path: Path) -> list[str]:
    return [subprocess.run([poppler("pdftotext"), "-f", str(n), "-l", str(n), "-layout", str(path), "-"],
                           capture_output=True, text=True, check=True).stdout for n in range(1, pages_of(path) + 1)]


@pytest.fixture
def korean(qapp):
    install_translators(qapp, "ko")
    yield QLocale("ko_KR")
    install_translators(qapp, "en")


def test_a_page_per_rep_with_the_reps_name_as_text_in_korean(korean, tmp_path):
    book = demo_book(as_of=DEMO_AS_OF)
    period = Period.parse("2026-Q2")
    path = tmp_path / "statements.pdf"
    pages = export_statements_pdf(book, period, path, locale=korean)
    snapshot = book.snapshot()
    payouts = statements(snapshot, period)[0]
    reps = snapshot["Reps"].loc[list(dict.fromkeys(payouts["rep"]))]
    assert pages == pages_of(path) == len(reps) >= 10  # every rep's quarter fits a page
    texts = page_texts(path)
    for text, (rep_id, name) in zip(texts, zip(reps["id"], reps["name"])):
        assert f"{name} ({rep_id})" in text  # each page is its rep's, in the Reps sheet's order
        assert "Hanbit Systems" in text and "2026-Q2" in text  # the company setting, the period
    assert "박지훈 (S01)" in texts[0] and "커미션 명세서" in texts[0]  # a Korean name; "Commission statement"
    info = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    fonts = subprocess.run([poppler("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts  # Korean and Japanese drawn with an embedded CJK font, not boxes
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded


def test_each_page_lists_the_reps_lines_and_totals(qapp, tmp_path):
    """R2's quarter in the fixture book (quota 30,000; 0-50 % at 2 %, 50-100 % at 5 %, above at
    10 %; cap 1,500; a 500 bonus at 100 %): D3 (20,000) fills 15,000 at 2 % (300) and 5,000
    at 5 % (250); D4 (16,000) 10,000 at 5 % (500) and 6,000 at 10 % (600); the cap takes
    150 back; 1,500 + 500 = 2,000 payable."""
    path = tmp_path / "statements.pdf"
    assert export_statements_pdf(small_book(), Period.parse("2026-Q1"), path, company="Fixture Co",
                                 locale=QLocale("en_US")) == 3
    texts = page_texts(path)
    r2 = next(text for text in texts if "佐藤 健 (R2)" in text)
    rows = [re.sub(r"\s{2,}", " | ", line.strip()) for line in r2.splitlines() if line.strip()]
    assert "D3 | Tier | 0%–50% | 2% | 15,000.00 | 300.00" in rows
    assert "D3 | Tier | 50%–100% | 5% | 5,000.00 | 250.00" in rows
    assert "D4 | Tier | 50%–100% | 5% | 10,000.00 | 500.00" in rows
    assert "D4 | Tier | ≥ 100% | 10% | 6,000.00 | 600.00" in rows
    assert "Cap | 1,650.00 | -150.00" in rows and "Bonus | ≥ 100% | 500.00" in rows
    assert "Total 2026-Q1 | 2,000.00" in rows
    assert "Fixture Co" in r2  # no company setting: the name the app gives (the book's)
    r1 = next(text for text in texts if "김민지 (R1)" in text)  # a monthly plan: three months, then the quarter
    assert all(f"Total 2026-0{month}" in r1 for month in (1, 2, 3))
    assert re.search(r"Total payable for 2026-Q1\s+1,200.00", r1)
    assert re.search(r"Clawback\s+-40.00", next(text for text in texts if "(R3)" in text))
    info = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    assert "(letter)" in info.lower()  # the US measures in inches


# each language in a process of its own, as the app is: Qt's PDF writer maps some Japanese glyphs
# (消) to no text once a Korean PDF was drawn in the same process, though they print
_ADJUSTED_PDF = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QLocale
from planner.core.periods import Period
from planner.io.statement_text import adjusting
from planner.storage import open_book
from planner.views.app import create_app
from planner.views.statement_pdf import export_statements_pdf
language, book, out = sys.argv[1:]
app = create_app(language)
export_statements_pdf(open_book(book), Period.parse("2026-Q2"), Path(out),
                      locale=QLocale({"en": "en_US", "ko": "ko_KR", "ja": "ja_JP"}[language]))
print(json.dumps(adjusting("2026-Q1", "cancelled", QCoreApplication.translate)))
"""


@pytest.mark.parametrize("language", ["en", "ko", "ja"])
def test_an_adjustment_line_says_what_it_adjusts(tmp_path, language):
    save_book(adjusted_book(), tmp_path / "book.planner")
    path = tmp_path / "statements.pdf"
    done = subprocess.run([sys.executable, "-c", _ADJUSTED_PDF, language, str(tmp_path / "book.planner"), str(path)],
                          capture_output=True, text=True, check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    words = json.loads(done.stdout.splitlines()[-1])
    assert words == "adjusts 2026-Q1, cancelled" or language != "en"  # Korean and Japanese: their translations
    r2 = next(text for text in page_texts(path) if "(R2)" in text)
    line = next(line for line in r2.splitlines() if "D4" in line)
    assert re.search(r"D4\s+\S+\s+" + re.escape(words) + r"\s+-1,100\.00$", line.strip()), line


def test_a_japanese_name_is_readable_text(qapp, tmp_path):
    path = tmp_path / "statements.pdf"
    export_statements_pdf(demo_book(as_of=DEMO_AS_OF), Period.parse("2026-06"), path, locale=QLocale("ja_JP"))
    text = "".join(page_texts(path))
    # 木 and 一 share their glyph with the radicals ⽊ and ⼀: the text still reads as the names
    assert "鈴木 美咲 (T02)" in text and "佐藤 健一 (T01)" in text and "田中 結衣 (T04)" in text


@pytest.mark.parametrize("target", ["folder", "missing folder", "not a pdf", "read-only", "txt"])
def test_a_bad_target_is_one_clear_error(qapp, tmp_path, monkeypatch, target):
    book, period = small_book(), Period.parse("2026-Q1")
    kept = tmp_path / "book.planner"
    kept.write_bytes(b"SQLite format 3\x00" + b"\x00" * 600)
    path, message = {
        "folder": (tmp_path, "is a folder; choose a file name"),
        "missing folder": (tmp_path / "nowhere" / "s.pdf", "the folder .*nowhere does not exist"),
        "not a pdf": (kept.with_suffix(".pdf"), "exists and is not a PDF file: it is not replaced"),
        "read-only": (tmp_path / "s.pdf", "s.pdf cannot be written: the disk is read-only"),
        "txt": (tmp_path / "s.txt", "give it a name ending in .pdf"),
    }[target]
    if target == "not a pdf":
        shutil.copy(kept, path)
    if target == "read-only":  # CI runs as root, where chmod stops nothing
        def refused(*args, **kwargs):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        monkeypatch.setattr(statement_text.os, "replace", refused)
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(PlannerError, match=message):
        export_statements_pdf(book, period, path)
    assert sorted(tmp_path.rglob("*")) == before  # nothing left behind, nothing replaced
    if target == "not a pdf":
        assert path.read_bytes() == kept.read_bytes()


def test_an_existing_pdf_is_replaced(qapp, tmp_path):
    path = tmp_path / "s.pdf"
    path.write_bytes(b"%PDF-1.4 old")
    export_statements_pdf(small_book(), Period.parse("2026-Q1"), path)
    assert path.read_bytes().startswith(b"%PDF-") and pages_of(path) == 3


def test_a_book_without_reps_on_a_plan_prints_one_page_saying_so(qapp, tmp_path):
    book = rebuilt(small_book(), lambda frames: frames["Reps"].__setitem__("plan", None))
    data, pages = statements_pdf(book, Period.parse("2026-Q1"))
    (tmp_path / "none.pdf").write_bytes(data)
    assert pages == pages_of(tmp_path / "none.pdf") == 1
    assert "No rep is on a plan in this period." in page_texts(tmp_path / "none.pdf")[0]


def test_file_menu_exports_the_selected_periods_statements(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, small_book())
    target = tmp_path / "out" / "statements"
    target.parent.mkdir()
    asked = []
    window.excel.choose_pdf_target = lambda start: asked.append(start) or str(target)
    window.excel.export_pdf.trigger()
    written = target.with_suffix(".pdf")
    qtbot.waitUntil(lambda: not window.jobs.busy and written.exists(), timeout=60_000)
    assert asked == [f"book {window.selected_period().label}.pdf"]
    assert pages_of(written) == 3 and "Wrote" in window.statusBar().currentMessage()


def test_file_menu_shows_one_line_when_the_pdf_cannot_be_written(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, small_book())
    shown = []
    window.excel.show_refusal = lambda title, lines: shown.append((title, lines))
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    window.excel.choose_pdf_target = lambda start: str(folder)
    window.excel.export_pdf.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert shown == [("Could not export the statements", [f"{folder} is a folder; choose a file name"])]
