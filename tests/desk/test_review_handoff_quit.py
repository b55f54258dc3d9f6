"""Review: quitting while a hand-off command runs whose daemonised child holds its pipes."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.handoff import Handoff
from kiosk.desk.handoff_worker import HandoffQueue

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.skipif(
        os.name != "posix" or shutil.which("setsid") is None, reason="POSIX setsid needed"
    ),
]


def test_a_daemonised_hook_does_not_hold_up_the_quit(qtbot: QtBot, tmp_path: Path) -> None:
    started = tmp_path / "started"
    # The hook leaves a grandchild in a session of its own (out of reach of the group kill)
    # that keeps stdout and stderr open, then hangs.
    command = f"sh -c 'setsid sleep 3 & touch {started}; sleep 30'"
    queue = HandoffQueue(Handoff(command=command, timeout=60, retries=3, backoff=0.01))
    for number in range(5):
        assert queue.submit({"session_id": f"s{number}"})
    qtbot.waitUntil(started.exists, timeout=10_000)
    began = time.monotonic()
    ended = queue.stop_and_wait()
    took = time.monotonic() - began
    assert ended, "the hand-off thread was still running"
    assert took < 1.0, f"the quit waited {took:.2f} s for the hand-off"
