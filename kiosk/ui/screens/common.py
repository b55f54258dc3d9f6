"""Widgets every screen uses, built the same way so they look and behave alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.ui.screens.wrap_button import WrapButton

if TYPE_CHECKING:
    from kiosk.core.state import KioskState


class Screen(QWidget):
    """A view of one phase: the window feeds every screen the same way (see ``window.py``)."""

    def show_state(self, state: KioskState) -> None:
        """Draw ``state``; a screen with fixed content has nothing to do."""

    def tick(self, seconds_until_idle: int | None) -> None:
        """Refresh countdowns (once a second while one is on screen, and after each state).

        Args:
            seconds_until_idle: how long until the kiosk returns to idle by itself (None: it
                will not); screens that show it say "Back to the start in N s".
        """


def label(
    text: str, name: str, parent: QWidget | None = None, *, wrap: bool = True, ours: bool = False
) -> QLabel:
    """A centred label styled by ``name`` (see ``theme.py``, which also centres it).

    Text is shown as plain text (never as HTML, since it may come from a server) unless
    ``ours`` says it is a fixed string of ours: those skip the call because the first use of a
    Qt enum costs ~16 ms, and the idle screen's labels are on the way to the first paint.
    """
    widget = QLabel(text, parent)
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    if not ours:
        from PySide6.QtCore import Qt  # see above: not on the idle screen's path

        widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def button(
    text: str, accessible: str, *, primary: bool, parent: QWidget | None = None
) -> QPushButton:
    """A large touch target that also works with the mouse and the keyboard (Enter, Space)."""
    # QPushButton's defaults already give a strong focus policy and a fixed height; the label
    # wraps where the window is too narrow for it (200 % text in portrait).
    widget = WrapButton(text, parent)
    widget.setObjectName("Primary" if primary else "Secondary")
    widget.setAccessibleName(accessible)
    widget.setAutoDefault(True)
    return widget


class _ButtonRow(QHBoxLayout):
    """A row that stacks its widgets (top to bottom) when the width it gets cannot hold them
    side by side: at 200 % text "Recommencer" beside "Terminé" did not fit 800 px and was cut.
    It only undoes a stacking of its own (the code screen sets its direction itself too)."""

    _stacked = False

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        items = [self.itemAt(i) for i in range(self.count())]
        widgets = [w for item in items if item is not None and (w := item.widget()) is not None]
        if len(widgets) < 2:  # the idle screen's Start: no Qt enum on the first paint's way
            super().setGeometry(rect)
            return
        needed = sum(max(w.minimumWidth(), w.minimumSizeHint().width()) for w in widgets)
        needed += max(self.spacing(), 0) * (len(widgets) - 1)
        horizontal = self.direction() in (
            QBoxLayout.Direction.LeftToRight,
            QBoxLayout.Direction.RightToLeft,
        )
        if horizontal and needed > rect.width():
            self._stacked = True
            self.setDirection(QBoxLayout.Direction.TopToBottom)
        elif self._stacked and needed <= rect.width():
            self._stacked = False
            self.setDirection(QBoxLayout.Direction.LeftToRight)
        super().setGeometry(rect)


def centred_row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side in the middle of a row (stretches, not an alignment flag: the
    idle screen uses it, and see ``label`` on Qt enums), stacked when they do not fit."""
    row = _ButtonRow()
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def countdown_text(seconds: int) -> str:
    """``m:ss`` for a countdown, in the visitor's locale's digits (Arabic-Indic in Arabic)."""
    from PySide6.QtCore import QLocale  # see ``label`` on the idle screen's path

    locale = QLocale()
    minutes = locale.toString(seconds // 60)
    secs = locale.toString(seconds % 60).rjust(2, locale.zeroDigit())
    return f"{minutes}:{secs}"
