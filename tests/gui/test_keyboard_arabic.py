"""Issue 12's "done when", on the kiosk's side: a visitor picks Arabic on the idle screen and
completes a session by keyboard alone in the high-contrast theme, the phone page of that session
speaks Arabic too (right to left), and the kiosk then returns to its default language."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.state import Phase
from kiosk.ui.i18n import Languages
from kiosk.ui.language_switch import LanguageSwitch
from kiosk.ui.theme import HIGH_CONTRAST
from tests.gui.harness import Kiosk


def press(key: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    QTest.keyClick(widget, key)


def test_arabic_high_contrast_session_by_keyboard(
    qtbot: QtBot, qapp: QApplication, make_kiosk: Callable[..., Kiosk]
) -> None:
    languages = Languages(qapp, "en")
    kiosk = make_kiosk(look={"theme": HIGH_CONTRAST}, language=lambda: languages.current)
    links: list[str] = []
    kiosk.controller.state_changed.connect(
        lambda state: links.append(state.session.url) if state.session and not links else None
    )
    LanguageSwitch(kiosk.window, languages)
    window = kiosk.window
    try:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.idle.start_button)
        # Tab from Start through English, Español, Français, Deutsch to العربية; Enter.
        for _ in range(5):
            press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is window.idle.language_buttons["ar"]
        press(Qt.Key.Key_Return)
        assert window.idle.start_button.text() == "بدء التحقق"
        assert QApplication.layoutDirection() is Qt.LayoutDirection.RightToLeft
        # Back to Start with Shift+Tab, and Space starts the session.
        for _ in range(5):
            press(Qt.Key.Key_Backtab)
        assert QApplication.focusWidget() is window.idle.start_button
        kiosk.scenarios.append("pass")
        press(Qt.Key.Key_Space)
        kiosk.wait_for(Phase.RESULT)
        assert window.result.verdict.accessibleName() == "ناجح"
        # The phone's page for this session, as a phone that prefers English would get it.
        page = httpx.get(links[0], headers={"Accept-Language": "en"}, timeout=5)
        assert '<html lang="ar" dir="rtl"' in page.text
        assert window.theme is HIGH_CONTRAST and HIGH_CONTRAST.focus in window.styleSheet()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.result.done_button)
        press(Qt.Key.Key_Return)
        kiosk.wait_for(Phase.IDLE)
        assert window.idle.start_button.text() == "Start verification"
        assert QApplication.layoutDirection() is Qt.LayoutDirection.LeftToRight
    finally:
        languages.use("en")
