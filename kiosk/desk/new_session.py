"""The "New verification" dialog: an optional reference and the checks for this session.

The checks offered are those the settings allow at the desk (``desk_scopes``); the ones the
kiosk asks for by default (``scopes``) that the desk allows are ticked to begin with. The
reference is checked as it is typed (:func:`kiosk.core.reference.check_reference`), and Start
stays disabled while it is wrong or no check is ticked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.models import SCOPE_ORDER, Scope
from kiosk.core.reference import MAX_LENGTH, BadReference, check_reference
from kiosk.desk.look import font_factor, status_colours
from kiosk.ui.screens.names import scope_name


def preselected(desk_scopes: Sequence[str], default_scopes: Sequence[str]) -> tuple[str, ...]:
    """The checks ticked when the dialog opens: the default ones the desk allows."""
    return tuple(s for s in desk_scopes if s in default_scopes)


class NewSessionDialog(QDialog):
    """Asks for a reference and the checks; :meth:`choice` holds them once accepted."""

    def __init__(
        self,
        desk_scopes: Sequence[str],
        default_scopes: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New verification"))
        self.setObjectName("desk-new-session")
        # The placeholder and a problem's sentence on few lines, at any text scale.
        self.setMinimumWidth(round(460 * font_factor(self)))
        self.reference = QLineEdit(self)
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(self.tr("Customer number or case id (optional)"))
        self.reference.setMaxLength(MAX_LENGTH * 4)  # longer text is refused with a message
        self.problem = QLabel(self)
        self.problem.setObjectName("reference-problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {status_colours(self)[1]}")
        self.problem.hide()
        ticked = set(preselected(desk_scopes, default_scopes))
        order = {scope.value: i for i, scope in enumerate(SCOPE_ORDER)}
        self.checks: dict[str, QCheckBox] = {}
        for scope in sorted(desk_scopes, key=lambda s: order.get(s, len(order))):
            box = QCheckBox(_check_name(scope), self)
            box.setObjectName(f"scope-{scope}")
            box.setChecked(scope in ticked)
            box.toggled.connect(self._update)
            self.checks[scope] = box
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.start_button = QPushButton(self.tr("Start"), self)
        self.start_button.setDefault(True)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Reference:"), self.reference)
        form.addRow("", self.problem)
        checks = QVBoxLayout()
        for box in self.checks.values():
            checks.addWidget(box)
        form.addRow(self.tr("Checks:"), checks)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.reference.textChanged.connect(self._update)
        self._update()

    def choice(self) -> tuple[str | None, tuple[str, ...]]:
        """The reference (None when empty) and the ticked checks, in the flow's order.

        Raises:
            BadReference: the reference is wrong (Start is disabled then).
        """
        reference = check_reference(self.reference.text())
        return reference, tuple(s for s, box in self.checks.items() if box.isChecked())

    def accept(self) -> None:
        if self.start_button.isEnabled():  # Enter in the field must not pass a wrong reference
            super().accept()

    def _say(self, exc: BadReference) -> str:
        """Why the reference is refused, in the desk's language (kiosk/core/reference.py words
        it in English, without Qt)."""
        text = str(exc)
        if long := _TOO_LONG.match(text):
            count = int(long[1])
            words = self.tr("The reference is %n characters long; use at most %1.", "", count)
            return words.replace("%1", str(MAX_LENGTH))
        if char := _UNSHOWABLE.search(text):
            return self.tr(
                "The reference holds a character that cannot be shown (U+%1), often pasted "
                "along with it; type the reference again."
            ).replace("%1", char[1])
        return text

    def _update(self) -> None:
        problem = ""
        try:
            check_reference(self.reference.text())
        except BadReference as exc:
            problem = self._say(exc)
        if not problem and not any(box.isChecked() for box in self.checks.values()):
            problem = self.tr("Tick at least one check.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.start_button.setEnabled(not problem)


_TOO_LONG = re.compile(r"The reference is (\d+) characters long")
_UNSHOWABLE = re.compile(r"\(U\+([0-9A-F]{4,6})\)")


def _check_name(scope: str) -> str:
    try:
        return scope_name(Scope(scope))
    except ValueError:  # the settings' rule allows only known scopes; never a crash here
        return scope
