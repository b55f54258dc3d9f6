"""With reduced motion (the setting or the desktop's request) nothing on screen moves."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QProgressBar
from pytestqt.qtbot import QtBot

from kiosk.core.state import KioskState, Phase
from kiosk.ui import motion
from kiosk.ui.controller import KioskController
from kiosk.ui.window import KioskWindow


@pytest.mark.parametrize(
    ("setting", "desktop", "moves"),
    [(False, False, True), (True, False, False), (False, True, False)],
    ids=["animated", "setting", "desktop"],
)
def test_the_busy_bar_moves_only_when_motion_is_allowed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, setting: bool, desktop: bool, moves: bool
) -> None:
    monkeypatch.setattr(motion, "desktop_asks", lambda platform=None, run=None: desktop)
    window = KioskWindow(
        KioskController(lambda: None),  # type: ignore[arg-type, return-value]
        sandbox=True,
        reduce_motion=setting,
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_state(KioskState(phase=Phase.STARTING))
    QApplication.processEvents()
    animated = [
        bar
        for bar in window.findChildren(QProgressBar)
        if bar.isVisible() and bar.minimum() == bar.maximum()  # indeterminate: animated
    ]
    assert bool(animated) is moves
    assert "Preparing" in window.starting.title.text()
