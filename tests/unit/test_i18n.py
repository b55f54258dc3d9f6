"""The shipped translations are complete and current (issue 12).

Each shipped language has every string the visitor can see translated (every plural form
too: Arabic has six), keeps the ``{placeholders}`` the code fills in, and its compiled ``.qm``
is what ``scripts/i18n.sh`` makes from its ``.ts``, which holds the strings the code has now.
"""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.core import rules, settings
from kiosk.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TRANSLATED = [code for code in rules.LANGUAGES if code != "en"]
# Qt's plural forms per language (QTranslator's numerus rules): Arabic's six are zero, one,
# two, few (3-10), many (11-99) and the rest.
PLURAL_FORMS = {"es": 2, "fr": 2, "de": 2, "ar": 6}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    if found.exists():
        return str(found)
    on_path = shutil.which(name)
    if on_path is None:
        pytest.fail(f"{name} is missing: it ships in PySide6-Essentials")
    return on_path


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 - our own files
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation))
    return found


def _sources() -> list[str]:
    return sorted(str(p) for pattern in i18n.SOURCES for p in ROOT.glob(pattern))


def test_every_shipped_language_has_a_name_a_source_and_a_compiled_file() -> None:
    assert tuple(i18n.NATIVE_NAMES) == rules.LANGUAGES
    for code in TRANSLATED:
        assert (I18N / f"kiosk_{code}.ts").is_file()
        assert (ROOT / "resources" / i18n.qm_name(code)).is_file()


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_string_is_translated_with_every_plural_form(code: str) -> None:
    ts = I18N / f"kiosk_{code}.ts"
    assert ET.parse(ts).getroot().get("language") == code  # noqa: S314 - our own files
    messages = _messages(ts)
    assert len(messages) > 90  # the screens' strings, not an empty file
    problems = []
    for context, source, translation in messages:
        where = f"{context}: {source!r}"
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where} is {translation.get('type')}")
            continue
        forms = [f.text or "" for f in translation.findall("numerusform")]
        if "%n" in source:
            if len(forms) != PLURAL_FORMS[code] or not all(f.strip() for f in forms):
                problems.append(f"{where} needs {PLURAL_FORMS[code]} plural forms: {forms}")
            elif not any(re.search("%L?n", f) for f in forms):  # %Ln: local digits
                problems.append(f"{where} never shows the number")
            continue
        text = translation.text or ""
        if not text.strip():
            problems.append(f"{where} is empty")
        elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
            problems.append(f"{where} changes the placeholders: {text!r}")
    assert problems == []


def test_the_compiled_files_are_those_of_the_sources(tmp_path: Path) -> None:
    for code in TRANSLATED:
        fresh = tmp_path / f"kiosk_{code}.qm"
        subprocess.run(
            [
                _tool("pyside6-lrelease"),
                "-silent",
                str(I18N / f"kiosk_{code}.ts"),
                "-qm",
                str(fresh),
            ],
            check=True,
            capture_output=True,
        )
        shipped = ROOT / "resources" / i18n.qm_name(code)
        assert filecmp.cmp(fresh, shipped, shallow=False), f"run scripts/i18n.sh ({code})"


def test_the_sources_hold_the_strings_the_code_has_now(tmp_path: Path) -> None:
    sources = _sources()
    assert any(s.endswith("idle.py") for s in sources)
    for code in TRANSLATED:
        copy = tmp_path / f"kiosk_{code}.ts"
        shutil.copy(I18N / copy.name, copy)
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                *sources,
                "-ts",
                str(copy),
            ],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        updated = {(c, s) for c, s, _ in _messages(copy)}
        shipped = {(c, s) for c, s, _ in _messages(I18N / copy.name)}
        assert updated == shipped, f"run scripts/i18n.sh ({code})"


def test_the_script_reads_the_same_sources_as_the_test() -> None:
    script = (ROOT / "scripts" / "i18n.sh").read_text()
    for pattern in i18n.SOURCES:
        assert pattern in script


def test_the_language_setting_takes_only_shipped_languages() -> None:
    assert settings.parse({"language": "DE"}, "settings.toml")["language"] == "de"
    assert settings.parse({"language": "ar_EG"}, "settings.toml")["language"] == "ar"
    with pytest.raises(settings.SettingsError, match=r"language.*one of en, es, fr, de, ar"):
        settings.parse({"language": "xx"}, "settings.toml")
