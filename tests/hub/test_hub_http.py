"""The hub towards kiosks over real loopback HTTP, a real sandbox upstream: the vendor's
contract (auth, validation, lifecycle), per-kiosk isolation and policy, and error classes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.core.errors import AuthError, InvalidRequest, UnknownSession
from kiosk.core.models import Status
from kiosk.core.verdict import decide
from kiosk.hub.kiosks import enrol, set_policy
from tests.e2e.test_sandbox_http import INVALID_BODIES
from tests.hub.conftest import Hub

PATH = "/api/v1.0/flow/sessions"


def upstream_sessions(hub: Hub) -> int:
    return len(hub.upstream.app.state.store)


def wait_final(hub: Hub, token: str, reads: int = 200) -> Any:
    with hub.client() as api:
        for _ in range(reads):
            status = api.get_status(token)
            if status.status.is_final:
                return status
    raise AssertionError("the session did not end")


def test_a_kiosk_with_its_own_secret_creates_and_reads_a_session(hub: Hub) -> None:
    with hub.client() as api:
        created = api.create_session(["liveness", "deepfake"], metadata={"reference": "A-17"})
        # The link points at upstream (the phone talks to the vendor, not the hub) ...
        assert created.url.startswith(f"{hub.upstream.public_url}/flow/")
        # ... and the token the kiosk holds is the hub's, not upstream's.
        assert created.token not in created.url
        status = api.get_status(created.token)
    assert status.status is Status.CREATED
    assert status.scopes == ("liveness", "deepfake")
    record = hub.store.find_by_hub_token(created.token)
    assert record is not None
    assert (record.kiosk_id, record.site, record.reference) == (hub.kiosk.id, "branch-7", "A-17")
    assert record.session_id == created.session_id


def test_the_session_metadata_is_stamped_with_kiosk_and_site(hub: Hub) -> None:
    forged = {"hub": {"kiosk": "someone-else"}, "lane": 3}
    with hub.client() as api:
        created = api.create_session(["liveness"], metadata=forged)
    record = hub.store.find_by_hub_token(created.token)
    assert record is not None
    upstream = hub.upstream.app.state.store.snapshot(record.upstream_token)
    assert upstream["metadata"] == {"lane": 3, "hub": {"kiosk": hub.kiosk.id, "site": "branch-7"}}


@pytest.mark.parametrize(
    ("scenario", "final", "outcome"),
    [
        ("pass", "DONE", "PASS"),
        ("fail_liveness", "DONE", "FAIL"),
        ("fail_deepfake", "DONE", "FAIL"),
        ("no_match", "DONE", "FAIL"),
        ("fail", "FAILED", "FAIL"),
        ("no_face", "FAILED", "FAIL"),
        ("expire", "EXPIRED", "FAIL"),
        ("cancel", "CANCELED", "FAIL"),
    ],
)
def test_sessions_run_to_their_end_and_the_journal_has_the_outcome(
    hub: Hub, scenario: str, final: str, outcome: str
) -> None:
    scopes = ["liveness", "deepfake", "search"]
    with hub.client() as api:
        created = api.create_session(scopes, metadata={"sandbox": {"scenario": scenario}})
    status = wait_final(hub, created.token)
    assert status.raw_status == final
    assert decide(status, scopes).outcome.value == outcome
    record = hub.store.get_session(created.session_id)
    assert record is not None
    for _ in range(100):  # the journal is written just after the kiosks are told
        record = hub.store.get_session(created.session_id)
        if record is not None and record.ended_at is not None:
            break
    assert record is not None and record.status == final and record.outcome == outcome
    if scenario == "pass":
        assert set(record.scores) == {"liveness", "deepfake", "search"} and record.reasons == ()
    else:
        assert record.reasons


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"APP-ID": "kiosk-000000000000"},
        {"APP-KEY": "x" * 43},
        {"APP-ID": "kiosk-000000000000", "APP-KEY": "x" * 43},
        {"APP-ID": "test-app", "APP-KEY": "UPSTREAM"},
    ],
)
def test_both_endpoints_need_a_kiosks_pair(hub: Hub, headers: dict[str, str]) -> None:
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        created = http.post(PATH, json={"scopes": ["liveness"]}, headers=headers)
        status = http.get(f"{PATH}/whatever-token-0123456789", headers=headers)
        events = http.get(f"{PATH}/whatever-token-0123456789/events", headers=headers)
    for response in (created, status, events):
        assert response.status_code == 401
        assert response.json()["error"] == "unauthorized"
    assert upstream_sessions(hub) == 0


def test_the_upstream_key_is_not_a_kiosk_key(hub: Hub) -> None:
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        response = http.post(
            PATH,
            json={"scopes": ["liveness"]},
            headers={"APP-ID": hub.kiosk.id, "APP-KEY": hub.upstream_key},
        )
    assert response.status_code == 401


def test_a_wrong_secret_is_refused_and_logged_with_the_kiosk_id_only(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "wrong-" + hub.secret[6:]
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        response = http.get(
            f"{PATH}/whatever-token-0123456789", headers={**hub.auth, "APP-KEY": wrong}
        )
    assert response.status_code == 401
    lines = [r.getMessage() for r in caplog.records if "401" in r.getMessage()]
    assert any(hub.kiosk.id in line for line in lines)
    assert not any(wrong in line or hub.secret in line for line in lines)


@pytest.mark.parametrize(("body", "code", "words"), INVALID_BODIES)
def test_bad_input_gets_the_sandboxs_answer_and_creates_nothing(
    hub: Hub, body: Any, code: int, words: str
) -> None:
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        if isinstance(body, bytes):
            headers = {**hub.auth, "Content-Type": "application/json"}
            response = http.post(PATH, content=body, headers=headers)
        else:
            response = http.post(PATH, json=body, headers=hub.auth)
    assert response.status_code == code, response.text
    assert words in response.json()["message"]
    assert upstream_sessions(hub) == 0


def test_oversized_body_is_refused(hub: Hub) -> None:
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        response = http.post(
            PATH, json={"scopes": ["liveness"], "x": "y" * 70_000}, headers=hub.auth
        )
    assert response.status_code == 413
    assert upstream_sessions(hub) == 0


def test_a_kiosk_cannot_read_another_kiosks_session(hub: Hub) -> None:
    other, secret = enrol(hub.store, "Other tablet", "branch-9")
    with hub.client() as api:
        created = api.create_session(["liveness"])
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        response = http.get(
            f"{PATH}/{created.token}", headers={"APP-ID": other.id, "APP-KEY": secret}
        )
    assert response.status_code == 404


def test_unknown_token_is_404(hub: Hub) -> None:
    with hub.client() as api, pytest.raises(UnknownSession):
        api.get_status("not-a-real-token-at-all")


def test_policy_limits_scopes_ttl_and_rate(hub: Hub) -> None:
    set_policy(
        hub.store, hub.kiosk.id, allowed_scopes=["liveness"], max_ttl_sec=120, rate_per_minute=2
    )
    with hub.client() as api:
        with pytest.raises(InvalidRequest, match="search not allowed"):
            api.create_session(["liveness", "search"])
        created = api.create_session(["liveness"], ttl_sec=86400)
        record = hub.store.find_by_hub_token(created.token)
        assert record is not None
        granted = hub.upstream.app.state.store.snapshot(record.upstream_token)["expiresAt"]
        api.create_session(["liveness"])
    assert granted  # the sandbox clamps; the cap is checked below through its TTL
    session = hub.upstream.app.state.store.get(record.upstream_token)
    assert session.expires_at - session.created_at <= 120
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        limited = http.post(PATH, json={"scopes": ["liveness"]}, headers=hub.auth)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1


def test_revoked_kiosk_gets_401_at_its_next_request(hub: Hub) -> None:
    from kiosk.hub.kiosks import revoke

    with hub.client() as api:
        created = api.create_session(["liveness"])
        revoke(hub.store, hub.kiosk.id)
        with pytest.raises(AuthError):
            api.get_status(created.token)
        with pytest.raises(AuthError):
            api.create_session(["liveness"])


def test_rotation_replaces_the_secret_at_once(hub: Hub) -> None:
    from kiosk.hub.kiosks import rotate

    _, new = rotate(hub.store, hub.kiosk.id)
    with hub.client() as api, pytest.raises(AuthError):
        api.create_session(["liveness"])
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        response = http.post(
            PATH, json={"scopes": ["liveness"]}, headers={**hub.auth, "APP-KEY": new}
        )
    assert response.status_code == 200


def test_health_and_readiness(hub: Hub) -> None:
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        ready = http.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


def test_the_hub_serves_https_with_a_certificate(hub: Hub, tmp_path: Path) -> None:
    import ssl

    import trustme

    from kiosk.hub.server import HubServer
    from tests.hub.conftest import hub_config

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    certfile, keyfile = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.private_key_and_cert_chain_pem.write_to_path(str(certfile))
    cert.private_key_pem.write_to_path(str(keyfile))
    config = hub_config(hub.upstream, hub.upstream_key)
    with HubServer(config, hub.store, certfile=str(certfile), keyfile=str(keyfile)) as tls:
        assert tls.local_url.startswith("https://") and config.public_url == tls.local_url
        context = ssl.create_default_context()
        ca.configure_trust(context)
        with httpx.Client(base_url=tls.local_url, verify=context, timeout=5) as http:
            created = http.post(PATH, json={"scopes": ["liveness"]}, headers=hub.auth)
    assert created.status_code == 200


def test_a_database_outage_is_503_for_kiosks_not_401(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.core.errors import ServerError
    from kiosk.hub.store import StoreUnavailable

    def down(*_: object) -> None:
        raise StoreUnavailable("hub database: connection refused")

    monkeypatch.setattr(hub.store, "get_kiosk", down)
    monkeypatch.setattr(hub.store, "ping", down)
    with hub.client() as api, pytest.raises(ServerError) as caught:
        api.create_session(["liveness"])
    assert caught.value.status_code == 503 and caught.value.retryable
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        assert http.get("/readyz").status_code == 503
        assert http.get("/healthz").status_code == 200
    assert upstream_sessions(hub) == 0
