"""What a backtest costs on a large book: 24 months × 6 methods × 2 lead times (issue 19:
target ≤ 2 s), and the stage calibration beside it.

    python benchmarks/bench_backtest.py [--deals 100000] [--reps 200]

The demo book of that size as of 2026-06-30; backtests 2024-06 to 2026-05 (24 months ended by
then) and prints seconds: the first run on a fresh snapshot (the book as it stood on 25 days
is built then) and the best of 3 on fresh snapshots.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from planner.core.backtest import backtest
from planner.core.calibration import calibration
from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.usable import usable


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=200)
    args = parser.parse_args()
    book = demo_book(deals=args.deals, reps=args.reps, as_of=pd.Timestamp("2026-06-30").date())
    first, last = Period.parse("2024-06"), Period.parse("2026-05")
    print(f"{len(book['Deals']):,} deals, {len(book['StageHistory']):,} stage history rows")
    times = []
    for _ in range(3):
        frozen = book.copy().snapshot()  # nothing cached from an earlier run
        snapshot, _left_out = usable(frozen)
        start = time.perf_counter()
        result = backtest(snapshot, first, last)
        times.append(time.perf_counter() - start)
    print(f"backtest, 24 months × 6 methods × 2 lead times ({len(result.lines):,} lines): first "
          f"{times[0]:.2f} s, best of 3 {min(times):.2f} s")
    start = time.perf_counter()
    calibration(snapshot)
    print(f"stage calibration: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
