"""A small, obviously correct reference for commission statements: Python loops, exact
fractions and ``decimal.Decimal`` rounding, one rep and one period at a time, written from
decisions.md ("Statements", "Cancelled deals") rather than from the vectorized engine.

It reads the book's tables as plain Python values and takes three inputs from the engine that
are tested on their own: the credit lines (``attainment.credit_lines``), the quotas
(``attainment.quota_amounts``) and which (rep, period) pairs are payouts (``plan_periods``).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from fractions import Fraction

import pandas as pd

from planner.core.attainment import credit_lines, quota_amounts
from planner.core.periods import Period
from planner.core.statements import plan_periods

MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN, "up": ROUND_UP}
MILLION = 1_000_000


def reference_lines(book, period: Period) -> list[tuple]:
    """Every statement line as ``(rep, period, line, deal, rule, tier, rate, base, amount)``,
    with None where the engine has NA."""
    mode = MODES[book.rounding]

    def rounded(minor: int, rate: int) -> int:
        return int((Decimal(minor) * Decimal(rate) / Decimal(MILLION)).quantize(Decimal(1), rounding=mode))

    reps, plans = book["Reps"], book["Plans"]
    tiers = book["PlanTiers"]
    quotas = quota_amounts(book, "rep")
    credit = credit_lines(book)
    on_plan = [line for line in credit.to_dict("records") if not pd.isna(reps.at[line["rep"], "plan"])]
    won = [line for line in on_plan if line["reason"] == "won"]
    cancelled = [line for line in on_plan if line["reason"] == "cancelled"]
    for line in won + cancelled:  # the plan period of each line's date, for its rep's plan
        line["when"] = Period.containing(pd.Timestamp(line["date"]).date(),
                                         plans.at[int(reps.at[line["rep"], "plan"]), "period"]).label
    won_in, cancelled_in, won_line_of = {}, {}, {}  # by (rep, period), and by (deal, rep)
    for line in won:
        won_in.setdefault((line["rep"], line["when"]), []).append(line)
        won_line_of[(line["deal_id"], line["rep"])] = line
    for line in cancelled:
        cancelled_in.setdefault((line["rep"], line["when"]), []).append(line)

    def plan_of(rep):
        return int(reps.at[rep, "plan"])

    by_plan = {}
    for i, tier in tiers.sort_values("from").iterrows():
        by_plan.setdefault(int(tier["plan"]), []).append({
            "id": int(i), "from": int(tier["from"]), "to": None if pd.isna(tier["to"]) else int(tier["to"]),
            "rate": int(tier["rate"]), "method": tier["method"]})

    def tiers_of(plan) -> list[dict]:
        return by_plan.get(plan, [])

    def flat(plan) -> bool:
        own = tiers_of(plan)
        return len(own) == 1 and own[0]["from"] == 0 and own[0]["to"] is None

    def tier_holding(credit_so_far: int, quota: int, own: list[dict]):
        """The tier whose range holds credit ÷ quota (exactly), as (rate, id); (0, None) if none."""
        if credit_so_far <= 0:
            return 0, None
        for tier in own:
            if quota == 0:  # a flat plan: one tier from 0% with no end
                return tier["rate"], tier["id"]
            share = Fraction(credit_so_far, quota)
            if share >= Fraction(tier["from"], MILLION) and (tier["to"] is None or share < Fraction(tier["to"], MILLION)):
                return tier["rate"], tier["id"]
        return 0, None

    memo = {}

    def deal_lines(rep: int, when: str) -> list[tuple]:
        """(deal, rule, tier, rate, base, amount) of the won credit of ``rep`` in period ``when``."""
        if (rep, when) in memo:
            return memo[(rep, when)]
        plan = plan_of(rep)
        own = tiers_of(plan)
        quota = quotas.get((rep, when))
        quota = 0 if quota is None or pd.isna(quota) else int(quota)
        mine = sorted(won_in.get((rep, when), []),
                      key=lambda line: (line["date"], line["deal_id"]))
        out = []
        if quota > 0 or flat(plan):
            running, paid_at = 0, []
            for line in mine:
                amount = int(line["amount"])
                before, running = running, running + amount
                if own and own[0]["method"] == "retroactive":
                    rate, tier = tier_holding(running, quota, own)
                    out.append((line["deal_id"], "tier", tier, rate, amount, rounded(amount, rate)))
                    paid_at.append((line["deal_id"], amount, rate))
                    continue
                pieces = 0
                for tier in own:
                    low = int((Decimal(tier["from"]) * quota / MILLION).quantize(Decimal(1), rounding=mode))
                    high = None if tier["to"] is None else \
                        int((Decimal(tier["to"]) * quota / MILLION).quantize(Decimal(1), rounding=mode))
                    piece = max(0, (running if high is None else min(running, high)) - max(before, low))
                    if piece > 0:
                        out.append((line["deal_id"], "tier", tier["id"], tier["rate"], piece,
                                    rounded(piece, tier["rate"])))
                        pieces += 1
                if not pieces:
                    out.append((line["deal_id"], "tier", None, 0, amount, 0))
            final_rate, final_tier = tier_holding(running, quota, own)
            for deal, amount, rate in paid_at:
                if rate != final_rate:
                    out.append((deal, "retro_lift", final_tier, final_rate - rate, amount,
                                rounded(amount, final_rate - rate)))
        memo[(rep, when)] = out
        return out

    lines = []
    for payout in plan_periods(book, period).to_dict("records"):
        rep, when, plan = int(payout["rep"]), payout["period"], int(payout["plan"])
        quota = 0 if pd.isna(payout["quota"]) else int(payout["quota"])
        own = deal_lines(rep, when)
        statement = [line for line in own if line[1] == "tier"] + [line for line in own if line[1] == "retro_lift"]
        paid = sum(line[5] for line in own)
        cap = plans.at[plan, "cap"]
        if not pd.isna(cap) and paid > int(cap):
            statement.append((None, "cap", None, None, paid, int(cap) - paid))
        total_won = sum(int(line["amount"]) for line in won_in.get((rep, when), []))
        bonuses = book["PlanBonuses"]
        for _, bonus in bonuses[bonuses["plan"] == plan].sort_values("from").iterrows():
            if quota > 0 and Fraction(total_won, quota) >= Fraction(int(bonus["from"]), MILLION):
                statement.append((None, "bonus", None, None, None, int(bonus["amount"])))
        reversed_here = sorted(cancelled_in.get((rep, when), []),
                               key=lambda line: (line["date"], line["deal_id"]))
        for line in reversed_here:
            won_line = won_line_of[(line["deal_id"], rep)]
            was_paid = sum(own_line[5] for own_line in deal_lines(rep, won_line["when"])
                           if own_line[0] == line["deal_id"])
            statement.append((line["deal_id"], "clawback", None, None, None, -was_paid))
        lines += [(rep, when, n, *line) for n, line in enumerate(statement, start=1)]
    return lines


def engine_lines(frame: pd.DataFrame) -> list[tuple]:
    """The engine's statement lines as the reference's tuples (NA as None)."""
    return [tuple(None if pd.isna(value) else (value if isinstance(value, str) else int(value)) for value in row)
            for row in frame[["rep", "period", "line", "deal", "rule", "tier", "rate", "base", "amount"]]
            .itertuples(index=False)]
