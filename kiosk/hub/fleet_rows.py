"""Heartbeat and admin-account rows (``fleet_records.py``) for both stores: the migration that
adds their tables (schema version 2) and the methods, as mixins the two stores inherit so
``store_sqlite.py`` and ``store_pg.py`` stay about one concern each."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from kiosk.hub.fleet_records import AdminRecord, DuplicateAdmin, Heartbeat

if TYPE_CHECKING:
    import psycopg

T = TypeVar("T")


def migration_2(timestamp: str) -> tuple[str, ...]:
    """Migration 2's statements, with the backend's timestamp type (TEXT or TIMESTAMPTZ)."""
    return (
        f"""CREATE TABLE heartbeats (
            kiosk_id TEXT PRIMARY KEY,
            last_seen {timestamp} NOT NULL,
            version TEXT NOT NULL,
            state TEXT NOT NULL,
            last_error TEXT
        )""",
        f"""CREATE TABLE admins (
            name TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            created_at {timestamp} NOT NULL
        )""",
    )


def migration_3(timestamp: str) -> tuple[str, ...]:
    """Migration 3: the dashboard's login sessions (``id_hash`` is a SHA-256 of the cookie's
    random id, so a leaked table logs nobody in)."""
    return (
        f"""CREATE TABLE admin_sessions (
            id_hash TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            expires_at {timestamp} NOT NULL
        )""",
    )


_UPSERT = (
    "INSERT INTO heartbeats (kiosk_id, last_seen, version, state, last_error)"
    " VALUES ({p}, {p}, {p}, {p}, {p}) ON CONFLICT (kiosk_id) DO UPDATE SET"
    " last_seen = excluded.last_seen, version = excluded.version, state = excluded.state,"
    " last_error = excluded.last_error"
)
_HEARTBEATS = "SELECT kiosk_id, last_seen, version, state, last_error FROM heartbeats"
_ADMINS = "SELECT name, password_hash, created_at FROM admins"


class SqliteFleetRows:
    """The methods for :class:`~kiosk.hub.store_sqlite.SqliteStore` (times as ISO text)."""

    _guard: Callable[[], AbstractContextManager[sqlite3.Connection]]

    def record_heartbeat(self, heartbeat: Heartbeat) -> None:
        with self._guard() as db:
            db.execute(
                _UPSERT.format(p="?"),
                (
                    heartbeat.kiosk_id,
                    heartbeat.last_seen.isoformat(),
                    heartbeat.version,
                    heartbeat.state,
                    heartbeat.last_error,
                ),
            )

    def heartbeats(self) -> list[Heartbeat]:
        with self._guard() as db:
            rows = db.execute(_HEARTBEATS + " ORDER BY kiosk_id").fetchall()
        return [Heartbeat(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4]) for r in rows]

    def add_admin(self, admin: AdminRecord) -> None:
        try:
            with self._guard() as db:
                db.execute(
                    "INSERT INTO admins (name, password_hash, created_at) VALUES (?, ?, ?)",
                    (admin.name, admin.password_hash, admin.created_at.isoformat()),
                )
        except sqlite3.IntegrityError:
            raise DuplicateAdmin(f"an admin named {admin.name!r} exists") from None

    def get_admin(self, name: str) -> AdminRecord | None:
        with self._guard() as db:
            row = db.execute(_ADMINS + " WHERE name = ?", (name,)).fetchone()
        return None if row is None else AdminRecord(row[0], row[1], datetime.fromisoformat(row[2]))

    def list_admins(self) -> list[AdminRecord]:
        with self._guard() as db:
            rows = db.execute(_ADMINS + " ORDER BY name").fetchall()
        return [AdminRecord(r[0], r[1], datetime.fromisoformat(r[2])) for r in rows]

    def remove_admin(self, name: str) -> bool:
        with self._guard() as db:
            cursor = db.execute("DELETE FROM admins WHERE name = ?", (name,))
            db.execute("DELETE FROM admin_sessions WHERE name = ?", (name,))
        return cursor.rowcount > 0

    def add_admin_session(self, id_hash: str, name: str, expires_at: datetime) -> None:
        with self._guard() as db:
            db.execute("DELETE FROM admin_sessions WHERE expires_at < ?", (_now_text(),))
            db.execute(
                "INSERT INTO admin_sessions (id_hash, name, expires_at) VALUES (?, ?, ?)",
                (id_hash, name, expires_at.isoformat()),
            )

    def admin_session(self, id_hash: str) -> tuple[str, datetime] | None:
        with self._guard() as db:
            row = db.execute(
                "SELECT name, expires_at FROM admin_sessions WHERE id_hash = ?", (id_hash,)
            ).fetchone()
        return None if row is None else (row[0], datetime.fromisoformat(row[1]))

    def remove_admin_session(self, id_hash: str) -> None:
        with self._guard() as db:
            db.execute("DELETE FROM admin_sessions WHERE id_hash = ?", (id_hash,))


class PostgresFleetRows:
    """The methods for :class:`~kiosk.hub.store_pg.PostgresStore` (times as timestamptz)."""

    _run: Callable[..., Any]

    def record_heartbeat(self, heartbeat: Heartbeat) -> None:
        def upsert(conn: psycopg.Connection[Any], _: bool) -> None:
            conn.execute(
                _UPSERT.format(p="%s"),
                (
                    heartbeat.kiosk_id,
                    heartbeat.last_seen,
                    heartbeat.version,
                    heartbeat.state,
                    heartbeat.last_error,
                ),
            )

        self._run(upsert)

    def heartbeats(self) -> list[Heartbeat]:
        def read(conn: psycopg.Connection[Any], _: bool) -> list[Heartbeat]:
            rows = conn.execute(_HEARTBEATS + " ORDER BY kiosk_id").fetchall()
            return [Heartbeat(r[0], _utc(r[1]), r[2], r[3], r[4]) for r in rows]

        result: list[Heartbeat] = self._run(read)
        return result

    def add_admin(self, admin: AdminRecord) -> None:
        import psycopg

        def insert(conn: psycopg.Connection[Any], retried: bool) -> None:
            try:
                conn.execute(
                    "INSERT INTO admins (name, password_hash, created_at) VALUES (%s, %s, %s)",
                    (admin.name, admin.password_hash, admin.created_at),
                )
            except psycopg.errors.UniqueViolation:
                if retried and _admins(conn, " WHERE name = %s", (admin.name,)) == [admin]:
                    return  # a retry after a break found its own first attempt's row
                raise DuplicateAdmin(f"an admin named {admin.name!r} exists") from None

        self._run(insert)

    def get_admin(self, name: str) -> AdminRecord | None:
        rows: list[AdminRecord] = self._run(
            lambda conn, _: _admins(conn, " WHERE name = %s", (name,))
        )
        return rows[0] if rows else None

    def list_admins(self) -> list[AdminRecord]:
        rows: list[AdminRecord] = self._run(lambda conn, _: _admins(conn, " ORDER BY name", ()))
        return rows

    def remove_admin(self, name: str) -> bool:
        def delete(conn: psycopg.Connection[Any], _: bool) -> bool:
            conn.execute("DELETE FROM admin_sessions WHERE name = %s", (name,))
            cursor = conn.execute("DELETE FROM admins WHERE name = %s", (name,))
            return cursor.rowcount > 0

        removed: bool = self._run(delete)
        return removed

    def add_admin_session(self, id_hash: str, name: str, expires_at: datetime) -> None:
        def insert(conn: psycopg.Connection[Any], _: bool) -> None:
            conn.execute("DELETE FROM admin_sessions WHERE expires_at < now()")
            conn.execute(
                "INSERT INTO admin_sessions (id_hash, name, expires_at) VALUES (%s, %s, %s)"
                " ON CONFLICT (id_hash) DO NOTHING",  # a retry after a break
                (id_hash, name, expires_at),
            )

        self._run(insert)

    def admin_session(self, id_hash: str) -> tuple[str, datetime] | None:
        def read(conn: psycopg.Connection[Any], _: bool) -> tuple[str, datetime] | None:
            row = conn.execute(
                "SELECT name, expires_at FROM admin_sessions WHERE id_hash = %s", (id_hash,)
            ).fetchone()
            return None if row is None else (row[0], _utc(row[1]))

        found: tuple[str, datetime] | None = self._run(read)
        return found

    def remove_admin_session(self, id_hash: str) -> None:
        self._run(
            lambda conn, _: conn.execute(
                "DELETE FROM admin_sessions WHERE id_hash = %s", (id_hash,)
            )
        )


def _now_text() -> str:
    from kiosk.hub.store import utc_now

    return utc_now().isoformat()


def _utc(value: datetime) -> datetime:
    from datetime import UTC

    return value.astimezone(UTC)


def _admins(conn: psycopg.Connection[Any], clause: str, args: tuple[Any, ...]) -> list[AdminRecord]:
    rows = conn.execute(_ADMINS + clause, args).fetchall()
    return [AdminRecord(r[0], r[1], _utc(r[2])) for r in rows]


__all__ = ["PostgresFleetRows", "SqliteFleetRows", "migration_2", "migration_3"]
