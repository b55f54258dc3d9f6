"""Idle: a title and one large "Start verification" control."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.screens.common import Screen, button, centred_row, label


class IdleScreen(Screen):
    """The screen a visitor walks up to.

    Signals:
        start_requested(): the visitor tapped, clicked or pressed Enter on Start.
    """

    start_requested = Signal()

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
        self.start_button.clicked.connect(self.start_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(40)
        layout.addLayout(centred_row(self.start_button))
        layout.addStretch(3)

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self.start_button.setFocus()
