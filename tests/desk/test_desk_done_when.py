"""Issue 13's "done when", end to end from the desk window against the real sandbox: an
employee runs two verifications at once with references, sees each full result, copies the
ids, saves a receipt, and the hook received both results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.journal import Journal
from kiosk.desk.new_session import NewSessionDialog
from kiosk.desk.session_table import HANDOFF
from tests.desk.desk_harness import DeskUnderTest
from tests.e2e.receiver import CallbackReceiver


def start_from_the_dialog(qtbot: QtBot, desk: DeskUnderTest, reference: str, scenario: str) -> int:
    """Ctrl+N, type the reference, Start; returns the new session's key once created."""
    before = set(desk.sessions.keys)
    desk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.window)
    qtbot.keyClick(desk.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewSessionDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NewSessionDialog)
    qtbot.keyClicks(dialog.reference, reference)
    desk.scenarios.append(scenario)
    qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: set(desk.sessions.keys) - before != set())
    (key,) = set(desk.sessions.keys) - before
    qtbot.waitUntil(lambda: desk.session(key).session_id is not None, timeout=10_000)
    return key


def test_two_verifications_at_once_from_the_desk_to_the_banks_systems(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest], tmp_path: Path
) -> None:
    with CallbackReceiver() as hook:
        desk = make_desk(settings={"handoff_url": hook.url})
        customer = start_from_the_dialog(qtbot, desk, "CUST-1001", "pass")
        case = start_from_the_dialog(qtbot, desk, "CASE 2002", "fail_liveness")
        assert desk.sessions.live_count == 2  # two at once

        for key, reference, verdict in (
            (customer, "CUST-1001", "PASS"),
            (case, "CASE 2002", "FAIL"),
        ):
            session = desk.wait_final(key)
            # The full result.
            desk.window.table.select_key(key)
            view = desk.window.detail.result
            assert view.headline.text() == verdict
            assert view.checks.rowCount() == 3
            assert all(view.checks.item(r, 3).text() for r in range(3))  # thresholds shown
            # The ids, copied with Ctrl+C.
            QGuiApplication.clipboard().clear()
            desk.window.table.setFocus()
            qtbot.keyClick(desk.window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
            copied = QGuiApplication.clipboard().text()
            assert f"reference: {reference}" in copied
            assert f"session_id: {session.session_id}" in copied
            # A receipt.
            receipt = desk.window.save_receipt(tmp_path / f"{key}.pdf")
            assert receipt is not None
            pages = PdfReader(receipt).pages  # words come apart with tabs: joined by spaces
            text = " ".join(" ".join(page.extract_text().split()) for page in pages)
            assert reference in text and verdict in text

        # The hook received both results, each with its reference and verdict.
        qtbot.waitUntil(lambda: len(hook.bodies) == 2, timeout=15_000)
        received = {body["reference"]: body["verdict"] for body in hook.bodies}
        assert received == {"CUST-1001": "PASS", "CASE 2002": "FAIL"}
        model = desk.window.model

        def delivered() -> None:
            for key in (customer, case):
                row = model.row_of(key)
                assert row is not None
                assert not desk.session(key).handoff_failed
                assert desk.session(key).handoff not in ("", "sending…"), model.data(
                    model.index(row, HANDOFF)
                )

        qtbot.waitUntil(delivered, timeout=5000)
        # And the journal holds both, with their references.
        desk.desk.shutdown()
        with Journal(desk.journal_path, read_only=True) as journal:
            rows = {e.reference: e.outcome for e in journal.recent(10)}
        assert rows == {"CUST-1001": "PASS", "CASE 2002": "FAIL"}


def test_a_failing_hook_is_shown_and_keeps_the_journal_row(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    with CallbackReceiver(fail_first=100) as hook:  # answers 503, always
        desk = make_desk(
            settings={"handoff_url": hook.url, "handoff_retries": 0, "handoff_timeout": 2.0}
        )
        key = desk.start("CUST-503", "pass")
        desk.wait_final(key)
        qtbot.waitUntil(lambda: desk.session(key).handoff_failed, timeout=10_000)
        desk.window.table.select_key(key)
        handoff = desk.window.detail.result.handoff
        assert handoff.isVisible() and handoff.text().startswith("Hand-off: ")
        model = desk.window.model
        row = model.row_of(key)
        assert row is not None
        assert model.data(model.index(row, HANDOFF)) == desk.session(key).handoff
        desk.desk.shutdown()
        with Journal(desk.journal_path, read_only=True) as journal:
            assert [(e.reference, e.outcome) for e in journal.recent(10)] == [("CUST-503", "PASS")]
