"""The verdict's reasons and tips in the visitor's language.

kiosk/core/verdict.py is Qt-free and words its reasons in English (the journal and
``kiosk verify`` keep them so). This module recognises each of its fixed wordings and gives
the translated sentence, numbers in the visitor's locale; a reason it does not recognise is
shown as it is (English beats nothing). tests/gui/test_reasons.py walks every wording the
verdict can produce, so a new or changed one there fails until it is added here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, Qt


def _isolated(text: str) -> str:
    """The vendor's own (English) words as a bidi isolate (FSI ... PDI): inside an Arabic
    sentence they keep their own direction and leave the sentence's punctuation alone.
    Left-to-right languages need none (and keep the verdict's exact English)."""
    if QLocale().textDirection() is Qt.LayoutDirection.RightToLeft:
        return f"\u2068{text}\u2069"
    return text


def _number(text: str) -> str:
    return QLocale().toString(float(text), "f", 2)


def _scope(label: str) -> str:
    if label == "Liveness":
        return QCoreApplication.translate("reasons", "Liveness check")
    return QCoreApplication.translate("reasons", "Deepfake check")


def _fixed() -> dict[str, str]:
    return {
        "The verification could not be completed.": QCoreApplication.translate(
            "reasons", "The verification could not be completed."
        ),
        "The verification link expired before it was completed.": QCoreApplication.translate(
            "reasons", "The verification link expired before it was completed."
        ),
        "The verification was canceled.": QCoreApplication.translate(
            "reasons", "The verification was canceled."
        ),
        "No checks were requested, so nothing was verified.": QCoreApplication.translate(
            "reasons", "No checks were requested, so nothing was verified."
        ),
        "Face match: the server sent an invalid similarity.": QCoreApplication.translate(
            "reasons", "Face match: the server sent an invalid similarity."
        ),
        "Face match: no match result was returned.": QCoreApplication.translate(
            "reasons", "Face match: no match result was returned."
        ),
        "Face match: no enrolled face was identified.": QCoreApplication.translate(
            "reasons", "Face match: no enrolled face was identified."
        ),
        "Enrolment: no face template was created.": QCoreApplication.translate(
            "reasons", "Enrolment: no face template was created."
        ),
        # Tips (the verdict's advice).
        "The photo was blurry.": QCoreApplication.translate("reasons", "The photo was blurry."),
        "There was glare or flare on the photo.": QCoreApplication.translate(
            "reasons", "There was glare or flare on the photo."
        ),
        "The lighting was too dark or too bright.": QCoreApplication.translate(
            "reasons", "The lighting was too dark or too bright."
        ),
        "The contrast was poor.": QCoreApplication.translate("reasons", "The contrast was poor."),
        "Part of the face was covered.": QCoreApplication.translate(
            "reasons", "Part of the face was covered."
        ),
        "An eye was closed.": QCoreApplication.translate("reasons", "An eye was closed."),
        "The expression was not neutral.": QCoreApplication.translate(
            "reasons", "The expression was not neutral."
        ),
        "The photo quality was not ideal.": QCoreApplication.translate(
            "reasons", "The photo quality was not ideal."
        ),
    }


def _patterns() -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]:
    return [
        (
            re.compile(r"(Liveness|Deepfake) check: no result was returned\."),
            lambda m: QCoreApplication.translate(
                "reasons", "{check}: no result was returned."
            ).format(check=_scope(m[1])),
        ),
        (
            re.compile(r"(Liveness|Deepfake) check: the server sent an invalid score\."),
            lambda m: QCoreApplication.translate(
                "reasons", "{check}: the server sent an invalid score."
            ).format(check=_scope(m[1])),
        ),
        (
            re.compile(r"Liveness check failed: the face did not pass as a live person\."),
            lambda m: QCoreApplication.translate(
                "reasons", "Liveness check failed: the face did not pass as a live person."
            ),
        ),
        (
            re.compile(r"Deepfake check failed: the image looks manipulated or synthetic\."),
            lambda m: QCoreApplication.translate(
                "reasons", "Deepfake check failed: the image looks manipulated or synthetic."
            ),
        ),
        (
            re.compile(r"(Liveness|Deepfake) check: no score is below ([0-9.]+)\."),
            lambda m: QCoreApplication.translate(
                "reasons", "{check}: no score was given (needs {minimum})."
            ).format(check=_scope(m[1]), minimum=_number(m[2])),
        ),
        (
            re.compile(r"(Liveness|Deepfake) check: score ([0-9.]+) is below ([0-9.]+)\."),
            lambda m: QCoreApplication.translate(
                "reasons", "{check}: score {score} is below {minimum}."
            ).format(check=_scope(m[1]), score=_number(m[2]), minimum=_number(m[3])),
        ),
        (
            re.compile(r"Face match: similarity ([0-9.]+) is below the threshold ([0-9.]+)\."),
            lambda m: QCoreApplication.translate(
                "reasons", "Face match: similarity {score} is below the threshold {minimum}."
            ).format(score=_number(m[1]), minimum=_number(m[2])),
        ),
        (
            # The vendor's own words (neutralised by the client) stay as they came.
            re.compile(r"The photo could not be checked: (.*) \(error (-?[0-9]+)\)\.", re.S),
            lambda m: QCoreApplication.translate(
                "reasons", "The photo could not be checked: {info} (error {code})."
            ).format(info=_isolated(m[1]), code=m[2]),
        ),
        (
            re.compile(r"The photo could not be checked: (.*)\.", re.S),
            lambda m: QCoreApplication.translate(
                "reasons", "The photo could not be checked: {info}."
            ).format(info=_isolated(m[1])),
        ),
        (
            re.compile(r"The session ended with status (.*), not DONE\.", re.S),
            lambda m: QCoreApplication.translate(
                "reasons", "The session ended with status {status}, not DONE."
            ).format(status=_isolated(m[1])),
        ),
    ]


def translate_reason(text: str) -> str:
    """``text`` (a reason or tip worded by kiosk/core/verdict.py) in the current language."""
    fixed = _fixed().get(text)
    if fixed is not None:
        return fixed
    for pattern, build in _patterns():
        match = pattern.fullmatch(text)
        if match is not None:
            return build(match)
    return text
