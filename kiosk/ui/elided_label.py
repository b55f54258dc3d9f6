"""A one-line label that shows as much of its text as fits and ends it with "…".

For the header's brand text (up to 80 characters from the bank's brand.toml): wrapped, it
needed a taller header than the window's layout gives it and was cut at the top and bottom;
unwrapped, it ran off the window. The whole text stays the label's ``text()`` and its
accessible name and tooltip, so a screen reader still reads all of it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    """A plain-text label elided at its end (left end in right-to-left layouts) to its width."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Show ``text``, elided to the label's width."""
        self._full = text
        self.setAccessibleName(text)
        self.setToolTip(text)
        self._elide()
        self.updateGeometry()

    def text(self) -> str:
        """The whole text, not the part shown."""
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = self.fontMetrics().horizontalAdvance(self._full)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # Room for a few letters and the ellipsis: the layout may give it less than the text.
        width = self.fontMetrics().horizontalAdvance("MMM…")
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        room = max(0, self.contentsRect().width())
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        super().setText(shown)
