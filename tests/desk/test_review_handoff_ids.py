"""Review: the hand-off's signals must name the session with the same id the desk's rows use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.handoff import Handoff
from kiosk.desk.handoff_worker import HandoffQueue
from tests.desk.results_support import Receiver

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def queues() -> Iterator[list[HandoffQueue]]:
    made: list[HandoffQueue] = []
    yield made
    for q in made:
        q.stop_and_wait()


def test_a_long_session_id_comes_back_unchanged(qtbot: QtBot, queues: list[HandoffQueue]) -> None:
    # The API keeps session ids up to 128 characters (kiosk.core.api.MAX_ID_LENGTH) and the
    # summary up to 128; DeskSessions.key_of(session_id) finds the row by exact match.
    session_id = "s" * 100
    with Receiver((200,)) as receiver:
        q = HandoffQueue(Handoff(url=receiver.url, timeout=5.0, retries=0, backoff=0.01))
        queues.append(q)
        got: list[str] = []
        q.delivered.connect(lambda sid, _msg: got.append(sid))
        assert q.submit({"schema_version": 1, "session_id": session_id})
        qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert got == [session_id]  # else the row's hand-off column says "sending…" forever
