"""Helpers for the storage tests: where a book is kept (a file or a PostgreSQL database), and
opening and saving it as the app does."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from planner.session import saving_changes
from planner.storage import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path):
    """Where a book is kept: a file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "book.planner"
    return request.getfixturevalue("pg_url")


def engine_of(target) -> sa.Engine:
    """A plain SQLAlchemy engine on ``target``, to look at or damage a book behind Planner's back."""
    return sa.create_engine(target if isinstance(target, str) else f"sqlite:///{target}")


def editing(target):
    store = Store.open(target, "edit")
    return store, store.load()


def two_editors(target):
    """The book at ``target`` open for editing twice, the second by "Edit anyway": two writers."""
    first_store, first = editing(target)
    second_store = Store.open(target, "edit", take_over=True)
    return first_store, first, second_store, second_store.load()


def save(store, book):
    """Save as the app does (the session's save protocol): the changes are handed over, and
    given back if the save fails."""
    return saving_changes(store, book).run()
