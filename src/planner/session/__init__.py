"""The open book, without Qt: open, history, save, Save As, autosave and recovery.

A :class:`Session` owns one open book and the place it is kept (a file or a PostgreSQL
database, or none yet): every change goes through ``Session.apply`` (one undo step), saves
write the change set on the book's store, and the session says when results are stale. The
app and the command line drive the same session; I/O comes as an :class:`Operation` whose
``work`` may run on a worker thread.
"""

from planner.session.history import History, Step
from planner.session.operations import Operation, saving_changes
from planner.session.session import STALE_AFTER_MS, Opening, Session, offer_recovery

__all__ = ["STALE_AFTER_MS", "History", "Opening", "Operation", "Session", "Step", "offer_recovery",
           "saving_changes"]
