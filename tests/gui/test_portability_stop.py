"""Stopping the kiosk on Windows, where no SIGTERM comes: console control events.

Windows' own registration (SetConsoleCtrlHandler through ctypes) cannot run here; everything
after it does: the handler is handed to a stand-in registration and called from a thread of
its own, as Windows calls it, while Qt's loop runs.
"""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk import crashsignal
from kiosk.crashsignal import (
    CTRL_BREAK_EVENT,
    CTRL_C_EVENT,
    CTRL_CLOSE_EVENT,
    CTRL_LOGOFF_EVENT,
    CTRL_SHUTDOWN_EVENT,
    ConsoleControl,
)


@pytest.mark.parametrize("event", [CTRL_CLOSE_EVENT, CTRL_BREAK_EVENT, CTRL_SHUTDOWN_EVENT])
def test_a_console_close_ends_the_running_kiosk_and_holds_windows_off_until_torn_down(
    qtbot: QtBot, event: int
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    registered: list[ConsoleControl] = []
    removed: list[bool] = []
    order: list[str] = []
    answers: list[bool] = []

    def register(handler: ConsoleControl) -> object:
        registered.append(handler)
        return lambda: removed.append(True)

    def windows_calls() -> None:  # Windows runs the handler on a thread it starts
        answers.append(registered[0](event))
        order.append("handler returned")

    caller = threading.Thread(target=windows_calls)
    with crashsignal.routed_signals(app, register) as quit_requested:  # type: ignore[arg-type]
        QTimer.singleShot(0, caller.start)
        assert app.exec() == 0  # ended by the event, as by SIGTERM
        assert quit_requested.is_set()
        order.append("teardown")  # the rest of the kiosk's teardown runs here
    caller.join(10)
    assert answers == [True]
    # Windows ends the process when the handler returns: that must come after the teardown.
    assert order == ["teardown", "handler returned"]
    assert removed == [True]


def test_ctrl_c_is_left_to_pythons_sigint_and_a_logoff_is_ignored() -> None:
    quits: list[bool] = []
    done = threading.Event()
    handler = ConsoleControl(lambda: quits.append(True), done, grace=0.01)
    assert handler(CTRL_C_EVENT) is False  # the next handler: Python's, which raises SIGINT
    # Services get CTRL_LOGOFF_EVENT when any user logs off; handled (not the default exit).
    assert handler(CTRL_LOGOFF_EVENT) is True
    assert quits == []


def test_a_teardown_that_hangs_does_not_hold_windows_beyond_the_grace() -> None:
    quits: list[bool] = []
    handler = ConsoleControl(lambda: quits.append(True), threading.Event(), grace=0.05)
    assert handler(CTRL_CLOSE_EVENT) is True
    assert quits == [True]


def test_only_windows_registers_a_console_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    assert crashsignal.console_installer("linux") is None
    assert crashsignal.console_installer("darwin") is None
    assert crashsignal.console_installer("win32") is crashsignal._set_console_handler
    monkeypatch.setattr(sys, "platform", "win32")
    assert crashsignal.console_installer() is crashsignal._set_console_handler
