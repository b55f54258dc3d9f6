"""The session journal: one SQLite row per verification, for staff and audits.

Recorded: when it started and ended, the operator desk's reference (a customer number or case
id; none for a kiosk's sessions), the scopes, the final status, the kiosk's outcome, the
scores, the matched and enrolled template ids, and the error if there was one. Never recorded:
the session token, its URL, or the APP-KEY. Demography only when enabled.

Every write is its own transaction in WAL mode with ``synchronous=FULL``, so a row that was
written survives a power cut. The kiosk writes through :class:`kiosk.core.journal_writer.
JournalWriter` (its own thread, so a locked journal never freezes the screen); the commands
read with ``read_only=True``. Every SQLite failure surfaces as :class:`JournalError`, whose
text names the file and the fix. The file and its -wal/-shm/-journal companions are 0600.

The table has a schema version; opening for writing upgrades an older file (after a backup
copy) and refuses a newer one untouched (see :mod:`kiosk.core.journal_schema`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO
from urllib.parse import quote

from kiosk.core import journal_schema, private_files
from kiosk.core.redact import redact
from kiosk.core.spreadsheet import spreadsheet_cell
from kiosk.core.state import ActiveSession, KioskState, SessionOutcome, outcome_of
from kiosk.core.text import printable
from kiosk.core.verdict import face_error_reason


@dataclass(frozen=True)
class JournalEntry:
    """One verification as recorded."""

    id: int
    session_id: str
    started_at: str
    ended_at: str | None
    scopes: str
    status: str | None
    outcome: str | None
    liveness_score: float | None
    deepfake_score: float | None
    similarity: float | None
    template_id: str | None
    enrolled_template_id: str | None
    reasons: str | None
    error: str | None
    demography: str | None
    # Last, so that the CSV export's earlier columns keep their places for existing readers.
    reference: str | None = None


COLUMNS = tuple(f.name for f in fields(JournalEntry))
_COMPANIONS = ("-wal", "-shm", "-journal")

REFERENCE_LIMIT = 64
"""The most characters of a reference kept (a customer number or case id is far shorter)."""


def clean_reference(reference: str | None) -> str | None:
    """A reference as the journal keeps it: printable (control and bidi characters replaced),
    trimmed, at most :data:`REFERENCE_LIMIT` characters; None when nothing is left."""
    if reference is None:
        return None
    cleaned = printable(reference.strip(), limit=REFERENCE_LIMIT).strip()
    return cleaned or None


def _select(present: set[str]) -> str:
    """The SELECT of every :data:`COLUMNS`, a column the file lacks read as NULL (a reader
    opens files of older versions unmigrated; see :mod:`kiosk.core.journal_schema`).
    Built from the dataclass's own field names, never from input."""
    names = [c if c in present else f"NULL AS {c}" for c in COLUMNS]
    return f"SELECT {', '.join(names)} FROM sessions"  # noqa: S608


def _like(text: str) -> str:
    """``text`` as a LIKE pattern matching it anywhere, its ``%``, ``_`` and ``\\`` taken
    literally (the query says ``ESCAPE '\\'``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=UTC).isoformat(timespec="seconds")


class JournalError(Exception):
    """The journal cannot be read or written; ``str()`` names the file and the fix."""


def explain(path: Path, error: BaseException) -> str:
    """One line for operators: what is wrong with the journal at ``path`` and what to do."""
    detail = str(error) or type(error).__name__
    lowered = detail.lower()
    if "locked" in lowered or "busy" in lowered:
        return (
            f"{path}: the journal is locked by another program ({detail}). Close the program "
            "holding it (a database browser, a backup tool); rows wait and are written then."
        )
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return (
            f"{path}: the journal is damaged ({detail}). Move the file aside (keep it for the "
            "audit); the kiosk starts a new one at its next start."
        )
    if "full" in lowered:
        return (
            f"{path}: the disk is full ({detail}). Free some space; rows wait and are written then."
        )
    if isinstance(error, OSError) or "unable to open" in lowered or "readonly" in lowered:
        return (
            f"{path}: the journal cannot be opened or written ({detail}). Check that its folder "
            "exists and that this user may write there, or choose another with --journal."
        )
    return f"{path}: the journal cannot be used ({detail})."


class Journal:
    """The journal in one SQLite file. Use each instance from one thread.

    Args:
        path: the database file (created 0600, with its folder 0700, if missing).
        keep_days: rows that started longer ago are deleted when the journal opens and daily.
        demography: record the vendor's age/gender estimate (off unless the operator enables it).
        clock: epoch seconds, injectable for tests.
        read_only: only read (the commands, the operator panel): nothing is created or deleted.
        busy_seconds: how long a statement waits for another program's lock before failing.

    Raises:
        JournalError: the file cannot be opened (locked, damaged, unwritable folder).
    """

    def __init__(
        self,
        path: Path,
        *,
        keep_days: int = 90,
        demography: bool = False,
        clock: Callable[[], float] = time.time,
        read_only: bool = False,
        busy_seconds: float = 1.0,
    ) -> None:
        self.path = path
        self.keep_days = keep_days
        self.demography = demography
        self._clock = clock
        self._last_retention = 0.0
        self._db: sqlite3.Connection | None = None
        # The file's schema version once open; the version it was upgraded from (None: it
        # was not upgraded, or is new). See kiosk.core.journal_schema.
        self.schema_version = journal_schema.SCHEMA_VERSION
        self.migrated_from: int | None = None
        self._select = _select(set(COLUMNS))
        self._has_reference = True
        try:
            with self._guard():
                self._open(read_only, busy_seconds)
        except BaseException:
            self.close()  # never leave a half-open connection to the garbage collector
            raise

    def _open(self, read_only: bool, busy_seconds: float) -> None:
        if read_only:
            uri = f"file:{quote(str(self.path.absolute()))}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=busy_seconds)
            self.schema_version = journal_schema.refuse_newer(self._db, self.path)
            self._db.execute("SELECT COUNT(*) FROM sessions").fetchone()  # fail now if broken
            present = journal_schema.columns(self._db)
            self._select = _select(present)
            self._has_reference = "reference" in present
            return
        private_files.make_dir(self.path.parent)
        private_files.create_file(self.path)
        # SQLite gives its companion files the database file's mode; older ones are fixed.
        private_files.tighten((), [self.path.with_name(self.path.name + s) for s in _COMPANIONS])
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=busy_seconds)
        # Before anything is written (WAL mode is written into the file's header): a journal
        # from a newer program is refused untouched.
        journal_schema.refuse_newer(self._db, self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        before = journal_schema.prepare(self._db, self.path, self._clock)
        if before is not None and before < journal_schema.SCHEMA_VERSION:
            self.migrated_from = before
        self.schema_version = journal_schema.SCHEMA_VERSION
        self.apply_retention()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (idempotent)."""
        db, self._db = self._db, None
        if db is not None:
            db.close()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise JournalError(f"{self.path}: the journal is closed.")
        return self._db

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite's and the file system's errors into :class:`JournalError`."""
        try:
            yield
        except journal_schema.SchemaError as exc:  # its text names the file and the fix
            raise JournalError(str(exc)) from exc
        except (sqlite3.Error, OSError) as exc:
            raise JournalError(explain(self.path, exc)) from exc

    def _at(self, at: float | None) -> float:
        return self._clock() if at is None else at

    def started(
        self, session: ActiveSession, at: float | None = None, *, reference: str | None = None
    ) -> int:
        """Record a created session (``at``: when, epoch seconds; default now); returns its
        row id. ``reference``: the desk's customer number or case id, kept as
        :func:`clean_reference` makes it.

        A session already recorded and not ended keeps its row (and its reference, or gets
        this one if it had none): a kiosk that crashed before it could remember the row id
        resumes the session into the same row.
        """
        reference = clean_reference(reference)
        with self._guard():
            found = self.db.execute(
                "SELECT id FROM sessions WHERE session_id = ? AND ended_at IS NULL "
                "ORDER BY id DESC LIMIT 1",
                (session.session_id,),
            ).fetchone()
            if found is not None:
                if reference is not None:
                    self.db.execute(
                        "UPDATE sessions SET reference = COALESCE(reference, ?) WHERE id = ?",
                        (reference, found[0]),
                    )
                return int(found[0])
            cursor = self.db.execute(
                "INSERT INTO sessions (session_id, started_at, scopes, reference) "
                "VALUES (?, ?, ?, ?)",
                (session.session_id, _iso(self._at(at)), ",".join(session.scopes), reference),
            )
            self._maybe_apply_retention()
        return int(cursor.lastrowid or 0)

    def finished(
        self,
        row: int,
        state: KioskState,
        outcome: SessionOutcome | None = None,
        at: float | None = None,
    ) -> None:
        """Record how the session ended, from the kiosk's state as it is about to be shown.

        ``outcome`` overrides the one derived from the state (for a cancel or a walk-away,
        which return to the idle state); ``at`` is when it ended (default now).
        """
        status = state.status
        result = status.result if status else None
        verdict = state.verdict
        error = redact(f"{state.error.value}: {state.error_message}") if state.error else None
        demography = (
            json.dumps(dict(result.demography))
            if self.demography and result and result.demography
            else None
        )
        values = (
            _iso(self._at(at)),
            status.raw_status if status else None,
            str(outcome or outcome_of(state)),
            result.liveness.score if result and result.liveness else None,
            result.deepfake.score if result and result.deepfake else None,
            result.search.similarity if result and result.search else None,
            result.search.template_id if result and result.search else None,
            result.enroll_template_id if result else None,
            " | ".join(verdict.reasons) if verdict and verdict.reasons else _vendor_reason(state),
            error,
            demography,
            row,
        )
        with self._guard():
            self.db.execute(
                """UPDATE sessions SET ended_at = ?, status = ?, outcome = ?, liveness_score = ?,
                   deepfake_score = ?, similarity = ?, template_id = ?, enrolled_template_id = ?,
                   reasons = ?, error = ?, demography = ? WHERE id = ?""",
                values,
            )

    def recent(self, limit: int = 50) -> list[JournalEntry]:
        """The newest entries first."""
        with self._guard():
            rows = self.db.execute(f"{self._select} ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [JournalEntry(*row) for row in rows]

    def search(
        self,
        text: str = "",
        outcome: str | None = None,
        since: float | None = None,
        until: float | None = None,
        limit: int = 1000,
    ) -> list[JournalEntry]:
        """The entries that match, newest first, at most ``limit``.

        Args:
            text: found anywhere in the reference or the session id, ignoring case (ASCII
                letters only: SQLite's LIKE); ``%`` and ``_`` are taken literally. Empty: all.
            outcome: only this outcome (a :class:`SessionOutcome` value); None or "": any.
            since, until: only sessions started at ``since <= t < until`` (epoch seconds,
                to the second, as the journal stores them); None: unbounded.
            limit: the most rows returned (the desk's history shows the newest first).
        """
        clauses: list[str] = []
        params: list[object] = []
        text = text.strip()
        if text:
            pattern = _like(text)
            if self._has_reference:
                clauses.append("(reference LIKE ? ESCAPE '\\' OR session_id LIKE ? ESCAPE '\\')")
                params += [pattern, pattern]
            else:
                clauses.append("session_id LIKE ? ESCAPE '\\'")
                params.append(pattern)
        if outcome:
            clauses.append("outcome = ?")
            params.append(str(outcome))
        if since is not None:
            clauses.append("started_at >= ?")
            params.append(_iso(math.floor(since)))
        if until is not None:
            clauses.append("started_at < ?")
            params.append(_iso(math.ceil(until)))
        # Only fixed clauses are joined in; every value is a bound parameter.
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        query = f"{self._select}{where} ORDER BY started_at DESC, id DESC LIMIT ?"
        params.append(max(0, limit))
        with self._guard():
            rows = self.db.execute(query, params).fetchall()
        return [JournalEntry(*row) for row in rows]

    def count(self) -> int:
        """How many entries the journal holds."""
        with self._guard():
            return int(self.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])

    def export_csv(self, out: TextIO) -> int:
        """Write every entry, oldest first, as CSV with a header; returns the row count.

        Text that a spreadsheet would run as a formula is neutralised (see
        :func:`kiosk.core.spreadsheet.spreadsheet_cell`): the ids and errors come from the server.
        """
        with self._guard():
            rows = self.db.execute(f"{self._select} ORDER BY id")
            return write_csv((JournalEntry(*row) for row in rows), out)

    def export_file(self, target: Path) -> int:
        """:meth:`export_csv` into ``target``, created 0600 (it holds personal data)."""
        buffer = io.StringIO(newline="")
        count = self.export_csv(buffer)
        private_files.write_text(target, buffer.getvalue())
        return count

    def apply_retention(self) -> int:
        """Delete entries that started more than ``keep_days`` ago; returns how many."""
        now = self._clock()
        self._last_retention = now
        cutoff = _iso(now - self.keep_days * 86400)
        with self._guard():
            cursor = self.db.execute("DELETE FROM sessions WHERE started_at < ?", (cutoff,))
        return cursor.rowcount

    def _maybe_apply_retention(self) -> None:
        if self._clock() - self._last_retention > 86400:
            self.apply_retention()


def write_csv(entries: Iterable[JournalEntry], out: TextIO) -> int:
    """``entries`` as CSV with a header (:data:`COLUMNS`), in the order given; returns the row
    count. Text a spreadsheet would run as a formula is neutralised (see
    :func:`kiosk.core.spreadsheet.spreadsheet_cell`): ids, errors and references come from
    the server or from whoever typed them."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for entry in entries:
        row = (getattr(entry, name) for name in COLUMNS)
        writer.writerow(["" if value is None else spreadsheet_cell(value) for value in row])
        count += 1
    return count


def entries_as_text(entries: Iterable[JournalEntry]) -> list[str]:
    """One short line per entry, for the terminal."""
    return [
        printable(
            f"{e.started_at}  {e.outcome or '…':<10} {e.status or '':<11} {e.scopes}"
            + (f"  {e.reference}" if e.reference else ""),
            limit=None,
        )
        for e in entries
    ]


def _vendor_reason(state: KioskState) -> str | None:
    """For a session the vendor failed with a Face API error (no face ...): its reason."""
    return face_error_reason(state.status) if state.status is not None else None
