"""A machine with no display gets a sentence, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.display import NO_DISPLAY, NO_XCB_CURSOR, display_problem


def _found(name: str) -> str:
    return f"lib{name}.so.0"


def test_no_display_server_is_said_in_words() -> None:
    assert display_problem({}, "linux", _found) == NO_DISPLAY


def test_x11_without_xcb_cursor_names_the_package() -> None:
    problem = display_problem({"DISPLAY": ":0"}, "linux", lambda name: None)
    assert problem == NO_XCB_CURSOR and "libxcb-cursor0" in problem


def test_a_working_display_or_a_chosen_platform_passes() -> None:
    assert display_problem({"DISPLAY": ":0"}, "linux", _found) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", lambda name: None) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", _found) is None
    assert display_problem({}, "win32", _found) is None
    assert display_problem({}, "darwin", _found) is None


def test_kiosk_run_without_a_display_exits_with_the_hint(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["KIOSK_HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--windowed"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "no display" in result.stderr and "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert "Traceback" not in result.stderr
