"""The kiosk switches language at run time: words, plural forms, numbers and direction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication

from kiosk.ui.i18n import Languages
from kiosk.ui.reasons import translate_reason
from kiosk.ui.screens.common import countdown_text


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[Languages]:
    chosen = Languages(qapp, "en")
    yield chosen
    chosen.use("en")


def _countdown(n: int) -> str:
    return QCoreApplication.translate("ResultScreen", "Back to the start in %n s", "", n)


def test_german_words_and_plural_forms(languages: Languages) -> None:
    assert languages.use("de")
    assert QCoreApplication.translate("IdleScreen", "Start verification") == "Prüfung starten"
    assert _countdown(1) == "Zurück zum Start in 1 Sekunde"
    assert _countdown(12) == "Zurück zum Start in 12 Sekunden"
    assert QLocale().toString(0.75, "f", 2) == "0,75"
    assert QApplication.layoutDirection() is Qt.LayoutDirection.LeftToRight


def test_arabic_has_six_plural_forms_its_digits_and_runs_right_to_left(
    languages: Languages,
) -> None:
    assert languages.use("ar")
    assert QApplication.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert _countdown(1).endswith("ثانية واحدة")
    assert _countdown(2).endswith("ثانيتين")
    assert _countdown(5).endswith("ثوانٍ")
    assert "١٥" in _countdown(15)  # %n in Arabic-Indic digits
    assert countdown_text(65) == "١:٠٥"
    languages.reset()
    assert languages.current == "en"
    assert QApplication.layoutDirection() is Qt.LayoutDirection.LeftToRight
    assert _countdown(3) == "Back to the start in 3 s"
    assert countdown_text(65) == "1:05"


def test_the_verdicts_reasons_are_translated_with_local_numbers(languages: Languages) -> None:
    assert languages.use("fr")
    assert translate_reason("Face match: similarity 0.41 is below the threshold 0.75.") == (
        "Correspondance faciale : la similarité 0,41 est inférieure au seuil 0,75."
    )
    assert translate_reason("The photo was blurry.") == "La photo était floue."
    # The vendor's words are kept as they came, inside the translated sentence.
    assert translate_reason("The photo could not be checked: no face (error 7).") == (
        "La photo n'a pas pu être vérifiée : no face (erreur 7)."
    )
    assert translate_reason("Something new.") == "Something new."
    # In Arabic they are isolated, so they keep their own direction inside the sentence.
    assert languages.use("ar")
    assert "\u2068no face\u2069" in translate_reason(
        "The photo could not be checked: no face (error 7)."
    )


def test_an_unknown_or_missing_language_leaves_english(languages: Languages) -> None:
    assert not languages.use("xx")
    assert languages.current == "en"
