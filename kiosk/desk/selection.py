"""The text an employee has selected in the desk, for Ctrl+C.

Ctrl+C is the desk's "Copy ids" (Edit menu), but over a selection (a reason, an id in the
result, a field) the employee means that text: :func:`focused_selection` finds it in the
widget that has the keyboard focus. The result view makes long runs wrappable with invisible
break opportunities (U+200B, :func:`kiosk.core.text.wrappable`); they are taken out again, so
an id pasted into the bank's record is the id.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from kiosk.core.text import ZERO_WIDTH_SPACE

_PARAGRAPH = "\u2029"  # QTextCursor.selectedText's line break


def focused_selection() -> str:
    """The selected text of the focused label, line edit or text edit ("" when none)."""
    widget = QApplication.focusWidget()
    text = ""
    if isinstance(widget, QLabel) and widget.hasSelectedText():
        text = widget.selectedText()
    elif isinstance(widget, QLineEdit) and widget.hasSelectedText():
        if widget.echoMode() == QLineEdit.EchoMode.Normal:  # never a password field's text
            text = widget.selectedText()
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        text = widget.textCursor().selectedText().replace(_PARAGRAPH, "\n")
    return text.replace(ZERO_WIDTH_SPACE, "")
