"""The hub's push: the event stream's format, fan-out to many watchers from one upstream
poller, its end on a final status, on revocation and on shutdown; callbacks as mere hints."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kiosk.hub.kiosks import revoke
from kiosk.hub.routes import CALLBACK_PREFIX
from kiosk.hub.server import HubServer
from tests.hub.conftest import Hub, hub_config

PATH = "/api/v1.0/flow/sessions"


def events(response: httpx.Response) -> Iterator[tuple[str, Any]]:
    """(kind, payload) per SSE message: ("status", body) or ("comment", text)."""
    kind, data = "", []
    for line in response.iter_lines():
        if line.startswith(":"):
            yield "comment", line[1:].strip()
        elif line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: "):
            data.append(line[6:])
        elif line == "" and kind:
            yield kind, json.loads("\n".join(data))
            kind, data = "", []


def create(hub: Hub, scenario: str | None = None, scopes: list[str] | None = None) -> str:
    with hub.client() as api:
        metadata = {"sandbox": {"scenario": scenario}} if scenario else None
        return api.create_session(scopes or ["liveness", "deepfake"], metadata=metadata).token


def stream_all(hub: Hub, token: str, timeout: float = 20) -> list[tuple[str, Any]]:
    seen = []
    with (
        httpx.Client(base_url=hub.url, timeout=timeout) as http,
        http.stream("GET", f"{PATH}/{token}/events", headers=hub.auth) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for item in events(response):
            seen.append(item)
    return seen


def test_the_stream_carries_every_status_as_the_status_read_and_ends_on_final(hub: Hub) -> None:
    token = create(hub, "pass")
    seen = [body for kind, body in stream_all(hub, token) if kind == "status"]
    statuses = [body["status"] for body in seen]
    assert statuses[0] in ("CREATED", "IN_PROGRESS")
    assert statuses[-1] == "DONE" and statuses.count("DONE") == 1
    assert "IN_PROGRESS" in statuses
    # The final event is exactly what a status read answers.
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        assert http.get(f"{PATH}/{token}", headers=hub.auth).json() == seen[-1]


def test_a_final_session_streams_its_status_once_and_ends(hub: Hub) -> None:
    token = create(hub, "cancel")
    first = stream_all(hub, token)
    assert first[-1][1]["status"] == "CANCELED"
    again = stream_all(hub, token)
    assert [kind for kind, _ in again] == ["status"]
    assert again[0][1]["status"] == "CANCELED"


def test_keep_alive_comments_flow_while_nothing_changes(hub: Hub) -> None:
    token = create(hub)  # no scenario: stays CREATED
    with (
        httpx.Client(base_url=hub.url, timeout=5) as http,
        http.stream("GET", f"{PATH}/{token}/events", headers=hub.auth) as response,
    ):
        stream = events(response)
        assert next(stream)[0] == "status"
        assert next(stream) == ("comment", "keep-alive")


def test_many_watchers_share_one_upstream_poller(hub: Hub) -> None:
    token = create(hub, "pass")
    reads = 0
    original = hub.server.app.state.upstream.status

    async def counting(*args: Any) -> Any:
        nonlocal reads
        reads += 1
        return await original(*args)

    hub.server.app.state.upstream.status = counting
    results: list[list[tuple[str, Any]]] = []
    threads = [
        threading.Thread(target=lambda: results.append(stream_all(hub, token))) for _ in range(8)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    elapsed = time.monotonic() - started
    assert len(results) == 8
    assert all(r[-1][1]["status"] == "DONE" for r in results)
    # One reader at 0.05 s intervals: about elapsed / 0.05 reads, not eight times that.
    assert reads <= elapsed / 0.05 + 5


def test_revoking_the_kiosk_ends_its_open_stream(hub: Hub) -> None:
    token = create(hub)
    with (
        httpx.Client(base_url=hub.url, timeout=5) as http,
        http.stream("GET", f"{PATH}/{token}/events", headers=hub.auth) as response,
    ):
        stream = events(response)
        assert next(stream)[0] == "status"
        revoke(hub.store, hub.kiosk.id)
        started = time.monotonic()
        rest = list(stream)  # ends: the hub closes the stream
        assert time.monotonic() - started < 3
    assert all(kind == "comment" for kind, _ in rest)
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        assert http.get(f"{PATH}/{token}/events", headers=hub.auth).status_code == 401


def test_stopping_the_hub_ends_open_streams(hub: Hub, upstream_key: str) -> None:
    config = hub_config(hub.upstream, upstream_key)
    second = HubServer(config, hub.store, graceful_seconds=5).start()
    token = create(hub)
    try:
        with (
            httpx.Client(base_url=second.local_url, timeout=10) as http,
            http.stream("GET", f"{PATH}/{token}/events", headers=hub.auth) as response,
        ):
            stream = events(response)
            assert next(stream)[0] == "status"  # another hub serves the same journal
            stopper = threading.Thread(target=second.stop)
            started = time.monotonic()
            stopper.start()
            list(stream)
            assert time.monotonic() - started < 2.5  # not the graceful timeout
            stopper.join(10)
    finally:
        second.stop()


def test_a_forged_callback_changes_nothing(hub: Hub) -> None:
    token = create(hub)
    record = hub.store.find_by_hub_token(token)
    assert record is not None
    forged = {"status": "DONE", "scopes": ["liveness"], "nextStep": None, "result": {}}
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        unknown = http.post(f"{CALLBACK_PREFIX}{'x' * 43}", json=forged)
        real_path = http.post(f"{CALLBACK_PREFIX}{record.callback_path}", json=forged)
        status = http.get(f"{PATH}/{token}", headers=hub.auth).json()
    assert unknown.status_code == 404
    assert real_path.status_code == 200  # taken as a hint: upstream is read, not believed
    assert status["status"] == "CREATED"
    stored = hub.store.get_session(record.session_id)
    assert stored is not None and stored.status == "CREATED" and stored.ended_at is None


def test_upstreams_callback_reaches_the_hub_and_ends_the_session(hub: Hub) -> None:
    hub.server.app.state.sessions.settings.poll_interval = 3600  # only the callback can help
    token = create(hub, "pass")
    record = hub.store.find_by_hub_token(token)
    assert record is not None
    for _ in range(200):
        stored = hub.store.get_session(record.session_id)
        if stored is not None and stored.ended_at is not None:
            break
        time.sleep(0.05)  # waiting on another process's callback: nothing to hook into
    assert stored is not None and stored.status == "DONE" and stored.outcome == "PASS"


@pytest.mark.parametrize("path", ["../../api", "short", "a" * 300])
def test_callback_paths_that_cannot_be_ours_are_404(hub: Hub, path: str) -> None:
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        assert http.post(f"{CALLBACK_PREFIX}{path}", json={}).status_code == 404


def test_a_kiosk_holds_a_bounded_number_of_streams(hub: Hub) -> None:
    from contextlib import ExitStack

    from kiosk.hub.routes import MAX_STREAMS_PER_KIOSK

    token = create(hub)
    with ExitStack() as stack:
        http = stack.enter_context(httpx.Client(base_url=hub.url, timeout=5))
        readers = []  # kept: a reader dropped half-way closes its connection
        for _ in range(MAX_STREAMS_PER_KIOSK):
            response = stack.enter_context(
                http.stream("GET", f"{PATH}/{token}/events", headers=hub.auth)
            )
            assert response.status_code == 200
            readers.append(events(response))
            assert next(readers[-1])[0] == "status"
        # Streamed, so a stream opened by mistake fails here rather than reads forever.
        with http.stream("GET", f"{PATH}/{token}/events", headers=hub.auth) as refused:
            assert refused.status_code == 429
            assert json.loads(refused.read())["error"] == "too_many_streams"
    # Closed streams are counted out (after the server notices each hang-up).
    for _ in range(100):
        if not hub.server.app.state.open_streams:
            break
        time.sleep(0.05)  # the hub sees the disconnects in its own thread
    assert not hub.server.app.state.open_streams
