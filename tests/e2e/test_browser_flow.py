"""A person's phone, played by headless Chromium, completes the flow while the kiosk polls."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator

import pytest
from PIL import Image
from playwright.sync_api import Browser, sync_playwright

from kiosk.core.state import Phase
from tests.gui.harness import Kiosk
from tests.support.chromium import FLAGS, find_chromium

pytestmark = pytest.mark.e2e

CHROMIUM = find_chromium()


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


def selfie() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (720, 960), (190, 160, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_phone_completes_the_flow_and_the_kiosk_shows_pass(
    make_kiosk: Callable[..., Kiosk], browser: Browser
) -> None:
    kiosk = make_kiosk()
    kiosk.play(None)  # driven by the "person", not by a scenario
    kiosk.wait_for(Phase.QR)
    assert kiosk.state.session is not None
    url = kiosk.state.session.url
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page.goto(url)
        assert page.get_by_role("heading", name="Verify your face").is_visible()
        page.get_by_role("button", name="Start").click()
        kiosk.wait_for(Phase.PROGRESS)
        page.get_by_role("heading", name="Liveness check").wait_for()
        page.locator("input[type=file]").set_input_files(
            {"name": "selfie.jpg", "mimeType": "image/jpeg", "buffer": selfie()}
        )
        page.get_by_role("button", name="Continue").click()
        kiosk.qtbot.waitUntil(lambda: "genuine photo check" in kiosk.window.progress.line.text())
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("heading", name="Face match").wait_for()
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("heading", name="All done").wait_for()
    finally:
        page.close()
    kiosk.wait_for(Phase.RESULT)
    assert kiosk.window.result.verdict.text() == "✓ PASS"


def test_phone_picks_a_failing_outcome_and_the_kiosk_shows_why(
    make_kiosk: Callable[..., Kiosk], browser: Browser
) -> None:
    kiosk = make_kiosk()
    kiosk.play(None)
    kiosk.wait_for(Phase.QR)
    assert kiosk.state.session is not None
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page.goto(kiosk.state.session.url)
        page.get_by_role("button", name="Start").click()
        page.get_by_label("Fail liveness").check()
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("heading", name="All done").wait_for()
    finally:
        page.close()
    kiosk.wait_for(Phase.RESULT)
    assert kiosk.window.result.verdict.text() == "✕ FAIL"
