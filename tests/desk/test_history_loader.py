"""The history's queries run off the GUI thread, one at a time, and typing fast runs only the
first and the last of the queries asked for while one was running."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from kiosk.core.journal import JournalEntry, JournalError
from kiosk.desk.history_loader import HistoryLoader, HistoryQuery


def test_the_latest_query_replaces_those_waiting(qtbot: QtBot) -> None:
    gate = threading.Event()
    ran: list[str] = []
    gui = threading.current_thread()
    threads: list[threading.Thread] = []

    def search(query: HistoryQuery) -> list[JournalEntry]:
        threads.append(threading.current_thread())
        gate.wait(5)
        ran.append(query.text)
        return []

    loader = HistoryLoader(search)
    got: list[str] = []
    loader.loaded.connect(lambda query, entries: got.append(query.text))
    for text in ("a", "ab", "abc", "abcd"):
        loader.load(HistoryQuery(text=text))
    assert loader.busy
    gate.set()
    qtbot.waitUntil(lambda: not loader.busy)
    assert ran == got == ["a", "abcd"]
    assert gui not in threads


def test_a_failing_query_says_why(qtbot: QtBot) -> None:
    def search(query: HistoryQuery) -> list[JournalEntry]:
        raise JournalError("/x/journal.sqlite3: the journal is locked by another program")

    loader = HistoryLoader(search)
    with qtbot.waitSignal(loader.failed) as failed:
        loader.load(HistoryQuery())
    assert failed.args is not None
    assert "locked" in failed.args[1]
    qtbot.waitUntil(lambda: not loader.busy)
