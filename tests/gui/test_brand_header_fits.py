"""A bank's header text (up to 80 characters, brand.toml allows no more) never runs off the
window: it ends in "…" where the window is too narrow and is read whole by a screen reader.
Unwrapped, it ran off the window at 1920 x 1080 and 200 % text, and on every portrait screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.core.brand import load
from kiosk.core.state import KioskState
from kiosk.ui.controller import KioskController
from kiosk.ui.window import KioskWindow

HEADER = "Rechtsschutzversicherungsgesellschaften Identitätsprüfung, Filiale Nord-West"


@pytest.mark.parametrize("text_scale", [1.0, 2.0])
@pytest.mark.parametrize("size", [(1920, 1080), (800, 1280), (480, 480)])
def test_a_long_brand_header_stays_inside_the_window(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int], text_scale: float
) -> None:
    assert len(HEADER) <= 80
    (tmp_path / "brand.toml").write_text(f'header = "{HEADER}"\n', encoding="utf-8")
    window = KioskWindow(
        KioskController(lambda: None),  # type: ignore[arg-type, return-value]
        sandbox=True,
        text_scale=text_scale,
        brand=load(tmp_path),
    )
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.show_state(KioskState())
    qtbot.waitExposed(window)
    for _ in range(3):
        QCoreApplication.processEvents()
    title = window.findChild(QLabel, "HeaderTitle")
    assert title is not None
    shown = QLabel.text(title)  # what is painted
    width = title.fontMetrics().horizontalAdvance(shown)
    assert width <= title.contentsRect().width(), (shown, width, title.contentsRect())
    assert title.mapTo(window, title.rect().bottomRight()).x() <= window.width()
    assert shown == HEADER or (shown.endswith("…") and len(shown) > 4)
    assert title.text() == HEADER and title.accessibleName() in ("", HEADER)
    badge = window.sandbox_badge
    assert badge.width() >= badge.sizeHint().width()
    assert badge.mapTo(window, badge.rect().bottomRight()).x() <= window.width()
