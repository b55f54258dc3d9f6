"""Issue 14, points 5 and 6 (the kiosk's side): our own match threshold, the head pose the vendor
sends as plain numbers, and the Face API's error answers read and shown as the reason."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from kiosk.core import state as machine
from kiosk.core.journal import Journal
from kiosk.core.models import FACE_ERROR_CODES, FaceApiError, HeadPose, SessionStatus
from kiosk.core.qr import encode
from kiosk.core.settings import Settings, load
from kiosk.core.state import ActiveSession, Ending, KioskState, Phase
from kiosk.core.verdict import DEFAULT_MIN_SIMILARITY, Thresholds, decide, face_error_reason

VENDOR_EXAMPLE = json.loads(
    (Path(__file__).parent.parent / "data" / "vendor_status_example.json").read_text()
)
NO_FACE = {"status": "error", "code": 5, "info": "can not detect face"}


def status(result: object, state: str = "FAILED", **extra: Any) -> SessionStatus:
    return SessionStatus.from_wire({"status": state, "result": result, **extra})


# 5. The match threshold is ours, and easy to set.


def test_the_match_threshold_is_our_default_and_a_setting() -> None:
    assert Thresholds().min_similarity == DEFAULT_MIN_SIMILARITY == Settings().min_similarity
    doc = next(f for f in fields(Settings) if f.name == "min_similarity").metadata["kiosk.spec"]
    assert "our default" in doc.doc and doc.flag == "--min-similarity"
    assert load(None, environ={"KIOSK_MIN_SIMILARITY": "0.9"}).min_similarity == 0.9


def test_a_stricter_threshold_fails_the_vendors_example_match() -> None:
    example = SessionStatus.from_wire(VENDOR_EXAMPLE)  # similarity 0.8926
    assert decide(example).passed
    verdict = decide(example, thresholds=Thresholds(min_similarity=0.9))
    assert verdict.reasons == ("Face match: similarity 0.89 is below the threshold 0.90.",)


# 6a. Quality's head pose is kept; a number that is not an angle is dropped.


def test_the_head_pose_of_the_vendors_example_is_kept() -> None:
    result = SessionStatus.from_wire(VENDOR_EXAMPLE).result
    assert result is not None
    assert result.pose == HeadPose(
        pitch=-2.330978773534298, roll=-0.10165892774239182, yaw=2.1518145874142647
    )
    assert "yaw" not in result.quality  # a number, not a quality item with a flag


def test_no_angles_means_no_pose() -> None:
    result = status({"quality": {"blur": {"fine": True, "score": 0.1}}}, "DONE").result
    assert result is not None and result.pose is None


def test_an_angle_that_is_not_a_finite_number_of_degrees_is_dropped() -> None:
    raw = (
        b'{"status": "DONE", "scopes": ["liveness"], "result": {'
        b'"liveness": {"fine": true, "score": 0.9},'
        b'"quality": {"pitch": NaN, "roll": 1e999, "yaw": "left"}}}'
    )
    parsed = SessionStatus.from_wire(json.loads(raw))
    assert parsed.result is not None
    assert parsed.result.pose == HeadPose(None, None, None)
    assert decide(parsed).passed  # advice: it never decides the verdict
    odd = status({"quality": {"pitch": 720, "roll": True, "yaw": -0.0}}, "DONE").result
    assert odd is not None and odd.pose == HeadPose(None, None, 0.0)


# 6b. The Face API's error answers.


def test_the_face_api_error_is_read_and_its_info_is_the_reason() -> None:
    failed = status(NO_FACE)
    assert failed.result is not None
    assert failed.result.error == FaceApiError(5, "can not detect face")
    verdict = decide(failed, ["liveness", "search"])
    assert not verdict.passed
    assert verdict.reasons == ("The photo could not be checked: can not detect face (error 5).",)
    assert face_error_reason(failed) == verdict.reasons[0]


@pytest.mark.parametrize("code", sorted(FACE_ERROR_CODES))
def test_each_documented_code_without_info_gets_our_words(code: int) -> None:
    verdict = decide(status({"status": "error", "code": code}))
    assert verdict.reasons == (
        f"The photo could not be checked: {FACE_ERROR_CODES[code]} (error {code}).",
    )


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ({"status": "error"}, "unknown error."),
        ({"status": "error", "code": "5", "info": 7}, "unknown error."),
        ({"status": "error", "code": 77}, "unknown error (error 77)."),
        ({"status": "error", "code": True, "info": "  "}, "unknown error."),
        # A code no wider than the vendor's could be: 4,000 digits made a reason of 4,043
        # characters, one unbreakable word that overflowed the ended screen.
        ({"status": "error", "code": int("9" * 4000)}, "unknown error."),
        ({"status": "error", "code": -5}, "unknown error."),
    ],
    ids=["no-code", "wrong-types", "unknown-code", "bool-code", "huge-code", "negative-code"],
)
def test_an_odd_error_answer_still_fails_with_a_reason(answer: object, reason: str) -> None:
    verdict = decide(status(answer))
    assert verdict.reasons == (f"The photo could not be checked: {reason}",)


def test_the_vendors_info_is_neutralised_and_cut_short() -> None:
    hostile = "\x1b]52;c;aGk=\x07no face\u202e" + "x" * 500
    reason = decide(status({"status": "error", "code": 5, "info": hostile})).reasons[0]
    assert "\x1b" not in reason and "\x07" not in reason and "\u202e" not in reason
    assert "no face" in reason and len(reason) < 250


def test_a_done_session_whose_result_is_an_error_fails() -> None:
    verdict = decide(status(NO_FACE, "DONE", scopes=["liveness"]))
    assert not verdict.passed and "can not detect face" in verdict.reasons[0]


def test_an_error_in_one_part_fails_that_check_only() -> None:
    done = status(
        {"liveness": {"fine": True, "score": 0.9}, "search": {**NO_FACE, "code": 6, "info": "2"}},
        "DONE",
        scopes=["liveness", "search"],
    )
    verdict = decide(done)
    assert [(c.scope.value, c.passed) for c in verdict.checks] == [
        ("liveness", True),
        ("search", False),
    ]
    assert verdict.reasons == ("The photo could not be checked: 2 (error 6).",)


def test_an_expired_session_says_so_whatever_its_result() -> None:
    expired = status(NO_FACE, "EXPIRED")
    assert face_error_reason(expired) is None
    assert decide(expired).reasons == ("The verification link expired before it was completed.",)


def test_the_journal_records_the_vendors_reason_for_a_failed_session(tmp_path: Path) -> None:
    url = "https://cloud.ooto-ai.com/flow/tok-0123456789"
    session = ActiveSession("sid", "tok-0123456789", url, "cloud.ooto-ai.com", encode(url), ())
    ended = machine.status_received(KioskState(phase=Phase.QR, session=session), status(NO_FACE))
    assert (ended.phase, ended.ending) == (Phase.ENDED, Ending.FAILED)
    with Journal(tmp_path / "j.sqlite3") as journal:
        journal.finished(journal.started(session), ended)
        [entry] = journal.recent()
    assert entry.outcome == "FAILED"
    assert entry.reasons == "The photo could not be checked: can not detect face (error 5)."


def test_an_unbroken_run_gets_break_opportunities_and_loses_nothing() -> None:
    from kiosk.core.text import ZERO_WIDTH_SPACE, wrappable

    long = "A" * 60
    assert wrappable(long).replace(ZERO_WIDTH_SPACE, "") == long
    assert all(len(part) <= 20 for part in wrappable(long).split(ZERO_WIDTH_SPACE))
    assert wrappable("can not detect face") == "can not detect face"  # short words untouched
