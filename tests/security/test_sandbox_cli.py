"""Issue 9, point 18 (the sandbox's part): every command-line option is checked at start, with a
one-line message and exit code 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.sandbox.cli import main


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--port", "99999"], "--port"),
        (["--port", "-1"], "--port"),
        (["--port", "http"], "--port"),
        (["--host", "not a host"], "--host"),
        (["--step-seconds", "0"], "--step-seconds"),
        (["--step-seconds", "nan"], "--step-seconds"),
        (["--step-seconds", "inf"], "--step-seconds"),
        (["--public-url", "ftp://x"], "--public-url"),
        (["--public-url", "http://u:p@host"], "--public-url"),
        (["--max-sessions", "0"], "--max-sessions"),
        (["--max-connections", "1"], "--max-connections"),
        (["--header-timeout", "-1"], "--header-timeout"),
        (["--body-timeout", "1e9"], "--body-timeout"),
        (["--app-key", ""], "--app-key"),
        (["--app-id", "a\x1b[2Jb"], "--app-id"),
        (["--fault", "kind=nope"], "--fault"),
    ],
)
def test_bad_values_exit_2_with_the_option_named(
    args: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {named}" in err
    assert "Traceback" not in err


def test_the_reported_case_as_a_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.sandbox", "--port", "99999"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "--port: 99999 is not a port" in done.stderr
