"""QR: the session link as a large QR code, its host in words, a countdown, Cancel.

In landscape the code takes the left square and the words sit beside it; in portrait they
stack, so the code is as large as the screen allows either way.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.core.state import KioskState, seconds_until_expiry
from kiosk.ui.qr_view import QrView
from kiosk.ui.screens.common import Screen, button, centred_row, countdown_text, label


class QrScreen(Screen):
    """Signals:
    cancel_requested(): the visitor pressed Cancel.
    open_here_requested(str): "Continue on this device" with the session URL.
    """

    cancel_requested = Signal()
    open_here_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url = ""
        self._expires_at: datetime | None = None
        self.qr = QrView()
        self.qr.setAccessibleName(self.tr("QR code to scan with your phone"))
        self.qr.setAccessibleDescription(self.tr("Scan this code with your phone's camera"))
        self.instruction = label(self.tr("Scan this code with your phone's camera"), "Title")
        self.host = label("", "Host")
        self.countdown = label("", "Countdown")
        self.cancel_button = button(
            self.tr("Cancel"), self.tr("Cancel verification"), primary=False
        )
        self.open_here_button = button(
            self.tr("Continue on this device"),
            self.tr("Continue the verification on this device"),
            primary=False,
        )
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.open_here_button.clicked.connect(lambda: self.open_here_requested.emit(self._url))

        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.instruction)
        side.addWidget(self.host)
        side.addWidget(self.countdown)
        side.addSpacing(20)
        # Side by side when they fit, else one above the other (large text, a narrow screen).
        self._buttons = centred_row(self.open_here_button, self.cancel_button)
        side.addLayout(self._buttons)
        side.addStretch(1)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.addWidget(self.qr, 3)
        self._layout.addLayout(side, 2)

    def show_state(self, state: KioskState) -> None:
        """Show the state's session; nothing is drawn without a checked session."""
        session = state.session
        self.qr.set_matrix(session.matrix if session else None)
        self._url = session.url if session else ""
        self.host.setText(self.tr("Link opens {host}").format(host=session.host) if session else "")
        self._expires_at = state.status.expires_at if state.status else None
        self.update_countdown()

    def tick(self, seconds_until_idle: int | None = None) -> None:
        """Refresh the time left on the code (its link's expiry, not the walk-away limit)."""
        self.update_countdown()

    def update_countdown(self) -> None:
        """Show the time until the session's link expires."""
        left = seconds_until_expiry(self._expires_at, datetime.now(UTC))
        if left is None:
            self.countdown.setText("")
        else:
            self.countdown.setText(
                self.tr("This code expires in {time}").format(time=countdown_text(left))
            )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        landscape = self.width() > self.height() * 1.15
        self._layout.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # In portrait the text below the code gets its full height first (a code that took
        # three fifths of a tall screen squeezed a wrapped title at large text).
        self._layout.setStretch(0, 3 if landscape else 0)
        self._layout.setStretch(1, 2 if landscape else 0)
        # ... and the code is never taller than it is wide (its extra height came off the text).
        if self.qr.square == landscape:
            self.qr.square = not landscape
            self.qr.updateGeometry()
        margins = self._layout.contentsMargins()
        inner = self.width() - margins.left() - margins.right()
        self.qr.setMaximumHeight(16777215 if landscape else max(160, inner))
        both = self.open_here_button.sizeHint().width() + self.cancel_button.sizeHint().width()
        room = self.width() * (0.4 if landscape else 1.0) - 40
        self._buttons.setDirection(
            QBoxLayout.Direction.LeftToRight if both <= room else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)
