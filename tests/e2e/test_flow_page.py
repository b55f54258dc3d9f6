"""The phone-side flow page, driven with plain HTTP form posts as a browser would send them."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.models import Status, Step
from kiosk.core.verdict import decide
from kiosk.sandbox import pages
from kiosk.sandbox.pages import Choice, FlowForm, Link, MessagePage, Refresh, StepPage
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, FakeClock


@pytest.fixture
def browser(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.local_url, follow_redirects=True, timeout=5) as b:
        yield b


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def form_token(browser: httpx.Client, page: str) -> str:
    """The anti-forgery token the page's forms carry, read as a browser would."""
    match = re.search(r'name="csrf" value="([^"]+)"', browser.get(page).text)
    assert match is not None
    return match.group(1)


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 180, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_person_completes_every_step_and_the_kiosk_sees_pass(
    client: VerificationClient, browser: httpx.Client
) -> None:
    scopes = ["liveness", "deepfake", "enroll", "search"]
    session = client.create_session(scopes, return_url="https://example.com/thanks")
    page = path_of(session.url)
    csrf = form_token(browser, page)
    start = browser.get(page)
    assert "Verify your face" in start.text
    assert 'capture="user"' not in start.text
    step_page = browser.post(f"{page}/start", data={"csrf": csrf})
    assert "Liveness check" in step_page.text
    assert 'accept="image/*" capture="user"' in step_page.text
    assert client.get_status(session.token).next_step is Step.LIVENESS
    browser.post(
        f"{page}/step",
        data={"step": "LIVENESS", "outcome": "pass", "csrf": csrf},
        files={"photo": ("selfie.jpg", jpeg(600, 800), "image/jpeg")},
    )
    assert client.get_status(session.token).next_step is Step.DEEPFAKE
    for step in ("DEEPFAKE", "ENROLL", "SEARCH"):
        last = browser.post(f"{page}/step", data={"step": step, "outcome": "pass", "csrf": csrf})
    assert "All done" in last.text
    assert 'content="3;url=https://example.com/thanks"' in last.text
    status = client.get_status(session.token)
    assert status.status is Status.DONE
    assert decide(status, scopes).passed
    assert status.result is not None
    box = status.result.raw["box"]
    assert box["x"] + box["w"] <= 600 + 20  # placed inside the uploaded 600x800 photo


@pytest.mark.parametrize(
    ("failing", "reason"),
    [("LIVENESS", "Liveness"), ("DEEPFAKE", "Deepfake"), ("SEARCH", "Face match")],
)
def test_demo_operator_picks_the_failing_check(
    client: VerificationClient, browser: httpx.Client, failing: str, reason: str
) -> None:
    scopes = ["liveness", "deepfake", "search"]
    session = client.create_session(scopes)
    page = path_of(session.url)
    csrf = form_token(browser, page)
    browser.post(f"{page}/start", data={"csrf": csrf})
    for step in ("LIVENESS", "DEEPFAKE", "SEARCH"):
        outcome = "fail" if step == failing else "pass"
        browser.post(f"{page}/step", data={"step": step, "outcome": outcome, "csrf": csrf})
    verdict = decide(client.get_status(session.token), scopes)
    assert not verdict.passed
    assert len(verdict.reasons) == 1 and verdict.reasons[0].startswith(reason)


def test_captcha_is_asked_first_and_a_wrong_answer_is_explained(
    client: VerificationClient, browser: httpx.Client
) -> None:
    session = client.create_session(["liveness"], metadata={"sandbox": {"captcha": True}})
    page = path_of(session.url)
    csrf = form_token(browser, page)
    question = browser.get(page).text
    match = re.search(r"What is (\d+) \+ (\d+)\?", question)
    assert match is not None
    answer = int(match.group(1)) + int(match.group(2))
    wrong = browser.post(f"{page}/captcha", data={"answer": str(answer + 1), "csrf": csrf})
    assert "That answer is not right." in wrong.text
    assert client.get_status(session.token).status is Status.CREATED
    ready = browser.post(f"{page}/captcha", data={"answer": str(answer), "csrf": csrf})
    assert "Verify your face" in ready.text
    assert client.get_status(session.token).status is Status.CAPTCHA_OK


def test_cancel_from_the_phone(client: VerificationClient, browser: httpx.Client) -> None:
    session = client.create_session(["liveness"])
    page = path_of(session.url)
    csrf = form_token(browser, page)
    browser.post(f"{page}/start", data={"csrf": csrf})
    canceled = browser.post(f"{page}/cancel", data={"csrf": csrf})
    assert "Verification canceled" in canceled.text
    assert client.get_status(session.token).status is Status.CANCELED
    again = browser.post(f"{page}/start", data={"csrf": csrf})
    assert "Verification canceled" in again.text
    assert client.get_status(session.token).status is Status.CANCELED


def test_a_repeated_submit_changes_nothing(
    client: VerificationClient, browser: httpx.Client
) -> None:
    session = client.create_session(["liveness", "deepfake"])
    page = path_of(session.url)
    csrf = form_token(browser, page)
    browser.post(f"{page}/start", data={"csrf": csrf})
    browser.post(f"{page}/step", data={"step": "LIVENESS", "csrf": csrf})
    repeat = browser.post(
        f"{page}/step", data={"step": "LIVENESS", "outcome": "fail", "csrf": csrf}
    )
    assert "That step is not the current one." in repeat.text
    assert client.get_status(session.token).next_step is Step.DEEPFAKE


def test_unreadable_photo_is_tolerated(client: VerificationClient, browser: httpx.Client) -> None:
    session = client.create_session(["liveness"])
    page = path_of(session.url)
    csrf = form_token(browser, page)
    browser.post(f"{page}/start", data={"csrf": csrf})
    done = browser.post(
        f"{page}/step",
        data={"step": "LIVENESS", "csrf": csrf},
        files={"photo": ("x.jpg", b"not an image", "image/jpeg")},
    )
    assert "All done" in done.text


def test_unknown_token_gets_its_own_page(browser: httpx.Client) -> None:
    response = browser.get("/flow/no-such-token")
    assert response.status_code == 404
    assert "This link is not valid" in response.text


def test_expired_link_gets_its_own_page(clocked_sandbox: SandboxServer, clock: FakeClock) -> None:
    with VerificationClient(clocked_sandbox.local_url, Credentials(APP_ID, APP_KEY)) as api:
        session = api.create_session(["liveness"], ttl_sec=10)
    clock.advance(11)
    page = httpx.get(session.url)
    assert "This link has expired" in page.text


def test_scenario_session_page_refreshes_itself(clocked_sandbox: SandboxServer) -> None:
    # The sandbox's clock stands still, so the scenario cannot end before the page is read.
    with VerificationClient(clocked_sandbox.local_url, Credentials(APP_ID, APP_KEY)) as api:
        session = api.create_session(
            ["liveness"], metadata={"sandbox": {"scenario": "expire"}}, ttl_sec=60
        )
    page = httpx.get(session.url)
    assert "demo scenario “expire”" in page.text
    assert '<meta http-equiv="refresh" content="1">' in page.text


def test_page_uses_no_external_resources_or_scripts(
    client: VerificationClient, browser: httpx.Client
) -> None:
    session = client.create_session(["liveness"])
    page = browser.get(path_of(session.url))
    assert "<script" not in page.text
    assert not re.search(r'(src|href)="https?://', page.text)
    assert page.headers["Cache-Control"] == "no-store"
    assert 'name="viewport"' in page.text


def test_templates_escape_whatever_a_page_carries() -> None:
    hostile = '<script>alert("x")</script>'
    page = MessagePage(
        title=hostile,
        icon="warn",
        heading=hostile,
        text=hostile,
        link=Link(f'/flow/x"><img src=x onerror=alert(1)>{hostile}', hostile),
        refresh=Refresh(3, 'https://example.com/"><script>'),
    )
    html = pages.html_of(page)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    step = StepPage(
        title="t",
        form=FlowForm('to"ken/..', 'c"srf'),
        heading="h",
        instruction="i",
        step="LIVENESS",
        choices=(Choice('p"ass', "<b>"),),
        problem="<i>",
    )
    html = pages.html_of(step)
    assert 'action="/flow/to%22ken%2F../step"' in html
    assert 'value="c&#34;srf"' in html and 'value="p&#34;ass"' in html
    assert "&lt;b&gt;" in html and "&lt;i&gt;" in html


def test_templates_load_from_the_package_wherever_the_program_runs(tmp_path: Path) -> None:
    # A fresh interpreter in an empty folder: templates come from the shipped resources, not
    # the CWD (tests/unit/test_resources.py checks that a wheel carries them).
    code = "from kiosk.sandbox import pages; print(pages.unknown_link().body.decode())"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "This link is not valid" in result.stdout
