"""Every screen fits at 1920x1080, 800x1280 (portrait tablet) and a small window, in both themes
and at 100 % and 200 % text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.models import SessionStatus
from kiosk.core.qr import QUIET_ZONE_MODULES, encode
from kiosk.core.state import ActiveSession, ErrorKind, KioskState, Phase
from kiosk.core.state import status_received as received
from kiosk.ui.controller import KioskController
from kiosk.ui.theme import THEMES
from kiosk.ui.window import KioskWindow

URL = "http://192.168.100.200:8765/flow/" + "T" * 43
SESSION = ActiveSession(
    "sid", "T" * 43, URL, "192.168.100.200:8765", encode(URL), ("liveness", "deepfake", "search")
)
QR = KioskState(phase=Phase.QR, session=SESSION)
DONE = SessionStatus.from_wire(
    {
        "status": "DONE",
        "expiresAt": "2030-01-01T00:00:00Z",
        "result": {
            "liveness": {"fine": False, "score": 0.2},
            "deepfake": {"fine": True, "score": 0.9},
            "search": {"similarity": 0.5, "templateId": None},
            "quality": {"flare": {"fine": False, "score": 0.7}},
        },
    }
)
STATES = {
    "idle": KioskState(),
    "starting": KioskState(phase=Phase.STARTING),
    "qr": QR,
    "progress": received(
        QR, SessionStatus.from_wire({"status": "IN_PROGRESS", "nextStep": "DEEPFAKE"})
    ),
    "result": received(QR, DONE),
    "ended": received(QR, SessionStatus.from_wire({"status": "EXPIRED"})),
    "error": KioskState(
        phase=Phase.ERROR, error=ErrorKind.UNTRUSTED_URL, error_message="The link points elsewhere."
    ),
}
SIZES = [(1920, 1080), (800, 1280), (1024, 700)]


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


LOOKS = [("default", 1.0), ("default", 2.0), ("high-contrast", 2.0)]


@pytest.mark.parametrize("look", LOOKS, ids=lambda look: f"{look[0]}-{round(look[1] * 100)}")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(STATES))
def test_screen_fits_the_window(
    qtbot: QtBot, name: str, size: tuple[int, int], look: tuple[str, float]
) -> None:
    window = KioskWindow(
        KioskController(lambda: None),  # type: ignore[arg-type, return-value]
        sandbox=True,
        theme=THEMES[look[0]],
        text_scale=look[1],
    )
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.show_state(STATES[name])
    QApplication.processEvents()
    assert (window.width(), window.height()) == size
    bounds = window.rect()
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    assert buttons or name in ("starting",)
    # A screen taller than the window (large text) scrolls: every button can be brought into
    # the window, where it is whole and big enough to touch.
    for button in buttons:
        window.body.ensureWidgetVisible(button, 0, 0)
        QApplication.processEvents()
        rect = rect_in(button, window)
        assert bounds.contains(rect), f"{button.text()!r} is outside the window"
        # WCAG 2.5.5's 44 px and the usual 48 px touch target, even in the smallest window.
        assert rect.height() >= 48, f"{button.text()!r} is too small to touch"
    placed = [rect_in(b, window.stack) for b in buttons]
    for i, a in enumerate(placed):
        assert not any(a.intersects(b) for b in placed[i + 1 :]), "buttons overlap"
    if look[1] == 1.0 and size != (1024, 700):
        # At 100 % on both kiosk screens nothing needs scrolling.
        assert window.body.verticalScrollBar().maximum() == 0
    # Text is never cut: each label is as tall as its wrapped text and within the width.
    width = window.body.viewport().width()
    for widget in [w for w in window.findChildren(QLabel) if w.isVisible() and w.text()]:
        inside, across = (
            (window.body.viewport(), width)
            if window.stack.isAncestorOf(widget)
            else (window, window.width())
        )
        rect = rect_in(widget, inside)
        assert rect.left() >= 0 and rect.right() < across, f"{widget.text()!r} runs off the side"
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            assert widget.height() >= needed - 2, f"{widget.text()!r} is cut"
        else:
            hint = widget.sizeHint()
            assert widget.height() >= hint.height() - 2, f"{widget.text()!r} is cut"
            assert widget.width() >= hint.width() - 2, f"{widget.text()!r} is cut"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_qr_is_large_and_crisp(qtbot: QtBot, size: tuple[int, int]) -> None:
    window = KioskWindow(KioskController(lambda: None), sandbox=True)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.show_state(QR)

    def laid_out() -> None:
        assert window.qr.qr.module > 0, f"no module size yet for a {window.qr.qr.size()} view"

    qtbot.waitUntil(laid_out)
    view = window.qr.qr
    side = (SESSION.matrix.size + 2 * QUIET_ZONE_MODULES) * view.module
    assert side <= min(view.width(), view.height())
    assert side >= 0.5 * min(size), "the code should take most of the short side"
    # Crisp: the painted code has only pure black and white pixels, with a white quiet zone.
    image = view.grab().toImage()
    left = (view.width() - side) // 2
    top = (view.height() - side) // 2
    colors = {
        image.pixelColor(left + x, top + y).name()
        for x in range(0, side, 7)
        for y in range(0, side, 7)
    }
    assert colors == {"#000000", "#ffffff"}
    quiet = QUIET_ZONE_MODULES * view.module
    assert all(image.pixelColor(left + i, top + quiet - 1).name() == "#ffffff" for i in range(side))


def test_first_painted_comes_once_after_the_window_is_drawn(qtbot: QtBot) -> None:
    window = KioskWindow(KioskController(lambda: None), sandbox=True)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    with qtbot.assertNotEmitted(window.first_painted, wait=100):
        window.update()
        window.resize(900, 900)


@pytest.mark.parametrize("text_scale", [1.0, 2.0], ids=["100", "200"])
@pytest.mark.parametrize("name", list(STATES))
def test_touch_targets_in_the_smallest_window(qtbot: QtBot, name: str, text_scale: float) -> None:
    """At the window's minimum size (480x480) every button can still be scrolled into view
    whole, and is at least 48 px tall."""
    window = KioskWindow(
        KioskController(lambda: None),  # type: ignore[arg-type, return-value]
        sandbox=True,
        text_scale=text_scale,
    )
    qtbot.addWidget(window)
    window.resize(window.minimumSize())
    window.show()
    window.show_state(STATES[name])
    QApplication.processEvents()
    assert window.size() == window.minimumSize()
    for button in [b for b in window.findChildren(QPushButton) if b.isVisible()]:
        window.body.ensureWidgetVisible(button, 0, 0)
        QApplication.processEvents()
        rect = rect_in(button, window)
        assert window.rect().contains(rect), f"{button.text()!r} cannot be brought into view"
        assert rect.height() >= 48, f"{button.text()!r} is {rect.height()} px tall"
