"""The kiosk's languages: Qt's translators over the shipped ``resources/i18n/kiosk_<code>.qm``.

English is the source language (the strings in the code), so it needs no file. The other
languages are compiled by ``scripts/i18n.sh`` (``pyside6-lupdate`` then ``pyside6-lrelease``)
from the ``.ts`` files next to them; tests/unit/test_i18n.py fails when one is unfinished or
stale. Translated: what a visitor sees (the window, kiosk/ui/screens/ and the verdict's
reasons, kiosk/ui/reasons.py) and the operator desk (kiosk/desk/, run in the ``language``
setting, its PDF receipt included; its customer view reuses the screens' strings). The
kiosk's operator panel stays in English, the language of the staff documentation.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk import resources
from kiosk.core.rules import LANGUAGES

log = logging.getLogger(__name__)

# Each language named in itself, in the order the idle screen offers them.
NATIVE_NAMES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "de": "Deutsch",
    "ar": "العربية",
}
assert tuple(NATIVE_NAMES) == LANGUAGES
RIGHT_TO_LEFT = frozenset({"ar"})

# The sources pyside6-lupdate reads (relative to the checkout), shared with scripts/i18n.sh
# and the staleness test.
SOURCES = (
    "kiosk/ui/window.py",
    "kiosk/ui/language_switch.py",
    "kiosk/ui/reasons.py",
    "kiosk/ui/screens/*.py",
    # The desk, without its customer view (customer_view.py, customer_words.py: the
    # screens' own strings, looked up in their contexts by a translator of their own).
    "kiosk/desk/[!c]*.py",
    "kiosk/desk/customer_display.py",
    "kiosk/desk/customer_link.py",
)


def qm_name(language: str) -> str:
    """The compiled translation of ``language`` under ``resources/`` (none for English)."""
    return f"i18n/kiosk_{language}.qm"


class Languages:
    """Switches the application's language: one installed translator, the default QLocale
    (numbers, times) and the layout direction. Words already on screen stay as they are:
    kiosk.ui.language_switch rebuilds the window's screens after a switch.

    Args:
        app: the application.
        default: the configured language, the one the kiosk returns to after each session.
    """

    def __init__(self, app: QCoreApplication, default: str = "en") -> None:
        self._app = app
        self.default = default if default in NATIVE_NAMES else "en"
        self.current = "en"
        self._translator: QTranslator | None = None

    def use(self, language: str) -> bool:
        """Make ``language`` the application's language. False (English instead) when it is
        not shipped or its compiled file is missing or unreadable: a broken install still
        shows words."""
        wanted = language
        language = language if language in NATIVE_NAMES else "en"
        if language == self.current and (language == "en" or self._translator is not None):
            return language == wanted
        translator: QTranslator | None = None
        if language != "en":
            translator = QTranslator(self._app)
            try:
                loaded = translator.load(str(resources.path(qm_name(language))))
            except FileNotFoundError as exc:
                log.warning("%s", exc)
                loaded = False
            if not loaded:
                log.warning("the %s translation could not be loaded; showing English", language)
                language, translator = "en", None
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
        self._translator = translator
        if translator is not None:
            self._app.installTranslator(translator)
        self.current = language
        QLocale.setDefault(QLocale(language))
        if isinstance(self._app, QApplication):
            from PySide6.QtCore import Qt  # not at import: ~12 ms before an English first paint

            self._app.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft
                if language in RIGHT_TO_LEFT
                else Qt.LayoutDirection.LeftToRight
            )
        return language == wanted

    def reset(self) -> None:
        """Back to the configured language (after every session)."""
        self.use(self.default)
