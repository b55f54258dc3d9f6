"""Issue 9, point 8: NaN, infinite and out-of-range scores never give PASS."""

from __future__ import annotations

import math

import httpx
import pytest

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.errors import UnreadableResponse
from kiosk.core.models import Check, Result, SearchMatch, SessionStatus, Status
from kiosk.core.verdict import Outcome, Thresholds, decide
from tests.security.hostile import done_status, run_verify, send_json, serving, session_then

BAD_NUMBERS = [math.nan, math.inf, -math.inf, 1.5, -0.2]


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize("where", ["similarity", "liveness", "deepfake"])
def test_a_bad_score_from_the_wire_fails_with_a_reason(where: str, value: float) -> None:
    body = done_status()
    if where == "similarity":
        body["result"]["search"]["similarity"] = value
    else:
        body["result"][where]["score"] = value
    verdict = decide(SessionStatus.from_wire(body), thresholds=Thresholds(min_similarity=0.75))
    assert verdict.outcome is Outcome.FAIL
    assert any("invalid" in reason for reason in verdict.reasons), verdict.reasons


@pytest.mark.parametrize("value", [math.nan, math.inf, 2.0])
def test_the_policy_refuses_bad_numbers_it_is_handed_directly(value: float) -> None:
    """Defence in depth: a Result built in code (not parsed) cannot pass either."""
    result = Result(
        liveness=Check(fine=True, score=value),
        deepfake=Check(fine=True, score=0.9),
        search=SearchMatch(similarity=value, template_id="t-1"),
    )
    status = SessionStatus(
        status=Status.DONE,
        raw_status="DONE",
        scopes=("liveness", "deepfake", "search"),
        next_step=None,
        expires_at=None,
        need_captcha=False,
        return_url=None,
        result=result,
    )
    verdict = decide(status, thresholds=Thresholds(min_liveness_score=0.5))
    assert verdict.outcome is Outcome.FAIL
    failed = {c.scope.value for c in verdict.checks if not c.passed}
    assert failed == {"liveness", "search"}


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity", b"1e999"])
def test_json_constants_that_are_not_numbers_make_the_answer_unreadable(literal: bytes) -> None:
    body = b'{"status":"DONE","result":{"search":{"similarity":%s,"templateId":"t"}}}' % literal

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    client = VerificationClient(
        "https://api.test", Credentials("id", "key-123456"), transport=httpx.MockTransport(handler)
    )
    with client, pytest.raises(UnreadableResponse):
        client.get_status("token-abcdef")


def test_verify_never_passes_a_nan_similarity() -> None:
    raw = (
        b'{"status":"DONE","scopes":["liveness","deepfake","search"],"result":{'
        b'"liveness":{"fine":true,"score":NaN},"deepfake":{"fine":true,"score":NaN},'
        b'"search":{"similarity":NaN,"templateId":"t-1"}}}'
    )
    with serving(session_then(lambda path, conn, stop: send_json(conn, raw))) as server:
        run = run_verify(server.url, "--no-qr")
    assert run.code == 4, run.out + run.err  # an unreadable answer, not PASS (0)
    assert "VERDICT: PASS" not in run.out
    assert "fix:" in run.err


def test_verify_fails_an_out_of_range_similarity_with_a_reason() -> None:
    with serving(
        session_then(lambda path, conn, stop: send_json(conn, done_status(similarity=1.5)))
    ) as server:
        run = run_verify(server.url, "--no-qr")
    assert run.code == 1, run.out + run.err
    assert "VERDICT: FAIL" in run.out
    assert "invalid similarity" in run.out
