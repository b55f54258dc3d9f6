"""Issue 9, point 10: every call has an overall deadline, and a stop ends a call in flight."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.deadline import bounded
from kiosk.core.errors import Aborted, NetworkError
from kiosk.core.netio import AbortableBackend, AbortableTransport
from tests.security.hostile import APP_KEY, drip, run_verify, serving, session_then, stall

# A status line and headers that never end, one byte every 0.3 s: each read sees progress, so
# per-read timeouts never fire (today's build held `--timeout 3` for minutes).
ENDLESS_HEAD = b"HTTP/1.1 200 OK\r\n" + b"X-Pad: " + b"a" * 100_000


def drip_everything(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
    drip(conn, ENDLESS_HEAD, 0.3, stop)


@pytest.mark.parametrize("where", ["create", "status"])
def test_verify_timeout_is_a_hard_bound_against_a_dripping_server(where: str) -> None:
    respond = (
        drip_everything
        if where == "create"
        else session_then(lambda path, conn, stop: drip(conn, ENDLESS_HEAD, 0.3, stop))
    )
    with serving(respond) as server:
        run = run_verify(server.url, "--no-qr", "--timeout", "3", timeout=30)
    assert run.code == 4, run.out + run.err
    assert "no final status after 3 s" in run.err
    # The bound plus interpreter start-up and exit on a loaded machine; today: never returns.
    assert run.seconds < 3 + 2.5, run.seconds


def test_each_call_has_an_overall_deadline() -> None:
    with serving(drip_everything) as server:
        client = VerificationClient(server.url, Credentials("x", APP_KEY), call_seconds=1.0)
        started = time.monotonic()
        with client, pytest.raises(NetworkError, match="in time"):
            client.get_status("token-abcdef")
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("behaviour", ["stall", "drip"])
def test_a_stop_ends_the_call_in_flight(behaviour: str) -> None:
    def respond(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        if behaviour == "stall":
            stall(conn, stop)
        else:
            drip(conn, ENDLESS_HEAD, 0.3, stop)

    outcome: list[BaseException] = []
    stop = threading.Event()

    def call(client: VerificationClient) -> None:
        with bounded(stop=stop):
            try:
                client.get_status("token-abcdef")
            except Exception as exc:
                outcome.append(exc)

    with serving(respond) as server:
        client = VerificationClient(server.url, Credentials("x", APP_KEY))
        with client:
            thread = threading.Thread(target=call, args=(client,), daemon=True)
            thread.start()
            deadline = time.monotonic() + 5
            while not server.requests and time.monotonic() < deadline:
                time.sleep(0.01)
            assert server.requests, "the request never arrived"
            stopped_at = time.monotonic()
            stop.set()
            thread.join(5)
            elapsed = time.monotonic() - stopped_at
    assert not thread.is_alive()
    assert elapsed < 1.0, elapsed
    assert len(outcome) == 1 and isinstance(outcome[0], Aborted), outcome


def test_the_default_transport_uses_the_abortable_backend() -> None:
    """httpx takes no network backend; if its internals change, this says so at once."""
    transport = AbortableTransport()
    pool = transport._pool
    assert isinstance(pool._network_backend, AbortableBackend)
    transport.close()
