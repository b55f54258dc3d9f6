"""Fixtures for the hub's tests: a store per backend (SQLite always; PostgreSQL from the
``postgres_url`` fixture of tests/hub/postgres.py, which skips, saying why, when this machine
cannot run a throwaway cluster).

Hook for the PostgreSQL fixture: override ``postgres_url`` (here, or in a plugin module this file
imports) to return the URL of a fresh, empty database on a throwaway cluster; everything
parametrised by ``backend`` then runs against PostgreSQL too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.hub.database import open_store
from kiosk.hub.store import HubStore
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
