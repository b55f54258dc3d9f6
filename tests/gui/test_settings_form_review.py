"""Review: the operator panel's settings form against values it cannot show and a file changed
on disk while the panel was open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDoubleSpinBox
from pytestqt.qtbot import QtBot

from kiosk.core.settings import load
from tests.gui.test_settings_form_fields import unlocked_panel


def test_a_precise_value_from_the_file_is_saved_unchanged(qtbot: QtBot, tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("min_similarity = 0.8333333\nttl_sec = 400\n", encoding="utf-8")
    panel = unlocked_panel(qtbot, tmp_path, settings)
    panel.form.fields["ttl_sec"].setValue(500)  # the operator changes another setting
    panel.save_settings()
    saved = load(settings)
    assert saved.ttl_sec == 500
    assert saved.min_similarity == 0.8333333  # nobody chose 0.833333


def test_a_tiny_value_written_with_an_exponent_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("min_similarity = 5e-05\n", encoding="utf-8")
    panel = unlocked_panel(qtbot, tmp_path, settings)
    panel.form.fields["ttl_sec"].setValue(500)
    panel.save_settings()
    assert load(settings).min_similarity == 5e-05


def test_a_value_finer_than_the_field_shows_is_kept_until_the_operator_edits_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("min_similarity = 0.123456789012345\n", encoding="utf-8")
    panel = unlocked_panel(qtbot, tmp_path, settings)
    spin = panel.form.fields["min_similarity"]
    assert isinstance(spin, QDoubleSpinBox)
    assert spin.value() != 0.123456789012345  # shown rounded: more than it has decimals
    panel.form.fields["ttl_sec"].setValue(500)
    panel.save_settings()
    assert load(settings).min_similarity == 0.123456789012345  # kept: nobody changed it
    spin.setValue(0.5)  # now the operator chooses
    panel.save_settings()
    assert load(settings).min_similarity == 0.5


def test_a_change_made_on_disk_meanwhile_is_not_silently_lost(qtbot: QtBot, tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("ttl_sec = 400\n", encoding="utf-8")
    panel = unlocked_panel(qtbot, tmp_path, settings)
    # Meanwhile the desk's Preferences (or an editor) sets the hand-off in the same file.
    settings.write_text('ttl_sec = 400\nhandoff_url = "http://127.0.0.1:9/hook"\n', "utf-8")
    panel.form.fields["ttl_sec"].setValue(500)
    panel.save_settings()
    text = settings.read_text(encoding="utf-8")
    kept = load(settings).handoff_url == "http://127.0.0.1:9/hook"
    warned = "changed" in panel.status.text().lower()
    assert kept or warned, (panel.status.text(), text[-300:])


def test_a_save_over_a_changed_file_is_refused_and_the_edits_stay(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("ttl_sec = 400\n", encoding="utf-8")
    panel = unlocked_panel(qtbot, tmp_path, settings)
    changed = 'ttl_sec = 400\nhandoff_url = "http://127.0.0.1:9/hook"\n'
    settings.write_text(changed, "utf-8")
    panel.form.fields["ttl_sec"].setValue(500)
    panel.save_settings()
    assert settings.read_text(encoding="utf-8") == changed  # not written over
    assert "changed since the panel opened it" in panel.status.text()
    assert panel.form.fields["ttl_sec"].value() == 500  # the operator's edit is still there
    # Reopened, the panel shows the file as it is now; a save then keeps the other change.
    panel.close_panel()
    panel.open_panel()
    panel.pin.setText("246810")
    panel.try_pin()
    panel.views.setCurrentWidget(panel.form_view)
    assert panel.form.fields["handoff_url"].text() == "http://127.0.0.1:9/hook"
    panel.form.fields["ttl_sec"].setValue(500)
    panel.save_settings()
    assert panel.status.text().startswith("Saved.")
    assert load(settings).handoff_url == "http://127.0.0.1:9/hook"
    assert load(settings).ttl_sec == 500
    # A second save from the same panel is not refused: its own write is what it read.
    panel.form.fields["ttl_sec"].setValue(600)
    panel.save_settings()
    assert load(settings).ttl_sec == 600
