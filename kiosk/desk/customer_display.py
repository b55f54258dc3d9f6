"""Puts the customer's view full screen on the customer-facing screen, or hands it back.

The ``desk_customer_screen`` setting names the screen (see :mod:`kiosk.core.screen_choice`).
When that screen is there, the view is a frameless full-screen window on it; when it is not
(none configured, a name or number that matches no screen, or it is unplugged mid-session),
the view is handed back to the desk window, which shows it itself. A screen plugged back in
takes the view again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from kiosk.core.screen_choice import pick
from kiosk.desk.customer_view import CustomerView

log = logging.getLogger(__name__)


class CustomerDisplay(QObject):
    """Where the customer's view is: on its own screen, or with the desk.

    How the desk uses it:

    * ``configure(settings.desk_customer_screen)`` at start and after the preferences change.
      It returns True when the view went full screen on the customer screen (``placed`` is
      emitted with the screen's name); otherwise ``returned_to_desk`` is emitted.
    * On ``returned_to_desk`` (also emitted when the customer screen is unplugged), the desk
      calls :meth:`show_in` with a widget of its own and puts the view it returns in its
      layout: that is also the one-screen "show to customer" mode, where the view (its code as
      large as the room it is given) sits inside the desk window; the desk may give it a
      maximised page or dialog to enlarge the code.
    * On ``placed`` the view has left the desk window (it is a window again): the desk can
      hide its "show to customer" area.
    * :meth:`close` on quit. The customer window never keeps the application running by
      itself (``WA_QuitOnClose`` is off): closing the desk window quits.

    A customer screen must be another screen than the desk window's: with a single screen,
    or a setting that names the screen the desk window is on (``"1"`` with two screens and
    the desk on the first), a frameless full-screen view would cover the desk window, so the
    view stays with the desk. The desk calls :meth:`recheck` when its window moves to another
    screen.

    Signals:
        returned_to_desk(): the view is the desk's to show (no customer screen, or it left).
        placed(str): the view is full screen on the customer screen named so.
    """

    returned_to_desk = Signal()
    placed = Signal(str)

    def __init__(
        self,
        view: CustomerView | None = None,
        parent: QObject | None = None,
        *,
        desk_screen: Callable[[], QScreen | None] = lambda: None,
    ) -> None:
        """``desk_screen``: the screen the desk window is on now (never the customer's)."""
        super().__init__(parent)
        self._desk_screen = desk_screen
        self._view = view if view is not None else CustomerView()
        self._view.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self._spec = ""
        self._screen: QScreen | None = None
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication), "CustomerDisplay needs a QApplication"
        app.screenRemoved.connect(self._screen_removed)
        app.screenAdded.connect(self._screen_added)

    @property
    def view(self) -> CustomerView:
        """The customer's view (the same widget wherever it is shown)."""
        return self._view

    @property
    def has_screen(self) -> bool:
        """True while the view is full screen on the customer screen."""
        return self._screen is not None

    @property
    def screen(self) -> QScreen | None:
        """The customer screen the view is on, or None."""
        return self._screen

    @property
    def spec(self) -> str:
        """The ``desk_customer_screen`` value in use."""
        return self._spec

    def configure(self, spec: str) -> bool:
        """Use the screen ``spec`` names (``""``: none); True when the view is now on it."""
        self._spec = spec.strip()
        screen = self._wanted()
        if screen is None:
            screens = QGuiApplication.screens()
            if self._spec and len(screens) < 2:
                log.warning(
                    "customer screen %r: there is one screen, the desk's; the desk shows the "
                    "customer's view itself",
                    self._spec,
                )
            elif self._spec and self._is_desk_screen(screens):
                log.warning(
                    "customer screen %r is the desk window's own screen; the desk shows the "
                    "customer's view itself",
                    self._spec,
                )
            elif self._spec:
                log.warning(
                    "customer screen %r not found among the screens (%s); the desk shows the "
                    "customer's view itself",
                    self._spec,
                    ", ".join(repr(s.name()) for s in screens),
                )
            self._hand_back()
            return False
        self._place(screen)
        return True

    def recheck(self) -> None:
        """The desk window moved to another screen: the customer screen may now be the desk's
        (the view comes back to the desk) or free again (the view goes there)."""
        wanted = self._wanted() if self._spec else None
        if wanted is None and self._screen is not None:
            self._hand_back()
        elif wanted is not None and wanted is not self._screen:
            self._place(wanted)

    def show_in(self, parent: QWidget) -> CustomerView:
        """Make the view a child of ``parent`` (a widget of the desk window) and show it;
        returns it for the desk to put in a layout. Called after ``returned_to_desk``, or for
        "show to customer" when there is one screen."""
        view = self._view
        if self._screen is not None:
            # The employee asked to show it in the desk window: the customer screen is left.
            self._screen = None
        view.setWindowState(Qt.WindowState.WindowNoState)
        view.setParent(parent, Qt.WindowType.Widget)
        view.show()
        return view

    def close(self) -> None:
        """Take the view off the customer screen (on quit)."""
        if self._screen is not None or self._view.isWindow():
            self._view.hide()
        self._screen = None

    def _wanted(self) -> QScreen | None:
        screens = QGuiApplication.screens()
        index = pick(self._spec, [s.name() for s in screens])
        if index is None or len(screens) < 2 or screens[index] is self._desk_screen():
            return None
        return screens[index]

    def _is_desk_screen(self, screens: list[QScreen]) -> bool:
        index = pick(self._spec, [s.name() for s in screens])
        return index is not None and screens[index] is self._desk_screen()

    def _place(self, screen: QScreen) -> None:
        view = self._view
        if self._screen is screen and view.isVisible() and view.isWindow():
            return
        view.hide()
        # Out of the desk window's layout (QLayout lets go of a child that leaves it).
        view.setParent(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        view.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        view.setWindowTitle("Customer")
        view.setScreen(screen)
        view.setGeometry(screen.geometry())
        view.showFullScreen()
        self._screen = screen
        log.info("customer view on screen %r", screen.name())
        self.placed.emit(screen.name())

    def _hand_back(self) -> None:
        view = self._view
        if view.isWindow():
            view.hide()
        self._screen = None
        self.returned_to_desk.emit()

    def _screen_removed(self, screen: QScreen) -> None:
        if screen is not self._screen:
            return
        # Qt would move the window to another screen, full screen over the desk: hand it back.
        log.warning("customer screen %r removed; the desk shows the customer's view", screen.name())
        self._hand_back()

    def _screen_added(self, screen: QScreen) -> None:
        if self._screen is not None or not self._spec:
            return
        wanted = self._wanted()
        if wanted is not None:
            log.info("customer screen %r is back", wanted.name())
            self._place(wanted)
