"""Issue 14, points 1-4 and 6 (the sandbox's side): where the sandbox behaves as the vendor does.

Each test here failed on the sandbox before the issue: callbacks retried four times, deepfake was
``fine`` under 0.9, the status schema refused the vendor's own example, a ``ttlSec`` outside
10..86400 was a 422, and no session could end with the Face API's error answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.models import Scope, Status
from kiosk.sandbox.app import SandboxConfig
from kiosk.sandbox.callbacks import CallbackDispatcher
from kiosk.sandbox.cli import build_parser
from kiosk.sandbox.results import CheckThresholds, FaceError, build_result, error_result
from kiosk.sandbox.schemas import CreateSessionRequest, StatusResponse
from kiosk.sandbox.session import Scenario, bounded_ttl, next_phase_at
from kiosk.sandbox.store import SessionStore, Transition
from tests.conftest import FakeClock

VENDOR_EXAMPLE = json.loads(
    (Path(__file__).parent.parent / "data" / "vendor_status_example.json").read_text()
)
ALL = (Scope.LIVENESS, Scope.DEEPFAKE, Scope.ENROLL, Scope.SEARCH)


# 1. Callbacks: once, like the vendor; retries only when asked for.


def test_a_callback_is_tried_once_unless_retries_are_asked_for() -> None:
    assert CallbackDispatcher().attempts == 1
    assert SandboxConfig(app_id="a", app_key="k").callback_attempts == 1
    assert build_parser().parse_args([]).callback_retries == 0
    assert build_parser().parse_args(["--callback-retries", "3"]).callback_retries == 3


@pytest.mark.parametrize("value", ["-1", "11", "two"])
def test_callback_retries_out_of_range_stop_the_command(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["--callback-retries", value])
    assert stopped.value.code == 2
    assert "--callback-retries" in capsys.readouterr().err


# 2. The published status schema accepts what the vendor sends.


def test_the_status_model_accepts_the_vendors_own_example() -> None:
    parsed = StatusResponse.model_validate(VENDOR_EXAMPLE)
    assert parsed.sessionId is None and parsed.metadata is None


def test_the_sandboxs_additions_are_optional_and_documented_as_additions() -> None:
    schema = StatusResponse.model_json_schema()
    assert {"sessionId", "metadata"}.isdisjoint(schema["required"])
    for name in ("sessionId", "metadata"):
        assert "Sandbox addition" in schema["properties"][name]["description"]


# 3. fine follows the documented thresholds.


def outcomes(thresholds: CheckThresholds | None, passing: bool, n: int = 2000) -> list[Any]:
    passes = dict.fromkeys(ALL, passing)
    return [
        build_result(ALL, passes, seed=f"s-{i}", gallery=[], thresholds=thresholds)
        for i in range(n)
    ]


@pytest.mark.parametrize("passing", [True, False])
def test_fine_is_score_at_or_above_the_vendors_documented_thresholds(passing: bool) -> None:
    for result in outcomes(None, passing):
        for name, threshold in (("liveness", 0.75), ("deepfake", 0.9)):
            check = result[name]
            assert check["fine"] is passing
            assert check["fine"] is (check["score"] >= threshold), (name, check)
            assert 0.0 <= check["score"] <= 1.0


def test_thresholds_can_be_set() -> None:
    strict = CheckThresholds(liveness=0.9, deepfake=0.97)
    for result in outcomes(strict, True, 300):
        assert result["liveness"]["score"] >= 0.9 and result["deepfake"]["score"] >= 0.97
    for result in outcomes(strict, False, 300):
        assert result["deepfake"]["score"] < 0.97 and result["deepfake"]["fine"] is False
    top = CheckThresholds(liveness=1.0, deepfake=1.0)
    assert all(r["deepfake"] == {"fine": True, "score": 1.0} for r in outcomes(top, True, 20))
    args = build_parser().parse_args(["--liveness-threshold", "0.8", "--deepfake-threshold", "1"])
    assert (args.liveness_threshold, args.deepfake_threshold) == (0.8, 1.0)
    defaults = build_parser().parse_args([])
    assert (defaults.liveness_threshold, defaults.deepfake_threshold) == (0.75, 0.9)


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.01, float("nan"), float("inf")])
def test_a_threshold_where_nothing_could_fail_or_pass_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="threshold must be more than 0 and at most 1"):
        CheckThresholds(deepfake=bad)


def test_a_stores_thresholds_reach_its_results(clock: FakeClock) -> None:
    store = SessionStore(clock=clock, thresholds=CheckThresholds(liveness=0.99, deepfake=0.99))
    session = store.create(scopes=["liveness", "deepfake"], scenario=Scenario.PASS)
    clock.advance(10)
    body = store.snapshot(session.token)
    assert body is not None and body["status"] == "DONE"
    assert body["result"]["liveness"]["score"] >= 0.99
    assert body["result"]["deepfake"]["score"] >= 0.99


# 4. ttlSec is bounded by clamping; what is not a positive number is still refused.


@pytest.mark.parametrize(
    ("requested", "granted"),
    [(None, 86400), (86401, 86400), (1e12, 86400), (600, 600), (9.5, 10), (0.001, 10)],
)
def test_ttl_is_clamped_to_the_sandboxs_bounds(
    clock: FakeClock, requested: float | None, granted: float
) -> None:
    assert bounded_ttl(requested) == granted
    store = SessionStore(clock=clock)
    session = store.create(scopes=["liveness"], ttl_sec=requested)
    assert session.expires_at - session.created_at == granted


@pytest.mark.parametrize("ttl", [86401, 5, 0.5, 1e300])
def test_a_positive_ttl_out_of_bounds_is_accepted(ttl: float) -> None:
    assert CreateSessionRequest.model_validate({"scopes": ["liveness"], "ttlSec": ttl}).ttlSec


@pytest.mark.parametrize("ttl", [0, -1, -86400, "600", True, float("nan"), float("inf")])
def test_a_ttl_that_is_not_a_positive_number_is_refused(ttl: object) -> None:
    with pytest.raises(ValueError, match="ttlSec"):
        CreateSessionRequest.model_validate({"scopes": ["liveness"], "ttlSec": ttl})


# 6. The Face API's error answers, for the sandbox to give.


def test_error_result_has_the_vendors_shape() -> None:
    assert error_result(FaceError.NO_FACE) == {
        "status": "error",
        "code": 5,
        "info": "can not detect face",
    }
    assert error_result(FaceError.MANY_FACES, "two faces")["code"] == 6
    assert [int(e) for e in FaceError] == [1, 2, 3, 4, 5, 6, 9]
    for error in FaceError:
        StatusResponse.model_validate({**VENDOR_EXAMPLE, "result": error_result(error)})


@pytest.mark.parametrize(("scenario", "code"), [(Scenario.NO_FACE, 5), (Scenario.MANY_FACES, 6)])
def test_error_scenarios_fail_with_the_face_api_error(
    clock: FakeClock, scenario: Scenario, code: int
) -> None:
    store = SessionStore(clock=clock)
    session = store.create(scopes=["liveness", "search"], scenario=scenario)
    clock.advance(1)
    assert store.snapshot(session.token)["status"] == "IN_PROGRESS"  # type: ignore[index]
    clock.advance(1)
    body = store.snapshot(session.token)
    assert body is not None and body["status"] == "FAILED"
    assert body["result"] == error_result(FaceError(code))


def test_a_person_driven_step_can_fail_with_an_error(clock: FakeClock) -> None:
    """The hook for real photo analysis: a step whose photo shows no face ends the session."""
    finals: list[dict[str, Any]] = []
    store = SessionStore(clock=clock, on_final=lambda _s, body: finals.append(body))
    session = store.create(scopes=["liveness", "search"])
    store.act(session.token, Transition.START)
    store.act(session.token, Transition.STEP, step=session.next_step, failure=FaceError.NO_FACE)
    assert session.status is Status.FAILED
    assert [b["result"] for b in finals] == [error_result(FaceError.NO_FACE)]
    assert [b["status"] for b in finals] == ["FAILED"]


# Found on the way: the ticker could re-plan the same moment for ever.


def test_a_scenarios_next_phase_is_always_after_now() -> None:
    store = SessionStore(clock=FakeClock(), step_seconds=0.05)
    session = store.create(scopes=["liveness"], scenario=Scenario.PASS)
    for k in range(1, 200):
        now = session.created_at + k * 0.05  # 1.8e9 + 0.05 rounds the quotient down a phase
        assert next_phase_at(session, now, 0.05) > now, k
