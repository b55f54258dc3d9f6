"""Point 14: settings, journal and logs are the owner's only: folders 0700, files 0600."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import cli, config, logs
from kiosk.core.journal import Journal
from kiosk.core.settings import DEFAULTS

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask: every mode must be set explicitly, not left to the umask."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("open_umask")
def test_a_new_journal_and_its_companions_are_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    with Journal(path) as journal:
        journal.count()
        made = sorted(p.name for p in path.parent.iterdir())
        assert {"journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3-shm"} <= set(made)
        assert mode(path.parent) == 0o700
        assert all(mode(p) == 0o600 for p in path.parent.iterdir()), made


@pytest.mark.usefixtures("open_umask")
def test_an_old_world_readable_journal_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path):
        pass
    os.chmod(path, 0o644)
    (tmp_path / "journal.sqlite3-journal").write_bytes(b"")
    os.chmod(tmp_path / "journal.sqlite3-journal", 0o666)  # noqa: S103 - as an old build left it
    with Journal(path):
        assert mode(path) == 0o600
        assert mode(tmp_path / "journal.sqlite3-journal") == 0o600


@pytest.mark.usefixtures("open_umask")
def test_log_files_and_rotated_ones_are_private(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "kiosk.log"
    with logs.configured(False, path):
        record = logging.getLogger("test.private")
        for _ in range(30):
            record.warning("x" * 50_000)  # over 1 MB: rotates
    files = list(path.parent.iterdir())
    assert len(files) > 1, "the log rotated"
    assert mode(path.parent) == 0o700
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


@pytest.mark.usefixtures("open_umask")
def test_settings_init_and_the_last_good_copy_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    assert cli.main(["settings", "init"]) == 0
    path = tmp_path / "config" / "settings.toml"
    assert (mode(path.parent), mode(path)) == (0o700, 0o600)
    assert config.load_settings(config.settings_file(None)) is not None
    assert mode(tmp_path / "config" / "settings.last-good.toml") == 0o600


def test_existing_files_are_tightened_at_start_and_logged_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    old = {
        tmp_path / "config" / "settings.toml": "ttl_sec = 600\n",
        tmp_path / "config" / "settings.last-good.toml": "ttl_sec = 600\n",
        tmp_path / "data" / "journal.sqlite3": "",
        tmp_path / "data" / "pin-state.json": "{}",
        tmp_path / "logs" / "kiosk.log.1": "old\n",
    }
    for path, text in old.items():
        path.parent.mkdir(exist_ok=True)
        os.chmod(path.parent, 0o755)  # noqa: S103 - as an old build left it
        path.write_text(text)
        os.chmod(path, 0o644)
    kiosk = config.KioskConfig(DEFAULTS, config.settings_file(None), config.journal_file(None))
    with caplog.at_level(logging.WARNING, logger="kiosk.files"):
        cli._tighten_files(kiosk)
        cli._tighten_files(kiosk)  # nothing left to change: nothing logged
    assert all(mode(p) == 0o600 for p in old), {p.name: oct(mode(p)) for p in old}
    assert all(mode(tmp_path / d) == 0o700 for d in ("config", "data", "logs"))
    [line] = [r.getMessage() for r in caplog.records if r.name == "kiosk.files"]
    assert line.startswith("made 8 files and folders readable by this user only")


@pytest.mark.usefixtures("open_umask")
def test_the_pin_lockout_state_is_private(tmp_path: Path) -> None:
    from kiosk.core.secrets import PinGuard, hash_pin

    path = tmp_path / "data" / "pin-state.json"
    assert not PinGuard(hash_pin("135790"), path).check("000000")
    assert (mode(path.parent), mode(path)) == (0o700, 0o600)
