"""Table model benchmark: the app's FrameTableModel on a million deals, against a
QStandardItemModel baseline.

Builds a Deals frame of ``--rows`` rows (default 1,000,000) by tiling the demo book's deals
with fresh unique ids and conforming it to the schema (not measured). Then measures, in
this order and in one process:

1. FrameTableModel: construction time and added RSS; creating a BookTableView on it,
   showing it at 1200x800 and rendering the first screen (``view.grab()``); sorting by the
   amount column and by the account (text) column, descending.
2. Baseline: a QStandardItemModel holding the same columns as display strings, one
   QStandardItem per cell, for ``--baseline-rows`` rows (default 100,000; a million needs
   about a minute and 6-8 GiB): build time, added RSS, first-screen render time, and a
   per-million-row extrapolation of build time and memory.

Both parts use the app's BookTableView.

An empty table is shown once first, so Qt's one-time start-up costs fall on neither part.
RSS is read from /proc/self/statm (Linux); elsewhere the peak RSS from ``resource`` is used,
which only ever grows. Prints figures; nothing is asserted. Run it by hand:

    python benchmarks/bench_table_model.py
    python benchmarks/bench_table_model.py --rows 200000 --baseline-rows 20000
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before PySide6 is imported

import argparse  # noqa: E402
import ctypes  # noqa: E402
import gc  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from planner.core import schema  # noqa: E402
from planner.core.demo import demo_book  # noqa: E402
from planner.core.money import format_money  # noqa: E402
from planner.qt.table_model import FrameTableModel  # noqa: E402
from planner.views.table_view import BookTableView  # noqa: E402

AS_OF = date(2026, 6, 30)
SIZE = (1200, 800)


def settle() -> None:
    """Collect garbage and, on glibc, hand freed heap back to the OS so RSS deltas are honest."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def rss_mib() -> float:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import resource  # not on Windows; there the figures are unavailable

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def deals_frame(rows: int, source_deals: int) -> tuple[pd.DataFrame, str]:
    """``rows`` deals: the demo book's deals repeated, with unique ids, conformed."""
    book = demo_book(as_of=AS_OF, deals=source_deals)
    source = book["Deals"]
    frame = source.iloc[np.resize(np.arange(len(source)), rows)].reset_index(drop=True)
    frame["id"] = [f"D-{n:07d}" for n in range(1, rows + 1)]
    return schema.conform(schema.DEALS, frame), book.currency


def first_screen(model) -> tuple[float, BookTableView]:
    """Seconds to create the app's view on ``model``, show it and render what is visible."""
    start = time.perf_counter()
    view = BookTableView(model)
    view.resize(*SIZE)
    view.show()
    QApplication.processEvents()
    view.grab()
    return time.perf_counter() - start, view


def display_strings(frame: pd.DataFrame, currency: str) -> list[list[str]]:
    """Each column of ``frame`` as the strings the app shows."""
    columns = []
    for column in schema.DEALS.columns:
        values = frame[column.name]
        if column.kind is schema.Kind.MONEY:
            currencies = frame["currency"].fillna(currency).str.upper()
            text = [format_money(int(v), c) if pd.notna(v) else "" for v, c in zip(values, currencies)]
        elif column.kind is schema.Kind.DATE:
            text = values.dt.strftime("%Y-%m-%d").fillna("").tolist()
        else:
            text = values.astype(object).where(values.notna(), "").astype(str).tolist()
        columns.append(text)
    return columns


def bench_frame_model(frame: pd.DataFrame, currency: str) -> None:
    rows = len(frame)
    settle()
    before = rss_mib()
    start = time.perf_counter()
    model = FrameTableModel(schema.DEALS, frame, currency)
    seconds = time.perf_counter() - start
    added = rss_mib() - before
    print(f"FrameTableModel ({rows:,} rows): construction {seconds * 1000:.2f} ms")
    print(f"FrameTableModel ({rows:,} rows): added RSS after construction {added:.1f} MiB")

    seconds, view = first_screen(model)
    print(f"FrameTableModel ({rows:,} rows): view + show {SIZE[0]}x{SIZE[1]} + first screen {seconds:.3f} s")

    for name in ("amount", "account"):
        column = list(frame.columns).index(name)
        start = time.perf_counter()
        model.sort(column, Qt.SortOrder.DescendingOrder)
        seconds = time.perf_counter() - start
        print(f"FrameTableModel ({rows:,} rows): sort by {name} (descending) {seconds:.3f} s")
    settle()
    print(f"FrameTableModel ({rows:,} rows): added RSS after view and sorts {rss_mib() - before:.1f} MiB")
    view.close()
    view.deleteLater()
    QApplication.processEvents()


def bench_item_model(frame: pd.DataFrame, currency: str, rows: int) -> tuple:
    cells = display_strings(frame.iloc[:rows], currency)  # prepared outside the measurement
    labels = [column.label for column in schema.DEALS.columns]
    settle()
    before = rss_mib()
    start = time.perf_counter()
    model = QStandardItemModel(0, len(labels))
    model.setHorizontalHeaderLabels(labels)
    for row in zip(*cells):
        model.appendRow([QStandardItem(text) for text in row])
    build = time.perf_counter() - start
    settle()
    added = rss_mib() - before
    print(f"QStandardItemModel ({rows:,} rows, {len(labels)} columns): build {build:.2f} s")
    print(f"QStandardItemModel ({rows:,} rows): added RSS {added:.1f} MiB")
    seconds, view = first_screen(model)
    print(f"QStandardItemModel ({rows:,} rows): view + show {SIZE[0]}x{SIZE[1]} + first screen {seconds:.3f} s")
    scale = 1_000_000 / rows
    print(f"QStandardItemModel EXTRAPOLATED to 1,000,000 rows (x{scale:g}, linear; not measured): "
          f"build ~{build * scale:.0f} s, RSS ~{added * scale / 1024:.1f} GiB")
    return model, view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the Deals frame (default: 1000000)")
    parser.add_argument("--baseline-rows", type=int, default=100_000,
                        help="rows of the QStandardItemModel baseline (default: 100000; 0 skips it)")
    parser.add_argument("--source-deals", type=int, default=10_000,
                        help="demo deals tiled to make the frame (default: 10000)")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - keep it alive
    first_screen(FrameTableModel(schema.DEALS))[1].close()  # warm-up: Qt's one-time costs (style, fonts)
    start = time.perf_counter()
    frame, currency = deals_frame(args.rows, args.source_deals)
    print(f"setup: Deals frame of {len(frame):,} rows x {len(frame.columns)} columns built in "
          f"{time.perf_counter() - start:.1f} s (not part of the figures); process RSS {rss_mib():.0f} MiB")

    bench_frame_model(frame, currency)
    settle()
    if args.baseline_rows > 0:
        kept = bench_item_model(frame, currency, min(args.baseline_rows, len(frame)))  # noqa: F841
    # Skip teardown: once sorted (BookTableView sorts on construction), a QStandardItemModel
    # takes quadratic time to destroy; 100,000 rows would take over ten minutes.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
