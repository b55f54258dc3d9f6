"""The hub store's contract, run against every backend (SQLite and PostgreSQL): what the hub
relies on when it enrols kiosks, journals sessions and resumes watching them after a restart."""

from __future__ import annotations

import dataclasses
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.hub.database import open_store
from kiosk.hub.store import (
    SCHEMA_VERSION,
    DuplicateKiosk,
    HubStore,
    KioskRecord,
    SessionRecord,
    UnknownKiosk,
    UnknownSession,
)

T0 = datetime(2026, 11, 26, 9, 0, 0, tzinfo=UTC)


def kiosk(kiosk_id: str = "k-1", **changes: object) -> KioskRecord:
    record = KioskRecord(
        id=kiosk_id,
        name="Lobby tablet",
        site="branch-7",
        secret_hash="scrypt$salt$hash",
        created_at=T0,
    )
    return dataclasses.replace(record, **changes)  # type: ignore[arg-type]


def session(number: int = 1, **changes: object) -> SessionRecord:
    record = SessionRecord(
        session_id=f"00000000-0000-0000-0000-{number:012d}",
        hub_token=f"hub-token-{number}",
        upstream_token=f"upstream-token-{number}",
        callback_path=f"callback-{number}",
        kiosk_id="k-1",
        site="branch-7",
        reference=f"ref-{number}",
        scopes=("liveness", "deepfake"),
        status="CREATED",
        created_at=T0 + timedelta(seconds=number),
        updated_at=T0 + timedelta(seconds=number),
    )
    return dataclasses.replace(record, **changes)  # type: ignore[arg-type]


def test_a_store_is_a_hub_store(store: HubStore) -> None:
    assert isinstance(store, HubStore)
    assert store.schema_version() == SCHEMA_VERSION
    store.ping()


def test_migrating_again_keeps_the_rows(store: HubStore, database_url: str) -> None:
    store.add_kiosk(kiosk())
    store.add_session(session())
    again = open_store(database_url)
    try:
        assert again.migrate() == SCHEMA_VERSION
        assert again.get_kiosk("k-1") == kiosk()
        assert again.get_session(session().session_id) == session()
    finally:
        again.close()


def test_kiosks_round_trip_with_their_policy(store: HubStore) -> None:
    plain = kiosk("k-1")
    limited = kiosk(
        "k-2",
        site="",
        allowed_scopes=("liveness",),
        max_ttl_sec=600,
        rate_per_minute=30,
        created_at=T0 + timedelta(seconds=1),
    )
    store.add_kiosk(limited)
    store.add_kiosk(plain)
    assert store.get_kiosk("k-2") == limited
    assert store.get_kiosk("k-1") == plain
    assert store.get_kiosk("nobody") is None
    assert [k.id for k in store.list_kiosks()] == ["k-1", "k-2"]


def test_an_empty_scope_list_is_not_no_restriction(store: HubStore) -> None:
    store.add_kiosk(kiosk(allowed_scopes=()))
    stored = store.get_kiosk("k-1")
    assert stored is not None and stored.allowed_scopes == ()


def test_a_kiosk_id_is_enrolled_once(store: HubStore) -> None:
    store.add_kiosk(kiosk())
    with pytest.raises(DuplicateKiosk):
        store.add_kiosk(kiosk(name="another"))
    assert store.get_kiosk("k-1") == kiosk()


def test_update_kiosk_revokes_rotates_and_sets_policy(store: HubStore) -> None:
    store.add_kiosk(kiosk())
    changed = kiosk(
        secret_hash="scrypt$new$hash",
        revoked_at=T0 + timedelta(hours=1),
        allowed_scopes=("liveness", "search"),
        max_ttl_sec=300,
        rate_per_minute=5,
        name="renamed",
        site="branch-8",
    )
    store.update_kiosk(changed)
    stored = store.get_kiosk("k-1")
    assert stored == changed and stored.revoked
    store.update_kiosk(dataclasses.replace(changed, revoked_at=None, allowed_scopes=None))
    stored = store.get_kiosk("k-1")
    assert stored is not None and not stored.revoked and stored.allowed_scopes is None


def test_updating_an_unknown_kiosk_fails(store: HubStore) -> None:
    with pytest.raises(UnknownKiosk):
        store.update_kiosk(kiosk("ghost"))


def test_sessions_are_found_by_id_token_and_callback_path(store: HubStore) -> None:
    first, second = session(1), session(2, reference=None, kiosk_id="k-2")
    store.add_session(first)
    store.add_session(second)
    assert store.get_session(first.session_id) == first
    assert store.find_by_hub_token("hub-token-2") == second
    assert store.find_by_callback_path("callback-1") == first
    assert store.find_by_hub_token("upstream-token-1") is None
    assert store.find_by_callback_path("hub-token-1") is None
    assert store.get_session("00000000-0000-0000-0000-999999999999") is None


def test_a_final_session_keeps_outcome_scores_and_reasons(store: HubStore) -> None:
    store.add_session(session())
    ended = session(
        status="DONE",
        outcome="FAIL",
        scores={"liveness": 0.12, "deepfake": 0.9},
        reasons=("liveness",),
        expires_at=T0 + timedelta(days=1),
        updated_at=T0 + timedelta(minutes=2),
        ended_at=T0 + timedelta(minutes=2),
    )
    assert store.update_session(ended) is True
    stored = store.get_session(ended.session_id)
    assert stored == ended and stored.is_final
    # The token mapping and the journal's identity do not change with an update.
    assert stored.hub_token == "hub-token-1" and stored.kiosk_id == "k-1"


def test_updating_an_unknown_session_fails(store: HubStore) -> None:
    with pytest.raises(UnknownSession):
        store.update_session(session(5))


def test_a_live_sessions_changes_are_written_each_time(store: HubStore) -> None:
    store.add_session(session())
    started = session(status="STARTED", updated_at=T0 + timedelta(seconds=5))
    assert store.update_session(started) is True
    assert store.update_session(started) is True  # the same change again (a retry) is harmless
    assert store.get_session(started.session_id) == started


def ending(number: int, outcome: str, minute: int) -> SessionRecord:
    at = T0 + timedelta(minutes=minute)
    return session(number, status="DONE", outcome=outcome, updated_at=at, ended_at=at)


def test_an_end_after_an_end_is_refused_and_the_first_end_stands(store: HubStore) -> None:
    # Exactly one write ends a session (the hub counts the end only on True); a later end,
    # or a late status from before the end, changes nothing, so the row is not live again.
    store.add_session(session())
    first = ending(1, "PASS", 2)
    assert store.update_session(first) is True
    assert store.update_session(ending(1, "FAIL", 3)) is False
    assert store.update_session(session(status="STARTED", updated_at=T0)) is False
    assert store.get_session(first.session_id) == first
    assert store.live_sessions() == []


def test_of_two_concurrent_end_writes_exactly_one_ends_the_session(
    store: HubStore, database_url: str
) -> None:
    # Two hubs (two connections) write the same session's end at the same moment.
    other = open_store(database_url)
    numbers = range(1, 9)
    for number in numbers:
        store.add_session(session(number))
    try:
        for number in numbers:
            writes = [(store, ending(number, "PASS", 2)), (other, ending(number, "FAIL", 3))]
            start = threading.Barrier(2)

            def write(
                pair: tuple[HubStore, SessionRecord], start: threading.Barrier = start
            ) -> bool:
                start.wait(timeout=10)
                return pair[0].update_session(pair[1])

            with ThreadPoolExecutor(2) as pool:
                results = list(pool.map(write, writes))
            assert sorted(results) == [False, True]
            winner = writes[results.index(True)][1]
            assert store.get_session(winner.session_id) == winner
    finally:
        other.close()


def test_live_sessions_are_the_unfinished_ones_oldest_first(store: HubStore) -> None:
    for number in (3, 1, 2):
        store.add_session(session(number))
    store.update_session(session(2, status="EXPIRED", outcome="EXPIRED", ended_at=T0))
    assert [s.session_id[-1] for s in store.live_sessions()] == ["1", "3"]


def test_the_journal_lists_newest_first_by_kiosk_and_site(store: HubStore) -> None:
    store.add_session(session(1))
    store.add_session(session(2, kiosk_id="k-2", site="branch-8"))
    store.add_session(session(3))
    assert [s.session_id[-1] for s in store.list_sessions()] == ["3", "2", "1"]
    assert [s.session_id[-1] for s in store.list_sessions(kiosk_id="k-1")] == ["3", "1"]
    assert [s.session_id[-1] for s in store.list_sessions(site="branch-8")] == ["2"]
    assert [s.session_id[-1] for s in store.list_sessions(limit=1)] == ["3"]
    assert store.list_sessions(kiosk_id="k-1", site="branch-8") == []


def test_hostile_text_is_stored_as_text(store: HubStore) -> None:
    # No NUL: PostgreSQL text cannot hold one, and the hub strips control characters first.
    odd = "x'); DROP TABLE sessions; --\u202e"
    store.add_kiosk(kiosk(name=odd, site=odd))
    store.add_session(session(reference=odd))
    assert store.get_kiosk("k-1") == kiosk(name=odd, site=odd)
    assert store.get_session(session().session_id) == session(reference=odd)


# --- remote settings (schema version 4) ---


def test_remote_settings_are_versioned_per_site_and_kiosk(store: HubStore) -> None:
    assert store.scope_settings("site", "branch-7") is None
    assert store.list_scope_settings() == []
    first = store.change_scope_settings("site", "branch-7", {"result_seconds": 30.0}, (), T0)
    assert (first.values, first.version, first.updated_at) == ({"result_seconds": 30.0}, 1, T0)
    later = T0 + timedelta(minutes=1)
    second = store.change_scope_settings(
        "site", "branch-7", {"scopes": ["liveness"], "metadata": {"a": {"b": [1, None]}}}, (), later
    )
    assert second.version == 2
    assert store.scope_settings("site", "branch-7") == second
    # The same values again change nothing, the version included.
    same = store.change_scope_settings("site", "branch-7", {"result_seconds": 30.0}, (), later)
    assert same == second
    removed = store.change_scope_settings("site", "branch-7", {}, {"scopes", "metadata"}, later)
    assert (removed.values, removed.version) == ({"result_seconds": 30.0}, 3)
    # A kiosk named like a site is another scope.
    mine = store.change_scope_settings("kiosk", "branch-7", {"theme": "high-contrast"}, (), T0)
    assert mine.version == 1
    assert [(r.scope, r.name, r.version) for r in store.list_scope_settings()] == [
        ("kiosk", "branch-7", 1),
        ("site", "branch-7", 3),
    ]
    # Every key unset: the row stays, so the version keeps counting up.
    empty = store.change_scope_settings("kiosk", "branch-7", {}, {"theme"}, T0)
    assert (empty.values, empty.version) == ({}, 2)
    again = store.change_scope_settings("kiosk", "branch-7", {"theme": "default"}, (), T0)
    assert again.version == 3


def test_concurrent_remote_setting_changes_all_land(store: HubStore) -> None:
    # Two `kiosk hub settings set` at once: each read-modify-write sees the other's result.
    import threading

    keys = [f"key{n}" for n in range(8)]
    errors: list[BaseException] = []

    def change(key: str) -> None:
        try:
            store.change_scope_settings("site", "s", {key: 1}, (), T0)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=change, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    row = store.scope_settings("site", "s")
    assert row is not None
    assert (sorted(row.values), row.version) == (keys, len(keys))


def test_remote_settings_survive_a_second_migration(store: HubStore, database_url: str) -> None:
    row = store.change_scope_settings("kiosk", "k-1", {"language": "fr"}, (), T0)
    again = open_store(database_url)
    try:
        assert again.migrate() == SCHEMA_VERSION
        assert again.scope_settings("kiosk", "k-1") == row
    finally:
        again.close()
