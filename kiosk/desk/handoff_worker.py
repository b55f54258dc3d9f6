"""The desk's hand-off queue: final results given to the bank's systems off the GUI thread.

One background thread takes the summaries in the order they were submitted and runs
:meth:`kiosk.core.handoff.Handoff.deliver` on each (a command or a POST can take the whole
timeout, times the retries: the window must never wait for it). The outcome comes back as the
``delivered`` or ``failed`` signal, which Qt queues to the GUI thread.

A failing hook loses nothing: the desk writes the journal row before it submits the summary,
and this queue never touches the journal. Quitting calls :meth:`HandoffQueue.stop_and_wait`
(also connected to ``QCoreApplication.aboutToQuit``): a command in flight is killed with its
process group, a POST in flight is abandoned, a pause between retries is cut short; the thread
ends within ~0.3 s (a killed command is looked at every 0.05 s and its pipes are read 0.2 s
more, even when a daemonised grandchild holds them; a POST ends within ~0.1 s); results still
waiting are named in a WARNING log line (their journal rows hold them) and no signal is emitted
after the stop.
"""

from __future__ import annotations

import copy
import logging
import queue
import threading
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from kiosk.core.handoff import Handoff
from kiosk.core.text import printable

log = logging.getLogger(__name__)

QUIT_WAIT_SECONDS = 2.0
"""How long :meth:`HandoffQueue.stop_and_wait` waits at most for the thread (it ends within
~0.3 s of the stop, see the module's docstring; the rest is a margin for a loaded machine)."""


class HandoffQueue(QObject):
    """FIFO of result summaries handed off one at a time on a thread of its own.

    Signals (on the GUI thread):
        delivered(session_id, message): the hook took the result.
        failed(session_id, message): it did not, after its retries; the message is for the
            employee (neutralised, no secret, no JSON).

    ``session_id`` is the summary's own, unchanged (up to the API's 128 characters): the desk
    finds the session's row with it. Only the log lines cut it shorter.
    """

    delivered = Signal(str, str)
    failed = Signal(str, str)

    def __init__(self, handoff: Handoff, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handoff = handoff
        self._lock = threading.Lock()
        self._items: queue.Queue[Mapping[str, Any] | None] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_and_wait)

    @property
    def configured(self) -> bool:
        """True when a command or a URL is set: :meth:`submit` hands results off."""
        with self._lock:
            return self._handoff.configured

    def set_handoff(self, handoff: Handoff) -> None:
        """Use ``handoff`` from the next delivery on (the preferences changed)."""
        with self._lock:
            self._handoff = handoff

    def submit(self, summary: Mapping[str, Any]) -> bool:
        """Queue ``summary`` for the hand-off; False (and nothing queued) when no hook is
        configured or the queue was stopped. Never blocks."""
        if self._stop.is_set():
            log.warning("hand-off of session %s not queued: the desk is closing", _session(summary))
            return False
        if not self.configured:
            return False
        self._items.put(copy.deepcopy(dict(summary)))  # the caller may reuse its dict
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="handoff", daemon=True)
                self._thread.start()
        return True

    @Slot()
    def stop_and_wait(self, timeout: float = QUIT_WAIT_SECONDS) -> bool:
        """Stop the queue for good: end an attempt in flight, wait for the thread. Returns
        whether the thread ended within ``timeout``. Safe to call more than once."""
        self._stop.set()
        self._items.put(None)
        with self._lock:
            thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        if thread.is_alive():
            log.warning("the hand-off thread did not end within %.1f s", timeout)
            return False
        return True

    def _run(self) -> None:
        """Thread body: deliver each summary in turn until stopped."""
        while True:
            item = self._items.get()
            if item is None or self._stop.is_set():
                break
            with self._lock:
                handoff = self._handoff
            report = handoff.deliver(item, self._stop)
            if self._stop.is_set():
                # The desk is closing: no window is left to show this to.
                if not report.ok:
                    log.warning(
                        "hand-off of session %s interrupted by the desk closing",
                        _session(item),
                    )
                break
            signal = self.delivered if report.ok else self.failed
            signal.emit(str(item.get("session_id") or ""), report.message)
        self._log_left_behind()

    def _log_left_behind(self) -> None:
        left: list[str] = []
        while True:
            try:
                item = self._items.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                left.append(_session(item))
        if left:
            log.warning(
                "%d result(s) not handed off because the desk closed (sessions %s); "
                "their journal rows hold them",
                len(left),
                ", ".join(left),
            )


def _session(summary: Mapping[str, Any]) -> str:
    """The session's id for a log line (neutralised, cut)."""
    return printable(str(summary.get("session_id") or ""), 80)
