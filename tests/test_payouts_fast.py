"""The per-period lookups of payouts and commissions on numpy (issue 18) against the pandas
lookups they replaced, on random data: a (key, period) pair's value, a plan's columns, a
commission line group's tier or bonus columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.commissions import _source_columns
from planner.core.payouts import pair_values, plan_rows, plan_table
from planner.core.periods import Period

LABELS = ["2026-01", "2026-02", "2026-Q1", "2026-Q2", "2025", "2026"]


class Frames(dict):
    """A book's sheets with nothing cached: every lookup builds afresh."""

    def cached(self, key, build, depends=None, rowwise=False):
        return build()


def _ints(rng, n: int, low: int, high: int, missing: float) -> pd.arrays.IntegerArray:
    values = pd.array(rng.integers(low, high, n), dtype="Int64")
    values[rng.random(n) < missing] = pd.NA
    return values


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), level=st.sampled_from(["int64", "Int64"]))
def test_pair_values_equal_the_series_lookup(seed, level):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 30))
    pairs = sorted({(int(rng.integers(1, 12)), str(rng.choice(LABELS))) for _ in range(n)})
    index = pd.MultiIndex.from_arrays([pd.array([key for key, _ in pairs], dtype=level),
                                       pd.array([label for _, label in pairs], dtype="string")],
                                      names=["rep", "period"])
    series = pd.Series([int(v) for v in rng.integers(-10**12, 10**12, len(pairs))], index=index,
                       dtype=rng.choice(["object", "int64"]))
    parts = [Period.parse(label) for label in rng.choice(LABELS + ["2024-Q3"], int(rng.integers(1, 4)))]
    m = int(rng.integers(0, 40))
    ids, part = rng.integers(0, 14, m).astype("int64"), rng.integers(0, len(parts), m).astype("int64")
    got, found = pair_values(Frames(), ("x",), lambda: series, parts, ids, part)
    expected = [series.get((int(key), parts[p].label)) for key, p in zip(ids, part)]
    assert got.dtype == "int64" and found.tolist() == [value is not None for value in expected]
    assert got.tolist() == [0 if value is None else int(value) for value in expected]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_plan_table_equals_the_plans_sheet_reindexed(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 8))
    ids = rng.choice(np.arange(100, 200), n, replace=False).astype("int64")
    plans = pd.DataFrame({"period": pd.array(rng.choice(["month", "quarter", "year"], n), dtype="string"),
                          "cap": _ints(rng, n, 0, 10**9, 0.5), "clawback_days": _ints(rng, n, 0, 400, 0.5)},
                         index=pd.Index(ids, name="row_id"))
    asked = rng.choice(np.r_[ids, [1, 999]], int(rng.integers(0, 20))).astype("int64")
    table, at = plan_table(Frames(Plans=plans)), plan_rows(Frames(Plans=plans), asked)
    found = plans.reindex(asked)
    assert table["kind"][at].tolist() == [None if pd.isna(k) else k for k in found["period"]]
    assert table["has_cap"][at].tolist() == found["cap"].notna().tolist()
    assert table["cap"][at].tolist() == found["cap"].fillna(0).astype("int64").tolist()
    assert table["has_clawback"][at].tolist() == found["clawback_days"].notna().tolist()
    assert table["clawback_days"][at].tolist() == found["clawback_days"].fillna(0).astype("int64").tolist()
    months = found["period"].map({"month": 1, "quarter": 3, "year": 12}).fillna(0)
    assert table["months"][at].tolist() == months.tolist()
    assert table["in_order"].tolist() == plans["period"].tolist()


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_line_groups_show_their_tier_or_bonus_as_reindexed(seed):
    rng = np.random.default_rng(seed)
    t, b = int(rng.integers(0, 6)), int(rng.integers(0, 4))
    tiers = pd.DataFrame({"from": _ints(rng, t, 0, 2_000_000, 0.2), "to": _ints(rng, t, 0, 2_000_000, 0.4),
                          "rate": _ints(rng, t, 0, 200_000, 0.2),
                          "method": pd.array(rng.choice(["marginal", "retroactive", None], t), dtype="string")},
                         index=pd.Index(np.arange(10, 10 + t), name="row_id"))
    bonuses = pd.DataFrame({"from": _ints(rng, b, 0, 2_000_000, 0.3)}, index=pd.Index(np.arange(50, 50 + b)))
    n = int(rng.integers(0, 25))
    kind = rng.integers(0, 3, n)  # 0: a tier's group, 1: a bonus's, 2: another rule's
    source = np.where(kind == 2, -1, rng.choice(np.r_[tiers.index, bonuses.index, [7]], n)).astype("int64")
    got = _source_columns(Frames(PlanTiers=tiers, PlanBonuses=bonuses), source, kind == 0, kind == 1)

    def of(table: pd.DataFrame, column: str, chosen: np.ndarray) -> list:
        values = table[column].reindex(source)
        return [value if keep and not pd.isna(value) else None for value, keep in zip(values.tolist(), chosen)]

    def listed(values) -> list:
        return [None if pd.isna(value) else value for value in values.tolist()]

    starts = [tier if k == 0 else bonus
              for tier, bonus, k in zip(of(tiers, "from", kind == 0), of(bonuses, "from", kind == 1), kind)]
    assert listed(got["from"]) == starts
    for column in ("to", "rate", "method"):
        assert listed(got[column]) == of(tiers, column, kind == 0)
    assert str(got["method"].dtype) == "string" and str(got["rate"].dtype) == "Int64"


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_flat_plans_equal_the_groupby(seed):
    from planner.core.statements import flat_plans

    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 10))
    tiers = pd.DataFrame({"plan": _ints(rng, n, 100, 104, 0.1), "from": _ints(rng, n, 0, 3, 0.3) * 500_000,
                          "to": _ints(rng, n, 1, 3, 0.6) * 500_000})
    bounded = tiers["from"].fillna(0).ne(0) | tiers["to"].notna()
    counts = tiers.groupby("plan").size()
    assert flat_plans(tiers) == set(counts[counts == 1].index) - set(tiers.loc[bounded, "plan"])
