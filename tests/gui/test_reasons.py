"""Every reason and tip kiosk/core/verdict.py can word reaches the visitor translated: a new or
reworded one there fails here until kiosk/ui/reasons.py (and the translations) know it."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.core.models import SessionStatus
from kiosk.core.verdict import _ADVICE, _OTHER_ADVICE, Thresholds, decide
from kiosk.ui.i18n import Languages
from kiosk.ui.reasons import translate_reason

EXAMPLE: dict[str, Any] = json.loads(
    (Path(__file__).parent.parent / "data" / "vendor_status_example.json").read_text()
)


def _status(state: str = "DONE", **result: Any) -> SessionStatus:
    body = copy.deepcopy(EXAMPLE)
    body["status"] = state
    for key, value in result.items():
        if value is None:
            body["result"].pop(key, None)
        else:
            body["result"][key] = value
    return SessionStatus.from_wire(body)


STRICT = Thresholds(min_liveness_score=0.99, min_deepfake_score=0.99)
CASES = [
    (_status("FAILED"), None, None),
    (_status("EXPIRED"), None, None),
    (_status("CANCELED"), None, None),
    (_status("IN_PROGRESS"), None, None),
    (_status(), [], None),
    (_status(liveness=None, deepfake=None, search=None), None, None),
    (_status(liveness={"fine": True, "score": 7}), None, None),
    (_status(deepfake={"fine": True, "score": -3}), None, None),
    (_status(liveness={"fine": False, "score": 0.1}), None, None),
    (_status(deepfake={"fine": False, "score": 0.1}), None, None),
    (_status(liveness={"fine": True, "score": None}), None, STRICT),
    (_status(deepfake={"fine": True, "score": 0.5}), None, STRICT),
    (_status(search={"similarity": 2, "templateId": "t"}), None, None),
    (_status(search={"similarity": 0.4, "templateId": "t"}), None, None),
    (_status(search={"similarity": 0.9, "templateId": None}), None, None),
    (_status(), ["enroll"], None),
    (_status("FAILED", liveness={"status": "error", "code": 5, "info": "no face"}), None, None),
    (_status(**{"status": "error", "info": "too dark"}), None, None),  # no code
]


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    languages = Languages(qapp, "en")
    assert languages.use("de")
    yield
    languages.use("en")


def _wordings() -> list[str]:
    found: list[str] = []
    for status, requested, limits in CASES:
        verdict = decide(status, requested, limits)
        found += [*verdict.reasons, *verdict.advice]
    return [*found, *_ADVICE.values(), _OTHER_ADVICE]


@pytest.mark.usefixtures("german")
def test_every_reason_and_tip_is_translated() -> None:
    wordings = _wordings()
    assert len(set(wordings)) >= 25  # the cases reach the verdict's many wordings
    untranslated = [w for w in wordings if translate_reason(w) == w]
    assert untranslated == []
