import pandas as pd
import pytest
from PySide6.QtCore import QModelIndex, Qt

from planner.core import schema
from planner.qt.table_model import FrameTableModel, NativeRole


@pytest.fixture
def deals_model(qapp, book):
    deals = book["Deals"].copy()
    deals.iloc[0, deals.columns.get_loc("currency")] = "krw"  # a row in its own currency is formatted with its digits
    deals["메모"] = ["note"] * len(deals)
    return FrameTableModel(schema.DEALS, deals, "USD", references=book.references("Deals"))


def column(model, name):
    return list(model.frame.columns).index(name)


def cell(model, row, name, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column(model, name)), role)


def test_passes_qt_model_checks(qtmodeltester, deals_model):
    qtmodeltester.check(deals_model)


def test_cells_are_formatted_by_kind(deals_model):
    assert cell(deals_model, 9, "amount") == "3,333.33"
    assert cell(deals_model, 0, "amount") == "700,000"  # KRW row: no minor units
    assert cell(deals_model, 9, "amount", NativeRole) == 333_333
    assert cell(deals_model, 0, "created") == "2025-12-01"
    assert cell(deals_model, 0, "expected_close") == ""
    assert cell(deals_model, 0, "메모") == "note"
    alignment = cell(deals_model, 0, "amount", Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & int(Qt.AlignmentFlag.AlignRight)


def test_headers_come_from_the_schema(deals_model):
    header = [deals_model.headerData(c, Qt.Orientation.Horizontal) for c in range(deals_model.columnCount())]
    assert header[:6] == ["Deal ID", "Deal", "Account", "Owner", "Stage", "Amount"] and header[-1] == "메모"


def test_sort_is_a_stable_permutation_with_missing_values_last(deals_model):
    frame_before = deals_model.frame.copy()
    deals_model.sort(column(deals_model, "amount"), Qt.SortOrder.DescendingOrder)
    amounts = [cell(deals_model, r, "amount", NativeRole) for r in range(deals_model.rowCount())]
    assert amounts == sorted(amounts, reverse=True)
    deals_model.sort(column(deals_model, "expected_close"), Qt.SortOrder.AscendingOrder)
    dates = [cell(deals_model, r, "expected_close", NativeRole) for r in range(deals_model.rowCount())]
    assert dates[0] == pd.Timestamp("2026-02-28") and dates[-1] is None
    pd.testing.assert_frame_equal(deals_model.frame, frame_before)  # the user's frame is never reordered


def test_sort_keeps_selected_records(deals_model):
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(deals_model.index(9, 0))  # D11
    deals_model.sort(column(deals_model, "amount"), Qt.SortOrder.AscendingOrder)
    assert deals_model.data(deals_model.index(kept.row(), 0)) == "D11"
    deals_model.sort(column(deals_model, "id"), Qt.SortOrder.DescendingOrder)
    assert deals_model.data(deals_model.index(kept.row(), 0)) == "D11"


def test_text_sorts_ignore_case(qapp):
    model = FrameTableModel(schema.REPS, schema.conform(schema.REPS, pd.DataFrame(
        {"id": ["b", "A", "c"], "name": ["x", "y", "z"]})))
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["A", "b", "c"]


def test_no_children_for_valid_parents(deals_model):
    assert deals_model.rowCount(deals_model.index(0, 0)) == 0
    assert deals_model.rowCount(QModelIndex()) == 13


def test_a_new_view_shows_rows_in_book_order(qapp, deals_model):
    from planner.views.table_view import BookTableView

    view = BookTableView(deals_model)
    assert view.horizontalHeader().sortIndicatorSection() == -1
    assert [deals_model.source_row(r) for r in range(3)] == [0, 1, 2]
    view.sortByColumn(column(deals_model, "amount"), Qt.SortOrder.AscendingOrder)  # a header click
    assert cell(deals_model, 0, "id") == "D13"  # the smallest deal, 1,000.00


def test_text_sort_with_missing_values(qapp):
    model = FrameTableModel(schema.REPS, schema.conform(schema.REPS, pd.DataFrame(
        {"id": ["b", None, "a", None], "name": ["x", "y", "z", "w"]})))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, 0)) for r in range(4)] == ["b", "a", "", ""]
    empty = FrameTableModel(schema.REPS, schema.conform(schema.REPS, pd.DataFrame({"id": [None], "name": ["x"]})))
    empty.sort(0, Qt.SortOrder.AscendingOrder)
    assert empty.rowCount() == 1


def test_a_recomputed_result_keeps_its_sort(qapp, book):
    from planner.core.periods import Period
    from planner.core.report import compute_report

    model = FrameTableModel(schema.ATTAINMENT, compute_report(book, Period.parse("2026-01")).attainment)
    model.sort(list(model.frame.columns).index("credited"), Qt.SortOrder.DescendingOrder)
    model.set_frame(compute_report(book, Period.parse("2026-Q1")).attainment)
    credited = [cell(model, r, "credited", NativeRole) for r in range(model.rowCount())]
    assert credited == sorted(credited, reverse=True) == [3_600_000, 1_560_000, 540_000]


def test_choice_values_and_long_texts(qapp, book):
    stages = book["Stages"].copy()
    stages.iloc[0, stages.columns.get_loc("exit_criteria")] = "Budget, authority, need and timing confirmed"
    model = FrameTableModel(schema.STAGES, stages)
    # English has no translation of the codes: a readable label is shown, the code kept underneath
    assert cell(model, 0, "kind") == "Open" and cell(model, 0, "kind", NativeRole) == "open"
    assert cell(model, 0, "exit_criteria", Qt.ItemDataRole.ToolTipRole) == stages["exit_criteria"].iloc[0]
    assert cell(model, 1, "exit_criteria", Qt.ItemDataRole.ToolTipRole) is None

    from planner.qt.i18n import install_translators

    install_translators(qapp, "ja")
    try:
        model.set_frame(stages)
        assert cell(model, 3, "kind") == "受注" and cell(model, 3, "kind", Qt.ItemDataRole.EditRole) == "won"
    finally:
        install_translators(qapp, "en")


def test_references_show_the_name_of_the_row_they_refer_to(deals_model, book):
    assert cell(deals_model, 1, "owner") == "김민지"  # D2's owner R1, shown by name
    assert cell(deals_model, 1, "stage") == "Won"
    assert isinstance(cell(deals_model, 1, "owner", NativeRole), int)  # the row id underneath
    deals_model.sort(column(deals_model, "owner"), Qt.SortOrder.AscendingOrder)
    names = [cell(deals_model, r, "owner") for r in range(deals_model.rowCount())]
    assert names == sorted(names, key=str.casefold)


def test_a_deal_in_a_currency_planner_does_not_know_shows_its_amount(qapp, book):
    deals = book["Deals"].copy()
    deals.iloc[0, deals.columns.get_loc("currency")] = "XYZ"  # a problem of the book, never a crash of the grid
    model = FrameTableModel(schema.DEALS, deals, "USD", references=book.references("Deals"))
    assert cell(model, 0, "amount") == "700,000" and cell(model, 1, "amount") == "5,000.00"


def test_a_users_own_columns_show_and_sort_by_what_they_hold(qapp, book):
    deals = book["Deals"].copy()
    deals["Seats"] = [10.0, 9.0, 100.0, 1234.5] + [None] * (len(deals) - 4)
    deals["Met on"] = pd.to_datetime(["2026-03-05"] * len(deals))
    model = FrameTableModel(schema.DEALS, deals, "USD", references=book.references("Deals"))
    assert [cell(model, r, "Seats") for r in range(4)] == ["10", "9", "100", "1,234.5"]
    assert cell(model, 0, "Met on") == "2026-03-05"
    assert cell(model, 0, "Seats", Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    model.sort(column(model, "Seats"), Qt.SortOrder.AscendingOrder)
    assert [cell(model, r, "Seats") for r in range(5)] == ["9", "10", "100", "1,234.5", ""]


def test_a_users_number_column_typed_1_2_3_is_refused_as_the_core_refuses_it(qapp, book):
    from planner.qt.book_model import BookTableModel

    deals = book["Deals"]
    book.apply(book.replacement("Deals", deals.assign(Seats=pd.Series(1.0, index=deals.index))))
    model = BookTableModel(schema.DEALS)
    model.attach(book, lambda change, text: book.apply(change))
    refusals = []
    model.refused.connect(refusals.append)
    index = model.index(0, column(model, "Seats"))
    assert not model.setData(index, "1,2,3") and "thousands separators group three digits" in refusals[-1]
    assert book["Deals"]["Seats"].iloc[0] == 1.0
    assert model.setData(index, "1,234.5") and book["Deals"]["Seats"].iloc[0] == 1234.5
    assert model.data(index) == "1,234.5"


@pytest.mark.parametrize("order", ["same rows", "rows moved and one added"])
def test_a_recomputed_result_marks_the_cells_that_changed_by_key(qapp, order):
    spec = schema.ATTAINMENT
    first = pd.DataFrame({"rep": ["R1", "R2", "R3"], "name": ["A", "B", "C"], "team": [None, None, None],
                          "period": ["2026-Q1"] * 3, "quota": [100, 200, None], "credited": [50, 80, 10],
                          "attainment": [0.5, 0.4, None]})
    second = first.assign(credited=[50, 90, 10], quota=[100, 200, 300])
    if order != "same rows":
        second = pd.concat([second.iloc[[2, 0, 1]], second.iloc[[0]].assign(rep="R4", credited=5)], ignore_index=True)
    model = FrameTableModel(spec, first[spec.names])
    model.set_frame(second[spec.names], compare=True)
    marked = {(model.frame["rep"].iloc[row], spec.names[col]): was for (row, col), was in model._changed.items()}
    assert marked == {("R2", "credited"): "0.80", ("R3", "quota"): ""}
    r2 = list(model.frame["rep"]).index("R2")
    assert cell(model, r2, "credited", Qt.ItemDataRole.FontRole).bold()
    assert cell(model, r2, "credited", Qt.ItemDataRole.ToolTipRole) == "Before the last change: 0.80"
