"""Editing benchmark, in the real window (offscreen): paste, undo, and edit-to-results time.

Measures, on the demo book (1,500 deals) and on a ``--deals`` book:

* pasting a ``--rows``-row block of deals (Excel-style TSV, every cell parsed and checked,
  rows added after the last one) as one undo step (target ≤ 1 s for 10,000 rows),
* undoing that paste (target ≤ 0.5 s),
* the time from typing a new amount into a cell to the recomputed results on screen; the
  window waits ``RECOMPUTE_AFTER_MS`` after the last edit before it recomputes (debounce),
  so that figure is printed too.

Prints one line per figure; nothing is asserted. Run it by hand from the project root:

    python benchmarks/bench_editing.py               # 10,000 pasted rows; books of 1,500 and 100,000 deals
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from planner.core.demo import demo_book  # noqa: E402
from planner.storage.recovery import Recovery  # noqa: E402
from planner.views.main_window import RECOMPUTE_AFTER_MS, MainWindow  # noqa: E402

AS_OF = date(2026, 6, 30)


def wait_for(signal, timeout_ms: int = 120_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def tsv(rows: int) -> str:
    """``rows`` deals as Excel would copy them: id, name, account, owner, stage, amount."""
    lines = [f"P-{n:05d}\t붙여넣기 거래 {n}\t주식회사 한빛\tS02\tProposal\t\"{1000 + n:,}.50\"" for n in range(rows)]
    return "\r\n".join(lines) + "\r\n"


def measure(window: MainWindow, label: str, rows: int) -> None:
    sheet = window.sheets["Deals"]
    model = sheet.model()
    sheet.setCurrentIndex(model.index(model.shown_rows() - 1, 0))  # the last row (not the empty one after it)
    before = model.shown_rows()
    start = time.perf_counter()
    assert sheet.paste(tsv(rows)), "the paste was refused"
    pasted = time.perf_counter() - start
    assert model.shown_rows() == before + rows - 1
    print(f"editing [{label}]: paste {rows:,} rows × 6 columns {pasted * 1000:.0f} ms (target 1 s for 10,000)")
    start = time.perf_counter()
    window.undo_stack.undo()
    undone = time.perf_counter() - start
    assert model.shown_rows() == before
    print(f"editing [{label}]: undo that paste {undone * 1000:.0f} ms (target 0.5 s)")
    wait_for(window.report_ready)  # let the recompute the paste started settle

    amount = list(model.frame.columns).index("amount")
    index = model.index(0, amount)
    start = time.perf_counter()
    model.setData(index, "12,345.67", Qt.ItemDataRole.EditRole)
    wait_for(window.report_ready)
    total = time.perf_counter() - start
    print(f"editing [{label}]: edit → updated results {total * 1000:.0f} ms "
          f"({RECOMPUTE_AFTER_MS} ms of it the debounce after the last keystroke)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows pasted (default: 10000)")
    parser.add_argument("--deals", type=int, default=100_000, help="deals in the large book (default: 100000)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        for label, book in (("demo, 1,500 deals", demo_book(as_of=AS_OF)),
                            (f"{args.deals:,} deals", demo_book(as_of=AS_OF, deals=args.deals, reps=200))):
            window = MainWindow(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat),
                                Recovery(Path(folder) / "recovery"))
            window.ask_unsaved = lambda: "discard"
            window.show_book(book, None)
            wait_for(window.report_ready)
            measure(window, label, args.rows)
            window.jobs.wait()
            window.close()
    app.quit()


if __name__ == "__main__":
    main()
