"""A second hostile-server review of the client (after issue 9, points 8-12): what still broke.

Each test names the attack; each failed on the code before its fix.
"""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.errors import RateLimited, ServerError, UnreadableResponse
from kiosk.core.models import SessionStatus
from kiosk.core.poller import PollPolicy, SessionRunner
from kiosk.core.state import ActiveSession, ErrorKind, KioskState, Phase
from kiosk.core.verdict import Thresholds, decide
from kiosk.core.wire import NotJson, loads
from kiosk.ui.controller import ControllerOptions, KioskController
from kiosk.ui.screens.result import ResultScreen
from tests.gui.harness import wait_for_phase
from tests.security.hostile import (
    APP_KEY,
    TOKEN,
    assert_clean,
    create_then,
    created,
    done_status,
    run_verify,
    send_json,
    serving,
    session_then,
    verify_clean,
)

# --- Lone surrogates: JSON's "\ud800" escape gives a str no UTF-8 stream can encode ----------


def _created_with_id(session_id: bytes) -> Callable[[str], bytes]:
    """A create answer whose session id is ``session_id`` as written in JSON (escapes kept)."""

    def create(base: str) -> bytes:
        url = f"{base}/flow/{TOKEN}".encode()
        return b'{"sessionId":"%s","token":"%s","url":"%s"}' % (session_id, TOKEN.encode(), url)

    return create


def test_verify_prints_a_session_id_with_a_lone_surrogate() -> None:
    # Before: "error: unexpected failure (UnicodeEncodeError ...)", exit 4 on a passing session.
    create = _created_with_id(b"s\\ud800x")
    run = verify_clean(create_then(create, done_status()), "--no-qr")
    assert run.code == 0, run.out + run.err
    assert "Session s?x created" in run.out
    assert "VERDICT: PASS" in run.out


def test_verify_prints_a_server_message_with_a_lone_surrogate() -> None:
    run = verify_clean(create_then(created, b'{"message":"bad \\udc00 thing"}', 400), "--no-qr")
    assert run.code == 4, run.out + run.err
    assert "bad ? thing" in run.err  # before: "bad \udc00 thing", a raw escape on the terminal


def test_verify_prints_a_status_with_a_lone_surrogate() -> None:
    # An unknown status keeps the session going: the printer must survive it until the timeout.
    run = verify_clean(
        create_then(created, b'{"status":"D\\ud800"}'), "--no-qr", "--timeout", "1.5"
    )
    assert "unexpected failure" not in run.err
    assert "status D?" in run.out
    assert run.code == 4


def test_a_token_with_a_lone_surrogate_is_an_unreadable_answer() -> None:
    # Before: quoting it for the status path raised UnicodeEncodeError ("unexpected failure").
    def create(base: str) -> bytes:
        return b'{"sessionId":"s","token":"tok-012345\\ud800","url":"%s/flow/x"}' % base.encode()

    run = verify_clean(create_then(create, done_status()), "--no-qr")
    assert run.code == 4, run.out + run.err
    assert "token is too long or not printable" in run.err


def test_every_server_string_in_a_status_can_be_encoded_and_recorded() -> None:
    # The journal binds these to SQLite and the log writes them as UTF-8: both raised on "\ud800".
    body = loads(
        b'{"status":"DONE\\ud800","scopes":["liveness\\udfff"],"result":{'
        b'"search":{"similarity":0.9,"templateId":"t\\ud800"},'
        b'"enroll":{"templateId":"e\\udc00"},"quality":{"q\\ud800":{"fine":false}}}}'
    )
    status = SessionStatus.from_wire(body)
    assert status.result is not None and status.result.search is not None
    strings = [status.raw_status, *status.scopes, *status.result.quality]
    strings += [status.result.search.template_id or "", status.result.enroll_template_id or ""]
    for text in strings:
        text.encode("utf-8")  # raises on a surrogate
    assert "?" in status.raw_status


def test_verify_on_a_latin1_terminal_does_not_crash_on_server_text() -> None:
    # A check mark in a session id (or a QR code's block characters) cannot be encoded in
    # Latin-1: before, the command died with "unexpected failure" on a passing session.
    create = _created_with_id(b"s\\u2713")
    run = verify_clean(create_then(create, done_status()), encoding="latin-1")
    assert run.code == 0, run.out + run.err
    assert "VERDICT: PASS" in run.out


# --- 9,000 quality items: one label each froze the GUI thread for minutes ----------------------

FLOOD = {
    "status": "DONE",
    "scopes": ["liveness"],
    "result": {
        "liveness": {"fine": True, "score": 0.9},
        "quality": {
            "blur": {"fine": False},
            "leftEyeClosed": {"fine": False},
            "rightEyeClosed": {"fine": False},
            **{f"Call 555-0100 to finish {i}": {"fine": False} for i in range(9000)},
        },
    },
}


def test_a_flood_of_quality_warnings_gives_a_few_fixed_tips() -> None:
    verdict = decide(SessionStatus.from_wire(FLOOD), ["liveness"])
    assert verdict.passed  # advice never changes the verdict
    assert len(verdict.advice) <= 9, len(verdict.advice)  # before: 9,003 tips
    assert len(set(verdict.advice)) == len(verdict.advice)
    assert not any("555" in tip for tip in verdict.advice)  # no server words on the screen
    assert "The photo was blurry." in verdict.advice


def test_the_result_screen_stays_small_under_a_quality_flood(qtbot: QtBot) -> None:
    screen = ResultScreen(Thresholds())
    qtbot.addWidget(screen)
    verdict = decide(SessionStatus.from_wire(FLOOD), ["liveness"])
    started = time.monotonic()
    screen.show_state(KioskState(phase=Phase.RESULT, verdict=verdict))
    assert screen.reasons.count() <= 9
    assert time.monotonic() - started < 2.0  # before: 237 s for 9,003 labels


# --- A session the server never ends -----------------------------------------------------------

FAST = PollPolicy(interval=0.05, active_interval=0.05, overrun_grace=0.3, give_up_after=5)


class _Recorder:
    def __init__(self) -> None:
        self.failures: list[tuple[ErrorKind, str]] = []
        self.statuses = 0

    def created(self, session: ActiveSession) -> None:
        pass

    def status(self, status: SessionStatus) -> None:
        self.statuses += 1

    def trouble(self, message: str) -> None:
        pass

    def failed(self, kind: ErrorKind, message: str) -> None:
        self.failures.append((kind, message))


def _flipping(path: str, conn: socket.socket, stop: threading.Event) -> None:
    # IN_PROGRESS, then back to CREATED (which re-arms the kiosk's walk-away timer), for ever.
    _flipping.count = getattr(_flipping, "count", 0) + 1  # type: ignore[attr-defined]
    flip = _flipping.count % 2  # type: ignore[attr-defined]
    send_json(conn, {"status": "IN_PROGRESS" if flip else "CREATED", "nextStep": "LIVENESS"})


def test_a_session_that_never_ends_is_given_up_after_its_lifetime() -> None:
    with serving(session_then(_flipping)) as server:
        client = VerificationClient(server.url, Credentials("x", APP_KEY))
        runner = SessionRunner(
            client, scopes=("liveness",), trusted_origins=[server.url], ttl_sec=0.5, policy=FAST
        )
        listener = _Recorder()
        started = time.monotonic()
        with client:
            runner.run(listener, threading.Event())  # before: never returned
        took = time.monotonic() - started
    assert listener.statuses > 0
    assert [kind for kind, _ in listener.failures] == [ErrorKind.SESSION_LOST]
    assert "never ended" in listener.failures[0][1]
    assert took < 0.5 + 0.3 + 2.0, took


def test_the_kiosk_leaves_a_session_that_never_ends(qtbot: QtBot) -> None:
    with serving(session_then(_flipping)) as server:
        client = VerificationClient(server.url, Credentials("x", APP_KEY))

        def make_runner() -> SessionRunner:
            return SessionRunner(
                client, scopes=("liveness",), trusted_origins=[server.url], ttl_sec=0.5, policy=FAST
            )

        controller = KioskController(make_runner, ControllerOptions(tick_ms=50))
        try:
            controller.start()
            wait_for_phase(qtbot, controller, Phase.ERROR, timeout=8000)
            assert controller.state.error is ErrorKind.SESSION_LOST
        finally:
            controller.shutdown()
            client.close()


# --- Quitting while the operator's connection check waits on a stalled server -----------------

_QUIT_DURING_CHECK = """
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from tests.security.hostile import APP_KEY, serving, stall
from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.connection import check_connection
from kiosk.ui.worker import ConnectionCheck

app = QApplication([])
with serving(lambda method, path, conn, stop: stall(conn, stop)) as server:
    client = VerificationClient(server.url, Credentials("x", APP_KEY))
    window = QWidget()  # the operator panel's owner: destroyed on the way out, like kiosk.app
    check = ConnectionCheck(lambda: check_connection(client), window)
    check.start()
    QTimer.singleShot(300, app.quit)
    app.exec()
    del check
    del window  # before: "QThread: Destroyed while thread is still running", SIGABRT
    client.close()
print("clean exit")
"""


@pytest.mark.e2e
def test_quitting_during_a_connection_check_does_not_abort() -> None:
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _QUIT_DURING_CHECK.format(root=root)],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    took = time.monotonic() - started
    err = proc.stderr.decode("utf-8", "replace")
    assert "Destroyed while thread" not in err
    assert proc.returncode == 0, err[-2000:]
    assert b"clean exit" in proc.stdout
    assert took < 15, took  # the check's 15 s bound was the only way out before


# --- The APP-KEY echoed back where the message quotes a header ---------------------------------


@pytest.mark.parametrize(
    "head",
    [
        f"Content-Type: text/plain; key={APP_KEY}",
        # Cut at 60 characters, the key was only partly there, so no mask could find it.
        f"Content-Type: application/json; charset=utf-8; echo={APP_KEY}",
        f"Content-Encoding: {APP_KEY}",
    ],
)
def test_an_app_key_echoed_in_a_header_is_masked(head: str) -> None:
    def respond(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        answer = f"HTTP/1.1 200 OK\r\n{head}\r\nContent-Length: 5\r\nConnection: close\r\n\r\n"
        conn.sendall(answer.encode() + b"hello")

    with (
        serving(respond) as server,
        VerificationClient(server.url, Credentials("x", APP_KEY)) as client,
        pytest.raises(UnreadableResponse) as caught,
    ):
        client.get_status(TOKEN)
    message = caught.value.message
    pieces = {APP_KEY[i : i + 8] for i in range(len(APP_KEY) - 7)}
    assert not any(piece in message for piece in pieces), message


def test_an_app_key_echoed_in_an_error_body_is_masked() -> None:
    body = {"message": "x" * 250 + f" key {APP_KEY} refused"}
    with (
        serving(lambda m, p, conn, s: send_json(conn, body, 503)) as server,
        VerificationClient(server.url, Credentials("x", APP_KEY)) as client,
        pytest.raises(ServerError) as caught,
    ):
        client.get_status(TOKEN)
    assert APP_KEY[:8] not in caught.value.message


# --- Smaller ones -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b'{"status":"FAILED","status":"DONE"}',
        b'{"status":"DONE","result":{"liveness":{"fine":false,"fine":true,"score":0.9}}}',
    ],
)
def test_a_key_named_twice_is_refused(body: bytes) -> None:
    # Python keeps the last copy, other parsers the first: a proxy or hub that checked one
    # reading would hand the kiosk the other.
    with pytest.raises(NotJson, match="same key twice"):
        loads(body)


def test_a_negative_zero_score_is_zero() -> None:
    status = SessionStatus.from_wire(
        loads(b'{"status":"DONE","result":{"liveness":{"fine":true,"score":-0.0}}}')
    )
    assert status.result is not None and status.result.liveness is not None
    score = status.result.liveness.score
    assert score == 0.0 and math.copysign(1.0, score) == 1.0  # printed "-0.000" before


@pytest.mark.parametrize("value", ["inf", "Infinity", "1e400", "nan", "-1"])
def test_a_retry_after_that_is_no_number_of_seconds_is_ignored(value: str) -> None:
    def respond(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(
            f"HTTP/1.1 429 X\r\nRetry-After: {value}\r\nContent-Length: 0\r\n\r\n".encode()
        )

    with (
        serving(respond) as server,
        VerificationClient(server.url, Credentials("x", APP_KEY)) as client,
        pytest.raises(RateLimited) as caught,
    ):
        client.get_status(TOKEN)
    assert caught.value.retry_after is None
    assert "inf" not in caught.value.message  # "retry after inf s" before


@pytest.mark.parametrize(
    "option", [("--timeout", "nan"), ("--timeout", "inf"), ("--ttl", "nan"), ("--ttl", "-5")]
)
def test_verify_refuses_numbers_that_bound_nothing(option: tuple[str, str]) -> None:
    # --timeout nan fired at once; inf made the timer thread raise OverflowError (no bound).
    run = run_verify("http://127.0.0.1:9", "--no-qr", *option, timeout=30)
    assert_clean(run)
    assert run.code == 2, run.out + run.err
