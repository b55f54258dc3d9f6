"""Run the sandbox in a background thread (embedded in the kiosk or a test) or in the foreground.

The listening socket is bound before the server thread starts, so the port is known at once (port
0 picks a free one) and a port already in use fails in the caller with a clear error.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import socket
import sys
import threading
from typing import Self

import uvicorn
from fastapi import FastAPI

from kiosk.sandbox.app import SandboxConfig, create_app
from kiosk.sandbox.connections import (
    ACCEPT_BURST,
    AcceptErrorLog,
    connection_cap,
    guarded_protocol,
)
from kiosk.sandbox.egress import is_loopback_host
from kiosk.sandbox.lan import lan_addresses as lan_addresses  # the CLI's banner lists them
from kiosk.sandbox.lan import phone_address

log = logging.getLogger(__name__)

STARTUP_TIMEOUT = 10.0


def generate_credentials() -> tuple[str, str]:
    """A fresh APP-ID / APP-KEY pair for a sandbox started without given ones."""
    return f"sandbox-{secrets.token_hex(4)}", secrets.token_urlsafe(24)


class _Server(uvicorn.Server):
    """uvicorn's server with accept errors logged at a bounded rate (see ``connections.py``)."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        asyncio.get_running_loop().set_exception_handler(AcceptErrorLog())
        await super().startup(sockets=sockets)


def public_host_for(bind_host: str, lan_address: str = "") -> str:
    """The host to put in session URLs for a server bound to ``bind_host``; for a wildcard
    bind, ``lan_address`` (an IPv4 address or an interface name) if given, else the best guess
    (:mod:`kiosk.sandbox.lan`)."""
    if bind_host in ("0.0.0.0", "::", ""):  # noqa: S104 - mapping a wildcard bind, not binding
        return phone_address(lan_address)
    return bind_host


def listening_options(platform: str | None = None) -> list[tuple[int, int, int]]:
    """The ``setsockopt`` calls before binding the listener (``platform``: ``sys.platform``).

    POSIX: ``SO_REUSEADDR``, so a restarted sandbox can bind its port again while the last
    one's connections linger in TIME_WAIT; a port another socket listens on is still refused,
    and the kiosk then takes a free one. Windows gives ``SO_REUSEADDR`` another meaning: a
    socket that sets it may bind a port another one (that set it too, as uvicorn does) already
    listens on, and which of them gets each connection is undefined; even without it, a bind to
    one address may share the port of a wildcard bind. So "busy, take another" did not happen
    there, and the kiosk could answer on a port another program also holds.
    ``SO_EXCLUSIVEADDRUSE`` makes such a bind fail (Microsoft's advice for servers), and the
    kiosk takes a free port as on Linux.
    """
    if (platform or sys.platform) == "win32":
        # Winsock defines it as ~SO_REUSEADDR; Python has the name only on Windows.
        exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", ~4)
        return [(socket.SOL_SOCKET, exclusive, 1)]
    return [(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)]


def bound_listener(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` and listening (port 0 picks a free one); a port in
    use raises ``OSError`` here, in the caller, rather than in the server's thread."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    for level, option, value in listening_options():
        listener.setsockopt(level, option, value)
    # Connections accepted from a socket handed to uvicorn do not get TCP_NODELAY, and Nagle's
    # algorithm with delayed ACKs then adds ~40 ms to every response; accepted sockets inherit
    # the option from the listener.
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        listener.bind((host, port))
        # Listen at once: a client that connects before uvicorn's loop runs waits in the
        # backlog instead of being refused.
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    return listener


class ThreadedServer:
    """A uvicorn server on a bound socket, run in a daemon thread (:meth:`start`, as the kiosk
    and the tests do) or on the calling thread (:meth:`serve_forever`, as a command does).

    Subclasses set ``_server``, ``_socket`` and ``local_url`` and name themselves in ``what``.
    """

    what = "server"
    STOP_TIMEOUT = 10.0
    _server: uvicorn.Server
    _socket: socket.socket
    _thread: threading.Thread | None = None
    local_url: str

    def _listening(self) -> str:
        """The log line once it accepts connections."""
        return f"{self.what} listening on {self.local_url}"

    def start(self) -> Self:
        """Serve in a background thread; returns once the server accepts connections."""
        if self._thread is not None:
            return self
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name=f"{self.what}-server",
            daemon=True,
        )
        self._thread.start()
        waiting = threading.Event()
        for _ in range(int(STARTUP_TIMEOUT / 0.01)):
            if self._server.started or not self._thread.is_alive():
                break
            waiting.wait(0.01)
        if not self._server.started:
            self.stop()
            raise RuntimeError(f"the {self.what} did not start on {self.local_url}")
        log.info("%s", self._listening())
        return self

    def serve_forever(self) -> None:
        """Serve on the calling thread until interrupted (Ctrl+C / SIGTERM)."""
        self._server.run(sockets=[self._socket])

    def stop(self, timeout: float | None = None) -> None:
        """Stop serving and wait for the thread (``STOP_TIMEOUT`` by default). Idempotent."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(self.STOP_TIMEOUT if timeout is None else timeout)
            self._thread = None
        self._socket.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class SandboxServer(ThreadedServer):
    """A sandbox listening on ``host:port``, served by uvicorn in a daemon thread.

    Args:
        config: the sandbox's behaviour; ``public_base_url`` is filled in from the bound address
            unless ``public_url`` is given.
        host: address to bind; ``0.0.0.0`` makes it reachable from phones on the LAN.
        port: port to bind; 0 picks a free one.
        public_url: base URL phones should use, when the bound address is not it (a proxy, NAT).
        lan_address: for a wildcard ``host``, the address or interface name phones reach this
            machine at (the ``sandbox_address`` setting); empty: guessed.
        app: an application from an earlier server to serve again (its sessions survive), for
            restarting a sandbox on the same port.
    """

    what = "sandbox"

    def __init__(
        self,
        config: SandboxConfig,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        public_url: str | None = None,
        app: FastAPI | None = None,
        lan_address: str = "",
    ) -> None:
        self.config = config
        self._socket = bound_listener(host, port)
        self.host = host
        self.port: int = self._socket.getsockname()[1]
        local_host = "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104
        self.local_url = f"http://{url_host(local_host)}:{self.port}"
        config.public_base_url = (
            public_url.rstrip("/")
            if public_url
            else f"http://{url_host(public_host_for(host, lan_address))}:{self.port}"
        )
        # Private and loopback callback targets are allowed when nobody else can reach us.
        config.loopback_only = is_loopback_host(host)
        self.app = app if app is not None else create_app(config)
        self.max_connections = connection_cap(config.max_connections)
        protocol = guarded_protocol(
            header_timeout=config.header_timeout,
            body_timeout=config.body_timeout,
            send_timeout=config.send_timeout,
            max_connections=self.max_connections,
        )
        self._server = _Server(
            uvicorn.Config(
                self.app,
                http=protocol,
                # Also how many connections asyncio accepts per loop turn (see connections.py).
                backlog=ACCEPT_BURST,
                # Requests in flight, counted by uvicorn; connections are capped by `protocol`.
                limit_concurrency=self.max_connections + 1,
                log_level="warning",
                access_log=False,
                lifespan="on",
                # Keep a polling kiosk's connection alive across a slow poll interval.
                timeout_keep_alive=30,
                # A request held by an injected stall must not hold up stopping for long.
                timeout_graceful_shutdown=2,
            )
        )

    @property
    def public_url(self) -> str:
        """The base URL session links point under."""
        return self.config.public_base_url

    def _listening(self) -> str:
        return f"sandbox listening on {self.local_url} (public {self.public_url})"


def url_host(host: str) -> str:
    """``host`` as a URL writes it (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host else host
