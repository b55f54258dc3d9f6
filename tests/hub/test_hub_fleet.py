"""Several hubs on one PostgreSQL database (issue 16): any hub serves any kiosk, one hub polls
each session upstream, and a killed hub's sessions end through another."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (the hub extra)")

from kiosk.hub.database import open_store
from kiosk.hub.fleet import FleetSessions
from kiosk.hub.kiosks import enrol
from kiosk.hub.server import HubServer
from kiosk.hub.store import HubStore
from kiosk.hub.store_pg import PostgresStore
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, make_config
from tests.hub.conftest import hub_config
from tests.hub.test_hub_events import PATH, events

# One sandbox step per this many seconds: a session lasts a few seconds (CREATED, IN_PROGRESS
# twice, DONE), long enough to kill a hub in the middle of it.
STEP = 0.8


@pytest.fixture
def slow_upstream(upstream_key: str) -> Iterator[SandboxServer]:
    with SandboxServer(make_config(app_key=upstream_key, step_seconds=STEP)) as server:
        yield server


@pytest.fixture
def stores(postgres_url: str) -> Iterator[tuple[HubStore, HubStore]]:
    """Two hubs' stores on one database (the first migrates it)."""
    first = open_store(postgres_url)
    second = open_store(postgres_url)
    try:
        yield first, second
    finally:
        first.close()
        second.close()


def start_hub(store: HubStore, upstream: SandboxServer, key: str) -> HubServer:
    return HubServer(hub_config(upstream, key), store, graceful_seconds=1).start()


def count_reads(server: HubServer, first_at: dict[str, float] | None = None) -> Counter[str]:
    """Count this hub's upstream status reads per session (the hub's own Upstream object);
    ``first_at`` gets the time of each session's first read."""
    reads: Counter[str] = Counter()
    upstream = server.app.state.upstream
    read = upstream.status

    async def counting(token: str, session_id: str) -> Any:
        reads[session_id] += 1
        if first_at is not None:
            first_at.setdefault(session_id, time.monotonic())
        return await read(token, session_id)

    upstream.status = counting
    return reads


def create(url: str, auth: dict[str, str], scenario: str = "pass") -> str:
    with httpx.Client(base_url=url, timeout=10) as http:
        response = http.post(
            PATH,
            headers=auth,
            json={
                "scopes": ["liveness", "deepfake"],
                "metadata": {"sandbox": {"scenario": scenario}},
            },
        )
        assert response.status_code in (200, 201), response.text
        return str(response.json()["token"])


def stream(
    url: str, auth: dict[str, str], token: str, on_status: Callable[[str], None] = lambda _: None
) -> list[str]:
    """Every status the event stream carries until it ends."""
    statuses = []
    with (
        httpx.Client(base_url=url, timeout=30) as http,
        http.stream("GET", f"{PATH}/{token}/events", headers=auth) as response,
    ):
        assert response.status_code == 200
        for kind, body in events(response):
            if kind == "status":
                statuses.append(body["status"])
                on_status(body["status"])
    return statuses


def wait_until(condition: Callable[[], bool], seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_a_session_created_at_one_hub_streams_from_the_other_to_its_end(
    stores: tuple[HubStore, HubStore], slow_upstream: SandboxServer, upstream_key: str
) -> None:
    kiosk, secret = enrol(stores[0], "Lobby tablet", "branch-7")
    auth = {"APP-ID": kiosk.id, "APP-KEY": secret}
    with (
        start_hub(stores[0], slow_upstream, upstream_key) as first,
        start_hub(stores[1], slow_upstream, upstream_key) as second,
    ):
        assert isinstance(first.app.state.sessions, FleetSessions)
        token = create(first.local_url, auth)
        statuses = stream(second.local_url, auth, token)
        assert statuses[0] == "CREATED" and "IN_PROGRESS" in statuses
        assert statuses[-1] == "DONE" and statuses.count("DONE") == 1
        # A status read at either hub answers the same final body.
        with httpx.Client(timeout=5) as http:
            bodies = [
                http.get(f"{hub.local_url}{PATH}/{token}", headers=auth).json()
                for hub in (first, second)
            ]
        assert bodies[0] == bodies[1] and bodies[0]["status"] == "DONE"
    (row,) = stores[0].list_sessions()
    assert row.status == "DONE" and row.outcome == "PASS" and row.ended_at is not None


def test_kiosks_streaming_from_either_hub_see_the_same_bodies(
    stores: tuple[HubStore, HubStore], slow_upstream: SandboxServer, upstream_key: str
) -> None:
    """Including a change of the body alone (the next step of an IN_PROGRESS session)."""
    kiosk, secret = enrol(stores[0], "Lobby tablet", "branch-7")
    auth = {"APP-ID": kiosk.id, "APP-KEY": secret}
    with (
        start_hub(stores[0], slow_upstream, upstream_key) as first,
        start_hub(stores[1], slow_upstream, upstream_key) as second,
    ):
        token = create(first.local_url, auth)
        seen: dict[str, list[Any]] = {}

        def watch(hub: HubServer) -> None:
            seen[hub.local_url] = bodies(hub.local_url, auth, token)

        threads = [threading.Thread(target=watch, args=(hub,)) for hub in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    at_first, at_second = seen[first.local_url], seen[second.local_url]
    assert [b["status"] for b in at_first].count("IN_PROGRESS") >= 2  # a body-only change
    assert at_second == at_first


def bodies(url: str, auth: dict[str, str], token: str) -> list[Any]:
    """Every status body the event stream carries until it ends."""
    seen = []
    with (
        httpx.Client(base_url=url, timeout=30) as http,
        http.stream("GET", f"{PATH}/{token}/events", headers=auth) as response,
    ):
        assert response.status_code == 200
        seen = [body for kind, body in events(response) if kind == "status"]
    return seen


def test_only_one_hub_polls_a_session_upstream(
    stores: tuple[HubStore, HubStore], slow_upstream: SandboxServer, upstream_key: str
) -> None:
    kiosk, secret = enrol(stores[0], "Lobby tablet", "branch-7")
    auth = {"APP-ID": kiosk.id, "APP-KEY": secret}
    with (
        start_hub(stores[0], slow_upstream, upstream_key) as first,
        start_hub(stores[1], slow_upstream, upstream_key) as second,
    ):
        reads = [count_reads(first), count_reads(second)]
        tokens = [create(hub.local_url, auth) for hub in (first, second, first, second)]
        assert len(tokens) == 4
        assert wait_until(lambda: all(r.ended_at for r in stores[0].list_sessions()), 20)
        sessions = {r.session_id for r in stores[0].list_sessions()}
        assert len(sessions) == 4
        for session_id in sessions:
            per_hub = [r[session_id] for r in reads]
            # Polled every 0.05 s for a few seconds by one hub; never read by the other.
            assert max(per_hub) >= 10 and min(per_hub) == 0, per_hub


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def hub_process(
    postgres_url: str, slow_upstream: SandboxServer, upstream_key: str, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """A `kiosk hub serve` process on the database (SIGKILLed by the test or at its end)."""
    port = free_port()
    env = dict(os.environ, KIOSK_HUB_UPSTREAM_KEY=upstream_key, KIOSK_HOME=str(tmp_path))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "hub",
            "serve",
            "--port",
            str(port),
            "--upstream",
            slow_upstream.local_url,
            "--upstream-app-id",
            APP_ID,
            "--database",
            postgres_url,
            "--poll-interval",
            "0.05",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            return httpx.get(f"{url}/readyz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        assert wait_until(ready, 30), "the hub process did not start"
        yield process, url
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(10)


def test_a_killed_hub_loses_no_session_the_other_takes_them_over(
    stores: tuple[HubStore, HubStore],
    slow_upstream: SandboxServer,
    upstream_key: str,
    hub_process: tuple[subprocess.Popen[bytes], str],
) -> None:
    process, doomed_url = hub_process
    kiosk, secret = enrol(stores[0], "Lobby tablet", "branch-7")
    auth = {"APP-ID": kiosk.id, "APP-KEY": secret}
    with start_hub(stores[1], slow_upstream, upstream_key) as survivor:
        first_read: dict[str, float] = {}
        reads = count_reads(survivor, first_read)
        sessions: FleetSessions = survivor.app.state.sessions
        tokens = [create(doomed_url, auth) for _ in range(3)]
        ids = {r.session_id for r in stores[0].list_sessions()}
        assert len(ids) == 3
        # The process that created them polls them; the survivor only watches.
        assert wait_until(lambda: ids <= set(sessions._live), 5)
        assert not ids & sessions.held and not any(reads[i] for i in ids)
        killed_at: list[float] = []

        def kill_on_first_progress(status: str) -> None:
            if status == "IN_PROGRESS" and not killed_at:
                process.send_signal(signal.SIGKILL)
                killed_at.append(time.monotonic())

        statuses = stream(survivor.local_url, auth, tokens[0], kill_on_first_progress)
        assert killed_at and process.wait(5) == -signal.SIGKILL
        assert statuses[-1] == "DONE" and "IN_PROGRESS" in statuses
        assert wait_until(lambda: all(r.ended_at for r in stores[0].list_sessions()), 20)
    rows = stores[0].list_sessions()
    assert {r.session_id for r in rows} == ids
    assert all(r.status == "DONE" and r.outcome == "PASS" for r in rows)
    # The survivor polls the sessions nobody streamed from it once it takes their locks over.
    others = ids - {i for i in ids if i in first_read and first_read[i] < killed_at[0]}
    assert len(others) >= 2
    takeover = max(first_read[i] for i in others) - killed_at[0]
    print(f"takeover after SIGKILL: {takeover:.2f} s")
    assert 0 < takeover < 3.0


def test_sqlite_hubs_keep_the_single_hub_tracker(tmp_path: Path) -> None:
    from kiosk.hub.fleet import make_sessions
    from kiosk.hub.tracker import Sessions

    store = open_store(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        sessions = make_sessions(store, object())  # type: ignore[arg-type]
        assert type(sessions) is Sessions
    finally:
        store.close()


def test_poll_locks_are_held_by_one_hub_and_freed_when_it_goes(postgres_url: str) -> None:
    first, second = PostgresStore(postgres_url), PostgresStore(postgres_url)
    try:
        one, two = first.poll_leases(), second.poll_leases()
        assert one.sync({"a", "b"}) == {"a", "b"}
        assert two.sync({"a", "b", "c"}) == {"c"}
        assert one.sync({"b"}) == {"b"}  # "a" released: free for the other
        assert two.sync({"a", "b", "c"}) == {"a", "c"}
        one.close()  # as when its process dies: the connection ends, the locks go with it
        # (freed when PostgreSQL's backend for it exits, a moment after the close)
        assert wait_until(lambda: two.sync({"a", "b", "c"}) == {"a", "b", "c"}, 5)
        two.close()
    finally:
        first.close()
        second.close()
