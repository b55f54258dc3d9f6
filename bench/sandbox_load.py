"""The sandbox under load: 500 simulated kiosks each reading a status once a second, on loopback.

The sandbox runs as its own process (``python -m kiosk.sandbox``); the kiosks are asyncio tasks
in this one, each with its own session and a random phase within the second. Bounded in time;
the first seconds are a warm-up and not counted.
"""

from __future__ import annotations

import asyncio
import random
import time

import httpx

from bench.common import median, percentile
from kiosk.sandbox.process import sandbox_process

APP_ID, APP_KEY = "bench", "bench-key-0123456789"
PATH = "/api/v1.0/flow/sessions"


class _Connection:
    """One kiosk's kept-alive HTTP/1.1 connection, speaking just enough HTTP for a status read.

    A full client (httpx) spends ~1 ms of CPU per request, so 500 of them saturate the load
    generator's core before the server's; raw streams measure the server instead.
    """

    def __init__(self, host: str, port: int) -> None:
        self._host, self._port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        assert self._reader is not None
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {self._host}\r\nAPP-ID: {APP_ID}\r\n"
            f"APP-KEY: {APP_KEY}\r\n\r\n"
        )
        self._writer.write(request.encode())
        head = await self._reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await self._reader.readexactly(length)
        return status

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


async def _kiosk(
    port: int, token: str, until: float, counted_from: float, out: list[float]
) -> None:
    loop = asyncio.get_running_loop()
    connection = _Connection("127.0.0.1", port)
    await asyncio.sleep(random.uniform(0, 1))
    due = loop.time()
    try:
        while due < until:
            start = time.perf_counter()
            status = await connection.get(f"{PATH}/{token}")
            elapsed = time.perf_counter() - start
            if status != 200:
                raise RuntimeError(f"status read answered {status}")
            if loop.time() >= counted_from:
                out.append(elapsed)
            due += 1.0
            await asyncio.sleep(max(0.0, due - loop.time()))
    finally:
        connection.close()


async def _load(port: int, tokens: list[str], seconds: float, warm_up: float) -> list[float]:
    latencies: list[float] = []
    now = asyncio.get_running_loop().time()
    await asyncio.gather(
        *(_kiosk(port, t, now + seconds, now + warm_up, latencies) for t in tokens)
    )
    return latencies


def run(kiosks: int = 500, seconds: float = 20.0, warm_up: float = 4.0) -> dict[str, float]:
    with sandbox_process(APP_ID, APP_KEY) as (base_url, _):
        with httpx.Client(base_url=base_url, headers={"APP-ID": APP_ID, "APP-KEY": APP_KEY}) as c:
            tokens = [
                c.post(PATH, json={"scopes": ["liveness", "deepfake", "search"]}).json()["token"]
                for _ in range(kiosks)
            ]
        port = int(base_url.rsplit(":", 1)[1])
        latencies = asyncio.run(_load(port, tokens, seconds, warm_up))
    return {
        "kiosks": float(kiosks),
        "reads": float(len(latencies)),
        "reads_per_s": len(latencies) / (seconds - warm_up),
        "p50_ms": median(latencies) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
    }
