"""Fault injection over HTTP: switching it at run time, and what each fault looks like."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from pydantic import ValidationError

from kiosk.core.api import VerificationClient
from kiosk.core.errors import NetworkError, RateLimited, ServerError, UnreadableResponse
from kiosk.sandbox.faults import FaultKind, FaultRule, Target
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, AUTH


@pytest.fixture
def admin(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.local_url, headers=AUTH, timeout=5) as client:
        yield client


def test_faults_are_switched_at_run_time_with_the_api_credentials(
    sandbox: SandboxServer, admin: httpx.Client, client: VerificationClient
) -> None:
    rules = {"rules": [{"kind": "error", "target": "poll", "count": 1}]}
    assert httpx.put(f"{sandbox.local_url}/sandbox/faults", json=rules).status_code == 401
    assert admin.put("/sandbox/faults", json=rules).status_code == 200
    assert admin.get("/sandbox/faults").json()["rules"][0]["kind"] == "error"
    session = client.create_session(["liveness"])
    with pytest.raises(ServerError):
        client.get_status(session.token)
    client.get_status(session.token)  # the burst of one is over
    assert admin.delete("/sandbox/faults").json() == {"rules": []}


def test_an_invalid_rule_is_refused(admin: httpx.Client) -> None:
    response = admin.put("/sandbox/faults", json={"rules": [{"kind": "meteor"}]})
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("kind", "error", "words"),
    [
        (FaultKind.NOT_JSON, UnreadableResponse, "not JSON"),
        (FaultKind.MISSING_FIELDS, UnreadableResponse, "'status' is missing"),
        (FaultKind.WRONG_TYPES, UnreadableResponse, "'status' is missing or not a string"),
        (FaultKind.HUGE, UnreadableResponse, "more than"),
        (FaultKind.RATE_LIMIT, RateLimited, "retry after 0.2 s"),
        (FaultKind.DROP, NetworkError, "connection"),
    ],
)
def test_each_fault_reaches_the_client_as_its_error(
    sandbox: SandboxServer,
    client: VerificationClient,
    kind: FaultKind,
    error: type[Exception],
    words: str,
) -> None:
    session = client.create_session(["liveness"])
    sandbox.app.state.faults.set([FaultRule(kind=kind, target=Target.POLL, seconds=0.2)])
    with pytest.raises(error, match=words):
        client.get_status(session.token)


def test_unknown_status_and_latency_still_answer(
    sandbox: SandboxServer, client: VerificationClient
) -> None:
    session = client.create_session(["liveness"])
    sandbox.app.state.faults.set([FaultRule(kind=FaultKind.UNKNOWN_STATUS, count=1)])
    assert client.get_status(session.token).raw_status == "ARCHIVED"
    sandbox.app.state.faults.set([FaultRule(kind=FaultKind.LATENCY, seconds=0.05, count=1)])
    assert client.get_status(session.token).raw_status == "CREATED"


def test_a_stall_ends_in_the_clients_timeout(sandbox: SandboxServer) -> None:
    from kiosk.core.api import Credentials

    timeout = httpx.Timeout(0.3)
    with VerificationClient(sandbox.local_url, Credentials(APP_ID, APP_KEY), timeout=timeout) as c:
        session = c.create_session(["liveness"])
        sandbox.app.state.faults.set([FaultRule(kind=FaultKind.STALL, target=Target.POLL)])
        with pytest.raises(NetworkError, match="did not answer"):
            c.get_status(session.token)


def test_rates_hit_a_share_of_requests(sandbox: SandboxServer, client: VerificationClient) -> None:
    session = client.create_session(["liveness"])
    sandbox.app.state.faults.set([FaultRule(kind=FaultKind.ERROR, rate=0.5)])
    failures = 0
    for _ in range(60):
        try:
            client.get_status(session.token)
        except ServerError:
            failures += 1
    assert 10 < failures < 50


def test_command_line_form_of_a_rule() -> None:
    rule = FaultRule.parse("kind=rate_limit,target=final,count=3,seconds=2")
    assert (rule.kind, rule.target, rule.count, rule.seconds) == (
        FaultKind.RATE_LIMIT,
        Target.FINAL,
        3,
        2.0,
    )
    with pytest.raises(ValidationError, match="count or rate"):
        FaultRule.parse("kind=error,count=1,rate=0.5")
