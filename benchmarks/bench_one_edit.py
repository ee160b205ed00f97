"""Results after a one-cell edit: ``compute_report`` of the revision after one deal's amount
(or, with ``--edit stage``, its stage: another open stage, recorded in its stage history)
changes, on a demo book (100,000 deals and 200 reps by default), beside the report unchanged.

Prints the best of ``--repeat`` edits and the ratio to the unchanged report; ``--profile``
prints the top of a cProfile of one more edit. Nothing is asserted. From the project root:

    python benchmarks/bench_one_edit.py
    python benchmarks/bench_one_edit.py --deals 20000 --profile
    python benchmarks/bench_one_edit.py --edit stage
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from datetime import date

from planner.core.demo import demo_book
from planner.core.report import compute_report
from timing import best_of, timed

AS_OF = date(2026, 6, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile one more edit")
    parser.add_argument("--edit", choices=("amount", "won-amount", "stage"), default="amount",
                        help="the cell edited: any deal's amount (most are lost), a won deal's, or a stage")
    args = parser.parse_args()

    book = demo_book(as_of=AS_OF, deals=args.deals, reps=args.reps)
    compute_report(book)
    unchanged = best_of(args.repeat, lambda: compute_report(book))
    deals, stages = book["Deals"], book["Stages"]
    open_stages = stages.index[stages["kind"] == "open"]
    open_deals = deals.index[deals["stage"].isin(open_stages)]
    won_deals = deals.index[deals["stage"].map(stages["kind"]).eq("won").to_numpy(dtype=bool, na_value=False)]
    edits = []
    for run in range(args.repeat + 1):
        if args.edit in ("amount", "won-amount"):
            deal = int((deals.index if args.edit == "amount" else won_deals)[run * 7])
            book.set_value("Deals", deal, "amount", int(book["Deals"].at[deal, "amount"]) + 100)
        else:
            deal = int(open_deals[run * 7])
            stage = book["Deals"].at[deal, "stage"]
            book.change_stage(deal, int(open_stages[(open_stages.get_loc(stage) + 1) % len(open_stages)]), on=AS_OF)
        if run == args.repeat:
            if args.profile:
                profile = cProfile.Profile()
                profile.runcall(compute_report, book)
                pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
            break
        edits.append(timed(lambda: compute_report(book))[0])
    print(f"one-cell edit ({args.edit}), {args.deals:,} deals: {min(edits) * 1000:,.0f} ms (best of {args.repeat}); "
          f"report unchanged {unchanged * 1000:,.0f} ms; ratio {min(edits) / unchanged:.1f}×")


if __name__ == "__main__":
    main()
