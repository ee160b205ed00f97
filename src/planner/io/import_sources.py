"""Reading the files of an import (no Qt): .csv in the encodings and delimiters people save
them in, .xlsx through python-calamine after :mod:`planner.io.safety` has checked it; each
sheet's header row found, merged header cells filled, blank rows dropped; cells as text."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from planner.io import mapping as mapping_module
from planner.io import safety
from planner.core.errors import os_reason
from planner.io.import_results import (CSV_CUT_SHORT, CSV_OPEN_QUOTE, CSV_TOO_MANY, ENCODING, HEADER_SCAN,
                                       NOT_READABLE)
from planner.io.mapping import normalize

# -- reading files ---------------------------------------------------------------------------
@dataclass
class _Source:
    """One sheet or CSV file: its grid of cells (object arrays per column, data rows only)."""

    path: Path
    file: str
    sheet: str | None
    key: str
    headers: list[str]
    columns: list[np.ndarray]
    rows: np.ndarray  # Excel row number of each data row
    header_row: int
    epoch: int  # 1900 or 1904
    encoding: str | None = None
    table: str | None = None
    targets: dict[int, str | None] = field(default_factory=dict)  # column position -> target
    data_model: bool = False  # its workbook holds a Power Pivot data model
    damage: list = field(default_factory=list)  # a damaged CSV: (Excel row, template, fields)
    hidden: bool = False  # a sheet Excel hides


# pandas' C parser names the record (counted from 0) a quote left open at the end begins in
_EOF_IN_QUOTES = re.compile(r"EOF inside string starting at row (\d+)")


def _read_csv(path: Path) -> list[_Source]:
    safety.check_csv(path)
    raw = path.read_bytes()
    text, encoding = _decode(raw, path)
    delimiter = _delimiter(text)
    widths, open_quote = None, None  # each record's number of fields (when counted); a quote's record
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=str, keep_default_na=False,
                            na_filter=False, skip_blank_lines=False, engine="c", quoting=csv.QUOTE_MINIMAL)
        grid = frame.to_numpy(dtype=object)
    except (pd.errors.ParserError, ValueError) as error:  # ragged rows or an open quote: the csv module, padded
        found = _EOF_IN_QUOTES.search(str(error))
        open_quote = int(found.group(1)) if found else None
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        widths = np.fromiter(map(len, records), dtype="int64", count=len(records))
        width = int(widths.max(initial=0))
        grid = np.array([record + [""] * (width - len(record)) for record in records], dtype=object).reshape(
            len(records), width)
    except pd.errors.EmptyDataError:
        grid = np.empty((0, 0), dtype=object)
    source = _source(path, None, path.name, grid, [], 1900, encoding)
    ended = text.endswith(("\n", "\r"))
    if widths is None and len(grid) and (source.header_row > 1 or not ended):
        widths = _widths(text, delimiter, grid.shape, source.header_row)
    source.damage = _damage(grid, widths, source.header_row, open_quote, ended, delimiter)
    return [source]


def _widths(text: str, delimiter: str, shape: tuple[int, int], header_row: int) -> np.ndarray:
    """Each record's number of fields, where pandas read the file (it pads short rows and sizes
    the grid by the first line, and refuses a longer one): with the header first, only the last
    record can say more than the grid does, and a last line without quotes is that record whole
    (pandas found no quote open at the end) - read alone, not the whole file again."""
    last = text[text.rfind("\n") + 1:]
    if header_row == 1 and '"' not in last and "\r" not in last:
        widths = np.full(shape[0], shape[1], dtype="int64")
        widths[-1] = len(next(csv.reader([last], delimiter=delimiter), []))
        return widths
    return np.fromiter(map(len, csv.reader(io.StringIO(text), delimiter=delimiter)), dtype="int64")


def _damage(grid: np.ndarray, widths: np.ndarray | None, header_row: int, open_quote: int | None, ended: bool,
            delimiter: str) -> list[tuple[int, str, dict]]:
    """Where a CSV file is damaged, as (Excel row, template, fields): a quote left open to the
    end of the file, a row with more values than the header row, the last row cut short. A row
    with fewer values that ends with a line break is whole: older Excel and hand-written files
    leave trailing empty cells out."""
    damage = [] if open_quote is None else [(open_quote + 1, CSV_OPEN_QUOTE, {})]
    if widths is None or len(widths) != len(grid) or len(widths) < header_row:
        return damage
    width = int(widths[header_row - 1])
    fields = {"header": header_row, "width": width}
    body = grid[header_row:, width:]  # cells beyond the header's (the grid is padded with "")
    filled = [any(str(value).strip() for value in row) for row in body] if body.size else []
    for index in np.flatnonzero(filled):
        row = header_row + int(index) + 1
        damage.append((row, CSV_TOO_MANY, {"count": int(widths[row - 1]), **fields,
                                           "delimiter": "Tab" if delimiter == "\t" else delimiter}))
    if not ended and len(widths) > header_row and widths[-1] < width and open_quote is None:
        damage.append((len(widths), CSV_CUT_SHORT, {"count": int(widths[-1]), **fields}))
    return damage


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    """The text of a CSV file and its encoding: UTF-8 (with or without BOM), UTF-16 with a BOM,
    else CP949 (EUC-KR) or CP932 (Shift_JIS), whichever decodes strictly (when both do, the one
    whose header names more known columns, then the one that reads as its language)."""
    if raw.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp949", "cp932"]
    decoded = []
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8":
            return text, encoding
        decoded.append((encoding, text))
    if not decoded:
        raise safety.refuse(ENCODING, path)
    if len(decoded) == 1:
        return decoded[0][1], decoded[0][0]

    def score(item: tuple[str, str]) -> tuple[int, int]:
        encoding, text = item
        header = text.split("\n", 1)[0]
        names = [normalize(cell) for cell in header.replace(";", ",").replace("\t", ",").split(",")]
        known = sum(any(name in aliases for aliases in mapping_module._ALIASES.values()) for name in names)
        if encoding == "cp932":
            language = sum("\u3040" <= ch <= "\u30ff" for ch in text[:20000]) - \
                sum("\uff61" <= ch <= "\uff9f" for ch in text[:20000])
        else:
            language = sum("\uac00" <= ch <= "\ud7a3" for ch in text[:20000]) // 4
        return known, language
    encoding, text = max(decoded, key=score)
    return text, encoding


def _delimiter(text: str) -> str:
    """Comma, semicolon, tab or pipe: the one the header line holds most of, outside quotes."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    bare = "".join(part for index, part in enumerate(line.split('"')) if index % 2 == 0)
    counts = {delimiter: bare.count(delimiter) for delimiter in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_xlsx(path: Path, checkpoint: Callable[[], None] = lambda: None) -> list[_Source]:
    info = safety.check_xlsx(path)
    checkpoint()
    with zipfile.ZipFile(path) as archive:  # a Power Pivot model: the data may live only there
        data_model = any(name.startswith("xl/model/") for name in archive.namelist())
    from python_calamine import CalamineError, CalamineWorkbook

    sources = []
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        kinds = {meta.name: str(meta.typ) for meta in workbook.sheets_metadata}
        hidden = {name for name, _, state in info.sheets if state != "visible"}  # hidden, veryHidden
        for name in workbook.sheet_names:
            if "WorkSheet" not in kinds.get(name, "WorkSheet"):
                continue  # chart sheets
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            if not rows:
                continue
            grid = np.array(rows, dtype=object)
            if grid.ndim != 2:  # rows of different lengths: padded, cell by cell
                width = max(len(row) for row in rows)
                grid = np.full((len(rows), width), "", dtype=object)
                for index, row in enumerate(rows):
                    grid[index, :len(row)] = row
            for row, column, text in info.errors.get(name, ()):  # calamine reads them as blank
                if row <= grid.shape[0] and column <= grid.shape[1] and grid[row - 1, column - 1] == "":
                    grid[row - 1, column - 1] = text
            merges = list(sheet.merged_cell_ranges or [])
            sources.append(_source(path, name, name, grid, merges, 1904 if info.date1904 else 1900, None))
            sources[-1].data_model = data_model
            sources[-1].hidden = name in hidden
            checkpoint()
        workbook.close()
    except (CalamineError, ValueError, OSError) as error:
        raise safety.refuse(NOT_READABLE, path, reason=os_reason(error) if isinstance(error, OSError) else str(error)) from None
    return sources


def _source(path: Path, sheet: str | None, key: str, grid: np.ndarray, merges: list, epoch: int,
            encoding: str | None) -> _Source:
    """A source from its grid: header row found, merged cells filled, blank rows dropped."""
    n_rows = grid.shape[0]
    if merges:
        grid = grid.copy()
        for (top, left), (bottom, right) in merges:
            if top < n_rows and left < grid.shape[1]:
                grid[top:bottom + 1, left:right + 1] = grid[top, left]
    header_index = _header_row(grid, sheet or path.stem)
    headers, columns = [], []
    if n_rows:
        block = grid[:header_index + 1]
        for position in range(grid.shape[1]):
            labels = [_text_of(value) for value in block[:, position]]
            label = labels[-1] or next((text for text in reversed(labels) if text), "")
            values = grid[header_index + 1:, position]
            if not label:
                if not (_present(values)).any():
                    continue
                label = f"Column {_letters(position + 1)}"
            while label in headers:  # a header merged across columns, or written twice: the first keeps it
                label = _next_label(label)
            headers.append(label)
            columns.append(values)
    rows = np.arange(header_index + 2, n_rows + 1, dtype="int64")
    if columns:
        keep = np.zeros(len(rows), dtype=bool)
        for values in columns:
            keep |= _present(values)
        if not keep.all():
            columns = [values[keep] for values in columns]
            rows = rows[keep]
    return _Source(path, path.name, sheet, key, headers, columns, rows, header_index + 1, epoch, encoding)


# What exports write for "no value": Excel's #N/A (as text in a CSV, as an error cell in a
# workbook, which calamine already reads as blank) and the usual N/A.
NOT_AVAILABLE = ("#N/A", "#N/A N/A", "#NA", "N/A", "n/a", "#NULL!")


# Excel's other error values (a formula that failed): refused wherever a book column reads them.
EXCEL_ERRORS = ("#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
                "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA")


_DAY_MONTH = re.compile(r"^\s*\d{1,2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{4}")  # 03/05/2026: which is the month?
_EDGE_SPACE = re.compile(r"\x00\s")  # searched in the joined cells and in them reversed


def _not_available(value) -> bool:
    return isinstance(value, str) and value.strip() in NOT_AVAILABLE


def _present(values: np.ndarray) -> np.ndarray:
    """Which cells hold something. Readers give blank cells as empty text (text of spaces only
    counts as something here and is found blank when parsed)."""
    return values != ""


def _header_row(grid: np.ndarray, name: str) -> int:
    """The header row: among the first rows, the one naming the most known columns (a title
    or a row of group labels above it is skipped); else the first row with two values."""
    best, best_score, first_full = 0, 0, None
    all_aliases = mapping_module._ALIASES
    hint = mapping_module.table_for_name(name)
    for index in range(min(HEADER_SCAN, grid.shape[0])):
        texts = [normalize(_text_of(value)) for value in grid[index]]
        texts = [text for text in texts if text]
        if first_full is None and len(texts) >= 2:
            first_full = index
        score = sum(any(text in aliases for aliases in all_aliases.values()) for text in texts)
        if hint:
            score += sum(text in all_aliases[hint] for text in texts)
        if score > best_score:
            best, best_score = index, score
    if best_score == 0:
        return first_full or 0
    return best


def _next_label(label: str) -> str:
    """``Deal`` → ``Deal (2)`` → ``Deal (3)``: the label of a column repeating another's."""
    match = re.fullmatch(r"(.*) \((\d+)\)", label)
    return f"{match.group(1)} ({int(match.group(2)) + 1})" if match else f"{label} (2)"


def _letters(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _text_of(value) -> str:
    """A cell as text, the way a spreadsheet shows it (1001.0 → ``1001``, a date → ISO)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def _texts(values: np.ndarray) -> pd.Series:
    """Cells as text (stripped; missing when blank or a "no value" mark), fast when they
    already are text."""
    if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
        text = pd.Series([_text_of(value) for value in values], dtype="string")
        return text.mask((text == "") | text.isin(NOT_AVAILABLE))
    empty = values == ""
    if empty.any():
        values = values.copy()
        values[empty] = None
    text = pd.Series(values, dtype="string")
    # a few passes in C over all the cells joined say whether any needs stripping or is a
    # "no value" mark (most columns have neither)
    joined = "\x00" + "\x00".join(values[~empty]) + "\x00"
    spaces = bool(_EDGE_SPACE.search(joined) or _EDGE_SPACE.search(joined[::-1]))
    if spaces:
        text = text.str.strip()
    if spaces or "N/A" in joined or "#N" in joined or "n/a" in joined:
        blank = ((text == "") | text.isin(NOT_AVAILABLE)).to_numpy(dtype=bool, na_value=False)
        return text.mask(blank) if blank.any() else text
    return text
