"""Review: a hand-off URL's password must not reach the log (kiosk.core.handoff logs a URL as
scheme, host and port only, for this reason)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.desk.preferences import PreferencesDialog


def test_a_wrong_handoff_url_with_a_password_is_not_logged_whole(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = tmp_path / "settings.toml"
    # A port typo in an otherwise real receiver URL that carries its credentials.
    settings.write_text(
        'handoff_url = "https://desk:S3CRET-PASS@bank.example:99999/hook?key=K3Y"\n',
        encoding="utf-8",
    )
    caplog.set_level(logging.DEBUG)
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "S3CRET-PASS" not in logged and "K3Y" not in logged, logged


SECRETS = ("S3CRET-PASS", "K3Y", "FR4G")
WRONG = "https://desk:S3CRET-PASS@bank.example:99999/hook?key=K3Y#FR4G"


def _clean(text: str) -> bool:
    return not any(secret in text for secret in SECRETS)


@pytest.mark.parametrize("key", ["backend", "callback_url", "return_url", "handoff_url"])
def test_a_wrong_url_settings_message_keeps_only_scheme_host_port_and_path(key: str) -> None:
    from kiosk.core.settings import SettingsError, load, parse

    with pytest.raises(SettingsError) as raised:
        parse({key: WRONG}, "settings.toml")
    message = str(raised.value)
    assert _clean(message), message
    assert "'https://bank.example:99999/hook'" in message  # still says which URL is wrong
    assert raised.value.__cause__ is None  # urllib's own exception quotes a part of the URL
    with pytest.raises(SettingsError) as raised:
        load(None, environ={f"KIOSK_{key.upper()}": WRONG})
    assert _clean(str(raised.value)) and "environment variable" in str(raised.value)


def test_trusted_origins_entries_and_text_keep_no_secret() -> None:
    from kiosk.core.settings import SettingsError, load, parse

    with pytest.raises(SettingsError) as raised:
        parse({"trusted_origins": ["https://ok.example", WRONG]}, "settings.toml")
    assert _clean(str(raised.value)), str(raised.value)
    assert "https://bank.example:99999/hook" in str(raised.value)
    environ = {"KIOSK_TRUSTED_ORIGINS": f"https://ok.example,{WRONG}"}
    with pytest.raises(SettingsError) as raised:
        load(None, environ=environ)
    assert _clean(str(raised.value)), str(raised.value)


@pytest.mark.parametrize(
    "wrong",
    [
        "http://desk:S3CRET-PASS@[::1/hook",  # cannot be taken apart
        "https:/desk:S3CRET-PASS@bank.example/hook",  # one slash: no host part
        "https://desk:S3CRET-PASS/hook",  # the "@" forgotten: the password reads as a port
        "bank.example/hook?key=K3Y",  # no scheme
    ],
)
def test_a_url_that_cannot_be_read_is_not_quoted(wrong: str) -> None:
    from kiosk.core.settings import SettingsError, parse

    with pytest.raises(SettingsError) as raised:
        parse({"handoff_url": wrong}, "settings.toml")
    assert _clean(str(raised.value)), str(raised.value)


def test_an_option_with_a_secret_is_not_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main

    for name in [n for n in os.environ if n.startswith("KIOSK_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    assert main(["run", "--settings", str(tmp_path / "none.toml"), "--base-url", WRONG]) == 2
    err = capsys.readouterr().err
    assert "option --base-url: 'backend' must be" in err and _clean(err), err


def test_kiosk_settings_check_and_the_start_keep_the_secret_out(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from kiosk.cli import main
    from kiosk.config import last_good, load_settings

    for name in [n for n in os.environ if n.startswith("KIOSK_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    settings = tmp_path / "settings.toml"
    settings.write_text(f'handoff_url = "{WRONG}"\n', encoding="utf-8")
    assert main(["settings", "check", "--settings", str(settings)]) == 2
    err = capsys.readouterr().err
    assert "'handoff_url' must be" in err and _clean(err), err
    # At start, a broken file falls back to the last good copy, with the message logged.
    last_good(settings).write_text("ttl_sec = 400\n", encoding="utf-8")
    caplog.set_level(logging.DEBUG)
    assert load_settings(settings).ttl_sec == 400
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "'handoff_url' must be" in logged and _clean(logged), logged
