"""One selfie through the models: how many faces, where, how good, and the face's descriptor.

Runs in the analysis worker process (``worker.py``); its answer is plain data that crosses the
process boundary as JSON. Nothing here keeps the photo: the caller's bytes are decoded, measured and
dropped when :func:`analyse` returns.
"""

from __future__ import annotations

import base64
import math
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from kiosk.sandbox.faces import photo as photos
from kiosk.sandbox.faces.models import Models

UPSAMPLE = 0
"""The detector runs on the analysed image as it is (faces from about 80 px): upsampling finds
smaller faces at four times the cost, and a selfie's face is large."""
EXTRA_FACE_MIN_SCORE = 0.3
"""A second detection counts as another face from this detector score up. dlib's HOG detector
scores frontal faces about 1 to 1.7 (0.4-0.5 when blurred, dark-glassed or tilted 15 degrees)
and sometimes adds weak boxes on texture, such as 0.03-0.3 on the astronaut photo's suit; the
best-scoring detection is the face at any score, as the person was asked for a selfie. Not the
largest: the suit's weak box is larger than the astronaut's face at most JPEG qualities, and
taking it made her real face the "second face"."""

# Where the vendor's last two landmarks, the mouth corners, sit relative to the eyes (in eye
# distances: across from the eyes' midpoint, and down from the eye line), read off the
# vendor's own example. The 5-point model has no mouth points, so these two are estimates.
_MOUTH_CORNERS = ((-0.40, 1.07), (0.41, 1.07))


class Outcome:
    """What an analysis found (the values of :attr:`Analysis.outcome`)."""

    FACE = "face"
    NO_FACE = "no_face"
    MANY_FACES = "many_faces"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Analysis:
    """The answer for one photo (it comes back from the worker process as JSON).

    ``box``, ``landmarks`` and ``quality`` are shaped like the vendor's result parts, in the
    upright original photo's pixels; ``descriptor`` is the face's 128 float32 numbers
    (little-endian bytes), empty unless exactly one face was found.
    """

    outcome: str
    size: tuple[int, int] | None = None
    faces: int = 0
    box: dict[str, int] = field(default_factory=dict)
    landmarks: list[list[int]] = field(default_factory=list)
    quality: dict[str, Any] = field(default_factory=dict)
    descriptor: bytes = b""
    cpu_ms: float = 0.0
    problem: str = ""

    def to_wire(self) -> dict[str, Any]:
        """The analysis as JSON-ready data (the worker's answer)."""
        data = asdict(self)
        data["descriptor"] = base64.b64encode(self.descriptor).decode("ascii")
        return data

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Analysis:
        """The analysis read back from :meth:`to_wire`'s data.

        Raises:
            KeyError, TypeError, ValueError: the data is not an analysis.
        """
        size = data["size"]
        return cls(
            outcome=str(data["outcome"]),
            size=None if size is None else (int(size[0]), int(size[1])),
            faces=int(data["faces"]),
            box={str(k): int(v) for k, v in data["box"].items()},
            landmarks=[[int(x), int(y)] for x, y in data["landmarks"]],
            quality=dict(data["quality"]),
            descriptor=base64.b64decode(data["descriptor"], validate=True),
            cpu_ms=float(data["cpu_ms"]),
            problem=str(data["problem"]),
        )


def analyse(data: bytes, models: Models) -> Analysis:
    """Detect, count and describe the face in the photo ``data`` (JPEG, PNG or WebP)."""
    # Imported here: the server reads answers (this module's Analysis) without numpy, which
    # only the worker needs (70 ms and 15 MB the embedded sandbox need not pay at start).
    import numpy as np

    from kiosk.sandbox.faces.quality import quality_items

    started = time.process_time()
    try:
        photo = photos.decode(data)
    except photos.Unreadable as exc:
        return Analysis(Outcome.UNREADABLE, problem=str(exc))
    pixels = np.asarray(photo.image)
    detections, scores, _ = models.detector.run(pixels, UPSAMPLE, 0.0)
    found = sorted(zip(detections, scores, strict=True), key=lambda d: -float(d[1]))
    if not found:
        return _done(started, Analysis(Outcome.NO_FACE, size=photo.original_size))
    main = found[0][0]  # the best-scoring detection (see EXTRA_FACE_MIN_SCORE)
    faces = 1 + sum(1 for _, score in found[1:] if score >= EXTRA_FACE_MIN_SCORE)
    if faces > 1:
        return _done(started, Analysis(Outcome.MANY_FACES, size=photo.original_size, faces=faces))
    shape = models.landmarks(pixels, main)
    points = [(float(p.x), float(p.y)) for p in shape.parts()]
    # dlib's 5 points: 0-1 corners of the eye on the image's right, 2-3 of the other, 4 nose.
    eyes = (_middle(points[2], points[3]), _middle(points[0], points[1]))
    nose = points[4]
    descriptor = np.asarray(models.recognition.compute_face_descriptor(pixels, shape), np.float32)
    gray = np.asarray(photo.image.convert("L"), dtype=np.float32) / 255.0
    box = (main.left(), main.top(), main.right(), main.bottom())
    quality = quality_items(gray, box, eyes, nose)
    return _done(
        started,
        Analysis(
            Outcome.FACE,
            size=photo.original_size,
            faces=1,
            box=_box(box, photo),
            landmarks=_landmarks(eyes, nose, photo.scale),
            quality=quality,
            descriptor=descriptor.astype("<f4").tobytes(),
        ),
    )


def _done(started: float, analysis: Analysis) -> Analysis:
    return replace(analysis, cpu_ms=(time.process_time() - started) * 1000)


def _middle(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def _box(box: tuple[int, int, int, int], photo: photos.Photo) -> dict[str, int]:
    """The face box in the original's pixels, clipped to the photo, as the vendor writes it."""
    width, height = photo.original_size
    scale = photo.scale
    left = min(max(round(box[0] * scale), 0), width - 1)
    top = min(max(round(box[1] * scale), 0), height - 1)
    right = min(max(round(box[2] * scale), left + 1), width)
    bottom = min(max(round(box[3] * scale), top + 1), height)
    return {"h": bottom - top, "w": right - left, "x": left, "y": top}


def _landmarks(
    eyes: tuple[tuple[float, float], tuple[float, float]],
    nose: tuple[float, float],
    scale: float,
) -> list[list[int]]:
    """The vendor's five points, in its order: eye on the image's left, the other eye, nose,
    mouth corner on the image's left, the other. The mouth corners are estimated."""
    (lx, ly), (rx, ry) = eyes
    distance = math.hypot(rx - lx, ry - ly)
    ux, uy = ((rx - lx) / distance, (ry - ly) / distance) if distance else (1.0, 0.0)
    mx, my = (lx + rx) / 2, (ly + ry) / 2
    mouth = [
        (mx + (a * ux - d * uy) * distance, my + (a * uy + d * ux) * distance)
        for a, d in _MOUTH_CORNERS
    ]
    points = [eyes[0], eyes[1], nose, *mouth]
    return [[round(x * scale), round(y * scale)] for x, y in points]
