"""The sandbox's lifecycle, on a fake clock: scenarios, the flow page's actions, TTL, retention."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.core.models import Status, Step
from kiosk.sandbox.store import (
    RETENTION_SECONDS,
    InvalidAction,
    Scenario,
    SessionStore,
    Transition,
)
from tests.conftest import FakeClock

ALL = ["liveness", "deepfake", "enroll", "search"]


def walk(store: SessionStore, clock: FakeClock, token: str, phases: int) -> list[tuple[Any, ...]]:
    """(status, nextStep) at each whole step of the timeline, starting at creation."""
    seen = []
    for _ in range(phases):
        body = store.snapshot(token)
        assert body is not None
        seen.append((body["status"], body["nextStep"]))
        clock.advance(store.step_seconds)
    return seen


@pytest.fixture
def finals() -> list[dict[str, Any]]:
    return []


@pytest.fixture
def store(clock: FakeClock, finals: list[dict[str, Any]]) -> SessionStore:
    return SessionStore(step_seconds=1.0, clock=clock, on_final=lambda s, body: finals.append(body))


def test_pass_walks_the_steps_in_the_vendors_order(store: SessionStore, clock: FakeClock) -> None:
    session = store.create(scopes=["search", "liveness", "deepfake"], scenario=Scenario.PASS)
    assert walk(store, clock, session.token, 6) == [
        ("CREATED", None),
        ("IN_PROGRESS", "LIVENESS"),
        ("IN_PROGRESS", "DEEPFAKE"),
        ("IN_PROGRESS", "SEARCH"),
        ("DONE", None),
        ("DONE", None),
    ]
    body = store.snapshot(session.token)
    assert body is not None
    # The scopes are echoed as requested; the result carries exactly what they produce.
    assert body["scopes"] == ["search", "liveness", "deepfake"]
    result = body["result"]
    assert set(result) == {
        "box",
        "landmarks",
        "quality",
        "demography",
        "liveness",
        "deepfake",
        "search",
    }
    assert result["liveness"]["fine"] and result["deepfake"]["fine"]
    assert result["search"]["similarity"] >= 0.75 and result["search"]["templateId"]


def test_captcha_comes_first_when_asked(store: SessionStore, clock: FakeClock) -> None:
    session = store.create(scopes=["liveness"], scenario=Scenario.PASS, need_captcha=True)
    assert walk(store, clock, session.token, 4) == [
        ("CREATED", None),
        ("CAPTCHA_OK", None),
        ("IN_PROGRESS", "LIVENESS"),
        ("DONE", None),
    ]


@pytest.mark.parametrize(
    ("scenario", "failing_part"),
    [
        (Scenario.FAIL_LIVENESS, "liveness"),
        (Scenario.FAIL_DEEPFAKE, "deepfake"),
        (Scenario.NO_MATCH, "search"),
    ],
)
def test_failing_scenarios_finish_done_with_that_check_failed(
    store: SessionStore, clock: FakeClock, scenario: Scenario, failing_part: str
) -> None:
    session = store.create(scopes=["liveness", "deepfake", "search"], scenario=scenario)
    clock.advance(10)
    body = store.snapshot(session.token)
    assert body is not None and body["status"] == "DONE"
    result = body["result"]
    for part in ("liveness", "deepfake"):
        assert result[part]["fine"] is (part != failing_part)
    matched = result["search"]["similarity"] >= 0.75 and result["search"]["templateId"]
    assert bool(matched) is (failing_part != "search")


@pytest.mark.parametrize(
    ("scenario", "timeline"),
    [
        (Scenario.FAIL, [("CREATED", None), ("IN_PROGRESS", "LIVENESS"), ("FAILED", None)]),
        (Scenario.CANCEL, [("CREATED", None), ("IN_PROGRESS", "LIVENESS"), ("CANCELED", None)]),
        (Scenario.EXPIRE, [("CREATED", None), ("CREATED", None), ("EXPIRED", None)]),
    ],
)
def test_scenarios_that_end_early(
    store: SessionStore, clock: FakeClock, scenario: Scenario, timeline: list[tuple[Any, ...]]
) -> None:
    session = store.create(scopes=["liveness", "deepfake"], scenario=scenario)
    assert walk(store, clock, session.token, 3) == timeline
    body = store.snapshot(session.token)
    assert body is not None and body["result"] is None


def test_session_past_its_ttl_reads_expired(store: SessionStore, clock: FakeClock) -> None:
    session = store.create(scopes=["liveness"], ttl_sec=60)
    clock.advance(59.9)
    assert store.snapshot(session.token)["status"] == "CREATED"  # type: ignore[index]
    clock.advance(0.1)
    assert store.snapshot(session.token)["status"] == "EXPIRED"  # type: ignore[index]


def test_ttl_is_at_most_a_day_and_expires_at_is_iso_utc(
    store: SessionStore, clock: FakeClock
) -> None:
    clock.now = 1_800_000_000.5
    session = store.create(scopes=["liveness"], ttl_sec=999_999)
    assert session.expires_at - session.created_at == 86400
    assert store.snapshot(session.token)["expiresAt"] == "2027-01-16T08:00:00.500Z"  # type: ignore[index]


def test_person_driven_flow(store: SessionStore, finals: list[dict[str, Any]]) -> None:
    session = store.create(scopes=["liveness", "enroll", "search"])
    token = session.token
    store.act(token, Transition.START)
    assert session.next_step is Step.LIVENESS
    store.act(token, Transition.STEP, step=Step.LIVENESS, passed=True, photo_size=(1000, 1400))
    store.act(token, Transition.STEP, step=Step.ENROLL)
    assert finals == []
    store.act(token, Transition.STEP, step=Step.SEARCH, passed=True)
    assert session.status is Status.DONE and session.next_step is None
    result = session.result
    assert result is not None
    # The match is the template this very session enrolled; the box sits in the uploaded photo.
    assert result["search"]["templateId"] == result["enroll"]["templateId"]
    assert result["box"]["x"] + result["box"]["w"] <= 1000 + 20
    assert [f["status"] for f in finals] == ["DONE"]


def test_enrolled_templates_are_found_by_later_searches(store: SessionStore) -> None:
    first = store.create(scopes=["enroll"])
    store.act(first.token, Transition.START)
    store.act(first.token, Transition.STEP, step=Step.ENROLL)
    assert first.result is not None
    enrolled = first.result["enroll"]["templateId"]
    second = store.create(scopes=["search"])
    store.act(second.token, Transition.START)
    store.act(second.token, Transition.STEP, step=Step.SEARCH)
    assert second.result is not None and second.result["search"]["templateId"] == enrolled


def test_captcha_needs_the_right_answer(store: SessionStore) -> None:
    session = store.create(scopes=["liveness"], need_captcha=True)
    with pytest.raises(InvalidAction, match="flow cannot start"):
        store.act(session.token, Transition.START)
    with pytest.raises(InvalidAction, match="not right"):
        store.act(session.token, Transition.CAPTCHA, answer=sum(session.captcha) + 1)
    store.act(session.token, Transition.CAPTCHA, answer=sum(session.captcha))
    assert session.status is Status.CAPTCHA_OK
    store.act(session.token, Transition.START)
    assert session.status is Status.IN_PROGRESS


def test_actions_that_do_not_fit_change_nothing(store: SessionStore) -> None:
    session = store.create(scopes=["liveness", "deepfake"])
    with pytest.raises(InvalidAction):
        store.act(session.token, Transition.STEP, step=Step.LIVENESS)
    store.act(session.token, Transition.START)
    with pytest.raises(InvalidAction):  # a repeated submit of an earlier step
        store.act(session.token, Transition.STEP, step=Step.DEEPFAKE)
    with pytest.raises(InvalidAction):
        store.act(session.token, Transition.START)
    assert session.next_step is Step.LIVENESS
    with pytest.raises(KeyError):
        store.act("no-such-token", Transition.START)


def test_cancel_is_final(store: SessionStore, finals: list[dict[str, Any]]) -> None:
    session = store.create(scopes=["liveness"])
    store.act(session.token, Transition.CANCEL)
    assert session.status is Status.CANCELED
    with pytest.raises(InvalidAction, match="already CANCELED"):
        store.act(session.token, Transition.START)
    assert [f["status"] for f in finals] == ["CANCELED"]


def test_scenario_sessions_ignore_the_page(store: SessionStore) -> None:
    session = store.create(scopes=["liveness"], scenario=Scenario.PASS)
    with pytest.raises(InvalidAction, match="demo scenario"):
        store.act(session.token, Transition.CANCEL)


def test_tick_finishes_sessions_nobody_reads_and_forgets_old_ones(
    store: SessionStore, clock: FakeClock, finals: list[dict[str, Any]]
) -> None:
    session = store.create(scopes=["liveness"], scenario=Scenario.PASS)
    clock.advance(5)
    store.tick()
    assert [f["status"] for f in finals] == ["DONE"]
    store.tick()
    assert len(finals) == 1  # announced once
    clock.advance(86400 + RETENTION_SECONDS + 1)
    store.tick()
    assert store.snapshot(session.token) is None
    assert len(store) == 0


def test_tokens_are_unguessable_and_ids_are_uuid4(store: SessionStore) -> None:
    import uuid

    sessions = [store.create(scopes=["liveness"]) for _ in range(50)]
    assert len({s.token for s in sessions}) == 50
    assert all(len(s.token) >= 43 for s in sessions)  # 32 random bytes
    assert all(uuid.UUID(s.session_id).version == 4 for s in sessions)


def test_next_change_is_the_next_scenario_phase_or_expiry(
    store: SessionStore, clock: FakeClock
) -> None:
    assert store.next_change() is None  # nothing live: the server may sleep
    start = clock.now
    store.create(scopes=["liveness"], ttl_sec=600)
    assert store.next_change() == start + 600
    clock.advance(0.25)
    store.create(scopes=["liveness"], scenario=Scenario.PASS)
    assert store.next_change() == pytest.approx(start + 0.25 + 1.0)
