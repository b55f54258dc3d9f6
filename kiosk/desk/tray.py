"""The desk's tray icon: a way back to the desk window, and a note when a session finishes
while the window is minimised or hidden (issue 13 point 9).

Where the desktop has no system tray (some Linux desktops, Qt's offscreen platform), there is
no icon and no note: the desk works the same, and the log says so once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from kiosk import resources
from kiosk.core.text import printable

log = logging.getLogger(__name__)

_said_unavailable = False


def _icon() -> QIcon:
    try:
        return QIcon(str(resources.path(resources.APP_ICON)))
    except FileNotFoundError as exc:
        log.warning("%s", exc)
        return QIcon()


def _tray_icon() -> QSystemTrayIcon | None:
    """A tray icon, or None (logged once per process) where the desktop has no tray."""
    global _said_unavailable
    if QSystemTrayIcon.isSystemTrayAvailable():
        return QSystemTrayIcon()
    if not _said_unavailable:
        _said_unavailable = True
        log.info("no system tray on this desktop: the desk shows no tray icon or notifications")
    return None


class DeskTray(QObject):
    """The tray icon of ``window`` (the desk window), with its menu.

    Args:
        window: the desk window, whose state decides whether a finished session is notified.
        icon: the tray icon to use (tests give one that records); by default one is made when
            the desktop has a system tray, and none otherwise.

    Signals:
        show_desk_requested(): "Show desk", or a click on the icon or on a note.
        new_verification_requested(): "New verification".
        quit_requested(): "Quit".
        notified(str, str): a note was shown (its title and its text).
    """

    show_desk_requested = Signal()
    new_verification_requested = Signal()
    quit_requested = Signal()
    notified = Signal(str, str)

    def __init__(
        self,
        window: QWidget,
        parent: QObject | None = None,
        *,
        icon: QSystemTrayIcon | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._tray = icon if icon is not None else _tray_icon()
        self.menu = QMenu(window)
        self.show_action = self._action(self.tr("Show desk"), self.show_desk_requested)
        self.new_action = self._action(self.tr("New verification"), self.new_verification_requested)
        self.menu.addSeparator()
        self.quit_action = self._action(self.tr("Quit"), self.quit_requested)
        if self._tray is not None:
            self._tray.setParent(self)
            self._tray.setIcon(_icon())
            self._tray.setToolTip(self.tr("Verification desk"))
            self._tray.setContextMenu(self.menu)
            self._tray.activated.connect(self._activated)
            self._tray.messageClicked.connect(self.show_desk_requested)
            self._tray.show()

    @property
    def available(self) -> bool:
        """True when there is a tray icon (and so notes can be shown)."""
        return self._tray is not None

    def _action(self, text: str, signal: SignalInstance) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(signal.emit)
        return action

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_desk_requested.emit()

    def window_is_away(self) -> bool:
        """True while the desk window is minimised or hidden: the employee cannot see it."""
        return self._window.isMinimized() or not self._window.isVisible()

    def notify_finished(self, reference: str, verdict_text: str) -> bool:
        """Say that the session for ``reference`` finished with ``verdict_text`` ("PASS",
        "Expired"...), only while the desk window is away; True when a note was shown."""
        if self._tray is None or not self.window_is_away():
            return False
        title = self.tr("Verification finished")
        # The reference is typed by an employee and shown by the desktop: one printable line.
        shown = printable(reference, 80)
        text = f"{shown}: {verdict_text}" if shown else verdict_text
        self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10_000)
        self.notified.emit(title, text)
        return True

    def hide(self) -> None:
        """Take the icon out of the tray (on quit)."""
        if self._tray is not None:
            self._tray.hide()
