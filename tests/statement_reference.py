"""A small, obviously correct reference for commission statements: Python loops, exact
fractions and ``decimal.Decimal`` rounding, one rep and one period at a time, written from
decisions.md ("Statements", "Cancelled deals") rather than from the vectorized engine.

Plan rules (decisions.md; core/plan_rules.py's docstring): a deal's rates are the tier rates
times its multiplier (a PlanMultipliers row naming both its product and deal type, else the
product, deal-type and plan-wide rows multiplied, each step rounded half up to a millionth);
a SPIFF pays each won line its share of the amount (largest remainder over the deal's lines);
a clawback takes back tier, lift and SPIFF lines, inside the plan's clawback window only.

It reads the book's tables as plain Python values and takes three inputs from the engine that
are tested on their own: the credit lines (``attainment.credit_lines``), the quotas
(``attainment.quota_amounts``) and which (rep, period) pairs are payouts (``plan_periods``).
Plan assignments are resolved day by day (the plan in force on a period's last active day pays
it), and draws walk every payout of a rep from the book's first year, one at a time.
"""

from __future__ import annotations

from datetime import date, timedelta
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
    return _reference(book, period)[0]


def _reference(book, period: Period) -> tuple[list[tuple], dict]:
    mode = MODES[book.rounding]

    def rounded(minor: int, rate: int) -> int:
        return int((Decimal(minor) * Decimal(rate) / Decimal(MILLION)).quantize(Decimal(1), rounding=mode))

    reps, plans = book["Reps"], book["Plans"]
    tiers = book["PlanTiers"]
    quotas = quota_amounts(book, "rep")
    credit = credit_lines(book)
    rows_of = {}  # each rep's assignment rows: (first day, last day or None, plan)
    for row in book["PlanAssignments"].dropna(subset=["rep", "plan", "from"]).to_dict("records"):
        rows_of.setdefault(int(row["rep"]), []).append(
            (pd.Timestamp(row["from"]).date(), None if pd.isna(row["to"]) else pd.Timestamp(row["to"]).date(),
             int(row["plan"])))

    def on(rep, day):
        """The plan of ``rep`` on ``day`` (None: none)."""
        if rep not in rows_of:
            return None if pd.isna(reps.at[rep, "plan"]) else int(reps.at[rep, "plan"])
        return next((plan for first, last, plan in rows_of[rep] if first <= day and (last is None or day <= last)),
                    None)

    def paid_by(rep, day):
        """The plan paying a credit line of ``rep`` dated ``day``, and its plan period's label."""
        now = on(rep, day)
        if now is None:
            return None, None
        kind = plans.at[now, "period"]
        part = Period.containing(day, kind)
        end = reps.at[rep, "end_date"]
        last = part.end - timedelta(days=1)
        if not pd.isna(end):
            last = min(last, pd.Timestamp(end).date())
        while last >= part.start and on(rep, last) is None:
            last -= timedelta(days=1)
        paying = on(rep, last) if last >= part.start else None
        plan = paying if paying is not None and plans.at[paying, "period"] == kind else now
        return plan, part.label

    lines_on = []
    for line in credit.to_dict("records"):
        line["plan"], line["when"] = paid_by(line["rep"], pd.Timestamp(line["date"]).date())
        if line["plan"] is not None:
            lines_on.append(line)
    won = [line for line in lines_on if line["reason"] == "won"]
    cancelled = [line for line in lines_on if line["reason"] == "cancelled"]
    won_in, cancelled_in, won_line_of = {}, {}, {}  # by (rep, plan, period), and by (deal, rep)
    for line in won:
        won_in.setdefault((line["rep"], line["plan"], line["when"]), []).append(line)
        won_line_of[(line["deal_id"], line["rep"])] = line
    for line in cancelled:
        cancelled_in.setdefault((line["rep"], line["plan"], line["when"]), []).append(line)

    by_plan = {}
    for i, tier in tiers.sort_values("from").iterrows():
        by_plan.setdefault(int(tier["plan"]), []).append({
            "id": int(i), "from": int(tier["from"]), "to": None if pd.isna(tier["to"]) else int(tier["to"]),
            "rate": int(tier["rate"]), "method": tier["method"]})

    def text(value) -> str:
        return "" if value is None or pd.isna(value) else str(value).strip().casefold()

    def half_up(numerator: Fraction) -> int:
        return int((Decimal(numerator.numerator) / Decimal(numerator.denominator)).quantize(Decimal(1),
                                                                                            rounding=ROUND_HALF_UP))

    multiplier_rows = [(int(r["plan"]), text(r["product"]), text(r["deal_type"]), int(r["multiplier"]))
                       for r in book["PlanMultipliers"].to_dict("records") if not pd.isna(r["multiplier"])]

    def multiplier(deal: int, plan: int) -> int:
        product, kind = text(book["Deals"].at[deal, "product"]), text(book["Deals"].at[deal, "deal_type"])
        for p, rp, rk, m in multiplier_rows:
            if p == plan and rp and rk and (rp, rk) == (product, kind):
                return m
        out = MILLION
        for wants_product, wants_kind in ((True, False), (False, True), (False, False)):
            for p, rp, rk, m in multiplier_rows:
                if p == plan and bool(rp) == wants_product and bool(rk) == wants_kind \
                        and rp in ("", product) and rk in ("", kind):
                    out = half_up(Fraction(out * m, MILLION))
                    break
        return out

    def paid_rate(rate: int, deal: int, plan: int) -> int:
        return half_up(Fraction(rate * multiplier(deal, plan), MILLION))

    lines_of_deal = {}  # every rep's won line of each deal, for the shares
    for line in credit.to_dict("records"):
        if line["reason"] == "won":
            lines_of_deal.setdefault(line["deal_id"], []).append(line)

    def spiff_parts(line: dict) -> list[tuple]:
        """(spiff id, amount, part) of each SPIFF of the line's plan its deal qualifies for."""
        plan, deal = line["plan"], line["deal_id"]
        closed = pd.Timestamp(line["date"])
        product, kind = text(book["Deals"].at[deal, "product"]), text(book["Deals"].at[deal, "deal_type"])
        out = []
        for i, spiff in book["Spiffs"].sort_index().iterrows():
            if pd.isna(spiff["amount"]) or pd.isna(spiff["plan"]) or int(spiff["plan"]) != plan:
                continue
            if text(spiff["product"]) not in ("", product) or text(spiff["deal_type"]) not in ("", kind):
                continue
            if (not pd.isna(spiff["from"]) and closed < spiff["from"]) or (not pd.isna(spiff["to"]) and closed > spiff["to"]):
                continue
            amount = int(spiff["amount"])
            mates = lines_of_deal[deal]
            whole = sum(int(other["share"]) for other in mates)
            exact = [Fraction(amount * int(other["share"]), whole) for other in mates]
            floors = [int(part // 1) for part in exact]
            ranked = sorted(range(len(mates)), key=lambda n: (-(exact[n] - floors[n]), -int(mates[n]["share"]), n))
            for n in ranked[:amount - sum(floors)]:
                floors[n] += 1
            out.append((int(i), amount, floors[[other["rep"] for other in mates].index(line["rep"])]))
        return out

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

    def deal_lines(rep: int, plan: int, when: str) -> list[tuple]:
        """(deal, rule, tier, rate, base, amount) of the won credit of ``rep`` on ``plan`` in ``when``."""
        if (rep, plan, when) in memo:
            return memo[(rep, plan, when)]
        own = tiers_of(plan)
        quota = quotas.get((rep, when))
        quota = 0 if quota is None or pd.isna(quota) else int(quota)
        mine = sorted(won_in.get((rep, plan, when), []),
                      key=lambda line: (line["date"], line["deal_id"]))
        out = []
        if quota > 0 or flat(plan):
            running, paid_at = 0, []
            for line in mine:
                amount = int(line["amount"])
                before, running = running, running + amount
                if own and own[0]["method"] == "retroactive":
                    rate, tier = tier_holding(running, quota, own)
                    rate = paid_rate(rate, line["deal_id"], plan)
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
                        rate = paid_rate(tier["rate"], line["deal_id"], plan)
                        out.append((line["deal_id"], "tier", tier["id"], rate, piece, rounded(piece, rate)))
                        pieces += 1
                if not pieces:
                    out.append((line["deal_id"], "tier", None, 0, amount, 0))
            final_rate, final_tier = tier_holding(running, quota, own)
            for deal, amount, rate in paid_at:
                lifted = paid_rate(final_rate, deal, plan)
                if rate != lifted:
                    out.append((deal, "retro_lift", final_tier, lifted - rate, amount, rounded(amount, lifted - rate)))
        for line in mine:  # SPIFFs are paid with or without a quota
            for _spiff, amount, part in spiff_parts(line):
                out.append((line["deal_id"], "spiff", None, None, amount, part))
        memo[(rep, plan, when)] = out
        return out

    def earned_lines(payout) -> list[tuple]:
        rep, when, plan = int(payout["rep"]), payout["period"], int(payout["plan"])
        quota = 0 if pd.isna(payout["quota"]) else int(payout["quota"])
        own = deal_lines(rep, plan, when)
        statement = [line for line in own if line[1] == "tier"] + [line for line in own if line[1] == "retro_lift"]
        paid = sum(line[5] for line in own if line[1] != "spiff")
        cap = plans.at[plan, "cap"]
        if not pd.isna(cap) and paid > int(cap):
            statement.append((None, "cap", None, None, paid, int(cap) - paid))
        total_won = sum(int(line["amount"]) for line in won_in.get((rep, plan, when), []))
        bonuses = book["PlanBonuses"]
        for _, bonus in bonuses[bonuses["plan"] == plan].sort_values("from").iterrows():
            if quota > 0 and Fraction(total_won, quota) >= Fraction(int(bonus["from"]), MILLION):
                extra = 0
                percent = bonus.get("percent_of_base")
                if percent is not None and not pd.isna(percent) and int(percent):
                    # the rep's yearly base salary for the days employed in the period, times the share
                    part = Period.of(when)
                    days = 0
                    day = part.start
                    while day < part.end:
                        joined, left = reps.at[rep, "start_date"], reps.at[rep, "end_date"]
                        if (pd.isna(joined) or day >= joined.date()) and (pd.isna(left) or day <= left.date()):
                            days += 1
                        day += timedelta(days=1)
                    year_days = (date(part.start.year + 1, 1, 1) - date(part.start.year, 1, 1)).days
                    salary = reps.at[rep, "base_salary"]
                    salary = 0 if pd.isna(salary) else int(salary)
                    extra = int((Decimal(salary * days * int(percent)) / Decimal(year_days * MILLION)).quantize(
                        Decimal(1), rounding=mode))
                statement.append((None, "bonus", None, None, None, int(bonus["amount"]) + extra))
        statement += [line for line in own if line[1] == "spiff"]
        reversed_here = sorted(cancelled_in.get((rep, plan, when), []),
                               key=lambda line: (line["date"], line["deal_id"]))
        for line in reversed_here:
            won_line = won_line_of.get((line["deal_id"], rep))
            window = plans.at[plan, "clawback_days"]
            if won_line is not None and not pd.isna(window) and \
                    (pd.Timestamp(line["date"]) - pd.Timestamp(won_line["date"])).days > int(window):
                continue  # outside the plan's clawback window: kept
            was_paid = 0 if won_line is None else sum(
                own_line[5] for own_line in deal_lines(rep, won_line["plan"], won_line["when"])
                if own_line[0] == line["deal_id"])
            statement.append((line["deal_id"], "clawback", None, None, None, -was_paid))
        return statement

    draws = {int(row["plan"]): row for row in book["PlanDraws"].dropna(subset=["plan", "amount"]).to_dict("records")}
    draw_of = {}  # by (rep, period): the draw lines and the balance after

    def days_active(rep, part) -> int:
        start, end = reps.at[rep, "start_date"], reps.at[rep, "end_date"]
        first = part.start if pd.isna(start) else max(part.start, pd.Timestamp(start).date())
        last = part.end if pd.isna(end) else min(part.end, pd.Timestamp(end).date() + timedelta(days=1))
        return max((last - first).days, 0)

    if draws:
        known = [d for d in (credit["date"].min(), reps["start_date"].min(), book["PlanAssignments"]["from"].min())
                 if not pd.isna(d)]
        balance = {}
        first = min(pd.Timestamp(d).year for d in known) if known else date.today().year  # nothing dated
        for year in range(first, period.end.year + 1):
            payouts = [p for p in plan_periods(book, Period.parse(str(year))).to_dict("records")
                       if int(p["plan"]) in draws]
            payouts.sort(key=lambda p: (Period.of(p["period"]).start, Period.of(p["period"]).end))
            for payout in payouts:
                rep, draw, part = int(payout["rep"]), draws[int(payout["plan"])], Period.of(payout["period"])
                earned = sum(line[5] for line in earned_lines(payout))
                due = int((Decimal(int(draw["amount"])) * days_active(rep, part) / Decimal((part.end - part.start).days))
                          .quantize(Decimal(1), rounding=mode))
                recoverable = draw["recoverable"] == "yes"
                before, out = balance.get(rep, 0), []
                if earned < due:
                    out.append((None, "draw", None, None, due, due - earned))
                    if recoverable:
                        balance[rep] = before + due - earned
                elif recoverable and before and earned > due:
                    back = min(before, earned - due)
                    out.append((None, "draw_recovery", None, None, before, -back))
                    balance[rep] = before - back
                draw_of[(rep, part.label)] = (out, balance.get(rep, 0) if recoverable else None)

    lines = []
    for payout in plan_periods(book, period).to_dict("records"):
        rep, when = int(payout["rep"]), payout["period"]
        statement = earned_lines(payout) + draw_of.get((rep, when), ([], None))[0]
        lines += [(rep, when, n, *line) for n, line in enumerate(statement, start=1)]
    return lines, draw_of


def reference_balances(book, period: Period) -> dict:
    """The draw balance after each payout of ``period`` with a recoverable draw, by (rep, period)."""
    lines, draw_of = _reference(book, period)
    shown = {(line[0], line[1]) for line in lines} | {(int(p["rep"]), p["period"])
                                                       for p in plan_periods(book, period).to_dict("records")}
    return {key: value[1] for key, value in draw_of.items() if value[1] is not None and key in shown}


def engine_lines(frame: pd.DataFrame) -> list[tuple]:
    """The engine's statement lines as the reference's tuples (NA as None)."""
    return [tuple(None if pd.isna(value) else (value if isinstance(value, str) else int(value)) for value in row)
            for row in frame[["rep", "period", "line", "deal", "rule", "tier", "rate", "base", "amount"]]
            .itertuples(index=False)]
