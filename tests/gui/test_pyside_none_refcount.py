"""Guard against the PySide6 6.12.0 / Python 3.11 ``None`` reference leak.

With that combination every Qt call that returns nothing drops one reference to ``None``; Python
3.11 aborts ("Fatal Python error: none_dealloc") once the count reaches zero, so a kiosk painting
QR codes or ticking a countdown dies within minutes. The project's dependency pins keep 6.12 off
Python 3.11; these tests fail if an install ever gets the broken pair anyway.
"""

from __future__ import annotations

import gc
import sys

import PySide6
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

CALLS = 1_000


def test_installed_pyside_is_a_supported_pair_for_this_python() -> None:
    version = tuple(int(part) for part in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12):
        assert version < (6, 12), f"PySide6 {PySide6.__version__} is broken on Python 3.11"


def test_void_qt_calls_do_not_drain_none_references(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    black = QColor(0, 0, 0)
    # Objects freed by the garbage collector release their references to None too; collect
    # first and hold collection off so that only the Qt calls can move the count.
    gc.collect()
    gc.disable()
    try:
        lost = _none_references_lost(label, image, black)
    finally:
        gc.enable()
    # Other threads may drop a few references meanwhile; the bug drops one per call.
    assert lost < CALLS // 10, f"None lost {lost} references over {3 * CALLS} calls"


def _none_references_lost(label: QLabel, image: QImage, black: QColor) -> int:
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("tick")
        image.fill(black)
    painter = QPainter(image)
    for i in range(CALLS):
        painter.fillRect(QRect(i % 60, 0, 2, 2), black)
    painter.end()
    QApplication.processEvents()
    return before - sys.getrefcount(None)
