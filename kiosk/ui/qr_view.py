"""Paints a QR matrix as crisp modules: integer module size, the 4-module quiet zone kept.

A scaled bitmap blurs module edges and phones then struggle to read the code off a glossy
screen, so the code is painted at an integer number of pixels per module into an RGB32 image
(one ``fillRect`` per run of dark modules) and cached until the size or the matrix changes.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.qr import QUIET_ZONE_MODULES, QrMatrix

DARK = QColor(0, 0, 0)
LIGHT = QColor(255, 255, 255)


def module_size(matrix: QrMatrix, side: int) -> int:
    """The largest whole number of pixels per module that fits ``side``, quiet zone included."""
    return max(1, side // (matrix.size + 2 * QUIET_ZONE_MODULES))


def render(matrix: QrMatrix, module: int) -> QImage:
    """The code with its quiet zone, ``module`` pixels per module, as an RGB32 image."""
    modules = matrix.size + 2 * QUIET_ZONE_MODULES
    side = modules * module
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(LIGHT)
    painter = QPainter(image)
    offset = QUIET_ZONE_MODULES * module
    for y, row in enumerate(matrix.rows):
        x = 0
        while x < matrix.size:
            if not row[x]:
                x += 1
                continue
            run_start = x
            while x < matrix.size and row[x]:
                x += 1
            painter.fillRect(
                offset + run_start * module,
                offset + y * module,
                (x - run_start) * module,
                module,
                DARK,
            )
    painter.end()
    return image


class QrView(QWidget):
    """Shows one QR matrix, centred, as large as the widget allows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: QrMatrix | None = None
        self._pixmap: QPixmap | None = None
        self._module = 0
        # Height follows width (in a column, the code is as tall as it is wide); a screen
        # that puts the code beside its text turns it off, so the code never asks for more
        # height than the window has.
        self.square = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(160, 160))

    @property
    def module(self) -> int:
        """Pixels per module at the current size (0 before anything is painted)."""
        return self._module

    @property
    def matrix(self) -> QrMatrix | None:
        """The matrix on display."""
        return self._matrix

    def set_matrix(self, matrix: QrMatrix | None) -> None:
        """Show ``matrix`` (None clears the view)."""
        if matrix is self._matrix:
            return
        self._matrix = matrix
        self._pixmap = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self._matrix is None:
            return
        module = module_size(self._matrix, min(self.width(), self.height()))
        if self._pixmap is None or module != self._module:
            self._module = module
            self._pixmap = QPixmap.fromImage(render(self._matrix, module))
        side = self._pixmap.width()
        painter = QPainter(self)
        target = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawPixmap(target, self._pixmap)
        painter.end()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return self.square

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return width

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(400, 400)


__all__ = ["QrView", "module_size", "render"]
