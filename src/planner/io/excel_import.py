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

Order logs (sales exports with no pipeline: an order date, an amount, a customer, a rep or a
region, no stage) are read as won deals, one per order (:mod:`~planner.io.import_orders`).

The work is split over small modules: :mod:`~planner.io.import_sources` reads the files,
:mod:`~planner.io.import_reader`, :mod:`~planner.io.import_derive` and
:mod:`~planner.io.import_orders` map and parse them,
:mod:`~planner.io.import_build` and :mod:`~planner.io.import_merge` make a book of the result or
merge it into one; this module holds the entry points and names them all.
"""

from __future__ import annotations

import errno
import gc
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path

from planner.core.book import Book
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError, os_reason
from planner.io import safety
from planner.io.import_build import build_book
from planner.io.import_merge import MergeSummary, plan_merge
from planner.io.import_reader import _Reader
from planner.io.import_results import (  # the messages and constants, named here as before
    LISTED, HEADER_SCAN, PREVIEW_ROWS, UNASSIGNED, GENERATED, MERGE_KEYS, NOTHING_IMPORTED, CANCELLED,
    MISSING_COLUMN, DUPLICATE, NO_OWNER, MADE_REPS, MADE_STAGES, OPEN_NO_AMOUNT, OPEN_NO_CREATED,
    NO_CREATED_COLUMN, CLOSED_NEEDS, NOT_STATUS, NOT_BOOLEAN, SKIPPED, GENERATED_IDS, NO_IDS_TO_MERGE,
    AMBIGUOUS_DATES, NOT_READABLE, ENCODING, EMPTY, ImportCancelled, ImportProblem, ImportRefused,
    ImportResult, SourcePreview,
)
from planner.io.import_sources import _read_csv, _read_xlsx, _Source
from planner.io.mapping import Mapping


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
                               reason=os_reason(FileNotFoundError(errno.ENOENT, "")))
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
        and its first ``PREVIEW_ROWS`` rows as text; and the currency the files say.

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
    said = reader.files_currency()
    for source in reader.previews:
        source.currency = said
    return reader.previews


__all__ = [
    "AMBIGUOUS_DATES", "CANCELLED", "CLOSED_NEEDS", "DUPLICATE", "EMPTY", "ENCODING", "GENERATED",
    "GENERATED_IDS", "HEADER_SCAN", "LISTED", "MADE_REPS", "MADE_STAGES", "MERGE_KEYS", "MISSING_COLUMN",
    "NOTHING_IMPORTED", "NOT_BOOLEAN", "NOT_READABLE", "NOT_STATUS", "NO_CREATED_COLUMN", "NO_IDS_TO_MERGE",
    "NO_OWNER", "OPEN_NO_AMOUNT", "OPEN_NO_CREATED", "PREVIEW_ROWS", "SKIPPED", "UNASSIGNED",
    "ImportCancelled", "ImportProblem", "ImportRefused", "ImportResult", "MergeSummary", "SourcePreview",
    "build_book", "plan_merge", "preview", "read_tables",
]
