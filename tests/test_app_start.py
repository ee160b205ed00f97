"""Starting the app (issue 18, a fast start): what the first grid waits for, and what it does not."""

import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from planner.storage.recovery import Recovery
from planner.views.app import start_app


@pytest.fixture
def started(qtbot, tmp_path):
    """``start(path)``: the app started as ``planner open`` starts it, with its own settings and
    recovery folder, its window closed after the test."""
    windows = []

    def start(path):
        _app, window = start_app(path, settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                                 recovery=Recovery(tmp_path / "recovery"))
        window.ask_unsaved = lambda: "discard"
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.jobs.wait()


def test_the_app_imports_its_qt_free_modules_before_pyside6():
    """Modules imported after PySide6 go through its import hook, slower: pandas, SQLAlchemy,
    the engine and the storage come first, in the order ``python -m planner open`` imports."""
    script = """
import sys
import planner.cli
import planner.views.app
order = list(sys.modules)
qt = order.index("PySide6")
print(sorted(name for name in order[qt:] if name.split(".")[0] in ("pandas", "numpy", "sqlalchemy")
             or name.startswith(("planner.storage", "planner.session", "planner.core.report"))))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
