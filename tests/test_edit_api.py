"""The living book: row ids, references by id, the one edit API with its inverses and events,
snapshots and the facts cached per revision."""

import pickle
import re
from datetime import date

import pandas as pd
import pytest

from fixtures import rebuilt, row
from planner.core import schema
from planner.core.book import Book
from planner.core.changes import Changed
from planner.core.periods import Period
from planner.core.problems import Refused
from planner.core.report import compute_report


def frames_equal(a, b):
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_rows_have_ids_that_survive_inserts_and_deletes(book):
    deals = book["Deals"]
    d2, d3 = deals.index[1], deals.index[2]
    inverse = book.insert_rows("Deals", deals.loc[[d2]].assign(id="NEW"), at=2)
    new = int(inverse.ids[0])
    assert book["Deals"]["id"].tolist()[:4] == ["D1", "D2", "NEW", "D3"]
    assert new not in deals.index and book["Deals"].index[3] == d3  # others keep their ids
    book.delete_rows("Deals", [d2])
    assert book["Deals"].loc[new, "id"] == "NEW" and book["Deals"].loc[d3, "id"] == "D3"


def test_a_name_and_an_id_for_the_same_rep_count_once(book):
    quotas = book.keyed("Quotas").reset_index(drop=True)
    quotas.loc[len(quotas)] = ["김민지", None, "2026-01", 1_000_000]  # R1 by name: the same quota again
    book = rebuilt(book, lambda frames: frames.__setitem__("Quotas", quotas))
    r1 = book["Reps"].index[book["Reps"]["id"] == "R1"][0]
    assert (book["Quotas"]["rep"] == r1).sum() == 4  # both resolved to R1's row id
    assert [str(p) for p in book.problems()] == ["Quotas row 9, column rep, team, period: duplicate of an earlier row"]


def test_an_ambiguous_name_is_a_problem_naming_both(book):
    def edit(frames):
        frames["Reps"].loc[2, "name"] = "김민지"  # R3 now shares R1's name
        frames["Deals"].loc[0, "owner"] = "김민지"
    book = rebuilt(book, edit)
    assert "Deals D1, column owner: '김민지' could be any of R1, R3: use the id" in [str(p) for p in book.problems()]
    assert book.unresolved("Deals", "owner") == {row(book, "Deals", 0): "김민지"}  # kept, not lost
    with pytest.raises(Refused, match="could be any of R1, R3"):
        book.set_typed("Deals", pd.DataFrame({"owner": ["김민지"]}, index=[row(book, "Deals", 1)]))


def test_typed_values_are_parsed_and_every_bad_cell_refused_with_nothing_changed(book):
    d1, d2 = row(book, "Deals", 0), row(book, "Deals", 1)
    before, revision = {name: book[name] for name in schema.TABLES}, book.revision
    typed = pd.DataFrame({"amount": ["1,234.50", "abc"], "created": ["2026-02-30", "2026.3.5"],
                          "owner": ["Nobody", "R2"]}, index=[d1, d2])
    with pytest.raises(Refused) as refused:
        book.set_typed("Deals", typed)
    assert [str(p) for p in refused.value.problems] == [
        "Deals D2, column amount: 'abc' is not an amount (expected a number such as 1,234.50)",
        "Deals D1, column created: '2026-02-30' is not a date (expected a day such as 2026-03-05)",
        "Deals D1, column owner: 'Nobody' is not a rep of the Reps sheet"]
    assert book.revision == revision
    for name, frame in before.items():
        pd.testing.assert_frame_equal(book[name], frame)
    book.set_typed("Deals", pd.DataFrame({"amount": ["$1,234.50"], "created": ["2026년 3월 5일"],
                                          "owner": ["佐藤 健"]}, index=[d1]))
    assert book.keyed("Deals").loc[d1, ["amount", "created", "owner"]].tolist() == [
        123_450, pd.Timestamp("2026-03-05"), "R2"]


@pytest.mark.parametrize("column, value, message", [
    ("amount", -1, "-0.01 is out of range (expected 0.00 to"),
    ("amount", 10**16, "is out of range"),
    ("amount", None, "a value is required"),
    ("deal_type", "upgrade", "'upgrade' is not one of new, renewal, upsell"),
    ("owner", 10**9, "'#1000000000' is not a rep of the Reps sheet"),
    ("amount", 10**20, "is not a number"),
])
def test_values_that_do_not_fit_are_refused(book, column, value, message):
    with pytest.raises(Refused, match=re.escape(message)):
        book.set_value("Deals", row(book, "Deals", 0), column, value)
    assert not book.pending


def test_probability_outside_zero_to_one_is_refused(book):
    with pytest.raises(Refused, match=r"Stages Prospect, column probability: 150% is out of range \(expected 0% to 100%\)"):
        book.set_value("Stages", row(book, "Stages", 0), "probability", 1_500_000)


def test_every_change_returns_its_inverse_and_undo_restores_exactly(book):
    original = {name: book[name] for name in schema.TABLES}
    d1 = row(book, "Deals", 0)
    undo = [book.set_value("Deals", d1, "amount", 1),
            book.insert_rows("Reps", book["Reps"].iloc[[0]].assign(id="R9", name="New"), at=1),
            book.delete_rows("Deals", [row(book, "Deals", 4)]),  # D5, with its two split rows
            book.replace_table("Quotas", pd.DataFrame({"rep": ["R1"], "period": ["2026"], "amount": [5]}))]
    assert len(book["Splits"]) == 0
    for inverse in reversed(undo):
        book.apply(inverse, check=False)
    for name, frame in original.items():
        pd.testing.assert_frame_equal(book[name], frame)
        assert (book.positions(name) == range(1, len(frame) + 1)).all()


def test_a_stage_change_appends_its_history_and_closes_a_won_deal(book):
    d10 = book["Deals"].index[book["Deals"]["id"] == "D10"][0]
    won = book["Stages"].index[book["Stages"]["stage"] == "Won"][0]
    history = len(book["StageHistory"])
    inverse = book.change_stage(d10, won, on=date(2026, 3, 20))
    deal = book.keyed("Deals").loc[d10]
    assert (deal["stage"], deal["closed"]) == ("Won", pd.Timestamp("2026-03-20"))
    added = book.keyed("StageHistory").iloc[-1]
    assert len(book["StageHistory"]) == history + 1
    assert added[["deal_id", "stage", "entered", "expected_close"]].tolist() == [
        "D10", "Won", pd.Timestamp("2026-03-20"), pd.Timestamp("2026-03-20")]
    book.apply(inverse, check=False)
    assert len(book["StageHistory"]) == history and pd.isna(book["Deals"].loc[d10, "closed"])


def test_moving_the_expected_close_is_recorded_for_slip_detection(book):
    book.clock = lambda: date(2026, 3, 1)
    d11 = book["Deals"].index[book["Deals"]["id"] == "D11"][0]
    book.set_value("Deals", d11, "expected_close", pd.Timestamp("2026-05-31"))
    added = book.keyed("StageHistory").iloc[-1]
    assert added[["deal_id", "stage", "entered", "expected_close"]].tolist() == [
        "D11", "Proposal", pd.Timestamp("2026-03-01"), pd.Timestamp("2026-05-31")]


@pytest.mark.parametrize("order", [
    ("stage", "created", "closed"), ("created", "closed", "stage"), ("closed", "stage", "created"),
])
def test_a_deal_typed_by_hand_has_its_history_on_its_own_dates(book, order):
    """Issue 14 item 7: a deal typed with created and closed dates months ago is entered on
    them, in whatever order the cells are typed, never all "today"."""
    book.clock = lambda: date(2026, 12, 6)
    new = int(book.insert_rows("Deals", pd.DataFrame({"id": ["D99"]})).ids[0])
    typed = {"stage": "Won", "created": "2025-10-01", "closed": "2025-12-01"}
    book.set_typed("Deals", pd.DataFrame({"owner": ["R1"], "amount": ["1,000"]}, index=[new]))
    for column in order:
        book.set_typed("Deals", pd.DataFrame({column: [typed[column]]}, index=[new]))
    rows = book.keyed("StageHistory")
    rows = rows[rows["deal_id"] == "D99"]
    assert rows[["stage", "entered"]].values.tolist() == [["Won", pd.Timestamp("2025-12-01")]]
    assert book["Deals"].loc[new, "closed"] == pd.Timestamp("2025-12-01")


def test_an_open_deal_typed_by_hand_enters_its_first_stage_on_its_created_date(book):
    book.clock = lambda: date(2026, 12, 6)
    new = int(book.insert_rows("Deals", pd.DataFrame({"id": ["D99"]})).ids[0])
    book.set_typed("Deals", pd.DataFrame({"owner": ["R1"], "stage": ["Prospect"]}, index=[new]))
    book.set_typed("Deals", pd.DataFrame({"created": ["2026-08-03"]}, index=[new]))
    # later the deal is won, its closed date typed afterwards: the won row follows it
    book.set_typed("Deals", pd.DataFrame({"stage": ["Won"]}, index=[new]))
    book.set_typed("Deals", pd.DataFrame({"closed": ["2026-11-20"]}, index=[new]))
    rows = book.keyed("StageHistory")
    rows = rows[rows["deal_id"] == "D99"]
    assert rows[["stage", "entered"]].values.tolist() == [
        ["Prospect", pd.Timestamp("2026-08-03")], ["Won", pd.Timestamp("2026-11-20")]]
    # a created date after the next row would put the history out of order: the row stays
    book.set_typed("Deals", pd.DataFrame({"created": ["2026-11-25"]}, index=[new]))
    assert book["StageHistory"].loc[rows.index[0], "entered"] == pd.Timestamp("2026-08-03")


def test_changes_emit_events_with_row_ids_and_revisions(book):
    events: list[Changed] = []
    unsubscribe = book.subscribe(events.append)
    d1, d5 = row(book, "Deals", 0), row(book, "Deals", 4)
    book.set_value("Deals", d1, "amount", 5)
    book.delete_rows("Deals", [d5])
    unsubscribe()
    book.set_value("Deals", d1, "amount", 6)
    assert [(e.table, e.kind, e.columns) for e in events] == [
        ("Deals", "values", ("amount",)), ("AmountHistory", "insert", ()),  # the amount before (issue 19)
        ("Splits", "delete", ()), ("Deals", "delete", ())]
    assert list(events[0].rows) == [d1] and len(events[2].rows) == 2 and len(book["Splits"]) == 0
    assert [e.revision for e in events] == [1, 1, 2, 2]


def test_snapshots_are_frozen_and_shared_by_revision(book):
    snapshot = book.snapshot()
    assert book.snapshot() is snapshot
    d1 = row(book, "Deals", 0)
    before = snapshot["Deals"].loc[d1, "amount"]
    book.set_value("Deals", d1, "amount", 1)
    assert snapshot["Deals"].loc[d1, "amount"] == before and book.snapshot() is not snapshot
    copy = snapshot["Deals"]
    copy.loc[d1, "amount"] = 2  # a reader's copy never writes through
    assert snapshot["Deals"].loc[d1, "amount"] == before


def test_facts_are_built_once_per_revision_and_reused_across_periods(book):
    import planner.core.facts as facts

    snapshot = book.snapshot()
    compute_report(snapshot, Period.parse("2026-Q1"))
    cached = snapshot._cache.as_dict()
    compute_report(snapshot, Period.parse("2026-01"))
    assert snapshot._cache.as_dict()["deal_facts"] is cached["deal_facts"]
    assert snapshot._cache.as_dict()["credit_lines"] is cached["credit_lines"]
    assert facts.deal_facts(snapshot) is cached["deal_facts"]
    book.set_value("Deals", row(book, "Deals", 0), "amount", 1)  # a new revision builds them anew
    assert facts.deal_facts(book.snapshot()) is not cached["deal_facts"]


def test_a_book_travels_to_another_process_intact(book):
    copy = pickle.loads(pickle.dumps(book))
    frames_equal(book, copy)
    copy.set_value("Deals", row(copy, "Deals", 0), "amount", 3)  # a working book again


def test_a_quota_names_a_rep_or_a_team(book):
    quotas = book.keyed("Quotas")
    assert quotas[quotas["team"].notna()][["rep", "team"]].values.tolist() == [[pd.NA, "Seoul"]]
    with pytest.raises(Refused, match="is not a rep"):
        book.set_typed("Quotas", pd.DataFrame({"rep": ["Busan"]}, index=[row(book, "Quotas", 0)]))
    q = row(book, "Quotas", 0)
    book.set_typed("Quotas", pd.DataFrame({"team": ["Tokyo"]}, index=[q]))  # a team, by its name
    assert "Quotas row 1, column Team: a quota is for a rep or for a team, not both" in [
        p.translated(lambda _c, t: t, by_key=False) for p in book.problems()]


def test_an_empty_book_has_every_table(book):
    empty = Book()
    assert all(len(empty[name]) == 0 for name in schema.TABLES) and empty.problems() == []


def test_an_amount_in_another_currency_is_refused(book):
    with pytest.raises(Refused, match="'₩1,000' is an amount in KRW; amounts here are in USD"):
        book.set_typed("Deals", pd.DataFrame({"amount": ["₩1,000"]}, index=[row(book, "Deals", 0)]))
