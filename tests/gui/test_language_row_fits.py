"""The idle screen's language buttons show their whole names at every text size and screen:
at 200 % text on a portrait screen, rows of three squeezed them to "nglish", "rançai"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from kiosk.core.state import KioskState
from kiosk.ui.controller import KioskController
from kiosk.ui.window import KioskWindow


@pytest.mark.parametrize("text_scale", [1.0, 2.0])
@pytest.mark.parametrize("size", [(1920, 1080), (800, 1280), (480, 480)])
def test_every_language_name_fits_its_button(
    qtbot: QtBot, size: tuple[int, int], text_scale: float
) -> None:
    window = KioskWindow(
        KioskController(lambda: None),  # type: ignore[arg-type, return-value]
        sandbox=True,
        text_scale=text_scale,
    )
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.show_state(KioskState())
    qtbot.waitExposed(window)
    for _ in range(3):
        QCoreApplication.processEvents()
    buttons = window.idle.language_buttons.values()
    squeezed = {
        b.text(): (b.width(), b.sizeHint().width())
        for b in buttons
        if b.width() < b.sizeHint().width()
    }
    assert squeezed == {}, f"language names cut (width, needed): {squeezed}"
    inside = window.idle.rect()
    assert all(inside.contains(b.geometry()) for b in buttons)
