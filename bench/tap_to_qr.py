"""Tap to QR painted, against the local sandbox, as a ratio to the bare work.

Kiosk: ``controller.start()`` (what the Start button calls) until the QR view has painted the new
session's code. Bare work: one create POST on a kept-alive client plus one QR encode. Rounds
alternate between the two.
"""

from __future__ import annotations

import time

from bench.common import median, pump_until
from bench.kiosk_in_process import SCOPES, PaintCounter, kiosk
from kiosk.core.qr import encode


def run(rounds: int = 20) -> dict[str, float]:
    kiosk_times: list[float] = []
    bare_times: list[float] = []
    with kiosk() as bench:
        painted = PaintCounter(bench.window.qr.qr)
        for round_number in range(rounds + 2):  # two warm-up rounds
            before = painted.count
            start = time.perf_counter()
            bench.controller.start()
            pump_until(
                lambda before=before: (
                    painted.count > before
                    and bench.controller.state.session is not None
                    and bench.window.qr.qr.matrix is bench.controller.state.session.matrix
                )
            )
            kiosk_elapsed = time.perf_counter() - start
            bench.settle()
            start = time.perf_counter()
            created = bench.client.create_session(SCOPES)
            encode(created.url)
            bare_elapsed = time.perf_counter() - start
            if round_number >= 2:
                kiosk_times.append(kiosk_elapsed)
                bare_times.append(bare_elapsed)
    return {
        "kiosk_ms": median(kiosk_times) * 1000,
        "bare_ms": median(bare_times) * 1000,
        "ratio": median(kiosk_times) / median(bare_times),
    }
