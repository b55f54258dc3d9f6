"""Shared fixtures: a real sandbox on a loopback port, and a client that talks to it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.core.api import Credentials, VerificationClient
from kiosk.sandbox.app import SandboxConfig
from kiosk.sandbox.server import SandboxServer

pytest_plugins = ["tests.gui.fixtures"]

APP_ID = "test-app"
APP_KEY = "test-key-9f8e7d6c5b4a"
# The headers of an authenticated raw request to the sandbox.
AUTH = {"APP-ID": APP_ID, "APP-KEY": APP_KEY}


@pytest.fixture(autouse=True)
def _no_host_service_context(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep every test off the machine's real secrets folder (tests run as root here, so
    `kiosk secrets set-key` would write /etc) and out of a systemd unit's context the test
    run itself may have (its credentials, its notify socket)."""
    monkeypatch.setenv("KIOSK_SYSTEM_SECRETS_DIR", str(tmp_path / "system-secrets"))
    for name in ("CREDENTIALS_DIRECTORY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
        monkeypatch.delenv(name, raising=False)


class FakeClock:
    """Epoch seconds that move only when a test says so."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


def make_config(**overrides: object) -> SandboxConfig:
    """A sandbox config for tests: fast scenarios and fast callback retries, and simulated
    outcomes for the selfie (tests/**/test_faces*.py turn real face analysis on)."""
    values: dict[str, object] = {
        "app_id": APP_ID,
        "app_key": APP_KEY,
        "step_seconds": 0.05,
        "tick_seconds": 0.02,
        "callback_backoff": 0.05,
        "face_analysis": False,
    }
    values.update(overrides)
    return SandboxConfig(**values)  # type: ignore[arg-type]


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    """A sandbox server on 127.0.0.1 with a free port, stopped after the test."""
    with SandboxServer(make_config()) as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def clocked_sandbox(clock: FakeClock) -> Iterator[SandboxServer]:
    """A sandbox whose time is the ``clock`` fixture's."""
    with SandboxServer(make_config(clock=clock)) as server:
        yield server


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[VerificationClient]:
    with VerificationClient(sandbox.local_url, Credentials(APP_ID, APP_KEY)) as api:
        yield api


@pytest.fixture
def http(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    """A plain HTTP client on the ``sandbox`` fixture, for requests the API client won't send."""
    with httpx.Client(base_url=sandbox.local_url, timeout=5) as raw:
        yield raw
