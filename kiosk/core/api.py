"""The Verification Link API client: one kept-alive ``httpx.Client`` and typed results.

The client is synchronous and thread-agnostic: the GUI runs it in its worker thread, the terminal
command on its main thread. It neither retries nor sleeps; callers decide, using each error's
``retryable`` flag. The transport is injectable so tests can feed it exotic failures.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any, Self

import httpx

from kiosk import __version__
from kiosk.core.credentials import Credentials
from kiosk.core.errors import (
    ApiError,
    AuthError,
    InvalidRequest,
    NetworkError,
    RateLimited,
    ServerError,
    UnexpectedResponse,
    UnknownSession,
    UnreadableResponse,
)
from kiosk.core.models import CreatedSession, MalformedPayload, SessionStatus
from kiosk.core.redact import redact, register_secret

log = logging.getLogger(__name__)

SESSIONS_PATH = "/api/v1.0/flow/sessions"

# Connect fast, read a little longer: a status read over a healthy link takes milliseconds, and
# these bound how long a worker's stop() can wait for an in-flight request.
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)

# Refuse bodies past this size instead of parsing them: a status body is a few kilobytes.
MAX_BODY_BYTES = 1_000_000


class VerificationClient:
    """Talks to one Verification Link server (the vendor's cloud or the embedded sandbox).

    Args:
        base_url: scheme and host (and optional prefix), e.g. ``https://cloud.ooto-ai.com``.
        credentials: the APP-ID / APP-KEY pair sent with every request.
        timeout: httpx timeouts; always finite.
        transport: an httpx transport, for tests (``httpx.MockTransport``) and fault injection.
    """

    def __init__(
        self,
        base_url: str,
        credentials: Credentials,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={
                "APP-ID": credentials.app_id,
                "APP-KEY": credentials.app_key,
                "Accept": "application/json",
                "User-Agent": f"verification-kiosk/{__version__}",
            },
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"VerificationClient(base_url={self.base_url!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the kept-alive connections."""
        self._http.close()

    def create_session(
        self,
        scopes: Iterable[str],
        metadata: Mapping[str, Any] | None = None,
        callback_url: str | None = None,
        return_url: str | None = None,
        ttl_sec: float | None = None,
    ) -> CreatedSession:
        """Create a verification session and return its id, token and flow URL."""
        body: dict[str, Any] = {"scopes": list(scopes)}
        if metadata is not None:
            body["metadata"] = dict(metadata)
        if callback_url is not None:
            body["callbackUrl"] = callback_url
        if return_url is not None:
            body["returnUrl"] = return_url
        if ttl_sec is not None:
            body["ttlSec"] = ttl_sec
        data = self._request("POST", SESSIONS_PATH, json=body)
        try:
            session_id, token, url = data["sessionId"], data["token"], data["url"]
        except (KeyError, TypeError):
            raise UnreadableResponse(
                "The server's answer to 'create session' lacks sessionId, token or url."
            ) from None
        if not all(isinstance(v, str) and v for v in (session_id, token, url)):
            raise UnreadableResponse("The server's sessionId, token or url is not a string.")
        register_secret(token)
        log.info("created session %s", session_id)
        return CreatedSession(session_id=session_id, token=token, url=url)

    def get_status(self, token: str) -> SessionStatus:
        """Read a session's status by its token."""
        register_secret(token)
        data = self._request("GET", f"{SESSIONS_PATH}/{token}")
        try:
            return SessionStatus.from_wire(data)
        except MalformedPayload as exc:
            raise UnreadableResponse(f"The status response is malformed: {exc}.") from None

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        what = "create session" if method == "POST" else "get status"
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.ConnectError as exc:
            # The connection was never made, so the server cannot have acted on the request.
            raise NetworkError(
                f"Cannot connect to {self.base_url} ({_reason(exc)}).", request_sent=False
            ) from None
        except httpx.ConnectTimeout:
            raise NetworkError(
                f"Timed out connecting to {self.base_url}.", request_sent=False
            ) from None
        except httpx.TimeoutException:
            raise NetworkError(
                f"{self.base_url} did not answer '{what}' in time.", request_sent=True
            ) from None
        except httpx.TransportError as exc:
            raise NetworkError(
                f"The connection to {self.base_url} failed during '{what}' ({_reason(exc)}).",
                request_sent=True,
            ) from None
        return _interpret(response, what)


def _interpret(response: httpx.Response, what: str) -> Any:
    """Map an HTTP response to its JSON body or to the matching :class:`ApiError`."""
    code = response.status_code
    if 200 <= code < 300:
        return _json_body(response, what)
    server_says = _server_message(response)
    suffix = f": {server_says.rstrip('.')}" if server_says else ""
    if code in (401, 403):
        raise AuthError(
            f"The server refused the APP-ID/APP-KEY ({code}){suffix}.", status_code=code
        )
    if code in (400, 422):
        raise InvalidRequest(
            f"The server rejected the '{what}' request ({code}){suffix}.", status_code=code
        )
    if code == 404:
        raise UnknownSession(
            "The server does not know this session (404): the token is wrong, or the server "
            "forgot the session.",
            status_code=code,
        )
    if code == 429:
        retry_after = _retry_after(response.headers.get("Retry-After"))
        wait = f"; retry after {retry_after:g} s" if retry_after is not None else ""
        raise RateLimited(
            f"The server is rate limiting requests (429){wait}.", retry_after=retry_after
        )
    if code >= 500:
        raise ServerError(f"The server failed with {code}{suffix}.", status_code=code)
    raise UnexpectedResponse(
        f"The server answered '{what}' with an unexpected HTTP {code}.", status_code=code
    )


def _json_body(response: httpx.Response, what: str) -> Any:
    try:
        content = response.read()
    except httpx.TransportError as exc:
        raise NetworkError(
            f"The connection broke while reading the answer to '{what}' ({_reason(exc)}).",
            request_sent=True,
        ) from None
    if len(content) > MAX_BODY_BYTES:
        raise UnreadableResponse(
            f"The answer to '{what}' is {len(content)} bytes, more than the "
            f"{MAX_BODY_BYTES} a session can need."
        )
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        ctype = response.headers.get("Content-Type", "no content type")
        raise UnreadableResponse(f"The answer to '{what}' is not JSON ({ctype}).") from None
    if not isinstance(data, dict):
        raise UnreadableResponse(f"The answer to '{what}' is not a JSON object.")
    return data


def _server_message(response: httpx.Response) -> str:
    """The server's own explanation, from ``message``/``error``/``detail``, secrets masked."""
    try:
        data = response.json()
    except (ValueError, UnicodeDecodeError):
        return ""
    if not isinstance(data, dict):
        return ""
    for key in ("message", "error", "detail"):
        value = data.get(key)
        if isinstance(value, str) and value:
            return redact(value[:500])
    return ""


def _retry_after(value: str | None) -> float | None:
    """Parse a ``Retry-After`` header given in seconds. HTTP dates are rare for APIs: ignored."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 and seconds == seconds else None


def _reason(exc: Exception) -> str:
    """A short, secret-free description of a transport failure."""
    text = str(exc) or type(exc).__name__
    return redact(text)[:200]


__all__ = ["ApiError", "Credentials", "VerificationClient"]
