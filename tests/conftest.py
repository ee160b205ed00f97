"""Shared fixtures. Qt runs headless: the platform is set before anything imports Qt."""

from __future__ import annotations

import contextlib
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
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:  # a run without widgets (-m "not gui") made none
            sys.modules["planner.views.sheet_view"].release_clipboard()


# -- markers: a test's kind, from what it uses (pyproject.toml lists them; README: quick runs) --
_GUI_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}
_PG_FIXTURES = {"pg_url", "postgres_server"}
# slow: over about 3 s each on the 2-core CI machine (pytest --durations): kills, LibreOffice
# recalculations, the public data sets, merges into the demo book. A module name alone: all of it.
_SLOW = {
    "test_crash_safe_save": None, "test_golden_report": None,
    "test_window_saving": {"test_closing_around_the_recompute_after_an_edit_leaves_no_work_running",
                           "test_an_edit_anyway_window_that_closes_leaves_the_book_held_by_the_first"},
    "test_export": {"test_every_formula_agrees_with_the_app_after_recalculation",
                    "test_a_what_if_in_the_workbook_flows_through_to_credit_attainment_and_commissions",
                    "test_the_workbook_renders_to_pdf_with_its_charts_and_cjk_names"},
    "test_import_trust": {"test_an_unknown_stage_or_owner_merged_is_refused_until_the_mapping_says_what_it_is",
                          "test_a_whole_percent_typed_among_fractions_is_refused_and_60_percent_with_its_sign_reads",
                          "test_a_merge_refuses_every_cell_a_new_book_refuses_and_leaves_the_books_bytes",
                          "test_a_whole_percent_among_fractions_merged_is_refused_and_the_book_keeps_its_bytes"},
    "test_cli": {"test_copy_round_trip_file_to_postgresql_to_file", "test_randomly_damaged_books_never_print_a_traceback",
                 "test_export_then_import_gives_the_same_book", "test_import_a_crm_export_and_merge_it_again"},
    "test_problems_figures": {"test_the_salesforce_export_reports_its_figures"},
    "test_export_statements": {
        "test_every_statement_line_recalculates_to_the_engines_amount",
        "test_a_deal_amount_edited_in_the_workbook_moves_its_statement_lines_as_the_engine_would"},
}


def pytest_collection_modifyitems(config, items):
    import inspect

    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        module = item.module.__name__ if item.module else ""
        if fixtures & _GUI_FIXTURES:
            item.add_marker(pytest.mark.gui)
        params = getattr(getattr(item, "callspec", None), "params", {})
        if fixtures & _PG_FIXTURES or any(isinstance(v, str) and v == "postgresql" for v in params.values()):
            item.add_marker(pytest.mark.pg)
        source = ""
        with contextlib.suppress(OSError, TypeError):
            source = inspect.getsource(item.function)
        if module.startswith("test_cli") or "planner(" in source:
            item.add_marker(pytest.mark.cli)
        slow = _SLOW.get(module, ())
        if slow is None or item.originalname in slow:
            item.add_marker(pytest.mark.slow)
