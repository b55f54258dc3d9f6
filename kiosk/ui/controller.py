"""The kiosk's controller: owns the state, the session worker's life, and the timers.

Screens never talk to the network or to threads; they call :meth:`start`, :meth:`cancel` and
:meth:`dismiss` and redraw on :attr:`state_changed`. Timers run only while a screen needs them
(a countdown, the walk-away limit, the result's return to idle), so an idle kiosk does no work.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.core import state as machine
from kiosk.core.models import SessionStatus
from kiosk.core.state import ActiveSession, ErrorKind, KioskState, Phase, SessionOutcome
from kiosk.core.verdict import Thresholds
from kiosk.ui.journal_recorder import JournalRecorder
from kiosk.ui.worker import SessionWorker

if TYPE_CHECKING:  # the runner pulls in httpx: imported by whoever builds runners
    from kiosk.core.journal_writer import JournalWriter, Ticket
    from kiosk.core.poller import SessionRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ControllerOptions:
    """Timing and policy of the customer flow.

    Attributes:
        walk_away_seconds: the QR code returns to idle if nobody scans it within this time.
        result_seconds: a result (or an ending) returns to idle after this time.
        thresholds: the verdict policy's limits.
        demo_start_seconds: in demo mode, the idle screen starts a session by itself after
            this time; None outside demo mode.
        tick_ms: how often countdowns are refreshed.
        stop_timeout_seconds: how long shutdown waits for all workers together. A stopped worker
            leaves a request in flight within ~0.1 s (kiosk.core.netio), so this is slack for a
            loaded machine, well inside the 2 s a quitting kiosk may take.
        journal_wait_seconds: how long a verdict waits for its journal row before it is shown
            anyway (the row is then retried in the background).
    """

    walk_away_seconds: float = 120.0
    result_seconds: float = 15.0
    thresholds: Thresholds = field(default_factory=Thresholds)
    demo_start_seconds: float | None = None
    tick_ms: int = 1000
    stop_timeout_seconds: float = 1.5
    journal_wait_seconds: float = 2.0


class LiveStore(Protocol):
    """Where the session being followed is remembered, so a restart can resume it."""

    def save(self, session: ActiveSession, journal_row: int | None) -> None: ...

    def clear(self) -> None: ...


class KioskController(QObject):
    """Runs the customer flow.

    Signals:
        state_changed(KioskState): after every transition.
        tick(): once per ``tick_ms`` while a countdown is on screen.
    """

    state_changed = Signal(object)
    tick = Signal()

    def __init__(
        self,
        make_runner: Callable[[], SessionRunner],
        options: ControllerOptions | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        journal: JournalWriter | None = None,
        live_store: LiveStore | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._live_store = live_store
        # The live session's start row: a queued write, or a row id (a resumed session).
        self._journal_row: Ticket | int | None = None
        self._make_runner = make_runner
        self.options = options or ControllerOptions()
        self._recorder = JournalRecorder(self.options.journal_wait_seconds, self)
        self._recorder.attach(journal)
        self._clock = clock
        self._state = KioskState()
        self._worker: SessionWorker | None = None
        self._retiring: set[SessionWorker] = set()
        self._serial = 0
        self._deadline: float | None = None
        self._shut_down = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(self.options.tick_ms)
        self._ticker.timeout.connect(self._on_tick)
        self._demo_timer = QTimer(self)
        self._demo_timer.setSingleShot(True)
        self._demo_timer.timeout.connect(self.start)
        self._arm_timers()

    def attach_journal(self, journal: JournalWriter | None) -> None:
        """Record sessions from now on through ``journal`` (made after the first paint; it
        opens the file on its own thread); the controller closes it on shutdown."""
        self._recorder.attach(journal)

    @property
    def journal(self) -> JournalWriter | None:
        """The session journal's writer, once attached."""
        return self._recorder.writer

    @property
    def state(self) -> KioskState:
        """The current state."""
        return self._state

    @property
    def threads(self) -> list[SessionWorker]:
        """Workers whose thread runs: the live one or one being retired, never both."""
        live = [self._worker] if self._worker else []
        return [w for w in [*live, *self._retiring] if w.isRunning()]

    def seconds_until_idle(self) -> int | None:
        """Seconds until the kiosk returns to idle by itself (the walk-away limit on the QR
        code, the end of a result or an ending), or None when it will not."""
        if self._deadline is None:
            return None
        return max(0, round(self._deadline - self._clock()))

    # Actions from the screens.

    @Slot()
    def start(self) -> None:
        """Start a verification (from idle, a result, an ending or "Try again")."""
        self._begin(self._make_runner)

    def resume(self, make_runner: Callable[[], SessionRunner], journal_row: int | None) -> None:
        """Follow a session a previous run created (after a crash or a power cut); its end is
        recorded in its original journal row."""
        if self._begin(make_runner):
            self._journal_row = journal_row

    def _begin(self, make_runner: Callable[[], SessionRunner]) -> bool:
        if self._shut_down:
            return False
        nxt = machine.start(self._state)
        if nxt is self._state:
            return False
        self._retire_worker()
        self._serial += 1
        worker = SessionWorker(self._serial, make_runner, parent=self)
        worker.created.connect(self._on_created)
        worker.status.connect(self._on_status)
        worker.trouble.connect(self._on_trouble)
        worker.failed.connect(self._on_failed)
        self._worker = worker
        self._set(nxt)
        self._start_when_alone()
        return True

    def _start_when_alone(self) -> None:
        """Start the live worker once no retired one still runs: the kiosk never has two
        sessions' threads at once (they used to pile up behind a stalled server). A stopped
        worker ends within ~0.1 s, so the starting screen hardly waits; ``_forget_finished``
        calls this again when the last retired worker is done."""
        worker = self._worker
        if worker is None or self._shut_down or worker.isRunning() or worker.isFinished():
            return
        if any(w.isRunning() for w in self._retiring):
            return
        worker.start()

    @Slot()
    def cancel(self) -> None:
        """Stop the live session and return to idle at once."""
        self._transition(machine.cancel(self._state), SessionOutcome.CANCELED_AT_KIOSK)

    @Slot()
    def dismiss(self) -> None:
        """Leave a result, ending or error screen for idle."""
        self._transition(machine.dismiss(self._state))

    def crash(self, message: str) -> None:
        """An unexpected error elsewhere in the app: show the error screen, keep running."""
        self._transition(machine.failed(self._state, ErrorKind.INTERNAL, message))

    def shutdown(self) -> None:
        """Stop every worker and wait for each. Idempotent; call on application quit."""
        if self._shut_down:
            return
        self._shut_down = True
        self._record_end(self._state, SessionOutcome.INTERRUPTED)
        self._ticker.stop()
        self._demo_timer.stop()
        self._retire_worker()
        # Every worker was told to stop at once (by _retire_worker); they leave together, so one
        # budget bounds the whole wait however many there are.
        end = time.monotonic() + self.options.stop_timeout_seconds
        for worker in list(self._retiring):
            worker.stop()
            left_ms = max(0, int((end - time.monotonic()) * 1000))
            if not worker.wait(left_ms):
                # Only a name lookup (getaddrinfo cannot be interrupted) should get here.
                log.error("worker %s did not stop in time", worker.serial)
        self._retiring = {w for w in self._retiring if not w.isFinished()}
        self._recorder.close()  # writes what is queued (bounded), then closes the file

    # Reports from the worker (queued onto this thread).

    @Slot(int, object)
    def _on_created(self, serial: int, session: ActiveSession) -> None:
        if serial == self._serial:
            self._transition(machine.created(self._state, session))

    @Slot(int, object)
    def _on_status(self, serial: int, status: SessionStatus) -> None:
        if serial == self._serial:
            nxt = machine.status_received(self._state, status, self.options.thresholds)
            self._transition(nxt)

    @Slot(int, str)
    def _on_trouble(self, serial: int, message: str) -> None:
        if serial == self._serial:
            log.warning("connection problem, retrying: %s", message)
            self._transition(machine.trouble(self._state))

    @Slot(int, object, str)
    def _on_failed(self, serial: int, kind: ErrorKind, message: str) -> None:
        if serial == self._serial:
            log.error("session failed (%s): %s", kind.value, message)
            self._transition(machine.failed(self._state, kind, message))

    # Internals.

    def _transition(self, nxt: KioskState, outcome: SessionOutcome | None = None) -> None:
        if nxt is self._state or self._recorder.holding:  # a verdict waiting for its row wins
            return
        if not nxt.is_live:
            self._retire_worker()
        self._set(nxt, outcome)

    def _set(self, nxt: KioskState, outcome: SessionOutcome | None = None) -> None:
        previous = self._state.phase
        # The journal is written before the screen changes: a verdict on screen is on disk.
        if nxt.phase is Phase.QR and previous is Phase.STARTING and nxt.session is not None:
            self._record_start(nxt.session)
        elif not nxt.is_live:
            written = self._record_end(nxt, outcome)
            if self._live_store is not None and previous in (Phase.QR, Phase.PROGRESS):
                self._live_store.clear()
            if nxt.phase is not Phase.IDLE:  # a verdict, an ending or an error: row first
                self._recorder.show_when_written(nxt, written, self._show)
                return
        self._show(nxt)

    def _show(self, nxt: KioskState) -> None:
        previous = self._state.phase
        self._state = nxt
        if nxt.phase is not previous:
            log.info("screen: %s -> %s", previous.value, nxt.phase.value)
            self._arm_timers()
        self.state_changed.emit(nxt)

    def _arm_timers(self) -> None:
        phase = self._state.phase
        limit = machine.time_limit(
            self._state,
            walk_away_seconds=self.options.walk_away_seconds,
            result_seconds=self.options.result_seconds,
        )
        self._deadline = None if limit is None else self._clock() + limit
        if self._deadline is not None and not self._shut_down:
            self._ticker.start()
        else:
            self._ticker.stop()
        demo = self.options.demo_start_seconds
        if phase is Phase.IDLE and demo is not None and not self._shut_down:
            self._demo_timer.start(int(demo * 1000))
        else:
            self._demo_timer.stop()

    def _record_start(self, session: ActiveSession) -> None:
        live = self._live_store
        if self._journal_row is None:  # a resumed one has its row
            # The row id comes once the write lands; the live session is saved again with it.
            on_row = None if live is None else (lambda row: self._remember_row(session, row))
            self._journal_row = self._recorder.record_start(session, on_row)
        if live is not None:
            row = self._journal_row
            live.save(session, row if isinstance(row, int) else None)

    def _remember_row(self, session: ActiveSession, row: int) -> None:
        """Keep the journal row of the live session for a resume (once its write landed).
        Until then a resume finds the row by the session's id (see Journal.started)."""
        live = self._live_store
        if live is not None and self._state.is_live and self._state.session is session:
            live.save(session, row)

    def _record_end(self, state: KioskState, outcome: SessionOutcome | None) -> Ticket | None:
        """Queue the end of the live session's row; the ticket says when it is on disk."""
        row, self._journal_row = self._journal_row, None
        if row is None:
            return None
        return self._recorder.record_end(row, state, outcome)

    @Slot()
    def _on_tick(self) -> None:
        if self._deadline is not None and self._clock() >= self._deadline:
            nxt, outcome = machine.time_up(self._state)
            if outcome is SessionOutcome.WALKED_AWAY:
                log.info("nobody scanned the code: back to idle")
            self._transition(nxt, outcome)
            return
        self.tick.emit()

    def _retire_worker(self) -> None:
        """Stop the live worker without waiting; keep it referenced until its thread ends."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        worker.stop()
        if not worker.isRunning():  # finished, or never started (it waited for an older one)
            worker.deleteLater()
            return
        self._retiring.add(worker)
        # A bound slot of this object (not a lambda), so the call is queued onto the GUI thread.
        worker.finished.connect(self._forget_finished)

    @Slot()
    def _forget_finished(self) -> None:
        worker = self.sender()
        if isinstance(worker, SessionWorker) and worker in self._retiring:
            self._retiring.discard(worker)
            worker.deleteLater()
        self._start_when_alone()
