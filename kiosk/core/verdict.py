"""The verdict policy: a finished session's result and the thresholds give PASS or FAIL.

PASS only when the session is DONE and every requested check passed. Each failed check yields a
plain reason a front-desk person can read. Quality items are advice and never change the verdict.

Every number that can decide a PASS is checked to be finite and within 0..1 before any comparison:
``NaN < threshold`` is False, so a NaN score once passed every limit.

When the vendor answers with the Face API's error (no face, several faces ...), the reason is its
own ``info`` text (:func:`face_error_reason`), already neutralised by the models.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.models import FaceApiError, Scope, SessionStatus, Status

DEFAULT_MIN_SIMILARITY = 0.75
"""Our default match threshold (cosine similarity) for a 1:N search.

The vendor publishes no figure for ``search.similarity`` (its 0.75 is liveness's "usually >= 0.75"),
so this is our choice; set it with the ``min_similarity`` setting (``--min-similarity``)."""


class Outcome(StrEnum):
    """The kiosk's answer."""

    PASS = "PASS"  # noqa: S105 - a verdict, not a password
    FAIL = "FAIL"


@dataclass(frozen=True)
class Thresholds:
    """Configurable limits. ``None`` score limits mean: trust the vendor's ``fine`` flag alone."""

    min_similarity: float = DEFAULT_MIN_SIMILARITY
    min_liveness_score: float | None = None
    min_deepfake_score: float | None = None

    def __post_init__(self) -> None:
        for name in ("min_similarity", "min_liveness_score", "min_deepfake_score"):
            value = getattr(self, name)
            if value is not None and not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {value}")


@dataclass(frozen=True)
class CheckOutcome:
    """One requested check: did it pass, and the number behind it."""

    scope: Scope
    passed: bool
    score: float | None
    reason: str | None


@dataclass(frozen=True)
class Verdict:
    """PASS or FAIL, the per-check outcomes and the reasons for a FAIL."""

    outcome: Outcome
    checks: tuple[CheckOutcome, ...]
    reasons: tuple[str, ...]
    advice: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """True for PASS."""
        return self.outcome is Outcome.PASS


_STATUS_REASONS = {
    Status.FAILED: "The verification could not be completed.",
    Status.EXPIRED: "The verification link expired before it was completed.",
    Status.CANCELED: "The verification was canceled.",
}


def decide(
    status: SessionStatus,
    requested: Iterable[str] | None = None,
    thresholds: Thresholds | None = None,
) -> Verdict:
    """Judge a session.

    Args:
        status: the session's status, normally final.
        requested: the scopes the kiosk asked for; defaults to the scopes the server echoes. A
            requested check missing from the result fails, so a server that skips a step cannot
            produce a PASS.
        thresholds: the limits to apply; defaults to :class:`Thresholds`.
    """
    limits = thresholds or Thresholds()
    scopes = _known_scopes(status.scopes if requested is None else requested)
    vendor_reason = face_error_reason(status)
    whole = (
        status.result is not None
        and status.result.error is not None
        and (status.result.error.part is None or status.status is not Status.DONE)
    )
    if vendor_reason is not None and whole:
        # The photo was never judged: one reason, the vendor's, instead of one per check.
        return Verdict(Outcome.FAIL, (), (vendor_reason,), ())
    if status.status is not Status.DONE:
        reason = _STATUS_REASONS.get(
            status.status, f"The session ended with status {status.raw_status}, not DONE."
        )
        return Verdict(Outcome.FAIL, (), (reason,), ())
    result = status.result
    checks: list[CheckOutcome] = []
    for scope in scopes:
        checks.append(_judge(scope, status, limits))
    reasons = tuple(c.reason for c in checks if c.reason)
    if not scopes:
        reasons = ("No checks were requested, so nothing was verified.",)
    advice = _advice(result.quality_warnings) if result else ()
    outcome = Outcome.FAIL if reasons else Outcome.PASS
    return Verdict(outcome, tuple(checks), reasons, advice)


def face_error_reason(status: SessionStatus) -> str | None:
    """The reason to show when the vendor answered with the Face API's error, else None.

    Only a DONE or FAILED session is judged by it: an expired or canceled one says so instead.
    """
    result = status.result
    if result is None or result.error is None:
        return None
    if status.status not in (Status.DONE, Status.FAILED):
        return None
    return _error_sentence(result.error)


def _error_sentence(error: FaceApiError) -> str:
    code = "" if error.code is None else f" (error {error.code})"
    return f"The photo could not be checked: {error.text}{code}."


def _judge(scope: Scope, status: SessionStatus, limits: Thresholds) -> CheckOutcome:
    result = status.result
    if result is not None and result.error is not None and result.error.part == scope.value:
        return CheckOutcome(scope, False, None, _error_sentence(result.error))
    if scope is Scope.LIVENESS or scope is Scope.DEEPFAKE:
        check = None if result is None else getattr(result, scope.value)
        label = "Liveness" if scope is Scope.LIVENESS else "Deepfake"
        if check is None:
            return CheckOutcome(scope, False, None, f"{label} check: no result was returned.")
        if check.problem is not None or not _usable(check.score):
            return CheckOutcome(
                scope, False, None, f"{label} check: the server sent an invalid score."
            )
        minimum = (
            limits.min_liveness_score if scope is Scope.LIVENESS else limits.min_deepfake_score
        )
        if check.fine is not True:
            what = (
                "the face did not pass as a live person"
                if scope is Scope.LIVENESS
                else "the image looks manipulated or synthetic"
            )
            return CheckOutcome(scope, False, check.score, f"{label} check failed: {what}.")
        if minimum is not None and (check.score is None or check.score < minimum):
            shown = "no score" if check.score is None else f"score {check.score:.2f}"
            return CheckOutcome(
                scope, False, check.score, f"{label} check: {shown} is below {minimum:.2f}."
            )
        return CheckOutcome(scope, True, check.score, None)
    if scope is Scope.SEARCH:
        match = None if result is None else result.search
        if match is not None and (match.problem is not None or not _usable(match.similarity)):
            return CheckOutcome(
                scope, False, None, "Face match: the server sent an invalid similarity."
            )
        if match is None or match.similarity is None:
            return CheckOutcome(scope, False, None, "Face match: no match result was returned.")
        if match.similarity < limits.min_similarity:
            return CheckOutcome(
                scope,
                False,
                match.similarity,
                f"Face match: similarity {match.similarity:.2f} is below the "
                f"threshold {limits.min_similarity:.2f}.",
            )
        if match.template_id is None:
            return CheckOutcome(
                scope, False, match.similarity, "Face match: no enrolled face was identified."
            )
        return CheckOutcome(scope, True, match.similarity, None)
    # Scope.ENROLL
    if result is None or result.enroll_template_id is None:
        return CheckOutcome(scope, False, None, "Enrolment: no face template was created.")
    return CheckOutcome(scope, True, None, None)


def _usable(score: float | None) -> bool:
    """None (no score) or a finite number in 0..1; anything else must never decide a PASS."""
    return score is None or (math.isfinite(score) and 0.0 <= score <= 1.0)


def _known_scopes(scopes: Iterable[str]) -> tuple[Scope, ...]:
    known = []
    for value in scopes:
        try:
            scope = Scope(value)
        except ValueError:
            continue
        if scope not in known:
            known.append(scope)
    return tuple(known)


_ADVICE = {
    "blur": "The photo was blurry.",
    "flare": "There was glare or flare on the photo.",
    "exposure": "The lighting was too dark or too bright.",
    "contrast": "The contrast was poor.",
    "occlusion": "Part of the face was covered.",
    "leftEyeClosed": "An eye was closed.",
    "rightEyeClosed": "An eye was closed.",
    "emotion": "The expression was not neutral.",
}


_OTHER_ADVICE = "The photo quality was not ideal."


def _advice(quality_warnings: Iterable[str]) -> tuple[str, ...]:
    """One tip per kind of problem, in a fixed wording.

    The server names the quality items, so their names are never shown: a hostile one could
    write its own words on the result screen, or send 9,000 of them (one label each froze the
    GUI for minutes). Items this version does not know share one generic tip.
    """
    tips: list[str] = []
    for name in quality_warnings:
        tip = _ADVICE.get(name, _OTHER_ADVICE)
        if tip not in tips:
            tips.append(tip)
    return tuple(tips)
