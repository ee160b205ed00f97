"""Changes as values: what-ifs computed on snapshots without touching the book, provisional row
ids until a change is applied, a stable JSON form of every change, and events that say where a
change came from (issue 15)."""

import json
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures import row
from planner.core import schema
from planner.core.book import Book, Snapshot
from planner.core.changes import (
    Batch, DeleteRows, InsertRows, ReplaceTable, SetValues, atoms, change_from_json,
)
from planner.core.errors import PlannerError
from planner.core.leads import convert_leads
from planner.core.periods import Period
from planner.core.problems import Refused
from planner.core.report import compute_report
from planner.core.schema import ROW_ID


def frames_of(tables) -> dict[str, pd.DataFrame]:
    return {name: tables[name] for name in schema.TABLES}


def assert_same_frames(a: dict, b: dict) -> None:
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(a[name], b[name])


def ids(values, name=ROW_ID) -> pd.Index:
    return pd.Index(values, dtype="int64", name=name)


def an_amount(book, deal_row: int, amount: int) -> SetValues:
    return SetValues("Deals", pd.DataFrame({"amount": pd.array([amount], dtype="Int64")}, index=ids([deal_row])))


def every_id(tables) -> np.ndarray:
    return np.concatenate([tables[name].index.to_numpy() for name in schema.TABLES])


# -- what-ifs: Tables.applied is pure --------------------------------------------------------

def test_applied_gives_a_new_snapshot_and_leaves_the_book_and_the_snapshot_alone(book):
    snapshot, before = book.snapshot(), frames_of(book)
    d1, d5 = row(book, "Deals", 0), row(book, "Deals", 4)
    change = Batch((an_amount(book, d1, 1), book.deletion("Deals", [d5]),
                    book.insertion("Reps", pd.DataFrame({"id": ["R9"], "name": ["New"]}), at=0)))
    after = snapshot.applied(change)
    assert isinstance(after, Snapshot) and after.revision == snapshot.revision + 1
    assert after["Deals"].loc[d1, "amount"] == 1 and d5 not in after["Deals"].index
    assert len(after["Splits"]) == 0 and after["Reps"]["id"].tolist() == ["R9", "R1", "R2", "R3"]
    # nothing else moved: the book, its snapshot, its revision, what it would save
    assert_same_frames(frames_of(book), before)
    assert_same_frames(frames_of(snapshot), before)
    assert book.revision == 0 and not book.pending and book.snapshot() is snapshot
    # a what-if of a what-if
    assert snapshot.applied(change).applied(an_amount(book, d1, 2))["Deals"].loc[d1, "amount"] == 2


def test_a_what_if_computed_in_a_worker_gives_the_figures_applying_it_gives(book):
    """A quota scenario: every quota doubled, its figures computed off the GUI thread on a
    snapshot; the live book is untouched until the scenario is applied as one step."""
    quotas = book["Quotas"]
    scenario = SetValues("Quotas", pd.DataFrame({"amount": (quotas["amount"] * 2).astype("Int64")}))
    period = Period.parse("2026-Q1")
    snapshot = book.snapshot()
    with ThreadPoolExecutor(1) as pool:
        what_if = pool.submit(lambda: compute_report(snapshot.applied(book.planned(scenario)), period)).result()
    assert book.revision == 0 and not book.pending
    unchanged = compute_report(book, period).to_json()
    assert what_if.to_json()["attainment"] != unchanged["attainment"]
    book.apply(scenario)
    assert compute_report(book, period).to_json() == what_if.to_json()


def test_planning_never_changes_the_book_even_where_rows_must_be_renumbered():
    """Inserting again and again at one place exhausts the room between two positions; the
    plan must not renumber the book's rows (it did, before it was applied)."""
    book = Book({"Settings": pd.DataFrame({"key": ["a", "b"], "value": ["1", "2"]})})
    def room(positions) -> bool:
        return positions[0] < (positions[0] + positions[1]) / 2 < positions[1]

    n = 0
    while room(book.positions("Settings")):  # each insert halves the gap after the first row
        book.insert_rows("Settings", pd.DataFrame({"key": [f"k{n}"], "value": ["x"]}), at=1)
        n += 1
    positions, pending = book.positions("Settings"), book.pending.of("Settings").updated
    plan = book.insertion("Settings", pd.DataFrame({"key": ["last"], "value": ["y"]}), at=1)
    assert (book.positions("Settings") == positions).all() and book.pending.of("Settings").updated == pending
    book.apply(plan)
    keys = book["Settings"]["key"].tolist()
    assert keys[:3] == ["a", "last", f"k{n - 1}"] and keys[-1] == "b" and len(keys) == n + 3
    assert book.pending.of("Settings").inserted >= set(book["Settings"].index[1:-1])
    assert (np.diff(book.positions("Settings")) > 0).all()  # renumbered when applied, in order


def test_a_readers_frame_never_writes_through_to_a_snapshot(book):
    """Snapshots share frames with the book and with each other: pandas' copy-on-write keeps a
    chained assignment on a reader's frame from showing through (pandas 2 needs it switched on,
    which importing planner does; pandas 3 always has it)."""
    assert int(pd.__version__.split(".")[0]) >= 3 or pd.options.mode.copy_on_write
    snapshot, d1 = book.snapshot(), row(book, "Deals", 0)
    before = snapshot["Deals"].loc[d1, "amount"]
    frame = snapshot["Deals"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas warns that this sets a copy: the point
        frame["amount"].iloc[0] = 1
    what_if = snapshot.applied(an_amount(book, d1, 2))
    what_if_frame = what_if["Deals"]
    what_if_frame.loc[d1, "amount"] = 3
    assert snapshot["Deals"].loc[d1, "amount"] == before == book["Deals"].loc[d1, "amount"]
    assert what_if["Deals"].loc[d1, "amount"] == 2


# -- planning never consumes row ids ---------------------------------------------------------

def test_planning_a_change_many_times_consumes_no_row_id(book):
    probe = book.copy()
    expected = int(probe.insert_rows("Deals", book["Deals"].iloc[[0]].assign(id="NEW")).ids[0])
    d10 = book["Deals"].index[book["Deals"]["id"] == "D10"][0]
    won = book["Stages"].index[book["Stages"]["stage"] == "Won"][0]
    stage = SetValues("Deals", pd.DataFrame({"stage": pd.array([won], dtype="Int64")}, index=ids([d10])))
    for _ in range(5):
        plans = [book.insertion("Deals", book["Deals"].iloc[[0]].assign(id="NEW")),
                 book.replacement("Quotas", pd.DataFrame({"rep": ["R1"], "period": ["2026"], "amount": [5]})),
                 book.planned(stage)]  # the stage change brings a StageHistory row
        new_rows = [atom.rows.index if isinstance(atom, InsertRows) else atom.frame.index
                    for plan in plans for atom in atoms(plan) if isinstance(atom, (InsertRows, ReplaceTable))]
        assert all(len(rows) and (rows < 0).all() for rows in new_rows)  # provisional ids
    assert int(book.insert_rows("Deals", book["Deals"].iloc[[0]].assign(id="NEW")).ids[0]) == expected


def test_applying_a_planned_change_gives_its_rows_real_ids_and_rewrites_references_to_them(book):
    highest = int(every_id(book).max())
    r1, d10 = row(book, "Reps", 0), row(book, "Deals", 8)
    reps = book.insertion("Reps", pd.DataFrame({"id": ["R9"], "name": ["New"]}))
    [rep] = reps.rows.index
    won = book["Stages"].index[book["Stages"]["stage"] == "Won"][0]
    deals = book.insertion("Deals", pd.DataFrame({  # owned by the rep the same change adds
        "id": ["D98", "D99"], "owner": pd.array([rep, rep], dtype="Int64"), "stage": pd.array([won, won], dtype="Int64"),
        "amount": pd.array([10, 20], dtype="Int64"), "created": pd.to_datetime(["2026-01-05", "2026-01-06"]),
        "closed": pd.to_datetime(["2026-02-05", "2026-02-06"])}))
    split = book.insertion("Splits", pd.DataFrame({"deal_id": pd.array(deals.rows.index[:1], dtype="Int64"),
                                                   "rep": pd.array([rep], dtype="Int64"), "share": [1_000_000]}))
    managed = SetValues("Reps", pd.DataFrame({"manager": pd.array([rep], dtype="Int64")}, index=ids([r1])))
    stage = SetValues("Deals", pd.DataFrame({"stage": pd.array([won], dtype="Int64")}, index=ids([d10])))
    plan = book.planned(Batch((reps, deals, split, managed, stage)), on=date(2026, 3, 20))
    history = [atom for atom in atoms(plan) if atom.table == "StageHistory"]
    assert len(history) == 1 and (history[0].rows.index < 0).all()  # the row the stage change implies
    inverse = book.apply(plan)

    new_rep = int(book["Reps"].index[book["Reps"]["id"] == "R9"][0])
    new_deals = book["Deals"].index[book["Deals"]["id"].isin(["D98", "D99"])]
    assert new_rep > highest and (new_deals > highest).all() and (every_id(book) > 0).all()
    assert (book["Deals"].loc[new_deals, "owner"] == new_rep).all() and book["Reps"].loc[r1, "manager"] == new_rep
    assert book["Splits"]["deal_id"].iloc[-1] == new_deals[0] and book["Splits"]["rep"].iloc[-1] == new_rep
    assert book["StageHistory"].index[-1] > highest and book["StageHistory"]["deal_id"].iloc[-1] == d10
    removed = {int(i) for atom in atoms(inverse) if isinstance(atom, DeleteRows) for i in atom.ids}
    assert {new_rep, *new_deals, book["StageHistory"].index[-1]} <= removed  # the inverse names the real rows
    assert book.pending.of("Deals").inserted == set(new_deals)
    assert reps.rows.index[0] == rep  # the plan itself is a value: unchanged, and applies again
    book.apply(inverse, check=False)
    again = book.copy()
    again.apply(plan, check=False)
    assert again["Deals"]["id"].tolist()[-2:] == ["D98", "D99"] and (every_id(again) > 0).all()


def test_a_change_to_a_row_that_is_gone_is_refused_naming_it(book):
    gone = row(book, "Deals", 0)
    book.delete_rows("Deals", [gone])
    for change in (an_amount(book, gone, 1), DeleteRows("Deals", np.array([gone]))):
        with pytest.raises(Refused, match=f"row #{gone} no longer exists"):  # was a TypeError
            book.apply(change)
    from test_leads import lead_book

    leads = lead_book()
    lead = int(leads["Leads"].index[0])
    leads.delete_rows("Leads", [lead])
    with pytest.raises(Refused, match=f"row #{lead} no longer exists"):
        convert_leads(leads, [lead])


def test_converting_leads_plans_deals_that_the_leads_point_at_once_applied():
    from test_leads import lead_book

    book = lead_book()
    qualified = book["Leads"].index[book["Leads"]["id"].isin(["L1"])].tolist()
    change = convert_leads(book, qualified, on=date(2026, 3, 31))
    assert (change.changes[0].rows.index < 0).all()
    book.apply(change)
    deal = book["Leads"].loc[qualified[0], "deal"]
    assert deal > 0 and book["Deals"].loc[deal, "id"] == change.changes[0].rows["id"].iloc[0]


def test_an_import_plan_is_a_what_if_that_names_the_file_row_of_a_problem_it_adds(book, tmp_path):
    """The merge is checked on the book with the merge applied, computed without touching the
    book: a problem on a row the import adds is named by its file and row."""
    from planner.io.excel_import import read_tables
    from planner.io.import_merge import plan_merge
    from planner.io.import_results import ImportRefused

    deals, splits = tmp_path / "deals.csv", tmp_path / "splits.csv"
    deals.write_text("id,owner,stage,amount,created,closed\nD20,R1,Won,100,2026-01-01,2026-02-01\n")
    splits.write_text("deal_id,rep,share\nD20,R2,20%\nD20,R1,30%\n")
    with pytest.raises(ImportRefused) as refused:
        plan_merge(book, read_tables([deals, splits], book=book))
    assert [str(p) for p in refused.value.problems] == [
        "splits.csv, row 2, column share: the shares of deal 'D20' add up to 50%, not 100%"]
    assert book.revision == 0 and not book.pending


def test_rows_inserted_in_a_sheet_are_selected_by_their_real_ids(qtbot, tmp_path, book):
    from windows import open_window

    window = open_window(qtbot, tmp_path, book)
    try:
        view = window.sheets["Deals"]
        view.setFocus()
        view.setCurrentIndex(view.model().index(1, 0))
        window.edit_menu.insert_below.trigger()
        assert view.currentIndex().row() == 2 and view.sheet.row_id(2) > 0  # the new row, current
        window.edit_menu.duplicate.trigger()
        assert view.currentIndex().row() == 3 and view.sheet.row_id(3) > view.sheet.row_id(2)
    finally:
        window.jobs.wait()


# -- events carry their origin ---------------------------------------------------------------

def test_events_say_where_a_change_came_from(book):
    from planner.session import Session

    events = []
    book.subscribe(events.append)
    session = Session(book)
    session.apply(an_amount(book, row(book, "Deals", 0), 1), "edit")
    session.undo()
    session.redo()
    book.apply(an_amount(book, row(book, "Deals", 0), 2), origin="other")  # another writer's row merged in
    # the amount before, kept in AmountHistory, comes with the first change of the day
    assert [event.origin for event in events if event.table == "Deals"] == ["local", "undo", "redo", "other"]
    assert [event.origin for event in events if event.table == "AmountHistory"] == ["local", "undo", "redo"]
    with pytest.raises(ValueError, match="elsewhere"):
        book.apply(an_amount(book, row(book, "Deals", 0), 3), origin="elsewhere")
    assert book["Deals"]["amount"].iloc[0] == 2


# -- the JSON form of a change ---------------------------------------------------------------

def assert_same_change(a, b) -> None:
    assert type(a) is type(b)
    if isinstance(a, Batch):
        assert len(a.changes) == len(b.changes)
        for x, y in zip(a.changes, b.changes):
            assert_same_change(x, y)
        return
    assert a.table == b.table
    if isinstance(a, DeleteRows):
        assert a.ids.dtype == b.ids.dtype and a.ids.tolist() == b.ids.tolist()
        return
    frame = {SetValues: "values", InsertRows: "rows", ReplaceTable: "frame"}[type(a)]
    pd.testing.assert_frame_equal(getattr(a, frame), getattr(b, frame), check_exact=True, check_column_type="equiv",
                                  check_index_type="equiv")
    assert a.unresolved == b.unresolved
    if not isinstance(a, SetValues):
        assert (a.positions is None) == (b.positions is None)
        if a.positions is not None:
            assert b.positions.dtype == np.float64 and a.positions.tolist() == b.positions.tolist()


def round_trips(change) -> None:
    text = change.to_json()
    json.loads(text, parse_constant=lambda constant: pytest.fail(f"{constant} is not JSON"))
    back = change_from_json(text)
    assert_same_change(back, change)
    assert back.to_json() == text  # one text per change: stable


def test_every_kind_of_change_round_trips_through_json(book):
    d1, d5 = row(book, "Deals", 0), row(book, "Deals", 4)
    deals = book["Deals"]
    with_extra = deals.assign(**{"Region (mine)": pd.array(["서울", None] + ["東京"] * (len(deals) - 2),
                                                           dtype="string")})
    typed = SetValues("Deals", deals.loc[[d1, d5], ["amount", "closed", "owner", "name", "cancelled"]],
                      {"owner": {int(d5): "Jon"}})
    inserted = book.insertion("Deals", deals.iloc[[0, 1]].assign(id=["N1", "N2"]), at=1)
    changes = [
        typed,
        inserted,
        InsertRows("Deals", deals.iloc[:0], None),  # no rows at all
        DeleteRows("Deals", np.array([d5, d1], dtype="int64")),
        ReplaceTable("Deals", with_extra, book.positions("Deals") / 3, {"owner": {int(d1): "김민지"}}),
        Batch((typed, Batch((inserted, DeleteRows("Splits", book["Splits"].index.to_numpy()))))),
        book.deletion("Deals", [d5]),
    ]
    for change in changes:
        round_trips(change)
    # the inverse of a delete, read back from its JSON, restores every cell of the rows
    before = frames_of(book)
    inverse = change_from_json(book.delete_rows("Deals", [d5]).to_json())
    book.apply(inverse, check=False)
    assert_same_frames(frames_of(book), before)


def test_a_text_that_is_not_a_change_is_refused_in_one_line():
    for text in ["", "[]", '{"format": "planner-change", "version": 99, "change": {}}',
                 '{"format": "planner-change", "version": 1, "change": {"kind": "nothing"}}',
                 '{"format": "planner-change", "version": 1, "change": {"kind": "delete_rows", "table": "Deals"}}']:
        with pytest.raises(PlannerError, match="^Not a change Planner can read"):
            change_from_json(text)


# a random change: any table, any of its columns, extra (user) columns of every kind, NA
# everywhere, provisional (negative) and real row ids, money up to int64's limits, dates to the
# nanosecond, floats including infinities
_INT64 = st.integers(-2**63, 2**63 - 1)
_NS = st.integers(pd.Timestamp.min.value + 1, pd.Timestamp.max.value)
_TEXT = st.text(st.characters(codec="utf-8"), max_size=8)
_FLOAT = st.floats(allow_nan=False)
_EXTRA_DTYPES = {"string": _TEXT, "str": _TEXT, "Int64": _INT64, "int64": _INT64, "Float64": _FLOAT,
                 "float64": st.floats(), "datetime64[ns]": _NS, "boolean": st.booleans(), "bool": st.booleans(),
                 "object": _TEXT}
_KIND_VALUES = {"string": _TEXT, "Int64": _INT64, "Float64": _FLOAT, "datetime64[ns]": _NS}
_NO_NA = ("int64", "bool")


@st.composite
def frames(draw, table: str) -> pd.DataFrame:
    spec = schema.TABLES[table]
    count = draw(st.integers(0, 4))
    row_ids = draw(st.lists(st.integers(-10**12, 10**12), min_size=count, max_size=count, unique=True))
    columns = draw(st.lists(st.sampled_from(spec.names), unique=True, max_size=4))
    extras = draw(st.lists(st.tuples(_TEXT.filter(lambda name: name not in spec.names),
                                     st.sampled_from(sorted(_EXTRA_DTYPES))), max_size=2, unique_by=lambda e: e[0]))
    data = {}
    for name, dtype in [(c, schema.DTYPES[spec.column(c).kind]) for c in columns] + extras:
        values = _EXTRA_DTYPES.get(dtype, _KIND_VALUES.get(dtype))
        cells = draw(st.lists(values if dtype in _NO_NA else st.none() | values, min_size=count, max_size=count))
        if dtype.startswith("datetime"):
            cells = [None if cell is None else pd.Timestamp(cell) for cell in cells]
        data[name] = pd.Series(cells, dtype=dtype if dtype != "object" else object)
    frame = pd.DataFrame(data, index=pd.RangeIndex(count))
    frame.index = ids(row_ids)
    return frame


@st.composite
def unresolved(draw, frame: pd.DataFrame, table: str) -> dict:
    refs = [column.name for column in schema.TABLES[table].refs if column.name in frame]
    rows = frame.index.tolist()
    if not refs or not rows:
        return {}
    return draw(st.dictionaries(st.sampled_from(refs), st.dictionaries(st.sampled_from(rows), _TEXT, min_size=1),
                                max_size=len(refs)))


@st.composite
def positions(draw, count: int):
    return draw(st.none() | st.lists(st.floats(allow_nan=False), min_size=count, max_size=count).map(
        lambda values: np.asarray(values, dtype="float64")))


@st.composite
def random_atoms(draw):
    table = draw(st.sampled_from(sorted(schema.TABLES)))
    frame = draw(frames(table))
    kind = draw(st.sampled_from(["set", "insert", "delete", "replace"]))
    if kind == "delete":
        return DeleteRows(table, np.asarray(frame.index, dtype="int64"))
    cells = draw(unresolved(frame, table))
    if kind == "set":
        return SetValues(table, frame, cells)
    where = draw(positions(len(frame)))
    return (InsertRows if kind == "insert" else ReplaceTable)(table, frame, where, cells)


random_changes = st.recursive(random_atoms(), lambda parts: st.lists(parts, max_size=3).map(
    lambda changes: Batch(tuple(changes))), max_leaves=4)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_changes)
def test_random_changes_round_trip_through_json(change):
    round_trips(change)
