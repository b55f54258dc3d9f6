"""Point 15: a locked, damaged or full journal neither freezes the kiosk nor loses rows, and
the journal commands say what is wrong in one line instead of a traceback."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.core.journal import Journal
from kiosk.core.journal_writer import JournalWriter
from kiosk.core.qr import encode
from kiosk.core.state import ActiveSession, KioskState, SessionOutcome

URL = "https://cloud.ooto-ai.com/flow/tok-0123456789abcdef"
SESSION = ActiveSession("sid-1", "tok", URL, "cloud.ooto-ai.com", encode(URL), ("liveness",))


@contextlib.contextmanager
def locked(path: Path, *, wal: bool) -> Iterator[sqlite3.Connection]:
    """Another program holding the journal's write lock (BEGIN EXCLUSIVE) until the block ends.

    ``wal``: the journal exists already (the kiosk made it, in WAL mode); otherwise the other
    program made the file first, in SQLite's default rollback mode, where the lock also stops
    readers.
    """
    if wal:
        with Journal(path):
            pass
    locker = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        if not wal:
            locker.execute("CREATE TABLE IF NOT EXISTS other (x)")
        locker.execute("BEGIN EXCLUSIVE")
        yield locker
        locker.execute("ROLLBACK")
    finally:
        locker.close()


@pytest.mark.parametrize("wal", [True, False], ids=["wal", "rollback"])
def test_a_locked_journal_blocks_nobody_and_the_row_lands_later(tmp_path: Path, wal: bool) -> None:
    path = tmp_path / "journal.sqlite3"
    writer: JournalWriter | None = None
    try:
        with locked(path, wal=wal):
            # Started under the lock: its thread opening the file raced the other program's
            # creating it (which then failed at once, "database is locked").
            writer = JournalWriter(path, retry_seconds=0.05, max_retry_seconds=0.2)
            began = time.monotonic()
            start = writer.started(SESSION)
            end = writer.finished(start, KioskState(), SessionOutcome.WALKED_AWAY)
            assert time.monotonic() - began < 0.1  # queued, not waited for
            assert not end.wait(1.5)
            assert writer.problem is not None and "locked by another program" in writer.problem
        assert end.wait(10), "the row is written once the lock is gone"
        assert writer.problem is None
    finally:
        assert writer is None or writer.close()
    with Journal(path, read_only=True) as journal:
        [entry] = journal.recent()
    assert (entry.session_id, entry.outcome) == ("sid-1", "WALKED_AWAY")


class _Failing:
    """A connection that fails the next ``failures`` writes as a full disk would."""

    def __init__(self, real: sqlite3.Connection, budget: list[int]) -> None:
        self.real = real
        self.budget = budget

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.lstrip().startswith(("INSERT", "UPDATE")) and self.budget[0] > 0:
            self.budget[0] -= 1
            raise sqlite3.OperationalError("database or disk is full")
        return self.real.execute(sql, *args)

    def close(self) -> None:
        self.real.close()


def test_a_full_disk_keeps_the_rows_queued_in_order(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    budget = [3]

    def open_journal() -> Journal:
        journal = Journal(path)
        journal._db = _Failing(journal.db, budget)  # type: ignore[assignment]
        return journal

    writer = JournalWriter(
        path, open_journal=open_journal, retry_seconds=0.02, max_retry_seconds=0.05
    )
    seen: list[str | None] = []
    writer.set_listener(lambda: seen.append(writer.problem))
    try:
        first = writer.finished(
            writer.started(SESSION), KioskState(), SessionOutcome.CANCELED_AT_KIOSK
        )
        second = writer.finished(writer.started(SESSION), KioskState(), SessionOutcome.WALKED_AWAY)
        assert first.wait(10) and second.wait(10)
    finally:
        assert writer.close()
    assert any(p and "disk is full" in p for p in seen)
    with Journal(path, read_only=True) as journal:
        assert [e.outcome for e in journal.recent()] == ["WALKED_AWAY", "CANCELED_AT_KIOSK"]


def _journal_cli(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["journal", *args, "--journal", str(path)])
    return code, capsys.readouterr().err


def test_journal_list_on_a_damaged_file_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"this is not sqlite\x00" * 512)
    for action in ("list", "export"):
        code, err = _journal_cli(path, capsys, action)
        assert code == 4
        assert err.count("\n") == 1 and "Traceback" not in err
        assert str(path) in err and "damaged" in err and "Move the file aside" in err


def test_journal_list_on_a_locked_file_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.sqlite3"
    with locked(path, wal=False):
        code, err = _journal_cli(path, capsys, "list")
    assert code == 4
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and "locked by another program" in err


def test_journal_list_reads_a_kiosk_journal_while_it_is_being_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.sqlite3"
    with locked(path, wal=True):  # WAL: a reader never waits for the writer
        assert main(["journal", "list", "--journal", str(path)]) == 0
    capsys.readouterr()


def test_journal_export_to_an_unwritable_place_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path):
        pass
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, err = _journal_cli(path, capsys, "export", "-o", str(blocker / "out.csv"))
    assert code == 4 and "Traceback" not in err and "cannot write" in err
