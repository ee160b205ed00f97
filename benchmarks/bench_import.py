"""Import benchmark: a generated deals workbook and the Maven CSV against pandas' readers.

Measures, best of ``--repeat`` runs, interleaved so that both sides see the same machine:

* a ``--rows`` deals .xlsx written with XlsxWriter (ids, names, accounts, owners, stages,
  amounts, three date columns, products; shared strings, as Excel writes them):
  ``pandas.read_excel(path, engine="calamine")`` (reading only) against
  ``read_tables`` (safety checks, reading, mapping, parsing and checking every cell) and
  ``build_book`` (the book made of it, references resolved, its problems checked). The goal is
  read_tables ≤ 1.0 × read_excel;
* the same for the Maven "CRM Sales Opportunities" CSV (``pandas.read_csv``) when
  ``../shared/data/external/maven-crm`` is there;
* the phases of one read_tables of the workbook (safety scan, calamine, the rest).

Prints one line per figure; nothing is asserted. Run it by hand from the project root:

    python benchmarks/bench_import.py                 # 100,000 rows
    python benchmarks/bench_import.py --rows 20000 --repeat 5
"""

from __future__ import annotations

import argparse
import random
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import xlsxwriter

from planner.io import safety
from planner.io.excel_import import build_book, read_tables
from timing import best_of, timed

MAVEN = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "maven-crm"
STAGES = ["Prospecting", "Qualified", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]


def write_deals(path: Path, rows: int, seed: int = 1) -> None:
    """A deals workbook of ``rows`` rows, as a CRM export or a sales team's sheet holds them."""
    rnd = random.Random(seed)
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Deals")
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Deal ID", "Deal Name", "Account", "Owner", "Stage", "Amount", "Created",
                           "Expected close", "Closed", "Product"])
    start = date(2024, 1, 1)
    for row in range(1, rows + 1):
        stage = rnd.choice(STAGES)
        created = start + timedelta(days=rnd.randrange(700))
        sheet.write_string(row, 0, f"D-{row:06d}")
        sheet.write_string(row, 1, f"Deal {row}")
        sheet.write_string(row, 2, f"Account {rnd.randrange(2000)}")
        sheet.write_string(row, 3, f"Rep {rnd.randrange(200)}")
        sheet.write_string(row, 4, stage)
        sheet.write_number(row, 5, round(rnd.uniform(100, 100_000), 2))
        sheet.write_datetime(row, 6, datetime.combine(created, datetime.min.time()), day)
        sheet.write_datetime(row, 7, datetime.combine(created + timedelta(days=60), datetime.min.time()), day)
        if stage.startswith("Closed"):
            closed = created + timedelta(days=rnd.randrange(1, 200))
            sheet.write_datetime(row, 8, datetime.combine(closed, datetime.min.time()), day)
        sheet.write_string(row, 9, rnd.choice(["Basic", "Pro", "Enterprise"]))
    workbook.close()


def compare(label: str, baseline_name: str, baseline, path: Path, repeat: int) -> None:
    """Interleaved runs of the baseline reader, read_tables and build_book; best of each."""
    base, ours, book = [], [], []
    result = None
    for _ in range(repeat):
        base.append(timed(baseline)[0])
        seconds, result = timed(lambda: read_tables([path]))
        ours.append(seconds)
        book.append(timed(lambda result=result: build_book(result))[0])
    best_base, best_ours, best_book = min(base), min(ours), min(book)
    print(f"import: {label}: {baseline_name} {best_base:.2f} s")
    print(f"import: {label}: read_tables {best_ours:.2f} s ({best_ours / best_base:.2f} x {baseline_name}; "
          f"{result.problem_count} problems)")
    print(f"import: {label}: build_book {best_book:.2f} s (read_tables + build_book "
          f"{(best_ours + best_book) / best_base:.2f} x {baseline_name})")


def phases(path: Path, repeat: int) -> None:
    """Where one read_tables of the workbook spends its time."""
    from python_calamine import CalamineWorkbook

    check = best_of(repeat, lambda: safety.check_xlsx(path))

    def calamine():
        workbook = CalamineWorkbook.from_path(str(path))
        return workbook.get_sheet_by_name("Deals").to_python(skip_empty_area=False)
    load = best_of(repeat, calamine)
    total = best_of(repeat, lambda: read_tables([path]))
    print(f"import: phases: safety scan {check:.2f} s, calamine read {load:.2f} s, "
          f"mapping + parsing + checks {max(total - check - load, 0):.2f} s (of {total:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the generated workbook (default: 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept (default: 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deals.xlsx"
        seconds, _ = timed(lambda: write_deals(path, args.rows))
        print(f"import: wrote {args.rows:,} deals with XlsxWriter in {seconds:.1f} s "
              f"({path.stat().st_size / 1e6:.1f} MB)")
        compare(f"{args.rows:,}-row .xlsx", "read_excel(calamine)",
                lambda: pd.read_excel(path, engine="calamine"), path, args.repeat)
        phases(path, args.repeat)
    pipeline = MAVEN / "sales_pipeline.csv"
    if pipeline.exists():
        compare("Maven sales_pipeline.csv (8,800 rows)", "read_csv", lambda: pd.read_csv(pipeline), pipeline,
                max(args.repeat, 5))


if __name__ == "__main__":
    main()
