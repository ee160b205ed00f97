"""The Qt undo stack as a mirror of the session's history.

The history is data in the Qt-free session (``planner.session.history``): each step a change
and its inverse. The window's ``QUndoStack`` holds one command per step so that the Edit menu's
Undo/Redo (with their texts and enabled states) and the Undo history view work as Qt's own;
undoing through the stack undoes in the session, and a session moved by itself moves the stack.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack


class HistoryMirror:
    """Keeps ``stack`` in step with the history of the session it follows."""

    def __init__(self, stack: QUndoStack) -> None:
        self.stack = stack
        self.session = None
        self._moving = False  # the stack and the session are being moved together

    def follow(self, session) -> None:
        """Mirror ``session``'s history (a new session: an empty stack)."""
        if self.session is not None:
            self.session.history.listener = None
        self.session = session
        self.stack.clear()
        session.history.listener = self._session_moved

    def _session_moved(self, kind: str, step) -> None:
        # (moved through the stack, the stack is there already: ``_together`` does nothing)
        if kind == "clear":
            self.stack.clear()
            return
        self._together(lambda: self.stack.push(_StepCommand(self, step.text)) if kind == "push"
                       else (self.stack.undo() if kind == "undo" else self.stack.redo()))

    def _together(self, move) -> None:
        """Move one side; the other side, moving in turn, finds ``_moving`` set and stays."""
        if self._moving:
            return
        self._moving = True
        try:
            move()
        finally:
            self._moving = False


class _StepCommand(QUndoCommand):
    """One step of the session's history; undo and redo are done by the session."""

    def __init__(self, mirror: HistoryMirror, text: str) -> None:
        super().__init__(text)
        self.mirror = mirror

    def redo(self) -> None:  # also called by push, while the mirror moves: done already
        self.mirror._together(self.mirror.session.redo)

    def undo(self) -> None:
        self.mirror._together(self.mirror.session.undo)
