"""Widgets every screen uses, built the same way so they look and behave alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget


def label(text: str, name: str, parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A centred label styled by ``name`` (see ``theme.py``)."""
    widget = QLabel(text, parent)
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def button(
    text: str, accessible: str, *, primary: bool, parent: QWidget | None = None
) -> QPushButton:
    """A large touch target that also works with the mouse and the keyboard (Enter, Space)."""
    widget = QPushButton(text, parent)
    widget.setObjectName("Primary" if primary else "Secondary")
    widget.setAccessibleName(accessible)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setAutoDefault(True)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    return widget


def countdown_text(seconds: int) -> str:
    """``m:ss`` for a countdown."""
    return f"{seconds // 60}:{seconds % 60:02d}"
