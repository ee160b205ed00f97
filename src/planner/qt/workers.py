"""Run slow work (opening, saving, computing) off the GUI thread.

The work is a plain function over core objects and must not touch widgets; its result or
exception comes back to the main thread through a queued signal (Anki's ``run_on_main``).
Computations and charts share Qt's global thread pool; saves get an I/O thread of their own
(``io=True``), so a save starts at once even while every pooled thread computes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """One background call of ``work()``; ``relay`` reports its outcome on the main thread."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work
        self.relay = _Relay()
        self.outcome: tuple[bool, object] | None = None  # (succeeded, result or error) once run
        self.setAutoDelete(False)  # kept alive by the caller until the relay has reported

    def run(self) -> None:
        try:
            result = self.work()
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
        self._closed = False
        self._io = QThreadPool(self)
        self._io.setMaxThreadCount(1)  # saves run one after another, in the order asked

    def start(self, work: Callable[[], object], on_success: Callable[[object], None],
              on_failure: Callable[[Exception], None], io: bool = False) -> Job | None:
        """Run ``work()`` off the GUI thread, then one of the callbacks on it (None: closed).
        ``io``: on the I/O thread, never queued behind computations."""
        if self._closed:
            return None
        job = Job(work)
        self._running[job] = (io, on_success, on_failure)
        job.relay.succeeded.connect(lambda _result: self._report(job))
        job.relay.failed.connect(lambda _error: self._report(job))
        (self._io if io else QThreadPool.globalInstance()).start(job)
        return job

    def _report(self, job: Job) -> None:
        entry = self._running.pop(job, None)
        # reported already (by ``finish_io``); or a job that outlives its window (closed while
        # it ran) reports to no one: its callbacks would touch deleted widgets, or start more work
        if entry is None or not isValid(self) or self._closed:
            return
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
        what they report (a job still running when the app quits would emit from a deleted object)."""
        self._closed = True
        self.wait()
