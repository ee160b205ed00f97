"""The Stage history tab: a deal's stage history above, its amount history below (issue 19)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter

from planner.views.find_bar import FindBar, sheet_pane
from planner.views.sheet_view import SheetView


class HistoryPane(QSplitter):
    """What a deal was, and when: the StageHistory sheet, and below it the AmountHistory sheet
    with a line saying what it keeps."""

    def __init__(self, sheets: dict[str, SheetView], find_bars: dict[str, FindBar]) -> None:
        super().__init__(Qt.Orientation.Vertical)
        caption = QLabel(self.tr("Amount history: a deal's amount before each change, kept when an amount "
                                 "or currency is edited, so that figures as of a past day use the amount of then"))
        caption.setWordWrap(True)
        caption.setContentsMargins(6, 6, 6, 2)
        self.addWidget(sheet_pane(sheets["StageHistory"], find_bars["StageHistory"]))
        self.addWidget(sheet_pane(sheets["AmountHistory"], find_bars["AmountHistory"], caption))
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
