"""``GET /api/hub/v1/settings``: a kiosk reads what IT set for its site and for itself, with its
own credentials only; an unchanged version costs a 304; a revoked kiosk is refused; what the
store holds is checked again before it is served; the sandbox answers 404 there."""

from __future__ import annotations

import httpx

from kiosk.core.remote_settings import SETTINGS_PATH
from kiosk.hub.kiosks import enrol, revoke
from kiosk.hub.store import utc_now
from tests.conftest import APP_ID
from tests.hub.conftest import Hub


def test_a_kiosk_gets_its_sites_settings_under_its_own_with_an_etag(hub: Hub) -> None:
    store = hub.store
    store.change_scope_settings(
        "site", "branch-7", {"theme": "high-contrast", "ttl_sec": 60}, (), utc_now()
    )
    store.change_scope_settings("kiosk", hub.kiosk.id, {"ttl_sec": 120}, (), utc_now())
    store.change_scope_settings("site", "branch-8", {"language": "fr"}, (), utc_now())
    with httpx.Client(base_url=hub.url, timeout=5, headers=hub.auth) as http:
        first = http.get(SETTINGS_PATH)
        assert first.status_code == 200
        body = first.json()
        assert body["settings"] == {"theme": "high-contrast", "ttl_sec": 120}
        etag = first.headers["ETag"]
        assert etag == f'"{body["version"]}"'
        same = http.get(SETTINGS_PATH, headers={"If-None-Match": etag})
        assert same.status_code == 304 and same.content == b""
        assert same.headers["ETag"] == etag
        # A change of the site's values is a new version.
        store.change_scope_settings("site", "branch-7", {"result_seconds": 20}, (), utc_now())
        changed = http.get(SETTINGS_PATH, headers={"If-None-Match": etag})
        assert changed.status_code == 200
        assert changed.json()["settings"]["result_seconds"] == 20.0
        assert changed.headers["ETag"] != etag


def test_only_an_enrolled_active_kiosk_reads_settings(hub: Hub) -> None:
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        assert http.get(SETTINGS_PATH).status_code == 401
        wrong = {"APP-ID": hub.kiosk.id, "APP-KEY": "not-the-secret"}
        assert http.get(SETTINGS_PATH, headers=wrong).status_code == 401
        assert http.get(SETTINGS_PATH, headers=hub.auth).status_code == 200
        revoke(hub.store, hub.kiosk.id)
        assert http.get(SETTINGS_PATH, headers=hub.auth).status_code == 401


def test_a_kiosk_without_settings_gets_an_empty_set(hub: Hub) -> None:
    other, secret = enrol(hub.store, "Back office", "")
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        answer = http.get(SETTINGS_PATH, headers={"APP-ID": other.id, "APP-KEY": secret})
    assert answer.status_code == 200 and answer.json()["settings"] == {}


def test_stored_values_the_kiosk_would_refuse_are_not_served(hub: Hub) -> None:
    # Written past the CLI (by hand, or by another version of the program).
    hostile = {
        "backend": "https://elsewhere.example",
        "handoff_command": "/bin/sh",
        "min_similarity": 7,
        "no_such_setting": 1,
        "result_seconds": 25,
    }
    hub.store.change_scope_settings("kiosk", hub.kiosk.id, hostile, (), utc_now())
    with httpx.Client(base_url=hub.url, timeout=5, headers=hub.auth) as http:
        answer = http.get(SETTINGS_PATH)
    assert answer.status_code == 200
    assert answer.json()["settings"] == {"result_seconds": 25.0}


def test_the_sandbox_answers_404_there(hub: Hub) -> None:
    headers = {"APP-ID": APP_ID, "APP-KEY": hub.upstream_key}
    with httpx.Client(base_url=hub.upstream.local_url, timeout=5, headers=headers) as http:
        assert http.get(SETTINGS_PATH).status_code == 404
