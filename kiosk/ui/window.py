"""The kiosk window: a header, a connection banner, and one screen at a time.

The window draws whatever the controller's state says (:meth:`KioskWindow.show_state`) and
forwards what the person does to the controller. It holds no session state of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.state import KioskState, Phase
from kiosk.ui.controller import KioskController
from kiosk.ui.screens.common import label
from kiosk.ui.theme import stylesheet

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent, QResizeEvent

    from kiosk.ui.screens.ended import EndedScreen
    from kiosk.ui.screens.error import ErrorScreen
    from kiosk.ui.screens.idle import IdleScreen
    from kiosk.ui.screens.progress import ProgressScreen
    from kiosk.ui.screens.qr import QrScreen
    from kiosk.ui.screens.result import ResultScreen
    from kiosk.ui.screens.starting import StartingScreen


def open_in_browser(url: str) -> bool:
    """Open ``url`` in the system browser (for "Continue on this device")."""
    return QDesktopServices.openUrl(QUrl(url))


class KioskWindow(QFrame):
    """The kiosk's only window.

    Signals:
        first_painted(): once, just after the window was first drawn; work that the idle
            screen does not need (opening the backend and the journal) waits for it.

    Args:
        controller: the flow's controller.
        sandbox: show the SANDBOX marker (the backend is the embedded sandbox).
        open_url: opens a URL on this device; injectable for tests.
    """

    first_painted = Signal()

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
        self.controller = controller
        self._open_url = open_url
        self._style_side = 0
        self._painted = False

        header = QFrame()
        header.setObjectName("Header")
        title = label(self.tr("Face verification"), "HeaderTitle", wrap=False, ours=True)
        self.sandbox_badge = label(self.tr("SANDBOX"), "SandboxBadge", wrap=False, ours=True)
        self.sandbox_badge.setToolTip(self.tr("Demo server: no real identity check is made"))
        self.sandbox_badge.setAccessibleName(self.tr("Sandbox mode: demo server"))
        self.sandbox_badge.setVisible(sandbox)
        header_row = QHBoxLayout(header)
        header_row.addWidget(title)
        header_row.addStretch(1)
        header_row.addWidget(self.sandbox_badge)

        self.banner = label(self.tr("Connection problem — retrying…"), "Banner", ours=True)
        self.banner.setAccessibleName(self.tr("Connection problem, retrying"))
        self.banner.hide()

        # Screens are built the first time they are needed: only the idle screen is on the
        # way to the first paint.
        self._screens: dict[Phase, QWidget] = {}
        self.stack = QStackedWidget()

        layout = QVBoxLayout(self)
        # An explicit minimum keeps the layout from imposing its own, so the window may be made
        # smaller than the current layout wants: resizeEvent then rescales the fonts and the
        # screens re-flow, and a resize is never refused.
        self.setMinimumSize(480, 480)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.banner)
        body = QVBoxLayout()
        body.setContentsMargins(32, 16, 32, 16)
        body.addWidget(self.stack)
        layout.addLayout(body, 1)

        controller.state_changed.connect(self.show_state)
        controller.tick.connect(self._tick)
        self.show_state(controller.state)

    @property
    def current_screen(self) -> QWidget | None:
        """The screen on display."""
        return self.stack.currentWidget()

    def screen_for(self, phase: Phase) -> QWidget:
        """The screen for ``phase``, built on first use."""
        built = self._screens.get(phase)
        if built is None:
            built = self._build(phase)
            self._screens[phase] = built
            self.stack.addWidget(built)
        return built

    @property
    def idle(self) -> IdleScreen:
        return cast("IdleScreen", self.screen_for(Phase.IDLE))

    @property
    def starting(self) -> StartingScreen:
        return cast("StartingScreen", self.screen_for(Phase.STARTING))

    @property
    def qr(self) -> QrScreen:
        return cast("QrScreen", self.screen_for(Phase.QR))

    @property
    def progress(self) -> ProgressScreen:
        return cast("ProgressScreen", self.screen_for(Phase.PROGRESS))

    @property
    def result(self) -> ResultScreen:
        return cast("ResultScreen", self.screen_for(Phase.RESULT))

    @property
    def ended(self) -> EndedScreen:
        return cast("EndedScreen", self.screen_for(Phase.ENDED))

    @property
    def error(self) -> ErrorScreen:
        return cast("ErrorScreen", self.screen_for(Phase.ERROR))

    def _build(self, phase: Phase) -> QWidget:
        """Create a screen and connect what the person can do on it to the controller."""
        controller = self.controller
        if phase is Phase.IDLE:
            from kiosk.ui.screens.idle import IdleScreen

            idle = IdleScreen()
            idle.start_requested.connect(controller.start)
            return idle
        if phase is Phase.STARTING:
            from kiosk.ui.screens.starting import StartingScreen

            return StartingScreen()
        if phase is Phase.QR:
            from kiosk.ui.screens.qr import QrScreen

            qr = QrScreen()
            qr.cancel_requested.connect(controller.cancel)
            qr.open_here_requested.connect(self._open_here)
            return qr
        if phase is Phase.PROGRESS:
            from kiosk.ui.screens.progress import ProgressScreen

            progress = ProgressScreen()
            progress.cancel_requested.connect(controller.cancel)
            return progress
        if phase is Phase.RESULT:
            from kiosk.ui.screens.result import ResultScreen

            result = ResultScreen(controller.options.thresholds)
            result.done_requested.connect(controller.dismiss)
            return result
        if phase is Phase.ENDED:
            from kiosk.ui.screens.ended import EndedScreen

            ended = EndedScreen()
            ended.again_requested.connect(controller.start)
            ended.done_requested.connect(controller.dismiss)
            return ended
        from kiosk.ui.screens.error import ErrorScreen

        error = ErrorScreen()
        error.retry_requested.connect(self._retry)
        error.back_requested.connect(controller.dismiss)
        return error

    def show_state(self, state: KioskState) -> None:
        """Draw ``state``: pick its screen, fill it in, show or hide the banner."""
        screen = self.screen_for(state.phase)
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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Queued, so it runs after this paint has reached the screen; bound to this
            # window, so it is dropped if the window is destroyed first.
            QTimer.singleShot(0, self, self._announce_first_paint)

    def _announce_first_paint(self) -> None:
        self.first_painted.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        side = min(self.width(), self.height())
        # Re-styling is not free: only when the size changed noticeably.
        if abs(side - self._style_side) > 8:
            self._style_side = side
            self.setStyleSheet(stylesheet(side))
        super().resizeEvent(event)
