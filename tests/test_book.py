import pandas as pd
import pytest

from fixtures import rebuilt, row
from planner.core.book import Book
from planner.core.errors import PlannerError
from planner.core.report import compute_report


def test_problems_say_where_and_what(book):
    def edit(frames):
        deals = frames["Deals"]
        deals.loc[2, "stage"] = "Signed"
        deals.loc[4, "owner"] = "Nobody"
        deals.loc[5, "amount"] = pd.NA
        deals.loc[6, "deal_type"] = "upgrade"
        deals.loc[7, "id"] = "D1"
    book = rebuilt(book, edit)
    problems = [str(p) for p in book.problems()]
    assert "Deals D6, column amount: a value is required" in problems  # the command line names the deal
    assert "Deals D7, column deal_type: 'upgrade' is not one of new, renewal, upsell" in problems
    assert "Deals D1, column id: duplicate of an earlier row" in problems
    assert "Deals D3, column stage: 'Signed' is not a stage of the Stages sheet" in problems
    assert "Deals D5, column owner: 'Nobody' is not a rep of the Reps sheet" in problems
    # the app names the row the user sees, and the sheet and column as its tab and header do
    assert {p.translated(lambda _c, t: t, by_key=False) for p in book.problems()} >= {
        "Deals row 6, column Amount: a value is required", "Deals row 8, column Deal ID: duplicate of an earlier row",
        "Deals row 5, column Owner: 'Nobody' is not a rep of the Reps sheet"}
    with pytest.raises(PlannerError, match=r"^The book has problems: .*Deals D6, column amount: a value is req"):
        book.require_valid()
    # the report is computed all the same, the five deals left out (tests/test_problems_figures.py)
    report = compute_report(book)
    assert [str(p) for p in report.problems] == problems
    assert sorted(key for key, _number in report.left_out.places.values()) == ["D1", "D3", "D5", "D6", "D7"]
    book = rebuilt(book, lambda frames: frames["Deals"].__setitem__("stage", "Signed"))
    with pytest.raises(PlannerError, match=r"\(and \d+ more\)$"):
        book.require_valid()
    assert compute_report(book).pipeline["open_count"] == 0  # every deal left out


def test_foreign_currency_deals_are_refused_until_exchange_rates_exist(book):
    book.set_value("Deals", row(book, "Deals", 0), "currency", "JPY")
    assert "exchange rates are not supported yet" in str(book.problems()[0])


def test_currency_and_period_cells_are_judged_row_by_row(book):
    """The checks judge each distinct value once and map the verdict back: every row holding a
    bad value is named, in Deals order, with the value as typed; the book's own code in any case
    is fine."""
    currency = book.currency

    def edit(frames):
        deals = frames["Deals"]
        deals["currency"] = currency
        deals.loc[[1, 4], "currency"] = "jpy"
        deals.loc[2, "currency"] = currency.lower()
        deals.loc[3, "currency"] = "XXX"
        deals.loc[5, "currency"] = pd.NA
    book = rebuilt(book, edit)
    quotas = book._frames["Quotas"].copy()  # as a store might hold them: an import canonicalizes
    quotas.loc[quotas.index[[0, 2]], "period"] = "2026q1"
    quotas.loc[quotas.index[1], "period"] = "Spring"
    book._frames["Quotas"] = quotas
    deals = book["Deals"]
    found = [(p.table, p.row, p.column, str(p)) for p in book.problems() if p.column in ("currency", "period")]
    bad = "Bad period %s: expected a month (2026-01), a quarter (2026-Q1) or a year (2026)"
    jpy = "jpy differs from the book's currency " + currency
    assert [(table, row, message.split(": ", 1)[1]) for table, row, _column, message in found] == [
        ("Quotas", book["Quotas"].index[0], bad % "'2026q1'"),
        ("Quotas", book["Quotas"].index[1], bad % "'Spring'"),
        ("Quotas", book["Quotas"].index[2], bad % "'2026q1'"),
        ("Deals", deals.index[1], jpy + "; exchange rates are not supported yet"),
        ("Deals", deals.index[3], "Unknown currency 'XXX': use an ISO code such as USD, KRW or JPY"),
        ("Deals", deals.index[4], jpy + "; exchange rates are not supported yet"),
    ]


def test_mixed_tier_methods_are_refused(book):
    book.set_value("PlanTiers", row(book, "PlanTiers", 0), "method", "marginal")
    assert any("mixes marginal and retroactive" in str(p) for p in book.problems())


def test_unknown_settings_are_clear_errors(book):
    book.set_value("Settings", row(book, "Settings", 0), "value", "XYZ")
    with pytest.raises(PlannerError, match="Unknown currency 'XYZ'"):
        book.currency
    assert "Settings currency, column value: Unknown currency 'XYZ'" in str(book.problems()[0])


def test_headers_match_case_insensitively_and_extra_columns_stay_in_order():
    book = Book({"Reps": pd.DataFrame({" ID ": ["R1"], "Name": ["A"], "desk": ["3F"], "DESK": ["x"]})})
    assert book.problems() == []
    assert list(book["Reps"].columns[-2:]) == ["desk", "DESK (2)"]
    assert book["Reps"]["id"].tolist() == ["R1"]


def test_split_shares_must_add_up_to_one(book):
    book.set_value("Splits", row(book, "Splits", 1), "share", 600_000)
    assert [str(p) for p in book.problems()] == [
        "Splits row 1, column share: the shares of deal 'D5' add up to 120%, not 100%"]


@pytest.mark.parametrize("tiers, message", [
    ([(0, 500_000), (400_000, None)], "must start at 0% and each start where the one before ends"),
    ([(100_000, 500_000), (500_000, None)], "must start at 0%"),
    ([(0, None), (500_000, None)], "only the last one open-ended"),
    ([(0, 500_000), (500_000, 500_000), (500_000, None)], "the tier must end above where it starts"),
])
def test_tiers_must_follow_each_other(book, tiers, message):
    book.replace_table("PlanTiers", pd.DataFrame(
        [("MARG", start, end, 20_000, "marginal") for start, end in tiers],
        columns=["plan", "from", "to", "rate", "method"]).astype({"from": "Int64", "to": "Int64", "rate": "Int64"}))
    assert any(message in str(p) for p in book.problems())


@pytest.mark.parametrize("position, column, value, message", [
    (0, "closed", None, "Deals D1, column closed: a won or lost deal needs its closed date"),
    (0, "closed", "2025-11-30", "Deals D1, column closed: closed before it was created"),
    (6, "cancelled", "2026-03-01", "Deals D7, column cancelled: only a won deal can be cancelled"),
    (0, "cancelled", "2026-01-09", "Deals D1, column cancelled: cancelled before it was closed"),
])
def test_deal_dates_must_make_sense(book, position, column, value, message):
    book = rebuilt(book, lambda frames: frames["Deals"].__setitem__(
        column, frames["Deals"][column].where(frames["Deals"].index != position,
                                              pd.NaT if value is None else pd.Timestamp(value))))
    assert message in [str(p) for p in book.problems()]
