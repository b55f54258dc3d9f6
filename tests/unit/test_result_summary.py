"""The desk's result summary: what the employee copies and the hand-off hook receives."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from typing import Any

import pytest

from kiosk.core import state as st
from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.result_summary import SCHEMA_VERSION, iso_utc, summarize, summary_json
from kiosk.core.verdict import Thresholds

TOKEN = "tok-SECRET-4f9a1c7e2b8d0e6a3c5b9d1f7a2e4c6b8d0f2a4c6"
URL = f"http://127.0.0.1:8765/flow/{TOKEN}"
STARTED = datetime(2026, 11, 26, 9, 30, 0, tzinfo=UTC).timestamp()
ENDED = STARTED + 95.5
ALL = ("liveness", "deepfake", "enroll", "search")


def _session(scopes: tuple[str, ...] = ALL) -> st.ActiveSession:
    return st.ActiveSession("sess-42", TOKEN, URL, "127.0.0.1:8765", encode(URL), scopes)


def _status(status: str = "DONE", **result: Any) -> SessionStatus:
    body: dict[str, Any] = {"status": status, "scopes": list(ALL), "nextStep": None}
    if result:
        body["result"] = result
    return SessionStatus.from_wire(body)


GOOD = {
    "liveness": {"fine": True, "score": 0.91},
    "deepfake": {"fine": True, "score": 0.97},
    "enroll": {"templateId": "tpl-new-7"},
    "search": {"similarity": 0.88, "templateId": "tpl-old-3"},
    "quality": {"flare": {"fine": False, "value": 0.4}},
}


def _final(status: SessionStatus, scopes: tuple[str, ...] = ALL, **limits: Any) -> st.KioskState:
    state = st.created(st.start(st.KioskState()), _session(scopes))
    return st.status_received(state, status, Thresholds(**limits))


def _summary(state: st.KioskState, **limits: Any) -> dict[str, Any]:
    return summarize(
        state,
        reference="CUST-1001",
        thresholds=Thresholds(**limits),
        started_at=STARTED,
        ended_at=ENDED,
    )


def _check(summary: dict[str, Any], scope: str) -> dict[str, Any]:
    return next(c for c in summary["checks"] if c["scope"] == scope)


def test_a_pass_holds_every_check_with_its_score_and_threshold() -> None:
    summary = _summary(_final(_status(**GOOD)))
    assert summary["schema_version"] == SCHEMA_VERSION
    assert summary["verdict"] == "PASS"
    assert summary["ending"] is None
    assert summary["outcome"] == "PASS"
    assert summary["status"] == "DONE"
    assert summary["reference"] == "CUST-1001"
    assert summary["session_id"] == "sess-42"
    assert summary["search_template_id"] == "tpl-old-3"
    assert summary["enrolled_template_id"] == "tpl-new-7"
    assert summary["started_at"] == "2026-11-26T09:30:00Z"
    assert summary["ended_at"] == "2026-11-26T09:31:35Z"
    assert summary["reasons"] == []
    assert summary["advice"] == ["There was glare or flare on the photo."]
    assert summary["error"] is None
    assert [c["scope"] for c in summary["checks"]] == list(ALL)
    assert all(c["passed"] is True and c["reason"] is None for c in summary["checks"])
    assert _check(summary, "liveness")["score"] == 0.91
    assert _check(summary, "search") == {
        "scope": "search",
        "passed": True,
        "score": 0.88,
        "threshold": 0.75,
        "threshold_basis": "minimum",
        "reason": None,
    }
    assert _check(summary, "enroll")["threshold_basis"] == "template_created"


def test_vendor_flag_thresholds_are_null_and_named_as_the_vendors() -> None:
    summary = _summary(_final(_status(**GOOD)))
    for scope in ("liveness", "deepfake"):
        assert _check(summary, scope)["threshold"] is None
        assert _check(summary, scope)["threshold_basis"] == "vendor_flag"


def test_configured_minimums_are_the_thresholds_shown() -> None:
    limits = {"min_similarity": 0.9, "min_liveness_score": 0.95, "min_deepfake_score": 0.8}
    summary = _summary(_final(_status(**GOOD), **limits), **limits)
    assert summary["verdict"] == "FAIL"
    liveness = _check(summary, "liveness")
    assert liveness["threshold"] == 0.95
    assert liveness["threshold_basis"] == "vendor_flag_and_minimum"
    assert liveness["passed"] is False
    assert "below 0.95" in liveness["reason"]
    assert _check(summary, "deepfake")["threshold"] == 0.8
    assert _check(summary, "deepfake")["passed"] is True
    assert _check(summary, "search")["threshold"] == 0.9
    assert _check(summary, "search")["passed"] is False
    assert len(summary["reasons"]) == 2


def test_a_fail_names_the_failed_check_and_its_reason() -> None:
    result = dict(GOOD, liveness={"fine": False, "score": 0.12})
    summary = _summary(_final(_status(**result)))
    assert summary["verdict"] == "FAIL"
    assert summary["outcome"] == "FAIL"
    assert _check(summary, "liveness") == {
        "scope": "liveness",
        "passed": False,
        "score": 0.12,
        "threshold": None,
        "threshold_basis": "vendor_flag",
        "reason": "Liveness check failed: the face did not pass as a live person.",
    }
    assert summary["reasons"] == [_check(summary, "liveness")["reason"]]


def test_only_the_requested_checks_are_listed() -> None:
    summary = _summary(_final(_status(**GOOD), scopes=("liveness", "search")))
    assert [c["scope"] for c in summary["checks"]] == ["liveness", "search"]


@pytest.mark.parametrize("status", ["EXPIRED", "CANCELED", "FAILED"])
def test_an_ended_session_has_no_verdict_but_its_ending_and_reason(status: str) -> None:
    summary = _summary(_final(_status(status)))
    assert summary["verdict"] is None
    assert summary["ending"] == status.lower()
    assert summary["outcome"] == status
    assert summary["status"] == status
    assert len(summary["reasons"]) == 1
    assert all(c["passed"] is None and c["score"] is None for c in summary["checks"])
    # The thresholds that would have applied are still said.
    assert _check(summary, "search")["threshold"] == 0.75


def test_a_face_api_error_that_ended_the_session_is_its_reason() -> None:
    body = {"status": "FAILED", "scopes": list(ALL), "result": {"status": "error", "code": 5}}
    summary = _summary(_final(SessionStatus.from_wire(body)))
    assert summary["ending"] == "failed"
    assert summary["reasons"] == ["The photo could not be checked: no face (error 5)."]


def test_a_whole_photo_error_fails_every_requested_check() -> None:
    body = {"status": "DONE", "scopes": list(ALL), "result": {"status": "error", "code": 6}}
    summary = _summary(_final(SessionStatus.from_wire(body)))
    assert summary["verdict"] == "FAIL"
    assert [c["passed"] for c in summary["checks"]] == [False] * 4


def test_an_error_state_carries_the_kind_and_staff_message() -> None:
    live = st.created(st.start(st.KioskState()), _session())
    state = st.failed(live, st.ErrorKind.NETWORK, "The server did not answer.\x1b[2J")
    summary = _summary(state)
    assert summary["verdict"] is None
    assert summary["ending"] == "error"
    assert summary["outcome"] == "ERROR"
    assert summary["status"] is None
    assert summary["error"] == {"kind": "network", "message": "The server did not answer.?[2J"}
    assert summary["session_id"] == "sess-42"


def test_an_error_before_the_session_existed_has_no_session_id() -> None:
    state = st.failed(st.start(st.KioskState()), st.ErrorKind.CREDENTIALS, "Refused.")
    summary = _summary(state)
    assert summary["session_id"] is None
    assert summary["checks"] == []
    assert summary["error"]["kind"] == "credentials"


def test_no_token_no_url_anywhere_in_the_json() -> None:
    for state in (
        _final(_status(**GOOD)),
        _final(_status("EXPIRED")),
        st.failed(st.created(st.start(st.KioskState()), _session()), st.ErrorKind.NETWORK, "x"),
    ):
        text = summary_json(_summary(state))
        assert TOKEN not in text
        assert TOKEN[:12] not in text
        assert "http" not in text
        assert "/flow/" not in text


def test_non_finite_scores_never_appear() -> None:
    result = dict(
        GOOD,
        liveness={"fine": True, "score": float("nan")},
        search={"similarity": float("inf"), "templateId": "t"},
    )
    summary = _summary(_final(_status(**result)))
    text = summary_json(summary)  # allow_nan=False: raises if one slipped through
    for token in ("NaN", "Infinity"):
        assert token not in text
    assert _check(summary, "liveness")["score"] is None
    assert _check(summary, "search")["score"] is None
    assert summary["verdict"] == "FAIL"


def test_summary_json_refuses_a_non_finite_number() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        summary_json({"score": math.nan})


def test_server_and_employee_text_is_neutralised() -> None:
    body = {
        "status": "DONE",
        "scopes": ["liveness"],
        "result": {"liveness": {"status": "error", "code": 5, "info": "bad\u202eevil\x1b[2J"}},
    }
    state = _final(SessionStatus.from_wire(body), scopes=("liveness",))
    summary = summarize(
        state,
        reference="  C-7\x1b[31m\u202e ",
        thresholds=Thresholds(),
        started_at=STARTED,
        ended_at=None,
    )
    text = summary_json(summary)
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in text
    assert summary["reference"] == "C-7?[31m?"
    assert "bad?evil?[2J" in summary["reasons"][0]
    assert summary["ended_at"] is None


def test_an_unknown_status_is_unfinished_and_its_raw_text_neutralised() -> None:
    body = {"status": "WEIRD\x1b]52;c;aGk=\x07", "scopes": ["liveness"]}
    summary = _summary(_final(SessionStatus.from_wire(body), scopes=("liveness",)))
    assert summary["status"] == "WEIRD?]52;c;aGk=?"
    assert summary["ending"] == "unfinished"
    assert summary["outcome"] == "UNFINISHED"
    assert summary["checks"][0]["passed"] is None


def test_an_empty_reference_is_null_and_a_long_one_is_cut() -> None:
    summary = summarize(
        _final(_status(**GOOD)),
        reference="   ",
        thresholds=Thresholds(),
        started_at=STARTED,
        ended_at=ENDED,
    )
    assert summary["reference"] is None
    long = summarize(
        _final(_status(**GOOD)),
        reference="R" * 1000,
        thresholds=Thresholds(),
        started_at=STARTED,
        ended_at=ENDED,
        kiosk_name="desk-3",
    )
    assert len(long["reference"]) == 120
    assert long["kiosk"] == "desk-3"


def test_the_json_round_trips_and_keeps_the_key_order() -> None:
    summary = _summary(_final(_status(**GOOD)))
    text = summary_json(summary)
    assert json.loads(text) == summary
    assert next(iter(json.loads(text))) == "schema_version"


@pytest.mark.parametrize("value", [None, math.nan, math.inf, 1e30])
def test_unusable_times_are_null(value: float | None) -> None:
    assert iso_utc(value) is None
