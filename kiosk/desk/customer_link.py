"""What the customer sees, from the desk's sessions: one session at a time is the customer's.

The session started last is the customer's (the person at the counter now); "Show to customer"
makes the selected one theirs instead. Its code, its progress and then its discreet result
(verdict and reasons, no scores) go to the customer view (:class:`CustomerView`), which
:class:`CustomerDisplay` puts full screen on the customer screen when one is configured and
there. Without one (or once it is unplugged) the view is the desk's to show: a panel of the
desk window ("Customer view"); "Show to customer" then enlarges it to the whole screen, the
one-screen way of turning the code towards the customer. The customer's language is picked by
the employee (a list in the desk's tool bar); the desk window keeps its own.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel, QMainWindow, QToolBar

from kiosk.desk.customer_display import CustomerDisplay
from kiosk.desk.customer_view import CustomerView
from kiosk.desk.desk_sessions import DeskSessions
from kiosk.ui.i18n import NATIVE_NAMES

log = logging.getLogger(__name__)


class CustomerLink(QObject):
    """Keeps the customer view on the customer's session.

    Args:
        window: the desk window (the panel and the language list go in it).
        sessions: the desk's sessions.
        display: where the customer view is shown.
        language: the customer's language to begin with.
        result_seconds: how long the customer sees a result before the view returns to idle.
    """

    def __init__(
        self,
        window: QMainWindow,
        sessions: DeskSessions,
        display: CustomerDisplay,
        *,
        language: str,
        result_seconds: float,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._sessions = sessions
        self.display = display
        self.key: int | None = None
        self.panel = QDockWidget(self.tr("Customer view"), window)
        self.panel.setObjectName("customer-panel")
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.panel)
        back.setContext(Qt.ShortcutContext.WindowShortcut)  # the floating panel is a window
        back.activated.connect(lambda: self.panel.setFloating(False))
        self.languages = QComboBox(window)
        self.languages.setObjectName("customer-language")
        for code, name in NATIVE_NAMES.items():
            self.languages.addItem(name, code)
        bar = QToolBar(self.tr("Customer"), window)
        bar.setObjectName("customer-bar")
        bar.addWidget(QLabel(self.tr("Customer's language: "), bar))
        bar.addWidget(self.languages)
        window.addToolBar(bar)
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setInterval(int(result_seconds * 1000))
        self._idle_timer.timeout.connect(self.view.show_idle)
        self.languages.currentIndexChanged.connect(
            lambda _i: self.view.set_language(str(self.languages.currentData()))
        )
        self.set_language(language)
        self._watching_screen = False
        window.installEventFilter(self)  # its first show: follow the screen it is on
        display.returned_to_desk.connect(self._returned)
        display.placed.connect(self._placed)
        sessions.added.connect(self.follow)
        sessions.changed.connect(self._on_changed)
        sessions.removed.connect(self._on_removed)

    @property
    def view(self) -> CustomerView:
        return self.display.view

    def configure(self, spec: str) -> bool:
        """Use the customer screen ``spec`` names (the ``desk_customer_screen`` setting)."""
        return self.display.configure(spec)

    def set_language(self, code: str) -> None:
        """Speak ``code`` to the customer (the list shows it)."""
        index = self.languages.findData(code)
        if index >= 0 and index != self.languages.currentIndex():
            self.languages.setCurrentIndex(index)  # redraws through currentIndexChanged
        else:
            self.view.set_language(code)

    def follow(self, key: int) -> None:
        """Make session ``key`` the customer's."""
        self.key = key
        self._draw()

    def show_to_customer(self, key: int) -> None:
        """The employee's "Show to customer": ``key`` becomes the customer's; with no customer
        screen, the view fills this screen (Escape or closing the panel puts it back)."""
        self.follow(key)
        if self.display.has_screen:
            return
        self._hold_view()
        self.panel.setFloating(True)
        screen = self._window.screen() or QGuiApplication.primaryScreen()
        self.panel.setGeometry(screen.availableGeometry())
        self.panel.show()
        self.panel.raise_()

    def close(self) -> None:
        """Take the view off the customer screen (on quit)."""
        self._idle_timer.stop()
        self.display.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """On the desk window's first show, check the customer screen against the screen the
        window opened on (its kept place may be any screen) and follow its moves: the
        customer view never goes full screen over the desk window."""
        if watched is self._window and event.type() == QEvent.Type.Show:
            handle = self._window.windowHandle()
            if handle is not None and not self._watching_screen:
                self._watching_screen = True
                handle.screenChanged.connect(lambda _screen: self.display.recheck())
                self.display.recheck()
        return False

    # Internals.

    def _hold_view(self) -> None:
        """Put the view in the desk's panel (if it is not there already)."""
        if self.panel.widget() is not self.view:
            self.panel.setWidget(self.display.show_in(self.panel))

    def _returned(self) -> None:
        self._hold_view()
        session = self._sessions.get(self.key) if self.key is not None else None
        if session is not None and session.live:
            # Unplugged mid-session: the customer still needs the code; the desk shows it.
            self.panel.setFloating(False)
            self.panel.show()
            self._window.statusBar().showMessage(
                self.tr("The customer screen is not there: the customer's view is in the desk."),
                10_000,
            )

    def _placed(self, name: str) -> None:
        self.panel.hide()  # the view left it: it is a window on the customer screen again
        log.info("customer view on screen %s", name)

    def _on_changed(self, key: int) -> None:
        if key == self.key:
            self._draw()

    def _on_removed(self, key: int) -> None:
        if key == self.key:
            self.key = None
            self._idle_timer.stop()
            self.view.show_idle()

    def _draw(self) -> None:
        session = self._sessions.get(self.key) if self.key is not None else None
        self._idle_timer.stop()
        if session is None:
            self.view.show_idle()
            return
        self.view.show_state(session.state)  # what the customer may see of it: no score
        if not session.live:
            self._idle_timer.start()
