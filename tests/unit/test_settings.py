"""Settings: defaults, the file, environment overrides, and a clear message for every mistake."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.core.settings import SPECS, Settings, SettingsError, documented_file, load


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_documented_defaults(tmp_path: Path) -> None:
    settings = load(tmp_path / "missing.toml", environ={})
    assert settings == Settings()
    assert settings.base_url is None  # the embedded sandbox
    assert settings.scopes == ("liveness", "deepfake", "search")


def test_file_values_are_read_and_typed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'backend = "cloud"\napp_id = "app-7"\nscopes = ["liveness", "search"]\nttl_sec = 600\n'
        'min_similarity = 0.8\nkiosk_mode = false\n[metadata]\nkiosk = "front-1"\n',
    )
    settings = load(path, environ={})
    assert settings.base_url == "https://cloud.ooto-ai.com"
    assert (settings.app_id, settings.scopes, settings.ttl_sec) == (
        "app-7",
        ("liveness", "search"),
        600,
    )
    assert settings.min_similarity == 0.8 and settings.kiosk_mode is False
    assert settings.metadata == {"kiosk": "front-1"}


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "ttl_sec = 600\n")
    env = {
        "KIOSK_TTL_SECONDS": "ignored: not a setting name",
        "KIOSK_TTL_SEC": "900",
        "KIOSK_SCOPES": "enroll,search",
        "KIOSK_KIOSK_MODE": "false",
        "KIOSK_METADATA": '{"branch": "north"}',
        "KIOSK_BACKEND": "https://verify.example.com/",
    }
    settings = load(path, environ=env)
    assert settings.ttl_sec == 900
    assert settings.scopes == ("enroll", "search")
    assert settings.kiosk_mode is False
    assert settings.metadata == {"branch": "north"}
    assert settings.base_url == "https://verify.example.com"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ttl_sec = 5\n", "'ttl_sec' must be a whole number from 10 to 86400, not 5"),
        ('ttl_sec = "long"\n', "'ttl_sec' must be a whole number"),
        ('scopes = ["face"]\n', "'scopes' must be a list of liveness"),
        ('scopes = ["search", "search"]\n', "each once"),
        ("min_similarity = 1.5\n", "from 0 to 1"),
        ('kiosk_mode = "maybe"\n', "'kiosk_mode' must be true or false"),
        ('backend = "ftp://x"\n', '\'backend\' must be "sandbox", "cloud" or an http(s) URL'),
        (
            'callback_url = "example.com"\n',
            "'callback_url' must be an http(s) URL (at most 2048 characters) or empty",
        ),
        ("metadata = 3\n", "'metadata' must be a table"),
        ("tll_sec = 60\n", "unknown setting 'tll_sec'. Remove it, or check the spelling"),
        ("ttl_sec = \n", "not valid TOML"),
    ],
)
def test_each_mistake_names_the_file_the_key_and_the_fix(
    tmp_path: Path, text: str, words: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load(path, environ={})
    message = str(caught.value)
    assert message.startswith(str(path))
    assert words in message


def test_a_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="environment variable KIOSK_POLL_INTERVAL"):
        load(None, environ={"KIOSK_POLL_INTERVAL": "fast"})


def test_the_documented_file_round_trips_and_documents_every_key(tmp_path: Path) -> None:
    custom = Settings(app_id="a-1", scopes=("enroll",), metadata={"kiosk": "k"}, hide_cursor=True)
    text = documented_file(custom)
    for key, spec in SPECS.items():
        assert f"# {spec.doc}." in text, key
    path = write(tmp_path, text)
    assert load(path, environ={}) == custom
    assert tomllib.loads(text)["metadata"] == {"kiosk": "k"}
