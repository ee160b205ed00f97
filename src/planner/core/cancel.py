"""Cooperative cancellation of background work that became stale (no Qt).

The app computes a report (a backtest, a payout curve) on a worker thread; when a newer one is
asked for, the older one's token is cancelled and the work stops at its next
:func:`checkpoint` by raising :class:`Cancelled`, which the jobs runner drops silently
(qt/workers.py). Whoever runs the work makes the token the thread's current one
(:func:`cancelling`), so the core's functions take no extra argument and only mark where
stopping is cheap; work run with no token (the command line, tests) never stops.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class Cancelled(BaseException):
    """Raised at a checkpoint of cancelled work. A BaseException (as asyncio's CancelledError):
    an ``except Exception`` that turns a failure into a message must not catch it."""


class CancelToken:
    """Set once, by the thread that asks for newer work; read at the checkpoints of the old."""

    def __init__(self) -> None:
        self.cancelled = False  # one attribute store: safe to set from another thread

    def cancel(self) -> None:
        self.cancelled = True

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled


_current: ContextVar[CancelToken | None] = ContextVar("planner_cancel_token", default=None)


@contextmanager
def cancelling(token: CancelToken) -> Iterator[CancelToken]:
    """Make ``token`` the one :func:`checkpoint` checks in this thread, inside the block."""
    reset = _current.set(token)
    try:
        yield token
    finally:
        _current.reset(reset)


def checkpoint() -> None:
    """Stop here (raise :class:`Cancelled`) if the work running in this thread was cancelled."""
    token = _current.get()
    if token is not None and token.cancelled:
        raise Cancelled
