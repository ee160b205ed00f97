"""Stale work is cancelled (core/cancel.py): a cancelled token stops the report and the backtest
at their next checkpoint; work with no token, or another thread's, runs to its end. No Qt."""

import threading

import pytest

from planner.core import backtest as backtesting
from planner.core import report as reporting
from planner.core.cancel import CancelToken, Cancelled, cancelling, checkpoint
from planner.core.periods import Period
from planner.core.report import compute_report
from planner.core.usable import usable


def recording(monkeypatch, module, name: str, ran: list, then=None):
    """Replace ``module.name`` by a wrapper that notes each call in ``ran`` (and calls ``then``)."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        ran.append(name)
        if then is not None:
            then()
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)


def test_a_report_cancelled_during_a_phase_stops_before_the_next(monkeypatch, demo):
    """The app asks for a newer report while this one computes attainment: the pipeline figures,
    the commissions and everything after are never computed."""
    token, ran = CancelToken(), []
    recording(monkeypatch, reporting, "attainment", ran, then=token.cancel)
    for later in ("pipeline_metrics", "commissions", "health_lists", "quota_by_month"):
        recording(monkeypatch, reporting, later, ran)
    with cancelling(token), pytest.raises(Cancelled):
        compute_report(demo.snapshot(), Period.parse("2026-Q1"))
    assert ran == ["attainment"]


def test_a_report_cancelled_late_stops_there_too(monkeypatch, demo):
    token, ran = CancelToken(), []
    recording(monkeypatch, reporting, "health_lists", ran, then=token.cancel)
    recording(monkeypatch, reporting, "quota_by_month", ran)
    with cancelling(token), pytest.raises(Cancelled):
        compute_report(demo.snapshot(), Period.parse("2026-Q2"))
    assert ran == ["health_lists"]


def test_a_report_not_cancelled_is_the_same_with_a_token_or_without(demo):
    period = Period.parse("2026-Q1")
    with cancelling(CancelToken()):
        watched = compute_report(demo.snapshot(), period)
    assert watched.to_json() == compute_report(demo.snapshot(), period).to_json()


def test_a_token_is_the_thread_s_own(demo):
    """Cancelling the app's job never stops work in another thread (or the command line)."""
    token = CancelToken()
    token.cancel()
    outcome = []

    def other() -> None:
        checkpoint()  # no token in this thread
        outcome.append(compute_report(demo.snapshot()).period)

    with cancelling(token):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        with pytest.raises(Cancelled):
            checkpoint()
    checkpoint()  # the block left: its token is no longer checked
    assert len(outcome) == 1


def test_a_backtest_cancelled_stops_at_the_next_lead(monkeypatch, demo):
    token, calls = CancelToken(), []
    recording(monkeypatch, backtesting, "forecast", calls, then=token.cancel)
    book = usable(demo.snapshot())[0]
    with cancelling(token), pytest.raises(Cancelled):
        backtesting.backtest(book, Period.parse("2025-07"), Period.parse("2026-03"), (0, 1))
    assert len(calls) == 1  # of 18 (9 periods, 2 leads)
