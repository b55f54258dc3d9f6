"""The operator panel's settings form: a field per setting, built from the settings' declarations.

Each field shows the setting's documentation and what it expects (as a tooltip) and its default
(as a placeholder); a field left empty keeps the default. Values are checked by the settings'
own rules, so a mistake gets the same message as in the file or the environment.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from kiosk.core.settings import DEFAULTS, SPECS, env_name, parse


def _shown(value: Any) -> str:
    """A value as the operator types it (lists comma-separated, tables as JSON). A value the
    rules refuse (a TOML date in the metadata, a table nested too deeply) is shown as best it
    can be, for the operator to fix: never an exception in the panel."""
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        try:
            return json.dumps(dict(value), default=str) if value else ""
        except (RecursionError, ValueError):
            return str(value)
    return str(value)


def _checked(key: str, value: Any) -> bool:
    """A true/false setting as its rule reads it (the file may say ``"false"`` or ``"no"``,
    which ``bool()`` would take for true); a wrong value shows the default."""
    try:
        return bool(SPECS[key].check(value))
    except (TypeError, ValueError):
        return bool(getattr(DEFAULTS, key))


class SettingsForm(QWidget):
    """A field per setting, in declaration order: a check box for a true/false setting, a line
    of text for the others."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit | QCheckBox] = {}
        layout = QFormLayout(self)
        for key, spec in SPECS.items():
            default = getattr(DEFAULTS, key)
            field: QLineEdit | QCheckBox
            if isinstance(default, bool):
                field = QCheckBox()
            else:
                field = QLineEdit()
                field.setPlaceholderText(_shown(default))
            field.setAccessibleName(key)
            field.setToolTip(f"{spec.doc}. Expected: {spec.expect}. ({env_name(key)})")
            layout.addRow(key, field)
            self.fields[key] = field

    def show_values(self, values: Mapping[str, Any]) -> None:
        """Fill the fields from a settings file's values (a key left out shows its default)."""
        for key, field in self.fields.items():
            value = values.get(key, getattr(DEFAULTS, key))
            if isinstance(field, QCheckBox):
                field.setChecked(_checked(key, value))
            else:
                field.setText("" if key not in values else _shown(value))

    def values(self, where: str) -> dict[str, Any]:
        """The values that differ from the defaults, checked and typed.

        Raises:
            SettingsError: a field's value is wrong; the message names ``where`` and the key.
        """
        raw: dict[str, Any] = {}
        for key, field in self.fields.items():
            if isinstance(field, QCheckBox):
                if field.isChecked() != getattr(DEFAULTS, key):
                    raw[key] = field.isChecked()
            elif field.text().strip():
                raw[key] = field.text().strip()
        return parse(raw, where)
