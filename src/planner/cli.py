"""The command line: the same engine as the desktop app, for batch runs and tests.

This module never imports Qt (an import-linter contract checks it); ``planner.__main__``
hands the ``open`` command to the desktop app.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pandas as pd

from planner import __version__
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import format_money
from planner.core.periods import Period

COMMANDS = ("open", "demo", "report", "copy", "import", "export", "forecast")

NOT_CONFIRMED = QT_TRANSLATE_NOOP("errors", "{book} was not changed: pass --yes to apply these changes, or --dry-run "
                                            "to only show them")

ALREADY_EXISTS = QT_TRANSLATE_NOOP("errors", "{path} already exists (use --force to overwrite it)")
CANNOT_WRITE = QT_TRANSLATE_NOOP("errors", "{path} cannot be written: {reason}")
NO_PERMISSION = QT_TRANSLATE_NOOP("errors", "Cannot save {path}: no permission to write there")

DESCRIPTION = """\
Planner: a spreadsheet-style planner for sales teams (pipeline, quotas, attainment,
commissions, forecasts).

  planner                       open the desktop app on the built-in demo book
  planner BOOK                  open BOOK in the desktop app
  planner demo --out BOOK       write the demo book to BOOK
  planner report BOOK --json    print the book's figures as one JSON object
  planner copy SRC DST          copy a book between a file and a PostgreSQL database
  planner import FILE... --out BOOK     a new book from Excel/CSV files (CRM exports too)
  planner import FILE... --into BOOK    show what merging them into BOOK by id changes, then
                                        ask (--yes: apply, --dry-run: only show)
  planner export BOOK --out FILE.xlsx   an auditable workbook: sheets, formulas, charts
  planner forecast snapshot BOOK        save the period's forecast by every method in BOOK
  planner forecast accuracy BOOK        how accurate each method was, per closed period

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
    from planner.core.parse import YEAR_RANGE
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
    demo.add_argument("--out", required=True, type=Path, help="where to write the book (.planner)")
    demo.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD",
                      help="the demo's last day (default: today); the same date gives the same book")
    demo.add_argument("--deals", type=int, default=1500, help="number of deals (default: 1500)")
    demo.add_argument("--reps", type=int, default=None, help="number of reps (default: the 15 of the demo)")
    demo.add_argument("--force", action="store_true", help="overwrite BOOK if it exists")

    report = commands.add_parser("report", help="print pipeline, attainment, commissions and forecast")
    report.add_argument("book", type=_target, help="book file (.planner) or postgresql://… address")
    report.add_argument("--period", help="2026-01, 2026-Q1 or 2026 (default: the current quarter of the book's data)")
    report.add_argument("--json", action="store_true", help="print one JSON object (money as decimal strings)")
    report.add_argument("--strict", action="store_true",
                        help="exit with status 1 when the book has problems (the figures are printed all the same)")
    report.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD",
                        help="the day figures that depend on today are computed for (time in stage, stalled and "
                             "slipped deals, deal age; default: the book's as_of setting, else today)")
    report.add_argument("--growth", metavar="RATE", help="historical forecast: growth rate, 5%% or 0.05, -100%% "
                                                           "or more; a negative one with '=': --growth=-10%% "
                                                           "(default: the forecast_growth setting)")
    report.add_argument("--new-reps", metavar="N", help="historical forecast: reps joining in the period "
                                                         "(default: the forecast_new_reps setting)")
    report.add_argument("--new-rep-revenue", metavar="AMOUNT",
                        help="historical forecast: first-month revenue of a new rep, in the book's currency "
                             "(default: the forecast_new_rep_revenue setting)")

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
    importer.add_argument("--force", action="store_true", help="with --out: replace BOOK if it exists")
    importer.add_argument("--date-order", choices=("mdy", "dmy"),
                          help="read dates such as 03/05/2026 month first (mdy) or day first (dmy); default: "
                               "the mapping's date_order, else what the file's dates show")

    exporter = commands.add_parser("export", help="write an auditable Excel workbook of a book")
    exporter.add_argument("book", type=_target, help="book file (.planner) or postgresql://… address")
    exporter.add_argument("--out", required=True, type=Path, help="the workbook to write (.xlsx)")
    exporter.add_argument("--period", help="the period of the computed sheets (default: the current quarter)")
    exporter.add_argument("--force", action="store_true", help="replace FILE.xlsx if it exists (only ever a workbook)")

    _forecast_parser(commands)

    copy = commands.add_parser("copy", help="copy a book between files and PostgreSQL databases, losslessly")
    copy.add_argument("source", type=_target, help="book file or postgresql://… address to read")
    copy.add_argument("target", type=_target, help="book file or postgresql://… address to write (replaced)")
    return parser


def _target(text: str) -> str | Path:
    """A book file path, or a database URL kept as text."""
    return text if "://" in text else Path(text)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse ``argv``; with no command, ``open`` is meant (``planner``, ``planner BOOK``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "open")
    return build_parser().parse_args(argv)


def run(args: argparse.Namespace) -> int:
    """Run a command-line command (not ``open``); returns the exit status."""
    if args.command == "demo":
        return _demo(args)
    if args.command == "report":
        return _report(args)
    if args.command == "copy":
        return _copy(args)
    if args.command == "import":
        return _import(args)
    if args.command == "export":
        return _export(args)
    if args.command == "forecast":
        return _forecast(args)
    raise ValueError(args.command)


def fail(error: PlannerError) -> int:
    print(f"planner: error: {error}", file=sys.stderr)
    return 1


def _demo(args: argparse.Namespace) -> int:
    from planner.core.demo import demo_book
    from planner.storage import save_book

    from planner.core.schema import FIRST_YEAR, LAST_YEAR

    if args.as_of and not FIRST_YEAR + 2 <= args.as_of.year <= LAST_YEAR - 1:
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "--as-of must lie between {low} and {high}"),
                           low=FIRST_YEAR + 2, high=LAST_YEAR - 1)
    if args.deals < 1 or (args.reps is not None and args.reps < 1):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "--deals and --reps must be positive"))
    if args.out.exists() and not args.force:
        raise PlannerError(ALREADY_EXISTS, path=str(args.out))
    save_book(demo_book(as_of=args.as_of, deals=args.deals, reps=args.reps), args.out)
    print(f"wrote {args.out}")
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
        sys.stdout.reconfigure(encoding="utf-8")
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(_text(report))
        print(_problems_text(report))
    return 1 if args.strict and report.problems else 0


def _problems_text(report) -> str:
    """The book's problems and the rows they leave out of the figures above (empty: none)."""
    if not report.problems:
        return ""
    left = report.left_out
    lines = ["", f"Problems ({len(report.problems)}):"] + [f"  {problem}" for problem in report.problems]
    if left.count:
        sections = ", ".join(f"{name} ({count})" for name, count in left.sections.items())
        lines.append(f"Left out of the figures: {left.count} row(s), in {sections}")
        for (table, row), (key, number) in left.places.items():
            because = left.rows[table][row]
            lines.append(f"  {table} {key or f'row {number}'}" + (
                "" if (because.table, because.row) == (table, row) else f" (because of {because})"))
        if left.owned:
            lines.append("  with the rows they own: " + ", ".join(f"{table} {count}" for table, count in left.owned.items()))
    if left.kept:
        lines.append(f"{len(left.kept)} won or lost deal(s) without a created date: left out of cycle and cohort "
                     "figures only")
    return "\n".join(lines)


def _import(args: argparse.Namespace) -> int:
    from planner.core import schema
    from planner.io.excel_import import build_book, read_tables
    from planner.io.mapping import Mapping
    from planner.storage import write_book

    mapping = Mapping.load(args.mapping) if args.mapping else _planner_export_mapping(args.files)
    if args.date_order:  # an empty mapping guesses everything else, as none does
        mapping = mapping or Mapping()
        mapping.date_order = args.date_order
    if args.out is not None and (args.yes or args.dry_run):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "--yes and --dry-run go with --into"))
    if isinstance(args.out, Path):
        _check_import_out(args.out, args.files, args.force)
    if args.save_mapping:  # checked before anything is written: a bad name never leaves half the work done
        _check_new_file(args.save_mapping, [*args.files, *(p for p in (args.out, args.into) if isinstance(p, Path))])
    if args.into is not None:
        result, applied = _merge_into(args, mapping)
    else:
        result, applied = read_tables(args.files, mapping), True
        result.refuse_if_problems()
        book = build_book(result)
        write_book(book, args.out, replace_other=args.force)
        counts = ", ".join(f"{len(book[name]):,} {name}" for name in schema.TABLES if len(book[name]))
        print(f"imported {counts} into {args.out}")
        _print_warnings(result.warnings, sys.stderr, "")
    if args.save_mapping:
        try:
            result.mapping.save(args.save_mapping)
        except OSError as error:
            raise PlannerError(CANNOT_WRITE, path=str(args.save_mapping), reason=error.strerror or str(error)) from None
    return 0 if applied else 1


def _check_import_out(out: Path, files: list[Path], force: bool) -> None:
    """``import --out``: a new book, never one of the files read nor a workbook or CSV name."""
    from planner.io.excel_export import same_file

    if out.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".csv"):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path}: import --out writes a Planner book (.planner), not "
                                                       "a workbook or CSV; use planner export for a workbook"),
                           path=str(out))
    if out.is_dir():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is a folder; choose a file name"), path=str(out))
    if any(same_file(out, path) for path in files):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is one of the files being imported: choose another "
                                                       "name for the book"), path=str(out))
    if out.exists() and not force:
        raise PlannerError(ALREADY_EXISTS, path=str(out))


def _check_new_file(path: Path, keep: list[Path]) -> None:
    """Refuse to write ``path`` when it is a folder, one of ``keep``, or its folder is missing
    or not writable."""
    from planner.io.excel_export import same_file

    if path.is_dir():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is a folder; choose a file name"), path=str(path))
    if any(same_file(path, other) for other in keep):
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is one of the files this command reads or writes: "
                                                       "choose another name"), path=str(path))
    folder = path.resolve().parent
    if not folder.is_dir():
        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Cannot save {path}: the folder {folder} does not exist"),
                           path=str(path), folder=str(path.parent))
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise PlannerError(NO_PERMISSION, path=str(path))


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
    from planner.storage import Store

    asking = not (args.yes or args.dry_run) and _interactive()
    book = _load(args.into, "read")
    result = read_tables(args.files, mapping, currency=book.currency, book=book)
    result.refuse_if_problems()
    change, summary = plan_merge(book, result)
    shown = _plan_lines(book, change, summary)
    print(f"merging {', '.join(map(str, args.files))} into {args.into}:")
    for line in shown:
        print(f"  {line}")
    _print_warnings(result.warnings, sys.stdout, "  ")
    if summary.empty:
        print(f"nothing to change: {args.into} is left as it is")
        return result, True
    if args.dry_run:
        print(f"dry run: {args.into} was not changed")
        return result, True
    if not args.yes:
        if not asking:
            raise PlannerError(NOT_CONFIRMED, book=str(args.into))
        try:
            answer = input(f"Apply these changes to {args.into}? [y/N] ").strip().lower()
        except (EOFError, KeyboardInterrupt):  # Ctrl-D or Ctrl-C: a no
            print()
            answer = ""
        if answer not in ("y", "yes"):
            print(f"not applied: {args.into} was not changed")
            return result, False
    store = Store.open(args.into, "edit")
    try:
        book = store.load()
        change, summary = plan_merge(book, result)
        if _plan_lines(book, change, summary) != shown:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{book} was changed by someone else while the merge was "
                                                           "planned; nothing was applied: run the import again"),
                               book=str(args.into))
        book.apply(change)
        changes = book.take_changes()
        if changes:
            book.saved(changes, store.save(book.snapshot(), changes, dict(book.versions)))
    finally:
        store.close()
    print(f"merged into {args.into}: {summary}")
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
    if args.out.exists() and not args.force:
        raise PlannerError(ALREADY_EXISTS, path=str(args.out))
    summary = export_book(open_book(args.book), args.out, args.period, source=args.book)
    print(f"wrote {args.out}: {len(summary.sheets)} sheets, {summary.formulas:,} live formulas, "
          f"{summary.charts} charts (period {summary.period})")
    return 0


def _copy(args: argparse.Namespace) -> int:
    from planner.storage import copy_book
    from planner.storage.dialects import shown, url_of

    book = copy_book(args.source, args.target)
    rows = sum(len(book[name]) for name in book._frames)
    print(f"copied {shown(url_of(args.source))} to {shown(url_of(args.target))} ({rows:,} rows)")
    return 0


def _forecast_parser(commands) -> None:
    forecast = commands.add_parser("forecast", help="save forecast snapshots and see how accurate each method was")
    actions = forecast.add_subparsers(dest="action", metavar="ACTION", required=True)
    snapshot = actions.add_parser("snapshot", help="save the forecast of a period by every method in the book "
                                                   "(a snapshot of the same period and day is replaced)")
    snapshot.add_argument("book", type=_target, help="book file (.planner) or postgresql://… address")
    snapshot.add_argument("--period", help="2026-01, 2026-Q1 or 2026 (default: the quarter of --as-of)")
    snapshot.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD",
                          help="the day the forecast is made on and dated by (default: the book's as_of setting, "
                               "else today)")
    judged = actions.add_parser("accuracy", help="accuracy per closed period and method: 1 − |forecast − actual| "
                                                 "÷ actual, the last snapshot taken before the period ended")
    judged.add_argument("book", type=_target, help="book file (.planner) or postgresql://… address")
    judged.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD",
                        help="periods that have ended by this day are judged (default: the book's as_of)")
    judged.add_argument("--json", action="store_true", help="print one JSON object (money as decimal strings)")


def _forecast(args: argparse.Namespace) -> int:
    """``planner forecast snapshot|accuracy``: snapshots are saved like any edit of the book."""
    from planner.core.forecast_accuracy import FORECAST_ACCURACY, METHOD_ACCURACY, accuracy, snapshot_change
    from planner.core.report import json_records
    from planner.core.usable import usable
    from planner.storage import Store, open_book

    _check_as_of(args.as_of)
    if args.action == "accuracy":
        book, _left_out = usable(open_book(args.book))
        as_of = args.as_of or book.as_of
        judged, per_method = accuracy(book, as_of)
        data = {"currency": book.currency, "as_of": as_of.isoformat(),
                "forecast_accuracy": json_records(judged, FORECAST_ACCURACY, book.currency),
                "forecast_method_accuracy": json_records(per_method, METHOD_ACCURACY, book.currency)}
        if args.json:
            sys.stdout.reconfigure(encoding="utf-8")
            json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            print(_accuracy_text(data))
        return 0
    store = Store.open(args.book, "edit")
    try:
        book = store.load()
        as_of = args.as_of or book.as_of
        period = Period.parse(args.period) if args.period is not None else Period.containing(as_of, "quarter")
        book.apply(snapshot_change(book, period, as_of))
        changes = book.take_changes()
        book.saved(changes, store.save(book.snapshot(), changes, dict(book.versions)))
        saved = book["ForecastSnapshots"]
        saved = saved[(saved["period"] == period.label) & (saved["taken"] == pd.Timestamp(as_of))]
    finally:
        store.close()
    amounts = ", ".join(f"{method} {format_money(int(amount), book.currency)}"
                        for method, amount in zip(saved["method"], saved["amount"]))
    print(f"saved the forecast of {period} as of {as_of} into {args.book}: {amounts} ({book.currency})")
    return 0


def _accuracy_text(data: dict) -> str:
    def share(value) -> str:
        return "-" if value is None else f"{value:.1%}"

    lines = [f"Forecast accuracy as of {data['as_of']}, amounts in {data['currency']} "
             "(1 - |forecast - actual| / actual; rank 1 = the period's best method)"]
    if not data["forecast_accuracy"]:
        lines.append("No snapshot of a period that has ended (save some with `planner forecast snapshot`).")
    for row in data["forecast_accuracy"]:
        lines.append(f"  {row['period']:<8} {row['method']:<19} taken {row['taken']}  forecast {row['forecast']:>14}  "
                     f"actual {row['actual']:>14}  {share(row['accuracy']):>7}  "
                     + (f"rank {row['rank']}" if row["rank"] is not None else row["note"] or ""))
    if data["forecast_method_accuracy"]:
        lines += ["", "By method (average over the closed periods):"]
        for row in data["forecast_method_accuracy"]:
            lines.append(f"  {row['method']:<19} {share(row['average']):>7} over {row['periods']} period(s), "
                         f"best {row['best']} time(s)")
    return "\n".join(lines)


def _text(report) -> str:
    """A short human-readable report."""
    def money(minor) -> str:
        return "-" if minor is None or minor is pd.NA else format_money(int(minor), report.currency)

    def share(ratio) -> str:
        return "-" if ratio is None or pd.isna(ratio) else f"{ratio:.1%}"

    p, f = report.pipeline, report.forecast
    cycle = "-" if p["avg_cycle_days"] is None else f"{p['avg_cycle_days']:.1f} days"
    lines = [
        f"Period {report.period} (as of {report.as_of}), amounts in {report.currency}",
        f"Pipeline: {p['open_count']} open deals worth {money(p['open_value'])}, weighted {money(p['weighted_value'])}",
        f"Closed in period: {p['won_count']} won ({money(p['won_value'])}), {p['lost_count']} lost; "
        f"win rate {share(p['win_rate'])}, average won deal {money(p['avg_won_deal'])}, average cycle {cycle}, "
        f"velocity {money(p['velocity_per_day'])} a day",
        f"Forecast: won {money(f['won'])}, stage-weighted {money(f['weighted'])}, "
        f"commit {money(f['commit'])}, best case {money(f['best_case'])}, historical {money(f['historical'])}, "
        f"sales-cycle {money(f['cycle_length'])}; overdue, not in this forecast: {money(f['overdue'])}",
        f"Health: {len(report.health['stalled'])} stalled, {len(report.health['slipped'])} slipped deals",
        "",
        "Attainment:",
    ]
    for row in report.attainment.itertuples():
        lines.append(f"  {row.rep:<8} {_pad(row.name, 20)} quota {money(row.quota):>14}  "
                     f"credited {money(row.credited):>14}  {share(row.attainment):>6}")
    lines += ["", "Commissions:"]
    for row in report.commissions.itertuples():
        lines.append(f"  {row.rep:<8} {row.period:<8} {row.plan:<8} commission {money(row.commission):>12}  "
                     f"bonus {money(row.bonus):>10}  total {money(row.total):>12}")
    lines += [f"Warning: {template.format(**fields)}" for template, fields in report.warnings]
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns; Korean and Japanese letters take two."""
    used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(width - used, 0)
