"""A kiosk run as a service has no keyring (no Secret Service, no D-Bus session under cage): the
APP-KEY and the PIN come from systemd's credentials or the machine's secrets folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY

pytestmark = pytest.mark.e2e

FAST = ["--step-seconds", "0.05", "--poll-interval", "0.05", "--no-qr", "--timeout", "60"]


def service_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a kiosk service: no keyring, no KIOSK_APP_KEY, its own home."""
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_APP_KEY"}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        KIOSK_HOME=str(tmp_path / "home"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        **extra,
    )
    return env


def kiosk(env: dict[str, str], *args: str, typed: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        input=typed, capture_output=True, text=True, env=env, timeout=90,
    )  # fmt: skip


def verify(env: dict[str, str], sandbox: SandboxServer) -> subprocess.CompletedProcess[str]:
    return kiosk(
        env, "verify", "--base-url", sandbox.local_url, "--app-id", APP_ID, "--scenario", "pass",
        *FAST,
    )  # fmt: skip


def test_an_administrator_stores_the_key_for_the_service_and_verify_uses_it(
    tmp_path: Path, sandbox: SandboxServer
) -> None:
    env = service_env(tmp_path)
    before = verify(env, sandbox)
    assert before.returncode == 2  # usage: the credentials are missing
    assert "No OS keyring is available" in before.stderr
    assert "sudo kiosk secrets set-key --store system" in before.stderr
    stored = kiosk(env, "secrets", "set-key", "--store", "system", typed=APP_KEY + "\n")
    assert stored.returncode == 0, stored.stderr
    key_file = Path(env["KIOSK_SYSTEM_SECRETS_DIR"]) / "app-key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o640
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o750
    after = verify(env, sandbox)
    assert after.returncode == 0, after.stderr
    assert "VERDICT: PASS" in after.stdout
    assert APP_KEY not in stored.stdout + stored.stderr + after.stdout + after.stderr


def test_a_systemd_credential_gives_the_key_and_the_pin(
    tmp_path: Path, sandbox: SandboxServer
) -> None:
    from kiosk.core.secrets import hash_pin

    credentials = tmp_path / "credentials"  # as LoadCredential= makes it
    credentials.mkdir()
    (credentials / "app-key").write_text(APP_KEY)
    (credentials / "operator-pin").write_text(hash_pin("246810"))
    env = service_env(tmp_path, CREDENTIALS_DIRECTORY=str(credentials))
    done = verify(env, sandbox)
    assert done.returncode == 0, done.stderr
    status = kiosk(env, "secrets", "status", "--app-id", APP_ID)
    assert status.returncode == 0
    assert status.stdout.splitlines()[:2] == [
        f"APP-KEY for {APP_ID}: systemd-credentials",
        "operator PIN: systemd-credentials",
    ]


def test_set_pin_without_a_keyring_stores_it_for_the_service(tmp_path: Path) -> None:
    # What the issue found: set-pin answered with the APP-KEY's "no keyring" message.
    env = service_env(tmp_path)
    done = kiosk(env, "secrets", "set-pin", typed="246810\n")
    assert done.returncode == 0, done.stderr
    pin_file = Path(env["KIOSK_SYSTEM_SECRETS_DIR"]) / "operator-pin"
    assert done.stdout.startswith(f"stored the operator PIN's hash in {pin_file}")
    assert pin_file.read_text().startswith("scrypt$")
    status = kiosk(env, "secrets", "status")
    assert "operator PIN: system" in status.stdout
