"""team_quotas._rule without any own Quotas row of the teams (each period is the members'
sum: the common case, taken on a short path) against the general rule, on random members'
quotas: the general rule is run with one own row of a team that has no members, which
changes nothing of the other teams."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.team_quotas import _EMPTY, _rule

LABELS = [*(f"2026-{m:02d}" for m in range(1, 13)), "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026", "2025-Q4"]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_members_sums_equal_the_general_rule(seed):
    rng = np.random.default_rng(seed)
    pairs = sorted({(int(team), str(label)) for team, label in zip(rng.integers(1, 4, 30), rng.choice(LABELS, 30))})
    members = pd.Series(rng.integers(0, 10**9, len(pairs)), dtype="int64", name="amount",
                        index=pd.MultiIndex.from_tuples(pairs, names=["key", "period"]))
    other = pd.Series([5], dtype="int64", index=pd.MultiIndex.from_tuples([(99, "2026-01")], names=["key", "period"]))
    unsplit = {(1, "2026-Q1")} if seed % 2 else set()
    general = _rule(other, members, unsplit)
    general = general[general.index.get_level_values(0) != 99]
    short = _rule(_EMPTY, members, unsplit)
    assert short.to_dict() == general.to_dict()
    assert list(short.index) == list(general.index)  # months, then quarters, then years, each sorted
