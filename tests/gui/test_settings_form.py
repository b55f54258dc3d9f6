"""The operator panel's settings form comes from the same declarations as the file: a field per
setting, the same rules and messages, and what it saves loads back. (Needs Qt, offscreen.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.secrets import PinGuard, hash_pin
from kiosk.core.settings import DEFAULTS, SPECS, SettingsError, load
from kiosk.ui.operator_panel import OperatorPanel
from kiosk.ui.settings_form import SettingsForm


def form_tab_of_unlocked_panel(qtbot: QtBot, tmp_path: Path, settings_path: Path) -> OperatorPanel:
    """The operator panel over a bare window, unlocked with its PIN, showing the form (its
    default view)."""
    window = QWidget()
    qtbot.addWidget(window)
    guard = PinGuard(hash_pin("246810"), tmp_path / "pin.json")
    panel = OperatorPanel(
        window,
        pin_guard=lambda: guard,
        journal=lambda: None,
        check=None,
        settings_path=settings_path,
        lockdown=None,
        export_path=lambda: None,
    )
    panel.open_panel()
    panel.pin.setText("246810")
    panel.try_pin()
    panel.views.setCurrentWidget(panel.form_view)
    return panel


def spin(form: SettingsForm, key: str) -> QSpinBox | QDoubleSpinBox:
    field = form.fields[key]
    assert isinstance(field, QSpinBox | QDoubleSpinBox), key
    return field


def test_a_field_per_setting_with_its_documentation(qtbot: QtBot) -> None:
    form = SettingsForm()
    qtbot.addWidget(form)
    assert list(form.fields) == list(SPECS)
    for key, spec in SPECS.items():
        assert spec.doc in form.fields[key].toolTip(), key


def test_the_form_checks_by_the_settings_rules_and_round_trips(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import tomli_w

    form = SettingsForm()
    qtbot.addWidget(form)
    form.show_values({"ttl_sec": 600, "scopes": ["enroll"], "metadata": {"branch": "b-1"}})
    form.fields["kiosk_mode"].setChecked(False)
    values = form.values("the form")
    assert values == {
        "ttl_sec": 600,
        "scopes": ("enroll",),
        "metadata": {"branch": "b-1"},
        "kiosk_mode": False,
    }
    path = tmp_path / "settings.toml"
    path.write_text(tomli_w.dumps(values))
    loaded = load(path, environ={})
    assert (loaded.ttl_sec, loaded.scopes, loaded.kiosk_mode) == (600, ("enroll",), False)
    # A spin box cannot hold 2 (its bounds are the rule's); a file can, and its value is
    # refused with the settings' message until the field is changed.
    form.show_values({"ttl_sec": 2}, "the form")
    message = "the form: 'ttl_sec' must be a whole number from 10 to 86400, not 2"
    assert form.errors["ttl_sec"].text().startswith(message)
    with pytest.raises(SettingsError, match=message):
        form.values("the form")


def test_the_panel_saves_from_the_form_what_the_file_would_hold(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("ttl_sec = 600\n")
    panel = form_tab_of_unlocked_panel(qtbot, tmp_path, path)
    assert spin(panel.form, "ttl_sec").value() == 600
    panel.form.fields["callback_url"].setText("ftp://example.org/hook")  # type: ignore[attr-defined]
    panel.save_settings()
    assert "Not saved:" in panel.status.text()
    assert (
        "'callback_url' must be an http(s) URL (at most 2048 characters) or empty"
        in panel.status.text()
    )
    assert panel.form.errors["callback_url"].isVisibleTo(panel.form)
    assert path.read_text() == "ttl_sec = 600\n"
    panel.form.fields["callback_url"].setText("")  # type: ignore[attr-defined]
    spin(panel.form, "ttl_sec").setValue(900)
    panel.save_settings()
    assert load(path, environ={}).ttl_sec == 900
    assert panel.editor.toPlainText() == path.read_text()


def test_a_true_false_setting_written_as_text_shows_as_the_rule_reads_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Review: `kiosk_mode = "false"` is a valid file (the rule reads the text), but the form
    showed it checked (bool("false") is True), and saving the form flipped the kiosk back to
    locked full screen without a word."""
    form = SettingsForm()
    qtbot.addWidget(form)
    form.show_values({"kiosk_mode": "false", "hide_cursor": "yes"})
    assert not form.fields["kiosk_mode"].isChecked()
    assert form.fields["hide_cursor"].isChecked()
    assert form.values("the form") == {"kiosk_mode": False, "hide_cursor": True}
    form.show_values({"kiosk_mode": "maybe"})  # refused by the rule: the default is shown
    assert form.fields["kiosk_mode"].isChecked()


def test_a_file_the_rules_refuse_still_opens_in_the_form(qtbot: QtBot) -> None:
    """Review: a TOML date in the metadata (refused, with a message, when saved or loaded)
    raised TypeError while the form was filled: a traceback in the operator panel."""
    import datetime

    form = SettingsForm()
    qtbot.addWidget(form)
    form.show_values({"metadata": {"since": datetime.date(1979, 5, 27)}})
    assert form.fields["metadata"].text() == '{"since": "1979-05-27"}'  # as text, to fix


def test_the_form_saves_a_documented_file(qtbot: QtBot, tmp_path: Path) -> None:
    """Review: saving from the form wrote bare TOML, losing the documentation the README
    promises in the file (`kiosk settings init` writes every key with its doc)."""
    from kiosk.core.settings import documented_file

    path = tmp_path / "settings.toml"
    path.write_text(documented_file())
    panel = form_tab_of_unlocked_panel(qtbot, tmp_path, path)
    spin(panel.form, "ttl_sec").setValue(900)
    panel.form.fields["hide_cursor"].setChecked(True)  # type: ignore[attr-defined]
    panel.save_settings()
    assert panel.status.text().startswith("Saved"), panel.status.text()
    saved = path.read_text()
    for key, spec in SPECS.items():
        assert spec.doc in saved, key
        assert f"\n{key} =" in saved or f"\n[{key}]" in saved, key
    loaded = load(path, environ={})
    assert (loaded.ttl_sec, loaded.hide_cursor, loaded.scopes) == (900, True, DEFAULTS.scopes)
