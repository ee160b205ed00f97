"""A change of the book's currency that would rescale every amount is refused (found by a
review: typing JPY over a USD book's currency made 1,200,000.00 read 120,000,000 JPY)."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.core.book import Book
from planner.core.problems import Refused


def book(currency: str, amount: int | None) -> Book:
    return Book({
        "Settings": pd.DataFrame({"key": ["company", "currency"], "value": ["Acme", currency]}),
        "Stages": pd.DataFrame({"stage": ["Open"], "order": [1], "probability": [500_000], "kind": ["open"]}),
        "Reps": pd.DataFrame({"id": ["R1"], "name": ["Ann"]}),
        "Deals": pd.DataFrame({"id": ["D1"], "owner": ["R1"], "stage": ["Open"], "amount": [amount],
                               "created": ["2026-01-05"]}),
    })


def set_currency(book: Book, code: str):
    settings = book["Settings"]
    row = int(settings.index[settings["key"] == "currency"][0])
    return book.set_typed("Settings", pd.DataFrame({"value": [code]}, index=[row]))


@pytest.mark.parametrize("old, new, digits, read", [("USD", "JPY", 0, "1.00 USD would read 100 JPY"),
                                                    ("KRW", "EUR", 2, "1 KRW would read 0.01 EUR")])
def test_a_currency_with_other_decimals_is_refused_while_the_book_holds_amounts(old, new, digits, read):
    held = book(old, 120_000_000)
    with pytest.raises(Refused) as refused:
        set_currency(held, new)
    assert str(refused.value) == (
        f"Not changed: Settings currency, column value: the currency cannot change from {old} to {new} while the "
        f"book holds amounts: {new} has {digits} decimal places, so every amount would change ({read}); to read "
        f"amounts in {new}, import the files again with the currency chosen")
    assert held.currency == old and held["Deals"]["amount"].tolist() == [120_000_000]


def test_a_currency_with_as_many_decimals_or_a_book_without_amounts_changes():
    renamed = book("USD", 120_000_000)
    set_currency(renamed, "EUR")
    assert renamed.currency == "EUR" and renamed["Deals"]["amount"].tolist() == [120_000_000]
    empty = book("USD", None)
    undo = set_currency(empty, "JPY")
    assert empty.currency == "JPY"
    empty.apply(undo)
    assert empty.currency == "USD"
