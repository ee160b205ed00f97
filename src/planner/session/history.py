"""The undo history of an open book, as data: each step is a change, the inverse that undoes
it, and the text the Edit menu shows for it.

The book does the work (``Book.apply`` returns the inverse of what it applied). Undo applies
the step's inverse and keeps what that returns as the change to redo, so a redo restores
exactly what was there (the same row ids), not a fresh copy of it; a redo, in turn, keeps the
new inverse. Applying a new change drops the steps that were undone (as every editor does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.core.changes import Change


@dataclass
class Step:
    """One undo step: ``change`` (what redo applies; the change as made until it is first
    undone), ``inverse`` (what undo applies) and ``text`` (\"Edit amount\", \"Paste 3 rows\")."""

    text: str
    change: Change
    inverse: Change


class History:
    """The steps of an open book, oldest first; ``index`` of them are done (the rest undone).

    ``listener(kind, step)`` hears every move: ``"push"``, ``"undo"``, ``"redo"`` and
    ``"clear"`` (no step)."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.index = 0
        self.listener: Callable[[str, Step | None], None] | None = None

    @property
    def can_undo(self) -> bool:
        return self.index > 0

    @property
    def can_redo(self) -> bool:
        return self.index < len(self.steps)

    @property
    def undo_text(self) -> str | None:
        return self.steps[self.index - 1].text if self.can_undo else None

    @property
    def redo_text(self) -> str | None:
        return self.steps[self.index].text if self.can_redo else None

    def push(self, step: Step) -> None:
        """Record a change just applied; the undone steps after the current one are dropped."""
        del self.steps[self.index:]
        self.steps.append(step)
        self.index += 1
        self._tell("push", step)

    def undo(self, book) -> Step | None:
        """Undo the last step done on ``book``; None when there is none."""
        if not self.can_undo:
            return None
        step = self.steps[self.index - 1]
        step.change = book.apply(step.inverse, check=False, origin="undo")
        self.index -= 1
        self._tell("undo", step)
        return step

    def redo(self, book) -> Step | None:
        """Redo the first undone step on ``book``; None when there is none."""
        if not self.can_redo:
            return None
        step = self.steps[self.index]
        step.inverse = book.apply(step.change, check=False, origin="redo")
        self.index += 1
        self._tell("redo", step)
        return step

    def clear(self) -> None:
        """Forget every step (a saved close cannot be undone: a period is reopened instead)."""
        self.steps, self.index = [], 0
        self._tell("clear", None)

    def _tell(self, kind: str, step: Step | None) -> None:
        if self.listener is not None:
            self.listener(kind, step)
