"""Composition root of the kiosk window: builds the parts from one :class:`KioskConfig` and
connects them.

Everything it builds is torn down once, in order, when Qt is about to quit: the worker thread
first, then the sandbox, then the client. What the idle screen does not need (the backend, the
journal, the operator panel's shortcut, a session to resume) is connected to the window's first
paint, so a cold start waits only for what draws it.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
from typing import TYPE_CHECKING

# The Qt-free modules the window's path needs, imported before PySide6 on purpose: PySide6
# installs an import hook that reads the source of every module imported after it (looking for
# `from __feature__`), ~5 ms over these that the first paint need not wait for.
import kiosk.core.deadline
import kiosk.core.journal_writer
import kiosk.core.sdnotify
import kiosk.core.state
import kiosk.core.verdict  # noqa: F401
from kiosk import crashsignal, sessions
from kiosk.backend import BackendStarter, CredentialsMissing, open_backend

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kiosk.config import KioskConfig
    from kiosk.core.brand import Brand
    from kiosk.core.journal_writer import JournalWriter
    from kiosk.ui.controller import KioskController
    from kiosk.ui.lockdown import Lockdown
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


def run(config: KioskConfig) -> int:
    """Start the kiosk and run Qt's event loop until quit."""
    from PySide6.QtWidgets import QApplication

    from kiosk.core.verdict import Thresholds
    from kiosk.ui.controller import ControllerOptions, KioskController
    from kiosk.ui.window import KioskWindow

    try:  # a missing key stops here, with a message, before any window
        backend = config.backend()
    except CredentialsMissing as exc:
        raise SystemExit(f"error: {exc}") from exc
    remote = None
    if backend.base_url is not None:  # it may be a hub: IT's settings, as last kept, fold in
        from kiosk import fleet_settings

        config, remote = fleet_settings.prepare(config, backend)
    settings = config.settings
    brand = _brand(settings.brand_dir)
    if QApplication.instance() is None:  # Qt aborts the process without a display: say why first
        from kiosk.display import display_problem

        if (problem := display_problem(os.environ)) is not None:
            raise SystemExit(f"error: {problem}")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("verification-kiosk")
    from kiosk.ui import shipped_look

    shipped_look.install_fonts(app)
    from kiosk.ui.i18n import Languages

    # Before any widget: the screens are built in the configured language.
    languages = Languages(app, settings.language)
    languages.reset()
    with contextlib.ExitStack() as teardown:
        # Signals first: a SIGTERM while the kiosk starts must still end it cleanly.
        quit_requested = teardown.enter_context(crashsignal.routed_signals(app))
        starter = BackendStarter(functools.partial(open_backend, backend))
        teardown.callback(starter.close)
        options = ControllerOptions(
            walk_away_seconds=settings.walk_away_seconds,
            result_seconds=settings.result_seconds,
            thresholds=Thresholds(min_similarity=settings.min_similarity),
            demo_start_seconds=3.0 if config.demo is not None else None,
        )
        # A configured backend outlives the kiosk, so its live session can be resumed after a
        # crash; the embedded sandbox's sessions end with the process.
        live = None
        if backend.base_url is not None:
            from kiosk.core.secrets import KeyringLiveStore

            live = KeyringLiveStore(backend.base_url)
        # The language the visitor picked goes to the phone page (metadata.language).
        runner = functools.partial(
            sessions.runner_factory, starter, language=lambda: languages.current
        )
        controller = KioskController(
            # With a hub, each session is made with the settings in force when it starts.
            runner(config) if remote is None else fleet_settings.live_runner(remote, runner),
            options,
            live_store=live,
        )
        # Runs first on the way out (ExitStack unwinds in reverse): threads before servers.
        teardown.callback(controller.shutdown)
        app.aboutToQuit.connect(controller.shutdown)
        teardown.callback(crashsignal.route_crashes(controller.crash))
        from kiosk.ui.theme import THEMES

        window = KioskWindow(
            controller,
            sandbox=backend.base_url is None,
            theme=THEMES[settings.theme],
            text_scale=settings.text_scale / 100,
            discreet_result=settings.public_result == "discreet",
            reduce_motion=settings.reduce_motion,
            brand=brand,
        )
        from kiosk.ui.language_switch import LanguageSwitch

        switch = LanguageSwitch(window, languages)  # the idle screen's choice; window's child
        lockdown = _show(window, app, config)
        # Under systemd (Type=notify): READY=1 once the idle screen is drawn, then watchdog
        # pings from this (the GUI) thread; it unwinds first, so STOPPING=1 opens the shutdown.
        from kiosk import watchdog

        teardown.enter_context(watchdog.notifying(window))
        # The backend and the journal open once the idle screen is on screen: neither is
        # needed before a tap.
        window.first_painted.connect(starter.start)
        window.first_painted.connect(lambda: log.info("idle screen shown"))
        window.first_painted.connect(lambda: shipped_look.install_icon(app))
        window.first_painted.connect(lambda: controller.attach_journal(_open_journal(config)))
        window.first_painted.connect(
            lambda: _add_operator_shortcut(window, controller, starter, config, lockdown)
        )
        if live is not None:
            from kiosk.resume import resume

            window.first_painted.connect(lambda: resume(controller, starter, config))
            # A configured backend may be a hub: heartbeats for its dashboard (they stop at
            # once if it is not); stopped before the backend closes (the stack unwinds last in).
            from kiosk.fleet_heartbeat import heartbeats

            beats = heartbeats(controller, starter)
            teardown.callback(beats.stop_and_wait)
            window.first_painted.connect(beats.start)
        if remote is not None:  # the hub's settings: fetched after the first paint, at idle
            fleet = fleet_settings.RemoteSettings(remote, controller, window, languages, switch)
            teardown.callback(fleet.stop_and_wait)
            window.first_painted.connect(fleet.start)
        log.info("kiosk ready")
        if quit_requested.is_set():
            return 0
        return app.exec()
    return 0  # pragma: no cover - the with block returns


def _brand(folder: str) -> Brand:
    """The brand in ``folder`` (empty: our neutral one); a brand file that cannot be used
    stops the kiosk with its message, as a wrong setting does."""
    from pathlib import Path

    from kiosk import resources
    from kiosk.core import brand
    from kiosk.core.settings import SettingsError

    try:
        return brand.load(Path(folder) if folder else resources.path("brand"))
    except SettingsError as exc:
        raise SystemExit(f"error: {exc}") from exc


def _show(window: KioskWindow, app: QApplication, config: KioskConfig) -> Lockdown | None:
    """Show the window: resizable, or locked full screen (returning the lockdown)."""
    if config.windowed:
        window.resize(1280, 800)
        window.show()
        return None
    from kiosk.ui.lockdown import Lockdown

    lockdown = Lockdown(window, hide_cursor=config.settings.hide_cursor)
    lockdown.escape_pressed.connect(window.escape)  # Escape cancels, never unlocks
    # Without a window manager (a bare X server on a kiosk) full screen means nothing unless
    # the window already covers the screen.
    window.setGeometry(app.primaryScreen().geometry())
    window.showFullScreen()
    return lockdown


def _open_journal(config: KioskConfig) -> JournalWriter | None:
    """The session journal's writer, or None when sessions are not recorded.

    The file is opened on the writer's own thread: a locked, damaged or unwritable journal
    never stops the kiosk from verifying people; the writer logs the problem and the operator
    panel shows it, and rows wait in the queue until the journal can take them.
    """
    if config.journal is None:
        return None
    from kiosk.core.journal_writer import JournalWriter

    log.info("journal: %s", config.journal)
    settings = config.settings
    return JournalWriter(
        config.journal, keep_days=settings.journal_days, demography=settings.journal_demography
    )


def _add_operator_shortcut(
    window: KioskWindow,
    controller: KioskController,
    starter: BackendStarter,
    config: KioskConfig,
    lockdown: Lockdown | None,
) -> None:
    from kiosk import paths
    from kiosk.ui.operator_access import add_operator_shortcut

    def check() -> tuple[bool, str]:
        from kiosk.core.connection import check_connection

        return check_connection(starter.get()[1])

    add_operator_shortcut(
        window,
        controller,
        check=check,
        settings_path=config.settings_path,
        pin_state=paths.data_dir() / "pin-state.json",
        lockdown=lockdown,
        warnings=lambda: [*config.storage_warnings, *window.brand_warnings],
    )
