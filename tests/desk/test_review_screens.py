"""Review: the customer screen unplugged a second time; and a customer screen that is the
desk window's own screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.desk.multiscreen import CUSTOMER, DESK

CHILD = Path(__file__).with_name("review_screens_child.py")
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.timeout(180)


def run_child(tmp_path: Path, spec: str) -> dict[str, Any]:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [DESK, CUSTOMER]}), encoding="utf-8")
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["KIOSK_HOME"] = str(tmp_path / "home")
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, str(CHILD), spec],
        capture_output=True,
        text=True,
        timeout=150,
        env=env,
        cwd=ROOT,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, f"{done.stdout}\n{done.stderr}"
    return json.loads(lines[-1])


def test_unplugged_twice_the_code_is_in_the_desk_both_times(tmp_path: Path) -> None:
    found = run_child(tmp_path, "2")
    print(json.dumps(found, indent=1))
    for round_ in ("1", "2"):
        unplugged = found[f"unplugged{round_}"]
        assert unplugged["in_desk_panel"] is True, round_
        assert unplugged["visible"] is True and unplugged["page"] == "code", round_


def test_the_desk_windows_own_screen_is_not_covered(tmp_path: Path) -> None:
    found = run_child(tmp_path, "1")
    print(json.dumps(found, indent=1))
    # The customer view full screen on the desk window's own screen hides the desk.
    assert not (
        found["at_start"]["on_customer_screen"]
        and found["at_start"]["screen"] == found["desk_window_screen"]
    )
    # Preferences mark the desk's own screen and do not offer it.
    desk_item = next(item for item in found["preferences"] if item[0].startswith("1: "))
    assert "the desk window's screen" in desk_item[0] and desk_item[1] is False
    other = next(item for item in found["preferences"] if item[0].startswith("2: "))
    assert other[1] is True
