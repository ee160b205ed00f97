"""How long a quota scenario takes: the demo book with 200 and 2,000 reps, a year planned by
won weights, history seasonality and a ramp, 12 months (prints figures; not a test).

    PYTHONPATH=src python tools/quota_speed.py
"""

from __future__ import annotations

import time
from datetime import date

from planner.core.demo import demo_book
from planner.core.quota_planning import QuotaInputs, plan_quotas
from planner.core.usable import usable


def main() -> None:
    for reps, deals in ((200, 20_000), (2_000, 200_000)):
        book = demo_book(as_of=date(2026, 6, 30), reps=reps, deals=deals).snapshot()
        start = time.perf_counter()
        usable(book)  # the book's checks, shared with every figure of a revision
        checked = time.perf_counter() - start
        inputs = QuotaInputs(2027, 10**11, over=1_100_000, weights="won", seasonality="history", basis=2025,
                             ramp=(250_000, 500_000, 750_000))
        start = time.perf_counter()
        scenario = plan_quotas(book, inputs)
        first = time.perf_counter() - start
        start = time.perf_counter()
        plan_quotas(book, QuotaInputs(2027, 10**11, weights="equal", seasonality="flat", ramp=(500_000,)))
        again = time.perf_counter() - start
        start = time.perf_counter()
        book.applied(scenario.change(book))
        what_if = time.perf_counter() - start
        print(f"{len(scenario.reps):,} reps × 12 months ({deals:,} deals): book checks {checked:.2f} s; "
              f"first scenario {first:.3f} s (credit lines built), another {again:.3f} s; "
              f"what-if applied {what_if:.3f} s")


if __name__ == "__main__":
    main()
