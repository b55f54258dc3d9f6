"""systemd's notify protocol (``sd_notify``), hand-written: no dependency, no Qt.

A ``Type=notify`` service gets ``$NOTIFY_SOCKET``, an ``AF_UNIX`` datagram socket (a leading
``@`` names the abstract namespace); each datagram is newline-separated ``KEY=VALUE`` lines:
``READY=1`` once started, ``WATCHDOG=1`` more often than ``$WATCHDOG_USEC``, ``STOPPING=1``,
``STATUS=...`` for ``systemctl status``. Outside systemd (no ``$NOTIFY_SOCKET``) every method
does nothing.

``$WATCHDOG_PID`` names the process systemd watches. Under the ``cage`` compositor that is cage,
the kiosk's parent, so the kiosk speaks when the pid is its own or its parent's (the unit needs
``NotifyAccess=all`` to accept a child's datagrams); any other pid means this process is not the
service's program and it stays silent.

A send never blocks and never raises: a full or vanished socket is logged once. Never put a
secret in a ``STATUS=`` line: systemd shows it to anyone who asks.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Mapping

log = logging.getLogger(__name__)

MAX_INTERVAL_MS = 2**31 - 1
"""The longest ping interval: a Qt timer's is a signed 32-bit count of milliseconds (about 24.8
days); a longer ``$WATCHDOG_USEC`` made the watchdog's timer raise and the kiosk not start."""


class Notifier:
    """Speaks to systemd through ``$NOTIFY_SOCKET``, or does nothing without it.

    Args:
        environ: the environment to read ``NOTIFY_SOCKET``, ``WATCHDOG_USEC`` and
            ``WATCHDOG_PID`` from.
        pids: this process's pid and its parent's (injectable for tests).
    """

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        pids: Callable[[], tuple[int, int]] = lambda: (os.getpid(), os.getppid()),
    ) -> None:
        env = os.environ if environ is None else environ
        # No AF_UNIX (an old Windows Python): no service manager to speak to either.
        has_unix = hasattr(socket, "AF_UNIX")
        self._address = _address(env.get("NOTIFY_SOCKET", "")) if has_unix else None
        self._socket: socket.socket | None = None
        self._failed = False
        watched = env.get("WATCHDOG_PID", "").strip()
        if self._address is not None and watched and not _is_us(watched, pids()):
            log.warning(
                "systemd notifications off: WATCHDOG_PID %s is neither this process nor its parent",
                watched[:20],
            )
            self._address = None
        self._watchdog_usec = _positive_int(env.get("WATCHDOG_USEC", ""))

    @property
    def enabled(self) -> bool:
        """Whether a service manager listens (``$NOTIFY_SOCKET`` is set and meant for us)."""
        return self._address is not None

    @property
    def watchdog_interval_ms(self) -> int | None:
        """How often to send ``WATCHDOG=1``: half of ``$WATCHDOG_USEC``, at most
        :data:`MAX_INTERVAL_MS`; None without one."""
        if not self.enabled or self._watchdog_usec is None:
            return None
        return min(MAX_INTERVAL_MS, max(1, self._watchdog_usec // 2000))

    def ready(self, status: str | None = None) -> bool:
        """``READY=1`` (and a status line)."""
        return self.send("READY=1", *_status(status))

    def watchdog(self) -> bool:
        """``WATCHDOG=1``: the program is alive."""
        return self.send("WATCHDOG=1")

    def stopping(self, status: str | None = None) -> bool:
        """``STOPPING=1``: a clean shutdown has begun."""
        return self.send("STOPPING=1", *_status(status))

    def status(self, text: str) -> bool:
        """A ``STATUS=`` line for ``systemctl status`` (no secrets: anyone may read it)."""
        return self.send(*_status(text))

    def send(self, *lines: str) -> bool:
        """Send ``lines`` as one datagram; True when it went out. Never blocks or raises."""
        if self._address is None or not lines:
            return False
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                self._socket.setblocking(False)  # a full queue drops the ping, never the GUI
            self._socket.sendto("\n".join(lines).encode(), self._address)
        except OSError as exc:
            level = logging.DEBUG if self._failed else logging.WARNING
            self._failed = True
            log.log(level, "systemd notification not sent (%s)", type(exc).__name__)
            return False
        return True

    def close(self) -> None:
        """Close the socket (a later send opens a new one)."""
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _address(value: str) -> str | bytes | None:
    """The socket address in ``$NOTIFY_SOCKET``: a path, or ``@name`` in the abstract
    namespace (sent with a leading NUL byte); None when unset or not a socket's."""
    if value.startswith("@") and len(value) > 1:
        return b"\0" + value[1:].encode()
    if value.startswith("/"):
        return value
    return None  # unset, or a vsock: address this kiosk has no use for


def _is_us(watched: str, pids: tuple[int, int]) -> bool:
    try:
        return int(watched) in pids
    except ValueError:
        return False


def _positive_int(value: str) -> int | None:
    try:
        number = int(value)
    except ValueError:
        return None
    return number if number > 0 else None


def _status(text: str | None) -> tuple[str, ...]:
    """A ``STATUS=`` line: one line, printable, bounded (it is shown as it is)."""
    if not text:
        return ()
    clean = "".join(c if c.isprintable() else " " for c in text)[:200]
    return (f"STATUS={clean}",)
