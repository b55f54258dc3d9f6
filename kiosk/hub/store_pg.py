"""The hub's store on PostgreSQL (psycopg 3 with psycopg_pool): for a fleet, and for several hubs
sharing one journal.

The schema is the SQLite store's with ``timestamptz`` for the times, created and upgraded by the
versioned migrations in :mod:`kiosk.hub.pg_schema` (one transaction, under an advisory lock).

Connections come from a bounded pool (``max_size``). Each operation runs in its own transaction;
when the connection breaks (PostgreSQL restarted, a failover, a network cut) the broken
connections are thrown away and the operation is tried again on a fresh one until ``timeout``
seconds have passed, then :class:`~kiosk.hub.store.StoreUnavailable` is raised. Retrying a write
is safe: updates set values (doing one twice changes nothing), an insert whose first attempt
may have committed before the connection broke counts as done when the row found is the one
being inserted, and an end whose commit's reply was lost is recognised as this store's by its
transaction id (``update_session``), so exactly one writer of each end is told it ended it.

``update_session`` also sends a PostgreSQL notification (channel :data:`STATUS_CHANNEL`, payload
the session id) in the same transaction, so every hub on the database learns of the change when
it commits: see :mod:`kiosk.hub.pg_listen`.

Error messages never contain the password, tokens or row values (PostgreSQL's own messages may
quote the key or the whole row, so only their kind and SQLSTATE are passed on).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

import psycopg
import psycopg.conninfo
import psycopg.errors
from psycopg_pool import ConnectionPool, PoolTimeout

from kiosk.core.redact import register_secret
from kiosk.hub import pg_schema
from kiosk.hub.fleet_rows import PostgresFleetRows
from kiosk.hub.pg_leases import PollLeases
from kiosk.hub.pg_listen import STATUS_CHANNEL, StatusListener
from kiosk.hub.remote_settings_rows import PostgresRemoteSettingsRows
from kiosk.hub.store import (
    DuplicateKiosk,
    KioskRecord,
    SessionRecord,
    StoreError,
    StoreUnavailable,
    UnknownKiosk,
    UnknownSession,
    scopes_text,
)

T = TypeVar("T")

# A session's change, unless it has ended: of several hubs writing one end, one matches the row.
_END_OR_CHANGE = (
    "UPDATE sessions SET status = %s, outcome = %s, scores = %s, reasons = %s, expires_at = %s,"
    " updated_at = %s, ended_at = %s WHERE session_id = %s AND ended_at IS NULL"
)
_EXISTS = "SELECT 1 FROM sessions WHERE session_id = %s"
_XID = "SELECT pg_current_xact_id()::text"
# Whether any of these transaction ids committed (PostgreSQL 13+).
_ANY_COMMITTED = "SELECT 1 FROM unnest(%s::text[]) AS x WHERE pg_xact_status(x::xid8) = 'committed'"

# SQLSTATEs of a lost connection (class 08) and of a server shutting down or starting
# (57P01-57P03): the operation is tried again on a fresh connection.
_BREAK_STATES = ("08", "57P01", "57P02", "57P03")


def _is_break(error: psycopg.OperationalError) -> bool:
    """Whether ``error`` means the connection broke or none could be had (worth a retry),
    rather than the server refusing this one operation."""
    # No SQLSTATE: libpq's own failures ("server closed the connection unexpectedly").
    return (
        isinstance(error, PoolTimeout)
        or not error.sqlstate
        or (error.sqlstate.startswith(_BREAK_STATES))
    )


def _kind(error: psycopg.Error) -> str:
    """An error's kind and SQLSTATE: what may be said of it (its text may quote row values)."""
    return f"{type(error).__name__}, SQLSTATE {error.sqlstate or 'none'}"


def connection_options(connect_timeout: float) -> dict[str, Any]:
    """psycopg's connection arguments besides the URL: autocommit (transactions are explicit),
    times in UTC, a statement timeout and TCP keepalives so a dead server is noticed."""
    return {
        "autocommit": True,
        "connect_timeout": max(1, round(connect_timeout)),
        "application_name": "kiosk-hub",
        "options": "-c TimeZone=UTC -c statement_timeout=30000",
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
    }


def checked_url(url: str) -> str:
    """``url`` if libpq can parse it (its password registered for masking in logs), else
    :class:`StoreError` without echoing it."""
    try:
        params = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        raise StoreError("the PostgreSQL URL is not valid (libpq cannot parse it)") from None
    password = params.get("password")
    if isinstance(password, str) and password:
        register_secret(password)
    return url


class PostgresStore(PostgresFleetRows, PostgresRemoteSettingsRows):
    """A :class:`~kiosk.hub.store.HubStore` in the PostgreSQL database ``url`` names
    (``postgresql://USER:PASSWORD@HOST:PORT/DATABASE?...``, libpq's syntax).

    ``max_size`` bounds the connections this hub opens; ``timeout`` is how long one operation
    may wait for a connection (retries after a break included) before ``StoreUnavailable``.
    The pool opens in the background: constructing the store never blocks.

    ``reconnect_timeout`` is short on purpose: psycopg_pool retries a lost connection with a
    doubling delay (1, 2, 4, ... s) for that long, so after an outage of minutes it could
    wait minutes more once PostgreSQL is back. When it gives up, the next operation that waits
    starts a fresh attempt at once, so the pool is back within about 2 s of the server.
    """

    def __init__(
        self,
        url: str,
        *,
        min_size: int = 1,
        max_size: int = 10,
        timeout: float = 10.0,
        connect_timeout: float = 5.0,
        reconnect_timeout: float = 5.0,
    ) -> None:
        self._url = checked_url(url)
        self.timeout = timeout
        self._connect_timeout = connect_timeout
        self._diagnosed_at, self._diagnosis = -1e9, ""
        # Ends whose COMMIT was sent but not answered (a break): session id -> transaction ids.
        self._unsure_ends: dict[str, tuple[str, ...]] = {}
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            kwargs=connection_options(connect_timeout),
            min_size=min_size,
            max_size=max_size,
            timeout=timeout,
            reconnect_timeout=reconnect_timeout,
            name="kiosk-hub",
            open=False,
        )
        self._pool.open(wait=False)

    # --- running operations ---

    def _run(self, operation: Callable[[psycopg.Connection[Any], bool], T]) -> T:
        """``operation(connection, retried)`` in a pooled connection, tried again on a fresh
        connection after a break until :attr:`timeout` has passed."""
        deadline = time.monotonic() + self.timeout
        delay, retried = 0.05, False
        while True:
            remaining = deadline - time.monotonic()
            try:
                with self._pool.connection(timeout=max(remaining, 0.01)) as conn:
                    return operation(conn, retried)
            except psycopg.errors.QueryCanceled:
                raise StoreUnavailable("the hub database did not answer in time") from None
            except psycopg.OperationalError as error:
                if not _is_break(error):  # e.g. a value too large to index: retrying won't help
                    raise StoreError(f"the hub database refused this ({_kind(error)})") from None
                if time.monotonic() + delay >= deadline:
                    raise self._unavailable(error) from None
                # Throw away the other pooled connections the same break killed, so the retry
                # does not pick one of them.
                self._pool.check()
                time.sleep(delay)
                delay, retried = min(delay * 2, 0.5), True
            except psycopg.Error as error:
                # PostgreSQL's text may quote the row (a NOT NULL violation shows it whole,
                # tokens included): only the kind of error leaves this method.
                raise StoreError(f"the hub database refused this ({_kind(error)})") from None

    def _unavailable(self, error: psycopg.OperationalError) -> StoreUnavailable:
        """The error to raise after giving up: libpq's reason, never the URL or its password.

        When no pooled connection came, the pool does not say why (its connection attempts
        fail in the background): one direct attempt finds libpq's reason ("password
        authentication failed", "Connection refused"), at most every 5 s so an overloaded pool
        is not given extra connections."""
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        if isinstance(error, PoolTimeout):
            now = time.monotonic()
            if now - self._diagnosed_at >= 5.0:
                self._diagnosed_at = now
                try:
                    psycopg.connect(self._url, **connection_options(2)).close()
                    self._diagnosis = f"all {self._pool.max_size} connections stayed busy"
                except psycopg.Error as direct:
                    self._diagnosis = str(direct).strip().splitlines()[0]
            reason = self._diagnosis
        password = psycopg.conninfo.conninfo_to_dict(self._url).get("password")
        if isinstance(password, str) and password:
            reason = reason.replace(password, "***")
        return StoreUnavailable(f"the hub database cannot be reached: {reason}")

    # --- schema ---

    def schema_version(self) -> int:
        return self._run(lambda conn, _: pg_schema.read_version(conn))

    def migrate(self) -> int:
        return self._run(lambda conn, _: pg_schema.migrate(conn))

    def ping(self) -> None:
        self._run(lambda conn, _: conn.execute("SELECT 1").fetchone())

    def close(self) -> None:
        self._pool.close(timeout=5.0)

    # --- kiosks ---

    def add_kiosk(self, kiosk: KioskRecord) -> None:
        def insert(conn: psycopg.Connection[Any], retried: bool) -> None:
            try:
                conn.execute(
                    f"INSERT INTO kiosks ({pg_schema.KIOSK_COLUMNS})"  # noqa: S608 - constant columns
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (
                        kiosk.id,
                        kiosk.name,
                        kiosk.site,
                        kiosk.secret_hash,
                        kiosk.created_at,
                        kiosk.revoked_at,
                        scopes_text(kiosk.allowed_scopes),
                        kiosk.max_ttl_sec,
                        kiosk.rate_per_minute,
                    ),
                )
            except psycopg.errors.UniqueViolation:
                # A retry after a break may find the row its first attempt committed.
                if retried and self._kiosk_row(conn, kiosk.id) == kiosk:
                    return
                raise DuplicateKiosk(f"a kiosk with id {kiosk.id!r} exists") from None

        self._run(insert)

    @staticmethod
    def _kiosk_row(conn: psycopg.Connection[Any], kiosk_id: str) -> KioskRecord | None:
        row = conn.execute(
            f"SELECT {pg_schema.KIOSK_COLUMNS} FROM kiosks WHERE id = %s",  # noqa: S608 - constant columns
            (kiosk_id,),
        ).fetchone()
        return None if row is None else pg_schema.kiosk_from_row(row)

    def get_kiosk(self, kiosk_id: str) -> KioskRecord | None:
        return self._run(lambda conn, _: self._kiosk_row(conn, kiosk_id))

    def list_kiosks(self) -> list[KioskRecord]:
        def read(conn: psycopg.Connection[Any], _: bool) -> list[KioskRecord]:
            rows = conn.execute(
                f"SELECT {pg_schema.KIOSK_COLUMNS} FROM kiosks ORDER BY created_at, id"  # noqa: S608
            ).fetchall()
            return [pg_schema.kiosk_from_row(row) for row in rows]

        return self._run(read)

    def update_kiosk(self, kiosk: KioskRecord) -> None:
        def update(conn: psycopg.Connection[Any], _: bool) -> int:
            return conn.execute(
                "UPDATE kiosks SET name = %s, site = %s, secret_hash = %s, revoked_at = %s,"
                " allowed_scopes = %s, max_ttl_sec = %s, rate_per_minute = %s WHERE id = %s",
                (
                    kiosk.name,
                    kiosk.site,
                    kiosk.secret_hash,
                    kiosk.revoked_at,
                    scopes_text(kiosk.allowed_scopes),
                    kiosk.max_ttl_sec,
                    kiosk.rate_per_minute,
                    kiosk.id,
                ),
            ).rowcount

        if self._run(update) == 0:
            raise UnknownKiosk(f"no kiosk has id {kiosk.id!r}")

    # --- sessions ---

    def add_session(self, session: SessionRecord) -> None:
        def insert(conn: psycopg.Connection[Any], retried: bool) -> None:
            try:
                conn.execute(
                    f"INSERT INTO sessions ({pg_schema.SESSION_COLUMNS})"  # noqa: S608 - constant columns
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (
                        session.session_id,
                        session.hub_token,
                        session.upstream_token,
                        session.callback_path,
                        session.kiosk_id,
                        session.site,
                        session.reference,
                        json.dumps(list(session.scopes)),
                        session.status,
                        session.outcome,
                        json.dumps(session.scores),
                        json.dumps(list(session.reasons)),
                        session.expires_at,
                        session.created_at,
                        session.updated_at,
                        session.ended_at,
                    ),
                )
            except psycopg.errors.UniqueViolation:
                # A retry after a break may find the row its first attempt committed.
                if retried and self._one_session(conn, "session_id", session.session_id) == session:
                    return
                raise StoreError("a session with this id or token exists") from None

        self._run(insert)

    @staticmethod
    def _one_session(
        conn: psycopg.Connection[Any], column: str, value: str
    ) -> SessionRecord | None:
        row = conn.execute(
            f"SELECT {pg_schema.SESSION_COLUMNS} FROM sessions WHERE {column} = %s",  # noqa: S608 - ours
            (value,),
        ).fetchone()
        return None if row is None else pg_schema.session_from_row(row)

    def get_session(self, session_id: str) -> SessionRecord | None:
        return self._run(lambda conn, _: self._one_session(conn, "session_id", session_id))

    def find_by_hub_token(self, hub_token: str) -> SessionRecord | None:
        return self._run(lambda conn, _: self._one_session(conn, "hub_token", hub_token))

    def find_by_callback_path(self, callback_path: str) -> SessionRecord | None:
        return self._run(lambda conn, _: self._one_session(conn, "callback_path", callback_path))

    def update_session(self, session: SessionRecord) -> bool:
        """See :meth:`HubStore.update_session`. Under READ COMMITTED a second writer of the
        same end waits for the first's row lock, then finds ``ended_at`` set: no row, False.

        An end whose COMMIT was sent but whose reply was lost (a break) may have committed:
        its transaction id is kept until that is known, and when a later attempt finds the row
        ended, PostgreSQL says (``pg_xact_status``) whether that transaction committed, i.e.
        whether this store ended it after all."""
        sid, ending = session.session_id, session.ended_at is not None
        values = (
            *(session.status, session.outcome, json.dumps(session.scores)),
            *(json.dumps(list(session.reasons)), session.expires_at, session.updated_at),
            *(session.ended_at, sid),
        )

        def update(conn: psycopg.Connection[Any], _: bool) -> bool | None:
            with conn.transaction():
                xid = conn.execute(_XID).fetchone() if ending else None
                if conn.execute(_END_OR_CHANGE, values).rowcount:
                    # Delivered to the listening hubs when this transaction commits.
                    conn.execute("SELECT pg_notify(%s, %s)", (STATUS_CHANNEL, sid))
                    if xid is not None:  # unsure until COMMIT answers
                        self._unsure_ends[sid] = (*self._unsure_ends.get(sid, ()), str(xid[0]))
                    result: bool | None = True
                elif conn.execute(_EXISTS, (sid,)).fetchone():
                    # Ended. By an earlier attempt of ours whose COMMIT's reply was lost? Its
                    # row lock made this UPDATE wait until it was decided, so it is by now.
                    unsure = list(self._unsure_ends.get(sid, ())) if ending else []
                    found = conn.execute(_ANY_COMMITTED, (unsure,)).fetchone() if unsure else None
                    result = found is not None
                else:
                    result = None
            self._unsure_ends.pop(sid, None)  # committed, or decided: nothing left unsure
            return result

        written = self._run(update)
        if written is None:
            raise UnknownSession("no session has this id")
        return written

    def live_sessions(self) -> list[SessionRecord]:
        def read(conn: psycopg.Connection[Any], _: bool) -> list[SessionRecord]:
            rows = conn.execute(
                f"SELECT {pg_schema.SESSION_COLUMNS} FROM sessions WHERE ended_at IS NULL"  # noqa: S608
                " ORDER BY created_at, session_id"
            ).fetchall()
            return [pg_schema.session_from_row(row) for row in rows]

        return self._run(read)

    def list_sessions(
        self, *, kiosk_id: str | None = None, site: str | None = None, limit: int = 100
    ) -> list[SessionRecord]:
        # NULL parameters switch a filter off, so the statement text never varies.
        def read(conn: psycopg.Connection[Any], _: bool) -> list[SessionRecord]:
            rows = conn.execute(
                f"SELECT {pg_schema.SESSION_COLUMNS} FROM sessions"  # noqa: S608 - constant columns
                " WHERE (%(kiosk)s::text IS NULL OR kiosk_id = %(kiosk)s)"
                " AND (%(site)s::text IS NULL OR site = %(site)s)"
                " ORDER BY created_at DESC, session_id DESC LIMIT %(limit)s",
                {"kiosk": kiosk_id, "site": site, "limit": max(0, int(limit))},
            ).fetchall()
            return [pg_schema.session_from_row(row) for row in rows]

        return self._run(read)

    # --- notifications (PostgreSQL only; several hubs on one database) ---

    def notify_status(self, session_id: str) -> None:
        """Tell every hub listening on this database that ``session_id``'s status changed
        (``update_session`` already does so; this is for changes made elsewhere)."""
        self._run(
            lambda conn, _: conn.execute(
                "SELECT pg_notify(%s, %s)", (STATUS_CHANNEL, session_id)
            ).fetchone()
        )

    def listen_status(self) -> StatusListener:
        """A listener for status changes on this database (its own connection, not the
        pool's); listening starts before this returns."""
        return StatusListener(self._url, connection_options(self._connect_timeout))

    def poll_leases(self) -> PollLeases:
        """This hub's upstream-poll locks on this database (a connection of their own)."""
        return PollLeases(self._url, connection_options(self._connect_timeout))
