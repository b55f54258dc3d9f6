"""Run the sandbox as its own process on a free loopback port (benchmarks, soak runs, tests).

A separate process keeps the server's CPU and memory apart from the kiosk's, so the figures
measure one thing at a time.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager


def free_port() -> int:
    """A port nothing listens on right now (127.0.0.1)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def sandbox_process(
    app_id: str, app_key: str, extra: Sequence[str] = ()
) -> Iterator[tuple[str, list[str]]]:
    """``python -m kiosk.sandbox`` on 127.0.0.1; yields its base URL and its banner's lines,
    once it accepts connections. Stopped (SIGTERM, then waited for) on exit."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "kiosk.sandbox", "--host", "127.0.0.1", "--port", str(port),
         "--app-id", app_id, "--app-key", app_key, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        banner = []
        for line in process.stdout:  # the banner ends once the server is listening
            banner.append(line)
            if line.startswith("Press Ctrl+C"):
                break
        else:
            raise RuntimeError("the sandbox process ended before it was ready: " + "".join(banner))
        yield f"http://127.0.0.1:{port}", banner
    finally:
        process.terminate()
        process.wait(20)
        if process.stdout is not None:
            process.stdout.close()
