"""A machine with no display gets a sentence, not Qt's abort."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.display import NO_DISPLAY, display_problem, x_server_problem


def _found(name: str) -> bool:
    return True


@pytest.fixture
def x_server(tmp_path: Path) -> Iterator[Path]:
    """A folder of X server sockets in which display :5 listens (nothing else is an X server
    in these tests: only the connection matters)."""
    folder = Path(tempfile.mkdtemp(prefix="x11-"))  # short: a socket's path has 108 bytes
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(folder / "X5"))
    server.listen(16)
    try:
        yield folder
    finally:
        server.close()
        shutil.rmtree(folder)


def test_no_display_server_is_said_in_words() -> None:
    assert display_problem({}, "linux", _found) == NO_DISPLAY


def test_x11_without_its_libraries_names_the_packages() -> None:
    # Qt names libxcb-cursor whichever library its X11 plugin missed (here libxcb-icccm4 and
    # libxcb-keysyms1 were the missing ones), then suggests reinstalling the application.
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    problem = display_problem({"DISPLAY": ":0"}, "linux", lambda name: name not in absent)
    assert problem is not None
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in problem
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1)" in problem
    assert "cursor" not in problem
    problem = display_problem({"DISPLAY": ":0"}, "linux", lambda name: False)
    assert problem is not None and "libxcb-cursor0" in problem


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 sockets")
def test_a_display_where_no_x_server_answers_is_said_in_words(x_server: Path) -> None:
    # Qt aborts on these too ("could not connect to display", then "reinstalling may fix").
    assert display_problem({"DISPLAY": ":5"}, "linux", _found, x_server) is None
    assert display_problem({"DISPLAY": ":5.0"}, "linux", _found, x_server) is None
    assert display_problem({"DISPLAY": "unix:5"}, "linux", _found, x_server) is None
    for dead in (":6", "garbage", ":"):
        problem = display_problem({"DISPLAY": dead}, "linux", _found, x_server)
        assert problem is not None and problem.startswith("no display: "), dead
        assert f"DISPLAY={dead} " in problem and "QT_QPA_PLATFORM=offscreen" in problem
    assert x_server_problem(":6", x_server) == f"there is no {x_server / 'X6'}"
    assert x_server_problem("garbage", x_server) == (
        "not a display name such as :0 or localhost:10.0"
    )
    (x_server / "X7").touch()  # a socket left by a server that is gone
    assert x_server_problem(":7", x_server) is not None


def test_a_tcp_display_is_checked_on_this_machine_only() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        if port >= 6000:
            assert x_server_problem(f"127.0.0.1:{port - 6000}") is None
    with socket.socket() as taken:  # a port nobody listens on
        taken.bind(("127.0.0.1", 0))
        free = taken.getsockname()[1]
    if free >= 6000:
        assert x_server_problem(f"127.0.0.1:{free - 6000}.0") is not None
    assert x_server_problem("kiosk-display.example:0") is None  # not looked up


def test_a_working_display_or_a_chosen_platform_passes(x_server: Path) -> None:
    assert display_problem({"DISPLAY": ":5"}, "linux", _found, x_server) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", lambda name: False) is None
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
