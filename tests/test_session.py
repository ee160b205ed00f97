"""The open book as a Qt-free session: open, edit, undo, redo, save, conflicts, give-back,
Save As, autosave and recovery, and the "results are stale" notice (issue 15). No Qt here."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from fixtures import row
from planner.core.changes import Batch, SetValues
from planner.core.errors import PlannerError
from planner.core.problems import Refused
from planner.core.schema import ROW_ID
from planner.session import Opening, Session, offer_recovery
from planner.storage import BookInUse, ReadOnlyLocation, SaveConflict, Store, open_book, write_book
from planner.storage.recovery import Recovery
from stores import target  # noqa: F401 - the fixture: a book file, or a PostgreSQL database

DEAD_PID = 2**22 + 12345  # above Linux's pid_max: never a running process


def amount(book, position: int, value: int) -> SetValues:
    """A change of the amount of the deal at ``position``."""
    return SetValues("Deals", pd.DataFrame({"amount": pd.array([value], dtype="Int64")},
                                           index=pd.Index([row(book, "Deals", position)], name=ROW_ID)))


def stored_amount(target, position: int) -> int:
    return int(open_book(target)["Deals"]["amount"].iloc[position])


@pytest.fixture
def opened(book, target):
    """A session editing ``book`` saved at ``target``; closed after the test."""
    write_book(book, target)
    session = Session.open(target)
    yield session
    session.close()


def test_the_session_imports_no_qt():
    code = "import sys, planner.session, planner.cli; print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- opening -----------------------------------------------------------------------------------

def test_opening_for_editing_holds_the_book_until_closed(book, target):
    write_book(book, target)
    session = Session.open(target)
    assert not session.read_only and not session.needs_place and not session.modified and session.place == target
    with pytest.raises(BookInUse):
        Session.open(target)  # no one to ask (a batch run): refused
    session.close()
    Session.open(target).close()  # released


def test_a_book_in_use_opens_as_the_answer_says(opened, target):
    asked = []
    assert Session.open(target, ask_in_use=lambda error: asked.append(error) or None) is None
    with Session.open(target, ask_in_use=lambda error: "read") as reader:
        assert reader.read_only and reader.needs_place and reader.store.mode == "read"
    with Session.open(target, ask_in_use=lambda error: "edit") as anyway:
        assert not anyway.read_only and anyway.store.mode == "edit"
    assert isinstance(asked[0], BookInUse)


def test_a_read_only_place_opens_read_only_only_for_a_caller_that_can_be_told(tmp_path):
    error = ReadOnlyLocation("{path} is on a read-only disk", path="x")
    opening = Opening(tmp_path / "x.planner")
    assert opening.after(error, lambda _error: "edit") == Opening(tmp_path / "x.planner", read_only=True)
    with pytest.raises(ReadOnlyLocation):
        opening.after(error, None)
    with pytest.raises(PlannerError, match="no such file"):
        Session.open(tmp_path / "missing.planner", ask_in_use=lambda _error: "edit")


# -- edits and the history ---------------------------------------------------------------------

def test_undo_and_redo_restore_the_same_rows_and_an_edit_and_its_undo_net_out(book):
    session = Session(book)
    events = []
    book.subscribe(events.append)
    d1 = row(book, "Deals", 0)
    before = book["Deals"].loc[d1, "amount"]
    session.apply(amount(book, 0, 4_321), "Edit amount")
    assert session.modified and session.can_undo and not session.can_redo
    assert session.history.undo_text == "Edit amount"
    session.undo()
    assert book["Deals"].loc[d1, "amount"] == before and not session.modified and session.can_redo
    session.redo()
    assert book["Deals"].loc[d1, "amount"] == 4_321 and session.modified
    assert [event.origin for event in events if event.table == "Deals"] == ["local", "undo", "redo"]
    # inserted rows come back with their own ids
    session.apply(book.insertion("Deals", book["Deals"].iloc[[0]].assign(id="NEW")), "Insert a row")
    new_id = int(book["Deals"].index[-1])
    session.undo()
    assert new_id not in book["Deals"].index
    session.redo()
    assert int(book["Deals"].index[-1]) == new_id and book["Deals"].loc[new_id, "id"] == "NEW"


def test_a_new_change_drops_the_undone_steps_and_a_refused_one_makes_none(book):
    session = Session(book)
    session.apply(amount(book, 0, 1), "first")
    session.apply(amount(book, 1, 2), "second")
    session.undo()
    session.apply(amount(book, 2, 3), "third")
    assert [step.text for step in session.history.steps] == ["first", "third"] and not session.can_redo
    with pytest.raises(Refused):
        session.apply(SetValues("Deals", pd.DataFrame({"amount": pd.array([-5], dtype="Int64")},
                                                      index=pd.Index([row(book, "Deals", 0)], name=ROW_ID))), "bad")
    assert len(session.history.steps) == 2 and session.history.index == 2


def test_results_are_stale_once_per_revision(book):
    session = Session(book)
    notices = []
    session.on_stale = lambda: notices.append(book.revision)
    both = Batch((amount(book, 0, 1), book.insertion("Reps", book["Reps"].iloc[[0]].assign(id="R9"))))
    session.apply(both, "Two tables")  # one revision, two events
    session.undo()
    book.set_value("Deals", row(book, "Deals", 1), "amount", 9)  # an edit past the history too
    assert notices == [1, 2, 3]


# -- saving --------------------------------------------------------------------------------------

def test_a_save_writes_the_edits_and_leaves_the_session_clean(opened, target):
    opened.apply(amount(opened.book, 0, 4_321), "Edit amount")
    revision = opened.save()
    assert revision == 2 and stored_amount(target, 0) == 4_321 and not opened.modified
    assert opened.save() is None  # nothing more to write
    opened.undo()
    assert opened.modified  # the saved value is the one now undone
    opened.redo()
    assert not opened.modified


def test_a_failed_save_gives_its_changes_back_before_those_made_since(opened, target, monkeypatch):
    opened.apply(amount(opened.book, 0, 111), "first")
    saving = opened.saving()
    opened.apply(amount(opened.book, 1, 222), "during the save")
    monkeypatch.setattr(Store, "save", lambda *args: (_ for _ in ()).throw(PlannerError("the disk is full")))
    with pytest.raises(PlannerError, match="the disk is full"):
        saving.run()
    monkeypatch.undo()
    assert opened.modified and not opened.saving_now
    opened.save()
    assert (stored_amount(target, 0), stored_amount(target, 1)) == (111, 222) and not opened.modified


def test_a_save_asked_for_while_one_runs_follows_it(opened, target):
    opened.apply(amount(opened.book, 0, 111), "first")
    running = opened.saving()
    assert opened.saving_now and opened.modified
    opened.apply(amount(opened.book, 0, 333), "while it runs")  # the same row: its version is not known yet
    assert opened.saving() is None and not opened.save_waiting
    running.run()
    assert opened.save_waiting
    opened.save()
    assert stored_amount(target, 0) == 333 and not opened.modified and not opened.save_waiting


def test_a_conflict_keeps_the_changes_for_save_as(opened, target, tmp_path):
    other = Session.open(target, ask_in_use=lambda error: "edit")
    try:
        other.apply(amount(other.book, 0, 999), "theirs")
        other.save()
    finally:
        other.close()
    opened.apply(amount(opened.book, 0, 111), "mine")
    with pytest.raises(SaveConflict, match="Deals D1"):
        opened.save()
    assert opened.modified and stored_amount(target, 0) == 999
    with pytest.raises(SaveConflict):  # saving again changes nothing: still refused, still kept
        opened.save()
    copy = tmp_path / "mine.planner"
    opened.save_as(copy)
    assert stored_amount(copy, 0) == 111 and opened.place == copy and not opened.modified
    assert stored_amount(target, 0) == 999


def test_save_as_gives_a_new_book_its_place(book, tmp_path):
    session = Session(book, unplaced=True)
    assert session.modified and session.needs_place
    with pytest.raises(PlannerError, match="Save As"):
        session.saving()
    path = tmp_path / "new.planner"
    session.save_as(path)
    assert session.place == path and session.store.mode == "edit" and not session.modified
    session.apply(amount(book, 0, 5), "Edit amount")
    session.save()
    assert stored_amount(path, 0) == 5
    with pytest.raises(BookInUse):
        Store.open(path, "edit")  # the session holds its new place
    session.close()


def test_save_as_onto_its_own_file_is_a_save(book, tmp_path):
    path = tmp_path / "book.planner"
    write_book(book, path)
    with Session.open(path) as session:
        store = session.store
        session.apply(amount(session.book, 0, 4_321), "Edit amount")
        session.save_as(tmp_path / "." / "book.planner")  # the same file, however it is written
        assert session.store is store and stored_amount(path, 0) == 4_321 and not session.modified
        assert list(store.change_log()["kind"])[-1] == "update"  # a change set, not a whole write


# -- autosave, recovery and closing ---------------------------------------------------------------

def test_autosave_keeps_unsaved_edits_that_recovery_brings_back(opened, tmp_path):
    recovery = Recovery(tmp_path / "recovery")
    opened.recovery = recovery
    assert opened.autosaving("book.planner") is None  # nothing unsaved
    opened.apply(amount(opened.book, 0, 4_321), "Edit amount")
    opened.autosaving("book.planner").run()
    assert opened.autosaving("book.planner") is None  # nothing new since
    sidecar = recovery.sidecar_path(opened.id)
    info = json.loads(sidecar.read_text(encoding="utf-8"))
    sidecar.write_text(json.dumps({**info, "pid": DEAD_PID}), encoding="utf-8")  # the session "crashed"
    assert offer_recovery(recovery, lambda entry: None) is None and recovery.pending()  # kept for later
    restored, entry, kept = offer_recovery(recovery, lambda entry: "restore")
    assert kept == 0
    assert entry.title == "book.planner" and entry.source == str(opened.place)
    assert restored.unplaced and restored.modified and restored.needs_place
    assert restored.book["Deals"]["amount"].iloc[0] == 4_321 and recovery.pending() == []


def crashed(session, recovery) -> Session:
    """``session``'s unsaved edits as the next start restores them after a crash."""
    session.autosaving("book").run()
    sidecar = recovery.sidecar_path(session.id)
    sidecar.write_text(json.dumps({**json.loads(sidecar.read_text()), "pid": DEAD_PID}), encoding="utf-8")
    session.recovery = None  # the crash: the book is let go, its copy stays
    session.close()
    return offer_recovery(recovery, lambda entry: "restore")[0]


def test_recovered_edits_saved_over_their_book_never_undo_a_later_save(opened, target, tmp_path):
    """A review found Save As of restored edits over their book silently undid a save made
    after the crash (by a colleague, or a command): the recovered edits lie on the book as it
    was, so they are refused over a book saved since, and written when it was not."""
    recovery = Recovery(tmp_path / "recovery")
    opened.recovery = recovery
    opened.apply(amount(opened.book, 0, 4_321), "Edit amount")
    restored = crashed(opened, recovery)
    later = Session.open(target)  # someone else saves the book after the crash
    later.apply(amount(later.book, 1, 777), "Edit amount")
    later.save()
    later.close()
    with pytest.raises(PlannerError, match=r"^Not saved: .* was saved again \(.*\) after the work recovered here"):
        restored.save_as(target, replace_other=True)
    assert stored_amount(target, 1) == 777 and stored_amount(target, 0) != 4_321  # nothing undone, nothing lost
    assert restored.modified and restored.book["Deals"]["amount"].iloc[0] == 4_321
    restored.save_as(tmp_path / "mine.planner")  # elsewhere: saved
    assert stored_amount(tmp_path / "mine.planner", 0) == 4_321
    restored.close()


def test_recovered_edits_are_saved_over_their_book_when_nothing_saved_it_since(opened, target, tmp_path):
    recovery = Recovery(tmp_path / "recovery")
    opened.recovery = recovery
    opened.apply(amount(opened.book, 0, 4_321), "Edit amount")
    opened.save()  # a save, then more edits, then the crash: the edits lie on that save
    opened.apply(amount(opened.book, 1, 999), "Edit amount")
    restored = crashed(opened, recovery)
    restored.save_as(target, replace_other=True)
    assert (stored_amount(target, 0), stored_amount(target, 1)) == (4_321, 999)
    restored.apply(amount(restored.book, 2, 55), "Edit amount")  # and it is the book's session now
    restored.save()
    assert stored_amount(target, 2) == 55
    restored.close()


def test_a_book_shared_in_a_database_renews_its_hold_and_a_file_does_not(opened, target):
    """The window renews each minute (with its autosave) what tells other machines the book is
    still held (storage/holders.py); a file is held by a process this machine can look at."""
    from datetime import datetime, timedelta, timezone

    import sqlalchemy as sa

    from stores import engine_of

    def holds(written: list | None = None) -> list:
        engine = engine_of(target)
        with engine.begin() as connection:
            if written is not None:
                connection.execute(sa.text("UPDATE planner_meta SET value = :v WHERE key = 'holders'"),
                                   {"v": json.dumps(written)})
            held = json.loads(connection.execute(sa.text(
                "SELECT value FROM planner_meta WHERE key = 'holders'")).scalar())
        engine.dispose()
        return held

    renewal = opened.renewing_hold()
    assert (renewal is None) == opened.store.is_file
    if renewal is not None:
        holds([{**holds()[0], "seen": "2026-01-01T00:00:00+00:00"}])  # as if last renewed long ago
        renewal.run()
        renewed = datetime.fromisoformat(holds()[0]["seen"])
        assert datetime.now(timezone.utc) - renewed < timedelta(minutes=1)


def test_a_clean_save_and_a_close_remove_the_recovery_copy(opened, tmp_path):
    recovery = Recovery(tmp_path / "recovery")
    opened.recovery = recovery
    opened.apply(amount(opened.book, 0, 1), "Edit amount")
    opened.autosaving("b").run()
    assert recovery.book_path(opened.id).exists()
    opened.save()
    assert not recovery.book_path(opened.id).exists()
    opened.apply(amount(opened.book, 0, 2), "Edit amount")
    opened.autosaving("b").run()
    opened.close()
    assert not recovery.book_path(opened.id).exists()


def test_recovery_discards_what_the_user_discards(book, tmp_path):
    recovery = Recovery(tmp_path / "recovery")
    session = Session(book, unplaced=True, recovery=recovery)
    assert session.autosaving("Untitled") is None  # a new book as made: nothing to lose yet
    session.apply(amount(book, 0, 1), "Edit amount")
    session.autosaving("Untitled").run()
    sidecar = recovery.sidecar_path(session.id)
    sidecar.write_text(json.dumps({**json.loads(sidecar.read_text()), "pid": DEAD_PID}), encoding="utf-8")
    assert offer_recovery(recovery, lambda entry: "discard") is None
    assert recovery.pending() == [] and not recovery.book_path(session.id).exists()


def test_every_copy_left_by_a_crash_is_offered_in_turn(book, tmp_path):
    """Two windows left unsaved edits: only the newest was offered, the other not until a later
    start, without a word (found by a review). Discarding one offers the next; restoring one
    says how many are still kept; declining keeps them all."""
    recovery = Recovery(tmp_path / "recovery")
    sessions = []
    for value in (1, 2, 3):
        session = Session(book.copy(), unplaced=True, recovery=recovery)
        session.apply(amount(session.book, 0, value), "Edit amount")
        session.autosaving(f"book {value}").run()
        sidecar = recovery.sidecar_path(session.id)
        info = json.loads(sidecar.read_text())
        sidecar.write_text(json.dumps({**info, "pid": DEAD_PID, "written": f"2026-12-07T10:0{value}:00+00:00"}),
                           encoding="utf-8")
        sessions.append(session)
    asked = []
    assert offer_recovery(recovery, lambda entry: asked.append(entry.title)) is None  # kept, all of them
    assert asked == ["book 3"] and len(recovery.pending()) == 3
    asked = []
    answers = iter(["discard", "restore"])
    restored, entry, kept = offer_recovery(recovery, lambda entry: asked.append(entry.title) or next(answers))
    assert asked == ["book 3", "book 2"] and entry.title == "book 2" and kept == 1
    assert restored.book["Deals"]["amount"].iloc[0] == 2 and [e.title for e in recovery.pending()] == ["book 1"]
