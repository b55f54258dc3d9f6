"""Every button's label is drawn whole, in every language, at 200 % text, on both kiosk screens
and in the smallest window: at 200 % in portrait "Commencer la vérification", "Continuar en este
dispositivo" and "Auf diesem Gerät fortfahren" were cut at both ends (the layout tests checked
labels, and buttons only at 100 %); now a label too wide wraps between words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from kiosk.ui.controller import KioskController
from kiosk.ui.i18n import Languages
from kiosk.ui.language_switch import LanguageSwitch
from kiosk.ui.window import KioskWindow
from tests.gui.test_layout import STATES

SIZES = [(1920, 1080), (800, 1280), (480, 480)]


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[Languages]:
    chosen = Languages(qapp, "en")
    yield chosen
    chosen.use("en")


def needed(button: QPushButton) -> QSize:
    """The size the style needs for the text the button draws (its lines as shown)."""
    drawn = QPushButton.text(button)
    option = QStyleOptionButton()
    button.initStyleOption(option)
    option.text = drawn
    contents = button.fontMetrics().size(int(Qt.TextFlag.TextShowMnemonic), drawn)
    return button.style().sizeFromContents(
        QStyle.ContentsType.CT_PushButton, option, contents, button
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "es", "fr", "de", "ar"])
@pytest.mark.parametrize("name", list(STATES))
def test_button_labels_are_whole_at_200_percent(
    qtbot: QtBot, languages: Languages, name: str, language: str, size: tuple[int, int]
) -> None:
    window = KioskWindow(
        KioskController(lambda: None),  # type: ignore[arg-type, return-value]
        sandbox=True,
        text_scale=2.0,
    )
    qtbot.addWidget(window)
    LanguageSwitch(window, languages).choose(language)
    window.resize(*size)
    window.show()
    window.show_state(STATES[name])
    qtbot.waitExposed(window)
    for _ in range(3):
        QApplication.processEvents()
    for button in [b for b in window.findChildren(QPushButton) if b.isVisible()]:
        wanted = needed(button)
        drawn = QPushButton.text(button).replace("\n", " / ")
        # The style asks a focused button for its wider focus ring too (a few pixels of
        # border, not of text): hence the slack.
        slack = 10
        assert button.width() >= wanted.width() - slack, f"{drawn!r} is cut at the sides"
        assert button.height() >= wanted.height() - slack, f"{drawn!r} is cut top or bottom"
        assert QPushButton.text(button).replace("\n", " ") == button.text()
