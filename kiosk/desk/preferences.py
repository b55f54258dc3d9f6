"""The desk's preferences: the customer-facing screen, and the hand-off of each final result.

Five settings of the settings file (``desk_customer_screen``, ``handoff_command``,
``handoff_url``, ``handoff_timeout``, ``handoff_retries``), each checked by the settings' own
rule, so a mistake reads as it would at start; saved into the file with the rest of it kept
(:mod:`kiosk.core.settings_edit`) and written as the operator panel writes it
(:func:`kiosk.core.private_files.write_text`: the owner alone reads it).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import private_files
from kiosk.core.screen_choice import pick, spec_for
from kiosk.core.settings import DEFAULTS, SPECS, SettingsError, parse, read_toml
from kiosk.core.settings_edit import updated

log = logging.getLogger(__name__)

KEYS = (
    "desk_customer_screen",
    "handoff_command",
    "handoff_url",
    "handoff_timeout",
    "handoff_retries",
)
_TEXT_KEYS = KEYS[1:]


class PreferencesDialog(QDialog):
    """Shown by the desk's Preferences menu; on Save, checks and writes the file, then
    accepts with ``saved`` emitted (the values written; the desk reconfigures its customer
    screen and its hand-off from them). A wrong value is shown and nothing is written.

    Args:
        settings_path: the settings file (:func:`kiosk.paths.settings_path`).
    """

    saved = Signal(dict)

    def __init__(self, settings_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Desk preferences"))
        self.setMinimumWidth(560)
        self._path = settings_path
        self.values: dict[str, Any] = {}
        current = self._file_values()

        self.screen_choice = QComboBox()
        self.screen_choice.setAccessibleName(self.tr("Customer screen"))
        self.screen_choice.setToolTip(self._tip("desk_customer_screen"))
        self._fill_screens(str(current.get("desk_customer_screen", "")))
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(self.tr("Customer screen"), self.screen_choice)
        labels = {
            "handoff_command": self.tr("Hand-off command"),
            "handoff_url": self.tr("Hand-off URL"),
            "handoff_timeout": self.tr("Hand-off timeout (s)"),
            "handoff_retries": self.tr("Hand-off retries"),
        }
        for key in _TEXT_KEYS:
            field = QLineEdit(str(current.get(key, getattr(DEFAULTS, key))))
            field.setAccessibleName(labels[key])
            field.setToolTip(self._tip(key))
            field.setPlaceholderText(self.tr("empty: none") if key in KEYS[1:3] else "")
            form.addRow(labels[key], field)
            self.fields[key] = field
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @staticmethod
    def _tip(key: str) -> str:
        spec = SPECS[key]
        return f"{spec.doc}. Expected: {spec.expect}."

    def _file_values(self) -> dict[str, Any]:
        """The file's values (defaults where it has none, or where it cannot be read: Save
        then says what is wrong with it)."""
        try:
            if self._path.exists():
                return parse(read_toml(self._path), str(self._path))
        except SettingsError as exc:
            log.warning("%s", exc)
        return {}

    def _fill_screens(self, spec: str) -> None:
        """ "None" and each screen there is now, by number and name; a configured screen that
        is not connected stays a choice (saving must not forget it)."""
        screens = QGuiApplication.screens()
        names = [s.name() for s in screens]
        parent = self.parentWidget()
        desk = parent.window().screen() if parent is not None else None
        self.screen_choice.addItem(self.tr("None: the desk shows the code"), "")
        for i, screen in enumerate(screens):
            size = screen.geometry()
            text = self.tr("{number}: {name} ({width}×{height})").format(
                number=i + 1,
                name=screen.name() or "?",
                width=size.width(),
                height=size.height(),
            )
            if screen is desk:
                # Full screen there would cover the desk window: not a choice.
                text = self.tr("{screen}, the desk window's screen").format(screen=text)
            self.screen_choice.addItem(text, spec_for(i, names))
            if screen is desk:
                item = self.screen_choice.model().item(i + 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
        index = pick(spec, names)
        if index is not None:
            self.screen_choice.setCurrentIndex(index + 1)
        elif spec.strip():
            missing = self.tr("{screen} (not connected)").format(screen=spec)
            self.screen_choice.addItem(missing, spec)
            self.screen_choice.setCurrentIndex(self.screen_choice.count() - 1)

    def raw(self) -> dict[str, str]:
        """The fields as typed."""
        values = {"desk_customer_screen": str(self.screen_choice.currentData() or "")}
        values.update({key: field.text().strip() for key, field in self.fields.items()})
        return values

    def save(self) -> bool:
        """Check the values and write the file; True (and accepted) when saved."""
        where = str(self._path)
        try:
            values = parse(self.raw(), where)
            text = updated(self._path, values)
        except SettingsError as exc:
            self.error.setText(self.tr("Not saved: {error}").format(error=exc))
            return False
        try:
            private_files.write_text(self._path, text)
        except OSError as exc:
            self.error.setText(self.tr("Not saved: {error}").format(error=exc))
            return False
        self.values = values
        log.info("desk preferences saved to %s", self._path)
        self.saved.emit(dict(values))
        self.accept()
        return True
