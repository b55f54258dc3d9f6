"""The desk's preferences: the customer screen among the screens there are, the hand-off
settings checked by the settings' own rules, and a save that keeps the rest of the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core import settings
from kiosk.core.settings import SettingsError
from kiosk.core.settings_edit import edited, updated
from kiosk.desk.preferences import PreferencesDialog

FILE = """# Counter 3, second floor. Ask IT before changing the backend.
backend = "sandbox"
ttl_sec = 300
handoff_url = "http://127.0.0.1:9000/old"  # the old receiver

[metadata]
site = "counter-3"
"""


def _dialog(qtbot: QtBot, path: Path) -> PreferencesDialog:
    dialog = PreferencesDialog(path)
    qtbot.addWidget(dialog)
    return dialog


def _message(key: str, value: str, path: Path) -> str:
    """What the settings say about ``value`` for ``key`` in the file at ``path``."""
    with pytest.raises(SettingsError) as caught:
        settings.parse({key: value}, str(path))
    return str(caught.value)


def test_valid_preferences_are_saved_and_the_rest_of_the_file_kept(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(FILE, encoding="utf-8")
    dialog = _dialog(qtbot, path)
    assert dialog.fields["handoff_url"].text() == "http://127.0.0.1:9000/old"
    assert dialog.fields["handoff_timeout"].text() == "10.0"  # the default
    dialog.fields["handoff_command"].setText("/usr/local/bin/record-result --desk 3")
    dialog.fields["handoff_url"].setText("http://127.0.0.1:9000/results")
    dialog.fields["handoff_timeout"].setText("4.5")
    dialog.fields["handoff_retries"].setText("3")
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save() is True
    assert saved.args[0]["handoff_retries"] == 3
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Counter 3, second floor. Ask IT before changing the backend.\n")
    loaded = settings.load(path, environ={})
    assert loaded.handoff_command == "/usr/local/bin/record-result --desk 3"
    assert loaded.handoff_url == "http://127.0.0.1:9000/results"
    assert loaded.handoff_timeout == 4.5
    assert loaded.handoff_retries == 3
    assert loaded.desk_customer_screen == ""
    assert loaded.ttl_sec == 300 and loaded.metadata == {"site": "counter-3"}
    assert "http://127.0.0.1:9000/old" not in text
    assert dialog.result() == dialog.DialogCode.Accepted


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("handoff_timeout", "soon"),
        ("handoff_timeout", "0"),
        ("handoff_retries", "2.5"),
        ("handoff_retries", "11"),
        ("handoff_url", "ftp://127.0.0.1/results"),
    ],
)
def test_a_wrong_value_is_refused_with_the_settings_message_and_nothing_written(
    qtbot: QtBot, tmp_path: Path, key: str, value: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(FILE, encoding="utf-8")
    dialog = _dialog(qtbot, path)
    dialog.fields[key].setText(value)
    with qtbot.assertNotEmitted(dialog.saved):
        assert dialog.save() is False
    assert dialog.error.text() == f"Not saved: {_message(key, value, path)}"
    assert path.read_text(encoding="utf-8") == FILE
    assert dialog.result() != dialog.DialogCode.Accepted


def test_a_broken_file_is_not_written_over(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('ttl_sec = "forever"\n', encoding="utf-8")
    dialog = _dialog(qtbot, path)
    assert dialog.save() is False
    assert "'ttl_sec' must be" in dialog.error.text()
    assert path.read_text(encoding="utf-8") == 'ttl_sec = "forever"\n'


def test_the_screens_are_listed_and_an_unplugged_choice_is_kept(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('desk_customer_screen = "HDMI-9"\n', encoding="utf-8")
    dialog = _dialog(qtbot, path)
    screens = qapp.screens()
    items = [dialog.screen_choice.itemText(i) for i in range(dialog.screen_choice.count())]
    assert items[0] == "None: the desk shows the code"
    size = screens[0].geometry()
    assert items[1] == f"1: {screens[0].name() or '?'} ({size.width()}×{size.height()})"
    assert items[-1] == "HDMI-9 (not connected)"
    assert dialog.screen_choice.currentIndex() == len(items) - 1
    assert dialog.save() is True
    assert settings.load(path, environ={}).desk_customer_screen == "HDMI-9"
    # Choosing "None" and saving writes an empty choice.
    dialog = _dialog(qtbot, path)
    dialog.screen_choice.setCurrentIndex(0)
    assert dialog.save() is True
    assert settings.load(path, environ={}).desk_customer_screen == ""


def test_without_a_file_the_documented_file_is_written(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    dialog = _dialog(qtbot, path)
    dialog.fields["handoff_retries"].setText("0")
    assert dialog.save() is True
    text = path.read_text(encoding="utf-8")
    assert text == settings.documented_file(settings.load(path, environ={}))
    assert settings.load(path, environ={}).handoff_retries == 0


def test_a_key_is_added_before_the_first_table_and_replaced_where_it_is() -> None:
    text = edited(FILE, {"handoff_retries": 4, "handoff_url": ""})
    lines = text.splitlines()
    assert lines[3] == 'handoff_url = ""'
    assert lines.index("handoff_retries = 4") < lines.index("[metadata]")
    assert lines[0].startswith("# Counter 3")


def test_a_value_written_over_several_lines_falls_back_to_the_documented_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('handoff_command = """\n/bin/true\n"""\nttl_sec = 300\n', encoding="utf-8")
    text = updated(path, {"handoff_command": "/bin/false"})
    assert text.startswith("# Verification kiosk settings.")
    assert settings.parse(settings.read_toml(path, text), "x")["handoff_command"] == "/bin/false"
    assert "ttl_sec = 300" in text
