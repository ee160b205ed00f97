"""Commission statements as a PDF, drawn with Qt's PDF writer: a page per rep, print-ready.

Every rep on a plan gets a page of its own (more when its lines do not fit one, the table's
header repeated): the company (the book's ``company`` setting, else the book's name), the
period, the rep, then each of the rep's plan periods overlapping the period with its
statement lines (deal id and name, rule, tier, rate, base, amount) and its total, and the
total payable when there are several. A4, or Letter where the locale measures in inches (the
US). Text is drawn with the system's fonts, a CJK font (Noto Sans CJK on Linux) for Korean and
Japanese, embedded in the file as subsets, so names print and copy as text.

Qt paints a PDF outside the GUI thread, so the app writes it in the background.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from PySide6.QtCore import (QBuffer, QByteArray, QCoreApplication, QIODevice, QLocale, QMarginsF, QObject, QPointF,
                            QRectF, Qt)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from planner.core import kinds
from planner.core.periods import Period
from planner.core.schema import Kind
from planner.core.usable import usable
from planner.io.statement_text import adjusting, rule_words, save_pdf, statement_table

DPI = 300
# Latin text first (its digits copy as text), then the CJK fonts of the user's language first
_LATIN = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Arial", "Helvetica Neue", "Helvetica"]
_CJK = {"ko": ["Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo"],
        "ja": ["Noto Sans CJK JP", "Yu Gothic", "Hiragino Sans", "Meiryo"]}
# the lines table: its columns' shares of the width, and which are numbers (right-aligned)
_COLUMNS = (("deal", 0.11), ("deal_name", 0.29), ("rule", 0.14), ("tier", 0.14), ("rate", 0.08),
            ("base", 0.12), ("amount", 0.12))
_NUMBERS = {"rate", "base", "amount"}


def export_statements_pdf(book, period: Period, path: Path, company: str | None = None,
                          locale: QLocale | None = None) -> int:
    """Write the statements of ``period`` to the PDF ``path``; returns the number of pages.
    ``company`` names the issuer when the book has no ``company`` setting (the app passes the
    book's name). Raises PlannerError when ``path`` cannot be written (one sentence)."""
    data, pages = statements_pdf(book, period, company, locale)
    save_pdf(path, data)
    return pages


def statements_pdf(book, period: Period, company: str | None = None,
                   locale: QLocale | None = None) -> tuple[bytes, int]:
    """The statements of ``period`` as PDF bytes, and how many pages they take (as the app's
    figures: rows with problems left out)."""
    locale = locale or QLocale()
    book, _left_out = usable(book)
    payouts, lines = statement_table(book, period)
    reps = [payouts[payouts["rep"] == rep] for rep in dict.fromkeys(payouts["rep"])]
    by_payout = {key: group for key, group in lines.groupby(["rep", "period"], sort=False)}
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    letter = locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15),
                                     QPageLayout.Unit.Millimeter))
    company = book.setting("company") or company or "Planner"
    page = StatementPages(writer.width(), writer.height(), _families(locale), book.currency, company, period)
    writer.setTitle(f"{company} · {page.document_title()} · {period.label}")
    writer.setCreator("Planner")
    painter = QPainter(writer)
    try:
        page.begin(painter)
        pages = 0
        for number, rows in enumerate(reps):
            if number:
                writer.newPage()
            pages += page.rep(rows, by_payout, writer.newPage)
        if not reps:
            page.empty()
            pages = 1
    finally:
        painter.end()
        buffer.close()
    return _ideographs_as_text(bytes(data)), pages


_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_RADICAL = re.compile(rb"<(2E[89A-F][0-9A-F]|2F[0-9A-D][0-9A-F])>")  # CJK and Kangxi radicals


def _ideographs_as_text(pdf: bytes) -> bytes:
    """``pdf`` with its text mapping naming ideographs, not radicals: a CJK font draws the Kangxi
    radical ⼀ (U+2F00) and the ideograph 一 (U+4E00) with one glyph, and Qt maps each glyph back
    to the lowest code point that uses it, so 鈴木 would copy and search as 鈴⽊. Each radical
    in the ToUnicode maps becomes the ideograph it stands for (its NFKC form, the same number of
    bytes: nothing else in the file moves)."""
    def ideograph(match: re.Match) -> bytes:
        radical = chr(int(match.group(1), 16))
        same = unicodedata.normalize("NFKC", radical)
        return f"<{ord(same):04X}>".encode() if len(same) == 1 and ord(same) <= 0xFFFF else match.group(0)

    out = bytearray(pdf)
    for number in set(_TO_UNICODE.findall(pdf)):
        start = pdf.find(b"\n" + number + b" 0 obj")
        begin, end = pdf.find(b"stream\n", start), pdf.find(b"endstream", start)
        if start < 0 or begin < 0 or end < 0:
            continue
        lines = pdf[begin:end].split(b"\n")
        fixed = []
        for line in lines:  # "<from> <to> [<char> …]", "<from> <to> <char>", "<glyph> <char>": the chars only
            if line.startswith(b"<"):
                head, bracket, rest = line.partition(b"[")
                if bracket:
                    line = head + bracket + _RADICAL.sub(ideograph, rest)
                else:
                    parts = line.split(b" ")
                    line = b" ".join(parts[:-1] + [_RADICAL.sub(ideograph, parts[-1])]) if len(parts) > 1 else line
            fixed.append(line)
        out[begin:end] = b"\n".join(fixed)
    return bytes(out)


def _families(locale: QLocale) -> list[str]:
    language = locale.name()[:2]
    first = _CJK.get(language, [])
    return _LATIN + first + [family for lang, names in _CJK.items() if lang != language for family in names]


@dataclass
class _Row:
    kind: str  # heading, columns, line, none, subtotal, context, total
    cells: dict = field(default_factory=dict)


class StatementPages(QObject):
    """Draws each rep's statements on as many pages as they need (the words in the app's language)."""

    def __init__(self, width: int, height: int, families: list[str], currency: str, company: str,
                 period: Period) -> None:
        super().__init__()
        self.width, self.height = float(width), float(height)
        self.currency, self.company, self.period = currency, company, period
        self.fonts = {name: self._font(families, size, bold) for name, size, bold in (
            ("company", 16, True), ("title", 12, True), ("info", 10, False), ("info_bold", 10, True),
            ("table", 8.5, False), ("table_bold", 8.5, True), ("small", 7.5, False))}
        self.printed = date.today().isoformat()

    def document_title(self) -> str:
        return self.tr("Commission statements")

    def begin(self, painter: QPainter) -> None:
        self.p = painter
        self.row_height = QFontMetricsF(self.fonts["table"], painter.device()).height() * 1.45
        self.footer = QFontMetricsF(self.fonts["small"], painter.device()).height() * 2

    @staticmethod
    def _font(families: list[str], size: float, bold: bool) -> QFont:
        font = QFont()
        font.setFamilies(families)
        font.setPointSizeF(size)
        font.setBold(bold)
        return font

    def mm(self, value: float) -> float:
        return value * DPI / 25.4

    # -- one rep ------------------------------------------------------------------------------
    def rep(self, payouts, by_payout: dict, new_page) -> int:
        """Draw the statements of one rep (its payouts); returns the pages used."""
        first = payouts.iloc[0]
        who = f"{first['name']} ({first['rep_key']})" if first["name"] not in (None, first["rep_key"]) \
            else str(first["rep_key"])
        rows = []
        several = len(payouts) > 1
        for payout in payouts.to_dict("records"):
            rows.append(_Row("heading", payout))
            rows.append(_Row("columns"))
            lines = by_payout.get((payout["rep"], payout["period"]))
            if lines is None or not len(lines):
                rows.append(_Row("none"))
            else:
                rows += [_Row("line", line) for line in lines.to_dict("records")]
            rows.append(_Row("subtotal", payout))
            if self._context_text(payout):
                rows.append(_Row("context", payout))
        if several:
            rows.append(_Row("total", {"amount": int(payouts["total"].sum())}))
        pages = self._paginate(rows)
        for number, page in enumerate(pages):
            if number:
                new_page()
            top = self._header(who, str(first["plan"]), continued=number > 0)
            self._rows(page, top)
            self._footer(number + 1, len(pages))
        return len(pages)

    def empty(self) -> None:
        top = self._header(None, None, continued=False)
        self.p.setFont(self.fonts["info"])
        self.p.drawText(QRectF(0, top, self.width, self.row_height * 2), self.tr("No rep is on a plan in this period."))
        self._footer(1, 1)

    def _height(self, row: _Row) -> float:
        return self.row_height * {"heading": 1.9, "subtotal": 1.3, "total": 1.8}.get(row.kind, 1.0)

    def _paginate(self, rows: list[_Row]) -> list[list[_Row]]:
        """The rows of each page: a heading keeps with its table's header and first line; a
        table broken across pages repeats its header."""
        first_top, other_top = self.mm(30), self.mm(16)
        bottom = self.height - self.footer
        pages, page, y = [], [], first_top
        for index, row in enumerate(rows):
            need = self._height(row)
            if row.kind == "heading":
                need += sum(self._height(r) for r in rows[index + 1:index + 3])
            if page and y + need > bottom:
                pages.append(page)
                page, y = [], other_top
                if row.kind in ("line", "none", "subtotal"):
                    page.append(_Row("columns"))
                    y += self._height(page[0])
            page.append(row)
            y += self._height(row)
        pages.append(page)
        return pages

    # -- drawing ------------------------------------------------------------------------------
    def _text(self, rect: QRectF, text: str, font: str, align=Qt.AlignmentFlag.AlignLeft, color: str | None = None):
        self.p.setFont(self.fonts[font])
        self.p.setPen(QColor(color or "#000000"))
        metrics = QFontMetricsF(self.fonts[font], self.p.device())
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        self.p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)

    def _rule(self, y: float, width: float = 1.5, color: str = "#000000") -> None:
        """A horizontal line across the page at ``y`` (``width`` in device pixels, 300 per inch)."""
        self.p.setPen(QPen(QColor(color), width))
        self.p.drawLine(QPointF(0, y), QPointF(self.width, y))

    def _header(self, who: str | None, plan: str | None, continued: bool) -> float:
        right = Qt.AlignmentFlag.AlignRight
        span = f"{self.period.start.isoformat()} – {(self.period.end - timedelta(days=1)).isoformat()}"
        if continued:
            line = self.mm(6)
            self._text(QRectF(0, 0, self.width * 0.7, line), f"{self.company} · {who}", "info_bold")
            self._text(QRectF(self.width * 0.5, 0, self.width * 0.5, line),
                       self.tr("%1 (continued)").replace("%1", self.period.label), "info", right)
            self._rule(line + self.mm(2), 3)
            return self.mm(16)
        line = self.mm(9)
        self._text(QRectF(0, 0, self.width * 0.6, line), self.company, "company")
        self._text(QRectF(self.width * 0.5, 0, self.width * 0.5, line), self.tr("Commission statement"), "title", right)
        self._rule(line + self.mm(2), 4)
        info = self.mm(6)
        top = line + self.mm(5)
        if who is not None:
            self._text(QRectF(0, top, self.width * 0.6, info), self.tr("Rep: %1").replace("%1", who), "info_bold")
            self._text(QRectF(0, top + info, self.width * 0.6, info), self.tr("Plan: %1").replace("%1", plan), "info")
        self._text(QRectF(self.width * 0.4, top, self.width * 0.6, info),
                   self.tr("Period: %1").replace("%1", self.period.label), "info_bold", right)
        self._text(QRectF(self.width * 0.4, top + info, self.width * 0.6, info), span, "info", right)
        self._text(QRectF(self.width * 0.4, top + 2 * info, self.width * 0.6, info),
                   self.tr("Amounts in %1").replace("%1", self.currency), "info", right, "#444444")
        return self.mm(30)

    def _rows(self, rows: list[_Row], y: float) -> None:
        for row in rows:
            height = self._height(row)
            getattr(self, "_" + row.kind)(row.cells, QRectF(0, y, self.width, height))
            y += height

    def _cells(self) -> list[tuple[str, QRectF]]:
        out, x = [], 0.0
        pad = self.mm(1.2)
        for key, share in _COLUMNS:
            out.append((key, QRectF(x + pad, 0, self.width * share - 2 * pad, 0)))
            x += self.width * share
        return out

    def _at(self, cell: QRectF, area: QRectF) -> QRectF:
        return QRectF(cell.x(), area.y(), cell.width(), area.height())

    def _heading(self, payout: dict, area: QRectF) -> None:
        part = Period.of(payout["period"])
        top = QRectF(0, area.y() + area.height() * 0.3, self.width, area.height() * 0.7)
        text = f"{part.label}  ({part.start.isoformat()} – {(part.end - timedelta(days=1)).isoformat()})"
        self._text(QRectF(0, top.y(), self.width * 0.5, top.height()), text, "info_bold")
        quota = payout["quota"]
        facts = self.tr("Quota %1 · won credit %2").replace(
            "%1", kinds.text(Kind.MONEY, quota, self.currency) or "–").replace(
            "%2", kinds.text(Kind.MONEY, payout["won"], self.currency))
        self._text(QRectF(self.width * 0.45, top.y(), self.width * 0.55, top.height()), facts, "info",
                   Qt.AlignmentFlag.AlignRight, "#444444")

    def _columns(self, _cells: dict, area: QRectF) -> None:
        self.p.fillRect(area, QColor("#E6EBF2"))
        labels = {"deal": self.tr("Deal ID"), "deal_name": self.tr("Deal"), "rule": self.tr("Rule"), "tier": self.tr("Tier"),
                  "rate": self.tr("Rate"), "base": self.tr("Base"), "amount": self.tr("Amount")}
        for key, cell in self._cells():
            self._text(self._at(cell, area), labels[key], "table_bold",
                       Qt.AlignmentFlag.AlignRight if key in _NUMBERS else Qt.AlignmentFlag.AlignLeft)

    def _line(self, line: dict, area: QRectF) -> None:
        values = {
            "deal": _text(line["deal_key"]), "deal_name": _text(line["deal_name"]),
            "rule": rule_words(line["rule"], QCoreApplication.translate), "tier": _text(line["tier_text"]),
            "rate": kinds.text(Kind.RATIO, line["rate"]),
            "base": kinds.text(Kind.MONEY, line["base"], self.currency),
            "amount": kinds.text(Kind.MONEY, line["amount"], self.currency),
        }
        cells = dict(self._cells())
        for key, cell in cells.items():
            self._text(self._at(cell, area), values[key], "table",
                       Qt.AlignmentFlag.AlignRight if key in _NUMBERS else Qt.AlignmentFlag.AlignLeft)
        adjusts = adjusting(line.get("adjusts"), line.get("reason"), QCoreApplication.translate)
        if adjusts:  # an adjustment has no tier, rate or base: what it adjusts takes their width
            span = QRectF(cells["tier"].left(), area.y(), cells["base"].right() - cells["tier"].left(), area.height())
            self._text(span, adjusts, "table", color="#444444")
        self._rule(area.bottom(), 0.8, "#D0D5DD")

    def _none(self, _cells: dict, area: QRectF) -> None:
        self._text(QRectF(self.mm(1.2), area.y(), self.width, area.height()),
                   self.tr("No commission lines in this period."), "table", color="#555555")

    def _subtotal(self, payout: dict, area: QRectF) -> None:
        self._rule(area.y(), 1.5, "#666666")
        self._total_row(self.tr("Total %1").replace("%1", payout["period"]), int(payout["total"]), area, "table_bold")

    def _context_text(self, payout: dict) -> str:
        """The payout's information beside its lines (core/draws.py): base salary, target
        incentive and OTE of the period, the recoverable draw carried; empty when it has none."""
        money = {key: payout.get(key) for key in ("base_salary", "target_incentive", "ote", "draw_balance")}
        words = {"base_salary": self.tr("base salary %1"), "target_incentive": self.tr("target incentive %1"),
                 "ote": self.tr("OTE %1"), "draw_balance": self.tr("draw balance carried %1")}
        shown = [words[key].replace("%1", kinds.text(Kind.MONEY, int(value), self.currency))
                 for key, value in money.items() if not _missing(value)]
        return self.tr("For information (not in the total): %1").replace("%1", " · ".join(shown)) if shown else ""

    def _context(self, payout: dict, area: QRectF) -> None:
        self._text(QRectF(self.mm(1.2), area.y(), self.width, area.height()), self._context_text(payout), "table",
                   color="#555555")

    def _total(self, cells: dict, area: QRectF) -> None:
        self._rule(area.y() + area.height() * 0.25, 2)
        inner = QRectF(0, area.y() + area.height() * 0.3, self.width, area.height() * 0.7)
        self._total_row(self.tr("Total payable for %1").replace("%1", self.period.label), cells["amount"], inner,
                        "info_bold")

    def _total_row(self, label: str, amount: int, area: QRectF, font: str) -> None:
        cells = dict(self._cells())
        self._text(QRectF(cells["deal"].x(), area.y(), self.width * 0.7, area.height()), label, font)
        self._text(self._at(cells["amount"], area).adjusted(-self.width * 0.2, 0, 0, 0),
                   kinds.text(Kind.MONEY, amount, self.currency), font, Qt.AlignmentFlag.AlignRight)

    def _footer(self, page: int, pages: int) -> None:
        area = QRectF(0, self.height - self.footer * 0.6, self.width, self.footer * 0.6)
        self._rule(area.y() - self.mm(1), 0.8, "#999999")
        self._text(QRectF(0, area.y(), self.width * 0.7, area.height()),
                   self.tr("Printed %1 by Planner").replace("%1", self.printed), "small", color="#555555")
        self._text(QRectF(self.width * 0.5, area.y(), self.width * 0.5, area.height()),
                   self.tr("Page %1 of %2").replace("%1", str(page)).replace("%2", str(pages)), "small",
                   Qt.AlignmentFlag.AlignRight, "#555555")


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def _text(value) -> str:
    return "" if _missing(value) else str(value)
