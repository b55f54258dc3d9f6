"""The store contract for schema version 2 (heartbeats, admin accounts), run against SQLite and
PostgreSQL like ``test_store_contract.py``: the dashboard reads what the heartbeat route and
``kiosk hub admin`` wrote, whichever hub or process wrote it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.hub.database import open_store
from kiosk.hub.fleet_records import AdminRecord, DuplicateAdmin, Heartbeat
from kiosk.hub.store import SCHEMA_VERSION, HubStore

T0 = datetime(2026, 11, 26, 9, 0, 0, tzinfo=UTC)


def test_the_schema_has_version_3(store: HubStore) -> None:
    assert SCHEMA_VERSION >= 3  # 4 adds remote_settings (remote_settings_rows.py)
    assert store.schema_version() == SCHEMA_VERSION


def test_a_heartbeat_replaces_the_kiosks_previous_one(store: HubStore) -> None:
    store.record_heartbeat(Heartbeat("k-2", T0, "1.0", "idle"))
    store.record_heartbeat(Heartbeat("k-1", T0, "1.0", "idle"))
    later = Heartbeat("k-1", T0 + timedelta(seconds=30), "1.1", "error", "camera lost")
    store.record_heartbeat(later)
    assert store.heartbeats() == [later, Heartbeat("k-2", T0, "1.0", "idle")]


def test_heartbeats_survive_reopening(store: HubStore, database_url: str) -> None:
    store.record_heartbeat(Heartbeat("k-1", T0, "1.0", "in_session"))
    again = open_store(database_url)
    try:
        assert again.heartbeats() == [Heartbeat("k-1", T0, "1.0", "in_session")]
    finally:
        again.close()


def test_admin_accounts_are_added_listed_and_removed(store: HubStore) -> None:
    alice = AdminRecord("alice", "scrypt$a$b", T0)
    bob = AdminRecord("bob", "scrypt$c$d", T0 + timedelta(seconds=1))
    store.add_admin(bob)
    store.add_admin(alice)
    assert store.list_admins() == [alice, bob]
    assert store.get_admin("alice") == alice
    assert store.get_admin("carol") is None
    with pytest.raises(DuplicateAdmin):
        store.add_admin(AdminRecord("alice", "scrypt$x$y", T0))
    assert store.get_admin("alice") == alice  # the duplicate changed nothing
    assert store.remove_admin("alice") is True
    assert store.remove_admin("alice") is False
    assert store.list_admins() == [bob]


def test_a_version_1_database_is_upgraded_with_its_rows(tmp_path: object) -> None:
    import sqlite3
    from pathlib import Path

    from kiosk.hub.store_sqlite import MIGRATIONS

    path = Path(str(tmp_path)) / "hub.sqlite3"
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version (version) VALUES (1)")
    db.execute(
        "INSERT INTO kiosks (id, name, site, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        ("k-1", "Lobby", "branch-7", "scrypt$a$b", T0.isoformat()),
    )
    db.commit()
    db.close()
    store = open_store(f"sqlite:///{path}")
    try:
        assert store.schema_version() == SCHEMA_VERSION
        assert [k.id for k in store.list_kiosks()] == ["k-1"]
        store.record_heartbeat(Heartbeat("k-1", T0, "1.0", "idle"))
        assert len(store.heartbeats()) == 1
    finally:
        store.close()


def test_dashboard_logins_are_kept_until_logout_or_the_admins_removal(store: HubStore) -> None:
    store.add_admin(AdminRecord("alice", "scrypt$a$b", T0))
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    store.add_admin_session("hash-1", "alice", later)
    store.add_admin_session("hash-2", "alice", later)
    assert store.admin_session("hash-1") == ("alice", later)
    store.remove_admin_session("hash-1")
    assert store.admin_session("hash-1") is None
    assert store.admin_session("hash-2") == ("alice", later)
    store.remove_admin("alice")
    assert store.admin_session("hash-2") is None


def test_expired_logins_are_deleted_when_another_is_added(store: HubStore) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    store.add_admin_session("old", "alice", now - timedelta(hours=1))
    store.add_admin_session("new", "alice", now + timedelta(hours=1))
    assert store.admin_session("old") is None
