"""Status-change notifications between hubs sharing one PostgreSQL database (LISTEN/NOTIFY).

``PostgresStore.update_session`` sends a notification on :data:`STATUS_CHANNEL` (payload: the
session id, never a token) in the transaction that changes the row, and ``notify_status`` sends
one on demand. A hub that streams a session to a kiosk while another hub polls it upstream
listens with :class:`StatusListener` and re-reads the rows it is told about::

    with store.listen_status() as listener:      # listening before the first read
        ...read the watched sessions...
        while running:
            changes = listener.wait(1.0)
            if changes.missed:                   # reconnected: anything may have changed
                ...re-read every watched session...
            for session_id in changes.session_ids:
                ...re-read that session...

PostgreSQL delivers a notification only to connections listening when it commits, so after the
listener's connection breaks and is re-established, ``missed`` says that some may be lost.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import psycopg
from psycopg import sql

from kiosk.hub.store import StoreUnavailable

STATUS_CHANNEL = "kiosk_hub_status"


@dataclass(frozen=True)
class StatusChanges:
    """What one :meth:`StatusListener.wait` saw: the session ids whose status changed (each once,
    in order of arrival), and whether notifications may have been missed."""

    session_ids: tuple[str, ...] = ()
    missed: bool = False


class StatusListener:
    """Listens on :data:`STATUS_CHANNEL` on a connection of its own; for one thread.

    Raises :class:`StoreUnavailable` at construction if the database cannot be reached; later
    breaks are repaired inside :meth:`wait`.
    """

    def __init__(self, url: str, options: dict[str, Any]) -> None:
        self._url = url
        self._options = options
        self._conn: psycopg.Connection[Any] | None = None
        try:
            self._conn = self._connect()
        except psycopg.OperationalError:
            raise StoreUnavailable("the hub database cannot be reached to listen") from None

    def _connect(self) -> psycopg.Connection[Any]:
        conn = psycopg.connect(self._url, **self._options)
        try:
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(STATUS_CHANNEL)))
        except BaseException:
            conn.close()
            raise
        return conn

    @property
    def connected(self) -> bool:
        """Whether the listening connection is up (as far as the last :meth:`wait` knows)."""
        return self._conn is not None and not self._conn.closed

    def wait(self, timeout: float) -> StatusChanges:
        """Block up to ``timeout`` seconds for notifications and return them (at once when one
        arrives). After a break it reconnects and returns ``missed=True`` once it listens again;
        while the database stays unreachable it waits ``timeout`` and returns nothing."""
        if self._conn is None:
            return self._reconnect(timeout)
        try:
            received = [n.payload for n in self._conn.notifies(timeout=timeout, stop_after=1)]
            received += [n.payload for n in self._conn.notifies(timeout=0.0)]  # the rest queued
        except psycopg.OperationalError:
            self._drop()
            return self._reconnect(timeout)
        return StatusChanges(tuple(dict.fromkeys(received)))

    def _reconnect(self, timeout: float) -> StatusChanges:
        started = time.monotonic()
        try:
            self._conn = self._connect()
        except psycopg.OperationalError:
            time.sleep(max(0.0, timeout - (time.monotonic() - started)))
            return StatusChanges()
        return StatusChanges(missed=True)

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def close(self) -> None:
        """Stop listening (call from the thread that waits)."""
        self._drop()

    def __enter__(self) -> StatusListener:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
