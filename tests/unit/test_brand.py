"""A bank's brand folder: read safely, wrong values named with their line, and colours that
fail WCAG AA fitted (with a warning) rather than shown unreadable."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import resources
from kiosk.core.brand import MAX_LOGO_BYTES, Brand, load
from kiosk.core.contrast import AA, ratio
from kiosk.core.settings import SettingsError
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, branded, pairs


def folder(tmp_path: Path, toml: str, logo: bytes | None = b"<svg/>") -> Path:
    (tmp_path / "brand.toml").write_text(toml, encoding="utf-8")
    if logo is not None:
        (tmp_path / "logo.svg").write_bytes(logo)
    return tmp_path


def test_the_neutral_default_ships_and_loads() -> None:
    brand = load(resources.path("brand"))
    assert brand.primary == DEFAULT.accent and brand.logo is not None and brand.logo.is_file()
    assert branded(DEFAULT, brand) == (DEFAULT, ())


def test_a_bank_brand(tmp_path: Path) -> None:
    brand = load(
        folder(
            tmp_path,
            'name = "Banco"\nheader = "Banco: verify"\nprimary = "#0B5D1E"\nlogo = "logo.svg"\n',
        )
    )
    assert brand == Brand("Banco", "Banco: verify", "#0b5d1e", tmp_path / "logo.svg")


def test_a_bad_colour_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"line 2: 'primary' must be a colour written #rrggbb"):
        load(folder(tmp_path, 'name = "Banco"\nprimary = "green"\n'))


@pytest.mark.parametrize(
    "toml",
    [
        'colour = "#000000"\n',
        "name = 3\n",
        'primary = "#000000"\n[extra]\n',
        'name = "' + "x" * 200 + '"\n',
    ],
    ids=["unknown key", "not text", "a table", "too long"],
)
def test_wrong_files_are_settings_errors(tmp_path: Path, toml: str) -> None:
    with pytest.raises(SettingsError, match=str(tmp_path / "brand.toml")):
        load(folder(tmp_path, toml))


def test_an_oversized_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="larger than 16 KiB"):
        load(folder(tmp_path, "# " + "x" * 20000 + "\n"))


@pytest.mark.parametrize(
    ("name", "logo"),
    [
        ("missing.svg", None),
        ("../logo.svg", b"<svg/>"),
        ("logo.gif", b"GIF89a"),
        ("logo.svg", b"x" * (MAX_LOGO_BYTES + 1)),
    ],
    ids=["missing", "outside the folder", "not svg or png", "too large"],
)
def test_an_unusable_logo_is_logged_and_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, logo: bytes | None
) -> None:
    inside = tmp_path / "brand"
    inside.mkdir()
    if logo is not None:
        (inside / Path(name).name).write_bytes(logo)
        (tmp_path / "logo.svg").write_bytes(b"<svg/>")
    brand = load(folder(inside, f'logo = "{name}"\n', logo=None))
    assert brand.logo is None
    assert "brand logo" in caplog.text


@pytest.mark.parametrize(
    "primary", ["#facc15", "#ffffff", "#00ffff", "#808080", "#ff0000", "#000000"]
)
def test_any_brand_colour_ends_up_passing_aa(
    caplog: pytest.LogCaptureFixture, primary: str
) -> None:
    theme, warnings = branded(DEFAULT, Brand(primary=primary))
    failing = [what for what, fg, bg, role in pairs(theme) if ratio(fg, bg) < AA[role]]
    assert not failing
    fails_as_given = ratio(primary, DEFAULT.bg) < 4.5
    assert bool(warnings) is fails_as_given
    if fails_as_given:
        assert primary in warnings[0] and theme.accent in warnings[0]
        assert "too little contrast" in caplog.text


def test_high_contrast_keeps_its_own_colours() -> None:
    assert branded(HIGH_CONTRAST, Brand(primary="#facc15")) == (HIGH_CONTRAST, ())


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"], ids=["dev-zero", "fifo"])
def test_a_brand_file_that_is_no_regular_file_is_refused_at_once(
    tmp_path: Path, target: str
) -> None:
    # A symlink to /dev/zero has size 0 and never ends; a FIFO blocks its reader forever.
    import os

    if target == "fifo":
        os.mkfifo(tmp_path / "brand.toml")
    else:
        (tmp_path / "brand.toml").symlink_to(target)
    with pytest.raises(SettingsError, match="not a regular file"):
        load(tmp_path)
