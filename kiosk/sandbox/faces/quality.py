"""Quality items computed from the photo's pixels and the face's five landmarks.

Named as the vendor names them (``blur``, ``exposure``, ``occlusion``; ``yaw``, ``pitch``,
``roll``), each ``{"fine": bool, "score" | "value": number}`` like the vendor's items, plus
``faceSize``, the sandbox's own item (the vendor has none for it). They are plain image
measurements, not the vendor's trained models: useful advice for a demo, never a verdict.

* ``blur.score`` in 0..1, higher is blurrier: from the variance of the Laplacian of the face,
  scaled to 128 px and divided by the face's own contrast (so a dark photo is not called
  blurry). Fine up to 0.5; a Gaussian blur of 3 px on a 200 px face already scores 0.6.
* ``exposure.value`` in 0..1: the face's mean brightness. Fine from 0.25 (too dark below) to
  0.75 (too bright above).
* ``occlusion.score`` in 0..1: how hidden the less visible eye is (1 - its patch's contrast
  relative to the face's). A hand, a strand of hair, dark glasses or the photo's edge over an
  eye raise it; fine up to 0.5. The 5-point model cannot tell a closed eye from an open one, so
  the vendor's ``leftEyeClosed``/``rightEyeClosed`` are not reported.
* ``faceSize.value``: the face box's side as a share of the photo's shorter side; fine from 0.15.
* ``roll`` in degrees: the tilt of the line through the eyes (measured; positive when the eye
  on the image's right is lower). ``yaw`` and ``pitch`` in degrees are rough estimates from
  where the nose sits between and below the eyes (5 landmarks carry no depth).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

FACE_SIDE = 128
"""The face is measured at this size, so its sharpness does not depend on the photo's size."""
BLUR_HALF = 0.05
"""Normalised Laplacian variance at which ``blur.score`` is 0.5 (the limit of fine)."""
EXPOSURE_FINE = (0.25, 0.75)
EYE_VISIBLE_CONTRAST = 0.8
"""An eye patch with at least this share of the face's contrast counts as fully visible."""
FACE_SIZE_FINE = 0.15
FRONTAL_NOSE_DROP = 0.70
"""Base of the nose below the eye line, in eye distances, for a face looking straight ahead
(measured on frontal portraits); ``pitch`` is estimated from the difference."""


def quality_items(
    gray: FloatArray,
    box: tuple[int, int, int, int],
    eyes: tuple[tuple[float, float], tuple[float, float]],
    nose: tuple[float, float],
) -> dict[str, Any]:
    """The quality items of one face.

    Args:
        gray: the analysed image's brightness, 0..1, shape (height, width).
        box: the face box in the analysed image: left, top, right, bottom (may reach outside).
        eyes: the centres of the eye on the image's left and of the one on its right.
        nose: the base of the nose.
    """
    height, width = gray.shape
    left, top, right, bottom = box
    face = _resized(gray[max(top, 0) : min(bottom, height), max(left, 0) : min(right, width)])
    contrast = float(face.std())
    blur = _blur_score(face, contrast)
    exposure = float(face.mean())
    hidden = 1.0 - min(_eye_visibility(gray, eye, eyes, contrast) for eye in eyes)
    size = min(right - left, bottom - top) / min(width, height)
    roll, yaw, pitch = _pose(eyes, nose)
    low, high = EXPOSURE_FINE
    return {
        "yaw": yaw,
        "pitch": pitch,
        "roll": roll,
        "blur": {"fine": blur <= 0.5, "score": blur},
        "exposure": {"fine": low <= exposure <= high, "value": exposure},
        "occlusion": {"fine": hidden <= 0.5, "score": hidden},
        "faceSize": {"fine": size >= FACE_SIZE_FINE, "value": size},
    }


def _resized(region: FloatArray) -> FloatArray:
    """``region`` resampled to FACE_SIDE x FACE_SIDE (nearest sample: cheap, and the Laplacian
    then sees the photo's own detail rather than an interpolation's)."""
    if region.size == 0:
        return np.zeros((FACE_SIDE, FACE_SIDE), dtype=np.float32)
    rows = (np.arange(FACE_SIDE) * region.shape[0] // FACE_SIDE).astype(np.intp)
    cols = (np.arange(FACE_SIDE) * region.shape[1] // FACE_SIDE).astype(np.intp)
    return region[np.ix_(rows, cols)]


def _blur_score(face: FloatArray, contrast: float) -> float:
    if contrast < 1e-3:  # a flat patch: nothing sharp in it at all
        return 1.0
    laplacian = (
        face[:-2, 1:-1] + face[2:, 1:-1] + face[1:-1, :-2] + face[1:-1, 2:] - 4 * face[1:-1, 1:-1]
    )
    sharpness = float(laplacian.var()) / contrast**2
    return 1.0 / (1.0 + sharpness / BLUR_HALF)


def _eye_visibility(
    gray: FloatArray,
    eye: tuple[float, float],
    eyes: tuple[tuple[float, float], tuple[float, float]],
    face_contrast: float,
) -> float:
    """0..1: how much of the face's contrast the patch around ``eye`` keeps (an eye shows dark
    iris against white and lashes; a covering hand or dark lens is nearly flat)."""
    distance = math.dist(*eyes)
    half_h, half_w = 0.22 * distance, 0.31 * distance
    x, y = eye
    height, width = gray.shape
    top, bottom = max(int(y - half_h), 0), min(int(y + half_h) + 1, height)
    left, right = max(int(x - half_w), 0), min(int(x + half_w) + 1, width)
    if bottom - top < 2 or right - left < 2 or face_contrast < 1e-3:
        return 0.0
    patch = gray[top:bottom, left:right]
    return min(1.0, float(patch.std()) / face_contrast / EYE_VISIBLE_CONTRAST)


def _pose(
    eyes: tuple[tuple[float, float], tuple[float, float]], nose: tuple[float, float]
) -> tuple[float, float, float]:
    """Roll (measured), yaw and pitch (estimated) in degrees."""
    (lx, ly), (rx, ry) = eyes
    distance = math.hypot(rx - lx, ry - ly) or 1.0
    ux, uy = (rx - lx) / distance, (ry - ly) / distance  # along the eyes
    mx, my = (lx + rx) / 2, (ly + ry) / 2
    across = ((nose[0] - mx) * ux + (nose[1] - my) * uy) / distance
    down = (-(nose[0] - mx) * uy + (nose[1] - my) * ux) / distance
    roll = math.degrees(math.atan2(ry - ly, rx - lx))
    yaw = math.degrees(math.asin(max(-1.0, min(1.0, 2 * across))))
    pitch = math.degrees(math.asin(max(-1.0, min(1.0, (down - FRONTAL_NOSE_DROP) / 0.7))))
    return roll, yaw, pitch
