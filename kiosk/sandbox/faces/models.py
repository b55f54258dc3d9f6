"""The dlib models, loaded by path from the ``face-recognition-models`` package's folder.

That package's ``__init__`` imports ``pkg_resources`` (gone from recent setuptools, and slow),
so it is never imported: :func:`importlib.util.find_spec` finds its folder without running it.

Three models are used:

* dlib's HOG frontal face detector (built into dlib, no file);
* ``shape_predictor_5_face_landmarks.dat``: two corners of each eye and the base of the nose.
  Not the 68-point model, whose training data (iBUG 300-W) forbids commercial use;
* ``dlib_face_recognition_resnet_model_v1.dat``: a 128-number descriptor per face; two photos of
  one person are usually less than 0.6 apart (euclidean distance).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODELS_PACKAGE = "face_recognition_models"
LANDMARKS_FILE = "shape_predictor_5_face_landmarks.dat"
RECOGNITION_FILE = "dlib_face_recognition_resnet_model_v1.dat"
RECOGNITION_MODEL = "dlib_face_recognition_resnet_model_v1"
"""Recorded with each stored template: a descriptor is comparable only with the same model's."""


def model_folder() -> Path | None:
    """The ``models`` folder of the installed ``face_recognition_models``, without importing it."""
    spec = importlib.util.find_spec(MODELS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "models"


def missing_models() -> list[str]:
    """The model files that are not where they should be (empty when all are there)."""
    folder = model_folder()
    names = (LANDMARKS_FILE, RECOGNITION_FILE)
    if folder is None:
        return list(names)
    return [name for name in names if not (folder / name).is_file()]


@dataclass(frozen=True)
class Models:
    """The three dlib models, ready to run. Not safe to share between threads: the recognition
    network keeps working buffers, so each worker process loads its own."""

    detector: Any
    landmarks: Any
    recognition: Any


def load() -> Models:
    """Load the models (about 0.35 s and 60 MB of memory).

    Raises:
        FileNotFoundError: a model file is missing (the extra is not installed completely).
    """
    import dlib

    folder = model_folder()
    missing = missing_models()
    if folder is None or missing:
        raise FileNotFoundError(f"face model files missing: {', '.join(missing)}")
    return Models(
        detector=dlib.get_frontal_face_detector(),
        landmarks=dlib.shape_predictor(str(folder / LANDMARKS_FILE)),
        recognition=dlib.face_recognition_model_v1(str(folder / RECOGNITION_FILE)),
    )
