"""The exit-criteria checklist: splitting criteria, which moves ask, and the dialog in the app."""

from __future__ import annotations

import pandas as pd
import pytest
from health_book import PROPOSAL_CRITERIA, health_book, open_window, view_row
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from planner.core.exit_criteria import checklist, criteria_items, is_forward
from planner.views.stage_checklist import SETTING


@pytest.mark.parametrize("text, items", [
    ("Budget confirmed; Decision maker named;Timing agreed", ["Budget confirmed", "Decision maker named",
                                                             "Timing agreed"]),
    ("Proposal sent\r\n\nWalked through  \n", ["Proposal sent", "Walked through"]),
    (PROPOSAL_CRITERIA, ["Proposal sent", "Walked through with the decision maker"]),
    ("・予算の確認 ・決裁者の確認", ["予算の確認", "決裁者の確認"]),  # bullets on one line
    ("ジョン・スミス様の承認", ["ジョン・スミス様の承認"]),  # a "・" inside a name joins it
    ("예산·권한 확인；일정 확인", ["예산·권한 확인", "일정 확인"]),  # full-width semicolon; "·" kept
    ("- one\n* two\n1. three\n2) four\n• five", ["one", "two", "three", "four", "five"]),
    ("Budget, authority and timing confirmed (BANT)", ["Budget, authority and timing confirmed (BANT)"]),
    ("1.5× the usual discount approved", ["1.5× the usual discount approved"]),
    ("  ;\n ", []), ("", []), (None, []), (float("nan"), []), (pd.NA, []),
])
def test_criteria_are_split_into_items(text, items):
    assert criteria_items(text) == items


def test_which_moves_are_forward():
    stages = health_book()["Stages"]
    ids = dict(zip(stages["stage"], stages.index))
    prospect, proposal, commit, won, lost = (ids[name] for name in ("Prospect", "Proposal", "Commit", "Won", "Lost"))
    assert is_forward(stages, prospect, proposal) and is_forward(stages, prospect, commit)  # skipping is forward
    assert is_forward(stages, commit, won) and is_forward(stages, prospect, won)
    assert not is_forward(stages, proposal, prospect)  # backward
    assert not is_forward(stages, proposal, lost) and not is_forward(stages, proposal, proposal)
    assert not is_forward(stages, won, prospect) and not is_forward(stages, lost, won)  # out of a closed stage


def test_a_stage_without_criteria_asks_nothing():
    book = health_book(criteria=False)
    stages = book["Stages"]
    deal = int(book["Deals"].index[book["Deals"]["id"] == "L"][0])
    assert checklist(book, deal, int(stages.index[stages["stage"] == "Proposal"][0])) is None
    book = health_book()
    request = checklist(book, deal, int(book["Stages"].index[book["Stages"]["stage"] == "Proposal"][0]))
    assert (request.deal_id, request.leaving, request.entering, request.items) == (
        "L", "Prospect", "Proposal", ("Named contact confirmed", "Problem we solve"))


def test_skipping_stages_asks_the_criteria_of_every_stage_skipped():
    book = health_book()
    stages = dict(zip(book["Stages"]["stage"], book["Stages"].index))
    deal = int(book["Deals"].index[book["Deals"]["id"] == "L"][0])  # in Prospect
    request = checklist(book, deal, int(stages["Commit"]))
    assert request.groups == (("Prospect", ("Named contact confirmed", "Problem we solve")),
                              ("Proposal", ("Proposal sent", "Walked through with the decision maker")))
    to_won = checklist(book, deal, int(stages["Won"]))  # every later open stage is skipped
    assert [stage for stage, _items in to_won.groups] == ["Prospect", "Proposal", "Commit"]
    assert to_won.items[-1] == "Signing date agreed"
    # the stage left without criteria: the skipped ones still ask
    book.set_value("Stages", int(stages["Prospect"]), "exit_criteria", None)
    assert [stage for stage, _items in checklist(book, deal, int(stages["Commit"])).groups] == ["Proposal"]


# -- in the app ----------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, health_book())
    window.asked = []
    window.held = []  # what each stage change's hold() said: True = a question comes next turn
    hold = window.models["Deals"].hold
    window.models["Deals"].hold = lambda *args: window.held.append(hold(*args)) or window.held[-1]
    yield window
    window.jobs.wait()


def answer(window, tick):
    """Answer the checklist by ticking the boxes ``tick(n)`` says, then pressing Move deal (or
    Cancel when it stays disabled); records what was asked."""
    def run(dialog):
        window.asked.append([box.text() for box in dialog.boxes])
        for n, box in enumerate(dialog.boxes):
            box.setChecked(tick(n))
        if dialog.move_button.isEnabled():
            dialog.move_button.click()
        else:
            dialog.accept()  # Enter with boxes unticked: refused
            assert not dialog.result()
            dialog.reject()
        return dialog.result()
    window.exit_check.run_dialog = run


def never_asked(dialog):
    raise AssertionError(f"asked: {dialog.request}")


def move(qtbot, window, deal_id, stage, asks=True):
    """Pick ``stage`` in the deal's Stage combo and press Enter; wait for the answer if it asks."""
    view = window.sheets["Deals"]
    window.tabs.setCurrentIndex(0)
    view.setCurrentIndex(view.model().index(view_row(window, deal_id), list(view.sheet.frame.columns).index("stage")))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = next(w for w in view.findChildren(QComboBox) if w.isVisible())
    combo.setCurrentIndex(combo.findText(stage))
    if asks:
        with qtbot.waitSignal(window.exit_check.answered, timeout=10_000):
            qtbot.keyClick(combo, Qt.Key.Key_Return)
    else:
        held = len(window.held)
        qtbot.keyClick(combo, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
        assert not any(window.held[held:])  # no question was scheduled: the change went in at once


def stage_of(window, deal_id):
    return window.book.keyed("Deals").set_index("id").at[deal_id, "stage"]


def history_of(window, deal_id):
    history = window.book.keyed("StageHistory")
    return list(history.loc[history["deal_id"] == deal_id, "stage"])


def test_a_forward_move_with_unticked_criteria_keeps_the_stage(qtbot, window):
    answer(window, lambda n: n == 0)  # one of two ticked
    before = history_of(window, "L")
    move(qtbot, window, "L", "Proposal")
    assert window.asked == [["Named contact confirmed", "Problem we solve"]]
    assert stage_of(window, "L") == "Prospect" and history_of(window, "L") == before
    assert window.undo_stack.count() == 0 and window.refusals == []


def test_a_forward_move_with_every_criterion_ticked_moves_and_records_history(qtbot, window):
    answer(window, lambda n: True)
    before = history_of(window, "S")
    move(qtbot, window, "S", "Won")  # to won: the criteria of Proposal, the stage it leaves, and Commit, skipped
    assert window.asked == [["Proposal sent", "Walked through with the decision maker", "Signing date agreed"]]
    assert stage_of(window, "S") == "Won" and history_of(window, "S") == before + ["Won"]
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()  # one step: the stage, its history row and the closed date
    assert stage_of(window, "S") == "Proposal" and history_of(window, "S") == before
    assert pd.isna(window.book.keyed("Deals").set_index("id").at["S", "closed"])


def test_moving_backward_or_to_lost_does_not_ask(qtbot, window):
    window.exit_check.run_dialog = never_asked
    move(qtbot, window, "S", "Prospect", asks=False)
    assert stage_of(window, "S") == "Prospect" and history_of(window, "S")[-1] == "Prospect"
    move(qtbot, window, "O", "Lost", asks=False)
    assert stage_of(window, "O") == "Lost" and window.undo_stack.count() == 2


def test_skipping_a_stage_asks_its_criteria_grouped_in_the_dialog(qtbot, window):
    headings = []

    def run(dialog):
        from PySide6.QtWidgets import QLabel

        headings.extend(label.text() for label in dialog.findChildren(QLabel) if label.text().startswith("<b>"))
        window.asked.append([box.text() for box in dialog.boxes])
        for box in dialog.boxes:
            box.setChecked(True)
        dialog.move_button.click()
        return dialog.result()
    window.exit_check.run_dialog = run
    move(qtbot, window, "L", "Commit")
    assert window.asked == [["Named contact confirmed", "Problem we solve", "Proposal sent",
                             "Walked through with the decision maker"]]
    assert headings == ["<b>Prospect</b>", "<b>Proposal</b>"] and stage_of(window, "L") == "Commit"


def test_turned_off_it_does_not_ask(qtbot, window):
    action = window.edit_menu.confirm_criteria
    assert action.isChecked() and action.isCheckable()
    action.trigger()
    assert window.settings.value(SETTING) in (False, "false") and not window.exit_check.enabled
    window.exit_check.run_dialog = never_asked
    move(qtbot, window, "L", "Commit", asks=False)
    assert stage_of(window, "L") == "Commit"


def test_dont_ask_again_turns_it_off_and_cancel_keeps_the_deal(qtbot, window):
    def run(dialog):
        dialog.dont_ask.setChecked(True)
        dialog.reject()
        return dialog.result()
    window.exit_check.run_dialog = run
    move(qtbot, window, "L", "Proposal")
    assert stage_of(window, "L") == "Prospect"  # cancelled
    assert not window.exit_check.enabled and not window.edit_menu.confirm_criteria.isChecked()
    window.exit_check.run_dialog = never_asked
    move(qtbot, window, "L", "Proposal", asks=False)
    assert stage_of(window, "L") == "Proposal"
    window.edit_menu.confirm_criteria.trigger()  # back on
    assert window.exit_check.enabled
