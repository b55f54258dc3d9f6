"""The Verification Link API client: one kept-alive ``httpx.Client`` and typed results.

The client is synchronous and thread-agnostic: the GUI runs it in its worker thread, the terminal
command on its main thread. It neither retries nor sleeps; callers decide, using each error's
``retryable`` flag. The transport is injectable so tests can feed it exotic failures.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Self
from urllib.parse import quote

import httpx

from kiosk import __version__
from kiosk.core.credentials import Credentials
from kiosk.core.deadline import CallStopped, bounded
from kiosk.core.errors import (
    Aborted,
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
from kiosk.core.events import EVENT_STREAM, EVENTS_SUFFIX, NoPush, check_stream, statuses
from kiosk.core.models import CreatedSession, MalformedPayload, SessionStatus
from kiosk.core.netio import AbortableTransport
from kiosk.core.redact import redact, register_secret
from kiosk.core.text import printable
from kiosk.core.wire import (
    MAX_BODY_BYTES,
    MAX_ERROR_BODY_BYTES,
    BodyTooLarge,
    NotJson,
    loads,
    read_capped,
)

log = logging.getLogger(__name__)

SESSIONS_PATH = "/api/v1.0/flow/sessions"

# Connect fast, read a little longer: a status read over a healthy link takes milliseconds, and
# these bound how long a worker's stop() can wait for an in-flight request.
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)

# The whole of one call, however the server paces its bytes: the connect and read timeouts
# above added up, so an honest slow answer fits, and a dripping server is cut off.
DEFAULT_CALL_SECONDS = 15.0

# A session link is about 80 characters; past this a QR code is too dense to scan off a screen
# (and past ~2,300 bytes no QR code can hold it at all).
MAX_URL_LENGTH = 1024
MAX_TOKEN_LENGTH = 512
MAX_ID_LENGTH = 128

# Answers to an event stream request that mean "no such thing here": the contract's 404 and 405,
# and what other servers answer a path they do not know (a vendor must never be mistaken for a
# misconfigured kiosk, which a 400 or 422 from any other request would mean).
_NO_PUSH_CODES = frozenset({400, 404, 405, 406, 410, 422, 501})


class VerificationClient:
    """Talks to one Verification Link server (the vendor's cloud or the embedded sandbox).

    Args:
        base_url: scheme and host (and optional prefix), e.g. ``https://cloud.ooto-ai.com``.
        credentials: the APP-ID / APP-KEY pair sent with every request.
        timeout: httpx timeouts, each per socket operation; always finite.
        call_seconds: the overall bound of one call, enforced while streaming (the per-operation
            timeouts alone let a server that drips bytes hold a call forever).
        transport: an httpx transport, for tests (``httpx.MockTransport``) and fault injection.
            The default waits in short slices, so a call also ends soon after the caller's stop
            event (:func:`kiosk.core.deadline.bounded`) is set.
    """

    def __init__(
        self,
        base_url: str,
        credentials: Credentials,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        call_seconds: float = DEFAULT_CALL_SECONDS,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._call_seconds = call_seconds
        self.push_offered: bool | None = None
        """Whether the server has an event stream: None until one was asked for; False after
        a 404/405/wrong content type (the vendor and the sandbox), so each process asks once;
        once True, a later refusal is about that session, not the server."""
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={
                "APP-ID": credentials.app_id,
                "APP-KEY": credentials.app_key,
                "Accept": "application/json",
                # Compressed bodies are inflated under the same cap, but need not be asked for.
                "Accept-Encoding": "identity",
                "User-Agent": f"verification-kiosk/{__version__}",
            },
            timeout=timeout,
            transport=transport if transport is not None else AbortableTransport(),
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
        except (KeyError, TypeError) as exc:
            raise UnreadableResponse(
                "The server's answer to 'create session' lacks sessionId, token or url."
            ) from exc
        if not all(isinstance(v, str) and v for v in (session_id, token, url)):
            raise UnreadableResponse("The server's sessionId, token or url is not a string.")
        # A token travels in URLs and headers: printable ASCII only (a lone surrogate in one
        # made quoting it for the status path raise UnicodeEncodeError).
        if len(token) > MAX_TOKEN_LENGTH or not (token.isascii() and token.isprintable()):
            raise UnreadableResponse("The server's session token is too long or not printable.")
        register_secret(token)
        if len(url) > MAX_URL_LENGTH or printable(url, None) != url or "\\" in url:
            raise UnreadableResponse(
                f"The server's session link is not a usable web address ({len(url)} characters, "
                f"at most {MAX_URL_LENGTH} printable ones without backslashes)."
            )
        # The id is only shown and recorded: neutralised rather than refused.
        session_id = printable(session_id, MAX_ID_LENGTH)
        log.info("created session %s", session_id)
        return CreatedSession(session_id=session_id, token=token, url=url)

    def get_status(self, token: str) -> SessionStatus:
        """Read a session's status by its token."""
        register_secret(token)
        # Quoted: a token is opaque, and must not be able to change the path it is read from.
        data = self._request("GET", f"{SESSIONS_PATH}/{quote(token, safe='')}")
        try:
            return SessionStatus.from_wire(data)
        except MalformedPayload as exc:
            raise UnreadableResponse(f"The status response is malformed: {exc}.") from exc

    @contextmanager
    def status_events(
        self, token: str, session_id: str | None = None, *, stall_seconds: float = 45.0
    ) -> Iterator[Iterator[SessionStatus]]:
        """Open the session's event stream (push; see :mod:`kiosk.core.events`).

        Yields an iterator of the statuses as they are pushed; it ends when the server ends the
        stream. Leaving the ``with`` closes the connection. The stream has no overall deadline
        of its own (it lives as long as the session): the caller's
        :func:`~kiosk.core.deadline.bounded` scope and stop event bound it, and
        ``stall_seconds`` without a byte ends it.

        Raises:
            NoPush: the server has no event stream here (404, 405, another content type).
            ApiError: as for :meth:`get_status`, when opening or while reading; a stall is a
                :class:`NetworkError`, a hostile event an :class:`UnreadableResponse`.
        """
        register_secret(token)
        what = "status events"
        path = f"{SESSIONS_PATH}/{quote(token, safe='')}{EVENTS_SUFFIX}"
        # The read timeout is per socket read: keep-alive comments reset it, silence trips it.
        timeout = httpx.Timeout(stall_seconds, connect=self._http.timeout.connect)
        headers = {"Accept": EVENT_STREAM, "Cache-Control": "no-cache"}
        # Opening is bounded like any call (a server that never sends the head is cut off).
        with self._mapped(what), bounded(self._call_seconds):
            request = self._http.build_request("GET", path, headers=headers, timeout=timeout)
            response = self._http.send(request, stream=True)
        try:
            with self._mapped(what):
                try:
                    if response.status_code in _NO_PUSH_CODES:
                        raise NoPush
                    if not 200 <= response.status_code < 300:
                        _interpret(response, what)  # raises the error of that status
                    check_stream(response)
                except NoPush:
                    self.push_offered = self.push_offered or False
                    raise
                self.push_offered = True
            yield self._mapped_iter(statuses(response.iter_raw(), session_id), what)
        finally:
            response.close()

    def _mapped_iter(self, items: Iterator[SessionStatus], what: str) -> Iterator[SessionStatus]:
        while True:
            with self._mapped(what):
                item = next(items, None)
            if item is None:
                return
            yield item

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        what = "create session" if method == "POST" else "get status"
        with self._mapped(what), bounded(self._call_seconds):
            request = self._http.build_request(method, path, **kwargs)
            response = self._http.send(request, stream=True)
            try:
                return _interpret(response, what)
            finally:
                response.close()

    @contextmanager
    def _mapped(self, what: str) -> Iterator[None]:
        """Turn a stop and httpx's transport errors into the client's own errors."""
        try:
            yield
        except CallStopped as exc:
            raise Aborted(f"'{what}' was stopped before {self.base_url} answered.") from exc
        # httpx's own errors are not chained: their text may hold the request's URL, which holds
        # the session token, and a chain reaches whatever prints the traceback (a crash hook, a
        # debugger, a test report), not only the log's masking filter. What they say that
        # matters is in the message (redacted, see _reason).
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


def _interpret(response: httpx.Response, what: str) -> Any:
    """Map an HTTP response to its JSON body or to the matching :class:`ApiError`."""
    code = response.status_code
    if 200 <= code < 300:
        return _json_body(response, what)
    server_says = _server_message(response) if code not in (404, 429) else ""
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
        data = loads(read_capped(response, MAX_BODY_BYTES))
    except BodyTooLarge as exc:
        raise UnreadableResponse(
            f"The answer to '{what}' is more than {exc.cap} bytes (at least {exc.size} "
            "arrived); a session never needs that much."
        ) from exc
    except NotJson as exc:
        # Masked before it is cut: a cut would leave a part of an echoed key that no mask finds.
        ctype = redact(response.headers.get("Content-Type", "no content type"))
        raise UnreadableResponse(
            f"The answer to '{what}' is not usable JSON ({ctype[:60]}): {exc}."
        ) from exc
    if not isinstance(data, dict):
        raise UnreadableResponse(f"The answer to '{what}' is not a JSON object.")
    return data


def _server_message(response: httpx.Response) -> str:
    """The server's own explanation, from ``message``/``error``/``detail``, secrets masked.

    Only a small error body is read; a larger or unreadable one gives no explanation rather than
    a different error (the status code already says what went wrong).
    """
    try:
        data = loads(read_capped(response, MAX_ERROR_BODY_BYTES))
    except (BodyTooLarge, NotJson):
        return ""
    if not isinstance(data, dict):
        return ""
    for key in ("message", "error", "detail"):
        value = data.get(key)
        if isinstance(value, str) and value:
            return printable(redact(value), 300)
    return ""


def _retry_after(value: str | None) -> float | None:
    """Parse a ``Retry-After`` header given in seconds. HTTP dates are rare for APIs: ignored."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    # NaN, "inf" and negative waits are no advice; the poller caps the rest.
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _reason(exc: Exception) -> str:
    """A short, secret-free description of a transport failure."""
    text = str(exc) or type(exc).__name__
    return redact(text)[:200]


__all__ = ["ApiError", "Credentials", "VerificationClient"]
