"""Composition root of the kiosk application: backend, client, controller, window, shutdown.

This is the one place that wires the parts together. Everything it builds is torn down once, in
order, when Qt is about to quit: the worker thread first, then the sandbox, then the client.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import itertools
import logging
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kiosk.backend import BackendStarter, configured_credentials, open_backend
from kiosk.core.redact import redact
from kiosk.core.settings import Settings, Spec, check, number, override
from kiosk.core.verdict import Thresholds
from kiosk.sandbox import DEFAULT_PORT

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from kiosk.core.journal_writer import JournalWriter
    from kiosk.core.models import CreatedSession
    from kiosk.core.poller import SessionRunner
    from kiosk.core.secrets import PinGuard
    from kiosk.core.state import ActiveSession
    from kiosk.ui.controller import KioskController
    from kiosk.ui.lockdown import Lockdown
    from kiosk.ui.operator_panel import OperatorPanel
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

DEMO_ROTATION = ("pass", "fail_liveness", "pass", "no_match", "pass", "fail_deepfake", "expire")

# Options that override a setting (argparse dest -> setting key). Their values stay text until
# the setting's own rule checks them, exactly as a value from the file or a KIOSK_* variable.
OPTION_SETTINGS = {
    "base_url": "backend",
    "app_id": "app_id",
    "scopes": "scopes",
    "ttl": "ttl_sec",
    "poll_interval": "poll_interval",
    "walk_away": "walk_away_seconds",
    "result_seconds": "result_seconds",
    "min_similarity": "min_similarity",
}
# Options that are not settings, with rules of the same kind.
OPTION_RULES = {
    "port": Spec("sandbox port", number(0, 65535, True), "a whole number from 0 (any) to 65535"),
    "step_seconds": Spec("demo pace", number(0.01, 3600), "a number from 0.01 to 3600"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``kiosk run`` (the default command)."""
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="a normal window for operator desktops (default: locked full-screen kiosk mode)",
    )
    parser.add_argument("--hide-cursor", action="store_true", help="kiosk mode: hide the pointer")
    parser.add_argument(
        "--demo",
        nargs="?",
        const=",".join(DEMO_ROTATION),
        metavar="SCENARIOS",
        help="showroom mode on the sandbox: sessions start by themselves and play these "
        "scenarios in turn (default: a mix of passes and failures)",
    )
    parser.add_argument("--base-url", help="Verification Link server (default: embedded sandbox)")
    # Options left out fall back to the settings file (then KIOSK_* variables, then defaults).
    parser.add_argument("--settings", metavar="PATH", help="settings file (default: the kiosk's)")
    parser.add_argument("--app-id", help="APP-ID (setting app_id)")
    parser.add_argument(
        "--app-key-env",
        default="KIOSK_APP_KEY",
        metavar="NAME",
        help="environment variable holding the APP-KEY (default %(default)s)",
    )
    # No type=: each value is checked by its setting's rule in apply_settings().
    parser.add_argument("--scopes", help="checks to request, comma-separated")
    parser.add_argument("--ttl", help="session lifetime, s (setting ttl_sec)")
    parser.add_argument("--poll-interval", help="seconds between reads")
    parser.add_argument("--walk-away", help="idle after N s unscanned")
    parser.add_argument("--result-seconds", help="result shown N s")
    parser.add_argument("--min-similarity", help="match threshold")
    parser.add_argument(
        "--local",
        action="store_true",
        help="sandbox listens on 127.0.0.1 only (default: all interfaces, so phones can reach it)",
    )
    parser.add_argument("--port", default=DEFAULT_PORT, help="sandbox port (default %(default)s)")
    parser.add_argument("--step-seconds", default=2.0, help="sandbox: pace of demo scenarios")
    parser.add_argument("--journal", metavar="PATH", help="session journal file (SQLite)")
    parser.add_argument("--no-journal", action="store_true", help="do not record sessions")


def apply_settings(args: argparse.Namespace, settings: Settings) -> argparse.Namespace:
    """Check every option by its setting's rule, and fill those left out from ``settings``.

    Raises:
        SettingsError: an option's value is wrong (the message names it and the valid range).
    """
    given = {
        key: (_flag(dest), getattr(args, dest))
        for dest, key in OPTION_SETTINGS.items()
        if getattr(args, dest, None) is not None
    }
    settings = override(settings, given)
    filled = argparse.Namespace(**vars(args))
    for dest, rule in OPTION_RULES.items():
        flag = _flag(dest)
        value = getattr(args, dest)
        setattr(filled, dest, check(dest, rule, value, f"option {flag}", f"Fix {flag}."))
    defaults = {
        "base_url": settings.base_url,
        "app_id": settings.app_id or None,
        "scopes": ",".join(settings.scopes),
        "ttl": float(settings.ttl_sec),
        "poll_interval": settings.poll_interval,
        "walk_away": settings.walk_away_seconds,
        "result_seconds": settings.result_seconds,
        "min_similarity": settings.min_similarity,
    }
    for name, value in defaults.items():
        setattr(filled, name, value)  # the options are in `settings` now, checked
    filled.windowed = args.windowed or not settings.kiosk_mode
    filled.hide_cursor = args.hide_cursor or settings.hide_cursor
    filled.settings_in_force = settings
    return filled


def _flag(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def demo_scenarios(text: str) -> list[str]:
    """The scenario names of ``--demo``, checked; an empty list means the default rotation."""
    from kiosk.sandbox.store import Scenario

    names = [s.strip() for s in text.split(",") if s.strip()] or list(DEMO_ROTATION)
    unknown = [n for n in names if n not in {s.value for s in Scenario}]
    if unknown:
        known = ", ".join(s.value for s in Scenario)
        raise SystemExit(f"error: unknown --demo scenario {', '.join(unknown)}; use {known}.")
    return names


def runner_factory(
    starter: BackendStarter,
    args: argparse.Namespace,
    scenarios: Iterator[str] | None = None,
    resume: CreatedSession | None = None,
) -> Callable[[], SessionRunner]:
    """A function that builds the runner of the next session (called on the worker thread).

    ``scenarios`` (sandbox only) gives each new session the next scripted outcome; by default
    ``--demo`` cycles through its list.
    """
    scopes = [s.strip() for s in args.scopes.split(",") if s.strip()]
    demo = scenarios
    if demo is None and args.demo is not None and resume is None:
        demo = itertools.cycle(demo_scenarios(args.demo))

    settings: Settings = getattr(args, "settings_in_force", None) or Settings()

    def make() -> SessionRunner:
        from kiosk.core.poller import PollPolicy, SessionRunner

        backend, client = starter.get()
        policy = PollPolicy(interval=args.poll_interval, active_interval=args.poll_interval / 2)
        metadata: dict[str, Any] = {"kiosk": socket.gethostname(), **settings.metadata}
        if demo is not None:
            metadata["sandbox"] = {"scenario": next(demo)}
        return SessionRunner(
            client,
            scopes=scopes,
            trusted_origins=backend.trusted_origins,
            metadata=metadata,
            ttl_sec=args.ttl,
            callback_url=settings.callback_url or None,
            return_url=settings.return_url or None,
            policy=policy,
            resume=resume,
        )

    return make


def run(args: argparse.Namespace) -> int:
    """Start the kiosk and run Qt's event loop until quit."""
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.controller import ControllerOptions, KioskController
    from kiosk.ui.window import KioskWindow

    if args.demo is not None:
        demo_scenarios(args.demo)  # refuse a wrong name before anything starts
    configured_credentials(args)  # a missing key stops here, with a message, before any window
    sandbox = not args.base_url
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("verification-kiosk")
    with contextlib.ExitStack() as teardown:
        # Signals first: a SIGTERM while the kiosk starts must still end it cleanly.
        quit_requested = teardown.enter_context(_routed_signals(app))
        starter = BackendStarter(functools.partial(open_backend, args))
        teardown.callback(starter.close)
        options = ControllerOptions(
            walk_away_seconds=args.walk_away,
            result_seconds=args.result_seconds,
            thresholds=Thresholds(min_similarity=args.min_similarity),
            demo_start_seconds=3.0 if args.demo is not None else None,
        )
        # A configured backend outlives the kiosk, so its live session can be resumed after a
        # crash; the embedded sandbox's sessions end with the process.
        live = None if sandbox else KeyringLiveStore(args.base_url)
        controller = KioskController(runner_factory(starter, args), options, live_store=live)
        # Runs first on the way out (ExitStack unwinds in reverse): threads before servers.
        teardown.callback(controller.shutdown)
        app.aboutToQuit.connect(controller.shutdown)
        teardown.callback(_route_crashes(controller.crash))
        window = KioskWindow(controller, sandbox=sandbox)
        lockdown = None
        if args.windowed:
            window.resize(1280, 800)
            window.show()
        else:
            from kiosk.ui.lockdown import Lockdown

            lockdown = Lockdown(window, hide_cursor=args.hide_cursor)
            # Without a window manager (a bare X server on a kiosk) full screen means nothing
            # unless the window already covers the screen.
            window.setGeometry(app.primaryScreen().geometry())
            window.showFullScreen()
        # The backend and the journal open once the idle screen is on screen: neither is
        # needed before a tap.
        window.first_painted.connect(starter.start)
        window.first_painted.connect(lambda: log.info("idle screen shown"))
        window.first_painted.connect(lambda: controller.attach_journal(_open_journal(args)))
        window.first_painted.connect(
            lambda: _add_operator_shortcut(window, controller, starter, args, lockdown)
        )
        if live is not None:
            window.first_painted.connect(lambda: _resume(controller, starter, args))
        log.info("kiosk ready")
        if quit_requested.is_set():
            return 0
        return app.exec()
    return 0  # pragma: no cover - the with block returns


def _open_journal(args: argparse.Namespace) -> JournalWriter | None:
    """The session journal's writer, or None with ``--no-journal``.

    The file is opened on the writer's own thread: a locked, damaged or unwritable journal
    never stops the kiosk from verifying people; the writer logs the problem and the operator
    panel shows it, and rows wait in the queue until the journal can take them.
    """
    if args.no_journal:
        return None
    from kiosk import paths
    from kiosk.core.journal_writer import JournalWriter

    path = Path(args.journal) if args.journal else paths.journal_path()
    settings: Settings = getattr(args, "settings_in_force", None) or Settings()
    log.info("journal: %s", path)
    return JournalWriter(
        path, keep_days=settings.journal_days, demography=settings.journal_demography
    )


class KeyringLiveStore:
    """Keeps the live session in the OS keyring (never a file: it holds the token)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def save(self, session: ActiveSession, journal_row: int | None) -> None:
        from kiosk.core.secrets import save_live_session

        record = {
            "base_url": self.base_url,
            "session_id": session.session_id,
            "token": session.token,
            "url": session.url,
            "scopes": list(session.scopes),
            "journal_row": journal_row,
        }
        try:
            save_live_session(record)
        except Exception:  # no keyring: the session still runs, it just cannot be resumed
            log.warning("the live session could not be kept for resuming after a restart")

    def clear(self) -> None:
        from kiosk.core.secrets import clear_live_session

        with contextlib.suppress(Exception):
            clear_live_session()


def _resume(controller: KioskController, starter: BackendStarter, args: argparse.Namespace) -> None:
    """Pick up the session a previous run was following when it stopped (crash, power cut)."""
    from kiosk.core.models import CreatedSession
    from kiosk.core.secrets import load_live_session

    try:
        record = load_live_session()
    except Exception:
        return
    if not record or record.get("base_url") != args.base_url:
        return
    try:
        created = CreatedSession(record["session_id"], record["token"], record["url"])
    except (KeyError, TypeError):
        return
    log.info("resuming session %s after a restart", created.session_id)
    resumed = argparse.Namespace(**vars(args))
    resumed.scopes = ",".join(record.get("scopes") or []) or args.scopes
    controller.resume(runner_factory(starter, resumed, resume=created), record.get("journal_row"))


def _add_operator_shortcut(
    window: KioskWindow,
    controller: KioskController,
    starter: BackendStarter,
    args: argparse.Namespace,
    lockdown: Lockdown | None,
) -> None:
    """Ctrl+Alt+O opens the operator panel (built on first use) behind the PIN."""
    from PySide6.QtGui import QKeySequence, QShortcut

    from kiosk import paths

    panel: list[OperatorPanel] = []

    def pin_guard() -> PinGuard | str:
        from kiosk.core.secrets import KeyringUnavailable, PinGuard, stored_pin

        try:
            stored = stored_pin()
        except KeyringUnavailable as exc:
            return str(exc)
        if not stored:
            return "No operator PIN is set: run `kiosk secrets set-pin` on this machine."
        return PinGuard(stored, paths.data_dir() / "pin-state.json")

    def check() -> tuple[bool, str]:
        from kiosk.core.connection import check_connection

        return check_connection(starter.get()[1])

    def export_path() -> str | None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(window, "Export sessions", "sessions.csv")
        return chosen or None

    def open_panel() -> None:
        if not panel:
            from kiosk.ui.operator_panel import OperatorPanel

            settings_path = Path(args.settings) if args.settings else paths.settings_path()
            panel.append(
                OperatorPanel(
                    window,
                    pin_guard=pin_guard,
                    journal=lambda: controller.journal,
                    check=check,
                    settings_path=settings_path,
                    lockdown=lockdown,
                    export_path=export_path,
                    warnings=lambda: list(getattr(args, "storage_warnings", [])),
                )
            )
        panel[0].open_panel()

    shortcut = QShortcut(QKeySequence("Ctrl+Alt+O"), window)
    shortcut.activated.connect(open_panel)


def _route_crashes(show: Callable[[str], None]) -> Callable[[], None]:
    """Send uncaught exceptions to the log and to the error screen instead of killing the kiosk."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(kind, value, tb))
        with contextlib.suppress(Exception):
            show(redact(f"{kind.__name__}: {value}"))

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore


@contextlib.contextmanager
def _routed_signals(app: QObject) -> Iterator[threading.Event]:
    """Make SIGINT and SIGTERM quit Qt's loop cleanly; yields an event set by either signal.

    Python runs signal handlers only when it gets control; a wake-up socket watched by Qt gives
    it control as soon as a signal arrives, with no polling timer. A signal that comes before
    the loop runs is remembered in the event.
    """
    from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

    requested = threading.Event()
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifiers: list[QSocketNotifier] = []

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    def watch() -> None:
        notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
        notifier.activated.connect(drain)
        notifiers.append(notifier)

    def on_signal(*_: object) -> None:
        requested.set()
        # exit() ends the loop without asking windows to close (a locked kiosk would refuse).
        QCoreApplication.exit(0)

    # The notifier is made once the loop runs: its enum argument is the first Qt enum use, which
    # costs ~16 ms that the first paint need not wait for. Until then a signal is still caught
    # (the handler runs at Python's next step) and remembered in `requested`.
    QTimer.singleShot(0, watch)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    previous = {n: signal.signal(n, on_signal) for n in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield requested
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(previous_fd)
        for notifier in notifiers:
            notifier.setEnabled(False)
        reader.close()
        writer.close()
