"""Kiosk mode: the window stays on screen until staff unlock it.

Full screen, frameless and on top; closing it (Alt+F4 through the window manager, or any close
request) is refused while locked; Escape, Ctrl+Q and Ctrl+W do nothing; no context menus
anywhere; the mouse cursor can be hidden. Quitting on SIGTERM (a service stop) still works: it
ends the event loop without asking the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_BLOCKED_KEYS = {
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
}


class Lockdown(QObject):
    """Locks ``window`` in kiosk mode until :meth:`unlock` (the operator's PIN, later).

    Args:
        window: the kiosk's top-level window.
        hide_cursor: hide the mouse pointer (touch screens).
    """

    def __init__(self, window: QWidget, *, hide_cursor: bool = False) -> None:
        super().__init__(window)
        self._window = window
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
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if (Qt.Key(event.key()), modifiers) in _BLOCKED_KEYS:
                return True
        return False
