"""The hub's Prometheus endpoint: values that move as kiosks run sessions through a real hub
and sandbox, the optional bearer token, and an exposition free of secrets that parses."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.cli import main
from kiosk.core.errors import NetworkError, RateLimited
from kiosk.hub.app import HubConfig
from kiosk.hub.metrics import HubMetrics
from kiosk.hub.server import HubServer
from kiosk.hub.store import HubStore, StoreUnavailable
from kiosk.sandbox.faults import FaultKind, FaultRule, Target
from kiosk.sandbox.server import SandboxServer
from tests.hub.conftest import Hub, hub_config
from tests.hub.test_hub_events import PATH, create, events
from tests.hub.test_hub_http import wait_final

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def parse(text: str) -> Samples:
    """Every sample of an exposition, by name and labels (raises if the format is wrong)."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def scrape(url: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.get(f"{url}/metrics", headers=headers or {}, timeout=5)


def wait_for(hub: Hub, condition: Any, what: str) -> Samples:
    deadline = time.monotonic() + 30  # generous: a loaded CI machine
    while time.monotonic() < deadline:
        samples = parse(scrape(hub.url).text)
        if condition(samples):
            return samples
        time.sleep(0.02)
    interesting = {k: v for k, v in samples.items() if "finished" in str(k) or "streams" in str(k)}
    raise AssertionError(f"the metrics never showed {what}: {interesting}")


def test_values_move_as_a_pass_and_a_fail_session_run(hub: Hub) -> None:
    site = hub.kiosk.site
    before = parse(scrape(hub.url).text)
    assert value(before, "hub_sessions_created_total", site=site) == 0
    assert value(before, "hub_event_streams") == 0
    assert value(before, "hub_kiosks_online", site=site) == 0

    # A session with no scenario waits for the phone: its stream stays open (with keep-alives).
    waiting = create(hub)
    with (
        httpx.Client(base_url=hub.url, timeout=20) as http,
        http.stream("GET", f"{PATH}/{waiting}/events", headers=hub.auth) as response,
    ):
        stream = events(response)  # kept: a dropped generator closes the connection
        assert next(stream)[0] == "status"
        during = parse(scrape(hub.url).text)
        assert value(during, "hub_event_streams") == 1
        assert value(during, "hub_kiosks_online", site=site) == 1
        assert value(during, "hub_live_sessions") == 1
        assert value(during, "hub_sessions_created_total", site=site) == 1
    wait_final(hub, create(hub, "pass"))
    wait_final(hub, create(hub, "fail_liveness"))

    after = wait_for(
        hub,
        lambda s: (
            value(s, "hub_sessions_finished_total", site=site, outcome="PASS") == 1
            and value(s, "hub_sessions_finished_total", site=site, outcome="FAIL") == 1
            and value(s, "hub_event_streams") == 0
        ),
        "both sessions finished and the stream closed",
    )
    assert value(after, "hub_sessions_created_total", site=site) == 3
    assert value(after, "hub_live_sessions") == 1  # the one still waiting for its phone
    assert value(after, "hub_kiosks_online", site=site) == 1  # seen within the window
    assert value(after, "hub_upstream_request_seconds_count", operation="create") == 3
    assert value(after, "hub_upstream_request_seconds_count", operation="status") >= 2
    assert value(after, "hub_upstream_request_seconds_sum", operation="status") > 0
    failures = ("hub_upstream_errors_total", "hub_database_errors_total")
    assert not [key for key in after if key[0] in failures]


def test_the_exposition_holds_no_secret_after_a_full_run(hub: Hub) -> None:
    reference = f"REF-{secrets.token_hex(6)}"
    with hub.client() as api:
        created = api.create_session(
            ["liveness"], metadata={"reference": reference, "sandbox": {"scenario": "pass"}}
        )
    wait_final(hub, created.token)
    record = hub.store.get_session(created.session_id)
    assert record is not None
    text = wait_for(
        hub,
        lambda s: value(s, "hub_sessions_finished_total", site=hub.kiosk.site, outcome="PASS"),
        "the session finished",
    )
    assert text
    exposition = scrape(hub.url).text
    for secret in (
        hub.secret,
        hub.upstream_key,
        hub.kiosk.id,  # not a secret, but no label holds kiosk ids (unbounded by design)
        hub.kiosk.secret_hash,
        created.token,
        record.upstream_token,
        record.callback_path,
        record.session_id,
        reference,
    ):
        assert secret not in exposition


@pytest.fixture
def guarded(store: HubStore, upstream: SandboxServer, upstream_key: str) -> Iterator[str]:
    token = secrets.token_urlsafe(24)
    config = hub_config(upstream, upstream_key, metrics_token=token)
    with HubServer(config, store, graceful_seconds=1) as server:
        yield server.local_url + "|" + token


def test_a_metrics_token_is_required_when_set(guarded: str) -> None:
    url, token = guarded.split("|")
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {token}"},
        {"Authorization": token},
        {"Authorization": f"Bearer {token}x"},
    ):
        refused = scrape(url, headers)
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"] == "Bearer"
        assert "hub_" not in refused.text
    allowed = scrape(url, {"Authorization": f"Bearer {token}"})
    assert allowed.status_code == 200
    assert allowed.headers["content-type"].startswith("text/plain")
    assert ("hub_live_sessions", frozenset()) in parse(allowed.text)
    assert token not in allowed.text


def test_metrics_are_open_without_a_token(hub: Hub) -> None:
    response = scrape(hub.url)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


def test_upstream_errors_by_kind_and_the_online_window() -> None:
    now = [1000.0]
    streams: dict[str, int] = {}
    metrics = HubMetrics(lambda: 3, streams, online_seconds=60, clock=lambda: now[0])
    other = HubMetrics(lambda: 0, {})  # a second hub in one process: its own registry
    metrics.upstream_call("status", 0.2, NetworkError("down", request_sent=False))
    metrics.upstream_call("status", 0.1, RateLimited("slow down", retry_after=None))
    metrics.upstream_call("create", 0.3, None)
    metrics.database_error("gate")
    metrics.kiosk_seen("k1", "north")
    metrics.kiosk_seen("k2", "north")
    streams["k2"] = 1
    samples = parse(_exposition(metrics))
    assert value(samples, "hub_upstream_errors_total", operation="status", kind="NetworkError") == 1
    assert value(samples, "hub_upstream_errors_total", operation="status", kind="RateLimited") == 1
    assert value(samples, "hub_upstream_request_seconds_count", operation="status") == 2
    assert value(samples, "hub_database_errors_total", where="gate") == 1
    assert value(samples, "hub_live_sessions") == 3
    assert value(samples, "hub_kiosks_online", site="north") == 2
    now[0] += 61  # k1 silent past the window; k2 still holds a stream
    assert value(parse(_exposition(metrics)), "hub_kiosks_online", site="north") == 1
    assert value(parse(_exposition(other)), "hub_upstream_request_seconds_count") == 0


def _exposition(metrics: HubMetrics) -> str:
    from prometheus_client import generate_latest

    return generate_latest(metrics.registry).decode()


def test_serve_takes_the_metrics_token_from_the_named_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import kiosk.hub.server

    seen: list[HubConfig] = []

    def listening_fails(config: HubConfig, *args: Any, **kwargs: Any) -> None:
        seen.append(config)
        raise OSError("stop here")

    monkeypatch.setattr(kiosk.hub.server, "HubServer", listening_fails)
    monkeypatch.setenv("KIOSK_HUB_UPSTREAM_KEY", "UPSTREAM-KEY-for-this-test")
    monkeypatch.delenv("HUB_SCRAPE_TOKEN", raising=False)
    argv = ["hub", "serve", "--upstream", "https://cloud.example", "--upstream-app-id", "acct"]
    argv += ["--database", f"sqlite:///{tmp_path / 'h.db'}", "--metrics-token-env"]
    assert main([*argv, "HUB_SCRAPE_TOKEN"]) == 2  # asked for a token, none given: no start
    assert "HUB_SCRAPE_TOKEN" in capsys.readouterr().err and not seen
    monkeypatch.setenv("HUB_SCRAPE_TOKEN", " scrape-token-123 ")
    assert main([*argv, "HUB_SCRAPE_TOKEN"]) == 1
    assert [config.metrics_token for config in seen] == ["scrape-token-123"]
    assert "scrape-token-123" not in repr(seen[0])


def test_upstream_and_database_failures_are_counted_by_kind(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = create(hub)
    for kind in (FaultKind.ERROR, FaultKind.NOT_JSON):
        hub.upstream.app.state.faults.set([FaultRule(kind=kind, target=Target.CREATE)])
        with httpx.Client(base_url=hub.url, timeout=10) as http:
            assert http.post(PATH, json={"scopes": ["liveness"]}, headers=hub.auth).is_error
    hub.upstream.app.state.faults.set([])

    def down(*_: Any) -> None:
        raise StoreUnavailable("the test took the database away")

    with httpx.Client(base_url=hub.url, timeout=10) as http:
        monkeypatch.setattr(hub.store, "find_by_hub_token", down)
        assert http.get(f"{PATH}/{token}", headers=hub.auth).status_code == 503
        monkeypatch.setattr(hub.store, "get_kiosk", down)
        assert http.get(f"{PATH}/{token}", headers=hub.auth).status_code == 503
    samples = parse(scrape(hub.url).text)
    errors = "hub_upstream_errors_total"
    assert value(samples, errors, operation="create", kind="ServerError") == 1
    assert value(samples, errors, operation="create", kind="UnreadableResponse") == 1
    assert value(samples, "hub_database_errors_total", where="request") == 1
    assert value(samples, "hub_database_errors_total", where="gate") == 1
    assert value(samples, "hub_sessions_created_total", site=hub.kiosk.site) == 1
