"""How a sheet names what it refused: each cell that did not fit, where the user sees it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from planner.core.problems import Problem
from planner.qt.book_model import BookTableModel

# Shown in full in a refusal's details; beyond this, a count.
MAX_LISTED = 200


def refused_cells(model: BookTableModel, problems: list[Problem], first_row: int,
                  new_rows: dict[int, int]) -> list[str]:
    """Each refused cell as the user sees it: ``Row 3, Amount: what was expected``, rows a paste
    would have added by their number among them (``new_rows``: provisional row id → number)."""
    lines = []  # (messages in the sheet's own translation context, "SheetView")
    ids = {model.row_id(first_row + n): first_row + n for n in range(max(model.shown_rows() - first_row, 0))}
    headers = {name: model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(model.columnCount()) for name in [model.column_name(c)]}
    for problem in problems:
        message = problem.translated(QCoreApplication.translate, by_key=False).split(": ", 1)[-1]
        if problem.row in ids:
            row = model.headerData(ids[problem.row], Qt.Orientation.Vertical)
            where = QCoreApplication.translate("SheetView", "Row %1").replace("%1", str(row))
        else:
            where = QCoreApplication.translate("SheetView", "New row %1").replace("%1", str(new_rows.get(problem.row, "?")))
        lines.append(f"{where}, {headers.get(problem.column, problem.column or '')}: {message}")
    return lines
