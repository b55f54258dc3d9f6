"""The hub's store on SQLite (stdlib ``sqlite3``): the default for a single site.

One connection in autocommit mode, WAL journal, shared by the hub's worker threads behind a lock
(SQLite serialises writers anyway; the hub's writes are a few per session). Migrations are
numbered lists of statements applied in one transaction each, recording the version reached in
``schema_version`` (see ``store.py`` for the schema both backends share).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.core import private_files
from kiosk.hub.fleet_rows import SqliteFleetRows, migration_2, migration_3
from kiosk.hub.remote_settings_rows import SqliteRemoteSettingsRows, migration_4
from kiosk.hub.store import (
    SCHEMA_VERSION,
    DuplicateKiosk,
    KioskRecord,
    SessionRecord,
    StoreError,
    StoreUnavailable,
    UnknownKiosk,
    UnknownSession,
    scopes_text,
)

# MIGRATIONS[n] takes the database from version n to n + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE kiosks (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            site TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT,
            allowed_scopes TEXT,
            max_ttl_sec INTEGER,
            rate_per_minute INTEGER
        )""",
        """CREATE TABLE sessions (
            session_id TEXT PRIMARY KEY,
            hub_token TEXT NOT NULL UNIQUE,
            upstream_token TEXT NOT NULL,
            callback_path TEXT NOT NULL UNIQUE,
            kiosk_id TEXT NOT NULL,
            site TEXT NOT NULL,
            reference TEXT,
            scopes TEXT NOT NULL,
            status TEXT NOT NULL,
            outcome TEXT,
            scores TEXT NOT NULL,
            reasons TEXT NOT NULL,
            expires_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            ended_at TEXT
        )""",
        "CREATE INDEX sessions_kiosk ON sessions (kiosk_id, created_at)",
        "CREATE INDEX sessions_ended ON sessions (ended_at)",
    ),
    migration_2("TEXT"),  # heartbeats, admins
    migration_3("TEXT"),  # admin_sessions
    migration_4("TEXT"),  # remote_settings
)
assert len(MIGRATIONS) == SCHEMA_VERSION

_KIOSK_COLUMNS = (
    "id, name, site, secret_hash, created_at, revoked_at, allowed_scopes, max_ttl_sec,"
    " rate_per_minute"
)
_SESSION_COLUMNS = (
    "session_id, hub_token, upstream_token, callback_path, kiosk_id, site, reference, scopes,"
    " status, outcome, scores, reasons, expires_at, created_at, updated_at, ended_at"
)


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _dt(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _kiosk(row: tuple[Any, ...]) -> KioskRecord:
    scopes = None if row[6] is None else tuple(json.loads(row[6]))
    created = _dt(row[4])
    assert created is not None
    return KioskRecord(
        id=row[0],
        name=row[1],
        site=row[2],
        secret_hash=row[3],
        created_at=created,
        revoked_at=_dt(row[5]),
        allowed_scopes=scopes,
        max_ttl_sec=row[7],
        rate_per_minute=row[8],
    )


def _session(row: tuple[Any, ...]) -> SessionRecord:
    created, updated = _dt(row[13]), _dt(row[14])
    assert created is not None and updated is not None
    return SessionRecord(
        session_id=row[0],
        hub_token=row[1],
        upstream_token=row[2],
        callback_path=row[3],
        kiosk_id=row[4],
        site=row[5],
        reference=row[6],
        scopes=tuple(json.loads(row[7])),
        status=row[8],
        outcome=row[9],
        scores={str(k): float(v) for k, v in json.loads(row[10]).items()},
        reasons=tuple(json.loads(row[11])),
        expires_at=_dt(row[12]),
        created_at=created,
        updated_at=updated,
        ended_at=_dt(row[15]),
    )


class SqliteStore(SqliteFleetRows, SqliteRemoteSettingsRows):
    """A :class:`~kiosk.hub.store.HubStore` in the SQLite file at ``path`` (created private,
    with its folder, if missing). ``":memory:"`` gives a throwaway store for tests."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            private_files.make_dir(Path(self.path).parent)
            if not Path(self.path).exists():
                private_files.create_file(Path(self.path))
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(
                self.path, isolation_level=None, timeout=10.0, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
        except sqlite3.Error as error:
            raise StoreUnavailable(f"cannot open the hub database: {error}") from None

    @contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._db
            except sqlite3.IntegrityError:
                raise
            except sqlite3.OperationalError as error:
                raise StoreUnavailable(f"hub database: {error}") from None
            except sqlite3.Error as error:
                raise StoreError(f"hub database: {error}") from None

    # --- schema ---

    def schema_version(self) -> int:
        with self._guard() as db:
            exists = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            ).fetchone()
            if not exists:
                return 0
            row = db.execute("SELECT version FROM schema_version").fetchone()
            return int(row[0]) if row else 0

    def migrate(self) -> int:
        with self._guard() as db:
            db.execute("BEGIN IMMEDIATE")  # one migrating process at a time
            try:
                db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                row = db.execute("SELECT version FROM schema_version").fetchone()
                version = int(row[0]) if row else 0
                if row is None:
                    db.execute("INSERT INTO schema_version (version) VALUES (0)")
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"the hub database has schema version {version}, newer than this "
                        f"program's {SCHEMA_VERSION}; upgrade the program"
                    )
                for step in MIGRATIONS[version:]:
                    for statement in step:
                        db.execute(statement)
                db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return SCHEMA_VERSION

    def ping(self) -> None:
        with self._guard() as db:
            db.execute("SELECT 1").fetchone()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- kiosks ---

    def add_kiosk(self, kiosk: KioskRecord) -> None:
        try:
            with self._guard() as db:
                db.execute(
                    f"INSERT INTO kiosks ({_KIOSK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
                    (
                        kiosk.id,
                        kiosk.name,
                        kiosk.site,
                        kiosk.secret_hash,
                        _ts(kiosk.created_at),
                        _ts(kiosk.revoked_at),
                        scopes_text(kiosk.allowed_scopes),
                        kiosk.max_ttl_sec,
                        kiosk.rate_per_minute,
                    ),
                )
        except sqlite3.IntegrityError:
            raise DuplicateKiosk(f"a kiosk with id {kiosk.id!r} exists") from None

    def get_kiosk(self, kiosk_id: str) -> KioskRecord | None:
        with self._guard() as db:
            row = db.execute(
                f"SELECT {_KIOSK_COLUMNS} FROM kiosks WHERE id = ?",  # noqa: S608
                (kiosk_id,),
            ).fetchone()
        return None if row is None else _kiosk(row)

    def list_kiosks(self) -> list[KioskRecord]:
        with self._guard() as db:
            rows = db.execute(
                f"SELECT {_KIOSK_COLUMNS} FROM kiosks ORDER BY created_at, id"  # noqa: S608
            ).fetchall()
        return [_kiosk(row) for row in rows]

    def update_kiosk(self, kiosk: KioskRecord) -> None:
        with self._guard() as db:
            cursor = db.execute(
                "UPDATE kiosks SET name = ?, site = ?, secret_hash = ?, revoked_at = ?,"
                " allowed_scopes = ?, max_ttl_sec = ?, rate_per_minute = ? WHERE id = ?",
                (
                    kiosk.name,
                    kiosk.site,
                    kiosk.secret_hash,
                    _ts(kiosk.revoked_at),
                    scopes_text(kiosk.allowed_scopes),
                    kiosk.max_ttl_sec,
                    kiosk.rate_per_minute,
                    kiosk.id,
                ),
            )
        if cursor.rowcount == 0:
            raise UnknownKiosk(f"no kiosk has id {kiosk.id!r}")

    # --- sessions ---

    def add_session(self, session: SessionRecord) -> None:
        try:
            with self._guard() as db:
                db.execute(
                    f"INSERT INTO sessions ({_SESSION_COLUMNS})"  # noqa: S608
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                        _ts(session.expires_at),
                        _ts(session.created_at),
                        _ts(session.updated_at),
                        _ts(session.ended_at),
                    ),
                )
        except sqlite3.IntegrityError:
            raise StoreError("a session with this id or token exists") from None

    def _one_session(self, column: str, value: str) -> SessionRecord | None:
        with self._guard() as db:
            row = db.execute(
                f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE {column} = ?",  # noqa: S608
                (value,),
            ).fetchone()
        return None if row is None else _session(row)

    def get_session(self, session_id: str) -> SessionRecord | None:
        return self._one_session("session_id", session_id)

    def find_by_hub_token(self, hub_token: str) -> SessionRecord | None:
        return self._one_session("hub_token", hub_token)

    def find_by_callback_path(self, callback_path: str) -> SessionRecord | None:
        return self._one_session("callback_path", callback_path)

    def update_session(self, session: SessionRecord) -> bool:
        # One statement: SQLite evaluates the condition inside the write, so of several
        # connections (or processes) ending a session at once exactly one matches the row.
        with self._guard() as db:
            cursor = db.execute(
                "UPDATE sessions SET status = ?, outcome = ?, scores = ?, reasons = ?,"
                " expires_at = ?, updated_at = ?, ended_at = ?"
                " WHERE session_id = ? AND ended_at IS NULL",
                (
                    session.status,
                    session.outcome,
                    json.dumps(session.scores),
                    json.dumps(list(session.reasons)),
                    _ts(session.expires_at),
                    _ts(session.updated_at),
                    _ts(session.ended_at),
                    session.session_id,
                ),
            )
            if cursor.rowcount:
                return True
            found = db.execute(
                "SELECT 1 FROM sessions WHERE session_id = ?", (session.session_id,)
            ).fetchone()
        if found is None:
            raise UnknownSession("no session has this id")
        return False  # it had ended: the first end stands

    def live_sessions(self) -> list[SessionRecord]:
        with self._guard() as db:
            rows = db.execute(
                f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE ended_at IS NULL"  # noqa: S608
                " ORDER BY created_at, session_id"
            ).fetchall()
        return [_session(row) for row in rows]

    def list_sessions(
        self, *, kiosk_id: str | None = None, site: str | None = None, limit: int = 100
    ) -> list[SessionRecord]:
        where, args = [], []
        if kiosk_id is not None:
            where.append("kiosk_id = ?")
            args.append(kiosk_id)
        if site is not None:
            where.append("site = ?")
            args.append(site)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        with self._guard() as db:
            rows = db.execute(
                f"SELECT {_SESSION_COLUMNS} FROM sessions{clause}"  # noqa: S608
                " ORDER BY created_at DESC, session_id DESC LIMIT ?",
                (*args, max(0, int(limit))),
            ).fetchall()
        return [_session(row) for row in rows]
