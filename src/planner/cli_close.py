"""``planner close BOOK --period P [--yes | --dry-run] [--reopen]``: close or reopen a period.

What will be closed (the statement lines per rep and plan period) or what reopening changes
(the lines the ledger holds that the book would now compute otherwise) is shown first; then it
is done only when told: ``--yes``, or the user answers yes at a terminal. The plan is made on
the book opened read-only, and made again on the book opened for editing: if the two differ
(someone changed the book meanwhile), nothing is done.
"""

from __future__ import annotations

import argparse

from planner.cli_text import go_ahead
from planner.core import kinds
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.periods import Period
from planner.core.schema import Kind

CHANGED_MEANWHILE = QT_TRANSLATE_NOOP("errors", "{book} was changed by someone else while the close was planned; "
                                                "nothing was done: run the command again")
NOT_CONFIRMED = QT_TRANSLATE_NOOP("errors", "{book} was not changed: pass --yes to {action} {period}, or --dry-run "
                                            "to only show what it does")


def add_parser(commands, target) -> None:
    closer = commands.add_parser("close", help="close a period: freeze its commission statements in the book's "
                                               "ledger (--reopen: open it again)")
    closer.add_argument("book", type=target, help="book file (.planner) or postgresql://… address")
    closer.add_argument("--period", required=True, help="the period to close: 2026-01, 2026-Q1 or 2026")
    closer.add_argument("--reopen", action="store_true", help="reopen the closed period instead (recorded; the "
                                                              "lines that would change are shown first)")
    confirm = closer.add_mutually_exclusive_group()
    confirm.add_argument("--yes", "-y", action="store_true", help="do it without asking")
    confirm.add_argument("--dry-run", action="store_true", help="only show what it would do")


def run(args: argparse.Namespace) -> int:
    from planner.session import Session
    from planner.storage import dialects, open_book
    from planner.storage.holders import who

    period = Period.parse(args.period)
    action = "reopen" if args.reopen else "close"
    book, place = open_book(args.book), dialects.shown(args.book)  # never an address's password
    shown = plan_text(book, _plan(book, period, args.reopen, who()), place)
    print("\n".join(shown))
    if args.dry_run:
        print(f"dry run: {place} was not changed")
        return 0
    from planner.cli import _interactive

    if not go_ahead(args.yes, args.yes or _interactive(),
                    PlannerError(NOT_CONFIRMED, book=place, action=action, period=period.label),
                    f"{action.capitalize()} {period} in {place}?", f"not done: {place} was not changed"):
        return 1
    with Session.open(args.book) as session:
        plan = _plan(session.book, period, args.reopen, who(session.store.holder))
        if plan_text(session.book, plan, place) != shown:
            raise PlannerError(CHANGED_MEANWHILE, book=place)
        session.apply(plan.change, f"{action.capitalize()} {period}")
        session.save()
    done = "reopened" if args.reopen else "closed"
    print(f"{done} {period} in {place} (statement revision {plan.revision})")
    return 0


def _plan(book, period: Period, reopen: bool, by: str):
    from planner.core.close import plan_close, plan_reopen

    return plan_reopen(book, period, by) if reopen else plan_close(book, period, by)


def plan_text(book, plan, place) -> list[str]:
    """What closing (the statement totals per rep and plan period) or reopening (the lines
    that would differ) does, as lines for the terminal."""
    def money(minor) -> str:
        return kinds.text(Kind.MONEY, minor, book.currency)

    reps = book["Reps"]
    names = {row: f"{key} {name}" if name != key else str(key) for row, key, name in
             zip(reps.index, reps["id"], reps["name"])}
    deals = book["Deals"]["id"]
    if not plan.reopen:
        lines = plan.lines
        out = [f"closing {plan.period} in {place} (statement revision {plan.revision}): {len(lines):,} line(s), "
               f"total {money(int(lines['amount'].sum()))} ({book.currency})"]
        for (rep, label), group in lines.groupby(["rep", "period"], sort=False):
            out.append(f"  {names.get(rep, f'#{rep}')}, {label}: {len(group):,} line(s), "
                       f"{money(int(group['amount'].sum()))}")
        return out
    differences = plan.differences
    out = [f"reopening {plan.period} in {place} (statement revision {plan.revision}): "
           + (f"{len(differences):,} line(s) would change" if len(differences) else "no line would change")]
    for row in differences.itertuples(index=False):
        deal = "" if kinds.is_missing(row.deal) else f" {deals.get(int(row.deal), f'#{row.deal}')}"
        was = "(none)" if kinds.is_missing(row.was) else money(row.was)
        now = "(none)" if kinds.is_missing(row.now) else money(row.now)
        out.append(f"  {names.get(row.rep, f'#{row.rep}')}, {row.period}, {row.rule}{deal}: {was} → {now}")
    return out
