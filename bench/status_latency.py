"""Status change to screen: from the sandbox changing a session's status to the kiosk showing it.

The "phone" (this benchmark) starts the flow at a random moment within the poll interval; the
time until the progress screen has painted is the latency. The kiosk polls at 1 Hz while the QR
code waits for a scan, so the latency is spread over 0..1 s plus the work after the read.
"""

from __future__ import annotations

import random
import time

from bench.common import median, percentile, pump_until
from bench.kiosk_in_process import PaintCounter, kiosk
from kiosk.core.state import Phase
from kiosk.sandbox.store import Transition

POLL_INTERVAL = 1.0


def run(rounds: int = 20) -> dict[str, float]:
    latencies: list[float] = []
    with kiosk(poll_interval=POLL_INTERVAL) as bench:
        store = bench.server.app.state.store
        painted = PaintCounter(bench.window.progress)
        for _ in range(rounds):
            bench.controller.start()
            pump_until(lambda: bench.controller.state.phase is Phase.QR)
            session = bench.controller.state.session
            assert session is not None
            wake = time.perf_counter() + random.uniform(0, POLL_INTERVAL)
            pump_until(lambda wake=wake: time.perf_counter() >= wake)
            before = painted.count
            changed = time.perf_counter()
            store.act(session.token, Transition.START)
            pump_until(lambda before=before: painted.count > before)
            latencies.append(time.perf_counter() - changed)
            bench.settle()
    return {
        "median_ms": median(latencies) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "limit_ms": POLL_INTERVAL * 1000 + 100,
    }
