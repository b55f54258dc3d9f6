"""Nothing lost: a session that ends while the hub is down is journaled at the next start, and
PostgreSQL restarting under a stream of creations loses no session."""

from __future__ import annotations

import threading
import time

import pytest

from kiosk.core.errors import ApiError
from kiosk.hub.server import HubServer
from kiosk.sandbox.session import Transition
from tests.hub.conftest import Hub, hub_config


def wait_for_end(hub: Hub, session_id: str) -> str | None:
    for _ in range(200):
        record = hub.store.get_session(session_id)
        if record is not None and record.ended_at is not None:
            return record.outcome
        time.sleep(0.05)  # the hub's poller works in its own thread
    return None


def test_a_session_that_ends_while_the_hub_is_down_is_journaled_at_the_next_start(
    hub: Hub, upstream_key: str
) -> None:
    with hub.client() as api:
        created = api.create_session(["liveness"])
    hub.server.stop()
    record = hub.store.get_session(created.session_id)
    assert record is not None and record.ended_at is None
    # The person cancels on the phone while the hub is down ...
    hub.upstream.app.state.store.act(record.upstream_token, Transition.CANCEL)
    # ... and a new hub, started on the same journal, finds out by itself.
    with HubServer(hub_config(hub.upstream, upstream_key), hub.store, graceful_seconds=1):
        assert wait_for_end(hub, created.session_id) == "FAIL"
    ended = hub.store.get_session(created.session_id)
    assert ended is not None and ended.status == "CANCELED"


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_postgresql_restarting_under_load_loses_no_session(
    hub: Hub, request: pytest.FixtureRequest
) -> None:
    cluster = request.getfixturevalue("pg_cluster")
    created: list[str] = []
    failures: list[str] = []
    stop = threading.Event()

    def create_until_stopped() -> None:
        with hub.client() as api:
            while not stop.is_set():
                try:
                    created.append(api.create_session(["liveness"]).session_id)
                except ApiError as exc:  # a kiosk retries these; the test only counts them
                    failures.append(type(exc).__name__)

    workers = [threading.Thread(target=create_until_stopped) for _ in range(2)]
    for worker in workers:
        worker.start()
    try:
        while len(created) < 5:
            time.sleep(0.01)  # let the creations get going
        cluster.restart()
        mark = len(created)
        while len(created) < mark + 5:
            time.sleep(0.01)  # and carry on after the restart
    finally:
        stop.set()
        for worker in workers:
            worker.join(30)
    journal = {r.session_id for r in hub.store.list_sessions(limit=10_000)}
    assert set(created) <= journal  # every session a kiosk got is journaled
    # Every session created upstream is journaled, even one whose kiosk got an error.
    assert len(hub.upstream.app.state.store) == len(journal)
