"""Hubs sharing one PostgreSQL journal and count each session's end exactly once (issue 16).

The finished-sessions metric is counted where the end is journaled, so these tests count the
tracker's ``on_final`` calls and read the row: whichever paths see the final status (the
polling hub's read, another hub's read woken by a callback, a lease round reading the live
sessions just before the end was written), one end is written and one is counted.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import secrets
import threading
import uuid
from typing import Any

import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (the hub extra)")

from kiosk.core.models import SessionStatus
from kiosk.hub.database import open_store
from kiosk.hub.fleet import FleetSessions
from kiosk.hub.kiosks import enrol
from kiosk.hub.store import HubStore, SessionRecord, utc_now
from kiosk.hub.tracker import TrackerSettings

FAST = TrackerSettings(poll_interval=0.02, fresh_seconds=0.01, hint_gap=0.0)


class Switch:
    """An upstream whose every session is IN_PROGRESS until ``done`` is set, then DONE."""

    def __init__(self) -> None:
        self.done = False
        self.reads = 0

    async def status(self, token: str, session_id: str) -> tuple[SessionStatus, dict[str, Any]]:
        self.reads += 1
        body: dict[str, Any] = {"sessionId": session_id, "scopes": ["liveness"]}
        if self.done:
            body.update(status="DONE", nextStep=None, result={"liveness": {"score": 0.97}})
        else:
            body.update(status="IN_PROGRESS", nextStep="LIVENESS")
        return SessionStatus.from_wire(body), body


def live_session(store: HubStore) -> SessionRecord:
    kiosk, _ = enrol(store, "Lobby tablet", "branch-7")
    now = utc_now()
    record = SessionRecord(
        session_id=str(uuid.uuid4()),
        hub_token=secrets.token_urlsafe(24),
        upstream_token=secrets.token_urlsafe(24),
        callback_path=secrets.token_urlsafe(32),
        kiosk_id=kiosk.id,
        site=kiosk.site,
        reference=None,
        scopes=("liveness",),
        status="IN_PROGRESS",
        created_at=now,
        updated_at=now,
    )
    store.add_session(record)
    return record


async def until(condition: Any, seconds: float = 10.0) -> bool:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


def test_a_live_sessions_read_from_before_the_end_does_not_end_it_again(
    postgres_url: str,
) -> None:
    # The lease round reads the live sessions every round; a read that began before this hub
    # wrote the end returns the session as live. It used to start a second tracker, which read
    # it final and journaled (and counted) the end again: the flaky metrics test.
    store = open_store(postgres_url)
    record = live_session(store)
    snapshot = store.live_sessions()
    store.live_sessions = lambda: list(snapshot)  # type: ignore[method-assign]
    upstream = Switch()
    upstream.done = True
    ended: list[SessionRecord] = []

    async def run() -> None:
        sessions = FleetSessions(store, upstream, FAST, lease_seconds=0.02)  # type: ignore[arg-type]
        sessions.on_final = ended.append
        await sessions.resume()
        try:
            assert await until(lambda: ended)
            await asyncio.sleep(0.5)  # many lease rounds, each reading the stale snapshot
        finally:
            await sessions.close()

    try:
        asyncio.run(run())
        row = store.get_session(record.session_id)
    finally:
        store.close()
    assert len(ended) == 1
    assert row is not None and row.ended_at is not None and row.outcome == ended[0].outcome
    assert upstream.reads == 1


@pytest.mark.parametrize("run_index", range(3))
def test_two_hubs_seeing_the_end_at_once_journal_and_count_it_once(
    postgres_url: str, run_index: int
) -> None:
    # The polling hub reads the end; at the same moment a callback at the other hub makes it
    # read the end too. Only the lock's holder writes it; the other leaves it to the holder.
    first, second = open_store(postgres_url), open_store(postgres_url)
    record = live_session(first)
    upstream = Switch()
    ended: list[SessionRecord] = []

    async def run() -> None:
        hubs = [
            FleetSessions(store, upstream, FAST, lease_seconds=0.02)  # type: ignore[arg-type]
            for store in (first, second)
        ]
        for hub in hubs:
            hub.on_final = ended.append
            await hub.resume()
        try:
            assert await until(lambda: any(record.session_id in h.held for h in hubs))
            assert await until(lambda: all(record.session_id in h._live for h in hubs))
            other = hubs[1] if record.session_id in hubs[0].held else hubs[0]
            assert record.session_id not in other.held
            upstream.done = True
            assert other.hint(record)  # a callback reaching the hub that does not poll
            assert await until(lambda: ended)
            await asyncio.sleep(0.3)  # the notification, the re-reads, more lease rounds
            assert not any(record.session_id in h._live for h in hubs)
        finally:
            for hub in hubs:
                await hub.close()

    try:
        asyncio.run(run())
        row = first.get_session(record.session_id)
    finally:
        first.close()
        second.close()
    assert len(ended) == 1
    assert row is not None and row.status == "DONE" and row.outcome == ended[0].outcome


class Rendezvous:
    """Makes the first two row checks of an end wait for each other (each in its own thread),
    so both hubs have seen the row live before either writes its end."""

    def __init__(self, store: HubStore) -> None:
        self.armed = False
        self._barrier = threading.Barrier(2, timeout=5.0)
        self._calls = 0
        self._read = store.get_session

    def get_session(self, session_id: str) -> SessionRecord | None:
        row = self._read(session_id)
        if self.armed and self._calls < 2:
            self._calls += 1
            self._barrier.wait()
        return row


def test_two_hubs_both_believing_they_hold_the_lock_count_the_end_once(
    postgres_url: str,
) -> None:
    # The lock can be lost in the middle of an end: the holder's lease connection dies after
    # PostgreSQL confirmed the lock, another hub takes the lock over and reads the end too.
    # Both then write the end; the store's conditional write lets exactly one of them count.
    first, second = open_store(postgres_url), open_store(postgres_url)
    record = live_session(first)
    upstream = Switch()
    ended: list[SessionRecord] = []
    meeting = Rendezvous(first)

    async def run() -> None:
        hubs = [
            FleetSessions(store, upstream, FAST, lease_seconds=0.02)  # type: ignore[arg-type]
            for store in (first, second)
        ]
        for hub, store in zip(hubs, (first, second), strict=True):
            hub.on_final = ended.append
            store.get_session = meeting.get_session  # type: ignore[method-assign]
            await hub.resume()
        try:
            assert await until(lambda: all(record.session_id in h._live for h in hubs))
            for hub in hubs:  # each believes it holds the lock (as the one losing it did)
                assert hub._leases is not None
                hub._leases.hold = lambda _session_id: True  # type: ignore[method-assign]
            trackers = [hub._live[record.session_id] for hub in hubs]
            upstream.done = True
            meeting.armed = True
            await asyncio.gather(*(h.refresh(t) for h, t in zip(hubs, trackers, strict=True)))
            await asyncio.sleep(0.3)  # the notification, the re-reads, more lease rounds
            assert all(t.record.ended_at is not None for t in trackers)
            assert trackers[0].record == trackers[1].record  # the loser adopted the stored end
        finally:
            for hub in hubs:
                await hub.close()

    try:
        asyncio.run(run())
        row = first.get_session(record.session_id)
    finally:
        first.close()
        second.close()
    assert meeting._calls == 2  # both hubs did reach their end write
    assert len(ended) == 1
    assert row is not None and row.status == "DONE" and row == ended[0]


def test_an_end_whose_commit_reply_is_lost_still_counts_once(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The connection breaks just after PostgreSQL committed the end, before its reply arrived:
    # the store tries again, finds the row ended, and must recognise the end as its own (a
    # False here would leave the end counted by nobody).
    import psycopg  # (after the importorskip above)

    store = open_store(postgres_url)
    record = live_session(store)
    commit = psycopg.Connection.transaction
    broken: list[bool] = []

    @contextlib.contextmanager
    def reply_lost(self: psycopg.Connection[Any], *args: Any, **kwargs: Any) -> Any:
        with commit(self, *args, **kwargs) as transaction:
            yield transaction
        if not broken:
            broken.append(True)
            self.close()
            raise psycopg.OperationalError("server closed the connection unexpectedly")

    end = dataclasses.replace(
        record, status="DONE", outcome="PASS", updated_at=utc_now(), ended_at=utc_now()
    )
    try:
        monkeypatch.setattr(psycopg.Connection, "transaction", reply_lost)
        assert store.update_session(end) is True
        monkeypatch.undo()
        assert broken  # the reply was lost once, and the end written by that first attempt
        assert store.update_session(dataclasses.replace(end, outcome="FAIL")) is False
        assert store.get_session(record.session_id) == end
    finally:
        store.close()
