"""kiosk self-test's checks of this machine's files (settings, journal, disk), the display and
fonts verdicts, and the line format. No sockets or processes here: tests/e2e/test_selftest_*.py
run Qt's probe, the sandbox and the command."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from kiosk.core import secret_stores
from kiosk.core.journal import Journal
from kiosk.core.journal_schema import SCHEMA_VERSION
from kiosk.core.secrets import hash_pin
from kiosk.core.settings import DEFAULTS
from kiosk.selftest import display, local
from kiosk.selftest.report import Result, Status, fail, ok, passed, skip, warn
from kiosk.selftest.secrets_check import check_secrets
from tests.support.memory_keyring import MemoryKeyring, keyring_backend, no_keyring

# The line format.


def test_lines_read_ok_warn_fail_with_the_fix_after_an_arrow() -> None:
    assert ok("disk", "2.0 GB free").line() == "OK   disk: 2.0 GB free"
    assert warn("disk", "500 MB free", "free some").line() == "WARN disk: 500 MB free -> free some"
    assert fail("clock", "2 h off", "set it").line() == "FAIL clock: 2 h off -> set it"
    assert skip("clock", "not checked").line() == "SKIP clock: not checked"
    assert passed([ok("a", ""), warn("b", "", ""), skip("c", "")])
    assert not passed([ok("a", ""), fail("b", "", "")])


def test_a_line_cannot_carry_control_characters() -> None:
    line = fail("journal", "/tmp/x\n\x1b[2Jy", "fix\x07").line()
    assert "\n" not in line and "\x1b" not in line and "\x07" not in line


# Settings.


def test_no_settings_file_is_fine_and_the_defaults_apply(tmp_path: Path) -> None:
    result, settings = local.check_settings(tmp_path / "settings.toml", {})
    assert result.status is Status.OK
    assert "the defaults apply" in result.detail
    assert settings == DEFAULTS


def test_settings_from_the_environment_are_named(tmp_path: Path) -> None:
    # A service's unit sets KIOSK_BACKEND: "the defaults apply" sent the technician to the
    # wrong place when the kiosk talked to another server.
    environ = {"KIOSK_BACKEND": "https://api.example.test", "KIOSK_APP_ID": "app-1"}
    result, settings = local.check_settings(tmp_path / "settings.toml", environ)
    assert result.status is Status.OK
    assert settings.base_url == "https://api.example.test"
    assert "backend: https://api.example.test" in result.detail
    assert "set by the environment: KIOSK_BACKEND, KIOSK_APP_ID" in result.detail
    assert "the defaults apply otherwise" in result.detail


def test_a_good_settings_file_passes(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('backend = "https://api.example.test"\napp_id = "app-1"\n')
    result, settings = local.check_settings(path, {})
    assert result.status is Status.OK
    assert "https://api.example.test" in result.detail
    assert settings.app_id == "app-1"


def test_a_settings_value_out_of_range_fails_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('# the kiosk\nbackend = "sandbox"\n\nttl_sec = 5\n')
    result, settings = local.check_settings(path, {})
    assert result.status is Status.FAIL
    assert f"{path}, line 4:" in result.detail
    assert "'ttl_sec' must be a whole number from 10 to 86400" in result.detail
    assert "kiosk settings check" in result.fix
    assert settings == DEFAULTS  # the other checks go on with what the kiosk would use


def test_broken_toml_fails_naming_its_line_and_the_last_good_copy_is_used(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.toml"
    (tmp_path / "settings.last-good.toml").write_text('language = "ar"\n')
    path.write_text('language = "en"\nttl_sec = = 3\n')
    result, settings = local.check_settings(path, {})
    assert result.status is Status.FAIL
    assert "not valid TOML" in result.detail
    assert "line 2" in result.detail
    assert "the last good copy" in result.detail
    assert settings.language == "ar"


def test_a_wrong_environment_variable_fails_naming_it(tmp_path: Path) -> None:
    result, _ = local.check_settings(tmp_path / "settings.toml", {"KIOSK_TTL_SEC": "abc"})
    assert result.status is Status.FAIL
    assert "KIOSK_TTL_SEC" in result.detail
    assert "unset that variable" in result.fix


# Journal.


def test_a_missing_journal_in_a_writable_folder_passes(tmp_path: Path) -> None:
    result = local.check_journal(tmp_path / "data" / "journal.sqlite3")
    assert result.status is Status.OK
    assert "the kiosk creates it" in result.detail
    assert not (tmp_path / "data").exists()  # the self-test created nothing


def test_the_journal_reports_its_sessions_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path):
        pass
    result = local.check_journal(path)
    assert result.status is Status.OK
    assert f"0 sessions, schema version {SCHEMA_VERSION} (current)" in result.detail
    assert list(tmp_path.glob(".kiosk-self-test-*")) == []


def test_an_unversioned_journal_is_reported_as_upgraded_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, session_id TEXT)")
    db.close()
    result = local.check_journal(path)
    assert result.status is Status.OK
    assert f"schema version 0, upgraded to {SCHEMA_VERSION} at the kiosk's next start" in (
        result.detail
    )


def test_a_journal_from_a_newer_kiosk_fails(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path):
        pass
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    result = local.check_journal(path)
    assert result.status is Status.FAIL
    assert f"schema version {SCHEMA_VERSION + 1}" in result.detail
    assert "move the file aside" in result.fix


def test_a_damaged_journal_fails_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"this is not a database, it is a text file " * 100)
    result = local.check_journal(path)
    assert result.status is Status.FAIL
    assert "damaged" in result.detail
    assert result.fix.startswith("Move the file aside")


def test_a_journal_folder_that_is_a_file_fails(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    result = local.check_journal(tmp_path / "data" / "journal.sqlite3")
    assert result.status is Status.FAIL
    assert "is not a folder" in result.detail
    assert "--journal" in result.fix


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions that bind"
)
def test_an_unwritable_journal_folder_fails(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = local.check_journal(folder / "journal.sqlite3")
    finally:
        folder.chmod(0o700)
    assert result.status is Status.FAIL
    assert f"cannot write in {folder}" in result.detail


def test_an_unwritable_journal_folder_fails_whoever_runs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root (CI) permission bits do not bind: the folder refuses through the call itself."""

    def refused(**kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refused)
    result = local.check_journal(tmp_path / "journal.sqlite3")
    assert result.status is Status.FAIL
    assert f"cannot write in {tmp_path} (Permission denied)" in result.detail


# Disk.


class Usage(NamedTuple):
    total: int
    used: int
    free: int


@pytest.mark.parametrize(
    ("free", "status"),
    [(50_000_000, Status.FAIL), (500_000_000, Status.WARN), (5_000_000_000, Status.OK)],
)
def test_free_disk_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, free: int, status: Status
) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage(10**12, 10**12 - free, free))
    result = local.check_disk([("journal", tmp_path / "data"), ("logs", tmp_path / "logs")])
    assert result.status is status
    assert "for the journal and logs" in result.detail
    if status is Status.FAIL:
        assert "50 MB free" in result.detail
        assert "at least 100 MB" in result.fix


# Display and fonts (Qt runs in a child process).


def test_fonts_missing_a_script_fail_and_an_unknown_language_is_advice() -> None:
    report = {
        "fonts": {
            "families": ["Noto Sans", "Noto Sans Arabic UI"],
            "failed": [],
            "covered": {
                "Latin": {"shipped": True, "system": []},
                "Arabic": {"shipped": True, "system": []},
                "Ethiopic": {"shipped": False, "system": []},
                "Hebrew": {"shipped": False, "system": ["DejaVu Sans"]},
            },
        }
    }
    ethiopic = display._fonts_result(report, "am", "Ethiopic")
    assert ethiopic.status is Status.FAIL
    assert "install a font with Ethiopic letters" in ethiopic.fix
    hebrew = display._fonts_result(report, "he", "Hebrew")
    assert hebrew.status is Status.OK
    assert "from the system's DejaVu Sans" in hebrew.detail
    unknown = display._fonts_result(report, "xx", None)
    assert unknown.status is Status.WARN
    broken = display._fonts_result(
        {"fonts": {**report["fonts"], "failed": ["NotoSansArabicUI-Bold.ttf"]}}, "en", "Latin"
    )
    assert broken.status is Status.FAIL
    assert "reinstall" in broken.fix


@pytest.mark.parametrize(
    ("screen", "status"), [((1920, 1080), Status.OK), ((800, 1280), Status.OK),
                           ((640, 480), Status.WARN)],
)  # fmt: skip
def test_small_screens_are_advice(screen: tuple[int, int], status: Status) -> None:
    report = {"platform": "xcb", "screens": [{"width": screen[0], "height": screen[1]}]}
    result = display._display_result(report, "", {})
    assert result.status is status
    assert f"screen {screen[0]}x{screen[1]}" in result.detail


def test_the_probe_runs_the_bundle_itself_when_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    assert display.probe_command(["Latin"])[1:3] == ["-m", "kiosk"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/verification-kiosk/kiosk")
    assert display.probe_command(["Latin", "Arabic"]) == [
        "/opt/verification-kiosk/kiosk", "self-test", "--display-probe", "Latin,Arabic",
    ]  # fmt: skip


# Secrets: the store in use, never a value.


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with keyring_backend(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


CLOUD = replace(DEFAULTS, backend="https://api.example.test", app_id="app-1")
KEY = "sk-selftest-secret-9a8b7c6d"


def test_the_sandbox_needs_no_key_and_a_missing_pin_is_advice(
    memory_keyring: MemoryKeyring,
) -> None:
    result, credentials = check_secrets(DEFAULTS, "KIOSK_APP_KEY")
    assert credentials is None
    assert result.status is Status.WARN
    assert "the embedded sandbox needs no APP-KEY; no operator PIN set" in result.detail
    assert "kiosk secrets set-pin" in result.fix

    memory_keyring.items[("verification-kiosk", "operator-pin")] = hash_pin("123456")
    result, _ = check_secrets(DEFAULTS, "KIOSK_APP_KEY")
    assert result.status is Status.OK
    assert "operator PIN from keyring (" in result.detail


def test_a_configured_backend_without_a_key_fails_naming_every_store(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KIOSK_APP_KEY", raising=False)
    with no_keyring():
        result, credentials = check_secrets(CLOUD, "KIOSK_APP_KEY")
    assert credentials is None
    assert result.status is Status.FAIL
    assert "no APP-KEY for app-1 in any store" in result.detail
    for store in ("environment", "systemd-credentials", "keyring", "system"):
        assert f"{store}: " in result.detail
    assert "sudo kiosk secrets set-key --store system --app-id app-1" in result.fix


@pytest.mark.parametrize("store", ["environment", "systemd-credentials", "keyring", "system"])
def test_the_store_the_key_comes_from_is_named_and_the_key_never_shown(
    store: str,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KIOSK_APP_KEY", raising=False)
    if store == "environment":
        monkeypatch.setenv("KIOSK_APP_KEY", KEY)
    elif store == "keyring":
        memory_keyring.items[("verification-kiosk", "app-key:app-1")] = KEY
    else:
        folder = tmp_path / "credentials" if store == "systemd-credentials" else None
        folder = folder or secret_stores.system_dir()
        assert folder is not None
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "app-key").write_text(KEY + "\n")
        os.chmod(folder / "app-key", 0o600)
        if store == "systemd-credentials":
            monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(folder))
    result, credentials = check_secrets(CLOUD, "KIOSK_APP_KEY")
    assert credentials is not None
    assert credentials.app_key == KEY
    assert f"the APP-KEY for app-1 from {store} (" in result.detail
    assert KEY not in result.line()
    assert KEY not in json.dumps(result.as_dict())


def test_a_configured_backend_without_an_app_id_fails() -> None:
    result, _ = check_secrets(replace(CLOUD, app_id=""), "KIOSK_APP_KEY")
    assert result.status is Status.FAIL
    assert "set app_id in the settings" in result.fix


def test_a_display_qt_would_abort_on_is_one_line_with_its_fix() -> None:
    dead = display._no_display(
        "no display: no X server answers at DISPLAY=:9 (there is no /tmp/.X11-unix/X9). "
        "Start the kiosk in the desktop session."
    )
    assert dead.line() == (
        "FAIL display: no display: no X server answers at DISPLAY=:9 (there is no "
        "/tmp/.X11-unix/X9) -> Start the kiosk in the desktop session"
    )
    libraries = display._no_display(
        "Qt's X11 plugin needs libraries that are not installed: libxcb-icccm.so.4 "
        "(Debian/Ubuntu: apt-get install libxcb-icccm4)."
    )
    assert libraries.line() == (
        "FAIL display: Qt's X11 plugin needs libraries that are not installed: "
        "libxcb-icccm.so.4 -> Debian/Ubuntu: apt-get install libxcb-icccm4"
    )


def test_a_sandbox_address_phones_cannot_use_is_a_warning_not_ok() -> None:
    # The kiosk quietly falls back to its guess for a missing interface, and sends phones to a
    # chosen address this machine does not have: the self-test said OK to both.
    from kiosk.sandbox.lan import Interface
    from kiosk.selftest.sandbox_check import _phones_result

    here = [Interface("lo", "127.0.0.1"), Interface("eth0", "192.168.1.20")]
    local = "http://127.0.0.1:8765"

    def line(public: str, choice: str) -> Result:
        return _phones_result(local, [local, public], True, choice, lambda: here)

    for choice in ("", "eth0", "ETH0", "192.168.1.20"):
        assert line("http://192.168.1.20:8765", choice).status is Status.OK, choice
    missing = line("http://192.168.1.20:8765", "wlan9")
    assert missing.status is Status.WARN
    assert "sandbox_address 'wlan9' names no interface" in missing.detail
    assert "eth0 192.168.1.20" in missing.fix and "lo " not in missing.fix
    foreign = line("http://8.8.8.8:8765", "8.8.8.8")
    assert foreign.status is Status.WARN
    assert "8.8.8.8 is not an address of this machine" in foreign.detail
    loopback = line("http://127.0.0.1:8765", "127.0.0.1")
    assert loopback.status is Status.WARN and "loopback" in loopback.detail
