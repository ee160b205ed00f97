"""Stale recomputes are cancelled in the app (qt/workers.py): the job asked for before stops at
its next checkpoint, shows nothing (no error, no result), and only the last runs to its end."""

import threading

from planner.core import report as reporting
from planner.core.cancel import CancelToken, checkpoint
from planner.core.periods import Period
from planner.qt.workers import JobRunner
from test_main_window import load, make_window  # noqa: F401 - a fixture

WAIT_S = 30  # a gate that is never opened fails the test instead of hanging it


def test_a_job_made_stale_reports_nothing(qtbot):
    runner = JobRunner()
    entered, gate = threading.Event(), threading.Event()
    succeeded, failed = [], []

    def slow() -> str:
        entered.set()
        assert gate.wait(WAIT_S)
        checkpoint()
        return "first"

    runner.start(slow, succeeded.append, failed.append, latest="figures")
    assert entered.wait(WAIT_S)
    runner.start(lambda: "second", succeeded.append, failed.append, latest="figures")
    qtbot.waitUntil(lambda: succeeded == ["second"], timeout=WAIT_S * 1000)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_S * 1000)
    assert (succeeded, failed) == (["second"], [])


def test_jobs_of_other_names_are_not_cancelled(qtbot):
    runner = JobRunner()
    gate, succeeded, failed = threading.Event(), [], []

    def slow() -> str:
        assert gate.wait(WAIT_S)
        checkpoint()
        return "export"

    runner.start(slow, succeeded.append, failed.append)
    runner.start(lambda: "report", succeeded.append, failed.append, latest="report")
    runner.start(lambda: "report again", succeeded.append, failed.append, latest="report")
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_S * 1000)
    assert "export" in succeeded and "report again" in succeeded and failed == []


def test_two_quick_recomputes_run_only_the_last_to_its_end(qtbot, make_window, monkeypatch):
    """The period is changed twice in quick succession: the report for the first stops at the
    checkpoint after the phase it was in, and the window shows the second's results."""
    window = make_window()
    load(qtbot, window, window.load_demo)
    first, last = Period.parse("2025"), Period.parse("2026-Q1")
    entered, gate, ended = threading.Event(), threading.Event(), []
    attainment, quota_by_month = reporting.attainment, reporting.quota_by_month

    def slow_attainment(book, period):
        if period == first:  # a long phase: the user picks another period meanwhile
            entered.set()
            assert gate.wait(WAIT_S)
        return attainment(book, period)

    def last_phase(book, year, as_of):
        ended.append(year)
        return quota_by_month(book, year, as_of)

    monkeypatch.setattr(reporting, "attainment", slow_attainment)
    monkeypatch.setattr(reporting, "quota_by_month", last_phase)
    window.period_box.setCurrentIndex(window.period_box.findText(first.label))
    assert entered.wait(WAIT_S)
    with qtbot.waitSignal(window.report_ready, timeout=WAIT_S * 1000):
        window.period_box.setCurrentIndex(window.period_box.findText(last.label))
    gate.set()
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=WAIT_S * 1000)
    assert ended == [last.start.year]  # the report for 2025 never reached its last phase
    assert window.report.period == last
    assert set(window.attainment_model.frame["period"]) == {last.label}
    assert "Q1" in window.totals_label.text() and window.statusBar().currentMessage() == ""


def test_closing_the_window_stops_the_report_it_computes(qtbot, make_window, monkeypatch):
    """Quitting while a long phase runs waits for that phase only, never for the rest of the report."""
    window = make_window()
    load(qtbot, window, window.load_demo)
    entered, cancelled, ended = threading.Event(), threading.Event(), []
    attainment, quota_by_month, cancel = reporting.attainment, reporting.quota_by_month, CancelToken.cancel

    def long_phase(book, period):
        entered.set()
        cancelled.wait(WAIT_S)  # the phase ends once the job is cancelled (a checkpoint follows)
        return attainment(book, period)

    def last_phase(book, year, as_of):
        ended.append(year)
        return quota_by_month(book, year, as_of)

    def cancelling(token):
        cancel(token)
        cancelled.set()

    monkeypatch.setattr(reporting, "attainment", long_phase)
    monkeypatch.setattr(reporting, "quota_by_month", last_phase)
    monkeypatch.setattr(CancelToken, "cancel", cancelling)
    window.recompute()
    assert entered.wait(WAIT_S)
    window.close()  # returns once the job has stopped
    assert cancelled.is_set() and ended == []
