"""The customer screen's words, in the customer's language, whatever the desk's language is.

Qt's translators are installed application-wide, and the desk window stays in the employee's
language, so the customer view cannot use ``self.tr``: it keeps its own :class:`QTranslator`
per language (the kiosk's shipped ``resources/i18n/kiosk_<code>.qm``, found as
:mod:`kiosk.ui.i18n` finds them) and asks it directly. Every text shown is one the kiosk's
visitor screens already say, with the same context and source text, so the shipped
translations cover it with no new string; :data:`SOURCES` lists them and
tests/desk/test_customer_view.py checks each is translated in every shipped language.

The verdict's reasons are worded in English by :mod:`kiosk.core.verdict`;
:mod:`kiosk.ui.reasons` translates them through the application's translator, so the few
wordings a customer may see (none that quotes a score: the customer screen is discreet) are
recognised here again, with the same ``reasons`` sources.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QLocale, Qt, QTranslator

from kiosk import resources
from kiosk.core.models import Scope, Step
from kiosk.ui.i18n import NATIVE_NAMES, RIGHT_TO_LEFT, qm_name

log = logging.getLogger(__name__)

# A score as the verdict writes it in a reason (two decimals): such a reason is not shown.
SCORE = re.compile(r"\d\.\d\d")

_SCOPES = {
    Scope.LIVENESS: "Liveness",
    Scope.DEEPFAKE: "Deepfake",
    Scope.SEARCH: "Face match",
    Scope.ENROLL: "Enrolment",
}
_STEPS = {
    Step.LIVENESS: "liveness check",
    Step.DEEPFAKE: "genuine photo check",
    Step.ENROLL: "saving your face",
    Step.SEARCH: "face match",
    Step.UNKNOWN: "next step",
}
_CHECKS = {"Liveness": "Liveness check", "Deepfake": "Deepfake check"}
# (pattern over the verdict's English, the translatable source it becomes). The vendor's own
# words (``info``, ``status``) stay as they came, isolated in a right-to-left sentence.
_PATTERNS = (
    (
        re.compile(r"(?P<check>Liveness|Deepfake) check: no result was returned\."),
        "{check}: no result was returned.",
    ),
    (
        re.compile(r"(?P<check>Liveness|Deepfake) check: the server sent an invalid score\."),
        "{check}: the server sent an invalid score.",
    ),
    (
        re.compile(
            r"The photo could not be checked: (?P<info>.*) \(error (?P<code>-?[0-9]+)\)\.",
            re.S,
        ),
        "The photo could not be checked: {info} (error {code}).",
    ),
    (
        re.compile(r"The photo could not be checked: (?P<info>.*)\.", re.S),
        "The photo could not be checked: {info}.",
    ),
    (
        re.compile(r"The session ended with status (?P<status>.*), not DONE\.", re.S),
        "The session ended with status {status}, not DONE.",
    ),
)

# Every (context, source) the customer view shows: the kiosk's visitor screens' own strings.
SOURCES: tuple[tuple[str, str], ...] = (
    ("KioskWindow", "Face verification"),
    ("QrScreen", "Scan this code with your phone's camera"),
    ("QrScreen", "QR code to scan with your phone"),
    ("ProgressScreen", "Follow the steps on your phone"),
    ("ProgressScreen", "Follow the steps on your phone: getting started"),
    ("ProgressScreen", "Follow the steps on your phone: {step}"),
    ("ProgressScreen", "Keep your phone open until it says you are done."),
    ("ProgressScreen", "done"),
    ("ProgressScreen", "now"),
    ("ProgressScreen", "to do"),
    ("ResultScreen", "✓ PASS"),
    ("ResultScreen", "✕ FAIL"),
    ("ResultScreen", "Your identity was verified."),
    ("ResultScreen", "We could not verify your identity."),
    ("EndedScreen", "The verification could not be completed"),
    ("StartingScreen", "Preparing your code…"),
    ("reasons", "The verification link expired before it was completed."),
    ("reasons", "The verification was canceled."),
    ("reasons", "The verification could not be completed."),
    *(("names", source) for source in _SCOPES.values()),
    *(("names", source) for source in _STEPS.values()),
    *(("reasons", source) for source in _CHECKS.values()),
    *(("reasons", source) for _, source in _PATTERNS),
)

# One translator per language for the whole process: loading a .qm file is not free, and a
# desk switches the customer's language at every session.
_LOADED: dict[str, QTranslator | None] = {}


def _translator(language: str) -> QTranslator | None:
    if language not in _LOADED:
        translator: QTranslator | None = QTranslator()
        try:
            loaded = translator is not None and translator.load(
                str(resources.path(qm_name(language)))
            )
        except FileNotFoundError as exc:
            log.warning("%s", exc)
            loaded = False
        if not loaded:
            log.warning(
                "the %s translation could not be loaded; the customer sees English", language
            )
            translator = None
        _LOADED[language] = translator
    return _LOADED[language]


class CustomerWords:
    """The customer's language: its translator, locale and direction.

    An unknown language, or one whose file is missing, gives English (the source texts): a
    broken install still shows words.
    """

    def __init__(self, language: str = "en") -> None:
        self.language = "en"
        self._translator: QTranslator | None = None
        self.use(language)

    def use(self, language: str) -> bool:
        """Speak ``language``; False (English instead) when it cannot be."""
        wanted = language
        language = language if language in NATIVE_NAMES else "en"
        translator = _translator(language) if language != "en" else None
        if translator is None:
            language = "en"
        self.language, self._translator = language, translator
        return language == wanted

    @property
    def locale(self) -> QLocale:
        return QLocale(self.language)

    @property
    def direction(self) -> Qt.LayoutDirection:
        if self.language in RIGHT_TO_LEFT:
            return Qt.LayoutDirection.RightToLeft
        return Qt.LayoutDirection.LeftToRight

    def tr(self, context: str, source: str) -> str:
        """``source`` (said in ``context``, as the kiosk's screens say it) in this language."""
        if self._translator is None:
            return source
        return self._translator.translate(context, source) or source

    def scope_name(self, scope: Scope) -> str:
        """The check's name ("Liveness", "Face match"...), as the kiosk's screens name it."""
        return self.tr("names", _SCOPES[scope])

    def step_doing(self, step: Step) -> str:
        """What the customer is doing at ``step`` ("liveness check"...)."""
        return self.tr("names", _STEPS[step])

    def reason(self, text: str) -> str | None:
        """A verdict's reason for the customer; None for one that quotes a score (the
        customer's screen is discreet: the employee's window has the scores)."""
        if SCORE.search(text):
            return None
        fixed = self.tr("reasons", text)
        if fixed != text or self._translator is None:
            return fixed
        for pattern, source in _PATTERNS:
            match = pattern.fullmatch(text)
            if match is None:
                continue
            values = match.groupdict()
            if "check" in values:
                values["check"] = self.tr("reasons", _CHECKS[values["check"]])
            for key in ("info", "status"):
                if key in values and self.language in RIGHT_TO_LEFT:
                    values[key] = f"\u2068{values[key]}\u2069"
            return self.tr("reasons", source).format(**values)
        return text  # a wording we do not know: English beats nothing
