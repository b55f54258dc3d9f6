"""The hub's dashboard over HTTP: a login is needed, wrong passwords and forged forms are
refused, logins are throttled, logout ends the login, and the pages show every kiosk with
the state its heartbeats report, with hostile text escaped."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from kiosk.hub.credentials import hash_secret
from kiosk.hub.dashboard_auth import MAX_FAILURES
from kiosk.hub.fleet_records import AdminRecord
from kiosk.hub.heartbeat import HEARTBEAT_PATH
from kiosk.hub.kiosks import enrol
from kiosk.hub.store import HubStore, utc_now
from tests.hub.conftest import Hub

NAME, PASSWORD = "alice", "correct horse battery staple"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def add_admin(store: HubStore, name: str = NAME, password: str = PASSWORD) -> None:
    store.add_admin(AdminRecord(name, hash_secret(password), utc_now()))


def csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def login(http: httpx.Client, name: str = NAME, password: str = PASSWORD) -> httpx.Response:
    form = http.get("/dashboard/login")
    data = {"name": name, "password": password, "csrf": csrf(form.text)}
    return http.post("/dashboard/login", data=data)


@pytest.fixture
def http(hub: Hub) -> Iterator[httpx.Client]:
    add_admin(hub.store)
    with httpx.Client(base_url=hub.url, timeout=10) as client:
        yield client


def beat(hub: Hub, kiosk_id: str, secret: str, **body: object) -> None:
    headers = {"APP-ID": kiosk_id, "APP-KEY": secret}
    answer = httpx.post(hub.url + HEARTBEAT_PATH, json=body, headers=headers, timeout=5)
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize("path", ["/dashboard", "/dashboard/site?name=x", "/dashboard/kiosk?id=x"])
def test_every_page_needs_a_login(http: httpx.Client, path: str) -> None:
    answer = http.get(path)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/dashboard/login"


def test_signing_in_and_out(http: httpx.Client, hub: Hub) -> None:
    answer = login(http)
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=" in cookie
    page = http.get("/dashboard")
    assert page.status_code == 200 and "Lobby tablet" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in page.headers["content-security-policy"]
    out = http.post("/dashboard/logout", data={"csrf": csrf(page.text)})
    assert out.status_code == 303
    assert http.get("/dashboard").status_code == 303
    # The old cookie is worthless too: the login is gone from the store.
    http.cookies.set("hub_dashboard", answer.cookies["hub_dashboard"], path="/dashboard")
    assert http.get("/dashboard").status_code == 303


def test_a_wrong_password_or_name_is_refused(http: httpx.Client) -> None:
    for name, password in ((NAME, "wrong password here"), ("mallory", PASSWORD)):
        answer = login(http, name, password)
        assert answer.status_code == 401
        assert "Wrong name or password" in answer.text
        assert "hub_dashboard=" not in answer.headers.get("set-cookie", "").replace(
            "hub_dashboard_login=", ""
        )
    assert http.get("/dashboard").status_code == 303


def test_failed_logins_are_throttled_even_for_the_right_password(http: httpx.Client) -> None:
    for _ in range(MAX_FAILURES):
        assert login(http, NAME, "wrong password here").status_code == 401
    answer = login(http)
    assert answer.status_code == 429 and "Too many failed sign-ins" in answer.text
    assert http.get("/dashboard").status_code == 303


def test_forms_without_their_token_are_refused(http: httpx.Client) -> None:
    http.get("/dashboard/login")
    forged = {"name": NAME, "password": PASSWORD, "csrf": "made-up"}
    assert http.post("/dashboard/login", data=forged).status_code == 403
    assert login(http).status_code == 303
    page = http.get("/dashboard")
    assert http.post("/dashboard/logout", data={"csrf": "made-up"}).status_code == 403
    assert http.post("/dashboard/logout", data={}).status_code == 403
    other_site = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    answer = http.post("/dashboard/logout", data={"csrf": csrf(page.text)}, headers=other_site)
    assert answer.status_code == 403
    assert http.get("/dashboard").status_code == 200  # still signed in


def test_the_fleet_shows_each_kiosks_state(http: httpx.Client, hub: Hub) -> None:
    busy, busy_secret = enrol(hub.store, "Counter 2", "branch-7")
    broken, broken_secret = enrol(hub.store, "Counter 3", "branch-9")
    enrol(hub.store, "Never started", "branch-9")
    beat(hub, hub.kiosk.id, hub.secret, version="1.4.0", state="idle")
    beat(hub, busy.id, busy_secret, version="1.4.0", state="in_session")
    beat(hub, broken.id, broken_secret, version="1.3.9", state="error", lastError="camera lost")
    login(http)
    page = http.get("/dashboard").text
    rows = {
        m.group(1): m.group(0)
        for m in re.finditer(r"<tr>\s*<td><a[^>]*>([^<]+)</a>.*?</tr>", page, re.S)
    }
    assert set(rows) == {"Lobby tablet", "Counter 2", "Counter 3", "Never started"}
    assert "Idle" in rows["Lobby tablet"] and "1.4.0" in rows["Lobby tablet"]
    assert "In session" in rows["Counter 2"]
    assert "Error" in rows["Counter 3"] and "camera lost" in rows["Counter 3"]
    assert "Offline" in rows["Never started"] and "never" in rows["Never started"]
    site = http.get("/dashboard/site", params={"name": "branch-9"}).text
    assert "Counter 3" in site and "Never started" in site and "Lobby tablet" not in site


def test_a_kiosks_recent_sessions(http: httpx.Client, hub: Hub) -> None:
    with hub.client() as api:
        created = api.create_session(["liveness"])
    login(http)
    page = http.get("/dashboard/kiosk", params={"id": hub.kiosk.id})
    assert page.status_code == 200
    assert created.session_id in page.text
    assert http.get("/dashboard/kiosk", params={"id": "kiosk-nobody"}).status_code == 404


def test_hostile_text_is_escaped(http: httpx.Client, hub: Hub) -> None:
    kiosk, secret = enrol(hub.store, HOSTILE, HOSTILE)
    beat(hub, kiosk.id, secret, version="1.0", state="error", lastError=HOSTILE)
    login(http)
    for page in (
        http.get("/dashboard").text,
        http.get("/dashboard/site", params={"name": HOSTILE}).text,
        http.get("/dashboard/kiosk", params={"id": kiosk.id}).text,
    ):
        assert "<script>" not in page and "<img" not in page
        assert "&lt;script&gt;" in page


def test_cookies_are_secure_when_the_public_url_is_https(hub: Hub) -> None:
    add_admin(hub.store)
    hub.server.app.state.config.public_url = "https://hub.bank.example"
    with httpx.Client(base_url=hub.url, timeout=10) as client:
        form = client.get("/dashboard/login")
        assert "secure" in form.headers["set-cookie"].lower()
        # An http client keeps Secure cookies to itself: sent by hand, as a browser would
        # over the proxy's https.
        token = csrf(form.text)
        answer = client.post(
            "/dashboard/login",
            data={"name": NAME, "password": PASSWORD, "csrf": token},
            headers={"Cookie": f"hub_dashboard_login={token}"},
        )
    assert answer.status_code == 303
    assert "secure" in answer.headers["set-cookie"].lower()
