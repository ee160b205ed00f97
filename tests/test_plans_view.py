"""The Plans tab, driven by keys: choose a plan, type over a tier's rate and see the payout curve
change, undo it, add a tier in the plan's last empty row (small_book: MARG pays 2% to 50%, 5% to
100%, 10% above, marginal, capped at $1,500, with a $500 bonus at 100%; its reps' quarter quotas
are $30,000 and $15,000: the curve is drawn for their median, $22,500)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fixtures import small_book
from test_grid_keys import CTRL, editing, enter, go, press, shown, types
from windows import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, small_book())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentWidget(window.plans)
    yield window
    window.jobs.wait()


def plan_id(window, name):
    plans = window.book["Plans"]
    return int(plans.index[plans["plan"] == name][0])


def choose(qtbot, window, name):
    """Click-free: the plan's row made current on the left, as arrow keys would; the curve drawn."""
    plans = window.sheets["Plans"]
    plans.setFocus()
    with qtbot.waitSignal(window.plans.charted, timeout=30_000):
        go(plans, list(window.book["Plans"]["plan"]).index(name), "plan")
    assert window.plans.curve is not None and window.plans.curve.plan == plan_id(window, name)


def total_at(curve, credited):
    return int(curve.points.set_index("credited").at[credited, "total"])


def tiers_shown(window):
    view = window.sheets["PlanTiers"]
    return [(shown(view, row, "from"), shown(view, row, "rate")) for row in range(view.sheet.shown_rows())]


def test_a_plan_shows_only_its_tiers_and_bonuses(qtbot, window):
    choose(qtbot, window, "MARG")
    assert tiers_shown(window) == [("0%", "2%"), ("50%", "5%"), ("100%", "10%")]
    assert window.sheets["PlanBonuses"].sheet.shown_rows() == 1
    assert window.sheets["PlanTiers"].isColumnHidden(0)  # the plan column: the same on every row
    assert "MARG" in window.plans.captions["PlanTiers"].text()
    press(qtbot, window, Qt.Key.Key_Up)  # MARG -> RETRO, the row above it on the Plans sheet
    qtbot.waitUntil(lambda: window.plans.plan == plan_id(window, "RETRO"))
    assert tiers_shown(window) == [("0%", "0%"), ("100%", "10%")]
    assert window.sheets["PlanBonuses"].sheet.shown_rows() == 0
    qtbot.waitUntil(lambda: window.plans.curve is not None and window.plans.curve.plan == plan_id(window, "RETRO"))
    # RETRO's months at R1's quota, $10,000: nothing below 100%, 10% of everything from it
    assert total_at(window.plans.curve, 999_999) == 0 and total_at(window.plans.curve, 1_000_000) == 100_000


def test_typing_over_a_rate_redraws_the_curve_and_undo_takes_it_back(qtbot, window):
    choose(qtbot, window, "MARG")
    curve = window.plans.curve
    assert curve.quota == 2_250_000
    # 80% of $22,500: $11,250 × 2% + $6,750 × 5% = $225 + $337.50
    assert total_at(curve, 1_800_000) == 56_250
    tiers = window.sheets["PlanTiers"]
    tiers.setFocus()
    go(tiers, 1, "rate")  # the 50%-100% tier
    with qtbot.waitSignal(window.plans.charted, timeout=30_000):
        types(qtbot, window, "8%")
        enter(qtbot, window, tiers)
    assert window.refusals == [] and shown(tiers, 1, "rate") == "8%"
    assert window.undo_stack.count() == 1
    assert total_at(window.plans.curve, 1_800_000) == 76_500  # $225 + $6,750 × 8% = $765
    with qtbot.waitSignal(window.plans.charted, timeout=30_000):
        press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert shown(tiers, 1, "rate") == "5%" and window.undo_stack.index() == 0
    assert total_at(window.plans.curve, 1_800_000) == 56_250
    with qtbot.waitSignal(window.plans.charted, timeout=30_000):
        press(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert shown(tiers, 1, "rate") == "8%" and total_at(window.plans.curve, 1_800_000) == 76_500


def test_a_tier_typed_in_the_last_empty_row_belongs_to_the_plan(qtbot, window):
    choose(qtbot, window, "MARG")
    marg = plan_id(window, "MARG")
    tiers = window.sheets["PlanTiers"]
    tiers.setFocus()
    top = window.book["PlanTiers"].index[(window.book["PlanTiers"]["plan"] == marg)
                                         & (window.book["PlanTiers"]["from"] == 1_000_000)][0]
    window.book.set_value("PlanTiers", int(top), "to", 1_500_000)  # the top tier now ends at 150%
    window.book.set_value("Plans", marg, "cap", None)  # and nothing is capped
    go(tiers, 3, "from")  # the last empty row
    assert tiers.sheet.is_blank(3)
    for name, text in (("from", "150%"), ("to", ""), ("rate", "25%"), ("method", "marginal")):
        go(tiers, 3, name)
        if text:
            types(qtbot, window, text)
            enter(qtbot, window, tiers)
            assert not editing(tiers)
    assert window.refusals == []
    added = window.book["PlanTiers"].iloc[-1]
    assert int(added["plan"]) == marg and int(added["from"]) == 1_500_000 and int(added["rate"]) == 250_000
    assert tiers_shown(window)[-1] == ("150%", "25%") and window.undo_stack.count() == 3  # a row, then 2 cells
    # 200% of $22,500: $11,250 × 2% + × 5% + × 10% + × 25% = $4,725, and the $500 bonus
    qtbot.waitUntil(lambda: window.plans.curve is not None and total_at(window.plans.curve, 4_500_000) == 522_500)


def test_the_problems_panel_opens_a_tier_of_another_plan(qtbot, window):
    choose(qtbot, window, "RETRO")
    marg_tier = int(window.book["PlanTiers"].index[window.book["PlanTiers"]["plan"] == plan_id(window, "MARG")][1])
    window.show_cell("PlanTiers", marg_tier, "rate")
    assert window.plans.plan == plan_id(window, "MARG") and window.tabs.currentWidget() is window.plans
    tiers = window.sheets["PlanTiers"]
    assert tiers.sheet.row_id(tiers.currentIndex().row()) == marg_tier


def test_the_problems_panel_opens_a_bonus_on_its_own_tab(qtbot, window):
    """A bonus lies on one of the rule tabs under the tiers: that tab is made current."""
    window.plans.rules.setCurrentIndex(window.plans.rules.count() - 1)  # another rule tab shown
    window.tabs.setCurrentIndex(0)  # and another tab of the window
    bonus = int(window.book["PlanBonuses"].index[0])
    window.show_cell("PlanBonuses", bonus, "amount")
    bonuses = window.sheets["PlanBonuses"]
    assert window.tabs.currentWidget() is window.plans and bonuses.isVisible()
    assert bonuses.sheet.row_id(bonuses.currentIndex().row()) == bonus


def test_rows_inserted_or_pasted_on_the_plan_belong_to_it(qtbot, window):
    choose(qtbot, window, "RETRO")
    retro = plan_id(window, "RETRO")
    tiers = window.sheets["PlanTiers"]
    tiers.setFocus()
    go(tiers, 1, "rate")
    tiers.insert_rows(below=True)
    go(tiers, 3, "from")  # the last empty row, under the inserted one
    assert tiers.paste("150%\t\t20%\tretroactive")
    rows = window.book["PlanTiers"]
    mine = rows[rows["plan"] == retro]
    assert len(mine) == 4 and window.refusals == [] and window.undo_stack.count() == 2
    assert mine["from"].iloc[-1] == 1_500_000 and mine["method"].iloc[-1] == "retroactive"
    assert tiers.sheet.shown_rows() == 4  # both shown with the plan's other tiers


def test_a_spiff_and_an_assignment_typed_in_the_rules_tabs_belong_to_the_plan(qtbot, window):
    """The plan's other rules (multipliers, SPIFFs, draw, reps assigned by date) are tabs under
    its tiers: a row typed there is the chosen plan's, and undo takes it back."""
    choose(qtbot, window, "MARG")
    marg = plan_id(window, "MARG")
    rules = window.plans.rules
    assert [rules.tabText(n) for n in range(rules.count())] == [
        "Plan bonuses", "Plan multipliers", "SPIFFs", "Plan draws", "Plan assignments"]
    rules.setCurrentIndex(2)
    spiffs = window.sheets["Spiffs"]
    assert "MARG" in window.plans.captions["Spiffs"].text() and spiffs.isColumnHidden(0)
    spiffs.setFocus()
    go(spiffs, 0, "amount")
    types(qtbot, window, "75")
    enter(qtbot, window, spiffs)
    assert window.refusals == []
    added = window.book["Spiffs"].iloc[-1]
    assert int(added["plan"]) == marg and int(added["amount"]) == 7_500
    rules.setCurrentIndex(4)
    assignments = window.sheets["PlanAssignments"]
    assert [assignments.model().column_name(c) for c in range(assignments.model().columnCount())
            if not assignments.isColumnHidden(c)] == ["rep", "from", "to"]
    window.undo_stack.undo()
    assert len(window.book["Spiffs"]) == 0


def test_an_empty_rule_sheet_has_room_for_a_date(qtbot, window):
    """A plan without SPIFFs yet: their date columns still fit a date typed in ("2026-1…" before)."""
    choose(qtbot, window, "MARG")
    spiffs = window.sheets["Spiffs"]
    window.plans.rules.setCurrentIndex(2)  # the SPIFFs tab: its columns are sized when shown
    assert spiffs.isVisible()
    model = spiffs.model()
    for name in ("from", "to"):
        column = [model.column_name(c) for c in range(model.columnCount())].index(name)
        assert spiffs.columnWidth(column) > spiffs.fontMetrics().horizontalAdvance("2026-12-31")
