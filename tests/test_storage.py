"""Books in SQLite files and PostgreSQL databases: row identity, change-set saves, sharing, migration.

The store tests run on both dialects (``target``); PostgreSQL needs the server binaries
(tests/postgres.py starts a throwaway cluster; in CI a missing server fails the run).
"""

import json
import re
import shutil
import socket
import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures import planner, row
from planner.core import schema
from planner.core.dates import iso_days
from planner.core.errors import PlannerError
from planner.core.report import compute_report
from planner.storage import BookInUse, SaveConflict, Store, open_book, save_book, write_book
from planner.storage.store import SCHEMA_VERSION
from stores import editing, engine_of, save, target, two_editors  # noqa: F401 - target is a fixture

V1_BOOK = Path(__file__).parent / "data" / "fixture-v1.planner"


def assert_same_book(a, b):
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=True)
        assert (a.positions(name) == b.positions(name)).all()


def stored_versions(target, table):
    store = Store.open(target)
    try:
        with store.engine.connect() as connection:
            return dict(connection.execute(sa.text(f'SELECT row_id, _version FROM "{table}"')).all())
    finally:
        store.close()


def test_round_trip_keeps_ids_order_values_and_extra_columns(book, target):
    deals = book["Deals"]
    book.replace_table("Deals", book.keyed("Deals").reset_index(drop=True).assign(**{
        "지역": ["서울"] * (len(deals) - 1) + [None],  # a user's own text column, CJK header
        "Score": range(len(deals)),  # a user's own number column
        "Next call": pd.to_datetime(["2026-04-01"] * len(deals)),
        "from": "x",  # a header that is an SQL keyword
    }))
    book.insert_rows("Deals", book["Deals"].iloc[[0]].assign(id="D0"), at=0)  # a row placed first
    before = {name: book[name] for name in schema.TABLES}
    write_book(book, target)
    for name, frame in before.items():  # saving must not touch the book being edited
        pd.testing.assert_frame_equal(book[name], frame)
    reopened = open_book(target)
    assert list(reopened["Deals"].columns[-4:]) == ["지역", "Score", "Next call", "from"]
    assert reopened["Deals"]["id"].iloc[0] == "D0"
    assert_same_book(book, reopened)
    assert compute_report(reopened).to_json() == compute_report(book).to_json()


def test_a_book_with_many_own_columns_opens_in_one_piece(book, tmp_path):
    """A table with 150 of a user's own number columns: pandas warned once per column from the
    100th on (101 warnings on the terminal of a report) and copied the frame at each; 16,000
    columns took 13 s to open."""
    import warnings

    deals = book.keyed("Deals").reset_index(drop=True)
    own = pd.DataFrame({f"m{n}": range(n, n + len(deals)) for n in range(150)})
    book.replace_table("Deals", pd.concat([deals, own], axis=1))
    path = tmp_path / "wide.planner"
    write_book(book, path)
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.PerformanceWarning)
        reopened = open_book(path)
    assert list(reopened["Deals"].columns[-150:]) == [f"m{n}" for n in range(150)]
    assert reopened["Deals"]["m149"].tolist() == list(range(149, 149 + len(deals)))


def test_a_change_set_save_writes_only_the_changed_rows(book, target):
    write_book(book, target)
    store, live = editing(target)
    try:
        d2, d3 = row(live, "Deals", 1), row(live, "Deals", 2)
        live.set_value("Deals", d2, "amount", 123_400)
        live.delete_rows("Deals", [d3])  # with its split rows, if any
        live.insert_rows("Deals", live["Deals"].loc[[d2]].assign(id="D99"), at=1)
        revision = save(store, live)
    finally:
        store.close()
    versions = stored_versions(target, "Deals")
    assert revision == 2 and versions[d2] == 2
    assert sorted(v for r, v in versions.items() if r != d2 and v == 2) == [2]  # only the new row besides D2
    assert d3 not in versions
    reopened = open_book(target)
    assert reopened["Deals"]["id"].tolist()[:3] == ["D1", "D99", "D2"]
    assert reopened["Deals"].loc[d2, "amount"] == 123_400
    assert_same_book(live, reopened)


def test_two_sessions_editing_other_rows_both_keep_their_changes(book, target):
    write_book(book, target)
    first_store, first = editing(target)
    second_store, second = Store.open(target, "edit", take_over=True), None
    second = second_store.load()
    try:
        first.insert_rows("Deals", first["Deals"].iloc[[0]].assign(id="NEW-1"))
        second.insert_rows("Deals", second["Deals"].iloc[[0]].assign(id="NEW-2"))
        second.set_value("Deals", row(second, "Deals", 3), "amount", 777)
        save(first_store, first)
        save(second_store, second)  # no row in common: both are kept
    finally:
        first_store.close()
        second_store.close()
    ids = open_book(target)["Deals"]["id"].tolist()
    assert "NEW-1" in ids and "NEW-2" in ids


def test_a_save_never_overwrites_a_change_it_has_not_seen(book, target):
    write_book(book, target)
    first_store, first, second_store, second = two_editors(target)
    try:
        d1 = row(first, "Deals", 0)
        first.set_value("Deals", d1, "amount", 111)
        second.set_value("Deals", d1, "amount", 222)
        second.insert_rows("Deals", second["Deals"].iloc[[0]].assign(id="NEW"))
        save(first_store, first)
        with pytest.raises(SaveConflict, match=r"^Not saved: another Planner \(.+\) changed the same rows since you "
                                               r"opened the book: Deals D1\. Your changes are kept here"):
            save(second_store, second)
        assert second.pending  # nothing lost: the refused changes are still to be saved
    finally:
        first_store.close()
        second_store.close()
    stored = open_book(target)
    assert stored["Deals"].loc[d1, "amount"] == 111 and "NEW" not in stored["Deals"]["id"].tolist()


def test_a_book_held_by_another_planner_says_so_and_opens_read_only(book, target):
    write_book(book, target)
    holder = Store.open(target, "edit")
    try:
        with pytest.raises(BookInUse, match=r"is open in another Planner \(.+@.+\) since \d{4}-\d\d-\d\d \d\d:\d\d$"):
            Store.open(target, "edit")
        reader = Store.open(target, "read")
        assert len(reader.load()["Deals"]) == 13
        with pytest.raises(PlannerError, match="open read-only"):
            reader.save(book.snapshot(), book.take_changes(), {})
        reader.close()
    finally:
        holder.close()
    Store.open(target, "edit").close()  # released on close


def test_a_holder_that_died_on_this_machine_does_not_lock_the_book(book, tmp_path):
    path = tmp_path / "book.planner"
    write_book(book, path)
    with sqlite3.connect(path) as db:
        holder = {"token": "x", "host": socket.gethostname(), "pid": 2**22 + 12345, "since": "2026-01-01T10:42:00"}
        db.execute("INSERT INTO planner_meta VALUES ('holder', ?)", (json.dumps(holder),))
    Store.open(path, "edit").close()


def test_a_hold_from_another_machine_lapses_unless_it_is_renewed(book, target):
    """A Planner killed on a laptop held the team's book for ever: its process cannot be looked
    at from here. A hold on another machine now counts while it is renewed (each minute, on a
    database); one not renewed for ten minutes is gone; one that never renews (an older
    Planner) still counts."""
    from datetime import datetime, timedelta, timezone

    write_book(book, target)

    def held_by(**holder) -> None:
        record = {"token": "t", "host": "laptop3", "pid": 4242, "user": "kim", "since": "2026-11-30T18:30:00",
                  **holder}
        engine = engine_of(target)
        with engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM planner_meta WHERE key IN ('holder', 'holders')"))
            connection.execute(sa.text("INSERT INTO planner_meta VALUES ('holders', :h)"), {"h": json.dumps([record])})
        engine.dispose()

    def ago(minutes: int) -> str:
        return (datetime.now(timezone.utc) - timedelta(minutes=minutes)).isoformat(timespec="seconds")

    for seen in (ago(2), None):
        held_by(**({"seen": seen} if seen else {}))
        with pytest.raises(BookInUse, match=r"\(kim@laptop3\) since 2026-11-30 18:30$"):
            Store.open(target, "edit")
    held_by(seen=ago(11))
    store = Store.open(target, "edit")  # the lapsed hold is dropped
    try:
        engine = engine_of(target)
        with engine.connect() as connection:
            stored = json.loads(connection.execute(sa.text(
                "SELECT value FROM planner_meta WHERE key = 'holders'")).scalar())
        engine.dispose()
        assert [holder["host"] for holder in stored] == [socket.gethostname()]
        old = ago(20)  # this session's hold, as if last renewed 20 minutes ago
        engine = engine_of(target)
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE planner_meta SET value = :h WHERE key = 'holders'"),
                               {"h": json.dumps([{**stored[0], "seen": old}])})
        engine.dispose()
        store.renew_hold()
        engine = engine_of(target)
        with engine.connect() as connection:
            seen = json.loads(connection.execute(sa.text(
                "SELECT value FROM planner_meta WHERE key = 'holders'")).scalar())[0]["seen"]
        engine.dispose()
        # a database's hold is renewed; a file's is not written each minute (its process is looked at)
        assert seen == old if store.is_file else seen > ago(1)
    finally:
        store.close()


def test_the_file_is_plain_sqlite_in_wal_mode_with_a_schema_version(book, tmp_path):
    path = tmp_path / "book.planner"
    save_book(book, path)
    d11 = book["Deals"].index[book["Deals"]["id"] == "D11"][0]
    with sqlite3.connect(path) as db:
        meta = dict(db.execute("SELECT key, value FROM planner_meta"))
        amount, created, owner = db.execute("SELECT amount, created, owner FROM Deals WHERE id = 'D11'").fetchone()
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        key = db.execute("SELECT row_id FROM Deals WHERE id = 'D11'").fetchone()[0]
    assert meta["format"] == "planner-book" and meta["schema_version"] == str(SCHEMA_VERSION)
    assert (amount, created, mode, key) == (333_333, "2026-03-01", "wal", d11)  # minor units, ISO dates
    assert owner == book["Reps"].index[book["Reps"]["id"] == "R2"][0]  # references are row ids


def test_a_book_of_format_1_opens_and_is_migrated(tmp_path):
    path = tmp_path / "old.planner"
    shutil.copy(V1_BOOK, path)
    old = open_book(path)  # reading needs no migration and writes nothing
    assert json.loads(json.dumps(compute_report(old).to_json()))["pipeline"]["weighted_value"] == "8716.67"
    with sqlite3.connect(path) as db:
        assert dict(db.execute("SELECT key, value FROM planner_meta"))["schema_version"] == "1"
    store, book = editing(path)
    store.close()
    with sqlite3.connect(path) as db:
        assert dict(db.execute("SELECT key, value FROM planner_meta"))["schema_version"] == str(SCHEMA_VERSION)
    migrated = open_book(path)
    assert list(migrated["Deals"].columns[-2:]) == ["지역", "Score"]
    quotas = migrated.keyed("Quotas")
    assert quotas[quotas["period"] == "2026-04"]["rep"].tolist() == ["R1"]  # the rep given by name
    assert quotas[quotas["period"] == "2026-Q1"]["team"].dropna().tolist() == ["Seoul"]  # a team's quota
    assert migrated.problems() == []
    assert compute_report(migrated).to_json() == compute_report(old).to_json()


def test_a_book_without_a_table_its_format_has_is_damaged(book, tmp_path):
    path = tmp_path / "book.planner"
    save_book(book, path)
    with sqlite3.connect(path) as db:
        db.execute('DROP TABLE "Splits"')
    with pytest.raises(PlannerError, match="damaged.*Splits"):
        open_book(path)


def _break_page_of(path: Path, name: str) -> None:
    """Overwrite the page type of ``name``'s root page (a table or an index) with garbage."""
    with sqlite3.connect(path) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    db.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff")


def test_a_book_damaged_where_a_read_does_not_look_is_refused(book, tmp_path):
    """The quick check runs beside a read (store.py): a book is never handed over before it
    passed, in either mode, and a book refused for editing is not marked as held."""
    path = tmp_path / "book.planner"
    save_book(book, path)
    _break_page_of(path, "ix_planner_change_log_revision")  # no open reads the change log's index
    before = path.read_bytes()
    for mode in ("read", "edit"):
        with pytest.raises(PlannerError, match=r"book.planner is damaged \(.*Page \d+: btreeInitPage"):
            Store.open(path, mode).load()
    with pytest.raises(PlannerError, match="something other than a Planner book"):
        write_book(book, path)  # not a book to write over unasked
    assert path.read_bytes() == before


def test_damage_is_the_reason_given_when_the_read_fails_too(demo, tmp_path):
    path = tmp_path / "book.planner"
    save_book(demo, path)
    _break_page_of(path, "Deals")  # the read stops at it ("malformed"); the check says where
    with pytest.raises(PlannerError, match=r"book.planner is damaged \(.*Page \d+: btreeInitPage"):
        open_book(path)


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


def test_save_as_over_a_book_another_planner_holds_is_refused(book, tmp_path):
    path = tmp_path / "book.planner"
    save_book(book, path)
    holder = Store.open(path, "edit")
    try:
        with pytest.raises(BookInUse):
            save_book(book, path)
    finally:
        holder.close()
    save_book(book, path)


def test_an_undone_delete_and_a_replaced_table_save_like_any_change(book, target):
    write_book(book, target)
    store, live = editing(target)
    try:
        d1 = row(live, "Deals", 0)
        inverse = live.delete_rows("Deals", [d1])
        live.apply(inverse, check=False)  # undo: the same rows back, with the same ids
        live.replace_table("Stages", live.keyed("Stages"))  # rows keep their ids by stage name
        save(store, live)
    finally:
        store.close()
    assert_same_book(live, open_book(target))


def test_a_postgresql_database_with_other_tables_is_not_replaced(book, pg_url):
    engine = sa.create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(sa.text('CREATE TABLE "Deals" (crm_id int)'))
    engine.dispose()
    with pytest.raises(PlannerError, match="holds something other than a Planner book"):
        write_book(book, pg_url)


def set_meta(target, key, value):
    """Write a value into the book's metadata behind Planner's back (a damaged book)."""
    engine = engine_of(target)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE planner_meta SET value = :value WHERE key = :key"),
                           {"key": key, "value": value})
    engine.dispose()


def test_a_next_row_id_below_the_ids_in_use_is_repaired_on_open(book, target):
    write_book(book, target)
    highest = max(int(book[name].index.max()) for name in schema.TABLES if len(book[name]))
    set_meta(target, "next_row_id", "2")  # damaged: ids 2, 3, ... are taken
    store, live = editing(target)
    try:
        [new] = live.insert_rows("Deals", live["Deals"].iloc[[0]].assign(id="NEW")).ids
        assert new > highest  # never an id some row of any table already has
        save(store, live)
    finally:
        store.close()
    stored = open_book(target)
    assert stored["Deals"].loc[new, "id"] == "NEW" and len(stored["Deals"]) == len(book["Deals"]) + 1
    engine = engine_of(target)
    with engine.connect() as connection:
        repaired = int(connection.execute(sa.text("SELECT value FROM planner_meta WHERE key = 'next_row_id'")).scalar())
    engine.dispose()
    assert repaired > new


def test_merging_into_a_book_with_a_damaged_next_row_id_adds_the_deal(book, tmp_path):
    path = tmp_path / "book.planner"
    write_book(book, path)
    set_meta(path, "next_row_id", "1")
    new = tmp_path / "new.csv"
    new.write_text("id,name,owner,stage,amount,created,closed\n"
                   "D-NEW,New deal,R1,Won,100,2026-03-01,2026-03-05\n", encoding="utf-8")
    result = planner("import", new, "--into", path, "--yes")
    assert "Deals: 1 added" in result.stdout
    deals = open_book(path)["Deals"]
    assert deals["id"].tolist() == [*book["Deals"]["id"], "D-NEW"] and deals.index.is_unique


def alone(path, folder):
    """``path`` copied without its WAL (a backup tool, a synced folder, a mail attachment)."""
    folder.mkdir()
    return Path(shutil.copy(path, folder / path.name))


def test_after_a_save_the_book_file_alone_holds_the_saved_book(book, tmp_path):
    path = tmp_path / "book.planner"
    write_book(book, path)
    reader = sqlite3.connect(path)  # another program has the file open: closing the save's connection
    reader.execute("SELECT count(*) FROM Deals").fetchall()  # is then not the last one to close
    try:
        store, live = editing(path)
        d1 = row(live, "Deals", 0)
        live.set_value("Deals", d1, "amount", 4_242)
        save(store, live)
        assert open_book(alone(path, tmp_path / "saved"))["Deals"].loc[d1, "amount"] == 4_242
        store.close()
        with sqlite3.connect(alone(path, tmp_path / "closed")) as copy:  # nor is it held by anyone
            assert not copy.execute("SELECT value FROM planner_meta WHERE key = 'holder'").fetchall()
    finally:
        reader.close()


def test_opening_for_editing_removes_what_killed_full_writes_left_and_nothing_else(book, tmp_path):
    import os
    import subprocess
    import time

    from planner.storage.temporary import temporary_for

    path = tmp_path / "book.planner"
    write_book(book, path)

    def of(pid):
        return temporary_for(path).name.replace(f".{os.getpid()}-", f".{pid}-")

    writer = subprocess.Popen(["sleep", "60"])  # a live process writing a copy there
    try:
        dead, live = of(2**22 + 12345), of(writer.pid)
        other_host = f".book.planner.{2**22 + 12345}-elsewhere.saving"
        names = [dead, dead + "-wal", live, other_host, ".book.planner.saving", ".other.planner.saving"]
        for name in names:
            (tmp_path / name).write_bytes(b"almost a whole book")
        hour_ago = time.time() - 3700
        os.utime(tmp_path / ".book.planner.saving", (hour_ago, hour_ago))  # an older Planner's, long dead
        Store.open(path, "edit").close()
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["book.planner", live, other_host,
                                                                     ".other.planner.saving"])
    finally:
        writer.kill()
        writer.wait()
    Store.open(path, "edit").close()
    assert live not in [p.name for p in tmp_path.iterdir()]  # its writer is gone now


def test_edits_back_to_the_saved_state_leave_nothing_to_save_and_nothing_to_conflict_over(book, target):
    write_book(book, target)
    store, live = editing(target)
    other_store = Store.open(target, "edit", take_over=True)
    other = other_store.load()
    try:
        d1, d2, d3 = (row(live, "Deals", n) for n in range(3))
        undo = [live.set_value("Deals", d1, "amount", 1),
                live.insert_rows("Deals", live["Deals"].loc[[d2]].assign(id="NEW")),
                live.delete_rows("Deals", [d2]),  # with its splits
                live.replace_table("Quotas", live.keyed("Quotas").iloc[:1])]
        for inverse in reversed(undo):
            live.apply(inverse, check=False)
        amount = live["Deals"].loc[d3, "amount"]
        live.set_value("Deals", d3, "amount", 5)
        live.set_value("Deals", d3, "amount", amount)  # typed back as it was
        assert not live.pending
        other.set_value("Deals", d1, "amount", 2)  # meanwhile another Planner changes D1
        save(other_store, other)
        live.set_value("Deals", d3, "amount", 3)
        save(store, live)  # only D3: no conflict over D1, which this session left as it was
    finally:
        store.close()
        other_store.close()
    versions = stored_versions(target, "Deals")
    assert {r: v for r, v in versions.items() if v != 1} == {d1: 2, d3: 3}
    assert all(v == 1 for table in ("Quotas", "Splits") for v in stored_versions(target, table).values())
    stored = open_book(target)["Deals"]
    assert (stored.loc[d1, "amount"], stored.loc[d3, "amount"]) == (2, 3)


def test_the_book_stays_held_while_anyone_still_edits_it(book, target):
    write_book(book, target)
    first = Store.open(target, "edit")
    anyway = Store.open(target, "edit", take_over=True)  # "Edit anyway"
    try:
        anyway.close()  # the second session ends: the first one still edits the book
        with pytest.raises(BookInUse):
            Store.open(target, "edit")
        with pytest.raises(BookInUse):
            write_book(book, target)  # Save As over it from a third Planner
    finally:
        first.close()
    Store.open(target, "edit").close()  # the last one out frees it
    again = Store.open(target, "edit", take_over=True)
    try:
        first = Store.open(target, "edit", take_over=True)
        first.close()  # whichever closes first, the other still holds it
        with pytest.raises(BookInUse):
            Store.open(target, "edit")
    finally:
        again.close()


def test_every_kind_round_trips_exactly_with_missing_values_and_korean_text(demo, target):
    """The columnar read path (dates parsed once per distinct day, integers a column at a time)
    gives back every value of every kind: missing ones, Korean text, extreme integers and days."""
    book = demo.copy()
    deals = book["Deals"]
    first, second, third = deals.index[:3]
    edited = deals.loc[[first, second, third], ["name", "amount", "closed", "cancelled", "expected_close"]].copy()
    edited["name"] = ["서울 상사 — 갱신", pd.NA, "東京 ✓"]
    edited["amount"] = pd.array([schema.MAX_INTEGER, 1, 0], dtype="Int64")
    edited["closed"] = pd.to_datetime(["1900-01-01", None, "2199-12-31"])
    edited["cancelled"] = pd.to_datetime([None, "2199-12-31", None])
    edited["expected_close"] = pd.to_datetime([None, None, None])
    book.set_values("Deals", edited)
    write_book(book, target)
    reopened = open_book(target)
    assert_same_book(book, reopened)
    for name, spec in schema.TABLES.items():  # the kinds held in memory, whatever the dialect
        for column in spec.columns:
            dtype = str(reopened[name][column.name].dtype)
            expected = {schema.Kind.DATE: "datetime64[ns]", schema.Kind.TEXT: "string",
                        schema.Kind.PERIOD: "string"}.get(column.kind, "Int64")
            assert dtype == expected, (name, column.name, dtype)
    assert reopened["Deals"].loc[first, "name"] == "서울 상사 — 갱신"
    assert reopened["Deals"].loc[first, "amount"] == schema.MAX_INTEGER
    assert pd.isna(reopened["Deals"].loc[second, "name"]) and pd.isna(reopened["Deals"].loc[second, "closed"])
    assert reopened["Deals"].loc[third, "closed"] == pd.Timestamp("2199-12-31")


def test_a_table_read_a_few_rows_at_a_time_is_the_same_book(book, tmp_path, monkeypatch):
    """Tables are read in chunks (a million rows are never held as tuples at once): read three
    rows at a time, a book with its own columns, an unresolved reference, a place moved and a
    stored value that does not fit is the same book, with the same problems."""
    from planner.storage import rows

    deals = book.keyed("Deals").reset_index(drop=True)
    deals.loc[4, "owner"] = "nobody"  # kept as typed: a problem
    book.replace_table("Deals", deals.assign(
        Score=range(len(deals)), **{"Next call": pd.to_datetime(["2026-04-01"] * len(deals))}))
    book.insert_rows("Deals", book["Deals"].iloc[[0]].assign(id="D0"), at=0)
    path = tmp_path / "b.planner"
    write_book(book, path)
    with sqlite3.connect(path) as db:
        db.execute('UPDATE "Deals" SET amount = ? WHERE row_id = ?', ("abc", row(book, "Deals", 2)))
    whole = open_book(path)
    monkeypatch.setattr(rows, "READ_CHUNK", 3)
    chunked = open_book(path)
    assert_same_book(whole, chunked)
    for name in schema.TABLES:
        assert whole.versions[name].equals(chunked.versions[name])
    assert whole._unresolved == chunked._unresolved and whole._unresolved["Deals"]["owner"]
    assert [str(p) for p in whole.problems()] == [str(p) for p in chunked.problems()]
    assert any(p.column == "amount" and p.fields.get("value") == "abc" for p in chunked.problems())


def test_a_table_read_a_few_rows_at_a_time_is_the_same_book_on_every_store(book, target, monkeypatch):
    from planner.storage import rows

    write_book(book, target)
    whole = open_book(target)
    monkeypatch.setattr(rows, "READ_CHUNK", 2)
    chunked = open_book(target)
    assert_same_book(whole, chunked)
    assert compute_report(chunked).to_json() == compute_report(whole).to_json()


# -- days as files store them ------------------------------------------------------------------
_STORED_DAYS = st.one_of(
    st.none(), st.just(float("nan")), st.integers(-10, 30_000_000),
    st.dates(date(1850, 1, 1), date(2250, 12, 31)).map(date.isoformat),
    st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
    st.sampled_from(["2026-1-5", " 2026-01-05", "2026-01-05 ", "2026-01-05T10:00", "2026-02-29", "2024-02-29",
                     "1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01", "２０２６-01-05", "2026−01−05",
                     "", "today", "NaT", "2026/01/05", "20260105", "2026-01", "2026-01-05\x00x"]),
    st.text(max_size=12))


def stored_day(value) -> date | None:
    """What a stored day cell holds, one cell at a time: exactly YYYY-MM-DD in Planner's years."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if schema.FIRST_YEAR <= day.year <= schema.LAST_YEAR else None


@settings(max_examples=300, deadline=None)
@given(st.lists(_STORED_DAYS, max_size=40))
def test_a_stored_day_is_exactly_an_iso_day_in_planners_years(cells):
    # a whole column at once (each distinct text judged once), as one cell at a time reads it
    values = np.array(cells + [None], dtype=object)[:-1]  # kept as objects
    days, bad = iso_days(pd.Series(values, dtype=object))
    expected = [stored_day(value) for value in cells]
    assert [None if pd.isna(day) else day.date() for day in days] == expected
    assert bad.tolist() == [day is None and not pd.isna(value) for day, value in zip(expected, cells)]
