"""Dashboard responsiveness: how long the GUI thread freezes when the Dashboard tab is shown.

Opens the main window on the demo book (as of 2026-06-30, 1280x900, offscreen), waits for
the first report, then switches to the Dashboard tab ``--times`` times (going back to the
Deals tab in between and choosing the period before, so the charts have something new to show). A 50 ms
QTimer counts the longest gap between its ticks while the charts are computed, drawn and
painted: that gap is how long the window could not answer the user. Prints the longest gap
and the time until the charts are shown; nothing is asserted. Run it by hand:

    python benchmarks/bench_dashboard.py
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before PySide6 is imported

import argparse  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


class Watchdog:
    """A 50 ms timer noting the longest gap between two of its ticks."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._tick)
        self.last = self.longest = 0.0

    def start(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def run_until(app: QApplication, done, timeout: float = 120.0) -> None:
    start = time.perf_counter()
    while not done() and time.perf_counter() - start < timeout:
        app.processEvents()
        time.sleep(0.002)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=3)
    args = parser.parse_args()
    app = QApplication([])
    from planner.core.demo import demo_book
    from planner.storage.recovery import Recovery
    from planner.views.main_window import MainWindow

    folder = Path(tempfile.mkdtemp())
    window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat), Recovery(folder / "rec"))
    window.ask_unsaved = lambda: "discard"
    window.resize(1280, 900)
    window.show()
    reports = []
    window.report_ready.connect(lambda *_: reports.append(1))
    window.show_book(demo_book(as_of=date(2026, 6, 30)), None)
    run_until(app, lambda: reports)
    panel = window.dashboard
    charted = getattr(panel, "charted", None)
    watchdog = Watchdog()
    for attempt in range(args.times):
        window.tabs.setCurrentIndex(0)
        if attempt:  # another period, so the charts have a new report to show
            count = len(reports)
            window.period_box.setCurrentIndex(window.period_box.currentIndex() - 1)
            run_until(app, lambda: len(reports) > count, 30)
        run_until(app, lambda: False, 0.3)
        shown = []
        if charted is not None:
            charted.connect(lambda *_: shown.append(1))
        watchdog.start()
        started = time.perf_counter()
        window.tabs.setCurrentWidget(panel)
        app.processEvents()
        if charted is not None:
            run_until(app, lambda: shown, 30)
        panel.grab()  # painted, as the screen would be
        app.processEvents()
        elapsed = time.perf_counter() - started
        run_until(app, lambda: False, 0.2)
        watchdog.timer.stop()
        if charted is not None:
            charted.disconnect()
        print(f"switch {attempt + 1}: charts shown after {elapsed:.2f} s; longest GUI freeze {watchdog.longest:.3f} s")
    window.close()


if __name__ == "__main__":
    main()
