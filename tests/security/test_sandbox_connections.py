"""Issue 9, point 4: slow or half-open clients are cut off, connections are capped, and running
out of descriptors does not flood the log."""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import tempfile
import time
from collections.abc import Iterator

import httpx
import pytest

from kiosk.sandbox.connections import AcceptErrorLog
from kiosk.sandbox.process import running_sandbox
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, make_config
from tests.security.sandbox_support import address_of

pytestmark = pytest.mark.e2e

HEADER_TIMEOUT = 1.0


@pytest.fixture
def strict() -> Iterator[SandboxServer]:
    """A sandbox that gives clients one second for headers and one for a body."""
    config = make_config(header_timeout=HEADER_TIMEOUT, body_timeout=HEADER_TIMEOUT)
    with SandboxServer(config) as server:
        yield server


def closed_within(sock: socket.socket, seconds: float) -> float | None:
    """Seconds until the server closed ``sock`` (EOF or reset), or None if it did not."""
    start = time.monotonic()
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return None
    except ConnectionResetError:
        pass
    return time.monotonic() - start


def test_half_sent_headers_are_closed_after_the_header_timeout(strict: SandboxServer) -> None:
    sockets = [socket.create_connection(address_of(strict.local_url)) for _ in range(20)]
    try:
        for sock in sockets[:10]:
            sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no blank line
        # the other ten send nothing at all
        for sock in sockets:
            elapsed = closed_within(sock, HEADER_TIMEOUT + 4)
            assert elapsed is not None, "the server kept a half-open connection"
    finally:
        for sock in sockets:
            sock.close()


def test_dripping_headers_do_not_extend_the_deadline(strict: SandboxServer) -> None:
    with socket.create_connection(address_of(strict.local_url)) as sock:
        start = time.monotonic()
        sock.settimeout(0.2)
        closed = False
        request = b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100
        for byte in request:  # one byte every 0.2 s: would take 20 s
            try:
                sock.sendall(bytes([byte]))
                if sock.recv(1) == b"":
                    closed = True
                    break
            except TimeoutError:
                continue
            except OSError:
                closed = True
                break
        assert closed
        assert time.monotonic() - start < HEADER_TIMEOUT + 3


def test_a_stalled_body_is_closed_after_the_body_timeout(strict: SandboxServer) -> None:
    with socket.create_connection(address_of(strict.local_url)) as sock:
        sock.sendall(
            b"POST /api/v1.0/flow/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"APP-ID: {APP_ID}\r\nAPP-KEY: {APP_KEY}\r\n".encode()
            + b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
        )
        assert closed_within(sock, HEADER_TIMEOUT + 4) is not None


def test_prompt_clients_and_keep_alive_still_work(strict: SandboxServer) -> None:
    with httpx.Client(base_url=strict.local_url, timeout=5) as http:
        for _ in range(3):
            assert http.get("/openapi.json").status_code == 200
        # An idle kept-alive connection is the keep-alive timeout's business, not the header
        # timeout's: after a pause, the same client is served again.
        time.sleep(HEADER_TIMEOUT + 0.5)
        assert http.get("/openapi.json").status_code == 200


def test_connections_over_the_cap_get_503_and_the_log_stays_small(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    config = make_config(max_connections=8, header_timeout=30)
    with SandboxServer(config) as server:
        assert server.max_connections == 8
        held = [socket.create_connection(address_of(server.local_url)) for _ in range(8)]
        try:
            _wait_for(lambda: len(server._server.server_state.connections) == 8)
            answers = []
            for _ in range(200):
                with socket.create_connection(address_of(server.local_url), timeout=5) as extra:
                    try:
                        answers.append(extra.recv(4096))
                    except ConnectionResetError:
                        answers.append(b"")
            assert all(a.startswith(b"HTTP/1.1 503") or a == b"" for a in answers)
            assert any(a.startswith(b"HTTP/1.1 503") for a in answers)
        finally:
            for sock in held:
                sock.close()
        _wait_for(lambda: len(server._server.server_state.connections) == 0)
        assert httpx.get(server.local_url + "/openapi.json", timeout=5).status_code == 200
    assert len(caplog.records) <= 3, [r.getMessage() for r in caplog.records]


def test_at_the_descriptor_limit_the_log_stays_small() -> None:
    """300 idle connections against a process allowed 256 descriptors."""
    with tempfile.TemporaryFile() as log_file:
        with running_sandbox(
            APP_ID, APP_KEY, ["--header-timeout", "60"], stderr=log_file, max_open_files=256
        ) as sandbox:
            held = []
            try:
                for _ in range(300):
                    held.append(socket.create_connection(address_of(sandbox.url), timeout=5))
                # Give the server a moment to meet them all: poll until a new client is served
                # or refused at once, never stuck.
                with socket.create_connection(address_of(sandbox.url), timeout=5) as probe:
                    probe.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n")
                    assert probe.recv(12) in (b"HTTP/1.1 200", b"HTTP/1.1 503", b"")
            finally:
                for sock in held:
                    sock.close()
            deadline = time.monotonic() + 10
            while True:  # once the idle ones are gone, service is back
                try:
                    if httpx.get(sandbox.url + "/openapi.json", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "service did not come back"
        log_file.seek(0)
        log = log_file.read()
    assert b"Traceback" not in log
    assert len(log) < 4096, log[:2000]


def test_accept_errors_are_reported_once_per_interval(caplog: pytest.LogCaptureFixture) -> None:
    handler = AcceptErrorLog(interval=60)
    loop = asyncio.new_event_loop()
    try:
        context = {
            "message": "socket.accept() out of system resource",
            "exception": OSError(errno.EMFILE, "Too many open files"),
        }
        for _ in range(10_000):
            handler(loop, context)
    finally:
        loop.close()
    assert len(caplog.records) == 1
    assert "Too many open files" in caplog.records[0].getMessage()


def _wait_for(condition: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)
