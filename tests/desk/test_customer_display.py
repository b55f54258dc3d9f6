"""The customer's view on a second screen: placed full screen there, handed back to the desk
when the screen is missing or unplugged, placed again when it returns.

Several screens need Qt's offscreen platform with a screen configuration, chosen once per
process: each case runs a child Python (tests/desk/multiscreen_child.py) and checks what it
reports. Unplugging goes through the offscreen plugin's own run-time configuration, so Qt
removes the screen and emits ``screenRemoved`` as it does for a real unplug (see
tests/desk/multiscreen.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core import settings
from kiosk.desk.customer_display import CustomerDisplay
from tests.desk.multiscreen import CUSTOMER, DESK, run_child

SECOND = [1280, 0, 1280, 800]


@pytest.mark.parametrize("spec", ["2", "B-customer", "b-customer"])
def test_the_view_goes_full_screen_on_the_customer_screen(tmp_path: Path, spec: str) -> None:
    found = run_child("place", [DESK, CUSTOMER], tmp_path, spec)
    assert found["screens"] == ["A-desk", "B-customer"]
    assert found["placed"] is True
    assert found["signals"] == ["B-customer"]
    assert found["returns"] == 0
    assert found["screen"] == "B-customer"
    assert found["is_window"] and found["visible"] and found["full_screen"]
    assert found["frameless"]
    assert found["geometry"] == SECOND
    assert found["parent"] is None


@pytest.mark.parametrize("spec", ["HDMI-9", "3"])
def test_a_screen_that_is_not_there_hands_the_view_to_the_desk(tmp_path: Path, spec: str) -> None:
    found = run_child("missing", [DESK, CUSTOMER], tmp_path, spec)
    assert found["placed"] is False
    assert found["returns"] == 1
    assert not found["has_screen"]
    assert not found["is_window"] and found["visible"]
    assert found["parent"] == "desk"
    assert f"customer screen '{spec}' not found" in found["stderr"]


def test_unplugging_the_customer_screen_moves_the_view_back_and_replugging_places_it(
    tmp_path: Path,
) -> None:
    found = run_child("unplug", [DESK, CUSTOMER], tmp_path)
    assert found["before"]["screen"] == "B-customer" and found["before"]["full_screen"]
    # Qt's own screen removal: screenRemoved fired for the customer screen.
    assert found["removed"] == ["B-customer"]
    unplugged = found["unplugged"]
    assert unplugged["screens"] == ["A-desk"]
    assert found["returns"] == 1
    assert not unplugged["has_screen"]
    assert not unplugged["is_window"] and unplugged["visible"]
    assert unplugged["parent"] == "desk"
    # Plugged back in: full screen on it again, out of the desk window.
    back = found["back"]
    assert found["signals"] == ["B-customer", "B-customer"]
    assert back["screen"] == "B-customer" and back["full_screen"] and back["is_window"]
    assert back["geometry"] == SECOND and back["parent"] is None


def test_the_customer_screens_show_the_code_and_a_discreet_result(tmp_path: Path) -> None:
    found = run_child("screenshots", [DESK, CUSTOMER], tmp_path, str(tmp_path))
    assert found["saved"] == [True, True, True]
    assert found["screen"] == "B-customer" and found["full_screen"]
    assert found["texts"][0] == "✕ NO APROBADO"
    assert not any(ch.isdigit() for ch in "".join(found["texts"]))
    for name in ("desk-customer.png", "desk-customer-result.png"):
        assert (tmp_path / name).stat().st_size > 10_000


def test_the_preferences_list_every_screen_and_save_the_chosen_ones_name(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.toml"
    found = run_child("preferences", [DESK, CUSTOMER], tmp_path, str(settings_file))
    assert found["items"] == [
        "None: the desk shows the code",
        "1: A-desk (1280×800)",
        "2: B-customer (1280×800)",
    ]
    assert found["saved"] is True
    assert settings.load(settings_file, environ={}).desk_customer_screen == "B-customer"


def test_with_one_screen_the_desk_shows_the_view_itself(qtbot: QtBot, qapp: QApplication) -> None:
    assert len(qapp.screens()) == 1
    display = CustomerDisplay()
    desk = QWidget()
    qtbot.addWidget(desk)
    layout = QVBoxLayout(desk)
    display.returned_to_desk.connect(lambda: layout.addWidget(display.show_in(desk)))
    # "1" is the desk's own (and only) screen: covering it would hide the desk window.
    for spec in ("", "1"):
        with qtbot.waitSignal(display.returned_to_desk):
            assert display.configure(spec) is False
        assert not display.has_screen
    desk.show()
    qtbot.waitUntil(lambda: display.view.isVisible())
    assert display.view.parentWidget() is desk and not display.view.isWindow()
    display.close()
