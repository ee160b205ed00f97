"""Run slow work (opening, saving, computing) off the GUI thread.

The work is a plain function over core objects and must not touch widgets; its result or
exception comes back to the main thread through a queued signal (Anki's ``run_on_main``).
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
        self.setAutoDelete(False)  # kept alive by the caller until the relay has reported

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # noqa: BLE001 - every failure is reported to the main thread
            self.relay.failed.emit(error)
        else:
            self.relay.succeeded.emit(result)


class JobRunner(QObject):
    """Starts jobs on the global thread pool and keeps each alive until it reports."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[Job] = set()
        self._closed = False

    def start(self, work: Callable[[], object], on_success: Callable[[object], None],
              on_failure: Callable[[Exception], None]) -> Job | None:
        """Run ``work()`` off the GUI thread, then one of the callbacks on it (None: closed)."""
        if self._closed:
            return None
        job = Job(work)
        self._running.add(job)
        job.relay.succeeded.connect(lambda result: self._report(job, on_success, result))
        job.relay.failed.connect(lambda error: self._report(job, on_failure, error))
        QThreadPool.globalInstance().start(job)
        return job

    def _report(self, job: Job, callback: Callable[[object], None], outcome: object) -> None:
        self._running.discard(job)
        # a job that outlives its window (closed while it ran) reports to no one: its
        # callbacks would touch deleted widgets, or start more work
        if isValid(self) and not self._closed:
            callback(outcome)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has finished (used on quit and in tests)."""
        return QThreadPool.globalInstance().waitForDone(msecs)

    def close(self) -> None:
        """For a window that closes: start nothing more, wait for the jobs running, and drop
        what they report (a job still running when the app quits would emit from a deleted object)."""
        self._closed = True
        self.wait()
