"""``kiosk verify`` on a terminal without the Unicode half blocks (a cp1252 Windows console or
redirected output): the QR code comes out in ASCII, not as a block of question marks."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from kiosk.cli import main
from kiosk.verify import ExitCode

pytestmark = pytest.mark.e2e

FAST = ["--scenario", "pass", "--step-seconds", "0.05", "--poll-interval", "0.05"]


def _qr_lines(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "created" in line) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Open on the phone"))
    return lines[start:end]


def _assert_ascii_code(out: str) -> None:
    code = _qr_lines(out)
    assert len(code) > 20
    assert set("".join(code)) == {"#", " "}  # drawn, not replaced by "?"
    assert "Open on the phone: http://127.0.0.1:" in out  # the link, for typing it in


def test_a_cp1252_console_gets_the_code_in_ascii() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "verify", *FAST],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    out = done.stdout.decode("cp1252")
    assert done.returncode == ExitCode.PASS, out + done.stderr.decode("cp1252", "replace")
    _assert_ascii_code(out)


def test_an_in_process_cp1252_stream_gets_the_code_in_ascii(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252", errors="strict", write_through=True)
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["verify", *FAST]) == ExitCode.PASS
    _assert_ascii_code(raw.getvalue().decode("cp1252"))


def test_a_utf8_terminal_keeps_the_compact_blocks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", *FAST]) == ExitCode.PASS
    code = _qr_lines(capsys.readouterr().out)
    assert set("".join(code)) <= set("█▀▄ ") and "█" in "".join(code)
