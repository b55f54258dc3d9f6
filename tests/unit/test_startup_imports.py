"""The idle screen must not wait for the network and server stacks: they load on first use."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("httpx", "fastapi", "uvicorn", "pydantic", "qrcode", "PIL", "click")


def test_parsing_arguments_and_building_the_window_loads_no_heavy_module() -> None:
    code = (
        "import sys, kiosk.cli\n"
        "kiosk.cli.build_parser().parse_args(['run'])\n"
        "import kiosk.app, kiosk.ui.window, kiosk.ui.controller\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
