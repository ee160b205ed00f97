"""I/O as plain functions the app can run on a worker, and the one save protocol.

An :class:`Operation` is prepared where the book lives (it takes what it needs from the live
book there: a snapshot, the changes), then ``work()`` does the I/O touching no live book (the
app runs it on its I/O thread, the command line right away), then ``finish(result)`` or
``fail(error)`` runs back where it was prepared. ``run()`` does all three at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planner.core.book import Book


def _same(result: Any) -> Any:
    return result


def _nothing(_error: BaseException) -> None:
    return None


@dataclass
class Operation:
    """``work`` (the I/O, safe on any thread), then ``finish(result)`` or ``fail(error)``."""

    work: Callable[[], Any]
    finish: Callable[[Any], Any] = _same
    fail: Callable[[BaseException], None] = _nothing

    def run(self) -> Any:
        """All three parts, here and now; returns what ``finish`` returns, raises what ``work`` raised."""
        try:
            result = self.work()
        except BaseException as error:
            self.fail(error)
            raise
        return self.finish(result)


def saving_changes(store, book: Book) -> Operation:
    """The save of ``book``'s changes since its last save into ``store``: the save protocol,
    kept here only. The changes are taken now (edits made during the save start a new set);
    ``work`` writes them in one transaction and returns the store's new revision; ``finish``
    records them as saved (the rows' new versions); ``fail`` gives them back, before any made
    since, so nothing is lost (a :class:`~planner.storage.SaveConflict` included). With
    nothing to write, ``work`` writes nothing and returns None."""
    snapshot, changes, versions = book.snapshot(), book.take_changes(), dict(book.versions)
    if not changes:
        return Operation(lambda: None)

    def finish(revision: int) -> int:
        book.saved(changes, revision)
        return revision

    return Operation(lambda: store.save(snapshot, changes, versions), finish, lambda _error: book.give_back(changes))
