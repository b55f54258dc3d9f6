"""Run the desk's hand-off command once: the JSON on its stdin, its output captured and capped,
killed at the timeout or when the desk stops (Qt-free; used by :mod:`kiosk.core.handoff`).

The program runs without a shell (the argument list comes from ``shlex.split``), in a process
group of its own, so a timeout kills the whole group: a shell script's own children too, which
would otherwise keep the pipes open and the desk waiting. Its stdout and stderr are read while
it runs (a program that writes more than a pipe holds would otherwise block forever) and only
the first :data:`OUTPUT_LIMIT` bytes of each are kept. On Windows the program is ended with
``TerminateProcess`` (its own children are not reached).

Its environment is the desk's, less the variables that hold the desk's own secrets (the
APP-KEY variable, systemd's credentials folder) and systemd's notify/watchdog variables: the
hook is the bank's program and has no business with either.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO

OUTPUT_LIMIT = 64 * 1024
"""The most bytes kept of the command's stdout, and of its stderr."""

SLICE = 0.05
"""How often the wait looks at the stop event and the deadline."""

DRAIN_AFTER_EXIT = 1.0
"""After the program exited by itself: how long its output still in the pipes is waited for
(all pipes together). A grandchild that left the process group and holds them is not waited
for beyond it."""

DRAIN_AFTER_KILL = 0.2
"""After we killed it (timeout or stop): its output only colours a failure's message, and the
desk may be quitting, so the pipes get this much, all together. Their reader threads are
daemons; one held by an escaped grandchild ends when the grandchild closes the pipe."""

PRIVATE_ENV = ("CREDENTIALS_DIRECTORY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")
"""Variables never passed on (besides the APP-KEY's, named by the caller)."""

_POSIX = os.name == "posix"


@dataclass(frozen=True)
class CommandRun:
    """How one run ended.

    Attributes:
        returncode: the exit code (negative: killed by that signal on POSIX); None when the
            program was killed by us (``timed_out`` or ``stopped``).
        stdout / stderr: the first :data:`OUTPUT_LIMIT` bytes of each.
        timed_out: killed at the timeout. stopped: killed because the stop event was set.
    """

    returncode: int | None
    stdout: bytes
    stderr: bytes
    timed_out: bool = False
    stopped: bool = False


def child_environment(
    environ: Mapping[str, str], secret_names: Iterable[str] = ()
) -> dict[str, str]:
    """``environ`` without the desk's secret and service variables (see the module's docstring)."""
    hidden = set(PRIVATE_ENV) | set(secret_names)
    return {name: value for name, value in environ.items() if name not in hidden}


def run_command(
    args: list[str],
    payload: bytes,
    *,
    timeout: float,
    stop: threading.Event,
    env: Mapping[str, str] | None = None,
) -> CommandRun:
    """Run ``args`` with ``payload`` on stdin; at most ``timeout`` seconds, or until ``stop``.

    Raises:
        OSError: the program could not be started (FileNotFoundError: it does not exist;
            PermissionError: it is not executable).
    """
    kwargs: dict[str, object] = {}
    if _POSIX:
        kwargs["start_new_session"] = True  # its own process group: killed as a whole
    else:  # pragma: no cover - Windows
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    process = subprocess.Popen(  # noqa: S603 - an argument list the operator configured, no shell
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(env) if env is not None else None,
        **kwargs,  # type: ignore[call-overload]
    )
    if process.stdin is None or process.stdout is None or process.stderr is None:
        raise OSError("the hand-off command's pipes were not opened")  # never: PIPE was asked
    out, err = _Capture(process.stdout), _Capture(process.stderr)
    feeder = threading.Thread(
        target=_feed, args=(process.stdin, payload), name="handoff-stdin", daemon=True
    )
    feeder.start()
    deadline = time.monotonic() + timeout
    timed_out = stopped = False
    while True:
        try:
            process.wait(SLICE)
            break
        except subprocess.TimeoutExpired:
            pass
        if stop.is_set():
            stopped = True
        elif time.monotonic() >= deadline:
            timed_out = True
        if stopped or timed_out:
            _kill(process)
            break
    # Output still buffered in the pipes is read; a grandchild that escaped the group (setsid)
    # and holds them open is not waited for beyond one budget for all the pipes together.
    budget = DRAIN_AFTER_KILL if (stopped or timed_out) else DRAIN_AFTER_EXIT
    drained_by = time.monotonic() + budget
    for thread in (out, err, feeder):
        thread.join(max(0.0, drained_by - time.monotonic()))
    return CommandRun(
        returncode=None if (timed_out or stopped) else process.returncode,
        stdout=out.data(),
        stderr=err.data(),
        timed_out=timed_out,
        stopped=stopped,
    )


def _kill(process: subprocess.Popen[bytes]) -> None:
    """End the program and its process group now, and reap it."""
    if _POSIX:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(2.0)


def _feed(pipe: IO[bytes], payload: bytes) -> None:
    """Write the JSON and close stdin (so the program sees its end); a program that exits
    without reading it closes the pipe: its exit code decides, not the broken pipe."""
    with contextlib.suppress(OSError, ValueError):
        pipe.write(payload)
    with contextlib.suppress(OSError, ValueError):
        pipe.close()


class _Capture:
    """Reads a pipe to its end on a thread of its own, keeping the first bytes."""

    def __init__(self, pipe: IO[bytes], limit: int = OUTPUT_LIMIT) -> None:
        self._pipe = pipe
        self._limit = limit
        self._chunks: list[bytes] = []
        self._kept = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, name="handoff-output", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            while chunk := self._pipe.read1(8192):  # type: ignore[attr-defined]
                with self._lock:
                    room = self._limit - self._kept
                    if room > 0:
                        self._chunks.append(chunk[:room])
                        self._kept += min(room, len(chunk))
                # Beyond the limit the pipe is still drained, so the program never blocks.
        except (OSError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError):
                self._pipe.close()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)

    def data(self) -> bytes:
        with self._lock:
            return b"".join(self._chunks)
