"""The kiosk as a process under a fake systemd (Type=notify, WatchdogSec=): READY=1, regular
WATCHDOG=1, and STOPPING=1 when a service stop (SIGTERM) ends it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.notify_socket import NotifyReceiver

pytestmark = pytest.mark.e2e


def test_the_kiosk_process_notifies_systemd(tmp_path: Path) -> None:
    with NotifyReceiver(abstract=True) as systemd:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_HOME": str(tmp_path),
            "NOTIFY_SOCKET": systemd.address,
            "WATCHDOG_USEC": "400000",
            # Under cage, systemd watches the compositor: the kiosk's parent (here, the test).
            "WATCHDOG_PID": str(os.getpid()),
        }
        log = tmp_path / "stderr.txt"
        with log.open("w") as stderr:  # a file, not a pipe nobody reads while waiting
            process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "--windowed", "--local", "--port", "0"],
                stderr=stderr,
                env=env,
            )
        try:
            pinging = systemd.wait_for(lambda s: len(s.times_of("WATCHDOG=1")) >= 3, timeout=60)
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=20)
            stopped = systemd.wait_for(lambda s: "STOPPING=1" in "".join(s.texts()[-1:]), timeout=5)
        finally:
            process.kill()
            process.wait()
        errors = log.read_text()
        texts = systemd.texts()
    assert pinging, f"{texts}\n{errors}"
    assert code == 0, errors
    assert stopped, texts
    assert texts[0] == "STATUS=Starting"
    assert texts[1] == "READY=1\nSTATUS=Idle screen shown"
    assert set(texts[2:-1]) == {"WATCHDOG=1"}
    assert texts[-1] == "STOPPING=1\nSTATUS=Stopping"
    assert "Traceback" not in errors
