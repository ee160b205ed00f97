"""Statement benchmark: every commission statement of a year, engine against the Decimal reference.

A generated book of ``--deals`` won deals (2% split between two reps, 2% cancelled later) closed
over the 12 months of 2026, ``--reps`` reps on three monthly plans (marginal tiers with
bonuses, retroactive tiers, capped marginal tiers) and a quota per rep and month. Prints:

* the statements of 2026 on a new revision (credit lines and quotas still to build);
* the statements again with those built (what a period change or a close costs; target
  ≤ 50 ms), best of ``--repeat``;
* the Decimal reference of the tests (tests/statement_reference.py) on the same book, and that
  both agree line by line (target: the engine ≥ 5× faster).

With ``--rules``, the deal-level plan rules too (core/plan_rules.py): products and deal types
on the deals, rate multipliers (renewals at half rate, a product at 1.2), two SPIFFs, a
30-day clawback window and a bonus adding 5% of base salary.

Nothing is asserted. Run it by hand from the project root:

    python benchmarks/bench_statements.py                 # 100,000 deals, 200 reps
    python benchmarks/bench_statements.py --deals 20000 --reps 50
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core.book import Book
from planner.core.periods import Period
from planner.core.statements import _finish, _statements, statement_lines
from timing import best_of, timed

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from statement_reference import engine_lines, reference_lines  # noqa: E402

YEAR = Period.parse("2026")


def make_book(deals: int, reps: int, seed: int = 16, rules: bool = False) -> Book:
    rng = np.random.default_rng(seed)
    rep_ids = [f"S{n:03d}" for n in range(reps)]
    plan_of = [("AE-M", "JR-M", "CAP-M")[n % 3] for n in range(reps)]
    days = pd.date_range("2026-01-01", "2026-12-31")
    closed = days[rng.integers(0, len(days), deals)]
    owner = rng.integers(0, reps, deals)
    cancel = rng.random(deals) < 0.02
    frames = {
        "Settings": pd.DataFrame({"key": ["currency", "rounding"], "value": ["USD", "half_up"]}),
        "Stages": pd.DataFrame({"stage": ["Open", "Won"], "order": [1, 2], "probability": [300_000, 1_000_000],
                                "kind": ["open", "won"]}),
        "Plans": pd.DataFrame({"plan": ["AE-M", "JR-M", "CAP-M"], "period": ["month"] * 3,
                               "cap": [None, None, 2_500_000]}),
        "PlanTiers": pd.DataFrame([
            ("AE-M", 0, 500_000, 20_000, "marginal"), ("AE-M", 500_000, 1_000_000, 60_000, "marginal"),
            ("AE-M", 1_000_000, 1_500_000, 100_000, "marginal"), ("AE-M", 1_500_000, None, 140_000, "marginal"),
            ("JR-M", 0, 1_000_000, 0, "retroactive"), ("JR-M", 1_000_000, None, 100_000, "retroactive"),
            ("CAP-M", 0, 1_000_000, 50_000, "marginal"), ("CAP-M", 1_000_000, None, 125_000, "marginal"),
        ], columns=["plan", "from", "to", "rate", "method"]),
        "PlanBonuses": pd.DataFrame([("AE-M", 1_000_000, 50_000), ("AE-M", 1_500_000, 100_000)],
                                    columns=["plan", "from", "amount"]),
        "Reps": pd.DataFrame({"id": rep_ids, "name": [f"Rep {n}" for n in range(reps)], "plan": plan_of}),
        "Quotas": pd.DataFrame([(rep, f"2026-{month:02d}", int(rng.integers(20_000, 60_000)) * 100)
                                for rep in rep_ids for month in range(1, 13)], columns=["rep", "period", "amount"]),
        "Deals": pd.DataFrame({
            "id": [f"D{n:06d}" for n in range(deals)], "owner": np.array(rep_ids)[owner], "stage": "Won",
            "amount": np.round(np.exp(rng.uniform(np.log(5_000), np.log(2_000_000), deals))).astype("int64"),
            "created": closed - pd.Timedelta(days=30), "closed": closed,
            "cancelled": np.where(cancel, closed + pd.to_timedelta(rng.integers(15, 60, deals), unit="D"), pd.NaT),
        }),
    }
    split = np.flatnonzero(rng.random(deals) < 0.02)
    frames["Splits"] = pd.DataFrame({
        "deal_id": np.repeat([f"D{n:06d}" for n in split], 2),
        "rep": np.ravel([[rep_ids[owner[n]], rep_ids[(owner[n] + 1) % reps]] for n in split]),
        "share": np.tile([600_000, 400_000], len(split)),
    })
    if rules:
        frames["Deals"]["product"] = np.array(["Gold", "Silver", None], dtype=object)[rng.integers(0, 3, deals)]
        frames["Deals"]["deal_type"] = np.array(["new", "renewal", "upsell"], dtype=object)[rng.integers(0, 3, deals)]
        frames["PlanMultipliers"] = pd.DataFrame([("AE-M", None, "renewal", 500_000), ("AE-M", "Gold", None, 1_200_000),
                                                  ("JR-M", None, "renewal", 500_000), ("CAP-M", "Gold", "upsell", 1_500_000)],
                                                 columns=["plan", "product", "deal_type", "multiplier"])
        frames["Spiffs"] = pd.DataFrame([("AE-M", "Gold", None, "2026-03-01", "2026-05-31", 25_000),
                                         ("CAP-M", None, "new", None, None, 10_000)],
                                        columns=["plan", "product", "deal_type", "from", "to", "amount"])
        frames["Plans"]["clawback_days"] = [30, None, 45]
        frames["PlanBonuses"]["percent_of_base"] = [50_000, None]
        frames["Reps"]["base_salary"] = rng.integers(50_000, 120_000, reps) * 100
    return Book(frames)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deals", type=int, default=100_000, help="won deals in the book (default: 100000)")
    parser.add_argument("--reps", type=int, default=200, help="reps in the book (default: 200)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure, best kept (default: 5)")
    parser.add_argument("--rules", action="store_true", help="with multipliers, SPIFFs, a clawback window and "
                                                               "bonuses of a share of base salary")
    parser.add_argument("--draws", action="store_true", help="give AE-M a recoverable draw and JR-M one that is "
                                                             "not, and move every 10th rep to JR-M from July")
    args = parser.parse_args()

    seconds, book = timed(lambda: make_book(args.deals, args.reps, rules=args.rules))
    if args.draws:
        reps = book["Reps"]
        moved = reps.index[::10]
        book.insert_rows("PlanDraws", pd.DataFrame({"plan": book["Plans"].index[:2], "amount": [300_000, 100_000],
                                                    "recoverable": ["yes", "no"]}))
        book.insert_rows("PlanAssignments", pd.DataFrame({
            "rep": np.r_[moved, moved], "plan": np.r_[reps.loc[moved, "plan"], [book["Plans"].index[1]] * len(moved)],
            "from": pd.to_datetime(["2020-01-01"] * len(moved) + ["2026-07-01"] * len(moved)),
            "to": pd.to_datetime(["2026-06-30"] * len(moved) + [None] * len(moved))}))
    book = book.snapshot()
    print(f"statements: book of {args.deals:,} won deals, {args.reps} reps, 12 monthly periods "
          f"(generated in {seconds:.1f} s)")
    assert book.problems() == [], book.problems()[:3]
    seconds, lines = timed(lambda: statement_lines(book, YEAR))
    print(f"statements: {len(lines):,} lines of {lines.groupby(['rep', 'period']).ngroups:,} statements, "
          f"new revision (credit lines built too) {seconds * 1000:.0f} ms")
    seconds = best_of(args.repeat, lambda: _finish(*_statements(book, YEAR)))
    engine = seconds
    print(f"statements: engine, credit lines built {seconds * 1000:.1f} ms (best of {args.repeat}; target 50 ms)")
    seconds, expected = timed(lambda: reference_lines(book, YEAR))
    print(f"statements: Decimal reference {seconds * 1000:.0f} ms ({seconds / engine:.0f}× the engine; target ≥ 5×)")
    print(f"statements: engine and reference agree line by line: {engine_lines(lines) == expected}")


if __name__ == "__main__":
    main()
