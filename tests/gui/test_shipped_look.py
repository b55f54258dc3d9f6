"""The shipped fonts are what the kiosk draws with, Arabic included, on any machine."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QRawFont
from PySide6.QtWidgets import QApplication

from kiosk import resources
from kiosk.ui import shipped_look


def test_the_shipped_fonts_become_the_default_and_cover_arabic(qapp: QApplication) -> None:
    before = qapp.font()
    try:
        families = shipped_look.install_fonts(qapp)
        assert families == ["Noto Sans", "Noto Sans Arabic UI"]
        assert qapp.font().families()[:2] == families
        arabic = QFontDatabase.WritingSystem.Arabic
        assert arabic in QFontDatabase.writingSystems("Noto Sans Arabic UI")
        # "Verification" in Arabic: every glyph exists in the shipped Arabic font.
        raw = QRawFont(str(resources.path("fonts/NotoSansArabicUI-Regular.ttf")), 12)
        assert raw.familyName() == "Noto Sans Arabic UI"
        assert all(raw.supportsCharacter(ord(ch)) for ch in "التحقق")
    finally:
        qapp.setFont(before)


def test_the_window_icon_is_the_shipped_one(qapp: QApplication) -> None:
    shipped_look.install_icon(qapp)
    assert qapp.windowIcon().pixmap(64, 64).width() == 64
    assert qapp.desktopFileName() == "verification-kiosk"
