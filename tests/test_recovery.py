"""Crash recovery: copies of unsaved edits, found again after the session that wrote them died."""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime, timedelta

import pandas as pd
import pytest

from planner.core import schema
from planner.core.errors import PlannerError
from planner.storage.recovery import Recovery, RecoveryEntry

DEAD_PID = 2**22 + 12345  # above Linux's pid_max: never a running process


@pytest.fixture
def recovery(tmp_path):
    return Recovery(tmp_path / "recovery")  # not there yet: the first write creates it


def edited(book):
    first = book["Deals"].index[0]
    book.set_value("Deals", first, "amount", 123_456)
    return book


def orphaned(recovery, session, **changes):
    """Make ``session``'s copy look left behind by a session that died."""
    sidecar = recovery.sidecar_path(session)
    info = json.loads(sidecar.read_text(encoding="utf-8"))
    info.update({"pid": DEAD_PID, **changes})
    sidecar.write_text(json.dumps(info), encoding="utf-8")
    return info


def test_a_running_session_has_nothing_pending(recovery, book):
    path = recovery.write("a1b2", edited(book).snapshot(), "/books/team.planner", "team")
    assert path.is_file() and recovery.sidecar_path("a1b2").is_file()
    assert recovery.pending() == []


def test_no_folder_no_pending(tmp_path):
    assert Recovery(tmp_path / "nowhere").pending() == []


def test_sidecar_describes_the_copy(recovery, book):
    snapshot = edited(book).snapshot()
    recovery.write("s1", snapshot, "/books/team.planner", "team.planner")
    info = json.loads(recovery.sidecar_path("s1").read_text(encoding="utf-8"))
    assert info["source"] == "/books/team.planner" and info["title"] == "team.planner"
    assert info["revision"] == snapshot.revision == 1
    assert info["pid"] == os.getpid() and info["host"] == socket.gethostname()
    assert abs(datetime.fromisoformat(info["written"]) - datetime.now().astimezone()) < timedelta(minutes=1)


def test_a_dead_session_is_pending_and_restores_its_book(recovery, book):
    snapshot = edited(book).snapshot()
    path = recovery.write("dead", snapshot, None, "Untitled")
    orphaned(recovery, "dead")
    [entry] = recovery.pending()
    assert entry == RecoveryEntry("dead", path, None, "Untitled", snapshot.revision, entry.written, broken=False)
    restored = recovery.restore(entry)
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(restored[name], snapshot[name])
    assert restored["Deals"]["amount"].iloc[0] == 123_456


def test_a_live_book_is_snapshotted(recovery, book):
    recovery.write("live", edited(book), None, "Untitled")
    orphaned(recovery, "live")
    restored = recovery.restore(recovery.pending()[0])
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(restored[name], book[name])


def test_another_machine_counts_as_gone(recovery, book):
    recovery.write("elsewhere", book.snapshot(), None, "b")
    info = json.loads(recovery.sidecar_path("elsewhere").read_text(encoding="utf-8"))
    info["host"] = "some-other-machine"  # its pid (ours) means nothing here
    recovery.sidecar_path("elsewhere").write_text(json.dumps(info), encoding="utf-8")
    assert [entry.session for entry in recovery.pending()] == ["elsewhere"]


def test_pending_is_newest_first(recovery, book):
    for session, hours_ago in (("old", 5), ("new", 1), ("mid", 3)):
        recovery.write(session, book.snapshot(), None, session)
        orphaned(recovery, session,
                 written=(datetime.now().astimezone() - timedelta(hours=hours_ago)).isoformat())
    assert [entry.session for entry in recovery.pending()] == ["new", "mid", "old"]


def test_discard_removes_both_files(recovery, book):
    path = recovery.write("gone", book.snapshot(), None, "b")
    recovery.discard("gone")
    assert not path.exists() and not recovery.sidecar_path("gone").exists()
    assert list(recovery.folder.iterdir()) == []
    recovery.discard("gone")  # again, and never written: both fine
    recovery.discard("never")


def test_a_corrupt_sidecar_is_broken(recovery, book):
    recovery.write("bad", book.snapshot(), None, "b")
    recovery.sidecar_path("bad").write_text('{"pid": 12, "sour', encoding="utf-8")
    recovery.write("notdict", book.snapshot(), None, "b")
    recovery.sidecar_path("notdict").write_text("[1, 2]", encoding="utf-8")
    recovery.write("binary", book.snapshot(), None, "b")
    recovery.sidecar_path("binary").write_bytes(b"\xff\xfe\x00garbage")
    recovery.write("fields", book.snapshot(), None, "b")
    orphaned(recovery, "fields", revision="many", written="yesterday")
    entries = recovery.pending()
    assert sorted(entry.session for entry in entries) == ["bad", "binary", "fields", "notdict"]
    assert all(entry.broken for entry in entries)
    for entry in entries:
        recovery.discard(entry.session)
    assert list(recovery.folder.iterdir()) == []


def test_a_sidecar_without_its_book_is_broken(recovery, book):
    path = recovery.write("nobook", book.snapshot(), "/books/x.planner", "x")
    orphaned(recovery, "nobook")
    path.unlink()
    [entry] = recovery.pending()
    assert entry.broken and entry.session == "nobook" and entry.source == "/books/x.planner"
    with pytest.raises(PlannerError, match="no such file"):
        recovery.restore(entry)


def test_a_running_session_is_skipped_even_while_its_copy_is_incomplete(recovery, book):
    path = recovery.write("busy", book.snapshot(), None, "b")
    path.unlink()  # as if caught between writing the sidecar and the book
    assert recovery.pending() == []


def test_a_book_left_without_its_sidecar_is_broken_once_stale(recovery, book):
    path = recovery.write("lonely", book.snapshot(), None, "b")
    recovery.sidecar_path("lonely").unlink()
    assert recovery.pending() == []  # maybe its sidecar is being written right now
    old = path.stat().st_mtime - 3600
    os.utime(path, (old, old))
    [entry] = recovery.pending()
    assert entry.broken and entry.path == path


def test_a_damaged_copy_raises_one_clear_error(recovery, book):
    path = recovery.write("damaged", book.snapshot(), None, "b")
    orphaned(recovery, "damaged")
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    [entry] = recovery.pending()
    with pytest.raises(PlannerError) as raised:
        recovery.restore(entry)
    assert "damaged" in str(raised.value) and "\n" not in str(raised.value)


@pytest.mark.parametrize(("source", "stored"), [
    ("postgresql://ana:s3cr%40t@db.example.com:5432/sales", "postgresql://ana@db.example.com:5432/sales"),
    ("postgresql+psycopg://ana:pw@db/sales?sslmode=require", "postgresql+psycopg://ana@db/sales?sslmode=require"),
    ("postgresql://ana@db/sales?password=pw", "postgresql://ana@db/sales"),
    ("postgresql://db/sales", "postgresql://db/sales"),
])
def test_a_url_source_is_stored_without_its_password(recovery, book, source, stored):
    recovery.write("url", book.snapshot(), source, "sales")
    text = recovery.sidecar_path("url").read_text(encoding="utf-8")
    assert "pw" not in text and "s3cr" not in text
    assert json.loads(text)["source"] == stored
    orphaned(recovery, "url")
    assert recovery.pending()[0].source == stored


def test_writing_again_replaces_the_copy(recovery, book):
    first = recovery.write("again", book.snapshot(), None, "Untitled")
    edited(book)
    second = recovery.write("again", book.snapshot(), "/books/saved.planner", "saved")
    assert first == second
    assert sorted(p.name for p in recovery.folder.iterdir()) == ["again.json", "again.planner"]
    orphaned(recovery, "again")
    [entry] = recovery.pending()
    assert (entry.revision, entry.title, entry.source) == (book.revision, "saved", "/books/saved.planner")
    assert recovery.restore(entry)["Deals"]["amount"].iloc[0] == 123_456


@pytest.mark.parametrize("session", ["", "../escape", "a/b", "a.b", "x" * 65])
def test_a_session_id_must_be_a_plain_name(recovery, book, session):
    with pytest.raises(ValueError):
        recovery.write(session, book.snapshot(), None, "b")
