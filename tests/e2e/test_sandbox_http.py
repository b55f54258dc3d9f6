"""The sandbox over real loopback HTTP: auth, validation, lifecycle, TTL, callbacks."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.errors import AuthError, InvalidRequest, UnknownSession
from kiosk.core.models import Status, Step
from kiosk.core.verdict import decide
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, AUTH, FakeClock, make_config
from tests.e2e.receiver import CallbackReceiver

PATH = "/api/v1.0/flow/sessions"


@pytest.fixture
def clocked_client(clocked_sandbox: SandboxServer) -> Iterator[VerificationClient]:
    with VerificationClient(clocked_sandbox.local_url, Credentials(APP_ID, APP_KEY)) as api:
        yield api


def session_count(server: SandboxServer) -> int:
    return len(server.app.state.store)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"APP-ID": APP_ID},
        {"APP-KEY": APP_KEY},
        {"APP-ID": APP_ID, "APP-KEY": APP_KEY + "x"},
        {"APP-ID": "other", "APP-KEY": APP_KEY},
        {"APP-ID": APP_ID, "APP-KEY": APP_KEY[:-1]},
    ],
)
def test_both_endpoints_need_the_right_pair(
    sandbox: SandboxServer, http: httpx.Client, headers: dict[str, str]
) -> None:
    created = http.post(PATH, json={"scopes": ["liveness"]}, headers=headers)
    status = http.get(f"{PATH}/whatever", headers=headers)
    for response in (created, status):
        assert response.status_code == 401
        assert response.json() == {
            "error": "unauthorized",
            "message": "APP-ID or APP-KEY is missing or wrong.",
        }
    assert session_count(sandbox) == 0


def test_wrong_credentials_are_refused_before_the_body_is_looked_at(http: httpx.Client) -> None:
    response = http.post(PATH, content=b"not json", headers={"APP-ID": APP_ID, "APP-KEY": "no"})
    assert response.status_code == 401


def test_client_reports_bad_credentials(sandbox: SandboxServer) -> None:
    wrong = Credentials(APP_ID, "wrong-key-1234")
    with VerificationClient(sandbox.local_url, wrong) as api, pytest.raises(AuthError, match="401"):
        api.create_session(["liveness"])


def test_create_returns_uuid4_unguessable_token_and_own_flow_url(
    sandbox: SandboxServer, client: VerificationClient
) -> None:
    session = client.create_session(["liveness", "deepfake", "search"])
    assert uuid.UUID(session.session_id).version == 4
    assert len(session.token) >= 43
    assert session.url == f"{sandbox.public_url}/flow/{session.token}"
    status = client.get_status(session.token)
    assert status.status is Status.CREATED
    assert status.scopes == ("liveness", "deepfake", "search")
    assert status.next_step is None
    assert status.expires_at is not None and status.expires_at.tzinfo is not None


INVALID_BODIES: list[tuple[Any, int, str]] = [
    (b"{not json", 400, "not valid JSON"),
    (b"[]", 400, "JSON object"),
    (b'"scopes"', 400, "JSON object"),
    (b"", 400, "JSON object"),
    ({}, 422, "scopes: Field required"),
    ({"scopes": []}, 422, "scopes: List should have at least 1 item"),
    ({"scopes": "liveness"}, 422, "scopes: Input should be a valid list"),
    ({"scopes": ["face"]}, 422, "'liveness', 'deepfake', 'search' or 'enroll'"),
    ({"scopes": ["liveness", "liveness"]}, 422, "only once"),
    ({"scopes": ["liveness"], "metadata": []}, 422, "metadata: Input should be a valid dict"),
    ({"scopes": ["liveness"], "metadata": {"x": "y" * 17000}}, 422, "more than the 16384"),
    ({"scopes": ["liveness"], "metadata": {"sandbox": {"scenario": "win"}}}, 422, "scenario"),
    ({"scopes": ["liveness"], "metadata": {"sandbox": 1}}, 422, "'sandbox' must be an object"),
    ({"scopes": ["liveness"], "callbackUrl": "http://example.com/cb"}, 422, "must use https"),
    ({"scopes": ["liveness"], "callbackUrl": "ftp://example.com/cb"}, 422, "absolute http(s)"),
    ({"scopes": ["liveness"], "callbackUrl": "https://"}, 422, "absolute http(s)"),
    ({"scopes": ["liveness"], "returnUrl": "/done"}, 422, "returnUrl: must be an absolute"),
    ({"scopes": ["liveness"], "returnUrl": "https://x.test:99999/"}, 422, "not a valid URL"),
    ({"scopes": ["liveness"], "ttlSec": "600"}, 422, "ttlSec: Input should be a valid number"),
    ({"scopes": ["liveness"], "ttlSec": True}, 422, "ttlSec"),
    ({"scopes": ["liveness"], "ttlSec": 0}, 422, "ttlSec: Input should be greater than 0"),
    ({"scopes": ["liveness"], "ttlSec": -30}, 422, "ttlSec: Input should be greater than 0"),
    ({"scopes": ["liveness"], "callbackURL": "https://x.test"}, 422, "callbackURL: Extra inputs"),
]


@pytest.mark.parametrize(("body", "code", "words"), INVALID_BODIES)
def test_bad_input_gets_a_clear_4xx_and_creates_nothing(
    sandbox: SandboxServer, http: httpx.Client, body: Any, code: int, words: str
) -> None:
    if isinstance(body, bytes):
        headers = {**AUTH, "Content-Type": "application/json"}
        response = http.post(PATH, content=body, headers=headers)
    else:
        response = http.post(PATH, json=body, headers=AUTH)
    assert response.status_code == code, response.text
    assert words in response.json()["message"]
    assert session_count(sandbox) == 0


def test_non_json_content_type_is_named_in_the_message(http: httpx.Client) -> None:
    response = http.post(PATH, data={"scopes": "liveness"}, headers=AUTH)
    assert response.status_code == 400
    assert "Content-Type: application/json" in response.json()["message"]


def test_oversized_body_is_refused_unread(sandbox: SandboxServer, http: httpx.Client) -> None:
    response = http.post(PATH, json={"scopes": ["liveness"], "x": "y" * 70_000}, headers=AUTH)
    assert response.status_code == 413
    assert session_count(sandbox) == 0


def test_client_surfaces_the_servers_message(client: VerificationClient) -> None:
    with pytest.raises(InvalidRequest, match="ttlSec: Input should be greater than 0"):
        client.create_session(["liveness"], ttl_sec=-1)


def test_loopback_http_callback_and_valid_extras_are_accepted(client: VerificationClient) -> None:
    session = client.create_session(
        ["enroll"],
        metadata={"kiosk": "front-desk-1", "sandbox": {"captcha": True}},
        callback_url="http://127.0.0.1:9/hook",
        return_url="https://example.com/thanks",
        ttl_sec=10,
    )
    status = client.get_status(session.token)
    assert status.need_captcha is True
    assert status.return_url == "https://example.com/thanks"


def test_unknown_token_is_404(client: VerificationClient) -> None:
    with pytest.raises(UnknownSession):
        client.get_status("not-a-real-token-at-all")


@pytest.mark.parametrize(
    ("scenario", "final", "passes"),
    [
        ("pass", Status.DONE, True),
        ("fail_liveness", Status.DONE, False),
        ("fail_deepfake", Status.DONE, False),
        ("no_match", Status.DONE, False),
        ("fail", Status.FAILED, False),
        ("expire", Status.EXPIRED, False),
        ("cancel", Status.CANCELED, False),
    ],
)
def test_every_scenario_over_http(
    clock: FakeClock,
    clocked_client: VerificationClient,
    scenario: str,
    final: Status,
    passes: bool,
) -> None:
    scopes = ["liveness", "deepfake", "search"]
    session = clocked_client.create_session(scopes, metadata={"sandbox": {"scenario": scenario}})
    seen = []
    for _ in range(8):
        status = clocked_client.get_status(session.token)
        seen.append(status.status)
        if status.status.is_final:
            break
        clock.advance(0.05)
    assert seen[0] is Status.CREATED
    assert seen[-1] is final
    assert status.next_step is None
    assert decide(status, scopes).passed is passes
    if scenario not in ("expire",):
        assert Status.IN_PROGRESS in seen


def test_ttl_expiry_over_http(clock: FakeClock, clocked_client: VerificationClient) -> None:
    session = clocked_client.create_session(["liveness"], ttl_sec=30)
    clock.advance(29)
    assert clocked_client.get_status(session.token).status is Status.CREATED
    clock.advance(1)
    assert clocked_client.get_status(session.token).status is Status.EXPIRED


def test_callback_posts_the_status_body(
    clock: FakeClock, clocked_client: VerificationClient
) -> None:
    with CallbackReceiver() as receiver:
        session = clocked_client.create_session(
            ["liveness"],
            metadata={"sandbox": {"scenario": "pass"}, "kiosk": "k-7"},
            callback_url=receiver.url,
        )
        clock.advance(1)  # nobody polls: the server's own ticker finishes it and calls back
        assert receiver.accepted.wait(5)
        status_body = httpx.get(
            f"{clocked_client.base_url}{PATH}/{session.token}", headers=AUTH
        ).json()
    assert receiver.bodies == [status_body]
    assert status_body["sessionId"] == session.session_id
    assert status_body["metadata"]["kiosk"] == "k-7"


@pytest.fixture
def retrying_sandbox(clock: FakeClock) -> Iterator[SandboxServer]:
    """A sandbox with callback retries turned on (``--callback-retries 3``); off by default."""
    with SandboxServer(make_config(clock=clock, callback_attempts=4)) as server:
        yield server


def test_callback_is_retried_with_backoff_until_accepted_when_retries_are_on(
    clock: FakeClock, retrying_sandbox: SandboxServer
) -> None:
    with (
        CallbackReceiver(fail_first=2) as receiver,
        VerificationClient(retrying_sandbox.local_url, Credentials(APP_ID, APP_KEY)) as api,
    ):
        api.create_session(
            ["liveness"], metadata={"sandbox": {"scenario": "cancel"}}, callback_url=receiver.url
        )
        clock.advance(1)
        assert receiver.accepted.wait(5)
    assert receiver.attempts == 3
    assert [b["status"] for b in receiver.bodies] == ["CANCELED"]


def test_callback_gives_up_after_its_attempts(
    clock: FakeClock, retrying_sandbox: SandboxServer
) -> None:
    with CallbackReceiver(fail_first=99) as receiver:
        with VerificationClient(retrying_sandbox.local_url, Credentials(APP_ID, APP_KEY)) as api:
            api.create_session(
                ["liveness"], metadata={"sandbox": {"scenario": "fail"}}, callback_url=receiver.url
            )
        clock.advance(1)
        assert not receiver.accepted.wait(0.05 * (1 + 2 + 4) + 1.0)
    assert receiver.attempts == 4


def test_openapi_describes_both_operations(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    assert set(spec["paths"]) == {PATH, PATH + "/{token}"}
    create = spec["paths"][PATH]["post"]
    assert {"200", "400", "401", "422"} <= set(create["responses"])
    schemes = spec["components"]["securitySchemes"]
    assert {s["name"] for s in schemes.values()} == {"APP-ID", "APP-KEY"}


def test_lan_binding_puts_a_reachable_host_in_links() -> None:
    # The link names the public address; nothing is sent to it.
    server = SandboxServer(make_config(), public_url="http://10.1.2.3:8765/")
    with server, VerificationClient(server.local_url, Credentials(APP_ID, APP_KEY)) as api:
        session = api.create_session(["liveness"])
    assert urlsplit(session.url).netloc == "10.1.2.3:8765"


def test_flow_url_is_served_by_the_sandbox(client: VerificationClient) -> None:
    session = client.create_session(["liveness"])
    page = httpx.get(session.url)
    assert page.status_code == 200
    assert "Verify your face" in page.text
    assert Step.LIVENESS.value not in page.text  # no step page before the person starts


def test_listener_disables_nagle_so_responses_are_not_held_back(sandbox: SandboxServer) -> None:
    # Without TCP_NODELAY every loopback response waited ~40 ms for a delayed ACK.
    import socket

    listener = sandbox._socket
    assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
