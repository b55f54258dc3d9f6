"""The operator panel's settings form: a field per setting, in sections, built from the settings'
declarations (:mod:`kiosk.core.settings`).

Each field is the widget its rule allows (:mod:`kiosk.ui.settings_fields`: spin boxes held to
the rule's bounds, lists of choices, check boxes), with the setting's documentation under it
and what it expects, its environment variable and its default as a tooltip. Values are checked
by the settings' own rules, so a mistake gets the same message as in the file or the
environment, shown under the field it concerns.

A value in the file that its rule refuses (``ttl_sec = 5``) cannot be shown by a spin box held
to 10-86400: the field shows the default and, under it, the settings' message about the file's
value; saving is refused with that message until the operator changes the field. (Showing it
clamped would save a value nobody chose.) Likewise a value a field can only show rounded (a
number finer than its spin box's decimals): the file's value is saved as it was until the
operator changes that field.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from kiosk.core.settings import DEFAULTS, SPECS, SettingsError, env_name, parse
from kiosk.ui.settings_fields import Field, TextField, field_for, shown_text

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Backend",
        (
            "backend", "app_id", "sandbox_address", "trusted_origins", "callback_url",
            "return_url",
        ),
    ),
    (
        "Session",
        (
            "scopes", "ttl_sec", "min_similarity", "poll_interval", "walk_away_seconds",
            "result_seconds", "metadata",
        ),
    ),
    (
        "Screens",
        (
            "language", "theme", "text_scale", "public_result", "reduce_motion", "kiosk_mode",
            "hide_cursor", "brand_dir",
        ),
    ),
    ("Journal", ("journal_days", "journal_demography")),
    (
        "Desk and hand-off",
        (
            "desk_scopes", "desk_customer_screen", "handoff_command", "handoff_url",
            "handoff_timeout", "handoff_retries",
        ),
    ),
)  # fmt: skip
"""The form's sections, in order; a setting declared later and not listed goes in "Other"."""


def _section_title(name: str) -> str:
    # Spelled out for Qt's translation tools (lupdate reads literal strings).
    titles = {
        "Backend": QCoreApplication.translate("SettingsForm", "Backend"),
        "Session": QCoreApplication.translate("SettingsForm", "Session"),
        "Screens": QCoreApplication.translate("SettingsForm", "Screens"),
        "Journal": QCoreApplication.translate("SettingsForm", "Journal"),
        "Desk and hand-off": QCoreApplication.translate("SettingsForm", "Desk and hand-off"),
        "Other": QCoreApplication.translate("SettingsForm", "Other"),
    }
    return titles.get(name, name)


def _checked(key: str, raw: Any, where: str) -> Any:
    """``raw`` checked as the file's reader checks it: the same rule, the same message."""
    return parse({key: raw}, where)[key]


class SettingsForm(QWidget):
    """A field per setting, in sections. ``fields`` maps each key, in declaration order, to
    the widget the operator uses (a QCheckBox for true/false settings)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsForm")
        # The kiosk's style centres its labels (the visitor's screens); a form reads down a
        # left edge. A widget's own style sheet wins over the window's for its children.
        # Check boxes as large as their text: the panel is used on touch screens too.
        self.setStyleSheet(
            "QLabel { qproperty-alignment: 'AlignLeft | AlignVCenter'; }"
            "QCheckBox::indicator { width: 28px; height: 28px; }"
        )
        self._fields: dict[str, Field] = {}
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        # Values from the file that their field cannot show (see the module's docstring):
        # refused by their rule, or shown rounded. Saved as the file has them (a refused one
        # refuses the save) until the operator edits the field.
        self._from_file: dict[str, Any] = {}
        self._filling = False
        for key, spec in SPECS.items():
            default = getattr(DEFAULTS, key)
            field = field_for(spec, default)
            widget = field.widget
            widget.setAccessibleName(key)
            widget.setToolTip(
                f"{spec.doc}. Expected: {spec.expect}. "
                f"Default: {shown_text(default) or '(empty)'}. ({env_name(key)})"
            )
            field.show(default)
            field.on_change(functools.partial(self._edited, key))
            self._fields[key] = field
            self.fields[key] = widget

        listed = [key for _, keys in SECTIONS for key in keys]
        others = tuple(key for key in SPECS if key not in listed)
        layout = QVBoxLayout(self)
        for name, keys in (*SECTIONS, ("Other", others)):
            present = [key for key in keys if key in SPECS]
            if present:
                layout.addWidget(self._section(_section_title(name), present))
        layout.addStretch(1)

    def _section(self, title: str, keys: list[str]) -> QGroupBox:
        box = QGroupBox(title)
        rows = QFormLayout(box)
        rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in keys:
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            if isinstance(self._fields[key], TextField):
                column.addWidget(self.fields[key])  # text takes the width it is given
            else:  # a number, a list or boxes: as wide as it needs, not the whole row
                column.addWidget(self.fields[key], 0, Qt.AlignmentFlag.AlignLeft)
            help_text = QLabel(SPECS[key].doc)
            help_text.setObjectName("Hint")
            help_text.setWordWrap(True)
            column.addWidget(help_text)
            error = QLabel()
            error.setObjectName("Reason")
            error.setWordWrap(True)
            error.hide()
            column.addWidget(error)
            self.errors[key] = error
            name = QLabel(key)
            name.setBuddy(self.fields[key])
            rows.addRow(name, cell)
        return box

    def _edited(self, key: str) -> None:
        """The operator changed the field: a value from the file it could not show is
        replaced."""
        if self._filling:
            return
        self._from_file.pop(key, None)
        self._set_error(key, None)

    def _set_error(self, key: str, message: str | None) -> None:
        label = self.errors[key]
        label.setText(message or "")
        label.setVisible(bool(message))

    def show_values(self, values: Mapping[str, Any], where: str = "the settings file") -> None:
        """Fill the fields from a settings file's values (a key left out shows its default;
        a value its rule refuses shows the default and the settings' message, naming
        ``where``)."""
        self._from_file.clear()
        self._filling = True  # filling is not editing
        try:
            for key, field in self._fields.items():
                self._set_error(key, None)
                self._show(key, field, values, where)
        finally:
            self._filling = False

    def _show(self, key: str, field: Field, values: Mapping[str, Any], where: str) -> None:
        default = getattr(DEFAULTS, key)
        if key not in values:
            field.show(default)
            if isinstance(field, TextField):
                field.line.setText("")  # empty: the default (its placeholder)
            return
        try:
            value = _checked(key, values[key], where)
        except SettingsError as exc:
            field.show(default)
            if isinstance(field, TextField):  # the text itself, for the operator to fix
                field.line.setText(shown_text(values[key]))
            else:
                self._from_file[key] = values[key]
            self._set_error(key, str(exc))
            return
        field.show(value)
        if self._field_value(key, field, where) != value:  # shown rounded: keep the file's
            self._from_file[key] = value

    def _field_value(self, key: str, field: Field, where: str) -> Any:
        """What saving ``field`` as it is would save (None: a value its rule refuses)."""
        raw = field.raw()
        if raw is None:
            return getattr(DEFAULTS, key)
        try:
            return _checked(key, raw, where)
        except SettingsError:
            return None

    def values(self, where: str) -> dict[str, Any]:
        """The values that differ from the defaults, checked and typed. Every wrong field
        shows its message; the first one is raised.

        Raises:
            SettingsError: a field's value is wrong; the message names ``where`` and the key.
        """
        checked: dict[str, Any] = {}
        first: SettingsError | None = None
        for key, field in self._fields.items():
            raw = self._from_file[key] if key in self._from_file else field.raw()
            if raw is None:  # an empty line: the default
                self._set_error(key, None)
                continue
            try:
                value = _checked(key, raw, where)
            except SettingsError as exc:
                self._set_error(key, str(exc))
                first = first or exc
                continue
            self._set_error(key, None)
            if value != getattr(DEFAULTS, key):
                checked[key] = value
        if first is not None:
            raise first
        return checked
