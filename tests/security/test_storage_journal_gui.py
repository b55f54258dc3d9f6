"""Point 15 in the window: a locked journal never freezes the screen, the verdict still comes
(after a bounded wait), the row is written once the lock goes, and staff are told."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.core.journal import Journal
from kiosk.core.state import Phase
from kiosk.ui.controller import ControllerOptions
from tests.gui.harness import Kiosk
from tests.gui.test_operator_panel import make_panel, unlock
from tests.security.test_storage_journal_broken import locked


def test_a_locked_journal_does_not_freeze_the_screen_nor_lose_the_row(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    from kiosk.core.journal_writer import JournalWriter

    kiosk = make_kiosk(options=ControllerOptions(tick_ms=50, journal_wait_seconds=0.5))
    path = tmp_path / "journal.sqlite3"
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(20)
    heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
    with locked(path, wal=True):
        writer = JournalWriter(path, retry_seconds=0.05, max_retry_seconds=0.2)
        kiosk.controller.attach_journal(writer)
        heartbeat.start()
        kiosk.play("pass")
        kiosk.wait_for(Phase.RESULT, timeout=15_000)
        heartbeat.stop()
        gaps = [b - a for a, b in itertools.pairwise(beats)]
        assert max(gaps) < 0.5, f"the GUI thread stalled for {max(gaps):.1f} s"
        assert writer.pending > 0  # still queued, not dropped

    def written() -> None:
        assert writer.pending == 0, f"{writer.pending} rows still queued: {writer.problem}"

    qtbot.waitUntil(written, timeout=10_000)
    with Journal(path, read_only=True) as journal:
        assert [e.outcome for e in journal.recent()] == ["PASS"]


def test_a_damaged_journal_is_shown_to_the_operator(
    qtbot: QtBot, kiosk: Kiosk, tmp_path: Path
) -> None:
    (tmp_path / "journal.sqlite3").write_bytes(b"garbage, not sqlite\x00" * 256)
    panel, _, writer = make_panel(kiosk, tmp_path)

    def noticed() -> None:
        assert writer.problem is not None, "the writer has not noticed the damaged journal"

    qtbot.waitUntil(noticed)
    unlock(panel)
    assert panel.warning.isVisibleTo(panel)
    assert "damaged" in panel.warning.text() and "journal.sqlite3" in panel.warning.text()
    panel.export()
    assert panel.status.text().startswith("Not exported:")
