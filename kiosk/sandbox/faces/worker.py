"""The analysis worker: a child process that loads the models once and analyses photos.

dlib's recognition network holds Python's global lock for its whole run (about 80 ms per face
on this project's CI machine), so in a thread of the server it would stall every request for
that long. In a process of its own it stalls nothing: the server keeps answering status reads
while photos are analysed.

The child is ``python -m kiosk.sandbox.faces.worker``, started by :class:`WorkerProcess`, not
by ``multiprocessing``: its ``spawn`` re-runs the parent's main script in the child, so a script
embedding the sandbox without an ``if __name__ == "__main__"`` guard would start a second
server there (``fork`` is worse: the kiosk process runs Qt and several threads). The protocol is
one request at a time on the child's stdin/stdout: an 8-byte big-endian length and the photo's
bytes in, an 8-byte length and the analysis as JSON out. Photos travel through the pipe only.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import kiosk
from kiosk.sandbox.faces.analysis import Analysis, analyse
from kiosk.sandbox.faces.models import load

_LENGTH = struct.Struct(">Q")
MAX_ANSWER_BYTES = 1024 * 1024
"""An analysis is a few kilobytes; a longer answer means the pipe carries something else."""
STOP_WAIT = 5.0
"""Seconds :meth:`WorkerProcess.stop` lets a photo being analysed finish before it kills the
child."""


class WorkerFailed(Exception):
    """The worker process died, or answered something that is not an analysis."""


class WorkerProcess:
    """One worker child, started on first use (or :meth:`start`) and again after a crash.

    :meth:`analyse` blocks: call it from a thread, one at a time per worker (it also locks).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id, or None when none was started (or it was stopped)."""
        process = self._process
        return None if process is None else process.pid

    def start(self) -> None:
        """Start the child if it is not running (it loads the models, about 0.35 s).

        Never waits: while a photo is being analysed the child is running (or is started by
        that analysis), so there is nothing to do. Called on the server's event loop, where
        waiting for someone else's photo froze every request for as long.
        """
        if not self._lock.acquire(blocking=False):
            return
        try:
            self._ensure()
        finally:
            self._lock.release()

    def analyse(self, photo: bytes) -> Analysis:
        """The child's analysis of ``photo``.

        Raises:
            WorkerFailed: the child died or answered nonsense; it is stopped, and the next
                call starts a new one.
        """
        with self._lock:
            process = self._ensure()
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(_LENGTH.pack(len(photo)) + photo)
                process.stdin.flush()
                size = _LENGTH.unpack(_read(process.stdout, _LENGTH.size))[0]
                if size > MAX_ANSWER_BYTES:
                    raise WorkerFailed(f"an answer of {size} bytes")
                return Analysis.from_wire(json.loads(_read(process.stdout, size)))
            except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
                self._stop_locked()
                raise WorkerFailed(f"the analysis worker stopped ({exc})") from exc
            except WorkerFailed:
                self._stop_locked()
                raise

    def stop(self) -> None:
        """Stop the child (it ends when its stdin closes; killed if it does not within 5 s).

        A photo being analysed gets :data:`STOP_WAIT` seconds to finish, then the child is
        killed and that photo fails: the server stops its workers after cancelling the
        requests, so the analysis timeout that kills a hung child never fires, and waiting for
        it kept the sandbox (and the kiosk around it) from ever exiting.
        """
        if not self._lock.acquire(timeout=STOP_WAIT):
            self.kill()  # the analysis waiting on it fails and lets go of the lock
            self._lock.acquire()
        try:
            self._stop_locked()
        finally:
            self._lock.release()

    def kill(self) -> None:
        """Kill the child now (an analysis that takes too long); callable from any thread, and
        an :meth:`analyse` waiting on it then fails."""
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(5)  # reaped: the next photo sees it gone and starts a new one

    def _ensure(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._stop_locked()
        # The child must import this very kiosk package, installed or not.
        root = str(Path(kiosk.__file__).resolve().parent.parent)
        paths = [root, *filter(None, [os.environ.get("PYTHONPATH")])]
        self._process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.sandbox.faces.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
        )
        return self._process

    def _stop_locked(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):  # a broken pipe: the child is gone
                    stream.close()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _read(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if data is None or len(data) != size:
        raise EOFError("the pipe closed mid-answer")
    return data


def main() -> int:
    """The child: load the models, then answer photos until stdin closes."""
    # The protocol owns stdout; anything else that prints (Python or C) goes to stderr.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    requests = sys.stdin.buffer
    models = load()
    while True:
        header = requests.read(_LENGTH.size)
        if len(header) < _LENGTH.size:
            return 0  # the server closed the pipe: done
        photo = _read(requests, _LENGTH.unpack(header)[0])
        answer = json.dumps(analyse(photo, models).to_wire()).encode()
        del photo
        answers.write(_LENGTH.pack(len(answer)) + answer)
        answers.flush()


if __name__ == "__main__":
    raise SystemExit(main())
