"""The settings form's fields: the widget each setting gets, chosen from its rule.

A number with bounds gets a spin box held to those bounds, a choice (theme, public_result,
language) a list, a true/false setting a check box, the scopes a check box per check, the
backend a list of its two names that also takes a URL; every other setting a line of text.
The bounds and choices are read from the rule itself (:mod:`kiosk.core.rules`), so the form
cannot drift from what the rule accepts (a test checks both ends of every spin box).

A field only shows and reads a value; checking it is the form's job, by the setting's rule.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from kiosk.core import rules
from kiosk.core.settings import Spec


def shown_text(value: Any) -> str:
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


class _NoWheelUnlessFocused:
    """Scrolling the form over a spin box or a list must scroll the form, not change the
    setting under the pointer: the wheel only acts on a field that has the focus."""

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


class SpinBox(_NoWheelUnlessFocused, QSpinBox):
    pass


class DoubleSpinBox(_NoWheelUnlessFocused, QDoubleSpinBox):
    pass


class ComboBox(_NoWheelUnlessFocused, QComboBox):
    pass


class Field:
    """One setting's input. ``widget`` is what the operator uses; :meth:`raw` is what the
    setting's rule is given (None: the field is empty, the default applies)."""

    widget: QWidget

    def show(self, value: Any) -> None:
        """Show ``value``, already checked by the setting's rule."""
        raise NotImplementedError

    def raw(self) -> Any:
        raise NotImplementedError

    def on_change(self, callback: Callable[[], None]) -> None:
        raise NotImplementedError


class TextField(Field):
    def __init__(self, default: Any) -> None:
        self.line = QLineEdit()
        self.line.setPlaceholderText(shown_text(default))
        self.widget = self.line

    def show(self, value: Any) -> None:
        self.line.setText(shown_text(value))

    def raw(self) -> Any:
        return self.line.text().strip() or None

    def on_change(self, callback: Callable[[], None]) -> None:
        self.line.textEdited.connect(lambda _text: callback())


class FlagField(Field):
    def __init__(self) -> None:
        self.box = QCheckBox()
        self.widget = self.box

    def show(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def raw(self) -> Any:
        return self.box.isChecked()

    def on_change(self, callback: Callable[[], None]) -> None:
        self.box.toggled.connect(lambda _on: callback())


MAX_DECIMALS = 10
"""The most decimals a spin box shows; a finer value is shown rounded, and the form keeps the
file's value unless the operator edits the field (:mod:`kiosk.ui.settings_form`)."""


def decimals_of(value: float) -> int:
    """The decimals ``value`` needs to be shown exactly, from its shortest decimal form with
    any exponent (``0.8333333``: 7; ``5e-05``: 5); at least 2, at most :data:`MAX_DECIMALS`."""
    exponent = Decimal(repr(float(value))).as_tuple().exponent
    needed = -exponent if isinstance(exponent, int) else 0  # NaN/Infinity: the rules refuse
    return max(2, min(needed, MAX_DECIMALS))


class NumberField(Field):
    """A spin box held to the rule's bounds; decimals enough for the value shown (a file's
    0.825 must not be saved back as 0.83, nor 5e-05 as 0.0)."""

    def __init__(self, low: float, high: float, whole: bool) -> None:
        self.whole = whole
        if whole:
            spin: QAbstractSpinBox = SpinBox()
            assert isinstance(spin, QSpinBox)
            spin.setRange(int(low), int(high))
        else:
            spin = DoubleSpinBox()
            assert isinstance(spin, QDoubleSpinBox)
            spin.setDecimals(2)
            spin.setRange(low, high)
            spin.setSingleStep(0.01 if high <= 1 else 0.1 if high <= 30 else 1.0)
        spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        spin.setAccelerated(True)
        # Numbers as a file and the rule write them (0.75, not 0,75): one spelling everywhere.
        spin.setLocale(QLocale.c())
        self.widget = spin

    def show(self, value: Any) -> None:
        spin = self.widget
        if isinstance(spin, QDoubleSpinBox):
            spin.setDecimals(decimals_of(value))
            spin.setValue(float(value))
        else:
            assert isinstance(spin, QSpinBox)
            spin.setValue(int(value))

    def raw(self) -> Any:
        spin = self.widget
        assert isinstance(spin, QSpinBox | QDoubleSpinBox)
        return spin.value()

    def on_change(self, callback: Callable[[], None]) -> None:
        spin = self.widget
        assert isinstance(spin, QSpinBox | QDoubleSpinBox)
        spin.valueChanged.connect(lambda _value: callback())


class ChoiceField(Field):
    """A list of the rule's choices (``labels`` names them; the value is what is saved).
    ``editable``: also takes other text (the backend's URL)."""

    def __init__(
        self, choices: tuple[str, ...], labels: Mapping[str, str], editable: bool = False
    ) -> None:
        combo = ComboBox()
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        combo.setEditable(editable)
        for choice in choices:
            combo.addItem(labels.get(choice, choice), choice)
        self.widget = combo
        self._editable = editable

    def show(self, value: Any) -> None:
        combo = self.widget
        assert isinstance(combo, QComboBox)
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)
        elif self._editable:
            combo.setEditText(shown_text(value))

    def raw(self) -> Any:
        combo = self.widget
        assert isinstance(combo, QComboBox)
        if self._editable:
            text = combo.currentText().strip()
            index = combo.findText(text)
            return combo.itemData(index) if index >= 0 else (text or None)
        return combo.currentData()

    def on_change(self, callback: Callable[[], None]) -> None:
        combo = self.widget
        assert isinstance(combo, QComboBox)
        combo.currentIndexChanged.connect(lambda _index: callback())
        if self._editable:
            combo.editTextChanged.connect(lambda _text: callback())


class ScopesField(Field):
    """A check box per check, in the API's order; the rule refuses none ticked."""

    def __init__(self) -> None:
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for scope in rules.SCOPES:
            box = QCheckBox(scope)
            box.setAccessibleName(scope)
            row.addWidget(box)
            self.boxes[scope] = box
        row.addStretch(1)

    def show(self, value: Any) -> None:
        for scope, box in self.boxes.items():
            box.setChecked(scope in value)

    def raw(self) -> Any:
        return tuple(scope for scope, box in self.boxes.items() if box.isChecked())

    def on_change(self, callback: Callable[[], None]) -> None:
        for box in self.boxes.values():
            box.toggled.connect(lambda _on: callback())


def _closure(check: Callable[..., Any]) -> Mapping[str, Any]:
    try:
        return inspect.getclosurevars(check).nonlocals
    except TypeError:
        return {}


def _language_labels() -> dict[str, str]:
    """Each shipped language in its own name, with its code (what the file holds)."""
    from kiosk.ui.i18n import NATIVE_NAMES

    return {code: f"{NATIVE_NAMES.get(code, code)} ({code})" for code in rules.LANGUAGES}


def field_for(spec: Spec, default: Any) -> Field:
    """The field that suits ``spec``'s rule (a line of text when no better one does)."""
    check = spec.check
    name = getattr(check, "__qualname__", "")
    found = _closure(check)
    if isinstance(default, bool):
        return FlagField()
    if name == "number.<locals>.check" and {"low", "high", "whole"} <= found.keys():
        return NumberField(found["low"], found["high"], bool(found["whole"]))
    if name == "choice.<locals>.check" and isinstance(found.get("options"), tuple):
        return ChoiceField(found["options"], {})
    if check is rules.language:
        return ChoiceField(rules.LANGUAGES, _language_labels())
    if check is rules.scopes:
        return ScopesField()
    if check is rules.backend:
        return ChoiceField(("sandbox", "cloud"), {}, editable=True)
    return TextField(default)
