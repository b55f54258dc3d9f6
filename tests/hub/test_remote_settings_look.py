"""Review probe: the look applied live equals the look of a window built with it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.core.remote_settings import Answer
from kiosk.core.state import Phase
from kiosk.fleet_settings import RemoteSettings
from kiosk.ui.theme import THEMES
from kiosk.ui.window import KioskWindow
from tests.gui.harness import wait_for_phase
from tests.hub.conftest import Hub
from tests.hub.test_remote_settings_kiosk import _kiosk_home, start_kiosk, stop_kiosk  # noqa: F401


def test_live_look_equals_a_fresh_windows(qtbot: QtBot, hub: Hub, tmp_path: Path) -> None:
    kiosk = start_kiosk(qtbot, hub.url, hub, tmp_path)
    kiosk.fleet.stop_and_wait()
    fleet = RemoteSettings(kiosk.remote, kiosk.controller, kiosk.window)
    try:
        window = kiosk.window
        window.resize(900, 700)
        qtbot.waitUntil(lambda: window.width() == 900)
        _ = window.result, window.qr  # built with the old look
        fleet.apply(
            Answer(
                "changed",
                "v",
                None,
                {"theme": "high-contrast", "text_scale": 200, "reduce_motion": True},
            )
        )
        fresh = KioskWindow(
            kiosk.controller,
            sandbox=False,
            theme=THEMES["high-contrast"],
            text_scale=2.0,
            reduce_motion=True,
        )
        qtbot.addWidget(fresh)
        fresh.resize(900, 700)
        fresh.show()
        qtbot.waitUntil(lambda: fresh.width() == 900)
        assert window.styleSheet() == fresh.styleSheet()
        kiosk.controller.start()
        wait_for_phase(qtbot, kiosk.controller, Phase.QR, timeout=10_000)
        assert window.starting is not None
        kiosk.controller.cancel()
        wait_for_phase(qtbot, kiosk.controller, Phase.IDLE)
    finally:
        stop_kiosk(kiosk)
