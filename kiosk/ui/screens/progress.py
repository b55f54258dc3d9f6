"""Progress: the requested steps, the current one highlighted, once the code has been scanned."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.core.models import SCOPE_ORDER, Status, Step
from kiosk.core.state import KioskState
from kiosk.ui.screens.common import Screen, button, label
from kiosk.ui.screens.names import scope_name, step_doing


class ProgressScreen(Screen):
    """Signals:
    cancel_requested(): the visitor pressed Cancel.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label(self.tr("Follow the steps on your phone"), "Title")
        self.line = label("", "Subtitle")
        self.steps_box = QVBoxLayout()
        self.steps: list[QLabel] = []
        self.cancel_button = button(
            self.tr("Cancel"), self.tr("Cancel verification"), primary=False
        )
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.cancel_button.setAccessibleDescription(self.title.text())
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.line)
        layout.addSpacing(30)
        layout.addLayout(self.steps_box)
        layout.addSpacing(30)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def show_state(self, state: KioskState) -> None:
        """Show the steps of the state's session and where the person is."""
        status = state.status
        requested = set(state.session.scopes) if state.session else set()
        scopes = [s for s in SCOPE_ORDER if s.value in requested]
        current = status.next_step if status else None
        if status is not None and status.status is Status.CAPTCHA_OK:
            self.line.setText(self.tr("Follow the steps on your phone: getting started"))
        elif current is not None:
            self.line.setText(
                self.tr("Follow the steps on your phone: {step}").format(step=step_doing(current))
            )
        else:
            self.line.setText(self.tr("Keep your phone open until it says you are done."))
        current_index = next(
            (i for i, s in enumerate(scopes) if Step.for_scope(s) is current), None
        )
        self._set_step_count(len(scopes))
        for i, (scope, widget) in enumerate(zip(scopes, self.steps, strict=True)):
            if current_index is not None and i < current_index:
                mark, name, done = "✓", "StepDone", self.tr("done")
            elif i == current_index:
                mark, name, done = "●", "StepCurrent", self.tr("now")
            else:
                mark, name, done = "○", "StepTodo", self.tr("to do")
            widget.setText(f"{mark}  {scope_name(scope)}")
            widget.setAccessibleName(f"{scope_name(scope)}: {done}")
            widget.setObjectName(name)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _set_step_count(self, count: int) -> None:
        while len(self.steps) < count:
            widget = label("", "StepTodo")
            self.steps.append(widget)
            self.steps_box.addWidget(widget)
        while len(self.steps) > count:
            self.steps.pop().deleteLater()
