"""Issue 9, point 5: live sessions are capped per APP-ID, and creating one costs the same however
many are live."""

from __future__ import annotations

import httpx
import pytest

from kiosk.sandbox.server import SandboxServer
from kiosk.sandbox.store import Scenario, SessionStore, TooManySessions, Transition
from tests.conftest import APP_ID, APP_KEY, FakeClock, make_config

PATH = "/api/v1.0/flow/sessions"
AUTH = {"APP-ID": APP_ID, "APP-KEY": APP_KEY}


def test_the_cap_answers_429_too_many_sessions_until_one_ends() -> None:
    with (
        SandboxServer(make_config(max_sessions=3)) as server,
        httpx.Client(base_url=server.local_url, headers=AUTH, timeout=5) as http,
    ):
        tokens = [http.post(PATH, json={"scopes": ["liveness"]}).json()["token"] for _ in range(3)]
        refused = http.post(PATH, json={"scopes": ["liveness"]})
        assert refused.status_code == 429
        assert refused.json()["error"] == "too_many_sessions"
        assert "3 live sessions" in refused.json()["message"]
        server.app.state.store.act(tokens[0], Transition.CANCEL)  # one ends
        assert http.post(PATH, json={"scopes": ["liveness"]}).status_code == 200


def test_the_cap_is_per_owner(clock: FakeClock) -> None:
    store = SessionStore(clock=clock, max_live=2)
    for owner in ("a", "a", "b", "b"):
        store.create(scopes=["liveness"], owner=owner)
    with pytest.raises(TooManySessions):
        store.create(scopes=["liveness"], owner="a")
    assert store.live_count("a") == 2


def counting(store: SessionStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every session the store brings up to date."""
    touched: list[str] = []
    advance = store._advance

    def spy(session, now, finals):  # type: ignore[no-untyped-def]
        touched.append(session.token)
        advance(session, now, finals)

    monkeypatch.setattr(store, "_advance", spy)
    return touched


def test_create_tick_and_next_change_do_not_walk_over_live_sessions(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SessionStore(clock=clock, step_seconds=1.0, max_live=10_000)
    for i in range(2000):
        store.create(scopes=["liveness"], ttl_sec=3600, scenario=Scenario.PASS if i % 2 else None)
    clock.advance(0.5)  # between phases: nothing is due
    touched = counting(store, monkeypatch)
    store.create(scopes=["liveness"], ttl_sec=3600)
    store.tick()  # what the server's ticker does after every create
    store.next_change()
    assert touched == []


def test_tick_touches_only_the_sessions_that_are_due(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SessionStore(clock=clock, step_seconds=1.0, max_live=10_000)
    for _ in range(1000):
        store.create(scopes=["liveness"], ttl_sec=3600)
    due = [store.create(scopes=["liveness"], ttl_sec=10).token for _ in range(5)]
    clock.advance(11)
    touched = counting(store, monkeypatch)
    store.tick()
    assert sorted(touched) == sorted(due)


def test_bookkeeping_stays_proportional_to_live_sessions(clock: FakeClock) -> None:
    store = SessionStore(clock=clock, max_live=100, max_finished=50)
    for _ in range(5000):  # create and cancel, as a busy kiosk (or an attacker) would
        session = store.create(scopes=["liveness"], ttl_sec=3600)
        store.act(session.token, Transition.CANCEL)
        store.tick()
    assert store.live_count() == 0
    assert len(store) <= 50  # finished sessions kept: bounded
    assert len(store._due) <= 2 * 64 + 4  # stale heap entries are compacted away
