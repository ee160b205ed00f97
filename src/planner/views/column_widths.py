"""Column widths of a sheet: fitted to a new book when the sheet is shown, beyond what its
sampled rows say, or as the user left them (saved in the settings)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from planner.core.schema import Kind
from planner.qt.i18n import value_label
from planner.views.table_view import BookTableView

MAX_FITTED_LABELS = 2000  # a reference to more rows than this is sized by its sample like any column


# what a date or period cell holds at its widest: an empty sheet's column still fits one typed
WIDEST = {Kind.DATE: "2026-12-31", Kind.PERIOD: "2026-Q4"}


def fit_choice_columns(view: BookTableView) -> None:
    """A stage, a rep or an allowed value is one of a few labels: its column fits the longest,
    which the sampled rows of fit_columns may have missed ("Qualificat…"); a date or period
    column fits a date or period even before one is typed ("2026-1…")."""
    model = view.model()
    if model.book is None:
        return
    metrics, padding = view.fontMetrics(), 2 * view.fontMetrics().averageCharWidth() + 8  # a cell's margins
    for column in range(model.columnCount()):
        spec = model.spec_column(column)
        if spec is None:
            continue
        if spec.kind in WIDEST:
            labels = [WIDEST[spec.kind]]
        elif spec.allowed:
            labels = [value_label(code) for code in spec.allowed]
        elif spec.kind is Kind.REF:
            titles = model.book.titles(spec.ref).dropna()
            if len(titles) > MAX_FITTED_LABELS:
                continue
            labels = [str(title) for title in titles.unique()]
        else:
            continue
        header = model.headerData(column, Qt.Orientation.Horizontal) or ""
        wanted = max([metrics.horizontalAdvance(label) for label in labels] + [0]) + padding
        wanted = max(wanted, view.horizontalHeader().sectionSizeHint(column) if header else 0)
        if view.columnWidth(column) < wanted:
            view.setColumnWidth(column, min(wanted, 320))


class SheetWidths:
    """A sheet's column widths, for :class:`~planner.views.sheet_view.SheetView` (sized, like
    every :class:`BookTableView`, when shown: ``fit_when_shown``)."""

    _layout_saved = False  # the user's own widths were restored from the settings

    def fit_new_book(self) -> None:
        """Size columns to a newly shown book, unless the user's own widths were restored."""
        if not self._layout_saved:
            self.fit_when_shown()
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        if self.isVisible():
            self.executeDelayedItemsLayout()
            self.frozen.executeDelayedItemsLayout()

    def _fit(self) -> None:
        # Qt repaints the columns right of each one resized, after a timer: once the grid is
        # already painted, that would paint it all twice. Resized quietly, it is laid out and
        # painted once (the frozen column follows below).
        header = self.horizontalHeader()
        quiet = header.blockSignals(True)
        try:
            super()._fit()
            fit_choice_columns(self)
        finally:
            header.blockSignals(quiet)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self.updateGeometries()
        self.viewport().update()

    def save_layout(self, settings: QSettings, key: str) -> None:
        settings.setValue(f"sheets/{key}/header", self.horizontalHeader().saveState())

    def restore_layout(self, settings: QSettings, key: str) -> None:
        state = settings.value(f"sheets/{key}/header")
        if state is not None:
            self._layout_saved = self.horizontalHeader().restoreState(state)
            self._fit_pending = self._fit_pending and not self._layout_saved  # the user's widths stay
