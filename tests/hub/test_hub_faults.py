"""Upstream down, slow or answering garbage: kiosks get the error classes the vendor would
give (so their retry policy works unchanged), and a session created upstream is never lost."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from kiosk.core.api import VerificationClient
from kiosk.core.credentials import Credentials
from kiosk.core.errors import NetworkError, RateLimited, ServerError
from kiosk.hub.server import HubServer
from kiosk.hub.store import HubStore
from kiosk.sandbox.faults import FaultKind, FaultRule, Target
from kiosk.sandbox.server import SandboxServer
from tests.hub.conftest import Hub, hub_config

PATH = "/api/v1.0/flow/sessions"


def fault(hub: Hub, kind: FaultKind, target: Target, **extra: float) -> None:
    hub.upstream.app.state.faults.set([FaultRule(kind=kind, target=target, **extra)])


@pytest.fixture
def impatient_hub(hub: Hub, upstream_key: str) -> Iterator[Hub]:
    """The same hub's parts, with upstream calls bounded at one second."""
    config = hub_config(hub.upstream, upstream_key, upstream_call_seconds=1.0)
    with HubServer(config, hub.store, graceful_seconds=1) as server:
        yield Hub(server, hub.upstream, hub.store, hub.kiosk, hub.secret, hub.upstream_key)


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (FaultKind.ERROR, 503),
        (FaultKind.NOT_JSON, 502),
        (FaultKind.MISSING_FIELDS, 502),
        (FaultKind.WRONG_TYPES, 502),
        (FaultKind.HUGE, 502),
        (FaultKind.DROP, 504),
    ],
)
def test_a_failing_create_upstream_is_a_retryable_server_error(
    hub: Hub, kind: FaultKind, status: int
) -> None:
    fault(hub, kind, Target.CREATE)
    with hub.client() as api, pytest.raises(ServerError) as caught:
        api.create_session(["liveness"])
    assert caught.value.status_code == status and caught.value.retryable
    assert hub.store.list_sessions() == []


def test_a_stalled_upstream_is_a_gateway_timeout(impatient_hub: Hub) -> None:
    fault(impatient_hub, FaultKind.STALL, Target.CREATE)
    with impatient_hub.client() as api, pytest.raises(ServerError) as caught:
        api.create_session(["liveness"])
    assert caught.value.status_code == 504


def test_upstream_rate_limits_reach_the_kiosk_with_their_wait(hub: Hub) -> None:
    fault(hub, FaultKind.RATE_LIMIT, Target.CREATE, seconds=7)
    with hub.client() as api, pytest.raises(RateLimited) as caught:
        api.create_session(["liveness"])
    assert caught.value.retry_after == 7


def test_status_reads_fail_over_to_5xx_and_recover(hub: Hub) -> None:
    with hub.client() as api:
        token = api.create_session(["liveness"]).token
        fault(hub, FaultKind.ERROR, Target.POLL)
        time.sleep(0.1)  # let the cached status age past the freshness window
        with pytest.raises(ServerError):
            api.get_status(token)
        hub.upstream.app.state.faults.clear()
        assert api.get_status(token).raw_status == "CREATED"


def test_an_unreachable_upstream_is_503(store: HubStore, upstream: SandboxServer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    config = hub_config(
        upstream, "irrelevant-key-123", upstream_url=f"http://127.0.0.1:{closed_port}"
    )
    from kiosk.hub.kiosks import enrol

    kiosk, secret = enrol(store, "k", "")
    with (
        HubServer(config, store, graceful_seconds=1) as server,
        VerificationClient(server.local_url, Credentials(kiosk.id, secret)) as api,
        pytest.raises(ServerError) as caught,
    ):
        api.create_session(["liveness"])
    assert caught.value.status_code == 503


def test_upstream_refusing_the_hubs_key_is_502_not_401(
    store: HubStore, upstream: SandboxServer
) -> None:
    from kiosk.hub.kiosks import enrol

    kiosk, secret = enrol(store, "k", "")
    wrong_key = "WRONG-UPSTREAM-KEY-4242"
    with (
        HubServer(hub_config(upstream, wrong_key), store, graceful_seconds=1) as server,
        httpx.Client(base_url=server.local_url, timeout=5) as http,
    ):
        response = http.post(
            PATH, json={"scopes": ["liveness"]}, headers={"APP-ID": kiosk.id, "APP-KEY": secret}
        )
    assert response.status_code == 502
    assert wrong_key not in response.text


def test_a_session_created_upstream_is_journaled_though_the_kiosk_hung_up(hub: Hub) -> None:
    fault(hub, FaultKind.LATENCY, Target.CREATE, seconds=1.0)
    impatient = VerificationClient(
        hub.url, Credentials(hub.kiosk.id, hub.secret), timeout=httpx.Timeout(0.3)
    )
    with impatient, pytest.raises(NetworkError):
        impatient.create_session(["liveness"], metadata={"reference": "hung-up"})
    # The creation finishes in the hub after the kiosk left: 1 s upstream, then the journal
    # (a loaded CI machine on PostgreSQL took over 5 s), so wait for it with a generous deadline.
    deadline = time.monotonic() + 30
    while not (rows := hub.store.list_sessions()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [r.reference for r in rows] == ["hung-up"]
    assert len(hub.upstream.app.state.store) == 1
