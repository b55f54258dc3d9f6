"""The desk with a customer screen (two offscreen screens, in a child process since Qt's
platform is chosen once per process): the customer's code goes full screen there; unplugged
mid-session, the view moves into the desk window with the code still on it; plugged back in, it
returns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.desk.multiscreen import CUSTOMER, DESK

CHILD = Path(__file__).with_name("desk_screens_child.py")
ROOT = Path(__file__).resolve().parents[2]


def run_child(tmp_path: Path) -> dict[str, Any]:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [DESK, CUSTOMER]}), encoding="utf-8")
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["KIOSK_HOME"] = str(tmp_path / "home")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, str(CHILD)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, f"{done.stdout}\n{done.stderr}"
    found: dict[str, Any] = json.loads(lines[-1])
    return found


def test_the_customer_screen_unplugged_mid_session_moves_the_code_to_the_desk(
    tmp_path: Path,
) -> None:
    found = run_child(tmp_path)
    assert found["at_start"]["on_customer_screen"] is True
    assert found["at_start"]["screen"] == CUSTOMER["name"]
    live = found["live"]
    assert (live["on_customer_screen"], live["screen"], live["page"]) == (
        True,
        CUSTOMER["name"],
        "code",
    )
    assert live["in_desk_panel"] is False
    unplugged = found["unplugged"]
    assert unplugged["on_customer_screen"] is False
    assert unplugged["in_desk_panel"] is True  # in the desk window, not a lost window
    assert unplugged["visible"] is True and unplugged["page"] == "code"  # still scannable
    assert "customer screen" in found["status"]
    back = found["back"]
    assert (back["on_customer_screen"], back["screen"], back["is_window"]) == (
        True,
        CUSTOMER["name"],
        True,
    )
    assert back["in_desk_panel"] is False
    assert found["session_live"] is True
    assert found["threads"] == 0
