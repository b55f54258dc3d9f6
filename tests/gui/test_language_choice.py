"""The visitor picks a language on the idle screen; the session runs in it; the next visitor
starts in the configured default (issue 12). Plays real sessions on the sandbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.state import Phase
from kiosk.ui.i18n import Languages
from kiosk.ui.language_switch import LanguageSwitch
from tests.gui.harness import Kiosk, visible_texts


@pytest.fixture
def arabic_ready(qapp: QApplication, make_kiosk: Callable[..., Kiosk]) -> Iterator[Kiosk]:
    kiosk = make_kiosk()
    languages = Languages(qapp, "en")
    LanguageSwitch(kiosk.window, languages)
    yield kiosk
    languages.use("en")


def _x(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), QPoint(0, 0)).x()


def test_every_language_is_offered_in_itself_as_a_large_keyboard_target(
    arabic_ready: Kiosk,
) -> None:
    buttons = arabic_ready.window.idle.language_buttons
    assert [b.text() for b in buttons.values()] == [
        "English",
        "Español",
        "Français",
        "Deutsch",
        "العربية",
    ]
    for choice in buttons.values():
        assert choice.height() >= 48
        assert choice.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_arabic_mirrors_the_kiosk_for_the_session_and_english_returns_after(
    arabic_ready: Kiosk,
) -> None:
    kiosk = arabic_ready
    window = kiosk.window
    english_x = _x(window.idle.language_buttons["en"])
    arabic_x = _x(window.idle.language_buttons["ar"])
    assert english_x < arabic_x

    window.idle.language_buttons["ar"].click()

    idle = window.idle
    assert idle.start_button.text() == "بدء التحقق"
    assert "تحقّق من هويتك" in visible_texts(idle)
    assert QApplication.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert idle.isRightToLeft()
    # Right to left: the row of languages reads from the right, so English is now right of Arabic.
    kiosk.qtbot.waitUntil(lambda: _x(idle.language_buttons["en"]) > _x(idle.language_buttons["ar"]))
    assert idle.language_buttons["ar"].hasFocus()

    kiosk.play("pass")
    kiosk.wait_for(Phase.QR)
    assert window.qr.cancel_button.text() == "إلغاء"
    kiosk.wait_for(Phase.RESULT)
    assert window.result.verdict.text() == "✓ ناجح"
    texts = visible_texts(window.result)
    assert "مطابقة الوجه" in texts
    assert "٠٫٧٥" in texts  # the threshold in Arabic digits
    assert "العودة إلى البداية" in window.result.countdown.text()

    window.result.done_button.click()
    kiosk.wait_for(Phase.IDLE)
    idle = window.idle
    assert idle.start_button.text() == "Start verification"
    assert QApplication.layoutDirection() is Qt.LayoutDirection.LeftToRight
    kiosk.qtbot.waitUntil(lambda: _x(idle.language_buttons["en"]) < _x(idle.language_buttons["ar"]))


def test_a_cancel_also_returns_to_the_default_language(arabic_ready: Kiosk) -> None:
    kiosk = arabic_ready
    kiosk.window.idle.language_buttons["de"].click()
    assert kiosk.window.idle.start_button.text() == "Prüfung starten"
    kiosk.play(None)
    kiosk.wait_for(Phase.QR)
    assert kiosk.window.qr.cancel_button.text() == "Abbrechen"
    kiosk.window.qr.cancel_button.click()
    kiosk.wait_for(Phase.IDLE)
    assert kiosk.window.idle.start_button.text() == "Start verification"


def test_the_kiosk_returns_to_the_configured_language_not_to_english(
    qapp: QApplication, make_kiosk: Callable[..., Kiosk]
) -> None:
    languages = Languages(qapp, "ar")
    languages.reset()  # as kiosk.app does before the window is built
    try:
        kiosk = make_kiosk()
        LanguageSwitch(kiosk.window, languages)
        assert kiosk.window.idle.start_button.text() == "بدء التحقق"
        kiosk.window.idle.language_buttons["en"].click()
        assert kiosk.window.idle.start_button.text() == "Start verification"
        assert QApplication.layoutDirection() is Qt.LayoutDirection.LeftToRight
        kiosk.play("fail_liveness")
        kiosk.wait_for(Phase.RESULT)
        assert "Liveness check failed" in visible_texts(kiosk.window.result)
        kiosk.window.result.done_button.click()
        kiosk.wait_for(Phase.IDLE)
        assert kiosk.window.idle.start_button.text() == "بدء التحقق"
        assert QApplication.layoutDirection() is Qt.LayoutDirection.RightToLeft
    finally:
        languages.use("en")


def test_a_language_is_picked_with_the_keyboard_alone(arabic_ready: Kiosk) -> None:
    kiosk = arabic_ready
    idle = kiosk.window.idle
    kiosk.window.activateWindow()
    idle.start_button.setFocus()
    kiosk.qtbot.waitUntil(idle.start_button.hasFocus)
    # Tab leaves Start for the languages, in their order: English, Español, Français, Deutsch.
    for _ in range(4):
        kiosk.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is idle.language_buttons["de"]
    kiosk.qtbot.keyClick(idle.language_buttons["de"], Qt.Key.Key_Return)
    assert kiosk.window.idle.start_button.text() == "Prüfung starten"
