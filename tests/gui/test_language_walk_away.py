"""A visitor who picks a language and walks away without starting leaves the next visitor in
the configured language: the idle screen goes back to it after a while (it stayed in the
walked-away visitor's language until someone ran a session)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.state import Phase
from kiosk.ui.i18n import Languages
from kiosk.ui.language_switch import LanguageSwitch
from tests.gui.harness import Kiosk


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[Languages]:
    chosen = Languages(qapp, "en")
    yield chosen
    chosen.use("en")


def test_an_unused_choice_goes_back_to_the_default(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], languages: Languages
) -> None:
    kiosk = make_kiosk()
    switch = LanguageSwitch(kiosk.window, languages, idle_reset_seconds=0.3)
    switch.choose("de")
    assert languages.current == "de"
    assert kiosk.window.idle.start_button.text() == "Prüfung starten"
    qtbot.waitUntil(lambda: languages.current == "en", timeout=5000)
    assert kiosk.window.idle.start_button.text() == "Start verification"
    assert kiosk.state.phase is Phase.IDLE


def test_a_session_started_in_time_keeps_its_language(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], languages: Languages
) -> None:
    kiosk = make_kiosk()
    switch = LanguageSwitch(kiosk.window, languages, idle_reset_seconds=0.3)
    switch.choose("de")
    kiosk.play(None)
    kiosk.wait_for(Phase.QR)
    # The reset is off while the session runs: it never switches under the visitor.
    assert not switch.idle_reset.isActive()
    assert languages.current == "de"
    assert kiosk.state.phase is Phase.QR
