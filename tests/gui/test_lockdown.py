"""Kiosk mode: the window refuses to close and ignores the closing keys until unlocked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.state import Phase
from kiosk.ui.controller import KioskController
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.window import KioskWindow


@pytest.fixture
def locked(qtbot: QtBot) -> tuple[KioskWindow, Lockdown]:
    window = KioskWindow(KioskController(lambda: None), sandbox=True)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(window)
    lockdown = Lockdown(window)
    window.show()
    qtbot.waitExposed(window)
    return window, lockdown


def test_kiosk_window_is_frameless_and_on_top(locked: tuple[KioskWindow, Lockdown]) -> None:
    window, _ = locked
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_close_requests_are_refused_until_unlocked(locked: tuple[KioskWindow, Lockdown]) -> None:
    window, lockdown = locked
    assert window.close() is False
    assert window.isVisible()
    lockdown.unlock()
    assert window.close() is True


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    ],
)
def test_closing_keys_do_nothing(
    qtbot: QtBot, locked: tuple[KioskWindow, Lockdown], key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    window, _ = locked
    qtbot.keyClick(window.idle.start_button, key, modifier)
    assert window.isVisible()
    assert window.controller.state.phase is Phase.IDLE


def test_no_context_menus(locked: tuple[KioskWindow, Lockdown]) -> None:
    window, lockdown = locked
    button = window.idle.start_button
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    assert lockdown.eventFilter(button, event) is True
    lockdown.unlock()
    assert lockdown.eventFilter(button, event) is False


def test_cursor_can_be_hidden_and_comes_back_on_unlock(qtbot: QtBot) -> None:
    window = KioskWindow(KioskController(lambda: None), sandbox=True)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(window)
    lockdown = Lockdown(window, hide_cursor=True)
    cursor = QGuiApplication.overrideCursor()
    assert cursor is not None and cursor.shape() is Qt.CursorShape.BlankCursor
    lockdown.unlock()
    assert QGuiApplication.overrideCursor() is None
    QApplication.processEvents()
