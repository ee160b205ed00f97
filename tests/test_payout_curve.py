"""The payout curve of a plan (core/payout_curve.py): the engine run on a synthetic book, checked
against payouts computed by hand. Money in cents (USD), attainment in millionths."""

from __future__ import annotations

import pandas as pd
import pytest

from fixtures import small_book
from planner.core.errors import PlannerError
from planner.core.payout_curve import curve_credits, payout_curve, typical_quota
from planner.core.schema import ROW_ID

Q = 1_000_000  # a quota of $10,000.00


def plan_id(book, name: str) -> int:
    return int(book["Plans"].index[book["Plans"]["plan"] == name][0])


def paid(curve, credited: int) -> dict:
    row = curve.points.set_index("credited").loc[credited]
    return {"commission": int(row["commission"]), "bonus": int(row["bonus"]), "total": int(row["total"])}


def test_marginal_tiers_and_a_bonus_pay_as_computed_by_hand():
    # MARG: 0-50% at 2%, 50-100% at 5%, from 100% at 10%, all marginal; $500 bonus at 100%
    book = small_book()
    curve = payout_curve(book, plan_id(book, "MARG"), quota=Q)
    # 80%: $5,000 × 2% = $100, $3,000 × 5% = $150 -> $250
    assert paid(curve, 800_000) == {"commission": 25_000, "bonus": 0, "total": 25_000}
    # 100%: $100 + $5,000 × 5% = $350, and the $500 bonus -> $850
    assert paid(curve, 1_000_000) == {"commission": 35_000, "bonus": 50_000, "total": 85_000}
    # a cent below 100%: $100 + $4,999.99 × 5% = $249.9995 -> $349.9995, rounded once per line: $350.00, no bonus
    assert paid(curve, 999_999) == {"commission": 35_000, "bonus": 0, "total": 35_000}
    # 150%: $350 + $5,000 × 10% = $850, and the bonus -> $1,350
    assert paid(curve, 1_500_000) == {"commission": 85_000, "bonus": 50_000, "total": 135_000}


def test_retroactive_tiers_lift_everything_at_the_bound():
    # RETRO: 0-100% at 0%, from 100% at 10%, retroactive (the seed example: $10,000 target,
    # 10% once reached, $12,000 sold -> $1,200)
    book = small_book()
    curve = payout_curve(book, plan_id(book, "RETRO"), quota=Q)
    assert paid(curve, 800_000)["total"] == 0
    assert paid(curve, 999_999)["total"] == 0  # a cent short pays nothing
    assert paid(curve, 1_000_000)["total"] == 100_000  # $10,000 × 10%
    assert paid(curve, 1_200_000)["total"] == 120_000  # $1,200
    assert paid(curve, 1_500_000)["total"] == 150_000


def test_a_cap_flattens_the_commission_and_the_bonus_stays_above_it():
    book = small_book()
    marg = plan_id(book, "MARG")
    book.set_value("Plans", marg, "cap", 60_000)  # $600 per quarter
    curve = payout_curve(book, marg, quota=Q)
    assert paid(curve, 800_000)["total"] == 25_000  # under the cap
    # 150%: $850 of tiers capped at $600, plus the $500 bonus
    assert paid(curve, 1_500_000) == {"commission": 60_000, "bonus": 50_000, "total": 110_000}
    # the cap is reached at 125%: $350 + $2,500 × 10% = $600
    assert paid(curve, 1_260_000)["commission"] == 60_000
    assert paid(curve, 1_200_000)["commission"] == 55_000


def test_an_edited_rate_changes_the_curve():
    book = small_book()
    marg = plan_id(book, "MARG")
    top = int(book["PlanTiers"].index[(book["PlanTiers"]["plan"] == marg) & (book["PlanTiers"]["from"] == 1_000_000)][0])
    book.set_value("PlanTiers", top, "rate", 200_000)  # 20% above quota
    # 150%: $350 + $5,000 × 20% = $1,350, and the bonus
    assert paid(payout_curve(book, marg, quota=Q), 1_500_000)["total"] == 185_000


def test_the_points_include_each_bound_and_the_cent_below_it():
    book = small_book()
    credits = curve_credits(book, plan_id(book, "MARG"), Q).tolist()
    for bound in (500_000, 1_000_000):
        assert bound in credits and bound - 1 in credits
    assert credits[0] == 0 and credits[-1] == 2 * Q
    assert credits == sorted(set(credits))


def test_the_default_quota_is_that_of_the_reps_on_the_plan():
    book = small_book()
    # R2's quarter, $30,000, and R3's (from its months: 3 × $5,000): the median, $22,500
    assert typical_quota(book, plan_id(book, "MARG")) == 2_250_000
    assert typical_quota(book, plan_id(book, "RETRO")) == 1_000_000  # R1's months
    book.insert_rows("Plans", pd.DataFrame({"plan": ["NEW"], "period": ["month"]}))
    assert typical_quota(book, plan_id(book, "NEW")) == 1_000_000  # none: $10,000
    curve = payout_curve(book, plan_id(book, "NEW"))
    assert curve.quota == 1_000_000 and (curve.points["total"] == 0).all()  # no tier: nothing paid


def test_a_plan_with_a_half_typed_tier_has_no_curve_as_the_report_pays_nothing_on_it():
    book = small_book()
    marg = plan_id(book, "MARG")
    book.insert_rows("PlanTiers", pd.DataFrame({"plan": pd.array([marg], dtype="Int64"), "from": [1_200_000]}))
    assert book.problems()  # no rate, no method yet: the plan is left out of the report
    with pytest.raises(PlannerError, match="Plan MARG has a problem"):
        payout_curve(book, marg, quota=Q)
    assert paid(payout_curve(book, plan_id(book, "RETRO"), quota=Q), Q)["total"] == 100_000  # the others are drawn


def test_the_source_book_is_not_changed():
    book = small_book()
    revision, deals = book.revision, book["Deals"].copy()
    payout_curve(book, plan_id(book, "MARG"))
    assert book.revision == revision
    pd.testing.assert_frame_equal(book["Deals"], deals)
    assert book["Deals"].index.name == ROW_ID


def test_a_quota_of_zero_is_refused():
    book = small_book()
    with pytest.raises(ValueError):
        payout_curve(book, plan_id(book, "MARG"), quota=0)


def test_the_readme_example():
    # AE: monthly, marginal 2% to 50%, 6% to 100%, 10% to 150%, 14% above; $500 at 100%, $1,000 at 150%
    book = small_book()
    book.insert_rows("Plans", pd.DataFrame({"plan": ["AE"], "period": ["month"]}))
    ae = plan_id(book, "AE")
    book.insert_rows("PlanTiers", pd.DataFrame({
        "plan": pd.array([ae] * 4, dtype="Int64"), "from": [0, 500_000, 1_000_000, 1_500_000],
        "to": pd.array([500_000, 1_000_000, 1_500_000, None], dtype="Int64"),
        "rate": [20_000, 60_000, 100_000, 140_000], "method": ["marginal"] * 4}))
    book.insert_rows("PlanBonuses", pd.DataFrame({"plan": pd.array([ae] * 2, dtype="Int64"),
                                                  "from": [1_000_000, 1_500_000], "amount": [50_000, 100_000]}))
    curve = payout_curve(book, ae, quota=Q)  # $10,000 a month
    assert paid(curve, 800_000)["total"] == 28_000  # $5,000 × 2% + $3,000 × 6% = $280
    assert paid(curve, 1_000_000)["total"] == 90_000  # $100 + $300, and $500
    assert paid(curve, 1_500_000)["total"] == 240_000  # $400 + $5,000 × 10%, and $500 + $1,000
    tiers = book["PlanTiers"].index[book["PlanTiers"]["plan"] == ae]
    book.set_values("PlanTiers", pd.DataFrame({"method": ["retroactive"] * 4}, index=pd.Index(tiers, name=ROW_ID)))
    curve = payout_curve(book, ae, quota=Q)
    assert paid(curve, 800_000)["total"] == 48_000  # $8,000 × 6%
    assert paid(curve, 1_500_000)["total"] == 360_000  # $15,000 × 14% = $2,100, and $1,500 of bonuses
