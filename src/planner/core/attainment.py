"""Credited amounts, quotas and attainment per rep (and team) per period."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from planner.core.deal_rules import deal_kinds, of_kind
from planner.core.derived import reads_as, rows_edited
from planner.core.facts import deal_facts
from planner.core.money import RATIO_SCALE
from planner.core.periods import MONTHS_IN, Period, PeriodKind, period_labels


def credit_lines(book) -> pd.DataFrame:
    """One line per (won deal, credited rep), dated when the deal closed, plus a reversing
    line dated when a won deal was cancelled; ``deal_id`` and ``rep`` are row ids.

    A deal listed in Splits is credited to its split reps by their shares, allocated so that
    the lines add up to the deal's amount exactly; any other won deal is credited wholly to
    its owner.
    """
    def build() -> pd.DataFrame:
        before = book.derived_before("credit_lines")
        edited = rows_edited(before, "Deals")
        lines = _spliced(book, before[0], edited) if edited is not None else None
        return lines if lines is not None else _credit_lines(deal_facts(book), book["Splits"], deal_kinds(book))
    return book.cached("credit_lines", build, depends=(), rowwise=True)  # the facts, Splits


def _spliced(book, before: pd.DataFrame, edited: frozenset) -> pd.DataFrame | None:
    """The lines ``before`` with those of the deals ``edited`` (only their values changed)
    built again, when they come where theirs did: the same deals, reps, shares and reasons in
    the same order, only dates and amounts changed (a deal's lines depend on it and its Splits
    rows alone). Else None: a deal won, lost, cancelled or owned anew moves lines about."""
    reads_as(book.derived_before("credit_lines"))
    facts = deal_facts(book)
    at = facts.index.get_indexer(sorted(edited))
    facts, splits = facts.iloc[np.sort(at[at >= 0])], book["Splits"]  # (a view may leave some out)
    credited = ((facts["kind"] == "won") & facts["closed"].notna()).to_numpy(dtype=bool, na_value=False).any()
    mine = np.flatnonzero(before["deal_id"].isin(list(edited)).to_numpy(dtype=bool, na_value=False))
    if not credited and not len(mine):  # none of them credited, before or now
        return before
    if not credited or not len(mine):
        return None
    new = _credit_lines(facts, splits)
    if len(mine) != len(new):
        return None
    kept = before.iloc[mine]
    if any(_values(kept[column]) != _values(new[column]) for column in ("deal_id", "rep", "share", "reason")):
        return None
    dates, amounts = before["date"].to_numpy(copy=True), before["amount"].to_numpy(dtype=object, copy=True)
    dates[mine], amounts[mine] = new["date"].to_numpy(), new["amount"].to_numpy(dtype=object)
    return before.assign(date=dates, amount=amounts)


def _values(column: pd.Series) -> list:
    return [None if pd.isna(value) else value for value in column.tolist()]


_REASONS = np.array(["won", "cancelled"], dtype=object)


def _credit_lines(facts: pd.DataFrame, splits: pd.DataFrame, kinds: pd.Series | None = None) -> pd.DataFrame:
    """The credit lines of the deals ``facts`` (deal_facts rows), ``splits`` the Splits sheet:
    the won deals' whole lines (their owners'), then their split lines, then a reversal of
    each line of a cancelled deal. ``kinds``: the deals' stage kinds as codes
    (deal_rules.deal_kinds), when ``facts`` are every deal's; else their texts are compared."""
    # on numpy over the won deals' positions: no frame of them, one hash of their ids
    chosen = np.flatnonzero(of_kind(facts["kind"] if kinds is None else kinds, "won")
                            & facts["closed"].notna().to_numpy())
    ids = facts.index.to_numpy(dtype="int64")[chosen]
    split_deal = splits["deal_id"].to_numpy(dtype="int64", na_value=-1)
    in_won = pd.Index(ids).get_indexer(split_deal)  # each Splits row's won deal (-1: none)
    split = np.flatnonzero(in_won >= 0)
    alone = np.ones(len(ids), dtype=bool)
    alone[in_won[split]] = False
    at = np.concatenate([np.flatnonzero(alone), in_won[split]])  # each line's won deal
    whole = len(at) - len(split)
    deal = ids[at]
    owners, split_reps = facts["rep"], splits["rep"]
    rep = pd.arrays.IntegerArray(
        np.concatenate([owners.to_numpy(dtype="int64", na_value=0)[chosen][alone],
                        split_reps.to_numpy(dtype="int64", na_value=0)[split]]),
        np.concatenate([owners.isna().to_numpy()[chosen][alone], split_reps.isna().to_numpy()[split]]))
    shares = splits["share"]
    share = pd.arrays.IntegerArray(
        np.concatenate([np.full(whole, RATIO_SCALE, dtype="int64"), shares.to_numpy(dtype="int64", na_value=0)[split]]),
        np.concatenate([np.zeros(whole, dtype=bool), shares.isna().to_numpy()[split]]))
    amount = facts["amount"].array.take(chosen).to_numpy(dtype="int64")[at]
    # a deal credited wholly to its owner is credited its amount: only split deals are allocated
    credited = np.concatenate([amount[:whole].astype(object), allocate(
        pd.Series(deal[whole:]), pd.Series(amount[whole:]), pd.Series(share[whole:]))])
    closed = facts["closed"].to_numpy(dtype="datetime64[ns]")[chosen][at]
    cancelled = facts["cancelled"].to_numpy(dtype="datetime64[ns]")[chosen][at]
    back = np.flatnonzero(~np.isnat(cancelled))  # each line of a cancelled deal reversed
    lines = np.r_[np.arange(len(deal)), back]
    return pd.DataFrame({
        "deal_id": pd.array(deal[lines], dtype="Int64"), "rep": rep.take(lines), "share": share.take(lines),
        "date": np.concatenate([closed, cancelled[back]]),
        "amount": np.concatenate([credited, -credited[back]]),
        "reason": _REASON_TEXTS.take((np.arange(len(lines)) >= len(deal)).astype("int64")),
    })


_REASON_TEXTS = pd.Series(_REASONS, dtype="str").array


def allocate(deal: pd.Series, amount: pd.Series, share: pd.Series) -> np.ndarray:
    """Each line's credit in whole minor units, the lines of a deal adding up to its amount
    exactly, for any shares the book accepts (``money.shares_whole``: three shares of
    ``1/3``, held as 33.3333%, make 99.9999%, a whole).

    Each line's exact part is ``amount × share ÷ S``, S the sum of the deal's shares (so a
    whole held as 99.9999% is the deal's whole amount). Largest remainder: each part is rounded
    down, and the units the deal is still short go one by one to the lines with the largest
    remainders. Tie rule: among equal remainders, the larger share first, then the line that
    comes first (the deal's lines in Splits order: 100.00 split in thirds is 33.34 for the
    first line, 33.33 for the others).

    Parameters
    ----------
    deal, amount, share : pandas.Series
        Per line, in the order that breaks the last ties: the deal (any key), the deal's amount
        in minor units, the line's share in millionths.
    """
    shares, amounts = share.to_numpy(dtype="int64"), amount.to_numpy(dtype="int64")
    deals = pd.factorize(deal.to_numpy())[0]
    whole = np.bincount(deals, weights=shares).astype("int64")  # exact: sums of millionths stay below 2⁵³
    shared = whole > 0  # a deal without any share (the book refuses it) is credited nothing
    divisor = np.where(shared, whole, 1)[deals]
    if len(amounts) and int(np.abs(amounts).max()) * int(shares.max(initial=0)) < 2**63:
        exact = amounts * shares
    else:  # amount × share beyond int64: on Python integers
        exact, divisor = amounts.astype(object) * shares.astype(object), divisor.astype(object)
    floor, remainder = (exact // divisor).astype("int64"), (exact % divisor).astype("int64")  # |floor| ≤ amount
    # each deal's amount (on its first line) less its lines' floors: what it is still short
    floors = np.zeros(len(whole), dtype="int64")
    np.add.at(floors, deals, floor)
    short = np.where(shared, amounts[np.unique(deals, return_index=True)[1]] - floors, 0)[deals]
    # rank within the deal: larger remainder, then larger share, then earlier line
    position = np.arange(len(deals))
    order = np.lexsort((position, -shares, -remainder, deals))
    rank = np.empty(len(deals), dtype="int64")
    rank[order] = position - np.searchsorted(deals[order], deals[order])
    return (floor + (rank < short)).astype(object)


def credited_by(book, kind: PeriodKind) -> pd.Series:
    """Credited minor units indexed by (rep row id, period label) for periods of ``kind``."""
    def total(lines: pd.DataFrame) -> pd.Series:
        return _summed_by(lines, kind)

    def build() -> pd.Series:
        lines = credit_lines(book)
        summed = resummed(book, book.derived_before(("credited_by", kind)), lines, total)
        if summed is not None:
            return summed
        if not len(lines):
            return pd.Series(dtype="int64", index=pd.MultiIndex.from_tuples([], names=["rep", "period"]))
        return _summed_by(lines, kind, credit_arrays(book))  # every line: their arrays are kept
    return book.cached(("credited_by", kind), build, depends=(), rowwise=True)


def resummed(book, before, lines: pd.DataFrame, total) -> pd.Series | None:
    """The sums of credit lines by group that ``before`` (``Derived.before`` of an entry computing
    ``total(credit_lines(book))``) held, less the old lines of the deals the edit changed, plus
    their ``lines`` now: when the edit changed nothing else the sums read, and those deals' lines
    fall in the groups they fell in (no group made or emptied). Else None."""
    edited, old = rows_edited(before, "Deals"), book.derived_before("credit_lines")
    if edited is None or old is None:
        return None
    reads_as(before)
    ids = list(edited)
    was = old[0][old[0]["deal_id"].isin(ids).to_numpy(dtype=bool, na_value=False)]
    now = lines[lines["deal_id"].isin(ids).to_numpy(dtype=bool, na_value=False)]
    if not len(was) and not len(now):
        return before[0]
    was, now = total(was), total(now)
    sums = before[0]
    at = sums.index.get_indexer(now.index) if now.index.equals(was.index) else np.array([-1])
    if (at < 0).any():
        return None
    values = sums.to_numpy(dtype=object, copy=True)
    values[at] = [int(sum_) - int(old_) + int(new_) for sum_, old_, new_ in zip(values[at], was, now)]
    return pd.Series(values, index=sums.index, name=sums.name)


def credit_arrays(book) -> dict:
    """:func:`credit_lines` as numpy arrays (:func:`line_arrays`), once per revision: the
    credited sums, the statements and the year to date each read them."""
    return book.cached("credit_arrays", lambda: line_arrays(credit_lines(book)), depends=())  # credit_lines


def line_arrays(lines: pd.DataFrame) -> dict:
    """Credit ``lines`` as arrays: ``rep`` (int64, -1 where missing), ``deal`` (int64, -1 where
    missing), ``date`` (datetime64[ns]), ``month`` (months since year 0 of the date; 0 where
    undated), ``kept`` (with a rep and a date), ``won`` (reason won), ``amount`` (int64; None when
    one is beyond int64; ``amounts``: as they are) and ``by_month``: the kept lines' positions
    sorted by rep, then month (so by rep, then period, for periods of any length). ``deal`` and
    ``won`` only when ``lines`` have their columns."""
    dates = lines["date"].to_numpy(dtype="datetime64[ns]")
    rep = lines["rep"].to_numpy(dtype="int64", na_value=-1)
    kept = lines["rep"].notna().to_numpy() & ~np.isnat(dates)
    month = months_of(dates)
    amounts = lines["amount"].to_numpy(dtype=object)
    try:
        amount = amounts.astype("int64")
    except OverflowError:
        amount = None
    chosen = np.flatnonzero(kept)
    reps, months = rep[chosen], month[chosen]
    low = int(months.min()) if len(chosen) else 0
    if len(chosen) and int(reps.min()) >= 0 and (int(months.max()) - low) < 2**20 and int(reps.max()) < 2**42:
        order = np.argsort((reps << 20) | (months - low))  # one key: equal ones are summed, in any order
    else:
        order = np.lexsort((months, reps))
    out = {"rep": rep, "date": dates, "month": month, "kept": kept, "amount": amount, "amounts": amounts,
           "by_month": chosen[order]}
    if "deal_id" in lines and "reason" in lines:  # (lines summed alone may come without them)
        out.update(deal=lines["deal_id"].to_numpy(dtype="int64", na_value=-1),
                   won=lines["reason"].isin(["won"]).to_numpy(dtype=bool))
    return out


def months_of(dates: np.ndarray) -> np.ndarray:
    """The month of each date (datetime64[ns]) as months since year 0; 0 for NaT. On day
    numbers through a table of the months their span covers: numpy's calendar conversion to
    datetime64[M] costs more than the rest of a credited sum."""
    days = dates.astype("datetime64[D]").astype("int64")
    dated = ~np.isnat(dates)
    if not dated.any():
        return np.zeros(len(dates), dtype="int64")
    first, last = days[dated].min(), days[dated].max()
    if last - first > 200_000:  # dates centuries apart: numpy's conversion
        return np.where(dated, dates.astype("datetime64[M]").astype("int64") + 1970 * 12, 0)
    low, high = np.array([first, last]).astype("datetime64[D]").astype("datetime64[M]").astype("int64")
    starts = np.arange(low, high + 2).astype("datetime64[M]").astype("datetime64[D]").astype("int64")
    table = np.repeat(np.arange(low, high + 1), np.diff(starts))  # each day's month, from the first's 1st
    return np.where(dated, table[np.where(dated, days, starts[0]) - starts[0]] + 1970 * 12, 0)


def _summed_by(lines: pd.DataFrame, kind: PeriodKind, arrays: dict | None = None) -> pd.Series:
    """The ``amount`` of credit lines summed by (rep, label of the period of ``kind`` holding the
    line's date), sorted by both: a groupby of the labels, on numbers (a period's months since
    year 0 ÷ its length: the labels of one kind sort as their numbers do). Lines without a rep
    or a date are left out. ``arrays``: the lines' :func:`line_arrays`, when kept already."""
    arrays = arrays if arrays is not None else line_arrays(lines)
    at = arrays["by_month"]
    if not len(at):
        return lines.assign(period=period_labels(lines["date"], kind)).groupby(["rep", "period"])["amount"].sum()
    reps, codes = arrays["rep"][at], arrays["month"][at] // MONTHS_IN[kind]  # sorted by both
    starts = np.flatnonzero(np.r_[True, (reps[1:] != reps[:-1]) | (codes[1:] != codes[:-1])])
    exact = arrays["amount"][at] if arrays["amount"] is not None else None
    if exact is not None and len(exact) * max(abs(int(exact.max())), abs(int(exact.min()))) < 2**63:
        sums = np.add.reduceat(exact, starts).astype(object)  # int64 sums are exact here
    else:
        sums = np.add.reduceat(arrays["amounts"][at], starts)
    step = MONTHS_IN[kind]
    # the index from its levels and codes: both already sorted and numbered (no factorizing)
    rep_starts = np.flatnonzero(np.r_[True, reps[starts][1:] != reps[starts][:-1]])
    rep_code = np.repeat(np.arange(len(rep_starts)), np.diff(np.r_[rep_starts, len(starts)]))
    numbers, code = np.unique(codes[starts], return_inverse=True)
    labels = [Period(date(number * step // 12, number * step % 12 + 1, 1), kind).label for number in numbers.tolist()]
    index = pd.MultiIndex(levels=[pd.Index(pd.array(reps[starts][rep_starts], dtype="Int64")),
                                  pd.Index(pd.array(labels, dtype="string"))],
                          codes=[rep_code, code.reshape(-1)], names=["rep", "period"], verify_integrity=False)
    return pd.Series(sums, index=index, name="amount", dtype=object)


def quota_amounts(book, who: str = "rep") -> pd.Series:
    """Quota in minor units indexed by (row id of the rep, or of the team with ``who="team"``,
    period label), for every month, quarter and year the Quotas sheet determines.

    A period's quota is its own row when the sheet has one; otherwise the sum of its parts
    (a quarter from its months, a year from its quarters), so month, quarter and year rows
    can be mixed without counting anything twice.
    """
    return book.cached(("quota_amounts", who), lambda: _quota_amounts(book, who), depends=())  # Quotas


_LEVELS = ("month", "quarter", "year")


def _quota_amounts(book, who: str) -> pd.Series:
    """On numbers: each row's period as its level (month, quarter, year) and first month
    (months since year 0); sums by (key, level, month) sorted, so each level's labels sort as
    they would as texts."""
    quotas = book["Quotas"]  # the rows with a key, a period and an amount, as arrays (no frame of them)
    kept = np.flatnonzero(quotas[who].notna().to_numpy() & quotas["period"].notna().to_numpy()
                          & quotas["amount"].notna().to_numpy())
    if not len(kept):
        return pd.Series(np.zeros(0, dtype="int64"), name="amount", index=pd.MultiIndex.from_arrays(
            [np.zeros(0, dtype="int64"), np.zeros(0, dtype=object)], names=["key", "period"]))
    # canonical labels (Kind.PERIOD), each worked out once (factorized as Python strings: faster)
    codes, labels = pd.factorize(quotas["period"].to_numpy(dtype=object)[kept])
    periods = [Period.of(label) for label in labels]
    level = np.array([_LEVELS.index(p.kind) for p in periods], dtype="int64")[codes]
    month = np.array([p.start.year * 12 + p.start.month - 1 for p in periods], dtype="int64")[codes]
    key, amount = (quotas[column].to_numpy(dtype="int64", na_value=0)[kept] for column in (who, "amount"))

    def summed(chosen: np.ndarray, months: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(key, month, amount) of the rows ``chosen``, summed by key and month, sorted."""
        return _sums(key[chosen], months[chosen], amount[chosen])

    months = summed(level == 0, month)
    quarters = _first_of(summed(level == 1, month), summed(level == 0, month // 3 * 3))  # own row, else its months
    years = _first_of(summed(level == 2, month), _sums(quarters[0], quarters[1] // 12 * 12, quarters[2]))
    parts = [(months, "month"), (quarters, "quarter"), (years, "year")]
    label = {(kind, start): Period(date(start // 12, start % 12 + 1, 1), kind).label
             for (keys, starts, _amounts), kind in parts for start in np.unique(starts).tolist()}
    index = pd.MultiIndex.from_arrays(
        [np.concatenate([part[0] for part, _kind in parts]),
         [label[(kind, start)] for (_keys, starts, _amounts), kind in parts for start in starts.tolist()]],
        names=["key", "period"])
    return pd.Series(np.concatenate([part[2] for part, _kind in parts]), index=index, name="amount")


def _sums(key: np.ndarray, month: np.ndarray, amount: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``amount`` summed by (key, month), sorted by both."""
    order = np.lexsort((month, key))
    key, month, amount = key[order], month[order], amount[order]
    if not len(order):
        return key, month, amount
    starts = np.flatnonzero(np.r_[True, (key[1:] != key[:-1]) | (month[1:] != month[:-1])])
    return key[starts], month[starts], np.add.reduceat(amount, starts)


def _first_of(own: tuple, other: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (key, month, amount) sums of ``own`` and, where it has none, ``other``'s, sorted."""
    mine = set(zip(own[0].tolist(), own[1].tolist()))
    added = np.array([pair not in mine for pair in zip(other[0].tolist(), other[1].tolist())], dtype=bool)
    key, month, amount = (np.concatenate([a, b[added]]) for a, b in zip(own, other))
    order = np.lexsort((month, key))
    return key[order], month[order], amount[order]


def ratio(numerator, denominator) -> pd.arrays.FloatingArray:
    """``numerator`` ÷ ``denominator`` (counts or minor units: arrays or series of one length)
    where the denominator is above zero, else missing; missing where the numerator is."""
    top, bottom = _floats(numerator), _floats(denominator)
    above = bottom > 0  # a missing one is not
    missing = ~above | np.isnan(top)
    return pd.arrays.FloatingArray(np.where(missing, 0.0, top / np.where(above, bottom, 1.0)), missing)


def _floats(values) -> np.ndarray:
    """Numbers as float64, NaN where missing (a few hundred: converted without pandas' checks)."""
    if isinstance(values, np.ndarray) and values.dtype != object:
        return values.astype("float64")
    if isinstance(values, (pd.Series, pd.api.extensions.ExtensionArray)) and values.dtype != object:
        return values.to_numpy(dtype="float64", na_value=np.nan)
    return pd.array(values, dtype="Float64").to_numpy(dtype="float64", na_value=np.nan)


def attainment(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per rep and per team: quota, credited and attainment (credited ÷ quota) for ``period``,
    by row id: ``rep`` and ``team`` hold row ids (core/shown.py names them for the user).

    Reps are listed in Reps order when active in the period, or when they have a quota or
    credit in it; teams in Teams order. A team's quota follows decisions.md's rule
    (core/team_quotas.py): its own row for exactly the period, a longer period adding up its
    sub-periods, else its members' sum, child teams included; its credit is its reps' and its
    child teams' (rolled up). Once per state of the book and period (the report and its
    quadrants ask for the same quarter).
    """
    return book.cached(("attainment", period), lambda: _attainment(book, period), depends=())


def _attainment(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    # numpy over the reps and teams: a few hundred rows, where pandas' per-call cost dominates
    reps, teams = book["Reps"], book["Teams"]
    credited = _in_period(credited_by(book, period.kind), period)
    quota = _in_period(quota_amounts(book, "rep"), period)
    ids = reps.index
    shown = active_in(book, period) | ids.isin(credited.index) | ids.isin(quota.index)
    rep_ids = ids[shown]
    rep_credited = pd.array(values_at(credited, rep_ids, 0), dtype="Int64")
    rep_quota = pd.array(values_at(quota, rep_ids), dtype="Int64")
    team = reps["team"].array[shown]
    rep_rows = pd.DataFrame({
        "rep": pd.array(rep_ids, dtype="Int64"), "team": team, "period": _labels(period, len(rep_ids)),
        "quota": rep_quota, "credited": rep_credited, "attainment": ratio(rep_credited, rep_quota),
    })

    from planner.core.team_quotas import rolled_up, team_quota_amounts

    in_team = ~team.isna()
    member_teams, at = np.unique(team[in_team].to_numpy(dtype="int64"), return_inverse=True)
    members = np.zeros(len(member_teams), dtype="int64")  # the members' credit by team
    np.add.at(members, at.reshape(-1), rep_credited[in_team].to_numpy(dtype="int64"))
    members = pd.Series(members, index=member_teams)
    team_quota = _in_period(team_quota_amounts(book), period)
    team_credited = pd.array(values_at(rolled_up(members.astype("int64"), teams), teams.index, 0), dtype="Int64")
    team_quota = pd.array(values_at(team_quota, teams.index), dtype="Int64")
    team_rows = pd.DataFrame({
        "team": pd.array(teams.index, dtype="Int64"), "period": _labels(period, len(teams)),
        "quota": team_quota, "credited": team_credited, "attainment": ratio(team_credited, team_quota),
    })
    return rep_rows, team_rows


def values_at(values: pd.Series, keys, missing=None) -> np.ndarray:
    """The values of a series (its index unique) at ``keys``, ``missing`` where it has none,
    as an object array (exact integers stay Python's)."""
    at = values.index.get_indexer(keys) if len(values) else np.full(len(keys), -1)
    return np.append(values.to_numpy(dtype=object), missing)[at]  # -1: the one added


def _labels(period: Period, count: int) -> pd.arrays.StringArray:
    return pd.array(np.full(count, period.label, dtype=object), dtype="string")


def period_quota(reps: pd.DataFrame, teams: pd.DataFrame) -> int | None:
    """The period's quota as metrics.coverage counts it: every team's quota plus the quotas
    of reps in no team; ``None`` when nobody has one."""
    quotas = pd.concat([teams["quota"], reps.loc[reps["team"].isna(), "quota"]]).dropna()
    return int(quotas.astype("int64").sum()) if len(quotas) else None


def quota_by_month(book, year: int, as_of: date) -> pd.DataFrame:
    """Per month of ``year``: ``month`` (label), ``quota`` (the company's, as
    :func:`period_quota` counts it; missing without one) and ``won`` (credited to reps in the
    month, as attainment counts it: cancellations reversed; missing for a month that begins
    after as_of, which has no figure yet rather than a final 0), minor units. Once per state
    of the book, year and as_of: the report of every period of the year shows the same."""
    # (a shallow copy: copy-on-write keeps a caller's change out of the cached one)
    return book.cached(("quota_by_month", year, as_of), lambda: _quota_by_month(book, year, as_of),
                       depends=()).copy(deep=False)


def _quota_by_month(book, year: int, as_of: date) -> pd.DataFrame:
    months = Period(date(year, 1, 1), "year").split("month")
    labels = [month.label for month in months]
    won, quotas = _company_by_label(book)
    frame = pd.DataFrame({
        "month": labels,
        "quota": pd.array([int(quotas[label]) if label in quotas.index else None for label in labels], dtype="Int64"),
        "won": pd.array([int(won.get(month.label, 0)) if month.start <= as_of else None for month in months],
                        dtype="Int64"),
    })
    return frame


def _company_by_label(book) -> tuple[pd.Series, pd.Series]:
    """The company's credit per month label and quota per period label (as :func:`period_quota`
    counts it: the Teams rows' quotas and those of the Reps rows in no team), every year's at
    once: once per revision."""
    def build() -> tuple[pd.Series, pd.Series]:
        from planner.core.team_quotas import team_quota_amounts

        credited = credited_by(book, "month")
        won = credited.groupby(level=1).sum() if len(credited) else pd.Series(dtype="int64")
        reps = book["Reps"]
        alone = reps.index[reps["team"].isna().to_numpy(dtype=bool)]
        parts = [(team_quota_amounts(book), book["Teams"].index), (quota_amounts(book, "rep"), alone)]
        chosen = [values[values.index.get_level_values(0).isin(keys)] for values, keys in parts if len(values)]
        quotas = pd.concat(chosen).groupby(level=1).sum() if chosen else pd.Series(dtype="int64")
        return won, quotas
    return book.cached("company_by_label", build, depends=())


def _in_period(values: pd.Series | None, period: Period) -> pd.Series:
    """The part of a (key, period)-indexed series for ``period``, indexed by key (maybe empty)."""
    if values is None or not len(values):
        return pd.Series(dtype="int64")
    index = values.index  # compared on the level's codes: no label is made per entry
    labels = index.levels[1]
    code = labels.get_loc(period.label) if period.label in labels else -1  # (a list's get_indexer: 70 µs)
    chosen = index.codes[1] == code if code >= 0 else np.zeros(len(index), dtype=bool)
    keys = index.levels[0].take(index.codes[0][chosen]).rename(index.names[0])
    return pd.Series(values.array[chosen], index=keys, name=values.name)


def active_in(book, period: Period) -> np.ndarray:
    """:func:`active` of the book's Reps (in Reps order), once per revision of their dates."""
    return book.cached(("active", period), lambda: active(book["Reps"], period).to_numpy(),
                       depends={"Reps": ("start_date", "end_date")})


def active(reps: pd.DataFrame, period: Period) -> pd.Series:
    """Reps employed for at least a day of ``period``."""
    start, end = reps["start_date"].to_numpy(dtype="datetime64[ns]"), reps["end_date"].to_numpy(dtype="datetime64[ns]")
    started = np.isnat(start) | (start < np.datetime64(period.end, "ns"))
    not_left = np.isnat(end) | (end >= np.datetime64(period.start, "ns"))
    return pd.Series(started & not_left, index=reps.index)


def attained(credited: np.ndarray, quota: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """Exact test ``credited ÷ quota ≥ threshold`` (threshold in millionths), on integers."""
    return credited * RATIO_SCALE >= threshold * quota
