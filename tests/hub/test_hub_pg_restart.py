"""A hub on PostgreSQL keeps serving its kiosks while PostgreSQL restarts: every session a kiosk
was told was created is in the journal afterwards, and no kiosk saw an error."""

from __future__ import annotations

import threading
import time

import pytest

from kiosk.core.errors import ApiError
from tests.hub.conftest import Hub
from tests.hub.postgres import Cluster


@pytest.mark.parametrize("backend", ["postgres"])
def test_sessions_created_while_postgres_restarts_are_all_journaled(
    hub: Hub, pg_cluster: Cluster
) -> None:
    created: list[tuple[float, str, str]] = []  # (when, session id, token)
    errors: list[ApiError] = []
    stop = threading.Event()

    def kiosk() -> None:
        with hub.client() as client:
            while not stop.is_set() and len(created) < 200:
                try:
                    session = client.create_session(["liveness"], metadata={"reference": "r"})
                except ApiError as error:
                    errors.append(error)
                    continue
                created.append((time.monotonic(), session.session_id, session.token))

    thread = threading.Thread(target=kiosk)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while len(created) < 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        pg_cluster.restart()
        restarted = time.monotonic()
        while sum(t > restarted for t, _, _ in created) < 5 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert errors == []
    assert sum(t > restarted for t, _, _ in created) >= 5
    journal = {row.session_id for row in hub.store.list_sessions(limit=1000)}
    assert {session_id for _, session_id, _ in created} <= journal
    # The sessions created before the restart are still readable through the hub.
    with hub.client() as client:
        assert client.get_status(created[0][2]).raw_status == "CREATED"
