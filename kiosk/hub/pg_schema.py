"""The PostgreSQL store's schema: the SQLite store's tables (see ``store.py``) with ``timestamptz``
times, the versioned migrations that create and upgrade it, and its rows as records.

Migrations are numbered lists of statements; :func:`migrate` applies the missing ones in ONE
transaction under an advisory lock and records the version reached in ``schema_version``, so
two hubs starting at once neither race nor leave a half-migrated database.
"""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime
from typing import Any

import psycopg

from kiosk.hub.fleet_rows import migration_2, migration_3
from kiosk.hub.remote_settings_rows import migration_4
from kiosk.hub.store import SCHEMA_VERSION, KioskRecord, SessionRecord, StoreError

# The advisory lock migrations hold (a fixed 32-bit key derived from a name, stable forever).
MIGRATION_LOCK = zlib.crc32(b"kiosk-hub-migrate")

# MIGRATIONS[n] takes the database from version n to n + 1 (the SQLite store's, in PostgreSQL).
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE kiosks (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            site TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            revoked_at TIMESTAMPTZ,
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
            expires_at TIMESTAMPTZ,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            ended_at TIMESTAMPTZ
        )""",
        "CREATE INDEX sessions_kiosk ON sessions (kiosk_id, created_at)",
        "CREATE INDEX sessions_ended ON sessions (ended_at)",
    ),
    migration_2("TIMESTAMPTZ"),  # heartbeats, admins
    migration_3("TIMESTAMPTZ"),  # admin_sessions
    migration_4("TIMESTAMPTZ"),  # remote_settings
)
assert len(MIGRATIONS) == SCHEMA_VERSION


KIOSK_COLUMNS = (
    "id, name, site, secret_hash, created_at, revoked_at, allowed_scopes, max_ttl_sec,"
    " rate_per_minute"
)
SESSION_COLUMNS = (
    "session_id, hub_token, upstream_token, callback_path, kiosk_id, site, reference, scopes,"
    " status, outcome, scores, reasons, expires_at, created_at, updated_at, ended_at"
)


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


def kiosk_from_row(row: tuple[Any, ...]) -> KioskRecord:
    """A ``kiosks`` row (columns in :data:`KIOSK_COLUMNS` order) as a record."""
    return KioskRecord(
        id=row[0],
        name=row[1],
        site=row[2],
        secret_hash=row[3],
        created_at=row[4].astimezone(UTC),
        revoked_at=_utc(row[5]),
        allowed_scopes=None if row[6] is None else tuple(json.loads(row[6])),
        max_ttl_sec=row[7],
        rate_per_minute=row[8],
    )


def session_from_row(row: tuple[Any, ...]) -> SessionRecord:
    """A ``sessions`` row (columns in :data:`SESSION_COLUMNS` order) as a record."""
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
        expires_at=_utc(row[12]),
        created_at=row[13].astimezone(UTC),
        updated_at=row[14].astimezone(UTC),
        ended_at=_utc(row[15]),
    )


def read_version(conn: psycopg.Connection[Any]) -> int:
    """The version recorded in ``schema_version`` (0 when the table is not there yet)."""
    exists = conn.execute("SELECT to_regclass('schema_version')").fetchone()
    if exists is None or exists[0] is None:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: psycopg.Connection[Any]) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION` (``conn`` in autocommit mode); returns it.

    Raises:
        StoreError: the database was migrated by a newer program.
    """
    with conn.transaction():
        # Held until the transaction ends: a second hub waits here, then finds the work done.
        # Without it, two CREATE TABLE IF NOT EXISTS at once can both fail.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        version = int(row[0]) if row else 0
        if row is None:
            conn.execute("INSERT INTO schema_version (version) VALUES (0)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the hub database has schema version {version}, newer than this "
                f"program's {SCHEMA_VERSION}; upgrade the program"
            )
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        conn.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION,))
    return SCHEMA_VERSION
