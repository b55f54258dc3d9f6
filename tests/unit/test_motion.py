"""Reduced motion: the setting, or the desktop's own request (GNOME, macOS), never a guess."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.ui.motion import reduced


def test_the_setting_alone_reduces_motion() -> None:
    assert reduced(True, "linux", lambda command: "true")


def test_gnome_animations_off_reduces_motion() -> None:
    asked: list[Sequence[str]] = []

    def run(command: Sequence[str]) -> str | None:
        asked.append(command)
        return "false"

    assert reduced(False, "linux", run)
    assert asked == [["gsettings", "get", "org.gnome.desktop.interface", "enable-animations"]]
    assert not reduced(False, "linux", lambda command: "true")


def test_macos_reduce_motion() -> None:
    assert reduced(False, "darwin", lambda command: "1")
    assert not reduced(False, "darwin", lambda command: "0")


def test_a_desktop_that_cannot_be_asked_does_not_ask() -> None:
    assert not reduced(False, "linux", lambda command: None)
