"""``planner forecast snapshot|accuracy``: save the forecast of a period by every method in the
book, and judge how accurate each saved forecast was (the command line; no Qt)."""

from __future__ import annotations

import argparse

import pandas as pd

from planner.cli_text import accuracy_text, print_json
from planner.core import kinds
from planner.core.periods import Period
from planner.core.schema import Kind


def add_parser(commands, target, day) -> None:
    forecast = commands.add_parser("forecast", help="save forecast snapshots and see how accurate each method was")
    actions = forecast.add_subparsers(dest="action", metavar="ACTION", required=True)
    snapshot = actions.add_parser("snapshot", help="save the forecast of a period by every method in the book "
                                                   "(a snapshot of the same period and day is replaced)")
    snapshot.add_argument("book", type=target, help="book file (.planner) or postgresql://… address")
    snapshot.add_argument("--period", help="2026-01, 2026-Q1 or 2026 (default: the quarter of --as-of)")
    snapshot.add_argument("--as-of", type=day, metavar="YYYY-MM-DD",
                          help="the day the forecast is made on and dated by (default: the book's as_of setting, "
                               "else today)")
    judged = actions.add_parser("accuracy", help="accuracy per closed period and method: 1 − |forecast − actual| "
                                                 "÷ actual, the last snapshot taken before the period ended")
    judged.add_argument("book", type=target, help="book file (.planner) or postgresql://… address")
    judged.add_argument("--as-of", type=day, metavar="YYYY-MM-DD",
                        help="periods that have ended by this day are judged (default: the book's as_of)")
    judged.add_argument("--json", action="store_true", help="print one JSON object (money as decimal strings)")


def run(args: argparse.Namespace) -> int:
    """``planner forecast snapshot|accuracy``: snapshots are saved like any edit of the book."""
    from planner.core.forecast_accuracy import FORECAST_ACCURACY, METHOD_ACCURACY, accuracy, snapshot_change
    from planner.core.report import json_records
    from planner.core.usable import usable
    from planner.session import Session
    from planner.storage import dialects, open_book

    if args.action == "accuracy":
        book, _left_out = usable(open_book(args.book))
        as_of = args.as_of or book.as_of
        judged, per_method = accuracy(book, as_of)
        data = {"currency": book.currency, "as_of": as_of.isoformat(),
                "forecast_accuracy": json_records(judged, FORECAST_ACCURACY, book.currency),
                "forecast_method_accuracy": json_records(per_method, METHOD_ACCURACY, book.currency)}
        if args.json:
            print_json(data)
        else:
            print(accuracy_text(data))
        return 0
    with Session.open(args.book) as session:
        book = session.book
        as_of = args.as_of or book.as_of
        period = Period.parse(args.period) if args.period is not None else Period.containing(as_of, "quarter")
        session.apply(snapshot_change(book, period, as_of), "Save forecast snapshot")
        session.save()
        saved = book["ForecastSnapshots"]
        saved = saved[(saved["period"] == period.label) & (saved["taken"] == pd.Timestamp(as_of))]
    amounts = ", ".join(f"{method} {kinds.text(Kind.MONEY, amount, book.currency)}"
                        for method, amount in zip(saved["method"], saved["amount"]))
    print(f"saved the forecast of {period} as of {as_of} into {dialects.shown(args.book)}: {amounts} ({book.currency})")
    return 0
