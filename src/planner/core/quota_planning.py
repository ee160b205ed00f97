"""Quota planning: a company's target for a year spread to its reps and their months.

A :class:`QuotaInputs` value says what the manager chose; :func:`plan_quotas` computes a
:class:`Scenario` from it on a snapshot of the book (nothing in the book changes), so several
can be compared side by side; :meth:`Scenario.change` is the one change that writes one to
the Quotas table (applied through the session: one undo step).

The rule, in exact integers:

* **assigned** = target × over-assignment, rounded once to the minor unit (the book's rounding).
* Each rep active in the year gets a cell per month: weight × season × ramp × the share of the
  month it is employed (proration, by days). Weights are ``equal`` (1 each), ``won`` (the rep's
  run rate in the basis year, core/quota_history.py; a rep without one takes its role's mean,
  else every rep's mean) or ``hand`` (given per rep). The season is ``flat`` (1 each month),
  ``history`` (the company's won value per month of the basis year) or ``hand`` (12 numbers).
  Ramp multiplies a new hire's first months (its start month is the first), then 100%.
* assigned is allocated to reps by their cells' sums, then each rep's year to its months by its
  cells, both by **largest remainder**: every share rounded down, the units left over to the
  largest remainders (the earlier rep or month first on a tie). So the reps add up to assigned
  and each rep's months to its year, exactly; ramping one rep renormalises the others.
* **Closed months** (a period closed with core/close.py holding months of the year) keep their
  reps' Quotas rows as they are: the close guard refuses any change to them. The target stays
  the year's total: the kept rows count toward assigned, and the rest (assigned − kept) is
  spread over the open months alone, by the same cells; kept more than assigned is refused.
* **Capacity** (bottom-up): each rep's role productivity (given by hand, else the role's mean
  run rate in the basis year) × the ramped, prorated share of the year it works, rounded once
  per rep; planned reps (a start date ahead) count. **Gap** = capacity − target.

The Quotas rows a scenario writes are final amounts, already ramped and prorated (decisions.md):
one per rep and open month it is employed; applying replaces only the year's rep × month rows of
the open months.
"""

from __future__ import annotations

import calendar
import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from planner.core import quota_history
from planner.core.attainment import active
from planner.core.changes import Batch, Change, DeleteRows
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import RATIO_SCALE, apply_ratio, format_money, round_div, to_minor, to_ratio
from planner.core.parse import other_currency
from planner.core.periods import Period
from planner.core.schema import FIRST_YEAR, LAST_YEAR, MAX_INTEGER

WEIGHTS = ("equal", "won", "hand")
SEASONALITY = ("flat", "history", "hand")
MAX_OVER = 10 * RATIO_SCALE  # 1000%
MAX_RAMP_MONTHS = 36
_DAY_UNITS = math.lcm(28, 29, 30, 31)  # a month's employed days as a whole share of it

BAD_YEAR = QT_TRANSLATE_NOOP("errors", "the year must be from {low} to {high}, not {year}")
NEGATIVE_TARGET = QT_TRANSLATE_NOOP("errors", "the target must be zero or more")
BAD_TARGET = QT_TRANSLATE_NOOP("errors", "the target × over-assignment must be at most {high} {currency}")
BAD_OVER = QT_TRANSLATE_NOOP("errors", "over-assignment must be above 0% and at most 1000% (110% or 1.10)")
BAD_WEIGHTS = QT_TRANSLATE_NOOP("errors", "unknown weights {value!r}: use equal, won or hand:FILE (the book "
                                          "has no territory potential column)")
BAD_SEASONALITY = QT_TRANSLATE_NOOP("errors", "unknown seasonality {value!r}: use flat, history or hand")
KEPT_OVER = QT_TRANSLATE_NOOP("errors", "the closed months of {year} ({periods}) hold quotas of {kept} already, "
                                        "more than the {assigned} to assign (target × over-assignment): raise the "
                                        "target, or reopen {periods}")
ALL_CLOSED = QT_TRANSLATE_NOOP("errors", "every month of {year} is closed ({periods}): nothing is left to plan")
BAD_HAND_SEASON = QT_TRANSLATE_NOOP("errors", "seasonality by hand needs 12 numbers of zero or more, not all zero")
BAD_RAMP = QT_TRANSLATE_NOOP("errors", "a ramp is at most {months} monthly steps, each from 0% to 100%")
NOT_AMOUNT = QT_TRANSLATE_NOOP("errors", "{flag} {value!r} is not an amount in {currency}")
NO_AMOUNT = QT_TRANSLATE_NOOP("errors", "{flag}: type an amount in {currency}")
OTHER_CURRENCY = QT_TRANSLATE_NOOP("errors", "{flag} {value!r} is an amount in {other}; amounts here are in {currency}")
NOT_NUMBER = QT_TRANSLATE_NOOP("errors", "{flag}: {value!r} is not a number")
BAD_RAMP_STEP = QT_TRANSLATE_NOOP("errors", "ramp: {value!r} is not a percentage (write 25 or 25%)")
BAD_HAND_WEIGHT = QT_TRANSLATE_NOOP("errors", "weights by hand must be zero or more")
MISSING_HAND = QT_TRANSLATE_NOOP("errors", "weights by hand: no weight for {reps}")
MISSING_HANDS = QT_TRANSLATE_NOOP("errors", "weights by hand: no weight for {reps} and {more} more")
NAMED = 10  # reps a message names; it counts the rest
NOTHING_TO_SPREAD = QT_TRANSLATE_NOOP("errors", "nothing to spread the target over: no rep active in {year} has a "
                                                "weight above zero")
NOTE_ROLE_MEAN = QT_TRANSLATE_NOOP("errors", "{reps}: less than a quarter of {basis} to judge by, weighted at their "
                                             "role's mean run rate")
NOTE_OWN_ROWS = QT_TRANSLATE_NOOP("errors", "{reps} keep their own quarter or year Quotas rows of {year}: those rows, "
                                            "not the planned months, stay their quarter and year quotas")
NOTE_TEAM_ROWS = QT_TRANSLATE_NOOP("errors", "teams {teams} have Quotas rows of their own in {year}: those rows win over "
                                             "their reps' planned months")
NOTE_EMPTY_MONTHS = QT_TRANSLATE_NOOP("errors", "nothing was won in {months} of {basis}: seasonality from history gives "
                                                "those months no quota (choose flat or by hand to give them one)")
NOTE_KEPT = QT_TRANSLATE_NOOP("errors", "{periods} closed: the quotas of {months} are kept as they are ({kept}); "
                                        "the rest of the year, {rest}, is spread over the open months")
NOTE_NO_PRODUCTIVITY = QT_TRANSLATE_NOOP("errors", "no productivity for {roles}: their reps count for nothing in "
                                                   "capacity")


@dataclass(frozen=True)
class QuotaInputs:
    """What a manager chooses. Money in minor units, ratios in millionths; ``hand_weights`` by
    rep row id, ``productivity`` (annual, by role; ``""`` for reps without one) by hand."""

    year: int
    target: int
    over: int = RATIO_SCALE
    weights: str = "equal"
    hand_weights: dict[int, int] = field(default_factory=dict)
    seasonality: str = "flat"
    hand_seasonality: tuple[int, ...] = ()
    ramp: tuple[int, ...] = ()
    basis: int | None = None
    productivity: dict[str, int] = field(default_factory=dict)
    as_of: date | None = None  # the book's "today" (default: its as_of): run rates stop there
    name: str = ""

    @property
    def basis_year(self) -> int:
        return self.year - 1 if self.basis is None else self.basis

    def check(self, currency: str) -> None:
        """Raise :class:`PlannerError` for the first input that makes no plan (amounts said in
        the book's ``currency``)."""
        for year in (self.year, self.basis_year):
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise PlannerError(BAD_YEAR, low=FIRST_YEAR, high=LAST_YEAR, year=year)
        if not 0 < self.over <= MAX_OVER:
            raise PlannerError(BAD_OVER)
        if self.target < 0:
            raise PlannerError(NEGATIVE_TARGET)
        if self.target * self.over > MAX_INTEGER * RATIO_SCALE:
            raise PlannerError(BAD_TARGET, high=format_money(MAX_INTEGER, currency), currency=currency)
        if self.weights not in WEIGHTS:
            raise PlannerError(BAD_WEIGHTS, value=self.weights)
        if self.seasonality not in SEASONALITY:
            raise PlannerError(BAD_SEASONALITY, value=self.seasonality)
        if self.seasonality == "hand" and (len(self.hand_seasonality) != 12 or min(self.hand_seasonality) < 0
                                           or not any(self.hand_seasonality)):
            raise PlannerError(BAD_HAND_SEASON)
        if len(self.ramp) > MAX_RAMP_MONTHS or any(not 0 <= step <= RATIO_SCALE for step in self.ramp):
            raise PlannerError(BAD_RAMP, months=MAX_RAMP_MONTHS)
        if any(weight < 0 for weight in self.hand_weights.values()) or any(
                amount < 0 for amount in self.productivity.values()):
            raise PlannerError(BAD_HAND_WEIGHT)


@dataclass(frozen=True, eq=False)
class Scenario:
    """One quota plan: its inputs, and per rep active in the year (``reps``, in Reps order:
    ``rep`` and ``team`` row ids, ``role``, ``start``, ``end``, ``planned`` (starts after the
    book's as_of), ``weight`` (its share of the weights, before ramp and proration), ``annual``,
    ``capacity``) its quota per month (``months``, one row per rep, January first; ``employed``
    says which months it works). ``kept`` marks the months of closed periods: their amounts in
    ``months`` are the reps' Quotas rows as they stand (``kept_amount`` in all), never written;
    ``closed`` names those periods."""

    inputs: QuotaInputs
    currency: str
    as_of: date
    assigned: int
    reps: pd.DataFrame
    months: np.ndarray
    employed: np.ndarray
    capacity: int
    notes: tuple[tuple[str, dict], ...] = ()
    kept: np.ndarray = field(default_factory=lambda: np.zeros(12, dtype=bool))
    kept_amount: int = 0
    closed: tuple[str, ...] = ()
    # the book's Teams (name, parent): what the teams roll up into (plan_quotas gives it)
    team_tree: pd.DataFrame = field(default_factory=lambda: pd.DataFrame({"name": [], "parent": []}))

    @property
    def periods(self) -> list[str]:
        return [f"{self.inputs.year}-{month:02d}" for month in range(1, 13)]

    @property
    def gap(self) -> int:
        """Capacity − target: below zero, the reps cannot make the target at their pace."""
        return self.capacity - self.inputs.target

    def rows(self) -> pd.DataFrame:
        """The Quotas rows this plan writes: rep (row id), period, amount — one per rep and
        open month it is employed, in Reps order, January first."""
        rep, month = np.nonzero(self.employed & ~self.kept[None, :])
        return pd.DataFrame({"rep": pd.array(self.reps["rep"].to_numpy()[rep], dtype="Int64"),
                             "period": pd.array(np.asarray(self.periods, dtype=object)[month], dtype="string"),
                             "amount": pd.array(self.months[rep, month], dtype="Int64")})

    def teams(self) -> pd.DataFrame:
        """Per team (row id) with a rep planned under it, each parent before its child teams
        (then in Teams order), then the reps without a team (missing): annual, capacity and 12
        months, each the sum of its reps' and of its child teams' however deep
        (core/team_quotas.rolled_up: as attainment rolls a parent team up); ``gap`` = capacity −
        annual; ``depth``: how many parents the team has."""
        from planner.core.team_quotas import rolled_up
        from planner.core.teams import ancestors

        months = pd.DataFrame(self.months, columns=self.periods)
        frame = pd.concat([self.reps[["team", "annual", "capacity"]].reset_index(drop=True), months], axis=1)
        summed = frame.groupby("team", dropna=False, sort=False).sum()
        tree = self.team_tree
        own = summed[summed.index.notna()]
        own.index = own.index.astype("int64")
        rolled = pd.DataFrame({column: rolled_up(own[column].astype("int64"), tree) for column in own.columns})
        chains, place = ancestors(tree), {team: number for number, team in enumerate(tree.index)}
        # a parent before its child teams, each level in Teams order (a tree, read top down)
        rolled = rolled.reindex(sorted((team for team in tree.index if team in rolled.index), key=lambda team: [
            place[above] for above in reversed(chains.get(int(team), []))] + [place[team]]))
        out = rolled.assign(depth=[len(chains.get(int(team), ())) for team in rolled.index])
        out.index = pd.Index(out.index, dtype="Int64", name="team")
        alone = summed[summed.index.isna()].assign(depth=0)
        out = pd.concat([out, alone.set_axis(pd.Index([pd.NA] * len(alone), dtype="Int64", name="team"))])
        return out.astype({column: "int64" for column in own.columns}).assign(
            gap=lambda teams: teams["capacity"] - teams["annual"]).reset_index()

    def change(self, book) -> Change:
        """The one change that writes this plan to ``book``'s Quotas table: the year's rep ×
        month rows of the open months deleted, this plan's rows inserted (provisional ids until
        applied). The kept months' rows are not touched; a period closed since the plan was made
        is the close guard's to refuse."""
        quotas = book["Quotas"]
        written = [label for label, kept in zip(self.periods, self.kept) if not kept]
        old = quotas.index[quotas["rep"].notna().to_numpy() & quotas["period"].isin(written).to_numpy(
            dtype=bool, na_value=False)]
        insert = book.insertion("Quotas", self.rows())
        return Batch((DeleteRows("Quotas", old.to_numpy(dtype="int64")), insert)) if len(old) else insert


def plan_quotas(book, inputs: QuotaInputs) -> Scenario:
    """The plan ``inputs`` make on ``book`` (a snapshot; a live book is frozen first). Raises
    :class:`PlannerError` when they make none."""
    from planner.core.book import Book
    from planner.core.usable import usable

    inputs.check(book.currency)
    if isinstance(book, Book):
        book = book.snapshot()
    history, _left_out = usable(book)
    as_of = inputs.as_of or book.as_of
    year = Period.parse(str(inputs.year))
    closed, kept_month = _closed_months(book, inputs.year)
    kept_rows = _kept_months(book, inputs.year, kept_month)
    reps = book["Reps"]  # reps active in the year, and any with a kept row in it
    reps = reps[active(reps, year).to_numpy(dtype=bool) | reps.index.isin(kept_rows.index)]
    notes: list[tuple[str, dict]] = []

    days = np.column_stack([quota_history.employed_days(reps, date(inputs.year, m, 1), _next_month(inputs.year, m))
                            for m in range(1, 13)]) if len(reps) else np.zeros((0, 12), dtype="int64")
    ramp = _ramp(reps, inputs)
    unit = np.array([_DAY_UNITS // calendar.monthrange(inputs.year, m)[1] for m in range(1, 13)], dtype=object)
    share = days.astype(object) * unit * ramp  # the worked share of each month, in 1 / (_DAY_UNITS × 1e6)

    weight = _weights(history, reps, inputs, notes)
    season = np.asarray(_season(history, inputs), dtype=object)
    empty = [f"{inputs.basis_year}-{month + 1:02d}" for month in range(12) if not season[month]]
    if inputs.seasonality == "history" and empty:
        notes.append((NOTE_EMPTY_MONTHS, {"months": ", ".join(empty), "basis": inputs.basis_year}))
    cells = weight.astype(object)[:, None] * season[None, :] * share * ~kept_month[None, :]
    assigned = int(apply_ratio(inputs.target, inputs.over, book.rounding))
    kept = kept_rows.reindex(reps.index, fill_value=0).to_numpy(dtype="int64").reshape(len(reps), 12)
    kept_amount = int(kept.sum())
    rest = assigned - kept_amount
    if closed:
        _check_kept(inputs.year, closed, kept_month, kept_amount, assigned, book.currency)
        notes.append((NOTE_KEPT, {"periods": ", ".join(closed), "months": _month_span(inputs.year, kept_month),
                                  "kept": format_money(kept_amount, book.currency),
                                  "rest": format_money(rest, book.currency)}))
    per_rep = cells.sum(axis=1) if len(reps) else np.zeros(0, dtype=object)
    if rest and (not len(reps) or not any(per_rep)):
        raise PlannerError(NOTHING_TO_SPREAD, year=inputs.year)
    spread = largest_remainder(rest, list(per_rep)) if rest else [0] * len(reps)
    months = kept + np.array([largest_remainder(total, list(row)) if total else [0] * 12
                              for total, row in zip(spread, cells)], dtype="int64").reshape(len(reps), 12)
    annual = months.sum(axis=1)

    capacity = _capacity(history, reps, inputs, share, notes, book.rounding)
    notes += _kept_rows(book, reps, inputs.year)
    weight_sum = int(weight.sum())
    table = pd.DataFrame({
        "rep": pd.array(reps.index, dtype="Int64"), "team": reps["team"].astype("Int64").array,
        "role": reps["role"].astype("string").array, "start": reps["start_date"].array,
        "end": reps["end_date"].array,
        "planned": (reps["start_date"] > pd.Timestamp(as_of)).fillna(False).to_numpy(dtype=bool),
        "weight": [int(w) / weight_sum if weight_sum else 0.0 for w in weight],
        "annual": np.asarray(annual, dtype="int64"), "capacity": capacity,
    })
    return Scenario(inputs, book.currency, as_of, assigned, table, months, days > 0, int(capacity.sum()),
                    tuple(notes), kept_month, kept_amount, tuple(closed), book["Teams"][["name", "parent"]])


def typed_amount(flag: str, text: str, currency: str) -> int:
    """An amount typed for a plan (a target, a productivity) in minor units of the book's
    ``currency``, read as an amount cell reads one (core/parse.py): ``$1,000`` in a USD book,
    ``₩1,000`` or ``1,000 KRW`` refused (no exchange rates), and nothing typed too (never a target
    of 0 by an empty field); :class:`PlannerError` naming ``flag``."""
    if not text.strip():
        raise PlannerError(NO_AMOUNT, flag=flag, currency=currency)
    typed = unicodedata.normalize("NFKC", text)  # full-width signs and digits, as the editors read them
    other = other_currency(typed, currency)
    if other is not None:
        raise PlannerError(OTHER_CURRENCY, flag=flag, value=text, other=other, currency=currency)
    try:
        return to_minor(typed, currency)
    except ValueError:
        raise PlannerError(NOT_AMOUNT, flag=flag, value=text, currency=currency) from None


def parse_ramp(text: str) -> tuple[int, ...]:
    """A ramp as typed, ``25,50,75`` or ``25%, 50%, 75%`` (percent either way), in millionths."""
    steps = []
    for step in (part.strip() for part in text.split(",")):
        if not step:
            continue
        try:  # money's one reading of a percentage (rounded half up, as every ratio)
            steps.append(to_ratio(step if step.endswith("%") else step + "%"))
        except ValueError:
            raise PlannerError(BAD_RAMP_STEP, value=step) from None
    return tuple(steps)


def largest_remainder(total: int, weights: list[int]) -> list[int]:
    """``total`` split by ``weights`` (integers ≥ 0, not all 0) in whole units that add up to
    it exactly: each share rounded down, the units left over to the largest remainders, the
    earlier first on a tie (so a larger weight never gets less than a smaller one)."""
    whole = sum(weights)
    exact = [total * int(w) for w in weights]
    parts = [e // whole for e in exact]
    short = total - sum(parts)
    for i in sorted(range(len(weights)), key=lambda i: (-(exact[i] % whole), i))[:short]:
        parts[i] += 1
    return parts


def compare(scenarios: list[Scenario]) -> pd.DataFrame:
    """Scenarios side by side: per rep (row id; every rep of any of them) its annual quota in
    each, a column per scenario (its name, else ``1``, ``2``, …); a rep outside one is missing."""
    columns = {}
    for number, scenario in enumerate(scenarios, start=1):
        name = scenario.inputs.name or str(number)
        columns[name] = pd.Series(scenario.reps["annual"].to_numpy(), index=scenario.reps["rep"].to_numpy())
    return pd.DataFrame(columns).astype("Int64").rename_axis("rep").reset_index()


def _next_month(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1)


def _ramp(reps: pd.DataFrame, inputs: QuotaInputs) -> np.ndarray:
    """Millionths of each rep's month the ramp leaves (100% outside a new hire's first months)."""
    out = np.full((len(reps), 12), RATIO_SCALE, dtype=object)
    if not inputs.ramp or not len(reps):
        return out
    start = reps["start_date"]
    first = (start.dt.year * 12 + start.dt.month - 1).to_numpy(dtype="float64", na_value=np.nan)
    steps = np.asarray(inputs.ramp, dtype=object)
    for month in range(12):
        tenure = inputs.year * 12 + month - first  # 0 in the start month
        ramping = ~np.isnan(tenure) & (tenure >= 0) & (tenure < len(steps))
        out[ramping, month] = steps[tenure[ramping].astype(int)]
    return out


def _weights(history, reps: pd.DataFrame, inputs: QuotaInputs, notes: list) -> np.ndarray:
    if inputs.weights == "equal":
        return np.ones(len(reps), dtype="int64")
    if inputs.weights == "hand":
        missing = [rep for rep in reps.index if rep not in inputs.hand_weights]
        if missing:
            keys = history.keys("Reps")
            named = ", ".join(str(keys.get(rep, f"#{rep}")) for rep in missing[:NAMED])
            if len(missing) > NAMED:
                raise PlannerError(MISSING_HANDS, reps=named, more=len(missing) - NAMED)
            raise PlannerError(MISSING_HAND, reps=named)
        return np.array([int(inputs.hand_weights[rep]) for rep in reps.index], dtype=object)
    rates = quota_history.run_rates(history, inputs.basis_year, inputs.as_of or history.as_of)
    if not len(rates) or not rates.any():
        raise PlannerError(quota_history.NO_WINS, basis=inputs.basis_year)
    by_role = quota_history.role_productivity(history, inputs.basis_year, inputs.as_of or history.as_of)
    roles = reps["role"].fillna("").astype(str).str.strip()
    fallback = [rep for rep in reps.index if rep not in rates.index]
    if fallback:
        notes.append((NOTE_ROLE_MEAN, {"reps": _names(history, fallback), "basis": inputs.basis_year}))
    return np.array([int(rates[rep]) if rep in rates.index else by_role.get(role, by_role[None])
                     for rep, role in zip(reps.index, roles)], dtype=object)


def _season(history, inputs: QuotaInputs) -> list[int]:
    if inputs.seasonality == "flat":
        return [1] * 12
    if inputs.seasonality == "hand":
        return list(inputs.hand_seasonality)
    return quota_history.won_by_month(history, inputs.basis_year, inputs.as_of or history.as_of)


def _capacity(history, reps: pd.DataFrame, inputs: QuotaInputs, share: np.ndarray, notes: list,
              rounding: str) -> np.ndarray:
    """Each rep's capacity in the year: its role's productivity × the worked, ramped share."""
    if not len(reps):
        return np.zeros(0, dtype="int64")
    found = quota_history.role_productivity(history, inputs.basis_year, inputs.as_of or history.as_of)
    roles = reps["role"].fillna("").astype(str).str.strip().tolist()
    rate = [inputs.productivity.get(role, found.get(role, found.get(None))) for role in roles]
    unknown = sorted({role or "-" for role, r in zip(roles, rate) if r is None})
    if unknown:
        notes.append((NOTE_NO_PRODUCTIVITY, {"roles": ", ".join(unknown)}))
    worked = share.sum(axis=1)
    per_year = 12 * _DAY_UNITS * RATIO_SCALE
    return np.array([round_div(int(r or 0) * int(w), per_year, rounding) for r, w in zip(rate, worked)], dtype="int64")


def _closed_months(book, year: int) -> tuple[list[str], np.ndarray]:
    """The closed periods holding months of ``year`` (labels, sorted) and which months they hold."""
    from planner.core.close import closed_periods

    months = [Period.of(f"{year}-{month:02d}") for month in range(1, 13)]
    closed = sorted(label for label, close in closed_periods(book).items()
                    if any(close.period.contains(month) for month in months))
    spans = [Period.of(label) for label in closed]
    return closed, np.array([any(span.contains(month) for span in spans) for month in months], dtype=bool)


def _kept_months(book, year: int, kept_month: np.ndarray) -> pd.DataFrame:
    """The reps' Quotas amounts in the kept months of ``year``: one row per rep (row id) with a
    row there, 12 columns (0 outside the kept months), several rows of one month added up."""
    labels = [f"{year}-{month:02d}" for month in range(1, 13)]
    quotas = book["Quotas"].dropna(subset=["rep", "period", "amount"])
    quotas = quotas[quotas["period"].isin([label for label, kept in zip(labels, kept_month) if kept]).to_numpy(
        dtype=bool, na_value=False)]
    if not len(quotas):
        return pd.DataFrame(columns=labels, index=pd.Index([], dtype="int64"), dtype="int64")
    table = quotas.pivot_table(index="rep", columns="period", values="amount", aggfunc="sum", fill_value=0)
    table.index = table.index.astype("int64")
    return table.reindex(columns=labels, fill_value=0).astype("int64")


def _check_kept(year: int, closed: list[str], kept_month: np.ndarray, kept: int, assigned: int,
                currency: str) -> None:
    """Refuse a plan the closed months leave nothing to do for: all closed, or holding more than assigned."""
    if kept_month.all():
        raise PlannerError(ALL_CLOSED, year=year, periods=", ".join(closed))
    if kept > assigned:
        raise PlannerError(KEPT_OVER, year=year, periods=", ".join(closed), kept=format_money(kept, currency),
                           assigned=format_money(assigned, currency))


def _month_span(year: int, kept_month: np.ndarray) -> str:
    """The kept months as runs: ``2026-01 – 2026-03, 2026-07``."""
    runs, month = [], 0
    while month < 12:
        if kept_month[month]:
            last = month
            while last + 1 < 12 and kept_month[last + 1]:
                last += 1
            first_label, last_label = f"{year}-{month + 1:02d}", f"{year}-{last + 1:02d}"
            runs.append(first_label if last == month else f"{first_label} – {last_label}")
            month = last
        month += 1
    return ", ".join(runs)


def _kept_rows(book, reps: pd.DataFrame, year: int) -> list[tuple[str, dict]]:
    """Notes on the Quotas rows of the year that applying keeps and that win over its months."""
    quotas = book["Quotas"].dropna(subset=["period"])
    longer = quotas["period"].isin([str(year)] + [f"{year}-Q{q}" for q in range(1, 5)]).to_numpy(dtype=bool)
    out = []
    own = quotas[longer & quotas["rep"].notna().to_numpy()]["rep"]
    if len(own):
        out.append((NOTE_OWN_ROWS, {"reps": _names(book, list(dict.fromkeys(own.astype(int)))), "year": year}))
    in_year = quotas["period"].str.startswith(str(year)).to_numpy(dtype=bool, na_value=False)
    teams = quotas[in_year & quotas["rep"].isna().to_numpy() & quotas["team"].notna().to_numpy()]["team"]
    if len(teams):
        names = book["Teams"]["name"]
        out.append((NOTE_TEAM_ROWS, {"teams": ", ".join(str(names.get(t, f"#{t}")) for t in dict.fromkeys(
            teams.astype(int))), "year": year}))
    return out


def _names(book, rep_ids: list[int], shown: int = 10) -> str:
    keys = book.keys("Reps")
    names = [str(keys.get(rep, f"#{rep}")) for rep in rep_ids[:shown]]
    return ", ".join(names) + (f" (+{len(rep_ids) - shown})" if len(rep_ids) > shown else "")
