"""The customer's view at the desk: the customer's language while the desk keeps its own, the
kiosk's translations reused, right to left in Arabic, and a result without any score."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.brand import Brand
from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.state import ActiveSession, Ending, ErrorKind, KioskState, Phase
from kiosk.desk.customer_view import CustomerView
from kiosk.desk.customer_words import SCORE, SOURCES, CustomerWords
from kiosk.ui.i18n import Languages
from kiosk.ui.reasons import translate_reason
from tests.gui.test_reasons import _wordings

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
SHIPPED = ("es", "fr", "de", "ar")
SCAN = "Scan this code with your phone's camera"
REASONS = (
    "Face match: similarity 0.41 is below the threshold 0.80.",
    "Liveness check: score 0.23 is below 0.50.",
    "Liveness check failed: the face did not pass as a live person.",
    "The photo could not be checked: no face (error 5).",
)


def _translation(language: str, context: str, source: str) -> str:
    """The shipped .ts file's finished translation of ``source`` in ``context``."""
    root = ET.parse(I18N / f"kiosk_{language}.ts").getroot()  # noqa: S314 - our own files
    for ctx in root.iter("context"):
        if ctx.findtext("name") != context:
            continue
        for message in ctx.iter("message"):
            if message.findtext("source") == source:
                translation = message.find("translation")
                assert translation is not None
                assert translation.get("type") is None, f"{context}: {source!r} unfinished"
                return translation.text or ""
    raise AssertionError(f"{language}: {context}: {source!r} is not in the shipped strings")


def _said(language: str, context: str, source: str) -> str:
    """What the kiosk says in ``language`` (English: the source itself)."""
    return source if language == "en" else _translation(language, context, source)


@pytest.fixture
def desk_in_french(qapp: QApplication) -> Iterator[Languages]:
    """The desk (the application) speaks French, as an employee's desk might; English after."""
    languages = Languages(qapp, "en")
    assert languages.use("fr")
    yield languages
    languages.use("en")


@pytest.fixture
def view(qtbot: QtBot) -> CustomerView:
    widget = CustomerView()
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.parametrize("language", SHIPPED)
def test_every_text_the_view_shows_is_a_finished_shipped_translation(language: str) -> None:
    for context, source in SOURCES:
        assert _translation(language, context, source)


def test_the_customer_reads_spanish_while_the_desk_keeps_its_language(
    view: CustomerView, desk_in_french: Languages
) -> None:
    assert view.set_language("es")
    view.show_code(encode("http://127.0.0.1:8765/flow/s/abc"))
    assert view.page == "code"
    assert view.instruction.text() == _translation("es", "QrScreen", SCAN)
    assert view.instruction.text() == "Escanee este código con la cámara de su teléfono"
    # The application's translator (the desk window's words) is still French, and the
    # customer's Spanish was not installed for everyone.
    assert QCoreApplication.translate("QrScreen", SCAN) == _translation("fr", "QrScreen", SCAN)
    desk_in_french.use("en")
    assert QCoreApplication.translate("QrScreen", SCAN) == SCAN
    assert view.instruction.text() == "Escanee este código con la cámara de su teléfono"


def test_arabic_lays_the_customer_view_out_right_to_left_and_not_the_desk(
    view: CustomerView, qapp: QApplication
) -> None:
    assert view.set_language("ar")
    view.show_result(True, ())
    assert view.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert view.verdict.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert qapp.layoutDirection() is Qt.LayoutDirection.LeftToRight
    assert view.verdict.text() == _translation("ar", "ResultScreen", "✓ PASS")
    assert QCoreApplication.translate("ResultScreen", "✓ PASS") == "✓ PASS"
    # Back to a left-to-right language for the next customer.
    view.set_language("de")
    assert view.layoutDirection() is Qt.LayoutDirection.LeftToRight
    assert view.verdict.text() == _translation("de", "ResultScreen", "✓ PASS")


@pytest.mark.parametrize("language", ["en", *SHIPPED])
def test_the_result_shows_the_verdict_and_reasons_but_no_score(
    view: CustomerView, language: str
) -> None:
    view.set_language(language)
    view.show_result(False, REASONS)
    texts = view.texts()
    shown = " ".join(texts)
    # No digit at all of the scores (0.41, 0.23, the thresholds), in any numbering system.
    for score in ("41", "23", "80", "50"):
        assert score not in shown
    # The only digit left is the vendor's error code (5), which is not a score.
    assert [ch for ch in shown if ch.isdigit()] == ["5"], texts
    assert texts[0] == _said(language, "ResultScreen", "✕ FAIL")
    words = CustomerWords(language)
    assert words.reason(REASONS[2]) in texts  # a reason without a score is shown
    assert words.reason(REASONS[0]) is None and words.reason(REASONS[1]) is None


def test_an_unfinished_verification_says_so_with_its_reasons(view: CustomerView) -> None:
    view.set_language("fr")
    view.show_result(None, ("The verification link expired before it was completed.",))
    assert view.texts() == [
        _translation("fr", "EndedScreen", "The verification could not be completed"),
        _translation("fr", "reasons", "The verification link expired before it was completed."),
    ]


def test_progress_marks_the_steps_done_now_and_to_do(view: CustomerView) -> None:
    view.set_language("es")
    status = SessionStatus.from_wire(
        {
            "status": "IN_PROGRESS",
            "scopes": ["search", "liveness", "deepfake"],
            "nextStep": "DEEPFAKE",
        }
    )
    view.show_progress(status)
    assert view.page == "progress"
    assert [w.text() for w in view.steps] == [
        "✓  " + _translation("es", "names", "Liveness"),
        "●  " + _translation("es", "names", "Deepfake"),
        "○  " + _translation("es", "names", "Face match"),
    ]
    assert [w.objectName() for w in view.steps] == ["StepDone", "StepCurrent", "StepTodo"]
    line = _translation("es", "ProgressScreen", "Follow the steps on your phone: {step}")
    assert view.progress_line.text() == line.format(
        step=_translation("es", "names", "genuine photo check")
    )
    # A language switch redraws the page in the new language.
    view.set_language("en")
    assert view.steps[0].text() == "✓  Liveness"


def test_idle_shows_the_brand_or_the_kiosks_title(qtbot: QtBot) -> None:
    branded = CustomerView(brand=Brand(name="Banco Ejemplo"))
    plain = CustomerView()
    qtbot.addWidget(branded)
    qtbot.addWidget(plain)
    plain.set_language("es")
    assert branded.page == "idle" and branded.texts() == ["Banco Ejemplo"]
    assert plain.texts() == [_translation("es", "KioskWindow", "Face verification")]
    plain.show_code(encode("http://127.0.0.1:8765/flow/s/abc"))
    plain.show_idle()
    assert plain.page == "idle" and plain.qr.matrix is None


def test_a_language_not_shipped_speaks_english(view: CustomerView) -> None:
    assert not view.set_language("xx")
    assert view.language == "en"
    view.show_result(True, ())
    assert view.verdict.text() == "✓ PASS"


@pytest.mark.parametrize("language", SHIPPED)
def test_the_customers_reasons_read_as_the_kiosks(qapp: QApplication, language: str) -> None:
    """Every reason the verdict can word without a score reads on the customer's screen as
    the kiosk's own screens would say it in that language (kiosk/ui/reasons.py)."""
    wordings = [w for w in dict.fromkeys(_wordings()) if not SCORE.search(w)]
    assert len(wordings) >= 15
    words = CustomerWords(language)
    languages = Languages(qapp, "en")
    try:
        assert languages.use(language)
        expected = {w: translate_reason(w) for w in wordings}
    finally:
        languages.use("en")
    assert {w: words.reason(w) for w in wordings} == expected


def _session() -> ActiveSession:
    url = "http://127.0.0.1:8765/flow/s/abc"
    return ActiveSession(
        session_id="s-1",
        token="tok-secret-123",
        url=url,
        host="127.0.0.1",
        matrix=encode(url),
        scopes=("liveness", "search"),
    )


def test_a_desk_sessions_state_shows_the_customer_what_is_for_them(view: CustomerView) -> None:
    view.set_language("de")
    session = _session()
    view.show_state(KioskState(phase=Phase.STARTING))
    assert view.page == "preparing"
    assert view.texts() == [_translation("de", "StartingScreen", "Preparing your code…")]
    view.show_state(KioskState(phase=Phase.QR, session=session))
    assert view.page == "code" and view.qr.matrix is session.matrix
    status = SessionStatus.from_wire(
        {"status": "IN_PROGRESS", "scopes": ["liveness"], "nextStep": "LIVENESS"}
    )
    view.show_state(KioskState(phase=Phase.PROGRESS, session=session, status=status))
    # The checks requested for the session, not only those the status lists.
    assert [w.text()[0] for w in view.steps] == ["●", "○"]
    view.show_state(KioskState(phase=Phase.ENDED, session=session, ending=Ending.EXPIRED))
    assert view.texts() == [
        _translation("de", "EndedScreen", "The verification could not be completed"),
        _translation("de", "reasons", "The verification link expired before it was completed."),
    ]
    view.show_state(
        KioskState(
            phase=Phase.ERROR,
            session=session,
            error=ErrorKind.NETWORK,
            error_message="Staff: check the network and the backend address.",
        )
    )
    assert view.texts() == [
        _translation("de", "EndedScreen", "The verification could not be completed")
    ]
    view.show_state(KioskState())
    assert view.page == "idle"
