"""kiosk self-test in-process with real processes and sockets: Qt's display probe (a child
process), the embedded sandbox, the whole command, its JSON and its deadlines."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.settings import DEFAULTS
from kiosk.selftest import display
from kiosk.selftest.command import run_checks
from kiosk.selftest.report import Result, Status, ok, passed
from kiosk.selftest.sandbox_check import check_sandbox

NAMES = [
    "display", "fonts", "settings", "secrets", "journal", "backend", "credentials", "clock", "disk",
]  # fmt: skip


def test_offscreen_is_said_and_the_fonts_cover_latin_and_arabic() -> None:
    lines = display.check_display("ar", {**os.environ, "QT_QPA_PLATFORM": "offscreen"}, 20)
    shown, fonts = lines
    assert shown.status is Status.WARN
    assert "QT_QPA_PLATFORM=offscreen" in shown.detail
    assert fonts.status is Status.OK, fonts.line()
    assert "Noto Sans Arabic UI" in fonts.detail
    assert "ar (Arabic) is covered" in fonts.detail


def test_no_display_fails_in_words_and_the_fonts_are_still_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environ.pop("QT_QPA_PLATFORM", None)
    shown, fonts = display.check_display("en", environ, 20)
    assert shown.status is Status.FAIL
    assert shown.detail.startswith("no display")
    assert "DISPLAY or WAYLAND_DISPLAY" in shown.fix
    assert "QT_QPA_PLATFORM=offscreen" in shown.fix
    assert fonts.status is Status.OK


def test_a_platform_qt_cannot_open_fails_instead_of_aborting() -> None:
    environ = {**os.environ, "QT_QPA_PLATFORM": "no-such-platform"}
    shown, fonts = display.check_display("en", environ, 20)
    assert shown.status is Status.FAIL
    assert shown.detail.startswith("Qt could not open the display (")
    assert "no-such-platform" in shown.detail
    assert fonts.status is Status.OK


# The embedded sandbox.


def test_the_embedded_sandbox_starts_and_answers() -> None:
    lines, close = check_sandbox(DEFAULTS, lan=False, seconds=10, port=0)
    try:
        assert [r.what for r in lines] == ["backend", "credentials", "clock"]
        assert all(r.status is Status.OK for r in lines), [r.line() for r in lines]
        assert "http://127.0.0.1:" in lines[0].detail
    finally:
        close()


# The command.


def args(tmp_path: Path, *extra: str) -> argparse.Namespace:
    from kiosk.cli import build_parser

    return build_parser("self-test").parse_args(
        ["self-test", "--settings", str(tmp_path / "settings.toml"), "--listen", "local", *extra]
    )


@pytest.fixture
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return tmp_path


def test_every_check_runs_in_order_and_shows_each_line(kiosk_home: Path) -> None:
    shown: list[Result] = []
    results = run_checks(args(kiosk_home), shown.append)
    assert [r.what for r in results] == NAMES
    assert shown == results
    assert passed(results), [r.line() for r in results]


def test_json_for_fleet_tooling_and_the_exit_status(
    kiosk_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = kiosk_home / "settings.toml"
    assert main(["self-test", "--json", "--listen", "local", "--settings", str(settings)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["passed"] is True
    assert [c["check"] for c in document["checks"]] == NAMES
    assert {c["status"] for c in document["checks"]} <= {"OK", "WARN"}

    settings.write_text("ttl_sec = 1\n")
    assert main(["self-test", "--listen", "local", "--settings", str(settings)]) == 1
    out = capsys.readouterr().out
    assert f"FAIL settings: {settings}, line 1:" in out
    assert len(out.splitlines()) == len(NAMES)


def test_a_check_that_hangs_fails_at_its_deadline(
    kiosk_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from kiosk.selftest import command

    release = threading.Event()

    def hanging(*_: object) -> Result:
        release.wait(30)  # a keyring waiting on a D-Bus prompt nobody answers
        return ok("secrets", "too late")

    monkeypatch.setattr("kiosk.selftest.secrets_check.check_secrets", hanging)
    monkeypatch.setattr(command, "SECRETS_SECONDS", 0.5)
    try:
        results = run_checks(args(kiosk_home))
    finally:
        release.set()
    secrets = next(r for r in results if r.what == "secrets")
    assert secrets.status is Status.FAIL
    assert "no answer within 0.5 s" in secrets.detail
    backend = next(r for r in results if r.what == "backend")
    assert backend.status is Status.OK  # the sandbox needs no secret: checked all the same
