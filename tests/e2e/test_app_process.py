"""The kiosk as a real process: it starts on its sandbox and quits cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("signum", "mode"),
    [(signal.SIGTERM, ["--windowed"]), (signal.SIGINT, ["--windowed"]), (signal.SIGTERM, [])],
    ids=["sigterm-windowed", "sigint-windowed", "sigterm-kiosk-mode"],
)
def test_kiosk_process_starts_and_quits_on_a_signal(
    signum: signal.Signals, mode: list[str], tmp_path: Path
) -> None:
    # A locked kiosk refuses to close its window, but a service stop still ends it.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", *mode, "--local", "--port", "0", "-v"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    lines = []
    for line in process.stderr:  # the sandbox line comes once the kiosk is wired up
        lines.append(line)
        if "kiosk.app: kiosk ready" in line:
            break
    process.send_signal(signum)
    try:
        code = process.wait(timeout=20)
    finally:
        process.kill()
        rest = process.stderr.read()
        process.stderr.close()
    assert code == 0, "".join(lines) + rest
    assert "Traceback" not in rest
    assert (tmp_path / "logs" / "kiosk.log").exists()  # the log file went where it was told
