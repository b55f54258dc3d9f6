"""Result payloads the sandbox reports, shaped like the vendor's Get Status example.

``result`` carries exactly what the requested scopes produce: face detection parts (box,
landmarks, quality, demography) always, then ``liveness``, ``deepfake``, ``enroll`` and
``search`` only when requested. Numbers are drawn from a per-session seeded generator so a
session reads the same on every poll.

A liveness or deepfake check's ``fine`` is always ``score >= threshold`` for the thresholds in
:class:`CheckThresholds` (the vendor documents liveness ``fine`` as "usually >= 0.75" and deepfake
``fine`` as "score >= threshold (e.g. >= 0.9)"), so a client comparing scores with those figures
reads the same answer as the flag.

A session that cannot be judged at all (no face, several faces, an unreadable photo) ends FAILED
with the Face API's error answer as its ``result``: build it with :func:`error_result`.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from kiosk.core.models import Scope

# A face template that always exists in the sandbox gallery, so that a search without a prior
# enrolment can still report a match.
DEMO_TEMPLATE_ID = "16de28ea-dd15-4005-9a42-539e911db2d3"

DEFAULT_LIVENESS_THRESHOLD = 0.75
"""Liveness ``fine`` from this score up: the vendor's "usually >= 0.75"."""
DEFAULT_DEEPFAKE_THRESHOLD = 0.9
"""Deepfake ``fine`` from this score up: the vendor's example threshold "e.g. >= 0.9"."""


@dataclass(frozen=True)
class CheckThresholds:
    """The scores from which the sandbox reports liveness and deepfake as ``fine``.

    Each lies in (0, 1]: a passing check scores at least its threshold, a failing one below it,
    so a threshold of 0 (where nothing could fail) is refused.
    """

    liveness: float = DEFAULT_LIVENESS_THRESHOLD
    deepfake: float = DEFAULT_DEEPFAKE_THRESHOLD

    def __post_init__(self) -> None:
        for name in ("liveness", "deepfake"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and 0 < value <= 1):
                raise ValueError(f"the {name} threshold must be more than 0 and at most 1")


class FaceError(IntEnum):
    """The Face API's error codes, with the vendor's ``info`` text where it is documented.

    The vendor's pages show the text of code 5 only ("can not detect face"); the others are
    worded the same way by the sandbox.
    """

    EMPTY_PHOTO = 1
    WRONG_MIME_TYPE = 2
    ZERO_BYTES = 3
    CANNOT_DECODE = 4
    NO_FACE = 5
    MANY_FACES = 6
    NO_FEATURES = 9

    @property
    def info(self) -> str:
        """The ``info`` sentence sent with this code."""
        return _FACE_ERROR_INFO[self]


_FACE_ERROR_INFO = {
    FaceError.EMPTY_PHOTO: "empty photo",
    FaceError.WRONG_MIME_TYPE: "wrong mime type",
    FaceError.ZERO_BYTES: "zero bytes",
    FaceError.CANNOT_DECODE: "can not decode photo",
    FaceError.NO_FACE: "can not detect face",
    FaceError.MANY_FACES: "more than one face detected",
    FaceError.NO_FEATURES: "can not extract features",
}


def error_result(error: FaceError, info: str | None = None) -> dict[str, Any]:
    """The Face API's error answer, ``{"status": "error", "code": 5, "info": "..."}``: the
    ``result`` of a session that ended FAILED because its photo could not be judged.

    Args:
        error: what went wrong.
        info: the sentence to send; defaults to the code's own (:attr:`FaceError.info`).
    """
    return {"status": "error", "code": int(error), "info": error.info if info is None else info}


# Quality items as the vendor reports them: (name, key of the number, typical value).
_QUALITY_ITEMS: tuple[tuple[str, str, float], ...] = (
    ("blur", "score", 0.0002),
    ("flare", "score", 0.12),
    ("crfiqa", "score", 0.58),
    ("emotion", "score", 0.01),
    ("contrast", "value", 0.54),
    ("exposure", "value", 0.45),
    ("occlusion", "score", 0.07),
    ("distortion", "score", 0.81),
    ("uniformity", "value", 0.72),
    ("macroblocks", "score", 0.00006),
    ("leftEyeClosed", "score", 0.000001),
    ("rightEyeClosed", "score", 0.0000002),
)


def build_result(
    scopes: Sequence[Scope],
    passes: Mapping[Scope, bool],
    *,
    seed: str,
    gallery: Sequence[str],
    photo_size: tuple[int, int] | None = None,
    thresholds: CheckThresholds | None = None,
) -> dict[str, Any]:
    """Build the ``result`` object of a finished session.

    Args:
        scopes: the requested scopes.
        passes: for each scope, whether its check passes (missing means pass).
        seed: a per-session string so that numbers are stable across polls.
        gallery: enrolled template ids a successful search can match.
        photo_size: width and height of the selfie, when one was uploaded.
        thresholds: the scores from which liveness and deepfake are ``fine``.
    """
    limits = thresholds or CheckThresholds()
    rng = random.Random(seed)
    width, height = photo_size or (720, 960)
    box_w = int(width * rng.uniform(0.42, 0.52))
    box_h = int(box_w * rng.uniform(1.22, 1.32))
    box_x = (width - box_w) // 2 + rng.randint(-20, 20)
    box_y = max(0, (height - box_h) // 2 + rng.randint(-30, 30))
    result: dict[str, Any] = {
        "box": {"h": box_h, "w": box_w, "x": box_x, "y": box_y},
        "landmarks": _landmarks(box_x, box_y, box_w, box_h),
        "quality": _quality(rng),
        "demography": {
            "age": rng.randint(19, 70),
            "race": rng.choice(["white", "black", "asian", "indian", "latino"]),
            "gender": rng.choice(["male", "female"]),
        },
    }
    if Scope.LIVENESS in scopes:
        result["liveness"] = _check(rng, passes.get(Scope.LIVENESS, True), limits.liveness)
    if Scope.DEEPFAKE in scopes:
        result["deepfake"] = _check(rng, passes.get(Scope.DEEPFAKE, True), limits.deepfake)
    enrolled = None
    if Scope.ENROLL in scopes:
        enrolled = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        result["enroll"] = {"templateId": enrolled}
    if Scope.SEARCH in scopes:
        if passes.get(Scope.SEARCH, True):
            candidates = list(gallery) or [DEMO_TEMPLATE_ID]
            result["search"] = {
                "similarity": rng.uniform(0.82, 0.97),
                "templateId": enrolled or rng.choice(candidates),
            }
        else:
            result["search"] = {"similarity": rng.uniform(0.18, 0.55), "templateId": None}
    return result


def _check(rng: random.Random, passed: bool, threshold: float) -> dict[str, Any]:
    """A score on the right side of ``threshold``, and ``fine`` read from it as the vendor does.

    A pass lands between 30 % and 95 % of the way from the threshold to 1 (0.93-0.995 for
    deepfake at 0.9, like the vendor's example 0.95); a failure well below it.
    """
    if passed:
        score = threshold + (1.0 - threshold) * rng.uniform(0.3, 0.95)
    else:
        score = threshold * rng.uniform(0.05, 0.47)
    return {"fine": score >= threshold, "score": score}


def _quality(rng: random.Random) -> dict[str, Any]:
    quality: dict[str, Any] = {
        "yaw": rng.uniform(-6, 6),
        "roll": rng.uniform(-3, 3),
        "pitch": rng.uniform(-6, 6),
    }
    # Like the vendor's example, a quality item is sometimes not fine: advice, not the verdict.
    unfine = "flare" if rng.random() < 0.3 else None
    for name, key, typical in _QUALITY_ITEMS:
        value = typical * rng.uniform(0.8, 1.2)
        if name == unfine:
            value = 0.72
        quality[name] = {"fine": name != unfine, key: value}
    return quality


def _landmarks(x: int, y: int, w: int, h: int) -> list[list[int]]:
    """Eyes, nose tip and mouth corners, placed where they sit in a frontal face box."""
    points = ((0.3, 0.4), (0.7, 0.4), (0.5, 0.58), (0.34, 0.76), (0.66, 0.76))
    return [[x + int(px * w), y + int(py * h)] for px, py in points]
