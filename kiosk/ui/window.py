"""The kiosk window: a header, a connection banner, and one screen at a time.

The window draws whatever the controller's state says (:meth:`KioskWindow.show_state`) and
forwards what the person does to the controller. It holds no session state of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.state import KioskState, Phase
from kiosk.ui.controller import KioskController
from kiosk.ui.screens.common import label
from kiosk.ui.screens.ended import EndedScreen
from kiosk.ui.screens.error import ErrorScreen
from kiosk.ui.screens.idle import IdleScreen
from kiosk.ui.screens.progress import ProgressScreen
from kiosk.ui.screens.qr import QrScreen
from kiosk.ui.screens.result import ResultScreen
from kiosk.ui.screens.starting import StartingScreen
from kiosk.ui.theme import stylesheet


def open_in_browser(url: str) -> bool:
    """Open ``url`` in the system browser (for "Continue on this device")."""
    return QDesktopServices.openUrl(QUrl(url))


class KioskWindow(QWidget):
    """The kiosk's only window.

    Args:
        controller: the flow's controller.
        sandbox: show the SANDBOX marker (the backend is the embedded sandbox).
        open_url: opens a URL on this device; injectable for tests.
    """

    def __init__(
        self,
        controller: KioskController,
        *,
        sandbox: bool,
        open_url: Callable[[str], bool] = open_in_browser,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setWindowTitle(self.tr("Face verification"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.controller = controller
        self._open_url = open_url
        self._style_side = 0

        header = QFrame()
        header.setObjectName("Header")
        title = QLabel(self.tr("Face verification"))
        title.setObjectName("HeaderTitle")
        self.sandbox_badge = QLabel(self.tr("SANDBOX"))
        self.sandbox_badge.setObjectName("SandboxBadge")
        self.sandbox_badge.setToolTip(self.tr("Demo server: no real identity check is made"))
        self.sandbox_badge.setAccessibleName(self.tr("Sandbox mode: demo server"))
        self.sandbox_badge.setVisible(sandbox)
        header_row = QHBoxLayout(header)
        header_row.addWidget(title)
        header_row.addStretch(1)
        header_row.addWidget(self.sandbox_badge)

        self.banner = label(self.tr("Connection problem — retrying…"), "Banner")
        self.banner.setAccessibleName(self.tr("Connection problem, retrying"))
        self.banner.hide()

        thresholds = controller.options.thresholds
        self.idle = IdleScreen()
        self.starting = StartingScreen()
        self.qr = QrScreen()
        self.progress = ProgressScreen()
        self.result = ResultScreen(thresholds)
        self.ended = EndedScreen()
        self.error = ErrorScreen()
        self._screens: dict[Phase, QWidget] = {
            Phase.IDLE: self.idle,
            Phase.STARTING: self.starting,
            Phase.QR: self.qr,
            Phase.PROGRESS: self.progress,
            Phase.RESULT: self.result,
            Phase.ENDED: self.ended,
            Phase.ERROR: self.error,
        }
        self.stack = QStackedWidget()
        for screen in self._screens.values():
            self.stack.addWidget(screen)

        layout = QVBoxLayout(self)
        # The window may be made smaller than the current layout's minimum: resizeEvent then
        # rescales the fonts and the screens re-flow, so a resize is never refused.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(480, 480)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.banner)
        body = QVBoxLayout()
        body.setContentsMargins(32, 16, 32, 16)
        body.addWidget(self.stack)
        layout.addLayout(body, 1)

        self.idle.start_requested.connect(controller.start)
        self.qr.cancel_requested.connect(controller.cancel)
        self.qr.open_here_requested.connect(self._open_here)
        self.progress.cancel_requested.connect(controller.cancel)
        self.result.done_requested.connect(controller.dismiss)
        self.ended.again_requested.connect(controller.start)
        self.ended.done_requested.connect(controller.dismiss)
        self.error.retry_requested.connect(self._retry)
        self.error.back_requested.connect(controller.dismiss)
        controller.state_changed.connect(self.show_state)
        controller.tick.connect(self._tick)
        self.show_state(controller.state)

    @property
    def current_screen(self) -> QWidget | None:
        """The screen on display."""
        return self.stack.currentWidget()

    def show_state(self, state: KioskState) -> None:
        """Draw ``state``: pick its screen, fill it in, show or hide the banner."""
        screen = self._screens[state.phase]
        show = getattr(screen, "show_state", None)
        if show is not None:
            show(state)
        self.stack.setCurrentWidget(screen)
        self.banner.setVisible(state.retrying)
        self._tick()

    def _tick(self) -> None:
        phase = self.controller.state.phase
        if phase is Phase.QR:
            self.qr.update_countdown()
        elif phase is Phase.RESULT:
            self.result.update_countdown(self.controller.seconds_left())
        elif phase is Phase.ENDED:
            self.ended.update_countdown(self.controller.seconds_left())

    def _open_here(self, url: str) -> None:
        if url:
            self._open_url(url)

    def _retry(self) -> None:
        self.controller.dismiss()
        self.controller.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        side = min(self.width(), self.height())
        # Re-styling is not free: only when the size changed noticeably.
        if abs(side - self._style_side) > 8:
            self._style_side = side
            self.setStyleSheet(stylesheet(side))
        super().resizeEvent(event)
