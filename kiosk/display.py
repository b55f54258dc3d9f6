"""Say "no display" in words before Qt would abort the process without one.

Qt ends the process (SIGABRT, no Python exception) when its platform plugin cannot start: no
``DISPLAY`` or ``WAYLAND_DISPLAY`` on Linux, or the xcb plugin missing ``libxcb-cursor``. This
module looks first, without importing Qt, and returns a message a newcomer can act on.
"""

from __future__ import annotations

import ctypes.util
import sys
from collections.abc import Callable, Mapping

NO_DISPLAY = (
    "no display: the kiosk needs a screen. Start it from a desktop session, or set DISPLAY "
    "(X11) or WAYLAND_DISPLAY (Wayland); on a machine without one, try it with "
    "QT_QPA_PLATFORM=offscreen (nothing is shown) or under xvfb-run. `kiosk self-test` checks "
    "the display."
)
NO_XCB_CURSOR = (
    "Qt's X11 plugin needs libxcb-cursor, which is not installed "
    "(Debian/Ubuntu: apt-get install libxcb-cursor0; Fedora: dnf install xcb-util-cursor)."
)


def display_problem(
    environ: Mapping[str, str],
    platform: str = sys.platform,
    find_library: Callable[[str], str | None] = ctypes.util.find_library,
) -> str | None:
    """Why Qt could not open a window here, or None when it should be able to.

    Only Linux and the BSDs need a display server; Windows and macOS always have one.
    ``QT_QPA_PLATFORM`` set by the user (offscreen, vnc, eglfs ...) is their choice: no check.
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("WAYLAND_DISPLAY"):
        return None  # Qt prefers Wayland when it is there, and needs no xcb-cursor for it
    if not environ.get("DISPLAY"):
        return NO_DISPLAY
    if find_library("xcb-cursor") is None:
        return NO_XCB_CURSOR
    return None
