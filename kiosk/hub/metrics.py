"""The hub's Prometheus metrics (``GET /metrics`` on the hub's own port).

One :class:`HubMetrics` per hub application, each with its own registry (never the library's
global one), so two hubs in one process do not collide. The hub's parts report through small
hooks: the routes count created sessions and database errors, the tracker finished sessions
and journal failures, :class:`~kiosk.hub.upstream.Upstream` each call's latency and error, the
gate database errors, and :class:`SeenKiosks` (inside the gate) which kiosk made a request.

What labels may hold: a kiosk's site (set by ``kiosk hub kiosk add/set``), an outcome
(PASS/FAIL), an upstream operation (create/status), an error kind (a fixed set of class names)
and where a database error happened (a fixed set). Never a kiosk id, token, reference, secret or
key. Label sets are bounded: sites by enrolment, the rest by the code. The exposition holds no
secret and no personal data, so it is open by default; ``metrics_token`` puts it behind a
bearer token (``kiosk hub serve --metrics-token-env NAME``).

``prometheus_client`` comes with the ``hub`` extra; :mod:`kiosk.hub.app` imports this module
only when building a hub, and serves 503 on ``/metrics`` when the library is missing.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from kiosk.core.errors import ApiError

# A kiosk is online while it holds an open event stream or made an authenticated request in
# the last ONLINE_SECONDS (issue 16's heartbeats will make this a heartbeat window).
ONLINE_SECONDS = 300.0
# Upstream latency buckets (seconds): a status read is tens of milliseconds, a create can take
# seconds, the hub's bound on a call is 15 s.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0, 30.0)
# The error kinds an upstream call is labelled with; any other ApiError is "other".
ERROR_KINDS = frozenset(
    {
        "Aborted",
        "AuthError",
        "InvalidRequest",
        "NetworkError",
        "RateLimited",
        "ServerError",
        "UnknownSession",
        "UnreadableResponse",
    }
)


class HubMetrics:
    """The metrics of one hub application.

    Args:
        live_sessions: how many sessions the hub's tracker watches now.
        open_streams: kiosk id -> open event streams (the routes' live counter).
        token: the bearer token a scrape must send; None or empty: open.
        online_seconds: the window of :data:`ONLINE_SECONDS`.
        clock: monotonic seconds (tests pass their own).
    """

    def __init__(
        self,
        live_sessions: Callable[[], int],
        open_streams: Mapping[str, int],
        *,
        token: str | None = None,
        online_seconds: float = ONLINE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._token = (token or "").encode()
        self._open_streams = open_streams
        self.online_seconds = online_seconds
        self._clock = clock
        # kiosk id -> (site, last request): bounded by enrolment (only authenticated kiosks).
        self._seen: dict[str, tuple[str, float]] = {}
        r = self.registry
        self.created = Counter(
            "hub_sessions_created", "Sessions created upstream for kiosks.", ["site"], registry=r
        )
        self.finished = Counter(
            "hub_sessions_finished",
            "Sessions journaled as ended, by the kiosk's verdict (PASS or FAIL).",
            ["site", "outcome"],
            registry=r,
        )
        self.latency = Histogram(
            "hub_upstream_request_seconds",
            "Upstream calls, from queueing on the hub's upstream pool to the answer.",
            ["operation"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.upstream_errors = Counter(
            "hub_upstream_errors",
            "Upstream calls that failed, by kind of error.",
            ["operation", "kind"],
            registry=r,
        )
        self.database_errors = Counter(
            "hub_database_errors",
            "Database operations that failed (request: a kiosk got 503; gate: a credential"
            " check could not read the kiosk; journal: a status write or a late journaling).",
            ["where"],
            registry=r,
        )
        streams = Gauge("hub_event_streams", "Open event streams.", registry=r)
        streams.set_function(lambda: sum(open_streams.values()))
        live = Gauge("hub_live_sessions", "Sessions the hub watches until they end.", registry=r)
        live.set_function(live_sessions)
        r.register(_Online(self))

    # --- hooks the hub's parts call ---

    def session_created(self, site: str) -> None:
        self.created.labels(site=site).inc()

    def session_finished(self, site: str, outcome: str | None) -> None:
        self.finished.labels(site=site, outcome=outcome or "none").inc()

    def upstream_call(self, operation: str, seconds: float, error: ApiError | None) -> None:
        self.latency.labels(operation=operation).observe(seconds)
        if error is not None:
            kind = type(error).__name__
            kind = kind if kind in ERROR_KINDS else "other"
            self.upstream_errors.labels(operation=operation, kind=kind).inc()

    def database_error(self, where: str) -> None:
        self.database_errors.labels(where=where).inc()

    def kiosk_seen(self, kiosk_id: str, site: str) -> None:
        self._seen[kiosk_id] = (site, self._clock())

    def online_by_site(self) -> dict[str, int]:
        """Kiosks online now, by site (entries older than the window are dropped)."""
        horizon = self._clock() - self.online_seconds
        streaming = {k for k, n in self._open_streams.items() if n > 0}
        counts: dict[str, int] = {}
        for kiosk_id, (site, seen) in list(self._seen.items()):
            if seen >= horizon or kiosk_id in streaming:
                counts[site] = counts.get(site, 0) + 1
            else:
                del self._seen[kiosk_id]
        return counts

    # --- the endpoint ---

    def authorized(self, request: Request) -> bool:
        """Whether a scrape may read (always, without a token)."""
        if not self._token:
            return True
        header = request.headers.get("authorization", "").encode("latin-1", "replace")
        scheme, _, given = header.partition(b" ")
        # Compared whole in constant time; a wrong scheme still costs one comparison.
        ok = hmac.compare_digest(given.strip(), self._token)
        return ok and scheme.lower() == b"bearer"

    def response(self, request: Request) -> Response:
        if not self.authorized(request):
            body = {"error": "unauthorized", "message": "Metrics need the bearer token."}
            return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        return Response(
            generate_latest(self.registry),
            media_type=CONTENT_TYPE_LATEST,
            headers={"Cache-Control": "no-store"},
        )


class _Online(Collector):
    """``hub_kiosks_online{site}``, computed at each scrape."""

    def __init__(self, metrics: HubMetrics) -> None:
        self._metrics = metrics

    def describe(self) -> Iterable[Any]:
        return [self._family(self._metrics.online_seconds)]

    def collect(self) -> Iterable[Any]:
        family = self._family(self._metrics.online_seconds)
        for site, count in sorted(self._metrics.online_by_site().items()):
            family.add_metric([site], count)
        return [family]

    @staticmethod
    def _family(seconds: float) -> GaugeMetricFamily:
        return GaugeMetricFamily(
            "hub_kiosks_online",
            f"Kiosks with an open event stream or a request in the last {seconds:.0f} s"
            " (as this hub instance saw them).",
            labels=["site"],
        )


class SeenKiosks:
    """ASGI wrapper inside the gate: notes every authenticated kiosk's request."""

    def __init__(self, app: ASGIApp, metrics: HubMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kiosk = scope.get("state", {}).get("hub_kiosk") if scope["type"] == "http" else None
        if kiosk is not None:
            self.metrics.kiosk_seen(kiosk.id, kiosk.site)
        await self.app(scope, receive, send)
