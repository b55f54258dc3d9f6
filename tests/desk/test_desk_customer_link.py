"""The customer's side of the desk: the session started last (or the one shown on purpose)
reaches the customer view, with a discreet result; with one screen the desk holds the view."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.state import Phase
from tests.desk.desk_harness import DeskUnderTest


# Offscreen has no window manager to raise the enlarged view with.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_customer_follows_the_latest_session_and_sees_no_score(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    link = desk.desk.customer
    assert not link.display.has_screen  # offscreen has one screen: the desk's
    first = desk.start("FIRST", None)
    desk.wait_phase(first, Phase.QR)
    assert link.key == first and link.view.page == "code"
    second = desk.start("SECOND", "fail_liveness")  # the next customer at the counter
    assert link.key == second
    desk.wait_final(second)
    qtbot.waitUntil(lambda: link.view.page == "result")
    shown = " ".join(link.view.texts())
    assert "FAIL" in shown
    assert not re.search(r"\d\.\d", shown), f"a score reached the customer: {shown}"
    # Showing the first one again, on purpose: its code.
    desk.window.table.select_key(first)
    desk.window.show_to_customer()
    assert link.key == first and link.view.page == "code"
    assert link.panel.isVisible() and link.panel.isFloating()  # one screen: enlarged
    assert link.view.qr.matrix is desk.session(first).state.session.matrix  # type: ignore[union-attr]
    # Escape puts the enlarged view back in the desk window.
    link.panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is link.panel)
    qtbot.keyClick(link.view, Qt.Key.Key_Escape)
    assert not link.panel.isFloating()


def test_the_employee_picks_the_customers_language(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    link = desk.desk.customer
    link.languages.setCurrentIndex(link.languages.findData("es"))
    assert link.view.language == "es"
    key = desk.start("ES-1", None)
    qtbot.waitUntil(lambda: link.view.page == "code")
    assert desk.session(key).live
    assert "Scan this code" not in " ".join(link.view.texts())  # not English
    assert desk.window.windowTitle() == "Verification desk"  # the desk keeps its own
