"""The journal's schema version: an older file is upgraded with its rows (after a backup copy),
a newer one is refused without being touched, and the kiosk keeps verifying meanwhile."""

from __future__ import annotations

import contextlib
import hashlib
import io
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core import journal_schema
from kiosk.core.journal import Journal, JournalError
from kiosk.core.journal_writer import JournalWriter
from kiosk.core.qr import encode
from kiosk.core.state import ActiveSession, KioskState, SessionOutcome

NOW = 1_800_000_000.0  # 2027-01-15: the fixture's rows are a day old, inside the retention

# The table exactly as every kiosk before schema versions created it (kiosk/core/journal.py's
# SCHEMA up to that change): a fixture, so that a change to today's CREATE cannot hide a
# migration that no longer reads the files in the field.
V0_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    scopes TEXT NOT NULL,
    status TEXT,
    outcome TEXT,
    liveness_score REAL,
    deepfake_score REAL,
    similarity REAL,
    template_id TEXT,
    enrolled_template_id TEXT,
    reasons TEXT,
    error TEXT,
    demography TEXT
);
CREATE INDEX IF NOT EXISTS sessions_started ON sessions (started_at);
CREATE INDEX IF NOT EXISTS sessions_session_id ON sessions (session_id);
"""
V0_ROWS = [
    ("sid-1", "2027-01-14T08:00:00+00:00", "2027-01-14T08:01:00+00:00", "liveness,search",
     "DONE", "PASS", 0.98, None, 0.91, "tpl-1", None, None, None, None),
    ("sid-2", "2027-01-14T09:00:00+00:00", "2027-01-14T09:02:00+00:00", "liveness",
     "FAILED", "FAIL", 0.12, None, None, None, None, "liveness too low", None, None),
    ("sid-3", "2027-01-14T10:00:00+00:00", None, "liveness", None, None, None, None, None,
     None, None, None, None, None),
]  # fmt: skip
INSERT = (
    "INSERT INTO sessions (session_id, started_at, ended_at, scopes, status, outcome, "
    "liveness_score, deepfake_score, similarity, template_id, enrolled_template_id, reasons, "
    "error, demography) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
URL = "https://cloud.ooto-ai.com/flow/tok-0123456789abcdef"
SESSION = ActiveSession("sid-9", "tok", URL, "cloud.ooto-ai.com", encode(URL), ("liveness",))


def make_v0(path: Path, *, in_wal: bool = False) -> sqlite3.Connection | None:
    """A journal as the old code made it: WAL mode, the old table, three rows.

    ``in_wal``: the last row stays in the -wal file (the returned connection keeps it from
    being checkpointed; close it after the test), as after a power cut."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(V0_SCHEMA)
    db.execute("PRAGMA wal_autocheckpoint=0")
    for row in V0_ROWS:
        db.execute(INSERT, row)
    if in_wal:
        return db
    db.close()
    return None


def rows(path: Path) -> list[tuple[object, ...]]:
    # closing(): a connection's own `with` only commits, and Python 3.13 warns of (and pytest
    # fails on) a connection left to the garbage collector.
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return db.execute("SELECT * FROM sessions ORDER BY id").fetchall()


def user_version(path: Path) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.v*.bak"))


def test_a_journal_made_by_the_old_code_is_upgraded_with_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    old = make_v0(path, in_wal=True)  # the rows are in the -wal file, not yet in the main one
    assert old is not None
    before = old.execute("SELECT * FROM sessions ORDER BY id").fetchall()
    try:
        with Journal(path, clock=lambda: NOW) as journal:
            assert journal.migrated_from == 0
            assert journal.schema_version == journal_schema.SCHEMA_VERSION
            assert [e.session_id for e in journal.recent()] == ["sid-3", "sid-2", "sid-1"]
            # The upgraded journal is written as before: the unfinished session keeps its row.
            assert journal.started(SESSION, at=NOW) == 4
    finally:
        old.close()
    # The old columns kept their values; the reference column (version 2) is NULL in old rows.
    assert [row[:-1] for row in rows(path)[:3]] == before
    assert [row[-1] for row in rows(path)[:3]] == [None, None, None]
    assert user_version(path) == journal_schema.SCHEMA_VERSION
    (backup,) = backups(path)
    assert backup.name.startswith("journal.sqlite3.v0-")
    assert rows(backup) == before  # the -wal's rows are in the copy too
    assert user_version(backup) == 0
    if sys.platform != "win32":
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_the_writer_upgrades_on_its_thread_and_the_commands_read_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.sqlite3"
    make_v0(path)
    writer = JournalWriter(path, clock=lambda: NOW)
    try:
        ticket = writer.started(SESSION)
        assert ticket.wait(5)
        assert ticket.row == 4
    finally:
        assert writer.close()
    assert user_version(path) == journal_schema.SCHEMA_VERSION
    assert main(["journal", "list", "--journal", str(path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4


def test_a_new_journal_is_created_at_the_current_version_without_a_backup(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    with Journal(path) as journal:
        assert journal.migrated_from is None
    assert user_version(path) == journal_schema.SCHEMA_VERSION
    with Journal(path) as journal:  # opened again: nothing to do
        assert journal.migrated_from is None
    assert backups(path) == []


def test_a_journal_from_a_newer_kiosk_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.sqlite3"
    make_v0(path)
    newer = journal_schema.SCHEMA_VERSION + 1
    with sqlite3.connect(path) as db:
        # Out of WAL mode (a newer kiosk may journal differently): switching it back would
        # write the file's header, which a refusal must not do.
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute(f"PRAGMA user_version = {newer}")
        db.execute("ALTER TABLE sessions ADD COLUMN something_new TEXT")
    db.close()
    before = digest(path)

    for read_only in (False, True):
        with pytest.raises(JournalError) as refused:
            Journal(path, read_only=read_only)
        message = str(refused.value)
        assert str(path) in message
        assert f"schema version {newer}" in message
        assert "newer version of the kiosk" in message
        assert "move the file aside" in message
    assert main(["journal", "list", "--journal", str(path)]) == 4
    assert "newer version of the kiosk" in capsys.readouterr().err

    # The kiosk keeps going: the writer holds the rows and says why in the operator panel.
    writer = JournalWriter(path, clock=lambda: NOW, retry_seconds=0.05, max_retry_seconds=0.1)
    try:
        ticket = writer.started(SESSION)
        end = writer.finished(ticket, KioskState(), SessionOutcome.WALKED_AWAY)
        assert not end.wait(0.5)
        assert writer.problem is not None
        assert "newer version of the kiosk" in writer.problem
        assert writer.pending == 2
    finally:
        writer.close(timeout=0.2)
    assert digest(path) == before
    assert user_version(path) == newer
    assert backups(path) == []


def test_a_failed_upgrade_leaves_the_file_as_it_was_and_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.sqlite3"
    make_v0(path)
    before = rows(path)

    def half_done(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE sessions ADD COLUMN half TEXT")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(journal_schema, "STEPS", (half_done,))
    with pytest.raises(JournalError, match="disk is full"):
        Journal(path, clock=lambda: NOW)
    assert user_version(path) == 0
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        assert "half" not in journal_schema.columns(db)
    assert rows(path) == before
    # The file is as it was, so its copy goes: the writer retries every 30 s at most, and a
    # copy per try filled the disk with journals.
    assert backups(path) == []

    monkeypatch.undo()
    with Journal(path, clock=lambda: NOW) as journal:
        assert journal.migrated_from == 0
        assert journal.count() == 3
    assert len(backups(path)) == 1


def test_a_sessions_table_that_is_not_a_journal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, user TEXT)")
    db.close()
    for _ in range(3):  # the writer's retries
        with pytest.raises(JournalError, match="not a kiosk journal") as refused:
            Journal(path)
    assert str(path) in str(refused.value)
    assert user_version(path) == 0
    assert backups(path) == []  # nothing was changed, so nothing was kept


def test_future_steps_run_in_order_in_one_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pattern for the next version: a step per version, applied from the file's own."""
    path = tmp_path / "journal.sqlite3"
    make_v0(path)

    def add_kiosk_id(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE sessions ADD COLUMN kiosk_id TEXT")

    following = journal_schema.SCHEMA_VERSION + 1
    monkeypatch.setattr(journal_schema, "STEPS", (*journal_schema.STEPS, add_kiosk_id))
    monkeypatch.setattr(journal_schema, "SCHEMA_VERSION", following)
    with Journal(path, clock=lambda: NOW) as journal:
        assert journal.migrated_from == 0
        assert journal.count() == 3
        assert {"kiosk_id", "reference"} <= journal_schema.columns(journal.db)
    assert user_version(path) == following


def make_v1(path: Path) -> None:
    """A journal as the previous version (schema 1, before references) made it: the version 0
    table, stamped 1."""
    make_v0(path)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 1")
        db.commit()


def test_a_version_1_journal_gains_the_reference_column(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    make_v1(path)
    before = rows(path)
    with Journal(path, clock=lambda: NOW) as journal:
        assert journal.migrated_from == 1
        assert [e.reference for e in journal.recent()] == [None, None, None]
        row = journal.started(SESSION, at=NOW, reference="CASE-77")
        assert journal.search("case-77")[0].id == row
    assert [r[:-1] for r in rows(path)[:3]] == before
    assert rows(path)[3][-1] == "CASE-77"
    assert user_version(path) == 2
    (backup,) = backups(path)
    assert backup.name.startswith("journal.sqlite3.v1-")
    assert rows(backup) == before


def test_a_reader_sees_an_old_journal_without_references_unmigrated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commands (read-only) read a version 1 file the kiosk has not upgraded yet: no
    reference, nothing written."""
    path = tmp_path / "journal.sqlite3"
    make_v1(path)
    before = digest(path)
    with Journal(path, read_only=True) as journal:
        assert journal.schema_version == 1
        assert [e.reference for e in journal.recent()] == [None, None, None]
        assert [e.session_id for e in journal.search("SID-2")] == ["sid-2"]
    out = io.StringIO()
    with Journal(path, read_only=True) as journal:
        assert journal.export_csv(out) == 3
    assert out.getvalue().splitlines()[0].endswith(",reference")
    assert main(["journal", "list", "--journal", str(path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert digest(path) == before
    assert user_version(path) == 1
