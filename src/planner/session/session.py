"""The open book: its place, its store, its history, its saves, autosave and recovery.

A :class:`Session` is made by :meth:`Session.open` (a book file or a PostgreSQL address, read
only, for editing, or editing anyway while another Planner holds it), or around a book that
has no place yet (a new, demo, imported or recovered book). Its I/O comes as
:class:`~planner.session.operations.Operation` values: the app runs their ``work`` on a worker
thread (saves on an I/O thread of their own, never behind a computation), the command line and
the tests call ``run()`` or the plain ``save()``, ``save_as()``.

Unsaved changes follow the book's own rule (``Book.pending``): an edit and its undo net out,
so a session is modified while it has rows to write, while it has no place yet, or while a save
of it runs. The session says when results are stale (``on_stale``, once per revision); the app
debounces that with its own timer (``STALE_AFTER_MS``) and recomputes.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.book import Book
from planner.core.changes import Change, DeleteRows, atoms
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.session.history import History, Step
from planner.session.operations import Operation, saving_changes
from planner.storage.holders import BookInUse
from planner.storage.recovery import Recovery, RecoveryEntry, same_place

if TYPE_CHECKING:
    from planner.storage import Store

# The store (with SQLAlchemy, 0.1 s to import) is imported when a book is opened or saved:
# the app started on the demo book needs neither.

STALE_AFTER_MS = 200  # results follow edits this long after the last one (the app's timer): a recompute
# of 100,000 deals after an edit takes about 0.1 s, and a newer edit cancels a stale one (core/cancel.py)

_NO_PLACE = QT_TRANSLATE_NOOP("errors", "This book has no place to be saved yet: save it with Save As")


@dataclass(frozen=True)
class Opening:
    """One attempt at opening the book at ``target`` (a path or a database address):
    :meth:`run` is the I/O (a worker may run it); :meth:`after` says what to try next."""

    target: Path | str
    read_only: bool = False
    take_over: bool = False
    recovery: Recovery | None = None

    def run(self) -> Session:
        """Open and load the book: a session on it, holding the book unless read-only."""
        from planner.storage import Store

        store = Store.open(self.target, "read" if self.read_only else "edit", take_over=self.take_over)
        try:
            book = store.load()
        except BaseException:
            store.close()
            raise
        return Session(book, store, self.target, recovery=self.recovery)

    def after(self, error: BaseException, ask_in_use: Callable[[BookInUse], str | None] | None) -> Opening | None:
        """The next attempt after :meth:`run` raised ``error``, for a caller that can be asked:
        read-only when the book lies on a read-only disk; when another Planner holds it, what
        ``ask_in_use(error)`` answers (``"read"``, ``"edit"`` anyway, or None: do not open,
        returned as None). Without ``ask_in_use`` (a batch run), and for any other error,
        ``error`` is raised again."""
        from planner.storage import ReadOnlyLocation

        if ask_in_use is None:
            raise error
        if isinstance(error, ReadOnlyLocation) and not self.read_only:
            return replace(self, read_only=True)  # a read-only share: shown, saved only with Save As
        if isinstance(error, BookInUse):
            choice = ask_in_use(error)
            return None if choice is None else replace(self, read_only=choice == "read",
                                                       take_over=choice == "edit")
        raise error


class Session:
    """One open book: ``book``, kept in ``store`` at ``place`` (both None for a book with no
    place yet). ``unplaced``: the book was never saved where it is shown from (a new,
    imported or recovered book), so it counts as unsaved even with no edit. ``recovery``:
    where autosave keeps copies of unsaved edits (None: no autosave)."""

    def __init__(self, book: Book, store: Store | None = None, place: Path | str | None = None,
                 unplaced: bool = False, recovery: Recovery | None = None) -> None:
        self.book, self.store, self.place, self.unplaced = book, store, place, unplaced
        self.recovery = recovery
        self.id = uuid.uuid4().hex  # names this session's recovery copy
        self.history = History()
        self.on_stale: Callable[[], None] | None = None  # results no longer match the book
        self._saving = 0  # saves (and Saves As) of this session started and not yet ended
        self._save_again = False
        self._autosaved: int | None = book.revision
        # a restored recovery copy: (where its edits were made, the store revision they lie on)
        self.recovered: tuple[str, int | None] | None = None
        self._stale_revision = book.revision
        self._unsubscribe = book.subscribe(self._changed)

    # -- opening and making ------------------------------------------------------------------
    @classmethod
    def open(cls, target: Path | str, read_only: bool = False, take_over: bool = False,
             ask_in_use: Callable[[BookInUse], str | None] | None = None,
             recovery: Recovery | None = None) -> Session | None:
        """Open the book at ``target`` for editing (or ``read_only``), here and now.

        With ``ask_in_use`` a book another Planner holds is opened as it answers (None: not
        opened, None returned) and one on a read-only disk opens read-only; without it (a
        batch run) both raise. Raises :class:`PlannerError` naming what is wrong otherwise.
        """
        opening: Opening | None = Opening(target, read_only, take_over, recovery)
        while opening is not None:
            try:
                return opening.run()
            except PlannerError as error:
                opening = opening.after(error, ask_in_use)
        return None

    @classmethod
    def new(cls, recovery: Recovery | None = None) -> Session:
        """An empty book with the standard stages, with no place yet."""
        from planner.core.demo import new_book

        return cls(new_book(), unplaced=True, recovery=recovery)

    @classmethod
    def demo(cls, recovery: Recovery | None = None, **options) -> Session:
        """The demo book (``demo_book(**options)``; seconds for a large one: run it on a worker)."""
        from planner.core.demo import demo_book

        return cls(demo_book(**options), recovery=recovery)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # -- state -----------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self.store is not None and self.store.mode != "edit"

    @property
    def needs_place(self) -> bool:
        """Saving needs Save As: the book has no place yet, or is open read-only."""
        return self.store is None or self.read_only

    @property
    def saving_now(self) -> bool:
        return self._saving > 0

    @property
    def modified(self) -> bool:
        """Unsaved changes: rows to write (edits that net out are none), a book with no place
        yet, or a save still running."""
        return self.unplaced or self._saving > 0 or bool(self.book.pending)

    # -- changes -----------------------------------------------------------------------------
    def apply(self, change: Change, text: str, on=None) -> Change:
        """Apply ``change`` as one undo step named ``text``; returns its inverse. Raises
        :class:`~planner.core.problems.Refused` (nothing changed, no step) when it does not fit."""
        inverse = self.book.apply(change, on=on)
        self.history.push(Step(text, change, inverse))
        return inverse

    def undo(self) -> Step | None:
        return self.history.undo(self.book)

    def redo(self) -> Step | None:
        return self.history.redo(self.book)

    @property
    def can_undo(self) -> bool:
        return self.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self.history.can_redo

    def _changed(self, event) -> None:
        # a change emits one event per table it touched: results are stale once per revision
        if event.revision != self._stale_revision:
            self._stale_revision = event.revision
            if self.on_stale is not None:
                self.on_stale()

    # -- saving ----------------------------------------------------------------------------
    def saving(self) -> Operation | None:
        """The save of the changes since the last one into the book's store (see
        :func:`~planner.session.operations.saving_changes`). None while another save of this
        session runs: its row versions are not known yet, so this one waits (``save_waiting``
        says so once that save has ended). Raises :class:`PlannerError` when the book needs
        a place first (``needs_place``: Save As)."""
        if self.needs_place:
            raise PlannerError(_NO_PLACE)
        if self._saving:
            self._save_again = True
            return None
        return self._counted(saving_changes(self.store, self.book))

    def save(self) -> int | None:
        """Save here and now; the store's new revision (None when there was nothing to write)."""
        operation = self.saving()
        return None if operation is None else operation.run()

    @property
    def save_waiting(self) -> bool:
        """A save was asked for while another ran, and that one has ended: save again now."""
        return self._save_again and not self._saving

    def saving_as(self, target: Path | str, replace_other: bool = False) -> Operation | None:
        """Save As: the whole book written to ``target`` (a new file renamed into place, or one
        PostgreSQL transaction), which becomes the book's place, held for editing. ``target``
        being the book's own file is a save. ``replace_other``: the user chose to replace
        what ``target`` holds. ``fail`` gives the changes back."""
        if not self.needs_place and self.is_own_file(target):
            return self.saving()
        snapshot, changes = self.book.snapshot(), self.book.take_changes()

        recovered = self.recovered if self.recovered and same_place(target, self.recovered[0]) else None

        def work() -> tuple[Store, int]:
            from planner.storage import Store, write_book
            from planner.storage.store import refuse_moved_on

            if recovered is not None:  # the recovered edits lie on the book as it was then
                refuse_moved_on(target, recovered[1])
            revision = write_book(snapshot, target, replace_other=replace_other)
            return Store.open(target, "edit"), revision

        def finish(written: tuple[Store, int]) -> None:
            store, revision = written
            old, self.store, self.place, self.unplaced = self.store, store, target, False
            self.recovered = None
            store.bind(self.book, snapshot, revision)
            if old is not None:
                old.close()

        return self._counted(Operation(work, finish, lambda _error: self.book.give_back(changes)))

    def save_as(self, target: Path | str, replace_other: bool = False) -> None:
        operation = self.saving_as(target, replace_other)
        if operation is not None:
            operation.run()

    def is_own_file(self, target: Path | str) -> bool:
        """Whether ``target`` names the book's own file (also through a link or another spelling)."""
        from planner.storage.dialects import is_url
        from planner.storage.files import same_file

        return isinstance(self.place, Path) and not is_url(target) and same_file(Path(target), self.place)

    def _counted(self, operation: Operation) -> Operation:
        """``operation`` counted among this session's saves; a clean end discards the recovery copy."""
        self._saving += 1
        self._save_again = False

        def finish(result):
            self._saving -= 1
            result = operation.finish(result)
            if self._close_saved():
                self.history.clear()
            if not self.book.pending:
                self.unplaced = False
                self._discard_recovery()
            return result

        def fail(error: BaseException) -> None:
            self._saving -= 1
            self._save_again = False  # a failed save is not tried again by itself
            operation.fail(error)

        return Operation(operation.work, finish, fail)

    def _close_saved(self) -> bool:
        """Whether a step done holds a close or reopen the store now holds: undoing it would
        delete a saved close, which the book refuses (a period is reopened instead)."""
        stored = self.book.stored["Closes"].index
        return any(isinstance(atom, DeleteRows) and atom.table == "Closes" and stored.isin(atom.ids).any()
                   for step in self.history.steps[:self.history.index] for atom in atoms(step.inverse))

    # -- autosave, recovery, closing ----------------------------------------------------------
    def autosaving(self, title: str) -> Operation | None:
        """A recovery copy of the unsaved edits (titled ``title``, what the window calls the
        book), or None when there is nothing new to keep since the last copy."""
        if self.recovery is None or not self.modified or self.book.revision == self._autosaved:
            return None
        snapshot, source, recovery = self.book.snapshot(), _source(self.place), self.recovery
        base = self.book.stored_revision if self.store is not None else (self.recovered or (None, None))[1]
        if self.recovered and source is None:
            source = self.recovered[0]  # restored, not saved yet: still the edits of that book
        self._autosaved = snapshot.revision

        def fail(_error: BaseException) -> None:
            self._autosaved = None  # try again next time

        return Operation(lambda: recovery.write(self.id, snapshot, source, title, base), fail=fail)

    def renewing_hold(self) -> Operation | None:
        """The renewal of this session's hold on a book it edits in a database, to run each
        minute (Store.renew_hold); None for a file or a book not held."""
        store = self.store
        if store is None or store.mode != "edit" or store.is_file:
            return None
        return Operation(store.renew_hold)

    def _discard_recovery(self) -> None:
        if self.recovery is not None:
            self.recovery.discard(self.id)

    def close(self) -> None:
        """Stop following the book, release its store (another Planner may then edit it) and
        remove this session's recovery copy. A save still running must end first."""
        self._unsubscribe()
        if self.store is not None:
            self.store.close()
            self.store = None
        self._discard_recovery()


def offer_recovery(recovery: Recovery, ask: Callable[[RecoveryEntry], str | None]
                   ) -> tuple[Session, RecoveryEntry, int] | None:
    """After a crash: the copies of unsaved edits sessions left behind, newest first, each
    offered with ``ask(entry)``: ``"restore"`` restores it as a session with no place (and ends
    the offer), ``"discard"`` removes it and offers the next, None keeps it and the rest for the
    next start. Returns the restored session, its entry and how many copies are still kept.
    Copies that cannot be restored are removed. Raises :class:`PlannerError` when the copy
    cannot be read."""
    entries = recovery.pending()
    for entry in [e for e in entries if e.broken]:
        recovery.discard(entry.session)
    entries = [e for e in entries if not e.broken]
    for at, entry in enumerate(entries):
        choice = ask(entry)
        if choice == "discard":
            recovery.discard(entry.session)
            continue
        if choice != "restore":
            return None
        book = recovery.restore(entry)
        recovery.discard(entry.session)
        session = Session(book, unplaced=True, recovery=recovery)
        if entry.source is not None:
            session.recovered = (entry.source, entry.base)
        return session, entry, len(entries) - at - 1
    return None


def _source(place: Path | str | None) -> str | None:
    return None if place is None else os.fspath(place)
