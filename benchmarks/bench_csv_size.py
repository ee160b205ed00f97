"""How long and how much memory `planner import` takes for a large deals CSV, under an
address-space limit, and that a CSV over the size limit is refused at once.

    python benchmarks/bench_csv_size.py [MB ...] [--limit-gb 4]

For each size, writes a deals CSV of about that many megabytes to a temporary folder, runs
`planner import FILE --out BOOK` in a child process under `prlimit --as` (the limit), prints
the exit status, seconds and the child's peak resident memory, and deletes the files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = "Deal ID,Deal Name,Owner,Stage,Amount,Created,Closed\n"
STAGES = ("Prospecting", "Qualification", "Proposal", "Closed Won", "Closed Lost")


def write_csv(path: Path, megabytes: float) -> int:
    """A deals CSV of about ``megabytes`` MB; returns its number of data rows."""
    target, rows = int(megabytes * 1_000_000), 0
    block = []
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(HEADER)
        written = len(HEADER)
        while written < target:
            block.clear()
            for n in range(rows, rows + 10_000):
                closed = f"2025-12-{n % 28 + 1:02d}" if n % 5 >= 3 else ""
                block.append(f"D-{n:09d},Deal {n},Rep {n % 200},{STAGES[n % 5]},{n % 100_000}.50,"
                             f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d},{closed}\n")
            text = "".join(block)
            handle.write(text)
            written += len(text)
            rows += 10_000
    return rows


def run(csv: Path, book: Path, limit_gb: float) -> tuple[int, float, float, str]:
    """Exit status, seconds, peak resident MB of the import, last line of its output."""
    started = time.perf_counter()
    child = subprocess.Popen(["prlimit", f"--as={int(limit_gb * (1 << 30))}", sys.executable, "-m", "planner",
                              "import", str(csv), "--out", str(book)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)  # prlimit execs the command: this is the import's usage
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    last = (output.strip().splitlines() or [""])[-1]
    return child.returncode, seconds, usage.ru_maxrss / 1024, last[:160]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=float, default=[10, 50, 1000], help="CSV sizes in MB")
    parser.add_argument("--limit-gb", type=float, default=4.0, help="address-space limit of the import (GB)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="planner-csv-"))
    try:
        for megabytes in args.sizes:
            csv, book = folder / "deals.csv", folder / "deals.planner"
            rows = write_csv(csv, megabytes)
            code, seconds, peak, last = run(csv, book, args.limit_gb)
            print(f"{csv.stat().st_size / 1e6:8.1f} MB, {rows:>10,} rows: exit {code}, {seconds:6.1f} s, "
                  f"peak {peak:7.0f} MB (limit {args.limit_gb:g} GB)  {last}")
            csv.unlink()
            book.unlink(missing_ok=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONPATH", str(Path(__file__).resolve().parents[1] / "src"))
    main()
