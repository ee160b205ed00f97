"""attainment._credit_lines (whole deals credited their amount, only split deals allocated,
lines put together on numpy) against the pandas form it replaced, on random won, cancelled and
split deals."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.attainment import _credit_lines, allocate
from planner.core.money import RATIO_SCALE


def reference(facts: pd.DataFrame, splits: pd.DataFrame) -> pd.DataFrame:
    won = facts[(facts["kind"] == "won") & facts["closed"].notna()]
    split = splits[["deal_id", "rep", "share"]].reset_index(drop=True)
    split = split[split["deal_id"].isin(won.index).to_numpy(dtype=bool, na_value=False)]
    alone = ~won.index.isin(split["deal_id"])
    whole = pd.DataFrame({"deal_id": pd.array(won.index[alone], dtype="Int64"), "rep": won["rep"][alone].to_numpy(),
                          "share": RATIO_SCALE})
    shares = pd.concat([whole, split], ignore_index=True).merge(
        won[["amount", "closed", "cancelled"]], left_on="deal_id", right_index=True)
    credited = allocate(shares["deal_id"], shares["amount"], shares["share"])
    lines = pd.DataFrame({"deal_id": shares["deal_id"], "rep": shares["rep"], "share": shares["share"],
                          "date": shares["closed"], "amount": credited, "reason": "won"})
    cancelled = shares["cancelled"].notna().to_numpy()
    reversals = pd.DataFrame({"deal_id": shares["deal_id"][cancelled], "rep": shares["rep"][cancelled],
                              "share": shares["share"][cancelled], "date": shares["cancelled"][cancelled],
                              "amount": -credited[cancelled], "reason": "cancelled"})
    return pd.concat([lines, reversals], ignore_index=True)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_credit_lines_equal_the_pandas_form(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 30))
    day = lambda: pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 90, n), unit="D")  # noqa: E731
    facts = pd.DataFrame({
        "rep": pd.array(rng.integers(1, 5, n), dtype="Int64"),
        "kind": pd.array(rng.choice(["open", "won", "lost", None], n, p=[0.2, 0.6, 0.1, 0.1]), dtype="string"),
        "amount": pd.array(rng.integers(0, 10**int(rng.integers(1, 12)), n), dtype="Int64"),
        "closed": pd.Series(day()).where(rng.random(n) < 0.9).astype("datetime64[ns]").to_numpy(),
        "cancelled": pd.Series(day()).where(rng.random(n) < 0.3).astype("datetime64[ns]").to_numpy(),
    }, index=pd.Index(rng.permutation(1000)[:n], dtype="int64", name="row_id"))
    rows = []
    for deal in facts.index[rng.random(n) < 0.4]:
        parts = int(rng.integers(1, 4))
        shares = [RATIO_SCALE // parts] * parts if rng.random() < 0.5 else \
            list(np.diff(np.r_[0, np.sort(rng.integers(0, RATIO_SCALE, parts - 1)), RATIO_SCALE]))
        rows += [(int(deal), int(rng.integers(1, 5)), int(share)) for share in shares]
    rows.append((99999, 1, RATIO_SCALE))  # a split of a deal that is not there
    splits = pd.DataFrame(rows, columns=["deal_id", "rep", "share"]).astype("Int64")
    splits = splits.iloc[rng.permutation(len(splits))]
    pd.testing.assert_frame_equal(_credit_lines(facts, splits), reference(facts, splits))
    kinds = facts["kind"].astype("category")  # the kinds as codes (deal_rules.deal_kinds): the same lines
    pd.testing.assert_frame_equal(_credit_lines(facts, splits, kinds), reference(facts, splits))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), kind=st.sampled_from(["month", "quarter", "year"]))
def test_credit_summed_by_period_equals_the_groupby(seed, kind):
    from planner.core.attainment import _summed_by
    from planner.core.periods import period_labels

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 40))
    big = 2**62 if seed % 4 == 0 else 10**6  # sums beyond int64 on Python integers
    rep = pd.array(rng.integers(1, 5, n), dtype="Int64")
    rep[rng.random(n) < 0.1] = pd.NA
    dates = (pd.Timestamp("2025-11-01") + pd.to_timedelta(rng.integers(0, 500, n), unit="D")).astype("datetime64[ns]")
    lines = pd.DataFrame({"rep": rep, "date": pd.Series(dates).where(rng.random(n) < 0.9).to_numpy(),
                          "amount": np.array([int(v) for v in rng.integers(-big, big, n, dtype="int64")], dtype=object)})
    expected = lines.assign(period=period_labels(lines["date"], kind)).groupby(["rep", "period"])["amount"].sum()
    pd.testing.assert_series_equal(_summed_by(lines, kind), expected)
