"""The Dashboard: chart data checked by hand on the fixture book, the Qt-free chart builders,
and the Qt panel rendering and exporting offscreen."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import subprocess
import sys
import warnings
from datetime import date

import numpy as np
import pandas as pd
import pytest
from fixtures import rebuilt, row, small_book
from matplotlib.collections import LineCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from planner.charts.data import dashboard_data
from planner.charts.pipeline import CHARTS
from planner.charts.style import font_families, money_text
from planner.core.periods import Period
from planner.core.report import compute_report

STAGES = ["Prospect", "Proposal", "Commit"]
WAIT = 60_000  # ms: the charts are drawn in the background on a loaded machine


def data_of(book, period=None):
    snapshot = book.snapshot()
    return dashboard_data(snapshot, compute_report(snapshot, period))


@pytest.fixture
def data(book):
    return data_of(book)


@pytest.fixture(scope="module")
def demo_data():
    from planner.core.demo import demo_book

    return data_of(demo_book(as_of=date(2026, 6, 30)))


# -- the data, by hand on the fixture book (USD, as of 2026-03-31, report period 2026-Q1) --
def test_funnel_counts_open_deals_and_the_period_cohort(data):
    funnel = data.funnel
    assert funnel["stage"].tolist() == STAGES
    assert funnel["open_count"].tolist() == [1, 2, 2]  # D10 · D11, D14 · D12, D13
    assert funnel["open_value"].tolist() == [1_000_000, 583_333, 600_000]
    # created in Q1: D4-D8, D10-D12, D14 (9); D7 and D8 were lost at the first stage; D4-D6 won
    assert funnel["reached"].tolist() == [9, 6, 4]
    assert funnel["advanced"].tolist() == [6, 4, 3]
    assert funnel["conversion"].round(4).tolist() == [0.6667, 0.6667, 0.75]


def test_weighted_pipeline_by_expected_close_month(data, book):
    table = data.weighted_by_month
    assert table.index.tolist() == ["overdue", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08",
                                    "later"]
    assert table.columns.tolist() == STAGES
    # overdue (expected before 03-31): D10 10% × 1,000,000; D11 50% × 333,333 (166,666.5 rounds
    # up) + D14 50% × 250,000; 03-31 itself is not overdue: D13 80% × 100,000
    assert table.loc["overdue"].tolist() == [100_000, 291_667, 0]
    assert table.loc["2026-03"].tolist() == [0, 0, 80_000]
    assert table.loc["2026-04"].tolist() == [0, 0, 400_000]  # D12 80% × 500,000
    assert table.loc["2026-05":].to_numpy().sum() == 0
    assert table.to_numpy().sum() == compute_report(book.snapshot()).pipeline["weighted_value"] == 871_667


def test_forecast_versus_quota_per_quarter(data):
    frame = data.forecast.set_index("period")
    assert frame.index.tolist() == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    q1, q2 = frame.loc["2026-Q1"], frame.loc["2026-Q2"]
    assert q1["won"] == 5_900_000  # D1-D6
    assert q1["weighted"] == 5_900_000 + 100_000 + 166_667 + 80_000 + 125_000
    assert q1["commit"] == 5_900_000 + 100_000  # D13
    assert q1["quota"] == 5_000_000 + 3_000_000  # Seoul's own quota + Tokyo's member (R2)
    assert (q2["won"], q2["weighted"], q2["commit"]) == (0, 400_000, 500_000)  # D12
    assert frame.loc["2026-Q2":, "quota"].isna().all()


def test_a_past_as_of_charts_the_book_as_it_stood_that_day(book):
    """Issue 19: the dashboard sees what the report sees on a past day. On 2026-02-01 Q1 had won
    D1 7,000 + D2 5,000 + D3 20,000 + D6 2,000 (cancelled only on 02-05) = 34,000; D4 and D5
    were won later (59,000 by the book's own as_of)."""
    snapshot = book.snapshot()
    report = compute_report(snapshot, Period.parse("2026-Q1"), as_of="2026-02-01")
    q1 = dashboard_data(snapshot, report).forecast.set_index("period").loc["2026-Q1"]
    assert q1["won"] == report.forecast["won"] == 3_400_000


def test_win_rate_and_sales_cycle_per_month(data):
    trends = data.trends.set_index("month")
    assert trends.index[0] == "2025-04" and trends.index[-1] == "2026-03" and len(trends) == 12
    jan, feb, mar = (trends.loc[month] for month in ("2026-01", "2026-02", "2026-03"))
    assert (jan["won_count"], jan["lost_count"], jan["win_rate"]) == (3, 0, 1.0)
    assert jan["avg_cycle_days"] == pytest.approx((40 + 36 + 10) / 3)  # D1, D2, D6
    assert (feb["won_count"], feb["lost_count"]) == (2, 1)
    assert feb["win_rate"] == pytest.approx(2 / 3)
    assert feb["avg_cycle_days"] == (92 + 31) / 2  # D3, D5
    assert (mar["win_rate"], mar["avg_cycle_days"]) == (0.5, 69)  # D4 won, D8 lost
    assert trends.loc[:"2025-12", "win_rate"].isna().all()


def test_time_in_stage(data):
    frame = data.time_in_stage.set_index("stage")
    # no stage history: open deals count from created to 2026-03-31
    assert frame["open_avg_days"].tolist() == [44, (30 + 70) / 2, (21 + 101) / 2]
    assert frame["open_count"].tolist() == [1, 2, 2]
    assert frame["won_avg_days"].isna().all() and frame["stalled"].sum() == 0


def test_time_in_stage_on_the_demo_agrees_with_deal_health(demo_data):
    from planner.core.demo import demo_book

    snapshot = demo_book(as_of=date(2026, 6, 30)).snapshot()
    report = compute_report(snapshot)
    frame = demo_data.time_in_stage
    assert frame["stalled"].sum() == len(report.health["stalled"])
    assert frame["open_count"].sum() == report.pipeline["open_count"]
    assert frame["won_avg_days"].notna().all()
    health = report.deal_health
    first = frame["stage"].iloc[0]
    assert frame["open_avg_days"].iloc[0] == pytest.approx(
        health.loc[health["stage"] == first, "days_in_stage"].astype(float).mean())


def test_the_data_follows_an_edit(book):
    before = data_of(book)
    deal = row(book, "Deals", 10)  # D12, Commit, expected 2026-04-15
    book.set_value("Deals", deal, "expected_close", pd.Timestamp("2026-05-10"))
    after = data_of(book)
    assert before.weighted_by_month.loc["2026-04", "Commit"] == 400_000
    assert after.weighted_by_month.loc["2026-04", "Commit"] == 0
    assert after.weighted_by_month.loc["2026-05", "Commit"] == 400_000


def test_an_empty_book_has_empty_charts():
    from planner.core.demo import new_book

    book = new_book("KRW")
    data = data_of(book, Period.parse("2026-Q1"))
    assert data.weighted_by_month.to_numpy().sum() == 0
    assert data.forecast["quota"].isna().all() and data.trends["win_rate"].isna().all()
    for _title, draw in CHARTS.values():
        figure = Figure()
        draw(figure, data)
        figure.savefig(io.BytesIO(), format="png")


# -- the builders, on plain figures ---------------------------------------------------------
def bars(figure: Figure) -> list[BarContainer]:
    return [container for ax in figure.axes for container in ax.containers if isinstance(container, BarContainer)]


def drawn(name: str, data) -> Figure:
    figure = Figure(figsize=(8, 4.8))
    CHARTS[name][1](figure, data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph (a box instead of Hangul) warns
        figure.savefig(io.BytesIO(), format="png", dpi=72)
    return figure


@pytest.mark.parametrize("which", ["fixture", "demo"])
def test_every_builder_draws_the_expected_marks(which, data, demo_data):
    data = data if which == "fixture" else demo_data
    stages = len(data.funnel)
    funnel = drawn("funnel", data)
    assert [len(container) for container in bars(funnel)] == [stages + 1]  # the open stages and Won

    weighted = drawn("weighted_pipeline", data)
    assert [len(container) for container in bars(weighted)] == [8] * stages  # overdue, 6 months, later
    heights = np.sum([[bar.get_height() for bar in container] for container in bars(weighted)], axis=0)
    assert heights.sum() == pytest.approx(data.weighted_by_month.to_numpy().sum() / 100)  # USD in dollars

    forecast = drawn("forecast", data)
    assert [len(container) for container in bars(forecast)] == [4, 4, 4]  # won, weighted, commit
    quota = [c for c in forecast.axes[0].collections if isinstance(c, LineCollection)]
    assert len(quota) == 1 and len(quota[0].get_segments()) == data.forecast["quota"].notna().sum()

    trends = drawn("trends", data)
    lines = [line for ax in trends.axes for line in ax.get_lines()]
    assert len(lines) == 2 and all(len(line.get_xdata()) == 12 for line in lines)

    stage_times = drawn("time_in_stage", data)
    assert [len(container) for container in bars(stage_times)] == [stages, stages]
    assert len(stage_times.axes[0].get_lines()) == 1  # the stall line

    assert all(figure.get_suptitle() for figure in (funnel, weighted, forecast, trends, stage_times))
    assert all(len(figure.legends) == 1 for figure in (weighted, forecast, trends, stage_times))


def test_korean_and_japanese_names_render_without_missing_glyphs():
    def translated(frames):
        names = {"Prospect": "잠재 고객", "Proposal": "提案", "Commit": "계약 확정"}
        frames["Stages"]["stage"] = frames["Stages"]["stage"].replace(names)
        frames["Deals"]["stage"] = frames["Deals"]["stage"].replace(names)

    data = data_of(rebuilt(small_book(), translated))
    assert data.funnel["stage"].tolist() == ["잠재 고객", "提案", "계약 확정"]
    assert font_families()[0].startswith("Noto Sans CJK")
    for name in CHARTS:
        figure = drawn(name, data)  # fails on a "Glyph missing from font" warning
        families = {family for text in figure.findobj(lambda a: hasattr(a, "get_fontfamily"))
                    for family in text.get_fontfamily()}
        assert "Noto Sans CJK KR" in families


def test_money_on_axes_in_major_units_with_separators(data):
    assert money_text(1_234_567.0, "USD") == "1,234,567"
    assert money_text(12.5, "USD") == "12.50"
    assert money_text(1_234_567.0, "KRW") == "1,234,567"
    assert money_text(12.0, "JPY") == "12"

    def tick_texts(figure):
        figure.canvas.draw()
        return [label.get_text() for label in figure.axes[0].get_yticklabels() if label.get_text()]

    usd = tick_texts(drawn("weighted_pipeline", data))  # 871,667 cents: up to about $4,000
    assert "4,000" in usd and not any("." in text for text in usd)
    krw = tick_texts(drawn("forecast", dataclasses.replace(data, currency="KRW")))  # the same numbers as won
    assert "8,000,000" in krw and not any("." in text for text in krw)


def test_texts_go_through_translate(data):
    seen = []

    def translate(context, text):
        seen.append(context)
        return f"«{text}»"

    for _title, draw in CHARTS.values():
        figure = Figure()
        draw(figure, data, translate)
        assert figure.get_suptitle().startswith("«")
    assert set(seen) == {"charts"}


# -- the Qt panel ---------------------------------------------------------------------------
@pytest.fixture
def panel(qtbot):
    from planner.views.dashboard import DashboardPanel

    widget = DashboardPanel()
    qtbot.addWidget(widget)
    widget.resize(1280, 1000)
    widget.show()
    return widget


def distinct_colours(png) -> int:
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    return len({image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)})


def test_the_panel_redraws_only_when_something_changed(qtbot, panel, book):
    assert panel.data is None and not any(button.isEnabled() for button in panel.export_buttons.values())
    snapshot = book.snapshot()
    report = compute_report(snapshot)
    with qtbot.waitSignal(panel.charted, timeout=WAIT):  # drawn in the background
        assert panel.show(snapshot, report) is True
    assert panel.isVisible() and panel.data.period == Period.parse("2026-Q1")
    assert all(button.isEnabled() for button in panel.export_buttons.values())
    shown = panel.data
    assert panel.show(snapshot, compute_report(snapshot)) is False  # the same revision and period
    assert panel.data is shown
    with qtbot.waitSignal(panel.charted, timeout=WAIT):
        assert panel.show(snapshot, compute_report(snapshot, Period.parse("2026-Q2"))) is True
    book.set_value("Deals", row(book, "Deals", 10), "expected_close", pd.Timestamp("2026-05-10"))
    edited = book.snapshot()
    with qtbot.waitSignal(panel.charted, timeout=WAIT):
        assert panel.show(edited, compute_report(edited)) is True
    assert panel.data.weighted_by_month.loc["2026-05", "Commit"] == 400_000
    assert panel.show(None, None) is True and panel.data is None


def test_a_hidden_panel_charts_when_it_is_shown(qtbot, book):
    from planner.views.dashboard import DashboardPanel

    panel = DashboardPanel()  # like the Dashboard tab while another tab is current
    qtbot.addWidget(panel)
    snapshot = book.snapshot()
    assert panel.show(snapshot, compute_report(snapshot)) is True
    assert panel.data is None  # nothing computed while hidden
    assert panel.show(snapshot, compute_report(snapshot)) is False
    with qtbot.waitSignal(panel.charted, timeout=WAIT):
        panel.show()
    assert panel.data is not None and panel.data.period == Period.parse("2026-Q1")
    assert panel.show(snapshot, compute_report(snapshot)) is False


def test_the_charts_are_made_and_drawn_off_the_gui_thread(qtbot, demo, monkeypatch):
    """Showing the tab only starts the work: the data and every figure are made on a worker
    thread (drawing them on the GUI thread froze the window for 1–2 s; the figures are in
    benchmarks/bench_dashboard.py) and the cards paint the images that come back."""
    import threading

    from planner.views import dashboard

    threads = []
    original = dashboard.render_rgba

    def render(*args, **kwargs):
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(dashboard, "render_rgba", render)
    panel = dashboard.DashboardPanel()
    qtbot.addWidget(panel)
    snapshot = demo.snapshot()
    panel.show(snapshot, compute_report(snapshot))  # hidden: kept for when the tab is shown
    threads.clear()  # (the empty panel's "no report" cards are drawn where it was made)
    with qtbot.waitSignal(panel.charted, timeout=WAIT):
        panel.show()
        assert panel.data is None  # showing only started the work
    assert len(threads) >= len(dashboard.CHARTS)
    assert all(thread is not threading.main_thread() for thread in threads)


def test_the_panel_renders_offscreen_and_exports_pngs(panel, qtbot, demo, tmp_path):
    snapshot = demo.snapshot()
    with qtbot.waitSignal(panel.charted, timeout=WAIT):
        panel.show(snapshot, compute_report(snapshot))
    qtbot.wait(50)
    picture = tmp_path / "dashboard.png"
    assert panel.grab().save(str(picture))
    assert distinct_colours(picture) > 50  # five charts, not a blank panel

    asked = []
    panel.choose_path = lambda caption, suggested: asked.append((caption, suggested)) or str(tmp_path / "funnel")
    with qtbot.waitSignal(panel.exported) as signal:
        panel.export_buttons["funnel"].click()
    assert signal.args == [str(tmp_path / "funnel.png")]  # the suffix is added
    assert asked[0][0] == "Export “Pipeline funnel” as PNG" and asked[0][1].endswith("funnel_2026-Q2.png")
    for name in CHARTS:
        path = panel.save_png(name, tmp_path / f"{name}.png")
        assert path.stat().st_size > 10_000
        from PySide6.QtGui import QImage

        image = QImage(str(path))
        assert (image.width(), image.height()) == (1200, 720)  # 8 × 4.8 inches at 150 dpi
    panel.choose_path = lambda caption, suggested: None  # cancelled
    assert panel.export("trends") is None


def test_a_failed_export_is_reported(panel, book, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    snapshot = book.snapshot()
    panel.show(snapshot, compute_report(snapshot))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    panel.choose_path = lambda caption, suggested: str(tmp_path / "missing" / "chart.png")
    assert panel.export("forecast") is None
    assert shown and "chart.png" in shown[0]


def test_a_quarter_without_a_quota_has_no_quota_line_or_share(data):
    figure = drawn("forecast", data)
    # only Q1 has a quota: 6,371,667 ÷ 8,000,000 of it is forecast (stage-weighted)
    assert [text.get_text() for text in figure.axes[0].texts] == ["80%"]


def test_open_deals_without_amounts_are_said_so_not_called_no_open_deals(book):
    """The Maven book: thousands of open deals, none with an amount yet."""
    for position in range(8, 13):  # D10–D14, the open deals
        book.set_value("Deals", row(book, "Deals", position), "amount", 0)  # as the Maven book imports them
    figure = drawn("weighted_pipeline", data_of(book))
    texts = [text.get_text() for ax in figure.axes for text in ax.texts]
    assert "5 open deals, none with an amount" in texts and "No open deals" not in texts


# A matplotlib that ran before the CJK fonts were installed keeps a font list without them.
_STALE_CACHE = """
import matplotlib, sys
from matplotlib import font_manager
manager = font_manager.fontManager  # built by this import, written to MPLCONFIGDIR
manager.ttflist = [entry for entry in manager.ttflist if "CJK" not in entry.name]
font_manager.json_dump(manager, font_manager.Path(matplotlib.get_cachedir(),
                                                  f"fontlist-v{font_manager.FontManager.__version__}.json"))
"""
_FAMILIES = """
import io, json, warnings
from matplotlib import font_manager
from matplotlib.figure import Figure
stale = sorted({entry.name for entry in font_manager.fontManager.ttflist if "CJK" in entry.name})
from planner.charts.style import chart_style, font_families
families = font_families()
path = font_manager.findfont(font_manager.FontProperties(family=families), fallback_to_default=False)
figure = Figure()
with chart_style(figure):
    figure.add_subplot().set_title("김민지 佐藤健")
with warnings.catch_warnings():
    warnings.simplefilter("error")  # "Glyph ... missing from font(s)": boxes instead of Hangul
    figure.savefig(io.BytesIO(), format="png", dpi=72)
print(json.dumps({"stale": stale, "families": families, "path": path}))
"""


def test_korean_text_finds_a_cjk_font_when_matplotlibs_font_cache_predates_it(tmp_path):
    """matplotlib scans the system's fonts once and caches the list: a cache written before
    fonts-noto-cjk was installed lists no CJK font, and Korean turns into boxes. Planner adds
    the CJK fonts fontconfig knows of (and rewrites the cache)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None or not subprocess.run([fc_list, ":lang=ko", "file"], capture_output=True,
                                             text=True).stdout.strip():
        pytest.skip("no Korean font known to fontconfig (fonts-noto-cjk)")
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}

    def run(code: str) -> str:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, result.stderr
        return result.stdout

    run(_STALE_CACHE)
    first = json.loads(run(_FAMILIES).splitlines()[-1])
    assert first["stale"] == []  # the cache this run started from knew no CJK font
    assert first["families"][0].startswith("Noto Sans CJK")
    assert "CJK" in os.path.basename(first["path"])
    again = json.loads(run(_FAMILIES).splitlines()[-1])  # the next start reads the repaired cache
    assert "Noto Sans CJK KR" in again["stale"] and again["families"] == first["families"]
