"""The window on a backend that pushes (issue 15): wired as ``kiosk run`` wires it, the status
reaches the screen by push, and a session's open stream never holds up a cancel or a shutdown
(the worker's network waits are sliced, 0.1 s)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend import Backend, BackendStarter
from kiosk.config import KioskConfig
from kiosk.core.credentials import Credentials
from kiosk.core.settings import DEFAULTS
from kiosk.core.state import Phase
from kiosk.sessions import runner_factory
from kiosk.ui.controller import KioskController
from kiosk.ui.window import KioskWindow
from tests.gui.harness import wait_for_phase
from tests.support.push_backend import APP_ID, APP_KEY, PushBackend, push_backend, status_body


@pytest.fixture
def server() -> Iterator[PushBackend]:
    with push_backend() as backend:
        yield backend


@pytest.fixture
def window(qtbot: QtBot, server: PushBackend) -> Iterator[tuple[KioskController, KioskWindow]]:
    def opener() -> Backend:
        return Backend(server.url, Credentials(APP_ID, APP_KEY), [server.url], lambda: None)

    starter = BackendStarter(opener)
    # Reads every 30 s: what reaches the screen sooner was pushed.
    settings = replace(DEFAULTS, scopes=("liveness",), poll_interval=30, ttl_sec=60)
    controller = KioskController(runner_factory(starter, KioskConfig(settings, Path("unused"))))
    shown = KioskWindow(controller, sandbox=True)
    qtbot.addWidget(shown)
    shown.show()
    yield controller, shown
    controller.shutdown()
    starter.close()


def open_stream(qtbot: QtBot, controller: KioskController, server: PushBackend) -> None:
    controller.start()
    wait_for_phase(qtbot, controller, Phase.QR)
    qtbot.waitUntil(lambda: server.count("events") == 1, timeout=2000)


def test_a_pushed_status_reaches_the_screen(
    qtbot: QtBot, server: PushBackend, window: tuple[KioskController, KioskWindow]
) -> None:
    controller, _ = window
    open_stream(qtbot, controller, server)
    server.set_status(server.only_token(), status_body("IN_PROGRESS", nextStep="LIVENESS"))
    wait_for_phase(qtbot, controller, Phase.PROGRESS, timeout=2000)
    assert server.count("status") == 0  # nothing was polled


def test_cancel_ends_the_sessions_stream_at_once(
    qtbot: QtBot, server: PushBackend, window: tuple[KioskController, KioskWindow]
) -> None:
    controller, _ = window
    open_stream(qtbot, controller, server)
    controller.cancel()
    qtbot.waitUntil(lambda: controller.threads == [], timeout=1000)
    assert controller.state.phase is Phase.IDLE


def test_shutdown_with_an_open_stream_is_prompt(
    qtbot: QtBot, server: PushBackend, window: tuple[KioskController, KioskWindow]
) -> None:
    controller, _ = window
    open_stream(qtbot, controller, server)
    started = time.monotonic()
    controller.shutdown()
    assert time.monotonic() - started < 1.0
    assert controller.threads == []


def test_a_pushed_session_logs_no_key_and_no_token(
    qtbot: QtBot,
    server: PushBackend,
    window: tuple[KioskController, KioskWindow],
    tmp_path: Path,
) -> None:
    from kiosk import logs

    log_file = tmp_path / "logs" / "kiosk.log"
    controller, _ = window
    with logs.configured(verbose=True, log_file=log_file):
        open_stream(qtbot, controller, server)
        token = server.only_token()
        server.set_status(token, status_body("DONE", result={}))
        wait_for_phase(qtbot, controller, Phase.RESULT, timeout=2000)
        controller.shutdown()
    text = "".join(p.read_text() for p in log_file.parent.iterdir())
    assert "/events" in text  # httpx's line for the stream, with its URL, was written
    assert APP_KEY not in text
    assert token not in text
