"""The only place that creates threads: one worker per verification session.

The worker runs a :class:`~kiosk.core.poller.SessionRunner` and turns its reports into Qt signals,
which reach the controller on the GUI thread through queued connections. Each signal carries the
worker's serial number so the controller can drop late reports from a worker it already retired.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from kiosk.core.deadline import bounded
from kiosk.core.models import SessionStatus
from kiosk.core.redact import redact
from kiosk.core.state import ActiveSession, ErrorKind
from kiosk.core.text import printable

if TYPE_CHECKING:  # the runner pulls in httpx: imported by whoever builds runners
    from kiosk.core.heartbeat import HeartbeatSender, Report
    from kiosk.core.poller import SessionRunner

log = logging.getLogger(__name__)


class SessionWorker(QThread):
    """Creates and follows one session off the GUI thread.

    Signals:
        created(serial, ActiveSession): the session exists and its link passed the check.
        status(serial, SessionStatus): a new status (or the same one after trouble cleared).
        trouble(serial, str): a transient failure is being retried.
        failed(serial, ErrorKind, str): the worker gave up, or crashed.
    """

    created = Signal(int, object)
    status = Signal(int, object)
    trouble = Signal(int, str)
    failed = Signal(int, object, str)

    def __init__(
        self, serial: int, make_runner: Callable[[], SessionRunner], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.serial = serial
        self._make_runner = make_runner
        self._stop = threading.Event()
        self.setObjectName(f"session-worker-{serial}")

    def stop(self) -> None:
        """Ask the worker to finish; a wait between polls ends at once. Never blocks."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        """True once :meth:`stop` was called."""
        return self._stop.is_set()

    def run(self) -> None:
        """Thread body. Every exception ends as a ``failed`` signal, never in Qt's event loop."""
        relay = _Relay(self)
        try:
            self._make_runner().run(relay, self._stop)
        except Exception as exc:  # the kiosk must never be left waiting on a dead thread
            log.exception("session worker crashed")
            relay.failed(ErrorKind.INTERNAL, printable(redact(f"{type(exc).__name__}: {exc}")))


class _Relay:
    """The runner's listener: re-emits each report as the worker's signal, unless stopping."""

    def __init__(self, worker: SessionWorker) -> None:
        self._worker = worker

    def created(self, session: ActiveSession) -> None:
        if not self._worker.stopping:
            self._worker.created.emit(self._worker.serial, session)

    def status(self, status: SessionStatus) -> None:
        if not self._worker.stopping:
            self._worker.status.emit(self._worker.serial, status)

    def trouble(self, message: str) -> None:
        if not self._worker.stopping:
            self._worker.trouble.emit(self._worker.serial, message)

    def failed(self, kind: ErrorKind, message: str) -> None:
        if not self._worker.stopping:
            self._worker.failed.emit(self._worker.serial, kind, message)


class ConnectionCheck(QThread):
    """Checks the backend and the credentials off the GUI thread, without creating a session
    (a status read of a token that cannot exist: 404 means the APP-ID/APP-KEY were accepted).

    A quitting application stops it and waits for it (``aboutToQuit``): the check can take 15 s
    against a stalled server, and Qt aborts the whole process (SIGABRT, "QThread: Destroyed
    while thread is still running") when the window that owns a running thread is destroyed.

    Signals:
        done(bool, str): whether the check passed, and a sentence for staff.
    """

    done = Signal(bool, str)

    QUIT_WAIT_MS = 1500
    """How long a quit waits for a stopped check (it leaves the network within ~0.1 s)."""

    def __init__(
        self, check: Callable[[], tuple[bool, str]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._stop = threading.Event()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_quit)

    def stop(self) -> None:
        """End the check soon (a request in flight included); never blocks."""
        self._stop.set()

    @Slot()
    def _on_quit(self) -> None:
        self.stop()
        if self.isRunning() and not self.wait(self.QUIT_WAIT_MS):
            log.error("the connection check did not stop in time")

    def run(self) -> None:
        try:
            with bounded(stop=self._stop):
                ok, message = self._check()
        except Exception as exc:  # reported on the panel, never raised into Qt
            ok, message = False, printable(redact(f"{type(exc).__name__}: {exc}"))
        if not self._stop.is_set():
            self.done.emit(ok, message)


class HeartbeatThread(QThread):
    """Sends the kiosk's heartbeats to a hub (``kiosk.core.heartbeat``) every ``interval``
    seconds until stopped, or for good once the backend answers that it is not a hub.

    ``make_sender`` runs in the thread (it may wait for the backend to open) and returns None
    when there is nothing to beat to; ``report`` is called in the thread for the kiosk's current
    state (it reads an immutable state object, which is safe across threads). Stopped and
    waited for on quit, as :class:`ConnectionCheck`.
    """

    QUIT_WAIT_MS = 1500

    def __init__(
        self,
        make_sender: Callable[[], HeartbeatSender | None],
        report: Callable[[], Report],
        interval: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_sender = make_sender
        self._report = report
        self._interval = interval
        self._stop = threading.Event()
        self.setObjectName("heartbeat")

    def stop(self) -> None:
        """End the heartbeats soon (a request in flight included); never blocks."""
        self._stop.set()

    def stop_and_wait(self) -> None:
        self.stop()
        if self.isRunning() and not self.wait(self.QUIT_WAIT_MS):
            log.error("the heartbeat thread did not stop in time")

    def run(self) -> None:
        try:
            with bounded(stop=self._stop):
                sender = self._make_sender()
                if sender is None:
                    return
                try:
                    sender.run(self._stop, self._report, self._interval)
                finally:
                    sender.close()
        except Exception:  # heartbeats are a courtesy to the dashboard: never fatal
            log.exception("heartbeats stopped")
