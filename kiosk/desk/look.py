"""The desk window's look from the kiosk's ``theme`` and ``text_scale`` settings.

The desk is a desktop tool: it keeps the desktop's own widgets and style, and takes from the
settings what an employee who needs them relies on:

- ``text_scale`` (percent) scales the window's font, and with it every text, table row and
  column, dialog and menu of the desk (the kiosk's stylesheet, sized for a full-screen kiosk,
  is not used; the customer view keeps it).
- ``theme = "high-contrast"`` gives the window the high-contrast theme's colours
  (:data:`kiosk.ui.theme.HIGH_CONTRAST`: white on black, a yellow selection and focus) as its
  palette; pass and fail colours, the failed hand-off and the journal's problem use the
  theme's ``ok`` and ``fail`` (:func:`status_colours`). The default theme keeps the
  desktop's palette.

Dialogs opened from the window (new verification, preferences, messages) get the same font
and palette (``WA_WindowPropagation``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.theme import HIGH_CONTRAST, Theme

DESK_OK = "#1b6e20"
"""Pass green on the desktop's light palette (7:1 on white)."""

DESK_FAIL = "#b3261e"
"""Fail red on the desktop's light palette (6:1 on white)."""


def apply(window: QWidget, theme: Theme, text_scale: float) -> None:
    """Give ``window`` (and the dialogs it opens) the font scaled by ``text_scale`` (1.0: as
    the desktop has it) and, for the high-contrast theme, that theme's palette."""
    window.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation, True)
    if abs(text_scale - 1.0) > 1e-6:
        font = QFont(window.font())
        font.setPointSizeF(font.pointSizeF() * text_scale)
        window.setFont(font)
    if theme.name == HIGH_CONTRAST.name:
        window.setPalette(palette(theme))


def palette(theme: Theme) -> QPalette:
    """A widget palette from ``theme``'s colours."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.bg,
        QPalette.ColorRole.WindowText: theme.ink,
        QPalette.ColorRole.Base: theme.surface,
        QPalette.ColorRole.AlternateBase: theme.track,
        QPalette.ColorRole.Text: theme.ink,
        QPalette.ColorRole.Button: theme.bg,
        QPalette.ColorRole.ButtonText: theme.ink,
        QPalette.ColorRole.BrightText: theme.focus,
        QPalette.ColorRole.Highlight: theme.focus,
        QPalette.ColorRole.HighlightedText: theme.bg,
        QPalette.ColorRole.ToolTipBase: theme.surface,
        QPalette.ColorRole.ToolTipText: theme.ink,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Link: theme.accent,
        QPalette.ColorRole.Light: theme.edge,
        QPalette.ColorRole.Midlight: theme.edge,
        QPalette.ColorRole.Mid: theme.edge,
        QPalette.ColorRole.Dark: theme.edge,
        QPalette.ColorRole.Shadow: theme.edge,
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    # Disabled text stays readable (grey on black is 4.5:1 or more), and is still told apart.
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#a6a6a6"))
    return p


def status_colours(widget: QWidget) -> tuple[str, str]:
    """The pass and fail colours that read on ``widget``'s background: the high-contrast
    theme's on a dark palette, the desk's own otherwise."""
    if widget.palette().color(QPalette.ColorRole.Window).lightness() < 128:
        return HIGH_CONTRAST.ok, HIGH_CONTRAST.fail
    return DESK_OK, DESK_FAIL


def font_factor(widget: QWidget) -> float:
    """How much larger ``widget``'s font is than the application's (the text scale)."""
    base = QApplication.font().pointSizeF()
    size = widget.font().pointSizeF()
    return size / base if base > 0 and size > 0 else 1.0
