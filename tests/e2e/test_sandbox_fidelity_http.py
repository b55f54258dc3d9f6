"""Issue 14 over real loopback HTTP: the sandbox's published schema, callbacks, TTL and the Face
API's error answers as an integrator sees them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs
import pytest

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.verdict import decide
from kiosk.sandbox.server import SandboxServer
from kiosk.sandbox.session import iso_utc
from tests.conftest import APP_ID, APP_KEY, AUTH, FakeClock
from tests.e2e.receiver import CallbackReceiver

PATH = "/api/v1.0/flow/sessions"
VENDOR_EXAMPLE = json.loads(
    (Path(__file__).parent.parent / "data" / "vendor_status_example.json").read_text()
)


def status_schema(http: httpx.Client) -> Any:
    """A validator for the Get Status body as ``/openapi.json`` publishes it."""
    spec = http.get("/openapi.json").json()
    ok = spec["paths"][PATH + "/{token}"]["get"]["responses"]["200"]
    schema = ok["content"]["application/json"]["schema"]
    return jsonschema_rs.validator_for({**schema, "components": spec["components"]})


def finish(client: VerificationClient, clock: FakeClock, token: str) -> dict[str, Any]:
    for _ in range(20):
        body = httpx.get(f"{client.base_url}{PATH}/{token}", headers=AUTH).json()
        if body["status"] not in ("CREATED", "CAPTCHA_OK", "IN_PROGRESS"):
            return body  # type: ignore[no-any-return]
        clock.advance(0.05)
    raise AssertionError("the scenario did not end")


@pytest.fixture
def clocked_client(clocked_sandbox: SandboxServer) -> Any:
    with VerificationClient(clocked_sandbox.local_url, Credentials(APP_ID, APP_KEY)) as api:
        yield api


def test_the_published_status_schema_accepts_the_vendors_example(http: httpx.Client) -> None:
    validator = status_schema(http)
    errors = [e.message for e in validator.iter_errors(VENDOR_EXAMPLE)]
    assert errors == []


@pytest.mark.parametrize("scenario", ["pass", "no_match", "no_face", "many_faces", "expire"])
def test_the_sandboxs_own_bodies_match_its_published_schema(
    clock: FakeClock, clocked_client: VerificationClient, scenario: str
) -> None:
    with httpx.Client(base_url=clocked_client.base_url) as http:
        validator = status_schema(http)
    session = clocked_client.create_session(
        ["liveness", "deepfake", "enroll", "search"], metadata={"sandbox": {"scenario": scenario}}
    )
    body = finish(clocked_client, clock, session.token)
    assert [e.message for e in validator.iter_errors(body)] == []


def test_a_callback_is_sent_once_by_default(
    clock: FakeClock, clocked_client: VerificationClient
) -> None:
    with CallbackReceiver(fail_first=1) as receiver:
        clocked_client.create_session(
            ["liveness"], metadata={"sandbox": {"scenario": "pass"}}, callback_url=receiver.url
        )
        clock.advance(1)
        assert receiver.tried.wait(5)
        # The tests' retry backoff is 0.05 s: a retry would have come long before this.
        assert not receiver.accepted.wait(1.0)
    assert receiver.attempts == 1


@pytest.mark.parametrize(
    ("ttl", "granted"), [(86401, 86400), (10**9, 86400), (3, 10), (0.25, 10), (600, 600)]
)
def test_ttl_out_of_bounds_is_clamped_and_reported_in_expires_at(
    clock: FakeClock, http_on_clock: httpx.Client, ttl: float, granted: int
) -> None:
    created = http_on_clock.post(PATH, json={"scopes": ["liveness"], "ttlSec": ttl}, headers=AUTH)
    assert created.status_code == 200, created.text
    status = http_on_clock.get(f"{PATH}/{created.json()['token']}", headers=AUTH).json()
    assert status["expiresAt"] == iso_utc(clock.now + granted)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"scopes": ["liveness"], "ttlSec": 0}',
        b'{"scopes": ["liveness"], "ttlSec": -5}',
        b'{"scopes": ["liveness"], "ttlSec": "600"}',
        b'{"scopes": ["liveness"], "ttlSec": NaN}',
        b'{"scopes": ["liveness"], "ttlSec": Infinity}',
        b'{"scopes": ["liveness"], "ttlSec": 1e400}',
    ],
)
def test_ttl_that_is_not_a_positive_number_is_still_422(
    sandbox: SandboxServer, http: httpx.Client, raw: bytes
) -> None:
    headers = {**AUTH, "Content-Type": "application/json"}
    response = http.post(PATH, content=raw, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["message"].startswith("ttlSec: ")
    assert len(sandbox.app.state.store) == 0


@pytest.fixture
def http_on_clock(clocked_sandbox: SandboxServer) -> Any:
    with httpx.Client(base_url=clocked_sandbox.local_url, timeout=5) as raw:
        yield raw


@pytest.mark.parametrize(
    ("scenario", "code", "info"),
    [("no_face", 5, "can not detect face"), ("many_faces", 6, "more than one face detected")],
)
def test_error_scenarios_answer_like_the_face_api_and_the_kiosk_reads_them(
    clock: FakeClock, clocked_client: VerificationClient, scenario: str, code: int, info: str
) -> None:
    with CallbackReceiver() as receiver:
        session = clocked_client.create_session(
            ["liveness", "search"],
            metadata={"sandbox": {"scenario": scenario}},
            callback_url=receiver.url,
        )
        body = finish(clocked_client, clock, session.token)
        assert receiver.accepted.wait(5)
    assert body["status"] == "FAILED"
    assert body["result"] == {"status": "error", "code": code, "info": info}
    assert receiver.bodies == [body]
    status = clocked_client.get_status(session.token)
    assert status.result is not None and status.result.error is not None
    assert (status.result.error.code, status.result.error.info) == (code, info)
    verdict = decide(status)
    assert verdict.reasons == (f"The photo could not be checked: {info} (error {code}).",)
