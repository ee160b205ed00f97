"""The Quota planner tab, driven by keys: enter a target, pick weights, compare scenarios,
apply one to the book (one undo step) and undo it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from test_quota_planning import closed_q1_book, quota_book
from windows import open_window

REPS = [("A", "Lead", None, None, "North"), ("B", "AE", None, None, "North"), ("C", "AE", "2027-04-01", None, "South")]
WON = [("A", 3_000_000, "2026-03-01"), ("B", 1_000_000, "2026-05-01")]


@pytest.fixture
def window(qtbot, tmp_path):
    shown = open_window(qtbot, tmp_path, quota_book(REPS, WON, [("A", None, "2026-12", 5_000)]), saved=False)
    shown.tabs.setCurrentWidget(shown.quota_planner)
    yield shown
    shown.jobs.wait()


def cell(planner, row: int, column: int) -> str:
    return planner.table.item(row, column).text()


def test_scenarios_side_by_side_then_apply_is_one_undo_step(qtbot, window):
    planner = window.quota_planner
    assert planner.year.value() == 2028 and planner.basis.value() == 2027  # the year after the book's as_of
    planner.year.lineEdit().selectAll()
    qtbot.keyClicks(planner.year, "2027")
    assert planner.basis.value() == 2026
    before, positions = window.book["Quotas"].copy(), window.book.positions("Quotas")

    qtbot.keyClicks(planner.target, "33,000")
    qtbot.keyClick(planner.target, Qt.Key.Key_Return)  # equal weights: 3 reps, C from April
    # 33,000.00 over 12 + 12 + 9 months: A and B 12,000.00, C 9,000.00. Capacity by 2026's run
    # rates: A (Lead) 30,000 + B (AE) 10,000 + C (AE mean 10,000) × 9/12 = 47,500; gap 14,500.
    assert planner.table.columnCount() == 1 and planner.error.text() == ""
    assert [cell(planner, row, 0) for row in range(6)] == ["33,000.00", "47,500.00", "14,500.00",
                                                           "12,000.00", "12,000.00", "9,000.00"]

    planner.name.setFocus()
    qtbot.keyClicks(planner.name, "By won")
    planner.over.selectAll()
    qtbot.keyClicks(planner.over, "110%")
    planner.weights.setFocus()
    qtbot.keyClick(planner.weights, Qt.Key.Key_Down)  # last year's won revenue
    assert planner.weights.currentData() == "won"
    qtbot.mouseClick(planner.add_button, Qt.MouseButton.LeftButton)
    # 3,630,000 cents by run rates 3,000,000 : 1,000,000 : 1,000,000 (C at its role's mean) × months
    # 12 : 12 : 9 = 36 : 12 : 9 of 57: A 2,292,631.58, B 764,210.53, C 573,157.89; the 2 cents left
    # to the largest remainders, C (.89) and A (.58)
    assert planner.table.horizontalHeaderItem(1).text() == "By won"
    assert [cell(planner, row, 1) for row in (0, 3, 4, 5)] == ["36,300.00", "22,926.32", "7,642.10", "5,731.58"]
    assert planner.chosen() == 1

    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        qtbot.mouseClick(planner.apply_button, Qt.MouseButton.LeftButton)
    assert window.undo_stack.count() == 1
    quotas = window.book.keyed("Quotas")
    planned = quotas[quotas["period"].str.startswith("2027")]
    assert len(planned) == 12 + 12 + 9 and planned["amount"].sum() == 3_630_000
    assert planned.groupby("rep")["amount"].sum().to_dict() == {"A": 2_292_632, "B": 764_210, "C": 573_158}
    assert planner.note.text() == "Wrote 33 quota rows of 2027 (By won): Undo takes them back"

    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        window.undo_stack.undo()
    pd.testing.assert_frame_equal(window.book["Quotas"], before)
    np.testing.assert_array_equal(window.book.positions("Quotas"), positions)


def test_a_bad_target_says_what_is_wrong_and_adds_nothing(qtbot, window):
    planner = window.quota_planner
    qtbot.keyClicks(planner.target, "a lot")
    qtbot.keyClick(planner.target, Qt.Key.Key_Return)
    assert planner.table.columnCount() == 0 and "'a lot' is not an amount in USD" in planner.error.text()
    planner.target.clear()
    qtbot.keyClicks(planner.target, "100")
    planner.seasonality.setFocus()
    qtbot.keyClick(planner.seasonality, Qt.Key.Key_Down)  # as the basis year's wins
    qtbot.mouseClick(planner.add_button, Qt.MouseButton.LeftButton)
    # the app names its own field, never the command line's flag
    assert planner.table.columnCount() == 0 and planner.error.text() == (
        "seasonality from history needs a basis year that is over: 2027 is not over on 2027-01-15 (choose 2026 "
        "or earlier as the Basis year)")
    planner.year.lineEdit().selectAll()
    qtbot.keyClicks(planner.year, "2027")  # basis 2026: over
    qtbot.mouseClick(planner.add_button, Qt.MouseButton.LeftButton)
    assert planner.table.columnCount() == 1 and planner.error.text() == ""
    # 2026's wins are in March and May only: the other ten months get no quota, and it says so
    assert planner.notes.text() == (
        "• nothing was won in 2026-01, 2026-02, 2026-04, 2026-06, 2026-07, 2026-08, 2026-09, 2026-10, 2026-11, "
        "2026-12 of 2026: seasonality from history gives those months no quota (choose flat or by hand to give "
        "them one)")
    planner.remove_chosen()
    assert planner.table.columnCount() == 0 and not planner.apply_button.isEnabled() and planner.notes.text() == ""


def test_a_target_in_another_currency_is_refused(qtbot, window):
    planner = window.quota_planner
    for typed, other in (("₩1,000", "KRW"), ("1,000 JPY", "JPY")):
        planner.target.clear()
        planner.target.setFocus()
        for char in typed:  # a key event carrying the sign, as a Korean keyboard's ₩ key sends
            QApplication.sendEvent(planner.target, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))
        assert planner.target.text() == typed
        qtbot.keyClick(planner.target, Qt.Key.Key_Return)
        assert planner.error.text() == f"Company target {typed!r} is an amount in {other}; amounts here are in USD"
        assert planner.table.columnCount() == 0 and planner.scenarios == []
    planner.target.clear()
    qtbot.keyClicks(planner.target, "$1,000")  # the book's own currency
    qtbot.keyClick(planner.target, Qt.Key.Key_Return)
    assert planner.error.text() == "" and [s.inputs.target for s in planner.scenarios] == [100_000]


def test_an_empty_target_adds_no_scenario(qtbot, window):
    planner = window.quota_planner
    for typed in ("", "   "):  # Enter in an empty field: no plan of 0 quotas to apply
        planner.target.setText(typed)
        planner.target.setFocus()
        qtbot.keyClick(planner.target, Qt.Key.Key_Return)
        assert planner.error.text() == "Company target: type an amount in USD"
        assert planner.scenarios == [] and planner.table.columnCount() == 0 and not planner.apply_button.isEnabled()


def test_weights_and_seasonality_by_hand(qtbot, window):
    planner = window.quota_planner
    planner.year.lineEdit().selectAll()
    qtbot.keyClicks(planner.year, "2027")
    planner.weights.setFocus()
    qtbot.keyClick(planner.weights, Qt.Key.Key_End)  # by hand: a weight per rep active in 2027
    assert planner.weights.currentData() == "hand" and planner.hand_weights.isVisible()
    assert [planner.hand_weights.verticalHeaderItem(r).text() for r in range(3)] == ["Rep A", "Rep B", "Rep C"]
    table = planner.hand_weights
    for row, weight in enumerate(("3", "1", "0")):  # click a cell and type over it, as in a spreadsheet
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(row, 0)).center())
        qtbot.keyClicks(table, weight)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the last cell's editor commits (queued)
    qtbot.waitUntil(lambda: [table.item(r, 0).text() for r in range(3)] == ["3", "1", "0"])
    planner.seasonality.setFocus()
    qtbot.keyClick(planner.seasonality, Qt.Key.Key_End)
    assert planner.hand_season.isVisible()
    planner.hand_season.selectAll()
    qtbot.keyClicks(planner.hand_season, "2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1")
    planner.target.setFocus()
    qtbot.keyClicks(planner.target, "39,000")
    qtbot.keyClick(planner.target, Qt.Key.Key_Return)
    # 39,000.00 by weights 3 : 1 : 0 = A 29,250.00, B 9,750.00, C nothing; each year in 13 parts,
    # January two of them: A's January 29,250 × 2 ÷ 13 = 4,500.00, B's 1,500.00
    assert planner.error.text() == ""
    assert [cell(planner, row, 0) for row in (0, 3, 4, 5)] == ["39,000.00", "29,250.00", "9,750.00", "0.00"]
    months = planner.scenarios[0].months
    assert months[0].tolist()[:2] == [450_000, 225_000] and months[1].tolist()[:2] == [150_000, 75_000]

    planner.hand_season.selectAll()
    qtbot.keyClicks(planner.hand_season, "2, lots")
    qtbot.keyClick(planner.target, Qt.Key.Key_Return)
    assert "Seasonality: '2, lots' is not a number" in planner.error.text() and len(planner.scenarios) == 1


def team_rows(planner) -> list[list[str]]:
    table = planner.teams_table
    return [[table.item(row, column).text() for column in range(table.columnCount())] for row in range(table.rowCount())]


def test_the_teams_of_the_chosen_scenario_roll_up_as_the_command_line_shows_them(qtbot, tmp_path):
    from planner.cli_quotas import scenario_json

    teams = [("Company", None), ("North", "Company"), ("South", "Company")]
    shown = open_window(qtbot, tmp_path, quota_book(REPS, WON, teams=teams), saved=False)
    shown.tabs.setCurrentWidget(shown.quota_planner)
    planner = shown.quota_planner
    planner.year.lineEdit().selectAll()
    qtbot.keyClicks(planner.year, "2027")
    qtbot.keyClicks(planner.target, "33,000")
    qtbot.keyClick(planner.target, Qt.Key.Key_Return)
    # A and B 12,000.00 in North, C 9,000.00 in South; Company adds them up. Capacity: A 30,000,
    # B 10,000, C 7,500 (as in the first test); the gap is capacity − the team's quota.
    assert planner.teams_table.isVisible()
    assert team_rows(planner) == [["Company", "33,000.00", "47,500.00", "14,500.00"],
                                  ["    North", "24,000.00", "40,000.00", "16,000.00"],
                                  ["    South", "9,000.00", "7,500.00", "-1,500.00"]]
    cli = scenario_json(shown.book, planner.scenarios[0])["teams"]
    assert [(t["team"], t["annual"], t["capacity"], t["gap"]) for t in cli] == [
        (name.strip(), *(v.replace(",", "") for v in values)) for name, *values in team_rows(planner)]
    assert [t["parent"] for t in cli] == [None, "Company", "Company"]
    planner.name.setFocus()
    qtbot.keyClicks(planner.name, "More")
    planner.target.selectAll()
    qtbot.keyClicks(planner.target, "66,000")
    qtbot.keyClick(planner.target, Qt.Key.Key_Return)
    assert team_rows(planner)[0][:2] == ["Company", "66,000.00"]
    planner.table.setCurrentCell(0, 0)  # the first scenario chosen again: its teams
    assert team_rows(planner)[0][:2] == ["Company", "33,000.00"]
    shown.jobs.wait()


def test_a_closed_quarter_is_kept_marked_and_left_as_it_is_by_apply(qtbot, tmp_path):
    shown = open_window(qtbot, tmp_path, closed_q1_book(), saved=False)
    shown.tabs.setCurrentWidget(shown.quota_planner)
    planner, book = shown.quota_planner, shown.book
    quotas = book["Quotas"]
    q1 = quotas["period"].isin(["2026-01", "2026-02", "2026-03"]).to_numpy(dtype=bool)
    before, kept_before = quotas.copy(), quotas[q1].copy()
    planner.year.lineEdit().selectAll()
    qtbot.keyClicks(planner.year, "2026")
    qtbot.keyClicks(planner.target, "12,000")
    qtbot.keyClick(planner.target, Qt.Key.Key_Return)
    assert planner.error.text() == "" and planner.table.columnCount() == 1
    labels = [planner.table.verticalHeaderItem(row).text() for row in range(planner.table.rowCount())]
    assert labels[:4] == ["Assigned", "Kept: closed months", "Capacity", "Gap (capacity − target)"]
    assert cell(planner, 1, 0) == "510.03" and "2026-Q1" in planner.table.item(1, 0).toolTip()
    assert "2026-Q1 closed: the quotas of 2026-01 – 2026-03 are kept as they are (510.03)" in planner.notes.text()

    with qtbot.waitSignal(shown.report_ready, timeout=60_000):
        qtbot.mouseClick(planner.apply_button, Qt.MouseButton.LeftButton)
    assert planner.error.text() == "" and shown.undo_stack.count() == 1
    quotas = book["Quotas"]
    pd.testing.assert_frame_equal(quotas[quotas["period"].isin(kept_before["period"]).to_numpy(dtype=bool)],
                                  kept_before)
    assert int(quotas[quotas["period"].str.startswith("2026").to_numpy(dtype=bool)]["amount"].sum()) == 1_200_000
    with qtbot.waitSignal(shown.report_ready, timeout=60_000):
        shown.undo_stack.undo()
    pd.testing.assert_frame_equal(book["Quotas"], before)

    planner.target.selectAll()
    qtbot.keyClicks(planner.target, "500")
    qtbot.keyClick(planner.target, Qt.Key.Key_Return)
    assert planner.error.text().startswith("the closed months of 2026 (2026-Q1) hold quotas of 510.03 already")
    shown.jobs.wait()


def test_a_basis_year_without_wins_names_the_tab_s_fields(qtbot, window):
    planner = window.quota_planner
    planner.basis.lineEdit().selectAll()
    qtbot.keyClicks(planner.basis, "2025")  # nothing was won in 2025
    planner.weights.setFocus()
    qtbot.keyClick(planner.weights, Qt.Key.Key_Down)  # last year's won revenue
    qtbot.keyClicks(planner.target, "100")
    qtbot.keyClick(planner.target, Qt.Key.Key_Return)
    assert planner.scenarios == [] and planner.error.text() == (
        "no deal was won in 2025: weights by won revenue and seasonality from history need a basis year with "
        "wins (choose another Basis year, or Equal weights and Flat seasonality)")
