"""The simulated kiosks of ``fleet_load``: many SSE streams held by one asyncio process.

Raw asyncio streams rather than an HTTP client library: 2,500 streams in one process must cost
little, and a stream here only sends one GET and reads ``data:`` lines. Each kiosk records its
connection setup time (connect to the first ``status`` event, the session's current status)
and, for every later event, the change's mark (``returnUrl`` ``https://return.test/<i>/<k>``)
and when it arrived (``time.time()``, comparable with the hub processes' clocks).

Each kiosk also sends a heartbeat (``POST /api/hub/v1/heartbeat``, the kiosk's body) every
``heartbeat_seconds`` from the start, the first at a random point of the first interval
(kiosks start at different times); each on a connection of its own
(``Connection: close``: a kiosk's client would not keep a connection idle for 30 s).

A stream's reads wait without a timeout (one ``readline`` per line, not a timer per kiosk per
second): a watcher cancels every kiosk at the end, so the bench's own processes take as little
of the machine's CPU from the hub as they can.
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
HEARTBEAT_PATH = "/api/hub/v1/heartbeat"
HEARTBEAT_BODY = b'{"version":"bench","state":"in_session","lastError":null}'
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
    heartbeats: list[tuple[float, float]] = field(default_factory=list)  # (sent at, seconds)
    heartbeat_failures: list[tuple[float, str]] = field(default_factory=list)  # (sent at, why)


async def _run(kiosks: list[Kiosk], end: End, heartbeat_seconds: float) -> Results:
    results = Results()
    gate = asyncio.Semaphore(OPEN_AT_ONCE)
    tasks = [asyncio.create_task(_opened(k, results, gate, end)) for k in kiosks]
    if heartbeat_seconds > 0:
        tasks += [asyncio.create_task(_heartbeats(k, results, heartbeat_seconds)) for k in kiosks]
    while time.time() < end.value and not all(t.done() for t in tasks):
        await asyncio.sleep(0.25)
    # Cancelled again until all have ended: Python 3.11's wait_for can swallow a cancellation
    # that lands as its inner call completes (one run hung here, a kiosk waiting for ever).
    pending = set(tasks)
    while pending:
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=1.0)
    return results


async def _heartbeats(kiosk: Kiosk, results: Results, every: float) -> None:
    """Heartbeats from one kiosk until cancelled, every ``every`` s at a random phase."""
    await asyncio.sleep(random.random() * every)
    parts = urlsplit(kiosk.url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    request = (
        f"POST {HEARTBEAT_PATH} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"APP-ID: {kiosk.kiosk_id}\r\nAPP-KEY: {kiosk.secret}\r\n"
        "Content-Type: application/json\r\nConnection: close\r\n"
        f"Content-Length: {len(HEARTBEAT_BODY)}\r\n\r\n"
    ).encode() + HEARTBEAT_BODY
    while True:
        sent, started = time.time(), time.perf_counter()
        writer: asyncio.StreamWriter | None = None
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 30)
            writer.write(request)
            status_line = await asyncio.wait_for(reader.readline(), 30)
            if b" 200 " in status_line:
                results.heartbeats.append((sent, time.perf_counter() - started))
            else:
                reason = status_line.decode(errors="replace").strip()[:40] or "closed"
                results.heartbeat_failures.append((sent, reason))
        except (OSError, TimeoutError) as exc:
            results.heartbeat_failures.append((sent, type(exc).__name__))
        finally:
            if writer is not None:
                writer.close()
        await asyncio.sleep(every)


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
        while True:  # until the end cancels this kiosk
            line = await reader.readline()
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


def hold_streams(
    kiosks: list[Kiosk], end: End, out: Queue[Results], heartbeat_seconds: float = 0.0
) -> None:
    """Open a stream per kiosk and read them until ``end.value`` (``time.time()``, which the
    bench may bring forward), with heartbeats every ``heartbeat_seconds`` (0: none); put the
    results on ``out``. One process."""
    from bench.fleet_load import raise_fd_limit

    raise_fd_limit()
    out.put(asyncio.run(_run(kiosks, end, heartbeat_seconds)))
