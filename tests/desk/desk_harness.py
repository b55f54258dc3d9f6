"""A desk (``kiosk desk``'s own parts, built by :func:`kiosk.desk.app.build`) on a real sandbox
over loopback, in a temporary KIOSK_HOME, for pytest-qt tests.

The fixtures (``kiosk_home``, ``desk_sandbox``, ``make_desk``) are imported by the tests that
use them (tests/desk has no conftest of its own: four owners write tests there)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend import Backend, BackendStarter
from kiosk.config import KioskConfig
from kiosk.core.credentials import Credentials
from kiosk.core.journal_writer import JournalWriter
from kiosk.core.settings import DEFAULTS
from kiosk.core.state import Phase
from kiosk.desk.app import Desk, build
from kiosk.desk.desk_sessions import DeskSession, DeskSessions
from kiosk.desk.window import DeskWindow
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, make_config

SCOPES = ("liveness", "deepfake", "search")


@dataclass
class DeskUnderTest:
    """The pieces of one desk under test."""

    qtbot: QtBot
    sandbox: SandboxServer
    desk: Desk
    starter: BackendStarter
    home: Path
    journal_path: Path
    config_path: Path
    scenarios: list[str | None] = field(default_factory=list)

    @property
    def window(self) -> DeskWindow:
        return self.desk.window

    @property
    def sessions(self) -> DeskSessions:
        return self.desk.sessions

    def session(self, key: int) -> DeskSession:
        found = self.sessions.get(key)
        assert found is not None, f"no desk session {key}"
        return found

    def start(
        self, reference: str | None, scenario: str | None, scopes: tuple[str, ...] = SCOPES
    ) -> int:
        """Start a session playing ``scenario`` (None: waits for a person) and wait until the
        server created it (scenarios are handed out in creation order: waiting keeps each
        with its own reference)."""
        self.scenarios.append(scenario)
        key = self.window.start(reference, scopes)
        assert key is not None, "the desk refused to start a session"
        self.qtbot.waitUntil(lambda: self._created(key), timeout=10_000)
        return key

    def _created(self, key: int) -> None:
        state = self.session(key).state
        assert state.session is not None or not state.is_live, f"session {key}: {state.phase}"

    def wait_final(self, key: int, timeout: int = 15_000) -> DeskSession:
        def final() -> None:
            state = self.session(key).state
            where = state.phase.value + (f" ({state.error_message})" if state.error else "")
            assert not state.is_live and self.session(key).summary is not None, where

        self.qtbot.waitUntil(final, timeout=timeout)
        return self.session(key)

    def wait_phase(self, key: int, phase: Phase, timeout: int = 10_000) -> None:
        self.qtbot.waitUntil(lambda: self.session(key).state.phase is phase, timeout=timeout)

    def shutdown(self) -> None:
        self.desk.shutdown()
        assert self.sessions.threads == [], "a desk session thread outlived shutdown"


def _scenarios(queue: list[str | None]) -> Iterator[str]:
    while True:  # one per created session, in creation order
        yield queue.pop(0) if queue else None  # type: ignore[misc]


def build_desk(
    qtbot: QtBot,
    sandbox: SandboxServer,
    home: Path,
    *,
    settings: dict[str, Any] | None = None,
    journal: bool = True,
    show: bool = True,
) -> DeskUnderTest:
    """A desk on ``sandbox`` with its files under ``home`` (the test's KIOSK_HOME)."""

    def opener() -> Backend:
        trusted = [sandbox.local_url, sandbox.public_url]
        return Backend(sandbox.local_url, Credentials(APP_ID, APP_KEY), trusted, lambda: None)

    starter = BackendStarter(opener)
    values: dict[str, Any] = {"poll_interval": 0.2, "scopes": SCOPES, **(settings or {})}
    config_path = home / "config" / "settings.toml"
    config = KioskConfig(replace(DEFAULTS, **values), config_path)
    journal_path = home / "data" / "journal.sqlite3"
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    writer = JournalWriter(journal_path) if journal else None
    queue: list[str | None] = []
    desk = build(
        config,
        starter,
        journal=writer,
        scenarios=_scenarios(queue),
        confirm_quit=lambda _parent, _live: True,
    )
    qtbot.addWidget(desk.window)
    if show:
        desk.window.show()
    starter.start()
    return DeskUnderTest(qtbot, sandbox, desk, starter, home, journal_path, config_path, queue)


DESK_STEP_SECONDS = 0.6
"""Slow enough that two sessions are live together, quick enough for a test."""


@pytest.fixture
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every file the desk writes goes here (the window's geometry included)."""
    home = tmp_path / "home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    return home


@pytest.fixture
def desk_sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(make_config(step_seconds=DESK_STEP_SECONDS)) as server:
        yield server


@pytest.fixture
def make_desk(
    qtbot: QtBot, desk_sandbox: SandboxServer, kiosk_home: Path
) -> Iterator[Callable[..., DeskUnderTest]]:
    """Builds desks; shuts each down (checking no thread is left) and closes its backend."""
    built: list[DeskUnderTest] = []

    def make(**kwargs: object) -> DeskUnderTest:
        desk = build_desk(qtbot, desk_sandbox, kiosk_home, **kwargs)  # type: ignore[arg-type]
        built.append(desk)
        return desk

    yield make
    for desk in built:
        desk.shutdown()
        desk.starter.close()
