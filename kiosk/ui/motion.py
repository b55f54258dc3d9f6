"""Whether the kiosk should move anything on screen (WCAG 2.3.3, "Animation from Interactions").

The only motion the kiosk has is the busy bar of the "Preparing your code" screen (an
indeterminate QProgressBar, which the style animates); nothing blinks, and countdowns change
once a second as text. With motion reduced that bar is not shown (the title says what is
happening).

Motion is reduced when the ``reduce_motion`` setting says so, or when the desktop asks for it.
Qt 6 exposes no "reduce motion" hint (QStyleHints has none, and ``QApplication.isEffectEnabled``
is False on any Linux without a platform theme, so it cannot tell a request from a default);
the desktops' own settings are read instead:

- GNOME (and desktops that use its settings): ``org.gnome.desktop.interface enable-animations``
  through ``gsettings``, when that command exists;
- Windows: "Show animations in Windows" (``SPI_GETCLIENTAREAANIMATION``);
- macOS: "Reduce motion" (``com.apple.universalaccess reduceMotion``).

KDE's and other desktops' settings are not read: use the setting there. A desktop that cannot
be asked (no command, an error, a timeout) counts as not asking.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

Run = Callable[[Sequence[str]], str | None]


def _run(command: Sequence[str]) -> str | None:
    """The command's output, or None when it is missing, fails or takes over a second."""
    if shutil.which(command[0]) is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - fixed commands, no shell
            list(command), capture_output=True, text=True, timeout=1, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _windows_animations_off() -> bool:
    import ctypes

    spi_getclientareaanimation = 0x1042
    enabled = ctypes.c_int(1)
    windll = ctypes.windll  # type: ignore[attr-defined,unused-ignore]
    ok = windll.user32.SystemParametersInfoW(
        spi_getclientareaanimation, 0, ctypes.byref(enabled), 0
    )
    return bool(ok) and not enabled.value


def desktop_asks(platform: str | None = None, run: Run = _run) -> bool:
    """Whether the desktop asks applications not to animate (see the module's docstring)."""
    platform = platform or sys.platform
    if platform == "win32":
        try:
            return _windows_animations_off()
        except (OSError, AttributeError):
            return False
    if platform == "darwin":
        return run(["defaults", "read", "com.apple.universalaccess", "reduceMotion"]) == "1"
    answer = run(["gsettings", "get", "org.gnome.desktop.interface", "enable-animations"])
    return answer == "false"


def reduced(setting: bool, platform: str | None = None, run: Run = _run) -> bool:
    """Motion is off: the ``reduce_motion`` setting, or the desktop's request."""
    if setting:
        return True
    asked = desktop_asks(platform, run)
    if asked:
        log.info("the desktop asks for reduced motion: no animation on the kiosk's screens")
    return asked
