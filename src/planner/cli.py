"""The command line: the same engine as the desktop app, for batch runs and tests.

This module never imports Qt (an import-linter contract checks it); ``planner.__main__``
hands the ``open`` command to the desktop app.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from planner import __version__, cli_backtest, cli_close, cli_forecast, cli_statement
from planner.cli_quotas import add_parser as add_quotas_parser
from planner.cli_quotas import run_quotas
from planner.cli_text import error_line, go_ahead, print_json, report_text, terminal
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError, os_reason
from planner.core.periods import Period

COMMANDS = ("open", "demo", "report", "statement", "copy", "import", "export", "forecast", "quotas", "close",
            "backtest")

NOT_CONFIRMED = QT_TRANSLATE_NOOP("errors", "{book} was not changed: pass --yes to apply these changes, or --dry-run "
                                            "to only show them")

ALREADY_EXISTS = QT_TRANSLATE_NOOP("errors", "{path} already exists (use --force to overwrite it)")
HOLDS_BOOK = QT_TRANSLATE_NOOP("errors", "{target} already holds a Planner book (use --force to replace it)")
CANNOT_WRITE = QT_TRANSLATE_NOOP("errors", "{path} cannot be written: {reason}")

DESCRIPTION = """\
Planner: a spreadsheet-style planner for sales teams (pipeline, quotas, attainment,
commissions, forecasts).

  planner                       open the desktop app on the built-in demo book
  planner BOOK                  open BOOK in the desktop app
  planner demo --out BOOK       write the demo book to BOOK
  planner report BOOK --json    print the book's figures as one JSON object
  planner statement BOOK --rep S02 --period 2026-01   a rep's commission statement
  planner copy SRC DST [--force]  copy a book between a file and a PostgreSQL database
  planner import FILE... --out BOOK     a new book from Excel/CSV files (CRM exports too)
  planner import FILE... --into BOOK    show what merging them into BOOK by id changes, then
                                        ask (--yes: apply, --dry-run: only show)
  planner export BOOK --out FILE.xlsx   an auditable workbook: sheets, formulas, charts
  planner forecast snapshot BOOK        save the period's forecast by every method in BOOK
  planner forecast accuracy BOOK        how accurate each method was, per closed period
  planner quotas BOOK --year Y --target AMOUNT   spread a year's target to reps and months
                                        (--apply --yes: write it to the Quotas table)
  planner close BOOK --period P         freeze P's commission statements (--reopen: open it again)
  planner backtest BOOK [--from P] [--to P]   every forecast method replayed on the book as it
                                        stood before each past period, and stage win rates

BOOK is a book file (.planner) or a PostgreSQL address, postgresql://user@host/database
(the password comes from PGPASSWORD or ~/.pgpass, never from the command line).

Periods are written 2026-01 (month), 2026-Q1 (quarter) or 2026 (year).
"""


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (expected YYYY-MM-DD, e.g. 2026-06-30)") from None


def _check_as_of(day: date | None) -> None:
    """Refuse a real day outside the years a book keeps (1900-01-01 is a date, 1800-01-01 too)."""
    from planner.core.dates import YEAR_RANGE
    from planner.core.schema import FIRST_YEAR, LAST_YEAR

    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PlannerError(YEAR_RANGE, value=f"--as-of {day.isoformat()}", low=FIRST_YEAR, high=LAST_YEAR)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planner", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    opener = commands.add_parser("open", help="open the desktop app (the default command)")
    opener.add_argument("book", nargs="?", type=_target,
                        help="book file (.planner) or postgresql://… address; the demo book when omitted")
    opener.add_argument("--lang", choices=["en", "ko", "ja"], help="user-interface language (default: the system's)")

    demo = commands.add_parser("demo", help="write the built-in demo book to a file")
    demo.add_argument("--out", required=True, type=_target, help="where to write the book (file or postgresql://…)")
    demo.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD",
                      help="the demo's last day (default: today); the same date gives the same book")
    demo.add_argument("--deals", type=int, default=1500, help="number of deals (default: 1500)")
    demo.add_argument("--reps", type=int, default=None, help="number of reps (default: the 15 of the demo)")
    demo.add_argument("--force", action="store_true", help="replace the book or file at BOOK")

    report = commands.add_parser("report", help="print pipeline, attainment, commissions and forecast")
    report.add_argument("book", type=_target, help="book file (.planner) or postgresql://… address")
    report.add_argument("--period", help="2026-01, 2026-Q1 or 2026 (default: the quarter of --as-of, else of the book's as_of setting, else of today)")
    report.add_argument("--json", action="store_true", help="print one JSON object (money as decimal strings)")
    report.add_argument("--strict", action="store_true",
                        help="exit with status 1 when the book has problems (the figures are printed all the same)")
    report.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD",
                        help="the day figures that depend on today are computed for (time in stage, stalled and "
                             "slipped deals, deal age; default: the book's as_of setting, else today)")
    report.add_argument("--growth", metavar="RATE", help="historical forecast: growth rate, 5%% or 0.05 (a number "
                                                           "above 1 without %% is refused), from -100%% to 1000%%, "
                                                           "e.g. --growth -10%% (default: the forecast_growth setting)")
    report.add_argument("--new-reps", metavar="N", help="historical forecast: reps joining in the period, 0 to "
                                                         "10,000 (default: the forecast_new_reps setting)")
    report.add_argument("--new-rep-revenue", metavar="AMOUNT",
                        help="historical forecast: first-month revenue of a new rep, in the book's currency, at "
                             "most 10^11 minor units (1,000,000,000.00 USD; default: the forecast_new_rep_revenue "
                             "setting)")

    cli_statement.add_parser(commands, _target)

    importer = commands.add_parser("import", help="read Excel (.xlsx) or CSV files into a new book, or merge them into one")
    importer.add_argument("files", nargs="+", type=Path, help=".xlsx or .csv files (UTF-8, CP949 or CP932)")
    where = importer.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=_target, help="write a new book here (file or postgresql://…)")
    where.add_argument("--into", type=_target, help="merge into this book by id: new rows added, changed rows "
                                                    "updated, in one save; what changes is shown first")
    confirm = importer.add_mutually_exclusive_group()
    confirm.add_argument("--yes", "-y", action="store_true", help="with --into: apply the changes without asking")
    confirm.add_argument("--dry-run", action="store_true", help="with --into: only show what would change")
    importer.add_argument("--mapping", type=Path, help="a saved mapping (JSON) of sheets, headers and stages")
    importer.add_argument("--save-mapping", type=Path, help="save the mapping used (guessed or given) here")
    importer.add_argument("--force", action="store_true", help="replace the --out BOOK or the --save-mapping file "
                                                               "if it exists")
    importer.add_argument("--currency", metavar="CODE",
                          help="the currency of the amounts and of a new book (an ISO code: USD, KRW, JPY, ...); "
                               "default: the mapping's currency, else what the files say (a Settings sheet, a "
                               "currency column, signs such as ₩ or ￥), else USD with a warning")
    importer.add_argument("--date-order", choices=("mdy", "dmy"),
                          help="read dates such as 03/05/2026 month first (mdy) or day first (dmy); default: "
                               "the mapping's date_order, else what the file's dates show")

    exporter = commands.add_parser("export", help="write an auditable Excel workbook of a book")
    exporter.add_argument("book", type=_target, help="book file (.planner) or postgresql://… address")
    exporter.add_argument("--out", required=True, type=Path, help="the workbook to write (.xlsx)")
    exporter.add_argument("--period", help="the period of the computed sheets (default: the current quarter)")
    exporter.add_argument("--force", action="store_true", help="replace FILE.xlsx if it exists (only ever a workbook)")

    cli_forecast.add_parser(commands, _target, _day)
    add_quotas_parser(commands, _target, _day)
    cli_close.add_parser(commands, _target)
    cli_backtest.add_parser(commands, _target)

    copy = commands.add_parser("copy", help="copy a book between files and PostgreSQL databases, losslessly")
    copy.add_argument("source", type=_target, help="book file or postgresql://… address to read")
    copy.add_argument("target", type=_target, help="book file or postgresql://… address to write (a file or "
                                                  "a book there is replaced only with --force)")
    copy.add_argument("--force", action="store_true", help="replace the target file or database book")
    return parser


def _target(text: str) -> str | Path:
    """A book file path, or a database URL kept as text."""
    from planner.storage.dialects import target_of

    return target_of(text)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse ``argv``; with no command, ``open`` is meant (``planner``, ``planner BOOK``)."""
    argv = _negative_values(list(sys.argv[1:] if argv is None else argv))
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "open")
    return build_parser().parse_args(argv)


def _negative_values(argv: list[str]) -> list[str]:
    """``--growth -10%`` as ``--growth=-10%`` (``--target`` too, refused with its own message): argparse takes a value starting with ``-`` (that
    is not a bare number) for an option of its own."""
    out = []
    for token in argv:
        if out and out[-1] in ("--growth", "--target") and token.startswith("-"):
            out[-1] = f"{out[-1]}={token}"
        else:
            out.append(token)
    return out


def run(args: argparse.Namespace) -> int:
    """Run a command-line command (not ``open``); returns the exit status. What it prints has
    control characters escaped, and a failed write of it is a :class:`PlannerError`."""
    with terminal():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        return _demo(args)
    if args.command == "report":
        return _report(args)
    if args.command == "statement":
        return cli_statement.run(args)
    if args.command == "copy":
        return _copy(args)
    if args.command == "import":
        return _import(args)
    if args.command == "export":
        return _export(args)
    if args.command == "forecast":
        _check_as_of(args.as_of)
        return cli_forecast.run(args)
    if args.command == "quotas":
        _check_as_of(args.as_of)
        return run_quotas(args, _interactive())
    if args.command == "close":
        return cli_close.run(args)
    if args.command == "backtest":
        return cli_backtest.run(args, _interactive())
    raise ValueError(args.command)


def fail(error: PlannerError) -> int:
    print(error_line(error), file=sys.stderr)
    return 1


def _demo(args: argparse.Namespace) -> int:
    from planner.core.demo import MAX_DEALS, MAX_REPS, demo_book
    from planner.core.schema import FIRST_YEAR, LAST_YEAR

    if args.as_of and not FIRST_YEAR + 2 <= args.as_of.year <= LAST_YEAR - 1:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "--as-of must lie between {low} and {high}"),
                           low=FIRST_YEAR + 2, high=LAST_YEAR - 1)
    for name, count, high in (("--deals", args.deals, MAX_DEALS), ("--reps", args.reps, MAX_REPS)):
        if count is not None and not 1 <= count <= high:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{name} must be a whole number from 1 to {high:,}"),
                               name=name, high=high)
    from planner.storage import write_book

    _refuse_to_replace(args.out, args.force)
    # --force replaces whatever is there (a damaged book, another file), not a book open elsewhere
    write_book(demo_book(as_of=args.as_of, deals=args.deals, reps=args.reps), args.out, replace_other=args.force)
    print(f"wrote {_shown(args.out)}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from planner.core.report import compute_report
    from planner.storage import open_book

    _check_as_of(args.as_of)
    period = Period.parse(args.period) if args.period is not None else None
    inputs = {"forecast_growth": args.growth, "forecast_new_reps": args.new_reps,
              "forecast_new_rep_revenue": args.new_rep_revenue}
    report = compute_report(open_book(args.book), period, as_of=args.as_of, forecast_inputs=inputs)
    if args.json:
        print_json(report.to_json())
    else:
        print(report_text(report))
    return 1 if args.strict and report.problems else 0


def _import(args: argparse.Namespace) -> int:
    from planner.core import schema
    from planner.core.money import minor_digits
    from planner.io.excel_import import build_book, read_tables
    from planner.io.mapping import Mapping
    from planner.storage import write_book

    mapping = Mapping.load(args.mapping) if args.mapping else _planner_export_mapping(args.files)
    if args.date_order:  # an empty mapping guesses everything else, as none does
        mapping = mapping or Mapping()
        mapping.date_order = args.date_order
    if args.currency:  # refused as the Settings currency is
        args.currency = args.currency.upper()
        minor_digits(args.currency)
    if args.out is not None and (args.yes or args.dry_run):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "--yes and --dry-run go with --into"))
    if isinstance(args.out, Path):
        _check_import_out(args.out, args.files, args.force)
    elif args.out is not None:
        _refuse_to_replace(args.out, args.force)
    if args.save_mapping:  # checked before anything is written: a bad name never leaves half the work done
        _check_new_file(args.save_mapping, [*args.files, *(p for p in (args.out, args.into) if isinstance(p, Path))],
                        args.force)
    if args.into is not None:
        result, applied = _merge_into(args, mapping)
    else:
        result, applied = read_tables(args.files, mapping, currency=args.currency), True
        result.refuse_if_problems()
        book = build_book(result)
        write_book(book, args.out, replace_other=args.force)
        counts = ", ".join(f"{len(book[name]):,} {name}" for name in schema.TABLES if len(book[name]))
        print(f"imported {counts} into {_shown(args.out)}")
        _print_warnings(result.warnings, sys.stderr, "")
    if args.save_mapping:
        try:
            result.mapping.save(args.save_mapping)
        except OSError as error:
            raise PlannerError(CANNOT_WRITE, path=str(args.save_mapping), reason=os_reason(error)) from None
    return 0 if applied else 1


def _check_import_out(out: Path, files: list[Path], force: bool) -> None:
    """``import --out``: a new book, never one of the files read nor a workbook or CSV name."""
    from planner.storage.files import same_file

    if out.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".csv"):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path}: import --out writes a Planner book (.planner), not "
                                                       "a workbook or CSV; use planner export for a workbook"),
                           path=str(out))
    if out.is_dir():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is a folder; choose a file name"), path=str(out))
    if any(same_file(out, path) for path in files):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is one of the files being imported: choose another "
                                                       "name for the book"), path=str(out))
    _refuse_to_replace(out, force)


def _check_new_file(path: Path, keep: list[Path], force: bool) -> None:
    """Refuse to write ``path`` when it is one of ``keep``, cannot be written, or exists and
    ``force`` is not given."""
    from planner.io.excel_export import check_writable
    from planner.storage.files import same_file

    if not path.is_dir() and any(same_file(path, other) for other in keep):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is one of the files this command reads or writes: "
                                                       "choose another name"), path=str(path))
    check_writable(path)
    _refuse_to_replace(path, force)


def _refuse_to_replace(target: Path | str, force: bool) -> None:
    """What every command that writes a file does with one already there (a link too, even
    one to nothing), and one that writes a book to a database with a book in it (a team's
    shared book): refuse, unless ``--force`` says to replace it."""
    if force:
        return
    if isinstance(target, Path):
        if os.path.lexists(target):
            raise PlannerError(ALREADY_EXISTS, path=str(target))
        return
    from planner.storage import database_holds_book

    if database_holds_book(target):
        raise PlannerError(HOLDS_BOOK, target=_shown(target))


def _shown(target: Path | str) -> str:
    """A book's place for messages: a database address never with its password."""
    from planner.storage.dialects import shown

    return shown(target)


def _print_warnings(warnings: list, file, indent: str) -> None:
    for warning in warnings[:20]:
        print(f"{indent}warning: {warning}", file=file)
    if len(warnings) > 20:
        print(f"{indent}warning: (and {len(warnings) - 20} more)", file=file)


def _merge_into(args: argparse.Namespace, mapping):
    """``import --into``: plan the merge and print what it changes, then apply it only when
    told to: ``--yes``, or the user answers yes at a terminal; ``--dry-run`` stops after the
    plan; without a terminal and neither flag, nothing is applied (an error). Returns the
    import and whether the book is as the user wanted (False: the user said no).

    The plan is made on the book opened read-only, so a merge that is not applied leaves the
    file as it was, byte for byte; only applying opens it for editing, and plans again on the
    book opened: if that plan differs from the one shown (someone changed the book meanwhile),
    nothing is applied."""
    from planner.io.excel_import import plan_merge, read_tables
    from planner.session import Session

    asking = not (args.yes or args.dry_run) and _interactive()
    book = _load(args.into, "read")
    if args.currency and args.currency != book.currency:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "--currency {currency} is not the currency of {book} "
                                                       "({book_currency}): a merge reads amounts in the book's"),
                           currency=args.currency, book=_shown(args.into), book_currency=book.currency)
    result = read_tables(args.files, mapping, currency=book.currency, book=book)
    result.refuse_if_problems()
    change, summary = plan_merge(book, result)
    shown = _plan_lines(book, change, summary)
    place = _shown(args.into)
    print(f"merging {', '.join(map(str, args.files))} into {place}:")
    for line in shown:
        print(f"  {line}")
    _print_warnings(result.warnings, sys.stdout, "  ")
    if summary.empty:
        print(f"nothing to change: {place} is left as it is")
        return result, True
    if args.dry_run:
        print(f"dry run: {place} was not changed")
        return result, True
    if not go_ahead(args.yes, asking, PlannerError(NOT_CONFIRMED, book=place),
                    f"Apply these changes to {place}?", f"not applied: {place} was not changed"):
        return result, False
    with Session.open(args.into) as session:
        change, summary = plan_merge(session.book, result)
        if _plan_lines(session.book, change, summary) != shown:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{book} was changed by someone else while the merge was "
                                                           "planned; nothing was applied: run the import again"),
                               book=place)
        session.apply(change, f"Import {', '.join(map(str, args.files))}")
        session.save()
    print(f"merged into {place}: {summary}")
    return result, True


def _load(target, mode: str):
    from planner.storage import Store

    store = Store.open(target, mode)
    try:
        return store.load()
    finally:
        store.close()


def _plan_lines(book, change, summary, rows_shown: int = 5) -> list[str]:
    """What a merge will do: per table the rows to add, to change and left unchanged, and the
    first changed rows by key with each changed cell as the book shows it, old → new."""
    from planner.io.import_session import changed_rows

    out = []
    for table, counts in summary.tables.items():
        out.append(f"{table}: {counts['added']:,} to add, {counts['changed']:,} to change, "
                   f"{counts['unchanged']:,} unchanged")
        rows = []
        for row in changed_rows(book, change, limit=10 * rows_shown, table=table):
            cells = [f"{column} {before or '(empty)'} → {after or '(empty)'}"
                     for column, before, after in row.cells if before != after]
            if cells:
                rows.append(f"  {row.key}: {', '.join(cells)}")
        out += rows[:rows_shown]
        if rows and counts["changed"] > len(rows[:rows_shown]):
            out.append(f"  (and {counts['changed'] - len(rows[:rows_shown]):,} more)")
        if table in summary.new_columns:
            out.append(f"  new columns: {', '.join(summary.new_columns[table])}")
    return out


def _interactive() -> bool:
    """Whether a person can answer a question (stdin is a terminal)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _planner_export_mapping(files: list[Path]):
    """A workbook Planner exported reads back through its own mapping (its computed sheets
    would otherwise look like tables)."""
    from planner.io.excel_export import export_mapping

    for path in files:
        if path.suffix.lower() == ".xlsx" and path.is_file():
            try:
                from python_calamine import CalamineWorkbook

                names = set(CalamineWorkbook.from_path(str(path)).sheet_names)
            except Exception:  # noqa: BLE001 - the importer reports what is wrong with the file
                return None
            if {"Summary", "CreditLines", "Deals"} <= names:
                return export_mapping()
    return None


def _export(args: argparse.Namespace) -> int:
    from planner.io.excel_export import check_target, export_book
    from planner.storage import open_book

    check_target(args.out, args.book)  # before the book is read: the book itself is never replaced
    _refuse_to_replace(args.out, args.force)
    summary = export_book(open_book(args.book), args.out, args.period, source=args.book)
    print(f"wrote {args.out}: {len(summary.sheets)} sheets, {summary.formulas:,} live formulas, "
          f"{summary.charts} charts (period {summary.period})")
    return 0


def _copy(args: argparse.Namespace) -> int:
    from planner.storage import copy_book

    _refuse_to_replace(args.target, args.force)
    book = copy_book(args.source, args.target, replace_other=args.force)
    rows = sum(len(book[name]) for name in book._frames)
    print(f"copied {_shown(args.source)} to {_shown(args.target)} ({rows:,} rows)")
    return 0
