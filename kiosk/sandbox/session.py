"""One sandbox session: its state, its wire body and its lifecycle rules (pure, no clock, no lock).

Lifecycle: CREATED -> CAPTCHA_OK (only when ``uiHints.needCaptcha``) -> IN_PROGRESS, with
``nextStep`` walking through the requested scopes in the vendor's order -> DONE or FAILED.
EXPIRED is reached when the TTL runs out before the end, CANCELED when the person cancels.
A session whose photo cannot be judged (no face, several faces ...) ends FAILED with the Face
API's error answer as its result (``SandboxSession.failure``).

A session is driven either by the phone-side flow page (the person's actions, ``apply``) or, when
created with ``metadata.sandbox.scenario``, by a timeline that advances every ``step_seconds``
(``follow_scenario``). Both change the session in place and return the final status it reaches,
if any; ending a session (its result, the owner's count, retention) is the store's business
(``store.py``), which also holds the lock these functions run under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kiosk.core.models import Scope, Status, Step
from kiosk.sandbox.results import FaceError

if TYPE_CHECKING:
    from kiosk.sandbox.faces.finding import FaceFinding

MAX_TTL_SECONDS = 86400
"""The vendor's documented TTL, and the longest the sandbox grants."""
MIN_TTL_SECONDS = 10
"""The shortest TTL the sandbox grants (its own choice: the vendor documents no lower bound)."""


def bounded_ttl(requested: float | None) -> float:
    """The lifetime granted for a requested ``ttlSec``: bounded, as the vendor says, by clamping.

    None means the longest; a longer request gets :data:`MAX_TTL_SECONDS`, a shorter (positive)
    one :data:`MIN_TTL_SECONDS`. The HTTP layer refuses what is not a positive finite number.
    """
    if requested is None:
        return float(MAX_TTL_SECONDS)
    return min(max(float(requested), float(MIN_TTL_SECONDS)), float(MAX_TTL_SECONDS))


class Scenario(StrEnum):
    """Scripted outcomes for unattended runs (``metadata.sandbox.scenario``)."""

    PASS = "pass"  # noqa: S105 - a scenario name, not a password
    FAIL_LIVENESS = "fail_liveness"
    FAIL_DEEPFAKE = "fail_deepfake"
    NO_MATCH = "no_match"
    FAIL = "fail"
    EXPIRE = "expire"
    CANCEL = "cancel"
    NO_FACE = "no_face"  # FAILED with the Face API's error 5
    MANY_FACES = "many_faces"  # FAILED with the Face API's error 6


# Scenarios that end FAILED with a Face API error answer as the result.
_SCENARIO_FAILURES = {
    Scenario.NO_FACE: FaceError.NO_FACE,
    Scenario.MANY_FACES: FaceError.MANY_FACES,
}


class Transition(StrEnum):
    """What a person did on the flow page."""

    CAPTCHA = "captcha"
    START = "start"
    STEP = "step"
    CANCEL = "cancel"


class InvalidAction(Exception):
    """The action does not apply to the session in its current state."""


@dataclass
class SandboxSession:
    """One session's full server-side state. Mutated only under the store's lock."""

    session_id: str
    token: str
    requested_scopes: list[str]
    steps: tuple[Scope, ...]
    metadata: dict[str, Any] | None
    callback_url: str | None
    return_url: str | None
    created_at: float
    expires_at: float
    need_captcha: bool
    captcha: tuple[int, int]
    scenario: Scenario | None
    owner: str = ""
    status: Status = Status.CREATED
    step_index: int = 0
    passes: dict[Scope, bool] = field(default_factory=dict)
    photo_size: tuple[int, int] | None = None
    failure: FaceError | None = None
    """Why the photo could not be judged; the session then ends FAILED with this error."""
    face: FaceFinding | None = None
    """The selfie's real analysis (the ``faces`` extra): merged into the result at DONE."""
    result: dict[str, Any] | None = None

    @property
    def next_step(self) -> Step | None:
        """The step the person performs next, or None outside IN_PROGRESS."""
        if self.status is not Status.IN_PROGRESS or self.step_index >= len(self.steps):
            return None
        return Step.for_scope(self.steps[self.step_index])

    def status_body(self) -> dict[str, Any]:
        """The Get Status body (also the callback body).

        ``sessionId`` and ``metadata`` are the sandbox's additions to the vendor's fields (so a
        callback receiver can tell sessions apart); clients must tolerate extra fields anyway.
        """
        step = self.next_step
        return {
            "sessionId": self.session_id,
            "status": self.status.value,
            "scopes": list(self.requested_scopes),
            "nextStep": None if step is None else step.value,
            "expiresAt": iso_utc(self.expires_at),
            "uiHints": {"needCaptcha": self.need_captcha},
            "returnUrl": self.return_url,
            "metadata": self.metadata,
            "result": self.result,
        }


def iso_utc(epoch_seconds: float) -> str:
    """ISO 8601 in UTC with milliseconds and a ``Z``, as the vendor writes ``expiresAt``."""
    moment = datetime.fromtimestamp(epoch_seconds, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def apply(
    session: SandboxSession,
    action: Transition,
    *,
    answer: int | None = None,
    step: Step | None = None,
    passed: bool = True,
    photo_size: tuple[int, int] | None = None,
    failure: FaceError | None = None,
    face: FaceFinding | None = None,
) -> Status | None:
    """Apply a person's action to a live session not driven by a scenario.

    A ``STEP`` with a ``failure`` (the photo has no face, several faces ...) ends the session
    FAILED; the store then reports the Face API's error answer as its result.

    Returns:
        The final status the action ends the session with, or None if it goes on.

    Raises:
        InvalidAction: the action does not fit the session's state (double submit, a wrong
            captcha answer ...); the session is left unchanged.
    """
    status = session.status
    if action is Transition.CANCEL:
        return Status.CANCELED
    if action is Transition.CAPTCHA:
        if status is not Status.CREATED or not session.need_captcha:
            raise InvalidAction("no captcha is pending")
        if answer != sum(session.captcha):
            raise InvalidAction("that answer is not right")
        session.status = Status.CAPTCHA_OK
        return None
    if action is Transition.START:
        ready = Status.CAPTCHA_OK if session.need_captcha else Status.CREATED
        if status is not ready:
            raise InvalidAction("the flow cannot start now")
        session.status = Status.IN_PROGRESS
        session.step_index = 0
        return None
    if status is not Status.IN_PROGRESS or step is not session.next_step:
        raise InvalidAction("that step is not the current one")
    if photo_size is not None:
        session.photo_size = photo_size
    if face is not None:
        session.face = face
    if failure is not None:
        session.failure = failure
        return Status.FAILED
    session.passes[session.steps[session.step_index]] = passed
    session.step_index += 1
    return Status.DONE if session.step_index >= len(session.steps) else None


def scenario_phase(session: SandboxSession, now: float, step_seconds: float) -> int:
    """Which phase of its timeline a scenario session is in at ``now``."""
    return int((now - session.created_at) / step_seconds) if step_seconds > 0 else 1 << 30


def next_phase_at(session: SandboxSession, now: float, step_seconds: float) -> float:
    """When a scenario session next moves: the start of its next phase after ``now``."""
    if step_seconds <= 0:
        return now
    phases = int((now - session.created_at) / step_seconds) + 1
    at = session.created_at + phases * step_seconds
    # Strictly after ``now``: at epoch ~1.8e9 a float is only ~2e-7 s fine, so the division can
    # round down a phase and ``at`` land on ``now`` itself; the ticker then re-planned the same
    # moment for ever (a hung server thread, seen with a 0.05 s pace).
    while at <= now:
        phases += 1
        at = session.created_at + phases * step_seconds
    return at


def follow_scenario(session: SandboxSession, phase: int) -> Status | None:
    """Move a scenario session to where its timeline says it is in ``phase``.

    Phase k starts at ``k * step_seconds``: CREATED, [CAPTCHA_OK], one IN_PROGRESS phase per
    step, then the scenario's ending. ``expire`` ends early; ``fail``, ``cancel``, ``no_face`` and
    ``many_faces`` end at the first step.

    Returns:
        The final status the session reaches in ``phase``, or None if it goes on.
    """
    scenario = session.scenario
    assert scenario is not None
    captcha = 1 if session.need_captcha else 0
    steps = len(session.steps)
    if scenario is Scenario.EXPIRE:
        return Status.EXPIRED if phase >= 2 else None
    if captcha and phase >= 1 and session.status is Status.CREATED:
        session.status = Status.CAPTCHA_OK
    first_step_phase = 1 + captcha
    if phase >= first_step_phase:
        session.status = Status.IN_PROGRESS
        session.step_index = min(phase - first_step_phase, steps - 1)
    failure = _SCENARIO_FAILURES.get(scenario)
    if scenario in (Scenario.FAIL, Scenario.CANCEL) or failure is not None:
        if phase >= first_step_phase + 1:
            session.failure = failure
            return Status.CANCELED if scenario is Scenario.CANCEL else Status.FAILED
        return None
    if phase < first_step_phase + steps:
        return None
    failing = {
        Scenario.FAIL_LIVENESS: Scope.LIVENESS,
        Scenario.FAIL_DEEPFAKE: Scope.DEEPFAKE,
        Scenario.NO_MATCH: Scope.SEARCH,
    }.get(scenario)
    session.passes = {scope: scope is not failing for scope in session.steps}
    session.step_index = steps
    return Status.DONE
