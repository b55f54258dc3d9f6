"""``kiosk secrets``: set-key, set-pin and status, with and without a keyring."""

from __future__ import annotations

import io
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.core import secret_files, secret_stores, secrets
from kiosk.ui.operator_access import keyring_pin_guard
from tests.support.memory_keyring import MemoryKeyring, keyring_backend, no_keyring

PIN = "246810"
KEY = "the-key-0123456789"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with keyring_backend(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def without_keyring() -> Iterator[None]:
    with no_keyring():
        yield


@pytest.fixture
def as_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the command as an ordinary user (the tests run as root here)."""
    monkeypatch.setattr(os, "geteuid", lambda: 1000)


@pytest.fixture
def system_dir() -> Path:
    folder = secret_stores.system_dir()
    assert folder is not None
    return folder


def kiosk_secrets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str, typed: str
) -> tuple[int, str, str]:
    """``kiosk secrets ARGS`` with ``typed`` on standard input; (exit code, stdout, stderr)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(typed + "\n"))
    code = cli.main(["secrets", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("without_keyring")
def test_set_pin_works_without_a_keyring_and_the_panel_accepts_it(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    system_dir: Path,
    tmp_path: Path,
) -> None:
    # As root (a service's administrator, `sudo kiosk secrets set-pin`): the system folder.
    code, out, err = kiosk_secrets(monkeypatch, capsys, "set-pin", typed=PIN)
    assert code == 0, err
    path = system_dir / "operator-pin"
    assert out.startswith(f"stored the operator PIN's hash in {path} (")
    assert PIN not in out + err + path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    # The operator panel's guard reads it, and keeps its lockout in the data folder.
    state = tmp_path / "data" / "pin-state.json"
    guard = keyring_pin_guard(state)()
    assert isinstance(guard, secrets.PinGuard)
    assert not guard.check("000000")
    assert state.exists()
    assert guard.check(PIN)


@pytest.mark.usefixtures("without_keyring", "as_user")
def test_an_ordinary_user_without_a_keyring_is_sent_to_sudo(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*_: object, **__: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(secret_files, "write_secret", refuse)
    code, _, err = kiosk_secrets(monkeypatch, capsys, "set-pin", typed=PIN)
    assert code == 1
    assert "only root may. Run: sudo kiosk secrets set-pin --store system" in err
    code, _, err = kiosk_secrets(monkeypatch, capsys, "set-pin", "--store", "keyring", typed=PIN)
    assert code == 1
    assert "No OS keyring is available to hold the operator PIN" in err
    assert "APP-KEY" not in err  # the PIN's own message, not the key's


@pytest.mark.usefixtures("as_user")
def test_an_ordinary_user_with_a_keyring_stores_in_it(
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    system_dir: Path,
) -> None:
    code, out, err = kiosk_secrets(monkeypatch, capsys, "set-key", "--app-id", "app-1", typed=KEY)
    assert code == 0, err
    assert "stored the APP-KEY for app-1 in the OS keyring (" in out
    assert memory_keyring.items[(secrets.SERVICE, "app-key:app-1")] == KEY
    assert not system_dir.exists()
    assert KEY not in out + err


def test_root_stores_in_the_system_folder_even_with_a_keyring(
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    system_dir: Path,
) -> None:
    # root's own keyring is not the kiosk's: an administrator means the service's secrets.
    code, out, err = kiosk_secrets(monkeypatch, capsys, "set-key", typed=KEY)
    assert code == 0, err
    assert (system_dir / "app-key").read_text() == KEY + "\n"
    assert memory_keyring.items == {}
    code, out, err = kiosk_secrets(monkeypatch, capsys, "set-pin", "--store", "keyring", typed=PIN)
    assert code == 0, err
    assert "in the OS keyring" in out
    assert (secrets.SERVICE, secrets.PIN_ENTRY) in memory_keyring.items


@pytest.mark.parametrize(
    ("args", "typed", "message"),
    [
        (["set-key", "--store", "keyring"], KEY, "set-key needs --app-id for the keyring"),
        (["set-key"], "", "the key is empty"),
        (["set-key"], "clé-accentuée", "printable ASCII"),
        # A pasted file, not a key: stored, it would replace the good key with one the
        # kiosk refuses to read (a secret file is at most 64 KiB).
        (["set-key"], "k" * (secret_files.MAX_BYTES + 1), "longer than 4096 characters"),
        # The settings refuse such an APP-ID: a key stored under it would never be found.
        (["set-key", "--app-id", "app-1 "], KEY, "the APP-ID must be printable ASCII"),
        (["set-key", "--app-id", "app\n1", "--store", "keyring"], KEY, "printable ASCII"),
        (["set-pin"], "12345", "at least 6 digits"),
        (["set-pin"], "１２３４５６", "at least 6 digits"),  # full-width digits: isdigit() is True
    ],
)
def test_usage_errors_store_nothing(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    system_dir: Path,
    args: list[str],
    typed: str,
    message: str,
) -> None:
    code, _, err = kiosk_secrets(monkeypatch, capsys, *args, typed=typed)
    assert code == 2
    assert message in err
    assert not system_dir.exists()


@pytest.mark.usefixtures("without_keyring")
def test_storing_where_an_earlier_store_wins_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_APP_KEY", "key-from-the-environment")
    code, out, _ = kiosk_secrets(monkeypatch, capsys, "set-key", typed=KEY)
    assert code == 0
    assert "note: environment comes first in the lookup and holds the APP-KEY too" in out


@pytest.mark.usefixtures("without_keyring")
def test_status_shows_where_each_secret_comes_from_without_values(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    system_dir: Path,
    tmp_path: Path,
) -> None:
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "app-key").write_text(KEY)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(credentials))
    assert kiosk_secrets(monkeypatch, capsys, "set-pin", typed=PIN)[0] == 0
    code, out, _ = kiosk_secrets(monkeypatch, capsys, "status", "--app-id", "app-1", typed="")
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == [
        "APP-KEY for app-1: systemd-credentials",
        "operator PIN: system",
        "stores, in lookup order:",
    ]
    assert [line.split()[0] for line in lines[3:]] == list(secret_stores.ORDER)
    assert f"{system_dir}: holds operator-pin" in out
    assert KEY not in out and "scrypt" not in out
    # status quietens the stores' log while it runs, and only then.
    assert logging.getLogger(secret_stores.__name__).level == logging.NOTSET
