"""The desk in the `language` setting: a German employee reads German menus and a German New
verification dialog; an Arabic one reads Arabic menus in a right-to-left window."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.desk.new_session import NewSessionDialog
from kiosk.ui.i18n import Languages
from tests.desk.desk_harness import DeskUnderTest


@pytest.fixture
def use_language(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """Sets the application's language as ``kiosk desk`` does before building its window
    (kiosk/desk/app.py); English again afterwards, for the tests that follow."""
    languages = Languages(qapp)

    def use(code: str) -> None:
        languages.default = code
        languages.reset()
        assert languages.current == code, f"the {code} translation did not load"

    yield use
    languages.use("en")


def menu_titles(desk: DeskUnderTest) -> list[str]:
    return [action.text() for action in desk.window.menuBar().actions()]


def test_a_german_desk_shows_german_menus_and_dialog(
    qtbot: QtBot, use_language: Callable[[str], None], make_desk: Callable[..., DeskUnderTest]
) -> None:
    use_language("de")
    desk = make_desk(settings={"language": "de"})
    assert menu_titles(desk) == ["&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe"]
    assert desk.window.windowTitle() == "Prüfschalter"
    assert desk.window.new_action.text() == "&Neue Prüfung…"
    desk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.window)
    qtbot.keyClick(desk.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewSessionDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NewSessionDialog)
    assert dialog.windowTitle() == "Neue Prüfung"
    assert dialog.start_button.text() == "Starten"
    assert dialog.reference.placeholderText() == "Kundennummer oder Vorgangsnummer (optional)"
    # The checks' names are the kiosk's own German words.
    assert dialog.checks["liveness"].text() == "Lebenderkennung"
    # Why a reference is refused (worded in English by kiosk/core) is said in German.
    dialog.reference.setText("x" * 200)
    assert dialog.problem.text().startswith("Die Referenz ist 200 Zeichen lang")
    assert not dialog.start_button.isEnabled()
    dialog.reject()


def test_an_arabic_desk_is_right_to_left_with_arabic_menus(
    qtbot: QtBot, use_language: Callable[[str], None], make_desk: Callable[..., DeskUnderTest]
) -> None:
    use_language("ar")
    desk = make_desk(settings={"language": "ar"})
    assert desk.window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert desk.window.isRightToLeft()
    assert menu_titles(desk) == ["&ملف", "&تحرير", "&عرض", "م&ساعدة"]
    assert desk.window.windowTitle() == "مكتب التحقق"
    # A row selected right to left shows that verification (Qt's selectRow() selects nothing
    # there).
    key = desk.start("CUST-7", None)
    desk.window.table.select_key(key)
    assert desk.window.table.selected_key() == key
    qtbot.waitUntil(lambda: desk.window.detail.key == key)
