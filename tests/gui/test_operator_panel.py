"""The operator panel: the PIN, recent sessions, export, connection test, settings, kiosk mode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.connection import check_connection
from kiosk.core.journal_writer import JournalWriter
from kiosk.core.secrets import MAX_TRIES, PinGuard, hash_pin
from kiosk.core.state import Phase
from kiosk.sandbox.server import SandboxServer
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.operator_panel import OperatorPanel
from tests.conftest import APP_ID, APP_KEY
from tests.gui.harness import Kiosk

PIN = "246810"


def make_panel(
    kiosk: Kiosk, tmp_path: Path, *, check: Callable[[], tuple[bool, str]] | None = None
) -> tuple[OperatorPanel, Lockdown, JournalWriter]:
    journal = JournalWriter(tmp_path / "journal.sqlite3")
    kiosk.controller.attach_journal(journal)  # closed by the controller's shutdown
    lockdown = Lockdown(kiosk.window)
    kiosk.window.show()
    guard = PinGuard(hash_pin(PIN), tmp_path / "pin.json")
    panel = OperatorPanel(
        kiosk.window,
        pin_guard=lambda: guard,
        journal=lambda: kiosk.controller.journal,
        check=check,
        settings_path=tmp_path / "settings.toml",
        lockdown=lockdown,
        export_path=lambda: str(tmp_path / "out.csv"),
    )
    return panel, lockdown, journal


def unlock(panel: OperatorPanel, pin: str = PIN) -> None:
    panel.open_panel()
    panel.pin.setText(pin)
    panel.try_pin()


def test_the_panel_needs_the_pin_and_locks_out(kiosk: Kiosk, tmp_path: Path) -> None:
    panel, _, _ = make_panel(kiosk, tmp_path)
    panel.open_panel()
    assert panel.isVisible() and panel.pages.currentWidget() is panel.pin_page
    for _ in range(MAX_TRIES - 1):
        unlock(panel, "000000")
        assert panel.pin_message.text() == "Wrong PIN."
    unlock(panel, "000000")
    assert panel.pin_message.text() == "Too many wrong PINs: try again in 5 min."
    unlock(panel)  # the right PIN waits out the lockout too
    assert panel.pages.currentWidget() is panel.pin_page
    assert panel.pin.text() == ""  # a typed PIN never stays on screen


def test_recent_sessions_and_export(kiosk: Kiosk, tmp_path: Path) -> None:
    panel, _, _ = make_panel(kiosk, tmp_path)
    kiosk.play("fail_liveness")
    kiosk.wait_for(Phase.RESULT)
    unlock(panel)
    assert panel.pages.currentWidget() is panel.main_page
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 1).text() == "FAIL"
    panel.export()
    assert (tmp_path / "out.csv").read_text().count("\n") == 2
    assert "Exported 1 sessions" in panel.status.text()


def test_settings_are_checked_before_they_are_saved(kiosk: Kiosk, tmp_path: Path) -> None:
    panel, _, _ = make_panel(kiosk, tmp_path)
    path = tmp_path / "settings.toml"
    path.write_text("ttl_sec = 600\n")
    unlock(panel)
    # The form is the settings' default view; the file's text is the "Advanced: file" view.
    assert panel.views.currentWidget() is panel.table
    panel.views.setCurrentWidget(panel.editor)
    assert panel.editor.toPlainText() == "ttl_sec = 600\n"  # unchanged by the form: as it was
    panel.editor.setPlainText("ttl_sec = 2\n")
    panel.save_settings()
    assert "Not saved:" in panel.status.text() and "ttl_sec" in panel.status.text()
    assert path.read_text() == "ttl_sec = 600\n"  # nothing lost
    panel.editor.setPlainText("ttl_sec = [\n")
    panel.save_settings()
    assert "not valid TOML" in panel.status.text()
    panel.editor.setPlainText("ttl_sec = 900\n")
    panel.save_settings()
    assert path.read_text() == "ttl_sec = 900\n"


def test_leave_kiosk_mode(kiosk: Kiosk, tmp_path: Path) -> None:
    panel, lockdown, _ = make_panel(kiosk, tmp_path)
    assert kiosk.window.close() is False
    unlock(panel)
    panel.leave_kiosk_mode()
    assert not lockdown.locked
    assert kiosk.window.close() is True


@pytest.mark.parametrize(("key", "verdict"), [(APP_KEY, "✓ Connected"), ("wrong-key-1234", "✕")])
def test_connection_check_without_creating_a_session(
    qtbot: QtBot, kiosk: Kiosk, gui_sandbox: SandboxServer, tmp_path: Path, key: str, verdict: str
) -> None:
    client = VerificationClient(gui_sandbox.local_url, Credentials(APP_ID, key))
    panel, _, _ = make_panel(kiosk, tmp_path, check=lambda: check_connection(client))
    unlock(panel)
    panel.test_connection()

    def answered() -> None:
        text = panel.status.text()
        assert text.startswith(("✓", "✕")), f"the check has not answered: {text!r}"

    qtbot.waitUntil(answered)
    panel.stop()
    client.close()
    assert panel.status.text().startswith(verdict)
    assert len(gui_sandbox.app.state.store) == 0  # nothing billable was created
