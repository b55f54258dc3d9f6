"""Point 18: every command-line option is checked at start by the settings' own rules: one
line naming the option and the valid values, exit code 2, no traceback, no window."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import build_parser, main
from kiosk.config import KioskConfig, from_arguments
from kiosk.core.settings import Settings


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    for name in ("KIOSK_TTL_SEC", "KIOSK_SCOPES", "KIOSK_MIN_SIMILARITY", "KIOSK_BACKEND"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--port", "99999", "from 0 (any) to 65535"),
        ("--port", "http", "from 0 (any) to 65535"),
        ("--min-similarity", "5", "a number from 0 to 1"),
        ("--min-similarity", "nan", "a number from 0 to 1"),
        ("--scopes", "foo", "a list of liveness, deepfake, search, enroll"),
        ("--ttl", "-5", "a whole number from 10 to 86400"),
        ("--ttl", "1e400", "a whole number from 10 to 86400"),
        ("--poll-interval", "0", "a number from 0.2 to 30"),
        ("--walk-away", "-1", "a number from 10 to 3600"),
        ("--result-seconds", "inf", "a number from 3 to 600"),
        ("--base-url", "ftp://example.test", '"sandbox", "cloud" or an http(s) URL'),
        ("--step-seconds", "-2", "a number from 0.01 to 3600"),
    ],
)
def test_a_wrong_option_stops_the_kiosk_with_one_line(
    capsys: pytest.CaptureFixture[str], option: str, value: str, expected: str
) -> None:
    code = main(["--windowed", "--local", option, value])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"error: option {option}: ") and expected in err


def test_options_get_the_same_rule_as_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    args = build_parser().parse_args(["run", "--ttl", "600", "--scopes", "liveness, search"])
    filled = from_arguments(args, Settings())
    assert (filled.settings.ttl_sec, filled.settings.scopes, filled.port) == (
        600,
        ("liveness", "search"),
        8765,
    )
    # The option wins over the file and the environment, as before.
    monkeypatch.setenv("KIOSK_TTL_SEC", "900")
    from kiosk.core.settings import load

    again = from_arguments(args, load(None))
    assert again.settings.ttl_sec == 600


def test_options_left_out_come_from_the_settings() -> None:
    args = build_parser().parse_args(["run"])
    filled = from_arguments(args, Settings(ttl_sec=1200, min_similarity=0.8))
    assert (filled.settings.ttl_sec, filled.settings.min_similarity) == (1200, 0.8)
    assert isinstance(filled, KioskConfig)
