"""The session journal: what it records, what it never records, retention and export."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from kiosk.core import state as machine
from kiosk.core.journal import COLUMNS, Journal
from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.state import ActiveSession, ErrorKind, KioskState, Phase, SessionOutcome
from tests.conftest import FakeClock

TOKEN = "tok-SECRET-0123456789abcdef"
URL = f"https://cloud.ooto-ai.com/flow/{TOKEN}"
SESSION = ActiveSession(
    "sid-1", TOKEN, URL, "cloud.ooto-ai.com", encode(URL), ("liveness", "search")
)
DONE = SessionStatus.from_wire(
    {
        "status": "DONE",
        "scopes": ["liveness", "search"],
        "result": {
            "liveness": {"fine": True, "score": 0.93},
            "search": {"similarity": 0.61, "templateId": "tpl-9"},
            "demography": {"age": 40, "gender": "female"},
        },
    }
)


def result_state() -> KioskState:
    return machine.status_received(KioskState(phase=Phase.QR, session=SESSION), DONE)


def test_a_finished_session_is_recorded_with_scores_and_reasons(
    tmp_path: Path, clock: FakeClock
) -> None:
    with Journal(tmp_path / "j.sqlite3", clock=clock) as journal:
        row = journal.started(SESSION)
        clock.advance(42)
        journal.finished(row, result_state())
        [entry] = journal.recent()
    assert (entry.session_id, entry.scopes, entry.status, entry.outcome) == (
        "sid-1",
        "liveness,search",
        "DONE",
        "FAIL",
    )
    assert (entry.liveness_score, entry.similarity, entry.template_id) == (0.93, 0.61, "tpl-9")
    assert entry.reasons == "Face match: similarity 0.61 is below the threshold 0.75."
    assert entry.started_at < (entry.ended_at or "")
    assert entry.demography is None  # off unless enabled


def test_demography_only_when_enabled(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3", demography=True) as journal:
        journal.finished(journal.started(SESSION), result_state())
        assert journal.recent()[0].demography == '{"age": 40, "gender": "female"}'


def test_errors_and_kiosk_side_endings(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        failed = KioskState(phase=Phase.ERROR, error=ErrorKind.NETWORK, error_message="down")
        journal.finished(journal.started(SESSION), failed)
        journal.finished(journal.started(SESSION), KioskState(), SessionOutcome.WALKED_AWAY)
        walked, errored = journal.recent()
    assert (errored.outcome, errored.error) == ("ERROR", "network: down")
    assert walked.outcome == "WALKED_AWAY"


def test_the_token_url_and_key_never_reach_the_file(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    journal = Journal(path)
    failed = KioskState(
        phase=Phase.ERROR, error=ErrorKind.UNREADABLE, error_message=f"bad answer for {URL}"
    )
    journal.finished(journal.started(SESSION), failed)
    journal.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert TOKEN.encode() not in raw
    assert b"/flow/" in raw  # the error text is kept, with the token masked


def test_rows_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path) as first:
        first.finished(first.started(SESSION), result_state())
    with Journal(path) as again:
        assert again.count() == 1


def test_retention_deletes_old_rows(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "j.sqlite3"
    journal = Journal(path, keep_days=30, clock=clock)
    journal.started(SESSION)
    clock.advance(29 * 86400)
    journal.started(replace(SESSION, session_id="sid-2"))
    assert journal.count() == 2
    clock.advance(2 * 86400)
    assert journal.apply_retention() == 1
    assert journal.count() == 1
    journal.close()
    clock.advance(31 * 86400)
    with Journal(path, keep_days=30, clock=clock) as reopened:
        assert reopened.count() == 0  # applied on opening too


def test_export_is_csv_with_a_header(tmp_path: Path) -> None:
    out = io.StringIO()
    with Journal(tmp_path / "j.sqlite3") as journal:
        journal.finished(journal.started(SESSION), result_state())
        journal.started(SESSION)  # still running: empty cells
        assert journal.export_csv(out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1][COLUMNS.index("outcome")] == "FAIL"
    assert rows[2][COLUMNS.index("outcome")] == ""


def test_a_resumed_session_keeps_its_open_row(tmp_path: Path) -> None:
    # The start row is written off the GUI thread; a crash can come before the row id was
    # remembered, and the resumed session must still land in its first row.
    with Journal(tmp_path / "j.sqlite3") as journal:
        first = journal.started(SESSION)
        assert journal.started(SESSION) == first
        journal.finished(first, result_state())
        assert journal.started(SESSION) != first  # an ended row is never reopened
