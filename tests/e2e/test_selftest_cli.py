"""``kiosk self-test`` as a technician runs it: a real process, the kiosk's own folders in a
temporary home, the embedded sandbox as the backend (and a stalled server as a configured one)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

NAMES = [
    "display", "fonts", "settings", "secrets", "journal", "backend", "credentials", "clock", "disk",
]  # fmt: skip
KEY = "sk-e2e-selftest-0a1b2c3d4e5f"


def self_test(home: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        **os.environ,
        "KIOSK_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        # No test may read or write the developer's own keyring.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "self-test", *argv],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_offscreen_on_the_embedded_sandbox_every_line_passes(tmp_path: Path) -> None:
    done = self_test(tmp_path)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert [line[5:].split(":")[0] for line in lines] == NAMES
    assert all(line.startswith(("OK   ", "WARN ")) for line in lines), lines
    assert "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert "embedded sandbox started" in done.stdout
    assert done.stderr == ""
    assert not (tmp_path / "data").exists()  # nothing was created: the journal is not opened


def test_json_says_the_same_for_fleet_tooling(tmp_path: Path) -> None:
    done = self_test(tmp_path, "--json", "--listen", "local")
    assert done.returncode == 0, done.stdout + done.stderr
    document = json.loads(done.stdout)
    assert document["passed"] is True
    assert [check["check"] for check in document["checks"]] == NAMES


def test_a_stalled_server_ends_within_twenty_seconds_and_fails(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # connections wait in the backlog; nothing ever answers
    settings = tmp_path / "settings.toml"
    port = listener.getsockname()[1]
    settings.write_text(f'backend = "http://127.0.0.1:{port}"\napp_id = "app-1"\n')
    try:
        began = time.monotonic()
        done = self_test(tmp_path, "--settings", str(settings), KIOSK_APP_KEY=KEY)
        took = time.monotonic() - began
    finally:
        listener.close()
    assert done.returncode == 1
    lines = {line[5:].split(":")[0]: line for line in done.stdout.splitlines()}
    assert lines["secrets"].startswith(("OK   ", "WARN "))  # a WARN: no operator PIN is set
    assert "the APP-KEY for app-1 from environment ($KIOSK_APP_KEY is set)" in lines["secrets"]
    assert lines["backend"].startswith("FAIL backend: ")
    assert lines["credentials"].startswith("SKIP credentials")
    assert KEY not in done.stdout + done.stderr
    assert took < 20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a display server is Linux's")
def test_without_a_display_it_says_so_instead_of_aborting(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environ.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "self-test", "--listen", "local"],
        env={
            **environ,
            "KIOSK_HOME": str(tmp_path),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first.startswith("FAIL display: no display")
    assert "QT_QPA_PLATFORM=offscreen" in first
    assert "OK   fonts:" in done.stdout
