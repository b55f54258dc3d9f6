"""The session journal: one SQLite row per verification, for staff and audits.

Recorded: when it started and ended, the scopes, the final status, the kiosk's outcome, the
scores, the matched and enrolled template ids, and the error if there was one. Never recorded:
the session token, its URL, or the APP-KEY. Demography only when enabled.

Every write is its own transaction in WAL mode with ``synchronous=FULL``, so a row that was
written survives a power cut; the controller writes the final row before the verdict is shown.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from kiosk.core.redact import redact
from kiosk.core.state import ActiveSession, KioskState, Phase

SCHEMA = """
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
"""


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


COLUMNS = tuple(f.name for f in fields(JournalEntry))
# Built from the dataclass's own field names, never from input.
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM sessions"  # noqa: S608


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=UTC).isoformat(timespec="seconds")


class Journal:
    """The journal in one SQLite file. Use from one thread (the GUI's).

    Args:
        path: the database file (created with its folder if missing).
        keep_days: rows that started longer ago are deleted when the journal opens and daily.
        demography: record the vendor's age/gender estimate (off unless the operator enables it).
        clock: epoch seconds, injectable for tests.
    """

    def __init__(
        self,
        path: Path,
        *,
        keep_days: int = 90,
        demography: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.keep_days = keep_days
        self.demography = demography
        self._clock = clock
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)
        self._last_retention = 0.0
        self.apply_retention()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def started(self, session: ActiveSession) -> int:
        """Record a created session; returns its row id."""
        cursor = self._db.execute(
            "INSERT INTO sessions (session_id, started_at, scopes) VALUES (?, ?, ?)",
            (session.session_id, _iso(self._clock()), ",".join(session.scopes)),
        )
        self._maybe_apply_retention()
        return int(cursor.lastrowid or 0)

    def finished(self, row: int, state: KioskState, outcome: str | None = None) -> None:
        """Record how the session ended, from the kiosk's state as it is about to be shown.

        ``outcome`` overrides the one derived from the state (for a cancel or a walk-away,
        which return to the idle state).
        """
        status = state.status
        result = status.result if status else None
        verdict = state.verdict
        if outcome is None:
            outcome = _outcome(state)
        error = redact(f"{state.error.value}: {state.error_message}") if state.error else None
        demography = (
            json.dumps(dict(result.demography))
            if self.demography and result and result.demography
            else None
        )
        self._db.execute(
            """UPDATE sessions SET ended_at = ?, status = ?, outcome = ?, liveness_score = ?,
               deepfake_score = ?, similarity = ?, template_id = ?, enrolled_template_id = ?,
               reasons = ?, error = ?, demography = ? WHERE id = ?""",
            (
                _iso(self._clock()),
                status.raw_status if status else None,
                outcome,
                result.liveness.score if result and result.liveness else None,
                result.deepfake.score if result and result.deepfake else None,
                result.search.similarity if result and result.search else None,
                result.search.template_id if result and result.search else None,
                result.enroll_template_id if result else None,
                " | ".join(verdict.reasons) if verdict and verdict.reasons else None,
                error,
                demography,
                row,
            ),
        )

    def recent(self, limit: int = 50) -> list[JournalEntry]:
        """The newest entries first."""
        rows = self._db.execute(f"{_SELECT} ORDER BY id DESC LIMIT ?", (limit,))
        return [JournalEntry(*row) for row in rows]

    def count(self) -> int:
        """How many entries the journal holds."""
        return int(self._db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])

    def export_csv(self, out: TextIO) -> int:
        """Write every entry, oldest first, as CSV with a header; returns the row count."""
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        count = 0
        for row in self._db.execute(f"{_SELECT} ORDER BY id"):
            writer.writerow(["" if value is None else value for value in row])
            count += 1
        return count

    def apply_retention(self) -> int:
        """Delete entries that started more than ``keep_days`` ago; returns how many."""
        now = self._clock()
        self._last_retention = now
        cutoff = _iso(now - self.keep_days * 86400)
        cursor = self._db.execute("DELETE FROM sessions WHERE started_at < ?", (cutoff,))
        return cursor.rowcount

    def _maybe_apply_retention(self) -> None:
        if self._clock() - self._last_retention > 86400:
            self.apply_retention()


def _outcome(state: KioskState) -> str:
    if state.phase is Phase.RESULT and state.verdict is not None:
        return state.verdict.outcome.value
    if state.phase is Phase.ENDED and state.ending is not None:
        return state.ending.value.upper()
    if state.phase is Phase.ERROR:
        return "ERROR"
    return "UNFINISHED"


def entries_as_text(entries: Iterable[JournalEntry]) -> list[str]:
    """One short line per entry, for the terminal."""
    return [
        f"{e.started_at}  {e.outcome or '…':<10} {e.status or '':<11} {e.scopes}" for e in entries
    ]
