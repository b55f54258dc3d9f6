"""A kiosk killed mid-session picks the session up again when it restarts, and records it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.core.journal import Journal
from kiosk.sandbox.process import sandbox_process

pytestmark = pytest.mark.e2e
KEY = "resume-key-0123456789"


def wait_for_line(process: subprocess.Popen[str], words: str, seconds: float = 30) -> None:
    assert process.stderr is not None
    deadline = time.monotonic() + seconds
    for line in process.stderr:  # -v logs every status read, so lines keep coming
        if words in line:
            return
        if time.monotonic() > deadline:
            break
    raise AssertionError(f"never saw {words!r}")


def test_killed_mid_session_then_restarted_shows_and_records_the_outcome(tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.json"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_HOME": str(tmp_path),
        "KIOSK_APP_KEY": KEY,
        "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
        "KIOSK_TEST_KEYRING": str(keyring_file),
    }
    with sandbox_process("ops", KEY, ["--step-seconds", "1.5"]) as (url, _):
        argv = [sys.executable, "-m", "kiosk", "--windowed", "--base-url", url, "--app-id", "ops"]
        first = subprocess.Popen(
            [*argv, "-v", "--demo", "pass"], stderr=subprocess.PIPE, text=True, env=env
        )
        try:
            wait_for_line(first, "screen: starting -> qr")
        finally:
            first.kill()  # a crash or a power cut: no chance to tidy up
            first.wait(10)
            assert first.stderr is not None
            first.stderr.close()
        live = json.loads(keyring_file.read_text())["verification-kiosk/live-session"]
        assert json.loads(live)["base_url"] == url
        second = subprocess.Popen([*argv, "-v"], stderr=subprocess.PIPE, text=True, env=env)
        try:
            wait_for_line(second, "resuming session")
            wait_for_line(second, "-> result")
            second.send_signal(signal.SIGTERM)
            assert second.wait(20) == 0
        finally:
            second.kill()
            assert second.stderr is not None
            second.stderr.close()
    with Journal(tmp_path / "data" / "journal.sqlite3", read_only=True) as journal:
        entries = journal.recent()
    assert [(e.outcome, e.status) for e in entries] == [("PASS", "DONE")]  # the same row
    assert "verification-kiosk/live-session" not in json.loads(keyring_file.read_text())
    assert not any(KEY in p.read_text() for p in (tmp_path / "logs").iterdir())
