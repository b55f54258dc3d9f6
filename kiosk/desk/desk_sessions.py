"""Several verifications at once: one :class:`SessionWorker` per session, one timer for all.

The desk follows each session exactly as the kiosk follows its one (the same worker, the same
pure state machine, :mod:`kiosk.core.state`); what differs is that nothing waits for anything
else: each worker polls its own session on its own thread, and a session that is slow, stuck or
failing never delays another's reports. A session's life is journalled (its start once created,
its end once final, cancelled or interrupted by a quit).

The number of sessions followed at once is capped (:data:`MAX_LIVE`): each one is a thread, one
HTTP request per poll interval, and a share of the vendor's rate limit; see docs/DESK.md.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.core import state as machine
from kiosk.core.models import SessionStatus
from kiosk.core.result_summary import summarize
from kiosk.core.state import ActiveSession, Ending, ErrorKind, KioskState, Phase, SessionOutcome
from kiosk.core.verdict import Thresholds
from kiosk.ui.worker import SessionWorker

if TYPE_CHECKING:  # the runner pulls in httpx: imported by whoever builds runners
    from kiosk.core.journal_writer import JournalWriter, Ticket
    from kiosk.core.poller import SessionRunner

log = logging.getLogger(__name__)

MAX_LIVE = 8
"""Sessions followed at once (see docs/DESK.md): one employee serves one customer at a time and
rarely has more than two or three waiting; eight threads polling once a second stay well inside
one vendor account's rate limit and a small desktop's resources."""

RunnerMaker = Callable[[str | None, tuple[str, ...]], Callable[[], "SessionRunner"]]
"""Builds a session's runner factory from its reference and checks (normally
:func:`kiosk.sessions.runner_factory` bound to the backend and the configuration)."""


class LimitReached(RuntimeError):
    """:data:`MAX_LIVE` sessions are already live; ``str()`` says what to do."""


@dataclass
class DeskSession:
    """One verification at the desk.

    Attributes:
        key: the desk's own number for it (stable while the row exists; the server's session
            id comes later, and a retry gets a new key).
        reference: the customer number or case id, or None.
        scopes: the checks asked for.
        state: the session's state (:mod:`kiosk.core.state`).
        started_at / ended_at: epoch seconds (the start is when the employee pressed Start).
        created_at: monotonic time the server created it (the time left counts from it when the
            server gave no expiry).
        handoff: the hand-off's last word for staff ("" before any), and whether it failed.
        summary: the JSON-ready summary of a final result, once made.
        cancelled: the employee cancelled it at the desk.
    """

    key: int
    reference: str | None
    scopes: tuple[str, ...]
    state: KioskState = field(default_factory=lambda: machine.start(KioskState()))
    started_at: float = 0.0
    ended_at: float | None = None
    created_at: float | None = None
    handoff: str = ""
    handoff_failed: bool = False
    summary: dict[str, Any] | None = None
    cancelled: bool = False

    @property
    def live(self) -> bool:
        return self.state.is_live

    @property
    def session_id(self) -> str | None:
        return self.state.session.session_id if self.state.session is not None else None


class DeskSessions(QObject):
    """The desk's sessions and their workers.

    Signals:
        added(int) / removed(int): a row appeared or went (key).
        changed(int): a session's state (or hand-off word) changed.
        finished(int): a session reached a final state on its own (a result, an ending or an
            error; not a cancel at the desk). Its summary is made by then.
        tick(): once a second while a session is live (the time left).
    """

    added = Signal(int)
    removed = Signal(int)
    changed = Signal(int)
    finished = Signal(int)
    tick = Signal()

    def __init__(
        self,
        make_runner: RunnerMaker,
        *,
        thresholds: Thresholds,
        ttl_seconds: float,
        journal: JournalWriter | None = None,
        limit: int = MAX_LIVE,
        stop_timeout_seconds: float = 1.5,
        station: str | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_runner = make_runner
        self.thresholds = thresholds
        self._ttl = ttl_seconds
        self.journal = journal
        self.limit = limit
        self.station = station
        self._stop_timeout = stop_timeout_seconds
        self._clock = clock
        self._monotonic = monotonic
        self._sessions: dict[int, DeskSession] = {}
        self._workers: dict[int, SessionWorker] = {}
        self._retiring: set[SessionWorker] = set()
        self._starts: dict[int, Ticket | None] = {}
        self._next_key = 0
        self._shut_down = False
        self._ticker = QTimer(self)  # one timer for every row's countdown
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._on_tick)

    # Reading.

    @property
    def keys(self) -> list[int]:
        """The rows, oldest first."""
        return list(self._sessions)

    def get(self, key: int) -> DeskSession | None:
        return self._sessions.get(key)

    @property
    def live_count(self) -> int:
        return sum(1 for s in self._sessions.values() if s.live)

    @property
    def threads(self) -> list[SessionWorker]:
        """Workers whose thread still runs (live ones and ones being retired)."""
        return [w for w in [*self._workers.values(), *self._retiring] if w.isRunning()]

    def seconds_left(self, key: int) -> int | None:
        """Seconds until the live session ``key``'s link expires, or None (not live, or not
        created yet)."""
        session = self._sessions.get(key)
        if session is None or not session.live or session.created_at is None:
            return None
        status = session.state.status
        if status is not None and status.expires_at is not None:
            return machine.seconds_until_expiry(
                status.expires_at, datetime.fromtimestamp(self._clock(), UTC)
            )
        return max(0, round(session.created_at + self._ttl - self._monotonic()))

    # Actions.

    def start(self, reference: str | None, scopes: tuple[str, ...]) -> int:
        """Start a verification; returns its key.

        Raises:
            LimitReached: :attr:`limit` sessions are live already.
        """
        if self._shut_down:
            raise LimitReached(self.tr("The desk is closing."))
        if self.live_count >= self.limit:
            raise LimitReached(
                self.tr(
                    "%n verifications are already running, the most the desk follows at once. "
                    "Wait for one to finish, or cancel one, then start this one.",
                    "",
                    self.limit,
                )
            )
        self._next_key += 1
        key = self._next_key
        session = DeskSession(key, reference, tuple(scopes), started_at=self._clock())
        self._sessions[key] = session
        worker = SessionWorker(key, self._make_runner(reference, session.scopes), parent=self)
        worker.created.connect(self._on_created)
        worker.status.connect(self._on_status)
        worker.trouble.connect(self._on_trouble)
        worker.failed.connect(self._on_failed)
        self._workers[key] = worker
        log.info("desk session %d started (%d live)", key, self.live_count)
        self.added.emit(key)
        worker.start()
        self._ticker.start()
        return key

    def cancel(self, key: int) -> None:
        """Stop the live session ``key`` (journalled as cancelled at the desk); the row stays,
        showing it was cancelled."""
        session = self._sessions.get(key)
        if session is None or not session.live:
            return
        # Shown as an ending (the row stays, saying so); journalled as cancelled at the desk.
        ended = replace(session.state, phase=Phase.ENDED, ending=Ending.CANCELED, retrying=False)
        session.cancelled = True
        self._end(session, ended, SessionOutcome.CANCELED_AT_KIOSK, cancelled=True)

    def retry(self, key: int) -> int:
        """Start again with ``key``'s reference and checks; the old row goes. Returns the new
        key. Raises :class:`LimitReached` as :meth:`start` does."""
        session = self._sessions[key]
        new = self.start(session.reference, session.scopes)
        self.close(key)
        return new

    def close(self, key: int) -> None:
        """Remove the row ``key`` (a live session is cancelled first)."""
        self.cancel(key)
        if self._sessions.pop(key, None) is not None:
            self._starts.pop(key, None)
            self.removed.emit(key)

    def set_handoff(self, key: int, text: str, *, failed: bool) -> None:
        """Record the hand-off's word for the row ``key`` (shown in the row and the result)."""
        session = self._sessions.get(key)
        if session is not None:
            session.handoff, session.handoff_failed = text, failed
            self.changed.emit(key)

    def key_of(self, session_id: str) -> int | None:
        """The row of the server's session ``session_id``."""
        for key, session in self._sessions.items():
            if session.session_id == session_id:
                return key
        return None

    def shutdown(self) -> None:
        """Journal every live session as interrupted, stop every worker and wait for all of
        them (one budget for all: they were told to stop at once). Idempotent."""
        if self._shut_down:
            return
        self._shut_down = True
        self._ticker.stop()
        for session in list(self._sessions.values()):
            if session.live:
                self._record_end(session, session.state, SessionOutcome.INTERRUPTED)
        for key in list(self._workers):
            self._retire(key)
        end = time.monotonic() + self._stop_timeout
        for worker in list(self._retiring):
            worker.stop()
            if not worker.wait(max(0, int((end - time.monotonic()) * 1000))):
                log.error("desk worker %s did not stop in time", worker.serial)
        self._retiring = {w for w in self._retiring if not w.isFinished()}

    # Reports from the workers (queued onto this thread).

    @Slot(int, object)
    def _on_created(self, key: int, active: ActiveSession) -> None:
        session = self._live(key)
        if session is None:
            return
        session.state = machine.created(session.state, active)
        session.created_at = self._monotonic()
        self._record_start(session, active)
        self.changed.emit(key)

    @Slot(int, object)
    def _on_status(self, key: int, status: SessionStatus) -> None:
        session = self._live(key)
        if session is None:
            return
        nxt = machine.status_received(session.state, status, self.thresholds)
        if nxt.is_live:
            session.state = nxt
            self.changed.emit(key)
        else:
            self._end(session, nxt, None)

    @Slot(int, str)
    def _on_trouble(self, key: int, message: str) -> None:
        session = self._live(key)
        if session is not None:
            log.warning("desk session %d: connection problem, retrying: %s", key, message)
            session.state = machine.trouble(session.state)
            self.changed.emit(key)

    @Slot(int, object, str)
    def _on_failed(self, key: int, kind: ErrorKind, message: str) -> None:
        session = self._live(key)
        if session is not None:
            log.error("desk session %d failed (%s): %s", key, kind.value, message)
            self._end(session, machine.failed(session.state, kind, message), None)

    # Internals.

    def _live(self, key: int) -> DeskSession | None:
        session = self._sessions.get(key)
        return session if session is not None and session.live else None

    def _end(
        self,
        session: DeskSession,
        final: KioskState,
        outcome: SessionOutcome | None,
        *,
        cancelled: bool = False,
    ) -> None:
        session.state = final
        session.ended_at = self._clock()
        self._retire(session.key)
        self._record_end(session, final, outcome)
        session.summary = summarize(
            final,
            reference=session.reference,
            thresholds=self.thresholds,
            started_at=session.started_at,
            ended_at=session.ended_at,
            kiosk_name=self.station,
        )
        if not cancelled:
            self.finished.emit(session.key)
        self.changed.emit(session.key)
        if self.live_count == 0:
            self._ticker.stop()

    def _record_start(self, session: DeskSession, active: ActiveSession) -> None:
        if self.journal is not None:
            self._starts[session.key] = self.journal.started(active, reference=session.reference)

    def _record_end(
        self, session: DeskSession, state: KioskState, outcome: SessionOutcome | None
    ) -> None:
        start = self._starts.pop(session.key, None)
        if self.journal is not None and start is not None:
            self.journal.finished(start, state, outcome)

    def _retire(self, key: int) -> None:
        """Stop ``key``'s worker without waiting; keep it referenced until its thread ends."""
        worker = self._workers.pop(key, None)
        if worker is None:
            return
        worker.stop()
        if not worker.isRunning():
            worker.deleteLater()
            return
        self._retiring.add(worker)
        worker.finished.connect(self._forget_finished)

    @Slot()
    def _forget_finished(self) -> None:
        worker = self.sender()
        if isinstance(worker, SessionWorker) and worker in self._retiring:
            self._retiring.discard(worker)
            worker.deleteLater()

    @Slot()
    def _on_tick(self) -> None:
        self.tick.emit()
