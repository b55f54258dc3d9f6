"""Runs the history's journal queries off the GUI thread, one at a time, the latest winning.

A search of 10,000 rows takes a few milliseconds, but it reads a file: a slow disk, a network
home folder or a virus scanner holding it would freeze the desk window (and the live sessions'
progress drawn in it) for as long. Each query runs on a short-lived thread; while one runs, a
newer request waits and replaces any older one still waiting (typing in the search box asks
for a query per keystroke; only the last one matters). Every query is bounded (a row limit, a
busy timeout of half a second), so waiting for the running one on quit is short.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from kiosk.core.journal import JournalEntry, JournalError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HistoryQuery:
    """What the history shows; the arguments of :meth:`kiosk.core.journal.Journal.search`."""

    text: str = ""
    outcome: str | None = None
    since: float | None = None
    until: float | None = None
    limit: int = 1000


Search = Callable[[HistoryQuery], list[JournalEntry]]
"""Runs a query (on the loader's thread); raises :class:`JournalError` when it cannot."""

# A query's thread outlives a view closed while it runs: kept here until it finishes, so that
# Python never destroys a running QThread (which aborts the process).
_RUNNING: set[_Query] = set()


class _Query(QThread):
    done = Signal(object, object)  # the query, list[JournalEntry]
    failed = Signal(object, str)  # the query, the reason (names the file and the fix)

    def __init__(self, search: Search, query: HistoryQuery) -> None:
        super().__init__()
        self._search = search
        self.query = query

    def run(self) -> None:
        try:
            entries = self._search(self.query)
        except JournalError as exc:
            self.failed.emit(self.query, str(exc))
        except Exception as exc:  # a bug: said, not raised on a thread nobody watches
            log.exception("the history's query failed")
            self.failed.emit(
                self.query,
                QCoreApplication.translate(
                    "HistoryView", "the journal could not be read (%1)"
                ).replace("%1", type(exc).__name__),
            )
        else:
            self.done.emit(self.query, entries)


class HistoryLoader(QObject):
    """Signals:
    loaded(query, entries): a query's rows (on the GUI thread).
    failed(query, message): a query could not run; the message names the file and the fix.
    """

    loaded = Signal(object, object)
    failed = Signal(object, str)

    def __init__(self, search: Search, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._running: _Query | None = None
        self._waiting: HistoryQuery | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_and_wait)

    @property
    def busy(self) -> bool:
        """A query is running or waiting."""
        return self._running is not None or self._waiting is not None

    def load(self, query: HistoryQuery) -> None:
        """Run ``query`` now, or after the running one (replacing any query still waiting)."""
        if self._running is not None:
            self._waiting = query
            return
        thread = _Query(self._search, query)
        thread.done.connect(self.loaded)
        thread.failed.connect(self.failed)
        thread.finished.connect(self._finished)
        _RUNNING.add(thread)
        self._running = thread
        thread.start()

    def _finished(self) -> None:
        thread, self._running = self._running, None
        if thread is not None:
            # finished() comes just before the thread ends: wait for the end (a moment), since
            # dropping the last reference destroys the QThread.
            thread.wait()
            _RUNNING.discard(thread)
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self.load(waiting)

    def stop_and_wait(self, milliseconds: int = 5000) -> None:
        """Drop a waiting query and wait for the running one (bounded; on quit)."""
        self._waiting = None
        thread = self._running
        if thread is not None:
            thread.wait(milliseconds)
