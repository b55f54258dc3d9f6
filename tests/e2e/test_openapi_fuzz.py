"""Schemathesis over the sandbox's own /openapi.json, against the real server on loopback.

It generates valid and invalid requests from the schema and asserts that no request gets a 5xx
and that every response matches what the schema declares (status, content type, body).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from kiosk.sandbox.app import create_app
from kiosk.sandbox.server import SandboxServer
from tests.conftest import AUTH, make_config

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# The schema is the one the sandbox serves (built here without a server, since pytest collects
# the generated tests before any fixture runs); the requests go to a real server over loopback.
# (schemathesis.pytest.from_fixture does not work with pytest 9.)
schema = schemathesis.openapi.from_dict(create_app(make_config()).openapi())


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with SandboxServer(make_config()) as server:
        served = httpx.get(f"{server.local_url}/openapi.json").json()
        assert served == schema.raw_schema
        yield server.local_url


@schema.parametrize()
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_5xx_and_every_response_matches_the_schema(base_url: str, case: Any) -> None:
    case.call_and_validate(
        base_url=base_url, headers={**(case.headers or {}), **AUTH}, checks=CHECKS
    )
