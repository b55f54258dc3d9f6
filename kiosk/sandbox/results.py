"""Result payloads the sandbox reports, shaped like the vendor's Get Status example.

``result`` carries exactly what the requested scopes produce: face detection parts (box,
landmarks, quality, demography) always, then ``liveness``, ``deepfake``, ``enroll`` and
``search`` only when requested. Numbers are drawn from a per-session seeded generator so a
session reads the same on every poll.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from kiosk.core.models import Scope

# A face template that always exists in the sandbox gallery, so that a search without a prior
# enrolment can still report a match.
DEMO_TEMPLATE_ID = "16de28ea-dd15-4005-9a42-539e911db2d3"

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
) -> dict[str, Any]:
    """Build the ``result`` object of a finished session.

    Args:
        scopes: the requested scopes.
        passes: for each scope, whether its check passes (missing means pass).
        seed: a per-session string so that numbers are stable across polls.
        gallery: enrolled template ids a successful search can match.
        photo_size: width and height of the selfie, when one was uploaded.
    """
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
        result["liveness"] = _check(rng, passes.get(Scope.LIVENESS, True))
    if Scope.DEEPFAKE in scopes:
        result["deepfake"] = _check(rng, passes.get(Scope.DEEPFAKE, True))
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


def _check(rng: random.Random, passed: bool) -> dict[str, Any]:
    score = rng.uniform(0.88, 0.99) if passed else rng.uniform(0.04, 0.35)
    return {"fine": passed, "score": score}


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
