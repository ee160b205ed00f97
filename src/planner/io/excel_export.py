"""Export a book to one auditable Excel workbook (XlsxWriter; no Qt).

The workbook holds, in this order:

- **Summary**: the book, the period, the key pipeline and forecast figures, how many formula
  checks disagree, and the engine's warnings; **Charts**: native Excel charts (pipeline by
  stage, attainment by rep against 100 %, forecast against quota per quarter, won revenue by
  month); **Dashboard**: the app's dashboard charts as native charts beside their figures
  (funnel by stage with conversion, weighted pipeline by expected-close month, win rate and
  sales cycle by month, time in stage against won deals); **AttainmentCharts**: the Attainment
  tab's charts beside their figures (attainment by rep against 100 %, quota versus won by
  month, the rep quadrant scatter); **Backtest**: each forecast method's accuracy per month over
  the last twelve full months, charted, its summary and the stage calibration;
- the **computed sheets**: Commissions, Statements (every payout's lines), Attainment and
  TeamAttainment (the report period first, then the other quarters and the year), Forecast,
  PipelineStages, PipelineByRep and WonByMonth;
- the **input sheets**, one per table of the schema in schema order, headed by the schema's
  column names and followed by the user's own columns: re-importing them gives the same book;
- **CreditLines**: a line per won deal and credited rep (its owner, or each rep of its Splits
  rows), its share, dates and amount formulas over Deals, Splits and Stages; attainment and
  commissions sum them (:mod:`~planner.io.export_credit`).

A book with problems is exported as its input sheets and a **Problems** sheet. Reading an
export back: :func:`export_mapping` tells the importer which sheets are tables.

Auditable: wherever a formula can say how a figure is computed, the computed sheets hold a
live formula over the exported sheets (``SUMIFS``/``COUNTIFS``, or ``SUMPRODUCT`` where a
criterion could be misread as a pattern, a number or a date) — credit, attainment and every
commission line included, so a what-if typed in the input sheets flows through to
commissions — the value Planner computed
beside it in a column headed ``… (app)``, and an ``Agrees`` column that is TRUE when every
formula of the row equals the app's value to the minor unit. Formulas name the data ranges
they read (``SUMIFS(CreditLines_amount,CreditLines_rep,A2,…)``; ``PeriodStart``/``PeriodEnd``
are the report period's first and last days on the Summary). Formulas are written without
cached values; Excel and LibreOffice compute them on opening. Money is in major units of the
book's currency, rounded in formulas as the book rounds (``ROUND``, ``ROUNDDOWN``, …), and each
weighted amount is rounded per deal, exactly as the engine does, so sums agree to the cent.

User text is always written as text (a value starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return stays text), never as a formula.

The large input sheets are written in XlsxWriter's ``constant_memory`` mode, their rows
built as XML text a column at a time with numpy (:class:`_FastRows`); where that fast path is
unavailable the same cells go through XlsxWriter's ``write_*`` calls.

The work is split over small modules: :mod:`~planner.io.export_tables` (input sheets, styles,
fast rows), :mod:`~planner.io.export_formulas` (conditional sums, rounding, grids),
:mod:`~planner.io.export_labels` (the words people read, translated),
:mod:`~planner.io.export_workbook` (layout and orchestration) with the computed sheets
(:mod:`~planner.io.export_computed`, :mod:`~planner.io.export_commissions`,
:mod:`~planner.io.export_credit`), the Summary (:mod:`~planner.io.export_summary`) and the
charts (:mod:`~planner.io.export_charts`, :mod:`~planner.io.export_dashboard`); this module holds
the entry points and names them all.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from planner.core.book import Book, Tables
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError, os_reason
from planner.core.periods import Period
from planner.core.report import compute_report
from planner.io.export_common import (AGREES, APP_SUFFIX, COMPUTED_SHEETS, EXCEL_MAX_FORMULA, EXCEL_MAX_ROWS,
                                      EXCEL_MAX_TEXT, FORMULA_TOO_LONG, INPUT_SHEETS, TEXT_TOO_LONG, TOO_MANY_ROWS,
                                      ExportSummary, Progress, _check_rows, excel_serial, excel_serials)
from planner.io.export_formulas import Cond, aggregate, criterion_safe, rounded
from planner.io.export_tables import _FastRows, _input_frames  # noqa: F401 (_FastRows: named here for tests)
from planner.io.export_workbook import _WorkbookWriter
from planner.storage.dialects import is_url
from planner.storage.files import same_file


def export_book(book: Tables, path: str | os.PathLike, period: Period | str | None = None,
                progress: Progress | None = None, translate=None,
                source: str | os.PathLike | None = None) -> ExportSummary:
    """Write ``book`` (a :class:`Book` or a snapshot) to the workbook ``path``.

    ``period`` (default: the quarter of the book's date) is the period of the computed
    sheets. A book with problems is exported too, input sheets only, with a Problems sheet
    listing them. ``progress(fraction, step)`` is called as the work advances (raise from it
    to cancel). ``translate(context, text)`` (default: none; the app passes
    ``QCoreApplication.translate``) translates what people read: the Summary, the computed
    sheets' headers, the charts' titles and labels, warnings and problems.
    The file is written beside ``path`` and renamed into place, so a failed or cancelled export
    never leaves half a workbook. An existing workbook at ``path`` is replaced (the caller asked
    first); anything else there (a book, a CSV, a folder), and ``source``, the book's own file
    when given, never is.

    Raises
    ------
    PlannerError
        When a setting the figures need is wrong (currency, as_of, rounding), when a sheet
        would exceed Excel's row limit, when a text is longer than an Excel cell holds, or
        when ``path`` cannot be written or must not be replaced.
    """
    started = time.perf_counter()
    path = Path(path)
    check_target(path, source)
    if progress:
        progress(0.0, "Computing")
    snapshot = book.snapshot() if isinstance(book, Book) else book
    snapshot.check_settings()
    if isinstance(period, str):
        period = Period.parse(period)
    period = period or snapshot.current_period()
    # a book with problems is exported without figures, its problems listed: the computed
    # sheets' formulas sum every row of the input sheets, the problem rows too
    report = None if snapshot.problems() else compute_report(snapshot, period)
    inputs = _input_frames(snapshot)
    for name, frame in inputs.items():
        _check_rows(name, len(frame))

    temporary = path.resolve().parent / f".{path.stem}-{secrets.token_hex(6)}.xlsx"
    try:
        writer = _WorkbookWriter(snapshot, report, period, inputs, str(temporary), progress, translate)
        summary = writer.write()
        os.replace(temporary, path)
    except (OSError, FileCreateError) as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise PlannerError(CANNOT_WRITE, path=str(path), reason=_reason(error)) from None
    except BaseException:
        with contextlib.suppress(OSError):  # the first error is the one to report
            temporary.unlink(missing_ok=True)
        raise
    summary.path = path
    summary.seconds = time.perf_counter() - started
    return summary


CANNOT_WRITE = QT_TRANSLATE_NOOP("errors", "{path} cannot be written: {reason}")
NO_PERMISSION = QT_TRANSLATE_NOOP("errors", "Cannot save {path}: no permission to write there")
NOT_A_WORKBOOK = QT_TRANSLATE_NOOP("errors", "{path} exists and is not an Excel workbook: it is not replaced "
                                             "(choose another name)")
IS_THE_BOOK = QT_TRANSLATE_NOOP("errors", "{path} is the book being exported: choose another name for the "
                                          "workbook")
IS_A_FOLDER = QT_TRANSLATE_NOOP("errors", "{path} is a folder; choose a file name")
NO_FOLDER = QT_TRANSLATE_NOOP("errors", "Cannot save {path}: the folder {folder} does not exist")
NOT_XLSX_NAME = QT_TRANSLATE_NOOP("errors", "{path}: export writes an Excel workbook; give it a name ending in .xlsx "
                                            "({suggested})")
_XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip archive


def check_target(path: Path, source: str | os.PathLike | None = None) -> None:
    """Refuse a workbook target that must not be replaced or cannot be written: the exported
    book itself (``source``, also through another path or a link), a folder, an existing file
    that is not an xlsx workbook (an empty file may be replaced), a name not ending in .xlsx
    (Excel would not open it), a missing or read-only folder. An existing workbook passes:
    whether to replace it is the caller's question."""
    path = Path(path)
    if source is not None and not is_url(source) and same_file(path, Path(source)):
        raise PlannerError(IS_THE_BOOK, path=str(path))
    if path.is_dir():
        raise PlannerError(IS_A_FOLDER, path=str(path))
    if path.exists():
        try:
            with path.open("rb") as file:
                head = file.read(4)
        except OSError as error:
            raise PlannerError(CANNOT_WRITE, path=str(path), reason=_reason(error)) from None
        if head and head != _XLSX_MAGIC:
            raise PlannerError(NOT_A_WORKBOOK, path=str(path))
    if path.suffix.lower() != ".xlsx":
        raise PlannerError(NOT_XLSX_NAME, path=str(path), suggested=str(path.with_suffix(".xlsx")))
    check_writable(path)


def check_writable(path: Path) -> None:
    """Refuse to write a file at ``path`` when it is a folder, or its folder is missing or
    not writable (files are written beside their place and renamed into it: a link there is
    replaced, never written through)."""
    if path.is_dir():
        raise PlannerError(IS_A_FOLDER, path=str(path))
    folder = path.absolute().parent  # the folder of the name itself, not of what a link there points to
    if not folder.is_dir():
        raise PlannerError(NO_FOLDER, path=str(path), folder=str(path.parent))
    if not os.access(folder, os.W_OK):
        raise PlannerError(NO_PERMISSION, path=str(path))


def _reason(error: BaseException) -> str:
    """Why a file could not be written (the operating system's reason, translated when known)."""
    if isinstance(error, OSError) and error.strerror:
        return os_reason(error)
    cause = error.__context__ if isinstance(error, FileCreateError) else None
    if isinstance(cause, OSError) and cause.strerror:
        return os_reason(cause)
    return str(error)


def export_mapping():
    """The import mapping that reads an exported workbook back into a book: each input sheet
    as its table, every computed sheet left out (their headers look like tables' headers)."""
    from planner.io.mapping import Mapping

    return Mapping(tables={**{name: name for name in INPUT_SHEETS}, **dict.fromkeys(COMPUTED_SHEETS)})


__all__ = [
    "AGREES", "APP_SUFFIX", "COMPUTED_SHEETS", "EXCEL_MAX_FORMULA", "EXCEL_MAX_ROWS", "EXCEL_MAX_TEXT",
    "FORMULA_TOO_LONG", "INPUT_SHEETS", "TEXT_TOO_LONG", "TOO_MANY_ROWS", "Cond", "ExportSummary", "Progress",
    "aggregate", "check_target", "check_writable", "criterion_safe", "excel_serial", "excel_serials", "export_book",
    "export_mapping", "rounded", "same_file",
]
