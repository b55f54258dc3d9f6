"""A stand-in for systemd's notify socket: receives the kiosk's ``sd_notify`` datagrams.

Give :attr:`NotifyReceiver.address` to the kiosk as ``NOTIFY_SOCKET``. A thread receives each
datagram and keeps it with its arrival time (``time.monotonic()``), so a test can see both what
was sent and when: the gaps between ``WATCHDOG=1`` are what systemd's watchdog judges.
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType


class NotifyReceiver:
    """An ``AF_UNIX`` datagram socket at a path, or in the abstract namespace (``abstract``).

    Use as a context manager; :meth:`wait_for` blocks on a condition, not on a sleep.
    """

    def __init__(self, *, abstract: bool = False) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if abstract:
            name = f"kiosk-test-{os.getpid()}-{os.urandom(6).hex()}"
            self.socket.bind(b"\0" + name.encode())
            self.address = "@" + name
        else:
            # A short folder: a socket's path is limited to ~107 bytes.
            self._folder = tempfile.TemporaryDirectory(prefix="sdn")
            path = str(Path(self._folder.name) / "notify")
            self.socket.bind(path)
            self.address = path
        self.socket.settimeout(0.05)
        self.messages: list[tuple[float, str]] = []
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._receive, name="notify-receiver", daemon=True)
        self._thread.start()

    def _receive(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.socket.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            with self._changed:
                self.messages.append((time.monotonic(), data.decode()))
                self._changed.notify_all()

    def texts(self) -> list[str]:
        """Every datagram received so far, in order."""
        with self._changed:
            return [text for _, text in self.messages]

    def times_of(self, line: str) -> list[float]:
        """When each datagram holding ``line`` (e.g. ``WATCHDOG=1``) arrived."""
        with self._changed:
            return [at for at, text in self.messages if line in text.split("\n")]

    def wait_for(self, condition: Callable[[NotifyReceiver], bool], timeout: float) -> bool:
        """Wait until ``condition(self)`` holds (True) or ``timeout`` seconds pass (False)."""
        with self._changed:
            return self._changed.wait_for(lambda: condition(self), timeout)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.socket.close()
        if self._folder is not None:
            with contextlib.suppress(OSError):
                self._folder.cleanup()

    def __enter__(self) -> NotifyReceiver:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
