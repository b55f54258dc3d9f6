"""Connection-level limits uvicorn does not have: a header deadline, a body deadline, a send
deadline, a cap on open connections, and logs that cannot flood.

uvicorn's h11 protocol has no timeout on reading a request: ``timeout_keep_alive`` applies only
between requests and is cancelled by the first byte of the next one, ``limit_concurrency`` is
checked only once a request's headers are complete, and ``h11_max_incomplete_event_size`` bounds
the header *size*, not the time. So a client that sends half a request holds a file descriptor
forever, and enough of them exhaust the process's descriptors. At that point asyncio's accept
loop (Python 3.11/3.12) logs one traceback per failed ``accept()`` and schedules a retry for each,
which produced 440,000 log lines in 30 s here.

:func:`guarded_protocol` builds an h11 protocol class that closes a connection whose request line
and headers are not complete ``header_timeout`` seconds after the connection opened (or after the
first byte of a later request on it), closes one whose body is not complete ``body_timeout``
seconds after its headers, closes one that has not taken any of a response for ``send_timeout``
seconds, and answers 503 and closes at once when ``max_connections`` are already open.

The send deadline matters because the other two stop once a request is in: a client that
pipelines requests for a large page and never reads the answers leaves the response blocked on a
full socket buffer, and held its connection (and a task) forever, so a few hundred idle sockets
locked every phone out with no further effort. The deadline runs only while the transport has
paused writing (its buffer is full) and is reset each time the client drains it.

uvicorn logs a warning for every malformed request and every unsupported ``Upgrade`` (two
lines), so anyone on the network could write lines as fast as they can send requests; the
protocol's logger repeats each such message at most once per interval, with a count.
:class:`AcceptErrorLog` replaces the event loop's exception handler so resource errors are logged
at most once per interval too.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)

# Descriptors kept free for everything else: the listener, log files, callbacks, the kiosk.
RESERVED_FDS = 64
# Connections asyncio may accept in one loop iteration before any is checked against the cap;
# also the listen backlog. The cap leaves this much room below the descriptor limit.
ACCEPT_BURST = 128
MIN_CONNECTIONS = 8

_SERVICE_UNAVAILABLE = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 28\r\nconnection: close\r\nretry-after: 1\r\n\r\n"
    b"Too many connections; retry."
)


def connection_cap(wanted: int) -> int:
    """``wanted``, lowered so that the cap plus one accept burst fits the descriptor limit."""
    if sys.platform == "win32":  # no descriptor limit there (and no `resource` module)
        return wanted
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(MIN_CONNECTIONS, min(wanted, soft - RESERVED_FDS - ACCEPT_BURST))


class _Throttle:
    """Lets a recurring report through at most once per ``interval`` seconds per key, counting
    the ones held back in between."""

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._last: dict[str, float] = {}
        self._suppressed: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._last)

    def clear(self) -> None:
        self._last.clear()
        self._suppressed.clear()

    def admit(self, key: str) -> str | None:
        """None if a report with ``key`` went out less than an interval ago (this one is counted);
        else what to append to it: how many were held back since the last one, if any."""
        now = time.monotonic()
        last = self._last.get(key)
        if last is not None and now - last < self._interval:
            self._suppressed[key] = self._suppressed.get(key, 0) + 1
            return None
        self._last[key] = now
        extra = self._suppressed.pop(key, 0)
        return f" ({extra} more like it since the last report)" if extra else ""


class RateLimitedLog:
    """Logs a recurring warning at most once per ``interval`` seconds, saying how many were
    suppressed in between."""

    def __init__(self, logger: logging.Logger, interval: float = 10.0) -> None:
        self._logger = logger
        self._throttle = _Throttle(interval)

    def warning(self, key: str, message: str) -> None:
        """Log ``message`` unless one with ``key`` was logged less than an interval ago."""
        more = self._throttle.admit(key)
        if more is not None:
            self._logger.warning("%s%s", message, more)


class RateLimitedLogger:
    """The logger uvicorn's protocol writes to, with warnings and errors rate-limited by their
    message text (tracebacks from the application included); other calls pass through."""

    def __init__(self, logger: logging.Logger, interval: float = 10.0) -> None:
        self._logger = logger
        self._throttle = _Throttle(interval)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._logger, name)

    def warning(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self._limited(logging.WARNING, msg, args, kwargs)

    def error(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self._limited(logging.ERROR, msg, args, kwargs)

    def _limited(self, level: int, msg: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if len(self._throttle) > 1000:  # uvicorn's own few texts; stay bounded anyway
            self._throttle.clear()
        more = self._throttle.admit(str(msg))
        if more is not None:
            self._logger.log(level, f"{msg}{more}" if more else msg, *args, **kwargs)


class AcceptErrorLog:
    """An event-loop exception handler that rate-limits "out of system resource" reports.

    Everything else goes to the loop's default handler, unchanged.
    """

    def __init__(self, interval: float = 10.0) -> None:
        self._log = RateLimitedLog(log, interval)

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        message = str(context.get("message", ""))
        exc = context.get("exception")
        if "accept" in message and isinstance(exc, OSError):
            self._log.warning(
                "accept", f"cannot accept connections: {exc.strerror or exc} (descriptors full?)"
            )
            return
        loop.default_exception_handler(context)


def guarded_protocol(
    *,
    header_timeout: float,
    body_timeout: float,
    max_connections: int,
    send_timeout: float = 30.0,
) -> type[H11Protocol]:
    """An :class:`H11Protocol` subclass enforcing the given limits (see the module's text)."""
    refusals = RateLimitedLog(log)
    protocol_log: RateLimitedLogger | None = None

    class GuardedH11Protocol(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None
        _send_deadline: asyncio.TimerHandle | None = None
        _phase = ""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            nonlocal protocol_log
            super().__init__(*args, **kwargs)
            if protocol_log is None:  # one for all connections, so the limit is server-wide
                protocol_log = RateLimitedLogger(self.logger)
            self.logger = protocol_log  # type: ignore[assignment]

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            if len(self.connections) >= max_connections:
                # Refused before uvicorn tracks it: the descriptor is released at once.
                transport.write(_SERVICE_UNAVAILABLE)
                transport.close()
                refusals.warning(
                    "cap", f"{max_connections} connections are open; refusing new ones"
                )
                self.transport = transport
                self._refused = True
                return
            self._refused = False
            super().connection_made(transport)
            self._arm("headers", header_timeout)

        def connection_lost(self, exc: Exception | None) -> None:
            if self._refused:
                return
            self._disarm()
            self._stop_send_deadline()
            super().connection_lost(exc)

        def pause_writing(self) -> None:
            if not self._refused and self._send_deadline is None:
                self._send_deadline = self.loop.call_later(send_timeout, self._send_expired)
            super().pause_writing()

        def resume_writing(self) -> None:
            self._stop_send_deadline()
            super().resume_writing()

        def _stop_send_deadline(self) -> None:
            if self._send_deadline is not None:
                self._send_deadline.cancel()
                self._send_deadline = None

        def _send_expired(self) -> None:
            self._send_deadline = None
            if not self.transport.is_closing():
                refusals.warning("slow-read", "closed a connection that stopped reading answers")
                # abort: close() would wait for the buffer that the client will not drain.
                self.transport.abort()

        def data_received(self, data: bytes) -> None:
            if self._refused:
                return
            if self._phase == "" and self.conn.their_state is h11.IDLE:
                # First byte of a later request on a kept-alive connection: its headers get the
                # same deadline as the first request's.
                self._arm("headers", header_timeout)
            super().data_received(data)
            self._follow_state()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._follow_state()

        def _follow_state(self) -> None:
            state = self.conn.their_state
            if state is h11.SEND_BODY and self._phase == "headers":
                self._arm("body", body_timeout)
            elif state is not h11.IDLE and state is not h11.SEND_BODY and self._phase:
                self._disarm()  # the request is in; the app's answer is not bounded here
            elif state is h11.IDLE and self._phase == "body":
                self._disarm()

        def _arm(self, phase: str, seconds: float) -> None:
            self._disarm()
            self._phase = phase
            self._deadline = self.loop.call_later(seconds, self._expired)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None
            self._phase = ""

        def _expired(self) -> None:
            self._deadline = None
            phase, self._phase = self._phase, ""
            if not self.transport.is_closing():
                refusals.warning(
                    f"slow-{phase}", f"closed a connection whose request {phase} came too slowly"
                )
                self.transport.close()

    return GuardedH11Protocol
