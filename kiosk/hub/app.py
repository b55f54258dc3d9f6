"""The hub's HTTP application: the vendor's two API paths for kiosks, the event stream, the
upstream callbacks, and health and readiness.

Layers, outermost first: security headers (the sandbox's), the gate (``gate.py``: kiosk
credentials, body limits), FastAPI. Request validation and error shapes are the sandbox's, so a
kiosk sees the same 400/401/404/422/429 answers as from the sandbox or the vendor; failures of
upstream are 502/503/504 (``upstream.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections import Counter
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from kiosk import __version__
from kiosk.hub import dashboard, heartbeat, routes
from kiosk.hub.events import Subscriber
from kiosk.hub.fleet import make_sessions
from kiosk.hub.gate import HubGate
from kiosk.hub.ratelimit import RateLimiter
from kiosk.hub.store import HubStore, KioskRecord, StoreError
from kiosk.hub.tracker import Sessions, TrackerSettings
from kiosk.hub.upstream import Upstream
from kiosk.sandbox.app import SandboxApp, _validation_error, error
from kiosk.sandbox.headers import SecurityHeaders

if TYPE_CHECKING:
    from kiosk.hub.metrics import HubMetrics

log = logging.getLogger(__name__)


@dataclass
class HubConfig:
    """How a hub behaves.

    Attributes:
        upstream_url: the vendor's (or a sandbox's) base URL.
        upstream_app_id / upstream_key: the account's one APP-ID / APP-KEY (never shown).
        public_url: the base URL upstream's callbacks reach the hub at (filled in by the server
            from the listening address when empty).
        tracker: polling and fan-out settings.
        keepalive_seconds: the event stream's comment interval.
        auth_recheck_seconds: how often open streams' kiosks are read again, so a revocation or
            rotation ends their streams.
        upstream_call_seconds: the overall bound of one upstream call.
        max_connections / header_timeout / body_timeout / send_timeout: the connection limits
            (the sandbox's, ``kiosk.sandbox.connections``); an open event stream holds one.
        metrics_token: the bearer token ``/metrics`` needs (None: open; never shown).
    """

    upstream_url: str
    upstream_app_id: str
    upstream_key: str = field(repr=False)
    public_url: str = ""
    tracker: TrackerSettings = field(default_factory=TrackerSettings)
    keepalive_seconds: float = 15.0
    auth_recheck_seconds: float = 1.0
    upstream_call_seconds: float = 15.0
    max_connections: int = 1024
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    send_timeout: float = 30.0
    metrics_token: str | None = field(default=None, repr=False)


def create_app(config: HubConfig, store: HubStore, upstream: Upstream | None = None) -> FastAPI:
    """Build the hub application; ``store`` is migrated already and closed by the caller."""
    upstream = upstream or Upstream(
        config.upstream_url,
        config.upstream_app_id,
        config.upstream_key,
        call_seconds=config.upstream_call_seconds,
    )
    sessions = make_sessions(store, upstream, config.tracker)  # several hubs on PostgreSQL

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Database reads and scrypt checks run in the default pool (a few threads on a small
        # machine): sized for a fleet's requests instead.
        pool = ThreadPoolExecutor(max_workers=32, thread_name_prefix="hub-io")
        asyncio.get_running_loop().set_default_executor(pool)
        await sessions.resume()
        watcher = asyncio.create_task(_watch_credentials(sessions, store, config))
        try:
            yield
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            await sessions.close()
            upstream.close()

    app = SandboxApp(
        title="Verification kiosk hub",
        version=__version__,
        description="The Verification Link API for a bank's kiosks, in front of the vendor.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )

    open_streams: Counter[str] = Counter()  # kiosk id -> open event streams
    metrics = _metrics(config, sessions, open_streams)
    if metrics is not None:
        sessions.on_final = lambda record: metrics.session_finished(record.site, record.outcome)
        sessions.on_store_error = metrics.database_error
        upstream.observer = metrics.upstream_call

    def outer(inner: ASGIApp) -> ASGIApp:
        if metrics is None:
            return SecurityHeaders(HubGate(inner, store=store))
        from kiosk.hub.metrics import SeenKiosks  # importable: metrics exist

        seen = SeenKiosks(inner, metrics)
        return SecurityHeaders(HubGate(seen, store=store, on_store_error=metrics.database_error))

    app.outer = outer
    app.state.config = config
    app.state.store = store
    app.state.sessions = sessions
    app.state.upstream = upstream
    app.state.limiter = RateLimiter()
    app.state.open_streams = open_streams
    app.state.metrics = metrics

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _validation_error(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed"}
        return error(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> Response:
        return JSONResponse({"status": "ok"})

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> Response:
        try:
            await asyncio.to_thread(store.ping)
        except StoreError:
            return error(503, "not_ready", "The hub cannot reach its database.")
        return JSONResponse({"status": "ready", "live_sessions": sessions.live_count})

    @app.get("/metrics", include_in_schema=False)
    async def metrics_endpoint(request: Request) -> Response:
        if metrics is None:
            return error(503, "unavailable", "Metrics need prometheus-client (kiosk[hub]).")
        return metrics.response(request)

    app.include_router(routes.router())
    app.include_router(heartbeat.router())  # kiosks' heartbeats, for the dashboard
    app.include_router(dashboard.router())  # /dashboard, for IT staff
    return app


def _metrics(
    config: HubConfig, sessions: Sessions, open_streams: Counter[str]
) -> HubMetrics | None:
    """The hub's metrics, or None without ``prometheus-client`` (imported here, lazily: the
    ``hub`` extra brings it; the kiosk itself never imports it)."""
    try:
        from kiosk.hub.metrics import HubMetrics
    except ImportError:
        log.warning("prometheus-client is not installed: /metrics answers 503")
        return None
    return HubMetrics(lambda: sessions.live_count, open_streams, token=config.metrics_token)


async def _watch_credentials(sessions: Sessions, store: HubStore, config: HubConfig) -> None:
    """End the open streams of kiosks revoked, rotated or removed since they connected."""
    while True:
        await asyncio.sleep(config.auth_recheck_seconds)
        if not sessions.has_streams:
            continue
        try:
            kiosks = {k.id: k for k in await asyncio.to_thread(store.list_kiosks)}
        except StoreError as exc:
            log.warning("cannot re-check kiosk credentials: %s", exc)
            continue
        ended = sessions.end_streams(functools.partial(_stale, kiosks))
        if ended:
            log.info("ended %d event stream(s) of revoked or rotated kiosks", ended)


def _stale(kiosks: dict[str, KioskRecord], subscriber: Subscriber) -> bool:
    """Whether a stream's kiosk is gone, revoked or holds another secret since it connected."""
    kiosk = kiosks.get(subscriber.kiosk_id)
    return kiosk is None or kiosk.revoked or kiosk.secret_hash != subscriber.credential
