"""Refusing hostile or unsupported files before any parser sees them.

An .xlsx workbook is a zip of XML files. Before python-calamine (or openpyxl) reads one, this
module checks, from the zip directory and then by streaming every member through a bounded
decompressor (never holding a member in memory):

- that the file is an .xlsx at all, and says clearly what it is when it is not: an encrypted
  (password-protected) workbook, an Excel 97-2003 ``.xls``, an ``.xlsb``, an OpenDocument
  ``.ods``, or something else (a picture renamed ``.xlsx``);
- zip bombs: the total uncompressed size (``MAX_UNCOMPRESSED``) and each member's compression
  ratio (``MAX_RATIO``) from the directory, and the sizes actually produced while streaming
  (a directory that lies is caught);
- XML entity attacks ("billion laughs", external entities): no XML member may carry a
  document type declaration; ``workbook.xml`` is parsed with defusedxml;
- absurd sizes: a sheet's declared ``<dimension>``, the extent its cells actually span and
  the number of cells, against ``MAX_CELLS`` (a sheet is held as a dense grid when read, so
  one cell at XFD1048576 would cost billions of empty cells); a CSV's size (``MAX_CSV_BYTES``)
  and cells (line breaks + delimiters, counted streaming) before it is read whole.

On the way it notes each sheet's error cells (``#REF!``, ``#DIV/0!``, ...), which
python-calamine reads as blank: the import refuses them where a book column reads them.

Every refusal is one :class:`~planner.core.errors.PlannerError` line naming the file.
"""

from __future__ import annotations

import mmap
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError, os_reason

# Limits (module attributes, so that a deployment or a test can tighten them).
MAX_FILE_BYTES = 1 << 30  # the file itself (an .xlsx before expansion)
# A CSV is read whole, at about 13 times its size in memory (benchmarks/bench_csv_size.py: 100 MB
# of deals, 10 million cells, took 1.3 GB; 1 GB ran out of a 4 GB limit): refused beyond these.
MAX_CSV_BYTES = 200 << 20
MAX_UNCOMPRESSED = 500 << 20  # all members of an .xlsx together, expanded
MAX_RATIO = 100  # expanded : compressed, per member
RATIO_FLOOR = 1 << 20  # members expanding to less than this are not held to MAX_RATIO
MAX_MEMBERS = 10_000
MAX_CELLS = 20_000_000  # cells of one sheet (declared, spanned or present) or of one CSV file
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's own limits
MAX_WORKBOOK_XML = 16 << 20
CHUNK = 4 << 20

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"\$?([A-Z]{1,4})\$?(\d{1,9})(?::\$?([A-Z]{1,4})\$?(\d{1,9}))?\"")
# Writers put a cell's or a row's reference first (<c r="B7" ...>, <row r="7" ...>) and use the
# default namespace; the scan relies on that and falls back to slower, general patterns for a
# window (or a part with prefixed elements, <x:c ...>) where it does not hold.
_ROW = re.compile(rb"<row(?: r=\"(\d{1,12})\")?")  # '' for a row without a leading reference
_ANY_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d{1,12})\"")
_WIDE_CELL = re.compile(rb"<c r=\"([A-Z]{2,4})\d")  # column AA onwards; one-letter columns are at most 26
_NARROW_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z])\d")
# a cell without attributes, without a leading reference, or with a column of two letters or more
_ODD_OR_WIDE_CELL = re.compile(rb"<c(?:>| (?!r=\"[A-Z]\d))")
_ODD_CELL = re.compile(rb"<c(?:>| (?!r=\"))")
_ANY_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,4})\d")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[ >/]")
_ELEMENT = re.compile(rb"<[A-Za-z_]")
_PREFIXED = re.compile(rb"<\w+:worksheet\b")
_MARKUP = (b"<!DOCTYPE", b"<!ENTITY")
_ERROR_TYPE = b't="e"'
_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\b(?=[^>]*\bt=\"e\")[^>]*?\br=\"(\$?[A-Z]{1,4}\$?\d{1,9})\"[^>]*(?<!/)>(.*?)</(?:\w+:)?c>",
                         re.DOTALL)
_EMPTY_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*/>")
_CELL_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_REFERENCE = re.compile(rb"\$?([A-Z]{1,4})\$?(\d{1,9})")

NOT_SUPPORTED = {
    "encrypted": QT_TRANSLATE_NOOP("errors", "{file} is an encrypted (password-protected) workbook; encrypted workbooks are not supported: "
                 "save a copy without a password as .xlsx"),
    "xls": QT_TRANSLATE_NOOP("errors", "{file} is an Excel 97-2003 workbook (.xls), which is not supported: save it as .xlsx"),
    "xlsb": QT_TRANSLATE_NOOP("errors", "{file} is an Excel binary workbook (.xlsb), which is not supported: save it as .xlsx"),
    "ods": QT_TRANSLATE_NOOP("errors", "{file} is an OpenDocument spreadsheet (.ods), which is not supported: save it as .xlsx"),
    "other": QT_TRANSLATE_NOOP("errors", "{file} is not an Excel workbook (.xlsx) or a CSV file"),
    "damaged": QT_TRANSLATE_NOOP("errors", "{file} is a damaged or incomplete workbook (cut short while copied or downloaded?): "
               "open it in Excel and save it again, or get a new copy"),
    "empty": QT_TRANSLATE_NOOP("errors", "{file} is empty (0 bytes)"),
}


@dataclass
class WorkbookInfo:
    """What the checks learnt of an .xlsx on the way: its sheets in order (name, zip member,
    visibility) and its date system (``date1904``: serial numbers count from 1904)."""

    sheets: list[tuple[str, str | None, str]] = field(default_factory=list)
    date1904: bool = False
    # sheet name -> its error cells (#REF!, #DIV/0!, ...) as (row, column, text), both from 1:
    # python-calamine reads them as blank cells
    errors: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)


def refuse(template: str, path: Path | str, **fields) -> PlannerError:
    """A one-line refusal naming the file (by its name, as the user knows it)."""
    return PlannerError(template, file=Path(path).name, **fields)


def kind_of(path: Path | str) -> str:
    """What ``path`` holds, by its first bytes and (for zips) its members, never its name:
    ``"xlsx"``, ``"csv"`` (text), or one of ``NOT_SUPPORTED``'s keys (``"damaged"``: a zip cut
    short, ``"empty"``: no bytes at all).

    Raises
    ------
    PlannerError
        When the file cannot be read.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError as error:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not read {path}: {reason}"), path=str(path),
                           reason=os_reason(error)) from None
    if not head:
        return "empty"
    if head.startswith(_OLE):
        return _ole_kind(path)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError):  # a zip whose directory (at its end) is missing
            return "damaged"
        try:
            with archive:
                names = set(archive.namelist()[:MAX_MEMBERS + 1])
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "xl/workbook.bin" in names:
                    return "xlsb"
                if "mimetype" in names:
                    with archive.open("mimetype") as handle:  # a few bytes, never the whole member
                        if b"opendocument" in handle.read(200):
                            return "ods"
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            pass
        return "other"
    if _looks_like_text(head):
        return "csv"
    return "other"


def _ole_kind(path: Path) -> str:
    """An OLE compound file: an encrypted OOXML package or an old .xls (by its stream names)."""
    with open(path, "rb") as handle:
        if path.stat().st_size == 0:
            return "other"
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            if data.find(_ENCRYPTED) >= 0:
                return "encrypted"
            if any(data.find(name) >= 0 for name in _XLS_STREAMS):
                return "xls"
    return "other"


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text (Excel's "Unicode text")
        return True
    if b"\x00" in head:
        return False
    controls = sum(byte < 32 and byte not in (9, 10, 13, 12) for byte in head)
    return controls <= len(head) // 100


def check_file(path: Path | str) -> str:
    """Check a file before it is read: ``"xlsx"`` or ``"csv"`` when it may be read.

    Raises
    ------
    PlannerError
        One line saying why the file is refused (unsupported kind, hostile content, too big).
    """
    path = Path(path)
    kind = kind_of(path)
    if kind in NOT_SUPPORTED:
        raise refuse(NOT_SUPPORTED[kind], path)
    if kind == "xlsx":
        check_xlsx(path)
    else:
        check_csv(path)
    return kind


def _of_kind(path: Path | str, expected: str, limit: int | None = None) -> Path:
    """``path``, refused unless its content is of kind ``expected`` and it is at most ``limit``
    bytes (default: ``MAX_FILE_BYTES``)."""
    path = Path(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    kind = kind_of(path)
    if kind != expected:
        raise refuse(NOT_SUPPORTED.get(kind, NOT_SUPPORTED["other"]), path)
    if path.stat().st_size > limit:
        raise refuse(QT_TRANSLATE_NOOP("errors", "{file} was refused: it is larger than {limit} MB"), path,
                     limit=limit >> 20)
    return path


def check_csv(path: Path | str) -> None:
    """Refuse a "CSV" that is not text (a binary file renamed), is larger than
    ``MAX_CSV_BYTES`` or holds more than ``MAX_CELLS`` cells. Cells are counted from the bytes,
    streaming: line breaks plus the most frequent delimiter, an upper bound of what the file
    holds (a delimiter inside quotes counts too)."""
    path = _of_kind(path, "csv", MAX_CSV_BYTES)
    breaks, delimiters = 1, dict.fromkeys((b",", b";", b"\t", b"|"), 0)
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            breaks += chunk.count(b"\n")
            for delimiter in delimiters:
                delimiters[delimiter] += chunk.count(delimiter)
    if breaks + max(delimiters.values()) > MAX_CELLS:
        raise refuse(QT_TRANSLATE_NOOP("errors", "{file} was refused: it holds more than {limit:,} cells (split it "
                                                 "into smaller files)"), path, limit=MAX_CELLS)


def check_xlsx(path: Path | str) -> WorkbookInfo:
    """Check an .xlsx before any parsing; returns its sheets and date system.

    Raises
    ------
    PlannerError
        When the file is not an .xlsx (naming what it is), is damaged, or is hostile: a zip
        bomb, XML entity declarations, absurd declared or actual sheet sizes.
    """
    path = _of_kind(path, "xlsx")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_directory(path, members)
            info = _workbook_info(path, archive)
            errors = {member.filename: _stream_member(path, archive, member) for member in members}
            info.errors = {name: errors[member] for name, member, _ in info.sheets if errors.get(member)}
            return info
    except (zipfile.BadZipFile, EOFError, zlib.error):  # a bad checksum, a member cut short: as a truncated file
        raise refuse(NOT_SUPPORTED["damaged"], path) from None
    except (OSError, RuntimeError, NotImplementedError) as error:  # encrypted members, a read that failed
        raise refuse(QT_TRANSLATE_NOOP("errors", "{file} is damaged: {reason}"), path, reason=str(error) or type(error).__name__) from None


def _check_directory(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Zip bomb checks from the directory alone, before anything is expanded."""
    if len(members) > MAX_MEMBERS:
        raise refuse(QT_TRANSLATE_NOOP("errors", "{file} was refused: it holds more than {limit} parts"), path, limit=MAX_MEMBERS)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise refuse(NOT_SUPPORTED["encrypted"], path)
        total += member.file_size
        if total > MAX_UNCOMPRESSED:
            raise refuse(QT_TRANSLATE_NOOP("errors", "{file} was refused: it would expand to more than {limit} MB (a zip bomb?)"), path,
                         limit=MAX_UNCOMPRESSED >> 20)
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise refuse(QT_TRANSLATE_NOOP("errors", "{file} was refused: {part} expands {ratio:,}:1, more than {limit}:1 (a zip bomb?)"), path,
                         part=member.filename, ratio=member.file_size // max(member.compress_size, 1),
                         limit=MAX_RATIO)


def _workbook_info(path: Path, archive: zipfile.ZipFile) -> WorkbookInfo:
    """Sheets and date system from workbook.xml, parsed with defusedxml (entities refused)."""
    root = _safe_xml(path, archive, "xl/workbook.xml")
    targets = {}
    try:
        archive.getinfo("xl/_rels/workbook.xml.rels")
        rels = _safe_xml(path, archive, "xl/_rels/workbook.xml.rels")
        for rel in rels.iter(f"{_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            targets[rel.get("Id")] = target
    except KeyError:
        pass
    info = WorkbookInfo()
    properties = root.find(f"{_MAIN}workbookPr")
    if properties is not None:
        info.date1904 = properties.get("date1904", "false").lower() in ("1", "true")
    sheets = root.find(f"{_MAIN}sheets")
    for sheet in (sheets if sheets is not None else []):
        info.sheets.append((sheet.get("name", ""), targets.get(sheet.get(f"{_REL}id")), sheet.get("state", "visible")))
    return info


def _safe_xml(path: Path, archive: zipfile.ZipFile, name: str):
    member = archive.getinfo(name)
    if member.file_size > MAX_WORKBOOK_XML:
        raise refuse(QT_TRANSLATE_NOOP("errors", "{file} was refused: {part} is larger than {limit} MB"), path, part=name,
                     limit=MAX_WORKBOOK_XML >> 20)
    with archive.open(member) as handle:
        data = handle.read(MAX_WORKBOOK_XML + 1)
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise refuse(ENTITIES, path, part=name) from None
    except SafeET.ParseError as error:
        raise refuse(QT_TRANSLATE_NOOP("errors", "{file} is damaged: {part} is not well-formed XML ({reason})"), path, part=name,
                     reason=str(error)) from None


ENTITIES = (QT_TRANSLATE_NOOP("errors", "{file} was refused: {part} declares XML entities (<!DOCTYPE), which can exhaust memory "
            "(an entity-expansion attack?)"))


def _stream_member(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> list[tuple[int, int, str]]:
    """Expand one member through a bounded buffer: the size it really has, no DOCTYPE in an
    XML part's prolog, and for a sheet its declared and actual extent; a sheet's error cells
    are returned."""
    name = member.filename
    is_xml = name.endswith((".xml", ".rels", ".vml"))
    is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
    produced, first = 0, True
    max_row = columns = rows_seen = 0
    prefixed = None
    errors: list[tuple[int, int, str]] = []
    pending = b""  # an error cell begun in one window, ended in the next
    for window, fresh in _windows(archive, member):
        produced += fresh
        if produced > member.file_size or produced > MAX_UNCOMPRESSED:
            raise refuse(QT_TRANSLATE_NOOP("errors", "{file} was refused: {part} expands beyond the size it declares (a zip bomb?)"), path,
                         part=name)
        if not is_xml:
            continue
        if first:
            first = False
            # entities can only be declared in the document type, before the root element
            root = _ELEMENT.search(window)
            prolog = window if root is None else window[:root.start()]
            if any(mark in prolog for mark in _MARKUP):
                raise refuse(ENTITIES, path, part=name)
            if root is None and len(window) >= CHUNK:
                raise refuse(QT_TRANSLATE_NOOP("errors", "{file} was refused: {part} does not start like XML"), path, part=name)
            if is_sheet:
                _check_dimension(path, name, window)
        if not is_sheet:
            continue
        if pending or _ERROR_TYPE in window:
            pending = _error_cells(pending + window, errors)
        if prefixed is None:
            prefixed = bool(_PREFIXED.search(window))
        if prefixed:  # <x:row>, <x:c>: the general patterns, and count every cell tag as a column
            numbers = _ANY_ROW_NUMBER.findall(window)
            rows_seen += window.count(b":row")
            letters = _ANY_CELL.findall(window)
            columns = max(columns, len(_CELL_TAG.findall(window)))
        else:
            numbers = _ROW.findall(window)
            if b"" in numbers:  # rows without a leading reference: the general pattern, and count them
                rows_seen += len(numbers)
                numbers = _ANY_ROW_NUMBER.findall(window)
            letters = ()
            if _ODD_OR_WIDE_CELL.search(window):
                letters = _WIDE_CELL.findall(window)
                if _ODD_CELL.search(window):  # cells without a leading reference: count every cell as a column
                    letters = _ANY_CELL.findall(window)
                    columns = max(columns, len(_CELL_TAG.findall(window)))
        if numbers:
            max_row = max(max_row, int(np.array(numbers).astype(np.int64).max()))
        max_row = max(max_row, rows_seen)
        if letters:
            columns = max(columns, max(_column_number(text) for text in set(letters)))
        if max_row > MAX_ROWS or columns > MAX_COLUMNS or max_row * columns > MAX_CELLS:
            break
    if not is_sheet:
        return errors
    if max_row * max(columns, 26) > MAX_CELLS and columns <= 26:  # one-letter columns only: find the last one
        columns = max((_column_number(text) for window, _ in _windows(archive, member)
                       for text in set(_NARROW_CELL.findall(window))), default=1)
    if max_row > MAX_ROWS or columns > MAX_COLUMNS or max_row * columns > MAX_CELLS:
        raise refuse(QT_TRANSLATE_NOOP("errors", "{file} was refused: sheet {part} spans {rows:,} rows × {columns:,} columns, more than "
                     "{limit:,} cells"), path, part=name, rows=max_row, columns=columns, limit=MAX_CELLS)
    return errors


def _error_cells(data: bytes, errors: list[tuple[int, int, str]]) -> bytes:
    """The error cells (``<c r="E3" t="e"><v>#REF!</v></c>``) ``data`` holds whole, added to
    ``errors``; the one it begins but does not end is returned, to be read with what follows."""
    for reference, body in _ERROR_CELL.findall(data):
        value = _CELL_VALUE.search(body)
        if value:
            letters, row = _REFERENCE.match(reference).groups()
            errors.append((int(row), _column_number(letters), value.group(1).decode("utf-8", "replace")))
    last = data.rfind(_ERROR_TYPE)
    start = data.rfind(b"<", 0, last)
    if last < 0 or start < 0 or _ERROR_CELL.match(data, start) or _EMPTY_CELL.match(data, start):
        return b""
    return data[start:]


def _windows(archive: zipfile.ZipFile, member: zipfile.ZipInfo):
    """The member's bytes in windows of about ``CHUNK`` bytes that end just before a ``<``
    (so that no tag is split between two windows), each with the number of bytes expanded."""
    carry = b""
    with archive.open(member) as handle:
        while True:
            chunk = handle.read(CHUNK)
            if not chunk:
                if carry:
                    yield carry, 0
                return
            data = carry + chunk
            cut = data.rfind(b"<")
            if cut <= 0 or len(data) - cut > 4096:  # no tag to cut at (text, or not XML at all)
                cut = len(data)
            carry = data[cut:]
            yield data[:cut], len(chunk)


def _check_dimension(path: Path, name: str, head: bytes) -> None:
    match = _DIMENSION.search(head)
    if not match:
        return
    first_column, first_row, last_column, last_row = match.groups()
    last_column, last_row = last_column or first_column, last_row or first_row
    rows = int(last_row) - int(first_row) + 1
    columns = _column_number(last_column) - _column_number(first_column) + 1
    if int(last_row) > MAX_ROWS or _column_number(last_column) > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise refuse(QT_TRANSLATE_NOOP("errors", "{file} was refused: sheet {part} declares {rows:,} rows × {columns:,} columns, more than "
                     "{limit:,} cells"), path, part=name, rows=rows, columns=columns, limit=MAX_CELLS)


def _column_number(letters: bytes | str) -> int:
    """``A`` → 1, ``Z`` → 26, ``AA`` → 27, ``XFD`` → 16384."""
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
