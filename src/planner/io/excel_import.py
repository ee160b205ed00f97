"""Importing sales workbooks and CSV exports into a book (no Qt).

``read_tables(paths)`` reads .xlsx (python-calamine, after :mod:`planner.io.safety` has checked
the file) and .csv (UTF-8 with or without BOM, UTF-16, CP949/EUC-KR, CP932/Shift_JIS; comma,
semicolon or tab), finds each sheet's header row (below titles, through merged header cells),
maps sheets to tables and headers to columns (:mod:`planner.io.mapping`), parses every cell
with :func:`planner.core.parse.parse_cells` (whole columns at once) and collects *every* bad
cell with its file, sheet, Excel row number, header, value and what was expected. CRM exports
rarely carry Reps or Stages sheets: reps are made from owner names (an ``Unassigned`` rep for
deals without one) and stages from stage names, their kind from the name (``Closed Won``,
``受注``, ``실주``), a status column or the mapping.

``build_book(result)`` makes a new book of it; ``plan_merge(book, result)`` the one change that
merges it into a book by the tables' keys (new rows added, changed cells set, unchanged rows
untouched) with a summary. Both refuse the whole import (:class:`ImportRefused`) when anything
is wrong: nothing is imported by halves.

What real exports hold (decisions.md): an open deal may lack an amount or a created date (a
warning; the engine counts it as 0 and leaves it out of cohort and cycle figures); a won or
lost deal may not. A file with no created-date column at all (Salesforce's Opportunity export)
is imported with a warning, its closed deals' missing created dates remaining problems of the
book to fill in (no figure is computed from them meanwhile).
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import re
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.book import Book
from planner.core.changes import Batch, Change, ReplaceTable, SetValues
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import MINOR_DIGITS, minor_digits
from planner.core.parse import REQUIRED, DateForms, numeric_date_order, parse_cells
from planner.core.problems import Problem, Refused
from planner.core.resolve import Resolver
from planner.core.schema import Kind
from planner.io import mapping as mapping_module
from planner.io import safety
from planner.io.mapping import (
    DERIVED,
    EXTRA,
    SKIP,
    Mapping,
    guess_columns,
    guess_table,
    kind_of_stage,
    normalize,
)

LISTED = 500  # bad cells listed in full; beyond this they are counted
HEADER_SCAN = 30  # rows searched for the header row
PREVIEW_ROWS = 20
UNASSIGNED = "Unassigned"
GENERATED = "\x00ids"  # in ImportResult.made["Deals"]: the deals' ids were given by the import

# the keys rows are matched by when merging into a book (the tables' user keys)
MERGE_KEYS = {"Settings": ("key",), "Stages": ("stage",), "Plans": ("plan",), "Reps": ("id",), "Deals": ("id",),
              "StageHistory": ("deal_id", "stage", "entered"), "Quotas": ("rep", "team", "period"),
              "PlanTiers": ("plan", "from"), "PlanBonuses": ("plan", "from"), "Splits": ("deal_id", "rep"),
              "ForecastOverrides": ("rep", "period", "category"), "ForecastSnapshots": ("taken", "period", "method")}

# Messages, marked for translation (tools/translations.py update).
NOTHING_IMPORTED = QT_TRANSLATE_NOOP("errors", "Nothing was imported: {count} problem(s) in {files}")
CANCELLED = QT_TRANSLATE_NOOP("errors", "Import cancelled; nothing was imported")
MISSING_COLUMN = QT_TRANSLATE_NOOP("errors", "{table} needs a column {name} ({aliases}, ...); none of the headers is one")
DUPLICATE = QT_TRANSLATE_NOOP("errors", "{value!r} is also the id of row {other}")
NO_OWNER = QT_TRANSLATE_NOOP("errors", "{count} deal(s) have no owner: they go to the rep {rep!r} the import creates")
MADE_REPS = QT_TRANSLATE_NOOP("errors", "{count} rep(s) made from the names in {header}: {names}")
MADE_STAGES = QT_TRANSLATE_NOOP("errors", "{count} stage(s) made from the names in {header}: {names}")
OPEN_NO_AMOUNT = QT_TRANSLATE_NOOP("errors", "{count} open deal(s) have no amount (counted as 0)")
OPEN_NO_CREATED = QT_TRANSLATE_NOOP("errors", "{count} open deal(s) have no created date (left out of cohort and cycle figures)")
NO_CREATED_COLUMN = (QT_TRANSLATE_NOOP("errors", "the file has no created-date column: {count} won or lost deal(s) are imported without one "
                     "and stay problems of the book until their created dates are filled in"))
CLOSED_NEEDS = QT_TRANSLATE_NOOP("errors", "a won or lost deal needs its {what}")
NOT_STATUS = QT_TRANSLATE_NOOP("errors", "{value!r} is not a status (expected open, won or lost)")
NOT_BOOLEAN = QT_TRANSLATE_NOOP("errors", "{value!r} is not TRUE or FALSE")
SKIPPED = QT_TRANSLATE_NOOP("errors", "not a table of the book (its headers match none): left out; map it to a table to import it")
GENERATED_IDS = QT_TRANSLATE_NOOP("errors", "no deal id column: ids {first} to {last} were given in row order")
NO_IDS_TO_MERGE = QT_TRANSLATE_NOOP("errors", "no deal id column: merging into a book matches deals by their ids")
AMBIGUOUS_DATES = (QT_TRANSLATE_NOOP("errors", "{count} date(s) such as {example!r} could be month/day or day/month: set the date order "
                   "(mdy or dmy) in the mapping"))
NOT_READABLE = QT_TRANSLATE_NOOP("errors", "{file} could not be read: {reason}")
ENCODING = QT_TRANSLATE_NOOP("errors", "{file} is neither UTF-8 nor CP949 (EUC-KR) nor CP932 (Shift_JIS) text: save it as UTF-8 CSV")
EMPTY = QT_TRANSLATE_NOOP("errors", "nothing to import: no sheet of {files} is a table of the book")


# -- results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong (or worth a warning) in an imported file, where the user will find it.

    ``row`` is the sheet row as Excel numbers it (the header is row 1 when it is the first
    row); ``column`` the header as the file writes it; ``template`` and ``fields`` the message,
    translatable like every Planner message, which names the value and what was expected.
    """

    file: str | None
    sheet: str | None
    row: int | None
    column: str | None
    value: object
    template: str
    fields: dict = field(default_factory=dict)

    def message(self, translate=None) -> str:
        template = translate("errors", self.template) if translate else self.template
        return template.format(**self.fields)

    @property
    def expected(self) -> str:
        """The message: the value and what was expected of it."""
        return self.message()

    def where(self, translate=None) -> str:
        def text(template: str, **fields) -> str:
            return (translate("errors", template) if translate else template).format(**fields)

        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(text(QT_TRANSLATE_NOOP("errors", "sheet {sheet}"), sheet=self.sheet))
        if self.row is not None:
            parts.append(text(QT_TRANSLATE_NOOP("errors", "row {row}"), row=self.row))
        if self.column:
            parts.append(text(QT_TRANSLATE_NOOP("errors", "column {column}"), column=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message()}" if where else self.message()


class ImportRefused(PlannerError):
    """An import with problems: nothing was imported. ``problems`` lists them (the first
    ``LISTED``), ``count`` says how many there were; ``str()`` is one line, then one line per
    problem."""

    def __init__(self, problems: list[ImportProblem], count: int | None = None) -> None:
        self.problems = list(problems)
        self.count = max(count or 0, len(self.problems))
        files = sorted({p.file for p in self.problems if p.file})
        super().__init__(NOTHING_IMPORTED, count=self.count, files=", ".join(files) or "the import")
        lines = [self.args[0]] + [f"  {problem}" for problem in self.problems[:LISTED]]
        if self.count > len(self.problems[:LISTED]):
            lines.append(f"  (and {self.count - len(self.problems[:LISTED])} more)")
        self.args = ("\n".join(lines),)

    def __str__(self) -> str:
        return self.args[0]


class ImportCancelled(PlannerError):
    """The user cancelled the import; nothing was imported."""

    def __init__(self) -> None:
        super().__init__(CANCELLED)


@dataclass
class SourcePreview:
    """One sheet (or CSV file) as the import wizard shows it: where it goes and its first rows."""

    file: str
    sheet: str | None
    source: str  # the key of Mapping.tables
    table: str | None
    header_row: int  # as Excel numbers it
    headers: list[str]
    columns: dict[str, str | None]  # header -> column (None: kept as the user's own)
    rows: list[list[str]]  # the first data rows, as text
    row_count: int
    encoding: str | None = None  # CSV


@dataclass
class ImportResult:
    """What :func:`read_tables` read.

    Attributes
    ----------
    frames : dict
        Table → rows in the book's values (money in minor units, ratios in millionths, days),
        references as the user's ids or names, the user's own columns after the book's.
    problems : list of ImportProblem
        Every bad cell (the first ``LISTED``); ``problem_count`` counts them all.
    warnings : list of ImportProblem
        What the user should know (reps made from owner names, open deals without an amount).
    stages_unknown : list of str
        Stage names that are neither a stage of a Stages sheet (or of the book merged into) nor
        mapped: they are made as new stages (kind by name, else open) and offered for mapping.
    mapping : Mapping
        The mapping used: the given one completed by what was guessed.
    currency : str
        The currency amounts were read in.
    locations : dict
        Table → a frame aligned with ``frames[table]``: ``file``, ``sheet``, ``row`` (missing for
        rows the import made, such as reps made from owner names).
    headers : dict
        Table → book column → the header it came from (for messages).
    provided : dict
        Table → the book columns the files gave (a merge sets only these).
    made : dict
        Table → keys of the rows the import made rather than read (reps, stages); a merge adds
        them only when the book has no such row.
    previews : list of SourcePreview
        Each sheet as the wizard shows it (see :func:`preview`).
    missing_created : set of str
        Files with no created-date column at all (their won and lost deals stay problems of the
        book until created dates are filled in).
    """

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    stages_unknown: list[str] = field(default_factory=list)
    mapping: Mapping = field(default_factory=Mapping)
    currency: str = "USD"
    problem_count: int = 0
    locations: dict[str, pd.DataFrame] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    provided: dict[str, set[str]] = field(default_factory=dict)
    made: dict[str, set[str]] = field(default_factory=dict)
    previews: list[SourcePreview] = field(default_factory=list)
    missing_created: set[str] = field(default_factory=set)  # files without a created-date column

    @property
    def ok(self) -> bool:
        return not self.problems

    def refuse_if_problems(self) -> None:
        """Raise :class:`ImportRefused` when there are problems."""
        if self.problems:
            raise ImportRefused(self.problems, self.problem_count)

    def summary(self) -> list[str]:
        """What was read, one line per table and warning (for ``--out`` and the wizard)."""
        lines = []
        for table, frame in self.frames.items():
            files = ", ".join(map(str, self.locations[table]["file"].dropna().unique()))
            made = int(self.locations[table]["file"].isna().sum())
            if not files:
                lines.append(f"{table}: {made:,} made by the import")
                continue
            lines.append(f"{table}: {len(frame) - made:,} rows from {files}"
                         + (f" ({made:,} made by the import)" if made else ""))
        return lines + [f"warning: {warning}" for warning in self.warnings]


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


def _read_csv(path: Path) -> list[_Source]:
    safety.check_csv(path)
    raw = path.read_bytes()
    text, encoding = _decode(raw, path)
    delimiter = _delimiter(text)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=str, keep_default_na=False,
                            na_filter=False, skip_blank_lines=False, engine="c", quoting=csv.QUOTE_MINIMAL)
        grid = frame.to_numpy(dtype=object)
    except (pd.errors.ParserError, ValueError):  # ragged rows: the csv module, padded
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        width = max((len(record) for record in records), default=0)
        grid = np.array([record + [""] * (width - len(record)) for record in records], dtype=object).reshape(
            len(records), width)
    except pd.errors.EmptyDataError:
        grid = np.empty((0, 0), dtype=object)
    return [_source(path, None, path.name, grid, [], 1900, encoding)]


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
    from python_calamine import CalamineError, CalamineWorkbook

    sources = []
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        kinds = {meta.name: str(meta.typ) for meta in workbook.sheets_metadata}
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
            merges = list(sheet.merged_cell_ranges or [])
            sources.append(_source(path, name, name, grid, merges, 1904 if info.date1904 else 1900, None))
            checkpoint()
        workbook.close()
    except (CalamineError, ValueError, OSError) as error:
        raise safety.refuse(NOT_READABLE, path, reason=str(error)) from None
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


# -- the import ------------------------------------------------------------------------------
def read_tables(paths: Sequence[Path | str], mapping: Mapping | None = None, currency: str | None = None,
                progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
                book: Book | None = None) -> ImportResult:
    """Read workbooks and CSV files into the book's tables, checking every cell.

    Parameters
    ----------
    paths : sequence of path
        .xlsx and .csv files (a file's content decides, not its name).
    mapping : Mapping, optional
        Saved choices (tables, headers, stage names, date order); the rest is guessed and the
        complete mapping comes back in the result.
    currency : str, optional
        The currency amounts are in (default: the mapping's, the book's, the files' currency
        column or signs, else USD).
    progress : callable, optional
        ``progress(done, total)`` after each step (a file read, a file mapped, the tables parsed).
    cancelled : callable, optional
        Checked between steps; when it returns True the import stops with :class:`ImportCancelled`.
    book : Book, optional
        The book the rows will be merged into (its reps and stages are known names).

    Returns
    -------
    ImportResult
        With every problem found; nothing is refused here (see :func:`build_book`,
        :func:`plan_merge`) so that the wizard can show the problems beside the preview.

    Raises
    ------
    PlannerError
        A file that cannot be read or is refused by :mod:`planner.io.safety` (one line).
    ImportCancelled
    """
    with _collector_paused():
        return _read_tables([Path(path) for path in paths], mapping or Mapping(), currency, progress, cancelled, book)


@contextmanager
def _collector_paused():
    """Python's cycle collector paused while a file's million cells become objects (it would
    traverse every live object again and again, for nothing: cells hold no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_tables(paths: list[Path], mapping: Mapping, currency: str | None, progress, cancelled,
                 book: Book | None) -> ImportResult:
    mapping.check()
    total, done = 2 * len(paths) + 2, 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)
        if cancelled is not None and cancelled():
            raise ImportCancelled()

    def checkpoint() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled()

    checkpoint()
    sources: list[_Source] = []
    for path in paths:
        if not path.exists():
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not read {path}: {reason}"), path=str(path),
                               reason="No such file or directory")
        kind = safety.kind_of(path)
        sources += _read_xlsx(path, checkpoint) if kind == "xlsx" else _read_csv(path) if kind == "csv" else \
            _refuse_kind(path, kind)
        step()
    reader = _Reader(sources, mapping, currency, book)
    reader.checkpoint = checkpoint
    for path in paths:
        reader.map_file(path)
        step()
    reader.parse()
    step()
    reader.derive()
    step()
    return reader.result()


def _refuse_kind(path: Path, kind: str):
    raise safety.refuse(safety.NOT_SUPPORTED.get(kind, safety.NOT_SUPPORTED["other"]), path)


def preview(paths: Sequence[Path | str], mapping: Mapping | None = None) -> list[SourcePreview]:
    """The sheets of ``paths`` as the import wizard shows them, without parsing the cells.

    Parameters
    ----------
    paths : sequence of path
        .xlsx and .csv files.
    mapping : Mapping, optional
        Choices already made (a saved mapping, or the user's changes so far).

    Returns
    -------
    list of SourcePreview
        Per sheet (or CSV file): the table it goes to, its header row, each header's column
        and its first ``PREVIEW_ROWS`` rows as text.

    Raises
    ------
    PlannerError
        A file that cannot be read or is refused by :mod:`planner.io.safety`.
    """
    paths = [Path(path) for path in paths]
    sources = []
    for path in paths:
        kind = safety.kind_of(path)
        sources += _read_xlsx(path) if kind == "xlsx" else _read_csv(path) if kind == "csv" else \
            _refuse_kind(path, kind)
    reader = _Reader(sources, mapping or Mapping(), None, None)
    for path in paths:
        reader.map_file(path)
    return reader.previews


class _Reader:
    """The steps of one import, sharing what they learn."""

    def __init__(self, sources: list[_Source], mapping: Mapping, currency: str | None, book: Book | None) -> None:
        self.sources, self.given, self.book = sources, mapping, book
        self.mapping = Mapping(date_order=mapping.date_order, date_system=mapping.date_system,
                               currency=mapping.currency, stages=dict(mapping.stages))
        self.currency_given = currency
        self.problems: list[ImportProblem] = []
        self.problem_count = 0
        self.warnings: list[ImportProblem] = []
        self.previews: list[SourcePreview] = []
        self.frames: dict[str, pd.DataFrame] = {}
        self.locations: dict[str, pd.DataFrame] = {}
        self.headers: dict[str, dict[str, str]] = {}
        self.provided: dict[str, set[str]] = {}
        self.made: dict[str, set[str]] = {}
        self.stages_unknown: list[str] = []
        self.missing_created: set[str] = set()
        self.currency = "USD"
        self._stage_probabilities = pd.Series(dtype="Int64")  # stage -> probability written on its deals
        self.checkpoint: Callable[[], None] = lambda: None  # raises ImportCancelled when the user cancelled

    # -- problems --------------------------------------------------------------------------
    def problem(self, source: _Source | None, row: int | None, column: str | None, cell, template: str,
                fields: dict | None = None, **more) -> None:
        self.problem_count += 1
        if len(self.problems) < LISTED:
            self.problems.append(ImportProblem(source.file if source else None, source.sheet if source else None,
                                               row, column, cell, template, {**(fields or {}), **more}))

    def warn(self, source: _Source | str | None, column: str | None, template: str, **fields) -> None:
        """A warning about a source, or about a table (``source`` is then its name: the files it
        came from are named)."""
        if isinstance(source, str):
            files = self.locations.get(source, pd.DataFrame({"file": []}))["file"].dropna().unique()
            file, sheet = ", ".join(map(str, files)) or None, None
        else:
            file, sheet = (source.file, source.sheet) if source else (None, None)
        self.warnings.append(ImportProblem(file, sheet, None, column, None, template, fields))

    # -- mapping ---------------------------------------------------------------------------
    def map_file(self, path: Path) -> None:
        for source in (s for s in self.sources if s.path == path):
            known, table = self.given.table_of(source.key)
            if not known:
                table = guess_table(source.headers, source.key, self.given)
                if table is None and source.sheet is None:
                    table = guess_table(source.headers, Path(source.key).stem, self.given)
            source.table = table
            self.mapping.tables[source.key] = table
            columns: dict[str, str | None] = {}
            if table is not None:
                targets = guess_columns(source.headers, table, self.given)
                for position, header in enumerate(source.headers):
                    source.targets[position] = targets.get(header)
                self.mapping.columns.setdefault(table, {}).update(targets)
                columns = targets
            elif source.columns and len(source.rows) and not (mapping_module.is_not_table(source.key) or known):
                self.warn(source, None, SKIPPED)
            self.previews.append(SourcePreview(
                source.file, source.sheet, source.key, table, source.header_row, list(source.headers), columns,
                [[_text_of(values[i]) for values in source.columns] for i in range(min(PREVIEW_ROWS, len(source.rows)))],
                len(source.rows), source.encoding))

    # -- parsing ---------------------------------------------------------------------------
    def parse(self) -> None:
        self.currency = self._currency()
        by_table: dict[str, list[_Source]] = {}
        for source in self.sources:
            if source.table is not None and len(source.rows):
                by_table.setdefault(source.table, []).append(source)
        if not by_table:
            files = ", ".join(dict.fromkeys(source.file for source in self.sources))
            self.problem(None, None, None, None, EMPTY, files=files)
            return
        for table, sources in by_table.items():
            frames, locations = [], []
            for source in sources:
                frame = self._parse_source(table, source)
                frames.append(frame)
                locations.append(pd.DataFrame({"file": source.file, "sheet": source.sheet, "row": source.rows}))
            frame = pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
            self.frames[table] = frame
            self.locations[table] = pd.concat(locations, ignore_index=True) if len(locations) > 1 else locations[0]

    def _currency(self) -> str:
        """The currency amounts are read in."""
        chosen = self.currency_given
        if not chosen and self.book is not None and len(self.book["Settings"]):
            try:
                chosen = self.book.setting("currency") and self.book.currency
            except PlannerError:
                chosen = None
        chosen = chosen or self.given.currency
        for source in (s for s in self.sources if s.table == "Settings" and not chosen):
            keys = [p for p, t in source.targets.items() if t == "key"]
            values = [p for p, t in source.targets.items() if t == "value"]
            if keys and values:
                for key, value in zip(_texts(source.columns[keys[0]]), _texts(source.columns[values[0]])):
                    if isinstance(key, str) and key.lower() == "currency" and isinstance(value, str):
                        chosen = value
        if not chosen:
            codes, signs = set(), set()
            for source in self.sources:
                if source.table != "Deals":
                    continue
                for position, target in source.targets.items():
                    if target == "currency":
                        codes |= set(_texts(source.columns[position]).dropna().str.upper())
                    elif target == "amount":
                        sample = _texts(source.columns[position][:2000]).dropna()
                        for sign, code in (("₩", "KRW"), ("￦", "KRW"), ("원", "KRW"), ("円", "JPY"), ("￥", "JPY"),
                                           ("€", "EUR"), ("£", "GBP")):
                            if sample.str.contains(sign, regex=False).any():
                                signs.add(code)
            known = {code for code in codes if code in MINOR_DIGITS}
            chosen = next(iter(known)) if len(known) == 1 else next(iter(signs)) if len(signs) == 1 else None
        chosen = (chosen or "USD").upper()
        minor_digits(chosen)  # a clear error for an unknown code
        return chosen

    def _dates(self, source: _Source) -> DateForms:
        """The date forms of a source: its date system and the order of its written dates."""
        epoch = source.epoch if self.given.date_system == "auto" else int(self.given.date_system)
        order = self.given.date_order
        if order == "auto":
            texts = []
            for position, target in source.targets.items():
                column = _book_column(source.table, target)
                if column is not None and column.kind is Kind.DATE or target in ("close_date", "won_time", "lost_time"):
                    values = source.columns[position]
                    present = values[_present(values)]
                    kind = pd.api.types.infer_dtype(present, skipna=True)
                    if kind == "string":
                        texts.append(pd.Series(present, dtype="object"))
                    elif kind.startswith("mixed"):
                        texts.append(pd.Series(present[np.fromiter((type(v) is str for v in present), dtype=bool,
                                                                   count=len(present))], dtype="object"))
            # no evidence either way (no number above 12): such dates are refused, never guessed
            order = numeric_date_order(pd.concat(texts)) if texts else None
        return DateForms(order=order if order in ("mdy", "dmy") else None, epoch=epoch)

    def _parse_source(self, table: str, source: _Source) -> pd.DataFrame:
        spec = schema.TABLES[table]
        dates = self._dates(source)
        out: dict[str, pd.Series] = {}
        headers = self.headers.setdefault(table, {})
        provided = self.provided.setdefault(table, set())
        n = len(source.rows)
        ambiguous: list[str] = []
        for position, header in enumerate(source.headers):
            self.checkpoint()
            target = source.targets.get(position)
            values = source.columns[position]
            if target == SKIP:
                continue
            if target is EXTRA or (target not in spec.names and target not in DERIVED):
                name = header
                while name in out or name in spec.names:
                    name = f"{name} (2)"
                out[name] = _extra(values)
                continue
            if target in out:  # a second header mapped to one column: keep it as the user's own
                out[f"{header} (2)" if header in out else header] = _extra(values)
                continue
            headers.setdefault(target, header)
            provided.add(target)
            column = _book_column(table, target)
            if column is None:  # derived columns of Deals
                out[target] = self._parse_derived(source, position, target, dates)
                continue
            if column.kind in (Kind.TEXT, Kind.REF):
                texts = _texts(values)
                if not column.allowed:  # text is what it is: no parsing
                    out[target] = texts
                    continue
                values = _synonyms(texts, target).to_numpy(dtype=object, na_value=None)
            percent = column.kind is Kind.RATIO and column.maximum == 1_000_000 and _bare_percentages(values)
            parsed, bad = parse_cells(pd.Series(values, dtype="object"), column, self.currency, dates, percent)
            out[target] = parsed
            for label, value, template, fields in bad:
                if _not_available(value):  # #N/A, N/A: no value
                    continue
                if column.kind is Kind.DATE and isinstance(value, str) and dates.order is None \
                        and _DAY_MONTH.match(value):
                    ambiguous.append(value)
                self.problem(source, int(source.rows[label]), header, value, template, fields)
        if ambiguous:
            self.warn(source, None, AMBIGUOUS_DATES, count=len(ambiguous), example=ambiguous[0])
        return pd.DataFrame(out, index=pd.RangeIndex(n))

    def _parse_derived(self, source: _Source, position: int, target: str, dates: DateForms) -> pd.Series:
        values = source.columns[position]
        header = source.headers[position]
        if target in ("close_date", "won_time", "lost_time"):
            column = schema.DEALS.column("closed")
            parsed, bad = parse_cells(pd.Series(values, dtype="object"), column, self.currency, dates)
        elif target == "probability":
            column = schema.STAGES.column("probability")
            parsed, bad = parse_cells(pd.Series(values, dtype="object"), column, self.currency, dates,
                                      _bare_percentages(values))
        elif target == "status":
            texts = _texts(values).str.lower()
            words = {"open": "open", "won": "won", "lost": "lost", "진행": "open", "수주": "won", "실주": "lost",
                     "進行中": "open", "受注": "won", "失注": "lost"}
            parsed = texts.map(words).astype("string")
            bad = [(label, values[label], NOT_STATUS, {"value": texts[label]})
                   for label in texts.index[(texts.notna() & parsed.isna()).to_numpy(dtype=bool)]]
        else:  # is_won, is_closed
            texts = _texts(values).str.lower()
            parsed = texts.map({"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False,
                                "y": True, "n": False}).astype("boolean")
            bad = [(label, values[label], NOT_BOOLEAN, {"value": texts[label]})
                   for label in texts.index[(texts.notna() & parsed.isna()).to_numpy(dtype=bool)]]
        for label, value, template, fields in bad:
            if not _not_available(value):
                self.problem(source, int(source.rows[label]), header, value, template, fields)
        return parsed

    # -- what the tables imply -------------------------------------------------------------
    def derive(self) -> None:
        if "Deals" in self.frames:
            self._deals()
        self._stages()
        self._reps()
        self._required()
        self._duplicates()
        if "Settings" not in self.frames and self.book is None:
            self.frames["Settings"] = pd.DataFrame({"key": ["currency"], "value": [self.currency]})
            self.locations["Settings"] = pd.DataFrame({"file": [None], "sheet": [None], "row": [None]})
            self.made.setdefault("Settings", set()).add("currency")

    def _deal_kinds(self) -> pd.Series:
        """Each deal's stage kind as the import will make it (open, won, lost or missing)."""
        deals = self.frames["Deals"]
        stages = deals["stage"] if "stage" in deals else pd.Series(pd.NA, index=deals.index, dtype="string")
        known = self._known_stage_kinds()
        names = stages.dropna().unique()
        kinds = {}
        for name in names:
            target = self.mapping.stages.get(name)
            if target in schema.STAGE_KINDS:
                kinds[name] = target
            elif target is not None and target in known:
                kinds[name] = known[target]
            elif name in known:
                kinds[name] = known[name]
            else:
                kinds[name] = kind_of_stage(name) or "open"
        return stages.map(kinds).astype("string")

    def _known_stage_kinds(self) -> dict[str, str]:
        known = {}
        if self.book is not None:
            stages = self.book["Stages"]
            known.update({str(s): str(k) for s, k in zip(stages["stage"], stages["kind"]) if pd.notna(s)})
        if "Stages" in self.frames and "stage" in self.frames["Stages"]:
            sheet = self.frames["Stages"]
            kinds = sheet["kind"] if "kind" in sheet else pd.Series(pd.NA, index=sheet.index)
            for name, kind in zip(sheet["stage"], kinds):
                if pd.notna(name):
                    known[str(name)] = str(kind) if pd.notna(kind) else (kind_of_stage(str(name)) or "open")
        return known

    def _deals(self) -> None:
        deals = self.frames["Deals"]
        location = self.locations["Deals"]
        headers = self.headers.get("Deals", {})
        # the mapping's stage names: deals move to the stage a name is mapped to
        if "stage" in deals:
            renames = {name: target for name, target in self.given.stages.items()
                       if target not in schema.STAGE_KINDS}
            if renames:
                deals["stage"] = deals["stage"].replace(renames)
        # status columns (Pipedrive status, Salesforce IsWon/IsClosed) decide the kind
        status = None
        if "status" in deals:
            status = deals["status"]
        elif "is_closed" in deals or "is_won" in deals:
            won = deals["is_won"] if "is_won" in deals else pd.Series(pd.NA, index=deals.index, dtype="boolean")
            closed = deals.get("is_closed", won)
            status = pd.Series(np.where(won.fillna(False), "won", np.where(closed.fillna(False), "lost", "open")),
                               index=deals.index, dtype="string").where(won.notna() | closed.notna())
        if status is not None:
            stage = deals["stage"] if "stage" in deals else pd.Series(pd.NA, index=deals.index, dtype="string")
            kinds = self._deal_kinds() if "stage" in deals else pd.Series(pd.NA, index=deals.index, dtype="string")
            for kind, name in (("won", "Won"), ("lost", "Lost")):
                moved = (status == kind).fillna(False) & (kinds != kind).fillna(True)
                stage = stage.mask(moved.to_numpy(dtype=bool), name)
                if moved.any():
                    self.mapping.stages.setdefault(name, kind)
            deals["stage"] = stage.astype("string")
            self.provided["Deals"].add("stage")
            headers.setdefault("stage", headers.get("status") or headers.get("is_won") or "stage")
        kinds = self._deal_kinds() if "stage" in deals else pd.Series(pd.NA, index=deals.index, dtype="string")
        closed_kind = kinds.isin(["won", "lost"]).fillna(False).to_numpy(dtype=bool)
        # when each deal closed (or is expected to)
        closed = deals["closed"] if "closed" in deals else pd.Series(pd.NaT, index=deals.index, dtype="datetime64[ns]")
        for name, kind in (("won_time", "won"), ("lost_time", "lost")):
            if name in deals:
                closed = closed.fillna(deals[name].where((kinds == kind).fillna(False).to_numpy(dtype=bool)))
                headers.setdefault("closed", headers.get(name))
        if "close_date" in deals:
            closed = closed.where(~closed_kind | closed.notna(), deals["close_date"].where(closed_kind))
            headers.setdefault("closed", headers.get("close_date"))
            expected = deals["expected_close"] if "expected_close" in deals else \
                pd.Series(pd.NaT, index=deals.index, dtype="datetime64[ns]")
            deals["expected_close"] = expected.fillna(deals["close_date"].where(~closed_kind))
            headers.setdefault("expected_close", headers.get("close_date"))
            self.provided["Deals"].add("expected_close")
        if any(name in deals for name in ("closed", "won_time", "lost_time", "close_date")):
            deals["closed"] = closed.astype("datetime64[ns]")
            self.provided["Deals"].add("closed")
        # stage probabilities written on deals
        if "probability" in deals and "stage" in deals:
            probabilities = pd.DataFrame({"stage": deals["stage"], "p": deals["probability"]}).dropna()
            self._stage_probabilities = probabilities.groupby("stage", sort=False)["p"].agg(
                lambda values: values.mode().iloc[0])
        deals = deals.drop(columns=[c for c in DERIVED if c in deals])
        for name in DERIVED:
            self.provided["Deals"].discard(name)
        # ids
        if "id" not in deals and len(deals):
            if self.book is not None:
                self.problem(None, None, None, None, NO_IDS_TO_MERGE)
            else:
                ids = pd.Series([f"D-{n:05d}" for n in range(1, len(deals) + 1)], dtype="string")
                deals.insert(0, "id", ids)
                self.provided["Deals"].add("id")
                self.made.setdefault("Deals", set()).add(GENERATED)
                self.warn("Deals", None, GENERATED_IDS, first=ids.iloc[0], last=ids.iloc[-1])
        # owners (a file without an owner column gives its new deals to Unassigned, and leaves the
        # owners of deals a book already has as they are)
        if "owner" not in deals:
            deals["owner"] = pd.Series(pd.NA, index=deals.index, dtype="string")
        blank_owner = deals["owner"].isna()
        if blank_owner.any():
            rep = self._unassigned()
            deals.loc[blank_owner, "owner"] = rep
            self.warn("Deals", headers.get("owner"), NO_OWNER, count=int(blank_owner.sum()), rep=rep)
        self.frames["Deals"] = deals
        self._deal_rules(kinds, location)

    def _unassigned(self) -> str:
        if self.book is not None:
            reps = self.book["Reps"]
            hit = reps[(reps["id"] == UNASSIGNED) | (reps["name"] == UNASSIGNED)]
            if len(hit):
                return str(hit["id"].iloc[0])
        return UNASSIGNED

    def _deal_rules(self, kinds: pd.Series, location: pd.DataFrame) -> None:
        """decisions.md: open deals may lack an amount or a created date (a warning), won and
        lost deals may not; a won or lost deal needs its closed date."""
        deals, headers = self.frames["Deals"], self.headers.get("Deals", {})
        is_open = (kinds == "open").fillna(False).to_numpy(dtype=bool)
        closed_kind = kinds.isin(["won", "lost"]).fillna(False).to_numpy(dtype=bool)
        for column, warning in (("amount", OPEN_NO_AMOUNT), ("created", OPEN_NO_CREATED)):
            if column not in deals:
                if column == "created" and closed_kind.any():
                    files = sorted(set(location["file"].dropna()))
                    self.missing_created.update(files)
                    self.warn("Deals", None, NO_CREATED_COLUMN, count=int(closed_kind.sum()))
                if column == "amount" and closed_kind.any():
                    self._missing_column("Deals", column)
                if is_open.any():
                    self.warn("Deals", None, warning, count=int(is_open.sum()))
                continue
            missing = deals[column].isna().to_numpy(dtype=bool)
            if (missing & is_open).any():
                self.warn("Deals", headers.get(column), warning, count=int((missing & is_open).sum()))
            for index in np.flatnonzero(missing & closed_kind & ~self._bad_cells("Deals", column)):
                self._at("Deals", index, column, None, CLOSED_NEEDS, what=headers.get(column, column))
        if closed_kind.any():
            closed = deals["closed"] if "closed" in deals else pd.Series(pd.NaT, index=deals.index)
            missing = closed.isna().to_numpy(dtype=bool) & closed_kind
            if "closed" not in deals and missing.any():
                self._missing_column("Deals", "closed")
            else:
                for index in np.flatnonzero(missing & ~self._bad_cells("Deals", "closed")):
                    self._at("Deals", index, "closed", None, CLOSED_NEEDS, what=headers.get("closed", "closed date"))

    def _bad_cells(self, table: str, column: str) -> np.ndarray:
        """Rows whose cell in ``column`` was already reported as bad (not to report twice)."""
        header = self.headers.get(table, {}).get(column)
        frame = self.locations[table]
        bad = {(p.file, p.row) for p in self.problems if p.column == header and p.row is not None}
        if not bad:
            return np.zeros(len(frame), dtype=bool)
        return np.fromiter(((f, r) in bad for f, r in zip(frame["file"], frame["row"])), dtype=bool,
                           count=len(frame))

    def _at(self, table: str, index: int, column: str | None, cell, template: str, fields: dict | None = None,
            **more) -> None:
        location = self.locations[table].iloc[index]
        header = self.headers.get(table, {}).get(column, column) if column else None
        self.problem_count += 1
        if len(self.problems) < LISTED:
            row = location["row"]
            self.problems.append(ImportProblem(location["file"], location["sheet"],
                                               None if pd.isna(row) else int(row), header, cell, template,
                                               {**(fields or {}), **more}))

    def _missing_column(self, table: str, column: str) -> None:
        files = self.locations.get(table, pd.DataFrame({"file": []}))["file"].dropna().unique()
        self.problem_count += 1
        self.problems.append(ImportProblem(", ".join(map(str, files)) or None, None, None, None, None, MISSING_COLUMN,
                                           {"table": table, "name": column,
                                            "aliases": ", ".join(_aliases(table, column))}))

    def _stages(self) -> None:
        """Stages of the deals' stage names that are not stages yet: made, with a kind (by the
        mapping, else by the name, else open), a probability and an order."""
        if "Deals" not in self.frames or "stage" not in self.frames["Deals"]:
            return
        deals = self.frames["Deals"]
        known = self._known_stage_kinds()
        names = [str(name) for name in deals["stage"].dropna().unique()]
        new = [name for name in names if name not in known]
        self.stages_unknown = [name for name in new if name not in self.given.stages]
        for name in names:  # what each name became: a stage already there, else the kind of a new one
            self.mapping.stages.setdefault(name, self.given.stages.get(name) or (name if name in known else None)
                                           or kind_of_stage(name) or "open")
        if not new:
            return
        probabilities = self._stage_probabilities
        rows = []
        for position, name in enumerate(new):
            target = self.given.stages.get(name)
            kind = target if target in schema.STAGE_KINDS else kind_of_stage(name) or "open"
            probability = probabilities.get(name)
            if probability is None or pd.isna(probability):
                probability = {"won": 1_000_000, "lost": 0}.get(kind)
                if probability is None:
                    ladder = mapping_module.STAGE_LADDER.get(normalize(name))
                    probability = None if ladder is None else ladder * 10_000
            rows.append({"stage": name, "kind": kind, "probability": probability, "first": position})
        table = pd.DataFrame(rows)
        open_rows = table["kind"] == "open"
        unknown = open_rows & table["probability"].isna()
        if unknown.any():  # an even ladder for open stages nothing says anything about
            count = int(unknown.sum())
            table.loc[unknown, "probability"] = [round(100 * (i + 1) / (count + 1)) * 10_000 for i in range(count)]
        table["rank"] = table["kind"].map({"open": 0, "won": 1, "lost": 2})
        table = table.sort_values(["rank", "probability", "first"], kind="stable")
        base = 0
        if self.book is not None and len(self.book["Stages"]):
            base = int(self.book["Stages"]["order"].max())
        if "Stages" in self.frames and "order" in self.frames["Stages"] and self.frames["Stages"]["order"].notna().any():
            base = max(base, int(self.frames["Stages"]["order"].max()))
        made = pd.DataFrame({"stage": table["stage"].to_numpy(), "order": np.arange(base + 1, base + 1 + len(table)),
                             "probability": table["probability"].astype("int64").to_numpy(),
                             "kind": table["kind"].to_numpy()})
        self._append("Stages", made)
        self.made.setdefault("Stages", set()).update(made["stage"])
        header = self.headers.get("Deals", {}).get("stage", "stage")
        self.warn("Deals", header, MADE_STAGES, count=len(made), header=header,
                  names=", ".join(f"{n} ({k})" for n, k in zip(made["stage"], made["kind"])))

    def _append(self, table: str, rows: pd.DataFrame) -> None:
        if table in self.frames:
            self.frames[table] = pd.concat([self.frames[table], rows], ignore_index=True, sort=False)
        else:
            self.frames[table] = rows.reset_index(drop=True)
        self.locations[table] = pd.concat([self.locations.get(table, pd.DataFrame(columns=["file", "sheet", "row"])),
                                           pd.DataFrame({"file": [None] * len(rows), "sheet": [None] * len(rows),
                                                         "row": [None] * len(rows)})], ignore_index=True)
        self.provided.setdefault(table, set()).update(c for c in rows.columns if c in schema.TABLES[table].names)

    def _reps(self) -> None:
        """Reps named by id only: id = name; managers and deal owners that are no rep yet are
        made when reps are known by name only (a CRM export, Maven's sales_teams.csv)."""
        # reps known by name only: none yet, or all made from names (their id is their name)
        by_name_only = self.book is None or bool((self.book["Reps"]["id"] == self.book["Reps"]["name"]).all())
        if "Reps" in self.frames:
            reps = self.frames["Reps"]
            if "id" not in reps and "name" in reps:
                reps.insert(0, "id", reps["name"])
                self.provided["Reps"].add("id")
                self.headers["Reps"].setdefault("id", self.headers["Reps"].get("name"))
            elif "id" in reps:
                by_name_only = False
                if "name" not in reps:
                    reps["name"] = reps["id"]
                    self.provided["Reps"].add("name")
            self.frames["Reps"] = reps
        names = set()
        for frame in ([self.frames["Reps"]] if "Reps" in self.frames else []) + \
                ([self.book["Reps"]] if self.book is not None else []):
            names |= set(frame["id"].dropna().astype(str)) | set(frame["name"].dropna().astype(str))
        if not by_name_only:
            return
        made = []
        if "Reps" in self.frames and "manager" in self.frames["Reps"]:
            reps = self.frames["Reps"]
            for manager in reps["manager"].dropna().unique():
                if manager not in names:
                    teams = reps.loc[reps["manager"] == manager, "team"].dropna().unique() if "team" in reps else []
                    made.append({"id": manager, "name": manager, "role": "manager",
                                 "team": teams[0] if len(teams) == 1 else pd.NA})
                    names.add(manager)
        header = None
        if "Deals" in self.frames:
            header = self.headers.get("Deals", {}).get("owner", "owner")
            for owner in self.frames["Deals"]["owner"].dropna().unique():
                if owner not in names:
                    made.append({"id": owner, "name": owner})
                    names.add(owner)
        if made:
            frame = pd.DataFrame(made)
            managers = frame["role"].eq("manager").to_numpy(dtype=bool) if "role" in frame else \
                np.zeros(len(frame), dtype=bool)
            self._append("Reps", frame)
            self.made.setdefault("Reps", set()).update(frame["id"])
            for table, chosen, column in (("Reps", managers, self.headers.get("Reps", {}).get("manager", "manager")),
                                          ("Deals", ~managers, header)):
                names = [str(name) for name in frame["id"][chosen]]
                if names:
                    shown = names[:10] + (["..."] if len(names) > 10 else [])
                    self.warn(table, column, MADE_REPS, count=len(names), header=column, names=", ".join(shown))

    def _required(self) -> None:
        """Required cells left blank (Deals: see _deal_rules), and required columns missing."""
        for table, frame in self.frames.items():
            spec = schema.TABLES[table]
            made = self.locations[table]["file"].isna().to_numpy(dtype=bool)
            for column in spec.columns:
                if not column.required or (table == "Deals" and column.name in ("amount", "created")):
                    continue
                if table == "Quotas" and column.name in ("rep", "team"):
                    continue
                if column.name not in frame:
                    if (~made).any():
                        self._missing_column(table, column.name)
                    continue
                missing = frame[column.name].isna().to_numpy(dtype=bool) & ~made
                for index in np.flatnonzero(missing & ~self._bad_cells(table, column.name)):
                    self._at(table, index, column.name, None, REQUIRED)

    def _duplicates(self) -> None:
        for table, frame in self.frames.items():
            spec = schema.TABLES[table]
            if not spec.key or spec.key[0] not in frame or spec.column(spec.key[0]).kind is Kind.REF:
                continue
            keys = frame[spec.key[0]]
            repeated = keys.notna() & keys.duplicated(keep="first")
            if not repeated.any():
                continue
            first = {}
            for index, value in keys.items():
                if pd.notna(value):
                    first.setdefault(value, index)
            rows = self.locations[table]["row"]
            for index in np.flatnonzero(repeated.to_numpy(dtype=bool)):
                value = keys.iloc[index]
                other = rows.iloc[first[value]]
                self._at(table, index, spec.key[0], value, DUPLICATE,
                         {"value": value, "other": "?" if pd.isna(other) else int(other)})

    def result(self) -> ImportResult:
        frames = {}
        for table, frame in self.frames.items():
            spec = schema.TABLES[table]
            ordered = [c for c in spec.names if c in frame] + [c for c in frame.columns if c not in spec.names]
            frames[table] = frame[ordered].reset_index(drop=True)
        for table in self.locations:
            self.locations[table] = self.locations[table].reset_index(drop=True)
        return ImportResult(frames=frames, problems=self.problems, warnings=self.warnings,
                            stages_unknown=self.stages_unknown, mapping=self.mapping, currency=self.currency,
                            problem_count=self.problem_count, locations=self.locations, headers=self.headers,
                            provided=self.provided, made=self.made, previews=self.previews,
                            missing_created=self.missing_created)


def _book_column(table: str | None, target: str | None) -> schema.Column | None:
    if table is None or target is None:
        return None
    spec = schema.TABLES[table]
    return spec.column(target) if target in spec.names else None


def _aliases(table: str, column: str) -> list[str]:
    return [column] + mapping_module.HEADER_ALIASES.get(table, {}).get(column, [])[:3]


def _bare_percentages(values) -> bool:
    """Whether bare numbers in a probability or share column are percentages (75 = 75%): some
    exceed 1 and none exceeds 100 (CRM exports write 0 to 100)."""
    numbers = pd.to_numeric(pd.Series(values, dtype="object").map(
        lambda v: v if not isinstance(v, str) or not v.strip().endswith("%") else None), errors="coerce").dropna()
    return bool(len(numbers)) and bool((numbers > 1).any()) and bool((numbers <= 100).all())


_SYNONYMS = {
    "deal_type": {"new": ("new", "newbusiness", "newcustomer", "newdeal", "신규", "신규고객", "신규영업", "新規",
                          "新規顧客", "新規案件"),
                  "renewal": ("renewal", "renew", "renewals", "existingcustomerreplacement",
                              "existingcustomerdowngrade", "갱신", "재계약", "更新", "継続", "契約更新"),
                  "upsell": ("upsell", "upsale", "upgrade", "crosssell", "expansion", "existingbusiness",
                             "existingcustomerupgrade", "existingcustomer", "addon", "업셀", "추가판매", "확장",
                             "アップセル", "クロスセル", "追加", "追加受注")},
    "forecast_category": {"pipeline": ("pipeline", "파이프라인", "パイプライン"),
                          "best_case": ("bestcase", "best", "upside", "최선", "베스트케이스", "ベストケース"),
                          "commit": ("commit", "committed", "forecast", "확정", "커밋", "コミット"),
                          "omitted": ("omitted", "omit", "excluded", "제외", "除外"),
                          None: ("closed", "closedwon", "closedlost", "won", "lost")},
    "kind": {"open": ("open", "진행", "진행중", "進行中", "オープン"), "won": ("won", "win", "수주", "성사", "受注", "成約"),
             "lost": ("lost", "lose", "실주", "失注")},
    "method": {"marginal": ("marginal", "한계", "구간별", "限界", "段階"), "retroactive": ("retroactive", "소급", "遡及")},
    "period": {"month": ("month", "monthly", "월", "월별", "月", "月次"),
               "quarter": ("quarter", "quarterly", "분기", "四半期"),
               "year": ("year", "yearly", "annual", "연", "연간", "年", "年次")},
}


def _synonyms(texts: pd.Series, column: str) -> pd.Series:
    """Allowed values written another way (``New Business``, ``Best Case``, ``신규``) as the
    codes the book keeps; values nothing matches stay as written (and are reported)."""
    table = _SYNONYMS.get(column)
    if table is None or texts.dropna().empty:
        return texts
    lookup = {normalize(word): code for code, words in table.items() for word in words}
    unique = texts.dropna().unique()
    replace = {}
    for value in unique:
        key = normalize(value)
        if key in lookup:
            replace[value] = lookup[key]
    if not replace:
        return texts
    mapped = texts.map(lambda v: replace.get(v, v) if pd.notna(v) else v)
    return mapped.astype("string")


def _extra(values: np.ndarray) -> pd.Series:
    """A user's own column in its kind: numbers, days, else text (codes with leading zeros stay text)."""
    present = _present(values)
    if not present.any():
        return pd.Series(pd.NA, index=range(len(values)), dtype="string")
    cells = values[present]
    inferred = pd.api.types.infer_dtype(cells, skipna=True)
    if inferred in ("floating", "integer", "mixed-integer-float"):
        out = np.full(len(values), np.nan)
        out[present] = cells.astype("float64")
        return pd.Series(out)
    if inferred in ("date", "datetime"):
        out = pd.Series(pd.NaT, index=range(len(values)), dtype="datetime64[ns]")
        out[present] = pd.to_datetime(pd.Series(cells), errors="coerce").to_numpy()
        return out
    text = _texts(values)
    if inferred == "string":
        stripped = text.dropna()
        numbers = pd.to_numeric(stripped, errors="coerce")
        leading_zero = stripped.str.match(r"^0\d").any()
        if numbers.notna().all() and not leading_zero:
            return pd.to_numeric(text, errors="coerce").astype("float64")
        if stripped.str.match(r"^\d{4}-\d{2}-\d{2}$").all():
            days = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
            if days.notna().sum() == len(stripped):
                return days.astype("datetime64[ns]")
    return text


# -- a new book ------------------------------------------------------------------------------
def build_book(result: ImportResult) -> Book:
    """A new book of an import (``planner import FILE... --out BOOK``).

    Parameters
    ----------
    result : ImportResult
        What :func:`read_tables` read (without a ``book``).

    Returns
    -------
    Book
        The tables with references resolved (a deal's owner and stage hold row ids), the
        user's own columns kept, a ``currency`` setting when the files had no Settings sheet.

    Raises
    ------
    ImportRefused
        When the import or the book made of it has problems (references that resolve to no row,
        a won deal closed before it was created, a currency other than the book's, ...), each
        named by file, sheet, row and column. Cells decisions.md lets be missing (an open
        deal's amount and created date; created dates of a file that has none) are warnings.
    """
    result.refuse_if_problems()
    frames = {table: frame for table, frame in result.frames.items()}
    book = Book(frames)
    located = [located for problem in book.problems() if not _allowed(book, problem, result)
               for located in [_locate(problem, result)]]
    if located:
        raise ImportRefused(located[:LISTED], len(located))
    return book


def _allowed(book: Book, problem: Problem, result: ImportResult) -> bool:
    """Problems of a new book that decisions.md allows of imports (already warned about)."""
    if problem.table != "Deals" or problem.template != REQUIRED or problem.column not in ("amount", "created"):
        return False
    deals = book["Deals"]
    kind = book["Stages"]["kind"].get(deals["stage"].get(problem.row))
    if kind == "open":
        return True
    if problem.column == "created" and problem.position is not None:
        return result.locations["Deals"]["file"].iloc[problem.position] in result.missing_created
    return False


def _locate(problem: Problem, result: ImportResult) -> ImportProblem:
    """A book problem as an import problem: the file, sheet and row its row came from."""
    table = problem.table
    header = result.headers.get(table, {}).get(problem.column, problem.column) if problem.column else None
    value = None
    if problem.position is not None and table in result.locations and problem.position < len(result.locations[table]):
        location = result.locations[table].iloc[problem.position]
        frame = result.frames.get(table)
        if frame is not None and problem.column in frame:
            value = frame[problem.column].iloc[problem.position]
        row = location["row"]
        return ImportProblem(location["file"], location["sheet"], None if pd.isna(row) else int(row),
                             header, value, problem.template, problem.fields)
    return ImportProblem(None, table, None, header, value, problem.template, problem.fields)


# -- merging into a book ---------------------------------------------------------------------
@dataclass
class MergeSummary:
    """What a merge changes: per table, rows added, changed and unchanged; the ids of the first
    changed (and added) deals; the user's own columns the files add to the book."""

    tables: dict[str, dict[str, int]] = field(default_factory=dict)
    changed_deals: list[str] = field(default_factory=list)
    added_deals: list[str] = field(default_factory=list)
    new_columns: dict[str, list[str]] = field(default_factory=dict)
    changed_count: int = 0

    def lines(self) -> list[str]:
        out = [f"{table}: {c['added']} added, {c['changed']} changed, {c['unchanged']} unchanged"
               for table, c in self.tables.items()]
        if self.changed_deals:
            more = self.changed_count - len(self.changed_deals)
            out.append("changed deals: " + ", ".join(self.changed_deals) + (f" (and {more} more)" if more > 0 else ""))
        for table, names in self.new_columns.items():
            out.append(f"{table}: new columns {', '.join(names)}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def plan_merge(book: Book, result: ImportResult, shown: int = 20) -> tuple[Change, MergeSummary]:
    """The one change that merges an import into ``book`` by the tables' keys
    (``planner import FILE... --into BOOK``), and what it changes.

    Keys (``MERGE_KEYS``): Deals and Reps by ``id``, Stages by ``stage``, Plans by ``plan``,
    Settings by ``key``, Quotas by (rep, team, period), tiers and bonuses by (plan, from), Splits by
    (deal, rep), StageHistory by (deal, stage, entered).

    Rows whose key the book has are compared on the columns the files gave: changed cells are
    set (one ``SetValues`` per set of changed columns), unchanged rows are left alone; new rows
    are inserted. The user's columns the book does not have yet are added to the table (the one
    case where the table is replaced, with the same rows, ids and positions). Reps and stages the import made from names are added only when the book has
    no row of that id or name. Apply it with ``book.apply(change)``: it is validated there, and a
    refused change leaves the book as it was.

    Raises
    ------
    ImportRefused
        When the import has problems, or the change would not fit the book (every problem named
        by file, sheet, row and column).

    Parameters
    ----------
    book : Book
        The book merged into (read, never changed here).
    result : ImportResult
        What :func:`read_tables` read, given ``book=book`` (so that its stages and reps are known).
    shown : int
        How many changed (and added) deal ids the summary lists.

    Returns
    -------
    (Change, MergeSummary)
        One ``Batch`` (one undo step, one revision when applied) and the counts per table.
    """
    result.refuse_if_problems()
    if GENERATED in result.made.get("Deals", set()):
        raise ImportRefused([ImportProblem(", ".join(map(str, result.locations["Deals"]["file"].dropna().unique())),
                                           None, None, None, None, NO_IDS_TO_MERGE)])
    # reps made from names join a book only when its reps too are known by name alone; else an
    # owner the book does not know is a problem (a typo must not become a new rep)
    reps = book["Reps"]
    reps_by_name = bool((reps["id"] == reps["name"]).all())
    parts: list[Change] = []
    summary = MergeSummary()
    problems: list[ImportProblem] = []
    new_rows: dict[str, pd.DataFrame] = {}  # rows this change inserts, by table (ids already given)
    origins: dict[tuple[str, int], tuple] = {}  # (table, row id) -> (file, sheet, row) it came from
    for table in schema.LOAD_ORDER:
        incoming = result.frames.get(table)
        if incoming is None or not len(incoming):
            continue
        if table == "Settings" and result.made.get("Settings") and len(incoming) == len(result.made["Settings"]):
            continue
        spec = schema.TABLES[table]
        current = book[table]
        location = result.locations[table]
        resolved = incoming.copy()
        # rows of a table that refers to itself (a rep's manager) may name each other: they get
        # provisional (negative) ids, replaced by their new ids once inserted
        provisional = None
        if any(column.ref == table for column in spec.refs) and spec.key and spec.key[0] in incoming:
            provisional = incoming.set_axis(pd.Index(-1 - np.arange(len(incoming)), name=schema.ROW_ID))
            provisional = provisional[~provisional[spec.key[0]].isin(current[spec.key[0]].dropna()).to_numpy(
                dtype=bool, na_value=False)]
        for column in spec.refs:
            if column.name not in resolved:
                continue
            target = current if column.ref == table else book[column.ref]
            combined = pd.concat([target, new_rows[column.ref]]) if column.ref in new_rows else target
            if column.ref == table and provisional is not None and len(provisional):
                combined = pd.concat([combined, provisional[[c for c in provisional.columns if c in combined]]])
            ids, failures = Resolver(schema.TABLES[column.ref], combined).resolve(resolved[column.name])
            resolved[column.name] = ids
            for label, (template, fields) in failures.items():
                problems.append(_located(result, table, label, column.name, incoming[column.name].iloc[label],
                                         template, fields))
        made = result.made.get(table, set())
        keys = MERGE_KEYS[table]
        present_keys = [k for k in keys if k in resolved]
        book_keys = _key_index(current, present_keys)
        matched = np.full(len(resolved), -1, dtype="int64")
        for index, key in enumerate(_key_tuples(resolved, present_keys)):
            row = book_keys.get(key)
            if row is not None:
                matched[index] = row
        is_made = np.zeros(len(resolved), dtype=bool)
        if made and spec.key:
            key_column = spec.key[0]
            is_made = resolved[key_column].isin(made).fillna(False).to_numpy(dtype=bool) & \
                location["file"].isna().to_numpy(dtype=bool)
            if spec.title and spec.title != key_column:  # a made rep whose name the book has is that rep
                titles = _key_index(current, [spec.title])
                for index in np.flatnonzero(is_made & (matched < 0)):
                    row = titles.get((resolved[key_column].iloc[index],))
                    if row is not None:
                        matched[index] = row
        provided = [c for c in spec.names if c in result.provided.get(table, set()) and c in resolved]
        extras_known = [c for c in resolved.columns if c not in spec.names and c in current.columns]
        new_extras = [c for c in resolved.columns if c not in spec.names and c not in current.columns]
        if new_extras:
            summary.new_columns[table] = new_extras
        compared = provided + extras_known
        counts = {"added": 0, "changed": 0, "unchanged": 0}
        old = matched >= 0
        changed_ids = []
        if new_extras and not is_made.all():  # the user's new columns: added to every row first
            parts.append(_with_columns(book, table, current, resolved, new_extras, matched, is_made))
        if old.any():
            incoming_old = resolved.iloc[np.flatnonzero(old & ~is_made)]
            ids = matched[old & ~is_made]
            if len(ids):
                before = current.loc[ids, compared]
                after = incoming_old[compared].set_axis(pd.Index(ids, name=schema.ROW_ID))
                differs = pd.DataFrame({c: _differs(after[c], before[c]) for c in compared}, index=before.index)
                row_changed = differs.any(axis=1).to_numpy()
                if new_extras:  # a value in a new column changes its row
                    row_changed = row_changed | incoming_old[new_extras].notna().any(axis=1).to_numpy()
                counts["changed"] = int(row_changed.sum())
                counts["unchanged"] = int((~row_changed).sum()) + int((old & is_made).sum())
                groups: dict[tuple, list[int]] = {}
                for row, flags in zip(differs.index[row_changed], differs.to_numpy()[row_changed]):
                    groups.setdefault(tuple(c for c, flag in zip(compared, flags) if flag), []).append(row)
                for columns, rows in groups.items():
                    columns = tuple(c for c in columns if c not in new_extras)
                    if not columns:
                        continue
                    values = after.loc[rows, list(columns)]
                    for column in columns:
                        if column in spec.names and spec.column(column).kind is Kind.REF:
                            values[column] = values[column].astype("Int64")
                        else:
                            values[column] = values[column].astype(current[column].dtype)
                    parts.append(SetValues(table, values))
                changed_ids = [row for row, flag in zip(ids, row_changed) if flag]
                for row, index in zip(ids, np.flatnonzero(old & ~is_made)):
                    origins[(table, int(row))] = _origin(location, index)
            else:
                counts["unchanged"] = int((old & is_made).sum())
        fresh = np.flatnonzero(~old & ~(is_made if table == "Reps" and not reps_by_name else False))
        if len(fresh):
            rows = resolved.iloc[fresh][[c for c in resolved.columns if c in spec.names or c in current.columns]]
            insertion = book.insertion(table, rows)
            for column in new_extras:  # applied after the columns are added, so kept
                insertion.rows[column] = resolved[column].iloc[fresh].to_numpy()
            if provisional is not None:  # provisional ids of rows just given real ones
                real = pd.Series(insertion.rows.index.to_numpy(), index=-1 - fresh)
                for column in (c for c in spec.refs if c.ref == table and c.name in insertion.rows):
                    insertion.rows[column.name] = _real_ids(insertion.rows[column.name], real)
                    for part in parts:
                        if isinstance(part, SetValues) and part.table == table and column.name in part.values:
                            part.values[column.name] = _real_ids(part.values[column.name], real)
            parts.append(insertion)
            new_rows[table] = insertion.rows
            for row, index in zip(insertion.rows.index, fresh):
                origins[(table, int(row))] = _origin(location, index)
            counts["added"] = len(fresh)
            if table == "Deals":
                summary.added_deals = [str(v) for v in rows["id"].head(shown)]
        summary.tables[table] = counts
        if table == "Deals" and changed_ids:
            summary.changed_count = len(changed_ids)
            summary.changed_deals = [str(current.loc[row, "id"]) for row in changed_ids[:shown]]
    if problems:
        raise ImportRefused(problems[:LISTED], len(problems))
    change: Change = parts[0] if len(parts) == 1 else Batch(tuple(parts))
    if not parts:
        change = Batch(())
    try:
        book.validate(change)
    except Refused as refused:
        raise ImportRefused([_from_book_problem(p, result, origins) for p in refused.problems[:LISTED]],
                            len(refused.problems)) from None
    return change, summary


def _with_columns(book: Book, table: str, current: pd.DataFrame, incoming: pd.DataFrame, columns: list[str],
                  matched: np.ndarray, made: np.ndarray) -> ReplaceTable:
    """The table as it is (same rows, ids, positions and unresolved cells) with the user's new
    columns added, holding the imported values of the rows matched (the only way a table gains
    columns: the store then rewrites it whole)."""
    frame = current.copy()
    rows = np.flatnonzero((matched >= 0) & ~made)
    for column in columns:
        values = incoming[column]
        added = pd.Series(pd.NA if values.dtype == "string" else None, index=frame.index, dtype=values.dtype)
        if len(rows):
            added.loc[matched[rows]] = values.iloc[rows].to_numpy()
        frame[column] = added
    unresolved = {c.name: book.unresolved(table, c.name) for c in schema.TABLES[table].refs
                  if book.unresolved(table, c.name)}
    return ReplaceTable(table, frame, book.positions(table), unresolved)


def _origin(location: pd.DataFrame, index: int) -> tuple:
    place = location.iloc[index]
    return place["file"], place["sheet"], None if pd.isna(place["row"]) else int(place["row"])


def _real_ids(values: pd.Series, real: pd.Series) -> pd.Series:
    """References holding provisional (negative) ids with the ids the rows were given."""
    values = values.astype("Int64")
    negative = (values < 0).fillna(False).to_numpy(dtype=bool)
    if negative.any():
        values = values.copy()
        values[negative] = values[negative].map(real).astype("Int64")
    return values


def _key_index(frame: pd.DataFrame, columns: list[str]) -> dict[tuple, int]:
    """Key tuple → row id of the first row with that key (keys compared as stripped text)."""
    out: dict[tuple, int] = {}
    for row, key in zip(frame.index, _key_tuples(frame, columns)):
        out.setdefault(key, int(row))
    return out


def _key_tuples(frame: pd.DataFrame, columns: list[str]):
    parts = []
    for column in columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            parts.append(values.dt.strftime("%Y-%m-%d").fillna("").tolist())
        else:
            parts.append(["" if pd.isna(v) else str(v).strip() for v in values.tolist()])
    return list(zip(*parts)) if parts else [() for _ in range(len(frame))]


def _differs(new: pd.Series, old: pd.Series) -> np.ndarray:
    """Cell by cell: is ``new`` another value than ``old`` (missing equals missing)?"""
    new_missing, old_missing = new.isna().to_numpy(), old.isna().to_numpy()
    try:
        unequal = (new.astype(old.dtype) != old).fillna(False).to_numpy(dtype=bool)
    except (TypeError, ValueError):
        unequal = (new.astype("string") != old.astype("string")).fillna(False).to_numpy(dtype=bool)
    return (unequal & ~(new_missing | old_missing)) | (new_missing != old_missing)


def _located(result: ImportResult, table: str, index: int, column: str | None, value, template: str,
             fields: dict) -> ImportProblem:
    location = result.locations[table].iloc[index]
    header = result.headers.get(table, {}).get(column, column) if column else None
    row = location["row"]
    return ImportProblem(location["file"], location["sheet"], None if pd.isna(row) else int(row), header, value,
                         template, fields)


def _from_book_problem(problem: Problem, result: ImportResult, origins: dict) -> ImportProblem:
    """A problem the book found with the change, located in the files (``origins``: (table,
    row id) → (file, sheet, row) of the rows the change sets or inserts)."""
    header = result.headers.get(problem.table, {}).get(problem.column, problem.column) if problem.column else None
    origin = origins.get((problem.table, problem.row))
    if origin is not None:
        return ImportProblem(*origin, header, None, problem.template, problem.fields)
    where = problem.table if problem.key is None else f"{problem.table} {problem.key}"
    return ImportProblem(where, None, None, header, None, problem.template, problem.fields)


