"""Shared fixtures. Qt runs headless: the platform is set before anything imports Qt."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from fixtures import small_book  # noqa: E402

pytest_plugins = ["postgres"]

DEMO_AS_OF = date(2026, 6, 30)


@pytest.fixture
def book():
    """The hand-computed fixture book of test_report.py."""
    return small_book()


@pytest.fixture(scope="session")
def demo():
    """The demo book as of a fixed date (generated once; treat as read-only)."""
    from planner.core.demo import demo_book

    return demo_book(as_of=DEMO_AS_OF)


@pytest.fixture(scope="session", autouse=True)
def _clipboard_released():
    """Qt deletes mime data made in Python after the interpreter has gone, which crashes the
    run at exit; the app hands it back on quit, the tests here."""
    yield
    if "planner.views.sheet_view" in sys.modules:
        sys.modules["planner.views.sheet_view"].release_clipboard()
