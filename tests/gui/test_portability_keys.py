"""Kiosk mode's keys per platform: Qt's Ctrl is the Mac's Command key, so the Mac gets its own
list (Cmd+H, Cmd+M ...) and the operator's Ctrl+Alt+O is Cmd+Option+O there.

The keys go through the window system's path (``QTest.keyClick`` on the QWindow), where Qt
matches shortcuts, as a real key press does; the platform whose keys are blocked is injected.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QKeyCombination, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.lockdown import ALT, CTRL, NONE, Lockdown, blocked_keys
from kiosk.ui.operator_access import SHORTCUT

Key = Qt.Key


def _fires(qtbot: QtBot, platform: str, sequence: str, key: Key, modifiers: object) -> bool:
    """Whether a shortcut on ``sequence`` fires for ``key`` with ``modifiers`` in a window
    locked with ``platform``'s keys."""
    window = QWidget()
    qtbot.addWidget(window)
    QPushButton("start", window).setFocus()
    fired: list[bool] = []
    QShortcut(QKeySequence(sequence), window).activated.connect(lambda: fired.append(True))
    lockdown = Lockdown(window, platform=platform)
    window.show()
    qtbot.waitExposed(window)
    try:
        handle = window.windowHandle()
        assert handle is not None
        QTest.keyClick(handle, key, modifiers)  # type: ignore[call-overload]
    finally:
        lockdown.unlock()
    return bool(fired)


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
@pytest.mark.parametrize(("sequence", "key"), [("Ctrl+Q", Key.Key_Q), ("Ctrl+W", Key.Key_W)])
def test_quit_and_close_keys_are_swallowed_even_as_shortcuts(
    qtbot: QtBot, platform: str, sequence: str, key: Key
) -> None:
    # Cmd+Q and Cmd+W on the Mac. The filter used to swallow the key without accepting the
    # shortcut override, so a shortcut on the key still fired.
    assert not _fires(qtbot, platform, sequence, key, CTRL)


@pytest.mark.parametrize(
    ("sequence", "key", "modifiers"),
    [
        ("Ctrl+H", Key.Key_H, CTRL),
        ("Ctrl+M", Key.Key_M, CTRL),
        ("Ctrl+Alt+H", Key.Key_H, CTRL | ALT),
    ],
)
def test_the_macs_hide_and_minimise_keys_are_blocked_there_only(
    qtbot: QtBot, sequence: str, key: Key, modifiers: object
) -> None:
    assert not _fires(qtbot, "darwin", sequence, key, modifiers)
    # Elsewhere Ctrl+H and Ctrl+M are nobody's business but the application's.
    assert _fires(qtbot, "linux", sequence, key, modifiers)


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_the_operator_shortcut_gets_through_on_every_platform(qtbot: QtBot, platform: str) -> None:
    assert _fires(qtbot, platform, SHORTCUT, Key.Key_O, CTRL | ALT)


def test_the_operator_shortcut_is_command_option_o_on_the_mac() -> None:
    # Qt maps ControlModifier to the Command key on macOS and AltModifier to Option; the Mac's
    # Control key is MetaModifier, which the shortcut must not use.
    sequence = QKeySequence(SHORTCUT)
    assert sequence.count() == 1
    assert sequence[0] == QKeyCombination(CTRL | ALT, Key.Key_O)
    for platform in ("linux", "win32", "darwin"):
        assert (Key.Key_O, CTRL | ALT) not in blocked_keys(platform)


def test_the_mac_list_adds_to_the_common_one() -> None:
    common = blocked_keys("linux")
    assert blocked_keys("win32") == common
    assert {(Key.Key_Escape, NONE), (Key.Key_Q, CTRL), (Key.Key_W, CTRL)} <= common
    assert common < blocked_keys("darwin")
    assert (Key.Key_Tab, CTRL) in blocked_keys("darwin")  # Cmd+Tab, when Qt sees it


def test_a_request_to_quit_the_application_is_refused_while_locked(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    lockdown = Lockdown(window)
    quit_request = QEvent(QEvent.Type.Quit)
    assert lockdown.eventFilter(window, quit_request) is True
    lockdown.unlock()
    assert lockdown.eventFilter(window, quit_request) is False
