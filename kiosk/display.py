"""Say "no display" in words before Qt would abort the process without one.

Qt ends the process (SIGABRT, no Python exception) when its platform plugin cannot start: no
``DISPLAY`` or ``WAYLAND_DISPLAY`` on Linux, a ``DISPLAY`` where no X server answers, or the xcb
plugin missing one of its libraries (it then blames ``libxcb-cursor`` whichever it was, and
suggests reinstalling). This module looks first, without importing Qt, and returns a message a
newcomer can act on.
"""

from __future__ import annotations

import ctypes
import re
import socket
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

NO_DISPLAY = (
    "no display: the kiosk needs a screen. Start it from a desktop session, or set DISPLAY "
    "(X11) or WAYLAND_DISPLAY (Wayland); on a machine without one, try it with "
    "QT_QPA_PLATFORM=offscreen (nothing is shown) or under xvfb-run. `kiosk self-test` checks "
    "the display."
)

# The libraries Qt's xcb plugin (libqxcb.so and libQt6XcbQpa) loads beyond Qt's own and the
# C/C++ runtime, with their Debian packages (PySide6 6.11's NEEDED entries). A bare Debian has
# few of them; the kiosk's .deb depends on them all.
X11_LIBRARIES = (
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
)
X11_SOCKETS = Path("/tmp/.X11-unix")  # noqa: S108 - where every X server puts its socket
_DISPLAY = re.compile(r"^(?:(?:unix|tcp)/)?(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?$")


def display_problem(
    environ: Mapping[str, str],
    platform: str = sys.platform,
    has_library: Callable[[str], bool] | None = None,
    x11_sockets: Path = X11_SOCKETS,
) -> str | None:
    """Why Qt could not open a window here, or None when it should be able to.

    Only Linux and the BSDs need a display server; Windows and macOS always have one.
    ``QT_QPA_PLATFORM`` set by the user (offscreen, vnc, eglfs ...) is their choice: no check.

    Args:
        has_library: whether a library loads by its file name (default: loading it, which
            finds what Qt would, the bundle's own copies included).
        x11_sockets: the X servers' socket folder (tests pass their own).
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("WAYLAND_DISPLAY"):
        return None  # Qt prefers Wayland when it is there, and needs no xcb library for it
    display = environ.get("DISPLAY", "")
    if not display:
        return NO_DISPLAY
    missing = [pair for pair in X11_LIBRARIES if not (has_library or _loads)(pair[0])]
    if missing:
        return (
            f"Qt's X11 plugin needs libraries that are not installed: "
            f"{', '.join(name for name, _ in missing)} (Debian/Ubuntu: apt-get install "
            f"{' '.join(package for _, package in missing)})."
        )
    why = x_server_problem(display, x11_sockets)
    if why is None:
        return None
    return (
        f"no display: no X server answers at DISPLAY={display} ({why}). Start the kiosk in the "
        "desktop session or under its compositor (cage), or fix DISPLAY; on a machine without "
        "a screen, try it with QT_QPA_PLATFORM=offscreen (nothing is shown) or under xvfb-run."
    )


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def x_server_problem(display: str, x11_sockets: Path = X11_SOCKETS) -> str | None:
    """Why no X server answers at ``display`` (a ``DISPLAY`` value), or None when one does
    (or when that cannot be told without a name lookup, which may stall).

    A local display (``:0``, ``unix:0``) is the socket ``X<n>`` in ``x11_sockets`` or its
    abstract twin (Linux); a TCP one (``localhost:10.0``, from ``ssh -X``) port ``6000 + n``.
    Only a connection is made: nothing is sent.
    """
    if display.startswith("/"):  # a socket's path (XQuartz, launchd)
        return _connects(socket.AF_UNIX, display.rsplit(":", 1)[0])
    match = _DISPLAY.match(display)
    if match is None:
        return "not a display name such as :0 or localhost:10.0"
    host, number = match["host"], int(match["number"])
    if host in ("", "unix"):
        path = x11_sockets / f"X{number}"
        if path.exists():
            return _connects(socket.AF_UNIX, str(path))
        if sys.platform.startswith("linux"):  # Xorg and Xwayland also listen here
            if _connects(socket.AF_UNIX, b"\0" + str(path).encode()) is None:
                return None
        return f"there is no {path}"
    if host != "localhost" and not _is_ip(host):
        return None  # a remote host by name: not looked up here
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return _connects(family, (host, 6000 + number))


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _connects(family: int, address: str | bytes | tuple[str, int]) -> str | None:
    """None when a stream connection to ``address`` opens, else why not."""
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(1.0)
            probe.connect(address)
    except BlockingIOError:  # a listener whose queue is full: a server, and a busy one
        return None
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None
