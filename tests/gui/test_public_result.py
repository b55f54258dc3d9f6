"""A discreet public result (``public_result = "discreet"``): the visitor sees the verdict,
each check's outcome and the reasons, never a score; the journal keeps the scores either way."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.journal_writer import JournalWriter
from kiosk.core.state import Phase
from tests.gui.harness import Kiosk, visible_texts

SCORE = re.compile(r"\d[.,]\d\d")


@pytest.mark.parametrize("discreet", [False, True], ids=["full", "discreet"])
def test_scores_on_screen_only_when_full_and_always_in_the_journal(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path, discreet: bool
) -> None:
    kiosk = make_kiosk(look={"discreet_result": discreet})
    journal = JournalWriter(tmp_path / "journal.sqlite3")
    kiosk.controller.attach_journal(journal)
    kiosk.play("no_match")
    kiosk.wait_for(Phase.RESULT)
    # What a screen reader says of the result counts as shown.
    shown = visible_texts(kiosk.window.result) + kiosk.window.result.verdict.accessibleDescription()
    assert "FAIL" in shown
    assert "Face match" in shown and "failed" in shown  # the reason, as the check's outcome
    if discreet:
        assert not SCORE.search(shown), f"a score is on the discreet screen:\n{shown}"
        assert "score" not in shown and "similarity" not in shown
    else:
        assert SCORE.search(shown) and "similarity" in shown

    def recorded() -> None:
        row = journal.recent(1)[0]
        assert row.outcome == "FAIL"
        assert row.similarity is not None and row.liveness_score is not None

    qtbot.waitUntil(recorded)
