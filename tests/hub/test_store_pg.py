"""What the PostgreSQL store adds to the contract: it survives PostgreSQL restarting under it
without losing a committed row, hubs starting at once migrate once, its pool is bounded, an
unreachable or misconfigured database is reported without the password, and its schema is the
SQLite store's. (LISTEN/NOTIFY between hubs: test_pg_listen.py.)"""

from __future__ import annotations

import dataclasses
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (the hub extra)")

from kiosk.core.redact import redact  # noqa: E402
from kiosk.hub.database import open_store  # noqa: E402
from kiosk.hub.store import SCHEMA_VERSION, StoreError, StoreUnavailable  # noqa: E402
from kiosk.hub.store_pg import PostgresStore  # noqa: E402
from tests.hub.postgres import Cluster, free_port  # noqa: E402
from tests.hub.test_store_contract import kiosk, session  # noqa: E402


@pytest.fixture
def pg_store(postgres_url: str) -> Iterator[PostgresStore]:
    store = PostgresStore(postgres_url, max_size=4)
    store.migrate()
    try:
        yield store
    finally:
        store.close()


def with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    user = parts.netloc.split(":", 1)[0]
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))


def test_a_restart_under_the_store_loses_no_row(
    pg_store: PostgresStore, pg_cluster: Cluster
) -> None:
    pg_store.add_kiosk(kiosk())
    pg_store.add_session(session(1))
    pg_cluster.restart()  # every pooled connection is cut
    pg_store.add_session(session(2))  # the first operation after it succeeds
    assert pg_store.get_kiosk("k-1") == kiosk()
    assert [s.session_id for s in pg_store.live_sessions()] == [
        session(1).session_id,
        session(2).session_id,
    ]


def test_writes_during_a_restart_all_land(pg_store: PostgresStore, pg_cluster: Cluster) -> None:
    acknowledged: list[tuple[float, str]] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def write() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            try:
                pg_store.add_session(session(number))
            except BaseException as error:  # reported below, not lost in the thread
                failures.append(error)
                return
            acknowledged.append((time.monotonic(), session(number).session_id))

    writer = threading.Thread(target=write)
    writer.start()
    try:
        deadline = time.monotonic() + 10
        while len(acknowledged) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        restart_began = time.monotonic()
        pg_cluster.restart()
        restart_ended = time.monotonic()
        while not [t for t, _ in acknowledged if t > restart_ended] and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        writer.join(timeout=30)
    assert failures == []
    assert any(t < restart_began for t, _ in acknowledged)
    assert any(t > restart_ended for t, _ in acknowledged)
    stored = {s.session_id for s in pg_store.list_sessions(limit=100_000)}
    assert {session_id for _, session_id in acknowledged} <= stored


def test_hubs_starting_at_once_migrate_once(postgres_url: str) -> None:
    stores = [PostgresStore(postgres_url) for _ in range(6)]
    start = threading.Barrier(len(stores))
    results: list[int | BaseException] = []

    def migrate(store: PostgresStore) -> None:
        start.wait()
        try:
            results.append(store.migrate())
        except BaseException as error:
            results.append(error)

    threads = [threading.Thread(target=migrate, args=(store,)) for store in stores]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert results == [SCHEMA_VERSION] * len(stores)
        assert stores[0].schema_version() == SCHEMA_VERSION
        with psycopg.connect(postgres_url) as conn:
            assert conn.execute("SELECT count(*) FROM schema_version").fetchone() == (1,)
    finally:
        for store in stores:
            store.close()


def test_a_database_from_a_newer_program_is_refused(pg_store: PostgresStore) -> None:
    with psycopg.connect(pg_store._url, autocommit=True) as conn:
        conn.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer than this program"):
        pg_store.migrate()


def test_the_pool_is_bounded(postgres_url: str) -> None:
    store = PostgresStore(postgres_url, max_size=2)
    store.migrate()
    store.add_kiosk(kiosk())
    start = threading.Barrier(8)

    def read() -> None:
        start.wait()
        for _ in range(30):
            assert store.get_kiosk("k-1") == kiosk()

    threads = [threading.Thread(target=read) for _ in range(8)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        database = urlsplit(postgres_url).path.lstrip("/")
        with psycopg.connect(postgres_url) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE application_name = 'kiosk-hub' AND datname = %s",
                (database,),
            ).fetchone()
        assert row is not None and 1 <= row[0] <= 2
    finally:
        store.close()


def test_a_wrong_password_is_reported_without_it(postgres_url: str) -> None:
    wrong = "not-the-password-" + "x" * 12
    store = PostgresStore(with_password(postgres_url, wrong), timeout=1.0)
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable) as caught:
            store.ping()
        assert time.monotonic() - started < 10  # the timeout holds (plus one direct attempt)
        assert "password authentication failed" in str(caught.value)
        assert wrong not in str(caught.value) and wrong not in repr(caught.value)
        assert wrong not in redact(f"connecting with {wrong}")  # masked in the hub's logs
    finally:
        store.close()


def test_an_unreachable_server_is_unavailable_not_a_hang() -> None:
    store = PostgresStore(
        f"postgresql://kiosk_hub:pw-123456@127.0.0.1:{free_port()}/x", timeout=1.0
    )
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="cannot be reached"):
            store.ping()
        assert time.monotonic() - started < 10
    finally:
        store.close()


def test_an_invalid_url_is_refused_without_echoing_it() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://u:secret-pw@host/db?sslmode=bogus&nonsense_option=1")
    assert "secret-pw" not in str(caught.value)


def _sqlite_schema(path: Path) -> dict[str, object]:
    db = sqlite3.connect(path)
    try:
        schema: dict[str, object] = {}
        for table in ("kiosks", "sessions", "schema_version"):
            info = db.execute(f"PRAGMA table_info({table})").fetchall()
            schema[table] = [(row[1], bool(row[3]) or bool(row[5])) for row in info]
            schema[table + ".pk"] = [row[1] for row in info if row[5]]
            unique = set()
            for index in db.execute(f"PRAGMA index_list({table})").fetchall():
                columns = [r[2] for r in db.execute(f"PRAGMA index_info({index[1]})").fetchall()]
                if index[3] == "u":  # a UNIQUE constraint
                    unique.add(tuple(columns))
                elif index[3] == "c":  # CREATE INDEX
                    schema[f"index {index[1]}"] = columns
            schema[table + ".unique"] = unique
        return schema
    finally:
        db.close()


def _pg_schema(url: str) -> dict[str, object]:
    schema: dict[str, object] = {}
    with psycopg.connect(url) as conn:
        for table in ("kiosks", "sessions", "schema_version"):
            rows = conn.execute(
                "SELECT column_name, is_nullable = 'NO' FROM information_schema.columns"
                " WHERE table_name = %s ORDER BY ordinal_position",
                (table,),
            ).fetchall()
            schema[table] = [(name, not_null) for name, not_null in rows]
            constraints = conn.execute(
                "SELECT c.contype, array_agg(a.attname ORDER BY k.ordinality)"
                " FROM pg_constraint c"
                " CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ordinality)"
                " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum"
                " WHERE c.conrelid = %s::regclass GROUP BY c.oid, c.contype",
                (table,),
            ).fetchall()
            schema[table + ".pk"] = [
                col for kind, cols in constraints if kind == "p" for col in cols
            ]
            schema[table + ".unique"] = {tuple(cols) for kind, cols in constraints if kind == "u"}
            indexes = conn.execute(
                "SELECT i.relname, array_agg(a.attname ORDER BY k.ordinality)"
                " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                " CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ordinality)"
                " JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum"
                " WHERE x.indrelid = %s::regclass AND NOT x.indisunique GROUP BY i.relname",
                (table,),
            ).fetchall()
            for name, columns in indexes:
                schema[f"index {name}"] = list(columns)
    return schema


def test_the_schema_is_the_sqlite_stores(postgres_url: str, tmp_path: Path) -> None:
    open_store(f"sqlite:///{tmp_path / 'hub.sqlite3'}").close()
    open_store(postgres_url).close()
    sqlite_schema = _sqlite_schema(tmp_path / "hub.sqlite3")
    assert sqlite_schema["sessions.unique"] == {("hub_token",), ("callback_path",)}
    assert _pg_schema(postgres_url) == sqlite_schema


def test_stored_times_read_back_as_utc(pg_store: PostgresStore) -> None:
    pg_store.add_session(session(1))
    stored = pg_store.get_session(session(1).session_id)
    assert stored is not None
    assert stored.created_at.tzinfo is UTC and stored.updated_at.tzinfo is UTC
    assert dataclasses.asdict(stored) == dataclasses.asdict(session(1))


def test_a_refused_row_is_reported_without_its_values(pg_store: PostgresStore) -> None:
    # PostgreSQL's message for this quotes the whole row ("Failing row contains (...)").
    broken = dataclasses.replace(session(1), site=None)  # type: ignore[arg-type]
    with pytest.raises(StoreError) as caught:
        pg_store.add_session(broken)
    assert "NotNullViolation" in str(caught.value)
    for secret in ("hub-token-1", "upstream-token-1", "callback-1"):
        assert secret not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert pg_store.get_session(session(1).session_id) is None


def test_after_a_longer_outage_the_store_is_back_soon_after_the_server(
    pg_store: PostgresStore, pg_cluster: Cluster
) -> None:
    # psycopg_pool's own retry delay doubles (1, 2, 4, 8 s): left alone it would next try about
    # 6 s after this 9 s outage ends. The store's short reconnect_timeout bounds that.
    pg_store.add_kiosk(kiosk())
    pg_store.timeout = 1.0
    pg_cluster.stop("immediate")  # as a crash: committed rows survive it
    outage_ends = time.monotonic() + 9
    try:
        while time.monotonic() < outage_ends:
            with pytest.raises(StoreUnavailable):
                pg_store.ping()
    finally:
        pg_cluster.start()
    back = time.monotonic()
    pg_store.timeout = 10.0
    assert pg_store.get_kiosk("k-1") == kiosk()
    assert time.monotonic() - back < 4


def test_a_refusal_is_not_retried_until_the_timeout(pg_store: PostgresStore) -> None:
    # An OperationalError that is not a lost connection: the value is too large for its index.
    huge = secrets.token_urlsafe(9000)
    started = time.monotonic()
    with pytest.raises(StoreError) as caught:
        pg_store.add_session(dataclasses.replace(session(1), hub_token=huge))
    assert time.monotonic() - started < pg_store.timeout / 2
    assert "ProgramLimitExceeded" in str(caught.value) and huge not in str(caught.value)
    assert not isinstance(caught.value, StoreUnavailable)
