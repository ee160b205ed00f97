"""Forecasts for a period: stage-weighted and by forecast category (product.md, seed 001)."""

from __future__ import annotations

import numpy as np

from planner.core.facts import deal_arrays, weighted_amounts, within
from planner.core.periods import Period


def forecast(book, period: Period) -> dict[str, int]:
    """Money in minor units.

    - ``won``: amount of deals won (closed with a won stage) in the period;
    - ``weighted``: won + Σ amount × stage probability of open deals expected to close in
      the period (each deal's share rounded once);
    - ``commit``: won + open *commit* deals expected in the period;
    - ``best_case``: commit + open *best_case* deals expected in the period;
    - ``pipeline``: won + every open deal expected in the period, except *omitted* ones.
    """
    deals = deal_arrays(book)
    amounts, category = deals["amount"], deals["category"]
    won = deals["won"] & within(deals["closed"], period)
    expected = deals["open"] & within(deals["expected_close"], period)

    def open_sum(mask: np.ndarray) -> int:
        return int(amounts[expected & mask].sum())

    won_value = int(amounts[won].sum())
    open_weighted = int(weighted_amounts(book)[expected].sum())
    commit = won_value + open_sum(category == "commit")
    return {
        "won": won_value,
        "open_weighted": open_weighted,
        "weighted": won_value + open_weighted,
        "commit": commit,
        "best_case": commit + open_sum(category == "best_case"),
        "pipeline": won_value + open_sum(category != "omitted"),
    }
