"""The display and the fonts, checked by Qt in a child process.

Qt aborts the whole process (SIGABRT, no Python exception) when its platform plugin cannot open
the display, so the probe runs in a child: the kiosk's own executable with a hidden option
(``kiosk self-test --display-probe SCRIPTS``), which works from a checkout, a wheel and the
bundle alike. The child opens a :class:`QGuiApplication` with the platform the kiosk would use,
registers the shipped fonts as the kiosk does, and prints one JSON line; the parent turns it
into the ``display`` and ``fonts`` lines. When the display fails, the fonts are checked again
in a child on the offscreen platform, so a technician learns about both.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from kiosk.selftest.report import Result, fail, ok, warn

PROBE_FLAG = "--display-probe"
MIN_WIDTH, MIN_HEIGHT = 800, 700
"""Below this the screens were never checked (tests/gui/test_layout.py: 1024x700, 800x1280)."""
SHIPPED_SCRIPTS = ("Latin", "Arabic")
"""The writing systems the shipped fonts (resources/fonts) must cover."""

# ISO 639-1 languages -> Qt's writing system (a QFontDatabase.WritingSystem name).
_SCRIPTS = (
    ("af ca cs cy da de en es et eu fi fr ga gl hr hu id is it lt lv ms mt nl no nb nn pl pt "
     "ro sk sl sq sv sw tl tr", "Latin"),
    ("ar fa ur ps ku sd ug", "Arabic"),
    ("ru uk be bg sr mk kk ky mn tg", "Cyrillic"),
    ("el", "Greek"), ("he yi", "Hebrew"), ("hi mr ne", "Devanagari"), ("bn", "Bengali"),
    ("ta", "Tamil"), ("th", "Thai"), ("vi", "Vietnamese"), ("zh", "SimplifiedChinese"),
    ("ja", "Japanese"), ("ko", "Korean"), ("hy", "Armenian"), ("ka", "Georgian"),
    ("am", "Ethiopic"), ("km", "Khmer"),
)  # fmt: skip
SCRIPT_OF = {code: script for codes, script in _SCRIPTS for code in codes.split()}


def probe_command(scripts: Sequence[str]) -> list[str]:
    """The command that runs the probe: the bundle's executable is the kiosk itself."""
    tail = ["self-test", PROBE_FLAG, ",".join(scripts)]
    if getattr(sys, "frozen", False):
        return [sys.executable, *tail]
    return [sys.executable, "-m", "kiosk", *tail]


def check_display(language: str, environ: Mapping[str, str], seconds: float) -> list[Result]:
    """The ``display`` and ``fonts`` lines, within ``seconds`` in all."""
    from kiosk.display import display_problem

    script = SCRIPT_OF.get(language.lower().split("-")[0].split("_")[0])
    scripts = list(dict.fromkeys([*SHIPPED_SCRIPTS, *([script] if script else [])]))
    problem = display_problem(environ)
    report: dict[str, Any] | None = None
    if problem is not None:
        display = _no_display(problem)
    else:
        report, why = _run(scripts, dict(environ), seconds * 0.6)
        display = _display_result(report, why, environ)
    if report is None:  # the fonts, on the platform that needs no display
        offscreen = {**environ, "QT_QPA_PLATFORM": "offscreen"}
        report, why = _run(scripts, offscreen, seconds * 0.4)
        if report is None:
            return [display, fail("fonts", f"not checked: Qt did not start ({why})", _REINSTALL)]
    return [display, _fonts_result(report, language, script)]


_REINSTALL = "reinstall the kiosk (a part of the program or of Qt is missing)"


def _no_display(problem: str) -> Result:
    """The line for a machine where Qt would abort (see :func:`kiosk.display.display_problem`)."""
    from kiosk.display import NO_DISPLAY

    if problem != NO_DISPLAY:
        # "what (why). What to do." (no X server answers), or "what (what to do)." (a library
        # Qt needs is missing: the packages that have it)
        head, _, rest = problem.partition(" (")
        inner, _, tail = rest.partition(")")
        tail = tail.lstrip(". ").strip()
        if tail:
            return fail("display", f"{head} ({inner})", tail.rstrip("."))
        return fail("display", head, inner or problem)
    return fail(
        "display",
        "no display: neither DISPLAY nor WAYLAND_DISPLAY is set",
        "set DISPLAY or WAYLAND_DISPLAY (start the kiosk's compositor, cage, or a desktop "
        "session), or QT_QPA_PLATFORM=offscreen for a test without a screen",
    )


def _run(
    scripts: Sequence[str], environ: dict[str, str], seconds: float
) -> tuple[dict[str, Any] | None, str]:
    """The probe's report, or None and why it failed (Qt's last words, cleaned later)."""
    try:
        done = subprocess.run(  # noqa: S603 - our own executable, fixed arguments
            probe_command(scripts),
            env=environ,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"no answer within {seconds:.0f} s"
    except OSError as exc:
        return None, f"the probe could not start ({exc})"
    lines = done.stdout.strip().splitlines()
    if done.returncode == 0 and lines:
        try:
            report = json.loads(lines[-1])
        except ValueError:
            report = None
        if isinstance(report, dict):
            return report, ""
    said = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    # Qt's own diagnosis ("qt.qpa.xcb: could not connect to display :0") over its generic
    # closing lines ("This application failed to start ...", the list of plugins).
    telling = [line for line in said if line.startswith("qt.") or "could not" in line.lower()]
    why = "; ".join((telling or said)[-2:]) or f"exit status {done.returncode}"
    return None, why


def _display_result(report: dict[str, Any] | None, why: str, environ: Mapping[str, str]) -> Result:
    if report is None:
        return fail(
            "display",
            f"Qt could not open the display ({why})",
            "check that the display server (cage, X or Wayland) runs and that DISPLAY or "
            "WAYLAND_DISPLAY names it; QT_QPA_PLATFORM=offscreen for a test without a screen",
        )
    platform = str(report.get("platform", "?"))
    screens = report.get("screens") or []
    if not screens:
        return fail("display", f"Qt's {platform} platform reports no screen", "connect one")
    first = screens[0]
    width, height = int(first.get("width", 0)), int(first.get("height", 0))
    size = f"{width}x{height}"
    many = f" (+{len(screens) - 1} more)" if len(screens) > 1 else ""
    if platform == "offscreen":
        return warn(
            "display",
            f"QT_QPA_PLATFORM=offscreen: Qt draws into memory, nothing is shown "
            f"(a {size} virtual screen)",
            "unset QT_QPA_PLATFORM on a kiosk: offscreen is for tests",
        )
    detail = f"Qt's {platform} platform, screen {size}{many}"
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return warn(
            "display",
            f"{detail}: smaller than the screens are checked at (1024x700, 800x1280)",
            "use a larger screen, or check every screen by eye",
        )
    return ok("display", detail)


def _fonts_result(report: dict[str, Any], language: str, script: str | None) -> Result:
    fonts = report.get("fonts") or {}
    failed = fonts.get("failed") or []
    families = fonts.get("families") or []
    covered = fonts.get("covered") or {}
    if failed:
        return fail("fonts", f"shipped fonts did not load: {', '.join(failed)}", _REINSTALL)
    missing = [s for s in SHIPPED_SCRIPTS if not covered.get(s, {}).get("shipped")]
    if missing:
        return fail("fonts", f"the shipped fonts lack {', '.join(missing)}", _REINSTALL)
    shipped = f"{', '.join(families)} registered (Latin, Arabic)"
    if script is None:
        return warn(
            "fonts",
            f"{shipped}; the language {language!r} is not one the self-test knows the script of",
            "check the screens by eye in that language",
        )
    found = covered.get(script, {})
    if found.get("shipped"):
        return ok("fonts", f"{shipped}; {language} ({script}) is covered")
    system = found.get("system") or []
    if system:
        return ok("fonts", f"{shipped}; {language} ({script}) from the system's {system[0]}")
    return fail(
        "fonts",
        f"{shipped}; no font has {script} letters for the language {language}",
        f"install a font with {script} letters (Debian: fonts-noto-core)",
    )


def probe_main(scripts_arg: str) -> int:
    """In the child: open Qt, register the shipped fonts, print the report as one JSON line."""
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    from kiosk import resources

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    screens = [
        {"width": s.geometry().width(), "height": s.geometry().height()}
        for s in QGuiApplication.screens()
    ]
    families: list[str] = []
    failed: list[str] = []
    for name in resources.FONT_FILES:
        try:
            font_id = QFontDatabase.addApplicationFont(str(resources.path(f"fonts/{name}")))
        except FileNotFoundError:
            font_id = -1
        if font_id < 0:
            failed.append(name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    covered: dict[str, dict[str, Any]] = {}
    for script in filter(None, scripts_arg.split(",")):
        system = getattr(QFontDatabase.WritingSystem, script, None)
        if system is None:
            continue
        having = QFontDatabase.families(system)
        covered[script] = {
            "shipped": any(family in having for family in families),
            "system": [family for family in having if family not in families][:3],
        }
    report = {
        "platform": QGuiApplication.platformName(),
        "screens": screens,
        "fonts": {"families": families, "failed": failed, "covered": covered},
    }
    sys.stdout.write(json.dumps(report) + os.linesep)
    sys.stdout.flush()
    return 0
