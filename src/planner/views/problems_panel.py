"""The book's problems, listed where the user can click through them, and the note on the
figures that leave problem rows out (core/usable.py): a problem never blanks the results."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QHeaderView, QLabel, QToolButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from planner.core import schema
from planner.core.problems import Problem
from planner.core.report import Report
from planner.core.usable import LeftOut

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # (table, row id, column) of the problem an item lists


def _table_label(table: str) -> str:
    spec = schema.TABLES.get(table)
    return QCoreApplication.translate("schema", spec.label) if spec else table


def _column_label(table: str, column: str | None) -> str:
    spec = schema.TABLES.get(table)
    names = (column or "").split(", ")
    labels = [QCoreApplication.translate("schema", spec.column(name).label)
              if spec is not None and name in spec.names else name for name in names]
    return ", ".join(label for label in labels if label)


class ProblemsList(QTreeWidget):
    """One line per problem: sheet, row, column, what is wrong, and what it leaves out.
    Enter or a double-click opens the cell."""

    open_cell = Signal(str, int, str)  # table, row id, column ("" for a whole row)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(5)
        self.setHeaderLabels([self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Problem"),
                              self.tr("Left out of the figures")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)
        self.itemActivated.connect(self._activated)

    def show_problems(self, problems: list[Problem], left_out: LeftOut | None) -> None:
        self.clear()
        caused: dict[int, list[tuple[str, int]]] = {}  # what each problem left out, by the problem's identity
        kept = set()
        if left_out is not None:
            for table, rows in left_out.rows.items():
                for row, problem in rows.items():
                    caused.setdefault(id(problem), []).append((table, row))
            kept = {id(problem) for problem in left_out.kept}
        items = []
        for problem in problems:
            row = "" if problem.position is None else str(problem.position + 1)
            message = problem.translated(QCoreApplication.translate, by_key=False).split(": ", 1)[-1]
            item = QTreeWidgetItem([_table_label(problem.table), row, _column_label(problem.table, problem.column),
                                    message, self._left_text(problem, caused.get(id(problem), []),
                                                             id(problem) in kept, left_out)])
            item.setToolTip(3, message)
            item.setData(0, ROW_ROLE, (problem.table, problem.row, problem.column or ""))
            items.append(item)
        self.addTopLevelItems(items)
        for column in (0, 1, 2, 4):
            self.resizeColumnToContents(column)

    def _left_text(self, problem: Problem, rows: list[tuple[str, int]], kept: bool, left_out: LeftOut | None) -> str:
        if kept:
            return self.tr("cycle and cohort figures")
        if rows == [(problem.table, problem.row)]:
            return self.tr("this row")
        named = []
        for table, row in rows[:3]:
            key, number = left_out.places[(table, row)]
            named.append(f"{_table_label(table)} {key or number}")
        more = len(rows) - len(named)
        return ", ".join(named) + (" " + self.tr("and %n more", "", more) if more > 0 else "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self._activated(self.currentItem())
            return
        super().keyPressEvent(event)

    def _activated(self, item: QTreeWidgetItem) -> None:
        table, row, column = item.data(0, ROW_ROLE)
        if row is not None:
            self.open_cell.emit(table, int(row), column.split(", ")[0])


class ProblemsDock(QDockWidget):
    """The Problems panel at the bottom of the window: shown when problems appear."""

    def __init__(self, parent: QWidget, open_cell: Callable[[str, int, str], None]) -> None:
        super().__init__(self.tr("Problems"), parent)
        self.setObjectName("problems_dock")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = ProblemsList()
        self.list.open_cell.connect(open_cell)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.setWidget(body)
        self.button = QToolButton()  # in the status bar: the count, a click shows the list
        self.button.setAutoRaise(True)
        self.button.clicked.connect(self.reveal)
        self.button.hide()
        self._count = 0
        self.hide()

    def show_report(self, problems: list[Problem], report: Report | None) -> None:
        """List ``problems``; the first time there are some, show the panel."""
        self.list.show_problems(problems, report.left_out if report is not None else None)
        count = len(problems)
        self.setWindowTitle(self.tr("Problems (%n)", "", count))
        self.summary.setText(left_out_text(report) if report is not None and report.left_out else
                             self.tr("Figures cannot be computed until these are fixed.") if count and report is None
                             else "")
        self.button.setText("⚠ " + self.tr("%n problem(s)", "", count))
        self.button.setVisible(bool(count))
        if count and not self._count:
            self.show()
        elif not count:
            self.hide()
        self._count = count

    def reveal(self) -> None:
        self.show()
        self.raise_()
        self.list.setFocus()


def left_out_text(report: Report, section: str | None = None) -> str:
    """"N rows with problems are left out of these figures" for ``section`` (all: None)."""
    left = report.left_out
    count = left.count if section is None else left.sections.get(section, 0)
    if not count:
        return ""
    return QCoreApplication.translate(
        "ProblemsDock", "%n row(s) with problems are left out of these figures.", "", count)


class LeftOutNote(QLabel):
    """Above a result: how many problem rows its figures leave out, with a link to the list."""

    show_problems = Signal()

    def __init__(self, section: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setWordWrap(True)
        self.setStyleSheet("color: #a15c00")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.linkActivated.connect(lambda _link: self.show_problems.emit())
        self.hide()

    def show_report(self, report: Report | None) -> None:
        text = left_out_text(report, self.section) if report is not None else ""
        if text:
            link = self.tr("Show the problems")
            self.setText(f"⚠ {text} <a href='problems'>{link}</a>")
        self.setVisible(bool(text))
