"""Writes the session journal on a thread of its own, in order, retrying until it can.

SQLite waits for another program's lock (a database browser, a backup) and fsyncs every row;
on the GUI thread either froze the screen, and a failed write lost the row. Here every row is
queued and written by one thread; a write that fails (locked, damaged, full disk, unwritable
folder) stays at the head of the queue and is retried with a growing pause (up to 30 s) for as
long as the process lives, so rows keep their order and none is dropped while it runs.

Callers get a :class:`Ticket` per write and may wait for it (the controller shows a verdict once
its row is on disk, or after a bounded wait). Reads (the operator panel) use a separate
read-only connection on the caller's thread; in WAL mode a reader never waits for the writer.
"""

from __future__ import annotations

import collections
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.journal import Journal, JournalEntry, JournalError
from kiosk.core.state import ActiveSession, KioskState, SessionOutcome

log = logging.getLogger(__name__)


class Ticket:
    """One queued write. ``row`` is the journal row once the write is on disk."""

    def __init__(self, row: int | None = None) -> None:
        self.row = row
        self._done = threading.Event()
        if row is not None:
            self._done.set()

    @property
    def done(self) -> bool:
        """The write is on disk (or was given up: see :attr:`row`)."""
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait up to ``timeout`` seconds for the write; True once it is done."""
        return self._done.wait(timeout)

    def _complete(self, row: int | None) -> None:
        self.row = row
        self._done.set()


@dataclass(frozen=True)
class _Start:
    session: ActiveSession
    at: float
    ticket: Ticket
    reference: str | None = None

    def write(self, journal: Journal) -> int | None:
        return journal.started(self.session, self.at, reference=self.reference)


@dataclass(frozen=True)
class _End:
    start: Ticket | int
    state: KioskState
    outcome: SessionOutcome | None
    at: float
    ticket: Ticket

    def write(self, journal: Journal) -> int | None:
        row = self.start if isinstance(self.start, int) else self.start.row
        if row is None:  # its start was given up (see _run): nothing to update
            log.error("a session end was not recorded: its start row is missing")
            return None
        journal.finished(row, self.state, self.outcome, self.at)
        return row


class JournalWriter:
    """The journal, written on its own thread. Thread-safe; the thread starts at once.

    Args:
        path: the journal's SQLite file.
        keep_days, demography: as for :class:`Journal`.
        clock: epoch seconds; each row keeps the time it was queued, not written.
        open_journal: opens the journal on the writer's thread (injectable for tests);
            default: ``Journal(path, keep_days=..., demography=...)``.
        retry_seconds, max_retry_seconds: the pause after a failed write, doubling up to the
            maximum.

    The listener (see :meth:`set_listener`) is called on the writer's thread after each write
    and whenever :attr:`problem` changes; a Qt caller re-emits it as a queued signal.
    """

    def __init__(
        self,
        path: Path,
        *,
        keep_days: int = 90,
        demography: bool = False,
        clock: Callable[[], float] = time.time,
        open_journal: Callable[[], Journal] | None = None,
        retry_seconds: float = 0.5,
        max_retry_seconds: float = 30.0,
    ) -> None:
        self.path = path
        self._clock = clock
        self._open = open_journal or (
            lambda: Journal(path, keep_days=keep_days, demography=demography)
        )
        self._retry_seconds = retry_seconds
        self._max_retry_seconds = max_retry_seconds
        self._queue: collections.deque[_Start | _End] = collections.deque()
        self._cv = threading.Condition()
        self._journal: Journal | None = None
        self._problem: str | None = None
        self._listener: Callable[[], None] | None = None
        self._closing = False
        self._give_up_at = 0.0
        self._thread = threading.Thread(target=self._run, name="journal-writer", daemon=True)
        self._thread.start()

    # The caller's side.

    @property
    def problem(self) -> str | None:
        """Why the journal cannot be written right now (names the file and the fix), or None."""
        return self._problem

    @property
    def pending(self) -> int:
        """Writes queued and not yet on disk."""
        with self._cv:
            return len(self._queue)

    def set_listener(self, listener: Callable[[], None] | None) -> None:
        """Call ``listener()`` (on the writer's thread) after each write and problem change."""
        self._listener = listener

    def started(self, session: ActiveSession, *, reference: str | None = None) -> Ticket:
        """Queue the row of a created session (``reference``: the desk's customer number or
        case id, see :func:`kiosk.core.journal.clean_reference`); its ticket gets the row id."""
        ticket = Ticket()
        self._put(_Start(session, self._clock(), ticket, reference))
        return ticket

    def finished(
        self, start: Ticket | int, state: KioskState, outcome: SessionOutcome | None = None
    ) -> Ticket:
        """Queue the end of the session whose start is ``start`` (a ticket, or the row id of a
        session resumed after a restart)."""
        ticket = Ticket()
        self._put(_End(start, state, outcome, self._clock(), ticket))
        return ticket

    def recent(self, limit: int = 50) -> list[JournalEntry]:
        """The newest entries, read on the caller's thread. Raises :class:`JournalError`."""
        with Journal(self.path, read_only=True, busy_seconds=0.5) as journal:
            return journal.recent(limit)

    def search(
        self,
        text: str = "",
        outcome: str | None = None,
        since: float | None = None,
        until: float | None = None,
        limit: int = 1000,
    ) -> list[JournalEntry]:
        """:meth:`Journal.search` on the rows on disk (queued rows are not there yet), read on
        the caller's thread through a read-only connection of its own: in WAL mode it never
        waits for the writer nor makes it wait. No journal file yet: no rows. Raises
        :class:`JournalError`."""
        if not self.path.exists():
            return []
        try:
            with Journal(self.path, read_only=True, busy_seconds=0.5) as journal:
                return journal.search(text, outcome, since, until, limit)
        except JournalError as exc:
            # A file with no table yet is one the writer's thread is creating (its open
            # creates the table in any file that lacks it): no rows yet, not a fault.
            cause = exc.__cause__
            if isinstance(cause, sqlite3.OperationalError) and "no such table" in str(cause):
                return []
            raise

    def count(self) -> int:
        """How many entries are on disk, read on the caller's thread."""
        with Journal(self.path, read_only=True, busy_seconds=0.5) as journal:
            return journal.count()

    def export_file(self, target: Path) -> int:
        """Export every entry as CSV to ``target`` (see :meth:`Journal.export_file`)."""
        with Journal(self.path, read_only=True, busy_seconds=0.5) as journal:
            return journal.export_file(target)

    def close(self, timeout: float = 3.0) -> bool:
        """Write what is queued (for up to ``timeout`` seconds), then stop the thread and close
        the journal. Idempotent. Returns False if queued rows had to be given up."""
        with self._cv:
            if not self._closing:
                self._closing = True
                self._give_up_at = time.monotonic() + timeout
            self._cv.notify_all()
        # A statement in progress may wait for a lock up to the journal's busy timeout (1 s).
        self._thread.join(timeout + 2.0)
        self._listener = None
        with self._cv:
            left = len(self._queue)
        if left:
            log.error("%d journal rows could not be written before quitting: %s", left, self.path)
        return left == 0 and not self._thread.is_alive()

    # The writer's thread.

    def _put(self, item: _Start | _End) -> None:
        with self._cv:
            if self._closing:
                log.error("the journal is closed; a row was not recorded")
                item.ticket._complete(None)
                return
            self._queue.append(item)
            self._cv.notify_all()

    def _run(self) -> None:
        delay = self._retry_seconds
        while True:
            with self._cv:
                if self._closing and (not self._queue or time.monotonic() >= self._give_up_at):
                    break
                if not self._queue and self._journal is not None:
                    self._cv.wait()
                    continue
                item = self._queue[0] if self._queue else None
            try:
                if self._journal is None:
                    self._journal = self._open()  # opened here: a slow open blocks nobody
                row = item.write(self._journal) if item is not None else None
            except Exception as exc:
                if not isinstance(exc, JournalError) and self._journal is not None:
                    # A bug, not the disk: retrying would block every later row.
                    log.exception("a journal row could not be written and was dropped")
                    row = None
                else:
                    self._close_journal()  # reopened on the retry: a damaged file may be replaced
                    self._report(str(exc) if isinstance(exc, JournalError) else repr(exc))
                    self._pause(delay)
                    delay = min(delay * 2, self._max_retry_seconds)
                    continue
            delay = self._retry_seconds
            if item is not None:
                with self._cv:
                    self._queue.popleft()
                item.ticket._complete(row)
            self._report(None)
            if item is not None:
                self._notify()
        self._close_journal()

    def _pause(self, seconds: float) -> None:
        with self._cv:
            if self._closing:
                seconds = min(seconds, max(0.0, self._give_up_at - time.monotonic()))
            if seconds > 0:
                self._cv.wait(seconds)

    def _report(self, problem: str | None) -> None:
        if problem == self._problem:
            return
        if problem is not None:
            log.error("journal: %s", problem)
        else:
            log.info("the journal at %s is written again", self.path)
        self._problem = problem
        self._notify()

    def _notify(self) -> None:
        listener = self._listener
        if listener is not None:
            try:
                listener()
            except Exception:  # the listener's owner may be going away; the rows still land
                log.debug("journal listener failed", exc_info=True)

    def _close_journal(self) -> None:
        journal, self._journal = self._journal, None
        if journal is not None:
            journal.close()
