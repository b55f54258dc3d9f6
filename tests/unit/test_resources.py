"""What ships besides code (resources/) is found the same way from a checkout and a wheel.

The bundle's own test (tests/e2e/test_bundle.py) runs the same lookups from the built bundle.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from kiosk import resources

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "resources"


def _shipped_files() -> set[str]:
    return {
        file.relative_to(SHIPPED).as_posix()
        for file in SHIPPED.rglob("*")
        if file.is_file() and "__pycache__" not in file.parts
    }


def test_every_package_of_the_program_is_listed_for_the_wheel() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "kiosk").rglob("__init__.py")
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages"
    assert "kiosk_resources" in listed


def test_a_wheel_carries_every_shipped_file(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        (source / name).write_bytes((ROOT / name).read_bytes())
    for folder in ("kiosk", "resources"):
        subprocess.run(["cp", "-r", str(ROOT / folder), str(source / folder)], check=True)
    # setuptools' own build hook, offline (no isolated build environment to download).
    build = f"from setuptools import build_meta as b; print(b.build_wheel({str(tmp_path)!r}))"
    subprocess.run(
        [sys.executable, "-c", build], cwd=source, check=True, capture_output=True, text=True
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    carried = {
        name.removeprefix("kiosk_resources/")
        for name in names
        if name.startswith("kiosk_resources/")
    }
    assert _shipped_files() - carried == set()


def test_resources_are_found_outside_the_checkout(tmp_path: Path) -> None:
    code = (
        "from kiosk import resources; "
        "print(resources.path('fonts/NotoSansArabicUI-Regular.ttf').stat().st_size > 0, "
        "'QLabel#Title' in resources.text('styles/kiosk.qss'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "True"]


def test_a_missing_resource_is_named() -> None:
    with pytest.raises(FileNotFoundError, match=r"fonts/missing\.ttf"):
        resources.path("fonts/missing.ttf")


def test_the_icon_comes_in_every_size_desktops_ask_for() -> None:
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(
            SHIPPED / "icons" / "hicolor" / f"{size}x{size}" / "verification-kiosk.png"
        ) as png:
            assert png.size == (size, size)
    with Image.open(SHIPPED / "icons" / "verification-kiosk.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


def test_the_desktop_entry_names_the_program_and_its_icon() -> None:
    entry = (SHIPPED / "verification-kiosk.desktop").read_text()
    lines = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert lines["Type"] == "Application"
    assert lines["Icon"] == "verification-kiosk"
    assert lines["Exec"].split()[0] == "kiosk"


def test_the_fonts_come_with_their_licence() -> None:
    assert "SIL OPEN FONT LICENSE Version 1.1" in (SHIPPED / "fonts" / "OFL.txt").read_text()
    for name in resources.FONT_FILES:
        assert resources.path(f"fonts/{name}").read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType


def test_the_stylesheet_fills_every_placeholder() -> None:
    from kiosk.ui.theme import stylesheet

    for side in (480, 1080, 2160):
        qss = stylesheet(side)
        assert "$" not in qss and "QPushButton#Primary" in qss
