"""Engine and storage benchmark: a large generated book through report and file round trip.

Measures, for a demo book of ``--deals`` deals and ``--reps`` reps (as of 2026-06-30):

* generating the book (``demo_book``);
* ``compute_report`` for the default period with the derived facts still to build (a new
  revision), then for other periods once they are built (target ≤ 50 ms);
* a full write to a new file (Save As; target ≤ 1 s), opening it for editing and loading it
  (target ≤ 1 s), and a change-set save of ``--edits`` edited deals (target ≤ 50 ms);
* the file's size.

Prints one line per figure; nothing is asserted. Run it by hand from the project root:

    python benchmarks/bench_engine.py                 # 100,000 deals, 200 reps
    python benchmarks/bench_engine.py --deals 20000 --reps 50
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.report import compute_report
from planner.session import saving_changes
from planner.storage import BOOK_SUFFIX, Store, write_book
from timing import best_of, timed

AS_OF = date(2026, 6, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deals", type=int, default=100_000, help="deals in the book (default: 100000)")
    parser.add_argument("--reps", type=int, default=200, help="reps in the book (default: 200)")
    parser.add_argument("--edits", type=int, default=1000, help="deals edited before a change-set save (default: 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept (default: 3)")
    args = parser.parse_args()

    print(f"engine: book of {args.deals:,} deals, {args.reps} reps, as of {AS_OF}")
    seconds, book = timed(lambda: demo_book(as_of=AS_OF, deals=args.deals, reps=args.reps))
    print(f"engine: generate book {seconds:.2f} s "
          f"({len(book['Deals']):,} deals, {len(book['StageHistory']):,} stage-history rows)")

    seconds, _ = timed(lambda: compute_report(book))
    print(f"engine: report of a new revision ({book.current_period().label}, facts built) {seconds * 1000:.0f} ms")
    for label in ("2026-Q1", "2026-05", "2026"):
        seconds = best_of(args.repeat, lambda: compute_report(book, Period.parse(label)))
        print(f"engine: report for another period ({label}, facts reused) {seconds * 1000:.0f} ms "
              f"(best of {args.repeat}; target 50 ms)")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bench{BOOK_SUFFIX}"
        seconds = best_of(args.repeat, lambda: write_book(book, path))
        print(f"storage: full write to a new file {seconds * 1000:.0f} ms (best of {args.repeat}; target 1 s)")

        def open_for_editing():
            store = Store.open(path, "edit")
            return store, store.load()

        opens = []
        for _ in range(args.repeat):
            seconds, (store, live) = timed(open_for_editing)
            opens.append(seconds)
            store.close()
        print(f"storage: open for editing and load {min(opens) * 1000:.0f} ms (best of {args.repeat}; target 1 s)")

        store, live = open_for_editing()
        saves = []
        for run in range(args.repeat):
            deals = live["Deals"]
            edited = deals.iloc[run::max(len(deals) // args.edits, 1)][:args.edits]
            live.set_values("Deals", edited[["amount", "name"]].assign(amount=edited["amount"] + 1,
                                                                       name=edited["name"] + " ✓"))
            saving = saving_changes(store, live)  # the changes taken; the write is timed
            seconds, revision = timed(saving.work)
            saving.finish(revision)
            saves.append(seconds)
        store.close()
        print(f"storage: change-set save of {args.edits:,} edited deals {min(saves) * 1000:.1f} ms "
              f"(best of {args.repeat}; target 50 ms)")
        print(f"storage: file size {path.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
