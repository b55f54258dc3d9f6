"""Several verifications at once at the desk, against the real sandbox: each followed on its
own, each row and result right, the limit enforced, every thread stopped on quit."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from kiosk.core.state import Phase
from kiosk.desk.session_table import REFERENCE, STATUS, TIME_LEFT
from tests.desk.desk_harness import DeskUnderTest


def cell(desk: DeskUnderTest, key: int, column: int) -> str:
    model = desk.window.model
    row = model.row_of(key)
    assert row is not None
    return str(model.data(model.index(row, column)))


def test_two_sessions_at_once_each_with_its_own_outcome(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    passing = desk.start("CUST-1001", "pass")
    failing = desk.start("CASE 2002", "fail_liveness")
    # Both live together: the second did not wait for the first.
    assert desk.sessions.live_count == 2
    assert len(desk.sessions.threads) == 2
    assert cell(desk, passing, REFERENCE) == "CUST-1001"
    assert cell(desk, failing, REFERENCE) == "CASE 2002"
    qtbot.waitUntil(lambda: cell(desk, passing, TIME_LEFT) != "", timeout=5000)
    first = desk.wait_final(passing)
    second = desk.wait_final(failing)
    assert first.summary is not None and second.summary is not None
    assert (first.summary["verdict"], first.summary["reference"]) == ("PASS", "CUST-1001")
    assert (second.summary["verdict"], second.summary["reference"]) == ("FAIL", "CASE 2002")
    assert first.summary["session_id"] != second.summary["session_id"]
    assert cell(desk, passing, STATUS) == "PASS"
    assert cell(desk, failing, STATUS) == "FAIL"
    assert cell(desk, passing, TIME_LEFT) == ""  # no countdown once final
    liveness = [c for c in second.summary["checks"] if c["scope"] == "liveness"]
    assert liveness[0]["passed"] is False
    assert second.summary["reasons"], "a FAIL says why"
    qtbot.waitUntil(lambda: desk.sessions.threads == [], timeout=5000)


def test_the_selected_result_is_shown_in_full(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    key = desk.start("CUST-7", "fail_liveness")
    desk.wait_final(key)
    desk.window.table.select_key(key)
    view = desk.window.detail.result
    assert desk.window.detail.currentWidget() is view.parentWidget()
    assert view.headline.text() == "FAIL"
    checks = [view.checks.item(r, 0).text() for r in range(view.checks.rowCount())]
    assert checks == ["Liveness", "Deepfake", "Face match"]
    assert view.checks.item(0, 1).text() == "failed"
    assert view.checks.item(2, 3).text() == "at least 0.750"  # the threshold applied
    assert "•" in view.reasons.text()
    session_id = desk.session(key).session_id
    assert session_id is not None
    shown = "\n".join(
        desk.window.detail.result.details.itemAt(i).widget().text()  # type: ignore[union-attr]
        for i in range(desk.window.detail.result.details.count())
        if desk.window.detail.result.details.itemAt(i).widget() is not None
    )
    shown = shown.replace("\u200b", "")  # the invisible break points that let an id wrap
    assert session_id in shown and "CUST-7" in shown


def test_a_live_session_shows_its_code_and_can_be_cancelled(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    key = desk.start("WAITING", None)  # nobody scans: it stays on the code
    desk.wait_phase(key, Phase.QR)
    desk.window.table.select_key(key)
    assert desk.window.detail.qr.matrix is not None
    desk.window.detail.cancel_button.click()
    assert not desk.session(key).live
    assert "Cancelled at the desk" in cell(desk, key, STATUS)
    qtbot.waitUntil(lambda: desk.sessions.threads == [], timeout=5000)


def test_the_limit_is_enforced_with_a_message(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    desk.sessions.limit = 2  # the same rule as at 8, with fewer sessions to wait for
    desk.start("A", None)
    desk.start("B", None)
    assert desk.window.start("C", ("liveness",)) is None
    assert desk.sessions.live_count == 2 and len(desk.sessions.keys) == 2
    box = desk.window.limit_box
    assert box.isVisible()
    assert "2 verifications are already running" in box.text()
    box.close()
    # Ctrl+N says the same instead of opening the dialog.
    qtbot.keyClick(desk.window, "n", modifier=desk_modifier())
    assert desk.window.limit_box.isVisible()


def test_quitting_with_two_live_sessions_stops_every_worker(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    desk.start("LIVE-1", None)
    desk.start("LIVE-2", None)
    assert len(desk.sessions.threads) == 2
    desk.window.close()  # the window asks (answered yes here), then the app quits
    desk.desk.shutdown()  # what aboutToQuit runs
    assert desk.sessions.threads == []
    assert desk.journal_path.exists()


def test_a_failure_is_a_row_message_with_a_way_forward(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    desk = make_desk()
    desk.desk.sessions.start("BROKEN", ("not-a-scope",))  # the server refuses the request
    key = desk.sessions.keys[-1]
    desk.wait_final(key)
    assert desk.session(key).state.phase is Phase.ERROR
    status = cell(desk, key, STATUS)
    assert status.startswith("Error: ") and "retry or close" in status
    assert "Traceback" not in status
    desk.window.table.select_key(key)
    assert desk.window.detail.retry_button.isVisible()
    desk.window.detail.close_button.click()
    assert desk.sessions.get(key) is None


def desk_modifier() -> object:
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier


def test_the_journal_rows_carry_the_references(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    from kiosk.core.journal import Journal

    desk = make_desk()
    passing = desk.start("CUST-1001", "pass")
    failing = desk.start("CASE 2002", "fail_liveness")
    ids = {desk.wait_final(k).session_id: k for k in (passing, failing)}

    def rows() -> dict[str, tuple[str | None, str | None]]:
        with Journal(desk.journal_path, read_only=True) as journal:
            return {e.session_id: (e.reference, e.outcome) for e in journal.recent(10)}

    def both_ended() -> None:
        found = rows()
        assert all(found.get(i, (None, None))[1] for i in ids), found

    qtbot.waitUntil(both_ended, timeout=5000)
    found = rows()
    assert found[desk.session(passing).session_id or ""] == ("CUST-1001", "PASS")
    assert found[desk.session(failing).session_id or ""] == ("CASE 2002", "FAIL")


def test_a_session_cancelled_or_interrupted_is_journalled_so(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    from kiosk.core.journal import Journal

    desk = make_desk()
    cancelled = desk.start("GONE", None)
    interrupted = desk.start("QUIT", None)
    desk.sessions.cancel(cancelled)
    desk.desk.shutdown()  # closes the journal once its rows are written
    with Journal(desk.journal_path, read_only=True) as journal:
        found = {e.reference: e.outcome for e in journal.recent(10)}
    assert found == {"GONE": "CANCELED_AT_KIOSK", "QUIT": "INTERRUPTED"}
    assert desk.session(interrupted).session_id is not None


def test_the_reference_reaches_the_server_as_metadata(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    import httpx

    from tests.conftest import AUTH

    desk = make_desk()
    key = desk.start("CUST-META", None)
    active = desk.session(key).state.session
    assert active is not None
    url = f"{desk.sandbox.local_url}/api/v1.0/flow/sessions/{active.token}"
    body = httpx.get(url, headers=AUTH, timeout=5).json()
    assert body["metadata"]["reference"] == "CUST-META"
    assert body["scopes"] == ["liveness", "deepfake", "search"]


def test_a_stalled_session_does_not_slow_another(
    qtbot: QtBot, make_desk: Callable[..., DeskUnderTest]
) -> None:
    """One session's server never answers (its runner waits until told to stop); another,
    started after it, still reaches its verdict at its own pace, and quitting ends both."""
    import threading

    from kiosk.desk.desk_sessions import DeskSessions

    desk = make_desk()
    real = desk.sessions._make_runner
    entered = threading.Event()

    class Stalled:
        def run(self, listener: object, stop: threading.Event) -> None:
            entered.set()
            stop.wait()  # a request that never returns, until the desk stops the worker

    def make_runner(reference: str | None, scopes: tuple[str, ...]) -> Callable[[], object]:
        if reference == "STUCK":
            return Stalled
        return real(reference, scopes)

    sessions: DeskSessions = desk.sessions
    sessions._make_runner = make_runner  # type: ignore[assignment]
    stuck = desk.window.start("STUCK", ("liveness",))
    assert stuck is not None
    qtbot.waitUntil(entered.is_set)
    moving = desk.start("MOVING", "pass")
    done = desk.wait_final(moving)
    assert done.summary is not None and done.summary["verdict"] == "PASS"
    assert desk.session(stuck).live  # still waiting on its server, alone
    desk.desk.shutdown()
    assert sessions.threads == []
