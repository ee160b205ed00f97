"""An edit of some deals' values redoes only those deals' credit (core/attainment.py): their
credit lines spliced into the lines before, the sums by rep and period adjusted by the
difference, and the statements kept when none of the deals is credited. Every figure equals a
fresh book's full build, dtypes and order included; an edit that moves lines falls back."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import planner.core.attainment as attainment
from planner.core import schema
from planner.core.attainment import credit_lines, credited_by
from planner.core.changes import SetValues
from planner.core.demo import demo_book
from planner.core.periods import Period
from planner.core.report import compute_report
from planner.core.payouts import _credited_on_plan
from planner.core.statements import statements

AS_OF = date(2026, 6, 30)
KINDS = ("month", "quarter", "year")
PERIODS = [Period.of(label) for label in ("2026-Q2", "2025", "2026-06")]


@pytest.fixture(scope="module")
def start():
    return demo_book(as_of=AS_OF, deals=600)


def computed(book) -> None:
    """What an edit may redo row-wise, computed for this state."""
    compute_report(book)
    for kind in KINDS:
        credited_by(book, kind)
        _credited_on_plan(book, kind)
    for period in PERIODS:
        statements(book, period)


def assert_as_fresh(book) -> None:
    fresh = book.copy()
    pd.testing.assert_frame_equal(credit_lines(book), credit_lines(fresh))
    for kind in KINDS:
        pd.testing.assert_series_equal(credited_by(book, kind), credited_by(fresh, kind))
        pd.testing.assert_series_equal(_credited_on_plan(book, kind), _credited_on_plan(fresh, kind))
    for period in PERIODS:
        for mine, theirs in zip(statements(book, period), statements(fresh, period)):
            pd.testing.assert_frame_equal(mine, theirs)
    assert compute_report(book).to_json() == compute_report(fresh).to_json()


def set_values(book, column: str, values: dict) -> None:
    frame = pd.DataFrame({column: pd.array(list(values.values()), dtype=book["Deals"][column].dtype)},
                         index=pd.Index(list(values), name=schema.ROW_ID))
    book.apply(SetValues("Deals", frame), check=False)


@pytest.fixture
def built(monkeypatch):
    """The number of deals each credit-lines build took, and whether each sum was adjusted."""
    calls = {"lines": [], "resummed": []}
    build, resummed = attainment._credit_lines, attainment.resummed

    def counting_build(facts, splits, *kinds):
        calls["lines"].append(len(facts))
        return build(facts, splits, *kinds)

    def counting_resummed(*args):
        out = resummed(*args)
        calls["resummed"].append(out is not None)
        return out

    monkeypatch.setattr(attainment, "_credit_lines", counting_build)
    monkeypatch.setattr(attainment, "resummed", counting_resummed)
    import planner.core.payouts as payouts_module

    monkeypatch.setattr(payouts_module, "resummed", counting_resummed)
    return calls


def credited_deals(book) -> tuple[int, int, int]:
    """A deal credited wholly to its owner, a split deal and a won deal cancelled later."""
    lines = credit_lines(book)
    split = set(book["Splits"]["deal_id"].dropna().astype(int))
    cancelled = set(lines.loc[lines["reason"] == "cancelled", "deal_id"].astype(int))
    won = [int(deal) for deal in lines["deal_id"]]
    alone = next(deal for deal in won if deal not in split and deal not in cancelled)
    return alone, next(deal for deal in won if deal in split), next(iter(cancelled))


def test_an_amount_edit_of_credited_deals_splices_their_lines_and_adjusts_the_sums(start, built):
    book = start.copy()
    computed(book)
    deals = credited_deals(book)
    amounts = book["Deals"]["amount"]
    # one more unit and a much larger amount: remainders of split shares move to other lines
    set_values(book, "amount", {deals[0]: int(amounts[deals[0]]) + 1, deals[1]: int(amounts[deals[1]]) * 7 + 1,
                                deals[2]: 5})
    built["lines"].clear()
    built["resummed"].clear()
    computed(book)
    assert built["lines"] == [3]  # the three deals' lines built again, not the book's
    assert built["resummed"] and all(built["resummed"])
    assert_as_fresh(book)
    # and again from the spliced state: the spliced lines are a state's like any other
    set_values(book, "amount", {deals[1]: 1, deals[2]: int(amounts[deals[2]])})
    computed(book)
    assert_as_fresh(book)


def test_a_close_date_moved_within_its_periods_or_out_of_them(start, built):
    book = start.copy()
    computed(book)
    deal = credited_deals(book)[0]
    closed = book["Deals"].at[deal, "closed"]
    # a day earlier or later in the same month: the lines spliced, the sums adjusted
    set_values(book, "closed", {deal: closed + pd.Timedelta(days=1 if closed.day < 28 else -1)})
    built["lines"].clear()
    computed(book)
    assert built["lines"] == [1]
    assert_as_fresh(book)
    # a year earlier: the deal's line leaves its groups (and maybe empties one): the sums built again
    built["resummed"].clear()
    set_values(book, "closed", {deal: closed - pd.Timedelta(days=365)})
    computed(book)
    assert False in built["resummed"]
    assert_as_fresh(book)


def test_an_edit_that_moves_credit_lines_falls_back_to_a_full_build(start, built):
    book = start.copy()
    computed(book)
    alone, split, _cancelled = credited_deals(book)
    stages = book["Stages"]
    lost = int(stages.index[(stages["kind"] == "lost").to_numpy()][0])
    reps = book["Reps"].index
    owner = int(reps[(reps != book["Deals"].at[alone, "owner"])][0])
    for column, values in (("owner", {alone: owner}), ("stage", {split: lost}),
                           ("cancelled", {alone: pd.Timestamp(AS_OF)})):
        built["lines"].clear()
        set_values(book, column, values)
        computed(book)
        assert built["lines"][-1] == len(book["Deals"]), column  # the lines moved: the whole book's
        assert_as_fresh(book)


def test_an_edit_of_deals_nobody_is_credited_for_keeps_the_statements(start):
    book = start.copy()
    computed(book)
    lines = credit_lines(book)
    kinds = book["Deals"]["stage"].map(book["Stages"]["kind"])
    uncredited = [int(deal) for deal in book["Deals"].index[(kinds != "won").to_numpy(dtype=bool, na_value=True)]
                  if deal not in set(lines["deal_id"])][:2]
    before = {period: statements(book, period) for period in PERIODS}
    set_values(book, "amount", {deal: 1234 for deal in uncredited})
    assert credit_lines(book) is lines
    for period in PERIODS:
        assert statements(book, period) is before[period]
    assert_as_fresh(book)
    # what was kept still depends on all the statements read: a tier's rate, a plan's period
    tiers = book["PlanTiers"]
    tier = int(tiers.index[tiers["rate"].notna().to_numpy()][0])
    book.apply(SetValues("PlanTiers", pd.DataFrame({"rate": pd.array([int(tiers.at[tier, "rate"]) + 10_000], dtype="Int64")},
                                                   index=pd.Index([tier], name=schema.ROW_ID))), check=False)
    assert_as_fresh(book)
    set_values(book, "amount", {deal: 4321 for deal in uncredited})
    computed(book)
    plans = book["Plans"]
    book.apply(SetValues("Plans", pd.DataFrame({"period": pd.array(["month"] * len(plans), dtype=plans["period"].dtype)},
                                               index=pd.Index(plans.index, name=schema.ROW_ID))), check=False)
    assert_as_fresh(book)
    # a credited deal's amount: its statements computed again
    set_values(book, "amount", {credited_deals(book)[0]: 4321})
    assert all(statements(book, period) is not before[period] for period in PERIODS)
    assert_as_fresh(book)


def test_a_credited_deal_edit_keeps_the_statements_of_periods_its_lines_are_outside(start):
    book = start.copy()
    computed(book)
    lines = credit_lines(book)
    cancelled = lines[lines["reason"] == "cancelled"]
    in_2026 = set(cancelled.loc[cancelled["date"] >= pd.Timestamp("2026-01-01"), "rep"].astype(int))
    won = lines[lines["reason"] == "won"]
    early = won[(won["date"] < pd.Timestamp("2025-01-01")).to_numpy()]
    by_deal = early.groupby("deal_id")["rep"].agg(set)
    quiet = [int(deal) for deal, reps in by_deal.items() if not reps & in_2026 and deal not in set(cancelled["deal_id"])]
    q2, june = PERIODS[0], PERIODS[2]
    before = {period: statements(book, period) for period in PERIODS}
    set_values(book, "amount", {quiet[0]: int(book["Deals"].at[quiet[0], "amount"]) * 50 + 3})
    assert statements(book, q2) is before[q2] and statements(book, june) is before[june]
    assert_as_fresh(book)

    # a deal won inside the period: its statements computed again
    computed(book)
    inside = int(won.loc[(won["date"] >= pd.Timestamp(q2.start)).to_numpy() & (won["date"] < pd.Timestamp(q2.end)).to_numpy()
                         & ~won["deal_id"].isin(cancelled["deal_id"]).to_numpy(), "deal_id"].iloc[0])
    kept = statements(book, q2)
    set_values(book, "amount", {inside: int(book["Deals"].at[inside, "amount"]) + 1})
    assert statements(book, q2) is not kept
    assert_as_fresh(book)

    # a rep's deal won long ago and cancelled inside the period: its clawback takes back what the
    # deal was paid, which the running credit of its plan period decides (another deal's amount)
    split = set(book["Splits"]["deal_id"].dropna().astype(int))
    plain = won[~won["deal_id"].isin(cancelled["deal_id"]).to_numpy() & ~won["deal_id"].isin(split).to_numpy()
                & (won["date"] < pd.Timestamp("2025-12-01")).to_numpy()]
    plain = plain.sort_values(["date", "deal_id"], kind="stable")  # the close order a period is paid in
    pairs = plain.assign(month=plain["date"].dt.to_period("M")).groupby(["rep", "month"])["deal_id"].agg(list)
    other, deal = next(deals[:2] for deals in pairs if len(deals) > 1)  # the deal cancelled closed later
    set_values(book, "cancelled", {int(deal): pd.Timestamp(q2.start) + pd.Timedelta(days=10)})
    computed(book)
    kept = statements(book, q2)
    set_values(book, "amount", {int(other): int(book["Deals"].at[int(other), "amount"]) * 40 + 7})
    assert statements(book, q2) is not kept
    assert_as_fresh(book)


def test_amount_and_close_edits_with_plan_assignments_and_draws(start, built):
    """Dated plan assignments (credit summed per paying plan) and a recoverable draw (its balance
    runs from period to period): every edit's figures are a fresh book's."""
    book = start.copy()
    reps, plans = book["Reps"], book["Plans"]
    monthly, quarterly = (int(plans.index[(plans["period"] == kind).to_numpy()][0]) for kind in ("month", "quarter"))
    rep = int(reps.index[(reps["plan"] == monthly).to_numpy(dtype=bool, na_value=False)][0])
    book.insert_rows("PlanAssignments", pd.DataFrame({
        "rep": [rep, rep], "plan": [monthly, quarterly], "from": pd.to_datetime(["2024-01-01", "2025-07-01"]),
        "to": pd.to_datetime(["2025-06-30", None])}))
    # a draw above what a month earns: every month's earnings move the balance carried to the next
    book.insert_rows("PlanDraws", pd.DataFrame({"plan": [monthly], "amount": [100_000_000], "recoverable": ["yes"]}))
    computed(book)
    lines = credit_lines(book)
    won = lines[(lines["reason"] == "won").to_numpy()]
    drawn = reps.index[(reps["plan"] == monthly).to_numpy(dtype=bool, na_value=False) & (reps.index != rep)]
    # deals of reps drawing all along, won outside the periods asked for in 2026: their balances move
    early = won[(won["date"] < pd.Timestamp("2026-01-01")).to_numpy() & won["rep"].isin(drawn).to_numpy()]
    deals = [int(deal) for deal in won.loc[(won["rep"] == rep).to_numpy(), "deal_id"].iloc[::7][:4]] + \
        [int(deal) for deal in early["deal_id"].iloc[::50][:4]]
    built["resummed"].clear()
    for n, deal in enumerate(deals):
        if n % 2:
            set_values(book, "amount", {deal: int(book["Deals"].at[deal, "amount"]) * 3 + n})
        else:
            set_values(book, "closed", {deal: book["Deals"].at[deal, "closed"] + pd.Timedelta(days=1 + 40 * (n % 4))})
        computed(book)
        assert_as_fresh(book)
    assert True in built["resummed"]  # some sums adjusted, not all built again


def test_a_closed_periods_deal_edited_is_adjusted_in_the_open_periods_commissions():
    """Q2's statements stand when a deal credited in closed Q1 changes, but its commissions
    do not: they pay the Q1 difference as a recomputed adjustment."""
    from planner.core.close import plan_close
    from planner.core.commissions import commissions
    from datetime import datetime, timezone
    from fixtures import small_book

    book = small_book()
    settings = book["Settings"]
    book.set_value("Settings", int(settings.index[settings["key"] == "as_of"][0]), "value", "2026-04-15")
    q1, q2 = Period.parse("2026-Q1"), Period.parse("2026-Q2")
    book.apply(plan_close(book, q1, "finance@office", datetime(2026, 4, 16, tzinfo=timezone.utc)).change)
    before = commissions(book, q2)[0]
    engine = statements(book, q2)
    deals = book["Deals"]
    d3 = int(deals.index[deals["id"] == "D3"][0])
    set_values(book, "amount", {d3: 1_000_000})  # 20,000.00 before: R2 is paid less for Q1
    assert statements(book, q2)[1] is engine[1]  # Q2's own statements stand
    after = commissions(book, q2)[0]
    assert after["total"].sum() != before["total"].sum()
    pd.testing.assert_frame_equal(after, commissions(book.copy(), q2)[0])
