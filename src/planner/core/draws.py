"""Draws: the least a rep on a plan with a ``PlanDraws`` row is paid per measurement period.

A payout's *earned* commission is the sum of its statement lines before draws (tier, lift,
cap, bonus and clawback lines). The period's draw ``D`` is the plan's draw prorated by the
rep's active days in the period (decisions.md: the engine prorates base salary, draws and
target-based bonuses; never quotas): ``D = draw × active days ÷ days of the period``, rounded
once as the book rounds.

- **Non-recoverable**: when earned < D, a ``draw`` line pays ``D − earned``.
- **Recoverable**: the same ``draw`` line is an advance: it adds to the rep's balance. When
  earned > D and a balance is carried, a ``draw_recovery`` line takes back
  ``min(balance, earned − D)`` (never bringing the payout below ``D``). The balance after each
  payout is its ``draw_balance``; it carries to the rep's next payout on a plan with a
  recoverable draw, from the first year the book records anything (a credit line, a rep's
  start, a plan assignment). A closed period's draw lines are the ledger's: the balance after
  it is read from them, so it never moves.

Worked example (monthly plan, recoverable draw $2,000, balance 0 on 1 January):

==========  ======  ==================  ==========================  =======  =======
month       earned  draw line           recovery line               payout   balance
==========  ======  ==================  ==========================  =======  =======
January        500  2,000 − 500 = 1,500                                2,000    1,500
February     2,600                      −min(1,500, 600) = −600        2,000      900
March        4,000                      −min(900, 2,000) = −900        3,100        0
==========  ======  ==================  ==========================  =======  =======

A rep who joins on 16 April (15 of 30 days) has ``D = 2,000 × 15 ÷ 30 = 1,000`` that month.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from planner.core.money import round_div
from planner.core.periods import Period

DRAW, RECOVERY = "draw", "draw_recovery"


def has_draws(book) -> bool:
    """Does a plan of the book have a draw? Once per revision of PlanDraws."""
    return book.cached("has_draws", lambda: bool(len(book["PlanDraws"].dropna(subset=["plan", "amount"]))),
                       depends=("PlanDraws",))


def draw_lines(book, rows: pd.DataFrame) -> tuple[dict, np.ndarray]:
    """The draw and recovery lines of the payouts ``rows`` (``rep``, ``plan``, ``period``,
    ``earned``): ``row`` (a position in ``rows``), ``rule``, ``base`` and ``amount`` arrays in
    row order; and each row's balance after it (NaN: its plan has no recoverable draw)."""
    years = sorted({Period.of(label).start.year for label in rows["period"]})
    done = _through(book, years[-1]) if years else {}
    out = {"row": [], "rule": [], "base": [], "amount": []}
    balance = np.full(len(rows), np.nan)
    for n, (rep, label) in enumerate(zip(rows["rep"].tolist(), rows["period"].tolist())):
        got = done.get((int(rep), label))
        if got is None:
            continue
        for rule, base, amount in got["lines"]:
            out["row"].append(n), out["rule"].append(rule), out["base"].append(base), out["amount"].append(amount)
        if got["balance"] is not None:
            balance[n] = got["balance"]
    return {name: np.asarray(values, dtype=object if name == "rule" else "int64") for name, values in out.items()}, \
        balance


def _through(book, year: int) -> dict:
    """Every draw payout from the book's first year to ``year``, by (rep, period label)."""
    first = _first_year(book)
    out, carried = {}, {}
    for one in range(min(first, year), year + 1):
        result = book.cached(("draw_year", one), lambda y=one, c=dict(carried): _year(book, y, c))
        out.update(result["payouts"])
        carried = result["closing"]
    return out


def _first_year(book) -> int:
    from planner.core.attainment import credit_lines

    dates = [credit_lines(book)["date"].min(), book["Reps"]["start_date"].min(),
             book["PlanAssignments"]["from"].min()]
    known = [pd.Timestamp(day).year for day in dates if not pd.isna(day)]
    return min(known) if known else date.today().year


def _year(book, year: int, opening: dict) -> dict:
    """The draw payouts of ``year`` (rep balances ``opening`` at its start) and the balances
    after it. Figures by payout are computed at once; only the balance walks payout by payout."""
    from planner.core.close import covering, frozen_lines
    from planner.core.statements import earned_payouts

    draws = book["PlanDraws"].dropna(subset=["plan", "amount"]).drop_duplicates("plan")
    draws = draws.set_index(draws["plan"].astype("int64"))
    rows = earned_payouts(book, Period.parse(str(year)))
    rows = rows[rows["plan"].isin(draws.index).to_numpy(dtype=bool)]
    parts = {label: Period.of(label) for label in pd.unique(rows["period"])}
    start = np.array([parts[label].start for label in rows["period"]], dtype="datetime64[D]")
    end = np.array([parts[label].end for label in rows["period"]], dtype="datetime64[D]")
    rep, plan = rows["rep"].to_numpy(dtype="int64"), rows["plan"].to_numpy(dtype="int64")
    active = active_days(book["Reps"], rep, start, end)
    due = round_div(draws["amount"].reindex(plan).to_numpy(dtype="int64").astype(object) * active,
                    (end - start).astype("int64"), book.rounding)
    recoverable = (draws["recoverable"].astype("string").str.strip().str.lower() == "yes").reindex(plan) \
        .to_numpy(dtype=bool, na_value=False)
    closed = {label for label, part in parts.items() if covering(book, part) is not None}
    frozen = {}  # a closed payout's draw and recovery, from the ledger
    if closed:
        lines = frozen_lines(book)
        lines = lines[lines["period"].isin(closed).to_numpy(dtype=bool, na_value=False)
                      & lines["rule"].isin([DRAW, RECOVERY]).to_numpy(dtype=bool, na_value=False)]
        frozen = lines.groupby(["rep", "period", "rule"])["amount"].sum().to_dict()
    balances, payouts = dict(opening), {}
    labels, earned = rows["period"].tolist(), rows["earned"].tolist()
    for n in np.lexsort((end, start)).tolist():
        who, label, before = int(rep[n]), labels[n], balances.get(int(rep[n]), 0)
        if label in closed:  # its lines are the ledger's
            top_up = int(frozen.get((who, label, DRAW), 0))
            recovered = -int(frozen.get((who, label, RECOVERY), 0))
        else:
            top_up = max(int(due[n]) - earned[n], 0)
            recovered = min(before, max(earned[n] - int(due[n]), 0)) if recoverable[n] else 0
        lines = ([(DRAW, int(due[n]), top_up)] if top_up else []) + ([(RECOVERY, before, -recovered)] if recovered else [])
        balances[who] = before + (top_up if recoverable[n] else 0) - recovered
        payouts[(who, label)] = {"lines": lines, "balance": balances[who] if recoverable[n] else None}
    return {"payouts": payouts, "closing": balances}


def active_days(reps: pd.DataFrame, rep: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The days of each ``[start, end)`` the rep is employed (its ``end_date`` inclusive)."""
    joined = reps["start_date"].reindex(rep).to_numpy(dtype="datetime64[D]")
    left = reps["end_date"].reindex(rep).to_numpy(dtype="datetime64[D]") + np.timedelta64(1, "D")
    first = np.where(np.isnat(joined), start, np.maximum(start, joined))
    last = np.where(np.isnat(left), end, np.minimum(end, left))
    return np.maximum((last - first).astype("int64"), 0).astype(object)


def _active_days(start, end, part: Period) -> int:
    """The days of ``part`` the rep is employed (``end`` inclusive)."""
    first = part.start if pd.isna(start) else max(part.start, pd.Timestamp(start).date())
    last = part.end if pd.isna(end) else min(part.end, pd.Timestamp(end).date() + pd.Timedelta(days=1))
    return max((last - first).days, 0)


def pay_context(book, rep: int, plan: int, label: str) -> dict:
    """What a statement shows beside its lines for the rep's plan period ``label`` (none of it
    is a commission line): ``base_salary`` (Reps.base_salary, a year's, × active days ÷ the
    year's days), ``target_incentive`` (the plan's PlanDraws.target_incentive, prorated the
    same way) and ``ote`` (their sum, on-target earnings), each rounded as the book rounds; a
    figure the book does not hold is left out."""
    reps, part = book["Reps"], Period.of(label)
    year = Period.parse(str(part.start.year))
    active = _active_days(reps.at[rep, "start_date"], reps.at[rep, "end_date"], part)

    def prorated(yearly) -> int | None:
        if pd.isna(yearly):
            return None
        return int(round_div(int(yearly) * active, (year.end - year.start).days, book.rounding))

    draws = book["PlanDraws"]
    target = draws.loc[(draws["plan"] == plan).to_numpy(dtype=bool, na_value=False), "target_incentive"].dropna()
    out = {"base_salary": prorated(reps.at[rep, "base_salary"]),
           "target_incentive": prorated(target.iloc[0]) if len(target) else None}
    if out["base_salary"] is not None and out["target_incentive"] is not None:
        out["ote"] = out["base_salary"] + out["target_incentive"]
    return {key: value for key, value in out.items() if value is not None}


def period_base_salary(book, rep: int, label: str) -> int | None:
    """The rep's base salary for the plan period ``label`` (see :func:`pay_context`)."""
    return pay_context(book, rep, -1, label).get("base_salary")
