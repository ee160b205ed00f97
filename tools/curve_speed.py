"""How long a plan's payout curve takes (core/payout_curve.py: the engine run on a synthetic book
of one rep and one won deal per point) and its chart (charts/plan_curve.py), on the demo book
and on one with 200 reps and 100,000 deals: the book's own size should not matter (prints
figures; not a test).

    PYTHONPATH=src python tools/curve_speed.py
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from matplotlib.figure import Figure

from planner.charts.plan_curve import draw_payout_curve
from planner.core.demo import demo_book
from planner.core.payout_curve import payout_curve, plan_rows
from planner.core.usable import usable

RUNS = 7


def timed(action) -> float:
    """The median of RUNS runs, in milliseconds."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    for reps, deals in ((None, None), (200, 100_000)):
        sized = {} if reps is None else {"reps": reps, "deals": deals}
        book = demo_book(as_of=date(2026, 6, 30), **sized).snapshot()
        usable(book)  # the book's checks: once per revision, shared with the report
        for plan, name in zip(book["Plans"].index, book["Plans"]["plan"]):
            curve = payout_curve(book, int(plan))
            compute = timed(lambda plan=plan: payout_curve(book, int(plan)))
            rows = plan_rows(book, int(plan))

            def draw(curve=curve, rows=rows, name=name):
                figure = Figure(figsize=(8, 3.4), dpi=100)
                draw_payout_curve(figure, curve, *rows[:3], name)
                figure.canvas.draw()

            drawn = timed(draw)
            print(f"{len(book['Deals']):>7,} deals, plan {name}: {len(curve.points)} points, "
                  f"curve {compute:.0f} ms, chart {drawn:.0f} ms (median of {RUNS})")


if __name__ == "__main__":
    main()
