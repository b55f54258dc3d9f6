"""Every screen fits in every shipped language at both kiosk sizes (issue 12): German's long
words and Arabic (right to left, another font) are where layouts usually break.

English is covered by tests/gui/test_layout.py; this runs the same screens after the idle
screen's language buttons switched the kiosk, so the screens are built as a visitor sees them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.controller import KioskController
from kiosk.ui.i18n import Languages
from kiosk.ui.language_switch import LanguageSwitch
from kiosk.ui.window import KioskWindow
from tests.gui.test_layout import STATES, rect_in

SIZES = [(1920, 1080), (800, 1280)]
LANGUAGES = ["es", "fr", "de", "ar"]


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[Languages]:
    chosen = Languages(qapp, "en")
    yield chosen
    chosen.use("en")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(STATES))
def test_screen_fits_in_every_language(
    qtbot: QtBot, languages: Languages, name: str, language: str, size: tuple[int, int]
) -> None:
    window = KioskWindow(KioskController(lambda: None), sandbox=True)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(window)
    LanguageSwitch(window, languages).choose(language)
    window.resize(*size)
    window.show()
    window.show_state(STATES[name])
    QApplication.processEvents()
    assert languages.current == language
    bounds = window.rect()
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    for button in buttons:
        rect = rect_in(button, window)
        assert bounds.contains(rect), f"{button.text()!r} is outside the window"
        assert rect.height() >= 48, f"{button.text()!r} is too small to touch"
        assert button.width() >= button.sizeHint().width() - 2, f"{button.text()!r} is cut"
    placed = [rect_in(b, window) for b in buttons]
    for i, a in enumerate(placed):
        assert not any(a.intersects(b) for b in placed[i + 1 :]), "buttons overlap"
    # Nothing needs scrolling at 100 % text, and no text is cut or runs off the side.
    assert window.body.verticalScrollBar().maximum() == 0
    for widget in [w for w in window.findChildren(QLabel) if w.isVisible() and w.text()]:
        rect = rect_in(widget, window)
        assert rect.left() >= 0 and rect.right() < window.width(), (
            f"{widget.text()!r} runs off the side"
        )
        if widget.wordWrap():
            assert widget.height() >= widget.heightForWidth(widget.width()) - 2, (
                f"{widget.text()!r} is cut"
            )
        else:
            assert widget.width() >= widget.sizeHint().width() - 2, f"{widget.text()!r} is cut"
