"""A push button whose label wraps onto more lines instead of being cut.

At 200 % text on a portrait screen "Commencer la vérification", "Continuar en este
dispositivo" or "Auf diesem Gerät fortfahren" are wider than the window: a plain QPushButton
cut them at both ends. This one breaks its label between words to the width the layout gives
it and grows taller (its accessible name stays the one sentence given by ``button``).
``text()`` is always the whole label, unbroken.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)


class WrapButton(QPushButton):
    """A QPushButton that wraps its text between words to its width."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._full = text
        # Not a fixed height: in a row, a fixed-height neighbour capped the row (and so a
        # wrapped button) at one line's height.
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        super().setText(text)
        self._wrap()

    def text(self) -> str:
        """The whole label, without the line breaks added to fit."""
        return self._full

    def _hint(self, text: str) -> QSize:
        """The size the style gives a button showing ``text`` (as QPushButton::sizeHint)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        contents = self.fontMetrics().size(int(Qt.TextFlag.TextShowMnemonic), text)
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, contents, self
        )

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # As wide as the label on one line, as tall as the lines it has now (QPushButton's own
        # when on one line: the style sizes a focused button's wider ring in, and no more).
        hint = super().sizeHint()
        if QPushButton.text(self) == self._full:
            return hint
        return QSize(self._hint(self._full).width(), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        widest = max(self._full.split() or [""], key=self.fontMetrics().horizontalAdvance)
        return QSize(self._hint(widest).width(), super().minimumSizeHint().height())

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._wrap()

    def _wrap(self) -> None:
        chrome = self._hint(self._full).width() - self.fontMetrics().horizontalAdvance(self._full)
        room = self.width() - chrome
        metrics = self.fontMetrics()
        lines: list[str] = []
        for word in self._full.split():
            joined = f"{lines[-1]} {word}" if lines else word
            if lines and metrics.horizontalAdvance(joined) <= room:
                lines[-1] = joined
            else:
                lines.append(word)
        shown = "\n".join(lines) if metrics.horizontalAdvance(self._full) > room else self._full
        if shown != QPushButton.text(self):
            QPushButton.setText(self, shown)
            # Later, not now: asked in the middle of the layout's pass (a resize), the new
            # height was dropped and the two lines were drawn in one line's height.
            QTimer.singleShot(0, self, self._relayout)

    def _relayout(self) -> None:
        # updateGeometry() alone left the row (a sub-layout) with its cached height.
        self.updateGeometry()
        parent = self.parentWidget()
        top = parent.layout() if parent is not None else None
        if top is not None:
            _invalidate_holding(top, self)
            top.activate()


def _invalidate_holding(layout: QLayout, widget: QWidget) -> bool:
    """Invalidate ``layout`` and every sub-layout on the way down to ``widget``."""
    found = layout.indexOf(widget) >= 0
    for i in range(layout.count()):
        item = layout.itemAt(i)
        child = item.layout() if item is not None else None
        if child is not None and _invalidate_holding(child, widget):
            found = True
    if found:
        layout.invalidate()
    return found
