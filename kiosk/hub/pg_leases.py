"""Which hub polls a session upstream, when several share one PostgreSQL database: one
session-level advisory lock per session, held on a connection of the hub's own.

A hub polls a live session only while it holds the session's lock. PostgreSQL releases a
connection's locks when the connection ends, so when a hub dies (its process killed, its
machine gone) its sessions' locks are free as soon as PostgreSQL sees the connection close: at
once for a killed process (the kernel closes its socket), within about 11 s for a machine that
vanished (the server-side TCP keepalives this connection asks for: 5 s idle, then 3 probes 2 s
apart). The other hubs try for the free locks every lease period, so one of them takes a dead
hub's sessions over within that period.

Keys: the two-int form ``(POLL_LOCK_CLASS, hashtext(session_id))``; its key space does not
overlap the one-bigint form the migrations lock with. Two session ids with the same hash share
one lock, which costs nothing: whoever holds it polls both (every hub tries for every live
session).
"""

from __future__ import annotations

import threading
import zlib
from typing import Any

import psycopg

# A fixed 32-bit class derived from a name (signed, as PostgreSQL's int4 wants it).
POLL_LOCK_CLASS = int.from_bytes(
    zlib.crc32(b"kiosk-hub-poll").to_bytes(4, "big"), "big", signed=True
)

# Server-side keepalives on the lease connection: a vanished hub's locks free in about 11 s.
_KEEPALIVES = (
    "SET tcp_keepalives_idle = 5",
    "SET tcp_keepalives_interval = 2",
    "SET tcp_keepalives_count = 3",
)


class PollLeases:
    """This hub's poll locks; :meth:`sync` is called from one thread at a time (it locks)."""

    def __init__(self, url: str, options: dict[str, Any]) -> None:
        self._url = url
        self._options = options
        self._conn: psycopg.Connection[Any] | None = None
        self._held: set[str] = set()
        self._lock = threading.Lock()

    def _connect(self) -> psycopg.Connection[Any]:
        conn = psycopg.connect(self._url, **self._options)
        try:
            for statement in _KEEPALIVES:
                conn.execute(statement)
        except BaseException:
            conn.close()
            raise
        return conn

    def sync(self, wanted: set[str]) -> set[str]:
        """Release the locks of sessions no longer ``wanted``, try for the wanted ones not held
        yet (without waiting), and return the ids this hub now holds. When the database cannot
        be reached, this hub holds nothing (its locks are gone with its connection)."""
        with self._lock:
            try:
                if self._conn is None or self._conn.closed:
                    self._held = set()
                    self._conn = self._connect()
                conn = self._conn
                for session_id in sorted(self._held - wanted):
                    conn.execute(
                        "SELECT pg_advisory_unlock(%s, hashtext(%s))", (POLL_LOCK_CLASS, session_id)
                    )
                    self._held.discard(session_id)
                trying = sorted(wanted - self._held)
                # A round trip even with nothing to try: it notices a broken connection.
                rows = conn.execute(
                    "SELECT s FROM unnest(%s::text[]) AS s"
                    " WHERE pg_try_advisory_lock(%s, hashtext(s))",
                    (trying, POLL_LOCK_CLASS),
                ).fetchall()
                self._held.update(row[0] for row in rows)
            except psycopg.Error:
                self._drop()
            return set(self._held)

    def hold(self, session_id: str) -> bool:
        """Whether this hub holds ``session_id``'s lock now, taking it if it is free: asked of
        PostgreSQL (a round trip on the lease connection, which also proves the connection,
        and so the locks on it, alive), not of the last :meth:`sync`. The hub journals a
        session's end only while this says True, so exactly one hub ends each session."""
        with self._lock:
            try:
                if self._conn is None or self._conn.closed:
                    return False  # the next sync reconnects; its locks are gone meanwhile
                if session_id in self._held:
                    self._conn.execute("SELECT 1").fetchone()
                    return True
                row = self._conn.execute(
                    "SELECT pg_try_advisory_lock(%s, hashtext(%s))", (POLL_LOCK_CLASS, session_id)
                ).fetchone()
                if row is not None and row[0]:
                    self._held.add(session_id)  # released by the next sync once not wanted
                    return True
                return False
            except psycopg.Error:
                self._drop()
                return False

    def _drop(self) -> None:
        self._held = set()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def close(self) -> None:
        """Release every lock (by ending the connection)."""
        with self._lock:
            self._drop()
