"""Export benchmark: the full workbook export against a plain openpyxl write of the same rows.

For a demo book of ``--deals`` deals and ``--reps`` reps (as of 2026-06-30), measured in the
same run:

* ``export_book`` on a book whose figures were never computed: the report, every input
  sheet, the computed sheets with their formulas, the credit lines and the charts;
* a plain ``openpyxl`` write of the same input rows (a ``write_only`` workbook, one sheet per
  table, values only: no formats, formulas, charts or computed sheets), timed twice: the
  write alone from rows already converted to Python values, and with that conversion.

Prints each time (best of ``--repeat``), the ratios export ÷ openpyxl (goal ≤ 0.7) and the file
sizes. Nothing is asserted. Run it by hand from the project root:

    python benchmarks/bench_export.py                  # 100,000 deals, 200 reps
    python benchmarks/bench_export.py --deals 20000 --reps 50
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from planner.core import schema
from planner.core.demo import demo_book
from planner.core.money import minor_digits
from planner.io.excel_export import export_book
from timing import timed

AS_OF = date(2026, 6, 30)


def python_rows(snapshot) -> dict[str, tuple[list[str], list[tuple]]]:
    """Each table's header and rows as the Python values a spreadsheet holds: money in major
    units, ratios as fractions, days as datetimes, references as the user's ids."""
    scale = 10 ** minor_digits(snapshot.currency)
    out = {}
    for name, spec in schema.TABLES.items():
        frame = snapshot.keyed(name)
        columns = []
        for column in frame.columns:
            values = frame[column]
            kind = spec.column(column).kind if column in spec.names else None
            if pd.api.types.is_datetime64_any_dtype(values):
                converted = [None if pd.isna(day) else day for day in values.dt.to_pydatetime()]
            elif kind is schema.Kind.MONEY:
                converted = (values.astype("Float64") / scale).astype(object).where(values.notna(), None).tolist()
            elif kind is schema.Kind.RATIO:
                converted = (values.astype("Float64") / 1e6).astype(object).where(values.notna(), None).tolist()
            else:
                converted = values.astype(object).where(values.notna(), None).tolist()
            columns.append(converted)
        out[name] = (list(frame.columns), list(zip(*columns)) if columns else [])
    return out


def openpyxl_write(rows: dict[str, tuple[list[str], list[tuple]]], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, (header, values) in rows.items():
        sheet = workbook.create_sheet(name)
        sheet.append(header)
        for row in values:
            sheet.append(row)
    workbook.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deals", type=int, default=100_000, help="deals in the book (default: 100000)")
    parser.add_argument("--reps", type=int, default=200, help="reps in the book (default: 200)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure, best kept (default: 1)")
    args = parser.parse_args()

    book = demo_book(as_of=AS_OF, deals=args.deals, reps=args.reps)
    snapshot = book.snapshot()
    cells = sum(frame.size for frame in (snapshot.keyed(name) for name in schema.TABLES))
    print(f"export: book of {len(snapshot['Deals']):,} deals, {len(snapshot['StageHistory']):,} stage-history "
          f"rows, {args.reps} reps ({cells:,} input cells), as of {AS_OF}")

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        exports, plain, plain_converted = [], [], []
        for run in range(args.repeat):
            # a book whose figures were never computed: the export computes its own report
            fresh = snapshot if run == 0 else demo_book(as_of=AS_OF, deals=args.deals, reps=args.reps).snapshot()
            seconds, summary = timed(lambda fresh=fresh: export_book(fresh, folder / "export.xlsx"))
            exports.append(seconds)
            convert_seconds, rows = timed(lambda fresh=fresh: python_rows(fresh))
            seconds, _ = timed(lambda rows=rows: openpyxl_write(rows, folder / "openpyxl.xlsx"))
            plain.append(seconds)
            plain_converted.append(seconds + convert_seconds)
        export_s, plain_s, converted_s = min(exports), min(plain), min(plain_converted)
        print(f"export: export_book (inputs, {len(summary.sheets) - len(schema.TABLES)} computed sheets, "
              f"{summary.formulas:,} formulas, {summary.charts} charts) {export_s:.2f} s "
              f"({(folder / 'export.xlsx').stat().st_size / 1e6:.1f} MB)")
        print(f"export: plain openpyxl write_only of the input rows {plain_s:.2f} s "
              f"({(folder / 'openpyxl.xlsx').stat().st_size / 1e6:.1f} MB); "
              f"with converting the tables to Python rows {converted_s:.2f} s")
        print(f"export: ratio export ÷ openpyxl write {export_s / plain_s:.2f}× "
              f"(goal ≤ 0.7×); ÷ openpyxl convert + write {export_s / converted_s:.2f}×")
        if args.repeat > 1:
            print(f"export: best of {args.repeat} runs each")


if __name__ == "__main__":
    main()
