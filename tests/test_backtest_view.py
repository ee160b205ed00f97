"""The Backtest section of the Forecast tab (views/backtest_panel.py) on the fixture book with its
stage history: the figures computed by hand in test_backtest.py, the chart, and the stage
calibration applied as one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from fixtures import rebuilt, small_book
from test_point_in_time import with_history
from windows import WAIT, open_window


@pytest.fixture
def window(qtbot, tmp_path):
    shown = open_window(qtbot, tmp_path, rebuilt(small_book(), with_history), saved=False)
    shown.tabs.setCurrentWidget(shown.forecast_panel)
    panel = shown.forecast_panel
    with qtbot.waitSignal(panel.backtest.calibrated, timeout=WAIT):
        panel.lower.setCurrentWidget(panel.backtest)
    yield shown
    shown.jobs.wait()
    for runner in shown.findChildren(type(shown.jobs)):
        runner.wait()


def cells(model, column: str) -> list:
    index = list(model.frame.columns).index(column)
    return [model.index(row, index).data() for row in range(model.rowCount())]


def test_the_range_defaults_to_the_twelve_months_before_as_of(window):
    panel = window.forecast_panel.backtest  # the book's as_of: 2026-03-31
    assert (panel.first.text(), panel.last.text()) == ("2025-03", "2026-02")
    assert panel.lead.currentData() == 0


def test_a_backtest_typed_and_run_shows_the_hand_computed_figures(qtbot, window):
    """February 2026 at lead 0 (test_backtest.py::test_a_month_backtested_by_hand): actual 29,000;
    cycle length 28,876.41 is the most accurate (99.57%), weighted 24,550 scores 84.66% with a bias
    of −4,450 ÷ 29,000 = −15.34%, pipeline 37,000 a bias of +27.59% (shown to one decimal)."""
    panel = window.forecast_panel.backtest
    panel.first.clear()
    qtbot.keyClicks(panel.first, "2026-02")
    panel.last.clear()
    qtbot.keyClicks(panel.last, "2026-02")
    with qtbot.waitSignal(panel.ran, timeout=WAIT):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    model = panel.methods_model
    assert cells(model, "method")[0] == "Sales-cycle length"
    rows = dict(zip(cells(model, "method"), zip(cells(model, "accuracy"), cells(model, "bias"), cells(model, "mape"),
                                                cells(model, "best"))))
    assert rows["Sales-cycle length"] == ("99.6%", "-0.4%", "0.4%", "1")
    assert rows["Stage-weighted"] == ("84.7%", "-15.3%", "15.3%", "0")
    assert rows["Pipeline"] == ("72.4%", "27.6%", "27.6%", "0")  # 1 − 8,000 ÷ 29,000, over
    best = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert best is not None and model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "2026-02" in panel.note.text()
    periods, accuracy, top = panel.chart_data()
    assert periods == ["2026-02"] and top == "cycle_length"
    assert accuracy["weighted"] == [pytest.approx(24_550 / 29_000)]
    qtbot.waitUntil(lambda: not panel.chart.image.isNull(), timeout=WAIT)


def test_a_wrong_range_is_one_line_and_runs_nothing(qtbot, window):
    panel = window.forecast_panel.backtest
    panel.first.clear()
    qtbot.keyClicks(panel.first, "2026-03")
    panel.last.clear()
    qtbot.keyClicks(panel.last, "2026-01")
    qtbot.keyClick(panel.last, Qt.Key.Key_Return)
    assert "2026-03" in panel.note.text() and "2026-01" in panel.note.text()
    assert panel.result is None and not panel.jobs.busy


def test_a_stale_run_is_dropped(qtbot, window):
    """A run asked for while another is under way: only the last one's result is shown."""
    panel = window.forecast_panel.backtest
    resets = []
    panel.methods_model.modelReset.connect(lambda: resets.append(panel.methods_model.rowCount()))
    panel.first.setText("2026-01")
    panel.last.setText("2026-01")
    panel.run()
    panel.last.setText("2026-02")
    with qtbot.waitSignal(panel.ran, timeout=WAIT):
        panel.run()
    panel.jobs.wait()
    QCoreApplication.processEvents()  # what the jobs reported (queued) is delivered now
    assert len(resets) == 1
    assert list(dict.fromkeys(panel.result.lines["period"])) == ["2026-01", "2026-02"]


def test_the_calibration_table_and_applying_observed_rates_as_one_undo_step(qtbot, window):
    """Every deal reached Prospect: won D1-D6 (6), lost D7, D8 (2), 5 open: observed 6 ÷ 8 = 75%,
    Wilson interval 40.93% - 92.85% (test_cli_backtest.py); the book says 10%."""
    panel = window.forecast_panel.backtest
    model = panel.calibration_model
    prospect = cells(model, "stage").index("Prospect")
    assert [cells(model, name)[prospect] for name in ("probability", "observed", "reached", "won", "lost", "open",
                                                      "low", "high")] == [
        "10.0%", "75.0%", "13", "6", "2", "5", "40.9%", "92.9%"]
    before = window.book["Stages"]["probability"].copy()
    asked = []
    panel.ask = lambda title, text: asked.append(text) or False  # declined: nothing changes
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert "Prospect: 10.0% → 75.0%" in asked[0] and window.undo_stack.count() == 0
    panel.ask = lambda title, text: True
    with qtbot.waitSignal(panel.calibrated, timeout=WAIT):
        qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    probabilities = window.book.keyed("Stages").set_index("stage")["probability"]
    assert int(probabilities["Prospect"]) == 750_000 and window.undo_stack.count() == 1
    assert cells(model, "probability")[prospect] == "75.0%"  # the table follows the book
    assert "Undo" in panel.apply_note.text()
    with qtbot.waitSignal(panel.calibrated, timeout=WAIT):
        window.undo_stack.undo()
    assert window.book["Stages"]["probability"].equals(before)
    assert cells(model, "probability")[prospect] == "10.0%"


def test_the_backtest_section_takes_room_from_the_table_by_rep_while_shown(qtbot, window):
    from planner.views.forecast_panel import BY_REP_WITH_BACKTEST

    forecast = window.forecast_panel
    forecast.lower.setCurrentIndex(0)
    window.resize(1280, 1200)
    qtbot.waitUntil(lambda: forecast._splitter.sizes()[0] > BY_REP_WITH_BACKTEST)
    before = forecast._splitter.sizes()
    qtbot.mouseClick(forecast.lower.tabBar(), Qt.MouseButton.LeftButton,
                     pos=forecast.lower.tabBar().tabRect(forecast.lower.indexOf(forecast.backtest)).center())
    assert forecast.lower.currentWidget() is forecast.backtest
    assert forecast._splitter.sizes()[0] == BY_REP_WITH_BACKTEST
    forecast.lower.setCurrentIndex(0)
    assert forecast._splitter.sizes() == before


def test_another_book_clears_the_backtest_shown(qtbot, window):
    from fixtures import small_book

    panel = window.forecast_panel.backtest
    panel.first.setText("2026-02")
    panel.last.setText("2026-02")
    with qtbot.waitSignal(panel.ran, timeout=WAIT):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert panel.methods_model.rowCount() == 6
    with qtbot.waitSignal(window.report_ready, timeout=WAIT):
        window.show_book(small_book(), None)
    assert panel.result is None and panel.methods_model.rowCount() == 0 and panel.chart.image.isNull()
