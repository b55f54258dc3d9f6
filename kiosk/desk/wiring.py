"""How the desk's parts are connected (:func:`kiosk.desk.app.build` calls these): the customer
view, the tray, the hand-off, the journal's history and the preferences. Each function takes
the window and the sessions, builds one part, and wires its signals; the part's own module
owns its behaviour.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

if TYPE_CHECKING:
    from kiosk.config import KioskConfig
    from kiosk.core.journal_writer import JournalWriter
    from kiosk.core.settings import Settings
    from kiosk.desk.customer_link import CustomerLink
    from kiosk.desk.desk_sessions import DeskSessions
    from kiosk.desk.handoff_worker import HandoffQueue
    from kiosk.desk.history import HistoryView
    from kiosk.desk.tray import DeskTray
    from kiosk.desk.window import DeskWindow

log = logging.getLogger(__name__)


def handoff(window: DeskWindow, desk_sessions: DeskSessions, config: KioskConfig) -> HandoffQueue:
    """Every final result (a verdict, or the server's ending: expired, cancelled on the
    phone, failed) goes to the configured hook, off the GUI thread; its word (sending,
    delivered, or why it failed) is shown in the session's row and result. The journal row is
    queued before: a failing hook never loses it. A cancel at the desk or an error (no answer
    from the server) is not a result and is not handed off."""
    from kiosk.core.handoff import Handoff
    from kiosk.core.state import Phase
    from kiosk.desk.handoff_worker import HandoffQueue

    queue = HandoffQueue(
        Handoff.from_settings(config.settings, app_key_env=config.app_key_env), parent=window
    )

    # The row each summary in the queue came from, by the summary's session id (what the
    # queue's signals name): the desk's own key, so the answer finds its row even when the
    # summary's id is not byte for byte the session's (the summary trims and neutralises it).
    sent: dict[str, int] = {}

    def finished(key: int) -> None:
        session = desk_sessions.get(key)
        if session is None or session.summary is None or session.cancelled:
            return
        if session.state.phase not in (Phase.RESULT, Phase.ENDED):
            return
        if queue.submit(session.summary):
            sent[str(session.summary.get("session_id") or "")] = key
            desk_sessions.set_handoff(
                key, QCoreApplication.translate("DeskWindow", "sending…"), failed=False
            )

    def report(session_id: str, message: str, *, failed: bool) -> None:
        key = sent.pop(session_id, None)
        if key is None:
            key = desk_sessions.key_of(session_id)
        if key is not None:
            desk_sessions.set_handoff(key, message, failed=failed)
        if failed:
            window.statusBar().showMessage(
                QCoreApplication.translate("DeskWindow", "The hand-off failed: %1").replace(
                    "%1", message
                ),
                15_000,
            )

    desk_sessions.finished.connect(finished)
    # The core's word for a delivered hand-off in the desk's language; a failure's reason stays
    # as the core words it (it is also the log's).
    delivered = QCoreApplication.translate("DeskWindow", "delivered")
    queue.delivered.connect(
        lambda session_id, message: report(
            session_id, delivered if message == "delivered" else message, failed=False
        )
    )
    queue.failed.connect(lambda session_id, message: report(session_id, message, failed=True))
    return queue


def customer(window: DeskWindow, desk_sessions: DeskSessions, config: KioskConfig) -> CustomerLink:
    """The customer's view, in the kiosk's look, on the configured customer screen."""
    from kiosk.app import _brand
    from kiosk.desk.customer_display import CustomerDisplay
    from kiosk.desk.customer_link import CustomerLink
    from kiosk.desk.customer_view import CustomerView
    from kiosk.ui.theme import THEMES

    settings = config.settings
    view = CustomerView(
        theme=THEMES[settings.theme],
        brand=_brand(settings.brand_dir),
        text_scale=settings.text_scale / 100,
    )
    link = CustomerLink(
        window,
        desk_sessions,
        CustomerDisplay(view, parent=window, desk_screen=window.screen),
        language=settings.language,
        result_seconds=settings.result_seconds,
    )
    window.attach_customer(link)
    link.configure(settings.desk_customer_screen)
    return link


def tray(window: DeskWindow, desk_sessions: DeskSessions) -> DeskTray:
    """The tray icon: back to the desk, a new verification, quit; a note when a session
    finishes while the window is away."""
    from kiosk.desk.tray import DeskTray

    tray = DeskTray(window, parent=window)

    def bring_back() -> None:
        window.showNormal()
        window.raise_()
        window.activateWindow()

    def finished(key: int) -> None:
        session = desk_sessions.get(key)
        if session is not None:
            tray.notify_finished(session.reference or "", window.model.status_text(session))

    tray.show_desk_requested.connect(bring_back)

    def new_verification() -> None:
        bring_back()
        window.new_verification()

    tray.new_verification_requested.connect(new_verification)
    tray.quit_requested.connect(window.close)
    desk_sessions.finished.connect(finished)
    return tray


class JournalLink(QObject):
    """The journal's side of the desk: its problem in the status bar, and the history window
    (View > History), refreshed as rows land.

    Signals:
        written(): a row landed or the journal's problem changed (emitted on the writer's
            thread; Qt queues it to the GUI thread).
    """

    written = Signal()

    def __init__(self, window: DeskWindow, journal: JournalWriter | None) -> None:
        super().__init__(window)
        self._window = window
        self._journal = journal
        self.view: HistoryView | None = None
        self.written.connect(self._on_written)
        if journal is not None:
            journal.set_listener(self.written.emit)
        window.set_history(self.open)

    def open(self) -> None:
        """Show the history window (made on first use)."""
        from kiosk.desk.history import HistoryView

        if self.view is None:
            self.view = HistoryView(self._journal, self._window)
            self.view.setWindowFlag(Qt.WindowType.Window)
            self.view.setWindowTitle(
                QCoreApplication.translate("DeskWindow", "Verification desk: history")
            )
            self.view.resize(1100, 640)
        else:
            self.view.refresh()
        self.view.show()
        self.view.activateWindow()

    def close(self) -> None:
        """Stop listening and wait for a history query still running (on quit)."""
        if self._journal is not None:
            self._journal.set_listener(None)
        if self.view is not None:
            self.view.loader.stop_and_wait()

    def _on_written(self) -> None:
        problem = self._journal.problem if self._journal is not None else None
        self._window.show_journal_problem(problem)
        if self.view is not None and self.view.isVisible():
            self.view.refresh()


def preferences(
    window: DeskWindow, config: KioskConfig, link: CustomerLink, queue: HandoffQueue
) -> None:
    """File > Preferences: the customer screen and the hand-off, saved to the settings file
    and applied at once (the customer view moves; the next hand-off uses the new hook)."""
    from kiosk.core.handoff import Handoff
    from kiosk.desk.preferences import PreferencesDialog

    current: list[Settings] = [config.settings]

    def saved(values: dict[str, object]) -> None:
        settings = dataclasses.replace(current[0], **values)  # type: ignore[arg-type]
        current[0] = settings
        link.configure(settings.desk_customer_screen)
        queue.set_handoff(Handoff.from_settings(settings, app_key_env=config.app_key_env))
        window.statusBar().showMessage(
            QCoreApplication.translate("DeskWindow", "Preferences saved."), 5000
        )

    def open_dialog() -> None:
        dialog = PreferencesDialog(config.settings_path, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(saved)
        window.preferences_dialog = dialog  # tests drive the open dialog
        dialog.open()

    window.set_preferences(open_dialog)
