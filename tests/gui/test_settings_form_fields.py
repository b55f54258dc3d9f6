"""The settings form as the operator uses it: sections, the widget each rule allows (held to the
rule's own bounds and choices), the settings' messages under the field, what it saves reads
back the same, and the "Advanced: file" view kept in step. (Needs Qt, offscreen.)"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.core import rules
from kiosk.core.secrets import PinGuard, hash_pin
from kiosk.core.settings import DEFAULTS, SPECS, load
from kiosk.ui.operator_panel import OperatorPanel
from kiosk.ui.settings_form import SECTIONS, SettingsForm


def unlocked_panel(qtbot: QtBot, tmp_path: Path, settings: Path) -> OperatorPanel:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1280, 900)
    guard = PinGuard(hash_pin("246810"), tmp_path / "pin.json")
    panel = OperatorPanel(
        window,
        pin_guard=lambda: guard,
        journal=lambda: None,
        check=None,
        settings_path=settings,
        lockdown=None,
        export_path=lambda: None,
    )
    panel.open_panel()
    panel.pin.setText("246810")
    panel.try_pin()
    assert panel.pages.currentWidget() is panel.main_page
    opened_on = panel.views.currentWidget()
    panel.views.setCurrentWidget(panel.form_view)
    panel.setProperty("opened_on", panel.views.indexOf(opened_on))
    return panel


def accepts(key: str, value: object) -> bool:
    try:
        SPECS[key].check(value)
    except (TypeError, ValueError):
        return False
    return True


def test_sections_in_order_and_every_setting_in_one(qtbot: QtBot) -> None:
    form = SettingsForm()
    qtbot.addWidget(form)
    titles = [box.title() for box in form.findChildren(QGroupBox)]
    assert titles == ["Backend", "Session", "Screens", "Journal", "Desk and hand-off"]
    listed = [key for _, keys in SECTIONS for key in keys]
    assert sorted(listed) == sorted(SPECS)  # each once: no "Other" section today
    for box in form.findChildren(QGroupBox):
        inside = {w.accessibleName() for w in box.findChildren(QWidget)}
        section = dict(SECTIONS)[box.title()]
        assert set(section) <= inside, box.title()


def test_numbers_are_spin_boxes_held_to_their_rule(qtbot: QtBot) -> None:
    form = SettingsForm()
    qtbot.addWidget(form)
    numbers = {k for k, f in form.fields.items() if isinstance(f, QSpinBox | QDoubleSpinBox)}
    assert numbers == {
        "ttl_sec", "min_similarity", "poll_interval", "walk_away_seconds", "result_seconds",
        "journal_days", "text_scale", "handoff_timeout", "handoff_retries",
    }  # fmt: skip
    for key in numbers:
        spin = form.fields[key]
        assert isinstance(spin, QSpinBox | QDoubleSpinBox)
        low, high = spin.minimum(), spin.maximum()
        assert accepts(key, low) and accepts(key, high), key
        step = 1 if isinstance(spin, QSpinBox) else 0.001
        assert not accepts(key, low - step) and not accepts(key, high + step), key
        assert isinstance(spin, QSpinBox) == (type(getattr(DEFAULTS, key)) is int), key
        assert spin.value() == getattr(DEFAULTS, key), key


def test_choices_are_lists_and_scopes_check_boxes(qtbot: QtBot) -> None:
    form = SettingsForm()
    qtbot.addWidget(form)

    def options(key: str) -> list[object]:
        combo = form.fields[key]
        assert isinstance(combo, QComboBox), key
        return [combo.itemData(i) for i in range(combo.count())]

    assert options("theme") == ["default", "high-contrast"]
    assert options("public_result") == ["full", "discreet"]
    assert options("language") == list(rules.LANGUAGES)
    assert options("backend") == ["sandbox", "cloud"]
    backend = form.fields["backend"]
    assert isinstance(backend, QComboBox) and backend.isEditable()  # a URL is typed
    for key in ("scopes", "desk_scopes"):
        boxes = form.fields[key].findChildren(QCheckBox)
        assert [b.text() for b in boxes] == list(rules.SCOPES), key
    assert isinstance(form.fields["journal_demography"], QCheckBox)
    for key, spec in SPECS.items():  # the doc is the field's help text, shown under it
        assert spec.doc in form.fields[key].toolTip(), key
        assert any(label.text() == spec.doc for label in form.findChildren(type(form.errors[key])))


def test_a_file_value_the_rule_refuses_is_shown_with_the_settings_message(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "neon"\nttl_sec = 5\n')
    panel = unlocked_panel(qtbot, tmp_path, path)
    form = panel.form
    theme_error = form.errors["theme"].text()
    assert theme_error.startswith(
        f"""{path}: 'theme' must be "default" or "high-contrast", not 'neon'."""
    )
    ttl_error = form.errors["ttl_sec"].text()
    assert ttl_error.startswith(
        f"{path}: 'ttl_sec' must be a whole number from 10 to 86400, not 5."
    )
    panel.save_settings()
    assert panel.status.text() == f"Not saved: {ttl_error}"  # the first field's (both shown)
    assert form.errors["theme"].text() == theme_error
    assert path.read_text() == 'theme = "neon"\nttl_sec = 5\n'
    theme = form.fields["theme"]
    assert isinstance(theme, QComboBox)
    theme.setCurrentIndex(theme.findData("high-contrast"))  # the operator chooses: fixed
    assert form.errors["theme"].isHidden()
    spin = form.fields["ttl_sec"]
    assert isinstance(spin, QSpinBox)
    spin.setValue(60)
    panel.save_settings()
    assert panel.status.text().startswith("Saved"), panel.status.text()
    saved = load(path, environ={})
    assert (saved.theme, saved.ttl_sec) == ("high-contrast", 60)


def test_no_check_ticked_is_refused_with_the_settings_message(qtbot: QtBot) -> None:
    import pytest

    from kiosk.core.settings import SettingsError

    form = SettingsForm()
    qtbot.addWidget(form)
    for box in form.fields["scopes"].findChildren(QCheckBox):
        box.setChecked(False)
    with pytest.raises(SettingsError, match="the form: 'scopes' must be a list of liveness"):
        form.values("the form")
    assert not form.errors["scopes"].isHidden()


def test_a_saved_form_reads_back_the_same(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    panel = unlocked_panel(qtbot, tmp_path, path)
    form = panel.form
    fields = form.fields
    backend = fields["backend"]
    assert isinstance(backend, QComboBox)
    backend.setEditText("https://verify.example.org")
    fields["app_id"].setText("app-1")  # type: ignore[attr-defined]
    fields["metadata"].setText('{"branch": "b-7", "desk": 3}')  # type: ignore[attr-defined]
    for key, value in (("min_similarity", 0.8), ("handoff_timeout", 7.5), ("journal_days", 30)):
        spin = fields[key]
        assert isinstance(spin, QSpinBox | QDoubleSpinBox)
        spin.setValue(value)  # type: ignore[arg-type]
    language = fields["language"]
    assert isinstance(language, QComboBox)
    language.setCurrentIndex(language.findData("de"))
    scopes = fields["desk_scopes"].findChildren(QCheckBox)
    scopes[rules.SCOPES.index("enroll")].setChecked(False)
    fields["journal_demography"].setChecked(True)  # type: ignore[attr-defined]
    before = form.values(str(path))
    panel.save_settings()
    assert panel.status.text().startswith("Saved"), panel.status.text()

    saved = load(path, environ={})
    assert saved.base_url == "https://verify.example.org"
    assert (saved.app_id, dict(saved.metadata)) == ("app-1", {"branch": "b-7", "desk": 3})
    assert (saved.min_similarity, saved.handoff_timeout, saved.journal_days) == (0.8, 7.5, 30)
    assert (saved.language, saved.journal_demography) == ("de", True)
    assert saved.desk_scopes == ("liveness", "deepfake", "search")
    # Opened again, the form shows the file it wrote: the same values.
    again = unlocked_panel(qtbot, tmp_path, path)
    assert again.form.values(str(path)) == before


def test_a_file_value_finer_than_two_decimals_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("min_similarity = 0.825\n# our own note\nttl_sec = 600\n")
    panel = unlocked_panel(qtbot, tmp_path, path)
    spin = panel.form.fields["min_similarity"]
    assert isinstance(spin, QDoubleSpinBox)
    assert math.isclose(spin.value(), 0.825)
    panel.save_settings()  # nothing changed: the file's own text, comment included, stays
    assert path.read_text() == "min_similarity = 0.825\n# our own note\nttl_sec = 600\n"
    panel.form.fields["hide_cursor"].setChecked(True)  # type: ignore[attr-defined]
    panel.save_settings()
    saved = load(path, environ={})
    assert (saved.min_similarity, saved.ttl_sec, saved.hide_cursor) == (0.825, 600, True)


def test_the_file_view_follows_the_form_and_a_broken_file_opens_there(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("ttl_sec = 600\n")
    panel = unlocked_panel(qtbot, tmp_path, path)
    assert [panel.views.tabText(i) for i in range(3)] == [
        "Recent sessions", "Settings", "Advanced: file"
    ]  # fmt: skip
    assert panel.property("opened_on") == 0  # the panel opens on the recent sessions
    spin = panel.form.fields["ttl_sec"]
    assert isinstance(spin, QSpinBox)
    spin.setValue(900)
    panel.views.setCurrentWidget(panel.editor)
    assert "\nttl_sec = 900\n" in panel.editor.toPlainText()
    assert panel.status.text() == "The file view shows the form's changes, not saved yet."
    assert path.read_text() == "ttl_sec = 600\n"
    panel.editor.setPlainText("ttl_sec = 1200\n")
    panel.views.setCurrentWidget(panel.form_view)
    assert spin.value() == 1200

    path.write_text("ttl_sec = [\n")
    broken = unlocked_panel(qtbot, tmp_path, path)
    assert broken.property("opened_on") == 2  # on the file, with the reason
    assert broken.views.currentWidget() is broken.editor  # the form cannot show it
    assert "not valid TOML" in broken.status.text()


def test_the_wheel_scrolls_the_form_not_an_unfocused_field(qtbot: QtBot) -> None:
    form = SettingsForm()
    qtbot.addWidget(form)
    form.show()
    spin = form.fields["ttl_sec"]
    assert isinstance(spin, QSpinBox)
    before = spin.value()

    def wheel() -> None:
        centre = QPointF(spin.rect().center())
        event = QWheelEvent(
            centre,
            QPointF(spin.mapToGlobal(spin.rect().center())),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(spin, event)

    wheel()
    assert spin.value() == before
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel()
    assert spin.value() > before


def test_a_wrong_text_and_an_unknown_key_are_said_when_the_form_opens(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('callback_url = "ftp://x"\ncolour = "blue"\n')
    panel = unlocked_panel(qtbot, tmp_path, path)
    callback = panel.form.fields["callback_url"]
    assert callback.text() == "ftp://x"  # type: ignore[attr-defined]  # kept, to fix
    assert (
        "'callback_url' must be an http(s) URL (at most 2048 characters) or empty"
        in panel.form.errors["callback_url"].text()
    )
    assert "The file has a mistake:" in panel.status.text()
    callback.setText("")  # type: ignore[attr-defined]
    panel.save_settings()  # saved from the form: every known key, documented
    assert panel.status.text().startswith("Saved"), panel.status.text()
    assert "\ncolour =" not in path.read_text()
    assert load(path, environ={}).callback_url == ""
