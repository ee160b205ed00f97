"""What a change of the book's currency refuses: one that would rescale every amount.

Amounts are held in minor units of their currency (core/money.py): 1,200,000.00 USD is
120,000,000 cents. Setting the book's currency to one with another number of decimals (USD to
JPY) would make every amount held in the book's currency read 100 times larger (or smaller),
with no word. ``Tables.validate`` refuses it while the book holds any such amount; a currency
with as many decimals (USD to EUR) only renames them.
"""

from __future__ import annotations

from planner.core import schema
from planner.core.changes import Change, atoms
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import currency_of, format_money, minor_digits
from planner.core.problems import Problem

RESCALES = QT_TRANSLATE_NOOP("errors", "the currency cannot change from {old} to {new} while the book holds "
                                       "amounts: {new} has {digits} decimal places, so every amount would change "
                                       "({one} {old} would read {shown} {new}); to read amounts in {new}, import the "
                                       "files again with the currency chosen")


def currency_problems(tables, change: Change) -> list[Problem]:
    """The book's currency set, by ``change``, to one with another number of decimals while
    the book holds amounts: one problem, on the currency setting's row."""
    if not any(atom.table == "Settings" for atom in atoms(change)):
        return []
    after = tables.applied(change)
    old, new = currency_of(tables), _currency(after)
    if new is None or minor_digits(new) == minor_digits(old) or not _holds_amounts(tables):
        return []
    settings = after["Settings"]
    keys = settings["key"].astype("string").str.strip().str.lower()
    row = settings.index[(keys == "currency").to_numpy(dtype=bool, na_value=False)]
    one = 10 ** minor_digits(old)  # one unit of the old currency, in minor units: read in the new one
    return [tables.problem("Settings", int(row[-1]) if len(row) else None, "value", RESCALES, old=old, new=new,
                           digits=minor_digits(new), one=format_money(one, old), shown=format_money(one, new))]


def _currency(book) -> str | None:
    """The book's currency, None while it is not one Planner knows (a problem of its own)."""
    try:
        return book.currency
    except PlannerError:
        return None


def _holds_amounts(tables) -> bool:
    """Any amount held in minor units (a deal's in its own currency counts too: a deal
    without one is in the book's)."""
    return any(tables._frames[spec.name][column.name].notna().any()
               for spec in schema.TABLES.values() for column in spec.columns
               if column.kind is schema.Kind.MONEY and len(tables._frames[spec.name]))
