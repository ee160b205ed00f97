"""Category forecasts per rep with managers' overrides, forecast snapshots and their accuracy,
checked against figures computed by hand on the fixture book (tests/fixtures.py, as of 2026-03-31).

Won by owner in 2026-Q1: R1 D1 7,000 + D2 5,000 = 12,000; R2 D3 20,000 + D4 16,000 = 36,000;
R3 D5 9,000 + D6 2,000 = 11,000 (the forecast counts deals by owner and ignores splits and
cancellations, like the book-wide forecast): 59,000 in all. Open deals expected in Q1: D11
R2 3,333.33 best_case, D13 R2 1,000 commit, D10 R1 pipeline, D14 R1 omitted. So R2's commit
is 37,000 and best case 40,333.33; the team's commit 60,000 and best case 63,333.33.
Won per month: 2026-01 D1 + D2 + D6 = 14,000; 2026-02 D3 + D5 = 29,000; 2026-03 D4 16,000.
"""

import json
import sqlite3
from datetime import date

import pandas as pd
import pytest

from fixtures import planner, rebuilt, row, small_book
from windows import open_window
from planner.core.changes import Batch
from planner.core.forecast_accuracy import accuracy, snapshot_change
from planner.core.forecast_overrides import FORECAST_BY_REP, category_by_rep, override_change, parse_amount
from planner.core.periods import Period
from planner.core.problems import Refused
from planner.core.report import compute_report
from planner.core.shown import shown
from planner.session import Session
from planner.storage import open_book, save_book
from planner.storage.store import SCHEMA_VERSION

Q1, Q2 = Period.parse("2026-Q1"), Period.parse("2026-Q2")
END_OF_Q1 = date(2026, 3, 31)


def rep(book, key: str) -> int:
    reps = book["Reps"]
    return int(reps.index[reps["id"] == key][0])


def snapshots(book, rows: list[tuple]) -> None:
    """Add snapshot rows (taken, period, method, amount in cents) as a user or an import would."""
    book.insert_rows("ForecastSnapshots", pd.DataFrame(rows, columns=["taken", "period", "method", "amount"]).assign(
        taken=lambda frame: pd.to_datetime(frame["taken"])))


# -- the category forecast per rep and overrides ------------------------------------------------
def test_category_forecast_per_rep_adds_up_to_the_team_forecast(book):
    by_rep = shown(book, category_by_rep(book.snapshot(), Q1), FORECAST_BY_REP).set_index("rep")
    assert by_rep["won"].to_dict() == {"R1": 1_200_000, "R2": 3_600_000, "R3": 1_100_000}
    assert by_rep["commit"].to_dict() == {"R1": 1_200_000, "R2": 3_700_000, "R3": 1_100_000}
    assert by_rep["best_case"].to_dict() == {"R1": 1_200_000, "R2": 4_033_333, "R3": 1_100_000}
    assert by_rep["commit_override"].isna().all()
    report = compute_report(book, Q1)
    assert (report.forecast["commit"], report.forecast["best_case"]) == (by_rep["commit"].sum(),
                                                                         by_rep["best_case"].sum())
    assert report.forecast_with_overrides == {"commit": 6_000_000, "best_case": 6_333_333}


def test_an_override_is_kept_beside_the_computed_number_and_the_total_uses_it(book):
    change = override_change(book, Q1, rep(book, "R2"), "commit", parse_amount(book, "$40,000"), END_OF_Q1, "Mina")
    inverse = book.apply(change)
    assert book["ForecastOverrides"][["period", "category", "amount", "by"]].values.tolist() == [
        ["2026-Q1", "commit", 4_000_000, "Mina"]]
    report = compute_report(book, Q1)
    data = report.to_json()
    r2 = next(r for r in data["forecast_by_rep"] if r["rep"] == "R2")
    assert (r2["commit"], r2["commit_override"], r2["best_case_override"]) == ("37000.00", "40000.00", None)
    assert data["forecast"]["commit"] == "60000.00"  # the computed number is never overwritten
    assert data["forecast_with_overrides"] == {"commit": "63000.00", "best_case": "63333.33"}
    # another period is not touched by it
    assert compute_report(book, Q2).forecast_with_overrides["commit"] == compute_report(book, Q2).forecast["commit"]
    # changing it sets the row in place; clearing it deletes it; undo brings the row back
    book.apply(override_change(book, Q1, rep(book, "R2"), "commit", 3_900_000, END_OF_Q1))
    assert book["ForecastOverrides"]["amount"].tolist() == [3_900_000] and len(book["ForecastOverrides"]) == 1
    assert override_change(book, Q1, rep(book, "R2"), "commit", 3_900_000, END_OF_Q1) is None  # no change
    book.apply(override_change(book, Q1, rep(book, "R2"), "commit", None, END_OF_Q1))
    assert len(book["ForecastOverrides"]) == 0
    assert override_change(book, Q1, rep(book, "R2"), "commit", None, END_OF_Q1) is None


def test_overrides_are_matched_by_period_whatever_its_spelling_and_bad_periods_are_problems(book):
    book.insert_rows("ForecastOverrides", pd.DataFrame({
        "period": ["2026 q1"], "rep": pd.array([rep(book, "R1")], dtype="Int64"),
        "category": ["best_case"], "amount": pd.array([1_500_000], dtype="Int64")}))
    assert book["ForecastOverrides"]["period"].tolist() == ["2026-Q1"]  # a period, parsed once on entry
    report = compute_report(book, Q1)
    assert report.forecast_with_overrides == {"commit": 6_000_000, "best_case": 6_333_333 - 1_200_000 + 1_500_000}
    with pytest.raises(Refused, match="Bad period 'spring'"):  # a text that is no period never enters
        book.insert_rows("ForecastOverrides", pd.DataFrame({
            "period": ["spring"], "rep": pd.array([rep(book, "R3")], dtype="Int64"), "category": ["commit"],
            "amount": pd.array([1], dtype="Int64")}))

    def spring(frames):  # a book that holds one anyway (an older file): a problem, its row left out
        frames["ForecastOverrides"].loc[0, "period"] = "spring"

    report = compute_report(rebuilt(book, spring), Q1)
    assert [(p.table, p.column, p.fields) for p in report.problems] == [
        ("ForecastOverrides", "period", {"text": "spring"})]
    assert report.forecast_with_overrides["best_case"] == 6_333_333 and report.left_out.sections["forecast"] == 1


def test_an_override_below_what_the_rep_has_already_won_is_refused(book):
    from planner.core.errors import PlannerError

    for category in ("commit", "best_case"):  # R2 has won 36,000 in Q1
        with pytest.raises(PlannerError, match="R2 has already won 36,000.00 USD in 2026-Q1"):
            override_change(book, Q1, rep(book, "R2"), category, 1_234_500, END_OF_Q1)
    book.apply(override_change(book, Q1, rep(book, "R2"), "commit", 3_600_000, END_OF_Q1))  # exactly won: fine
    assert len(book["ForecastOverrides"]) == 1
    assert override_change(book, Q2, rep(book, "R2"), "commit", 100, END_OF_Q1) is not None  # nothing won in Q2


def test_a_typed_override_that_is_not_an_amount_is_refused(book):
    with pytest.raises(Refused, match="lots"):
        parse_amount(book, "lots")
    assert parse_amount(book, "  ") is None
    for text in ("1,2,3", "12.345", "1.234,56", "€5,000"):  # never read as another amount
        with pytest.raises(Refused):
            parse_amount(book, text)
    assert parse_amount(book, "$12,500.50") == 1_250_050


# -- snapshots ------------------------------------------------------------------------------------
def test_a_snapshot_saves_one_row_per_method_as_one_undoable_change(book):
    """Q2 as of 2026-03-31: D12 5,000 commit @80% expected 04-15 -> weighted 4,000, commit = best
    case = pipeline 5,000; historical = Jan–Mar won 59,000 / 3 × 3 months; cycle length: the
    average won cycle is 278 / 6 days, D12 is 21 days old: 5,000 × min(21 × 6, 278) / 278 = 2,266.19."""
    inverse = book.apply(snapshot_change(book, Q2))
    saved = book["ForecastSnapshots"]
    assert dict(zip(saved["method"], saved["amount"])) == {
        "weighted": 400_000, "commit": 500_000, "best_case": 500_000, "pipeline": 500_000,
        "historical": 5_900_000, "cycle_length": 226_619}
    assert set(saved["period"]) == {"2026-Q2"} and set(saved["taken"]) == {pd.Timestamp(END_OF_Q1)}
    book.apply(inverse, check=False)
    assert len(book["ForecastSnapshots"]) == 0


def test_overridden_totals_are_saved_beside_the_computed_ones(book):
    book.apply(override_change(book, Q1, rep(book, "R2"), "commit", 4_000_000, END_OF_Q1))
    book.apply(snapshot_change(book, Q1))
    saved = dict(zip(book["ForecastSnapshots"]["method"], book["ForecastSnapshots"]["amount"]))
    assert (saved["commit"], saved["commit_override"]) == (6_000_000, 6_300_000)
    assert saved["best_case_override"] == saved["best_case"] == 6_333_333


def test_taking_a_snapshot_again_the_same_day_replaces_it(book):
    book.apply(snapshot_change(book, Q2))
    first = book["ForecastSnapshots"].index
    book.set_value("Deals", row(book, "Deals", 10), "forecast_category", "best_case")  # D12 leaves commit
    change = snapshot_change(book, Q2)
    assert isinstance(change, Batch)
    book.apply(change)
    saved = book["ForecastSnapshots"]
    assert len(saved) == 6 and not saved.index.isin(first).any()
    assert dict(zip(saved["method"], saved["amount"]))["commit"] == 0
    book.apply(snapshot_change(book, Q2, as_of=date(2026, 4, 7)))  # another day: kept beside
    assert len(book["ForecastSnapshots"]) == 12


def test_a_snapshot_dated_before_the_books_latest_activity_is_refused(book):
    """D4 closed on 2026-03-15: a Q1 snapshot dated 03-01 would count it as won, forecast =
    actual, and rank itself 100% accurate."""
    from planner.core.errors import PlannerError

    with pytest.raises(PlannerError, match="after 2026-03-01 .*hindsight"):
        snapshot_change(book, Q1, as_of=date(2026, 3, 1))
    book.apply(snapshot_change(book, Q1, as_of=date(2026, 3, 15)))  # the day of the latest activity is fine
    # a stage entered later counts as activity too
    book.insert_rows("StageHistory", pd.DataFrame({"deal_id": pd.array([row(book, "Deals", 10)], dtype="Int64"),
                                                   "stage": pd.array([book["Deals"]["stage"].iloc[10]], dtype="Int64"),
                                                   "entered": [pd.Timestamp("2026-03-20")]}))
    with pytest.raises(PlannerError, match="2026-03-20"):
        snapshot_change(book, Q1, as_of=date(2026, 3, 15))


def test_a_book_with_problems_snapshots_its_figures_without_the_problem_rows(book):
    """As every figure does (decisions.md): the deal with a problem is left out."""
    deal = row(book, "Deals", 0)
    book.set_value("Deals", deal, "closed", None)  # a won deal without its closed date
    book.apply(snapshot_change(book, Q2))
    clean = small_book()
    clean.delete_rows("Deals", [row(clean, "Deals", 0)])
    clean.apply(snapshot_change(clean, Q2))
    columns = ["taken", "period", "method", "amount"]
    assert book["ForecastSnapshots"][columns].reset_index(drop=True).equals(
        clean["ForecastSnapshots"][columns].reset_index(drop=True))


# -- accuracy ------------------------------------------------------------------------------------
@pytest.fixture
def judged(book):
    snapshots(book, [
        # 2026-02, actual 29,000: weighted 26,100 (90%) superseded by 27,550 (95%), then a
        # snapshot after the month ended that is no forecast; commit 34,800 (80%); historical
        # 33,350 (85%)
        ("2026-01-10", "2026-02", "weighted", 2_610_000), ("2026-01-25", "2026-02", "weighted", 2_755_000),
        ("2026-03-05", "2026-02", "weighted", 2_900_000),
        ("2026-01-25", "2026-02", "commit", 3_480_000), ("2026-01-25", "2026-02", "historical", 3_335_000),
        # 2026-01, actual 14,000: weighted 11,200 (80%), commit 14,000 (100%)
        ("2025-12-20", "2026-01", "weighted", 1_120_000), ("2025-12-20", "2026-01", "commit", 1_400_000),
        # 2025-12, nothing won: accuracy undefined
        ("2025-11-30", "2025-12", "weighted", 100_000),
        # still running on the book's as_of 2026-03-31 (they end on 04-01)
        ("2026-01-02", "2026-Q1", "commit", 6_000_000), ("2026-03-01", "2026-03", "commit", 1_600_000),
    ])
    return book


def test_accuracy_per_closed_period_and_method(judged):
    frame, per_method = accuracy(judged.snapshot(), END_OF_Q1)
    rows = {(r.period, r.method): r for r in frame.itertuples()}
    assert list(dict.fromkeys(frame["period"])) == ["2026-02", "2026-01", "2025-12"]  # recent first, open ones left out
    feb = {method: rows[("2026-02", method)] for method in ("weighted", "commit", "historical")}
    assert feb["weighted"].forecast == 2_755_000 and feb["weighted"].taken == pd.Timestamp("2026-01-25")
    assert {m: r.actual for m, r in feb.items()} == dict.fromkeys(feb, 2_900_000)
    assert {m: r.accuracy for m, r in feb.items()} == {"weighted": 0.95, "commit": 0.8, "historical": 0.85}
    assert {m: r.rank for m, r in feb.items()} == {"weighted": 1, "commit": 3, "historical": 2}
    assert (rows[("2026-01", "weighted")].accuracy, rows[("2026-01", "commit")].accuracy) == (0.8, 1.0)
    december = rows[("2025-12", "weighted")]
    assert (december.actual, pd.isna(december.accuracy), pd.isna(december.rank)) == (0, True, True)
    assert december.note.startswith("nothing was won")
    # commit (80% + 100%) / 2 = 90% beats weighted (95% + 80%) / 2 = 87.5%; each was best once
    assert per_method.values.tolist() == [["commit", 2, 0.9, 1], ["weighted", 2, 0.875, 1],
                                          ["historical", 1, 0.85, 0]]


def test_a_period_is_judged_from_the_day_after_it_ends(judged):
    periods = set(accuracy(judged.snapshot(), date(2026, 4, 1))[0]["period"])
    assert {"2026-03", "2026-Q1"} <= periods
    q1 = accuracy(judged.snapshot(), date(2026, 4, 1))[0].set_index(["period", "method"]).loc[("2026-Q1", "commit")]
    assert q1["accuracy"] == pytest.approx(1 - 100_000 / 5_900_000) and q1["actual"] == 5_900_000


def test_a_forecast_twice_the_actual_scores_zero_and_worse_is_negative(book):
    snapshots(book, [("2026-01-01", "2026-03", "pipeline", 3_200_000), ("2026-01-01", "2026-03", "weighted", 4_800_000)])
    frame = accuracy(book.snapshot(), date(2026, 4, 1))[0].set_index("method")
    assert (frame.loc["pipeline", "accuracy"], frame.loc["weighted", "accuracy"]) == (0.0, -1.0)


def test_the_report_json_has_the_accuracy(judged):
    data = json.loads(json.dumps(compute_report(judged, Q1).to_json()))
    first = data["forecast_accuracy"][0]
    assert first == {"period": "2026-02", "method": "weighted", "taken": "2026-01-25", "forecast": "27550.00",
                     "actual": "29000.00", "accuracy": 0.95, "rank": 1, "note": None}
    assert data["forecast_method_accuracy"][0] == {"method": "commit", "periods": 2, "average": 0.9, "best": 1}


# -- storage -----------------------------------------------------------------------------------
def test_overrides_and_snapshots_survive_saving_and_reopening(judged, tmp_path):
    judged.apply(override_change(judged, Q1, rep(judged, "R2"), "commit", 4_000_000, END_OF_Q1, "Mina"))
    path = tmp_path / "book.planner"
    save_book(judged, path)
    reopened = open_book(path)
    for table in ("ForecastOverrides", "ForecastSnapshots"):
        pd.testing.assert_frame_equal(reopened[table], judged[table])
    assert compute_report(reopened, Q1).to_json() == compute_report(judged, Q1).to_json()


def test_a_format_2_book_opens_and_gains_the_forecast_tables(book, tmp_path):
    path = tmp_path / "old.planner"
    save_book(book, path)
    with sqlite3.connect(path) as db:  # what a format-2 book holds: no forecast tables
        db.execute('DROP TABLE "ForecastOverrides"')
        db.execute('DROP TABLE "ForecastSnapshots"')
        db.execute("UPDATE planner_meta SET value = '2' WHERE key = 'schema_version'")
    old = open_book(path)
    assert len(old["ForecastSnapshots"]) == 0 and old.problems() == []
    with Session.open(path) as session:
        session.apply(snapshot_change(session.book, Q2), "Save forecast snapshot")
        session.save()
    with sqlite3.connect(path) as db:
        assert dict(db.execute("SELECT key, value FROM planner_meta"))["schema_version"] == str(SCHEMA_VERSION)
    assert len(open_book(path)["ForecastSnapshots"]) == 6


# -- the command line ---------------------------------------------------------------------------
def test_the_command_line_saves_snapshots_and_prints_accuracy(book, tmp_path):
    path = tmp_path / "book.planner"
    save_book(book, path)
    # the book records D4 closed on 2026-03-15: a snapshot dated earlier would use hindsight
    early = planner("forecast", "snapshot", path, "--period", "2026-03", "--as-of", "2026-03-01", check=False)
    assert early.returncode == 1 and early.stderr.count("\n") == 1 and "hindsight" in early.stderr
    out = planner("forecast", "snapshot", path, "--period", "2026-03", "--as-of", "2026-03-20").stdout
    # the book holds what is known now: D4 16,000 won in March + D13 1,000 committed
    assert "2026-03" in out and "commit 17,000.00" in out
    planner("forecast", "snapshot", path, "--period", "2026-03", "--as-of", "2026-03-20")  # replaced, not added
    assert len(open_book(path)["ForecastSnapshots"]) == 6
    data = json.loads(planner("forecast", "accuracy", path, "--json").stdout)
    assert data["forecast_accuracy"] == []  # as of the book's 2026-03-31, March has not ended
    data = json.loads(planner("forecast", "accuracy", path, "--json", "--as-of", "2026-04-01").stdout)
    commit = next(r for r in data["forecast_accuracy"] if r["method"] == "commit")
    assert (commit["period"], commit["taken"], commit["actual"]) == ("2026-03", "2026-03-20", "16000.00")
    text = planner("forecast", "accuracy", path, "--as-of", "2026-04-01").stdout
    assert "2026-03" in text and "By method" in text
    bad = planner("forecast", "snapshot", path, "--period", "spring", check=False)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "spring" in bad.stderr


# -- the app -----------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, tmp_path, judged):
    shown = open_window(qtbot, tmp_path, judged, saved=False)
    shown.tabs.setCurrentWidget(shown.forecast_panel)
    yield shown
    shown.jobs.wait()


def test_the_forecast_tab_shows_the_period_and_the_accuracy(window):
    panel = window.forecast_panel
    assert window.report.period == Q1
    assert panel._values["commit"].text() == "60,000.00 USD" and panel._values["commit_override"].text() == \
        "60,000.00 USD"
    assert panel.accuracy_model.rowCount() == 6 and panel.methods_model.rowCount() == 3
    from PySide6.QtCore import Qt

    best = [panel.accuracy_model.index(r, 1).data() for r in range(6)
            if panel.accuracy_model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None]
    assert best == ["Stage-weighted", "Commit"]  # February's and January's best methods are highlighted


def test_typing_an_override_is_one_undo_step_and_the_total_follows(qtbot, window):
    panel, model = window.forecast_panel, window.forecast_panel.by_rep_model
    r2 = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "R2")
    column = list(model.frame.columns).index("commit_override")
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        assert model.setData(model.index(r2, column), "40,000")
    assert window.undo_stack.count() == 1 and len(window.book["ForecastOverrides"]) == 1
    assert model.index(r2, column).data() == "40,000.00"
    assert model.index(r2, list(model.frame.columns).index("commit")).data() == "37,000.00"  # kept beside
    assert panel._values["commit_override"].text() == "63,000.00 USD"
    messages = []
    panel.status.connect(messages.append)
    assert not model.setData(model.index(r2, column), "lots") and "lots" in messages[-1]
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        window.undo_stack.undo()
    assert len(window.book["ForecastOverrides"]) == 0 and panel._values["commit_override"].text() == "60,000.00 USD"


def test_the_snapshot_button_saves_the_forecast_as_one_undo_step(qtbot, window):
    before = len(window.book["ForecastSnapshots"])
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        window.forecast_panel.snapshot_button.click()
    saved = window.book["ForecastSnapshots"].iloc[before:]
    assert list(saved["method"]) == ["weighted", "commit", "best_case", "pipeline", "historical", "cycle_length"]
    assert set(saved["period"]) == {"2026-Q1"} and window.undo_stack.count() == 1
    assert "2026-Q1" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    assert len(window.book["ForecastSnapshots"]) == before


def test_an_override_typed_into_the_cell_editor_reaches_the_book(qtbot, window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    view, model = window.forecast_panel.by_rep_view, window.forecast_panel.by_rep_model
    r1 = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "R1")
    index = model.index(r1, list(model.frame.columns).index("best_case_override"))
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(r1, list(model.frame.columns).index("best_case"))) & Qt.ItemFlag.ItemIsEditable
    view.edit(index)
    editor = view.findChildren(QLineEdit)[0]
    editor.setText("15,000")
    with qtbot.waitSignal(window.report_ready, timeout=60_000):
        view.commitData(editor)
        view.closeEditor(editor, view.itemDelegate().EndEditHint.NoHint)
    assert window.book.keyed("ForecastOverrides")[["rep", "category", "amount"]].values.tolist() == [
        ["R1", "best_case", 1_500_000]]
    assert window.forecast_panel._values["best_case_override"].text() == "66,333.33 USD"  # 63,333.33 − 12,000 + 15,000


def test_exported_overrides_and_snapshots_merge_into_another_book_by_their_keys(judged, tmp_path):
    from fixtures import small_book

    judged.apply(override_change(judged, Q1, rep(judged, "R2"), "commit", 4_000_000, END_OF_Q1, "Mina"))
    source, workbook, target = tmp_path / "source.planner", tmp_path / "source.xlsx", tmp_path / "target.planner"
    save_book(judged, source)
    save_book(small_book(), target)
    planner("export", source, "--out", workbook)
    planner("import", workbook, "--into", target, "--yes")
    merged = open_book(target)
    for table in ("ForecastOverrides", "ForecastSnapshots"):
        pd.testing.assert_frame_equal(merged.keyed(table).reset_index(drop=True),
                                      judged.keyed(table).reset_index(drop=True))
    planner("import", workbook, "--into", target, "--yes")  # again: every row is matched, nothing added
    assert len(open_book(target)["ForecastSnapshots"]) == len(judged["ForecastSnapshots"])
