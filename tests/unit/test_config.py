"""One declaration per setting: the command line, the file template and the environment come
from it, and the sources override each other in order (default < file < env < command line)."""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.config import from_arguments, load_settings
from kiosk.core.rules import split_names
from kiosk.core.scenarios import DEMO_ROTATION, SCENARIOS, demo_scenarios
from kiosk.core.settings import (
    DEFAULTS,
    SPECS,
    Settings,
    SettingsError,
    documented_file,
    env_name,
    load,
)
from kiosk.sandbox.store import Scenario


def run_args(*argv: str) -> argparse.Namespace:
    return build_parser("run").parse_args(["run", *argv])


def command(name: str) -> argparse.ArgumentParser:
    """The parser of one command (``kiosk NAME``)."""
    parser = build_parser(name)
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return actions[0].choices[name]  # type: ignore[no-any-return]


def configured(tmp_path: Path, file_text: str | None, env: dict[str, str], *argv: str) -> Settings:
    path = tmp_path / "settings.toml"
    if file_text is not None:
        path.write_text(file_text, encoding="utf-8")
    settings = load(path, environ=env)
    return from_arguments(run_args("--settings", str(path), *argv), settings).settings


@pytest.mark.parametrize(
    ("key", "file_value", "env_value", "flag", "option_value", "expected"),
    [
        ("ttl_sec", "600", "900", "--ttl", "1200", (300, 600, 900, 1200)),
        (
            "scopes",
            '["enroll"]',
            "search",
            "--scopes",
            "liveness,deepfake",
            (DEFAULTS.scopes, ("enroll",), ("search",), ("liveness", "deepfake")),
        ),
        ("min_similarity", "0.5", "0.6", "--min-similarity", "0.9", (0.75, 0.5, 0.6, 0.9)),
        ("kiosk_mode", "true", "true", "--windowed", None, (True, True, True, False)),
    ],
)
def test_each_source_overrides_the_one_before(
    tmp_path: Path,
    key: str,
    file_value: str,
    env_value: str,
    flag: str,
    option_value: str | None,
    expected: tuple[object, object, object, object],
) -> None:
    line = f"{key} = {file_value}\n"
    env = {env_name(key): env_value}
    option = [flag] if option_value is None else [flag, option_value]
    assert getattr(configured(tmp_path, None, {}), key) == expected[0]
    assert getattr(configured(tmp_path, line, {}), key) == expected[1]
    assert getattr(configured(tmp_path, line, env), key) == expected[2]
    assert getattr(configured(tmp_path, line, env, *option), key) == expected[3]


def test_every_option_of_a_setting_comes_from_its_declaration() -> None:
    by_dest = {action.dest: action for action in command("run")._actions}
    flagged = {key: spec for key, spec in SPECS.items() if spec.flag}
    assert {"backend", "ttl_sec", "walk_away_seconds", "kiosk_mode"} <= set(flagged)
    for key, spec in flagged.items():
        assert spec.flag in by_dest[key].option_strings, key
        assert env_name(key) in (by_dest[key].help or ""), key


def test_the_file_template_documents_every_setting_with_its_sources() -> None:
    text = documented_file()
    assert tomllib.loads(text).keys() == SPECS.keys()
    for key, spec in SPECS.items():
        assert f"# {spec.doc}. Expected: {spec.expect}." in text, key
        assert env_name(key) in text, key
        if spec.flag:
            assert spec.flag in text, key


def test_a_wrong_option_gets_its_settings_message(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"option --walk-away: 'walk_away_seconds' must be"):
        from_arguments(run_args("--walk-away", "5"), DEFAULTS)


def test_a_broken_file_falls_back_to_its_last_good_copy(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("ttl_sec = 600\n")
    assert load_settings(path).ttl_sec == 600  # and kept as the last good copy
    path.write_text("ttl_sec = [\n")
    assert load_settings(path).ttl_sec == 600
    (tmp_path / "settings.last-good.toml").unlink()
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(path)


def test_the_scenario_names_are_the_sandboxs() -> None:
    assert set(SCENARIOS) == {s.value for s in Scenario}
    assert demo_scenarios("") == DEMO_ROTATION
    assert demo_scenarios(" pass, no_match ,") == ("pass", "no_match")
    with pytest.raises(ValueError, match="unknown --demo scenario nope; use pass"):
        demo_scenarios("pass,nope")


def test_one_reader_of_comma_separated_lists() -> None:
    assert split_names(" liveness, ,search,") == ["liveness", "search"]
    assert split_names(",") == []


def test_the_listen_option_keeps_the_old_spelling_hidden() -> None:
    assert run_args().listen == "lan"
    assert run_args("--local").listen == "local"
    assert run_args("--listen", "local").listen == "local"
    verify = build_parser("verify").parse_args(["verify", "--lan"])
    assert verify.listen == "lan"
    assert "--listen" in command("run").format_help()
    assert "--local" not in command("run").format_help()
    assert "--lan" not in command("verify").format_help()
