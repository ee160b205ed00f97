"""The Attainment tab, offscreen: a period in progress shows pacing and the rep quadrants
with their charts; an ended period shows no pacing."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from planner.core.demo import demo_book
from planner.views.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window.ask_unsaved = lambda: "discard"
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        window.show_book(demo_book(as_of=date(2026, 11, 15)), None)
    yield window
    window.jobs.wait()


def test_a_quarter_in_progress_shows_pacing_quadrants_and_charts(qtbot, window):
    """As of 15 November, 2026-Q4 is on day 46 of its 92 (1 October to 15 November)."""
    panel = window.attainment_panel
    window.tabs.setCurrentWidget(panel)
    assert window.report.period.label == "2026-Q4"
    assert "2026-Q4 in progress: day 46 of 92 as of 2026-11-15" in panel.status.text()
    assert "Reps at quota:" in panel.status.text() and "Year to date:" in panel.status.text()
    assert panel.pacing_box.isVisible() and panel.pacing_model.rowCount() == window.attainment_model.rowCount()
    quadrants = panel.quadrant_model.frame
    assert len(quadrants) == 14 and set(quadrants["quadrant"]) <= {
        "Rising star", "Falling star", "Improving laggard", "Worsening laggard"}
    qtbot.waitUntil(lambda: not panel.by_rep_chart.image.isNull() and not panel.quadrant_chart.image.isNull(),
                    timeout=20_000)
    image = panel.quadrant_chart.image
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) > 10  # drawn, not blank


def test_an_ended_period_has_no_pacing(qtbot, window):
    panel = window.attainment_panel
    window.tabs.setCurrentWidget(panel)
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        window.period_box.setCurrentIndex(window.period_box.findText("2026-Q3"))
    assert "2026-Q3 has ended (as of 2026-11-15)" in panel.status.text()
    assert not panel.pacing_box.isVisible()


def test_the_charts_are_drawn_in_the_background_quota_versus_won_by_month_among_them(qtbot, window):
    """The tab's drawing returns at once (the charts come back through ``charted``), and the
    month chart draws the report's company quota and won per month."""
    import threading

    import planner.views.attainment_panel as attainment_panel

    panel = window.attainment_panel
    window.tabs.setCurrentWidget(panel)
    threads = []
    drawn = attainment_panel.render_rgba

    def render(*args):
        threads.append(threading.current_thread())
        return drawn(*args)
    attainment_panel.render_rgba = render
    try:
        with qtbot.waitSignal(panel.charted, timeout=30_000):
            panel._redraw()
            assert panel.jobs.busy  # still drawing when the GUI thread is back
    finally:
        attainment_panel.render_rgba = drawn
    assert len(threads) >= 3 and threading.main_thread() not in threads  # (a resize may draw again)
    months = window.report.quota_by_month
    assert list(months["month"]) == [f"2026-{m:02d}" for m in range(1, 13)]
    assert months["won"].iloc[:11].notna().all() and months["won"].isna().iloc[11]  # December not begun
    image = panel.month_chart.image
    assert not image.isNull()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 10


LAPTOP_HEIGHT = 680  # a 1366×768 screen, less its title bar and taskbar


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_tab_makes_the_window_taller_than_a_laptop_screen(qtbot, qapp, tmp_path, lang):
    """The Attainment tab's three charts made the window 1,048 px tall (the Forecast tab's
    backtest 737): on a laptop its bottom went off the screen. Charts that do not fit scroll."""
    from planner.qt.i18n import install_translators

    install_translators(qapp, lang)
    try:
        window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        window.ask_unsaved = lambda: "discard"
        qtbot.addWidget(window)
        window.resize(1366, LAPTOP_HEIGHT)
        window.show()
        with qtbot.waitSignal(window.report_ready, timeout=60_000):
            window.show_book(demo_book(as_of=date(2026, 11, 15)), None)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)  # built when first shown
        window.forecast_panel.lower.setCurrentWidget(window.forecast_panel.backtest)
        qtbot.wait(10)
        assert window.minimumSizeHint().height() <= LAPTOP_HEIGHT
        assert window.height() == LAPTOP_HEIGHT
        window.jobs.wait()
    finally:
        install_translators(qapp, "en")
