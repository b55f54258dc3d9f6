"""The kiosk records every session in the journal, before the verdict is on screen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.core.journal import Journal
from kiosk.core.journal_writer import JournalWriter
from kiosk.core.state import KioskState, Phase
from tests.gui.harness import Kiosk


def test_sessions_are_journaled_before_the_verdict_is_shown(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    kiosk = make_kiosk()
    journal = JournalWriter(tmp_path / "journal.sqlite3")
    kiosk.controller.attach_journal(journal)  # closed by the controller's shutdown
    seen_at_result: list[str | None] = []

    def on_state(state: KioskState) -> None:
        if state.phase is Phase.RESULT:
            seen_at_result.append(journal.recent(1)[0].outcome)

    kiosk.controller.state_changed.connect(on_state)
    kiosk.play("fail_liveness")
    kiosk.wait_for(Phase.RESULT)
    assert seen_at_result == ["FAIL"]  # on disk when the screen was told to show it
    kiosk.window.result.done_button.click()
    kiosk.play(None)
    kiosk.wait_for(Phase.QR)
    kiosk.window.qr.cancel_button.click()

    # A cancel goes back to idle at once; its row follows on the writer's thread.
    def both_recorded() -> None:
        outcomes = [e.outcome for e in journal.recent()]
        assert outcomes == ["CANCELED_AT_KIOSK", "FAIL"], f"the journal holds {outcomes}"

    qtbot.waitUntil(both_recorded)


def test_quitting_mid_session_is_recorded(make_kiosk: Callable[..., Kiosk], tmp_path: Path) -> None:
    kiosk = make_kiosk()
    path = tmp_path / "journal.sqlite3"
    kiosk.controller.attach_journal(JournalWriter(path))
    kiosk.play(None)
    kiosk.wait_for(Phase.QR)
    kiosk.controller.shutdown()  # writes what is queued, then closes the journal
    with Journal(path) as journal:
        assert journal.recent()[0].outcome == "INTERRUPTED"


def test_journal_export_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    out = tmp_path / "sessions.csv"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "journal",
            "export",
            "--journal",
            str(path),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("id,session_id,started_at")
    missing = subprocess.run(
        [sys.executable, "-m", "kiosk", "journal", "list", "--journal", str(tmp_path / "no.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert missing.returncode == 1
    assert "no journal at" in missing.stderr
