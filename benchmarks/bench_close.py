"""What a period close costs on a large book: planning the close, an edit the closed period's
guard checks (a deal's name, an open deal's amount), 1,000 deals re-amounted, the adjustments a statement adds, with and without a close.

    python benchmarks/bench_close.py [--deals 100000] [--reps 200]

The demo book of that size (as of 2026-06-30); closes 2026-Q1 and prints seconds (best of 3).
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from planner.core.adjustments import statement
from planner.core.changes import SetValues
from planner.core.close import plan_close
from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.schema import ROW_ID


def best(run, times: int = 3) -> float:
    out = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return min(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=200)
    args = parser.parse_args()
    book = demo_book(deals=args.deals, reps=args.reps, as_of=pd.Timestamp("2026-06-30").date())
    q1, q2 = Period.parse("2026-Q1"), Period.parse("2026-Q2")
    deals = book["Deals"]
    open_deal = int(deals.index[deals["closed"].isna()][0])
    later = deals.index[(deals["closed"] >= "2026-04-01").to_numpy(dtype=bool, na_value=False)][:1000]

    def edit(book, row, value):
        return SetValues("Deals", pd.DataFrame({"name": pd.array([value], dtype="string")},
                                               index=pd.Index([row], name=ROW_ID)))

    batch = SetValues("Deals", pd.DataFrame({"amount": deals.loc[later, "amount"] + 1}))
    amount = SetValues("Deals", pd.DataFrame({"amount": deals.loc[[open_deal], "amount"] + 1}))
    print(f"{len(deals):,} deals, {len(book['Reps']):,} reps")
    print(f"no close:   a name {best(lambda: book.validate(edit(book, open_deal, 'x'))):.4f} s, "
          f"an amount {best(lambda: book.validate(amount)):.4f} s, "
          f"1,000 deals {best(lambda: book.validate(batch)):.4f} s, "
          f"Q2 statement {best(lambda: statement(book.copy(), q2)):.4f} s")
    plan_time = best(lambda: plan_close(book.copy(), q1, "bench"), 1)
    book.apply(plan_close(book, q1, "bench").change)
    print(f"closing 2026-Q1: {plan_time:.3f} s to plan ({len(book['Ledger']):,} ledger lines)")
    print(f"with Q1 closed: a name {best(lambda: book.validate(edit(book, open_deal, 'y'))):.4f} s, "
          f"an amount {best(lambda: book.validate(amount)):.4f} s, "
          f"1,000 deals {best(lambda: book.validate(batch)):.4f} s, "
          f"Q2 statement {best(lambda: statement(book.copy(), q2)):.4f} s")


if __name__ == "__main__":
    main()
