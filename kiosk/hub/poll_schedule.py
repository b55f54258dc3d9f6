"""When each live session is next read upstream: one timer and a few workers for them all.

A hub watches thousands of live sessions, each read about once a second, and almost every read
changes nothing. A task per session waking through ``asyncio.wait_for`` (a task created and
cancelled per wait) made those idle wake-ups the hub's main cost at 5,000 kiosks. Here a
session's next read is one entry in a heap; one loop timer (``call_at``) is armed for the
earliest entry, and when it fires every entry that is due moves to a ready queue that a fixed
number of worker tasks drain, each read a plain ``await`` (no task per read). An idle session
costs a heap push and pop per read, whatever the number of sessions.

- Moving a read earlier (a callback's hint) pushes a new entry; the old one is skipped when it
  comes up (each entry carries the due time it was pushed for, and only the item's current
  one counts).
- The timer fires no more often than every :data:`TICK` seconds: entries due within one tick
  are read together, at most a tick late and never early.
- A worker yields to the loop after each read, so a batch of reads that complete without
  waiting (a cache, a stand-in) holds the kiosks' streams up for at most one read per worker
  (32 reads per worker each turn made 80-130 ms stalls at 5,000 sessions).
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import math
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Generic, Protocol, TypeVar

log = logging.getLogger(__name__)

# Least seconds between two firings of the timer (reads due within it are batched).
TICK = 0.005


# An item's ``due`` while it waits in the ready queue (earlier than any time: nothing moves it).
QUEUED = -math.inf


class Due(Protocol):
    """What the schedule needs of an item: its current due time (``inf``: not scheduled,
    :data:`QUEUED`: waiting for a worker)."""

    due: float


D = TypeVar("D", bound=Due)


class Schedule(Generic[D]):
    """Due items of type ``D``, read by ``run`` with at most ``workers`` reads in flight.

    ``run`` must not raise (it logs its own failures) and must reschedule its item itself
    (:meth:`at`) when it wants another read. Event loop thread only.
    """

    def __init__(self, run: Callable[[D], Awaitable[None]], workers: int = 64) -> None:
        self._run = run
        self._heap: list[tuple[float, int, D]] = []
        self._order = itertools.count()  # ties broken by insertion, never by comparing items
        self._ready: deque[D] = deque()
        self._idle: deque[asyncio.Future[None]] = deque()
        self._timer: asyncio.TimerHandle | None = None
        self._timer_at = math.inf
        self._last_fire = -math.inf
        self._workers: list[asyncio.Task[None]] = []
        self._size = max(1, workers)
        self._closed = False

    def at(self, item: D, when: float) -> None:
        """Read ``item`` at ``when`` (loop time), replacing any earlier-set time."""
        item.due = when
        if self._closed or math.isinf(when):
            return
        if not self._workers:
            self._start()
        heapq.heappush(self._heap, (when, next(self._order), item))
        self._arm()

    def park(self, item: D) -> None:
        """Stop reading ``item`` until the next :meth:`at`."""
        item.due = math.inf

    async def close(self) -> None:
        """Stop the timer and the workers (a read in flight is cancelled)."""
        self._closed = True
        if self._timer is not None:
            self._timer.cancel()
        for worker in self._workers:
            worker.cancel()
        for worker in self._workers:
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        self._heap.clear()
        self._ready.clear()

    def _start(self) -> None:
        self._workers = [
            asyncio.create_task(self._work(), name=f"hub-poll-{i}") for i in range(self._size)
        ]

    def _arm(self) -> None:
        loop = asyncio.get_running_loop()
        when = max(self._heap[0][0], self._last_fire + TICK)
        if when >= self._timer_at:
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer_at = when
        self._timer = loop.call_at(when, self._fire)

    def _fire(self) -> None:
        loop = asyncio.get_running_loop()
        now = self._last_fire = loop.time()
        self._timer, self._timer_at = None, math.inf
        heap = self._heap
        while heap and heap[0][0] <= now:
            when, _, item = heapq.heappop(heap)
            if item.due == when:  # else moved (earlier, later or parked) since it was pushed
                item.due = QUEUED
                self._ready.append(item)
        while self._idle and self._ready:
            waiter = self._idle.popleft()
            if not waiter.done():
                waiter.set_result(None)
        if heap:
            self._arm()

    async def _work(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            if not self._ready:
                waiter = loop.create_future()
                self._idle.append(waiter)
                await waiter
                continue
            await self._run(self._ready.popleft())
            await asyncio.sleep(0)  # the others' turn (a read may not have waited at all)
