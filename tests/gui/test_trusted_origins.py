"""The window's link check with the trusted_origins setting (a hub's links point at the vendor)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend import Backend, BackendStarter
from kiosk.config import KioskConfig
from kiosk.core.api import Credentials
from kiosk.core.settings import DEFAULTS
from kiosk.core.state import ErrorKind, Phase
from kiosk.sandbox.server import SandboxServer
from kiosk.sessions import runner_factory
from kiosk.ui.controller import KioskController
from kiosk.ui.window import KioskWindow
from tests.conftest import APP_ID, APP_KEY, make_config
from tests.gui.harness import visible_texts, wait_for_phase

VENDOR = "https://verify.vendor.test"


@pytest.fixture
def elsewhere() -> Iterator[SandboxServer]:
    """A backend whose session links point at another origin, as a hub's point at the vendor."""
    with SandboxServer(make_config(), public_url=VENDOR) as server:
        yield server


def run_window(
    qtbot: QtBot, server: SandboxServer, trusted: tuple[str, ...]
) -> tuple[KioskController, KioskWindow, BackendStarter]:
    """A window wired as ``kiosk run`` wires it (runner_factory), trusting ``trusted``."""

    def opener() -> Backend:
        credentials = Credentials(APP_ID, APP_KEY)
        return Backend(server.local_url, credentials, [server.local_url], lambda: None)

    starter = BackendStarter(opener)
    settings = replace(DEFAULTS, scopes=("liveness",), trusted_origins=trusted, ttl_sec=60)
    controller = KioskController(runner_factory(starter, KioskConfig(settings, Path("unused"))))
    window = KioskWindow(controller, sandbox=True)
    qtbot.addWidget(window)
    window.show()
    controller.start()
    return controller, window, starter


def test_a_link_to_a_trusted_origin_is_drawn(qtbot: QtBot, elsewhere: SandboxServer) -> None:
    controller, window, starter = run_window(qtbot, elsewhere, (VENDOR,))
    try:
        wait_for_phase(qtbot, controller, Phase.QR)
        session = controller.state.session
        assert session is not None
        assert session.url.startswith(f"{VENDOR}/flow/")
        assert window.qr.qr.matrix is not None
    finally:
        controller.shutdown()
        starter.close()


def test_an_untrusted_host_still_gets_the_unexpected_host_screen(
    qtbot: QtBot, elsewhere: SandboxServer
) -> None:
    controller, window, starter = run_window(qtbot, elsewhere, ("https://other.vendor.test",))
    try:
        wait_for_phase(qtbot, controller, Phase.ERROR)
        assert controller.state.error is ErrorKind.UNTRUSTED_URL
        assert window.qr.qr.matrix is None
        assert "verify.vendor.test" in window.error.detail.text()
        assert "/flow/" not in visible_texts(window)
    finally:
        controller.shutdown()
        starter.close()
