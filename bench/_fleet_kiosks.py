"""The simulated kiosks of ``fleet_load``: many SSE streams held by one asyncio process.

Raw asyncio streams rather than an HTTP client library: 2,500 streams in one process must cost
little, and a stream here only sends one GET and reads ``data:`` lines. Each kiosk records its
connection setup time (connect to the first ``status`` event, the session's current status)
and, for every later event, the change's mark (``returnUrl`` ``https://return.test/<i>/<k>``)
and when it arrived (``time.time()``, comparable with the hub processes' clocks).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from typing import Protocol
from urllib.parse import urlsplit

EVENTS_PATH = "/api/v1.0/flow/sessions/{token}/events"
# Streams being opened at one time per process. The hub checks at most 8 secrets at once and
# answers 503 (Retry-After: 1) beyond (kiosk.hub.gate.MAX_PENDING_CHECKS): 100 at once made a
# retry storm (5,000 kiosks: 32,000 refusals, 80 s and still 600 short), so the bench opens
# them about as fast as the hub admits them.
OPEN_AT_ONCE = 4


class End(Protocol):
    """When to stop (a ``multiprocessing.Value("d")``: the bench sets it once all are open)."""

    value: float


@dataclass
class Kiosk:
    """One simulated kiosk: its hub, credentials and session token."""

    url: str
    kiosk_id: str
    secret: str
    token: str


@dataclass
class Results:
    """What one client process saw."""

    setup: list[float] = field(default_factory=list)
    marks: list[tuple[str, float]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    connected: int = 0
    retries: int = 0


async def _run(kiosks: list[Kiosk], end: End) -> Results:
    results = Results()
    gate = asyncio.Semaphore(OPEN_AT_ONCE)
    await asyncio.gather(*(_opened(k, results, gate, end) for k in kiosks))
    return results


async def _opened(kiosk: Kiosk, results: Results, gate: asyncio.Semaphore, end: End) -> None:
    """One kiosk: a slot of ``gate`` while connecting, the stream until ``end``; a 503 (the
    hub sheds credential checks beyond a few at once, with ``Retry-After: 1``) is retried
    after a second and a random part of one, as a kiosk would."""
    started = 0.0  # from the first attempt's connect (the bench's own queue is not counted)
    while time.time() < end.value:
        await gate.acquire()
        started = started or time.perf_counter()
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                gate.release()

        try:
            again = await _stream(kiosk, results, release, end, started)
        finally:
            release()
        if not again:
            return
        results.retries += 1
        await asyncio.sleep(1 + random.random())


async def _stream(
    kiosk: Kiosk,
    results: Results,
    established: Callable[[], None],
    end: End,
    started: float,
) -> bool:
    """Hold one stream until ``end``; True when the hub asked to retry (503)."""
    parts = urlsplit(kiosk.url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    writer: asyncio.StreamWriter | None = None
    try:
        reader, opened = await asyncio.wait_for(asyncio.open_connection(host, port), 30)
        writer = opened
        opened.write(
            (
                f"GET {EVENTS_PATH.format(token=kiosk.token)} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"APP-ID: {kiosk.kiosk_id}\r\nAPP-KEY: {kiosk.secret}\r\n"
                "Accept: text/event-stream\r\n\r\n"
            ).encode()
        )
        status_line = await asyncio.wait_for(reader.readline(), 30)
        if b" 503 " in status_line:
            return True
        if b" 200 " not in status_line:
            results.failed.append(status_line.decode(errors="replace").strip() or "closed")
            return False
        while (await reader.readline()).strip():  # the response's headers
            pass
        first = True
        while (left := end.value - time.time()) > 0:
            try:  # a second at most: the bench may bring the end forward
                line = await asyncio.wait_for(reader.readline(), min(left, 1.0))
            except TimeoutError:
                continue
            if not line:
                results.failed.append("stream ended")
                return False
            if not line.startswith(b"data: "):
                continue
            now = time.time()
            if first:
                first = False
                results.setup.append(time.perf_counter() - started)
                results.connected += 1
                established()
                continue
            mark = json.loads(line[6:]).get("returnUrl")
            if isinstance(mark, str):
                results.marks.append((mark, now))
    except (OSError, TimeoutError) as exc:
        results.failed.append(type(exc).__name__)
    finally:
        if writer is not None:
            writer.close()
    return False


def hold_streams(kiosks: list[Kiosk], end: End, out: Queue[Results]) -> None:
    """Open a stream per kiosk and read them until ``end.value`` (``time.time()``, which the
    bench may bring forward); put the results on ``out``. One process."""
    from bench.fleet_load import raise_fd_limit

    raise_fd_limit()
    out.put(asyncio.run(_run(kiosks, end)))
