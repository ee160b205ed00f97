import os
import sqlite3

import pandas as pd
import pytest

from planner.core.errors import PlannerError
from planner.storage import open_book, save_book
from planner.storage.sqlite import SCHEMA_VERSION


def assert_same_book(a, b):
    for name in a.tables:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=True)


def test_round_trip_keeps_every_value_type_and_extra_columns(book, tmp_path):
    deals = book.tables["Deals"]
    deals["地域"] = ["서울"] * (len(deals) - 1) + [None]  # a user's own text column, CJK header
    deals["Score"] = range(len(deals))  # a user's own number column
    deals["Next call"] = pd.to_datetime(["2026-04-01"] * len(deals))
    before = {name: frame.copy(deep=True) for name, frame in book.tables.items()}
    path = tmp_path / "book.planner"
    save_book(book, path)
    for name, frame in before.items():  # saving must not touch the book being edited
        pd.testing.assert_frame_equal(book[name], frame)
    reopened = open_book(path)
    assert list(reopened["Deals"].columns[-3:]) == ["地域", "Score", "Next call"]
    assert_same_book(book, reopened)


def test_saving_over_a_book_replaces_it_in_place(book, tmp_path, demo):
    path = tmp_path / "book.planner"
    save_book(book, path)
    save_book(demo, path)
    assert_same_book(demo, open_book(path))
    save_book(book, path)  # fewer rows and columns than what was there
    assert_same_book(book, open_book(path))
    assert not list(tmp_path.glob(".*saving"))


def test_the_file_is_plain_sqlite_with_a_schema_version(book, tmp_path):
    path = tmp_path / "book.planner"
    save_book(book, path)
    with sqlite3.connect(path) as db:
        meta = dict(db.execute("SELECT key, value FROM planner_meta"))
        amount = db.execute("SELECT amount FROM Deals WHERE id = 'D11'").fetchone()[0]
        created = db.execute("SELECT created FROM Deals WHERE id = 'D11'").fetchone()[0]
    assert meta["format"] == "planner-book" and meta["schema_version"] == str(SCHEMA_VERSION)
    assert (amount, created) == (333_333, "2026-03-01")  # minor units, ISO dates


def test_opening_refuses_what_is_not_a_book(tmp_path):
    with pytest.raises(PlannerError, match="no such file"):
        open_book(tmp_path / "missing.planner")
    text = tmp_path / "notes.planner"
    text.write_text("hello")
    with pytest.raises(PlannerError, match="is not a Planner book"):
        open_book(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(PlannerError, match="is not a Planner book"):
        open_book(other)


def test_a_book_from_a_newer_planner_is_refused(book, tmp_path):
    path = tmp_path / "book.planner"
    save_book(book, path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE planner_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(PlannerError, match="newer Planner"):
        open_book(path)


def test_saving_where_it_cannot_says_why_in_the_users_terms(book, tmp_path):
    with pytest.raises(PlannerError, match=f"^{tmp_path} is a folder; choose a file name$"):
        save_book(book, tmp_path)
    missing = tmp_path / "nowhere" / "book.planner"
    with pytest.raises(PlannerError, match="the folder .*nowhere does not exist$"):
        save_book(book, missing)
    with pytest.raises(PlannerError, match="is a folder, not a Planner book"):
        open_book(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_saving_without_permission(book, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    with pytest.raises(PlannerError, match="no permission to write there"):
        save_book(book, locked / "book.planner")
