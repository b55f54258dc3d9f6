"""Kiosk mode: the window stays on screen until staff unlock it.

Full screen, frameless and on top; closing it (Alt+F4 through the window manager, or any close
request) is refused while locked, and so is a request to quit the application (macOS's Quit
menu item); Escape, Ctrl+Q and Ctrl+W (on macOS Cmd+Q, Cmd+W, Cmd+H, Cmd+M and Cmd+Tab where Qt
sees them) do nothing, not even as a shortcut; no context menus anywhere; the mouse cursor can
be hidden. Quitting on SIGTERM (a service stop) still works: it ends the event loop without
asking the window.

What the operating system handles before Qt sees a key (Ctrl+Alt+Del, the Windows key, Alt+Tab
on Windows, Cmd+Tab and Cmd+Option+Esc on macOS, a Linux desktop's own shortcuts) cannot be
blocked here: that is the job of the kiosk session (cage, Assigned Access, macOS's kiosk
presentation options).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

Key = Qt.Key
# Qt names modifiers by role, not by key cap: on macOS ControlModifier is the Command key and
# MetaModifier the Control key. So (Key_Q, CTRL) is Ctrl+Q on Linux and Windows and Cmd+Q on a
# Mac, which is the same command (quit) on each.
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier  # Option on macOS
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier

_EVERYWHERE = {(Key.Key_Escape, NONE), (Key.Key_Q, CTRL), (Key.Key_W, CTRL), (Key.Key_F4, ALT)}
_MACOS = {
    (Key.Key_H, CTRL),  # Cmd+H hides the application
    (Key.Key_H, CTRL | ALT),  # Cmd+Option+H hides the others (the desktop shows)
    (Key.Key_M, CTRL),  # Cmd+M minimises
    (Key.Key_Tab, CTRL),  # Cmd+Tab switches applications (the system usually takes it first)
    (Key.Key_Backtab, CTRL | SHIFT),
    (Key.Key_QuoteLeft, CTRL),  # Cmd+` cycles the application's windows
    (Key.Key_Comma, CTRL),  # Cmd+, opens the application's settings
}


def blocked_keys(platform: str | None = None) -> frozenset[tuple[Qt.Key, Qt.KeyboardModifier]]:
    """The key combinations a locked kiosk swallows on ``platform`` (``sys.platform``)."""
    if (platform or sys.platform) == "darwin":
        return frozenset(_EVERYWHERE | _MACOS)
    return frozenset(_EVERYWHERE)


class Lockdown(QObject):
    """Locks ``window`` in kiosk mode until :meth:`unlock` (the operator's PIN, later).

    Args:
        window: the kiosk's top-level window.
        hide_cursor: hide the mouse pointer (touch screens).
        platform: whose keys to block (default: this machine's; tests pass another).

    Signals:
        escape_pressed(): Escape was swallowed; the window uses it as "cancel" (the key
            itself never reaches a widget that could leave full screen or close).
    """

    escape_pressed = Signal()

    def __init__(
        self, window: QWidget, *, hide_cursor: bool = False, platform: str | None = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._blocked = blocked_keys(platform)
        self.locked = True
        self._cursor_hidden = hide_cursor
        window.setWindowFlags(
            window.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        if hide_cursor:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)

    def unlock(self) -> None:
        """Let the window close and the keys work again; show the cursor."""
        self.locked = False
        if self._cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_hidden = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.locked:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self._window:
            event.ignore()
            return True
        if kind == QEvent.Type.Quit:
            # macOS's Quit menu item (and logout) asks the application, not the window, to
            # quit. Refused here rather than by the window's refusal to close, which would first
            # close every other window (the operator panel). SIGTERM does not come this way.
            event.ignore()
            return True
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if (Qt.Key(event.key()), modifiers) in self._blocked:
                # Accepting the override is what stops a shortcut (a menu's Cmd+Q, a
                # QShortcut) on that key: swallowing the event alone did not.
                event.accept()
                if kind == QEvent.Type.KeyPress and event.key() == Key.Key_Escape:
                    self.escape_pressed.emit()
                return True
        return False
