"""``kiosk desk``: the operator desk's start-up and teardown, as :func:`kiosk.app.run` does for
the kiosk.

The desk runs on the same backend as ``kiosk run`` (the embedded sandbox unless the settings
name a server) with the same settings file and journal. :func:`build` assembles the parts
(sessions, window, journal, hand-off) so tests build exactly what the command runs;
:meth:`Desk.shutdown` takes them down in order: every session worker first (stopped together,
waited for within one budget), then the hand-off queue, then the journal (its queued rows
written), and last (in :func:`run`) the backend. SIGINT and SIGTERM quit Qt's loop cleanly
(:mod:`kiosk.crashsignal`), which runs the same teardown.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import os
import socket
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import crashsignal, sessions
from kiosk.backend import BackendStarter, CredentialsMissing, open_backend

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kiosk.config import KioskConfig
    from kiosk.core.journal_writer import JournalWriter
    from kiosk.core.poller import SessionRunner
    from kiosk.desk.customer_link import CustomerLink
    from kiosk.desk.desk_sessions import DeskSessions
    from kiosk.desk.handoff_worker import HandoffQueue
    from kiosk.desk.tray import DeskTray
    from kiosk.desk.window import DeskWindow

log = logging.getLogger(__name__)


@dataclass
class Desk:
    """The desk's parts, built by :func:`build`."""

    window: DeskWindow
    sessions: DeskSessions
    journal: JournalWriter | None
    customer: CustomerLink
    tray: DeskTray
    handoff: HandoffQueue
    _shut_down: bool = False

    def shutdown(self) -> None:
        """Stop every thread the desk started and wait for it; close the journal. Idempotent
        (connected to ``aboutToQuit`` and run again by :func:`run`'s teardown)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.window.save_geometry()
        self.sessions.shutdown()  # journals live sessions as interrupted first
        self.handoff.stop_and_wait()  # results left waiting are logged; their rows are kept
        self.customer.close()
        self.tray.hide()
        if self.journal is not None:
            self.journal.close()


def build(
    config: KioskConfig,
    starter: BackendStarter,
    *,
    journal: JournalWriter | None = None,
    scenarios: Iterator[str] | None = None,
    geometry_path: Path | None = None,
    confirm_quit: Callable[[QWidget, int], bool] | None = None,
) -> Desk:
    """The desk's sessions and window on ``starter``'s backend (not shown yet).

    Args:
        journal: the journal's writer (closed by :meth:`Desk.shutdown`); None: not recorded.
        scenarios: (sandbox only) each new session's scripted outcome, in turn; default: the
            ``--demo`` list, cycled, when one was given.
        geometry_path, confirm_quit: as for :class:`DeskWindow`.
    """
    from kiosk.core.verdict import Thresholds
    from kiosk.desk.desk_sessions import DeskSessions
    from kiosk.desk.window import DeskWindow

    settings = config.settings
    if scenarios is None and config.demo is not None:
        scenarios = itertools.cycle(config.demo)

    def make_runner(reference: str | None, scopes: tuple[str, ...]) -> Callable[[], SessionRunner]:
        # One factory per session: its reference and checks; the scenarios are shared, so
        # each session takes the next one.
        return sessions.runner_factory(
            starter,
            config,
            scenarios=scenarios,
            scopes=scopes,
            reference=reference,
        )

    desk_sessions = DeskSessions(
        make_runner,
        thresholds=Thresholds(min_similarity=settings.min_similarity),
        ttl_seconds=float(settings.ttl_sec),
        journal=journal,
        station=socket.gethostname(),
    )
    extra = {} if confirm_quit is None else {"confirm_quit": confirm_quit}
    window = DeskWindow(
        desk_sessions,
        desk_scopes=settings.desk_scopes,
        default_scopes=settings.scopes,
        geometry_path=geometry_path,
        **extra,  # type: ignore[arg-type]
    )
    desk_sessions.setParent(window)
    customer = _customer(window, desk_sessions, config)
    tray = _tray(window, desk_sessions)
    handoff = _handoff(window, desk_sessions, config)
    return Desk(window, desk_sessions, journal, customer, tray, handoff)


def _handoff(window: DeskWindow, desk_sessions: DeskSessions, config: KioskConfig) -> HandoffQueue:
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

    def finished(key: int) -> None:
        session = desk_sessions.get(key)
        if session is None or session.summary is None or session.cancelled:
            return
        if session.state.phase not in (Phase.RESULT, Phase.ENDED):
            return
        if queue.submit(session.summary):
            desk_sessions.set_handoff(key, window.tr("sending…"), failed=False)

    def report(session_id: str, message: str, *, failed: bool) -> None:
        key = desk_sessions.key_of(session_id)
        if key is not None:
            desk_sessions.set_handoff(key, message, failed=failed)
        if failed:
            window.statusBar().showMessage(
                window.tr("The hand-off failed: %1").replace("%1", message), 15_000
            )

    desk_sessions.finished.connect(finished)
    queue.delivered.connect(lambda session_id, message: report(session_id, message, failed=False))
    queue.failed.connect(lambda session_id, message: report(session_id, message, failed=True))
    return queue


def _customer(window: DeskWindow, desk_sessions: DeskSessions, config: KioskConfig) -> CustomerLink:
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
        CustomerDisplay(view, parent=window),
        language=settings.language,
        result_seconds=settings.result_seconds,
    )
    window.attach_customer(link)
    link.configure(settings.desk_customer_screen)
    return link


def _tray(window: DeskWindow, desk_sessions: DeskSessions) -> DeskTray:
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


def run(config: KioskConfig) -> int:
    """Open the desk window and run Qt's event loop until quit."""
    from PySide6.QtWidgets import QApplication

    try:  # a missing key stops here, with a message, before any window
        backend = config.backend()
    except CredentialsMissing as exc:
        raise SystemExit(f"error: {exc}") from exc
    if QApplication.instance() is None:  # Qt aborts the process without a display: say why
        from kiosk.display import display_problem

        if (problem := display_problem(os.environ)) is not None:
            raise SystemExit(f"error: {problem}")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("verification-kiosk")
    from kiosk.ui import shipped_look
    from kiosk.ui.i18n import Languages

    shipped_look.install_fonts(app)
    languages = Languages(app, config.settings.language)  # the desk's own language
    languages.reset()
    from kiosk.app import _open_journal

    with contextlib.ExitStack() as teardown:
        quit_requested = teardown.enter_context(crashsignal.routed_signals(app))
        starter = BackendStarter(functools.partial(open_backend, backend))
        teardown.callback(starter.close)  # last: the sandbox outlives every session thread
        desk = build(config, starter, journal=_open_journal(config))
        teardown.callback(desk.shutdown)
        app.aboutToQuit.connect(desk.shutdown)
        teardown.callback(crashsignal.route_crashes(_crash_message(desk)))
        desk.window.show()
        shipped_look.install_icon(app)
        starter.start()  # the first Start waits for it, which it almost never has to
        log.info("desk ready")
        if quit_requested.is_set():
            return 0
        return app.exec()
    return 0  # pragma: no cover - the with block returns


def _crash_message(desk: Desk) -> Callable[[str], None]:
    """An unexpected error becomes a line in the status bar (logged in full), never a
    traceback on screen; the sessions go on."""

    def show(message: str) -> None:
        desk.window.statusBar().showMessage(
            desk.window.tr("Unexpected error (logged): %1").replace("%1", message), 15_000
        )

    return show
