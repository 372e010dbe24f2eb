"""`QrView`: the QR code of a ticket's tracking page, drawn crisp at any size.

An image of one pixel per module, scaled by a whole number without smoothing: no
blurry edges for a phone camera to struggle with, black on white with the standard
quiet zone, and one draw call per paint.
"""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from qrcode.constants import ERROR_CORRECT_M

QUIET_MODULES = 4


def qr_matrix(data: str) -> list[list[bool]]:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(data)
    qr.make(fit=True)
    return [list(row) for row in qr.get_matrix()]


class QrView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = ""
        self._image: QImage | None = None  # one pixel per module, quiet zone included
        self.setMinimumSize(200, 200)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def data(self) -> str:
        return self._data

    def set_data(self, data: str) -> None:
        self._data = data
        self._image = _module_image(qr_matrix(data)) if data else None
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 320)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self._image is None:
            return
        n = self._image.width()
        module = min(self.width(), self.height()) // n  # whole pixels per module: sharp
        if module < 1:
            return
        total = module * n
        target = QRect((self.width() - total) // 2, (self.height() - total) // 2, total, total)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(target, self._image)  # one call, scaled by whole pixels


def _module_image(matrix: list[list[bool]]) -> QImage:
    n = len(matrix) + 2 * QUIET_MODULES
    image = QImage(n, n, QImage.Format.Format_Mono)
    image.setColor(0, QColor("white").rgb())
    image.setColor(1, QColor("black").rgb())
    image.fill(0)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x + QUIET_MODULES, y + QUIET_MODULES, 1)
    return image
