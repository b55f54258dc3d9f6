"""Where the shipped files are: one lookup for a checkout, an installed wheel and the bundle.

The top-level ``resources/`` folder is the package ``kiosk_resources`` (an editable install maps
it from the checkout, a wheel carries it, PyInstaller collects it as files), so its files sit on
disk next to its ``__init__`` in every case. Zipped installs are not supported: Qt and Jinja2
want real paths.
"""

from __future__ import annotations

from pathlib import Path

import kiosk_resources

ROOT = Path(kiosk_resources.__file__).resolve().parent

# The fonts registered with Qt at start: Latin and Arabic, each regular and bold (OFL, see
# resources/fonts/OFL.txt). Latin text looks the same on every machine, and Arabic renders
# even where the system has no Arabic font (a bare Debian kiosk).
FONT_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabicUI-Regular.ttf",
    "NotoSansArabicUI-Bold.ttf",
)
APP_ICON = "icons/verification-kiosk.svg"


def path(relative: str) -> Path:
    """The shipped file at ``relative`` (a ``/``-separated path under ``resources/``).

    Raises FileNotFoundError naming the file when it is missing: a broken install must say
    what it lacks rather than start with a blank screen.
    """
    found = ROOT.joinpath(*relative.split("/"))
    if not found.exists():
        raise FileNotFoundError(f"the kiosk's resource {relative!r} is missing from {ROOT}")
    return found


def text(relative: str) -> str:
    """The UTF-8 text of the shipped file at ``relative``."""
    return path(relative).read_text(encoding="utf-8")
