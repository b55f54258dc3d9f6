"""The right-hand side of the desk window: what the selected session needs.

Nothing selected: a hint. A live session: its QR code (for the customer to scan, from this
screen turned towards them, or from the customer screen), its status, "Show to customer" and
Cancel. A finished one: the full result (:class:`ResultView`) with Start again and Remove.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.state import Phase
from kiosk.core.text import wrappable
from kiosk.desk.desk_sessions import DeskSession
from kiosk.desk.result_view import ResultView
from kiosk.ui.qr_view import QrView

EMPTY, LIVE, FINAL = range(3)


class DetailPane(QStackedWidget):
    """Signals (each for the session shown):
    cancel_requested(), retry_requested(), close_requested(), show_customer_requested().
    """

    cancel_requested = Signal()
    retry_requested = Signal()
    close_requested = Signal()
    show_customer_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desk-detail")
        self.key: int | None = None
        self.customer_enabled = False  # once the desk has a customer view
        self.hint = QLabel(self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.addWidget(self.hint)
        self.addWidget(self._live_page())
        self.addWidget(self._final_page())
        self.show_nothing(has_sessions=False)

    def _live_page(self) -> QWidget:
        page = QWidget(self)
        self.live_title = QLabel(page)
        self.live_title.setTextFormat(Qt.TextFormat.PlainText)
        self.live_title.setWordWrap(True)  # a 64-character reference, at any text scale
        self._size_title()
        self.live_status = QLabel(page)
        self.live_status.setTextFormat(Qt.TextFormat.PlainText)
        self.live_status.setWordWrap(True)
        self.qr = QrView(page)
        self.qr.setObjectName("desk-qr")
        self.show_customer_button = QPushButton(self.tr("Show to customer"), page)
        self.cancel_button = QPushButton(self.tr("Cancel verification"), page)
        self.show_customer_button.clicked.connect(self.show_customer_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_customer_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.live_title)
        layout.addWidget(self.live_status)
        layout.addWidget(self.qr, 1)
        layout.addStretch(0)
        layout.addLayout(buttons)
        return page

    def _final_page(self) -> QWidget:
        page = QWidget(self)
        self.result = ResultView(page)
        self.retry_button = QPushButton(self.tr("Start again"), page)
        self.retry_button.setToolTip(
            self.tr("A new verification with the same reference and checks")
        )
        self.close_button = QPushButton(self.tr("Remove from the list"), page)
        self.retry_button.clicked.connect(self.retry_requested)
        self.close_button.clicked.connect(self.close_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result, 1)
        layout.addLayout(buttons)
        return page

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the text scale (kiosk.desk.look)
            self._size_title()

    def _size_title(self) -> None:
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.live_title.setFont(font)

    def show_nothing(self, *, has_sessions: bool) -> None:
        self.key = None
        self.qr.set_matrix(None)
        self.hint.setText(
            self.tr("Select a verification in the list to see it.")
            if has_sessions
            else self.tr("No verification yet.\nFile > New verification (Ctrl+N) starts one.")
        )
        self.setCurrentIndex(EMPTY)

    def show_session(self, session: DeskSession, status_text: str) -> None:
        """Show ``session`` (``status_text`` is its row's status, for the live page)."""
        self.key = session.key
        if session.live:
            self.live_title.setText(
                wrappable(session.reference or self.tr("Verification without reference"))
            )
            self.live_status.setText(status_text)
            active = session.state.session
            # The code only while it waits to be scanned; then the customer is on their phone.
            scanning = session.state.phase is Phase.QR and active is not None
            self.qr.set_matrix(active.matrix if scanning and active is not None else None)
            self.qr.setVisible(scanning)
            self.show_customer_button.setEnabled(self.customer_enabled and active is not None)
            self.setCurrentIndex(LIVE)
            return
        self.qr.set_matrix(None)
        if session.summary is not None:
            self.result.show_result(
                session.summary,
                started_at=session.started_at,
                ended_at=session.ended_at,
                handoff=session.handoff,
                handoff_failed=session.handoff_failed,
            )
        self.setCurrentIndex(FINAL)
