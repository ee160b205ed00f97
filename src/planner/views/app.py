"""Starting the desktop app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.qt.i18n import install_translators
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


def run_app(path: Path | str | None = None, lang: str | None = None) -> int:
    """Open the main window on ``path``, or on the demo book; returns the exit status."""
    app = create_app(lang)
    window = MainWindow()
    window.show()
    if window.offer_recovery():  # unsaved edits left by a crash come first
        return app.exec()
    if path is None:
        window.load_demo()
    else:
        window.open_path(path)
    return app.exec()
