"""The credit lines' arrays and what reads them on numpy (issue 18) against the numpy and
pandas forms they replaced, on random data: months of dates, sums by rep and period and by
rep over days, the statements' close order and cancelled lines' won lines, a lookup by stage
row id, the open pipeline by stage."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.assignments import _SPAN, _latest
from planner.core.attainment import _summed_by, line_arrays, months_of
from planner.core.demo import demo_book
from planner.core.metrics import open_pipeline
from planner.core.pacing import credit_between
from planner.core.resolve import positions
from planner.core.statements import _in_order, _won_line

from test_period_switch import edited

DAY = 86_400 * 10**9


class Frames(dict):
    """A book's sheets with nothing cached."""

    def cached(self, key, build, depends=None, rowwise=False):
        return build()


def random_dates(rng, n: int, span_days: int, whole_days: bool = True) -> np.ndarray:
    days = rng.integers(-span_days // 2, span_days // 2 + 1, n) + 20_000
    dates = (days * DAY + (0 if whole_days else rng.integers(0, DAY, n))).astype("datetime64[ns]")
    dates[rng.random(n) < 0.1] = np.datetime64("NaT")
    return dates


def random_lines(rng, n: int, big: bool = False) -> pd.DataFrame:
    rep = pd.array(rng.integers(1, 6, n), dtype="Int64")
    rep[rng.random(n) < 0.1] = pd.NA
    amounts = [int(v) for v in rng.integers(-10**9, 10**9, n)]
    if big and n:
        amounts[0] = 2**70  # beyond int64: summed as Python integers
    return pd.DataFrame({"deal_id": pd.array(rng.integers(1, 50, n), dtype="Int64"), "rep": rep,
                         "date": random_dates(rng, n, 900), "amount": np.array(amounts, dtype=object),
                         "reason": pd.array(rng.choice(["won", "cancelled"], n), dtype="str")})


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), span=st.sampled_from([0, 40, 3_000, 400_000]), whole=st.booleans())
def test_months_of_dates_equal_numpys_calendar(seed, span, whole):
    rng = np.random.default_rng(seed)
    dates = random_dates(rng, int(rng.integers(0, 60)), span, whole)
    expected = np.where(np.isnat(dates), 0, dates.astype("datetime64[M]").astype("int64") + 1970 * 12)
    assert months_of(dates).tolist() == expected.tolist()


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), kind=st.sampled_from(["month", "quarter", "year"]), big=st.booleans())
def test_sums_by_rep_and_period_equal_the_groupby_with_the_same_index(seed, kind, big):
    rng = np.random.default_rng(seed)
    lines = random_lines(rng, int(rng.integers(1, 60)), big)
    kept = lines[lines["rep"].notna().to_numpy() & lines["date"].notna().to_numpy()]
    if not len(kept):
        return
    labels = kept["date"].dt.to_period({"month": "M", "quarter": "Q", "year": "Y"}[kind]).astype(str) \
        .str.replace("Q", "-Q")
    expected = kept.assign(period=labels.to_numpy()).groupby(["rep", "period"])["amount"].sum()
    got = _summed_by(lines, kind, line_arrays(lines))
    assert got.tolist() == expected.tolist() and got.index.tolist() == expected.index.tolist()
    built = pd.MultiIndex.from_arrays([pd.array(got.index.get_level_values(0), dtype="Int64"),
                                       pd.array(got.index.get_level_values(1), dtype="string")],
                                      names=["rep", "period"])
    for mine, theirs in zip(got.index.levels, built.levels):  # levels and codes as from_arrays makes them
        pd.testing.assert_index_equal(mine, theirs, exact=True)
    assert [list(c) for c in got.index.codes] == [list(c) for c in built.codes]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), big=st.booleans())
def test_credit_between_two_days_equals_the_groupby(seed, big):
    rng = np.random.default_rng(seed)
    lines = random_lines(rng, int(rng.integers(0, 60)), big)
    start, end = sorted(pd.Timestamp((20_000 + int(day)) * DAY) for day in rng.integers(-500, 500, 2))
    book = Frames()
    book.cached = lambda key, build, depends=None, rowwise=False: line_arrays(lines)
    got = credit_between(book, start.date(), end.date())
    chosen = lines[((lines["date"] >= start) & (lines["date"] < end)).to_numpy(dtype=bool, na_value=False)]
    expected = chosen.groupby("rep")["amount"].sum()
    assert got.index.tolist() == expected.index.tolist() and got.tolist() == expected.tolist()


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), whole=st.booleans(), wide=st.booleans(), ties=st.booleans())
def test_close_order_equals_lexsort(seed, whole, wide, ties):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 600 if ties else 80))
    key = rng.integers(0, 3 if ties else 10**12 if wide else 10**6, n)
    date = (rng.integers(0, 3 if ties else 5_000, n) * DAY + (0 if whole else rng.integers(0, DAY, n))).astype("int64")
    deal = rng.integers(0, 4 if ties else 10**6, n)
    assert _in_order(key, date, deal).tolist() == np.lexsort((deal, date, key)).tolist()


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), wide=st.booleans())
def test_a_cancelled_lines_won_line_equals_the_multiindex_lookup(seed, wide):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(0, 30)), int(rng.integers(0, 30))
    pairs = list({(int(d), int(r)) for d, r in zip(rng.integers(0, 3 * 10**18 if wide else 40, n),
                                                     rng.integers(0, 8, n))})
    won = {"deal": np.array([d for d, _ in pairs], dtype="int64"),
           "rep": np.array([r for _, r in pairs], dtype="int64")}
    asked = [pairs[int(i)] for i in rng.integers(0, len(pairs), m)] if pairs and rng.random() < 0.7 else []
    asked += [(int(d), int(r)) for d, r in zip(rng.integers(0, 40, 5), rng.integers(0, 8, 5))]
    cancelled = {"deal": np.array([d for d, _ in asked], dtype="int64"),
                 "rep": np.array([r for _, r in asked], dtype="int64")}
    expected = pd.MultiIndex.from_arrays([won["deal"], won["rep"]]).get_indexer(
        pd.MultiIndex.from_arrays([cancelled["deal"], cancelled["rep"]])) if len(pairs) else [-1] * len(asked)
    assert _won_line(won, cancelled).tolist() == list(expected)


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), wide=st.booleans())
def test_positions_by_id_equal_a_dictionary_lookup(seed, wide):
    rng = np.random.default_rng(seed)
    ids = rng.choice(np.arange(10**12 if wide else 10**4, step=1 if not wide else 7919), int(rng.integers(0, 8)),
                     replace=False).astype("int64") if not wide else \
        np.unique(rng.integers(0, 10**12, int(rng.integers(0, 8)))).astype("int64")
    values = rng.integers(0, 9, len(ids))
    asked = np.r_[rng.choice(ids, 20) if len(ids) else [], rng.integers(-2, 10**4, 20)].astype("int64")
    found = dict(zip(ids.tolist(), values.tolist()))
    assert np.append(values, -1)[positions(asked, ids)].tolist() == [found.get(a, -1) for a in asked.tolist()]


def reference_stages(book) -> pd.DataFrame:
    """The open pipeline by stage as the pandas groupby made it."""
    from planner.core.facts import deal_arrays, deal_facts, weighted_amounts

    facts, deals, stages = deal_facts(book), deal_arrays(book), book["Stages"]
    is_open, amounts = deals["open"], deals["amount"]
    by_stage = pd.DataFrame({"stage": facts["stage"].to_numpy(dtype="int64", na_value=-1), "amount": amounts,
                             "weighted": weighted_amounts(book)})[is_open]
    by_stage = by_stage.groupby("stage", sort=False).agg(count=("amount", "size"), value=("amount", "sum"),
                                                         weighted=("weighted", "sum"))
    open_stages = stages[stages["kind"] == "open"].sort_values("order", kind="stable")
    table = pd.DataFrame({"stage": open_stages["stage"].to_numpy(),
                          "probability": open_stages["probability"].to_numpy()})
    for column in ("count", "value", "weighted"):
        table[column] = by_stage[column].reindex(open_stages.index).fillna(0).astype("int64").astype("Int64").array
    return table


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**16), deals=st.integers(1, 300))
def test_the_open_pipeline_by_stage_equals_the_groupby(seed, deals):
    book = demo_book(as_of=date(2026, 6, 30), deals=deals, seed=seed).snapshot()
    pd.testing.assert_frame_equal(open_pipeline(book)["stages"], reference_stages(book), check_exact=True)


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_latest_segment_equals_a_search_of_every_segment(seed):
    """A rep's segment starting last on or before a day: by rep id for reps with one segment,
    searched for reps with several, as one search among all segments finds it."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 12))
    rep, first = rng.integers(1, 6, n).astype("int64"), rng.integers(0, 400, n).astype("int64")
    rep, first = rep[np.lexsort((first, rep))], first[np.lexsort((first, rep))]
    keep = np.r_[True, (rep[1:] != rep[:-1]) | (first[1:] != first[:-1])] if n else np.zeros(0, bool)
    rep, first = rep[keep], first[keep]
    seg = {"rep": rep, "first": first, "key": rep * _SPAN + first}
    seg["reps"], seg["first_of"], seg["count_of"] = np.unique(rep, return_index=True, return_counts=True)
    asked, day = rng.integers(0, 8, 50).astype("int64"), rng.integers(0, 450, 50).astype("int64")
    at = np.searchsorted(seg["key"], asked * _SPAN + day, "right") - 1
    expected = np.where((at >= 0) & (rep[np.maximum(at, 0)] == asked), at, -1) if len(rep) else np.full(50, -1)
    assert _latest(seg, asked, day).tolist() == expected.tolist()


def reference_year_to_date(book, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """The year to date per rep and team as pandas groupbys made it."""
    from datetime import timedelta

    from planner.core.attainment import credit_lines, quota_amounts, ratio
    from planner.core.team_quotas import rolled_up, team_quota_amounts

    months = [f"{as_of.year}-{month:02d}" for month in range(1, as_of.month + 1)]
    lines = credit_lines(book)
    start, end = pd.Timestamp(date(as_of.year, 1, 1)), pd.Timestamp(as_of + timedelta(days=1))
    credited = lines[((lines["date"] >= start) & (lines["date"] < end)).to_numpy(dtype=bool, na_value=False)] \
        .groupby("rep")["amount"].sum()

    def quota(series: pd.Series) -> pd.Series:
        return series[series.index.get_level_values(1).isin(months)].groupby(level=0).sum() if len(series) \
            else pd.Series(dtype="int64")

    reps = book["Reps"]
    rep_quota = quota(quota_amounts(book, "rep"))
    ids = reps.index[reps.index.isin(rep_quota.index) | reps.index.isin(credited.index)]
    rep_rows = pd.DataFrame({"rep": pd.array(ids, dtype="Int64"), "team": reps["team"].reindex(ids).array,
                             "quota": rep_quota.reindex(ids).astype("Int64").array,
                             "credited": credited.reindex(ids).fillna(0).astype("Int64").array})
    rep_rows["attainment"] = ratio(rep_rows["credited"], rep_rows["quota"])
    teams = book["Teams"].index
    team_rows = pd.DataFrame({
        "team": pd.array(teams, dtype="Int64"),
        "quota": quota(team_quota_amounts(book)).reindex(teams).astype("Int64").array,
        "credited": rolled_up(rep_rows.dropna(subset=["team"]).groupby("team")["credited"].sum().astype("int64"),
                              book["Teams"]).reindex(teams).fillna(0).astype("Int64").array})
    team_rows["attainment"] = ratio(team_rows["credited"], team_rows["quota"])
    with_quota = rep_rows[rep_rows["quota"].notna().to_numpy(dtype=bool)]
    total_quota, total_credited = int(with_quota["quota"].sum()), int(with_quota["credited"].sum())
    return rep_rows, team_rows, {"quota": total_quota, "credited": total_credited,
                                 "attainment": total_credited / total_quota if total_quota > 0 else None}


def varied_book(seed: int, deals: int):
    """A small demo book where some reps have no quota and some are in no team."""
    from planner.core.changes import DeleteRows

    book = demo_book(as_of=date(2026, 6, 30), deals=deals, seed=seed)
    busiest = book["Deals"]["owner"].value_counts().index[:4].astype("int64")  # reps with credit every year
    quotas = book["Quotas"]
    book.apply(DeleteRows("Quotas", quotas.index[quotas["rep"].isin(busiest[:2]).to_numpy(dtype=bool, na_value=False)]
                          .to_numpy()), check=False)
    for rep in busiest[1:3]:
        edited(book, "Reps", int(rep), team=pd.NA)
    return book.snapshot()


@pytest.mark.parametrize("seed, deals, as_of", [(1, 300, date(2026, 6, 30)), (2, 120, date(2026, 2, 10)),
                                                (3, 250, date(2025, 11, 3)), (4, 200, date(2026, 3, 31))])
def test_the_year_to_date_equals_the_groupbys(seed, deals, as_of):
    from planner.core.pacing import _year_to_date

    book = varied_book(seed, deals)
    mine, theirs = _year_to_date(book, as_of), reference_year_to_date(book, as_of)
    assert theirs[0]["quota"].isna().any() and theirs[0]["team"].isna().any()
    for got, expected in zip(mine[:2], theirs[:2]):
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert mine[2] == theirs[2]


def test_a_missing_reference_is_named_by_no_row_even_beside_a_provisional_row_minus_one():
    """A what-if's new rows have provisional ids below 0, -1 among them: a missing rep is never
    taken for one (shown names by row_positions, which masks what is missing)."""
    from planner.core.shown import _named

    book = Frames(Reps=pd.DataFrame({"id": ["S-new", "S01"]}, index=pd.Index([-1, 5], dtype="int64")))
    named = _named(book, pd.Series([5, None, -1, 7], dtype="Int64"), "Reps", "id")
    assert named.fillna("none").tolist() == ["S01", "none", "S-new", "none"]
