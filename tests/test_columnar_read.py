"""Opening a book reads its integer and day columns whole (storage/columnar.py): the same book,
the same problems, as reading it row by row; and only cells exactly in the stored form are
read that way."""

import shutil
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures import row
from planner.core import schema
from planner.core.demo import demo_book
from planner.core.errors import PlannerError
from planner.storage import columnar, open_book, write_book
from stores import engine_of, target  # noqa: F401 - target is a fixture


def opened(where, whole: bool):
    """The book at ``where`` and its problems, read whole where it can be, or row by row;
    or the error opening it gives."""
    read = columnar.read
    if not whole:
        columnar.read = lambda *args: None
    try:
        book = open_book(where)
    except PlannerError as error:
        return str(error)
    finally:
        columnar.read = read
    return book, [str(problem) for problem in book.problems()]


def assert_same(where):
    """Read whole and read row by row, ``where`` is the same book with the same problems."""
    whole, by_row = opened(where, whole=True), opened(where, whole=False)
    if isinstance(by_row, str):
        assert whole == by_row
        return
    (a, a_problems), (b, b_problems) = whole, by_row
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True)
        assert np.array_equal(a.positions(name), b.positions(name), equal_nan=True), name
        pd.testing.assert_series_equal(a.versions[name], b.versions[name])
    assert a._unresolved == b._unresolved and a_problems == b_problems


def tables_read_row_by_row(where, monkeypatch) -> set[str]:
    """The tables an open could not read whole."""
    not_whole, read = set(), columnar.read

    def recorded(connection, table, *args):
        found = read(connection, table, *args)
        if found is None:
            not_whole.add(table)
        return found

    monkeypatch.setattr(columnar, "read", recorded)
    open_book(where)
    return not_whole


def damage(path: Path, table: str, column: str, row_id: int, value) -> None:
    with sqlite3.connect(path) as db:
        db.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE row_id = ?', (value, row_id))


def test_a_whole_book_is_read_whole_and_a_table_with_an_odd_cell_row_by_row(book, tmp_path, monkeypatch):
    book.insert_rows("Deals", book["Deals"].iloc[[0]].assign(id="D0"), at=1)  # a position between two
    path = tmp_path / "b.planner"
    write_book(book, path)
    assert tables_read_row_by_row(path, monkeypatch) == set()
    deal = row(book, "Deals", 2)
    for column, odd in [("amount", "12x"), ("amount", 1.5), ("amount", -2**63), ("amount", b"7"), ("owner", b"\x01"),
                        ("closed", "2026-1-5"), ("closed", "----------"), ("closed", "2026-02-30"),
                        ("closed", 20260105), ("closed", "１９２６-01-05"), ("closed", "1899-12-31")]:
        copy = tmp_path / "odd.planner"
        shutil.copy(path, copy)
        damage(copy, "Deals", column, deal, odd)
        assert tables_read_row_by_row(copy, monkeypatch) == {"Deals"}, (column, odd)
        assert_same(copy)


def test_a_fractional_position_text_with_separators_and_extreme_values_are_read_whole(book, target, monkeypatch):
    """On SQLite and PostgreSQL alike."""
    book.insert_rows("Deals", book["Deals"].iloc[[0]].assign(id="D0"), at=1)  # position 1.5
    edited = book["Deals"].iloc[[2, 3]].copy()
    edited["amount"] = pd.array([schema.MAX_INTEGER, 0], dtype="Int64")
    edited["closed"] = pd.to_datetime(["1900-01-01", "2199-12-31"])
    edited["name"] = ["서울 상사, \"갱신\"\n2", "東京"]  # separators and quotes in text: read row by row
    book.set_values("Deals", edited)
    write_book(book, target)
    assert tables_read_row_by_row(target, monkeypatch) == set()
    assert_same(target)
    reopened = opened(target, whole=True)[0]
    assert reopened["Deals"].loc[edited.index[0], "amount"] == schema.MAX_INTEGER
    assert reopened["Deals"].loc[edited.index[1], "amount"] == 0
    assert reopened["Deals"].loc[edited.index[0], "name"] == "서울 상사, \"갱신\"\n2"
    assert sorted(reopened.positions("Deals"))[:3] == [1.0, 1.5, 2.0]


_INTEGERS = st.one_of(st.none(), st.integers(-10**15, 10**15), st.integers(-2**63, 2**63 - 1),
                      st.sampled_from([-2**63, -2**63 + 1, 0, "7", "-7", " 7", "+7", "1e3", "", "x", 2.5, 3.0, b"7"]),
                      st.floats(allow_nan=False), st.text(max_size=3))
_DAYS = st.one_of(st.none(), st.dates(date(1850, 1, 1), date(2250, 12, 31)).map(date.isoformat),
                  st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
                  st.sampled_from(["----------", "!", "2026-1-5", "2026-01-05 ", "2026/01/05", "20260105",
                                   "２０２６-01-05", "2026-02-29", "2024-02-29", "2026-01-05\x00", "", ","]),
                  st.integers(-10, 30_000_000), st.text(max_size=11))
_POSITIONS = st.one_of(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e16, max_value=1e16),
                       st.integers(-10**6, 10**6), st.sampled_from([0.5, 1e15, -1e15, 1e15 + 0.5]))
_CELLS = st.lists(st.one_of(
    st.tuples(st.just("Deals"), st.sampled_from(["amount", "owner", "stage"]), _INTEGERS),
    st.tuples(st.just("Deals"), st.sampled_from(["closed", "created", "cancelled"]), _DAYS),
    st.tuples(st.just("StageHistory"), st.just("entered"), _DAYS),
    st.tuples(st.just("StageHistory"), st.just("stage"), _INTEGERS),
    st.tuples(st.sampled_from(["Deals", "StageHistory"]), st.just("_position"), _POSITIONS),
), max_size=4)


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory):
    """A small demo book (deals and their stage history) and its file."""
    book = demo_book(as_of=date(2026, 6, 30), deals=300, reps=8)
    path = tmp_path_factory.mktemp("demo") / "demo.planner"
    write_book(book, path)
    return book, path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=_CELLS, at=st.integers(0, 10**6))
def test_any_stored_cells_read_whole_or_row_by_row_are_the_same_book(small_demo, cells, at):
    book, written = small_demo
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.planner"
        shutil.copy(written, path)
        for table, column, value in cells:
            ids = book[table].index
            damage(path, table, column, int(ids[at % len(ids)]), value)
        assert_same(path)


def test_a_postgresql_book_with_odd_days_in_its_text_columns_is_the_same_book(book, pg_url, monkeypatch):
    write_book(book, pg_url)
    with engine_of(pg_url).begin() as connection:
        connection.exec_driver_sql(f"UPDATE \"Deals\" SET closed = '2026-02-30' WHERE row_id = {row(book, 'Deals', 1)}")
        connection.exec_driver_sql(f"UPDATE \"Deals\" SET created = '----------' WHERE row_id = {row(book, 'Deals', 2)}")
    assert tables_read_row_by_row(pg_url, monkeypatch) == {"Deals"}
    assert_same(pg_url)
    assert len([p for p in opened(pg_url, whole=True)[1] if "2026-02-30" in p or "----------" in p]) == 2
