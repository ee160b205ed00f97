"""The health filter above the Deals sheet: all deals, or only those that need attention."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from planner.qt.health_marks import FILTERS, LEGEND, tint
from planner.views.sheet_view import SheetView


class HealthBar(QWidget):
    """A combo of the health filters, each with its count, kept in step with the sheet's model."""

    def __init__(self, view: SheetView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.model = model = view.sheet
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip(self.tr("Stalled: longer in its stage than 1.5 × the won deals' average. "
                                      "Slipped: expected close moved later twice or more, or past."))
        for which in FILTERS:
            self.combo.addItem("", which)
        self.combo.currentIndexChanged.connect(self._chosen)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(self.tr("Show:")))
        layout.addWidget(self.combo)
        layout.addSpacing(12)
        self.legend = []  # (swatch, name) per tint, so the colours never stand alone
        for flags, name in LEGEND:
            swatch = QLabel()
            swatch.setPixmap(_swatch(tint(flags), self.fontMetrics().height()))
            label = QLabel(QCoreApplication.translate("DealHealth", name))
            label.setToolTip(self.combo.toolTip())
            layout.addWidget(swatch)
            layout.addWidget(label)
            layout.addSpacing(6)
            self.legend.append((swatch, label))
        layout.addStretch(1)
        model.health_changed.connect(self.refresh)
        self.refresh()

    def _chosen(self, _index: int) -> None:
        self.model.set_health_filter(self.combo.currentData())
        self.view.report_filter()

    def refresh(self) -> None:
        health = self.model.health
        texts = {"all": self.tr("All deals"),
                 "attention": self.tr("Needs attention (%1)").replace("%1", f"{health.count('attention'):,}"),
                 "stalled": self.tr("Stalled (%1)").replace("%1", f"{health.count('stalled'):,}"),
                 "slipped": self.tr("Slipped (%1)").replace("%1", f"{health.count('slipped'):,}")}
        self.combo.blockSignals(True)
        for index in range(self.combo.count()):
            self.combo.setItemText(index, texts[self.combo.itemData(index)])
        self.combo.setCurrentIndex(self.combo.findData(self.model.health_filter))
        self.combo.blockSignals(False)


def _swatch(colour: QColor, size: int) -> QPixmap:
    """A square of a row tint as it shows over a white cell, with a thin edge."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.fillRect(pixmap.rect(), colour)
    painter.setPen(QColor(0, 0, 0, 60))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return pixmap
