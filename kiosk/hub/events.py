"""Server-Sent Events for kiosks: the wire format and one bounded queue per open stream.

Each status change is one event, ``event: status`` with the status body (the same JSON as the
status read) on one ``data:`` line; a ``: keep-alive`` comment goes out every
:data:`KEEPALIVE_SECONDS` so proxies and the kiosk see the stream is alive; the stream ends
after a final status.

A status is a state, not a delta: a kiosk needs the newest one, not every one in between. So a
stream's queue is small, and when a slow reader lets it fill, the oldest waiting event is
dropped for the new one (the final event is always kept, and the end always arrives). Putting
never waits, so one slow kiosk never holds up the others or the poller.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

KEEPALIVE_SECONDS = 15.0
KEEPALIVE = b": keep-alive\n\n"
QUEUE_SIZE = 8


def encode_status(body: dict[str, Any]) -> bytes:
    """One ``status`` event carrying ``body`` (compact JSON never contains a newline)."""
    data = json.dumps(body, separators=(",", ":"), ensure_ascii=True)
    return b"event: status\ndata: " + data.encode() + b"\n\n"


class Subscriber:
    """One open event stream: the kiosk it belongs to and its queue of encoded events.

    ``None`` in the queue ends the stream. Used from the event loop's thread only.
    """

    def __init__(self, kiosk_id: str, credential: str = "", size: int = QUEUE_SIZE) -> None:
        self.kiosk_id = kiosk_id
        # The secret hash the stream was opened with: a rotation or revocation ends it.
        self.credential = credential
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue(max(2, size))
        self.ended = False
        self.dropped = 0

    def offer(self, event: bytes) -> None:
        """Queue ``event``; with the queue full, the oldest waiting event makes room."""
        if self.ended:
            return
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped += 1
        self._queue.put_nowait(event)

    def end(self) -> None:
        """End the stream after the events already queued (idempotent)."""
        if self.ended:
            return
        self.ended = True
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped += 1
        self._queue.put_nowait(None)

    async def next(self, timeout: float) -> bytes | None:
        """The next event; ``b""`` when ``timeout`` passes first; ``None`` at the end."""
        try:
            return await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return b""
