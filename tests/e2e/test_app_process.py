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


def _kiosk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_settings_init_writes_a_documented_file_that_checks(tmp_path: Path) -> None:
    made = _kiosk(tmp_path, "settings", "init")
    assert made.returncode == 0, made.stderr
    path = tmp_path / "config" / "settings.toml"
    assert "# checks each session asks for" in path.read_text()
    assert _kiosk(tmp_path, "settings", "check").stdout.strip() == f"{path}: OK"
    assert _kiosk(tmp_path, "settings", "init").returncode == 1  # never overwrites


def test_a_broken_settings_file_stops_the_kiosk_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir(parents=True)
    path.write_text("ttl_sec = 5\n")
    done = _kiosk(tmp_path, "--windowed", "--local", "--port", "0")
    assert done.returncode == 2
    assert f"error: {path}: 'ttl_sec' must be a whole number from 10 to 86400, not 5" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_broken_file_falls_back_to_the_last_good_settings(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir(parents=True)
    path.write_text("ttl_sec = 600\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path)}
    argv = [sys.executable, "-m", "kiosk", "--windowed", "--local", "--port", "0", "-v"]
    for broken in (False, True):
        if broken:
            path.write_text("ttl_sec = [\n")
        process = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True, env=env)
        assert process.stderr is not None
        seen = []
        for line in process.stderr:
            seen.append(line)
            if "kiosk ready" in line:
                break
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
        process.stderr.close()
    assert (tmp_path / "config" / "settings.last-good.toml").read_text() == "ttl_sec = 600\n"
    assert any("using the last good settings" in line for line in seen)


def test_cloud_backend_without_a_key_or_keyring_says_what_to_do(tmp_path: Path) -> None:
    env_free = {k: v for k, v in os.environ.items() if k != "KIOSK_APP_KEY"}
    env = {**env_free, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path)}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed", "--base-url", "https://h.test",
         "--app-id", "app-1"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "No OS keyring is available" in done.stderr
    assert "KIOSK_APP_KEY" in done.stderr
    assert "sudo kiosk secrets set-key --store system" in done.stderr  # the service's way
    # Asked for the keyring where there is none, nothing is written anywhere else
    # (test_secrets_service.py stores it for the service instead).
    refused = subprocess.run(
        [sys.executable, "-m", "kiosk", "secrets", "set-key", "--app-id", "app-1",
         "--store", "keyring"],
        input="k-123456\n", capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert refused.returncode == 1
    assert "No OS keyring is available" in refused.stderr
    assert not Path(env["KIOSK_SYSTEM_SECRETS_DIR"]).exists()
