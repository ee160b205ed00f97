"""Issue 18's table: each figure beside its floor measured in the same run, and the ratio.

For demo books of 10,000 and 100,000 deals (add ``--sizes 10000,100000,1000000`` for a
million: about 10 minutes more), as of 2026-06-30, prints one row per measure:

* results after a one-cell edit (the report of the new revision; the debounce excluded);
  floor: the report again, unchanged;
* the first report (facts to build), of the generated book and of the book just opened from its
  file; floor: a pandas groupby of won/open amounts by rep;
* the report for another period, facts cached: a month of the quarter shown, and a quarter
  not shown yet; floor: that groupby on the quarter's deals;
* ``planner report --json``, the whole process (its modules compiled once, as installed);
  floor: a process importing pandas, fetching every table with raw sqlite3 and doing one groupby;
* opening a book (``Store.open`` + ``load``); floor: raw sqlite3 ``fetchall`` of every table;
* app start to a usable grid and to first results (demo book at the smallest size, then the
  book); floor: pandas and a bare window; with the peak RSS.

Best of ``--repeat`` for each figure and its floor. Nothing is asserted. Run it from the
project root (timings on a shared machine are noisy: compare ratios):

    python benchmarks/run_all.py
    python benchmarks/run_all.py --sizes 100000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pandas as pd

from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.report import compute_report
from planner.storage import BOOK_SUFFIX, Store, write_book
from timing import best_of, timed

AS_OF = date(2026, 6, 30)
HERE = Path(__file__).resolve().parent
FLOOR_PROCESS = """
import sqlite3, sys
import pandas as pd
connection = sqlite3.connect(sys.argv[1])
names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
cursors = {n: connection.execute(f'SELECT * FROM "{n}"') for n in names}
tables = {n: (cursor.fetchall(), [d[0] for d in cursor.description]) for n, cursor in cursors.items()}
deals = pd.DataFrame.from_records(tables["Deals"][0], columns=tables["Deals"][1])
print(deals.groupby(["owner", "stage"])["amount"].sum().head(1).to_json())
"""


def groupby_floor(book, period: Period | None = None) -> object:
    """Won and open amounts by rep: the least a report does."""
    deals, stages = book["Deals"], book["Stages"]
    if period is not None:
        closed = deals["closed"]
        deals = deals[closed.isna() | ((closed >= pd.Timestamp(period.start)) & (closed <= pd.Timestamp(period.end)))]
    kind = deals["stage"].map(stages["kind"])
    return deals.groupby([deals["owner"], kind])["amount"].sum()


def raw_fetch(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return sum(len(connection.execute(f'SELECT * FROM "{n}"').fetchall()) for n in names)
    finally:
        connection.close()


def open_book(path: Path):
    store = Store.open(path, "edit")
    try:
        return store.load()
    finally:
        store.close()


# Modules compiled once, as an installed Planner has them (app_start.py does the same): with
# PYTHONDONTWRITEBYTECODE set, as in this project's shells, each process would compile
# Planner's sources again. The bytecode goes to a folder of its own; the first run fills it.
COMPILED = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPYCACHEPREFIX": os.path.join(tempfile.gettempdir(), "planner-bench-bytecode")}


def process_seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=COMPILED)
    return time.perf_counter() - start


def app_start(book: Path | None, bare: bool = False) -> tuple[float, float, float]:
    """Seconds to the grid and to first results, and the peak RSS in MiB, of one app start."""
    command = [sys.executable, str(HERE / "app_start.py")] + (["--bare"] if bare else []) + \
        ([str(book)] if book else [])
    start = time.time()
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=600).stdout
    marks = {line.split()[0]: line.split()[1:] for line in output.splitlines() if line.split()}
    grid = float(marks["grid"][0]) - start
    if "results" not in marks:
        return grid, float("nan"), float("nan")
    return grid, float(marks["results"][0]) - start, float(marks["results"][1])


def best_start(runs: int, book: Path | None, bare: bool = False) -> tuple[float, float, float]:
    starts = [app_start(book, bare) for _ in range(runs)]
    return min(s[0] for s in starts), min(s[1] for s in starts), min(s[2] for s in starts)


def row(measure: str, figure: float, floor: float | None, target: str, unit: str = "ms") -> None:
    scale = 1000 if unit == "ms" else 1

    def shown(seconds):
        return f"{seconds * scale:,.0f} {unit}" if unit == "ms" else f"{seconds:.2f} s"

    ratio = f"{figure / floor:.1f}×" if floor else "—"
    print(f"| {measure} | {shown(figure)} | {shown(floor) if floor else '—'} | {ratio} | {target} |", flush=True)


def measure(deals: int, repeat: int, folder: Path, demo_start: bool) -> None:
    seconds, book = timed(lambda: demo_book(as_of=AS_OF, deals=deals, reps=max(20, deals // 500)))
    print(f"\n### {deals:,} deals (generated in {seconds:.1f} s; best of {repeat})\n")
    print("| measure | figure | floor | ratio | target |\n|---|---|---|---|---|")
    deals_frame = book["Deals"]
    first, first_floor = best_of(repeat, lambda: compute_report(book.copy())), best_of(repeat, lambda: groupby_floor(book))
    row("first report", first, first_floor, "≤ 150 ms at 100k, ≤ 1.5 s at 1M")

    compute_report(book)
    unchanged = best_of(repeat, lambda: compute_report(book))
    edits = []
    for run in range(repeat):
        deal = int(deals_frame.index[run * 7])
        book.set_value("Deals", deal, "amount", int(book["Deals"].at[deal, "amount"]) + 100)
        edits.append(timed(lambda: compute_report(book))[0])
    row("results after a one-cell edit", min(edits), unchanged, "≤ 100 ms at 100k, ≤ 1 s at 1M")

    other = Period.parse("2026-Q1")
    compute_report(book, other)
    floor = best_of(repeat, lambda: groupby_floor(book, other))
    months = [Period.parse(label) for label in ("2026-01", "2026-02", "2026-03")]  # of the quarter shown
    another = min(timed(lambda: compute_report(book, period))[0] for period in months[:repeat])
    row("report for another period: a month of the quarter shown", another, floor, "≤ 20 ms")
    quarters = [Period.parse(label) for label in ("2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1", "2024-Q4")]
    another = min(timed(lambda: compute_report(book, period))[0] for period in quarters[:repeat])
    row("report for another period: a quarter not shown", another, floor, "≤ 20 ms")

    path = folder / f"bench{deals}{BOOK_SUFFIX}"
    write_book(book, path)
    fetch = best_of(repeat, lambda: raw_fetch(path))
    row("open a book", best_of(repeat, lambda: open_book(path)), fetch, "≤ 1.3× raw fetchall")
    # the first report again, on the book as a file gives it: its text is new strings, each hashed
    # by the checks for the first time (the generated book's repeat one object, hashed already)
    first = min(timed(lambda: compute_report(opened))[0] for opened in (open_book(path) for _ in range(repeat)))
    row("first report, of a book just opened", first, first_floor, "≤ 150 ms at 100k, ≤ 1.5 s at 1M")

    cli = best_of(repeat, lambda: process_seconds([sys.executable, "-m", "planner", "report", "--json", str(path)]))
    floor = best_of(repeat, lambda: process_seconds([sys.executable, "-c", FLOOR_PROCESS, str(path)]))
    row("`planner report --json`, whole process", cli, floor, "≤ 1.3× the floor", unit="s")

    bare = best_start(repeat, None, bare=True)[0]
    if demo_start:
        grid, results, peak = best_start(repeat, None)
        row("app start to a usable grid, demo book", grid, bare, "—", unit="s")
        row(f"app start to first results, demo book ({peak:.0f} MiB)", results, bare, "≤ 1.5×", unit="s")
    grid, results, peak = best_start(repeat, path)
    row("app start to a usable grid", grid, bare, "≤ 2 s at 100k", unit="s")
    row(f"app start to first results ({peak:.0f} MiB)", results, bare, "results may follow", unit="s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="deal counts, comma-separated (default: 10000,100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept (default: 3)")
    args = parser.parse_args()
    print(f"Planner benchmarks, as of {AS_OF}, {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as folder:
        for n, deals in enumerate(int(size) for size in args.sizes.split(",")):
            measure(deals, args.repeat, Path(folder), demo_start=n == 0)


if __name__ == "__main__":
    main()
