"""``planner backtest``: replay every forecast method on the book as it stood before each past
period and judge it against what was won (core/backtest.py), beside each open stage's observed
win rate (core/calibration.py); ``--apply`` sets those rates as the stages' probabilities
through the session (one change, one save). No Qt.
"""

from __future__ import annotations

import argparse
import sys

from planner.cli_text import go_ahead, print_json, table
from planner.core import kinds
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.schema import Kind

NOT_APPLIED = QT_TRANSLATE_NOOP("errors", "{book} was not changed: pass --yes with --apply to set the observed "
                                          "win rates")
BY_OPTIONS = ("team", "rep")


def add_parser(commands, target) -> None:
    backtest = commands.add_parser("backtest", help="replay every forecast method at each past month or quarter "
                                                    "and judge it against what was won; stage win rates")
    backtest.add_argument("book", type=target, help="book file (.planner) or postgresql://… address")
    backtest.add_argument("--from", dest="first", metavar="P", help="first period, a month (2017-01) or a quarter "
                          "(2017-Q1) (default: the month after the book's first deal was created)")
    backtest.add_argument("--to", dest="last", metavar="P", help="last period, of the same kind (default: the last "
                          "that has ended by the book's as_of, or that holds its last closed deal)")
    backtest.add_argument("--lead", type=int, choices=(0, 1), help="0: forecasts made on the period's first day; "
                          "1: one period before (default: both)")
    backtest.add_argument("--by", choices=BY_OPTIONS, help="per team or per rep (by each deal's owner)")
    backtest.add_argument("--json", action="store_true", help="print one JSON object (money as decimal strings)")
    backtest.add_argument("--apply", action="store_true", help="set each open stage's probability to its observed "
                                                               "win rate (one change)")
    backtest.add_argument("--yes", "-y", action="store_true", help="with --apply: write without asking")


def run(args: argparse.Namespace, interactive: bool) -> int:
    from planner.core.backtest import BACKTEST_LINES, BACKTEST_METHODS, LEADS, backtest, default_range
    from planner.core.calibration import CALIBRATION, calibration, calibration_change
    from planner.core.periods import Period
    from planner.core.report import json_records
    from planner.core.usable import usable
    from planner.session import Session
    from planner.storage import dialects, open_book

    book, _left_out = usable(open_book(args.book))
    first = Period.parse(args.first) if args.first else None
    last = Period.parse(args.last) if args.last else None
    if first is None or last is None:
        start, end = default_range(book, (first or last).kind if (first or last) else "month")
        first, last = first or start, last or end
    leads = LEADS if args.lead is None else (args.lead,)
    result = backtest(book, first, last, leads, args.by)
    calibrated = calibration(book)
    currency = book.currency
    data = {"currency": currency, "from": result.first.label, "to": result.last.label, "by": args.by,
            "leads": list(leads), "amounts": "recorded",  # as AmountHistory records them (core/point_in_time.py)
            "methods": json_records(result.methods, BACKTEST_METHODS, currency),
            "lines": json_records(result.lines, BACKTEST_LINES, currency),
            "calibration": json_records(calibrated.reset_index(drop=True), CALIBRATION, currency)}
    if args.json:
        print_json(data)
    else:
        print(backtest_text(data))
    if not args.apply:
        return 0
    place = dialects.shown(args.book)  # never an address's password
    if not go_ahead(args.yes, interactive, PlannerError(NOT_APPLIED, book=place),
                    f"Set the observed win rates as the stages' probabilities in {place}?",
                    f"not applied: {place} was not changed", sys.stderr):
        return 1
    out = sys.stderr if args.json else sys.stdout
    with Session.open(args.book) as session:
        change = calibration_change(usable(session.book)[0])
        if change is None:
            print(f"{place} already has the observed win rates: nothing to change", file=out)
            return 0
        session.apply(change, "Set observed win rates")
        session.save()
    print(f"set the probability of {len(change.values):,} stage(s) in {place}", file=out)
    return 0


def backtest_text(data: dict) -> str:
    """``planner backtest`` as text: per group and lead, the methods most accurate first, then
    the stage calibration."""
    def share(value) -> str:
        return "-" if value is None else kinds.text(Kind.PERCENT, value)

    lines = [f"Backtest {data['from']} to {data['to']}, amounts in {data['currency']} (accuracy 1 - |forecast - "
             f"actual| / actual; bias (forecast - actual) / actual; deals as they stood on each day, at that day's amounts)"]
    groups: dict = {}
    for row in data["methods"]:
        groups.setdefault((row["group"], row["lead"]), []).append(row)
    for (group, lead), rows in groups.items():
        who = "" if data["by"] is None else f"{data['by']} {group if group is not None else '(none)'}, "
        when = "made on the period's first day" if lead == 0 else "made one period before"
        lines += ["", f"{who}lead {lead} ({when}):"]
        lines += table([["method", "periods", "accuracy", "bias", "MAPE", "best"]]
                       + [[row["method"], row["periods"], share(row["accuracy"]), share(row["bias"]),
                           share(row["mape"]), row["best"]] for row in rows], right=frozenset({1, 2, 3, 4, 5}))
    if not data["methods"]:
        lines += ["", "Nothing was won in these periods: no method can be judged."]
    lines += ["", "Stage calibration (observed = won / (won + lost) of the deals that reached the stage; "
                  "95% Wilson interval):"]
    lines += table([["stage", "book", "observed", "interval", "reached", "won", "lost", "open"]]
                   + [[row["stage"], share(row["probability"]), share(row["observed"]),
                       "-" if row["low"] is None else f"{share(row['low'])} - {share(row['high'])}",
                       row["reached"], row["won"], row["lost"], row["open"]] for row in data["calibration"]],
                   right=frozenset({1, 2, 4, 5, 6, 7}))
    return "\n".join(lines)
