"""Review: the result view against a 64-character reference, and Ctrl+C over selected text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from kiosk.desk.result_view import ResultView
from tests.desk.desk_harness import DeskUnderTest

pytestmark = pytest.mark.timeout(90)

LONG_REF = "CUSTOMER-NUMBER-" + "9" * 48  # 64 characters, the most check_reference allows


def test_a_64_character_reference_wraps_in_the_result_view(qtbot: QtBot) -> None:
    view = ResultView()
    qtbot.addWidget(view)
    view.resize(460, 700)
    view.show()
    summary = {"verdict": "PASS", "reference": LONG_REF, "session_id": "sid-1", "checks": []}
    view.show_result(summary, started_at=1.8e9, ended_at=1.8e9 + 5)
    qtbot.waitExposed(view)
    scroll = view.findChild(QScrollArea)
    assert scroll is not None
    qtbot.waitUntil(lambda: scroll.widget().width() >= scroll.viewport().width())
    for _ in range(10):
        QApplication.processEvents()
    # The reference runs past the pane's edge instead of wrapping (kiosk.core.text.wrappable
    # exists for exactly this and is not used here).
    assert scroll.horizontalScrollBar().maximum() == 0


def test_ctrl_c_over_selected_reason_text_copies_that_text(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    key = desk.start("CUST-COPY", "fail_liveness")
    desk.wait_final(key)
    desk.window.table.select_key(key)
    reasons = desk.window.findChild(QLabel, "reasons")
    assert reasons is not None and reasons.text()
    reasons.setFocus()
    reasons.setSelection(2, 8)
    assert reasons.hasSelectedText()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(reasons, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == reasons.selectedText()


def test_a_wrapped_reference_selected_and_copied_is_the_reference(qtbot: QtBot) -> None:
    from kiosk.desk.selection import focused_selection

    view = ResultView()
    qtbot.addWidget(view)
    view.resize(460, 700)
    view.show()
    view.show_result({"verdict": "PASS", "reference": LONG_REF}, started_at=1.8e9, ended_at=None)
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitActive(view)
    label = next(w for w in view.findChildren(QLabel) if "CUSTOMER-NUMBER" in w.text())
    assert label.text() != LONG_REF  # break points were added for the wrap
    qtbot.waitUntil(label.isVisible)
    label.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is label)
    label.setSelection(0, len(label.text()))
    # The invisible break points never reach the bank's record.
    assert focused_selection() == LONG_REF
