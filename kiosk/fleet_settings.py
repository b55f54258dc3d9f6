"""Glue: the settings IT sets on a hub (``kiosk.core.remote_settings``), in the window.

At start, before the window is built, the last good copy kept from the hub (if it is this
hub's and this kiosk's) is folded into the settings, so everything starts with IT's values,
those read only at start (the journal's) included. After the first paint a thread fetches
the hub's current version, then again every minute while the kiosk is idle (never during a
session); a new version is applied on the GUI thread when the kiosk is idle, or as soon as it
is back at idle. What can change in a running kiosk (``kiosk.core.settings.REMOTE_LIVE``) is
applied at once; the rest is logged and takes effect at the next start.

Precedence (docs/HUB.md): defaults < settings file < the hub < environment variables <
command-line options. Local-only keys are never taken from the hub whatever it sends.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.core import remote_settings
from kiosk.core.deadline import bounded
from kiosk.core.remote_settings import Answer, SettingsCache, effective
from kiosk.core.settings import REMOTE_LIVE, SPECS, Settings, SettingsError, env_name
from kiosk.core.state import KioskState, Phase

if TYPE_CHECKING:
    from kiosk.backend import BackendConfig
    from kiosk.config import KioskConfig
    from kiosk.core.credentials import Credentials
    from kiosk.core.poller import SessionRunner
    from kiosk.core.remote_settings_client import RemoteSettingsClient
    from kiosk.ui.controller import KioskController
    from kiosk.ui.i18n import Languages
    from kiosk.ui.language_switch import LanguageSwitch
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

# What the window draws with: changed at idle, the window re-styles and rebuilds its screens.
_LOOK = frozenset({"theme", "text_scale", "public_result", "reduce_motion", "min_similarity"})


@dataclass
class Remote:
    """A kiosk's remote settings: the local ones (``base``), the keys pinned locally, the
    last good copy, and the settings in force (``settings``, read by each new session)."""

    config: KioskConfig
    base: Settings
    pinned: frozenset[str]
    cache: SettingsCache
    client: Callable[[], RemoteSettingsClient]
    settings: Settings
    etag: str | None = None

    @property
    def current(self) -> KioskConfig:
        """The configuration with the settings in force (for the next session)."""
        return replace(self.config, settings=self.settings)


def pinned_keys(config: KioskConfig, environ: Mapping[str, str] | None = None) -> frozenset[str]:
    """The keys set by an environment variable or a command-line option: those stay over the
    hub's. Options are those the parser gave (``config.command_line``: an abbreviated one, or
    one repeating the file's value, included), and any value that differs from the file's and
    the environment's (a configuration built otherwise)."""
    from kiosk.core.settings import load

    env = os.environ if environ is None else environ
    pinned = {key for key in SPECS if env_name(key) in env}
    try:
        from_file = load(config.settings_path, env)  # the file and the environment
    except SettingsError:
        from_file = config.settings
    pinned |= {k for k in SPECS if getattr(from_file, k) != getattr(config.settings, k)}
    return frozenset(pinned | config.command_line)


def prepare(config: KioskConfig, backend: BackendConfig) -> tuple[KioskConfig, Remote | None]:
    """``config`` with the kept copy of the hub's settings folded in, and the remote state;
    ``(config, None)`` for the embedded sandbox (never a hub)."""
    if backend.base_url is None or backend.credentials is None:
        return config, None
    from kiosk import paths

    base_url, credentials = backend.base_url, backend.credentials
    cache = SettingsCache(
        paths.data_dir() / remote_settings.CACHE_NAME, base_url, credentials.app_id
    )
    pinned = pinned_keys(config)
    kept = cache.load()
    settings = config.settings
    if kept is not None:
        settings = effective(config.settings, kept.values, pinned)
        log.info("remote settings: version %s kept from the hub, until it answers", kept.version)
    remote = Remote(
        config,
        config.settings,
        pinned,
        cache,
        lambda: _client(base_url, credentials),
        settings,
        kept.etag if kept is not None else None,
    )
    return replace(config, settings=settings), remote


def _client(base_url: str, credentials: Credentials) -> RemoteSettingsClient:
    from kiosk.core.remote_settings_client import RemoteSettingsClient  # httpx: off the idle path

    return RemoteSettingsClient(base_url, credentials)


def live_runner(
    remote: Remote, make: Callable[[KioskConfig], Callable[[], SessionRunner]]
) -> Callable[[], SessionRunner]:
    """A runner factory that builds each session from the settings in force at its start
    (``make`` is ``sessions.runner_factory`` bound to everything but the configuration)."""
    return lambda: make(remote.current)()


class RemoteSettingsThread(QThread):
    """Runs :func:`kiosk.core.remote_settings.run` (fetch now, then every ``interval`` seconds
    while idle) and emits ``fetched(Answer)`` for each new version. Stopped and waited for on
    the way out, a request in flight aborted."""

    fetched = Signal(object)
    QUIT_WAIT_MS = 1500

    def __init__(
        self,
        remote: Remote,
        idle: Callable[[], bool],
        interval: float = remote_settings.DEFAULT_INTERVAL,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._remote = remote
        self._idle = idle
        self._interval = interval
        self._stop = threading.Event()
        self.setObjectName("remote-settings")

    def stop(self) -> None:
        self._stop.set()

    def stop_and_wait(self) -> None:
        self.stop()
        if self.isRunning() and not self.wait(self.QUIT_WAIT_MS):
            log.error("the remote settings thread did not stop in time")

    def run(self) -> None:
        try:
            from kiosk.core.remote_settings_client import run

            with bounded(stop=self._stop):
                client = self._remote.client()
                try:
                    run(
                        client,
                        self._remote.cache,
                        self._stop,
                        self._idle,
                        self.fetched.emit,
                        interval=self._interval,
                        etag=self._remote.etag,
                    )
                finally:
                    client.close()
        except Exception:  # the kiosk runs on with the settings it has
            log.exception("remote settings stopped")


class RemoteSettings(QObject):
    """Applies each version the thread fetched, at idle only (see the module's docstring)."""

    applied = Signal(object)
    """The settings in force after a version was applied."""

    def __init__(
        self,
        remote: Remote,
        controller: KioskController,
        window: KioskWindow,
        languages: Languages | None = None,
        switch: LanguageSwitch | None = None,
        interval: float = remote_settings.DEFAULT_INTERVAL,
    ) -> None:
        super().__init__(window)
        self.remote = remote
        self.controller = controller
        self.window = window
        self.languages = languages
        self.switch = switch
        self._pending: Answer | None = None
        self.fetcher = RemoteSettingsThread(
            remote, lambda: controller.state.phase is Phase.IDLE, interval, self
        )
        self.fetcher.fetched.connect(self.offer)
        controller.state_changed.connect(self._on_state)

    def start(self) -> None:
        self.fetcher.start()

    def stop_and_wait(self) -> None:
        self.fetcher.stop_and_wait()

    @Slot(object)
    def offer(self, answer: Answer) -> None:
        """A new version: applied now if the kiosk is idle, else when it is back at idle."""
        self._pending = answer
        self._apply_if_idle()

    def _on_state(self, state: KioskState) -> None:
        if state.phase is Phase.IDLE:
            self._apply_if_idle()

    def _apply_if_idle(self) -> None:
        if self._pending is None or self.controller.state.phase is not Phase.IDLE:
            return
        answer, self._pending = self._pending, None
        self.apply(answer)

    def apply(self, answer: Answer) -> None:
        """Put ``answer``'s values in force (the kiosk is idle)."""
        old = self.remote.settings
        new = effective(self.remote.base, answer.values, self.remote.pinned)
        changed = {k for k in SPECS if getattr(new, k) != getattr(old, k)}
        self.remote.settings = new
        live, later = sorted(changed & REMOTE_LIVE), sorted(changed - REMOTE_LIVE)
        if live:
            self._apply_live(new, set(live))
            log.info("remote settings version %s applied: %s", answer.version, ", ".join(live))
        if later:
            log.info("remote settings %s take effect at the next start", ", ".join(later))
        self.applied.emit(new)

    def _apply_live(self, new: Settings, changed: set[str]) -> None:
        controller, window = self.controller, self.window
        options = controller.options
        controller.options = replace(
            options,
            walk_away_seconds=new.walk_away_seconds,
            result_seconds=new.result_seconds,
            thresholds=replace(options.thresholds, min_similarity=new.min_similarity),
        )
        if changed & _LOOK:
            from kiosk.ui.theme import THEMES, branded

            theme = THEMES[new.theme]
            window.theme = branded(theme, window.brand)[0] if window.brand else theme
            window.text_scale = new.text_scale / 100
            window.discreet_result = new.public_result == "discreet"
            window.reduce_motion = new.reduce_motion
            window.apply_look()
        languages = self.languages
        if "language" in changed and languages is not None:
            before, languages.default = languages.default, new.language
            # A visitor's own choice stands; the idle screen's timer brings the new default.
            if languages.current == before and self.switch is not None:
                self.switch.choose(new.language)
