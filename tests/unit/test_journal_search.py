"""The journal's references (the operator desk's customer number or case id) and its search:
what the desk's history finds, and what it must not let through to SQL."""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.core.journal import COLUMNS, REFERENCE_LIMIT, Journal, JournalError, entries_as_text
from kiosk.core.journal_writer import JournalWriter
from kiosk.core.qr import encode
from kiosk.core.state import ActiveSession, ErrorKind, KioskState, Phase, SessionOutcome

URL = "https://cloud.ooto-ai.com/flow/tok-0123456789abcdef"
SESSION = ActiveSession("sid-1", "tok", URL, "cloud.ooto-ai.com", encode(URL), ("liveness",))
DAY = 86400.0
T0 = 1_800_000_000.0  # 2027-01-15T08:00:00Z


def session(sid: str) -> ActiveSession:
    return replace(SESSION, session_id=sid)


def fill(journal: Journal) -> None:
    """Five sessions a day apart, with references, outcomes and one still running."""
    rows = [
        ("sid-a", "CUST-001", SessionOutcome.PASS),
        ("sid-b", "cust-002", SessionOutcome.WALKED_AWAY),
        ("sid-c", "100%_sure", SessionOutcome.PASS),
        ("sid-d", "100 percent", None),
        ("sid-e", None, SessionOutcome.CANCELED_AT_KIOSK),
    ]
    for day, (sid, reference, outcome) in enumerate(rows):
        row = journal.started(session(sid), at=T0 + day * DAY, reference=reference)
        if outcome is not None:
            journal.finished(row, KioskState(), outcome, at=T0 + day * DAY + 60)


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    with Journal(tmp_path / "j.sqlite3", clock=lambda: T0 + 10 * DAY) as opened:
        fill(opened)
        yield opened


def ids(entries: list) -> list[str]:
    return [e.session_id for e in entries]


def test_the_reference_is_kept_printable_and_capped(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        hostile = "  \x1b]52;c;ZXZpbA==\x07CASE\u202e-9\n" + "x" * 200
        journal.started(SESSION, reference=hostile)
        journal.started(session("sid-2"), reference="   ")
        second, first = journal.recent()
    assert first.reference is not None
    assert len(first.reference) == REFERENCE_LIMIT
    assert first.reference.startswith("?]52;c;ZXZpbA==?CASE?-9?xxx")
    assert not any(ord(c) < 32 or c == "\u202e" for c in first.reference)
    assert second.reference is None  # blank: no reference


def test_a_resumed_session_keeps_its_reference(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        row = journal.started(SESSION, reference="A-1")
        assert journal.started(SESSION, reference="B-2") == row
        assert journal.recent()[0].reference == "A-1"


def test_the_export_and_the_listing_carry_the_reference(journal: Journal) -> None:
    out = io.StringIO()
    journal.export_csv(out)
    table = list(csv.reader(io.StringIO(out.getvalue())))
    assert table[0][-1] == "reference" == COLUMNS[-1]
    assert [r[-1] for r in table[1:]] == ["CUST-001", "cust-002", "100%_sure", "100 percent", ""]
    newest, previous = entries_as_text(journal.recent(2))
    assert newest.startswith("2027-01-19T08:00:00+00:00  CANCELED_AT_KIOSK")
    assert newest.endswith(" liveness")  # no reference: nothing after the scopes
    assert previous.endswith(" liveness  100 percent")


def test_search_by_reference_or_session_id_ignoring_case(journal: Journal) -> None:
    assert ids(journal.search("cust-00")) == ["sid-b", "sid-a"]  # newest first
    assert ids(journal.search("CUST-002")) == ["sid-b"]
    assert ids(journal.search("SID-E")) == ["sid-e"]
    assert ids(journal.search("  ")) == ["sid-e", "sid-d", "sid-c", "sid-b", "sid-a"]
    assert journal.search("nobody") == []


def test_percent_and_underscore_are_taken_literally(journal: Journal) -> None:
    assert ids(journal.search("%")) == ["sid-c"]  # not "everything"
    assert ids(journal.search("100%")) == ["sid-c"]
    assert ids(journal.search("0%_s")) == ["sid-c"]
    assert ids(journal.search("sid_")) == []  # "_" is not "any one character"
    assert ids(journal.search("100_")) == []
    assert journal.search("\\") == []


def test_sql_in_the_search_text_is_only_text(journal: Journal) -> None:
    for attack in (
        "' OR 1=1 --",
        "x') OR ('1'='1",
        "'; DROP TABLE sessions; --",
        '" OR ""="',
    ):
        assert journal.search(attack) == []
        assert journal.search("", outcome=attack) == []
    assert journal.count() == 5


def test_search_by_outcome_and_dates(journal: Journal) -> None:
    assert ids(journal.search(outcome="PASS")) == ["sid-c", "sid-a"]
    assert ids(journal.search(outcome=SessionOutcome.WALKED_AWAY)) == ["sid-b"]
    assert len(journal.search(outcome="")) == 5
    # since is inclusive, until exclusive: day 1 and 2 (sid-b at T0+1d, sid-c at T0+2d).
    assert ids(journal.search(since=T0 + DAY, until=T0 + 3 * DAY)) == ["sid-c", "sid-b"]
    assert ids(journal.search(since=T0 + 3 * DAY)) == ["sid-e", "sid-d"]
    assert ids(journal.search(until=T0 + 0.5)) == ["sid-a"]
    assert ids(journal.search("cust", outcome="PASS", since=T0, until=T0 + DAY)) == ["sid-a"]


def test_the_limit_keeps_the_newest(journal: Journal) -> None:
    assert ids(journal.search(limit=2)) == ["sid-e", "sid-d"]
    assert journal.search(limit=0) == []


def test_the_writer_searches_what_is_on_disk_while_it_writes(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    writer = JournalWriter(path, clock=lambda: T0)
    try:
        start = writer.started(SESSION, reference="Desk-42")
        failed = KioskState(phase=Phase.ERROR, error=ErrorKind.NETWORK, error_message="down")
        assert writer.finished(start, failed).wait(5)
        [entry] = writer.search("desk-4")
        assert (entry.reference, entry.outcome) == ("Desk-42", "ERROR")
        assert entry.error == "network: down"
        assert writer.search(outcome="PASS") == []
    finally:
        assert writer.close()


def test_the_writer_finds_nothing_before_its_journal_exists(tmp_path: Path) -> None:
    """The desk's history opens before the first session: no file, or a file the writer's
    thread has created but not yet filled with its table, is an empty history, not an error."""
    path = tmp_path / "j.sqlite3"

    def not_yet() -> Journal:
        raise JournalError("not yet")

    writer = JournalWriter(path, open_journal=not_yet, retry_seconds=0.05)
    try:
        assert writer.search("anything") == []
        sqlite3.connect(path).close()  # created, no table yet
        assert path.exists()
        assert writer.search() == []
    finally:
        writer.close(timeout=0.1)


def test_searches_while_the_writer_writes_neither_waits_for_the_other(tmp_path: Path) -> None:
    """The desk's history reads while sessions end: in WAL mode a reader never waits for the
    writer's lock, nor the writer for a reader."""
    import threading
    import time

    writer = JournalWriter(tmp_path / "j.sqlite3")
    stop = threading.Event()
    searched: list[int] = []
    failures: list[BaseException] = []

    def search_in_a_loop() -> None:
        while not stop.is_set():
            try:
                searched.append(len(writer.search("ref", limit=1000)))
            except BaseException as exc:
                failures.append(exc)
                return

    reader = threading.Thread(target=search_in_a_loop)
    reader.start()
    try:
        started = time.monotonic()
        tickets = []
        for i in range(200):
            start = writer.started(session(f"sid-{i}"), reference=f"REF-{i}")
            tickets.append(writer.finished(start, KioskState(), SessionOutcome.WALKED_AWAY))
        assert all(ticket.wait(30) for ticket in tickets)
        written_in = time.monotonic() - started
    finally:
        stop.set()
        reader.join(10)
        assert writer.close()
    assert failures == []
    assert len(searched) > 5, "the reader was blocked"
    assert searched[-1] <= 200 and max(searched) <= 200
    assert written_in < 30
