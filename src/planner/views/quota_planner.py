"""The Quota Planner tab: a year's target spread to reps and months (core/quota_planning.py).

The inputs are on the left; each "Add scenario" computes a plan on a snapshot of the book (the
book is not touched) and adds it as a column beside the others: assigned, what closed months
keep (when a period of the year is closed), capacity and gap first, then each rep's year. Under
it, the chosen scenario's teams, rolled up into their parent teams as `planner quotas` shows
them. The chart shows the chosen scenario's quota per month (closed months hatched) against
what was won in the basis year. "Apply" writes the chosen scenario to the Quotas table as one
change: one undo step.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QSplitter,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from planner.charts.pipeline import render_rgba
from planner.charts.quotas import draw_quota_vs_won
from planner.core import kinds, quota_history
from planner.core.errors import PlannerError
from planner.core.money import to_ratio
from planner.core.quota_history import in_the_app
from planner.core.quota_planning import NOT_NUMBER, QuotaInputs, Scenario, parse_ramp, plan_quotas, typed_amount
from planner.core.schema import FIRST_YEAR, LAST_YEAR, Kind
from planner.core.attainment import active
from planner.core.periods import Period
from planner.core.usable import usable
from planner.qt.i18n import error_text
from planner.views.chart_view import ChartView, chart_image

TEAM_INDENT = "    "  # a child team's name, under its parent's


class QuotaPlanner(QWidget):
    """Quota scenarios of the book ``book()``, side by side; ``push(change, text)`` applies one
    as one undo step."""

    status = Signal(str)  # what happened (applied, refused), for the status bar

    def __init__(self, push: Callable, book: Callable, editable: Callable[[], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._push, self._book, self._editable = push, book, editable
        self.scenarios: list[Scenario] = []

        self.name = QLineEdit()
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR + 1, LAST_YEAR)
        self.target = QLineEdit()
        self.target.setPlaceholderText("1,000,000")
        self.over = QLineEdit("100%")
        self.weights = QComboBox()
        self.weights.addItem(self.tr("Equal"), "equal")
        self.weights.addItem(self.tr("Last year's won revenue"), "won")
        self.weights.addItem(self.tr("By hand"), "hand")
        # weights by hand: one row per rep active in the year, its weight typed over (1 each at first)
        self.hand_weights = QTableWidget(0, 1)
        self.hand_weights.setHorizontalHeaderLabels([self.tr("Weight")])
        self.hand_weights.setMinimumHeight(120)
        self.hand_weights.horizontalHeader().setStretchLastSection(True)
        self.weights.currentIndexChanged.connect(self._show_hand_inputs)
        self.year.valueChanged.connect(self._fill_hand_weights)
        self.seasonality = QComboBox()
        self.seasonality.addItem(self.tr("Flat"), "flat")
        self.seasonality.addItem(self.tr("As the basis year's wins"), "history")
        self.seasonality.addItem(self.tr("By hand"), "hand")
        self.hand_season = QLineEdit("1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1")  # January to December
        self.hand_season.setToolTip(self.tr("12 weights, January to December"))
        self.seasonality.currentIndexChanged.connect(self._show_hand_inputs)
        self.ramp = QLineEdit()
        self.ramp.setPlaceholderText("25, 50, 75")
        self.basis = QSpinBox()
        self.basis.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.valueChanged.connect(lambda year: self.basis.setValue(year - 1))  # the year before, unless chosen
        self.add_button = QPushButton(self.tr("Add scenario"))
        self.add_button.clicked.connect(self.add_scenario)
        self.target.returnPressed.connect(self.add_scenario)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        form_box = QGroupBox(self.tr("Scenario"))
        form = QFormLayout(form_box)
        for label, field in ((self.tr("Name"), self.name), (self.tr("Year"), self.year),
                             (self.tr("Company target"), self.target), (self.tr("Over-assignment"), self.over),
                             (self.tr("Weights"), self.weights), ("", self.hand_weights),
                             (self.tr("Seasonality"), self.seasonality), ("", self.hand_season),
                             (self.tr("Ramp of new hires (%)"), self.ramp), (self.tr("Basis year"), self.basis)):
            form.addRow(label, field)
        self._form = form
        form.addRow(self.add_button)
        form.addRow(self.error)
        self.notes = QLabel()  # what the chosen scenario's numbers rest on (empty months, role means, ...)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #5f6368")
        form.addRow(self.notes)
        left = QVBoxLayout()
        left.addWidget(form_box)
        left.addStretch(1)

        self.table = QTableWidget(0, 0)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # another scenario's column chosen: the chart follows (moving within a column draws nothing)
        self.table.currentCellChanged.connect(
            lambda _row, column, _old_row, old: column != old and (self._redraw_timer.start(), self._show_notes(),
                                                                   self._show_teams()))
        self.chart = ChartView()
        self.apply_button = QPushButton(self.tr("Apply to the Quotas table"))
        self.apply_button.clicked.connect(self.apply_chosen)
        self.remove_button = QPushButton(self.tr("Remove scenario"))
        self.remove_button.clicked.connect(self.remove_chosen)
        # the chosen scenario's teams: quota, capacity and gap, child teams under their parents
        self.teams_title = QLabel()
        self.teams_table = QTableWidget(0, 4)
        self.teams_table.setHorizontalHeaderLabels([self.tr("Team"), self.tr("Quota"), self.tr("Capacity"),
                                                    self.tr("Gap (capacity − quota)")])
        self.teams_table.verticalHeader().setVisible(False)
        self.teams_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.note = QLabel()  # what Apply did (the status bar is taken by the recomputation it starts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.note, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addLayout(buttons)
        right.addWidget(top)
        teams = QWidget()
        teams_layout = QVBoxLayout(teams)
        teams_layout.setContentsMargins(0, 0, 0, 0)
        teams_layout.addWidget(self.teams_title)
        teams_layout.addWidget(self.teams_table)
        right.addWidget(teams)
        right.addWidget(self.chart)
        right.setSizes([340, 170, 280])
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addWidget(right, 1)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(150)
        self._redraw_timer.timeout.connect(self._redraw)
        self.chart.resized.connect(self._redraw_timer.start)
        self.book_changed()
        self._show_hand_inputs()

    # -- inputs ------------------------------------------------------------------------------
    def book_changed(self) -> None:
        """A new book is shown: scenarios of the old one are dropped, the year follows its as_of."""
        book = self._book()
        self.scenarios = []
        if book is not None:
            try:
                year = book.as_of.year + 1
            except PlannerError:
                year = self.year.value()
            self.year.setValue(year)
        self._fill_hand_weights()
        self._show_scenarios()

    def inputs(self) -> QuotaInputs:
        """The inputs as typed; :class:`PlannerError` naming what is wrong."""
        book = self._book()
        currency = book.currency
        number = len(self.scenarios) + 1
        target = typed_amount(self.tr("Company target"), self.target.text(), currency)
        try:
            over = to_ratio(self.over.text())
        except ValueError:
            raise PlannerError(NOT_NUMBER, flag=self.tr("Over-assignment"), value=self.over.text()) from None
        weights, seasonality = self.weights.currentData(), self.seasonality.currentData()
        hand = self._typed_weights() if weights == "hand" else {}
        season = ()
        if seasonality == "hand":
            try:
                season = tuple(to_ratio(v) for v in self.hand_season.text().replace(";", ",").split(","))
            except ValueError:
                raise PlannerError(NOT_NUMBER, flag=self.tr("Seasonality"), value=self.hand_season.text()) from None
        return QuotaInputs(year=self.year.value(), target=target, over=over, weights=weights, hand_weights=hand,
                           seasonality=seasonality, hand_seasonality=season, ramp=parse_ramp(self.ramp.text()),
                           basis=self.basis.value(), name=self.name.text().strip() or self.tr("Scenario %1").replace(
                               "%1", str(number)))

    def _show_hand_inputs(self) -> None:
        for field, code in ((self.hand_weights, self.weights.currentData()),
                            (self.hand_season, self.seasonality.currentData())):
            self._form.setRowVisible(field, code == "hand")

    def _fill_hand_weights(self) -> None:
        """One row per rep active in the chosen year; weights already typed for a rep are kept."""
        book = self._book()
        kept = {int(self.hand_weights.verticalHeaderItem(row).data(Qt.ItemDataRole.UserRole)):
                self.hand_weights.item(row, 0).text() for row in range(self.hand_weights.rowCount())}
        reps = pd.DataFrame() if book is None else book["Reps"]
        if len(reps):
            reps = reps[active(reps, Period.parse(str(self.year.value()))).to_numpy(dtype=bool)]
        names = book.titles("Reps") if book is not None else {}
        self.hand_weights.setRowCount(len(reps))
        for row, rep in enumerate(reps.index):
            header = QTableWidgetItem(str(names.get(rep, rep)))
            header.setData(Qt.ItemDataRole.UserRole, int(rep))
            self.hand_weights.setVerticalHeaderItem(row, header)
            item = QTableWidgetItem(kept.get(int(rep), "1"))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.hand_weights.setItem(row, 0, item)

    def _typed_weights(self) -> dict[int, int]:
        """The weights typed by hand, by rep row id (as ratios); :class:`PlannerError` naming a bad one."""
        out = {}
        for row in range(self.hand_weights.rowCount()):
            header, text = self.hand_weights.verticalHeaderItem(row), self.hand_weights.item(row, 0).text()
            try:
                out[int(header.data(Qt.ItemDataRole.UserRole))] = to_ratio(text or "0")
            except ValueError:
                raise PlannerError(NOT_NUMBER, flag=header.text(), value=text) from None
        return out

    def add_scenario(self) -> None:
        """Compute the typed scenario on a snapshot and show it beside the others."""
        book = self._book()
        if book is None:
            return
        try:
            scenario = plan_quotas(book.snapshot(), self.inputs())
        except PlannerError as error:
            self.error.setText(error_text(in_the_app(error)))
            return
        self.error.clear()
        self.note.clear()
        self.name.clear()
        self.scenarios.append(scenario)
        self._show_scenarios(chosen=len(self.scenarios) - 1)

    # -- the scenarios -----------------------------------------------------------------------------
    def chosen(self) -> int | None:
        column = self.table.currentColumn()
        return column if 0 <= column < len(self.scenarios) else None

    def remove_chosen(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            del self.scenarios[chosen]
            self._show_scenarios(chosen=min(chosen, len(self.scenarios) - 1))

    def apply_chosen(self) -> None:
        """Write the chosen scenario to the Quotas table, planned again on the book as it is now
        (one undo step)."""
        chosen, book = self.chosen(), self._book()
        if chosen is None or book is None or not self._editable():
            return
        scenario = self.scenarios[chosen]
        try:
            again = plan_quotas(book.snapshot(), scenario.inputs)
            self._push(again.change(book), self.tr("Plan quotas for %1").replace("%1", str(again.inputs.year)))
        except PlannerError as error:
            self.error.setText(error_text(in_the_app(error)))
            return
        self.scenarios[chosen] = again
        self._show_scenarios(chosen=chosen)
        self.note.setText(self.tr("Wrote %1 quota rows of %2 (%3): Undo takes them back").replace(
            "%1", f"{len(again.rows()):,}").replace("%2", str(again.inputs.year)).replace("%3", again.inputs.name))
        self.status.emit(self.note.text())

    def _show_scenarios(self, chosen: int | None = None) -> None:
        book, table = self._book(), self.table
        reps = _rep_order(self.scenarios)
        table.clear()
        table.setColumnCount(len(self.scenarios))
        # a row of what closed months keep, while a scenario has any: never a silent difference
        with_kept = any(scenario.closed for scenario in self.scenarios)
        labels = [self.tr("Assigned"), *([self.tr("Kept: closed months")] if with_kept else []), self.tr("Capacity"),
                  self.tr("Gap (capacity − target)")]
        summary = len(labels)
        table.setRowCount(summary + len(reps))
        table.setHorizontalHeaderLabels([scenario.inputs.name for scenario in self.scenarios])
        if book is not None:
            names, teams = book.titles("Reps"), book["Teams"]["name"]
            for rep, team in reps:
                team_name = "" if pd.isna(team) else f" · {teams.get(int(team), '')}"
                labels.append(f"{names.get(rep, rep)}{team_name}")
        table.setVerticalHeaderLabels(labels)
        for column, scenario in enumerate(self.scenarios):
            currency = scenario.currency
            table.horizontalHeaderItem(column).setToolTip(self._described(scenario))
            annual = dict(zip(scenario.reps["rep"].tolist(), scenario.reps["annual"].tolist()))
            kept = [scenario.kept_amount if scenario.closed else None] if with_kept else []
            values = [scenario.assigned, *kept, scenario.capacity, scenario.gap,
                      *(annual.get(rep) for rep, _team in reps)]
            for row, value in enumerate(values):
                item = QTableWidgetItem(kinds.text(Kind.MONEY, value, currency))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if with_kept and row == 1 and scenario.closed:
                    item.setToolTip(self.tr("Closed: %1. Their quotas are kept as they are; the rest of the "
                                            "target is spread over the open months").replace(
                                                "%1", ", ".join(scenario.closed)))
                if row < summary:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        if chosen is not None and chosen >= 0 and self.scenarios:
            table.setCurrentCell(0, chosen)
        enabled = bool(self.scenarios)
        self.apply_button.setEnabled(enabled and self._editable())
        self.remove_button.setEnabled(enabled)
        self._show_notes()
        self._show_teams()
        self._redraw_timer.start()

    def _show_teams(self) -> None:
        """The chosen scenario's teams (Scenario.teams: rolled up as the command line shows them)."""
        chosen, book, table = self.chosen(), self._book(), self.teams_table
        scenario = self.scenarios[chosen] if chosen is not None and book is not None else None
        teams = scenario.teams() if scenario is not None else pd.DataFrame()
        self.teams_title.setText(self.tr("Teams of %1").replace("%1", scenario.inputs.name) if scenario else
                                 self.tr("Teams"))
        names = book["Teams"]["name"] if book is not None else pd.Series(dtype=object)
        table.setRowCount(len(teams))
        for row, record in enumerate(teams.to_dict("records")):
            team = record["team"]
            name = self.tr("(no team)") if pd.isna(team) else str(names.get(int(team), team))
            table.setItem(row, 0, QTableWidgetItem(TEAM_INDENT * int(record["depth"]) + name))
            for column, key in enumerate(("annual", "capacity", "gap"), start=1):
                item = QTableWidgetItem(kinds.text(Kind.MONEY, int(record[key]), scenario.currency))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()

    def _show_notes(self) -> None:
        chosen = self.chosen()
        notes = self.scenarios[chosen].notes if chosen is not None else ()
        self.notes.setText("\n".join("• " + QCoreApplication.translate("errors", template).format(**fields)
                                      for template, fields in notes))

    def _described(self, scenario: Scenario) -> str:
        """The inputs of ``scenario`` in one line, for its column's tooltip."""
        inputs, currency = scenario.inputs, scenario.currency
        ramp = ", ".join(f"{step / 10_000:g}%" for step in inputs.ramp) or "–"
        return (self.tr("%1: target %2 × %3%, weights %4, seasonality %5, ramp %6, basis %7")
                .replace("%1", str(inputs.year)).replace("%2", kinds.text(Kind.MONEY, inputs.target, currency))
                .replace("%3", f"{inputs.over / 10_000:g}")
                .replace("%4", self.weights.itemText(self.weights.findData(inputs.weights)))
                .replace("%5", self.seasonality.itemText(self.seasonality.findData(inputs.seasonality)))
                .replace("%6", ramp).replace("%7", str(inputs.basis_year)))

    def _redraw(self) -> None:
        book = self._book()
        if book is None or not self.isVisible():
            return
        chosen = self.chosen()
        scenario = self.scenarios[chosen] if chosen is not None else None
        year = scenario.inputs.year if scenario else self.year.value()
        basis = scenario.inputs.basis_year if scenario else self.basis.value()
        quota = scenario.months.sum(axis=0).tolist() if scenario is not None else None
        kept = scenario.kept.tolist() if scenario is not None else None
        won = quota_history.won_per_month(usable(book.snapshot())[0], basis)
        name = scenario.inputs.name if scenario else ""
        scale = self.devicePixelRatioF()
        size = self.chart.size()
        rgba = render_rgba(lambda figure: draw_quota_vs_won(figure, quota, won, book.currency, year, basis, name,
                                                            QCoreApplication.translate, kept),
                           size.width(), size.height(), scale)
        self.chart.set_image(chart_image(rgba, scale))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._redraw_timer.start()


def _rep_order(scenarios: list[Scenario]) -> list[tuple[int, object]]:
    """Every rep of any scenario, each once, in the order they first appear, with its team."""
    seen: dict[int, object] = {}
    for scenario in scenarios:
        for rep, team in zip(scenario.reps["rep"].tolist(), scenario.reps["team"].tolist()):
            seen.setdefault(int(rep), team)
    return list(seen.items())
