"""Point 19: everything the kiosk opens it closes, so Python 3.13's ResourceWarning (an error
under ``filterwarnings = error``) never lands on an unrelated test, and ``main()`` run
in-process leaves no logging handler behind on a stream pytest has since closed."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.core.journal import Journal, JournalError
from kiosk.core.journal_writer import JournalWriter


def test_main_leaves_no_logging_handlers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    root = logging.getLogger()
    before = (list(root.handlers), root.level, logging.getLogger("httpx").level)
    assert main(["--windowed", "--ttl", "-5"]) == 2  # configures logging, then stops
    after = (list(root.handlers), root.level, logging.getLogger("httpx").level)
    assert after == before
    capsys.readouterr()


def test_a_journal_that_fails_to_open_closes_its_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[sqlite3.Connection] = []
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection: sqlite3.Connection = real_connect(*args, **kwargs)
        made.append(connection)
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"not a database\x00" * 512)
    for read_only in (False, True):
        with pytest.raises(JournalError):
            Journal(path, read_only=read_only)
    assert len(made) == 2
    for connection in made:
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            connection.execute("SELECT 1")


def test_the_journal_writer_leaves_no_thread_and_no_connection(tmp_path: Path) -> None:
    writer = JournalWriter(tmp_path / "journal.sqlite3")
    assert writer.close()
    assert writer.close()  # idempotent
    assert not [t for t in threading.enumerate() if t.name == "journal-writer"]
