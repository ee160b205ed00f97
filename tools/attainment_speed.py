"""How long the Attainment tab holds the GUI thread on a big book (prints figures; not a test):
the demo book with 100,000 deals (14 reps, then 500), the tab at 1600×1000 offscreen. Before
(main up to 2026-12-07) the tab drew its charts on the GUI thread: that block is the time of
drawing them here one after another; now ``_redraw`` only picks the figures and starts a job.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src python tools/attainment_speed.py
"""

from __future__ import annotations

import os
import time
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from planner.core.attainment import quota_by_month  # noqa: E402
from planner.core.demo import demo_book  # noqa: E402
from planner.core.report import compute_report  # noqa: E402
from planner.core.schema import ATTAINMENT, TEAM_ATTAINMENT  # noqa: E402
from planner.qt.table_model import FrameTableModel  # noqa: E402
from planner.views import attainment_panel  # noqa: E402
from planner.views.attainment_panel import AttainmentPanel  # noqa: E402


def main() -> None:
    app = QApplication.instance() or QApplication([])
    for reps in (None, 500):
        book = demo_book(as_of=date(2026, 11, 15), deals=100_000, reps=reps).snapshot()
        start = time.perf_counter()
        report = compute_report(book)
        computed = time.perf_counter() - start
        start = time.perf_counter()
        quota_by_month(book, 2026, date(2026, 11, 15))  # cached parts: what the report's new field adds
        months = time.perf_counter() - start
        panel = AttainmentPanel(QLabel(), FrameTableModel(ATTAINMENT), FrameTableModel(TEAM_ATTAINMENT))
        panel.resize(1600, 1000)
        panel.show()
        app.processEvents()
        panel.show_report(report)
        panel._redraw_timer.stop()
        drawn, captured = [], []
        panel.charted.connect(lambda: drawn.append(time.perf_counter()))
        real = attainment_panel.render_rgba
        attainment_panel.render_rgba = lambda *args: captured.append(args) or real(*args)
        start = time.perf_counter()
        panel._redraw()
        held = time.perf_counter() - start
        while not drawn:
            app.processEvents()
            time.sleep(0.005)
        shown = drawn[0] - start
        attainment_panel.render_rgba = real
        start = time.perf_counter()  # what the GUI thread used to do itself: draw each chart
        for args in captured:
            real(*args)
        synchronous = time.perf_counter() - start
        print(f"{len(book['Deals']):,} deals, {len(book['Reps']):,} reps: report {computed:.2f} s "
              f"(quota by month {months * 1000:.0f} ms of it); drawing the three charts on the GUI thread "
              f"(before) {synchronous * 1000:.0f} ms; now the GUI thread is held {held * 1000:.1f} ms and the "
              f"charts show {shown * 1000:.0f} ms later")
        panel.jobs.close()
        panel.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    main()
