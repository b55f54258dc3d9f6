"""Fixtures for the kiosk's Qt tests: a sandbox with quick scenarios and a kiosk on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.sandbox.server import SandboxServer
from tests.conftest import make_config
from tests.gui.harness import Kiosk, build_kiosk

STEP_SECONDS = 0.3


@pytest.fixture
def gui_sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(make_config(step_seconds=STEP_SECONDS)) as server:
        yield server


@pytest.fixture
def make_kiosk(qtbot: QtBot, gui_sandbox: SandboxServer) -> Iterator[Callable[..., Kiosk]]:
    """Builds kiosks on the test's sandbox; shuts each down and checks no thread is left."""
    built: list[Kiosk] = []

    def make(**kwargs: object) -> Kiosk:
        kiosk = build_kiosk(qtbot, kwargs.pop("sandbox", gui_sandbox), **kwargs)  # type: ignore[arg-type]
        built.append(kiosk)
        return kiosk

    yield make
    for kiosk in built:
        kiosk.controller.shutdown()
        assert kiosk.controller.threads == [], "a session thread outlived shutdown"
        kiosk.client.close()


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    return make_kiosk()
