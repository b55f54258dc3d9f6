"""Cold start of the bundle (``dist/verification-kiosk/kiosk``) against ``python -m kiosk``.

Both start the same way, as systemd starts the kiosk: a new process, offscreen, with a
``NOTIFY_SOCKET``; the time is from spawn to the ``READY=1`` the kiosk sends once its idle screen
has been painted (kiosk/watchdog.py). That is the moment ``python -m bench --only cold_start``
measures through an event filter, which cannot be put into a frozen bundle; the datagram can.
Runs alternate so drift hits both equally; each gets its own empty ``KIOSK_HOME``.

    scripts/package.sh --bundle && .venv/bin/python -m bench.bundle_start [--rounds 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "verification-kiosk" / "kiosk"
RUN = ["run", "--windowed", "--listen", "local", "--port", "0"]


def time_to_ready(command: list[str], timeout: float = 30.0) -> float:
    """Seconds from spawning ``command`` (a kiosk) to its ``READY=1``."""
    folder = tempfile.mkdtemp(prefix="kiosk-bench-")
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    address = os.path.join(folder, "notify")
    receiver.bind(address)
    receiver.settimeout(timeout)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_HOME": os.path.join(folder, "home"),
        "NOTIFY_SOCKET": address,
    }
    env.pop("WATCHDOG_USEC", None)
    try:
        start = time.perf_counter()
        child = subprocess.Popen(
            [*command, *RUN], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while b"READY=1" not in receiver.recv(4096).split(b"\n"):
                pass
            elapsed = time.perf_counter() - start
        finally:
            child.terminate()
            child.wait(30)
    finally:
        receiver.close()
        shutil.rmtree(folder, ignore_errors=True)
    return elapsed


def run(rounds: int = 21, bundle: Path = BUNDLE) -> dict[str, float]:
    """Medians of ``rounds`` alternating starts: ``dev_s``, ``bundle_s`` and their ``ratio``."""
    if not bundle.is_file():
        raise SystemExit(f"no bundle at {bundle}: run scripts/package.sh --bundle first")
    dev_command = [sys.executable, "-m", "kiosk"]
    time_to_ready(dev_command)  # warm the disk cache for both
    time_to_ready([str(bundle)])
    dev, frozen = [], []
    for _ in range(rounds):
        dev.append(time_to_ready(dev_command))
        frozen.append(time_to_ready([str(bundle)]))
    return {
        "dev_s": median(dev),
        "bundle_s": median(frozen),
        "ratio": median(frozen) / median(dev),
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bundle_start", description=__doc__)
    parser.add_argument("--rounds", type=int, default=21, help="starts of each (default 21)")
    args = parser.parse_args()
    figures = run(args.rounds)
    print(
        f"cold start to READY=1 (first paint), median of {args.rounds}: "
        f"bundle {figures['bundle_s'] * 1000:.0f} ms, python -m kiosk "
        f"{figures['dev_s'] * 1000:.0f} ms: {figures['ratio']:.2f}x (target <= 1.2x)"
    )
    return 0 if figures["ratio"] <= 1.2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
