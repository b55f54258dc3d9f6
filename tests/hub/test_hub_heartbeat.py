"""Kiosks' heartbeats at the hub: only an enrolled kiosk's credentials are taken, the body is
validated, hostile text is neutralised before it is stored, and a backend that is not a hub
answers 404 at the same path (how a kiosk finds out)."""

from __future__ import annotations

import httpx

from kiosk.hub.heartbeat import HEARTBEAT_INTERVAL, HEARTBEAT_PATH
from kiosk.hub.kiosks import enrol
from tests.conftest import APP_ID
from tests.hub.conftest import Hub


def test_a_heartbeat_is_stored_as_the_kiosks_last(hub: Hub) -> None:
    with httpx.Client(base_url=hub.url, timeout=5, headers=hub.auth) as http:
        first = http.post(HEARTBEAT_PATH, json={"version": "1.0", "state": "idle"})
        assert first.status_code == 200
        assert first.json() == {"interval": HEARTBEAT_INTERVAL}
        body = {"version": "1.1", "state": "error", "lastError": "camera lost"}
        assert http.post(HEARTBEAT_PATH, json=body).status_code == 200
    [beat] = hub.store.heartbeats()
    assert (beat.kiosk_id, beat.version, beat.state, beat.last_error) == (
        hub.kiosk.id,
        "1.1",
        "error",
        "camera lost",
    )


def test_a_heartbeat_needs_an_enrolled_kiosks_credentials(hub: Hub) -> None:
    body = {"version": "1.0", "state": "idle"}
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        assert http.post(HEARTBEAT_PATH, json=body).status_code == 401
        wrong = {"APP-ID": hub.kiosk.id, "APP-KEY": "not-the-secret"}
        assert http.post(HEARTBEAT_PATH, json=body, headers=wrong).status_code == 401
    assert hub.store.heartbeats() == []


def test_invalid_heartbeats_are_refused(hub: Hub) -> None:
    bodies = [
        {"version": "1.0", "state": "offline"},  # the dashboard's word, not a kiosk's
        {"version": "", "state": "idle"},
        {"version": "1" * 65, "state": "idle"},
        {"version": "1.0", "state": "idle", "lastError": "x" * 501},
        {"version": "1.0", "state": "idle", "name": "another kiosk"},
        ["not", "an", "object"],
    ]
    with httpx.Client(base_url=hub.url, timeout=5, headers=hub.auth) as http:
        for body in bodies:
            answer = http.post(HEARTBEAT_PATH, json=body)
            assert answer.status_code in (400, 422), body
    assert hub.store.heartbeats() == []


def test_hostile_text_is_neutralised_before_it_is_stored(hub: Hub) -> None:
    hostile = "\x1b[31mred\u202eevil\r\nforged log line <script>"
    with httpx.Client(base_url=hub.url, timeout=5, headers=hub.auth) as http:
        body = {"version": "1.0\u202e", "state": "error", "lastError": hostile}
        assert http.post(HEARTBEAT_PATH, json=body).status_code == 200
    [beat] = hub.store.heartbeats()
    assert beat.last_error is not None
    for unsafe in ("\x1b", "\u202e", "\r", "\n"):
        assert unsafe not in beat.last_error and unsafe not in beat.version
    # HTML is the dashboard's to escape: the text itself is kept as readable as it came.
    assert "<script>" in beat.last_error


def test_each_kiosk_has_its_own_heartbeat(hub: Hub) -> None:
    other, secret = enrol(hub.store, "Second tablet", "branch-9")
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        mine = {"APP-ID": hub.kiosk.id, "APP-KEY": hub.secret}
        theirs = {"APP-ID": other.id, "APP-KEY": secret}
        http.post(HEARTBEAT_PATH, json={"version": "1", "state": "idle"}, headers=mine)
        http.post(HEARTBEAT_PATH, json={"version": "2", "state": "in_session"}, headers=theirs)
    states = {beat.kiosk_id: beat.state for beat in hub.store.heartbeats()}
    assert states == {hub.kiosk.id: "idle", other.id: "in_session"}


def test_the_sandbox_answers_404_there(hub: Hub) -> None:
    """What a kiosk pointed at the sandbox (or the vendor) sees: not a hub."""
    upstream = hub.upstream
    headers = {"APP-ID": APP_ID, "APP-KEY": hub.upstream_key}
    with httpx.Client(base_url=upstream.local_url, timeout=5, headers=headers) as http:
        answer = http.post(HEARTBEAT_PATH, json={"version": "1.0", "state": "idle"})
    assert answer.status_code == 404
