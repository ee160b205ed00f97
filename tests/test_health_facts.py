"""The stage-history facts (core/health.py), computed with numpy on the sorted history, against
plain pandas references (the groupby forms they replaced) on random histories: shuffled rows,
ties on a day, repeated stages, missing dates, days that are not whole, deals without history."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures import rebuilt
from planner.core.demo import demo_book
from planner.core.facts import deal_facts
from planner.core.health import _order, _won_stints, deal_health, history, slip_counts, stage_entered, won_stage_days
from planner.core.metrics import _ranks, furthest_stage


@pytest.fixture(scope="module")
def start():
    return demo_book(as_of=date(2026, 6, 30), deals=100)


def scrambled(book, seed: int):
    """``book`` with its stage history shuffled and changed at random (as a file could hold it)."""
    rng = np.random.default_rng(seed)

    def edit(frames):
        rows, deals = frames["StageHistory"], frames["Deals"]
        n = len(rows)
        stages = frames["Stages"]["stage"].to_numpy()
        days = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 40, n), unit="D")
        if seed % 3 == 0:  # hours in the day: not whole days
            days = days + pd.to_timedelta(rng.integers(0, 24, n), unit="h")
        for column, share, values in (("stage", 0.2, rng.choice(stages, n)),
                                      ("deal_id", 0.3, rng.choice(deals["id"].to_numpy(), n)),
                                      ("entered", 0.5, days), ("expected_close", 0.2 * (seed % 4 > 0), pd.NaT),
                                      ("entered", 0.05 * (seed % 2), pd.NaT),  # rows left out of the sort
                                      ("expected_close", 0.3, days + pd.Timedelta(days=30))):
            chosen = rng.random(n) < share
            rows.loc[chosen, column] = values if values is pd.NaT else values[chosen]
        frames["StageHistory"] = rows.iloc[rng.permutation(n)].reset_index(drop=True)
        frames["Deals"].loc[rng.random(len(deals)) < 0.2, "expected_close"] = pd.NaT
    return rebuilt(book, edit)


def reference_sorted(book) -> pd.DataFrame:
    rows = book["StageHistory"].assign(order=np.arange(len(book["StageHistory"])))
    rows = rows.dropna(subset=["deal_id", "stage", "entered"])
    rows = rows[rows["deal_id"].isin(book["Deals"].index)]
    return rows.sort_values(["deal_id", "entered", "order"], kind="stable")


def reference_entered(deals, rows) -> pd.Series:
    entries = rows[rows["entry"]]
    current = deals["stage"].reindex(entries["deal"]).to_numpy(dtype="float64", na_value=np.nan)
    latest = entries[entries["stage"].to_numpy() == current].groupby("deal")["entered"].max()
    return latest.reindex(deals.index).fillna(deals["created"]).astype("datetime64[ns]")


def reference_stints(deals, rows, stages) -> pd.Series:
    def of_kind(stage, kind):
        return stage.isin(stages.index[stages["kind"] == kind]).to_numpy(dtype=bool)
    won = deals.index[of_kind(deals["stage"], "won")]
    entries = rows[rows["entry"] & rows["deal"].isin(won)].reset_index(drop=True)
    following = entries.groupby("deal")["entered"].shift(-1)
    last_open = following.isna() & of_kind(entries["stage"], "open")
    closed = deals["closed"].reindex(entries["deal"]).to_numpy(dtype="datetime64[ns]")
    left = np.where(last_open.to_numpy(dtype=bool), closed, following.to_numpy(dtype="datetime64[ns]"))
    ended = ~np.isnat(left)
    stints = pd.DataFrame({"deal": entries["deal"][ended], "stage": entries["stage"][ended],
                           "days": (left[ended] - entries["entered"].to_numpy()[ended]) // np.timedelta64(1, "D")})
    return stints.groupby(["stage", "deal"])["days"].sum().clip(lower=0)


def reference_stage_days(stints: pd.Series) -> pd.DataFrame:
    by_stage = stints.groupby(level="stage").agg(["sum", "size"])
    return pd.DataFrame({"days": by_stage["sum"].astype("int64"), "deals": by_stage["size"].astype("int64")},
                        index=by_stage.index.rename("stage"))


def reference_slips(deals, rows) -> pd.Series:
    sequence = pd.concat([
        pd.DataFrame({"deal": rows["deal"], "expected_close": rows["expected_close"]}),
        pd.DataFrame({"deal": deals.index.to_numpy(dtype="int64"),
                      "expected_close": deals["expected_close"].to_numpy(dtype="datetime64[ns]")}),
    ], ignore_index=True)
    sequence = sequence.dropna(subset=["expected_close"]).sort_values("deal", kind="stable")
    later = sequence["expected_close"] > sequence.groupby("deal")["expected_close"].shift()
    return later.groupby(sequence["deal"]).sum().reindex(deals.index, fill_value=0).astype("int64")


def reference_furthest(book, deals, rows) -> np.ndarray:
    rank = _ranks(book)[1]
    reached = rows["stage"].map(rank).groupby(rows["deal"]).max()
    furthest = np.fmax(deals["stage"].map(rank).to_numpy(dtype="float64", na_value=np.nan),
                       reached.reindex(deals.index).to_numpy(dtype="float64", na_value=np.nan))
    return np.nan_to_num(furthest, nan=0).astype("int64").clip(min=0)


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_numpy_facts_equal_the_pandas_references(start, seed):
    book = scrambled(start, seed).snapshot()
    rows, deals = history(book), book["Deals"]
    expected = reference_sorted(book)
    assert rows["order"].tolist() == expected["order"].tolist()
    assert rows["deal"].tolist() == expected["deal_id"].astype("int64").tolist()
    assert (rows["entered"].to_numpy() == expected["entered"].to_numpy()).all()
    pd.testing.assert_series_equal(stage_entered(book), reference_entered(deals, rows))
    pd.testing.assert_series_equal(_won_stints(book), reference_stints(deals, rows, book["Stages"]))
    pd.testing.assert_frame_equal(won_stage_days(book), reference_stage_days(_won_stints(book)))
    assert furthest_stage(book)[1].tolist() == reference_furthest(book, deals, rows).tolist()
    pd.testing.assert_series_equal(slip_counts(book), reference_slips(deals, rows))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_packed_sort_equals_lexsort(seed):
    """_order packs (deal, day, position) into one int64 only when the days are whole; times in
    the day, deals of any size and rows in any order go to np.lexsort: both give its order."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 300))
    deal = rng.integers(0, 2 ** int(rng.integers(1, 40)), n)
    unit = 86_400 * 10**9 if seed % 3 else int(rng.choice([1, 3_600 * 10**9, 86_400 * 10**9 + 1]))
    entered = 1_700_000_000 * 10**9 + rng.integers(0, 30, n) * unit
    at = np.sort(rng.choice(10 * n + 1, n, replace=False)) if seed % 5 else rng.permutation(n)
    order, deals, days = _order(deal, entered, at)
    expected = np.lexsort((at, entered, deal))
    assert order.tolist() == expected.tolist()
    assert deals.tolist() == deal[expected].tolist() and days.tolist() == entered[expected].tolist()


def reference_health(book, day) -> pd.DataFrame:
    """deal_health as it was: Series aligned on the deals' index, reindexed, set after."""
    deals, stages = book["Deals"], book["Stages"]
    is_open = (deals["stage"].map(stages["kind"]) == "open").to_numpy(dtype=bool, na_value=False)
    today = np.datetime64(day, "ns")
    entered = stage_entered(book)[is_open]
    delta = today - entered.to_numpy(dtype="datetime64[ns]")
    dated = ~np.isnat(delta)
    days = (np.where(dated, delta, np.timedelta64(0, "ns")) // np.timedelta64(1, "D")).astype("int64").clip(min=0)
    stage = deals["stage"][is_open]
    baseline = won_stage_days(book).reindex(stage.to_numpy())
    total = baseline["days"].to_numpy(dtype="float64", na_value=np.nan)
    count = baseline["deals"].to_numpy(dtype="float64", na_value=np.nan)
    known = ~np.isnan(count) & (count > 0)
    stalled = known & dated & (days * np.nan_to_num(count) * 2 > 3 * np.nan_to_num(total))
    expected = deals["expected_close"][is_open].to_numpy(dtype="datetime64[ns]")
    overdue = ~np.isnat(expected) & (expected < today)
    slips = slip_counts(book)[is_open].to_numpy()
    frame = pd.DataFrame({
        "id": deals["id"][is_open].astype("string"), "stage": stage.map(stages["stage"]).astype("string"),
        "entered_stage": entered, "days_in_stage": pd.array(np.where(dated, days, 0), dtype="Int64"),
        "won_avg_days": pd.array(np.where(known, total / np.where(known, count, 1), np.nan), dtype="Float64"),
        "stalled": stalled, "slips": slips.astype("int64"), "overdue": overdue, "slipped": (slips >= 2) | overdue,
    }, index=deals.index[is_open])
    frame.loc[~known, "won_avg_days"] = pd.NA
    frame.loc[~dated, "days_in_stage"] = pd.NA
    return frame


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), day=st.dates(date(2024, 6, 1), date(2027, 6, 1)))
def test_deal_health_equals_the_pandas_form(start, seed, day):
    def unnamed(frames):  # some deals without a created date or a stage, a stage no won deal was in
        rng = np.random.default_rng(seed)
        deals = frames["Deals"]
        deals.loc[rng.random(len(deals)) < 0.1, "created"] = pd.NaT
        deals.loc[rng.random(len(deals)) < 0.05, "stage"] = None
    book = rebuilt(scrambled(start, seed), unnamed).snapshot()
    pd.testing.assert_frame_equal(deal_health(book, day), reference_health(book, day))


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_deal_facts_equal_the_mapped_form(start, seed):
    """deal_facts' kind and probability looked up by stage id, as a map of the stages gave them."""
    def unstaged(frames):
        rng = np.random.default_rng(seed)
        frames["Deals"].loc[rng.random(len(frames["Deals"])) < 0.1, "stage"] = None
        frames["Stages"].loc[rng.random(len(frames["Stages"])) < 0.3, "probability"] = None
    book = rebuilt(start, unstaged).snapshot()
    facts, deals, stages = deal_facts(book), book["Deals"], book["Stages"]
    pd.testing.assert_series_equal(facts["kind"], deals["stage"].map(stages["kind"]).astype("string"),
                                   check_names=False)
    pd.testing.assert_series_equal(facts["probability"], deals["stage"].map(stages["probability"]).astype("Int64"),
                                   check_names=False)


def test_a_deal_without_a_stage_never_entered_a_stage_of_id_minus_one(start):
    """A what-if's new rows have provisional ids below 0, -1 among them: a deal whose stage is
    missing is in none of them, whatever its history says."""
    from planner.core.book import Book

    frames = {name: start[name].copy() for name in start._frames}
    deal = int(frames["Deals"].index[0])
    frames["Stages"] = pd.concat([frames["Stages"], frames["Stages"].iloc[[0]].set_axis(
        pd.Index([-1], name=frames["Stages"].index.name)).assign(stage="New")])
    frames["Deals"]["stage"] = frames["Deals"]["stage"].astype("Int64")
    frames["Deals"].loc[deal, "stage"] = pd.NA
    history = frames["StageHistory"]
    frames["StageHistory"] = pd.concat([history, history.iloc[[0]].set_axis(pd.Index(
        [int(max(f.index.max() for f in frames.values() if len(f))) + 1], name=history.index.name)).assign(
        deal_id=deal, stage=-1, entered=pd.Timestamp("2026-05-05"))]).astype(history.dtypes)
    book = Book.restored(frames, {name: np.arange(1.0, len(f) + 1) for name, f in frames.items()}, {}, {},
                         {name: pd.Series(1, index=f.index, dtype="int64") for name, f in frames.items()},
                         max(int(f.index.max()) for f in frames.values() if len(f)) + 1)
    assert stage_entered(book)[deal] == frames["Deals"].loc[deal, "created"]
