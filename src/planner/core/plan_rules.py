"""The deal-level rules of a compensation plan: rate multipliers, SPIFFs and the clawback window.

:mod:`planner.core.statements` asks this module three questions about a won credit line (a
deal credited to a rep on a plan):

- **Multiplier** (PlanMultipliers): the rates of the deal's tier and lift lines are its plan's
  tier rates times the deal's multiplier; attainment is not touched (decisions.md: multipliers
  change the rate, not attainment). A row matches a deal when its ``product`` (empty: any;
  compared ignoring case and surrounding spaces) and its ``deal_type`` (empty: any) match. When
  several rows of the plan match, a row naming both the product and the deal type wins alone;
  otherwise the product row, the deal-type row and a row naming neither multiply (each missing
  one counts as 1). Example: ``renewal × 0.5`` and ``product Gold × 1.2`` pay a Gold renewal at
  0.6 of the tier rate, unless a row ``Gold, renewal`` says otherwise. The multiplier and the
  multiplied rate are held in millionths like every rate, each product rounded half up once.
- **SPIFFs** (Spiffs): a fixed amount for each won deal of the product and deal type a row names
  (empty: any), closed between ``from`` and ``to`` (inclusive; empty: open), paid in the period
  the deal is won as a ``spiff`` line naming the deal, one per matching row. A split deal pays
  each credited rep the amount × share, allocated exactly as credit is
  (:func:`planner.core.attainment.allocate`: the parts of the reps on the SPIFF's plan add up
  to the amount); a rep is paid the SPIFFs of their own plan.
- **Bonuses as a share of base salary** (PlanBonuses ``percent_of_base``): a bonus pays its
  ``amount`` plus ``percent_of_base`` × the rep's base salary for the period: the yearly
  ``base_salary`` × the days of the period the rep is employed (``start_date`` to ``end_date``,
  both included) ÷ the days of the period's year, rounded once as the book rounds (decisions.md:
  quotas are final, base salary is prorated by active days). 10% of 73,000.00 a year in a
  30-day month of a 365-day year: 73,000.00 × 30 ÷ 365 × 10% = 600.00; half of it for a rep
  who joined on the 16th.
- **Clawback window** (Plans ``clawback_days``): a cancellation at most that many days after the
  deal closed is clawed back (its tier, lift and SPIFF lines); a later one is not (attainment
  still reverses the credit). Empty: every cancellation is clawed back.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from planner.core.attainment import allocate
from planner.core.draws import active_days
from planner.core.money import RATIO_SCALE, round_div, times_ratio
from planner.core.payouts import plan_rows, plan_table

_DAY = 86_400 * 10**9  # nanoseconds


def _text(values) -> np.ndarray:
    """Texts as they are matched: stripped and case-folded, empty for none."""
    return pd.Series(values, dtype="string").fillna("").str.strip().str.casefold().to_numpy(dtype=object)


def _deal_texts(book) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each deal's product and deal type as matched, as codes into one list of texts (cached)."""
    def build():
        deals = book["Deals"]
        codes, texts = pd.factorize(np.concatenate([_text(deals["product"]), _text(deals["deal_type"])]))
        return codes[:len(deals)], codes[len(deals):], np.asarray(texts, dtype=object)
    return book.cached("deal texts", build, depends={"Deals": ("product", "deal_type")})


def multipliers(book, deals: np.ndarray, plans: np.ndarray) -> np.ndarray:
    """The multiplier (millionths) of each (deal row id, plan row id) pair; 1 where no row matches."""
    table = _multiplier_table(book)
    if table is None or not len(deals):
        return np.full(len(deals), RATIO_SCALE, dtype="int64")
    products, kinds, texts = _deal_texts(book)
    at = book["Deals"].index.get_indexer(deals)
    # the distinct (plan, product, deal type) of these deals: few, whatever the number of deals
    size = len(texts) + 1
    inverse, combos = pd.factorize((plans.astype("int64") * size + products[at]) * size + kinds[at])
    pairs = pd.DataFrame({"plan": combos // size // size, "product": texts[combos // size % size],
                          "deal_type": texts[combos % size]})

    def looked_up(product: bool, deal_type: bool) -> np.ndarray:
        """The multiplier of the rows naming (only) the product and/or deal type, NaN where none."""
        own = table[(table["product"] != "").eq(product) & (table["deal_type"] != "").eq(deal_type)]
        on = ["plan"] + (["product"] if product else []) + (["deal_type"] if deal_type else [])
        return pairs[on].merge(own[[*on, "m"]], on=on, how="left")["m"].to_numpy(dtype="float64")

    both = looked_up(True, True)
    out = np.full(len(pairs), RATIO_SCALE, dtype="int64")
    for part in (looked_up(True, False), looked_up(False, True), looked_up(False, False)):
        out = np.where(np.isnan(part), out, times_ratio(out, np.nan_to_num(part).astype("int64")))
    return np.where(np.isnan(both), out, np.nan_to_num(both).astype("int64"))[inverse]


def _multiplier_table(book) -> pd.DataFrame | None:
    """The PlanMultipliers rows with a plan and a multiplier, their texts as matched; None when
    there is none. Once per revision of PlanMultipliers (read by every period's statements)."""
    def build() -> pd.DataFrame | None:
        rows = book["PlanMultipliers"].dropna(subset=["plan", "multiplier"])
        if not len(rows):
            return None
        table = pd.DataFrame({"plan": rows["plan"].to_numpy(dtype="int64"), "product": _text(rows["product"]),
                              "deal_type": _text(rows["deal_type"]), "m": rows["multiplier"].to_numpy(dtype="int64")})
        return table.drop_duplicates(["plan", "product", "deal_type"])  # the book refuses duplicates
    return book.cached("multiplier_table", build, depends=("PlanMultipliers",))


def spiff_lines(book, credit: pd.DataFrame, plans: np.ndarray) -> pd.DataFrame:
    """The SPIFF parts of won credit lines: ``line`` (the position of the credit line in
    ``credit``, the rows of ``attainment.credit_lines`` with reason won), ``spiff`` (its Spiffs row
    id), ``base`` (the SPIFF's amount) and ``amount`` (the rep's part); ``plans``: the plan row
    id paying each credit line (NaN: none; core/assignments.py)."""
    spiffs = book["Spiffs"].dropna(subset=["plan", "amount"])
    empty = pd.DataFrame({name: pd.Series(dtype="int64") for name in ("line", "spiff", "base", "amount")})
    if not len(spiffs) or not len(credit):
        return empty
    facts = book["Deals"].reindex(credit["deal_id"].to_numpy(dtype="int64"))
    lines = pd.DataFrame({"line": np.arange(len(credit)), "deal": credit["deal_id"].to_numpy(dtype="int64"),
                          "plan": np.asarray(plans, dtype="float64"),
                          "share": credit["share"].to_numpy(dtype="int64"),
                          "product": _text(facts["product"]), "deal_type": _text(facts["deal_type"]),
                          "closed": credit["date"].to_numpy(dtype="datetime64[ns]")})
    rules = pd.DataFrame({"spiff": spiffs.index.to_numpy(dtype="int64"), "for_plan": spiffs["plan"].to_numpy(dtype="float64"),
                          "s_product": _text(spiffs["product"]), "s_type": _text(spiffs["deal_type"]),
                          "start": spiffs["from"].to_numpy(dtype="datetime64[ns]"),
                          "end": spiffs["to"].to_numpy(dtype="datetime64[ns]"),
                          "base": spiffs["amount"].to_numpy(dtype="int64")})
    # each SPIFF against every line of the deals it matches (whatever the rep's plan): the parts
    # are allocated over all of a deal's lines, then each rep keeps the SPIFFs of their own plan
    grid = lines.merge(rules, how="cross")
    match = (((grid["s_product"] == "") | (grid["s_product"] == grid["product"]))
             & ((grid["s_type"] == "") | (grid["s_type"] == grid["deal_type"]))
             & (grid["start"].isna() | (grid["closed"] >= grid["start"]))
             & (grid["end"].isna() | (grid["closed"] <= grid["end"])))
    grid = grid[match.to_numpy()]
    if not len(grid):
        return empty
    grid = grid.sort_values(["deal", "spiff", "line"], kind="stable")
    key = grid["deal"] * (int(rules["spiff"].max()) + 1) + grid["spiff"]
    grid = grid.assign(amount=allocate(key, grid["base"], grid["share"]).astype("int64"))
    grid = grid[(grid["plan"] == grid["for_plan"]).to_numpy()]
    return grid[["line", "spiff", "base", "amount"]].astype("int64").sort_values(["line", "spiff"], kind="stable",
                                                                                   ignore_index=True)


def base_bonus(book, reps: np.ndarray, labels: np.ndarray, percent: np.ndarray, rounding: str) -> np.ndarray:
    """``percent`` (millionths) of each rep's base salary for the plan period ``labels``,
    prorated by the days the rep is employed in it, rounded once (0 without a salary)."""
    from planner.core.periods import Period

    if not len(reps):
        return np.zeros(0, dtype="int64")
    people = book["Reps"].reindex(reps)
    periods = [Period.of(label) for label in labels]
    starts = np.array([p.start for p in periods], dtype="datetime64[D]")
    ends = np.array([p.end for p in periods], dtype="datetime64[D]")  # the day after the period
    year = np.array([(date(p.start.year + 1, 1, 1) - date(p.start.year, 1, 1)).days for p in periods], dtype="int64")
    days = active_days(book["Reps"], reps, starts, ends)
    salary = people["base_salary"].fillna(0).to_numpy(dtype="int64")
    exact = salary.astype(object) * days * percent.astype(object)
    return np.asarray(round_div(exact, year.astype(object) * RATIO_SCALE, rounding), dtype="int64")


def clawed_back(book, plans: np.ndarray, won_on: np.ndarray, cancelled_on: np.ndarray) -> np.ndarray:
    """Whether each cancellation (plan row id, close and cancellation days as int64
    nanoseconds) falls inside its plan's clawback window."""
    at = plan_rows(book, plans)
    window, has_window = (plan_table(book)[name][at] for name in ("clawback_days", "has_clawback"))
    days = (cancelled_on - won_on) // _DAY
    return ~has_window | (days <= window)
