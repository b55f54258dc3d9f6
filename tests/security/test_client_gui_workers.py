"""Issue 9, points 10 and 11 in the GUI: one live worker, a prompt quit, an error screen."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.poller import PollPolicy, SessionRunner
from kiosk.core.state import ErrorKind, Phase
from kiosk.ui.controller import ControllerOptions, KioskController
from kiosk.ui.window import KioskWindow
from tests.gui.harness import wait_for_phase
from tests.security.hostile import (
    APP_KEY,
    TOKEN,
    HostileServer,
    base_of,
    created,
    done_status,
    send_json,
    serving,
    stall,
)

POLICY = PollPolicy(interval=0.05, active_interval=0.05, max_backoff=0.2, give_up_after=0)


def stall_always(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
    stall(conn, stop)


def _requests_reached(server: HostileServer, count: int) -> None:
    seen = len(server.requests)
    assert seen >= count, f"the server saw {seen} requests, waiting for {count}"


@pytest.fixture
def stalled() -> Iterator[HostileServer]:
    with serving(stall_always) as server:
        yield server


def make_controller(
    qtbot: QtBot, server: HostileServer
) -> tuple[KioskController, VerificationClient]:
    client = VerificationClient(server.url, Credentials("x", APP_KEY))

    def make_runner() -> SessionRunner:
        return SessionRunner(
            client, scopes=("liveness",), trusted_origins=[server.url], policy=POLICY
        )

    return KioskController(make_runner, ControllerOptions(tick_ms=50)), client


def test_sessions_started_against_a_stalled_server_never_pile_up(
    qtbot: QtBot, stalled: HostileServer
) -> None:
    controller, client = make_controller(qtbot, stalled)
    most = 0
    try:
        for attempt in range(1, 4):
            controller.start()
            most = max(most, len(controller.threads))
            qtbot.waitUntil(lambda n=attempt: _requests_reached(stalled, n), timeout=5000)
            most = max(most, len(controller.threads))
            controller.cancel()  # the create is still in flight: its worker is retired
            most = max(most, len(controller.threads))
        assert most <= 1, f"{most} session threads ran at once"
    finally:
        started = time.monotonic()
        controller.shutdown()
        took = time.monotonic() - started
        client.close()
    assert controller.threads == []
    assert took < 2.0, f"shutdown took {took:.1f} s"


def test_shutdown_is_prompt_while_a_request_stalls(qtbot: QtBot, stalled: HostileServer) -> None:
    controller, client = make_controller(qtbot, stalled)
    controller.start()
    qtbot.waitUntil(lambda: _requests_reached(stalled, 1), timeout=5000)
    started = time.monotonic()
    controller.shutdown()
    took = time.monotonic() - started
    client.close()
    assert controller.threads == []
    assert took < 2.0, f"shutdown took {took:.1f} s"  # today: the 10 s read timeout


def test_a_malformed_session_link_shows_the_unreadable_answer_screen(qtbot: QtBot) -> None:
    def respond(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        base = base_of(conn)
        if method == "POST":
            send_json(conn, created(base, url=f"http://127.0.0.1:99999/flow/{TOKEN}"))
        else:
            send_json(conn, done_status())

    with serving(respond) as server:
        controller, client = make_controller(qtbot, server)
        window = KioskWindow(controller, sandbox=False, open_url=lambda url: True)
        qtbot.addWidget(window)
        window.show()
        try:
            controller.start()
            wait_for_phase(qtbot, controller, Phase.ERROR, timeout=5000)
            assert controller.state.error is ErrorKind.UNREADABLE
            assert window.error.retry_button.isVisible()  # a way forward, not a dead end
        finally:
            controller.shutdown()
            client.close()


@pytest.mark.e2e
def test_the_kiosk_process_quits_promptly_on_sigint_while_a_request_stalls(
    stalled: HostileServer, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_HOME": str(tmp_path),
        "KIOSK_APP_KEY": APP_KEY,
    }
    argv = [sys.executable, "-m", "kiosk", "--windowed", "--base-url", stalled.url]
    argv += ["--app-id", "x", "--demo", "pass", "--no-journal"]
    with subprocess.Popen(argv, stderr=subprocess.PIPE, env=env) as process:
        try:
            deadline = time.monotonic() + 30
            while not stalled.requests and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.05)  # a real process: no Qt loop here to wait on
            assert stalled.requests, "the demo session never reached the server"
            sent = time.monotonic()
            process.send_signal(signal.SIGINT)
            code = process.wait(timeout=20)
            took = time.monotonic() - sent
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            assert process.stderr is not None
            err = process.stderr.read().decode("utf-8", "replace")
    assert took < 2.0, f"the kiosk took {took:.1f} s to quit"
    assert "Destroyed while thread" not in err
    assert code == 0, err[-2000:]
