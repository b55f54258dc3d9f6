"""The kiosk's heartbeat thread with the controller's state, against a real hub: the dashboard's
row follows the kiosk from idle to error; against the sandbox the thread ends by itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pytestqt.qtbot import QtBot

from kiosk.core.credentials import Credentials
from kiosk.core.state import ErrorKind, KioskState, Phase
from kiosk.fleet_heartbeat import heartbeats, report_of
from tests.conftest import APP_ID
from tests.hub.conftest import Hub


@dataclass
class _Backend:
    base_url: str
    credentials: Credentials


@dataclass
class _Starter:
    backend: _Backend

    def get(self) -> tuple[_Backend, None]:
        return self.backend, None


@dataclass
class _Controller:
    state: KioskState = field(default_factory=KioskState)


def _states(hub: Hub) -> list[tuple[str, str | None]]:
    return [(beat.state, beat.last_error) for beat in hub.store.heartbeats()]


def test_the_hub_sees_the_kiosk_go_from_idle_to_error(qtbot: QtBot, hub: Hub) -> None:
    controller = _Controller()
    starter: Any = _Starter(_Backend(hub.url, Credentials(hub.kiosk.id, hub.secret)))
    thread = heartbeats(controller, starter, interval=0.05)  # type: ignore[arg-type]
    thread.start()
    try:
        qtbot.waitUntil(lambda: _states(hub) == [("idle", None)], timeout=5000)
        controller.state = KioskState(
            phase=Phase.ERROR, error=ErrorKind.NETWORK, error_message="The server is unreachable."
        )
        qtbot.waitUntil(
            lambda: _states(hub) == [("error", "The server is unreachable.")], timeout=5000
        )
    finally:
        thread.stop_and_wait()
    assert not thread.isRunning()


def test_against_the_sandbox_the_thread_ends_by_itself(qtbot: QtBot, hub: Hub) -> None:
    backend = _Backend(hub.upstream.local_url, Credentials(APP_ID, hub.upstream_key))
    thread = heartbeats(_Controller(), _Starter(backend), interval=0.05)  # type: ignore[arg-type]
    thread.start()
    try:
        qtbot.waitUntil(lambda: thread.isFinished(), timeout=5000)
    finally:
        thread.stop_and_wait()


def test_reports_follow_the_screen() -> None:
    assert report_of(KioskState()).state == "idle"
    assert report_of(KioskState(phase=Phase.QR)).state == "in_session"
    assert report_of(KioskState(phase=Phase.RESULT)).state == "in_session"
    error = report_of(KioskState(phase=Phase.ERROR, error_message="Camera lost"))
    assert (error.state, error.last_error) == ("error", "Camera lost")
