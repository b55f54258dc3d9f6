"""Issue 14, point 6 on screen: the Face API's error answer (no face, several faces) is shown as
the reason, in the vendor's own words, wherever the session ends."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.state import ActiveSession, KioskState, Phase
from kiosk.core.state import status_received as received
from kiosk.ui.controller import KioskController
from kiosk.ui.window import KioskWindow
from tests.gui.harness import Kiosk, visible_texts

URL = "http://127.0.0.1:8765/flow/" + "T" * 43
QR = KioskState(
    phase=Phase.QR,
    session=ActiveSession("sid", "T" * 43, URL, "127.0.0.1:8765", encode(URL), ("liveness",)),
)


def test_no_face_ends_with_the_vendors_reason_on_screen(kiosk: Kiosk) -> None:
    kiosk.play("no_face")
    kiosk.wait_for(Phase.ENDED)
    ended = kiosk.window.ended
    assert ended.title.text() == "The verification could not be completed"
    assert ended.reason.isVisibleTo(ended)
    assert ended.reason.text() == "The photo could not be checked: can not detect face (error 5)."


def test_many_faces_shows_its_reason_and_a_plain_failure_none(kiosk: Kiosk) -> None:
    kiosk.play("many_faces")
    kiosk.wait_for(Phase.ENDED)
    assert "more than one face" in visible_texts(kiosk.window.ended)
    kiosk.window.ended.done_button.click()
    kiosk.wait_for(Phase.IDLE)
    kiosk.play("fail")
    kiosk.wait_for(Phase.ENDED)
    assert not kiosk.window.ended.reason.isVisibleTo(kiosk.window.ended)
    assert "could not be checked" not in visible_texts(kiosk.window.ended)


def test_a_done_result_that_is_an_error_shows_fail_with_the_vendors_words(qtbot: QtBot) -> None:
    window = KioskWindow(KioskController(lambda: None), sandbox=True)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(window)
    window.show()
    answer = {"status": "error", "code": 6, "info": "more than one face detected"}
    window.show_state(received(QR, SessionStatus.from_wire({"status": "DONE", "result": answer})))
    assert window.current_screen is window.result
    assert window.result.verdict.text() == "✕ FAIL"
    texts = visible_texts(window.result)
    assert "The photo could not be checked: more than one face detected (error 6)." in texts


def test_an_unbroken_vendor_text_wraps_instead_of_running_off_screen(qtbot: QtBot) -> None:
    window = KioskWindow(KioskController(lambda: None), sandbox=True)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(window)
    window.resize(800, 1280)
    window.show()
    answer = {"status": "error", "code": 5, "info": "X" * 160}
    window.show_state(received(QR, SessionStatus.from_wire({"status": "DONE", "result": answer})))
    qtbot.waitExposed(window)
    reasons = [w for w in window.result.findChildren(QLabel) if w.objectName() == "Reason"]
    assert reasons and all(w.isVisible() for w in reasons)
    for widget in reasons:
        assert "X" * 160 in widget.text().replace("\u200b", "")  # nothing lost
        assert widget.minimumSizeHint().width() < 800  # it can wrap within the window
