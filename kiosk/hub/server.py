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
from collections.abc import Iterator

import uvicorn
from fastapi import FastAPI

from kiosk.hub.app import HubConfig, create_app
from kiosk.hub.store import HubStore
from kiosk.hub.tracker import Sessions
from kiosk.sandbox.connections import ACCEPT_BURST, connection_cap, guarded_protocol
from kiosk.sandbox.server import ThreadedServer, _Server, bound_listener, url_host

log = logging.getLogger(__name__)


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


class HubServer(ThreadedServer):
    """A hub listening on ``host:port``.

    Args:
        config: the hub's behaviour; ``public_url`` is filled in from the bound address when
            empty.
        store: the migrated store (closed by the caller after :meth:`stop`).
        certfile / keyfile: serve HTTPS with this certificate and key.
        graceful_seconds: how long requests in flight may finish when stopping.
    """

    what = "hub"
    STOP_TIMEOUT = 15.0  # the graceful window and the poll tasks' ending

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
        self._socket = bound_listener(host, port)
        self.host = host
        self.port: int = self._socket.getsockname()[1]
        scheme = "https" if certfile else "http"
        local_host = "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104
        self.local_url = f"{scheme}://{url_host(local_host)}:{self.port}"
        if not config.public_url:
            config.public_url = f"{scheme}://{url_host(local_host)}:{self.port}"
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

    def _listening(self) -> str:
        return f"hub listening on {self.local_url} (callbacks via {self.config.public_url})"

    def serve_forever(self) -> None:
        """Serve on the calling thread until interrupted (Ctrl+C / SIGTERM)."""
        log.info("%s", self._listening())
        super().serve_forever()
        log.info("hub stopped")
