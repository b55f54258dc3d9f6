"""Crashes and OS signals routed into the Qt application (as qutebrowser's misc/crashsignal).

An uncaught exception goes to the log and to the error screen instead of killing the kiosk;
SIGINT and SIGTERM end Qt's loop cleanly, even in locked kiosk mode.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING

from kiosk.core.redact import redact

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

log = logging.getLogger("kiosk.app")


def route_crashes(show: Callable[[str], None]) -> Callable[[], None]:
    """Send uncaught exceptions to the log and to ``show`` (the error screen); returns the
    function that puts the previous hook back."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(kind, value, tb))
        with contextlib.suppress(Exception):
            show(redact(f"{kind.__name__}: {value}"))

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore


@contextlib.contextmanager
def routed_signals(app: QObject) -> Iterator[threading.Event]:
    """Make SIGINT and SIGTERM quit Qt's loop cleanly; yields an event set by either signal.

    Python runs signal handlers only when it gets control; a wake-up socket watched by Qt gives
    it control as soon as a signal arrives, with no polling timer. A signal that comes before
    the loop runs is remembered in the event.
    """
    from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

    requested = threading.Event()
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifiers: list[QSocketNotifier] = []

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    def watch() -> None:
        notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
        notifier.activated.connect(drain)
        notifiers.append(notifier)

    def on_signal(*_: object) -> None:
        requested.set()
        # exit() ends the loop without asking windows to close (a locked kiosk would refuse).
        QCoreApplication.exit(0)

    # The notifier is made once the loop runs: its enum argument is the first Qt enum use, which
    # costs ~16 ms that the first paint need not wait for. Until then a signal is still caught
    # (the handler runs at Python's next step) and remembered in `requested`.
    QTimer.singleShot(0, watch)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    previous = {n: signal.signal(n, on_signal) for n in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield requested
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(previous_fd)
        for notifier in notifiers:
            notifier.setEnabled(False)
        reader.close()
        writer.close()
