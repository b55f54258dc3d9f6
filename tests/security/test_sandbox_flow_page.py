"""Issue 9, point 7: security headers on every sandbox response, and flow forms that only the
page itself can post."""

from __future__ import annotations

import re

import httpx
import pytest

from kiosk.core.models import Status
from kiosk.sandbox.headers import CONTENT_SECURITY_POLICY
from kiosk.sandbox.server import SandboxServer
from tests.conftest import AUTH
from tests.security.sandbox_support import form_token

PATH = "/api/v1.0/flow/sessions"


@pytest.fixture
def page(http: httpx.Client) -> str:
    token = http.post(PATH, json={"scopes": ["liveness"]}, headers=AUTH).json()["token"]
    return f"/flow/{token}"


def assert_secure_headers(response: httpx.Response) -> None:
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_every_kind_of_response_carries_the_headers(http: httpx.Client, page: str) -> None:
    responses = [
        http.get(page),  # the flow page
        http.get("/flow/no-such-token"),  # its 404 page
        http.get("/static/flow.css"),
        http.get(f"{PATH}/x", headers=AUTH),  # JSON 404
        http.get(f"{PATH}/x"),  # 401 from the gate
        http.post(PATH, content=b"{}" * 40_000, headers=AUTH),  # 413 from the gate
        http.post(f"{page}/start"),  # 403: no form token
        http.get("/openapi.json"),
    ]
    for response in responses:
        assert_secure_headers(response)


def test_the_policy_is_strict_and_the_page_needs_nothing_it_forbids(
    http: httpx.Client, page: str
) -> None:
    for directive in (
        "default-src 'none'",
        "style-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ):
        assert directive in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    text = http.get(page).text
    assert "<style" not in text and " style=" not in text and "<script" not in text
    css = http.get("/static/flow.css")
    assert css.headers["content-type"].startswith("text/css")
    assert "--accent" in css.text


def test_the_api_explorer_gets_its_own_narrow_policy(http: httpx.Client) -> None:
    docs = http.get("/docs")
    policy = docs.headers["Content-Security-Policy"]
    assert "script-src https://cdn.jsdelivr.net 'sha256-" in policy
    assert "unsafe-inline" not in policy
    assert docs.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://other.lan:8765"},
    ],
)
def test_a_cross_site_post_is_refused_with_a_page(
    sandbox: SandboxServer, http: httpx.Client, page: str, headers: dict[str, str]
) -> None:
    csrf = form_token(http, page)  # even with a valid form token
    response = http.post(f"{page}/start", data={"csrf": csrf}, headers=headers)
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "Please use the page itself" in response.text
    token = page.rsplit("/", 1)[1]
    assert sandbox.app.state.store.get(token).status is Status.CREATED


@pytest.mark.parametrize("csrf", [None, "", "forged", "x" * 43])
def test_a_post_without_the_pages_form_token_is_refused(
    sandbox: SandboxServer, http: httpx.Client, page: str, csrf: str | None
) -> None:
    data = {} if csrf is None else {"csrf": csrf}
    response = http.post(f"{page}/start", data=data)
    assert response.status_code == 403
    token = page.rsplit("/", 1)[1]
    assert sandbox.app.state.store.get(token).status is Status.CREATED


def test_another_sessions_form_token_does_not_fit(http: httpx.Client, page: str) -> None:
    other = http.post(PATH, json={"scopes": ["liveness"]}, headers=AUTH).json()["token"]
    response = http.post(f"{page}/start", data={"csrf": form_token(http, f"/flow/{other}")})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "headers",
    [
        {},  # plain http on a LAN: browsers send no Sec-Fetch-* headers
        {"Origin": "null"},  # what browsers send under Referrer-Policy: no-referrer
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"own": "origin"},  # Origin: this server's own
    ],
)
def test_the_pages_own_form_is_accepted(
    sandbox: SandboxServer, http: httpx.Client, page: str, headers: dict[str, str]
) -> None:
    headers = {**headers, "Origin": sandbox.local_url} if "own" in headers else headers
    headers.pop("own", None)
    response = http.post(f"{page}/start", data={"csrf": form_token(http, page)}, headers=headers)
    assert response.status_code == 303
    token = page.rsplit("/", 1)[1]
    assert sandbox.app.state.store.get(token).status is Status.IN_PROGRESS


def test_every_form_on_the_page_carries_the_token(http: httpx.Client, page: str) -> None:
    csrf = form_token(http, page)
    http.post(f"{page}/start", data={"csrf": csrf})
    text = http.get(page).text
    forms = re.findall(r"<form.*?</form>", text, flags=re.S)
    assert len(forms) == 2  # the step and cancel
    assert all(f'name="csrf" value="{csrf}"' in form for form in forms)
