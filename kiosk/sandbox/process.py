"""Run the sandbox as its own process on a free loopback port (benchmarks, soak runs, tests).

A separate process keeps the server's CPU and memory apart from the kiosk's, so the figures
measure one thing at a time.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO


def free_port() -> int:
    """A port nothing listens on right now (127.0.0.1)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningSandbox:
    """A sandbox process that accepts connections: its base URL, process id and banner."""

    url: str
    pid: int
    banner: list[str] = field(default_factory=list)


@contextmanager
def sandbox_process(
    app_id: str, app_key: str, extra: Sequence[str] = ()
) -> Iterator[tuple[str, list[str]]]:
    """``python -m kiosk.sandbox`` on 127.0.0.1; yields its base URL and its banner's lines,
    once it accepts connections. Stopped (SIGTERM, then waited for) on exit."""
    with running_sandbox(app_id, app_key, extra) as sandbox:
        yield sandbox.url, sandbox.banner


@contextmanager
def running_sandbox(
    app_id: str,
    app_key: str,
    extra: Sequence[str] = (),
    *,
    stderr: IO[bytes] | None = None,
    max_open_files: int | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[RunningSandbox]:
    """Like :func:`sandbox_process`, yielding a :class:`RunningSandbox` (with the pid, to
    measure the process). ``stderr`` receives its log (default: discarded);
    ``max_open_files`` lowers its descriptor limit (to test behaviour at the limit); ``env``
    adds environment variables."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "kiosk.sandbox", "--host", "127.0.0.1", "--port", str(port),
         "--app-id", app_id, "--app-key", app_key, *extra],
        stdout=subprocess.PIPE,
        stderr=stderr if stderr is not None else subprocess.DEVNULL,
        text=True,
        preexec_fn=_limit_open_files(max_open_files) if max_open_files else None,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
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
        yield RunningSandbox(f"http://127.0.0.1:{port}", process.pid, banner)
    finally:
        process.terminate()
        process.wait(20)
        if process.stdout is not None:
            process.stdout.close()


def _limit_open_files(limit: int) -> Callable[[], None]:
    import resource  # POSIX only: imported here so the module loads on Windows

    def apply() -> None:  # runs in the child, between fork and exec
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))

    return apply
