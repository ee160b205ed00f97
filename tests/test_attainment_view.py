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
