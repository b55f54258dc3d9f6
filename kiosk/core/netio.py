"""Sockets whose every wait honours the current :mod:`~kiosk.core.deadline` budget.

httpcore reads a socket with one timeout per ``recv`` (and takes that timeout once per response),
so neither a total deadline nor a stop from another thread can reach a request in flight. This
network backend waits in slices of at most :data:`~kiosk.core.deadline.SLICE_SECONDS` instead:
between slices it checks the stop event and the deadline, so a worker told to stop leaves a stalled
or dripping server within about a tenth of a second, and no call outlives its deadline. Closing the
socket from another thread was the alternative; it races with the pool reusing the connection and
does not interrupt a connect, while a slice costs nothing on a healthy link (the data is there).

Name resolution (``getaddrinfo``) stays a single blocking call: the C library offers no way to
interrupt it. Everything after it (connect, TLS handshake, reads and writes) is sliced.
"""

from __future__ import annotations

import errno
import os
import select
import socket
import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from kiosk.core.deadline import Budget, current

_WSAEWOULDBLOCK = 10035  # Windows' "in progress" answer to a non-blocking connect


def _end(timeout: float | None) -> float | None:
    return None if timeout is None else time.monotonic() + timeout


def _wait(budget: Budget, end: float | None, timeout_error: type[Exception]) -> float:
    """The next slice to wait, or raise ``timeout_error`` once ``end`` or the deadline passed."""
    wait = budget.slice(end)
    if wait <= 0:
        raise timeout_error("the call ran out of time")
    return wait


class AbortableStream(httpcore.NetworkStream):
    """A plain or TLS socket read and written in slices (see the module's docstring)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        budget, end = current(), _end(timeout)
        while True:
            self._sock.settimeout(_wait(budget, end, httpcore.ReadTimeout))
            try:
                return self._sock.recv(max_bytes)
            except TimeoutError:
                continue  # a slice ran out; the socket (and a TLS record in progress) is intact
            except OSError as exc:
                raise httpcore.ReadError(str(exc)) from exc

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        budget, end = current(), _end(timeout)
        view = memoryview(buffer)
        while view:
            self._sock.settimeout(_wait(budget, end, httpcore.WriteTimeout))
            try:
                view = view[self._sock.send(view) :]
            except TimeoutError:
                continue
            except OSError as exc:
                raise httpcore.WriteError(str(exc)) from exc

    def close(self) -> None:
        self._sock.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        budget, end = current(), _end(timeout)
        tls: ssl.SSLSocket | None = None
        try:
            tls = ssl_context.wrap_socket(
                self._sock, server_hostname=server_hostname, do_handshake_on_connect=False
            )
            while True:
                tls.settimeout(_wait(budget, end, httpcore.ConnectTimeout))
                try:
                    tls.do_handshake()
                    break
                except TimeoutError:
                    continue  # OpenSSL keeps the handshake's state; the next call resumes it
        except OSError as exc:
            # wrap_socket moved the descriptor into ``tls`` (the plain socket is detached).
            (tls or self._sock).close()
            raise httpcore.ConnectError(str(exc)) from exc
        except BaseException:
            (tls or self._sock).close()
            raise
        return AbortableStream(tls)

    def get_extra_info(self, info: str) -> Any:
        if info == "ssl_object" and isinstance(self._sock, ssl.SSLSocket):
            return self._sock._sslobj  # type: ignore[attr-defined]
        if info == "client_addr":
            return self._sock.getsockname()
        if info == "server_addr":
            return self._sock.getpeername()
        if info == "socket":
            return self._sock
        if info == "is_readable":
            # An idle kept-alive connection that is readable was closed (or garbled) by the peer.
            try:
                readable, _, _ = select.select([self._sock], [], [], 0)
            except (OSError, ValueError):
                return True
            return bool(readable)
        return None


class AbortableBackend(httpcore.NetworkBackend):
    """httpcore's network backend with sliced, stoppable connects (see the module's docstring)."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        budget, end = current(), _end(timeout)
        budget.check()
        try:
            addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        for family, kind, proto, _, address in addresses:
            sock = socket.socket(family, kind, proto)
            try:
                if local_address is not None:
                    sock.bind((local_address, 0))
                self._connect(sock, address, budget, end)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                for option in socket_options or ():
                    sock.setsockopt(*option)
            except OSError as exc:
                sock.close()
                error = httpcore.ConnectError(str(exc))
                continue
            except BaseException:
                sock.close()
                raise
            return AbortableStream(sock)
        raise error

    @staticmethod
    def _connect(sock: socket.socket, address: Any, budget: Budget, end: float | None) -> None:
        sock.setblocking(False)
        code = sock.connect_ex(address)
        if code not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EAGAIN, _WSAEWOULDBLOCK):
            raise OSError(code, os.strerror(code))
        while code != 0:
            _, writable, _ = select.select(
                [], [sock], [], _wait(budget, end, httpcore.ConnectTimeout)
            )
            if writable:
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if code:
                    raise ConnectionRefusedError(code, f"connect failed (errno {code})")
                break
        sock.setblocking(True)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class AbortableTransport(httpx.HTTPTransport):
    """httpx's default transport (TLS verified, HTTP/1.1) over :class:`AbortableBackend`.

    httpx does not take a network backend in its constructor, so the connection pool it built is
    replaced by an identical one that has ours; ``tests/security`` checks that this holds.
    """

    def __init__(self, *, verify: ssl.SSLContext | bool = True) -> None:
        super().__init__(verify=verify)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify),
            network_backend=AbortableBackend(),
        )
