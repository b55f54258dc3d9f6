"""The desk's hand-off queue: results delivered off the GUI thread, failures reported as
signals, and a quit that does not wait for a hanging hook."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.handoff import Handoff
from kiosk.desk.handoff_worker import HandoffQueue
from tests.desk.results_support import Receiver, recorder, script

pytestmark = pytest.mark.timeout(60)


def _summary(session_id: str, reference: str = "CUST-1") -> dict[str, Any]:
    return {"schema_version": 1, "session_id": session_id, "reference": reference}


_made: list[HandoffQueue] = []


@pytest.fixture(autouse=True)
def _stop_queues() -> Iterator[None]:
    """Every queue a test made is stopped at its end, passed or not (no thread outlives it)."""
    yield
    while _made:
        _made.pop().stop_and_wait()


def _queue(qtbot: QtBot, **kwargs: Any) -> HandoffQueue:
    kwargs.setdefault("timeout", 5.0)
    kwargs.setdefault("retries", 0)
    kwargs.setdefault("backoff", 0.01)
    handoff_queue = HandoffQueue(Handoff(**kwargs))
    _made.append(handoff_queue)
    return handoff_queue


def test_two_results_reach_the_receiver_in_order(qtbot: QtBot) -> None:
    with Receiver((200,)) as receiver:
        handoff_queue = _queue(qtbot, url=receiver.url)
        delivered: list[tuple[str, str]] = []
        handoff_queue.delivered.connect(lambda sid, msg: delivered.append((sid, msg)))
        assert handoff_queue.submit(_summary("sess-1", "A-1"))
        assert handoff_queue.submit(_summary("sess-2", "B-2"))
        qtbot.waitUntil(lambda: len(delivered) == 2, timeout=10_000)
    assert delivered == [("sess-1", "delivered"), ("sess-2", "delivered")]
    assert [json.loads(body)["reference"] for _, body in receiver.requests] == ["A-1", "B-2"]


def test_a_command_hook_gets_the_result(qtbot: QtBot, tmp_path: Path) -> None:
    command, out = recorder(tmp_path)
    handoff_queue = _queue(qtbot, command=command)
    with qtbot.waitSignal(handoff_queue.delivered, timeout=10_000) as signal:
        handoff_queue.submit(_summary("sess-7", "CUST-77"))
    assert signal.args == ["sess-7", "delivered"]
    assert json.loads((out / "received-1.json").read_text())["reference"] == "CUST-77"


def test_a_failing_hook_is_reported_through_the_failed_signal(qtbot: QtBot, tmp_path: Path) -> None:
    command, _ = recorder(tmp_path, fail_first=99)
    handoff_queue = _queue(qtbot, command=command, retries=1)
    with qtbot.waitSignal(handoff_queue.failed, timeout=10_000) as signal:
        handoff_queue.submit(_summary("sess-8"))
    assert signal.args == [
        "sess-8",
        "not delivered after 2 attempts: the command exited with code 1: bank system busy",
    ]


def test_a_receiver_that_fails_is_reported_too(qtbot: QtBot) -> None:
    with Receiver((500,)) as receiver:
        handoff_queue = _queue(qtbot, url=receiver.url)
        with qtbot.waitSignal(handoff_queue.failed, timeout=10_000) as signal:
            handoff_queue.submit(_summary("sess-9"))
    assert signal.args[0] == "sess-9"
    assert "the receiver answered 500" in signal.args[1]


def test_without_a_hook_nothing_is_queued(qtbot: QtBot) -> None:
    handoff_queue = _queue(qtbot)
    assert not handoff_queue.configured
    assert not handoff_queue.submit(_summary("sess-1"))


def test_stop_and_wait_ends_a_hanging_command_quickly(qtbot: QtBot, tmp_path: Path) -> None:
    started_file = tmp_path / "started"
    body = f"import pathlib, time; pathlib.Path({str(started_file)!r}).touch(); time.sleep(120)"
    handoff_queue = _queue(qtbot, command=script(tmp_path, "hang", body), timeout=60, retries=5)
    signals: list[str] = []
    handoff_queue.delivered.connect(lambda sid, _: signals.append(sid))
    handoff_queue.failed.connect(lambda sid, _: signals.append(sid))
    handoff_queue.submit(_summary("sess-hang"))
    handoff_queue.submit(_summary("sess-next"))
    qtbot.waitUntil(started_file.exists, timeout=10_000)
    began = time.monotonic()
    assert handoff_queue.stop_and_wait()
    assert time.monotonic() - began < 1.0
    qtbot.wait(100)  # a signal queued before the stop would arrive now
    assert signals == []
    assert not handoff_queue.submit(_summary("sess-late"))


def test_stop_and_wait_ends_a_post_to_a_silent_receiver_quickly(qtbot: QtBot) -> None:
    with Receiver(hang=True) as receiver:
        handoff_queue = _queue(qtbot, url=receiver.url, timeout=60)
        handoff_queue.submit(_summary("sess-silent"))
        qtbot.waitUntil(lambda: receiver.attempts == 1, timeout=10_000)
        began = time.monotonic()
        assert handoff_queue.stop_and_wait()
        assert time.monotonic() - began < 1.0


def test_quitting_the_application_stops_the_queue(qtbot: QtBot, tmp_path: Path, qapp: Any) -> None:
    started_file = tmp_path / "started"
    body = f"import pathlib, time; pathlib.Path({str(started_file)!r}).touch(); time.sleep(120)"
    handoff_queue = _queue(qtbot, command=script(tmp_path, "hang", body), timeout=60)
    handoff_queue.submit(_summary("sess-quit"))
    qtbot.waitUntil(started_file.exists, timeout=10_000)
    began = time.monotonic()
    qapp.aboutToQuit.emit()  # what QCoreApplication.quit() emits on the way out
    assert time.monotonic() - began < 1.5
    assert not handoff_queue.submit(_summary("sess-after"))


def test_a_changed_hook_is_used_from_the_next_result(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, first_out = recorder(tmp_path / "a")
    second, second_out = recorder(tmp_path / "b")
    handoff_queue = _queue(qtbot, command=first)
    with qtbot.waitSignal(handoff_queue.delivered, timeout=10_000):
        handoff_queue.submit(_summary("sess-1"))
    handoff_queue.set_handoff(Handoff(command=second, timeout=5.0, retries=0))
    with qtbot.waitSignal(handoff_queue.delivered, timeout=10_000):
        handoff_queue.submit(_summary("sess-2"))
    assert json.loads((first_out / "received-1.json").read_text())["session_id"] == "sess-1"
    assert json.loads((second_out / "received-1.json").read_text())["session_id"] == "sess-2"
