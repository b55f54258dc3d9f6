"""Every transition of the kiosk's state machine."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.core import state as machine
from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.state import (
    ActiveSession,
    Ending,
    ErrorKind,
    KioskState,
    Phase,
    SessionOutcome,
)
from kiosk.core.verdict import Outcome, Thresholds

SESSION = ActiveSession(
    session_id="sid",
    token="tok-123456789",
    url="https://h.test/flow/tok-123456789",
    host="h.test",
    matrix=encode("https://h.test/flow/tok-123456789"),
    scopes=("liveness", "search"),
)


def status(value: str, **extra: object) -> SessionStatus:
    return SessionStatus.from_wire({"status": value, "scopes": ["liveness", "search"], **extra})


DONE_PASS = status(
    "DONE",
    result={
        "liveness": {"fine": True, "score": 0.9},
        "search": {"similarity": 0.8, "templateId": "t"},
    },
)

IDLE = KioskState()
STARTING = KioskState(phase=Phase.STARTING)
QR = KioskState(phase=Phase.QR, session=SESSION)
PROGRESS = replace(QR, phase=Phase.PROGRESS, status=status("IN_PROGRESS", nextStep="LIVENESS"))
RESULT = machine.status_received(QR, DONE_PASS)
ENDED = replace(QR, phase=Phase.ENDED, ending=Ending.EXPIRED)
ERROR = KioskState(phase=Phase.ERROR, error=ErrorKind.NETWORK, error_message="down")
ALL = [IDLE, STARTING, QR, PROGRESS, RESULT, ENDED, ERROR]


@pytest.mark.parametrize("state", [IDLE, RESULT, ENDED, ERROR])
def test_start_from_a_resting_screen_begins_afresh(state: KioskState) -> None:
    assert machine.start(state) == KioskState(phase=Phase.STARTING)


@pytest.mark.parametrize("state", [STARTING, QR, PROGRESS])
def test_start_during_a_session_is_ignored(state: KioskState) -> None:
    assert machine.start(state) is state


def test_created_shows_the_code_only_while_starting() -> None:
    assert machine.created(STARTING, SESSION) == QR
    for other in (IDLE, QR, RESULT, ERROR):
        assert machine.created(other, SESSION) is other


@pytest.mark.parametrize(
    ("value", "phase"),
    [
        ("CREATED", Phase.QR),
        ("CAPTCHA_OK", Phase.PROGRESS),
        ("IN_PROGRESS", Phase.PROGRESS),
        ("SOMETHING_NEW", Phase.PROGRESS),
        ("FAILED", Phase.ENDED),
        ("EXPIRED", Phase.ENDED),
        ("CANCELED", Phase.ENDED),
    ],
)
def test_status_picks_the_screen(value: str, phase: Phase) -> None:
    for start in (QR, PROGRESS):
        nxt = machine.status_received(start, status(value))
        assert nxt.phase is phase
        assert nxt.status is not None and nxt.status.raw_status == value


def test_endings_are_named() -> None:
    for value, ending in [("FAILED", Ending.FAILED), ("EXPIRED", Ending.EXPIRED)]:
        assert machine.status_received(QR, status(value)).ending is ending
    assert machine.status_received(QR, status("CANCELED")).ending is Ending.CANCELED


def test_done_carries_the_verdict_for_the_requested_scopes() -> None:
    assert RESULT.phase is Phase.RESULT
    assert RESULT.verdict is not None and RESULT.verdict.outcome is Outcome.PASS
    strict = machine.status_received(QR, DONE_PASS, Thresholds(min_similarity=0.9))
    assert strict.verdict is not None and strict.verdict.outcome is Outcome.FAIL


@pytest.mark.parametrize("state", [IDLE, STARTING, RESULT, ENDED, ERROR])
def test_a_status_outside_a_live_session_is_ignored(state: KioskState) -> None:
    assert machine.status_received(state, DONE_PASS) is state


def test_trouble_sets_the_banner_and_a_status_clears_it() -> None:
    troubled = machine.trouble(QR)
    assert troubled.retrying and troubled.phase is Phase.QR
    assert machine.trouble(troubled) is troubled
    assert not machine.status_received(troubled, status("CREATED")).retrying
    assert machine.trouble(STARTING).retrying
    for resting in (IDLE, RESULT, ENDED, ERROR):
        assert machine.trouble(resting) is resting


def test_failure_in_a_live_session_shows_the_error() -> None:
    for live in (STARTING, QR, PROGRESS):
        nxt = machine.failed(machine.trouble(live), ErrorKind.CREDENTIALS, "refused")
        assert (nxt.phase, nxt.error, nxt.error_message) == (
            Phase.ERROR,
            ErrorKind.CREDENTIALS,
            "refused",
        )
        assert not nxt.retrying


def test_a_late_failure_after_the_session_is_ignored_but_a_crash_is_not() -> None:
    for resting in (IDLE, RESULT, ENDED):
        assert machine.failed(resting, ErrorKind.NETWORK, "late") is resting
        assert machine.failed(resting, ErrorKind.INTERNAL, "bug").phase is Phase.ERROR


@pytest.mark.parametrize("state", ALL)
def test_cancel_ends_only_live_sessions(state: KioskState) -> None:
    expected = IDLE if state.is_live else state
    assert machine.cancel(state) == expected


@pytest.mark.parametrize("state", ALL)
def test_walk_away_only_from_the_code(state: KioskState) -> None:
    expected = IDLE if state.phase is Phase.QR else state
    assert machine.walked_away(state) == expected


@pytest.mark.parametrize("state", ALL)
def test_dismiss_only_from_resting_screens(state: KioskState) -> None:
    expected = IDLE if state.phase in (Phase.RESULT, Phase.ENDED, Phase.ERROR) else state
    assert machine.dismiss(state) == expected


@pytest.mark.parametrize("state", ALL)
def test_time_limits_are_the_walk_away_and_the_result_time(state: KioskState) -> None:
    limits = {Phase.QR: 120.0, Phase.RESULT: 15.0, Phase.ENDED: 15.0}
    got = machine.time_limit(state, walk_away_seconds=120.0, result_seconds=15.0)
    assert got == limits.get(state.phase)


@pytest.mark.parametrize("state", ALL)
def test_time_up_walks_away_from_the_code_and_dismisses_a_result(state: KioskState) -> None:
    nxt, outcome = machine.time_up(state)
    if state.phase is Phase.QR:
        assert (nxt, outcome) == (IDLE, SessionOutcome.WALKED_AWAY)
    elif state.phase in (Phase.RESULT, Phase.ENDED):
        assert (nxt, outcome) == (IDLE, None)
    else:  # no time limit: nothing to do (an error waits for someone)
        assert nxt is state and outcome is None


def test_try_again_goes_from_the_error_straight_to_starting() -> None:
    assert machine.start(ERROR) == STARTING  # never through IDLE


def test_outcomes_keep_their_stored_strings() -> None:
    failing = machine.status_received(QR, DONE_PASS, Thresholds(min_similarity=0.9))
    pairs = [
        (RESULT, "PASS"),
        (failing, "FAIL"),
        (ENDED, "EXPIRED"),
        (machine.status_received(QR, status("FAILED")), "FAILED"),
        (machine.status_received(QR, status("CANCELED")), "CANCELED"),
        (ERROR, "ERROR"),
        (IDLE, "UNFINISHED"),
        (QR, "UNFINISHED"),
    ]
    for state, stored in pairs:
        assert machine.outcome_of(state) == stored
    extra = {"CANCELED_AT_KIOSK", "WALKED_AWAY", "INTERRUPTED"}
    assert {o.value for o in SessionOutcome} == {stored for _, stored in pairs} | extra


def test_live_phases() -> None:
    assert [s.is_live for s in ALL] == [False, True, True, True, False, False, False]


def test_session_secrets_stay_out_of_repr() -> None:
    text = repr(QR)
    assert "tok-123456789" not in text
    assert "sid" in text
