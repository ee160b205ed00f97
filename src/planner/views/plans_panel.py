"""The Plans tab: the Plans sheet on the left; for the plan chosen there, its tiers, its other
rules in tabs (bonuses, rate multipliers, SPIFFs, draw, the reps assigned to it by date) as
small sheets, and a live chart of
what it pays against attainment.

The small sheets are the window's own sheets of those tables showing one plan's rows
(:meth:`~planner.qt.book_model.BookTableModel.show_rows_of`): they edit as every sheet does, one
undo step per edit, and a row typed into their last empty row belongs to the plan. The chart is
the engine's own payouts (core/payout_curve.py), computed and drawn off the GUI thread a moment
after the plan's rows change.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from planner.core import schema
from planner.core.payout_curve import payout_curve, plan_rows
from planner.qt.i18n import error_text
from planner.qt.workers import JobRunner
from planner.views.chart_view import ChartView, chart_image
from planner.views.sheet_view import SheetView, sheet_pane

REDRAW_AFTER_MS = 150  # the chart follows the last of quick edits (and a resize)
# the plan's rows shown beside it: its tiers, then its other rules in tabs under them
OWN_ROWS = ("PlanTiers", "PlanBonuses", "PlanMultipliers", "Spiffs", "PlanDraws", "PlanAssignments")


class PlansPanel(QWidget):
    """The plans of the book ``book()``, one at a time with its tiers, bonuses and curve."""

    charted = Signal()  # a new curve (or a message instead) is shown

    def __init__(self, sheets: dict[str, SheetView], find_bars: dict, book: Callable, parent: QWidget | None = None):
        super().__init__(parent)
        self._book = book
        self.sheets = sheets
        self.plan: int | None = None  # the Plans row id chosen
        self.curve = None  # the Curve drawn last (None: a message instead)
        self.jobs = JobRunner(self)
        self._generation = 0
        self._unsubscribe = None

        self.captions: dict[str, QLabel] = {}
        right = QSplitter(Qt.Orientation.Vertical)
        for name in OWN_ROWS:
            sheets[name].model().show_rows_of("plan", None)
            sheets[name].before_show = self._show_plan_of(name)
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 4, 0, 0)
            self.captions[name] = QLabel()
            layout.addWidget(self.captions[name])
            layout.addWidget(sheet_pane(sheets[name], find_bars[name]))
            if name == OWN_ROWS[0]:
                right.addWidget(box)
                self.rules = QTabWidget()
                right.addWidget(self.rules)
            else:
                self.rules.addTab(box, QCoreApplication.translate("schema", schema.TABLES[name].label))
        self.chart = ChartView()
        right.addWidget(self.chart)
        right.setSizes([200, 130, 340])
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(QLabel(f"<b>{QCoreApplication.translate('schema', schema.PLANS.label)}</b>"))
        layout.addWidget(sheet_pane(sheets["Plans"], find_bars["Plans"]))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([460, 820])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        self._redraw_timer = QTimer(self, singleShot=True, interval=REDRAW_AFTER_MS)
        self._redraw_timer.timeout.connect(self._redraw)
        self.chart.resized.connect(self._redraw_timer.start)
        plans = sheets["Plans"]
        plans.model().modelReset.connect(self._follow_current)
        plans.model().layoutChanged.connect(self._follow_current)
        plans.model().dataChanged.connect(lambda *_args: self._caption())  # a plan renamed
        plans.selectionModel().currentChanged.connect(lambda *_args: self._follow_current())
        self._caption()

    # -- the plan chosen ---------------------------------------------------------------------
    def book_changed(self) -> None:
        """A new book is shown: follow its changes, and show its first plan."""
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None
        book = self._book()
        for name in OWN_ROWS:  # the plan column says the same on every row: hidden
            model = self.sheets[name].model()
            for column in range(model.columnCount()):
                self.sheets[name].setColumnHidden(column, model.column_name(column) == "plan")
        if book is not None:
            self._unsubscribe = book.subscribe(self._on_changed)
        plans = self.sheets["Plans"]
        if plans.model().shown_rows() and not plans.currentIndex().isValid():
            plans.setCurrentIndex(plans.model().index(0, 0))
        self._follow_current()

    def choose(self, plan: int | None) -> None:
        """Show plan ``plan`` (a Plans row id; None: no plan), its row current on the left."""
        plans = self.sheets["Plans"]
        if plan is not None:
            rows = plans.model().view_rows(plans.model().frame.index.get_indexer([plan]))
            if len(rows) and rows[0] >= 0 and self._current_plan() != plan:
                plans.setCurrentIndex(plans.model().index(int(rows[0]), max(plans.currentIndex().column(), 0)))
        self._set_plan(plan)

    def _current_plan(self) -> int | None:
        plans, current = self.sheets["Plans"], self.sheets["Plans"].currentIndex()
        if not current.isValid() or plans.model().is_blank(current.row()):
            return None
        return plans.model().row_id(current.row())

    def _follow_current(self) -> None:
        self._set_plan(self._current_plan())

    def _set_plan(self, plan: int | None) -> None:
        if plan == self.plan and all(self.sheets[n].model().owner == ("plan", plan) for n in OWN_ROWS):
            return
        self.plan = plan
        for name in OWN_ROWS:  # a few rows each: sized to what this plan's rows hold
            self.sheets[name].model().show_rows_of("plan", plan)
            self.sheets[name].fit_when_shown()
        self._caption()
        self._redraw_timer.start()

    def _show_plan_of(self, table: str) -> Callable[[int], None]:
        """Before a tier or bonus is shown (from the Problems panel): choose its plan."""
        def show(row_id: int) -> None:
            book = self._book()
            if book is not None and row_id in book[table].index and not pd.isna(book[table].at[row_id, "plan"]):
                self.choose(int(book[table].at[row_id, "plan"]))
        return show

    def _caption(self) -> None:
        book = self._book()
        named = book is not None and self.plan is not None and self.plan in book["Plans"].index
        name = str(book["Plans"].at[self.plan, "plan"]) if named else ""
        texts = {"PlanTiers": (self.tr("Tiers of %1"), self.tr("Tiers (choose a plan on the left)")),
                 "PlanBonuses": (self.tr("Bonuses of %1"), self.tr("Bonuses (choose a plan on the left)")),
                 "PlanMultipliers": (self.tr("Rate multipliers of %1 (by product and deal type)"),
                                     self.tr("Rate multipliers (choose a plan on the left)")),
                 "Spiffs": (self.tr("SPIFFs of %1 (a fixed amount per qualifying won deal)"),
                            self.tr("SPIFFs (choose a plan on the left)")),
                 "PlanDraws": (self.tr("Draw of %1 (the least paid per period)"),
                               self.tr("Draw (choose a plan on the left)")),
                 "PlanAssignments": (self.tr("Reps on %1 by date (instead of their Reps row's plan)"),
                                     self.tr("Plan assignments (choose a plan on the left)"))}
        for table, (of_plan, none) in texts.items():
            self.captions[table].setText("<b>{}</b>".format((of_plan.replace("%1", name) if named else none)
                                                            .replace("&", "&amp;").replace("<", "&lt;")))

    # -- the chart -----------------------------------------------------------------------------
    def _on_changed(self, event) -> None:
        refers_to_plans = any(c.ref == "Plans" for c in schema.TABLES[event.table].refs) \
            if event.table in schema.TABLES else False
        if event.table in ("Plans", "Quotas", "Reps", "Settings") or refers_to_plans:
            if event.table == "Plans":
                self._caption()
            self._redraw_timer.start()

    def _redraw(self) -> None:
        """Compute the chosen plan's curve on a snapshot and draw it, off the GUI thread."""
        book = self._book()
        if not self.isVisible():
            return  # drawn when the tab is shown
        self._generation += 1
        generation, plan = self._generation, self.plan
        snapshot = book.snapshot() if book is not None else None
        size, scale = self.chart.size(), self.devicePixelRatioF()
        translate = QCoreApplication.translate  # thread-safe

        def work():
            from planner.charts.pipeline import draw_message, render_rgba  # (matplotlib: loaded when first drawn)
            from planner.charts.plan_curve import draw_payout_curve

            if snapshot is None or plan is None or plan not in snapshot["Plans"].index:
                return None, render_rgba(lambda f: draw_payout_curve(f, None, [], [], None, "", translate),
                                         size.width(), size.height(), scale)
            try:
                curve = payout_curve(snapshot, plan)
            except Exception as error:  # noqa: BLE001 - a plan with a problem: the chart says what
                text = error_text(error)
                return None, render_rgba(lambda f: draw_message(f, text), size.width(), size.height(), scale)
            tiers, bonuses, cap, name = plan_rows(snapshot, plan)
            return curve, render_rgba(lambda f: draw_payout_curve(f, curve, tiers, bonuses, cap, name, translate),
                                      size.width(), size.height(), scale)

        def done(result) -> None:
            if generation == self._generation:
                self.curve = result[0]
                self.chart.set_image(chart_image(result[1], scale))
                self.charted.emit()

        def failed(_error: Exception) -> None:
            if generation == self._generation:
                self.curve = None
                self.charted.emit()

        self.jobs.start(work, done, failed, latest="curve")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._redraw_timer.start()

