"""Clipboard interchange with Excel, LibreOffice and Google Sheets for a table grid.

Spreadsheets put a block of cells on the clipboard twice: as ``text/plain`` (tab-separated
values, rows ended by CRLF, cells quoted only when they hold a tab, line break or quote) and
as ``text/html`` (one ``<table>``). :func:`parse_tsv` and :func:`format_tsv` handle the first,
:func:`parse_html` and :func:`format_html` the second; callers should prefer the text form
and fall back to HTML only when no text is offered. :func:`fit_block` gives a pasted block
the shape Excel would when the selection is larger than the block.

Every cell stays a ``str``: nothing here parses numbers or dates (``"1,234"`` stays text),
that is the caller's job, done against the target column's kind. Plain Python, no Qt.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["fit_block", "format_html", "format_tsv", "parse_html", "parse_tsv"]

# A quoted cell: "..." with "" for a literal quote, closed right before a tab, line break or
# the end. One way to consume each character, so a failed match backtracks linearly.
_QUOTED = re.compile(r'"((?:[^"]|"")*)"(?=[\t\r\n]|\Z)')
_UNQUOTED = re.compile(r"[^\t\r\n]*")
_NEEDS_QUOTES = re.compile(r'[\t\r\n"]')
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML's collapsible whitespace; not U+00A0
# Tags whose boundaries separate words inside a cell ("<p>a</p><p>b</p>" reads "a b", not "ab").
_BLOCK_TAGS = frozenset({"table", "tr", "td", "th", "p", "div", "li"})


def _rectangular(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))
    return rows


def parse_tsv(text: str) -> list[list[str]]:
    """Read the tab-separated text Excel or LibreOffice put on the clipboard.

    Parameters
    ----------
    text : str
        The ``text/plain`` payload. Rows end with CRLF, LF or CR; cells are separated by TAB.
        A cell that starts with ``"`` and whose closing ``"`` is followed by a tab, a line
        break or the end is quoted: it may hold tabs and line breaks, and ``""`` inside it is
        one quote. Any other quote is literal, as in Excel (``5" disk`` stays as is), and so
        is a quote that opens a cell but is never properly closed.

    Returns
    -------
    list of list of str
        The rows, padded with ``""`` to the longest row. Unquoted cells are kept exactly
        (no stripping, no number parsing). A single line break ending the payload does not
        add an empty row; an empty payload gives ``[]``.
    """
    rows: list[list[str]] = []
    if not text:
        return rows
    row: list[str] = []
    pos, end = 0, len(text)
    while True:
        quoted = _QUOTED.match(text, pos) if text.startswith('"', pos) else None
        if quoted:
            row.append(quoted.group(1).replace('""', '"'))
            pos = quoted.end()
        else:  # also a malformed quoted cell: taken literally up to the next tab or line break
            cell = _UNQUOTED.match(text, pos)
            row.append(cell.group())
            pos = cell.end()
        if pos >= end:
            rows.append(row)
            break
        if text[pos] == "\t":
            pos += 1
            continue
        pos += 2 if text.startswith("\r\n", pos) else 1
        rows.append(row)
        row = []
        if pos >= end:  # the payload's final line break ends the last row, it starts none
            break
    return _rectangular(rows)


def _quote_tsv(cell: str) -> str:
    # Quoting only when needed keeps plain cells byte-for-byte what Excel itself would copy.
    if _NEEDS_QUOTES.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def format_tsv(rows: list[list[str]]) -> str:
    """Write cells as tab-separated text for the clipboard, the inverse of :func:`parse_tsv`.

    Parameters
    ----------
    rows : list of list of str
        The cells, row by row.

    Returns
    -------
    str
        Cells joined by TAB and every row ended by CRLF, the last one included (as Excel
        does). A cell is quoted, with inner quotes doubled, only when it contains a tab, CR,
        LF or ``"`` (which covers a cell starting with a quote). ``parse_tsv(format_tsv(x))
        == x`` for every rectangular ``x`` with at least one column.
    """
    return "".join("\t".join(_quote_tsv(cell) for cell in row) + "\r\n" for row in rows)


def _html_cell(cell: str) -> str:
    return _LINE_BREAK.sub("<br>", html.escape(cell))


def format_html(rows: list[list[str]], header: list[str] | None = None) -> str:
    """Write cells as a minimal HTML document holding one table, for ``text/html``.

    Parameters
    ----------
    rows : list of list of str
        The cells, row by row; each is HTML-escaped and its line breaks become ``<br>``.
    header : list of str, optional
        Column titles, written as a first row of ``<th>`` cells.

    Returns
    -------
    str
        ``<html><head>…</head><body><table>…</table></body></html>`` in UTF-8. The style
        sheet tells Excel that ``<br>`` is a line break inside the cell (without it Excel
        starts a new row there). HTML readers collapse runs of spaces and trim cells; the
        ``text/plain`` form from :func:`format_tsv` is the exact one.
    """
    lines = ['<html><head><meta charset="utf-8">',
             "<style>br{mso-data-placement:same-cell}</style></head>",
             "<body><table>"]
    if header is not None:
        lines.append("<tr>" + "".join(f"<th>{_html_cell(title)}</th>" for title in header) + "</tr>")
    lines.extend("<tr>" + "".join(f"<td>{_html_cell(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    lines.append("</table></body></html>")
    return "\n".join(lines)


def _span(attrs: list[tuple[str, str | None]], name: str, limit: int) -> int:
    value = dict(attrs).get(name) or ""
    match = re.match(r"\s*(\d+)", value)  # browsers read "3;" or "3px" as 3
    # the same bounds browsers use, so a bogus span cannot blow the grid up
    return min(max(int(match.group(1)), 1), limit) if match else 1


class _TableReader(HTMLParser):
    """Collects the cells of the first ``<table>``; nested tables count as cell text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.depth = 0  # table nesting; rows and cells are read at depth 1 only
        self.done = False
        self.row: list[str] | None = None
        self.lines: list[list[str]] | None = None  # text pieces of the open cell, by <br> line
        self.colspan = self.rowspan = 1
        self.spans: dict[int, int] = {}  # column -> rows below still covered by a rowspan
        self.blocked: set[int] = set()  # columns of the open row covered from above

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag in _BLOCK_TAGS:
            self.handle_data(" ")
        if tag == "table":
            self.depth += 1
        elif tag == "br" and self.lines is not None:
            self.lines.append([])
        elif self.depth != 1:
            return
        elif tag == "tr":
            self.start_row()
        elif tag in ("td", "th"):
            self.end_cell()  # </td> is optional in HTML
            if self.row is None:
                self.start_row()
            self.lines = [[]]
            self.colspan = _span(attrs, "colspan", 1000)
            self.rowspan = _span(attrs, "rowspan", 65534)

    def handle_endtag(self, tag: str) -> None:
        if self.done or self.depth == 0:
            return
        if tag in _BLOCK_TAGS:
            self.handle_data(" ")
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self.end_row()
                self.done = True
        elif self.depth != 1:
            return
        elif tag in ("td", "th"):
            self.end_cell()
        elif tag == "tr":
            self.end_row()

    def handle_data(self, data: str) -> None:
        if self.lines is not None and not self.done:
            self.lines[-1].append(data)

    def start_row(self) -> None:
        self.end_row()  # </tr> is optional in HTML
        self.row = []
        self.blocked = set(self.spans)
        self.spans = {column: left - 1 for column, left in self.spans.items() if left > 1}

    def end_cell(self) -> None:
        if self.lines is None or self.row is None:
            return
        # Render the text as a browser would: source line breaks and runs of spaces become one
        # space (Excel wraps long cells in its HTML), line ends are trimmed; &nbsp; survives
        # collapsing but is trimmed too, so Excel's "&nbsp;" for an empty cell reads as "".
        text = "\n".join(_HTML_SPACE.sub(" ", "".join(line)).replace("\xa0", " ").strip(" ")
                         for line in self.lines)
        while len(self.row) in self.blocked:  # a cell spanned down from above holds this column
            self.row.append("")
        column = len(self.row)
        self.row.append(text)
        self.row.extend([""] * (self.colspan - 1))
        if self.rowspan > 1:
            self.spans.update(dict.fromkeys(range(column, column + self.colspan), self.rowspan - 1))
        self.lines = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row is None:
            return
        # columns covered from above after the row's last cell still belong to the row
        self.row.extend([""] * (max(self.blocked, default=-1) + 1 - len(self.row)))
        self.rows.append(self.row)
        self.row = None


def parse_html(text: str) -> list[list[str]]:
    """Read the first table of an HTML clipboard payload; a fallback when no text is offered.

    Parameters
    ----------
    text : str
        The ``text/html`` payload, as Excel, LibreOffice or Google Sheets write it: ``<tr>``
        and ``<td>``/``<th>`` with any attributes, ``<br>`` for a line break inside a cell,
        entities such as ``&amp;`` and ``&nbsp;``, optional end tags, comments.

    Returns
    -------
    list of list of str
        The rows, padded with ``""`` to the longest row; ``[]`` when there is no table. A
        cell spanning several columns (``colspan``) or rows (``rowspan``) keeps its text in
        its first position and leaves ``""`` in the others, so later cells stay in their
        columns. Whitespace is collapsed as a browser shows it, and ``&nbsp;`` becomes a
        plain space.
    """
    reader = _TableReader()
    reader.feed(text)
    reader.close()
    reader.end_row()  # a payload cut off inside the table
    rows = _rectangular(reader.rows)
    return rows if rows and rows[0] else []


def fit_block(rows: list[list[str]], target_rows: int, target_cols: int) -> list[list[str]]:
    """Shape a pasted block to the selection it is pasted into, as Excel does.

    - A single value (a 1×1 block) fills the whole selection.
    - A single row whose width divides the selection's width is tiled across and repeated
      down every selected row; likewise a single column whose height divides the
      selection's height is tiled down and repeated across every selected column.
    - Anything else, including a selection no larger than the block or not a whole multiple
      of it, returns the block unchanged (the same list): it is pasted once from the
      selection's top-left cell.

    Parameters
    ----------
    rows : list of list of str
        The pasted block, rectangular (as :func:`parse_tsv` returns it).
    target_rows, target_cols : int
        The selection's size in rows and columns.

    Returns
    -------
    list of list of str
        A new ``target_rows × target_cols`` block when the block was repeated, else ``rows``.
    """
    if not rows or not rows[0]:
        return rows
    height, width = len(rows), len(rows[0])
    if (height, width) == (target_rows, target_cols) or target_rows < height or target_cols < width:
        return rows
    if height != 1 and width != 1:
        return rows  # Excel also tiles larger blocks; this contract limits tiling to rows and columns
    if target_rows % height or target_cols % width:
        return rows
    return [[rows[r % height][c % width] for c in range(target_cols)] for r in range(target_rows)]
