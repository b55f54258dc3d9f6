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
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from kiosk.config import KioskConfig
    from kiosk.core.journal_writer import JournalWriter
    from kiosk.core.poller import SessionRunner
    from kiosk.desk.customer_link import CustomerLink
    from kiosk.desk.desk_sessions import DeskSessions
    from kiosk.desk.handoff_worker import HandoffQueue
    from kiosk.desk.tray import DeskTray
    from kiosk.desk.window import DeskWindow
    from kiosk.desk.wiring import JournalLink

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
    history: JournalLink | None = None
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
        if self.history is not None:
            self.history.close()
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
    from kiosk.desk import look, wiring
    from kiosk.desk.desk_sessions import DeskSessions
    from kiosk.desk.window import DeskWindow
    from kiosk.ui.theme import THEMES

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
    look.apply(window, THEMES[settings.theme], settings.text_scale / 100)
    customer = wiring.customer(window, desk_sessions, config)
    handoff = wiring.handoff(window, desk_sessions, config)
    desk = Desk(
        window, desk_sessions, journal, customer, wiring.tray(window, desk_sessions), handoff
    )
    desk.history = wiring.JournalLink(window, journal)
    wiring.preferences(window, config, customer, handoff)
    return desk


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
    _install_qt_words(app, languages.current)
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


def _install_qt_words(app: QCoreApplication, language: str) -> None:
    """Qt's own words in the desk's language (the standard buttons Cancel, OK, Yes and No, the
    file dialogs), from the translations PySide6 ships; English when they are missing."""
    if language == "en":
        return
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
    else:
        log.info("Qt's own %s words are not installed; its buttons stay in English", language)


def _crash_message(desk: Desk) -> Callable[[str], None]:
    """An unexpected error becomes a line in the status bar (logged in full), never a
    traceback on screen; the sessions go on."""

    def show(message: str) -> None:
        from PySide6.QtCore import QCoreApplication

        desk.window.statusBar().showMessage(
            QCoreApplication.translate("DeskWindow", "Unexpected error (logged): %1").replace(
                "%1", message
            ),
            15_000,
        )

    return show
