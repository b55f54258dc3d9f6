"""The desk window as an employee uses it: Ctrl+N and the New verification dialog, Ctrl+C,
F1, the receipt, and a window that opens where it was left."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.desk.new_session import NewSessionDialog, preselected
from tests.desk.desk_harness import DeskUnderTest


def activate(qtbot: QtBot, desk: DeskUnderTest) -> None:
    """Make the desk the active window: shortcuts reach only that one."""
    desk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.window)


def open_dialog(qtbot: QtBot, desk: DeskUnderTest) -> NewSessionDialog:
    activate(qtbot, desk)
    qtbot.keyClick(desk.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewSessionDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NewSessionDialog)
    return dialog


def test_ctrl_n_opens_the_dialog_which_starts_a_session(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk(
        settings={
            "scopes": ("liveness", "search"),
            "desk_scopes": ("liveness", "deepfake", "search", "enroll"),
        }
    )
    dialog = open_dialog(qtbot, desk)
    # The checks offered are desk_scopes; those of `scopes` are ticked.
    assert sorted(dialog.checks) == ["deepfake", "enroll", "liveness", "search"]
    assert [s for s, box in dialog.checks.items() if box.isChecked()] == ["liveness", "search"]
    dialog.checks["search"].setChecked(False)
    dialog.reference.setText("  CUST-42 ")
    desk.scenarios.append("pass")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: len(desk.sessions.keys) == 1)
    session = desk.session(desk.sessions.keys[0])
    assert (session.reference, session.scopes) == ("CUST-42", ("liveness",))
    final = desk.wait_final(session.key)
    assert final.summary is not None and final.summary["verdict"] == "PASS"
    assert [c["scope"] for c in final.summary["checks"]] == ["liveness"]


def test_the_dialog_refuses_a_wrong_reference(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    dialog = open_dialog(qtbot, desk)
    for wrong, says in (("x" * 65, "at most 64"), ("A\x07B", "U+0007"), ("A\u202eB", "U+202E")):
        dialog.reference.setText(wrong)
        assert not dialog.start_button.isEnabled()
        assert says in dialog.problem.text()
        qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)  # Enter does not pass it either
        assert dialog.isVisible()
    dialog.reference.setText("")  # optional
    assert dialog.start_button.isEnabled()
    for box in dialog.checks.values():
        box.setChecked(False)
    assert not dialog.start_button.isEnabled()
    assert "at least one check" in dialog.problem.text()
    dialog.reject()
    assert desk.sessions.keys == []


def test_preselection_is_the_default_checks_the_desk_allows() -> None:
    assert preselected(("liveness", "enroll"), ("liveness", "deepfake", "search")) == ("liveness",)
    assert preselected(("enroll",), ("liveness",)) == ()


def test_ctrl_c_copies_the_selected_sessions_ids(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    first = desk.start("CUST-1", "pass")
    second = desk.start("CUST-2", "pass")
    desk.wait_final(first)
    done = desk.wait_final(second)
    desk.window.table.select_key(second)
    activate(qtbot, desk)
    desk.window.table.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(desk.window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert done.summary is not None
    expected = f"reference: CUST-2\nsession_id: {done.session_id}"
    if done.summary["search_template_id"]:
        expected += f"\nsearch_template_id: {done.summary['search_template_id']}"
    assert QGuiApplication.clipboard().text() == expected
    # The result view's button copies the same; its JSON button the whole summary.
    QGuiApplication.clipboard().clear()
    desk.window.detail.result.copy_ids_button.click()
    assert QGuiApplication.clipboard().text() == expected
    desk.window.detail.result.copy_json_button.click()
    copied = QGuiApplication.clipboard().text()
    assert '"reference": "CUST-2"' in copied and "token" not in copied


def test_save_receipt_writes_the_selected_result(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest], tmp_path: Path
) -> None:
    desk = make_desk()
    key = desk.start("CASE-9", "fail_liveness")
    desk.wait_final(key)
    desk.window.table.select_key(key)
    assert desk.window.receipt_action.isEnabled()
    target = tmp_path / "receipt.pdf"
    assert desk.window.save_receipt(target) == target
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    assert "CASE-9" in text and "FAIL" in text


def test_f1_shows_the_help(qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]) -> None:
    desk = make_desk()
    activate(qtbot, desk)
    qtbot.keyClick(desk.window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: desk.window.help_box.isVisible())
    assert "New verification" in desk.window.help_box.text()
    assert "at most 8" in desk.window.help_box.text()
    desk.window.help_box.close()


def test_the_window_opens_where_it_was_left(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest], kiosk_home: Path
) -> None:
    first = make_desk()
    first.window.resize(QSize(640, 480))
    first.window.move(QPoint(60, 40))
    qtbot.waitUntil(lambda: first.window.size() == QSize(640, 480))
    assert first.window.pos() != QPoint(0, 0)  # not where a new window would go
    first.window.close()
    assert (kiosk_home / "data" / "desk-window.ini").exists()
    second = make_desk()
    assert second.window.size() == QSize(640, 480)
    assert second.window.pos() == first.window.pos()
    # Nothing outside the test's KIOSK_HOME.
    assert all(p.is_relative_to(kiosk_home) for p in [second.window.geometry_path])
