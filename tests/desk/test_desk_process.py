"""``kiosk desk`` as a real process: it starts on its embedded sandbox and quits cleanly on
SIGTERM and SIGINT (every thread stopped, the journal closed), leaving its files in KIOSK_HOME."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "sigint"])
def test_the_desk_starts_and_quits_on_a_signal(signum: signal.Signals, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "desk", "--local", "--port", "0", "-v"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if "kiosk.desk.app: desk ready" in line:
            break
    process.send_signal(signum)
    try:
        code = process.wait(timeout=20)
    finally:
        process.kill()
        rest = process.stderr.read()
        process.stderr.close()
    assert code == 0, "".join(lines) + rest
    assert "Traceback" not in "".join(lines) + rest
    assert (tmp_path / "logs" / "kiosk.log").exists()
    assert (tmp_path / "data" / "journal.sqlite3").exists()
    assert (tmp_path / "data" / "desk-window.ini").exists()  # kept on a quit by signal too


def test_desk_is_a_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "desk" in done.stdout and "operator desk" in done.stdout
