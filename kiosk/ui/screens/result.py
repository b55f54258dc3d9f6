"""Result: PASS or FAIL at a glance (word and symbol, not colour alone), scores, reasons."""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.core.models import Scope
from kiosk.core.state import KioskState
from kiosk.core.text import wrappable
from kiosk.core.verdict import Thresholds
from kiosk.ui.reasons import translate_reason
from kiosk.ui.screens.common import Screen, button, label
from kiosk.ui.screens.names import scope_name

# A score as the verdict writes it in a reason (two decimals).
_SCORE = re.compile(r"\d\.\d\d")


class ResultScreen(Screen):
    """Signals:
    done_requested(): the visitor pressed Done.
    """

    done_requested = Signal()

    def __init__(
        self, thresholds: Thresholds, parent: QWidget | None = None, *, discreet: bool = False
    ) -> None:
        """``discreet`` (the ``public_result`` setting): the verdict, each check's outcome and
        the reasons, without any score, for screens people in a lobby can read."""
        super().__init__(parent)
        self._thresholds = thresholds
        self.discreet = discreet
        self.verdict = label("", "Verdict")
        self.summary = label("", "Subtitle")
        # One wrapping line per check (name, outcome, score): a grid of unwrapped cells ran off a
        # portrait screen at large text.
        self.checks = QVBoxLayout()
        self.reasons = QVBoxLayout()
        self.countdown = label("", "Countdown")
        self.done_button = button(self.tr("Done"), self.tr("Done, back to the start"), primary=True)
        self.done_button.clicked.connect(self.done_requested)
        self._rows: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.summary)
        layout.addSpacing(20)
        layout.addLayout(self.checks)
        layout.addSpacing(10)
        layout.addLayout(self.reasons)
        layout.addSpacing(20)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.countdown)
        layout.addStretch(1)

    def show_state(self, state: KioskState) -> None:
        """Show the state's verdict."""
        verdict = state.verdict
        if verdict is None:
            return
        for widget in self._rows:
            widget.deleteLater()
        self._rows = []
        if verdict.passed:
            self.verdict.setText(self.tr("✓ PASS"))
            self.verdict.setProperty("outcome", "pass")
            self.summary.setText(self.tr("Your identity was verified."))
        else:
            self.verdict.setText(self.tr("✕ FAIL"))
            self.verdict.setProperty("outcome", "fail")
            self.summary.setText(self.tr("We could not verify your identity."))
        self.verdict.setAccessibleName(self.verdict.text().split()[-1])
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        for check in verdict.checks:
            outcome = self.tr("✓ passed") if check.passed else self.tr("✕ failed")
            parts = [scope_name(check.scope), outcome]
            # No score, no part for it: a "—" after the dash separator read as a stray double
            # dash (enrolment has none; a check the server did not answer neither).
            if not self.discreet and check.score is not None:
                parts.append(self._value_text(check.scope, check.score))
            # A dash, not a middle dot: in Arabic a dot reads as the digit zero (٠).
            row = label("  —  ".join(parts), "StepDone" if check.passed else "Reason")
            # Read out as words: "Liveness: failed, score 0.20" (no symbols).
            spoken = [scope_name(check.scope), outcome.split(maxsplit=1)[-1], *parts[2:]]
            row.setAccessibleName(", ".join(spoken))
            self.checks.addWidget(row)
            self._rows.append(row)
        said: list[str] = []
        for text in verdict.reasons:
            # Discreet: a reason that quotes a score ("similarity 0.50 is below ...") is left
            # out; its check's line above already says it failed.
            if self.discreet and _SCORE.search(text):
                continue
            said.append(translate_reason(text))
            self._add_line(said[-1], "Reason")
        for text in verdict.advice:
            self._add_line(self.tr("Tip: {advice}").format(advice=translate_reason(text)), "Advice")
        # A screen reader on the verdict hears the sentence and the reasons shown (the same
        # words as the screen, so a discreet result stays discreet).
        self.verdict.setAccessibleDescription(" ".join([self.summary.text(), *said]))
        self.done_button.setFocus()

    def tick(self, seconds_until_idle: int | None) -> None:
        """Show the time until the kiosk returns to the start."""
        self.countdown.setText(
            ""
            if seconds_until_idle is None
            # %n is the count in the visitor's locale, and picks the plural form.
            else self.tr("Back to the start in %n s", "", seconds_until_idle)
        )

    def _value_text(self, scope: Scope, score: float | None) -> str:
        if score is None:
            return "—"
        # Numbers in the visitor's locale (0,93 in French, ٠٫٩٣ in Arabic).
        shown = QLocale().toString(score, "f", 2)
        if scope is Scope.SEARCH:
            threshold = QLocale().toString(self._thresholds.min_similarity, "f", 2)
            return self.tr("similarity {score} (needs {threshold})").format(
                score=shown, threshold=threshold
            )
        return self.tr("score {score}").format(score=shown)

    def _add_line(self, text: str, name: str) -> None:
        widget: QLabel = label(wrappable(text), name)
        self.reasons.addWidget(widget)
        self._rows.append(widget)
