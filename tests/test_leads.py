"""Lead scoring (seed 001): scores computed by hand, the threshold, problems, conversion to deals."""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd
import pytest

from windows import open_window
from planner.core.book import Book
from planner.core.errors import PlannerError
from planner.core.leads import (
    convert_leads, lead_problems, next_deal_ids, parse_signals, score_leads, summary, threshold,
    threshold_change,
)
from planner.core.problems import Refused
from planner.core.report import compute_report

# The seed's rules: pricing page +10, email open +1, email click +3, inaccurate details −5, persona +5.
RULES = [("pricing page visit", 10, "Visited the pricing page"), ("email open", 1, None),
         ("email click", 3, None), ("inaccurate company details", -5, None), ("fits buyer persona", 5, None)]
LEADS = [
    # id, name, company, owner, signals: hand-computed score
    ("L1", "김하늘", "한빛전자", "R1", "pricing page visit; email click ×2; fits buyer persona"),  # 10+6+5 = 21
    ("L2", "Jane Roe", "Acme", "R1", "Pricing Page  Visit, email open x7, email click, fits buyer persona"),  # 10+7+3+5 = 25
    ("L3", "佐藤 花子", "東京物産", "R2", "pricing page visit; fits buyer persona; email open ×5"),  # 10+5+5 = 20: at the threshold
    ("L4", "Tom Lee", "Beta", "R2", "pricing page visit; inaccurate company details; email click ×3"),  # 10-5+9 = 14
    ("L5", "No Owner", "Gamma", None, "pricing page visit ×3"),  # 30 but nobody owns it
    ("L6", "Quiet", "Delta", "R1", None),  # 0
]


def lead_book(threshold_text: str | None = None) -> Book:
    settings = [("currency", "USD"), ("as_of", "2026-03-31")]
    if threshold_text is not None:
        settings.append(("lead_threshold", threshold_text))
    return Book({
        "Settings": pd.DataFrame(settings, columns=["key", "value"]),
        "Stages": pd.DataFrame([("Prospect", 1, 100_000, "open"), ("Proposal", 2, 500_000, "open"),
                                ("Won", 3, 1_000_000, "won")], columns=["stage", "order", "probability", "kind"]),
        "Reps": pd.DataFrame([("R1", "김민지"), ("R2", "佐藤 健")], columns=["id", "name"]),
        "Deals": pd.DataFrame([("D-0007", "R1", "Prospect", 500_000, "2026-03-01")],
                              columns=["id", "owner", "stage", "amount", "created"]),
        "LeadRules": pd.DataFrame(RULES, columns=["signal", "points", "description"]),
        "Leads": pd.DataFrame([(i, n, c, o, s) for i, n, c, o, s in LEADS],
                              columns=["id", "name", "company", "owner", "signals"]),
    })


def scores_by_id(book) -> dict[str, int]:
    frame = score_leads(book.snapshot())
    return dict(zip(frame["id"], frame["score"].astype(int)))


def row_of(book, lead: str) -> int:
    leads = book["Leads"]
    return int(leads.index[leads["id"] == lead][0])


def test_scores_are_points_times_count_summed_over_the_signals():
    book = lead_book()
    assert book.problems() == []
    assert scores_by_id(book) == {"L1": 21, "L2": 25, "L3": 20, "L4": 14, "L5": 30, "L6": 0}
    frame = score_leads(book.snapshot()).set_index("id")
    assert frame.at["L1", "breakdown"] == "+10 pricing page visit, +6 email click ×2, +5 fits buyer persona"
    assert frame.at["L4", "breakdown"] == "+10 pricing page visit, -5 inaccurate company details, +9 email click ×3"


def test_qualified_at_or_above_the_threshold():
    book = lead_book()
    frame = score_leads(book.snapshot()).set_index("id")
    assert threshold(book) == 20  # the default
    assert list(frame["qualified"]) == ["yes", "yes", "yes", "no", "yes", "no"]  # L3 scores exactly 20
    assert summary(book) == {"count": 6, "qualified": 4, "converted": 0, "threshold": 20}
    book.apply(threshold_change(book, 21))  # the setting is added
    assert book.setting("lead_threshold") == "21"
    assert score_leads(book.snapshot()).set_index("id").at["L3", "qualified"] == "no"
    book.apply(threshold_change(book, 14))  # and then changed in place
    assert (book["Settings"]["key"] == "lead_threshold").sum() == 1
    assert summary(book)["qualified"] == 5


def test_editing_a_rule_changes_the_scores():
    book = lead_book()
    rules = book["LeadRules"]
    click = int(rules.index[rules["signal"] == "email click"][0])
    book.set_value("LeadRules", click, "points", 4)
    assert scores_by_id(book)["L1"] == 23 and scores_by_id(book)["L4"] == 17


def test_an_unknown_signal_is_a_problem_of_the_book_not_a_crash():
    book = lead_book()
    book.set_value("Leads", row_of(book, "L1"), "signals", "pricing page visit; webinar; email click ×2000000")
    found = [str(p) for p in book.problems()]
    assert "Leads L1, column signals: 'webinar' is not a signal of the lead scoring rules" in found
    assert any("'email click ×2000000': a signal counts" in text for text in found)
    assert scores_by_id(book)["L1"] == 10  # what is readable still scores
    report = compute_report(book)  # the lead is left out of the lead figures, nothing else
    assert any("webinar" in str(p) for p in report.problems)
    assert list(report.left_out.rows) == ["Leads"] and set(report.left_out.sections) == {"leads"}
    with pytest.raises(Refused, match="signals have a problem"):
        convert_leads(book, [row_of(book, "L1")])


def test_a_bad_threshold_or_rule_name_is_a_problem():
    book = lead_book("twenty")
    assert [str(p) for p in lead_problems(book.snapshot())] == [
        "Settings lead_threshold, column value: the lead threshold 'twenty' is not a whole number of points"]
    assert summary(book)["threshold"] == 20
    rules = book["LeadRules"]
    book.set_value("LeadRules", int(rules.index[0]), "signal", "pricing; page")
    book.set_value("LeadRules", int(rules.index[1]), "signal", "Email Click")
    texts = [str(p) for p in lead_problems(book.snapshot())]
    assert any("cannot contain ';'" in text for text in texts)
    assert any("'email click' has an earlier rule" in text for text in texts)


def test_parse_signals_reads_counts_and_reports_what_it_cannot():
    assert parse_signals("a; b ×2, c x 3;d*4;;  ") == ([("a", 1), ("b", 2), ("c", 3), ("d", 4)], [])
    assert parse_signals("Box3; ×2") == ([("Box3", 1)], ["×2"])
    assert parse_signals(None) == ([], [])


def test_converting_makes_open_deals_marks_the_leads_and_undoes_as_one():
    book = lead_book()
    deals_before = book["Deals"].copy()
    change = convert_leads(book, [row_of(book, "L1"), row_of(book, "L3")], on=date(2026, 3, 31))
    inverse = book.apply(change)
    deals = book.keyed("Deals")
    new = deals.iloc[1:]
    assert list(new["id"]) == ["D-0008", "D-0009"]
    assert list(new["name"]) == ["한빛전자 · 김하늘", "東京物産 · 佐藤 花子"]
    assert list(new["account"]) == ["한빛전자", "東京物産"]
    assert list(new["owner"]) == ["R1", "R2"] and list(new["stage"]) == ["Prospect", "Prospect"]
    assert new["amount"].isna().all() and list(new["created"]) == [pd.Timestamp("2026-03-31")] * 2
    assert book.problems() == []  # an open deal may lack its amount
    leads = book.keyed("Leads").set_index("id")
    assert leads.at["L1", "deal"] == "D-0008" and leads.at["L3", "deal"] == "D-0009"
    assert summary(book)["converted"] == 2
    compute_report(book)  # the figures still compute with the new deals
    with pytest.raises(Refused, match="already converted to deal D-0008"):
        convert_leads(book, [row_of(book, "L1")])
    book.apply(inverse, check=False)
    pd.testing.assert_frame_equal(book["Deals"], deals_before)
    assert book["Leads"]["deal"].isna().all()


def test_converting_refuses_unqualified_or_unowned_leads_and_changes_nothing():
    book = lead_book()
    revision = book.revision
    with pytest.raises(Refused) as refused:
        convert_leads(book, [row_of(book, "L1"), row_of(book, "L4"), row_of(book, "L5")])
    texts = [str(p) for p in refused.value.problems]
    assert texts == ["Leads L4, column signals: scores 14, below the threshold 20: not converted",
                     "Leads L5, column owner: has no owner: choose the rep who will own the deal"]
    assert book.revision == revision and len(book["Deals"]) == 1
    with pytest.raises(PlannerError, match="no lead is selected"):
        convert_leads(book, [])


def test_next_deal_ids_follow_the_last_numbered_id():
    assert next_deal_ids(pd.Series(["D-00041", "X", "D-00039"]), 2) == ["D-00042", "D-00043"]
    assert next_deal_ids(pd.Series([], dtype="string"), 1) == ["D-00001"]
    assert next_deal_ids(pd.Series(["A9", "A10"]), 1) == ["A11"]


def test_leads_and_rules_survive_a_save_and_open(tmp_path):
    from planner.storage import open_book, save_book

    book = lead_book("18")
    book.apply(convert_leads(book, [row_of(book, "L2")], on=date(2026, 3, 31)))
    path = tmp_path / "leads.planner"
    save_book(book, path)
    opened = open_book(path)
    for table in ("Leads", "LeadRules", "Deals"):
        pd.testing.assert_frame_equal(opened.keyed(table), book.keyed(table))
    assert scores_by_id(opened) == scores_by_id(book) and summary(opened)["threshold"] == 18


def test_a_book_of_format_2_opens_with_empty_leads_and_gains_the_tables_when_edited(tmp_path, book):
    from planner.session import Session
    from planner.storage import open_book, save_book
    from planner.storage.store import SCHEMA_VERSION

    path = tmp_path / "old.planner"
    save_book(book, path)
    with sqlite3.connect(path) as db:  # a book written before lead scoring
        db.execute('DROP TABLE "Leads"')
        db.execute('DROP TABLE "LeadRules"')
        db.execute("UPDATE planner_meta SET value = '2' WHERE key = 'schema_version'")
    old = open_book(path)
    assert len(old["Leads"]) == 0 and len(old["LeadRules"]) == 0 and summary(old)["count"] == 0
    with Session.open(path) as session:
        session.apply(session.book.insertion("LeadRules", pd.DataFrame({"signal": ["demo booked"], "points": [25]})),
                      "Insert a rule")
        session.save()
    with sqlite3.connect(path) as db:
        assert dict(db.execute("SELECT key, value FROM planner_meta"))["schema_version"] == str(SCHEMA_VERSION)
    assert list(open_book(path)["LeadRules"]["signal"]) == ["demo booked"]


def test_the_demo_book_has_scored_leads(demo):
    assert demo.problems() == []
    counts = summary(demo.snapshot())
    assert counts["count"] >= 30 and 5 <= counts["qualified"] < counts["count"] and counts["converted"] >= 1
    assert len(demo["LeadRules"]) == 5


def test_a_new_book_starts_with_the_seed_rules():
    from planner.core.demo import new_book

    book = new_book()
    assert dict(zip(book["LeadRules"]["signal"], book["LeadRules"]["points"])) == {
        "pricing page visit": 10, "email open": 1, "email click": 3, "inaccurate company details": -5,
        "fits buyer persona": 5}
    assert book.problems() == [] and summary(book) == {"count": 0, "qualified": 0, "converted": 0, "threshold": 20}


@pytest.fixture
def window(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, lead_book(), saved=False)
    window.tabs.setCurrentWidget(window.leads)
    yield window
    window.jobs.wait()


def select_scores(panel, *lead_ids: str) -> None:
    from PySide6.QtCore import QItemSelectionModel

    model, selection = panel.scores_model, panel.scores.selectionModel()
    selection.clearSelection()
    for view_row in range(model.rowCount()):
        if model.frame["id"].iloc[model.source_row(view_row)] in lead_ids:
            selection.select(model.index(view_row, 0), QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)


def test_the_tab_shows_scores_best_first_and_converts_the_selected_leads_as_one_undo_step(window, qtbot):
    panel, book = window.leads, window.book
    frame = panel.scores_model.frame
    assert list(frame["id"]) == ["L5", "L2", "L1", "L3", "L4", "L6"] and list(frame["score"]) == [30, 25, 21, 20, 14, 0]
    assert panel.summary.text() == "4 of 6 leads qualified · 0 converted to deals"
    select_scores(panel, "L1", "L3")
    panel.convert_button.click()
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "Convert 2 lead(s) to deals"
    assert list(book.keyed("Deals")["id"]) == ["D-0007", "D-0008", "D-0009"]
    assert book.keyed("Leads").set_index("id").loc[["L1", "L3"], "deal"].tolist() == ["D-0008", "D-0009"]
    assert panel.summary.text() == "4 of 6 leads qualified · 2 converted to deals"
    assert panel.note.text() == "New deals: D-0008, D-0009"
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        window.recompute()  # the results follow: the note stays until the book changes again
    assert panel.note.text() == "New deals: D-0008, D-0009"
    window.undo_stack.undo()
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        window.recompute()
    assert panel.note.text() == ""
    assert list(book.keyed("Deals")["id"]) == ["D-0007"] and book["Leads"]["deal"].isna().all()


def test_the_tab_refuses_an_unqualified_lead_and_changes_nothing(window):
    panel, told = window.leads, []
    panel.tell = lambda title, text: told.append(text)
    select_scores(panel, "L4")
    panel.convert_button.click()
    assert told == ["Not changed: Leads row 4, column Signals: scores 14, below the threshold 20: not converted"]
    assert window.undo_stack.count() == 0 and len(window.book["Deals"]) == 1


def test_the_threshold_box_sets_the_setting_as_one_undo_step(window, qtbot):
    panel = window.leads
    assert panel.threshold.value() == 20
    panel.threshold.setValue(21)
    assert window.book.setting("lead_threshold") == "21" and window.undo_stack.count() == 1
    assert panel.summary.text() == "3 of 6 leads qualified · 0 converted to deals"
    window.undo_stack.undo()
    assert window.book.setting("lead_threshold") is None
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        window.recompute()
    assert panel.threshold.value() == 20 and panel.summary.text().startswith("4 of 6")


def test_leads_selected_on_the_sheet_convert_too(window):
    panel, sheet = window.leads, window.sheets["Leads"]
    sheet.setCurrentIndex(sheet.model().index(1, 0))  # L2
    sheet.selectRow(1)
    panel.convert_button.click()
    assert window.book.keyed("Leads").set_index("id").at["L2", "deal"] == "D-0008"


def test_the_report_json_has_a_leads_section():
    import json

    data = json.loads(json.dumps(compute_report(lead_book("21")).to_json()))
    assert data["leads"] == {"count": 6, "qualified": 3, "converted": 0, "threshold": 21}
