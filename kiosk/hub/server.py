"""Run the hub: in a background thread (tests, benchmarks) or in the foreground (``kiosk hub
serve``), on a socket bound before the server starts (port 0 picks a free one).

The sandbox's connection hardening applies (``kiosk.sandbox.connections``: header, body and
send deadlines, a connection cap, rate-limited accept errors). TLS is optional (certificate
and key files); behind a reverse proxy that terminates TLS, the hub listens on plain HTTP.

Stopping is graceful: the listener closes, every open event stream is ended at once (its kiosk
reconnects, to another hub behind the same address if there is one, and re-reads the status),
requests in flight get ``graceful_seconds`` to finish, then the poll tasks stop.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Iterator
from typing import Self

import uvicorn
from fastapi import FastAPI

from kiosk.hub.app import HubConfig, create_app
from kiosk.hub.store import HubStore
from kiosk.hub.tracker import Sessions
from kiosk.sandbox.connections import ACCEPT_BURST, connection_cap, guarded_protocol
from kiosk.sandbox.server import _Server, listening_options

log = logging.getLogger(__name__)

STARTUP_TIMEOUT = 10.0


class _HubUvicorn(_Server):
    """uvicorn's server that ends the event streams before it waits for open requests."""

    sessions: Sessions | None = None

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # uvicorn raises a captured SIGTERM/SIGINT again after its graceful shutdown, so the
        # process died by the signal; the hub has stopped cleanly by then: it exits 0.
        with super().capture_signals():
            try:
                yield
            finally:
                self._captured_signals.clear()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self.sessions is not None:
            ended = self.sessions.end_streams()
            if ended:
                log.info("stopping: ended %d event stream(s)", ended)
        await super().shutdown(sockets=sockets)


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class HubServer:
    """A hub listening on ``host:port``.

    Args:
        config: the hub's behaviour; ``public_url`` is filled in from the bound address when
            empty.
        store: the migrated store (closed by the caller after :meth:`stop`).
        certfile / keyfile: serve HTTPS with this certificate and key.
        graceful_seconds: how long requests in flight may finish when stopping.
    """

    def __init__(
        self,
        config: HubConfig,
        store: HubStore,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        certfile: str | None = None,
        keyfile: str | None = None,
        graceful_seconds: float = 5.0,
    ) -> None:
        self.config = config
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.socket(family, socket.SOCK_STREAM)
        for level, option, value in listening_options():
            self._socket.setsockopt(level, option, value)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # see the sandbox
        try:
            self._socket.bind((host, port))
            self._socket.listen(2048)
        except OSError:
            self._socket.close()
            raise
        self.host = host
        self.port: int = self._socket.getsockname()[1]
        scheme = "https" if certfile else "http"
        local_host = "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104
        self.local_url = f"{scheme}://{_bracket(local_host)}:{self.port}"
        if not config.public_url:
            config.public_url = f"{scheme}://{_bracket(local_host)}:{self.port}"
        self.app: FastAPI = create_app(config, store)
        protocol = guarded_protocol(
            header_timeout=config.header_timeout,
            body_timeout=config.body_timeout,
            send_timeout=config.send_timeout,
            max_connections=connection_cap(config.max_connections),
        )
        self._server = _HubUvicorn(
            uvicorn.Config(
                self.app,
                http=protocol,
                backlog=ACCEPT_BURST,
                log_level="warning",
                access_log=False,
                lifespan="on",
                timeout_keep_alive=30,
                timeout_graceful_shutdown=max(1, round(graceful_seconds)),
                ssl_certfile=certfile,
                ssl_keyfile=keyfile,
                log_config=None,  # the hub's own logging (JSON, masked) stays in place
            )
        )
        self._server.sessions = self.app.state.sessions
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        """Serve in a background thread; returns once the server accepts connections."""
        if self._thread is not None:
            return self
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name="hub-server",
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
            raise RuntimeError(f"the hub did not start on {self.local_url}")
        log.info("hub listening on %s (callbacks via %s)", self.local_url, self.config.public_url)
        return self

    def serve_forever(self) -> None:
        """Serve on the calling thread until interrupted (Ctrl+C / SIGTERM)."""
        log.info("hub listening on %s (callbacks via %s)", self.local_url, self.config.public_url)
        self._server.run(sockets=[self._socket])
        log.info("hub stopped")

    def stop(self, timeout: float = 15.0) -> None:
        """Stop serving (gracefully, see the module's text) and wait. Idempotent."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._socket.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
