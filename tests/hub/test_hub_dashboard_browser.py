"""IT staff's view, played by headless Chromium: sign in, see the fleet with the states the
kiosks' heartbeats reported, open a site and a kiosk, sign out. The page loads its stylesheet
under the hub's strict CSP and runs no script.

``HUB_DASHBOARD_SCREENSHOTS=DIR`` also saves the pages as PNGs there (docs/screenshots/ holds
the ones docs/HUB.md shows)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from kiosk.hub.credentials import hash_secret
from kiosk.hub.fleet_records import AdminRecord
from kiosk.hub.heartbeat import HEARTBEAT_PATH
from kiosk.hub.kiosks import enrol
from kiosk.hub.store import utc_now
from tests.hub.conftest import Hub
from tests.support.chromium import FLAGS, find_chromium

pytestmark = pytest.mark.e2e

CHROMIUM = find_chromium()
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; scripts/test.sh installs it (apt-get)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=list(FLAGS))
        yield launched
        launched.close()


def _fleet(hub: Hub) -> None:
    """A small fleet on two sites, each kiosk in another state."""
    kiosks = [
        (hub.kiosk, hub.secret, {"version": "1.4.0", "state": "idle"}),
    ]
    for name, site, body in (
        ("Counter 2", "branch-7", {"version": "1.4.0", "state": "in_session"}),
        (
            "Counter 3",
            "branch-9",
            {"version": "1.3.9", "state": "error", "lastError": "Camera not found"},
        ),
        ("<b>Side door</b>", "branch-9", {"version": "1.4.0", "state": "idle"}),
    ):
        record, secret = enrol(hub.store, name, site)
        kiosks.append((record, secret, body))
    enrol(hub.store, "Back office", "branch-9")  # never sends one: offline
    for record, secret, body in kiosks:
        headers = {"APP-ID": record.id, "APP-KEY": secret}
        assert httpx.post(hub.url + HEARTBEAT_PATH, json=body, headers=headers).status_code == 200
    with hub.client() as api:
        api.create_session(["liveness"])


def _shot(page: Page, name: str) -> None:
    folder = os.environ.get("HUB_DASHBOARD_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"hub-dashboard-{name}.png"), full_page=True)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_staff_sign_in_and_see_the_fleet(browser: Browser, hub: Hub) -> None:
    hub.store.add_admin(AdminRecord("alice", hash_secret(PASSWORD), utc_now()))
    _fleet(hub)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    problems: list[str] = []
    page = context.new_page()
    page.on("console", lambda message: problems.append(message.text))  # CSP reports land here
    try:
        page.goto(hub.url + "/dashboard")
        assert page.url.endswith("/dashboard/login")
        page.fill("input[name=name]", "alice")
        page.fill("input[name=password]", "not the password")
        page.click("button[type=submit]")
        assert "Wrong name or password" in page.inner_text("main")
        _shot(page, "login")
        page.fill("input[name=name]", "alice")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        assert page.url.endswith("/dashboard")
        table = page.inner_text("table")
        for text in ("Lobby tablet", "Counter 2", "Counter 3", "Back office", "Camera not found"):
            assert text in table
        for state in ("Idle", "In session", "Error", "Offline"):
            assert page.locator(f"td .badge:text-is('{state}')").count() >= 1
        assert page.locator("table b").count() == 0  # the kiosk named <b>...</b> stays text
        # The stylesheet loaded (the header's colour is the CSS's, not the browser's default).
        colour = page.eval_on_selector("header", "e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(20, 35, 60)"
        _shot(page, "fleet")
        page.click("text=branch-9 >> nth=0")
        assert "Counter 3" in page.inner_text("table")
        assert "Counter 2" not in page.inner_text("table")
        _shot(page, "site")
        page.goto(hub.url + "/dashboard")
        page.click("a:text-is('Lobby tablet')")
        assert "Recent sessions" in page.inner_text("main")
        assert page.locator("tbody tr").count() == 1
        _shot(page, "kiosk")
        page.click("text=Sign out")
        assert page.url.endswith("/dashboard/login")
        page.goto(hub.url + "/dashboard")
        assert page.url.endswith("/dashboard/login")
    finally:
        context.close()
    assert not [p for p in problems if "Content Security Policy" in p], problems
