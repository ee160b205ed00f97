"""Order logs (no Qt): sales exports with no pipeline — one date per row, an amount, a customer,
a rep or a region, no stage (Kaggle's sales sample, Tableau's Superstore, Microsoft's financial
sample). A Deals sheet is one when its date goes to created and closed at once, or it says
which orders were returned (:func:`planner.io.mapping.is_order_log`).

decisions.md: each order is a won deal, created = closed = its date. An order whose status
says cancelled, returned or disputed, or that a returns list names (Superstore's Returns sheet),
is not won: it is a won deal cancelled on that same date (product.md: a won deal later cancelled
or refunded), so its credit is reversed in the period it was made.

The rows of one order (sharing an order id, also across sheets) are its lines, and one deal:

- its amount is the sum of its lines, exact — a line in fractions of a cent (Superstore's
  957.5775) taken as Excel shows it, to 15 significant digits — rounded once, half up;
- its product lists its lines' products (product lines, categories), each once;
- its date, owner, region and currency are the same on every line, else a problem;
- its other columns are the first line's; a column of the user's own is kept only when every
  line of every order agrees (the customer's city), else left out with a warning (quantities).

Its owner is the rep column if there is one, else its region's rep: the one rep whose team is
that region (Superstore's People sheet, Region → Person), else a rep named after the region.
A mixin of :class:`planner.io.import_reader._Reader`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Context, Decimal

import numpy as np
import pandas as pd

from planner.core import kinds, schema
from planner.core.money import TOO_MANY_DECIMALS, minor_digits, parse_decimal
from planner.io.import_results import (CLOSED_NEEDS, ORDER_COLUMNS_LEFT_OUT, ORDER_LINES_DIFFER, ORDER_LOG,
                                       ORDER_LOG_CANCELLED, ORDERS_ROUNDED, OWNERS_FROM_REGIONS)
from planner.io.mapping import DERIVED, normalize

FRACTIONS = "\x00fractions"  # a frame column while reading: line amounts in fractions of a minor unit
EXCEL_DIGITS = Context(prec=15)  # what Excel shows of a number (its binary noise left out)
# A status that makes an order not won (compared without case, spaces or punctuation, by its start).
CANCELLING = re.compile("^(?:cancel|return|refund|disput|void|chargeback|주문취소|취소|반품|환불|분쟁|"
                        "キャンセル|取消|取り消|返品|返金|解約)")
SHARED = ("closed", "created", "owner", "region", "currency")  # the same on every line of an order
WON, LOST = "Won", "Lost"


class _Orders:
    """The order-log steps of :class:`~planner.io.import_reader._Reader`."""

    def _line_amounts(self, bad: list, out: dict, n: int) -> list:
        """Amount cells refused only for their decimals are an order line's exact amount, kept
        (Decimal minor units) for the order's sum; the other bad cells are returned."""
        kept, exact = [], None
        digits = minor_digits(self.currency)
        for label, value, template, fields in bad:
            if template == TOO_MANY_DECIMALS:
                number = EXCEL_DIGITS.plus(parse_decimal(value))
                if number >= 0:
                    if exact is None:
                        exact = np.full(n, None, dtype=object)
                    exact[label] = number.scaleb(digits)
                    continue
            kept.append((label, value, template, fields))
        if exact is not None:
            out[FRACTIONS] = pd.Series(exact, dtype="object")
        return kept

    def _orders(self) -> None:
        """The lines of the order logs among the deals, one deal per order."""
        lines = self.order_lines
        if not lines.any():
            return
        deals, location = self.frames["Deals"], self.locations["Deals"]
        order = deals[lines].reset_index(drop=True)
        at = np.flatnonzero(lines)  # each line's position among the deals (for problems)
        keys = order["id"] if "id" in order else pd.Series(pd.NA, index=order.index, dtype="string")
        codes, _ = pd.factorize(keys)
        alone = codes < 0  # a line without an order id is an order of its own
        codes[alone] = codes.max(initial=-1) + 1 + np.arange(int(alone.sum()))
        count = int(codes.max()) + 1
        headers = self.headers.setdefault("Deals", {})
        for one, other in (("created", "closed"), ("closed", "created")):  # the order's date is both
            if one in order:
                order[other] = order[other].fillna(order[one]) if other in order else order[one]
        self._lines_agree(order, codes, at, headers)
        self._lines_priced(order, at)
        first = pd.Series(np.arange(len(order))).groupby(codes).min().to_numpy()
        cancelled, reasons = self._cancelled(order, codes, count, headers)
        self.warn("Deals", None, ORDER_LOG_CANCELLED if reasons else ORDER_LOG, orders=f"{count:,}",
                  lines=f"{len(order):,}", cancelled=f"{int(cancelled.sum()):,}", reasons="; ".join(reasons))
        made, left_out = self._one_per_order(order, codes, count, first)
        if cancelled.any() and "closed" in made:
            dates = made["cancelled"] if "cancelled" in made else pd.Series(pd.NaT, index=made.index)
            made["cancelled"] = dates.fillna(made["closed"].where(cancelled)).astype("datetime64[ns]")
            self.provided["Deals"].add("cancelled")
        made["stage"] = pd.Series(self._won_stage(), index=made.index, dtype="string")
        self.provided["Deals"].update(column for column in ("stage", "created", "closed") if column in made)
        self._owners_from_regions(made, headers)
        # the order rows take the place of their lines, in the order of their first lines
        rest = np.flatnonzero(~lines)
        made = made.drop(columns=[FRACTIONS, "returned"], errors="ignore")
        if len(rest):
            others = deals.iloc[rest].drop(columns=[FRACTIONS, "returned"], errors="ignore")
            others = others.drop(columns=[c for c in left_out if others[c].isna().all()])
            place = np.argsort(np.concatenate([rest, at[first]]), kind="stable")
            made = pd.concat([others, made], ignore_index=True, sort=False).iloc[place].reset_index(drop=True)
            location = pd.concat([location.iloc[rest], location.iloc[at[first]]], ignore_index=True).iloc[place]
        else:
            location = location.iloc[at[first]]
        self.frames["Deals"], self.locations["Deals"] = made, location.reset_index(drop=True)
        if self.book is None and "lost" not in self._known_stage_kinds().values():
            self.order_stages = [LOST]  # a new book gets a lost stage too, for the deals to come

    def _lines_agree(self, order: pd.DataFrame, codes: np.ndarray, at: np.ndarray, headers: dict) -> None:
        """A line whose date, owner, region or currency differs from its order's first is a problem."""
        positions = pd.Series(np.arange(len(order)))
        for column in SHARED:
            if column not in order or (column == "created" and headers.get("created") == headers.get("closed")):
                continue
            values = order[column]
            present = values.notna().to_numpy(dtype=bool)
            firsts = values.groupby(codes).transform("first")
            differ = present & values.ne(firsts).fillna(False).to_numpy(dtype=bool)
            if not differ.any():
                continue
            where = positions.where(present).groupby(codes).transform("first")
            rows = self.locations["Deals"]["row"].to_numpy()
            for line in np.flatnonzero(differ):
                other = rows[at[int(where.iloc[line])]]
                self._at("Deals", int(at[line]), column, values.iloc[line], ORDER_LINES_DIFFER,
                         value=_shown(values.iloc[line]), other="?" if pd.isna(other) else int(other),
                         other_value=_shown(firsts.iloc[line]))

    def _lines_priced(self, order: pd.DataFrame, at: np.ndarray) -> None:
        """A line of a sheet with amounts needs its own (the order's sum would silently miss it)."""
        if "amount" not in order:
            return
        blank = order["amount"].isna().to_numpy(dtype=bool) & self.order_amounts[at]
        if FRACTIONS in order:
            blank &= order[FRACTIONS].isna().to_numpy(dtype=bool)
        blank &= ~self._bad_cells("Deals", "amount")[at]
        for line in np.flatnonzero(blank):
            self._at("Deals", int(at[line]), "amount", None, CLOSED_NEEDS,
                     what=self.headers["Deals"].get("amount", "amount"))

    def _one_per_order(self, order: pd.DataFrame, codes: np.ndarray, count: int, first: np.ndarray) -> pd.DataFrame:
        """One row per order: the sum of its amounts, its products, the first line's other cells;
        the user's own columns where every line agrees (left out, with a warning, elsewhere)."""
        single = count == len(order)  # every order one line: nothing to add up
        made = order.iloc[first] if single else order.groupby(codes, sort=True).first()
        made = made.reset_index(drop=True)
        if "amount" in order and not single:
            made["amount"] = order["amount"].groupby(codes).sum(min_count=1).reset_index(drop=True)
        if "amount" in order:
            if FRACTIONS in order:
                self._round_orders(order, codes, made)
        if "product" in order and not single:
            present = order["product"].notna().to_numpy(dtype=bool)
            pairs = pd.DataFrame({"order": codes[present], "product": order["product"][present]}).drop_duplicates()
            made["product"] = pairs.groupby("order")["product"].agg(", ".join).reindex(made.index).astype("string")
        own = [c for c in order if c not in schema.DEALS.names and c not in DERIVED and c != FRACTIONS]
        left_out = [] if single else [c for c in own if (order[c].groupby(codes).nunique() > 1).any()]
        if left_out:
            made = made.drop(columns=left_out)
            self.warn("Deals", None, ORDER_COLUMNS_LEFT_OUT, count=len(left_out), names=", ".join(left_out))
        for name in ("region", "order_status"):  # read, and kept as the user's own columns
            if name in made:
                header = self.headers["Deals"].get(name, name)
                while header in made or header in schema.DEALS.names:
                    header = f"{header} (2)"
                made[header] = made[name]
        return made, left_out

    def _round_orders(self, order: pd.DataFrame, codes: np.ndarray, made: pd.DataFrame) -> None:
        """Orders whose lines come to fractions of a minor unit: their exact sum, rounded once."""
        parts = order[FRACTIONS]
        has = parts.notna().to_numpy(dtype=bool)
        rounded, example = 0, None
        digits = minor_digits(self.currency)
        for code, exact in parts[has].groupby(codes[has]):
            whole = made.at[code, "amount"]
            total = sum(exact, Decimal(0 if pd.isna(whole) else int(whole)))
            amount = int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))
            made.at[code, "amount"] = amount
            if amount != total:
                rounded += 1
                if example is None:
                    key = made.at[code, "id"] if "id" in made else None
                    exact = format(total.scaleb(-digits).normalize(), "f")
                    example = (exact if key is None or pd.isna(key) else f"{exact} ({key})",
                               kinds.text(schema.Kind.MONEY, amount, self.currency))
        if rounded:
            self.warn("Deals", self.headers["Deals"].get("amount"), ORDERS_ROUNDED, count=f"{rounded:,}",
                      currency=self.currency, example=example[0], rounded=example[1])

    def _cancelled(self, order: pd.DataFrame, codes: np.ndarray, count: int, headers: dict):
        """Which orders are not won (a cancelling status, or named by a returns list), and why."""
        flagged = np.zeros(len(order), dtype=bool)
        reasons = []
        if "order_status" in order:
            words = order["order_status"]
            unique = words.dropna().unique()
            cancelling = {word for word in unique if CANCELLING.match(normalize(word))}
            by_status = words.isin(cancelling).to_numpy(dtype=bool)
            if by_status.any():
                orders = pd.DataFrame({"order": codes[by_status], "status": words[by_status]}).drop_duplicates("order")
                counts = Counter(orders["status"])
                reasons.append(f"{headers.get('order_status')}: " + ", ".join(f"{word} {n:,}" for word, n in
                                                                              counts.most_common()))
            flagged |= by_status
        if "returned" in order:
            returned = order["returned"].fillna(False).to_numpy(dtype=bool)
            if returned.any():
                reasons.append(f"{headers.get('returned')}: {len(np.unique(codes[returned])):,}")
            flagged |= returned
        cancelled = np.zeros(count, dtype=bool)
        cancelled[codes[flagged]] = True
        return pd.Series(cancelled), reasons

    def _won_stage(self) -> str:
        """The stage of the orders: the first won stage of the book or the files, else Won (made)."""
        won = [name for name, kind in self._known_stage_kinds().items() if kind == "won"]
        return won[0] if won else WON

    def _owners_from_regions(self, made: pd.DataFrame, headers: dict) -> None:
        """Orders without an owner: their region's rep (the one rep of that team), else a rep named
        after the region (made with that team)."""
        if "region" not in made:
            return
        owners = made["owner"] if "owner" in made else pd.Series(pd.NA, index=made.index, dtype="string")
        need = (owners.isna() & made["region"].notna()).to_numpy(dtype=bool)
        if not need.any():
            return
        regions = made["region"][need]
        reps = self._region_reps()
        made["owner"] = owners.mask(need, regions.map(lambda region: reps.get(region, region))).astype("string")
        headers.setdefault("owner", headers.get("region"))
        self.provided["Deals"].add("owner")
        used = sorted(set(regions) & set(reps))
        self.region_teams.update({region: region for region in set(regions) - set(reps)})
        if used:
            self.warn("Deals", headers.get("region"), OWNERS_FROM_REGIONS, header=headers.get("region"),
                      pairs=", ".join(f"{region} → {reps[region]}" for region in used))

    def _region_reps(self) -> dict[str, str]:
        """Region → the one rep of the files' Reps sheet or of the book whose team it is."""
        by_team: dict[str, set[str]] = defaultdict(set)
        frames = [self.frames.get("Reps"), self.book.keyed("Reps") if self.book is not None else None]  # teams by name
        for reps in (frame for frame in frames if frame is not None and "team" in frame):
            keys = reps["id"] if "id" in reps else reps.get("name")
            if keys is None:
                continue
            for team, rep in zip(reps["team"], keys):
                if pd.notna(team) and pd.notna(rep):
                    by_team[str(team).strip()].add(str(rep).strip())
        return {team: next(iter(reps)) for team, reps in by_team.items() if len(reps) == 1}


def _shown(value) -> object:
    """A cell as a message names it (a date as its day)."""
    if isinstance(value, pd.Timestamp):
        return kinds.text(schema.Kind.DATE, value)
    return value
