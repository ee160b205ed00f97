"""The Commissions tab: payouts per rep and plan period, and the statement of the one selected.

Selecting a payout (a row of the upper table) shows its statement below: a line per credited
deal and tier slice, retroactive lift, cap, bonus and clawback, each naming its deal (id and
name), its rule in words, the tier, rate and base it applied, and its amount; a totals row
ends it, equal to the payout's total (core/statements.py computes both).
"""

from __future__ import annotations

from html import escape

import pandas as pd
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from planner.core import schema
from planner.core.money import money_label
from planner.core.report import Report
from planner.qt.table_model import FrameTableModel
from planner.views.problems_panel import LeftOutNote
from planner.views.table_view import BookTableView


class StatementModel(FrameTableModel):
    """One payout's statement lines, and a totals row in bold after them."""

    def __init__(self, parent=None) -> None:
        super().__init__(schema.STATEMENT, parent=parent)

    def show_lines(self, lines: pd.DataFrame, currency: str, total_label: str) -> None:
        total = pd.DataFrame({"deal_name": [total_label], "amount": [int(lines["amount"].sum())]})
        frame = pd.concat([lines[schema.STATEMENT.names], total], ignore_index=True) if len(lines) else lines
        self.set_frame(schema.conform(schema.STATEMENT, frame) if len(frame) else schema.STATEMENT.empty(), currency)

    def is_total(self, row: int) -> bool:
        return len(self._frame) > 0 and row == len(self._frame) - 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid() and self.is_total(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class CommissionsPanel(QWidget):
    """Warnings, what the book's problems leave out, the payouts and the selected statement."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.payouts = FrameTableModel(schema.COMMISSIONS, parent=self)
        self.statement = StatementModel(self)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #a15c00")
        self.warnings.hide()
        self.left_out = LeftOutNote("commissions")
        self.payouts_view = BookTableView(self.payouts)
        self.payouts_view.setSelectionBehavior(BookTableView.SelectionBehavior.SelectRows)
        self.payouts_view.selectionModel().currentRowChanged.connect(lambda current, _old: self._show(current.row()))
        self.statement_view = BookTableView(self.statement)
        self.statement_view.setSortingEnabled(False)  # the lines keep their order, the total stays last
        self.statement_view.verticalHeader().hide()  # the Line column numbers them
        self.title = QLabel()
        self.title.setWordWrap(True)

        top, bottom = QWidget(), QWidget()
        self._upper = upper = QVBoxLayout(top)
        upper.setContentsMargins(0, 4, 0, 0)
        upper.addWidget(self.warnings)
        upper.addWidget(self.left_out)
        upper.addWidget(QLabel("<b>" + self.tr("Commission per rep and plan period") + "</b>"))
        upper.addWidget(self.payouts_view)
        lower = QVBoxLayout(bottom)
        lower.setContentsMargins(0, 4, 0, 0)
        lower.addWidget(self.title)
        lower.addWidget(self.statement_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([400, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._show(-1)

    def add_above(self, widget: QWidget) -> None:
        """Put ``widget`` (the period close bar) above the payouts."""
        self._upper.insertWidget(0, widget)

    def show_report(self, report: Report | None, warnings: list[str], compare: bool = False) -> None:
        """Show ``report``'s payouts (None: none); the payout selected stays selected when it
        is still there (same rep and period)."""
        chosen = self.selected()
        self.report = report
        self.warnings.setText("\n".join("⚠ " + text for text in warnings))
        self.warnings.setVisible(bool(warnings))
        self.left_out.show_report(report)
        if report is None:
            self.payouts.set_frame(schema.COMMISSIONS.empty())
        else:
            self.payouts.set_frame(report.commissions, report.currency, compare=compare)
        frame = self.payouts.frame
        if "draw_balance" in frame:  # a book without recoverable draws: no empty column for them
            self.payouts_view.setColumnHidden(list(frame.columns).index("draw_balance"),
                                              not frame["draw_balance"].notna().any())
        row = self._row_of(chosen) if chosen else -1
        if row >= 0:
            self.payouts_view.selectRow(row)  # its currentRowChanged shows the statement
        else:
            self._show(-1)

    def selected(self) -> tuple[str, str] | None:
        """The selected payout: (rep id, period), or None."""
        row = self.payouts_view.selectionModel().currentIndex().row()
        if self.report is None or row < 0 or row >= self.payouts.shown_rows():
            return None
        record = self.payouts.frame.iloc[self.payouts.source_row(row)]
        return str(record["rep"]), str(record["period"])

    def select(self, rep: str, period: str) -> bool:
        """Select the payout of ``rep`` (its id) in ``period``; False when there is none."""
        row = self._row_of((rep, period))
        if row >= 0:
            self.payouts_view.selectRow(row)
        return row >= 0

    def _row_of(self, payout: tuple[str, str]) -> int:
        frame = self.payouts.frame
        for row in range(self.payouts.shown_rows()):
            record = frame.iloc[self.payouts.source_row(row)]
            if (str(record["rep"]), str(record["period"])) == payout:
                return row
        return -1

    def _show(self, row: int) -> None:
        payout = self.selected() if row >= 0 else None
        if self.report is None or payout is None:
            self.statement.set_frame(schema.STATEMENT.empty())
            self.title.setText("<b>" + self.tr("Statement") + "</b> " + self.tr(
                "(select a payout above to see its lines: a line per deal and tier, lifts, cap, bonuses and "
                "clawbacks)"))
            return
        rep, period = payout
        lines = self.report.statements
        lines = lines[((lines["rep"] == rep) & (lines["period"] == period)).to_numpy(dtype=bool)]
        record = self.payouts.frame.iloc[self.payouts.source_row(row)]
        self.statement.show_lines(lines, self.report.currency, self.tr("Total"))
        name = "" if pd.isna(record["name"]) or str(record["name"]) == rep else f" {record['name']}"
        self.title.setText("<b>" + self.tr("Statement of %1, %2 (plan %3): %4").replace("%1", escape(rep + name)).replace(
            "%2", period).replace("%3", escape(str(record["plan"]))).replace(
            "%4", money_label(int(record["total"]), self.report.currency)) + "</b>")
