"""Idle: a title, one large "Start verification" control, and the visitor's choice of language."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.screens.common import Screen, button, centred_row, label

# Each language named in itself (kiosk.ui.i18n.NATIVE_NAMES, not imported here: the idle
# screen is on the way to the first paint and needs no translator to draw these).
LANGUAGE_NAMES = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "de": "Deutsch",
    "ar": "العربية",
}


class IdleScreen(Screen):
    """The screen a visitor walks up to.

    Signals:
        start_requested(): the visitor tapped, clicked or pressed Enter on Start.
        language_chosen(str): the visitor picked a language (its ISO 639-1 code).
    """

    start_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label(self.tr("Verify your identity"), "Title", ours=True)
        self.subtitle = label(
            self.tr("Scan a code with your phone and take a selfie. It takes about a minute."),
            "Subtitle",
            ours=True,
        )
        self.start_button = button(
            self.tr("Start verification"), self.tr("Start verification"), primary=True
        )
        self.start_button.setDefault(True)
        self.start_button.setAccessibleDescription(self.subtitle.text())
        self.start_button.clicked.connect(self.start_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(40)
        layout.addLayout(centred_row(self.start_button))
        layout.addStretch(3)
        # Touch targets of at least 48 px, reached by Tab after Start; a screen reader reads
        # each in its own language. One row when it fits, else rows of three (portrait).
        self.language_buttons: dict[str, QPushButton] = {}
        for code, name in LANGUAGE_NAMES.items():
            choice = button(name, name, primary=False)
            choice.setProperty("language", code)
            choice.setMinimumHeight(48)
            choice.clicked.connect(lambda _=False, code=code: self.language_chosen.emit(code))
            self.language_buttons[code] = choice
        self._languages = QGridLayout()
        self._language_columns = 0
        self._place_languages(len(LANGUAGE_NAMES))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(self._languages)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(16)

    def _place_languages(self, columns: int) -> None:
        if columns == self._language_columns:
            return
        self._language_columns = columns
        for i, choice in enumerate(self.language_buttons.values()):
            self._languages.removeWidget(choice)
            self._languages.addWidget(choice, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        spacing = max(self._languages.horizontalSpacing(), 0)
        widths = [b.sizeHint().width() for b in self.language_buttons.values()]
        margins = self.contentsMargins().left() + self.contentsMargins().right()
        room = self.width() - margins
        # One row when it fits, else as many columns as hold the widest name whole (at 200 %
        # text on a portrait screen, rows of three cut "English" to "nglish").
        columns = len(widths)
        if sum(widths) + spacing * (columns - 1) >= room:
            widest = max(widths)
            columns = max(1, min(3, (room + spacing) // (widest + spacing)))
        self._place_languages(columns)
        super().resizeEvent(event)

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self.start_button.setFocus()
