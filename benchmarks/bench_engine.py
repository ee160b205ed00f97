"""Engine and storage benchmark: a large generated book through report and file round trip.

Measures, for a demo book of ``--deals`` deals and ``--reps`` reps (as of 2026-06-30):

* generating the book (``demo_book``),
* ``compute_report`` for the default period (the quarter of the as-of date) and for the
  year 2026, best of ``--repeat`` runs each,
* ``save_book`` to a fresh file, ``save_book`` again over that file (the in-place
  transactional save), and ``open_book``; then the file's size.

Prints one line per figure; nothing is asserted. Run it by hand from the project root:

    python benchmarks/bench_engine.py                 # 100,000 deals, 200 reps
    python benchmarks/bench_engine.py --deals 20000 --reps 50
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.report import compute_report
from planner.storage import BOOK_SUFFIX, open_book, save_book

AS_OF = date(2026, 6, 30)


def timed(action):
    """Run ``action()`` once; return (seconds, result)."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def best_of(runs: int, action) -> float:
    return min(timed(action)[0] for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deals", type=int, default=100_000, help="deals in the book (default: 100000)")
    parser.add_argument("--reps", type=int, default=200, help="reps in the book (default: 200)")
    parser.add_argument("--repeat", type=int, default=3, help="report runs per period, best kept (default: 3)")
    args = parser.parse_args()

    print(f"engine: book of {args.deals:,} deals, {args.reps} reps, as of {AS_OF}")
    seconds, book = timed(lambda: demo_book(as_of=AS_OF, deals=args.deals, reps=args.reps))
    print(f"engine: generate book {seconds:.2f} s "
          f"({len(book['Deals']):,} deals, {len(book['StageHistory']):,} stage-history rows)")

    for period in (book.current_period(), Period.parse("2026")):
        seconds = best_of(args.repeat, lambda: compute_report(book, period))
        print(f"engine: full report ({period.label}) {seconds:.2f} s (best of {args.repeat})")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bench{BOOK_SUFFIX}"
        seconds, _ = timed(lambda: save_book(book, path))
        print(f"storage: save to a new file {seconds:.2f} s")
        seconds, _ = timed(lambda: save_book(book, path))
        print(f"storage: save over the existing file (in place) {seconds:.2f} s")
        seconds, reopened = timed(lambda: open_book(path))
        print(f"storage: open {seconds:.2f} s ({len(reopened['Deals']):,} deals read back)")
        print(f"storage: file size {path.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
