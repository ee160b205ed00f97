"""The CreditLines sheet of an export (no Qt): what attainment and commissions sum, as formulas.

One line per won deal and credited rep (its owner, or each rep of its ``Splits`` rows), as
the engine makes them (:func:`planner.core.attainment.credit_lines`). The line's deal and rep
are values; everything else is a formula over the exported sheets, so a what-if typed there
(an amount, a close or cancellation date, a share, a stage) flows through to attainment and
commissions:

- the deal's row in Deals: where the export wrote it while that row still holds its id, else
  found by ``MATCH`` on its id (so sorting the Deals sheet changes nothing);
- the share: 1 for an owner's whole credit, the Splits row's share for a split;
- the closed and cancelled dates, from the deal;
- the amount credited: the deal's amount while its stage is of kind ``won`` (the Stages sheet)
  and it has a close date, else 0; a split deal's amount is allocated as the engine does, in
  whole minor units with the largest remainders getting the units left over (the earlier
  line first on a tie), exact while amount × share stays below 2⁵³ (about 90 million in
  currency units at a full share).

A rep's credit in a period is the amount of the lines closed in it less the amount of the
lines cancelled in it (the reversal of a cancelled deal, in the period of cancellation). Beside
each formula is the value Planner computed and an ``Agrees`` check. A mixin of
:class:`planner.io.export_workbook._WorkbookWriter`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from planner.core.attainment import credit_lines
from planner.core.money import RATIO_SCALE
from planner.io.export_common import _check_rows
from planner.io.export_formulas import Cond, _Col, _Grid, aggregate

_WILDCARDS = ("~", "*", "?")  # MATCH reads them as patterns


class _CreditSheet:
    def _prepare_credit(self) -> None:
        """The credit lines with the engine's values, in the sheet's order: owners' whole credit
        first, then the lines of each split deal together (in Splits order)."""
        lines = credit_lines(self.snapshot)  # by row ids: the sheet names deals and reps by their ids
        lines = lines.assign(deal_id=lines["deal_id"].map(self.snapshot["Deals"]["id"]),
                             rep=lines["rep"].map(self.snapshot["Reps"]["id"]))
        rows = credit_lines(self.snapshot)
        rows = rows[(rows["reason"] == "won").to_numpy(dtype=bool)]
        won = lines[(lines["reason"] == "won").to_numpy(dtype=bool)]
        reversals = lines[(lines["reason"] == "cancelled").to_numpy(dtype=bool)]
        cancelled = dict(zip(zip(reversals["deal_id"], reversals["rep"]), reversals["date"]))
        split = won["deal_id"].isin(set(self.snapshot.keyed("Splits")["deal_id"].dropna())).to_numpy(dtype=bool)
        group = np.where(split, pd.factorize(won["deal_id"])[0], -1)
        order = np.lexsort((np.arange(len(won)), group))  # stable: a split deal's lines keep their order
        won, split, group = won.iloc[order], split[order], group[order]
        position = pd.Series(np.arange(len(won)))
        by_deal = position.groupby(group)
        self.credit = pd.DataFrame({
            "deal_id": won["deal_id"].astype("string").to_numpy(),
            # the order of lines closed the same day, as statements take them: by the deal's row
            "order": rows["deal_id"].rank(method="dense").astype("int64").to_numpy()[order],
            "rep": won["rep"].astype("string").to_numpy(),
            "share": won["share"].astype("int64").to_numpy(),
            "closed": won["date"].to_numpy(dtype="datetime64[ns]"),
            "cancelled": pd.to_datetime(pd.Series([cancelled.get(key) for key in zip(won["deal_id"], won["rep"])],
                                                  dtype=object)).to_numpy(dtype="datetime64[ns]"),
            "amount": pd.array(won["amount"].tolist(), dtype="Int64"),
            "split": split,
            # a split deal's lines: the first and last of them (positions on the sheet)
            "first": np.where(split, by_deal.transform("min").to_numpy(), position.to_numpy()),
            "last": np.where(split, by_deal.transform("max").to_numpy(), position.to_numpy()),
        })
        _check_rows("CreditLines", len(self.credit))
        self.credit_grid = _Grid("CreditLines", [
            _Col("deal_id", "text"), _Col("rep", "text"), _Col("deal_row", "int"), _Col("order", "int"),
            _Col("share", "ratio", True), _Col("closed", "date", True),
            _Col("cancelled", "date", True), _Col("amount", "money", True),
        ], len(self.credit))

    def _credited(self, rep_cell: str, rep: str, start: str, end: str) -> str:
        """The credit of the rep in ``rep_cell`` between the days in ``start`` and ``end``: lines
        closed then, less the lines cancelled then."""
        grid = self.credit_grid
        amount, reps = self._column(grid, "amount"), self._column(grid, "rep")
        closed, cancelled = self._column(grid, "closed"), self._column(grid, "cancelled")
        who = Cond(reps, "=", rep_cell, rep)
        return (f"{aggregate([who, *self._in(closed, start, end)], amount)}"
                f"-{aggregate([who, *self._in(cancelled, start, end)], amount)}")

    def _write_credit_lines(self) -> None:
        grid, credit, styles = self.credit_grid, self.credit, self.styles
        rows = len(credit)
        split = credit["split"].to_numpy(dtype=bool)
        number = (np.arange(rows) + 2).astype(str).astype(object)
        deal, rep, row = (grid.letter(key) + number for key in ("deal_id", "rep", "deal_row"))

        ids = credit["deal_id"].to_numpy(dtype=object)
        wild = np.array([any(mark in text for mark in _WILDCARDS) for text in ids], dtype=bool)
        lookup = np.where(wild, 'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(' + deal + ',"~","~~"),"*","~*"),"?","~?")', deal)
        # where the deal was written: looked at first (a MATCH over every deal is slow in a large
        # book), searched for by its id only when the Deals sheet was reordered since
        where = pd.Series(np.arange(1, len(self.inputs["Deals"]) + 1),
                          index=self.inputs["Deals"]["id"].astype(object)).groupby(level=0).first()
        written = where.reindex(ids).to_numpy(dtype="int64").astype(str).astype(object)
        deal_row = (f"IF(INDEX({self.deal['id']},"
                    + written + ")=" + deal + "," + written + ",MATCH(" + lookup + f",{self.deal['id']},0))")

        def field(column: str) -> np.ndarray:  # the deal's cell, blank as blank (not 0)
            value = f"INDEX({self.deal[column]}," + row + ")"
            return "IF(" + value + '="","",' + value + ")"

        won = (f"SUMPRODUCT(({self._input('Stages', 'stage')}=INDEX({self.deal['stage']},"
               + row + f"))*({self._input('Stages', 'kind')}=\"won\"))>0")
        amount = f"INDEX({self.deal['amount']}," + row + ")"
        credited = np.where(split, self._allocated(amount), amount)
        shares = np.full(rows, None, dtype=object)
        splits = self._input("Splits", "deal_id"), self._input("Splits", "rep")
        for i in np.flatnonzero(split):
            shares[i] = aggregate([Cond(splits[0], "=", deal[i], ids[i]), Cond(splits[1], "=", rep[i],
                                                                                 credit["rep"].iloc[i])],
                                  self._input("Splits", "share"))
        checks = [self._row_checks(key, kind) for key, kind in
                  (("closed", "date"), ("cancelled", "date"), ("amount", "money"))]
        agrees = "AND(" + np.where(split, self._row_checks("share", "ratio") + ",", "") \
            + checks[0] + "," + checks[1] + "," + checks[2] + ")"

        blank_days = np.full(rows, np.datetime64("NaT"), dtype="datetime64[ns]")
        blank = pd.array([None] * rows, dtype="Int64")
        frame = pd.DataFrame({
            "deal_id": credit["deal_id"], "rep": credit["rep"], "deal_row": blank,
            "order": credit["order"].astype("Int64"),
            "share": pd.array(np.where(split, None, credit["share"]).tolist(), dtype="Int64"),
            "share_app": credit["share"].astype("Int64"),
            "closed": blank_days, "closed_app": credit["closed"],
            "cancelled": blank_days, "cancelled_app": credit["cancelled"],
            "amount": blank, "amount_app": credit["amount"], "agrees": blank,
        })
        self.tables.write(
            "CreditLines", frame,
            ["text", "text", "int", "int", "ratio", "ratio", "date", "date", "date", "date", "money", "money", "int"],
            frozen_columns=2,
            formulas={"deal_row": deal_row, "share": shares,
                      "closed": field("closed"), "cancelled": field("cancelled"),
                      "amount": "IF(AND(" + won + ",ISNUMBER(" + grid.letter("closed") + number + "))," + credited
                      + ",0)", "agrees": agrees},
            headers=self._headers(grid),
            styles={"share": styles.ratio, "share_app": styles.app_ratio, "amount_app": styles.app_money,
                    "agrees": styles.check})
        self.summary.sheets["CreditLines"] = rows
        self.summary.formulas += 5 * rows + int(split.sum())

    def _row_checks(self, key: str, kind: str) -> np.ndarray:
        """The Agrees test of ``key`` on every credit line: its formula against the app's value."""
        grid = self.credit_grid
        number = (np.arange(grid.rows) + 2).astype(str).astype(object)
        test = self._check(kind, "\0", "\1")  # written once, the two cells put in on every row
        out = ""
        for piece, marker in re.findall(r"([^\0\1]*)([\0\1]?)", test):
            out = out + piece
            if marker:
                out = out + ((grid.letter(key) if marker == "\0" else grid.app_letter(key)) + number)
        return out

    def _allocated(self, amount: np.ndarray) -> np.ndarray:
        """Each split line's amount (``amount``: the deal's, per line): ``amount × share`` in
        whole minor units rounded down, plus one unit for the lines with the largest remainders
        while the deal's lines fall short of its amount (the earlier line first on a tie)."""
        credit, letter = self.credit, self.credit_grid.letter("share")
        scale = f"{10 ** self.digits}"
        out = np.full(len(credit), None, dtype=object)
        for i, first, last in zip(np.flatnonzero(credit["split"]), credit["first"][credit["split"]],
                                  credit["last"][credit["split"]]):
            units = f"ROUND({amount[i]}*{scale},0)"  # the deal's amount in minor units

            def parts(shares: str, units=units) -> tuple[str, str]:
                product = f"{units}*ROUND({shares}*{RATIO_SCALE},0)"
                floor = f"INT({product}/{RATIO_SCALE})"
                return floor, f"({product}-{floor}*{RATIO_SCALE})"

            floor, remainder = parts(f"{letter}{i + 2}")
            floors, remainders = parts(f"${letter}${first + 2}:${letter}${last + 2}")
            ahead = f"SUMPRODUCT(--({remainders}>{remainder}))"
            if i > first:
                ahead += f"+SUMPRODUCT(--({parts(f'${letter}${first + 2}:${letter}${i + 1}')[1]}={remainder}))"
            out[i] = f"({floor}+(({ahead})<{units}-SUMPRODUCT({floors})))/{scale}"
        return out
