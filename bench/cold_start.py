"""Cold start to the first painted idle screen, as a ratio to a bare PySide6 window.

Both are started the same way: a new Python process, offscreen, timed from spawn to the line the
child prints at its window's first paint. Runs alternate so drift hits both equally.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from bench.common import median


def time_to_paint(which: str) -> float:
    home = tempfile.mkdtemp(prefix="kiosk-bench-")  # its logs and journal, not the user's
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": home}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench._first_paint", which],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.wait(30)
    child.stdout.close()
    if line.strip() != "painted":
        raise RuntimeError(f"{which} did not paint")
    return elapsed


def run(rounds: int = 9) -> dict[str, float]:
    time_to_paint("bare")  # warm the disk cache for both
    time_to_paint("kiosk")
    bare, kiosk = [], []
    for _ in range(rounds):
        bare.append(time_to_paint("bare"))
        kiosk.append(time_to_paint("kiosk"))
    return {"bare_s": median(bare), "kiosk_s": median(kiosk), "ratio": median(kiosk) / median(bare)}
