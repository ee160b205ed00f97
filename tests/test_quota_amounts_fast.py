"""attainment._quota_amounts on numbers against the pandas form it replaced, on random Quotas
rows mixing months, quarters and years (a period's own row wins over the sum of its parts)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.attainment import _quota_amounts
from planner.core.periods import Period


def reference(book, who: str) -> pd.Series:
    quotas = book["Quotas"].dropna(subset=[who, "period", "amount"])
    codes, labels = pd.factorize(quotas["period"])
    periods = [Period.of(label) for label in labels]
    frame = pd.DataFrame({
        "key": quotas[who].to_numpy(dtype="int64"),
        "kind": np.array([p.kind for p in periods], dtype=object)[codes],
        "period": quotas["period"].to_numpy(dtype=object),
        "parent_quarter": np.array([Period.containing(p.start, "quarter").label for p in periods], dtype=object)[codes],
        "amount": quotas["amount"].astype("int64").to_numpy(),
    })

    def level(kind: str) -> pd.Series:
        return frame[frame["kind"] == kind].groupby(["key", "period"])["amount"].sum()

    months = level("month")
    month_parents = frame[frame["kind"] == "month"].groupby(["key", "parent_quarter"])["amount"].sum()
    quarters = level("quarter").combine_first(month_parents.rename_axis(["key", "period"]))
    quarter_years = quarters.rename(lambda label: label[:4], level="period").groupby(level=[0, 1]).sum()
    years = level("year").combine_first(quarter_years)
    return pd.concat([months, quarters, years]).astype("int64")


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_quota_amounts_equal_the_pandas_form(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 40))
    labels = [*(f"2026-{m:02d}" for m in range(1, 13)), "2026-Q1", "2026-Q3", "2025-Q4", "2026", "2025", "2027-02"]
    kinds = rng.random(n)
    rep = pd.array(rng.integers(1, 4, n), dtype="Int64")
    rep[kinds < 0.1] = pd.NA
    quotas = pd.DataFrame({"rep": rep, "team": pd.array(rng.integers(1, 3, n), dtype="Int64"),
                           "period": pd.array(rng.choice(labels, n), dtype="string"),
                           "amount": pd.array(rng.integers(0, 10**9, n), dtype="Int64")})
    for who in ("rep", "team"):
        pd.testing.assert_series_equal(_quota_amounts({"Quotas": quotas}, who), reference({"Quotas": quotas}, who))


def test_no_quotas():
    quotas = pd.DataFrame({"rep": pd.array([], dtype="Int64"), "team": pd.array([], dtype="Int64"),
                           "period": pd.array([], dtype="string"), "amount": pd.array([], dtype="Int64")})
    pd.testing.assert_series_equal(_quota_amounts({"Quotas": quotas}, "rep"), reference({"Quotas": quotas}, "rep"))
