"""Run slow work (opening, saving, computing) off the GUI thread.

The work is a plain function over core objects and must not touch widgets; its result or
exception comes back to the main thread through a queued signal (Anki's ``run_on_main``).
Computations and charts share Qt's global thread pool; saves get an I/O thread of their own
(``io=True``), so a save starts at once even while every pooled thread computes.

A computation asked for again (``latest="report"``) makes the one before it stale: its cancel
token is set, and it stops at its next checkpoint (core/cancel.py) or before it starts; a job
stopped so reports nothing, neither a result nor an error. Saves are never cancelled.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from planner.core.cancel import CancelToken, Cancelled, cancelling


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    dropped = Signal()  # cancelled: stopped at a checkpoint, or never started


class Job(QRunnable):
    """One background call of ``work()``; ``relay`` reports its outcome on the main thread."""

    def __init__(self, work: Callable[[], object], latest: str | None = None) -> None:
        super().__init__()
        self.work, self.latest = work, latest
        self.relay = _Relay()
        self.outcome: tuple[bool, object] | None = None  # (succeeded, result or error) once run
        self.token = CancelToken()  # what ``work``'s checkpoints check, in its thread
        self.stopped = False  # cancelled, and stopped before its end: nothing to report
        self.setAutoDelete(False)  # kept alive by the caller until the relay has reported

    def cancel(self) -> None:
        """The result is no longer wanted: stop at the next checkpoint, report nothing."""
        self.token.cancel()

    def run(self) -> None:
        try:
            self.token.check()  # cancelled while it waited for a thread: never started
            with cancelling(self.token):
                result = self.work()
        except Cancelled:
            self.stopped = True
            self.relay.dropped.emit()
        except Exception as error:  # noqa: BLE001 - every failure is reported to the main thread
            self.outcome = (False, error)
            self.relay.failed.emit(error)
        else:
            self.outcome = (True, result)
            self.relay.succeeded.emit(result)


class JobRunner(QObject):
    """Starts jobs on the global thread pool (or its own I/O thread) and keeps each alive
    until it reports."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: dict[Job, tuple[bool, Callable, Callable]] = {}  # job -> (io, on_success, on_failure)
        self._latest: dict[str, Job] = {}  # the job last started under each ``latest`` name
        self._closed = False
        self._io = QThreadPool(self)
        self._io.setMaxThreadCount(1)  # saves run one after another, in the order asked

    def start(self, work: Callable[[], object], on_success: Callable[[object], None],
              on_failure: Callable[[Exception], None], io: bool = False, latest: str | None = None) -> Job | None:
        """Run ``work()`` off the GUI thread, then one of the callbacks on it (None: closed).
        ``io``: on the I/O thread, never queued behind computations. ``latest``: only the last
        job started under this name is wanted; the one before it is cancelled."""
        if self._closed:
            return None
        job = Job(work, latest)
        if latest is not None:
            stale = self._latest.get(latest)
            if stale is not None:
                stale.cancel()
            self._latest[latest] = job
        self._running[job] = (io, on_success, on_failure)
        job.relay.succeeded.connect(lambda _result: self._report(job))
        job.relay.failed.connect(lambda _error: self._report(job))
        job.relay.dropped.connect(lambda: self._report(job))
        (self._io if io else QThreadPool.globalInstance()).start(job)
        return job

    def _report(self, job: Job) -> None:
        entry = self._running.pop(job, None)
        # reported already (by ``finish_io``); or a job that outlives its window (closed while
        # it ran) reports to no one: its callbacks would touch deleted widgets, or start more work
        if entry is None or not isValid(self) or self._closed:
            return
        if job.latest is not None and self._latest.get(job.latest) is job:
            del self._latest[job.latest]
        if job.stopped:
            return  # stale: not a failure, nothing to show
        succeeded, outcome = job.outcome
        (entry[1] if succeeded else entry[2])(outcome)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def saving(self) -> bool:
        """An I/O job (a save) has not reported yet."""
        return any(io for io, _ok, _failed in self._running.values())

    def finish_io(self) -> None:
        """Wait for the I/O jobs (a save in progress) and report their outcome now, before
        what comes next (quitting, closing the book's store)."""
        self._io.waitForDone()
        for job in [job for job, (io, _ok, _failed) in self._running.items() if io and job.outcome]:
            self._report(job)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has finished (used on quit and in tests)."""
        return self._io.waitForDone(msecs) and QThreadPool.globalInstance().waitForDone(msecs)

    def close(self) -> None:
        """For a window that closes: start nothing more, wait for the jobs running, and drop
        what they report (a job still running when the app quits would emit from a deleted object).
        What runs only to be shown (started with ``latest``) stops at its next checkpoint; the
        rest (a save, an export) runs to its end."""
        self._closed = True
        for job in self._latest.values():
            job.cancel()
        self.wait()
