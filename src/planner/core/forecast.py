"""Forecasts for a period: stage-weighted and by forecast category (product.md, seed 001)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.metrics import weighted_amounts
from planner.core.periods import Period


def forecast(facts: pd.DataFrame, period: Period, rounding: str) -> dict[str, int]:
    """Money in minor units.

    - ``won``: amount of deals won (closed with a won stage) in the period;
    - ``weighted``: won + Σ amount × stage probability of open deals expected to close in
      the period (each deal's share rounded once);
    - ``commit``: won + open *commit* deals expected in the period;
    - ``best_case``: commit + open *best_case* deals expected in the period;
    - ``pipeline``: won + every open deal expected in the period, except *omitted* ones.
    """
    amounts = facts["amount"].to_numpy(dtype=object, na_value=0)
    won = ((facts["kind"] == "won") & period.mask(facts["closed"])).to_numpy(dtype=bool, na_value=False)
    expected = ((facts["kind"] == "open") & period.mask(facts["expected_close"])).to_numpy(dtype=bool, na_value=False)
    category = facts["forecast_category"].to_numpy(dtype=object)

    def open_sum(mask: np.ndarray) -> int:
        return int(amounts[expected & mask].sum())

    won_value = int(amounts[won].sum())
    open_weighted = int(weighted_amounts(facts, rounding)[expected].sum())
    commit = won_value + open_sum(category == "commit")
    return {
        "won": won_value,
        "open_weighted": open_weighted,
        "weighted": won_value + open_weighted,
        "commit": commit,
        "best_case": commit + open_sum(category == "best_case"),
        "pipeline": won_value + open_sum(category != "omitted"),
    }
