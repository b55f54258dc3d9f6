"""The window through the hub (issue 15): wired as ``kiosk run`` wires it, with the hub as its
backend, its device secret, and the upstream's origin in the trusted_origins setting; the
session's status is pushed to the screen (polling every 30 s could not show it in time)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend import Backend, BackendStarter
from kiosk.config import KioskConfig
from kiosk.core.credentials import Credentials
from kiosk.core.settings import DEFAULTS
from kiosk.core.state import Phase
from kiosk.core.verdict import Outcome
from kiosk.sessions import runner_factory
from kiosk.ui.controller import KioskController
from kiosk.ui.window import KioskWindow
from tests.gui.harness import wait_for_phase
from tests.hub.conftest import Hub


@pytest.mark.parametrize(
    ("scenario", "outcome"), [("pass", Outcome.PASS), ("no_match", Outcome.FAIL)]
)
def test_the_window_shows_a_pushed_result_through_the_hub(
    qtbot: QtBot, hub: Hub, scenario: str, outcome: Outcome
) -> None:
    def opener() -> Backend:
        credentials = Credentials(hub.kiosk.id, hub.secret)
        return Backend(hub.url, credentials, [hub.url], lambda: None)

    starter = BackendStarter(opener)
    settings = replace(
        DEFAULTS,
        scopes=("liveness", "deepfake", "search"),
        trusted_origins=(hub.upstream.local_url,),
        poll_interval=30,
        ttl_sec=60,
    )
    config = KioskConfig(settings, Path("unused"))
    controller = KioskController(runner_factory(starter, config, iter([scenario])))
    window = KioskWindow(controller, sandbox=True)
    qtbot.addWidget(window)
    window.show()
    try:
        controller.start()
        wait_for_phase(qtbot, controller, Phase.RESULT, timeout=10_000)
        verdict = controller.state.verdict
        assert verdict is not None and verdict.outcome is outcome
        _, client = starter.get()
        assert client.push_offered is True
    finally:
        controller.shutdown()
        starter.close()
