"""The embedded sandbox's port: a busy one is noticed on every platform and another is taken."""

from __future__ import annotations

import errno
import socket
from collections.abc import Iterator

import pytest

from kiosk.backend import BackendConfig, open_backend
from kiosk.sandbox.server import SandboxServer, listening_options
from tests.conftest import make_config


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port another program listens on (with SO_REUSEADDR, as uvicorn sets it)."""
    with socket.socket() as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield int(other.getsockname()[1])


def test_windows_binds_exclusively_and_posix_keeps_reuseaddr() -> None:
    (windows,) = listening_options("win32")
    # Winsock's SO_EXCLUSIVEADDRUSE is ~SO_REUSEADDR (-5); SO_REUSEADDR there would let a
    # second socket share a port that is in use.
    assert windows == (socket.SOL_SOCKET, getattr(socket, "SO_EXCLUSIVEADDRUSE", -5), 1)
    for platform in ("linux", "darwin"):
        assert listening_options(platform) == [(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)]


def test_a_busy_port_is_refused(busy_port: int) -> None:
    with pytest.raises(OSError) as refused:  # noqa: PT011 - the message is the OS's own words
        SandboxServer(make_config(), host="127.0.0.1", port=busy_port)
    # Windows answers WSAEACCES to a bind that exclusive use forbids.
    assert refused.value.errno in (errno.EADDRINUSE, errno.EACCES)


def test_the_kiosk_takes_a_free_port_when_its_own_is_busy(busy_port: int) -> None:
    backend = open_backend(BackendConfig(None, port=busy_port, step_seconds=0.05))
    try:
        assert backend.base_url.startswith("http://127.0.0.1:")
        assert not backend.base_url.endswith(f":{busy_port}")
    finally:
        backend.close()


def test_a_stopped_sandboxs_port_can_be_taken_again_at_once() -> None:
    # What SO_REUSEADDR is kept for on POSIX: connections of the last one in TIME_WAIT.
    first = SandboxServer(make_config()).start()
    port = first.port
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        while client.recv(65536):  # the server closes first: its side waits in TIME_WAIT
            pass
    first.stop()
    second = SandboxServer(make_config(), port=port)
    try:
        assert second.port == port
    finally:
        second.stop()
