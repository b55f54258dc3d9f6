"""Hubs sharing one PostgreSQL database learn of each other's status changes (LISTEN/NOTIFY):
what several hub instances (issue 16) build on."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (the hub extra)")

from kiosk.hub.pg_listen import StatusChanges, StatusListener
from kiosk.hub.store import UnknownSession
from kiosk.hub.store_pg import PostgresStore
from tests.hub.postgres import Cluster
from tests.hub.test_store_contract import session


@pytest.fixture
def hubs(postgres_url: str) -> Iterator[tuple[PostgresStore, PostgresStore]]:
    """Two hubs' stores on the same database."""
    first, second = PostgresStore(postgres_url), PostgresStore(postgres_url)
    first.migrate()
    try:
        yield first, second
    finally:
        first.close()
        second.close()


def wait_for(listener: StatusListener, seconds: float = 10.0) -> StatusChanges:
    """The first non-empty answer of ``listener`` within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        changes = listener.wait(0.5)
        if changes.session_ids or changes.missed:
            return changes
    return StatusChanges()


def test_a_status_change_by_one_hub_reaches_the_other(
    hubs: tuple[PostgresStore, PostgresStore],
) -> None:
    first, second = hubs
    first.add_session(session(1))
    with second.listen_status() as listener:
        first.update_session(dataclasses.replace(session(1), status="STARTED"))
        assert wait_for(listener) == StatusChanges((session(1).session_id,))
        seen = second.get_session(session(1).session_id)
        assert seen is not None and seen.status == "STARTED"


def test_changes_arriving_together_come_at_once_each_session_once(
    hubs: tuple[PostgresStore, PostgresStore],
) -> None:
    first, second = hubs
    for number in (1, 2):
        first.add_session(session(number))
    with second.listen_status() as listener:
        first.update_session(dataclasses.replace(session(1), status="STARTED"))
        first.update_session(dataclasses.replace(session(2), status="STARTED"))
        first.update_session(dataclasses.replace(session(1), status="DONE"))
        first.notify_status(session(2).session_id)
        received: list[str] = []
        deadline = time.monotonic() + 10
        while len(set(received)) < 2 and time.monotonic() < deadline:
            received += listener.wait(0.5).session_ids
    assert sorted(set(received)) == [session(1).session_id, session(2).session_id]


def test_a_failed_update_notifies_nobody(hubs: tuple[PostgresStore, PostgresStore]) -> None:
    first, second = hubs
    first.add_session(session(1))
    with second.listen_status() as listener:
        with pytest.raises(UnknownSession):
            first.update_session(session(2))
        first.notify_status("marker")  # sent after the failed update, so received after it
        assert wait_for(listener) == StatusChanges(("marker",))


def test_after_a_restart_the_listener_says_it_may_have_missed_changes(
    hubs: tuple[PostgresStore, PostgresStore], pg_cluster: Cluster
) -> None:
    first, second = hubs
    first.add_session(session(1))
    with second.listen_status() as listener:
        pg_cluster.restart()
        assert wait_for(listener) == StatusChanges(missed=True)
        assert listener.connected
        first.update_session(dataclasses.replace(session(1), status="STARTED"))
        assert wait_for(listener) == StatusChanges((session(1).session_id,))
