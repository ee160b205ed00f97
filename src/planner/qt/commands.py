"""Undo commands: one per user intent, each a change applied through the book's edit API.

The book does the work and keeps the invariants (a stage change appends its history inside
the core); a command only remembers the change and the inverse the book returned. Undo and
redo swap them, so a redo restores exactly what was there (the same row ids), not a fresh
copy of it (orange-canvas-core ``document/commands.py``; napari keeps undo in the Qt-free layer).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.core.book import Book
from planner.core.changes import Change


class ChangeCommand(QUndoCommand):
    """A change already applied to ``book`` (``inverse`` undoes it), as one undo step."""

    def __init__(self, book: Book, inverse: Change, text: str) -> None:
        super().__init__(text)
        self.book = book
        self._undo = inverse
        self._redo: Change | None = None
        self._first = True

    def redo(self) -> None:
        if self._first:  # pushed right after the book applied it
            self._first = False
            return
        self._undo = self.book.apply(self._redo, check=False, origin="redo")

    def undo(self) -> None:
        self._redo = self.book.apply(self._undo, check=False, origin="undo")


def push_change(stack: QUndoStack, book: Book, change: Change, text: str) -> Change:
    """Apply ``change`` to ``book`` (raising :class:`~planner.core.problems.Refused` with
    nothing changed when a value does not fit) and put it on ``stack`` as one undo step;
    returns the inverse."""
    inverse = book.apply(change)
    stack.push(ChangeCommand(book, inverse, text))
    return inverse
