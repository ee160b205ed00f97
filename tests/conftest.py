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
