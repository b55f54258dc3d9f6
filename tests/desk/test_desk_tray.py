"""The desk's tray, wired: a session that finishes while the desk window is minimised is noted
with its reference and verdict; the tray's New verification brings the window back with the
dialog open."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.desk import tray as tray_module
from kiosk.desk.new_session import NewSessionDialog
from tests.desk.desk_harness import DeskUnderTest
from tests.desk.test_customer_tray import RecordingTrayIcon


# Offscreen has no window manager to raise the desk window with.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_session_finishing_while_the_desk_is_minimised_is_noted(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    icon = RecordingTrayIcon()
    monkeypatch.setattr(tray_module, "_tray_icon", lambda: icon)
    desk = make_desk()
    assert desk.desk.tray.available
    key = desk.start("CUST-AWAY", "fail_liveness")
    desk.window.showMinimized()
    qtbot.waitUntil(desk.window.isMinimized)
    desk.wait_final(key)
    qtbot.waitUntil(lambda: icon.messages != [])
    assert icon.messages == [("Verification finished", "CUST-AWAY: FAIL")]
    # From the tray: New verification shows the desk and opens the dialog.
    desk.desk.tray.new_verification_requested.emit()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewSessionDialog))
    assert not desk.window.isMinimized()
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    dialog.close()
