"""One verification session from creation to a final status, without Qt.

:class:`SessionRunner` creates the session, checks its URL against the configured backend,
encodes the QR matrix (once), then follows its status until the session ends, the caller stops
it, or the network stays down too long: by push when the backend offers an event stream (the
hub; :mod:`kiosk.core.events`), else by polling. It reports through a
:class:`SessionListener`; the GUI's worker thread turns those calls into Qt signals,
``kiosk verify`` prints them.
"""

from __future__ import annotations

import logging
import math
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.core.api import VerificationClient
from kiosk.core.deadline import bounded
from kiosk.core.errors import (
    Aborted,
    ApiError,
    AuthError,
    InvalidRequest,
    NetworkError,
    RateLimited,
    UnknownSession,
    UnreadableResponse,
)
from kiosk.core.events import NoPush, PushPolicy
from kiosk.core.models import CreatedSession, SessionStatus, Status
from kiosk.core.qr import MalformedUrl, UntrustedUrl, check_session_url, encode, host_label
from kiosk.core.redact import forget_secret
from kiosk.core.state import ActiveSession, ErrorKind


@dataclass(frozen=True)
class PollPolicy:
    """How often to poll and how to ride out trouble.

    Attributes:
        interval: seconds between reads while the QR code waits for a scan.
        active_interval: seconds between reads once the person is in the flow.
        max_backoff: ceiling of the backoff between failed reads.
        retry_after_cap: the longest ``Retry-After`` honoured.
        give_up_after: seconds of continuous failure before the session is given up.
        create_attempts: the most tries of a create (each only when the last provably did not
            reach the server, or was refused with 429).
        default_lifetime: the session lifetime assumed when no ``ttl_sec`` was asked for.
        overrun_grace: how long past its lifetime a session may still be followed; a server
            that never ends one (IN_PROGRESS for ever, or flipping back to CREATED, which also
            restarts the kiosk's walk-away timer) must not hold the kiosk on it for ever.
    """

    interval: float = 1.0
    active_interval: float = 0.5
    max_backoff: float = 8.0
    retry_after_cap: float = 60.0
    give_up_after: float = 45.0
    create_attempts: int = 5
    default_lifetime: float = 3600.0
    overrun_grace: float = 60.0


class SessionListener(Protocol):
    """What a :class:`SessionRunner` reports. Called on the runner's thread."""

    def created(self, session: ActiveSession) -> None:
        """The session exists and its URL may be shown."""

    def status(self, status: SessionStatus) -> None:
        """A new status (or the same one again after trouble cleared)."""

    def trouble(self, message: str) -> None:
        """A transient failure; the runner keeps retrying."""

    def failed(self, kind: ErrorKind, message: str) -> None:
        """The runner gave up; ``message`` is for staff and free of secrets."""


log = logging.getLogger(__name__)

_ACTIVE = frozenset({Status.CAPTCHA_OK, Status.IN_PROGRESS})
FIRST_READ_DELAY = 0.1


class SessionRunner:
    """Runs one session. Call :meth:`run` on a worker thread; set ``stop`` to end it early.

    Args:
        client: the API client (shared; kept alive across sessions).
        scopes: the checks to request.
        trusted_origins: origins the session URL may point at.
        metadata / ttl_sec / callback_url / return_url: passed to the create request.
        policy: polling and retry policy.
        clock / rng: injectable for tests.
        resume: a session created before a restart: follow it instead of creating one.
        push: use the backend's event stream when it offers one (None: always poll). A
            backend that answers the first stream request with 404/405 is polled from then on
            (the client remembers it, so that costs one request per process); a dropped
            stream is followed by a status read at once, then a reconnect with backoff, and
            :attr:`PushPolicy.max_reconnects` drops in a row without news mean polling.
    """

    def __init__(
        self,
        client: VerificationClient,
        *,
        scopes: Sequence[str],
        trusted_origins: Sequence[str],
        metadata: Mapping[str, Any] | None = None,
        ttl_sec: float | None = None,
        callback_url: str | None = None,
        return_url: str | None = None,
        policy: PollPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        rng: Callable[[], float] = random.random,
        resume: CreatedSession | None = None,
        push: PushPolicy | None = None,
    ) -> None:
        self._client = client
        self._resume = resume
        self.scopes = tuple(scopes)
        self._trusted = tuple(trusted_origins)
        self._create_args: dict[str, Any] = {
            "metadata": metadata,
            "ttl_sec": ttl_sec,
            "callback_url": callback_url,
            "return_url": return_url,
        }
        self.policy = policy or PollPolicy()
        self._clock = clock
        self._rng = rng
        self._push = push

    def run(self, listener: SessionListener, stop: threading.Event) -> None:
        """Create, check and poll until a final status, a stop, or giving up.

        ``stop`` also ends a request in flight (it bounds every network wait on this thread), so
        the runner returns soon after it is set, whatever the server is doing.
        """
        with bounded(stop=stop):
            created = self._resume or self._create(listener, stop)
            if created is None:
                return
            try:
                self._follow(created, listener, stop)
            finally:
                # The registry of secrets to mask must not grow with every session of a kiosk
                # that runs for months; URLs carrying the token stay masked by pattern anyway.
                forget_secret(created.token)

    def _follow(
        self, created: CreatedSession, listener: SessionListener, stop: threading.Event
    ) -> None:
        try:
            url = check_session_url(created.url, self._trusted)
        except MalformedUrl as exc:
            listener.failed(ErrorKind.UNREADABLE, str(exc))
            return
        except UntrustedUrl as exc:
            listener.failed(ErrorKind.UNTRUSTED_URL, str(exc))
            return
        try:
            matrix = encode(url)
        except Exception as exc:  # the encoder's own errors (data overflow) have no common base
            listener.failed(
                ErrorKind.UNREADABLE,
                f"The session link cannot be drawn as a QR code ({type(exc).__name__}).",
            )
            return
        session = ActiveSession(
            session_id=created.session_id,
            token=created.token,
            url=url,
            host=host_label(url),
            matrix=matrix,
            scopes=self.scopes,
        )
        if stop.is_set():
            return
        listener.created(session)
        # Nobody can have scanned the code yet: let the screen draw it before the first read
        # competes with it for the interpreter.
        if stop.wait(min(FIRST_READ_DELAY, self.policy.interval)):
            return
        give_up_at = self._clock() + self._lifetime() + self.policy.overrun_grace
        push = self._push if self._client.push_offered is not False else None
        if push is not None and self._pushed(session, push, listener, stop, give_up_at):
            return
        self._poll(session.token, listener, stop, give_up_at)

    def _create(self, listener: SessionListener, stop: threading.Event) -> CreatedSession | None:
        failing_since: float | None = None
        failures = 0
        while not stop.is_set():
            try:
                return self._client.create_session(self.scopes, **self._create_args)
            except Aborted:
                return None  # stopped: whoever stopped the runner decides what comes next
            except ApiError as exc:
                # A create is retried only when it provably did not reach the server (or the
                # server said so with a 429), so a retry can never create two sessions.
                unsent = isinstance(exc, NetworkError) and not exc.request_sent
                if not (unsent or isinstance(exc, RateLimited)):
                    listener.failed(error_kind(exc), exc.message)
                    return None
                failing_since = self._clock() if failing_since is None else failing_since
                failures += 1
                out_of_time = self._clock() - failing_since >= self.policy.give_up_after
                if out_of_time or failures >= self.policy.create_attempts:
                    listener.failed(error_kind(exc), exc.message)
                    return None
                listener.trouble(exc.message)
                stop.wait(self._backoff(failures, exc))
        return None

    def _lifetime(self) -> float:
        ttl = self._create_args["ttl_sec"]
        if isinstance(ttl, int | float) and math.isfinite(ttl) and ttl > 0:
            return float(ttl)
        return self.policy.default_lifetime

    def _poll(
        self, token: str, listener: SessionListener, stop: threading.Event, give_up_at: float
    ) -> None:
        last: SessionStatus | None = None
        failing_since: float | None = None
        failures = 0
        lifetime = self._lifetime()
        while not stop.is_set():
            if self._clock() >= give_up_at:
                listener.failed(
                    ErrorKind.SESSION_LOST,
                    f"The session was not over {lifetime + self.policy.overrun_grace:g} s after "
                    f"it was created (its lifetime is {lifetime:g} s): the server never ended it.",
                )
                return
            try:
                status = self._client.get_status(token)
            except Aborted:
                return
            except ApiError as exc:
                # Reads change nothing on the server, so they are retried freely: an answer
                # garbled by a proxy is as passing as a reset connection.
                if not (exc.retryable or isinstance(exc, UnreadableResponse)):
                    listener.failed(error_kind(exc), exc.message)
                    return
                now = self._clock()
                failing_since = now if failing_since is None else failing_since
                if now - failing_since >= self.policy.give_up_after:
                    listener.failed(error_kind(exc), exc.message)
                    return
                failures += 1
                listener.trouble(exc.message)
                wait = self._backoff(failures, exc)
            else:
                if stop.is_set():
                    return
                if status != last or failures:
                    listener.status(status)
                last, failing_since, failures = status, None, 0
                if status.status.is_final:
                    return
                active = status.status in _ACTIVE
                wait = self.policy.active_interval if active else self.policy.interval
            stop.wait(max(0.0, min(wait, give_up_at - self._clock())))

    def _pushed(
        self,
        session: ActiveSession,
        push: PushPolicy,
        listener: SessionListener,
        stop: threading.Event,
        give_up_at: float,
    ) -> bool:
        """Follow the session by push. True once it is settled (a final status, a failure
        reported, or a stop); False when polling should take over (which also reports a
        session that outlived ``give_up_at``)."""
        token = session.token
        last: SessionStatus | None = None
        troubled = False  # a trouble was reported: the next status is sent even if unchanged
        drops = 0

        def deliver(status: SessionStatus) -> None:
            nonlocal last, troubled
            if status != last or troubled:
                listener.status(status)
            last, troubled = status, False

        while not stop.is_set() and self._clock() < give_up_at:
            opened, news, streamed = self._clock(), False, False
            error: ApiError | None = None
            try:
                with (
                    bounded(max(0.0, give_up_at - self._clock())),
                    self._client.status_events(
                        token, session.session_id, stall_seconds=push.stall_seconds
                    ) as events,
                ):
                    streamed = True
                    for status in events:
                        if status.status.is_final and push.confirm_final:
                            return self._confirm(token, deliver)
                        news = news or status != last
                        deliver(status)
                        if status.status.is_final:
                            return True
            except NoPush:
                log.info("%s offers no status stream: polling", self._client.base_url)
                return False
            except Aborted:
                return True
            except ApiError as exc:
                if isinstance(exc, AuthError) and not streamed:
                    # A gateway in front of a backend without push may refuse any path it does
                    # not route (403) instead of the contract's 404: polling decides, and its
                    # status read with the same key reports the credentials if they are wrong.
                    log.info("%s refuses the status stream: polling", self._client.base_url)
                    return False
                if not (exc.retryable or isinstance(exc, UnreadableResponse)):
                    listener.failed(error_kind(exc), exc.message)
                    return True
                error = exc
            # The stream dropped (or never opened): read the status at once, then reconnect.
            why = error.message if error is not None else "the server ended it"
            log.info("session %s: status stream dropped (%s)", session.session_id, why)
            held = self._clock() - opened >= push.stall_seconds
            drops = 0 if news or held else drops
            drops += 1
            try:
                deliver(self._client.get_status(token))
            except Aborted:
                return True
            except ApiError as exc:
                if not (exc.retryable or isinstance(exc, UnreadableResponse)):
                    listener.failed(error_kind(exc), exc.message)
                    return True
                listener.trouble(exc.message)
                troubled, error = True, exc
            else:
                if last is not None and last.status.is_final:
                    return True
            if drops > push.max_reconnects:
                log.warning(
                    "session %s: the status stream dropped %d times in a row: polling",
                    session.session_id,
                    drops,
                )
                return False
            stop.wait(self._backoff(drops, error))
        return stop.is_set()

    def _confirm(self, token: str, deliver: Callable[[SessionStatus], None]) -> bool:
        """A pushed final status, believed only once the status read says so too (the body
        names no session). True when settled; False to let polling take over."""
        try:
            status = self._client.get_status(token)
        except Aborted:
            return True
        except ApiError:
            return False  # polling retries the read, and reports what keeps failing
        deliver(status)
        return status.status.is_final

    def _backoff(self, failures: int, exc: ApiError | None) -> float:
        """Full jitter over an exponential ceiling; a server's Retry-After wins, up to a cap."""
        ceiling = min(self.policy.max_backoff, self.policy.interval * 2.0 ** (failures - 1))
        wait = max(0.05, ceiling * self._rng())
        if isinstance(exc, RateLimited) and exc.retry_after is not None:
            wait = max(wait, min(exc.retry_after, self.policy.retry_after_cap))
        return wait


def error_kind(exc: ApiError) -> ErrorKind:
    """The screen-level class of an API error."""
    if isinstance(exc, AuthError):
        return ErrorKind.CREDENTIALS
    if isinstance(exc, InvalidRequest):
        return ErrorKind.CONFIGURATION
    if isinstance(exc, UnknownSession):
        return ErrorKind.SESSION_LOST
    if isinstance(exc, UnreadableResponse):
        return ErrorKind.UNREADABLE
    return ErrorKind.NETWORK
