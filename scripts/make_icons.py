"""Render resources/icons/verification-kiosk.svg to the PNG sizes desktops want and a Windows ICO.

Run after editing the SVG: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py``.
The outputs are committed, so a build machine need not render them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "verification-kiosk.svg"))
    if not renderer.isValid():
        print("the SVG does not render", file=sys.stderr)
        return 1
    pngs = ICONS / "hicolor"
    for size in SIZES:
        target = pngs / f"{size}x{size}" / "verification-kiosk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        render(renderer, size).save(str(target))
    largest = Image.open(pngs / "256x256" / "verification-kiosk.png")
    largest.save(ICONS / "verification-kiosk.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    print(f"wrote {len(SIZES)} PNGs and the ICO under {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
