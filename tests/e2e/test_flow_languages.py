"""Issue 12, point 3: the phone page speaks the language the kiosk asked for, else the phone's,
else English, on every page of the flow and on the refusals."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

import httpx
import pytest

from kiosk.core.api import VerificationClient
from kiosk.core.models import Status
from kiosk.sandbox.flow_i18n import SHIPPED, catalog
from kiosk.sandbox.headers import CONTENT_SECURITY_POLICY
from kiosk.sandbox.server import SandboxServer
from tests.security.sandbox_support import address_of

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.local_url, follow_redirects=True, timeout=5) as b:
        yield b


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def html_tag(page: str) -> str:
    match = re.search(r"<html[^>]*>", page)
    assert match is not None
    return match.group(0)


def csrf_of(page: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match is not None
    return match.group(1)


def test_a_session_the_kiosk_opened_in_arabic_is_shown_right_to_left(
    client: VerificationClient, browser: httpx.Client
) -> None:
    session = client.create_session(["liveness"], metadata={"language": "ar"})
    # The phone's own preference does not override the kiosk's choice.
    page = browser.get(path_of(session.url), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert html_tag(page.text) == '<html lang="ar" dir="rtl">'
    assert page.headers["Content-Language"] == "ar"
    ar = catalog("ar").text
    assert ar("start.heading") in page.text and ar("form.cancel") in page.text
    assert "Verify your face" not in page.text
    assert page.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "<script" not in page.text and " style=" not in page.text


@pytest.mark.parametrize(
    ("header", "language"),
    [("fr-CH, fr;q=0.9, en;q=0.8", "fr"), ("xx", "en"), ("de-DE;q=0.9, xx", "de"), (None, "en")],
)
def test_without_the_kiosk_s_choice_the_phone_s_accept_language_decides(
    client: VerificationClient, browser: httpx.Client, header: str | None, language: str
) -> None:
    session = client.create_session(["liveness"])
    headers = {"Accept-Language": header} if header is not None else {}
    page = browser.get(path_of(session.url), headers=headers)
    assert html_tag(page.text) == f'<html lang="{language}" dir="ltr">'
    assert catalog(language).text("start.heading") in page.text


@pytest.mark.parametrize("language", SHIPPED)
def test_the_whole_flow_completes_in_each_language(
    client: VerificationClient, browser: httpx.Client, language: str
) -> None:
    t = catalog(language).text
    session = client.create_session(
        ["liveness", "deepfake"],
        metadata={"language": language, "sandbox": {"captcha": True}},
    )
    page = path_of(session.url)
    question = browser.get(page).text
    csrf = csrf_of(question)
    assert t("captcha.intro") in question
    first, second = re.findall(r"<b>[^<0-9]*(\d+) \+ (\d+)", question)[0]
    wrong = browser.post(f"{page}/captcha", data={"answer": "-1", "csrf": csrf})
    assert t("problem.wrong_answer") in wrong.text
    start = browser.post(
        f"{page}/captcha", data={"answer": str(int(first) + int(second)), "csrf": csrf}
    )
    assert t("start.heading") in start.text and t("scope.deepfake.title") in start.text
    step = browser.post(f"{page}/start", data={"csrf": csrf})
    for key in ("scope.liveness.instruction", "outcome.liveness.fail", "step.legend.demo"):
        assert t(key) in step.text, key
    browser.post(f"{page}/step", data={"step": "LIVENESS", "outcome": "pass", "csrf": csrf})
    repeat = browser.post(f"{page}/step", data={"step": "LIVENESS", "csrf": csrf})
    assert t("problem.not_current_step") in repeat.text
    assert t("scope.deepfake.instruction") in repeat.text
    done = browser.post(f"{page}/step", data={"step": "DEEPFAKE", "csrf": csrf})
    assert t("done.heading") in done.text and t("note.demo") in done.text
    assert client.get_status(session.token).status is Status.DONE


def test_refusals_speak_the_session_s_or_the_phone_s_language(
    client: VerificationClient, browser: httpx.Client
) -> None:
    unknown = browser.get("/flow/no-such-token", headers={"Accept-Language": "es"})
    assert unknown.status_code == 404
    assert catalog("es").text("unknown.heading") in unknown.text
    session = client.create_session(["liveness"], metadata={"language": "de"})
    page = path_of(session.url)
    forged = browser.post(f"{page}/start", data={"csrf": "forged"})
    assert forged.status_code == 403
    assert catalog("de").text("forbidden.heading") in forged.text
    assert 'lang="de"' in forged.text
    csrf = csrf_of(browser.get(page).text)
    browser.post(f"{page}/start", data={"csrf": csrf})
    big = browser.post(
        f"{page}/step",
        data={"step": "LIVENESS", "csrf": csrf},
        files={"photo": ("big.jpg", b"\0" * (16 * 1024 * 1024), "image/jpeg")},
        headers={"Accept-Language": "fr"},
    )
    assert big.status_code == 413
    assert catalog("de").text("too_large.text", size="15 MB") in big.text


def test_a_problem_link_shows_only_the_page_s_own_words(
    client: VerificationClient, browser: httpx.Client
) -> None:
    session = client.create_session(["liveness"], metadata={"language": "fr"})
    page = path_of(session.url)
    crafted = browser.get(page, params={"problem": "Call 555-0100 to unlock your account"})
    assert "555-0100" not in crafted.text and 'class="notice"' not in crafted.text
    known = browser.get(page, params={"problem": "busy"})
    assert catalog("fr").text("problem.busy") in known.text


@pytest.mark.parametrize("size", [8 * 1024, 200 * 1024])
def test_a_hostile_accept_language_gets_english_or_a_refusal_never_a_failure(
    client: VerificationClient, sandbox: SandboxServer, size: int
) -> None:
    session = client.create_session(["liveness"])
    garbage = ("zz-" + "Q" * 60 + ";q=0.5;;==,\t") * (size // 70)
    request = (
        f"GET {path_of(session.url)} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Accept-Language: {garbage[:size]}, fr\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(address_of(sandbox.local_url), timeout=10) as conn:
        conn.sendall(request)
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except ConnectionResetError:
            assert size > 8 * 1024  # closed while the rest of an oversized header came in
    if size <= 8 * 1024:
        assert answer.startswith(b"HTTP/1.1 200")
        assert b'<html lang="en" dir="ltr">' in answer
    else:  # over the server's header limit: refused (or cut off), never served
        assert answer == b"" or answer.split(b" ", 2)[1] in (b"400", b"431")
    # The server goes on answering.
    assert client.get_status(session.token).status is Status.CREATED
