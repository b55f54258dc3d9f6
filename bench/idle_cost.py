"""Idle cost: CPU (% of one core) and RSS of the kiosk process over a window of time.

The kiosk runs as its own process (offscreen, embedded sandbox included). "Idle" is the idle
screen; "polling" is a QR code on screen that nobody scans (a demo session playing ``expire`` at a
pace that never gets there), polled at 1 Hz with its countdown ticking.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

import psutil

WARM_UP_SECONDS = 6.0


def measure(extra: list[str], seconds: float) -> dict[str, float]:
    home = tempfile.mkdtemp(prefix="kiosk-bench-")  # its logs and journal, not the user's
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": home}
    child = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--windowed", "--local", "--port", "0", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        time.sleep(WARM_UP_SECONDS)  # start-up, the sandbox, and (polling) the demo's first tap
        process = psutil.Process(child.pid)
        before = process.cpu_times()
        start = time.perf_counter()
        time.sleep(seconds)
        after = process.cpu_times()
        wall = time.perf_counter() - start
        used = (after.user - before.user) + (after.system - before.system)
        return {
            "cpu_percent": 100 * used / wall,
            "rss_mib": process.memory_info().rss / 2**20,
            "threads": float(process.num_threads()),
        }
    finally:
        child.terminate()
        child.wait(20)


def run(seconds: float = 60.0) -> dict[str, dict[str, float]]:
    never = ["--step-seconds", "100000", "--walk-away", "100000"]
    return {
        "idle": measure([], seconds),
        "polling": measure(["--demo", "expire", *never], seconds),
    }
