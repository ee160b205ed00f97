"""The backtest (core/backtest.py, issue 19) computed by hand on the fixture book with its stage history."""

from __future__ import annotations

from fractions import Fraction

import pytest

from fixtures import rebuilt, small_book
from planner.core.backtest import backtest, periods_between
from planner.core.errors import PlannerError
from planner.core.periods import Period
from test_point_in_time import with_history

FEB = Period.parse("2026-02")


@pytest.fixture(scope="module")
def dated():
    return rebuilt(small_book(), with_history).snapshot()


def test_a_month_backtested_by_hand(dated):
    """February 2026, actual: D3 20,000 (won 02-01) + D5 9,000 (02-10) = 29,000.

    Lead 0, the book as of 02-01: D10-D12 not created yet; won in February so far D3 20,000.
    Open and expected in February: D5 9,000 Prospect (0.1, its 01-10 row), D7 4,000 Proposal
    (0.5), D8 3,000 Prospect, D13 1,000 Prospect (commit), D14 2,500 Proposal (omitted).
    - weighted 20,000 + 900 + 2,000 + 300 + 100 + 1,250 = 24,550
    - commit = best case 20,000 + 1,000 = 21,000; pipeline 20,000 + 9,000 + 4,000 + 3,000 + 1,000 = 37,000
    - historical: won Nov-Jan by 02-01, D1 7,000 + D2 5,000 + D6 2,000 = 14,000 ÷ 3 = 4,666.67
    - cycle length: won cycles D1 40, D2 36, D3 92, D6 10 days = 178 over 4; ages on 02-01 D5 22,
      D7 31, D8 0, D13 43, D14 12 days; share min(age × 4, 178) ÷ 178: 9,000 × 88/178 = 4,449.44,
      4,000 × 124/178 = 2,786.52, 0, 1,000 × 172/178 = 966.29, 2,500 × 48/178 = 674.16 (each in
      cents half up) -> 20,000 + 8,876.41 = 28,876.41.
    Accuracy = 1 − |f − 29,000| ÷ 29,000: weighted 24,550/29,000, commit and pipeline 21,000/29,000,
    historical 4,666.67/29,000, cycle length 28,876.41/29,000 (the best).

    Lead 1, as of 01-01: only D1, D2, D3, D7, D13 exist, all open; expected in February D7 4,000
    Proposal and D13 1,000 Prospect (commit): weighted 2,100, commit 1,000, pipeline 5,000;
    historical 0 (nothing won Nov-Jan by then); cycle length none (no won deal to learn from)."""
    result = backtest(dated, FEB, FEB)
    lead0 = result.lines[result.lines["lead"] == 0].set_index("method")
    assert lead0["made_on"].iloc[0].date().isoformat() == "2026-02-01"
    assert dict(lead0["forecast"].astype(int)) == {
        "weighted": 2_455_000, "commit": 2_100_000, "best_case": 2_100_000, "pipeline": 3_700_000,
        "historical": 466_667, "cycle_length": 2_887_641}
    assert set(lead0["actual"]) == {2_900_000}
    assert lead0.loc["weighted", "accuracy"] == pytest.approx(24_550 / 29_000)
    assert lead0.loc["pipeline", "accuracy"] == pytest.approx(21_000 / 29_000)
    assert lead0.loc["cycle_length", "accuracy"] == pytest.approx(2_887_641 / 2_900_000)
    assert list(lead0.index[lead0["best"] == 1]) == ["cycle_length"]
    lead1 = result.lines[result.lines["lead"] == 1].set_index("method")
    assert lead1["made_on"].iloc[0].date().isoformat() == "2026-01-01"
    assert lead1["forecast"].isna()["cycle_length"] and lead1["accuracy"].isna()["cycle_length"]
    assert dict(lead1["forecast"].dropna().astype(int)) == {
        "weighted": 210_000, "commit": 100_000, "best_case": 100_000, "pipeline": 500_000, "historical": 0}
    summary = result.methods[result.methods["lead"] == 0].set_index("method")
    assert list(summary.index)[0] == "cycle_length"  # most accurate first
    # bias (24,550 − 29,000) ÷ 29,000; MAPE 4,450 ÷ 29,000
    assert summary.loc["weighted", "bias"] == pytest.approx(-4_450 / 29_000)
    assert summary.loc["weighted", "mape"] == pytest.approx(4_450 / 29_000)
    assert summary.loc["pipeline", "bias"] == pytest.approx(8_000 / 29_000)
    assert summary.loc["cycle_length", "best"] == 1 and summary.loc["weighted", "best"] == 0


def test_two_months_average_and_count_the_best(dated):
    """January and February at lead 0: each method's average is the mean of its two exact
    accuracies, and the times best add up over the months (a tie counts for each)."""
    result = backtest(dated, Period.parse("2026-01"), FEB, leads=(0,))
    lines = result.lines
    for method, row in result.methods.set_index("method").iterrows():
        mine = lines[(lines["method"] == method) & lines["accuracy"].notna()]
        assert row["periods"] == len(mine)
        assert row["accuracy"] == pytest.approx(float(sum(Fraction(a) for a in mine["accuracy"]) / len(mine)))
        assert row["best"] == int(mine["best"].sum())
    assert lines.groupby("period")["best"].sum().min() >= 1


def test_by_rep_and_team_add_up_to_the_company_actual(dated):
    by_rep = backtest(dated, FEB, FEB, leads=(0,), by="rep")
    actual = by_rep.lines.groupby("group")["actual"].first()
    assert dict(actual.astype(int)) == {"R1": 0, "R2": 2_000_000, "R3": 900_000}  # D3 (R2), D5 (R3)
    by_team = backtest(dated, FEB, FEB, leads=(0,), by="team")
    assert dict(by_team.lines.groupby("group")["actual"].first().astype(int)) == {"Seoul": 900_000,
                                                                               "Tokyo": 2_000_000}
    weighted = by_rep.lines[by_rep.lines["method"] == "weighted"]["forecast"].astype(int).sum()
    assert weighted == 2_455_000  # the company's, deal by deal


@pytest.mark.parametrize("first, last", [("2026-03", "2026-01"), ("2026-01", "2026-Q1"), ("2026", "2026")])
def test_a_wrong_range_is_one_clear_error(first, last):
    with pytest.raises(PlannerError):
        periods_between(Period.parse(first), Period.parse(last))
