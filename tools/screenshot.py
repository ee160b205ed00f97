"""Render the main window offscreen on the demo book to a PNG (for the README and reviews).

    python tools/screenshot.py docs/screenshot.png --tab 0 --lang en
    python tools/screenshot.py docs/screenshot-ko-commissions.png --statement G03:2026-06 --lang ko
    python tools/screenshot.py docs/screenshot-ja-plans.png --plan Enterprise --lang ja
    python tools/screenshot.py docs/backtest-ja.png --tab 12 --backtest --lang ja --as-of 2026-11-15
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from planner.core.demo import demo_book  # noqa: E402
from planner.qt.workers import JobRunner  # noqa: E402
from planner.views.app import create_app  # noqa: E402
from planner.views.main_window import MainWindow  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--tab", type=int, default=0, help="index of the tab to show")
    parser.add_argument("--lang", default="en", choices=["en", "ko", "ja"])
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 6, 30))
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--statement", metavar="REP:PERIOD", help="show the Commissions tab with this payout's statement")
    parser.add_argument("--plan", metavar="PLAN", help="show the Plans tab with this plan chosen")
    parser.add_argument("--backtest", action="store_true", help="show the Forecast tab's Backtest section, run")
    args = parser.parse_args()

    app = create_app(args.lang)
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    width, height = map(int, args.size.split("x"))
    window.resize(width, height)
    window.show_book(demo_book(as_of=args.as_of), None)
    window.show()
    window.tabs.setCurrentIndex(args.tab)
    window.jobs.wait()
    QTest.qWait(600)  # charts are drawn once a resize pauses (dashboard.RESIZE_DELAY)
    while any(runner.busy for runner in window.findChildren(JobRunner)):  # and in the background
        window.jobs.wait()
        QTest.qWait(50)
    if args.statement:
        rep, period = args.statement.split(":")
        window.tabs.setCurrentWidget(window.commissions)
        if not window.commissions.select(rep, period):
            raise SystemExit(f"no payout of {rep} in {period}")
        for _ in range(10):
            app.processEvents()
    if args.plan:
        window.tabs.setCurrentWidget(window.plans)
        plans = window.book["Plans"]
        if args.plan not in set(plans["plan"]):
            raise SystemExit(f"no plan {args.plan}; the book has {', '.join(plans['plan'])}")
        window.plans.choose(int(plans.index[plans["plan"] == args.plan][0]))
        for _ in range(100):  # the curve of the plan, computed in the background
            if window.plans.curve is not None and window.plans.curve.plan == window.plans.plan:
                break
            QTest.qWait(100)
        QTest.qWait(300)  # the drawing at the chart's final size
        window.jobs.wait()
        for _ in range(10):
            app.processEvents()
    if args.backtest:
        backtest = window.forecast_panel.backtest
        window.tabs.setCurrentWidget(window.forecast_panel)
        window.forecast_panel.lower.setCurrentWidget(backtest)
        backtest.run()
        for _ in range(600):  # the backtest, then its chart, computed in the background
            if backtest.result is not None and not backtest.chart.image.isNull() and not backtest.jobs.busy:
                break
            QTest.qWait(100)
        QTest.qWait(300)  # the drawing at the chart's final size
        while backtest.jobs.busy:
            backtest.jobs.wait()
            QTest.qWait(50)
    window.grab().save(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
