"""The desk's menus that open the other parts: View > History (Ctrl+H) shows the journal with
the sessions just finished; File > Preferences changes the hand-off for the next result."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.desk.preferences import PreferencesDialog
from tests.desk.desk_harness import DeskUnderTest
from tests.e2e.receiver import CallbackReceiver


def test_ctrl_h_shows_the_history_with_the_finished_sessions(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    first = desk.start("HIST-1", "pass")
    desk.wait_final(first)
    desk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.window)
    qtbot.keyClick(desk.window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    link = desk.desk.history
    assert link is not None
    qtbot.waitUntil(lambda: link.view is not None and link.view.isVisible())
    view = link.view
    assert view is not None
    qtbot.waitUntil(lambda: [e.reference for e in view.shown_entries()] == ["HIST-1"])
    # A session that ends while the history is open appears in it.
    second = desk.start("HIST-2", "fail_liveness")
    desk.wait_final(second)
    qtbot.waitUntil(
        lambda: sorted(e.reference or "" for e in view.shown_entries()) == ["HIST-1", "HIST-2"],
        timeout=5000,
    )


def test_preferences_change_the_hand_off_for_the_next_result(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    with CallbackReceiver() as hook:
        desk = make_desk()  # no hook configured
        assert desk.window.preferences_action.isEnabled()
        desk.window.preferences_action.trigger()
        dialog = desk.window.preferences_dialog
        assert isinstance(dialog, PreferencesDialog)
        dialog.fields["handoff_url"].setText(hook.url)
        assert dialog.save()
        assert hook.url in desk.config_path.read_text()
        key = desk.start("PREF-1", "pass")
        desk.wait_final(key)
        qtbot.waitUntil(lambda: len(hook.bodies) == 1, timeout=10_000)
        assert hook.bodies[0]["reference"] == "PREF-1"
