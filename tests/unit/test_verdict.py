"""The verdict policy: PASS only when DONE and every requested check passed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.models import SessionStatus
from kiosk.core.verdict import Outcome, Thresholds, decide

EXAMPLE: dict[str, Any] = json.loads(
    (Path(__file__).parent.parent / "data" / "vendor_status_example.json").read_text()
)


def status_with(**result_changes: Any) -> SessionStatus:
    body = copy.deepcopy(EXAMPLE)
    for key, value in result_changes.items():
        if value is None:
            body["result"].pop(key, None)
        else:
            body["result"][key] = value
    return SessionStatus.from_wire(body)


def test_vendor_example_passes_with_a_quality_warning_as_advice() -> None:
    verdict = decide(status_with())
    assert verdict.outcome is Outcome.PASS
    assert verdict.reasons == ()
    assert [c.scope.value for c in verdict.checks] == ["liveness", "deepfake", "search"]
    assert all(c.passed for c in verdict.checks)
    assert verdict.advice == ("There was glare or flare on the photo.",)


def test_failed_liveness_fails_with_a_reason() -> None:
    verdict = decide(status_with(liveness={"fine": False, "score": 0.12}))
    assert verdict.outcome is Outcome.FAIL
    assert verdict.reasons == ("Liveness check failed: the face did not pass as a live person.",)


def test_failed_deepfake_fails_with_a_reason() -> None:
    verdict = decide(status_with(deepfake={"fine": False, "score": 0.2}))
    assert verdict.outcome is Outcome.FAIL
    assert "Deepfake check failed" in verdict.reasons[0]


def test_similarity_below_threshold_fails_and_names_both_numbers() -> None:
    verdict = decide(status_with(search={"similarity": 0.61, "templateId": "t"}))
    assert verdict.outcome is Outcome.FAIL
    assert verdict.reasons == ("Face match: similarity 0.61 is below the threshold 0.75.",)


def test_similarity_at_threshold_passes() -> None:
    assert decide(status_with(search={"similarity": 0.75, "templateId": "t"})).passed


def test_match_without_template_id_fails() -> None:
    verdict = decide(status_with(search={"similarity": 0.9, "templateId": None}))
    assert not verdict.passed
    assert "no enrolled face" in verdict.reasons[0]


def test_threshold_is_configurable() -> None:
    status = status_with(search={"similarity": 0.8, "templateId": "t"})
    assert decide(status, thresholds=Thresholds(min_similarity=0.7)).passed
    assert not decide(status, thresholds=Thresholds(min_similarity=0.85)).passed


def test_optional_score_minimums_tighten_the_vendors_fine_flag() -> None:
    status = status_with(liveness={"fine": True, "score": 0.8})
    assert decide(status).passed
    strict = decide(status, thresholds=Thresholds(min_liveness_score=0.9))
    assert strict.reasons == ("Liveness check: score 0.80 is below 0.90.",)


def test_requested_check_missing_from_the_result_fails() -> None:
    verdict = decide(status_with(deepfake=None), requested=["liveness", "deepfake"])
    assert verdict.reasons == ("Deepfake check: no result was returned.",)


def test_every_failed_check_gets_its_own_reason() -> None:
    verdict = decide(
        status_with(
            liveness={"fine": False, "score": 0.1},
            search={"similarity": 0.2, "templateId": None},
        )
    )
    assert len(verdict.reasons) == 2


def test_enroll_needs_a_template_id() -> None:
    body = {"status": "DONE", "scopes": ["enroll"], "result": {"enroll": {"templateId": "x"}}}
    assert decide(SessionStatus.from_wire(body)).passed
    body["result"] = {}
    verdict = decide(SessionStatus.from_wire(body))
    assert verdict.reasons == ("Enrolment: no face template was created.",)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("FAILED", "could not be completed"),
        ("EXPIRED", "expired"),
        ("CANCELED", "canceled"),
        ("IN_PROGRESS", "ended with status IN_PROGRESS"),
        ("SOMETHING_NEW", "ended with status SOMETHING_NEW"),
    ],
)
def test_only_done_can_pass(status: str, reason: str) -> None:
    body = copy.deepcopy(EXAMPLE)
    body["status"] = status
    verdict = decide(SessionStatus.from_wire(body))
    assert verdict.outcome is Outcome.FAIL
    assert reason in verdict.reasons[0]


def test_nothing_requested_is_not_a_pass() -> None:
    body = {"status": "DONE", "scopes": [], "result": {}}
    assert not decide(SessionStatus.from_wire(body)).passed


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_thresholds_outside_0_to_1_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        Thresholds(min_similarity=bad)
