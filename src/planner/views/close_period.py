"""Closing and reopening a period from the Commissions tab (menu and buttons).

The bar above the commissions says which periods are closed (and tints their payouts); *Close
period…* shows what closing the selected period freezes (lines and totals per rep and plan
period) and closes it when confirmed, as one undo step (core/close.py does the work and the
refusing: not ended, closed already, problems touching it). *Reopen period…* shows the lines
that would change first. The dialog is opened window-modal with ``open()``, never ``exec()``:
a test answers it by clicking its buttons.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from planner.core import kinds
from planner.core.close import closed_periods, plan_close, plan_reopen
from planner.core.errors import PlannerError
from planner.core.periods import Period
from planner.core.schema import Kind
from planner.qt.i18n import error_text, value_label


class ClosePeriodDialog(QDialog):
    """What closing (or reopening) a period does, with a button to do it; or why it cannot
    be done (``plan`` None, ``refusal`` the reason), with only a button to close the dialog."""

    def __init__(self, parent, book, period: Period, plan=None, refusal: str | None = None) -> None:
        super().__init__(parent)
        reopen = plan is not None and plan.reopen
        self.setWindowTitle((self.tr("Reopen %1") if reopen else self.tr("Close %1")).replace("%1", period.label))
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.table = QTableWidget()
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox()
        if plan is None:
            self.message.setText(refusal or "")
            self.table.hide()
            buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        else:
            self.confirm = buttons.addButton(self.tr("Reopen period") if reopen else self.tr("Close period"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
            self.confirm.clicked.connect(self.accept)
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
            (self._show_reopen if reopen else self._show_close)(book, plan)
        layout.addWidget(self.table)
        if self.table.isHidden():  # only words: a small dialog, the words at its top
            layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(620, 420 if not self.table.isHidden() else 160)

    def _money(self, book, minor) -> str:
        return kinds.text(Kind.MONEY, minor, book.currency) or "–"

    def _show_close(self, book, plan) -> None:
        lines = plan.lines
        self.message.setText(self.tr(
            "Closing %1 freezes its commission statements in the book: %2 lines, %3 in all. Afterwards the book "
            "refuses any change that would alter them; what later edits change shows as adjustments in the next "
            "open period. Reopening is possible, and recorded.").replace("%1", plan.period.label).replace(
            "%2", f"{len(lines):,}").replace("%3", self._money(book, int(lines["amount"].sum()))))
        totals = lines.groupby(["rep", "period"], sort=False)["amount"].agg(["size", "sum"]).reset_index()
        self._fill([self.tr("Rep"), self.tr("Plan period"), self.tr("Lines"), self.tr("Total")],
                   [[_rep(book, rep), label, f"{count:,}", self._money(book, int(total))]
                    for rep, label, count, total in totals.itertuples(index=False)])

    def _show_reopen(self, book, plan) -> None:
        differences = plan.differences
        text = self.tr("Reopening %1 makes its statements follow the book again. The ledger keeps the lines "
                       "written when it was closed.").replace("%1", plan.period.label)
        text += " " + (self.tr("These lines would change:") if len(differences) else self.tr("No line would change."))
        self.message.setText(text)
        deals = book["Deals"]["id"]
        self._fill([self.tr("Rep"), self.tr("Plan period"), self.tr("Rule"), self.tr("Deal"), self.tr("Closed"),
                    self.tr("Now")],
                   [[_rep(book, row.rep), row.period, value_label(str(row.rule)),
                     "" if kinds.is_missing(row.deal) else str(deals.get(int(row.deal), f"#{row.deal}")),
                     self._money(book, row.was), self._money(book, row.now)]
                    for row in differences.itertuples(index=False)])
        if not len(differences):
            self.table.hide()

    def _fill(self, headers: list[str], rows: list[list[str]]) -> None:
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= len(headers) - 2 or headers[c] == self.tr("Lines"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()


def _rep(book, rep) -> str:
    reps = book["Reps"]
    if int(rep) not in reps.index:
        return f"#{rep}"
    key, name = reps.at[int(rep), "id"], reps.at[int(rep), "name"]
    return str(key) if name == key else f"{key} {name}"


class ClosePeriodBar(QWidget):
    """Above the commissions of ``window`` (the main window): the closed periods, and the
    buttons; the Commissions menu holds the same actions."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.dialog: ClosePeriodDialog | None = None  # the one shown last (tests answer it)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.marks = QLabel()
        self.marks.setWordWrap(True)
        layout.addWidget(self.marks, 1)
        self.close_action = QAction(self.tr("&Close period…"), window)
        self.close_action.triggered.connect(lambda: self.start())
        self.reopen_action = QAction(self.tr("&Reopen period…"), window)
        self.reopen_action.triggered.connect(lambda: self.start(reopen=True))
        for action in (self.close_action, self.reopen_action):
            button = QPushButton(re.sub(r"\(&\w\)|&", "", action.text()))  # no mnemonic: 기간 마감(&C)…
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda action=action, button=button: button.setEnabled(action.isEnabled()))
            layout.addWidget(button)
        self.close_button, self.reopen_button = (layout.itemAt(1).widget(), layout.itemAt(2).widget())
        window.report_ready.connect(self.refresh)
        window.book_loaded.connect(self.refresh)

    def add_menu(self) -> None:
        """The Commissions menu of the window, with the same actions."""
        menu = self.window.menuBar().addMenu(self.tr("Co&mmissions"))
        menu.addActions([self.close_action, self.reopen_action])

    def refresh(self) -> None:
        """Say which closed periods the selected period overlaps, tint their payouts, and enable
        what can be done."""
        book, period = self.window.book, self.window.selected_period()
        closed = closed_periods(book) if book is not None else {}
        shown = [c for c in sorted(closed.values(), key=lambda c: c.period.start)
                 if period is not None and c.period.start < period.end and period.start < c.period.end]
        self.marks.setText(self.tr("Closed: %1").replace("%1", "; ".join(
            self.tr("%1 (revision %2, %3 by %4)").replace("%1", c.period.label).replace("%2", str(c.revision))
            .replace("%3", c.at.replace("T", " ").replace("Z", " UTC")).replace("%4", c.by) for c in shown))
            if shown else self.tr("No closed period in %1").replace("%1", period.label) if period else "")
        model = self.window.commissions_model
        marks = {}
        for row, label in enumerate(model.frame["period"] if "period" in model.frame else []):
            inside = next((c for c in shown if not kinds.is_missing(label) and c.period.contains(Period.of(str(label)))),
                          None)
            if inside is not None:
                marks[row] = self.tr("Closed with %1: these figures are the ledger's").replace("%1", inside.period.label)
        model.set_row_marks(marks)
        editable = book is not None and not self.window.read_only and period is not None
        self.close_action.setEnabled(editable and period.label not in closed)
        self.reopen_action.setEnabled(editable and period.label in closed)

    def start(self, reopen: bool = False) -> ClosePeriodDialog | None:
        """Show what closing (reopening) the selected period does; done when confirmed."""
        book, period = self.window.book, self.window.selected_period()
        if book is None or period is None:
            return None
        from planner.storage.holders import who

        store = self.window.store
        by = who(store.holder if store is not None else None)
        try:
            plan = (plan_reopen if reopen else plan_close)(book, period, by)
        except PlannerError as error:
            self.dialog = ClosePeriodDialog(self.window, book, period, refusal=error_text(error))
        else:
            self.dialog = ClosePeriodDialog(self.window, book, period, plan)
            self.dialog.accepted.connect(lambda: self._apply(plan))
        self.dialog.open()
        return self.dialog

    def _apply(self, plan) -> None:
        text = (self.tr("Reopen %1") if plan.reopen else self.tr("Close %1")).replace("%1", plan.period.label)
        self.window._push(plan.change, text)
        done = self.tr("%1 reopened") if plan.reopen else self.tr("%1 closed")
        self.window.statusBar().showMessage(done.replace("%1", plan.period.label), 8000)
        self.refresh()
