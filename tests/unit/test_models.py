"""Parsing the wire format: the vendor's own example, unknown values, and broken shapes."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.models import CreatedSession, MalformedPayload, SessionStatus, Status, Step

EXAMPLE: dict[str, Any] = json.loads(
    (Path(__file__).parent.parent / "data" / "vendor_status_example.json").read_text()
)


def test_vendor_example_parses_into_typed_fields() -> None:
    status = SessionStatus.from_wire(EXAMPLE)

    assert status.status is Status.DONE
    assert status.status.is_final
    assert status.scopes == ("liveness", "deepfake", "search")
    assert status.next_step is None
    assert status.expires_at == datetime(2025, 9, 23, 13, 43, 31, 114000, tzinfo=UTC)
    assert status.need_captcha is False
    assert status.return_url is None
    result = status.result
    assert result is not None
    assert result.liveness is not None and result.liveness.fine is True
    assert result.liveness.score == pytest.approx(0.9612892089352414)
    assert result.deepfake is not None and result.deepfake.score == pytest.approx(0.9524966776371)
    assert result.search is not None
    assert result.search.similarity == pytest.approx(0.8926131725311279)
    assert result.search.template_id == "16de28ea-dd15-4005-9a42-539e911db2d3"
    assert result.demography == {"age": 31, "race": "white", "gender": "male"}
    # The example's flare item is not fine while the session is DONE: it is advice.
    assert result.quality_warnings == ("flare",)
    assert result.quality["contrast"].score == pytest.approx(0.542739260497907)


def test_unknown_fields_are_ignored() -> None:
    body = copy.deepcopy(EXAMPLE)
    body["brandNewField"] = {"nested": [1, 2]}
    body["result"]["newCheck"] = {"fine": True}
    assert SessionStatus.from_wire(body).status is Status.DONE


def test_unknown_status_and_step_become_unknown_not_a_crash() -> None:
    body = {"status": "ARCHIVED", "nextStep": "IRIS", "scopes": ["liveness"]}
    status = SessionStatus.from_wire(body)
    assert status.status is Status.UNKNOWN
    assert status.raw_status == "ARCHIVED"
    assert not status.status.is_final
    assert status.next_step is Step.UNKNOWN


def test_in_progress_status_reads_next_step() -> None:
    status = SessionStatus.from_wire(
        {"status": "IN_PROGRESS", "nextStep": "DEEPFAKE", "uiHints": {"needCaptcha": True}}
    )
    assert status.next_step is Step.DEEPFAKE
    assert status.need_captcha is True
    assert status.result is None


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ([], "not a JSON object"),
        ({}, "'status' is missing"),
        ({"status": 3}, "'status' is missing or not a string"),
        ({"status": "DONE", "nextStep": 5}, "'nextStep'"),
        ({"status": "DONE", "scopes": "liveness"}, "'scopes'"),
        ({"status": "DONE", "uiHints": []}, "'uiHints'"),
        ({"status": "DONE", "result": "ok"}, "'result' is not a JSON object"),
        ({"status": "DONE", "result": {"liveness": {"fine": "yes"}}}, "liveness.fine"),
        ({"status": "DONE", "result": {"liveness": {"fine": True, "score": "high"}}}, "score"),
        ({"status": "DONE", "result": {"search": {"similarity": True}}}, "similarity"),
        ({"status": "DONE", "result": {"search": []}}, "result.search"),
    ],
)
def test_broken_shapes_are_rejected_with_the_field_named(body: object, complaint: str) -> None:
    with pytest.raises(MalformedPayload, match=complaint):
        SessionStatus.from_wire(body)


def test_unreadable_timestamp_is_none_and_naive_one_is_utc() -> None:
    assert SessionStatus.from_wire({"status": "CREATED", "expiresAt": "soon"}).expires_at is None
    naive = SessionStatus.from_wire({"status": "CREATED", "expiresAt": "2030-01-02T03:04:05"})
    assert naive.expires_at == datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_enroll_template_is_read() -> None:
    body = {"status": "DONE", "result": {"enroll": {"templateId": "tpl-1"}}}
    result = SessionStatus.from_wire(body).result
    assert result is not None and result.enroll_template_id == "tpl-1"


def test_created_session_hides_its_token_and_url() -> None:
    session = CreatedSession("sid-1", "tok_SECRET_abcdef123", "https://h/flow/tok_SECRET_abcdef123")
    assert "tok_SECRET" not in repr(session)
    assert "tok_SECRET" not in str(session)
    assert "sid-1" in repr(session)
