"""Reading a session's pushed status: a Server-Sent Events stream, without trusting it.

A backend that offers push (the hub) answers ``GET {base}/api/v1.0/flow/sessions/{token}/events``
with ``200 text/event-stream``: each status change is one event, ``event: status`` and
``data: <the JSON of the status read>``, and a comment line (``: keep-alive``) comes every 15 s
while nothing changes. The vendor and the sandbox answer 404 or 405 there, which is how the kiosk
learns to poll instead (:class:`NoPush`).

Every event's data is read as strictly as a status read's body (:func:`kiosk.core.wire.loads`:
no NaN, no duplicate keys, bounded numbers and nesting) and parsed by the same
:meth:`SessionStatus.from_wire`. The stream itself is hostile input too, so the reader caps what
it buffers: one line (a server may send a line that never ends) and one event (many ``data:``
lines add up) are refused past :data:`MAX_EVENT_BYTES`, before they can fill memory. Keep-alive
comments and events of other types are skipped; they still count as a live connection (the
caller's read timeout is the stall detector: no bytes at all for that long ends the stream).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import httpx

from kiosk.core.errors import UnreadableResponse
from kiosk.core.models import MalformedPayload, SessionStatus
from kiosk.core.wire import MAX_BODY_BYTES, NotJson, loads

EVENTS_SUFFIX = "/events"
"""Appended to a session's status path to ask for its event stream."""

EVENT_STREAM = "text/event-stream"

MAX_EVENT_BYTES = MAX_BODY_BYTES
"""The largest event (its ``data`` lines together), and so the longest line: a status read's cap."""

STATUS_EVENT = "status"


class NoPush(Exception):
    """The backend offers no event stream here (404, 405, or another content type)."""


@dataclass(frozen=True)
class PushPolicy:
    """How the kiosk uses a backend's event stream.

    Attributes:
        stall_seconds: a stream with no bytes at all for this long (not even a keep-alive
            comment, which the hub sends every 15 s) counts as dropped.
        max_reconnects: dropped streams in a row (without news in between) after which the
            session falls back to polling.
        confirm_final: a final status that arrives by push is read again with a plain GET
            before it is believed: the status body names no session, so only the status read
            of the kiosk's own token can vouch that a verdict is this session's.
    """

    stall_seconds: float = 45.0
    max_reconnects: int = 3
    confirm_final: bool = True


class EventParser:
    """Splits a byte stream into Server-Sent Events (the WHATWG rules, in bytes).

    Lines end in CR LF, LF or CR; a blank line ends an event; a line starting with ``:`` is a
    comment; ``field: value`` drops one space after the colon; ``data`` lines are joined with
    LF. Only ``event`` and ``data`` matter here (``id`` and ``retry`` are ignored: the kiosk
    re-reads the status after a reconnect instead of resuming, and paces its own reconnects).
    """

    def __init__(self, max_event_bytes: int = MAX_EVENT_BYTES) -> None:
        self._cap = max_event_bytes
        self._pending = b""
        self._cr_ended = False  # the last chunk ended in CR: a LF opening the next is its pair
        self._event = b""
        self._data: list[bytes] = []
        self._size = 0

    def feed(self, chunk: bytes) -> list[tuple[str, bytes]]:
        """The events ``chunk`` completes, as (type, data) pairs.

        Raises:
            UnreadableResponse: a line or an event grew past the cap.
        """
        if self._cr_ended and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        self._cr_ended = chunk.endswith(b"\r")
        events: list[tuple[str, bytes]] = []
        buffer = self._pending + chunk
        lines = buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        self._pending = lines.pop()  # the unfinished line ("" when the chunk ended a line)
        if len(self._pending) > self._cap + 16:
            raise UnreadableResponse(
                f"The status stream sent a line longer than {self._cap} bytes; a status never "
                "needs that much."
            )
        for line in lines:
            event = self._line(line)
            if event is not None:
                events.append(event)
        return events

    def _line(self, line: bytes) -> tuple[str, bytes] | None:
        if not line:
            return self._dispatch()
        if line.startswith(b":"):
            return None  # a comment: the keep-alive
        name, colon, value = line.partition(b":")
        if colon and value.startswith(b" "):
            value = value[1:]
        if name == b"event":
            self._event = value
        elif name == b"data":
            self._size += len(value) + 1
            if self._size > self._cap:
                raise UnreadableResponse(
                    f"A status event is more than {self._cap} bytes; a status never needs that "
                    "much."
                )
            self._data.append(value)
        return None

    def _dispatch(self) -> tuple[str, bytes] | None:
        kind = self._event.decode("utf-8", "replace") or "message"
        data, had_data = b"\n".join(self._data), bool(self._data)
        self._event, self._data, self._size = b"", [], 0
        return (kind, data) if had_data else None


def check_stream(response: httpx.Response) -> None:
    """Raise :class:`NoPush` unless ``response`` is a 200 event stream (errors are mapped by
    the caller first: this sees only the answers that are not an error)."""
    kind = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if response.status_code != 200 or kind != EVENT_STREAM:
        raise NoPush


def status_of(data: bytes, session_id: str | None = None) -> SessionStatus:
    """An event's data read as a status read's body is.

    Raises:
        UnreadableResponse: not strict JSON, not an object, not a status, or a status that
            names another session (a body that carries ``sessionId`` must carry ours).
    """
    try:
        body = loads(data)
    except NotJson as exc:
        raise UnreadableResponse(f"A pushed status is not usable JSON: {exc}.") from exc
    if not isinstance(body, dict):
        raise UnreadableResponse("A pushed status is not a JSON object.")
    named = body.get("sessionId")
    if session_id is not None and named is not None and named != session_id:
        raise UnreadableResponse("The status stream sent the status of another session.")
    try:
        return SessionStatus.from_wire(body)
    except MalformedPayload as exc:
        raise UnreadableResponse(f"A pushed status is malformed: {exc}.") from exc


def statuses(
    chunks: Iterable[bytes], session_id: str | None = None, parser: EventParser | None = None
) -> Iterator[SessionStatus]:
    """The statuses in a stream of raw chunks, one per ``status`` event, as they complete."""
    parser = parser or EventParser()
    for chunk in chunks:
        for kind, data in parser.feed(chunk):
            if kind == STATUS_EVENT:
                yield status_of(data, session_id)
