"""Which screen the desk_customer_screen setting chooses (Qt-free)."""

from __future__ import annotations

import pytest

from kiosk.core.screen_choice import pick, spec_for

SCREENS = ["eDP-1", "HDMI-1", "DP-2"]


@pytest.mark.parametrize(
    ("spec", "index"),
    [
        ("", None),
        ("  ", None),
        ("1", 0),
        ("2", 1),
        (" 3 ", 2),
        ("4", None),
        ("0", None),
        ("HDMI-1", 1),
        ("hdmi-1", 1),
        ("DP-3", None),
        ("-1", None),
    ],
)
def test_a_number_counts_from_one_and_a_name_matches_the_systems(
    spec: str, index: int | None
) -> None:
    assert pick(spec, SCREENS) == index


def test_an_exact_name_wins_over_one_that_differs_in_case() -> None:
    assert pick("dp-2", ["DP-2", "dp-2"]) == 1


def test_the_preferences_save_a_name_unless_names_are_missing_or_shared() -> None:
    assert spec_for(1, SCREENS) == "HDMI-1"
    assert spec_for(1, ["", ""]) == "2"
    assert spec_for(0, ["Monitor", "Monitor"]) == "1"
    assert spec_for(1, ["1", "2"]) == "2"
