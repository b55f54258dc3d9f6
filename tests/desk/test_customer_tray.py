"""The desk's tray: a note when a session finishes only while the desk window is away, its
menu's actions, and nothing at all where the desktop has no tray."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from kiosk.desk import tray as tray_module
from kiosk.desk.tray import DeskTray


class RecordingTrayIcon(QSystemTrayIcon):
    """A tray icon that records its notes instead of asking a desktop (the offscreen
    platform has no tray: showing a real icon there only warns)."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []
        self.shown = False

    def show(self) -> None:
        self.shown = True

    def hide(self) -> None:
        self.shown = False

    def showMessage(  # noqa: N802 - Qt's name
        self, title: str, msg: str, icon: object = None, msecs: int = 10_000
    ) -> None:
        self.messages.append((title, msg))


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    desk = QMainWindow()
    qtbot.addWidget(desk)
    desk.resize(800, 600)
    return desk


def test_a_finished_session_is_noted_only_while_the_desk_is_minimised_or_hidden(
    qtbot: QtBot, window: QMainWindow
) -> None:
    icon = RecordingTrayIcon()
    tray = DeskTray(window, icon=icon)
    assert tray.available and icon.shown
    assert not icon.icon().isNull()  # the kiosk's icon
    window.show()
    qtbot.waitExposed(window)
    assert tray.notify_finished("C-1001", "PASS") is False
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    with qtbot.waitSignal(tray.notified) as noted:
        assert tray.notify_finished("C-1002", "FAIL") is True
    assert noted.args == ["Verification finished", "C-1002: FAIL"]
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMinimized())
    assert tray.notify_finished("C-1003", "PASS") is False
    window.hide()
    # Typed by an employee: a line break cannot make a second line of the note.
    assert tray.notify_finished("C-1004\nINJECTED", "Expired") is True
    assert icon.messages == [
        ("Verification finished", "C-1002: FAIL"),
        ("Verification finished", "C-1004?INJECTED: Expired"),
    ]
    tray.hide()
    assert not icon.shown


def test_the_menu_and_a_click_on_the_icon_reach_the_desk(qtbot: QtBot, window: QMainWindow) -> None:
    icon = RecordingTrayIcon()
    tray = DeskTray(window, icon=icon)
    assert [a.text() for a in tray.menu.actions() if a.text()] == [
        "Show desk",
        "New verification",
        "Quit",
    ]
    assert icon.contextMenu() is tray.menu
    with qtbot.waitSignal(tray.show_desk_requested):
        tray.show_action.trigger()
    with qtbot.waitSignal(tray.new_verification_requested):
        tray.new_action.trigger()
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()
    with qtbot.waitSignal(tray.show_desk_requested):
        icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    with qtbot.waitSignal(tray.show_desk_requested):
        icon.messageClicked.emit()


def test_without_a_system_tray_there_is_no_icon_no_note_and_one_log_line(
    qtbot: QtBot,
    window: QMainWindow,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # the offscreen platform has none
    monkeypatch.setattr(tray_module, "_said_unavailable", False)
    with caplog.at_level(logging.INFO, logger="kiosk.desk.tray"):
        first, second = DeskTray(window), DeskTray(window)
    assert not first.available and not second.available
    assert [r.message for r in caplog.records].count(
        "no system tray on this desktop: the desk shows no tray icon or notifications"
    ) == 1
    window.hide()
    with qtbot.assertNotEmitted(first.notified):
        assert first.notify_finished("C-1", "PASS") is False
