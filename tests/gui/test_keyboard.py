"""A whole session by keyboard alone: keys go to the focused widget, as a person's would.

Tab moves between the screen's controls, the focused one looks different (a visible focus
ring, in both themes), Enter and Space press it, Escape cancels or goes back to the start;
every control a key can reach has an accessible name, and the result reads as words.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.state import Phase
from kiosk.ui.theme import THEMES
from kiosk.ui.window import KioskWindow
from tests.gui.harness import Kiosk


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key) -> None:
    QTest.keyClick(focused(), key)


def reachable(window: KioskWindow) -> list[QWidget]:
    """The visible widgets Tab can reach on the current screen."""
    return [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
    ]


def assert_named(window: KioskWindow) -> None:
    nameless = [type(w).__name__ for w in reachable(window) if not w.accessibleName().strip()]
    assert not nameless, f"controls without an accessible name: {nameless}"


def assert_focus_visible(qtbot: QtBot, window: KioskWindow) -> None:
    """Tab reaches every control of the screen in turn, and the focused one is drawn
    differently from the same control unfocused."""
    controls = reachable(window)
    seen: list[QWidget] = []
    for _ in range(len(controls) + 1):
        widget = focused()
        if widget in seen:
            break
        seen.append(widget)
        with_focus = widget.grab().toImage()
        press(Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda w=widget: QApplication.focusWidget() is not w)  # type: ignore[misc]
        assert widget.grab().toImage() != with_focus, f"{widget.accessibleName()}: no focus ring"
    assert set(controls) <= set(seen), "Tab does not reach every control"


@pytest.mark.parametrize("theme", list(THEMES))
def test_a_whole_session_by_keyboard(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], theme: str
) -> None:
    kiosk = make_kiosk(look={"theme": THEMES[theme]})
    window = kiosk.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.idle.start_button)
    assert_named(window)
    assert "selfie" in window.idle.start_button.accessibleDescription()

    # Enter starts; on the code screen Tab goes round both buttons; Escape cancels.
    kiosk.scenarios.append(None)  # the session the key starts (play() would click)
    press(Qt.Key.Key_Return)
    kiosk.wait_for(Phase.QR)
    window.qr.open_here_button.setFocus()  # the screen's first control
    assert_named(window)
    assert_focus_visible(qtbot, window)
    press(Qt.Key.Key_Escape)
    kiosk.wait_for(Phase.IDLE)

    # Space starts too; the result is read out as words and Enter on Done ends it.
    kiosk.scenarios.append("fail_liveness")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.idle.start_button)
    press(Qt.Key.Key_Space)
    kiosk.wait_for(Phase.RESULT)
    result = window.result
    assert result.verdict.accessibleName() == "FAIL"
    description = result.verdict.accessibleDescription()
    assert description.startswith("We could not verify your identity.")
    assert "Liveness check failed" in description
    rows = [w.accessibleName() for w in result._rows if w.accessibleName()]
    assert any(name.startswith("Liveness, failed") for name in rows), rows
    assert all("✕" not in name and "✓" not in name for name in rows)
    assert_named(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is result.done_button)
    press(Qt.Key.Key_Return)
    kiosk.wait_for(Phase.IDLE)


def test_escape_goes_back_to_the_start_from_a_result(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk()
    kiosk.play("pass")
    kiosk.wait_for(Phase.RESULT)
    kiosk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is kiosk.window.result.done_button)
    press(Qt.Key.Key_Escape)
    kiosk.wait_for(Phase.IDLE)


def test_escape_in_kiosk_mode_cancels_and_never_unlocks(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    from kiosk.ui.lockdown import Lockdown

    kiosk = make_kiosk()
    lockdown = Lockdown(kiosk.window)
    lockdown.escape_pressed.connect(kiosk.window.escape)
    kiosk.window.show()  # new window flags hid it, as they would before app.py shows it
    qtbot.waitExposed(kiosk.window)
    kiosk.play(None)
    kiosk.wait_for(Phase.QR)
    kiosk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    with qtbot.waitSignal(lockdown.escape_pressed, timeout=10_000):  # a loaded CI machine
        press(Qt.Key.Key_Escape)
    kiosk.wait_for(Phase.IDLE)
    assert lockdown.locked and kiosk.window.isVisible()
    assert kiosk.window.close() is False  # still locked
    lockdown.unlock()
