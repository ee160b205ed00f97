"""Starting the desktop app.

The Qt-free modules the window needs (pandas, the engine, the session) are imported before
PySide6: once PySide6 is loaded, its import hook (``__feature_import__``) makes every module
imported after it slower to import, about 0.1 s over a start. The store (SQLAlchemy) is
imported when a book is opened: before this module when the app starts on one (``__main__``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import planner.core.report  # noqa: F401 - before PySide6 (above)
import planner.session  # noqa: F401 - before PySide6 (above)

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.qt.i18n import install_translators
from planner.storage.recovery import Recovery
from planner.views.main_window import MainWindow


def create_app(lang: str | None = None) -> QApplication:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        # Qt would abort with advice to reinstall; say what is really missing
        raise PlannerError(QT_TRANSLATE_NOOP(
            "errors", "No display found: run Planner in a desktop session (or set QT_QPA_PLATFORM=offscreen)"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Planner")
    app.setOrganizationName("Planner")
    app.setApplicationVersion(__version__)
    install_translators(app, lang)
    return app


def start_app(path: Path | str | None = None, lang: str | None = None, settings: QSettings | None = None,
              recovery: Recovery | None = None) -> tuple[QApplication, MainWindow]:
    """The app and its main window, shown and opening ``path`` (or the demo book) in the
    background; unsaved edits left by a crash are offered first. ``settings`` and ``recovery``:
    the user's own when None (benchmarks/app_start.py passes fresh ones)."""
    app = create_app(lang)
    window = MainWindow(settings, recovery)
    window.show()
    if window.offer_recovery():  # unsaved edits left by a crash come first
        return app, window
    if path is None:
        window.load_demo()
    else:
        window.open_path(path)
    return app, window


def run_app(path: Path | str | None = None, lang: str | None = None) -> int:
    """Open the main window on ``path``, or on the demo book; returns the exit status."""
    app, _window = start_app(path, lang)
    return app.exec()
