"""Commission statements: every line behind a payout, one per credited deal and tier slice.

For each rep on a plan and each of the plan's measurement periods (month, quarter or year),
the rep's won credit of the period (:func:`planner.core.attainment.credit_lines`: one line per
deal and credited rep) is taken in close-date order, then by deal, and fills the plan's tiers
in turn. With ``Q`` the rep's quota for the period, a tier ``[from, to)`` covers the credit
between ``from × Q`` and ``to × Q`` (in whole minor units, rounded as the book rounds). Every
line names the rule (``rule``) that produced it:

- ``tier``: *marginal* tiers pay each deal's slice of every tier it crosses at that tier's
  rate (a deal crossing a tier bound gets a line per slice); *retroactive* tiers pay the whole
  deal at the rate of the tier the rep's credit reached with it;
- ``retro_lift``: retroactive tiers pay all the period's credit at the rate of the tier finally
  reached: a deal paid at another rate gets a line at the difference;
- ``cap``: a negative line taking back what tier and lift lines pay above the plan's cap;
- ``bonus``: each of the plan's bonuses whose attainment the period's won credit reached (its
  amount, plus its share of the rep's base salary for the period: :mod:`planner.core.plan_rules`);
- ``spiff``: a fixed amount per won deal a SPIFF of the plan names (:mod:`planner.core.plan_rules`);
- ``clawback``: a won deal cancelled in this period takes back what its tier, lift and SPIFF
  lines paid in the period it was won (decisions.md, "Cancelled deals": never a second reduction
  through the tiers), when the cancellation falls inside the plan's clawback window;
- ``draw`` and ``draw_recovery``: a plan's draw tops a payout up to it, and a recoverable
  draw's advance is taken back from later earnings above it (core/draws.py).

A deal's tier and lift lines pay its plan's rates times the deal's rate multiplier
(:mod:`planner.core.plan_rules`: by product and deal type); the line shows the multiplied rate.
Which plan pays a rep's period (``Reps.plan``, or the ``PlanAssignments`` row in force on the
period's last active day) is core/assignments.py's rule.

A line with a rate is ``base × rate`` rounded once by the book's rounding; the payout of a rep
and period is the sum of its lines. A plan whose tiers depend on attainment pays no tier line
without a quota above zero (the report warns); one flat rate from 0% pays without one.
Everything is exact integer arithmetic (minor units, rates in millionths), vectorized.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core import plan_rules
from planner.core.assignments import credit_plans
from planner.core.draws import DRAW, RECOVERY, draw_lines, has_draws
from planner.core.attainment import attained, credit_arrays, credit_lines, quota_amounts
from planner.core.money import RATIO_SCALE, exact_product, times_ratio
from planner.core.payouts import pair_values, plan_periods, plan_rows, plan_table
from planner.core.periods import MONTHS_IN, Period
from planner.core.schema import LINE_KINDS
from planner.core.shown import shown_statement  # noqa: F401 - its home is core/shown.py
from planner.core.sorting import lexsort
from planner.core.standing_statements import standing_or

S = RATIO_SCALE
COLUMNS = ["rep", "period", "line", "deal", "rule", "tier", "rate", "base", "amount"]
# the rules in the order their lines come in a statement (schema.LINE_KINDS: their words)
RULES = LINE_KINDS
_ORDER = {rule: n for n, rule in enumerate(RULES)}
# a (rep, period) pair as one integer: rep row id × _KEY + the period's number (months since
# year 0, divided by the period's length in months)
_KEY = 100_000
_NO_BOUND = np.iinfo(np.int64).max


def statement_lines(book, period: Period) -> pd.DataFrame:
    """One row per statement line of every rep on a plan and every plan period overlapping
    ``period`` (the rows of :func:`plan_periods`), in statement order: ``rep`` (Reps row id),
    ``period`` (the plan period's label), ``line`` (1, 2, … within the rep and period),
    ``deal`` (Deals row id; NA on lines of no deal), ``rule`` (see the module), ``tier``
    (PlanTiers row id or NA), ``rate`` (millionths, NA where none applies), ``base`` (minor
    units the rate applied to) and ``amount`` (minor units). A payout's total is the sum of its
    lines' amounts."""
    return statements(book, period)[1][COLUMNS].copy()


def statements(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The payout rows (:func:`plan_periods`, plus ``won``: the period's won credit, before
    cancellations) and their lines (:data:`COLUMNS` plus ``bonus``: the PlanBonuses row id of a
    bonus line); cached per revision of the book."""
    key = ("statements", period)

    def compute() -> tuple[pd.DataFrame, pd.DataFrame]:
        held = _held_in_shown(book, period)
        return held if held is not None else _with_draws(book, period)
    return book.cached(key, lambda: standing_or(book, key, compute, period), depends=(), rowwise=True)


def _held_in_shown(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The statements of ``period`` taken from those of a longer period holding it, when this
    state of the book has them already (a month of the quarter shown): every plan period
    overlapping ``period`` overlaps that one too, and a plan period's payout and lines are the
    same whichever report asks. None otherwise, and in a book with draws (a draw's balance runs
    on from the plan periods before)."""
    kinds = [kind for kind, months in MONTHS_IN.items() if months > period.months]
    if not kinds or has_draws(book):
        return None
    known = book._derived().as_dict()
    holder = next((Period.containing(period.start, kind) for kind in kinds
                   if ("statements", Period.containing(period.start, kind)) in known), None)
    if holder is None:
        return None
    rows, lines = statements(book, holder)  # (what this one depends on, as the holder's)
    labels = {part.label for kind in MONTHS_IN for part in period.split(kind)}
    return (rows[rows["period"].isin(labels).to_numpy()].reset_index(drop=True),
            lines[lines["period"].isin(labels).to_numpy()].reset_index(drop=True))


def earned_payouts(book, period: Period) -> pd.DataFrame:
    """The payout rows of :func:`statements` with ``earned``: the sum of their lines before
    draws (core/draws.py reads it)."""
    rows, row_keys, parts = _earned(book, period)
    return rows.assign(earned=_paid(row_keys, parts))


def _with_draws(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, row_keys, parts = _earned(book, period)
    if has_draws(book):  # draw and recovery lines, and the carried balance (core/draws.py)
        found, balance = draw_lines(book, rows.assign(earned=_paid(row_keys, parts)))
        for rule in (DRAW, RECOVERY):
            mine = found["rule"] == rule
            parts = parts + [_frame(rule, key=row_keys[found["row"][mine]], base=found["base"][mine],
                                    amount=found["amount"][mine])]
        rows = rows.assign(draw_balance=pd.arrays.IntegerArray(np.nan_to_num(balance).astype("int64"),
                                                               np.isnan(balance)))
    return rows, _finish(rows, row_keys, parts)


def _earned(book, period: Period) -> tuple:
    """The payouts, their keys and their lines before draws."""
    key = ("earned", period)
    return book.cached(key, lambda: standing_or(book, key, lambda: _statements(book, period), period), depends=(),
                       rowwise=True)


def _paid(row_keys: np.ndarray, parts: list[dict]) -> np.ndarray:
    """What the lines ``parts`` pay per payout (``row_keys`` order): only draws read it."""
    lines = {name: np.concatenate([part[name] for part in parts]) for name in ("key", "amount")}
    at = pd.Index(row_keys).get_indexer(lines["key"])
    earned = np.zeros(len(row_keys), dtype="int64")
    np.add.at(earned, at[at >= 0], lines["amount"][at >= 0])
    return earned


def flat_plans_of(book) -> set:
    """:func:`flat_plans` of the book's PlanTiers, once per revision of them."""
    return book.cached("flat_plans", lambda: flat_plans(book["PlanTiers"]), depends=("PlanTiers",))


def flat_plans(tiers: pd.DataFrame) -> set:
    """Plans paying one rate on everything: their tiers do not depend on attainment."""
    plan = tiers["plan"].to_numpy(dtype="int64", na_value=-1)  # (row ids: -1 for none)
    bounded = (tiers["from"].to_numpy(dtype="int64", na_value=0) != 0) | tiers["to"].notna().to_numpy()
    plans, counts = np.unique(plan[plan >= 0], return_counts=True)  # on numpy: a groupby of a few rows cost more
    return set(plans[counts == 1].tolist()) - set(plan[bounded].tolist())


def _statements(book, period: Period) -> tuple[pd.DataFrame, np.ndarray, list[dict]]:
    rows = plan_periods(book, period)
    codes, labels = pd.factorize(rows["period"].to_numpy(dtype=object))
    numbers = np.array([_number(Period.of(label)) for label in labels], dtype="int64")
    row_keys = rows["rep"].to_numpy(dtype="int64") * _KEY + numbers[codes]
    won, cancelled, spiffs = _keyed_credit(book)

    # cancellations in these periods, and the won line (a position in ``won``) each takes back
    here = np.flatnonzero(np.isin(cancelled["key"], row_keys))
    taken = cancelled["won"][here]
    inside = (taken < 0) | plan_rules.clawed_back(book, cancelled["plan"][here], np.append(won["date"], 0)[taken],
                                                  cancelled["date"][here])
    here, taken = here[inside], taken[inside]
    needed = np.union1d(row_keys, won["key"][taken[taken >= 0]])

    # the won lines of those periods, in close-date order, then by deal (``won`` is in that order)
    first, last = np.searchsorted(won["key"], needed, "left"), np.searchsorted(won["key"], needed, "right")
    chosen = np.repeat(last - np.cumsum(last - first), last - first) + np.arange((last - first).sum())
    keys, amount, plan = won["key"][chosen], won["amount"][chosen], won["plan"][chosen]
    after = _running_sum(keys, amount)
    quota = _quotas(book, keys, plan)
    payable = (quota > 0) | np.isin(plan, list(flat_plans_of(book)))
    multiplier = plan_rules.multipliers(book, won["deal"][chosen], plan)
    deal_lines = _deal_lines(_tier_table(book), keys, plan, quota, after - amount, after, amount, payable,
                             book.rounding, multiplier)
    deal_lines.update(key=keys[deal_lines["w"]], deal=won["deal"][chosen][deal_lines["w"]])
    at_line = np.full(len(won["key"]), -1, dtype="int64")  # each won line's position in ``chosen``
    at_line[chosen] = np.arange(len(chosen))
    read = np.flatnonzero(at_line[spiffs["w"]] >= 0)  # the SPIFF parts of those won lines
    spiff_w = at_line[spiffs["w"][read]]
    spiff_lines = _frame("spiff", w=spiff_w, key=keys[spiff_w], deal=won["deal"][chosen][spiff_w],
                         spiff=spiffs["spiff"][read], base=spiffs["base"][read], amount=spiffs["amount"][read])

    # what each won line was paid (its tier, lift and SPIFF lines): what its cancellation takes back
    paid = np.zeros(len(won["key"]), dtype="int64")
    np.add.at(paid, chosen[deal_lines["w"]], deal_lines["amount"])
    np.add.at(paid, chosen[spiff_lines["w"]], spiff_lines["amount"])
    by_day = np.lexsort((cancelled["deal"][here], cancelled["date"][here]))
    here, taken = here[by_day], taken[by_day]
    clawbacks = _frame("clawback", key=cancelled["key"][here], deal=cancelled["deal"][here],
                       amount=-np.where(taken >= 0, paid[taken], 0))

    # the lines of periods outside these payouts (read for their clawbacks) are left out by _finish
    mine = pd.Index(row_keys).get_indexer(deal_lines["key"])
    paid_here = np.zeros(len(row_keys), dtype="int64")
    np.add.at(paid_here, mine[mine >= 0], deal_lines["amount"][mine >= 0])
    ends = np.flatnonzero(np.r_[keys[1:] != keys[:-1], True]) if len(keys) else np.zeros(0, "int64")
    payouts = {"key": row_keys, "plan": rows["plan"].to_numpy(dtype="int64"), "rep": rows["rep"].to_numpy(dtype="int64"),
               "label": rows["period"].to_numpy(dtype=object),
               "quota": rows["quota"].to_numpy(dtype="int64", na_value=0),
               "won": _at_keys(keys[ends], after[ends], row_keys),
               "paid": paid_here}
    lines = [deal_lines, _cap_lines(book, payouts), _bonus_lines(book, payouts),
             spiff_lines, clawbacks]
    return rows.assign(won=payouts["won"]), row_keys, lines


def _at_keys(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The value of each of ``wanted`` among sorted, distinct ``keys`` (0 for none)."""
    at = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    found = (at < len(keys)) & (keys[at] == wanted) if len(keys) else np.zeros(len(wanted), dtype=bool)
    return np.where(found, values[at] if len(keys) else 0, 0).astype("int64")


def _number(period: Period) -> int:
    """A period's number: months since year 0 divided by its length in months."""
    return (period.start.year * 12 + period.start.month - 1) // MONTHS_IN[period.kind]


def _keyed_credit(book) -> tuple[dict, dict, dict]:
    """The credit lines of reps on a plan as arrays, won (by key, date and deal) and cancelled
    apart, each with the (rep, plan period) key of its date, a cancelled line with ``won``: the
    won line it reverses (-1: none); and the SPIFF parts of the won lines. Cached per revision:
    it does not depend on the period asked."""
    def build():
        every, arrays = credit_lines(book), credit_arrays(book)  # (the arrays: read once for every use)
        reps, dates = arrays["rep"], arrays["date"]
        plans = credit_plans(book, reps, dates)  # line by line
        won_every = arrays["won"]
        on_plan = ~np.isnan(plans)
        plan, day, rep = plans[on_plan].astype("int64"), dates[on_plan], reps[on_plan]  # arrays, not the frame
        step = plan_table(book)["months"][plan_rows(book, plan)]  # (every plan paying has a period)
        amount = arrays["amount"] if arrays["amount"] is not None else every["amount"].to_numpy(dtype="int64")
        columns = {"key": rep * _KEY + arrays["month"][on_plan] // step, "plan": plan,
                   "deal": arrays["deal"][on_plan], "rep": rep, "date": day.astype("int64"),
                   "amount": amount[on_plan]}
        won = np.flatnonzero(won_every[on_plan])
        won = won[_in_order(columns["key"][won], columns["date"][won], columns["deal"][won])]
        won_lines = {name: values[won] for name, values in columns.items()}
        cancelled = np.ones(len(plan), dtype=bool)
        cancelled[won] = False
        # the SPIFF parts of every won line (split among all of a deal's reps), by won line
        spiffs = {name: np.zeros(0, "int64") for name in ("w", "spiff", "base", "amount")}
        if len(book["Spiffs"]):  # (none without a Spiffs row: the won lines' frame is not made)
            parts = plan_rules.spiff_lines(book, every[won_every], plans[won_every])
            w = pd.Index(np.flatnonzero(on_plan)[won]).get_indexer(np.flatnonzero(won_every)[parts["line"].to_numpy()])
            spiffs = {"w": w[w >= 0], **{name: parts[name].to_numpy(dtype="int64")[w >= 0]
                                         for name in ("spiff", "base", "amount")}}
        cancelled = {name: values[cancelled] for name, values in columns.items()}
        cancelled["won"] = _won_line(won_lines, cancelled)
        return won_lines, cancelled, spiffs
    return book.cached("keyed_credit", lambda: standing_or(book, "keyed_credit", build), depends=(), rowwise=True)


_DAY = 86_400 * 10**9  # nanoseconds


def _in_order(key: np.ndarray, date: np.ndarray, deal: np.ndarray) -> np.ndarray:
    """The order of lines by ``key``, then ``date`` (nanoseconds), then ``deal``, as
    ``np.lexsort((deal, date, key))`` gives it (on whole days: one number, core/sorting.py)."""
    if len(key) and not (date % _DAY == 0).all():
        return np.lexsort((deal, date, key))
    return lexsort((deal, date // _DAY, key))


def _won_line(won: dict, cancelled: dict) -> np.ndarray:
    """The won line (a position in ``won``) each cancelled line reverses: the same deal and rep
    (-1: none). On one number per (deal, rep) pair, sorted, when they fit in it."""
    if not len(won["deal"]) or not len(cancelled["deal"]):
        return np.full(len(cancelled["deal"]), -1, dtype="int64")
    width = int(max(won["rep"].max(), cancelled["rep"].max())) + 1
    if min(won["deal"].min(), won["rep"].min(), cancelled["deal"].min(), cancelled["rep"].min()) < 0 \
            or int(max(won["deal"].max(), cancelled["deal"].max())) * width >= 2**62:
        return pd.MultiIndex.from_arrays([won["deal"], won["rep"]]).get_indexer(
            pd.MultiIndex.from_arrays([cancelled["deal"], cancelled["rep"]]))
    pairs, wanted = won["deal"] * width + won["rep"], cancelled["deal"] * width + cancelled["rep"]
    order = np.argsort(pairs)  # (distinct: a deal credits a rep once)
    at = np.minimum(np.searchsorted(pairs[order], wanted), len(pairs) - 1)
    return np.where(pairs[order][at] == wanted, order[at], -1)


def _running_sum(keys: np.ndarray, amounts: np.ndarray) -> np.ndarray:
    """The cumulative sum of ``amounts`` within each run of equal ``keys`` (sorted by key)."""
    total = np.cumsum(amounts)
    if not len(keys):
        return total
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return total - np.repeat(total[starts] - amounts[starts], np.diff(np.append(starts, len(keys))))


def _quotas(book, keys: np.ndarray, plan: np.ndarray) -> np.ndarray:
    """The quota of each (rep, period) key of a line paid by ``plan``, 0 where there is none."""
    unique, first, where = np.unique(keys, return_index=True, return_inverse=True)
    reps = unique // _KEY
    kinds = plan_table(book)["kind"][plan_rows(book, plan[first])]
    pairs = list(zip((unique % _KEY).tolist(), kinds.tolist()))
    parts = {}  # each (period number, kind) once, numbered
    for number, kind in dict.fromkeys(pairs):
        months = number * MONTHS_IN[kind]
        parts[(number, kind)] = (len(parts), Period(Period.parse(f"{months // 12:04d}-{months % 12 + 1:02d}").start,
                                                    kind))
    part = np.array([parts[pair][0] for pair in pairs], dtype="int64")
    got = pair_values(book, ("quota_amounts", "rep"), lambda: quota_amounts(book, "rep"),
                      [period for _n, period in parts.values()], reps, part)[0]
    return got[where]


def _tier_table(book) -> dict[str, np.ndarray]:
    """The plans' tiers sorted by plan and start, as arrays (``plans``, and the ``first`` tier
    and ``count`` of tiers of each), once per revision of PlanTiers."""
    def build() -> dict[str, np.ndarray]:
        tiers = book["PlanTiers"].dropna(subset=["plan", "from", "rate"]).sort_values(["plan", "from"],
                                                                                      kind="stable")
        plans, first, count = np.unique(tiers["plan"].to_numpy(dtype="int64"), return_index=True,
                                        return_counts=True)
        return {"plans": plans, "first": first, "count": count, "from": tiers["from"].to_numpy(dtype="int64"),
                "rate": tiers["rate"].to_numpy(dtype="int64"), "unbounded": tiers["to"].isna().to_numpy(),
                "to": tiers["to"].fillna(0).to_numpy(dtype="int64"), "id": tiers.index.to_numpy(dtype="int64"),
                "marginal": (tiers["method"] == "marginal").to_numpy(dtype=bool)}
    return book.cached("tier_table", build, depends=("PlanTiers",))


def _deal_lines(tiers: dict, keys, plan, quota, before, after, amount, payable, rounding, multiplier) -> dict:
    """The tier and lift lines of each won line ``w``, from arrays by line (sorted by key): its
    (rep, period) key, plan, the quota of its period, the running credit before and after it,
    its amount and its rate multiplier (the rates it is paid are the tiers' times it, rounded
    half up to a millionth); ``tiers``: :func:`_tier_table`. ``sub`` numbers a line's tiers."""
    plans, first, count = tiers["plans"], tiers["first"], tiers["count"]
    at = np.minimum(np.searchsorted(plans, plan), max(len(plans) - 1, 0))
    n = np.where(payable & (plans[at] == plan), count[at], 0) if len(plans) else np.zeros(len(plan), "int64")

    # the bounds of each (period, tier) pair, from the first line of each period's run
    run = np.cumsum(np.r_[True, keys[1:] != keys[:-1]]) - 1 if len(keys) else np.zeros(0, "int64")
    heads = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, "int64")
    ends = np.r_[heads[1:], len(keys)] - 1
    pair = np.repeat(heads, n[heads])  # a row per (period, tier of its plan)
    pair_start = np.cumsum(n[heads]) - n[heads]
    tier = first[at[pair]] + np.arange(len(pair)) - np.repeat(pair_start, n[heads]) if len(pair) else pair
    start, rate = tiers["from"][tier], tiers["rate"][tier]
    unbounded, end = tiers["unbounded"][tier], tiers["to"][tier]
    tier_id, marginal = tiers["id"][tier], tiers["marginal"][tier]
    q = quota[pair]
    low, high = times_ratio(start, q, rounding), np.where(unbounded, _NO_BOUND, times_ratio(end, q, rounding))
    floor, ceiling = exact_product(start, q), exact_product(end, q)

    def reached(credit: np.ndarray, at_pair: np.ndarray) -> np.ndarray:
        """Whether ``credit ÷ quota`` lies in the tier of each pair, compared exactly."""
        scaled = exact_product(credit, S)
        return (credit > 0) & (scaled >= floor[at_pair]) & (unbounded[at_pair] | (scaled < ceiling[at_pair]))

    # a row per (won line, tier of its plan): which pair it reads
    w = np.repeat(np.arange(len(keys)), n)
    line_pair = np.repeat(pair_start[run], n) + np.arange(len(w)) - np.repeat(np.cumsum(n) - n, n) if len(w) else w
    frames = []

    # marginal: the line's slice of each tier, between bounds rounded to whole minor units
    m = np.flatnonzero(marginal[line_pair])
    mw, mp = w[m], line_pair[m]
    piece = np.maximum(np.minimum(after[mw], high[mp]) - np.maximum(before[mw], low[mp]), 0)
    paid = piece > 0
    mw, mp, piece = mw[paid], mp[paid], piece[paid]
    paid_rate = times_ratio(rate[mp], multiplier[mw])
    frames.append(_frame("tier", w=mw, tier=tier_id[mp], rate=paid_rate, base=piece,
                         amount=times_ratio(piece, paid_rate, rounding), sub=mp - pair_start[run[mw]]))

    # retroactive: each line at the rate of the tier its running credit reached, lifted to the
    # rate of the tier the period's credit reached
    r = np.flatnonzero(~marginal[line_pair])
    rw, rp = w[r], line_pair[r]
    hit = reached(after[rw], rp)
    retro = rw[np.r_[True, rw[1:] != rw[:-1]]] if len(rw) else rw  # each retroactive line once (rw is sorted)
    running_rate, running_tier = np.zeros(len(keys), "int64"), np.full(len(keys), -1, "int64")
    running_rate[rw[hit]], running_tier[rw[hit]] = times_ratio(rate[rp[hit]], multiplier[rw[hit]]), tier_id[rp[hit]]
    final = np.flatnonzero(~marginal & reached(after[ends[run[pair]]], np.arange(len(pair))))
    final_rate, final_tier = np.zeros(len(heads), "int64"), np.full(len(heads), -1, "int64")
    final_rate[run[pair[final]]], final_tier[run[pair[final]]] = rate[final], tier_id[final]
    frames.append(_frame("tier", w=retro, tier=running_tier[retro], rate=running_rate[retro], base=amount[retro],
                         amount=times_ratio(amount[retro], running_rate[retro], rounding)))
    lifted = times_ratio(final_rate[run[retro]], multiplier[retro])
    lift = retro[lifted != running_rate[retro]]
    difference = lifted[lifted != running_rate[retro]] - running_rate[lift]
    frames.append(_frame("retro_lift", w=lift, tier=final_tier[run[lift]], rate=difference, base=amount[lift],
                         amount=times_ratio(amount[lift], difference, rounding)))

    # a payable line no tier covers (nothing credited, or above a last tier with an end) pays 0
    covered = np.zeros(len(keys), dtype=bool)
    covered[mw], covered[retro] = True, True
    bare = np.flatnonzero(payable & ~covered)
    frames.append(_frame("tier", w=bare, rate=np.zeros(len(bare), "int64"), base=amount[bare],
                         amount=np.zeros(len(bare), "int64")))
    return {name: np.concatenate([frame[name] for frame in frames]) for name in frames[0]}


def _cap_lines(book, payouts: dict) -> dict:
    """A negative line bringing tier and lift lines above the plan's cap back down to the cap."""
    plans, at = plan_table(book), plan_rows(book, payouts["plan"])
    cap = plans["cap"][at]
    over = plans["has_cap"][at] & (payouts["paid"] > cap)
    paid = payouts["paid"][over]
    return _frame("cap", key=payouts["key"][over], base=paid, amount=cap[over] - paid)


def _bonus_lines(book, payouts: dict) -> dict:
    """A line per bonus whose attainment the period's won credit reached: its amount, plus its
    share of the rep's base salary for the period (:func:`planner.core.plan_rules.base_bonus`).
    Payouts in order, each one's bonuses in PlanBonuses order; then sorted by attainment."""
    bonuses = _bonus_table(book)
    payout, bonus = np.nonzero(payouts["plan"][:, None] == bonuses["plan"][None, :])  # every (payout, bonus of its plan)
    threshold = bonuses["from"][bonus]
    quota = payouts["quota"][payout].astype(object)
    reached = np.flatnonzero(((quota > 0) & attained(payouts["won"][payout].astype(object), quota,
                                                     threshold.astype(object))).astype(bool))
    reached = reached[np.argsort(threshold[reached], kind="stable")]
    payout, bonus = payout[reached], bonus[reached]
    amount, percent = bonuses["amount"][bonus], bonuses["percent"][bonus]
    share = percent > 0
    if share.any():
        amount = amount + np.where(share, plan_rules.base_bonus(
            book, payouts["rep"][payout], payouts["label"][payout], percent, book.rounding), 0)
    return _frame("bonus", key=payouts["key"][payout], bonus=bonuses["id"][bonus], amount=amount)


def _bonus_table(book) -> dict[str, np.ndarray]:
    """The plans' bonuses with a plan, a threshold and an amount, as arrays, once per revision."""
    def build() -> dict[str, np.ndarray]:
        bonuses = book["PlanBonuses"].dropna(subset=["plan", "from", "amount"])
        return {"plan": bonuses["plan"].to_numpy(dtype="int64"), "from": bonuses["from"].to_numpy(dtype="int64"),
                "amount": bonuses["amount"].to_numpy(dtype="int64"), "id": bonuses.index.to_numpy(dtype="int64"),
                "percent": bonuses["percent_of_base"].fillna(0).to_numpy(dtype="int64")}
    return book.cached("bonus_table", build, depends=("PlanBonuses",))


# a line while statements are built, as int64 arrays: ``w`` (its won line, in close order) or
# ``key`` (its payout), the output columns, and ``sub`` (a tier line's tier: 0, 1, … in the
# plan); -1 stands for "none" in id columns, and ``rate`` and ``base`` have a mask of their own
# (they may be negative or zero). Lines of no won line come in their statement order.
_FIELDS = {"w": -1, "key": -1, "deal": -1, "tier": -1, "bonus": -1, "spiff": -1, "rate": None, "base": None,
           "amount": 0, "sub": 0}


def _frame(rule: str, **columns) -> dict:
    """Lines of one rule, every field of :data:`_FIELDS` filled."""
    size = len(next(iter(columns.values())))
    out = {"rule": np.full(size, _ORDER[rule], dtype="int64")}
    for name, missing in _FIELDS.items():
        values = columns.get(name)
        out[name] = np.asarray(values, dtype="int64") if values is not None \
            else np.full(size, 0 if missing is None else missing, dtype="int64")
        if missing is None:
            out[name + "_na"] = np.full(size, values is None, dtype=bool)
    return out


def _finish(rows: pd.DataFrame, row_keys: np.ndarray, parts: list[dict]) -> pd.DataFrame:
    """The lines in statement order (payouts in ``rows`` order, then rule, then the order each
    rule's lines come in), numbered within each payout, in the interface's columns and dtypes."""
    lines = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}
    position = pd.Index(row_keys).get_indexer(lines["key"])
    shown = np.flatnonzero(position >= 0)
    # one sort on (payout, rule, won line, tier), stable for the lines of no won line
    rank = ((position[shown] * len(RULES) + lines["rule"][shown]) * (lines["w"].max(initial=0) + 2)
            + lines["w"][shown] + 1) * (lines["sub"].max(initial=0) + 1) + lines["sub"][shown]
    order = shown[np.argsort(rank, kind="stable")]
    lines, position = {name: values[order] for name, values in lines.items()}, position[order]
    starts = np.flatnonzero(np.r_[True, position[1:] != position[:-1]]) if len(position) else np.zeros(0, "int64")
    number = np.arange(len(position)) - np.repeat(starts, np.diff(np.r_[starts, len(position)])) + 1

    def nullable(values: np.ndarray, missing: np.ndarray) -> pd.arrays.IntegerArray:
        return pd.arrays.IntegerArray(values, missing)

    def texts(values, at: np.ndarray):  # (a few texts, taken: pandas checks none of the lines' one by one)
        values = np.asarray(values, dtype=object)
        return pd.array(values, dtype="str").take(at) if len(at) else values[at]

    return pd.DataFrame({
        "rep": rows["rep"].to_numpy(dtype="int64")[position],
        "period": texts(rows["period"], position),
        "line": number.astype("int64"),
        "deal": nullable(lines["deal"], lines["deal"] < 0),
        "rule": texts(list(RULES), lines["rule"]),
        "tier": nullable(lines["tier"], lines["tier"] < 0),
        "rate": nullable(lines["rate"], lines["rate_na"]), "base": nullable(lines["base"], lines["base_na"]),
        "amount": lines["amount"],
        "bonus": nullable(lines["bonus"], lines["bonus"] < 0),
        "spiff": nullable(lines["spiff"], lines["spiff"] < 0),
    })
