"""The hub's side towards the vendor (or a sandbox): the kiosk's own API client, and how its
errors become the answers a kiosk gets.

The hub calls upstream with :class:`~kiosk.core.api.VerificationClient`, so it has the kiosk's
defences against a hostile or broken server: an overall deadline per call, a capped JSON
reader, checks on the token and link, and error messages masked and neutralised. Its calls are
blocking; the hub runs them on its own small thread pool (:class:`Upstream`), so they never
block the event loop nor compete with database calls for the default pool.

Errors map to what the vendor would have answered in the same situation, so a kiosk's retry
policy works unchanged: a request upstream refused as invalid stays 422, a rate limit stays
429 with its Retry-After, a forgotten session stays 404, and every failure of upstream itself
(down, slow, garbage, refusing the hub's own key) is 502, 503 or 504, which kiosks retry.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

from kiosk.core.api import SESSIONS_PATH, VerificationClient
from kiosk.core.credentials import Credentials
from kiosk.core.errors import (
    Aborted,
    ApiError,
    AuthError,
    InvalidRequest,
    NetworkError,
    RateLimited,
    ServerError,
    UnknownSession,
    UnreadableResponse,
)
from kiosk.core.models import CreatedSession, MalformedPayload, SessionStatus
from kiosk.core.redact import register_secret

log = logging.getLogger(__name__)

T = TypeVar("T")

# Told of every upstream call: its operation, the seconds it took and the error it raised
# (None when it succeeded); the hub's metrics (kiosk/hub/metrics.py) set one.
Observer = Callable[[str, float, ApiError | None], None]


class HubClient(VerificationClient):
    """The kiosk's client with one more read: the status body itself, checked, for passing on
    to kiosks as the vendor sent it."""

    def get_status_body(
        self, token: str, session_id: str | None = None
    ) -> tuple[SessionStatus, dict[str, Any]]:
        """The parsed status and the JSON object it came from (raises as ``get_status``).

        A body naming another session than ``session_id`` is unreadable: a confused or hostile
        upstream must not end (or journal) one kiosk's session with another's result.
        """
        register_secret(token)
        data = self._request("GET", f"{SESSIONS_PATH}/{quote(token, safe='')}")
        named = data.get("sessionId")
        if session_id is not None and named is not None and named != session_id:
            raise UnreadableResponse("The status response names another session.")
        try:
            return SessionStatus.from_wire(data), data
        except MalformedPayload as exc:
            raise UnreadableResponse(f"The status response is malformed: {exc}.") from exc


@dataclass(frozen=True)
class Failure:
    """An upstream error as the kiosk's answer: HTTP status, error code, message, headers."""

    status: int
    code: str
    message: str
    headers: Mapping[str, str]


def failure_for(error: ApiError, what: str) -> Failure:
    """The answer a kiosk gets when upstream failed with ``error`` during ``what``.

    Upstream's own text is passed on only for a refused request (the kiosk must fix its
    request); otherwise the message is the hub's, naming no host and no key.
    """
    if isinstance(error, InvalidRequest):
        return Failure(422, "invalid_request", error.message, {})
    if isinstance(error, UnknownSession):
        return Failure(404, "not_found", "No session has this token.", {})
    if isinstance(error, RateLimited):
        wait = error.retry_after
        seconds = 1 if wait is None or not math.isfinite(wait) else max(1, math.ceil(wait))
        return Failure(
            429,
            "rate_limited",
            "The verification service is rate limiting requests; retry later.",
            {"Retry-After": str(min(seconds, 3600))},
        )
    if isinstance(error, AuthError):
        return Failure(
            502, "upstream_refused", "The verification service refused the hub's account.", {}
        )
    if isinstance(error, NetworkError):
        if not error.request_sent:
            return Failure(
                503, "upstream_unavailable", "The verification service cannot be reached.", {}
            )
        return Failure(
            504, "upstream_timeout", f"The verification service did not answer '{what}'.", {}
        )
    if isinstance(error, ServerError) and error.status_code == 503:
        return Failure(503, "upstream_unavailable", "The verification service is unavailable.", {})
    if isinstance(error, Aborted):
        return Failure(503, "shutting_down", "The hub is stopping; retry.", {})
    return Failure(502, "upstream_error", f"The verification service failed during '{what}'.", {})


class Upstream:
    """The vendor (or sandbox) at ``base_url``, called with the hub's one APP-ID/APP-KEY.

    Args:
        base_url: the upstream's base URL.
        app_id / app_key: the account's credentials (the key is registered for masking).
        workers: blocking calls in flight at once.
        call_seconds: the overall bound of one call.
    """

    def __init__(
        self,
        base_url: str,
        app_id: str,
        app_key: str,
        *,
        workers: int = 32,
        call_seconds: float = 15.0,
        client: HubClient | None = None,
    ) -> None:
        register_secret(app_key)
        self.base_url = base_url.rstrip("/")
        self._client = client or HubClient(
            self.base_url, Credentials(app_id, app_key), call_seconds=call_seconds
        )
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hub-upstream")
        self.observer: Observer | None = None

    def __repr__(self) -> str:
        return f"Upstream(base_url={self.base_url!r})"

    async def _run(self, call: Callable[[], T], operation: str = "other") -> T:
        started = time.monotonic()
        try:
            result = await asyncio.get_running_loop().run_in_executor(self._pool, call)
        except ApiError as exc:
            self._observe(operation, started, exc)
            raise
        self._observe(operation, started, None)  # a cancelled call is not observed
        return result

    def _observe(self, operation: str, started: float, error: ApiError | None) -> None:
        if self.observer is not None:
            self.observer(operation, time.monotonic() - started, error)

    async def create(
        self,
        scopes: list[str],
        metadata: Mapping[str, Any] | None,
        callback_url: str | None,
        return_url: str | None,
        ttl_sec: float | None,
    ) -> CreatedSession:
        """Create a session upstream (raises :class:`ApiError`)."""
        return await self._run(
            lambda: self._client.create_session(
                scopes, metadata, callback_url=callback_url, return_url=return_url, ttl_sec=ttl_sec
            ),
            "create",
        )

    async def status(
        self, token: str, session_id: str | None = None
    ) -> tuple[SessionStatus, dict[str, Any]]:
        """Read a session's status upstream (raises :class:`ApiError`; a body naming another
        session than ``session_id`` is :class:`UnreadableResponse`)."""
        return await self._run(lambda: self._client.get_status_body(token, session_id), "status")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._client.close()
