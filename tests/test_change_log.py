"""The change log: every save records, in its own transaction, which rows it wrote, how, at which
revision, who and when; a full write records each table written whole. On SQLite and PostgreSQL."""

import getpass
import socket
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from fixtures import row
from planner.core import schema
from planner.core.errors import PlannerError
from planner.storage import SaveConflict, Store, store as store_module, write_book
from stores import editing, save, target, two_editors  # noqa: F401 - target is a fixture

ME = f"{getpass.getuser()}@{socket.gethostname()}"


def entries(log: pd.DataFrame) -> list[tuple]:
    return [(r.revision, r.table_name, None if pd.isna(r.row_id) else int(r.row_id), r.kind)
            for r in log.itertuples()]


def test_a_save_logs_each_row_it_wrote_with_its_kind_revision_who_and_when(book, target):
    before = datetime.now(timezone.utc).replace(microsecond=0)  # before the first write: its lines are logged too
    write_book(book, target)
    store, live = editing(target)
    try:
        d2, d5 = row(live, "Deals", 1), live["Deals"].index[live["Deals"]["id"] == "D5"][0]
        splits = sorted(live["Splits"].index[live["Splits"]["deal_id"] == d5].tolist())
        live.set_value("Deals", d2, "amount", 123_400)
        live.delete_rows("Deals", [d5])  # with its two split rows
        [new] = live.insert_rows("Deals", live["Deals"].loc[[d2]].assign(id="D99"), at=1).ids
        [kept] = live["AmountHistory"].index.tolist()  # d2's amount before the edit
        revision = save(store, live)
        after = datetime.now(timezone.utc)
        log = store.change_log()
    finally:
        store.close()
    assert revision == 2
    assert entries(log) == [(1, name, None, "write") for name in sorted(schema.TABLES)] + sorted(
        [(2, "Deals", d2, "update"), (2, "Deals", d5, "delete"), (2, "Deals", new, "insert")]
        + [(2, "Splits", split, "delete") for split in splits] + [(2, "AmountHistory", kept, "insert")],
        key=lambda e: (e[1], e[2]))
    assert len(splits) == 2 and set(log["who"]) == {ME}
    assert isinstance(log["at"].dtype, pd.DatetimeTZDtype) and str(log["at"].dt.tz) == "UTC"
    assert all(before <= at <= after for at in log["at"])
    assert log["revision"].dtype == "int64" and str(log["row_id"].dtype) == "Int64"


def test_the_log_since_a_revision_holds_only_the_later_saves(book, target):
    write_book(book, target)
    store, live = editing(target)
    try:
        d1, d2 = row(live, "Deals", 0), row(live, "Deals", 1)
        live.set_value("Deals", d1, "product", "A")
        first = save(store, live)
        live.set_value("Deals", d2, "product", "B")
        live.set_value("Deals", d1, "name", "renamed")
        second = save(store, live)
        assert entries(store.change_log(since_revision=first)) == sorted(
            [(second, "Deals", d1, "update"), (second, "Deals", d2, "update")])
        assert store.change_log(since_revision=second).empty
        reader = Store.open(target)  # anyone reading the book sees the same log, without a lock
        try:
            assert entries(reader.change_log(since_revision=1)) == entries(store.change_log(since_revision=1))
        finally:
            reader.close()
    finally:
        store.close()


def test_a_save_that_fails_after_logging_leaves_neither_rows_nor_log(book, target, monkeypatch):
    write_book(book, target)
    store, live = editing(target)
    try:
        d1 = row(live, "Deals", 0)
        live.set_value("Deals", d1, "product", "A")
        written = store_module.set_meta

        def failing(connection, **values):
            if "revision" in values:  # the last write of a save, after its rows and log lines
                raise OSError("disk full")
            written(connection, **values)

        monkeypatch.setattr(store_module, "set_meta", failing)
        with pytest.raises(PlannerError, match="Could not save .*disk full"):
            save(store, live)
        monkeypatch.undo()
        assert entries(store.change_log(since_revision=1)) == []
        assert save(store, live) == 2  # given back, then saved and logged once
        assert entries(store.change_log(since_revision=1)) == [(2, "Deals", d1, "update")]
    finally:
        store.close()


def test_a_refused_save_logs_nothing(book, target):
    write_book(book, target)
    first_store, first, second_store, second = two_editors(target)
    try:
        d1 = row(first, "Deals", 0)
        first.set_value("Deals", d1, "product", "A")
        second.set_value("Deals", d1, "product", "B")
        save(first_store, first)
        with pytest.raises(SaveConflict):
            save(second_store, second)
        assert entries(second_store.change_log(since_revision=1)) == [(2, "Deals", d1, "update")]
    finally:
        first_store.close()
        second_store.close()


def test_a_save_as_starts_the_log_with_every_table_written(book, tmp_path, target):
    start = tmp_path / "start.planner"
    write_book(book, start)
    store, live = editing(start)
    try:
        live.set_value("Deals", row(live, "Deals", 0), "amount", 5)
        save(store, live)
    finally:
        store.close()
    revision = write_book(live, target)
    reader = Store.open(target)
    try:
        log = reader.change_log()
    finally:
        reader.close()
    assert entries(log) == [(revision, name, None, "write") for name in sorted(schema.TABLES)]
    assert set(log["who"]) == {ME} and (datetime.now(timezone.utc) - log["at"].max()) < timedelta(minutes=1)
