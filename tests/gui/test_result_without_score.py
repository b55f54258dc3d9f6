"""A check the server returned no score for reads "Liveness — ✕ failed", not
"Liveness — ✕ failed — —" (a dash for the missing score after a dash separator read as a
stray double dash, three in a row in Arabic)."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from kiosk.core.models import Scope
from kiosk.core.state import KioskState
from kiosk.core.verdict import CheckOutcome, Outcome, Thresholds, Verdict
from kiosk.ui.screens.result import ResultScreen


def test_a_check_without_a_score_shows_no_dash_for_it(qtbot: QtBot) -> None:
    screen = ResultScreen(Thresholds())
    qtbot.addWidget(screen)
    verdict = Verdict(
        Outcome.FAIL,
        (
            CheckOutcome(Scope.LIVENESS, False, None, "Liveness check: no result was returned."),
            CheckOutcome(Scope.DEEPFAKE, True, 0.93, None),
        ),
        ("Liveness check: no result was returned.",),
        (),
    )
    screen.show_state(replace(KioskState(), verdict=verdict))
    rows = [w.text() for w in screen._rows]
    assert rows[0] == "Liveness  —  ✕ failed", rows
    assert rows[1].endswith("score 0.93"), rows
    assert screen._rows[0].accessibleName() == "Liveness, failed"
