"""The visitor's language choice on a kiosk window: the session runs in it, the next visitor
starts in the configured default.

The idle screen offers the languages (:attr:`IdleScreen.language_chosen`); picking one switches
the application's translator, locale and layout direction (:class:`kiosk.ui.i18n.Languages`)
and redraws the window in it. When the kiosk comes back to idle from anything else (a result's
timeout, Done, Cancel, a walk-away, an error) it returns to the default language, and so
does a choice no session follows within a minute (a visitor who walked away).

Screens build their words once, so they are rebuilt rather than retranslated: the window
builds them lazily anyway, and a language changes only on the idle screen (a tap) or on the
way back to it, never in the middle of a session.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel

from kiosk.core.state import KioskState, Phase
from kiosk.ui.i18n import Languages
from kiosk.ui.window import KioskWindow


class LanguageSwitch(QObject):
    """Connects ``window``'s idle screen and controller to ``languages``.

    Args:
        window: the kiosk window.
        languages: the application's languages; its default is the configured language.
        idle_reset_seconds: a language chosen but not used (no session started) for this
            long goes back to the default, so a visitor who walks away does not leave the
            next one in their language.
    """

    def __init__(
        self, window: KioskWindow, languages: Languages, idle_reset_seconds: float = 60.0
    ) -> None:
        super().__init__(window)
        self.window = window
        self.languages = languages
        self.idle_reset = QTimer(self)
        self.idle_reset.setSingleShot(True)
        self.idle_reset.setInterval(round(idle_reset_seconds * 1000))
        self.idle_reset.timeout.connect(self._back_to_default)
        self._phase = window.controller.state.phase
        window.controller.state_changed.connect(self._on_state)
        self._connect_idle()

    def choose(self, language: str) -> None:
        """Show the kiosk in ``language`` (from the idle screen's buttons)."""
        before = self.languages.current
        self.languages.use(language)
        if self.languages.current != before:
            self._redraw()
            chosen = self.window.idle.language_buttons.get(self.languages.current)
            if chosen is not None:  # keyboard users stay where they were
                chosen.setFocus()
        if self.languages.current != self.languages.default:
            self.idle_reset.start()  # again from now on each choice
        else:
            self.idle_reset.stop()

    def _on_state(self, state: KioskState) -> None:
        previous, self._phase = self._phase, state.phase
        if state.phase is not Phase.IDLE:
            self.idle_reset.stop()  # the session runs in the language chosen for it
        back_at_idle = state.phase is Phase.IDLE and previous is not Phase.IDLE
        if back_at_idle:
            self._back_to_default()

    def _back_to_default(self) -> None:
        if self._phase is Phase.IDLE and self.languages.current != self.languages.default:
            self.languages.reset()
            self._redraw()

    def _connect_idle(self) -> None:
        self.window.idle.language_chosen.connect(self.choose)

    def _redraw(self) -> None:
        window = self.window
        # The window's lazily built screens are dropped and the current one built afresh in
        # the new language (see the module's docstring).
        for screen in list(window._screens.values()):
            window.stack.removeWidget(screen)
            screen.deleteLater()
        window._screens.clear()
        self._retranslate_window()
        window.show_state(window.controller.state)
        self._connect_idle()

    def _retranslate_window(self) -> None:
        window = self.window
        default = QCoreApplication.translate("KioskWindow", "Face verification")
        brand = window.brand  # a bank's own name and header are not translated
        window.setWindowTitle(brand.name if brand and brand.name else default)
        title = window.findChild(QLabel, "HeaderTitle")
        if title is not None:
            title.setText(brand.header if brand and brand.header else default)
        window.sandbox_badge.setText(QCoreApplication.translate("KioskWindow", "SANDBOX"))
        window.sandbox_badge.setToolTip(
            QCoreApplication.translate("KioskWindow", "Demo server: no real identity check is made")
        )
        window.sandbox_badge.setAccessibleName(
            QCoreApplication.translate("KioskWindow", "Sandbox mode: demo server")
        )
        window.banner.setText(
            QCoreApplication.translate("KioskWindow", "Connection problem — retrying…")
        )
        window.banner.setAccessibleName(
            QCoreApplication.translate("KioskWindow", "Connection problem, retrying")
        )
