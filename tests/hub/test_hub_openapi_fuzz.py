"""Schemathesis over the sandbox's /openapi.json (the vendor's contract as the sandbox
documents it), sent to the hub with a kiosk's credentials, a real sandbox upstream: no 5xx, and
every answer of the hub matches what the contract declares (status, content type, body)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from kiosk.hub.database import open_store
from kiosk.hub.kiosks import enrol
from kiosk.hub.server import HubServer
from kiosk.hub.tracker import TrackerSettings
from kiosk.sandbox.app import create_app
from kiosk.sandbox.server import SandboxServer
from tests.conftest import make_config
from tests.e2e.test_openapi_fuzz import CHECKS
from tests.hub.conftest import hub_config

schema = schemathesis.openapi.from_dict(create_app(make_config()).openapi())


@pytest.fixture(scope="module")
def hub_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    key = f"UPSTREAM-KEY-{secrets.token_hex(8)}"
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('hub') / 'hub.sqlite3'}")
    kiosk, secret = enrol(store, "fuzzer", "lab")
    # Polled once a second: the fuzzer creates many sessions that never end.
    tracker = TrackerSettings(poll_interval=1.0, fresh_seconds=0.5)
    try:
        with (
            SandboxServer(make_config(app_key=key)) as sandbox,
            HubServer(hub_config(sandbox, key, tracker=tracker), store) as hub,
        ):
            yield hub.local_url, {"APP-ID": kiosk.id, "APP-KEY": secret}
    finally:
        store.close()


@schema.parametrize()
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_hub_answers_as_the_contract_says(
    hub_target: tuple[str, dict[str, str]], case: Any
) -> None:
    url, auth = hub_target
    case.call_and_validate(base_url=url, headers={**(case.headers or {}), **auth}, checks=CHECKS)
