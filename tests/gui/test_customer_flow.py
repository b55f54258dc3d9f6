"""The whole customer flow against the real sandbox: every ending, every way forward."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.core.state import Phase
from kiosk.ui.controller import ControllerOptions
from tests.gui.harness import Kiosk, phases_in_order, visible_texts


def test_pass_goes_idle_qr_progress_result(kiosk: Kiosk) -> None:
    window = kiosk.window
    assert window.current_screen is window.idle
    kiosk.play("pass")
    assert kiosk.state.phase is Phase.STARTING  # feedback at once, before any network answer
    kiosk.wait_for(Phase.QR)
    session = kiosk.state.session
    assert session is not None
    assert window.qr.qr.matrix is session.matrix
    assert f"Link opens {session.host}" == window.qr.host.text()
    kiosk.wait_for(Phase.PROGRESS)
    assert "Follow the steps on your phone" in window.progress.line.text()
    kiosk.wait_for(Phase.RESULT)
    assert window.current_screen is window.result
    assert window.result.verdict.text() == "✓ PASS"
    texts = visible_texts(window.result)
    for name in ("Liveness", "Deepfake", "Face match", "needs 0.75"):
        assert name in texts
    assert phases_in_order(kiosk.phases, [Phase.STARTING, Phase.QR, Phase.PROGRESS, Phase.RESULT])


@pytest.mark.parametrize(
    ("scenario", "reason"),
    [
        ("fail_liveness", "Liveness check failed"),
        ("fail_deepfake", "Deepfake check failed"),
        ("no_match", "is below the threshold 0.75"),
    ],
)
def test_each_failed_check_shows_fail_with_its_reason(
    kiosk: Kiosk, scenario: str, reason: str
) -> None:
    kiosk.play(scenario)
    kiosk.wait_for(Phase.RESULT)
    assert kiosk.window.result.verdict.text() == "✕ FAIL"
    assert kiosk.window.result.verdict.accessibleName() == "FAIL"
    assert reason in visible_texts(kiosk.window.result)


@pytest.mark.parametrize(
    ("scenario", "title"),
    [
        ("fail", "The verification could not be completed"),
        ("expire", "The code expired"),
        ("cancel", "The verification was canceled"),
    ],
)
def test_other_endings_have_their_own_screen(kiosk: Kiosk, scenario: str, title: str) -> None:
    kiosk.play(scenario)
    kiosk.wait_for(Phase.ENDED)
    assert kiosk.window.current_screen is kiosk.window.ended
    assert kiosk.window.ended.title.text() == title
    kiosk.window.ended.again_button.click()
    assert kiosk.state.phase is Phase.STARTING


def test_result_returns_to_idle_by_itself_with_a_visible_countdown(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = make_kiosk(options=ControllerOptions(result_seconds=1.5, tick_ms=50))
    kiosk.play("pass")
    kiosk.wait_for(Phase.RESULT)

    def counting_down() -> None:
        text = kiosk.window.result.countdown.text()
        assert text.startswith("Back to the start in"), f"the countdown says {text!r}"

    kiosk.qtbot.waitUntil(counting_down)
    kiosk.wait_for(Phase.IDLE, timeout=5000)
    assert kiosk.window.current_screen is kiosk.window.idle


def test_done_returns_to_idle_at_once(kiosk: Kiosk) -> None:
    kiosk.play("pass")
    kiosk.wait_for(Phase.RESULT)
    kiosk.qtbot.mouseClick(kiosk.window.result.done_button, Qt.MouseButton.LeftButton)
    assert kiosk.state.phase is Phase.IDLE


def test_walk_away_returns_to_idle_and_stops_polling(make_kiosk: Callable[..., Kiosk]) -> None:
    kiosk = make_kiosk(options=ControllerOptions(walk_away_seconds=0.5, tick_ms=50))
    kiosk.play(None)  # nobody scans: the session stays CREATED
    kiosk.wait_for(Phase.QR)
    kiosk.wait_for(Phase.IDLE, timeout=5000)
    kiosk.wait_for_no_threads()


def test_cancel_while_polling_stops_everything(kiosk: Kiosk) -> None:
    kiosk.play(None)
    kiosk.wait_for(Phase.QR)
    kiosk.qtbot.mouseClick(kiosk.window.qr.cancel_button, Qt.MouseButton.LeftButton)
    assert kiosk.state.phase is Phase.IDLE
    assert kiosk.window.current_screen is kiosk.window.idle
    # No late report from the stopped worker changes the screen, and its thread ends.
    with kiosk.qtbot.assertNotEmitted(kiosk.controller.state_changed, wait=400):
        pass
    kiosk.wait_for_no_threads()


def test_cancel_during_progress(kiosk: Kiosk) -> None:
    kiosk.sandbox.config.step_seconds = 5  # linger in the first step
    kiosk.sandbox.app.state.store.step_seconds = 5
    kiosk.play("pass")
    kiosk.wait_for(Phase.PROGRESS, timeout=15_000)
    kiosk.window.progress.cancel_button.click()
    assert kiosk.state.phase is Phase.IDLE


def test_continue_on_this_device_opens_the_session_link(kiosk: Kiosk) -> None:
    kiosk.play(None)
    kiosk.wait_for(Phase.QR)
    kiosk.window.qr.open_here_button.click()
    assert kiosk.state.session is not None
    assert kiosk.opened == [kiosk.state.session.url]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Space])
def test_start_works_from_the_keyboard(kiosk: Kiosk, key: Qt.Key) -> None:
    kiosk.window.activateWindow()
    kiosk.window.idle.start_button.setFocus()
    kiosk.qtbot.keyClick(kiosk.window.idle.start_button, key)
    assert kiosk.state.phase is Phase.STARTING


def test_a_double_tap_starts_one_session(kiosk: Kiosk) -> None:
    kiosk.scenarios.append(None)
    kiosk.controller.start()
    kiosk.controller.start()
    kiosk.wait_for(Phase.QR)
    assert len(kiosk.sandbox.app.state.store) == 1


def test_every_button_has_an_accessible_name(kiosk: Kiosk) -> None:
    for phase in Phase:
        kiosk.window.screen_for(phase)  # screens are built on first use
    buttons = kiosk.window.findChildren(QPushButton)
    assert len(buttons) >= 9
    assert all(b.accessibleName() for b in buttons)
    assert kiosk.window.qr.qr.accessibleName()
