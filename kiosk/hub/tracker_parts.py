"""The parts of :mod:`kiosk.hub.tracker` a session needs: how the hub watches upstream
(:class:`TrackerSettings`), one live session's state (:class:`Tracker`), and store writes
retried while the database is unreachable (:func:`retry_store`)."""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from kiosk.hub.events import Subscriber
from kiosk.hub.store import SessionRecord, StoreUnavailable

log = logging.getLogger("kiosk.hub.tracker")  # its messages read as the tracker's

T = TypeVar("T")


@dataclass
class TrackerSettings:
    """How the hub watches upstream.

    Attributes:
        poll_interval: seconds between upstream reads of a live session.
        fresh_seconds: a status read younger than this is served without reading upstream.
        max_backoff: the longest wait between reads while upstream fails.
        store_retry_seconds: how long a store write is retried while the database is down.
        queue_size: events waiting per stream before the oldest is dropped.
        hint_gap: the least time between a read and the next one a callback wakes (callbacks
            are unsigned: a flood of them, the vendor's or anyone's who learnt a path, costs
            upstream at most one read per gap, not one per callback).
    """

    poll_interval: float = 1.0
    fresh_seconds: float = 0.5
    max_backoff: float = 30.0
    store_retry_seconds: float = 30.0
    queue_size: int = 8
    hint_gap: float = 0.25


class Tracker:
    """One live session as the hub knows it (event loop thread only).

    ``due`` is the loop time of its next scheduled read (:mod:`kiosk.hub.poll_schedule`);
    ``wait`` the current pause between reads (the poll interval, or a backoff); ``woken`` a
    callback's (or another hub's change's) request for a read not yet started; ``running``
    while the schedule's read of it is in flight (a hint then only sets ``woken``, and the
    read's end schedules the next one).
    """

    __slots__ = (
        "body",
        "due",
        "event",
        "final",
        "read_at",
        "reading",
        "record",
        "running",
        "subscribers",
        "wait",
        "woken",
    )  # fmt: skip

    def __init__(self, record: SessionRecord) -> None:
        self.record = record
        self.body: dict[str, Any] | None = None
        self.event: bytes | None = None
        self.read_at = float("-inf")
        self.final = False
        self.subscribers: set[Subscriber] = set()
        self.reading: asyncio.Future[dict[str, Any]] | None = None
        self.due = math.inf
        self.wait = 0.0
        self.woken = False
        self.running = False


async def retry_store(call: Callable[[], T], seconds: float, what: str) -> T:
    """Run the blocking store ``call`` in a thread, retrying while the database is unreachable
    (for at most ``seconds``; then :class:`StoreUnavailable` propagates)."""
    deadline = time.monotonic() + seconds
    delay = 0.05
    while True:
        try:
            return await asyncio.to_thread(call)
        except StoreUnavailable as error:
            if time.monotonic() + delay > deadline:
                raise
            log.warning("%s: database unavailable (%s); retrying", what, error)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
