"""Where the APP-KEY and the PIN's hash are found: each store, and their order."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core import secret_files, secret_stores, secrets
from kiosk.core.redact import redact
from tests.support.memory_keyring import MemoryKeyring, keyring_backend, no_keyring

KEYS = {
    "environment": "key-from-env-1111",
    "systemd-credentials": "key-from-credentials-2222",
    "keyring": "key-from-keyring-3333",
    "system": "key-from-system-4444",
}


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with keyring_backend(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def system_dir() -> Path:
    """The machine's secrets folder (the tests' own, from tests/conftest.py)."""
    folder = secret_stores.system_dir()
    assert folder is not None and "system-secrets" in str(folder)
    return folder


@pytest.fixture
def credentials_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder as systemd hands a service (LoadCredential=)."""
    folder = tmp_path / "credentials"
    folder.mkdir()
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(folder))
    return folder


def write(folder: Path, name: str, value: str, mode: int = 0o640) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(value + "\n")
    os.chmod(folder / name, mode)


def test_the_app_key_is_looked_up_most_specific_store_first(
    memory_keyring: MemoryKeyring,
    system_dir: Path,
    credentials_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KIOSK_APP_KEY", KEYS["environment"])
    write(credentials_dir, "app-key", KEYS["systemd-credentials"])
    secrets.set_app_key("app-1", KEYS["keyring"])
    write(system_dir, "app-key", KEYS["system"])
    seen = []
    for store in secret_stores.ORDER:
        found = secret_stores.find_app_key("app-1")
        assert found is not None
        seen.append((found.store, found.value))
        assert secret_stores.in_use("app-1").app_key == found.store
        # Take this store's key away: the next store in the order answers.
        if store == "environment":
            monkeypatch.delenv("KIOSK_APP_KEY")
        elif store == "systemd-credentials":
            (credentials_dir / "app-key").unlink()
        elif store == "keyring":
            memory_keyring.items.clear()
        else:
            (system_dir / "app-key").unlink()
    assert seen == list(KEYS.items())
    assert secret_stores.find_app_key("app-1") is None


def test_the_kiosk_reads_the_key_from_a_service_store_with_no_keyring(
    credentials_dir: Path, system_dir: Path
) -> None:
    # The window and `kiosk verify` ask secrets.get_app_key (after the environment).
    with no_keyring():
        write(system_dir, "app-key", KEYS["system"])
        assert secrets.get_app_key("app-1") == KEYS["system"]
        write(credentials_dir, "app-key", KEYS["systemd-credentials"])
        assert secrets.get_app_key("app-1") == KEYS["systemd-credentials"]
    assert redact(f"sent {KEYS['system']}") == "sent ***"  # a key read is masked in logs


def test_the_pin_hash_is_looked_up_in_credentials_keyring_then_system(
    memory_keyring: MemoryKeyring, system_dir: Path, credentials_dir: Path
) -> None:
    hashes = {store: secrets.hash_pin(f"24681{n}") for n, store in enumerate(KEYS)}
    write(system_dir, "operator-pin", hashes["system"])
    assert secrets.stored_pin() == hashes["system"]
    memory_keyring.items[(secrets.SERVICE, secrets.PIN_ENTRY)] = hashes["keyring"]
    assert secrets.stored_pin() == hashes["keyring"]
    write(credentials_dir, "operator-pin", hashes["systemd-credentials"])
    assert secrets.stored_pin() == hashes["systemd-credentials"]
    assert secret_stores.in_use().pin == "systemd-credentials"


def test_no_keyring_and_no_secret_explains_the_options_for_the_key_only(
    system_dir: Path,
) -> None:
    with no_keyring():
        with pytest.raises(secrets.KeyringUnavailable, match="--store system"):
            secret_stores.find_app_key("app-1", key_env=None)
        assert secrets.stored_pin() is None  # no PIN set: the panel says how to set one
        assert secret_stores.in_use("app-1") == (None, None)


def test_a_locked_keyring_is_passed_over_for_the_system_folder(
    memory_keyring: MemoryKeyring, system_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    memory_keyring.broken = True
    with pytest.raises(secrets.KeyringUnavailable, match="could not be read"):
        secrets.stored_pin()
    write(system_dir, "operator-pin", secrets.hash_pin("246810"))
    stored = secrets.stored_pin()
    assert stored is not None and secrets.pin_matches("246810", stored)
    assert "could not be read (KeyringLocked)" in caplog.text


def test_a_secret_file_every_user_can_read_is_refused(system_dir: Path) -> None:
    with no_keyring():
        write(system_dir, "app-key", KEYS["system"], mode=0o644)
        with pytest.raises(secrets.KeyringUnavailable, match="open to every user") as caught:
            secrets.get_app_key("app-1")
        assert KEYS["system"] not in str(caught.value)
        os.chmod(system_dir / "app-key", 0o640)
        assert secrets.get_app_key("app-1") == KEYS["system"]


def test_a_folder_every_user_may_write_is_not_trusted(system_dir: Path) -> None:
    # Anyone could have dropped their own PIN's hash in it.
    with no_keyring():
        write(system_dir, "operator-pin", secrets.hash_pin("246810"))
        os.chmod(system_dir, 0o777)  # noqa: S103 - the unsafe folder under test
        with pytest.raises(secrets.KeyringUnavailable, match="may be written by every user"):
            secrets.stored_pin()
        os.chmod(system_dir, secret_files.FOLDER_MODE)
        assert secrets.stored_pin() is not None


def test_systemds_folder_is_not_judged_by_its_modes(credentials_dir: Path) -> None:
    # systemd makes it private to the service (0400/0440 with ACLs): no mode check applies.
    with no_keyring():
        write(credentials_dir, "operator-pin", "scrypt$x", mode=0o444)
        assert secrets.stored_pin() == "scrypt$x"


def test_a_key_file_with_a_trailing_newline_or_nothing_in_it(system_dir: Path) -> None:
    with no_keyring():
        write(system_dir, "app-key", "  " + KEYS["system"] + "\r\n")
        assert secrets.get_app_key("app-1") == KEYS["system"]
        write(system_dir, "app-key", "")
        with pytest.raises(secrets.KeyringUnavailable, match="No OS keyring"):
            secrets.get_app_key("app-1")  # empty is absent: the options are given


def test_describe_stores_names_each_store_in_order_and_never_a_value(
    memory_keyring: MemoryKeyring,
    system_dir: Path,
    credentials_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KIOSK_APP_KEY", KEYS["environment"])
    write(credentials_dir, "app-key", KEYS["systemd-credentials"])
    secrets.set_app_key("app-1", KEYS["keyring"])
    secrets.set_pin("246810")
    write(system_dir, "operator-pin", secrets.hash_pin("135790"))
    described = secret_stores.describe_stores("app-1")
    assert [s.name for s in described] == list(secret_stores.ORDER)
    assert all(s.available for s in described)
    details = {s.name: s.detail for s in described}
    assert details["environment"] == "$KIOSK_APP_KEY is set: the APP-KEY"
    assert details["systemd-credentials"] == f"{credentials_dir}: holds app-key"
    assert details["keyring"].endswith("holds app-key for app-1 and operator-pin")
    assert details["system"] == f"{system_dir}: holds operator-pin"
    text = repr(described)
    assert not any(key in text for key in KEYS.values())
    assert "scrypt" not in text


def test_describe_stores_says_why_a_store_cannot_be_used(system_dir: Path) -> None:
    with no_keyring():
        described = {s.name: s for s in secret_stores.describe_stores("app-1")}
    assert not any(s.available for s in described.values())
    assert described["environment"].detail == "$KIOSK_APP_KEY is not set"
    assert "CREDENTIALS_DIRECTORY is not set" in described["systemd-credentials"].detail
    assert described["keyring"].detail == "no OS keyring for this user"
    assert described["system"].detail == f"{system_dir} does not exist"


def test_found_keeps_the_value_out_of_its_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_APP_KEY", KEYS["environment"])
    found = secret_stores.find_app_key("app-1")
    assert found is not None and found.value == KEYS["environment"]
    assert KEYS["environment"] not in repr(found)


def test_writing_a_secret_file_is_atomic_private_and_group_readable(tmp_path: Path) -> None:
    folder = tmp_path / "etc" / "secrets"
    group = os.getgid() if os.getuid() != 0 else 65534  # root may give the file any group
    path = secret_files.write_secret(folder, "app-key", "first-key-1234", group=group)
    assert path == folder / "app-key"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_gid == folder.stat().st_gid == group
    secret_files.write_secret(folder, "app-key", "second-key-5678")
    assert path.read_text() == "second-key-5678\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in folder.iterdir()] == ["app-key"]  # no temporary file left


def test_a_folder_open_to_everyone_is_closed_before_a_secret_goes_in(tmp_path: Path) -> None:
    folder = tmp_path / "secrets"
    folder.mkdir()
    os.chmod(folder, 0o777)  # noqa: S103 - the unsafe folder under test
    secret_files.write_secret(folder, "operator-pin", "scrypt$...")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.timeout(10)
def test_a_pipe_in_place_of_a_secret_is_refused_without_waiting(system_dir: Path) -> None:
    # Opening a pipe nobody writes to waits for a writer: the kiosk's start, its self-test and
    # `kiosk secrets status` hung for ever on one.
    system_dir.mkdir(parents=True)
    os.mkfifo(system_dir / "app-key", 0o640)
    with no_keyring():
        with pytest.raises(secrets.KeyringUnavailable, match="not a regular file"):
            secrets.get_app_key("app-1")
        described = {s.name: s for s in secret_stores.describe_stores("app-1")}
    assert "app-key is not a regular file" in described["system"].detail


def test_a_folder_in_place_of_a_secret_is_refused(system_dir: Path) -> None:
    (system_dir / "operator-pin").mkdir(parents=True)
    with no_keyring(), pytest.raises(secrets.KeyringUnavailable, match="is a folder"):
        secrets.stored_pin()


@pytest.mark.parametrize("which", ["file", "folder"])
def test_a_secret_its_group_may_write_is_not_trusted(system_dir: Path, which: str) -> None:
    # Root writes these; a group that may write them could put its own PIN's hash there.
    with no_keyring():
        write(system_dir, "operator-pin", secrets.hash_pin("246810"))
        os.chmod(system_dir, secret_files.FOLDER_MODE)
        target = system_dir / "operator-pin" if which == "file" else system_dir
        os.chmod(target, stat.S_IMODE(target.stat().st_mode) | 0o020)
        with pytest.raises(secrets.KeyringUnavailable, match="may be written by its group"):
            secrets.stored_pin()
        os.chmod(target, stat.S_IMODE(target.stat().st_mode) & ~0o020)
        assert secrets.stored_pin() is not None


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root"
)
def test_a_secret_file_another_user_owns_is_not_trusted(system_dir: Path) -> None:
    with no_keyring():
        write(system_dir, "app-key", KEYS["system"])
        os.chown(system_dir / "app-key", 65534, -1)
        with pytest.raises(secrets.KeyringUnavailable, match="belongs to user id 65534"):
            secrets.get_app_key("app-1")
        os.chown(system_dir / "app-key", 0, -1)
        assert secrets.get_app_key("app-1") == KEYS["system"]


def test_a_folder_its_group_may_write_is_closed_before_a_secret_goes_in(tmp_path: Path) -> None:
    folder = tmp_path / "secrets"
    folder.mkdir()
    os.chmod(folder, 0o770)  # noqa: S103 - the unsafe folder under test
    secret_files.write_secret(folder, "operator-pin", "scrypt$...")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750
