"""The built-in demo book: a believable small company, generated deterministically.

Hanbit Systems sells business software from Seoul, Tokyo and a global team. The fixed
parts (reps, stages, products, accounts, plans) are the CSV files of ``resources/demo``;
two years of deals, their stage history, quotas, splits and cancellations are drawn from a
seeded random generator, ending at ``as_of``. The same seed and ``as_of`` give the same book.
Larger books for benchmarks come from the same generator (``deals=``, ``reps=``).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.book import Book
from planner.core.money import DEFAULT_CURRENCY, RATIO_SCALE, to_minor
from planner.core.parse import parse_frame
from planner.core.periods import Period
from planner.resources import resource

SEED = 2026
MONTHS = 24
# Mean days spent in each open stage by deals that end up won; lost deals linger 1.5× (seed 004).
STAGE_DAYS = np.array([9.0, 12.0, 15.0, 11.0, 7.0])
WIN_CHANCE = {"new": 0.30, "upsell": 0.45, "renewal": 0.70}
DEAL_TYPE_WEIGHTS = {"new": 0.6, "upsell": 0.25, "renewal": 0.15}
# The largest demo: a million deals take about a minute and 2.3 GB to generate (10,000 reps);
# beyond, the generator would only run out of memory.
MAX_DEALS, MAX_REPS = 1_000_000, 10_000


def _source(name: str) -> pd.DataFrame:
    return pd.read_csv(resource("demo", f"{name}.csv"), dtype=str, keep_default_na=False)


def _typed(name: str, frame: pd.DataFrame, currency: str) -> pd.DataFrame:
    out, bad = parse_frame(schema.TABLES[name], frame, currency)
    assert not bad, bad  # the shipped demo source is well-formed
    return out


def _month_start(first: date, months: int) -> pd.Timestamp:
    index = first.year * 12 + first.month - 1 + months
    return pd.Timestamp(index // 12, index % 12 + 1, 1)


def _reps(count: int | None) -> pd.DataFrame:
    reps = _source("reps")
    if count is None or count == len(reps):
        return reps
    if count < len(reps):
        return reps.iloc[:count].reset_index(drop=True)
    extra = count - len(reps)
    teams = reps.loc[reps["manager"] == "", ["team", "id"]].to_numpy()
    more = pd.DataFrame({
        "id": [f"X{n:03d}" for n in range(len(reps) + 1, count + 1)],
        "name": [f"Rep {n}" for n in range(len(reps) + 1, count + 1)],
        "team": [teams[n % len(teams)][0] for n in range(extra)],
        "manager": [teams[n % len(teams)][1] for n in range(extra)],
        "role": "Account executive", "start_month": "0", "end_month": "", "plan": "AE-M",
        "base_salary": "70000", "monthly_quota": "30000",
    })
    return pd.concat([reps, more], ignore_index=True)


def _teams(reps: pd.DataFrame) -> pd.DataFrame:
    """The reps' teams in order of first appearance, each managed by its lead (its rep without
    a manager)."""
    names = list(dict.fromkeys(reps["team"]))
    leads = reps[reps["manager"] == ""].drop_duplicates("team").set_index("team")["id"]
    return pd.DataFrame({"name": names, "manager": [leads.get(name) for name in names]})


def demo_book(as_of: date | None = None, deals: int = 1500, reps: int | None = None, seed: int = SEED) -> Book:
    """Generate the demo book ending at ``as_of`` (default: today); ``deals`` and ``reps`` from 1
    to ``MAX_DEALS`` and ``MAX_REPS`` (the command line refuses others)."""
    as_of = as_of or date.today()
    rng = np.random.default_rng(seed)
    first = _month_start(as_of, -(MONTHS - 1))
    today = pd.Timestamp(as_of)
    settings = pd.concat([_source("settings"), pd.DataFrame({"key": ["as_of", "lead_threshold"],
                                                             "value": [as_of.isoformat(), str(LEAD_THRESHOLD)]})])
    currency = settings.set_index("key").loc["currency", "value"]

    source_reps = _reps(reps)
    # reps who join later start on the 7th of their first month
    rep_start = np.array([_month_start(first.date(), int(m)) + pd.Timedelta(days=6) if m and m != "0" else first
                          for m in source_reps["start_month"]], dtype="datetime64[ns]")
    rep_end = pd.to_datetime([_month_start(first.date(), int(m)) - pd.Timedelta(days=1) if m else None
                              for m in source_reps["end_month"]]).to_numpy(dtype="datetime64[ns]")
    rep_table = source_reps.drop(columns=["start_month", "end_month", "monthly_quota"]).assign(
        start_date=rep_start, end_date=rep_end)
    junior = (source_reps["plan"] == "JR-M").to_numpy()

    # -- deals: who, what, how much ---------------------------------------------------------
    span = (today - first).days
    created = first + pd.to_timedelta(np.sort(rng.random(deals) ** 0.9 * span).astype(int), unit="D")
    created = created.to_numpy()
    share = np.where(junior, 0.6, 1.0)
    share = share / share.sum()
    owner = rng.choice(len(source_reps), deals, p=share)
    for _ in range(50):  # redraw owners who had not joined yet or had already left
        inactive = (created < rep_start[owner]) | (~np.isnat(rep_end[owner]) & (created > rep_end[owner]))
        if not inactive.any():
            break
        owner[inactive] = rng.choice(len(source_reps), inactive.sum(), p=share)

    accounts = _source("accounts")
    teams = source_reps["team"].to_numpy()[owner]
    home = rng.random(deals) < 0.85
    account = np.empty(deals, dtype=object)
    for team in np.unique(teams):
        pool = accounts.loc[accounts["team"] == team, "account"].to_numpy()
        chosen = (teams == team) & home
        account[chosen] = rng.choice(pool, chosen.sum())
    account[~home] = rng.choice(accounts["account"].to_numpy(), (~home).sum())

    products = _source("products")
    weights = products["weight"].astype(float).to_numpy()
    product = rng.choice(len(products), deals, p=weights / weights.sum())
    small = products.index[products["junior"] == "yes"].to_numpy()
    product[junior[owner]] = rng.choice(small, junior[owner].sum())
    low = products["low"].astype(float).to_numpy()[product]
    high = products["high"].astype(float).to_numpy()[product]
    major = np.exp(rng.uniform(np.log(low), np.log(high)))
    with_cents = (products["cents"] == "yes").to_numpy()[product]
    amount = np.where(with_cents, np.round(major * 100), np.round(major / 100) * 10_000).astype(np.int64)

    deal_types = np.array(list(DEAL_TYPE_WEIGHTS))
    deal_type = rng.choice(deal_types, deals, p=list(DEAL_TYPE_WEIGHTS.values()))

    # -- the path through the stages ----------------------------------------------------------
    stages = _typed("Stages", _source("stages"), currency)
    open_names = stages.loc[stages["kind"] == "open", "stage"].to_numpy()
    won_name = stages.loc[stages["kind"] == "won", "stage"].iloc[0]
    lost_name = stages.loc[stages["kind"] == "lost", "stage"].iloc[0]
    n_open = len(open_names)
    wins = rng.random(deals) < np.vectorize(WIN_CHANCE.get)(deal_type)
    # a lost deal leaves after reaching stage k (early exits are likelier)
    last_reached = np.where(wins, n_open - 1, rng.choice(n_open, deals, p=[0.35, 0.25, 0.2, 0.12, 0.08]))
    days = rng.exponential(STAGE_DAYS, (deals, n_open)) * np.where(wins, 1.0, 1.5)[:, None] + 1
    days = np.ceil(days).astype(int)
    reached = np.arange(n_open)[None, :] <= last_reached[:, None]
    offsets = np.concatenate([np.zeros((deals, 1), int), np.cumsum(np.where(reached, days, 0), axis=1)], axis=1)
    entered = created[:, None] + offsets.astype("timedelta64[D]")  # entered[:, k] = entered stage k; [:, n] = close
    close = entered[np.arange(deals), last_reached + 1]
    is_closed = close <= np.datetime64(today)
    visible = reached & (entered[:, :n_open] <= np.datetime64(today))
    current = visible.sum(axis=1) - 1
    stage = np.where(is_closed, np.where(wins, won_name, lost_name), open_names[current])

    typical = np.ceil(rng.normal(STAGE_DAYS.sum() * 1.1, 12, deals)).astype(int).clip(20)
    expected = created + typical.astype("timedelta64[D]")
    slips = (~is_closed) & (rng.random(deals) < 0.25)
    twice = slips & (rng.random(deals) < 0.4)

    category = np.full(deals, "pipeline", dtype=object)
    category[current == n_open - 1] = "commit"
    category[(current == n_open - 2) & (rng.random(deals) < 0.7)] = "best_case"
    category[rng.random(deals) < 0.05] = "omitted"

    won_closed = is_closed & wins

    # a rep's deals still running when the rep leaves pass to the rep's manager
    rep_ids = source_reps["id"].to_numpy()
    row_of = {rep: row for row, rep in enumerate(rep_ids)}
    successor = np.array([row_of.get(manager, row) for row, manager in enumerate(source_reps["manager"])])
    left_before = ~np.isnat(rep_end[owner]) & (np.where(is_closed, close, np.datetime64(today)) > rep_end[owner])
    owner = np.where(left_before, successor[owner], owner)
    teams = source_reps["team"].to_numpy()[owner]
    cancel_at = close + rng.integers(15, 60, deals).astype("timedelta64[D]")
    cancelled = np.where(won_closed & (rng.random(deals) < 0.02) & (cancel_at <= np.datetime64(today)),
                         cancel_at, np.datetime64("NaT"))

    ids = np.array([f"D-{n:05d}" for n in range(1, deals + 1)], dtype=object)
    deal_table = pd.DataFrame({
        "id": ids,
        "name": [f"{a} · {p}" for a, p in zip(account, products["product"].to_numpy()[product])],
        "account": account,
        "owner": rep_ids[owner],
        "stage": stage,
        "amount": amount,
        "currency": currency,
        "created": created,
        "expected_close": expected + np.where(slips, 30, 0).astype("timedelta64[D]")
                          + np.where(twice, 30, 0).astype("timedelta64[D]"),
        "closed": np.where(is_closed, close, np.datetime64("NaT")),
        "product": products["product"].to_numpy()[product],
        "deal_type": deal_type,
        "forecast_category": np.where(is_closed, None, category),
        "cancelled": cancelled,
    })

    # -- stage history: every stage entered, the close, and each slip of expected_close -----
    row, col = np.nonzero(visible)
    history = [pd.DataFrame({"deal_id": ids[row], "stage": open_names[col], "entered": entered[row, col],
                             "expected_close": expected[row]})]
    history.append(pd.DataFrame({"deal_id": ids[is_closed], "stage": stage[is_closed],
                                 "entered": close[is_closed], "expected_close": expected[is_closed]}))
    last_entered = entered[np.arange(deals), current]
    for shift, chosen in ((30, slips), (60, twice)):
        wait = (np.datetime64(today) - last_entered[chosen]).astype("timedelta64[D]").astype(int)
        when = last_entered[chosen] + (wait * shift / 90).astype(int).astype("timedelta64[D]")
        history.append(pd.DataFrame({"deal_id": ids[chosen], "stage": stage[chosen], "entered": when,
                                     "expected_close": expected[chosen] + np.timedelta64(shift, "D")}))
    stage_history = pd.concat(history, ignore_index=True).sort_values(["entered", "deal_id"], kind="stable")

    # -- splits: a few won deals shared with a teammate ------------------------------------
    split_deals = np.nonzero(won_closed & (rng.random(deals) < 0.03))[0]
    team_of = source_reps["team"].to_numpy()
    partner_rows, shares = [], []
    for index in split_deals:
        mates = np.nonzero((team_of == teams[index]) & (np.arange(len(source_reps)) != owner[index]))[0]
        partner_rows.append(rng.choice(mates))
        shares.append(rng.choice([500_000, 700_000]))
    splits = pd.DataFrame({
        "deal_id": np.repeat(ids[split_deals], 2),
        "rep": np.ravel(np.column_stack([rep_ids[owner[split_deals]], rep_ids[np.array(partner_rows, int)]])),
        "share": np.ravel(np.column_stack([shares, RATIO_SCALE - np.array(shares, int)])),
    })

    # -- quotas: every month each rep is employed, planned to the end of the current year --
    months = np.datetime64(first, "M") + np.arange(MONTHS + 12 - as_of.month)
    month_start, month_end = months.astype("datetime64[ns]"), (months + 1).astype("datetime64[ns]") - np.timedelta64(1, "D")
    employed = (month_end[None, :] >= rep_start[:, None]) & (
        np.isnat(rep_end)[:, None] | (month_start[None, :] <= rep_end[:, None]))
    rep_row, month = np.nonzero(employed)  # rep by rep, month by month
    monthly = np.array([to_minor(amount, currency) for amount in source_reps["monthly_quota"]], dtype=np.int64)
    quotas = pd.DataFrame({"rep": rep_ids[rep_row], "period": np.datetime_as_string(months, unit="M")[month],
                           "amount": monthly[rep_row]})

    return Book({
        "Settings": settings,
        "Stages": stages,
        "Teams": _teams(source_reps),
        "Reps": _typed("Reps", rep_table, currency),
        "Deals": deal_table,
        "StageHistory": stage_history,
        "Quotas": quotas,
        "Plans": _typed("Plans", _source("plans"), currency),
        "PlanTiers": _typed("PlanTiers", _source("plan_tiers"), currency),
        "PlanBonuses": _typed("PlanBonuses", _source("plan_bonuses"), currency),
        "Splits": splits,
        **_forecast_history(deal_table, won_name, as_of, seed, source_reps),
        "LeadRules": pd.DataFrame(LEAD_RULES, columns=["signal", "points", "description"]),
        "Leads": _leads(np.random.default_rng(seed + 1), source_reps, rep_end, accounts, deal_table, is_closed, today),
    })


# Forecasts the team saved two weeks into each of the last four quarters, each method missing
# what was won in its own typical way (commit calls low, the whole pipeline high), and one
# manager's override this quarter: so the Forecast tab has accuracy to show on first start.
FORECAST_BIAS = {"weighted": (0.95, 0.07), "commit": (0.85, 0.05), "best_case": (1.02, 0.07),
                 "pipeline": (1.3, 0.1), "historical": (1.0, 0.12), "cycle_length": (1.08, 0.09)}


def _forecast_history(deals: pd.DataFrame, won: str, as_of: date, seed: int, reps: pd.DataFrame) -> dict:
    rng = np.random.default_rng(seed + 1)  # a stream of its own: the deals stay as they are
    current = Period.containing(as_of, "quarter")
    closed, amount, is_won = deals["closed"].to_numpy(), deals["amount"], (deals["stage"] == won).to_numpy()

    def within(days: np.ndarray, period: Period) -> np.ndarray:  # (never for NaT)
        return (days >= np.datetime64(period.start)) & (days < np.datetime64(period.end))

    rows = []
    for period in (current.shifted(-back) for back in range(4, 0, -1)):
        actual = int(amount.to_numpy()[is_won & within(closed, period)].sum())
        taken = pd.Timestamp(period.start) + pd.Timedelta(days=13)
        rows += [(taken, period.label, method, max(0, int(round(actual * rng.normal(mean, spread), -2))))
                 for method, (mean, spread) in FORECAST_BIAS.items()]
    committed = is_won & within(closed, current) | (
        (deals["forecast_category"] == "commit").to_numpy() & within(deals["expected_close"].to_numpy(), current))
    by_rep = amount[committed].groupby(deals["owner"][committed]).sum()
    snapshots = pd.DataFrame(rows, columns=["taken", "period", "method", "amount"])
    if by_rep.empty:  # a small demo with nothing committed this quarter: no override either
        return {"ForecastSnapshots": snapshots}
    top = by_rep.idxmax()
    manager = reps.set_index("id")["manager"].get(top) or None
    return {"ForecastSnapshots": snapshots,
            "ForecastOverrides": pd.DataFrame({
                "period": [current.label], "rep": [top], "category": ["commit"],
                "amount": [int(round(by_rep[top] * 1.1, -5))], "set_on": [pd.Timestamp(as_of)], "by": [manager],
                "note": ["Signed order expected before the quarter ends"]})}


# Lead scoring: the seed's rules (seed 001) and a month or two of inbound leads.
LEAD_THRESHOLD = 20
LEAD_RULES = [
    ("pricing page visit", 10, "Visited the pricing page"),
    ("email open", 1, "Opened a marketing email (each time)"),
    ("email click", 3, "Clicked a link in a marketing email (each time)"),
    ("inaccurate company details", -5, "Gave a company name, size or address that does not check out"),
    ("fits buyer persona", 5, "Role and company size match our buyer persona"),
]
# Contacts: the name shown and the part of their email address before the "@".
LEAD_CONTACTS = [
    ("김지은", "jieun.kim"), ("이준호", "junho.lee"), ("박서준", "seojun.park"), ("최유진", "yujin.choi"),
    ("정하윤", "hayun.jung"), ("강민서", "minseo.kang"), ("조현우", "hyunwoo.cho"), ("윤소희", "sohee.yoon"),
    ("장태민", "taemin.jang"), ("임수아", "sua.lim"), ("한지호", "jiho.han"), ("오예린", "yerin.oh"),
    ("山本 直樹", "n.yamamoto"), ("中村 彩", "a.nakamura"), ("小林 誠", "m.kobayashi"), ("加藤 優子", "y.kato"),
    ("吉田 拓海", "t.yoshida"), ("松本 葵", "a.matsumoto"),
    ("Olivia Brown", "olivia.brown"), ("James Wilson", "james.wilson"), ("Sophia Martinez", "s.martinez"),
    ("Liam Johnson", "liam.j"), ("Emma Davis", "emma.davis"), ("Noah Garcia", "noah.garcia"),
    ("Ava Thompson", "ava.t"), ("Lucas Moore", "lucas.moore"), ("Mia Anderson", "mia.anderson"),
    ("Ethan Taylor", "ethan.taylor"), ("Chloe White", "chloe.white"), ("Daniel Harris", "d.harris"),
]


def _leads(rng, reps: pd.DataFrame, rep_end: np.ndarray, accounts: pd.DataFrame, deals: pd.DataFrame,
           is_closed: np.ndarray, today: pd.Timestamp) -> pd.DataFrame:
    """One lead per contact: an account, a rep of its team (a few unassigned), the signals it
    showed; the last three open deals came from leads converted earlier."""
    count = len(LEAD_CONTACTS)
    account = rng.choice(len(accounts), count)
    company = accounts["account"].to_numpy()[account]
    active = np.isnat(rep_end)  # reps who have not left
    active_ids, active_teams = reps["id"].to_numpy()[active], reps["team"].to_numpy()[active]
    def rep_of(team):  # a rep of the account's team; any rep when a small demo has none there
        ids = active_ids[active_teams == team]
        ids = ids if len(ids) else active_ids
        return rng.choice(ids) if len(ids) else None

    owner = np.array([rep_of(team) for team in accounts["team"].to_numpy()[account]], dtype=object)
    owner[rng.choice(count, 3, replace=False)] = None
    created = today - pd.to_timedelta(rng.integers(1, 60, count), unit="D")
    signals = []
    for _ in range(count):
        parts = ["pricing page visit"] if rng.random() < 0.45 else []
        opens, clicks = rng.integers(0, 9), rng.integers(0, 4) if rng.random() < 0.6 else 0
        parts += [f"email open ×{opens}"] if opens > 1 else ["email open"] if opens == 1 else []
        parts += [f"email click ×{clicks}"] if clicks > 1 else ["email click"] if clicks == 1 else []
        parts += ["fits buyer persona"] if rng.random() < 0.5 else []
        parts += ["inaccurate company details"] if rng.random() < 0.12 else []
        signals.append("; ".join(parts) or None)
    frame = pd.DataFrame({"id": [f"L-{n:03d}" for n in range(1, count + 1)],
                          "name": [name for name, _ in LEAD_CONTACTS], "company": company,
                          "email": [f"{local}@example.com" for _, local in LEAD_CONTACTS],
                          "owner": owner, "created": created, "signals": signals, "deal": None})
    converted = deals[~is_closed].tail(3)  # fewer in a demo with fewer open deals
    rows = frame.index[len(frame) - len(converted):]
    frame.loc[rows, ["company", "owner", "deal"]] = converted[["account", "owner", "id"]].to_numpy()
    frame.loc[rows, "created"] = (converted["created"] - pd.Timedelta(days=3)).to_numpy()
    frame.loc[rows, "signals"] = "pricing page visit; email click ×2; fits buyer persona"
    return frame


def new_book(currency: str = DEFAULT_CURRENCY) -> Book:
    """An empty book ready to fill in: the standard stages (with their exit criteria), the
    seed's lead scoring rules, the book's currency and rounding, and nothing else."""
    settings = pd.DataFrame({"key": ["currency", "rounding"], "value": [currency, "half_up"]})
    return Book({"Settings": settings, "Stages": _typed("Stages", _source("stages"), currency),
                 "LeadRules": pd.DataFrame(LEAD_RULES, columns=["signal", "points", "description"])})
