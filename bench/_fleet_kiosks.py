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
from urllib.parse import urlsplit

EVENTS_PATH = "/api/v1.0/flow/sessions/{token}/events"
OPEN_AT_ONCE = 100  # connections being opened at one time (the hub's accept burst is 128)


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


async def _run(kiosks: list[Kiosk], end: float) -> Results:
    results = Results()
    gate = asyncio.Semaphore(OPEN_AT_ONCE)
    await asyncio.gather(*(_opened(k, results, gate, end) for k in kiosks))
    return results


async def _opened(kiosk: Kiosk, results: Results, gate: asyncio.Semaphore, end: float) -> None:
    """One kiosk: a slot of ``gate`` while connecting, the stream until ``end``; a 503 (the
    hub sheds credential checks beyond a few at once, with ``Retry-After: 1``) is retried
    after a second and a random part of one, as a kiosk would."""
    started = time.perf_counter()
    while time.time() < end:
        await gate.acquire()
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
    end: float,
    started: float,
) -> bool:
    """Hold one stream until ``end``; True when the hub asked to retry (503)."""
    parts = urlsplit(kiosk.url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    writer: asyncio.StreamWriter | None = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 30)
        writer.write(
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
        while (left := end - time.time()) > 0:
            try:
                line = await asyncio.wait_for(reader.readline(), left)
            except TimeoutError:
                return False
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


def hold_streams(kiosks: list[Kiosk], end: float) -> Results:
    """Open a stream per kiosk and read them until ``end`` (``time.time()``); one process."""
    from bench.fleet_load import raise_fd_limit

    raise_fd_limit()
    return asyncio.run(_run(kiosks, end))
