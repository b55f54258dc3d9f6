"""When things go wrong: the network, the credentials, the server's answers, and quitting."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend import Backend
from kiosk.core.api import Credentials
from kiosk.core.poller import PollPolicy
from kiosk.core.state import ErrorKind, Phase
from kiosk.sandbox.server import SandboxServer
from kiosk.ui.controller import ControllerOptions
from tests.conftest import APP_ID, make_config
from tests.gui.harness import Kiosk, visible_texts, wait_for_phase


def restart(server: SandboxServer) -> SandboxServer:
    """A new server on the same port serving the same sessions (the sandbox 'comes back')."""
    return SandboxServer(server.config, port=server.port, app=server.app).start()


def test_server_going_away_shows_a_banner_and_the_flow_recovers(
    make_kiosk: Callable[..., Kiosk], gui_sandbox: SandboxServer
) -> None:
    gui_sandbox.app.state.store.step_seconds = 2.0  # time to pull the plug before it finishes
    kiosk = make_kiosk()
    kiosk.play("pass")
    kiosk.wait_for(Phase.QR)
    gui_sandbox.stop()

    def banner_shown() -> None:
        assert kiosk.window.banner.isVisible(), f"no banner; the kiosk is on {kiosk.state}"

    kiosk.qtbot.waitUntil(banner_shown, timeout=1000)
    assert kiosk.state.retrying
    assert kiosk.state.phase in (Phase.QR, Phase.PROGRESS)  # still showing the session
    back = restart(gui_sandbox)
    try:

        def banner_gone() -> None:
            assert not kiosk.window.banner.isVisible(), f"the banner stays; {kiosk.state}"

        kiosk.qtbot.waitUntil(banner_gone, timeout=5000)
        kiosk.wait_for(Phase.RESULT, timeout=15_000)
        assert kiosk.window.result.verdict.text() == "✓ PASS"
    finally:
        back.stop()


def test_network_gone_for_good_gives_an_error_screen_and_try_again_works(
    make_kiosk: Callable[..., Kiosk], gui_sandbox: SandboxServer
) -> None:
    policy = PollPolicy(interval=0.05, active_interval=0.05, max_backoff=0.1, give_up_after=0.6)
    kiosk = make_kiosk(policy=policy)
    kiosk.play(None)
    kiosk.wait_for(Phase.QR)
    gui_sandbox.stop()
    kiosk.wait_for(Phase.ERROR, timeout=5000)
    assert kiosk.state.error is ErrorKind.NETWORK
    assert kiosk.window.error.title.text() == "No connection to the verification service"
    assert kiosk.window.error.retry_button.isVisible()
    back = restart(gui_sandbox)
    try:
        kiosk.scenarios.append(None)
        kiosk.window.error.retry_button.click()
        kiosk.wait_for(Phase.QR)
    finally:
        back.stop()


def test_wrong_key_tells_staff_what_to_fix(make_kiosk: Callable[..., Kiosk]) -> None:
    kiosk = make_kiosk(credentials=Credentials(APP_ID, "wrong-key-123456"))
    kiosk.play(None)
    kiosk.wait_for(Phase.ERROR)
    assert kiosk.state.error is ErrorKind.CREDENTIALS
    texts = visible_texts(kiosk.window.error)
    assert "This kiosk is not set up correctly" in texts
    assert "Check the credentials" in texts
    assert "wrong-key-123456" not in texts


def test_try_again_goes_straight_to_starting_without_showing_idle(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = make_kiosk(credentials=Credentials(APP_ID, "wrong-key-123456"))
    kiosk.play(None)
    kiosk.wait_for(Phase.ERROR)
    kiosk.phases.clear()
    window = kiosk.window
    screens: list[object] = []
    window.stack.currentChanged.connect(lambda i: screens.append(window.stack.widget(i)))
    window.error.retry_button.click()
    kiosk.wait_for(Phase.ERROR)  # the key is still wrong
    assert kiosk.phases == [Phase.STARTING, Phase.ERROR]
    assert screens == [window.starting, window.error]


def test_link_to_an_unexpected_host_is_never_drawn(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    with SandboxServer(make_config(), public_url="http://10.99.0.1:8765") as elsewhere:
        kiosk = make_kiosk(sandbox=elsewhere, trusted=[elsewhere.local_url])
        kiosk.play(None)
        kiosk.wait_for(Phase.ERROR)
        assert kiosk.state.error is ErrorKind.UNTRUSTED_URL
        assert Phase.QR not in kiosk.phases
        assert kiosk.window.qr.qr.matrix is None
        assert "10.99.0.1:8765" in kiosk.window.error.detail.text()
        assert "/flow/" not in visible_texts(kiosk.window)


@pytest.mark.parametrize(
    ("body", "words"),
    [(b"<html>proxy login</html>", "not JSON"), (b'{"sessionId": 5}', "lacks sessionId")],
)
def test_a_response_it_cannot_read_gets_its_screen(
    make_kiosk: Callable[..., Kiosk], body: bytes, words: str
) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    kiosk = make_kiosk(transport=transport)
    kiosk.play(None)
    kiosk.wait_for(Phase.ERROR)
    assert kiosk.state.error is ErrorKind.UNREADABLE
    assert words in kiosk.window.error.detail.text()


@pytest.fixture
def stalling_server() -> Iterator[str]:
    """A loopback server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    done = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not done.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    done.set()
    thread.join(5)
    for conn in accepted:
        conn.close()
    listener.close()


def reach(kiosk: Kiosk, phase: Phase) -> None:
    if phase is Phase.IDLE:
        return
    if phase is Phase.ERROR:
        kiosk.controller.crash("test")
    else:
        kiosk.play("pass" if phase is Phase.RESULT else None)
    kiosk.wait_for(phase)


@pytest.mark.parametrize("phase", [Phase.IDLE, Phase.QR, Phase.RESULT, Phase.ERROR])
def test_quitting_in_any_phase_leaves_no_thread(
    make_kiosk: Callable[..., Kiosk], phase: Phase
) -> None:
    kiosk = make_kiosk()
    reach(kiosk, phase)
    kiosk.controller.shutdown()
    assert kiosk.controller.threads == []
    kiosk.controller.shutdown()  # idempotent


def test_quitting_while_the_server_stalls_is_bounded_by_the_timeout(
    make_kiosk: Callable[..., Kiosk], stalling_server: str
) -> None:
    kiosk = make_kiosk(
        base_url=stalling_server, timeout=httpx.Timeout(0.5), trusted=[stalling_server]
    )
    kiosk.play(None)
    assert kiosk.state.phase is Phase.STARTING
    assert kiosk.controller.threads  # the worker is inside the hanging request
    kiosk.controller.shutdown()
    assert kiosk.controller.threads == []


def test_quitting_mid_progress(
    make_kiosk: Callable[..., Kiosk], gui_sandbox: SandboxServer
) -> None:
    gui_sandbox.app.state.store.step_seconds = 5
    kiosk = make_kiosk()
    kiosk.play("pass")
    kiosk.wait_for(Phase.PROGRESS, timeout=15_000)
    kiosk.controller.shutdown()
    assert kiosk.controller.threads == []
    kiosk.controller.start()  # after shutdown nothing starts again
    assert kiosk.state.phase is Phase.PROGRESS
    assert kiosk.controller.threads == []


def test_sandbox_marker_is_on_screen(kiosk: Kiosk) -> None:
    assert kiosk.window.sandbox_badge.isVisible()
    assert kiosk.window.sandbox_badge.text() == "SANDBOX"


def test_a_crash_elsewhere_becomes_a_recoverable_screen(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = make_kiosk(options=ControllerOptions(tick_ms=50))
    kiosk.controller.crash("ZeroDivisionError: division by zero")
    assert kiosk.state.phase is Phase.ERROR
    assert kiosk.window.error.title.text() == "Something went wrong"
    kiosk.window.error.back_button.click()
    assert kiosk.state.phase is Phase.IDLE


def test_quitting_with_an_ending_on_screen(kiosk: Kiosk) -> None:
    kiosk.play("expire")
    kiosk.wait_for(Phase.ENDED)
    kiosk.controller.shutdown()
    assert kiosk.controller.threads == []


def test_uncaught_exceptions_become_the_error_screen(kiosk: Kiosk) -> None:
    import sys

    from kiosk.crashsignal import route_crashes

    restore = route_crashes(kiosk.controller.crash)
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        restore()
    assert kiosk.state.phase is Phase.ERROR
    assert kiosk.state.error is ErrorKind.INTERNAL
    assert "RuntimeError: boom in a slot" in kiosk.window.error.detail.text()


def test_a_backend_that_cannot_start_gives_the_error_screen(qtbot: QtBot) -> None:
    from dataclasses import replace
    from pathlib import Path

    from kiosk.backend import BackendStarter
    from kiosk.config import KioskConfig
    from kiosk.core.settings import DEFAULTS
    from kiosk.sessions import runner_factory
    from kiosk.ui.controller import KioskController
    from kiosk.ui.window import KioskWindow

    def broken() -> Backend:
        raise OSError("[Errno 98] Address already in use")

    starter = BackendStarter(broken)
    settings = replace(DEFAULTS, scopes=("liveness",), poll_interval=1, ttl_sec=60)
    config = KioskConfig(settings, Path("unused-settings.toml"))
    controller = KioskController(runner_factory(starter, config))
    window = KioskWindow(controller, sandbox=True)
    qtbot.addWidget(window)
    controller.start()
    wait_for_phase(qtbot, controller, Phase.ERROR)
    assert "Address already in use" in window.error.detail.text()
    controller.shutdown()
    starter.close()
