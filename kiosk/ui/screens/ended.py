"""Ended: the session expired, failed or was canceled on the phone; each says so plainly.

A session the vendor failed because the photo could not be judged (no face, several faces ...)
also shows the vendor's own reason, its ``info`` text (neutralised when it was read).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.state import Ending, KioskState
from kiosk.core.text import wrappable
from kiosk.core.verdict import face_error_reason
from kiosk.ui.reasons import translate_reason
from kiosk.ui.screens.common import Screen, button, centred_row, label


class EndedScreen(Screen):
    """Signals:
    again_requested(): start a new verification.
    done_requested(): back to the start.
    """

    again_requested = Signal()
    done_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("", "Title")
        self.text = label("", "Subtitle")
        self.reason = label("", "Reason")
        self.reason.hide()
        self.countdown = label("", "Countdown")
        self.again_button = button(
            self.tr("Start again"), self.tr("Start a new verification"), primary=True
        )
        self.done_button = button(
            self.tr("Done"), self.tr("Done, back to the start"), primary=False
        )
        self.again_button.clicked.connect(self.again_requested)
        self.done_button.clicked.connect(self.done_requested)
        buttons = centred_row(self.again_button, self.done_button)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.reason)
        layout.addSpacing(40)
        layout.addLayout(buttons)
        layout.addWidget(self.countdown)
        layout.addStretch(3)

    def show_state(self, state: KioskState) -> None:
        """Explain how the session ended."""
        texts = {
            Ending.EXPIRED: (
                self.tr("The code expired"),
                self.tr("Nothing was checked. Start again to get a new code."),
            ),
            Ending.FAILED: (
                self.tr("The verification could not be completed"),
                self.tr("Something went wrong during the checks. Please try once more."),
            ),
            Ending.CANCELED: (
                self.tr("The verification was canceled"),
                self.tr("It was canceled on the phone. You can start again at any time."),
            ),
        }
        title, text = texts.get(state.ending or Ending.FAILED, texts[Ending.FAILED])
        self.title.setText(title)
        self.text.setText(text)
        reason = None
        if state.ending is Ending.FAILED and state.status is not None:
            reason = face_error_reason(state.status)
        self.reason.setText(wrappable(translate_reason(reason) if reason else ""))
        self.reason.setVisible(reason is not None)
        self.again_button.setFocus()

    def tick(self, seconds_until_idle: int | None) -> None:
        """Show the time until the kiosk returns to the start."""
        self.countdown.setText(
            ""
            if seconds_until_idle is None
            # %n is the count in the visitor's locale, and picks the plural form.
            else self.tr("Back to the start in %n s", "", seconds_until_idle)
        )
