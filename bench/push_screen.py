"""Push to the screen: from a status change at the server to the kiosk's progress screen painted.

The window, controller and worker thread are the real ones (as in ``status_latency``); the
backend is one of ``push_latency``'s (the contract test backend, or the real hub in front of it).
Each round starts a session, waits for its QR code, pauses a random moment, then moves the
session to IN_PROGRESS at the server; the figure ends when the progress screen has painted.
"""

from __future__ import annotations

import random
import time
from contextlib import AbstractContextManager
from typing import Any

from bench.common import median, percentile, pump_until
from bench.kiosk_in_process import SCOPES, PaintCounter
from bench.push_latency import POLL_INTERVAL, Target, contract, hub
from kiosk.core.api import VerificationClient
from kiosk.core.events import PushPolicy
from kiosk.core.poller import PollPolicy, SessionRunner
from kiosk.core.state import Phase
from tests.support.push_backend import status_body


def run(rounds: int = 50, server: str = "contract", push: bool = True) -> dict[str, float]:
    """p50/p95 in ms over ``rounds`` sessions."""
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.controller import KioskController
    from kiosk.ui.window import KioskWindow

    app = QApplication.instance() or QApplication([])
    assert app is not None
    opened: AbstractContextManager[Target] = contract() if server == "contract" else hub()
    latencies: list[float] = []
    with opened as target:
        client = VerificationClient(target.url, target.credentials)
        policy = PollPolicy(interval=POLL_INTERVAL, active_interval=POLL_INTERVAL / 2)

        def make_runner() -> SessionRunner:
            return SessionRunner(
                client,
                scopes=SCOPES,
                trusted_origins=target.trusted,
                policy=policy,
                push=PushPolicy() if push else None,
            )

        controller = KioskController(make_runner)
        window = KioskWindow(controller, sandbox=True)
        window.resize(1920, 1080)
        window.show()
        painted = PaintCounter(window.progress)
        try:
            for i in range(rounds):
                latencies.append(_round(controller, target, painted, f"https://return.test/{i}"))
                controller.cancel()
                pump_until(lambda: not controller.threads)
        finally:
            controller.shutdown()
            client.close()
            window.close()
    return {
        "p50_ms": median(latencies) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "rounds": float(len(latencies)),
    }


def _round(controller: Any, target: Target, painted: PaintCounter, mark: str) -> float:
    controller.start()
    pump_until(lambda: controller.state.phase is Phase.QR)
    wake = time.perf_counter() + random.uniform(0, POLL_INTERVAL)
    pump_until(lambda: time.perf_counter() >= wake)
    before = painted.count
    changed = time.perf_counter()
    target.change(status_body("IN_PROGRESS", nextStep="LIVENESS", returnUrl=mark))
    pump_until(lambda: painted.count > before)
    return time.perf_counter() - target.changed_at(mark, changed)
