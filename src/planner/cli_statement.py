"""``planner statement BOOK --rep R --period P [--json]``: one rep's commission statements (no Qt).

The statement of each of the rep's plan periods overlapping P (a month's, or the three of a
quarter on a monthly plan): a line per credited deal and tier slice, retroactive lift, cap,
bonus and clawback (core/statements.py), with the total. The rep is named by its own id
(``S02``) or its name, deals by their ids; the book is read as ``planner report`` reads it (rows with
problems left out of the figures).
"""

from __future__ import annotations

import argparse

import pandas as pd

from planner.cli_text import print_json, table
from planner.core import kinds, schema
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.periods import Period
from planner.core.schema import Kind
from planner.io.statement_text import adjusting

# what a statement shows beside its lines (core/draws.py, pay_context), none of it a commission line
CONTEXT = {"base_salary": "base salary", "target_incentive": "target incentive", "ote": "OTE",
           "draw_balance": "draw balance carried"}
NO_REP = QT_TRANSLATE_NOOP("errors", "{book} has no rep with the id or name {rep!r}")
NO_STATEMENT = QT_TRANSLATE_NOOP("errors", "{rep} has no commission statement for {period}: not on a plan, or not "
                                           "employed then")


def add_parser(commands, target) -> None:
    statement = commands.add_parser("statement", help="print a rep's commission statement: a line per credited "
                                                      "deal and tier slice, lifts, cap, bonuses and clawbacks")
    statement.add_argument("book", type=target, help="book file (.planner) or postgresql://… address")
    statement.add_argument("--rep", required=True, help="the rep's id (as in the Reps sheet, e.g. S02) or name")
    statement.add_argument("--period", required=True,
                           help="2026-01, 2026-Q1 or 2026: every plan period of the rep overlapping it")
    statement.add_argument("--json", action="store_true", help="print one JSON object (money as decimal strings)")


def run(args: argparse.Namespace) -> int:
    from planner.core.adjustments import paid_statements
    from planner.core.draws import pay_context
    from planner.core.report import json_records
    from planner.core.statements import shown_statement
    from planner.core.usable import usable
    from planner.storage import open_book

    period = Period.parse(args.period)
    book, left_out = usable(open_book(args.book).snapshot())
    reps = book["Reps"]
    rep, key = _rep(reps, args.rep, args.book)
    rows, lines = paid_statements(book, period)
    rows = rows[rows["rep"] == rep]
    if not len(rows):
        raise PlannerError(NO_STATEMENT, rep=key, period=period.label)
    currency, plan = book.currency, str(book["Plans"].at[int(rows["plan"].iloc[0]), "plan"])
    name = "" if reps.at[rep, "name"] is None else str(reps.at[rep, "name"])
    shown = []
    for row in rows.itertuples():
        own = shown_statement(book, lines[((lines["rep"] == rep) & (lines["period"] == row.period)).to_numpy()])
        own = own[schema.STATEMENT.names]
        bonus = int(own.loc[own["rule"] == "bonus", "amount"].sum())
        total = int(own["amount"].sum())
        extra = pay_context(book, rep, int(row.plan), row.period)
        if not kinds.is_missing(getattr(row, "draw_balance", None)):
            extra["draw_balance"] = row.draw_balance
        shown.append({"period": row.period, "quota": row.quota, "credited": row.credited, "won": row.won,
                      "commission": total - bonus, "bonus": bonus, "total": total, **extra, "lines": own})
    if args.json:
        money = {key: Kind.MONEY for key in ("quota", "credited", "won", "commission", "bonus", "total", *CONTEXT)}
        print_json({"currency": currency, "rep": key, "name": name, "plan": plan, "period": period.label,
                    "left_out": left_out.reps.get(key, 0),
                    "statements": [{**{key: kinds.json_value(money.get(key), value, currency)
                                       for key, value in one.items() if key != "lines"},
                                    "lines": json_records(one["lines"], schema.STATEMENT, currency)}
                                   for one in shown]})
    else:
        print(_text(key, name, plan, currency, shown))
        if left_out.reps.get(key):  # a deal with a problem is in no figure: say so, never drop it quietly
            print(f"\nLeft out of these statements: {left_out.reps[key]} row(s) with problems "
                  f"(planner report lists them)")
    return 0


def _rep(reps, typed: str, book) -> tuple[int, str]:
    """The row id and the user's id of the rep ``typed`` names: its id, else its name when one
    rep has it (core/resolve.py, as a Deals owner is read); a name several reps have is refused
    with their ids."""
    from planner.core.resolve import AMBIGUOUS, Resolver
    from planner.storage import dialects

    ids, failures = Resolver(schema.REPS, reps).resolve(pd.Series([typed]))
    if failures and failures[0][0] == AMBIGUOUS:
        template, fields = failures[0]
        raise PlannerError(template, **fields)
    if pd.isna(ids.iloc[0]):
        raise PlannerError(NO_REP, book=dialects.shown(book), rep=typed)
    rep = int(ids.iloc[0])
    return rep, str(reps.at[rep, "id"])


def _text(rep: str, name: str, plan: str, currency: str, shown: list[dict]) -> str:
    def money(minor) -> str:
        return kinds.text(Kind.MONEY, minor, currency) or "-"

    who = rep if not name or name == rep else f"{rep} {name}"
    out = []
    for one in shown:
        out += [f"Statement of {who}, plan {plan}, {one['period']} (amounts in {currency}): quota "
                f"{money(one['quota'])}, won {money(one['won'])}, credited after cancellations "
                f"{money(one['credited'])}", ""]
        # what an adjustment line adjusts: a column of its own after the amount (none without one)
        rows = [["#", "deal", "name", "rule", "tier", "rate", "base", "amount", ""]]
        rows += [[line.line, kinds.text(Kind.TEXT, line.deal), kinds.text(Kind.TEXT, line.deal_name), kinds.label(line.rule),
                  kinds.text(Kind.TEXT, line.tier), kinds.text(Kind.RATIO, line.rate), kinds.text(Kind.MONEY, line.base, currency),
                  money(line.amount), adjusting(line.adjusts, line.reason)] for line in one["lines"].itertuples()]
        rows.append(["", "", "", "Total", "", "", "", money(one["total"]), ""])
        out += table(rows, right=frozenset({0, 5, 6, 7}))
        out.append(f"  commission {money(one['commission'])}, bonus {money(one['bonus'])}, "
                   f"total {money(one['total'])}")
        context = [f"{words} {money(one[key])}" for key, words in CONTEXT.items() if key in one]
        if context:  # information, not commission: the total above is what is payable
            out.append("  for information: " + ", ".join(context))
        out.append("")
    return "\n".join(out).rstrip()
