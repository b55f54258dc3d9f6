"""A bank's brand: name, header text, primary colour and logo, from a folder (``brand_dir``).

The folder holds ``brand.toml`` (keys ``name``, ``header``, ``primary``, ``logo``, each
optional) and the logo it names, SVG or PNG. Our neutral default is ``resources/brand``.

Loaded defensively, as a file staff copy from elsewhere: the TOML is capped at 16 KiB, the logo
at 1 MiB and to a plain file name inside the folder (no path out of it). A wrong ``primary`` (or
an unknown key, a value of the wrong type) is a :class:`SettingsError` naming the file and the
line; a logo that is missing, too large or of another type is logged and left out, and the
kiosk runs without it. The UI loads the image itself and skips it too when Qt cannot.

Contrast (WCAG 2.x AA): the primary colour is the buttons' background and the current step's
text, so it needs 4.5:1 against the screen's background and a label colour (white or black)
with 4.5:1 on it. A colour that fails is not refused (the kiosk must still start) but darkened
or lightened until it passes, with a warning for the log and the operator panel: the bank's
exact colour remains in its logo, and a visitor who cannot read the Start button is a visitor
the kiosk failed. The high-contrast theme ignores the brand colour.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.core import contrast
from kiosk.core.settings import SettingsError

log = logging.getLogger(__name__)

BRAND_FILE = "brand.toml"
MAX_TOML_BYTES = 16 * 1024
MAX_LOGO_BYTES = 1024 * 1024
LOGO_TYPES = (".svg", ".png")
_KEYS = ("name", "header", "primary", "logo")
_MAX_TEXT = 80


@dataclass(frozen=True)
class Brand:
    """What the screens show of the organisation. Empty texts mean the kiosk's own."""

    name: str = ""
    header: str = ""
    primary: str = "#1d4ed8"
    logo: Path | None = None
    warnings: tuple[str, ...] = ()


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(key) and "=" in line:
            return number
    return 0


def load(folder: Path) -> Brand:
    """The brand in ``folder``; raises :class:`SettingsError` for a file that cannot be used."""
    file = folder / BRAND_FILE
    try:
        # A regular file only, read at most one byte past the cap: its size said nothing for
        # a symlink to /dev/zero (0 bytes, endless read) and a FIFO blocked the start forever.
        if not file.is_file():
            raise SettingsError(f"{file}: not a regular file. Fix brand_dir.")
        with file.open("rb") as stream:
            data = stream.read(MAX_TOML_BYTES + 1)
        if len(data) > MAX_TOML_BYTES:
            raise SettingsError(f"{file}: larger than {MAX_TOML_BYTES // 1024} KiB.")
        text = data.decode("utf-8")
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{file}: not valid TOML ({exc}).") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{file}: cannot be read ({exc}). Fix brand_dir.") from exc
    for key, value in values.items():
        where = f"{file}, line {_line_of(text, key)}"
        if key not in _KEYS:
            raise SettingsError(f"{where}: unknown key '{key}'; the keys are {', '.join(_KEYS)}.")
        if not isinstance(value, str) or len(value) > _MAX_TEXT or not value.isprintable():
            raise SettingsError(
                f"{where}: '{key}' must be printable text of at most {_MAX_TEXT} characters."
            )
    primary = values.get("primary", Brand.primary).strip()
    try:
        contrast.parse(primary)
    except ValueError as exc:
        raise SettingsError(
            f"{file}, line {_line_of(text, 'primary')}: 'primary' must be a colour written "
            f'#rrggbb (such as "#1d4ed8"), not {primary!r}.'
        ) from exc
    return Brand(
        name=values.get("name", "").strip(),
        header=values.get("header", "").strip(),
        primary=primary.lower(),
        logo=_logo(folder, values.get("logo", "").strip()),
    )


def _logo(folder: Path, name: str) -> Path | None:
    """The logo's path, or None (logged) when it cannot be used."""
    if not name:
        return None
    path = folder / name
    problem = None
    if Path(name).name != name:
        problem = "must be a file name in the brand folder"
    elif path.suffix.lower() not in LOGO_TYPES:
        problem = "must be an SVG or PNG file"
    elif not path.is_file():
        problem = "is not there"
    elif path.stat().st_size > MAX_LOGO_BYTES:
        problem = f"is larger than {MAX_LOGO_BYTES // 1024} KiB"
    if problem:
        log.warning("brand logo %r %s; the header shows none", name, problem)
        return None
    return path


def accessible(brand: Brand, background: str) -> tuple[Brand, str]:
    """``brand`` with a primary colour that passes AA on ``background``, and the label colour
    (white or black) for the buttons. A colour that had to change adds a warning (logged)."""
    label = max(("#ffffff", "#000000"), key=lambda ink: contrast.ratio(ink, brand.primary))
    needed = contrast.AA["text"]
    if contrast.ratio(brand.primary, background) >= needed and (
        contrast.ratio(label, brand.primary) >= needed
    ):
        return brand, label
    fixed = contrast.fitted(brand.primary, background, needed)
    label = max(("#ffffff", "#000000"), key=lambda ink: contrast.ratio(ink, fixed))
    while contrast.ratio(label, fixed) < needed:  # mid-tones: darken further for white text
        fixed = contrast.fitted(fixed, "#ffffff", contrast.ratio(fixed, "#ffffff") + 0.5)
        label = "#ffffff"
    warning = (
        f"The brand colour {brand.primary} has too little contrast for text "
        f"({contrast.ratio(brand.primary, background):.1f}:1 on the background, WCAG AA "
        f"asks {needed}:1); {fixed} is used instead. Choose a darker colour in brand.toml."
    )
    log.warning("%s", warning)
    return replace(brand, primary=fixed, warnings=(*brand.warnings, warning)), label
