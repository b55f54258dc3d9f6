"""Remote settings as the hub stores them (schema version 4): one row per site or kiosk.

``remote_settings``
    ``scope`` TEXT (``site`` or ``kiosk``), ``name`` TEXT (the site's name or the kiosk's id),
    ``settings`` TEXT (a JSON object: setting key -> value, already checked by the kiosk's own
    rules), ``version`` INTEGER (1 at the first change, one more at each change that alters the
    values: monotonic per scope, kept when every key is unset), ``updated_at`` (timestamp).
    Primary key (scope, name).

Changes are read-modify-write in one transaction (``BEGIN IMMEDIATE`` on SQLite, ``SELECT ...
FOR UPDATE`` on PostgreSQL), so two ``kiosk hub settings set`` at once both land. The mixins
are inherited by the two stores, as ``fleet_rows.py``'s are.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import psycopg

Scope = Literal["site", "kiosk"]
SCOPES: tuple[Scope, ...] = ("site", "kiosk")


@dataclass(frozen=True)
class ScopeSettings:
    """The settings IT set for one site or one kiosk (values in JSON form)."""

    scope: Scope
    name: str
    values: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    updated_at: datetime | None = None


def migration_4(timestamp: str) -> tuple[str, ...]:
    """Migration 4's statements, with the backend's timestamp type (TEXT or TIMESTAMPTZ)."""
    return (
        f"""CREATE TABLE remote_settings (
            scope TEXT NOT NULL,
            name TEXT NOT NULL,
            settings TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_at {timestamp} NOT NULL,
            PRIMARY KEY (scope, name)
        )""",
    )


def changed(
    values: Mapping[str, Any], set_values: Mapping[str, Any], unset: Collection[str]
) -> dict[str, Any]:
    """``values`` with ``set_values`` written over them and the keys in ``unset`` removed."""
    out = {k: v for k, v in values.items() if k not in unset}
    out.update(set_values)
    return out


def _text(values: Mapping[str, Any]) -> str:
    return json.dumps(dict(values), sort_keys=True, separators=(",", ":"), allow_nan=False)


_COLUMNS = "scope, name, settings, version, updated_at"


class SqliteRemoteSettingsRows:
    """The methods for :class:`~kiosk.hub.store_sqlite.SqliteStore` (times as ISO text)."""

    _guard: Callable[[], AbstractContextManager[sqlite3.Connection]]

    def scope_settings(self, scope: Scope, name: str) -> ScopeSettings | None:
        with self._guard() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM remote_settings WHERE scope = ? AND name = ?",  # noqa: S608
                (scope, name),
            ).fetchone()
        return None if row is None else _sqlite_row(row)

    def list_scope_settings(self) -> list[ScopeSettings]:
        with self._guard() as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM remote_settings ORDER BY scope, name"  # noqa: S608
            ).fetchall()
        return [_sqlite_row(row) for row in rows]

    def change_scope_settings(
        self,
        scope: Scope,
        name: str,
        set_values: Mapping[str, Any],
        unset: Collection[str],
        now: datetime,
    ) -> ScopeSettings:
        with self._guard() as db:
            db.execute("BEGIN IMMEDIATE")  # one writer from the read to the write
            try:
                row = db.execute(
                    f"SELECT {_COLUMNS} FROM remote_settings WHERE scope = ? AND name = ?",  # noqa: S608
                    (scope, name),
                ).fetchone()
                before = ScopeSettings(scope, name) if row is None else _sqlite_row(row)
                after = changed(before.values, set_values, unset)
                if after == before.values and row is not None:
                    db.execute("COMMIT")
                    return before
                db.execute(
                    "INSERT INTO remote_settings (scope, name, settings, version, updated_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, name) DO UPDATE SET"
                    " settings = excluded.settings, version = excluded.version,"
                    " updated_at = excluded.updated_at",
                    (scope, name, _text(after), before.version + 1, now.isoformat()),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return ScopeSettings(scope, name, after, before.version + 1, now)


def _sqlite_row(row: tuple[Any, ...]) -> ScopeSettings:
    return ScopeSettings(row[0], row[1], json.loads(row[2]), int(row[3]), _iso(row[4]))


def _iso(value: str) -> datetime:
    return datetime.fromisoformat(value)


class PostgresRemoteSettingsRows:
    """The methods for :class:`~kiosk.hub.store_pg.PostgresStore` (times as timestamptz)."""

    _run: Callable[..., Any]

    def scope_settings(self, scope: Scope, name: str) -> ScopeSettings | None:
        def read(conn: psycopg.Connection[Any], _: bool) -> ScopeSettings | None:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM remote_settings WHERE scope = %s AND name = %s",  # noqa: S608
                (scope, name),
            ).fetchone()
            return None if row is None else _pg_row(row)

        found: ScopeSettings | None = self._run(read)
        return found

    def list_scope_settings(self) -> list[ScopeSettings]:
        def read(conn: psycopg.Connection[Any], _: bool) -> list[ScopeSettings]:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM remote_settings ORDER BY scope, name"  # noqa: S608
            ).fetchall()
            return [_pg_row(row) for row in rows]

        rows: list[ScopeSettings] = self._run(read)
        return rows

    def change_scope_settings(
        self,
        scope: Scope,
        name: str,
        set_values: Mapping[str, Any],
        unset: Collection[str],
        now: datetime,
    ) -> ScopeSettings:
        # Retried after a connection break: a retry of a change that committed finds the
        # values already there and changes nothing (the version is not counted twice).
        def change(conn: psycopg.Connection[Any], _: bool) -> ScopeSettings:
            with conn.transaction():
                conn.execute(
                    "INSERT INTO remote_settings (scope, name, settings, version, updated_at)"
                    " VALUES (%s, %s, '{}', 0, %s) ON CONFLICT (scope, name) DO NOTHING",
                    (scope, name, now),
                )
                row = conn.execute(
                    f"SELECT {_COLUMNS} FROM remote_settings"  # noqa: S608
                    " WHERE scope = %s AND name = %s FOR UPDATE",
                    (scope, name),
                ).fetchone()
                assert row is not None  # inserted above, or there already
                before = _pg_row(row)
                after = changed(before.values, set_values, unset)
                if after == before.values and before.version > 0:
                    return before
                conn.execute(
                    "UPDATE remote_settings SET settings = %s, version = %s, updated_at = %s"
                    " WHERE scope = %s AND name = %s",
                    (_text(after), before.version + 1, now, scope, name),
                )
            return ScopeSettings(scope, name, after, before.version + 1, now)

        result: ScopeSettings = self._run(change)
        return result


def _pg_row(row: tuple[Any, ...]) -> ScopeSettings:
    return ScopeSettings(row[0], row[1], json.loads(row[2]), int(row[3]), row[4].astimezone(UTC))


__all__ = [
    "SCOPES",
    "PostgresRemoteSettingsRows",
    "ScopeSettings",
    "SqliteRemoteSettingsRows",
    "changed",
    "migration_4",
]
