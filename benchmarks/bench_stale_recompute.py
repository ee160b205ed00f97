"""Results after a burst of edits, in the real window (offscreen), with stale recomputes
cancelled and without.

On a demo book of ``--deals`` deals (default 100,000, 200 reps) shown in the window, one deal's
amount is edited ``--edits`` times (default 5); each edit comes ``--into`` seconds (default 0.1)
after the recompute of the one before has started (the debounce of ``RECOMPUTE_AFTER_MS`` lets
each start), so every recompute but the last is made stale while it runs. Prints, per run:
the time from the last edit to its results shown (the debounce included, and from the last
recompute's start), until no job runs any more (the worker free again), and the process's
CPU seconds over the burst. "kept" runs the same with ``Job.cancel`` made a no-op: each stale
recompute runs to its end and its result is dropped, as before cancellation. The two
alternate, ``--repeat`` times each. Nothing is asserted. Run it from the project root:

    python benchmarks/bench_stale_recompute.py
    python benchmarks/bench_stale_recompute.py --deals 20000 --reps 50 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from planner.core.demo import demo_book  # noqa: E402
from planner.qt import workers  # noqa: E402
from planner.views.main_window import RECOMPUTE_AFTER_MS, MainWindow  # noqa: E402
from bench_save_under_recompute import bench_window, run_loop_until  # noqa: E402
from timing import timed  # noqa: E402

AS_OF = date(2026, 6, 30)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def burst(window: MainWindow, edits: int, into: float, first_value: int) -> tuple[float, float, float, float]:
    """Edits during each other's recomputes; seconds from the last edit to its results, from
    the last recompute's start to them, to no job running, and the CPU seconds of it all."""
    model = window.models["Deals"]
    amount = model.index(0, list(model.frame.columns).index("amount"))
    shown = []
    window.report_ready.connect(lambda: shown.append(time.perf_counter()))
    cpu = cpu_seconds()
    for number in range(edits):
        generation = window._report_generation
        edited = time.perf_counter()
        model.setData(amount, str(first_value + number), Qt.ItemDataRole.EditRole)
        if not run_loop_until(lambda: window._report_generation > generation, 60):
            raise SystemExit("no recompute started after an edit")
        started = time.perf_counter()
        if number < edits - 1:
            pause = []
            QTimer.singleShot(int(into * 1000), lambda: pause.append(True))
            run_loop_until(lambda: bool(pause), 60)
    run_loop_until(lambda: bool(shown) and shown[-1] > started, 600)
    results = shown[-1]
    run_loop_until(lambda: not window.jobs.busy, 600)
    free = time.perf_counter()
    window.report_ready.disconnect()
    expected = (first_value + edits - 1) * 100
    if int(window.book["Deals"].at[model.row_id(0), "amount"]) != expected or window.report is None:
        raise SystemExit("the results shown are not of the last edit")
    return results - edited, results - started, free - edited, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deals", type=int, default=100_000, help="deals in the book (default: 100000)")
    parser.add_argument("--reps", type=int, default=200, help="reps in the book (default: 200)")
    parser.add_argument("--edits", type=int, default=5, help="edits in a burst (default: 5)")
    parser.add_argument("--into", type=float, default=0.1,
                        help="seconds from a recompute's start to the next edit (default: 0.1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (default: 3)")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    seconds, book = timed(lambda: demo_book(as_of=AS_OF, deals=args.deals, reps=args.reps))
    print(f"stale recomputes: book of {len(book['Deals']):,} deals, {args.reps} reps (generated in {seconds:.1f} s); "
          f"{args.edits} edits, each {args.into:.2f} s into the recompute of the one before; "
          f"debounce {RECOMPUTE_AFTER_MS} ms; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    cancel = workers.Job.cancel
    with tempfile.TemporaryDirectory() as folder:
        window = bench_window(folder)
        loaded = []
        window.report_ready.connect(lambda: loaded.append(True))
        window.show_book(book)
        run_loop_until(lambda: bool(loaded) and not window.jobs.busy, 300)
        window.report_ready.disconnect()
        value = 50_000
        for run in range(args.repeat):
            for mode in ("kept", "cancelled"):
                workers.Job.cancel = cancel if mode == "cancelled" else (lambda job: None)
                results, from_start, free, cpu = burst(window, args.edits, args.into, value)
                value += args.edits
                print(f"  run {run + 1} {mode:>9}: results {results * 1000:,.0f} ms after the last edit "
                      f"({from_start * 1000:,.0f} ms after its recompute started); worker free after "
                      f"{free * 1000:,.0f} ms; CPU {cpu:.2f} s; load {os.getloadavg()[0]:.1f}", flush=True)
        workers.Job.cancel = cancel
        window.close()
        window.jobs.wait()
    app.quit()


if __name__ == "__main__":
    main()
