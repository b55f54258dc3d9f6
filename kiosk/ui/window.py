"""The kiosk window: a header, a connection banner, and one screen at a time.

The window draws whatever the controller's state says (:meth:`KioskWindow.show_state`) and
forwards what the person does to the controller. It holds no session state of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.state import KioskState, Phase
from kiosk.ui.controller import KioskController
from kiosk.ui.screens.common import label
from kiosk.ui.theme import DEFAULT, Theme, branded, stylesheet

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent, QPaintEvent, QResizeEvent

    from kiosk.core.brand import Brand
    from kiosk.ui.screens.common import Screen
    from kiosk.ui.screens.ended import EndedScreen
    from kiosk.ui.screens.error import ErrorScreen
    from kiosk.ui.screens.idle import IdleScreen
    from kiosk.ui.screens.progress import ProgressScreen
    from kiosk.ui.screens.qr import QrScreen
    from kiosk.ui.screens.result import ResultScreen
    from kiosk.ui.screens.starting import StartingScreen


log = logging.getLogger(__name__)


def open_in_browser(url: str) -> bool:
    """Open ``url`` in the system browser (for "Continue on this device")."""
    return QDesktopServices.openUrl(QUrl(url))


S = TypeVar("S", bound="Screen")


class _ScreenOf(Generic[S]):
    """One row of the window's table of screens: its phase and how it is built (the builder
    imports the screen's module, so only the idle screen is on the way to the first paint).
    As an attribute of the window it gives that screen, typed."""

    def __init__(self, phase: Phase, build: Callable[[KioskWindow], S]) -> None:
        self.phase = phase
        self.build = build
        _SCREENS[phase] = self

    def __get__(self, window: KioskWindow, owner: type[KioskWindow] | None = None) -> S:
        return cast(S, window.screen_for(self.phase))


_SCREENS: dict[Phase, _ScreenOf[Any]] = {}

# Each builder connects what the person can do on its screen to the controller.


def _idle(window: KioskWindow) -> IdleScreen:
    from kiosk.ui.screens.idle import IdleScreen

    idle = IdleScreen()
    idle.start_requested.connect(window.controller.start)
    return idle


def _starting(window: KioskWindow) -> StartingScreen:
    from kiosk.ui import motion
    from kiosk.ui.screens.starting import StartingScreen

    # Asked here, on the first tap, not on the way to the first paint (it may run gsettings).
    return StartingScreen(animated=not motion.reduced(window.reduce_motion))


def _qr(window: KioskWindow) -> QrScreen:
    from kiosk.ui.screens.qr import QrScreen

    qr = QrScreen()
    qr.cancel_requested.connect(window.controller.cancel)
    qr.open_here_requested.connect(window.open_here)
    return qr


def _progress(window: KioskWindow) -> ProgressScreen:
    from kiosk.ui.screens.progress import ProgressScreen

    progress = ProgressScreen()
    progress.cancel_requested.connect(window.controller.cancel)
    return progress


def _result(window: KioskWindow) -> ResultScreen:
    from kiosk.ui.screens.result import ResultScreen

    result = ResultScreen(window.controller.options.thresholds, discreet=window.discreet_result)
    result.done_requested.connect(window.controller.dismiss)
    return result


def _ended(window: KioskWindow) -> EndedScreen:
    from kiosk.ui.screens.ended import EndedScreen

    ended = EndedScreen()
    ended.again_requested.connect(window.controller.start)
    ended.done_requested.connect(window.controller.dismiss)
    return ended


def _error(window: KioskWindow) -> ErrorScreen:
    from kiosk.ui.screens.error import ErrorScreen

    error = ErrorScreen()
    # "Try again" starts afresh from the error screen itself: idle is never shown on the way.
    error.retry_requested.connect(window.controller.start)
    error.back_requested.connect(window.controller.dismiss)
    return error


class KioskWindow(QFrame):
    """The kiosk's only window.

    Signals:
        first_painted(): once, just after the window was first drawn; work that the idle
            screen does not need (opening the backend and the journal) waits for it.

    Args:
        controller: the flow's controller.
        sandbox: show the SANDBOX marker (the backend is the embedded sandbox).
        open_url: opens a URL on this device; injectable for tests.
        theme: the colours (the ``theme`` setting).
        text_scale: the text size, 1.0 to 2.0 (the ``text_scale`` setting, over 100).
        discreet_result: the result screen shows no scores (``public_result = "discreet"``).
        reduce_motion: no animation (the setting; the desktop's request is honoured as well).
        brand: the organisation's name, header text, colour and logo (None: the kiosk's own).
    """

    first_painted = Signal()

    def __init__(
        self,
        controller: KioskController,
        *,
        sandbox: bool,
        open_url: Callable[[str], bool] = open_in_browser,
        theme: Theme = DEFAULT,
        text_scale: float = 1.0,
        discreet_result: bool = False,
        reduce_motion: bool = False,
        brand: Brand | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setWindowTitle(self.tr("Face verification"))
        self.controller = controller
        self._open_url = open_url
        self._style_side = 0
        self.brand = brand
        self.theme, warnings = branded(theme, brand) if brand else (theme, ())
        # For the operator panel: a brand colour changed to pass WCAG AA, a logo left out.
        self.brand_warnings: list[str] = list(warnings)
        self.text_scale = text_scale
        self.discreet_result = discreet_result
        self.reduce_motion = reduce_motion
        self._painted = False

        header = QFrame()
        header.setObjectName("Header")
        title = label(self.tr("Face verification"), "HeaderTitle", wrap=False, ours=True)
        if brand is not None and brand.header:
            # A bank's header (up to 80 characters) ends in "…" where the window is too
            # narrow for it, rather than running off the window (kiosk/ui/elided_label.py).
            from kiosk.ui.elided_label import ElidedLabel

            title = ElidedLabel(brand.header)
            title.setObjectName("HeaderTitle")
        self.logo = QLabel()
        self.logo.setObjectName("Logo")
        self.logo.hide()
        if brand is not None:
            self._show_brand(brand, title)
        self.sandbox_badge = label(self.tr("SANDBOX"), "SandboxBadge", wrap=False, ours=True)
        self.sandbox_badge.setToolTip(self.tr("Demo server: no real identity check is made"))
        self.sandbox_badge.setAccessibleName(self.tr("Sandbox mode: demo server"))
        self.sandbox_badge.setVisible(sandbox)
        header_row = QHBoxLayout(header)
        header_row.addWidget(self.logo)
        header_row.addWidget(title)
        header_row.addStretch(1)
        header_row.addWidget(self.sandbox_badge)

        self.banner = label(self.tr("Connection problem — retrying…"), "Banner", ours=True)
        self.banner.setAccessibleName(self.tr("Connection problem, retrying"))
        self.banner.hide()

        # Screens are built the first time they are needed: only the idle screen is on the
        # way to the first paint.
        self._screens: dict[Phase, Screen] = {}
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
        # At large text a screen may need more height than the window has: it scrolls rather
        # than squeezing its labels until their text is cut. The scroll area takes no focus
        # (Tab goes from control to control) and scrolls the focused control into view.
        self.body = QScrollArea()
        self.body.setObjectName("Body")
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setWidgetResizable(True)
        # Its focus and scroll bar policies need Qt's namespace, whose first import costs
        # ~12 ms: they are set once the idle screen is on screen (nothing scrolls before).
        self.first_painted.connect(self._settle_body)
        self.stack.setContentsMargins(32, 16, 32, 16)
        # Never wider than the window: screens wrap their text and stack their buttons instead
        # (a horizontal scroll would hide the end of every line).
        policy = self.stack.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.stack.setSizePolicy(policy)
        self.body.setWidget(self.stack)
        layout.addWidget(self.body, 1)

        controller.state_changed.connect(self.show_state)
        controller.tick.connect(self._tick)
        self.show_state(controller.state)

    def _settle_body(self) -> None:
        from PySide6.QtCore import Qt

        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    @property
    def current_screen(self) -> QWidget | None:
        """The screen on display."""
        return self.stack.currentWidget()

    def screen_for(self, phase: Phase) -> Screen:
        """The screen for ``phase``, built on first use."""
        built = self._screens.get(phase)
        if built is None:
            built = _SCREENS[phase].build(self)
            self._screens[phase] = built
            self.stack.addWidget(built)
        return built

    def apply_look(self) -> None:
        """Draw again with ``theme``, ``text_scale``, ``discreet_result`` and ``reduce_motion``
        as they are now (remote settings change them at idle, ``kiosk.fleet_settings``): the
        stylesheet is rebuilt, and the screens built so far, but the one on display, are
        dropped, to be built again with the new values when next shown."""
        self._style_side = min(self.width(), self.height())
        self.setStyleSheet(stylesheet(self._style_side, self.theme, self.text_scale))
        shown = self.current_screen
        for phase, screen in list(self._screens.items()):
            if screen is not shown:
                del self._screens[phase]
                self.stack.removeWidget(screen)
                screen.deleteLater()

    # Typed access to each screen (``window.qr`` is the QrScreen); the table of screens.
    idle = _ScreenOf(Phase.IDLE, _idle)
    starting = _ScreenOf(Phase.STARTING, _starting)
    qr = _ScreenOf(Phase.QR, _qr)
    progress = _ScreenOf(Phase.PROGRESS, _progress)
    result = _ScreenOf(Phase.RESULT, _result)
    ended = _ScreenOf(Phase.ENDED, _ended)
    error = _ScreenOf(Phase.ERROR, _error)

    def show_state(self, state: KioskState) -> None:
        """Draw ``state``: pick its screen, fill it in, show or hide the banner."""
        screen = self.screen_for(state.phase)
        screen.show_state(state)
        self.stack.setCurrentWidget(screen)
        self.banner.setVisible(state.retrying)
        self._tick()

    def _tick(self) -> None:
        controller = self.controller
        self.screen_for(controller.state.phase).tick(controller.seconds_until_idle())

    def _show_brand(self, brand: Brand, title: QLabel) -> None:
        """The brand's texts (plain text: the file is not ours) and logo in the header."""
        if "<" in (brand.header or ""):  # without one, Qt shows it as plain text anyway
            from PySide6.QtCore import Qt  # (its first import costs ~12 ms of the first paint)

            title.setTextFormat(Qt.TextFormat.PlainText)
        if brand.header:
            title.setText(brand.header)
        if brand.name:
            self.setWindowTitle(brand.name)
        if brand.logo is not None:
            # After the first paint: Qt's SVG engine costs milliseconds the idle screen need
            # not wait for (as the application icon, see shipped_look.install_icon).
            self.first_painted.connect(lambda: self._load_logo(brand))

    def _load_logo(self, brand: Brand) -> None:
        assert brand.logo is not None
        from PySide6.QtGui import QIcon

        # Drawn at the header's height when styled; a file Qt cannot read gives a null pixmap.
        pixmap = QIcon(str(brand.logo)).pixmap(256, 256)
        if pixmap.isNull():
            message = f"The brand logo {brand.logo.name} could not be read; none is shown."
            log.warning("%s", message)
            self.brand_warnings.append(message)
            return
        self._logo_pixmap = pixmap
        self.logo.setAccessibleName(brand.name or brand.header or brand.logo.stem)
        self._size_logo(self._style_side)
        self.logo.show()

    def _size_logo(self, side: int) -> None:
        pixmap = getattr(self, "_logo_pixmap", None)
        if pixmap is not None:
            from PySide6.QtCore import Qt

            height = max(24, round(56 * max(0.45, min(1.6, side / 1080))))
            self.logo.setPixmap(
                pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
            )

    def escape(self) -> None:
        """Escape: cancel the session on the code and progress screens, back to the start
        from a result, an ending or an error; nothing on idle. Kiosk mode's lockdown swallows
        the key (it never leaves full screen) and calls this instead."""
        phase = self.controller.state.phase
        if phase in (Phase.QR, Phase.PROGRESS):
            self.controller.cancel()
        elif phase in (Phase.RESULT, Phase.ENDED, Phase.ERROR):
            self.controller.dismiss()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.escape()
            event.accept()
            return
        super().keyPressEvent(event)

    def open_here(self, url: str) -> None:
        """\"Continue on this device\": open the session's link here."""
        if url:
            self._open_url(url)

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
            self.setStyleSheet(stylesheet(side, self.theme, self.text_scale))
            self._size_logo(side)
        super().resizeEvent(event)
