"""Column widths of a sheet beyond what its sampled rows say."""

from __future__ import annotations

from PySide6.QtCore import Qt

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
