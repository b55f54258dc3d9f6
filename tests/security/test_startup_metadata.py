"""Point 17: metadata is checked as the server checks it, before the kiosk starts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.settings import MAX_METADATA_DEPTH, SettingsError, load


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["settings", "check", *args])
    return code, capsys.readouterr().err


def _nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def test_metadata_nested_2000_deep_in_the_file_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("metadata = " + "{a = " * 2000 + "1" + "}" * 2000 + "\n")
    code, err = _check(capsys, "--settings", str(path))
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err and "nested too deeply" in err


@pytest.mark.parametrize(
    "value",
    [
        '{"a": NaN}',
        '{"a": Infinity}',
        '{"a": [1, -Infinity]}',
        _nested(2000),
        _nested(MAX_METADATA_DEPTH + 1),
        json.dumps({"a": "x" * 16 * 1024}),
        "[1, 2]",
        "not json",
    ],
    ids=["nan", "inf", "neg-inf", "2000-deep", "33-deep", "17-KiB", "array", "text"],
)
def test_bad_metadata_in_the_environment_is_refused_at_check(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    value: str,
) -> None:
    monkeypatch.setenv("KIOSK_METADATA", value)
    code, err = _check(capsys, "--settings", str(tmp_path / "absent.toml"))
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "KIOSK_METADATA" in err and "finite numbers" in err
    assert len(err) < 600  # a huge value is not echoed whole


@pytest.mark.parametrize(
    "toml",
    ["metadata = {a = nan}", "metadata = {a = inf}", "metadata = {when = 2026-01-01}"],
    ids=["nan", "inf", "date"],
)
def test_toml_values_json_cannot_carry_are_refused(tmp_path: Path, toml: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(toml + "\n")
    with pytest.raises(SettingsError, match="'metadata' must be"):
        load(path, environ={})


def test_good_metadata_still_passes(tmp_path: Path) -> None:
    deep = json.loads(_nested(MAX_METADATA_DEPTH - 1))
    value = json.dumps({"branch": "B-12", "floor": 2, "ratio": 0.5, "deep": deep, "x": None})
    settings = load(None, environ={"KIOSK_METADATA": value})
    assert settings.metadata["branch"] == "B-12"
