"""core/sorting.lexsort gives np.lexsort's order: keys of any sign and width, ties kept in order,
keys too wide for one number sorted by np.lexsort itself."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.sorting import lexsort


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_packed_order_equals_lexsort(seed):
    rng = np.random.default_rng(seed)
    n, count = int(rng.integers(0, 400)), int(rng.integers(1, 5))
    keys = []
    for _ in range(count):
        width = int(rng.choice([1, 3, 12, 40, 62]))  # few values (many ties) to too wide for one number
        low = -int(rng.integers(0, 2**min(width, 40)))
        keys.append(rng.integers(low, low + 2**width, n) if width < 62 else rng.integers(-2**62, 2**62, n))
    assert lexsort(keys).tolist() == np.lexsort(keys).tolist()


def test_no_rows():
    assert lexsort((np.zeros(0, "int64"), np.zeros(0, "int64"))).tolist() == []
