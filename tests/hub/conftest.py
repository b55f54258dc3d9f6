"""Fixtures for the hub's tests: a store per backend (SQLite always; PostgreSQL from the
``postgres_url`` fixture of tests/hub/postgres.py, which skips, saying why, when this machine
cannot run a throwaway cluster).

Hook for the PostgreSQL fixture: override ``postgres_url`` (here, or in a plugin module this file
imports) to return the URL of a fresh, empty database on a throwaway cluster; everything
parametrised by ``backend`` then runs against PostgreSQL too.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.api import VerificationClient
from kiosk.core.credentials import Credentials
from kiosk.hub.app import HubConfig
from kiosk.hub.database import open_store
from kiosk.hub.kiosks import enrol
from kiosk.hub.server import HubServer
from kiosk.hub.store import HubStore, KioskRecord
from kiosk.hub.tracker import TrackerSettings
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, make_config
from tests.hub.postgres import pg_cluster, postgres_url  # noqa: F401 - fixtures: a throwaway cluster

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The store backend a test runs against."""
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A ``--database`` URL for an empty database of ``backend``."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(database_url: str) -> Iterator[HubStore]:
    """A migrated, empty store of each backend, closed after the test."""
    opened = open_store(database_url)
    try:
        yield opened
    finally:
        opened.close()


@dataclass
class Hub:
    """A running hub in front of a real sandbox, with one enrolled kiosk."""

    server: HubServer
    upstream: SandboxServer
    store: HubStore
    kiosk: KioskRecord
    secret: str
    upstream_key: str

    @property
    def url(self) -> str:
        return self.server.local_url

    @property
    def auth(self) -> dict[str, str]:
        """The enrolled kiosk's headers."""
        return {"APP-ID": self.kiosk.id, "APP-KEY": self.secret}

    def client(self) -> VerificationClient:
        """The kiosk's own API client, pointed at the hub with the kiosk's credentials."""
        return VerificationClient(self.url, Credentials(self.kiosk.id, self.secret))


def hub_config(upstream: SandboxServer, upstream_key: str, **overrides: Any) -> HubConfig:
    """A hub config for tests: fast polling, fast keep-alives and credential re-checks."""
    values: dict[str, Any] = {
        "upstream_url": upstream.local_url,
        "upstream_app_id": APP_ID,
        "upstream_key": upstream_key,
        "tracker": TrackerSettings(poll_interval=0.05, fresh_seconds=0.02, max_backoff=0.5),
        "keepalive_seconds": 0.5,
        "auth_recheck_seconds": 0.1,
        "upstream_call_seconds": 5.0,
    }
    values.update(overrides)
    return HubConfig(**values)


@pytest.fixture
def upstream_key() -> str:
    """The account's APP-KEY: distinctive, so a test can search for it everywhere."""
    return f"UPSTREAM-KEY-{secrets.token_hex(12)}"


@pytest.fixture
def upstream(upstream_key: str) -> Iterator[SandboxServer]:
    """The sandbox the hub talks to, with the account's key."""
    with SandboxServer(make_config(app_key=upstream_key)) as server:
        yield server


@pytest.fixture
def hub(store: HubStore, upstream: SandboxServer, upstream_key: str) -> Iterator[Hub]:
    """A hub on loopback in front of ``upstream``, on each store backend."""
    kiosk, secret = enrol(store, "Lobby tablet", "branch-7")
    with HubServer(hub_config(upstream, upstream_key), store, graceful_seconds=1) as server:
        yield Hub(server, upstream, store, kiosk, secret, upstream_key)
