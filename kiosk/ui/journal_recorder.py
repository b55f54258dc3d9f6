"""The controller's side of the journal: queue rows, and hold a verdict until its row is on disk.

The promise is "a verdict on screen is in the journal". The row is written on the writer's
thread (:class:`kiosk.core.journal_writer.JournalWriter`); the verdict is shown as soon as the
write is confirmed, which takes milliseconds on a healthy disk. A locked or broken journal must
not keep the person waiting: after ``wait_seconds`` the verdict is shown anyway (logged), and
the row stays queued and is retried while the kiosk runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.core.journal_writer import JournalWriter, Ticket
from kiosk.core.state import ActiveSession, KioskState, SessionOutcome

log = logging.getLogger(__name__)


class JournalRecorder(QObject):
    """Signals:
    changed(): a row landed or the journal's problem changed (queued from the writer's thread).
    """

    changed = Signal()

    def __init__(self, wait_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer: JournalWriter | None = None
        self._held: tuple[KioskState, Ticket, Callable[[KioskState], None]] | None = None
        self._watched: list[tuple[Ticket, Callable[[int], None]]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(wait_seconds * 1000))
        self._timer.timeout.connect(self._give_up_waiting)
        # Emitted on the writer's thread; Qt queues it onto this object's (the GUI) thread.
        self.changed.connect(self._on_changed)

    @property
    def writer(self) -> JournalWriter | None:
        """The journal writer, once attached."""
        return self._writer

    @property
    def holding(self) -> bool:
        """A state is waiting for its row; other transitions wait too (it is shown first)."""
        return self._held is not None

    def attach(self, writer: JournalWriter | None) -> None:
        """Record sessions from now on through ``writer``; :meth:`close` closes it."""
        self._writer = writer
        if writer is not None:
            writer.set_listener(self.changed.emit)

    def record_start(
        self, session: ActiveSession, on_row: Callable[[int], None] | None = None
    ) -> Ticket | None:
        """Queue the row of a created session; ``on_row(row)`` runs on this thread once the
        row exists (to remember it for a resume after a restart)."""
        if self._writer is None:
            return None
        ticket = self._writer.started(session)
        if on_row is not None:
            self._watched.append((ticket, on_row))
        return ticket

    def record_end(
        self, start: Ticket | int, state: KioskState, outcome: SessionOutcome | None
    ) -> Ticket | None:
        """Queue the end of the session whose start is ``start``."""
        if self._writer is None:
            return None
        return self._writer.finished(start, state, outcome)

    def show_when_written(
        self, state: KioskState, ticket: Ticket | None, show: Callable[[KioskState], None]
    ) -> None:
        """Call ``show(state)`` once ``ticket``'s row is on disk, or after the bounded wait."""
        if ticket is None or ticket.done:
            show(state)
            return
        self._held = (state, ticket, show)
        self._timer.start()

    def close(self, timeout: float = 3.0) -> None:
        """Drop a held state, write what is queued (bounded) and close the journal."""
        self._held = None
        self._timer.stop()
        self._watched = []
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.set_listener(None)
            writer.close(timeout)

    @Slot()
    def _on_changed(self) -> None:
        for ticket, on_row in [w for w in self._watched if w[0].done]:
            self._watched.remove((ticket, on_row))
            if ticket.row is not None:
                on_row(ticket.row)
        if self._held is not None and self._held[1].done:
            self._release()

    @Slot()
    def _give_up_waiting(self) -> None:
        if self._held is not None:
            log.error(
                "the journal did not confirm a session's row in %.1f s; showing the screen "
                "anyway, the row is retried while the kiosk runs",
                self._timer.interval() / 1000,
            )
            self._release()

    def _release(self) -> None:
        held, self._held = self._held, None
        self._timer.stop()
        if held is not None:
            state, _, show = held
            show(state)
