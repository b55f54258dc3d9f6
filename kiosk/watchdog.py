"""The systemd watchdog of the kiosk window (``Type=notify``, ``WatchdogSec=``).

``READY=1`` goes out once the idle screen has really been drawn (the window's
``first_painted``), then ``WATCHDOG=1`` from a timer on the GUI thread at half of
``$WATCHDOG_USEC``: a frozen GUI thread sends nothing, so systemd kills and restarts the kiosk.
``STOPPING=1`` goes out on a clean shutdown. Outside systemd nothing is created at all.

The protocol itself is :mod:`kiosk.core.sdnotify`; this module only ties it to Qt.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk.core.sdnotify import Notifier

if TYPE_CHECKING:
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


class Watchdog(QObject):
    """Tells systemd the kiosk is ready, then that its GUI thread is alive.

    Args:
        notifier: the channel to systemd.
        parent: the Qt object the ping timer belongs to (the window): the timer runs on its
            thread, the GUI thread, which is the one whose freeze must be noticed.
    """

    def __init__(self, notifier: Notifier, parent: QObject) -> None:
        super().__init__(parent)
        self._notifier = notifier
        self._timer = QTimer(self)
        self.pings = 0  # WATCHDOG=1 sent, for the log and tests
        interval = notifier.watchdog_interval_ms
        if interval is not None:
            self._timer.setInterval(interval)
            self._timer.timeout.connect(self.ping)

    def ready(self) -> None:
        """The idle screen is on screen: ``READY=1``, then start the pings."""
        self._notifier.ready("Idle screen shown")
        interval = self._notifier.watchdog_interval_ms
        if interval is not None and not self._timer.isActive():
            self.ping()
            self._timer.start()
            log.info("systemd watchdog: a ping every %d ms", interval)

    def ping(self) -> None:
        """``WATCHDOG=1``."""
        if self._notifier.watchdog():
            self.pings += 1

    def stop(self) -> None:
        """A clean shutdown: no more pings, ``STOPPING=1``."""
        with contextlib.suppress(RuntimeError):  # the timer went with its window
            self._timer.stop()
        self._notifier.stopping("Stopping")
        self._notifier.close()


@contextlib.contextmanager
def notifying(window: KioskWindow, notifier: Notifier | None = None) -> Iterator[Watchdog | None]:
    """Notify systemd about ``window`` while the block runs; yields the watchdog, or None
    outside systemd (then nothing is created and nothing is sent).

    ``READY=1`` follows the window's first paint; leaving the block sends ``STOPPING=1``.
    """
    notifier = notifier or Notifier()
    if not notifier.enabled:
        yield None
        return
    watchdog = Watchdog(notifier, window)
    notifier.status("Starting")
    window.first_painted.connect(watchdog.ready)
    try:
        yield watchdog
    finally:
        watchdog.stop()
