"""One app start, timed (run by ``run_all.py`` in a new process; usable by hand).

Starts the app as ``python -m planner open`` does (offscreen, a fresh settings file and
recovery folder) on the demo book or on ``BOOK``, and prints, as wall-clock seconds since the
epoch, when the book's grid was shown and painted (``grid``) and when the first results were
shown (``results``, with the peak RSS in MiB). With ``--bare``, the floor instead: import
pandas, show an empty QMainWindow (``grid`` only). Python's bytecode is cached (see below): the
first start after a change compiles, the best of a few does not.

    python benchmarks/app_start.py [BOOK]
"""

from __future__ import annotations

import os
import sys
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before PySide6 is imported
# Modules compiled once, as an installed app has them: with PYTHONDONTWRITEBYTECODE set (as in
# this project's shells) every start would compile Planner's sources again (about 0.1 s). The
# bytecode goes to a folder of its own, never beside the sources; the first start fills it.
sys.dont_write_bytecode = False
sys.pycache_prefix = os.path.join(tempfile.gettempdir(), "planner-bench-bytecode")

import argparse  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402


def peak_mib() -> float:
    """This process's peak RSS. Linux's ``ru_maxrss`` keeps the peak of the process that
    started it (``run_all.py``, holding a 100,000-deal book: about 600 MiB) across the exec;
    ``VmHWM`` is this program's own."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):  # not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("book", nargs="?", help="a book file (default: the demo book)")
    parser.add_argument("--bare", action="store_true", help="the floor: pandas and an empty window")
    args = parser.parse_args()
    if args.bare:
        import pandas  # noqa: F401
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.grab()
        print(f"grid {time.time()}", flush=True)
        return

    # as `python -m planner open [BOOK]` does: the app's modules first, in the app's order
    if args.book:
        import planner.storage.store  # noqa: F401
    from planner.views.app import start_app

    from PySide6.QtCore import QSettings, QTimer

    from planner.storage.recovery import Recovery

    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    app, window = start_app(args.book and Path(args.book), settings=settings, recovery=Recovery(folder / "rec"))

    def grid() -> None:
        app.processEvents()
        window.grab()  # painted, as the screen would show it
        print(f"grid {time.time()}", flush=True)

    def results() -> None:
        print(f"results {time.time()} {peak_mib():.0f}", flush=True)
        QTimer.singleShot(0, app.quit)

    # the book is read in the background: shown once the event loop runs, after these connections
    window.book_loaded.connect(grid)
    window.report_ready.connect(results)
    app.exec()
    window.ask_unsaved = lambda: "discard"
    window.close()


if __name__ == "__main__":
    main()
