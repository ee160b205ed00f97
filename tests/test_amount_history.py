"""Amount history (issue 19): the edit API keeps a deal's amount before each change, and the
book as it stood on a past day uses the amount of then."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from fixtures import rebuilt, small_book
from planner.core.book import Book
from planner.core.periods import Period
from planner.core.point_in_time import TODAY_AMOUNTS, as_it_stood
from planner.core.report import compute_report
from test_point_in_time import DAY, with_history

# (deal, changed, amount before, currency before): D3 (won 02-01 at 20,000.00) was 18,000.00
# until 03-01; D5 (won 02-10 at 9,000.00) was 7,000.00 until 02-20, then 8,000.00 until 03-01;
# D7 (open at DAY in Proposal at 4,000.00) was 6,000.00 until 02-15; D8's change of 02-05 is
# before DAY: at DAY it has today's 3,000.00
AMOUNTS = [("D3", "2026-03-01", 1_800_000, "USD"), ("D5", "2026-02-20", 700_000, "USD"),
           ("D5", "2026-03-01", 800_000, "USD"), ("D7", "2026-02-15", 600_000, "USD"),
           ("D8", "2026-02-05", 100_000, "USD")]


@pytest.fixture(scope="module")
def changed() -> Book:
    def edit(frames: dict) -> None:
        with_history(frames)
        frames["AmountHistory"] = pd.DataFrame(AMOUNTS, columns=["deal_id", "changed", "before", "currency"])
    return rebuilt(small_book(), edit)


def amounts_on(book: Book, day: date) -> dict[str, int]:
    deals = as_it_stood(book.snapshot(), day).keyed("Deals").set_index("id")
    return {deal: int(deals.at[deal, "amount"]) for deal in ("D3", "D5", "D7", "D8")}


def test_a_deal_has_the_amount_before_its_first_change_after_the_day(changed):
    assert amounts_on(changed, DAY) == {"D3": 1_800_000, "D5": 700_000, "D7": 600_000, "D8": 300_000}
    assert amounts_on(changed, date(2026, 2, 25)) == {"D3": 1_800_000, "D5": 800_000, "D7": 400_000, "D8": 300_000}
    # on the day of a change the change has happened: 03-01 is D3's and D5's last
    assert amounts_on(changed, date(2026, 3, 1)) == {"D3": 2_000_000, "D5": 900_000, "D7": 400_000, "D8": 300_000}


def test_the_forecast_as_of_a_past_day_uses_the_amounts_of_then_by_hand(changed):
    """February as of 02-10 (test_point_in_time has the same book with today's amounts). Won:
    D3 18,000 + D5 7,000 = 25,000. Open and expected in February: D7 Proposal 6,000 (50%),
    D8 Prospect 3,000 (10%), D13 Prospect 1,000 (10%, commit), D14 Proposal 2,500 (50%, omitted).
    Weighted 25,000 + 3,000 + 300 + 100 + 1,250 = 29,650; commit 25,000 + 1,000 = 26,000 = best
    case; pipeline 25,000 + 6,000 + 3,000 + 1,000 = 35,000."""
    report = compute_report(changed, Period.parse("2026-02"), as_of=DAY)
    figures = report.to_json()["forecast"]
    assert (figures["won"], figures["weighted"], figures["commit"], figures["best_case"], figures["pipeline"]) == (
        "25000.00", "29650.00", "26000.00", "26000.00", "35000.00")
    assert report.warnings[0] == (TODAY_AMOUNTS, {"day": "2026-02-10"})


def test_the_view_leaves_out_amount_changes_after_the_day(changed):
    kept = as_it_stood(changed.snapshot(), DAY).keyed("AmountHistory")
    assert kept["deal_id"].tolist() == ["D8"]


def test_an_amount_edit_is_recorded_on_the_books_day_and_undone_with_it():
    book = small_book()  # as_of 2026-03-31
    book.clock = lambda: date(2026, 12, 7)
    deal = int(book.keyed("Deals").index[book.keyed("Deals")["id"] == "D11"][0])
    undo = book.set_value("Deals", deal, "amount", 400_000)
    rows = book["AmountHistory"]
    assert rows[["deal_id", "before"]].values.tolist() == [[deal, 333_333]]
    # the book's as_of, not the clock: an edit of a historical book corrects it as of its day
    assert rows["changed"].tolist() == [pd.Timestamp("2026-03-31")]
    assert compute_report(book).to_json()["forecast"] != compute_report(small_book()).to_json()["forecast"]
    book.apply(undo, check=False)
    assert len(book["AmountHistory"]) == 0 and book["Deals"].at[deal, "amount"] == 333_333


def test_a_currency_edit_is_recorded_and_an_unchanged_amount_is_not():
    book = small_book()
    book.replace_table("Settings", pd.DataFrame({"key": ["currency"], "value": ["USD"]}))  # no as_of: the clock
    book.clock = lambda: date(2026, 5, 4)
    deal = int(book["Deals"].index[9])
    book.set_value("Deals", deal, "amount", int(book["Deals"].at[deal, "amount"]))
    assert len(book["AmountHistory"]) == 0
    book.set_value("Deals", deal, "currency", "EUR")
    rows = book["AmountHistory"]
    assert rows["changed"].tolist() == [pd.Timestamp("2026-05-04")] and pd.isna(rows["currency"].iloc[0])
    book.delete_rows("Deals", [deal])
    assert len(book["AmountHistory"]) == 0  # a deal's history goes with it


def test_a_stage_change_is_not_an_amount_change():
    book = small_book()
    deal = int(book.keyed("Deals").index[book.keyed("Deals")["id"] == "D10"][0])
    proposal = int(book["Stages"].index[book["Stages"]["stage"] == "Proposal"][0])
    book.change_stage(deal, proposal)
    assert len(book["AmountHistory"]) == 0 and len(book["StageHistory"]) == 1


def test_only_a_deals_first_change_of_a_day_is_kept_and_a_change_back_takes_it_out():
    """A view sees a day's end: 333,333 → 400,000 → 450,000 the same day keeps one row (before
    333,333); typed back to 333,333 that day the row goes, and nothing is left to save."""
    book = small_book()
    deal = int(book.keyed("Deals").index[book.keyed("Deals")["id"] == "D11"][0])
    book.set_value("Deals", deal, "amount", 400_000)
    book.set_value("Deals", deal, "amount", 450_000)
    assert book["AmountHistory"][["deal_id", "before"]].values.tolist() == [[deal, 333_333]]
    book.set_value("Deals", deal, "amount", 333_333)
    assert len(book["AmountHistory"]) == 0
    assert not book.pending
    book.clock = lambda: date(2026, 4, 2)
    book.replace_table("Settings", pd.DataFrame({"key": ["currency"], "value": ["USD"]}))
    book.set_value("Deals", deal, "amount", 400_000)  # another day: a row of its own
    assert book["AmountHistory"]["changed"].tolist() == [pd.Timestamp("2026-04-02")]


def test_an_amount_typed_over_in_the_grid_shows_in_the_amount_history_sheet_and_goes_with_undo(qtbot, tmp_path,
                                                                                                 book):
    """Select a deal's amount, type over it: the Stage history tab's Amount history sheet shows
    the amount before; Ctrl+Z takes both back."""
    from PySide6.QtCore import Qt
    from test_grid_keys import CTRL, enter, go, press, row_of, sheet, shown, types
    from windows import open_window

    window = open_window(qtbot, tmp_path, book)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    try:
        view = sheet(window)
        d11 = row_of(window, "D11")
        before = shown(view, d11, "amount")
        go(view, d11, "amount")
        types(qtbot, window, "4000")
        enter(qtbot, window, view)
        assert shown(view, d11, "amount") == "4,000.00"
        history = sheet(window, "AmountHistory")
        assert window.tabs.currentWidget().isAncestorOf(window.sheets["StageHistory"])  # the same tab
        assert (shown(history, 0, "deal_id"), shown(history, 0, "before")) == ("D11", before)
        press(qtbot, window, Qt.Key.Key_Z, CTRL)
        assert len(window.book["AmountHistory"]) == 0 and shown(view, d11, "amount") == before
    finally:
        window.jobs.wait()


def test_an_amount_that_was_a_problem_is_not_kept_as_the_amount_before():
    """A negative amount mended is no amount of then: nothing is kept (it would be a problem of
    the Amount history sheet in turn)."""
    from planner.core.changes import SetValues
    from planner.core.schema import ROW_ID

    book = small_book()
    deal = int(book["Deals"].index[9])
    book.apply(SetValues("Deals", pd.DataFrame({"amount": pd.array([-5], dtype="Int64")},
                                               index=pd.Index([deal], name=ROW_ID))), check=False)
    book.set_value("Deals", deal, "amount", 5)
    assert len(book["AmountHistory"]) == 0 and not book.problems()
