"""Where a chart drawn elsewhere is shown: the tabs draw with matplotlib in background jobs
and paint the image here, so this module (built at start with the Plans tab) imports no
matplotlib."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

CHART_HEIGHT = 300  # pixels: room for a title, the plot and a legend row
RESIZE_DELAY = 150  # ms: a chart is drawn again at its new size once the resizing pauses


class ChartView(QWidget):
    """Paints a chart drawn elsewhere (an image); scaled while a redraw at a new size is under way."""

    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.setMinimumHeight(CHART_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if not self.image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self.rect(), self.image)
        painter.end()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def sizeHint(self) -> QSize:
        return QSize(600, CHART_HEIGHT)


def chart_image(rgba: tuple[bytes, int, int], scale: float) -> QImage:
    """A chart drawn in a background job (RGBA bytes) as an image for ``scale`` (device pixels)."""
    data, width, height = rgba
    image = QImage(data, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()  # owns its pixels
    image.setDevicePixelRatio(scale)
    return image
