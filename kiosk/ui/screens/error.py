"""Error: the kiosk could not get an answer. Words for the visitor, details for staff, a way on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.state import ErrorKind, KioskState
from kiosk.ui.screens.common import Screen, button, centred_row, label


class ErrorScreen(Screen):
    """Signals:
    retry_requested(): "Try again".
    back_requested(): back to the start.
    """

    retry_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("", "Title")
        self.text = label("", "Subtitle")
        self.detail = label("", "Detail")
        self.retry_button = button(self.tr("Try again"), self.tr("Try again"), primary=True)
        self.back_button = button(self.tr("Back"), self.tr("Back to the start"), primary=False)
        self.retry_button.clicked.connect(self.retry_requested)
        self.back_button.clicked.connect(self.back_requested)
        buttons = centred_row(self.retry_button, self.back_button)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(20)
        layout.addWidget(self.detail)
        layout.addSpacing(30)
        layout.addLayout(buttons)
        layout.addStretch(3)

    def show_state(self, state: KioskState) -> None:
        """Explain the error to the visitor and, below, to staff."""
        kind = state.error or ErrorKind.INTERNAL
        visitor_text = self.tr("Please try again, or ask a member of staff for help.")
        staff_only = self.tr("This kiosk needs attention from staff.")
        texts = {
            ErrorKind.NETWORK: (
                self.tr("No connection to the verification service"),
                visitor_text,
                self.tr("Staff: check the network and the backend address."),
            ),
            ErrorKind.CREDENTIALS: (
                self.tr("This kiosk is not set up correctly"),
                staff_only,
                self.tr("Staff: the service refused the APP-ID / APP-KEY. Check the credentials."),
            ),
            ErrorKind.CONFIGURATION: (
                self.tr("This kiosk is not set up correctly"),
                staff_only,
                self.tr("Staff: the service rejected the request. Check scopes, TTL and URLs."),
            ),
            ErrorKind.UNREADABLE: (
                self.tr("The verification service sent an answer we cannot read"),
                visitor_text,
                self.tr(
                    "Staff: check that the backend address points at the Verification Link API."
                ),
            ),
            ErrorKind.UNTRUSTED_URL: (
                self.tr("The verification link was blocked"),
                staff_only,
                self.tr(
                    "Staff: the service returned a link to an unexpected host; it was not shown."
                ),
            ),
            ErrorKind.SESSION_LOST: (
                self.tr("The verification was lost"),
                visitor_text,
                self.tr("Staff: the service no longer knows this session."),
            ),
            ErrorKind.INTERNAL: (
                self.tr("Something went wrong"),
                visitor_text,
                self.tr("Staff: an unexpected error occurred; see the log."),
            ),
        }
        title, text, staff = texts[kind]
        self.title.setText(title)
        self.text.setText(text)
        # The technical message is English: isolated (FSI ... PDI) so that in Arabic it still
        # reads left to right, its parentheses and full stop where they belong.
        message = f"\u2068{state.error_message}\u2069" if state.error_message else ""
        detail = f"{staff}\n{message}" if message else staff
        self.detail.setText(detail)
        self.retry_button.setFocus()
