"""The journal's table, its version (``PRAGMA user_version``) and the steps between versions.

Version 0 is the unversioned table every kiosk wrote before versions existed (``user_version``
was never set); version 1 is the same table, stamped; version 2 adds ``reference`` (the operator
desk's customer number or case id, NULL for a kiosk's sessions). A new file is created at
:data:`SCHEMA_VERSION` directly. An older file is first copied (SQLite's backup API, so rows
still in the ``-wal`` file are in the copy) to ``<file>.v<old>-<UTC time>.bak``, then brought up
one step at a time in a single transaction: a failure (a full disk, a lock) leaves it as it was
and removes the copy (the next open, which tries again, makes its own). A file from a newer
program is refused before anything in it is touched: the writer keeps its rows queued and the
kiosk keeps verifying people, as with any journal it cannot open (see
:mod:`kiosk.core.journal_writer`).

To change the table: add a function taking the database from version ``n`` to ``n + 1`` to
:data:`STEPS`, raise :data:`SCHEMA_VERSION`, update :data:`CREATE` to the new table, and test a
file made by the previous version's statements (``tests/unit/test_journal_schema.py``). Readers
(``read_only``) see files of any version up to :data:`SCHEMA_VERSION` unmigrated, so a step must
keep the columns :data:`kiosk.core.journal.COLUMNS` reads, or readers must learn to do without.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kiosk.core import private_files

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
"""The version this program writes; a journal stamped with a higher one is refused."""

CREATE = (
    """CREATE TABLE IF NOT EXISTS sessions (
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
    demography TEXT,
    reference TEXT
)""",
    "CREATE INDEX IF NOT EXISTS sessions_started ON sessions (started_at)",
    "CREATE INDEX IF NOT EXISTS sessions_session_id ON sessions (session_id)",
)
"""The statements that create a journal at :data:`SCHEMA_VERSION`."""

V0_COLUMNS = frozenset(
    (
        "id", "session_id", "started_at", "ended_at", "scopes", "status", "outcome",
        "liveness_score", "deepfake_score", "similarity", "template_id",
        "enrolled_template_id", "reasons", "error", "demography",
    )
)  # fmt: skip
"""The columns of the unversioned table (version 0)."""


class SchemaError(Exception):
    """The file's table cannot be used by this program; ``str()`` says why and what to do."""


class SchemaTooNew(SchemaError):
    """The file was written by a newer program (its ``user_version`` is above ours)."""


def _adopt_v0(db: sqlite3.Connection) -> None:
    """0 -> 1: the table is unchanged; only check it is the kiosk's (a ``sessions`` table made
    by another program would be stamped as ours and then fail on every write)."""
    missing = V0_COLUMNS - columns(db)
    if missing:
        raise SchemaError(
            f"its sessions table lacks the columns {', '.join(sorted(missing))}: it is not a "
            "kiosk journal"
        )


def _add_reference(db: sqlite3.Connection) -> None:
    """1 -> 2: the session's reference (a customer number or case id typed at the operator
    desk). Old rows get NULL: they were kiosk sessions, which have none."""
    if "reference" not in columns(db):
        db.execute("ALTER TABLE sessions ADD COLUMN reference TEXT")


STEPS: tuple[Callable[[sqlite3.Connection], None], ...] = (_adopt_v0, _add_reference)
"""``STEPS[n]`` takes a journal from version ``n`` to ``n + 1``."""

assert len(STEPS) == SCHEMA_VERSION, "one step per version"


def version_of(db: sqlite3.Connection) -> int:
    """The file's schema version (0 for a file made before versions existed)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def has_table(db: sqlite3.Connection) -> bool:
    """Whether the file holds the ``sessions`` table (False for a new, empty file)."""
    found = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sessions'"
    ).fetchone()
    return found is not None


def columns(db: sqlite3.Connection) -> set[str]:
    """The ``sessions`` table's column names."""
    return {str(row[1]) for row in db.execute("PRAGMA table_info(sessions)")}


def too_new(path: Path, version: int) -> str:
    """The refusal of a journal written by a newer program: what happened and what to do."""
    return (
        f"{path}: the journal was written by a newer version of the kiosk (schema version "
        f"{version}; this one knows up to {SCHEMA_VERSION}), so it is left untouched. Install "
        "that version again, or move the file aside (keep it) and this version starts a new "
        "journal; until then the kiosk verifies people and keeps their rows waiting in memory."
    )


def refuse_newer(db: sqlite3.Connection, path: Path) -> int:
    """The file's version; raises :class:`SchemaTooNew` when it is above ours. Reads only."""
    version = version_of(db)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(too_new(path, version))
    return version


def prepare(
    db: sqlite3.Connection, path: Path, clock: Callable[[], float] = time.time
) -> int | None:
    """Create the table in a new file, or bring an older one to :data:`SCHEMA_VERSION`.

    ``db`` is a writable connection with ``isolation_level=None`` (each statement its own
    transaction unless one is begun). Returns the version the file had before (None for a
    new file).

    Raises:
        SchemaTooNew: the file is from a newer program; nothing was written.
        SchemaError: the file's table is not a kiosk journal; nothing was written.
        sqlite3.Error, OSError: the backup or a step failed; the file is as it was.
    """
    version = refuse_newer(db, path)
    if not has_table(db):
        with _transaction(db):
            if not has_table(db):  # another process may have created it meanwhile
                for statement in CREATE:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return None
    if version == SCHEMA_VERSION:
        return version
    backup = backup_copy(db, path, version, clock)
    try:
        with _transaction(db):
            current = refuse_newer(db, path)  # re-read under the write lock
            for step in STEPS[current:]:
                step(db)
            # Interpolated: a PRAGMA takes no bound parameters; the value is our own constant.
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException as exc:
        # Nothing was committed, so the file is its own copy: keeping this one would leave a
        # copy of the whole journal per try (the writer retries every 30 s at most).
        with contextlib.suppress(OSError):
            backup.unlink()
        if isinstance(exc, SchemaError) and not isinstance(exc, SchemaTooNew):
            # A step's reason, without the file's name.
            raise SchemaError(f"{path}: {exc}. It was left as it was.") from exc
        raise
    log.warning(
        "the journal %s was upgraded from schema version %d to %d; the copy from before is %s",
        path,
        version,
        SCHEMA_VERSION,
        backup,
    )
    return version


def backup_copy(
    db: sqlite3.Connection, path: Path, version: int, clock: Callable[[], float] = time.time
) -> Path:
    """Copy the journal, rows in its ``-wal`` file included, to a new 0600 file beside it,
    named after its version and the UTC time; returns its path. A failed copy is removed."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(clock()))
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    counter = 1
    while target.exists():  # two upgrades within a second (a failed one, then a retry)
        counter += 1
        target = path.with_name(f"{path.name}.v{version}-{stamp}-{counter}.bak")
    private_files.create_file(target)
    try:
        copy = sqlite3.connect(target)
        try:
            db.backup(copy)
        finally:
            copy.close()
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    return target


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction (taken at once, so a lock shows up before any step runs)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
