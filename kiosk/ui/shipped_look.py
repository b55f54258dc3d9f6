"""Give Qt the shipped fonts (before the first window) and the application icon.

The fonts are registered from ``resources/fonts`` with :class:`QFontDatabase`, and the
application's default font becomes Noto Sans with Noto Sans Arabic UI behind it: Qt takes a
glyph the first family lacks from the next, so Arabic text renders on a kiosk whose system has
no Arabic font at all.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from kiosk import resources

log = logging.getLogger(__name__)


def install_fonts(app: QApplication) -> list[str]:
    """Register the shipped fonts and make them the application's default.

    Returns the font families registered. A font that fails to load is logged and skipped:
    the kiosk then draws with the system's fonts rather than not at all.
    """
    families: list[str] = []
    for name in resources.FONT_FILES:
        try:
            font_path = resources.path(f"fonts/{name}")
        except FileNotFoundError as exc:
            log.warning("%s", exc)
            continue
        font_id = QFontDatabase.addApplicationFont(str(font_path))
        if font_id < 0:
            log.warning("the font %s could not be loaded; using the system's fonts", name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    if families:
        font = QFont(app.font())
        font.setFamilies(families)
        app.setFont(font)
    return families


def install_icon(app: QApplication) -> None:
    """Set the windows' icon and the desktop file name (the task bar's and the switcher's).

    Loading the SVG icon engine costs a few milliseconds, so the kiosk calls this after its
    first paint: a full-screen kiosk shows no icon anyway.
    """
    app.setWindowIcon(QIcon(str(resources.path(resources.APP_ICON))))
    app.setDesktopFileName("verification-kiosk")
